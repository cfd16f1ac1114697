"""Checkers for the exercises of the chapter on sigmoid and tanh."""

import numpy as np
import sympy as sp

from ..activations import activation
from ..symbols import z
from . import compare_expr, compare_number, exercise

sigmoid, tanh = activation("sigmoid"), activation("tanh")
p = sp.Symbol("p", positive=True)


@exercise("sigmoid-tanh-ex-second", "sigma''(z) as a SymPy expression in nm.z")
def second(answer):
    s = sigmoid.expr
    return compare_expr(
        answer,
        sp.diff(s, z, 2),
        symbols=[z],
        what="your sigma''",
        common={
            sp.diff(s, z): "that is the first derivative, sigma' = sigma (1 - sigma).",
        },
    )


def _first_below(bound: float) -> int:
    # 0.25^D = 2^(-2D) is exact in float64 down to the subnormals
    return next(d for d in range(1, 2000) if 0.25**d < bound)


@exercise("sigmoid-tanh-ex-underflow", "the number of layers D, an integer")
def underflow(answer):
    tiny = np.finfo(float).tiny
    subnormal = np.nextafter(0.0, 1.0)
    return compare_number(
        answer,
        _first_below(tiny),
        rtol=0,
        what="your D",
        common={
            _first_below(subnormal): "0.25^D first drops below the smallest "
            "subnormal float there; the exercise asks for the smallest normal one, "
            "np.finfo(float).tiny = 2^(-1022).",
        },
    )


@exercise(
    "sigmoid-tanh-ex-logit", "the inverse of the sigmoid, a SymPy expression in p"
)
def logit(answer):
    (inverse,) = sp.solve(sp.Eq(sigmoid.expr, p), z)
    domain = {p: [0.5, 0.01, 0.99, 0.25, 0.75, 0.1, 0.9, 0.3, 0.6]}
    return compare_expr(
        answer,
        inverse,
        symbols=[p],
        domain=domain,
        what="your inverse",
        common={sp.log(p): "sigma(log p) is not p; solve p = 1/(1 + e^(-z)) for z."},
    )


@exercise(
    "sigmoid-tanh-ex-tanh-edge",
    "the positive z where tanh'(z) = 1/100 (a SymPy expression or a float)",
)
def tanh_edge(answer):
    edge = sp.nsolve(tanh.derivative_expr - sp.Rational(1, 100), z, 3)
    return compare_number(
        answer,
        edge,
        rtol=1e-9,
        what="your z",
        common={
            float(sp.acosh(100)): "cosh^2(z) = 100 gives cosh(z) = 10, not 100.",
        },
    )
