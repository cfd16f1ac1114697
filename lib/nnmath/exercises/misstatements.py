"""Checkers for the exercises of the page of common misstatements, tested."""

import numpy as np
import sympy as sp

from ..activations import activation, softmax
from ..data import xor
from ..losses import loss
from ..mlp import MLP
from ..symbols import y, y_hat, z
from . import (
    CannotJudge,
    Incorrect,
    compare_array,
    compare_expr,
    compare_number,
    exercise,
)

LOGITS = np.array([1.0, 2.0, 0.5])  # the exercise's logits
SCALE = 3.0  # the factor the exercise multiplies them by


@exercise(
    "misstatements-ex-half-mse",
    "the per-sample delta of (1/2)(y - y_hat)^2 with a linear output, a SymPy"
    " expression in nm.z and nm.y",
)
def half_mse(answer):
    linear = activation("linear").expr
    if isinstance(answer, sp.Basic):  # y_hat = z for a linear output
        answer = answer.xreplace(
            {s: linear for s in answer.free_symbols if s.name == y_hat.name}
        )
    half = loss("mse").expr / 2
    return compare_expr(
        answer,
        sp.diff(half.subs(y_hat, linear), z),
        symbols=[z, y],
        what="your delta",
        common={
            half.subs(y_hat, linear): "that is the loss itself; the delta is its "
            "derivative with respect to z.",
            sp.diff(loss("mse").expr.subs(y_hat, linear), z): "that is the delta "
            "of the unhalved (y - y_hat)^2; the 1/2 cancels the 2 from the square.",
            sp.diff(half.subs(y_hat, linear), y): "it has the wrong sign: that is the "
            "derivative with respect to y; the inner derivative of y - y_hat with "
            "respect to y_hat is -1.",
        },
    )


@exercise(
    "misstatements-ex-softmax-shift",
    "the softmax of the logits (1, 2, 0.5) multiplied by 3, an array of shape (3,)",
)
def softmax_shift(answer):
    if callable(answer):
        raise CannotJudge(
            "the answer should be an array of three numbers, not a function."
        )
    expected = softmax(SCALE * LOGITS)
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        raise CannotJudge(
            "the answer should be an array of three numbers, got "
            f"{type(answer).__name__}."
        ) from None
    if got.shape == expected.shape:
        known = {
            "that is the softmax of the unscaled logits: multiplying them by 3 "
            "triples their differences, so the softmax changes.": softmax(LOGITS),
            "that is the softmax of the logits divided by 3 (a temperature of 3); "
            "the exercise multiplies them by 3.": softmax(LOGITS / SCALE),
            "you multiplied the probabilities by 3, not the logits.": SCALE
            * softmax(LOGITS),
            "that is the softmax of the logits shifted by 3, which equals the "
            "unshifted one; the exercise scales them.": softmax(LOGITS + SCALE),
        }
        for message, wrong in known.items():
            if np.allclose(got, wrong, rtol=1e-9, atol=0):
                raise Incorrect(f"your softmax is not right: {message}")
        if not np.isclose(got.sum(), 1.0, rtol=1e-9):
            raise Incorrect(
                f"your softmax sums to {got.sum():.6g}, not 1: divide the "
                "exponentials by their sum."
            )
    return compare_array(got, expected, rtol=1e-9, what="your softmax")


def kink_counts(steps: int = 200) -> dict:
    """Pre-activations of the entry-4 network on noisy XOR, counted over training."""
    X, labels = xor(n=64, noise=0.1, seed=0)
    net = MLP([2, 8, 1], hidden="relu", output="sigmoid", loss="bce", seed=0)
    counts = {"exact": 0, "nonpositive": 0, "close": 0}
    for _ in range(steps):
        net.forward(X)
        counts["exact"] += int(np.count_nonzero(net.z[0] == 0.0))
        counts["nonpositive"] += int(np.count_nonzero(net.z[0] <= 0.0))
        counts["close"] += int(np.count_nonzero(np.isclose(net.z[0], 0.0)))
        net.backward(labels)
        net.step(0.5)
    return counts


@exercise(
    "misstatements-ex-relu-kink",
    "the number of hidden pre-activations exactly equal to 0 over the 200 steps,"
    " an integer",
)
def relu_kink(answer):
    counts = kink_counts()
    common = {
        counts["nonpositive"]: "that counts the inactive pre-activations (z <= 0);"
        " the value chosen at the kink is used only where z == 0 exactly."
    }
    if counts["close"] != counts["exact"]:
        common[counts["close"]] = (
            "that counts the pre-activations within np.isclose's tolerance of 0; "
            "the kink's value is used only where z == 0 exactly."
        )
    return compare_number(
        answer, counts["exact"], rtol=0, what="your count", common=common
    )
