"""Checkers for the exercises of the chapter on where the losses come from."""

import functools
import math

import sympy as sp

from ..activations import activation
from ..losses import loss
from ..symbols import gamma, y, y_hat, z
from . import Incorrect, _as_float, compare_expr, compare_number, exercise

xi = sp.Symbol("xi", positive=True)
probs = sp.symbols("s1:4", positive=True)  # a prediction over K = 3 classes


@exercise(
    "likelihood-ex-poisson-curvature",
    "the second derivative of e^z - y z in z, a SymPy expression in nm.z (and nm.y;"
    " nm.y_hat stands for the rate e^z)",
)
def poisson_curvature(answer):
    on_log_rate = loss("poisson").expr.subs(y_hat, sp.exp(z))
    if isinstance(answer, sp.Basic):  # the predicted rate y_hat is e^z
        answer = answer.xreplace(
            {s: sp.exp(z) for s in answer.free_symbols if s.name == y_hat.name}
        )
    return compare_expr(
        answer,
        sp.diff(on_log_rate, z, 2),
        symbols=[z, y],
        domain={y: [0.0, 1.0, 2.0, 5.0, 3.0]},
        what="your second derivative",
        common={
            sp.diff(on_log_rate, z): "that is the first derivative, the delta "
            "e^z - y; differentiate once more.",
            on_log_rate: "that is the loss itself; differentiate it twice.",
            sp.diff(loss("poisson").expr, y_hat, 2).subs(y_hat, sp.exp(z)): "that "
            "is the second derivative with respect to the rate y_hat, y / y_hat^2; "
            "the exercise differentiates with respect to the log-rate z.",
        },
    )


def _expand(e):
    return sp.expand(sp.expand_log(sp.sympify(e), force=True))


@exercise(
    "likelihood-ex-smoothing-split",
    "the term xi H(u, y_hat) that smoothing adds for K = 3, a SymPy expression in "
    "xi and s1, s2, s3",
)
def smoothing_split(answer):
    uniform = [sp.Rational(1, len(probs))] * len(probs)
    cross = -sum(a * sp.log(b) for a, b in zip(uniform, probs, strict=True))
    kl = sum(a * sp.log(a / b) for a, b in zip(uniform, probs, strict=True))
    if isinstance(answer, sp.Basic):
        answer = _expand(answer)
    return compare_expr(
        answer,
        _expand(xi * cross),
        symbols=[xi, *probs],
        what="your term",
        common={
            _expand(xi * kl): "that is xi KL(u || y_hat) alone: H(u, y_hat) = "
            "KL(u || y_hat) + log K, so xi log 3 is missing.",
            _expand(cross): "the uniform part of the smoothed target has weight xi:"
            " the factor xi is missing.",
            _expand((1 - xi) * cross): "the weights are swapped: the one-hot part "
            "has weight 1 - xi, the uniform part xi.",
        },
    )


def _ratio_on_confidence(g):
    """R(p_t) of the focal loss to BCE for a positive label, from the library."""
    p_t = sp.Symbol("p_t", positive=True)
    sigma = activation("sigmoid").expr
    focal = loss("focal").expr.subs({y: 1, y_hat: sigma})
    bce = loss("bce").expr.subs({y: 1, y_hat: sigma})
    ratio = sp.diff(focal, z) / sp.diff(bce, z)
    return ratio.subs(gamma, g).subs(z, sp.log(p_t / (1 - p_t))), p_t


@functools.cache
def _crossover(g) -> float:
    ratio, p_t = _ratio_on_confidence(g)
    return float(sp.nsolve(ratio - 1, p_t, 0.2))


@exercise(
    "likelihood-ex-focal-crossover",
    "the confidence p_t at which R = 1 for gamma = 2, a number in (0, 1), to four"
    " decimal places",
)
def focal_crossover(answer):
    cross = _crossover(2)
    got = _as_float(answer, "your p_t")
    logit = math.log(cross / (1 - cross))
    if math.isclose(got, logit, abs_tol=1e-4):
        raise Incorrect(
            "that is the logit z at the crossover; the exercise asks for the "
            "probability p_t = sigma(z)."
        )
    if not 0 <= got <= 1:
        raise Incorrect(f"p_t is a probability, between 0 and 1; got {got:.6g}.")
    if got == 0:
        raise Incorrect(
            "R tends to 1 as p_t tends to 0, but that is a limit: the crossover "
            "asked for lies inside (0, 1)."
        )
    return compare_number(
        got,
        cross,
        rtol=0,
        atol=1e-4,  # four decimal places: the printed 0.2976 passes
        what="your p_t",
        common={
            1 - cross: "that is 1 - p_t, the probability of the wrong class.",
            _crossover(1): "that is the crossover for gamma = 1; the exercise has "
            "gamma = 2.",
        },
    )
