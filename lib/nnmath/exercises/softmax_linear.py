"""Checkers for the exercises of the chapter on softmax and the linear output."""

from collections.abc import Callable

import numpy as np
import sympy as sp

from ..activations import activation, log_softmax, softmax
from ..symbols import zs
from . import (
    CannotJudge,
    Incorrect,
    compare_array,
    compare_expr,
    compare_number,
    exercise,
)

z1, z2 = zs[0], zs[1]
TWO_CLASS = sp.exp(z1) / (sp.exp(z1) + sp.exp(z2))
# the expected argument of sigma (tests/exercises prove sigma(DIFFERENCE) = TWO_CLASS)
DIFFERENCE = z1 - z2


@exercise(
    "softmax-linear-ex-two-classes",
    "the t with softmax(z1, z2)_1 = sigma(t), a SymPy expression in nm.zs[0], nm.zs[1]",
)
def two_classes(answer):
    return compare_expr(
        answer,
        DIFFERENCE,
        symbols=[z1, z2],
        what="your argument of sigma",
        common={
            z1: "sigma(z1) would ignore z2; divide the numerator and the denominator "
            "by e^(z1).",
        },
    )


def jacobian_6():
    z6 = np.random.default_rng(seed=21).normal(size=6)
    return activation("softmax").grad(z6)


@exercise(
    "softmax-linear-ex-rank",
    "a pair (rank, v): the rank of the Jacobian and a nonzero v with J v = 0",
)
def rank(answer):
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise CannotJudge("the answer should be a pair (rank, v).")
    rank_got, v = answer
    jac = jacobian_6()
    compare_number(
        rank_got,
        np.linalg.matrix_rank(jac),
        rtol=0,
        what="your rank",
        common={6: "J 1 = 0 (shift invariance), so J is singular."},
    )
    v = np.asarray(v, dtype=float)
    if v.shape != (6,):
        raise Incorrect(f"v has the wrong shape: expected (6,), got {v.shape}.")
    if not np.any(v):
        raise Incorrect("v is the zero vector, which is in every null space.")
    residual = np.abs(jac @ v).max() / np.abs(v).max()
    if residual > 1e-12:
        raise Incorrect(
            f"J v is not 0: its largest entry is {residual:.3g} times the largest "
            "entry of v. Which direction leaves softmax unchanged?"
        )
    return "the rank is K - 1 and v spans the null space."


@exercise(
    "softmax-linear-ex-underflow",
    "a triple (p2, log_p2, function): softmax's second output, its true logarithm,"
    " and the library function that gives it",
)
def underflow(answer):
    if not isinstance(answer, tuple | list) or len(answer) != 3:
        raise CannotJudge("the answer should be a triple (p2, log_p2, function).")
    p2, log_p2, function = answer
    pair = np.array([0.0, -800.0])
    compare_number(p2, softmax(pair)[1], atol=0, what="p2")
    compare_number(
        log_p2,
        log_softmax(pair)[1],
        rtol=1e-12,
        what="log_p2",
        common={-np.inf: "log(0) = -inf; the true value is an ordinary number."},
    )
    if not isinstance(function, Callable):
        raise CannotJudge(
            f"the third entry should be a function, got {function!r:.40}."
        )
    try:
        value = np.asarray(function(pair), dtype=float)
    except Exception as error:
        raise CannotJudge(
            f"calling your function on (0, -800) raised {type(error).__name__}."
        ) from None
    compare_array(
        value, log_softmax(pair), rtol=1e-12, what="your function at (0, -800)"
    )
    return "softmax underflows to 0; log-softmax keeps the logarithm, -800."
