"""Checkers for the exercises of the chapter on initialisation."""

import functools
import math

import numpy as np
import sympy as sp

from ..activations import activation
from ..mlp import INITS
from ..symbols import slope, z
from . import (
    CannotJudge,
    Incorrect,
    _as_float,
    compare_expr,
    compare_function,
    compare_number,
    exercise,
)

_phi = sp.exp(-(z**2) / 2) / sp.sqrt(2 * sp.pi)  # standard normal density


@functools.cache
def _half_moment(m: int) -> sp.Expr:
    """E[z^m; z > 0] for z ~ Normal(0, 1)."""
    return sp.integrate(z**m * _phi, (z, 0, sp.oo))


def _second_moment(expr) -> sp.Expr:
    """E[g(z)^2] for z ~ Normal(0, 1), g polynomial on z <= 0 and on z > 0."""
    square = sp.piecewise_fold(expr**2)
    if isinstance(square, sp.Piecewise):
        (neg, _), (pos, _) = square.args
    else:
        neg = pos = square
    total = 0
    for piece, sign in ((neg, -1), (pos, 1)):
        terms = sp.Poly(sp.expand(piece), z).terms()
        total += sum(c * sign**m * _half_moment(m) for (m,), c in terms)
    return sp.factor(total)


@exercise(
    "initialisation-ex-leaky",
    "the forward variance-preserving gain of Leaky ReLU with slope 0.2, a number",
)
def leaky(answer):
    rho = sp.Rational(1, 5)
    m2 = _second_moment(activation("leaky_relu").expr)  # q = 1
    relu_m2 = _second_moment(activation("relu").expr)
    gain = 1 / sp.sqrt(m2.subs(slope, rho))
    return compare_number(
        answer,
        gain,
        rtol=1e-6,
        what="your gain",
        common={
            1 / sp.sqrt(relu_m2): "that is ReLU's gain, sqrt(2); the negative side "
            "of Leaky ReLU adds rho^2/2 to E[g(z)^2].",
            gain**2: "that is gain^2, the factor in Var[w] = gain^2 / n_l; the gain "
            "is its square root.",
            1 / gain: "that is 1/gain: gain^2 E[g(z)^2] = q, so gain = "
            "sqrt(q / E[g(z)^2]).",
            1 / sp.sqrt(m2.subs(slope**2, rho)): "the negative side contributes "
            "rho^2 = 0.04 (the square of the slope), not rho.",
            1 / sp.sqrt(m2.subs(slope, sp.Rational(1, 100))): "that is the gain for "
            "PyTorch's default slope 0.01; the exercise's slope is 0.2.",
        },
    )


def _xavier_factors():
    """(forward, backward) factor of the 300-100 layer and the pair's forward one."""
    var = INITS["xavier"](300, 100) ** 2
    forward, backward = 300 * var, 100 * var  # linear: E[g^2]/q = E[g'^2] = 1
    second = 100 * INITS["xavier"](100, 300) ** 2  # fan-in 100
    return forward, backward, forward * second


@exercise(
    "initialisation-ex-xavier",
    "a tuple (forward factor, backward factor, forward factor over the pair)",
)
def xavier(answer):
    if isinstance(answer, str) or not hasattr(answer, "__len__") or len(answer) != 3:
        raise CannotJudge(
            "the answer should be a tuple of three numbers: (forward factor, "
            "backward factor, forward factor over the 300-100-300 pair)."
        )
    forward, backward, pair = _xavier_factors()
    got = [_as_float(a, "each factor") for a in answer]
    if math.isclose(got[0], backward) and math.isclose(got[1], forward):
        raise Incorrect(
            "forward and backward are swapped: the forward variance counts the "
            "fan-in n_in = 300, the backward one the fan-out n_out = 100."
        )
    compare_number(
        got[0],
        forward,
        what="your forward factor",
        common={
            1: "Xavier preserves the variance only for square layers; here "
            "the factor is n_in Var[w] with n_in = 300."
        },
    )
    compare_number(got[1], backward, what="your backward factor")
    compare_number(
        got[2],
        pair,
        what="your factor over the pair",
        common={
            forward**2: "the second layer is 100-300: its fan-in is 100, so its "
            "forward factor is the first layer's backward one.",
            1: "the two factors do not cancel: Xavier splits the difference in each "
            "layer, it does not preserve the variance over a pair.",
        },
    )
    return "forward and backward factors, and the pair's, are right."


# Gauss-Legendre nodes on [0, 14] standard deviations, each half-line separately
_t, _w = np.polynomial.legendre.leggauss(300)
_t, _w = 7.0 * (_t + 1.0), 7.0 * _w * np.exp(-((7.0 * (_t + 1.0)) ** 2) / 2)
_w = _w / np.sqrt(2 * np.pi)


def gauss_expect(f, q: float) -> float:
    """E[f(z)] for z ~ Normal(0, q), f a NumPy function; split at the kink z = 0."""
    s = math.sqrt(q)
    return float(_w @ (f(s * _t) + f(-s * _t)))


def gelu_variants():
    """The forward gain of GELU and the functions a slip gives, with its name."""
    gelu = activation("gelu")

    def m2(q):
        return gauss_expect(lambda x: gelu(x) ** 2, q)

    def gain(q):
        return math.sqrt(q / m2(q))

    slips = {
        "that is gain^2; the gain is its square root.": lambda q: q / m2(q),
        "that is inverted: gain^2 E[g(z)^2] = q, so gain = sqrt(q / E[g(z)^2]).": (
            lambda q: math.sqrt(m2(q) / q)
        ),
        "the q in the numerator is missing: gain = sqrt(q / E[g(z)^2]).": (
            lambda q: 1 / math.sqrt(m2(q))
        ),
        "that is the backward gain 1/sqrt(E[g'(z)^2]); the exercise asks for the"
        " forward one.": lambda q: (
            1 / math.sqrt(gauss_expect(lambda x: gelu.grad(x) ** 2, q))
        ),
        "you used the variance of GELU(z); the forward map needs the second "
        "moment E[g(z)^2], in which GELU's positive mean counts.": lambda q: math.sqrt(
            q / (m2(q) - gauss_expect(gelu, q) ** 2)
        ),
    }
    return gain, slips


@exercise(
    "initialisation-ex-gelu",
    "a function of q returning GELU's forward variance-preserving gain",
)
def gelu_gain(answer):
    if not callable(answer):
        raise CannotJudge(
            f"the answer should be a function of q, got {type(answer).__name__}."
        )
    rng = np.random.default_rng(0)
    qs = [1e-3, 0.01, 0.1, 0.5, 1.0, 3.0, 10.0, 100.0, 1e3]
    qs += [float(v) for v in 10 ** rng.uniform(-3, 3, 4)]
    gain, slips = gelu_variants()
    try:
        return compare_function(answer, gain, qs, rtol=1e-6, name="gain")
    except Incorrect:
        for message, slip in slips.items():
            try:
                compare_function(answer, slip, qs, rtol=1e-6, name="gain")
            except (Incorrect, CannotJudge):
                continue
            raise Incorrect(f"your gain is not right: {message}") from None
        raise


c, var_b = sp.symbols("c var_b", positive=True)


@exercise(
    "initialisation-ex-bias-fixed-point",
    "the fixed point q* for ReLU with Var[w] = c/n_l and bias variance var_b, a "
    "SymPy expression in c and var_b",
)
def bias_fixed_point(answer):
    q, q_star = sp.symbols("q q_star", positive=True)
    # E[relu(z)^2] for z ~ Normal(0, q): q times the standard normal one
    m2 = q * _second_moment(activation("relu").expr)
    layer_map = c * m2 + var_b  # n_l Var[w] E[g^2] + Var[b]
    (fixed,) = sp.solve(sp.Eq(layer_map.subs(q, q_star), q_star), q_star)
    return compare_expr(
        answer,
        fixed,
        symbols=[c, var_b],
        domain={c: [0.5, 1.0, 1.5, 0.25, 1.9, 0.1], var_b: [0.5, 1.0, 2.0, 0.1]},
        what="your fixed point",
        common={
            var_b / (1 - c): "ReLU halves the second moment, E[relu(z)^2] = q/2: "
            "the layer map is c q / 2 + Var[b], not c q + Var[b].",
            var_b: "the weights contribute c q / 2 to the next variance too: solve "
            "q = c q / 2 + Var[b] for q.",
            1 / fixed: "that is 1/q*: solve q = c q / 2 + Var[b] for q.",
        },
    )
