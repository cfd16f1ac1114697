"""Checkers for the exercises of the chapter on loss functions."""

import numpy as np
import sympy as sp

from ..activations import activation
from ..losses import loss
from ..symbols import y, z
from . import (
    CannotJudge,
    compare_array,
    compare_expr,
    compare_function,
    compare_number,
    exercise,
    sample_points,
)

r = sp.Symbol("r", real=True)
HUBER = sp.Piecewise((r**2 / 2, sp.Abs(r) <= 1), (sp.Abs(r) - sp.Rational(1, 2), True))


@exercise("loss-functions-ex-huber", "the Huber loss's derivative, a function of r")
def huber(answer):
    slope = sp.lambdify(r, sp.diff(HUBER, r), "math")
    points = sample_points(kinks=[-1.0, 1.0], tails=(-100.0, -5.0, 5.0, 100.0))
    return compare_function(
        answer, slope, points, name="huber'", kinks=(-1.0, 1.0), tails=(-100.0, 100.0)
    )


def outlier_data():
    """The targets of the chapter's outlier section, without and with the outlier."""
    rng_fit = np.random.default_rng(seed=3)
    x = np.linspace(0.0, 10.0, 15)
    y_clean = 1.0 + 0.5 * x + rng_fit.normal(scale=0.4, size=x.size)
    y_dirty = y_clean.copy()
    y_dirty[-2] += 12.0
    return y_clean, y_dirty


@exercise(
    "loss-functions-ex-median",
    "a pair (moved_mean, moved_median): how far the outlier moves each",
)
def median(answer):
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise CannotJudge("the answer should be a pair (moved_mean, moved_median).")
    y_clean, y_dirty = outlier_data()
    moved_mean = y_dirty.mean() - y_clean.mean()
    compare_number(
        answer[0],
        moved_mean,
        rtol=1e-9,
        what="moved_mean",
        common={12.0: "one of the N targets moves by 12; the mean moves by 12/N."},
    )
    compare_number(
        answer[1],
        np.median(y_dirty) - np.median(y_clean),
        atol=1e-12,
        what="moved_median",
        common={moved_mean: "the median moves only if the point crosses the middle."},
    )
    return "the mean moves by 12/N; the median does not move."


@exercise(
    "loss-functions-ex-logit-grad",
    "the second derivative of softplus(z) - y z in z, a SymPy expression in nm.z",
)
def logit_grad(answer):
    on_logit = sp.log(1 + sp.exp(z)) - y * z
    sigma = activation("sigmoid").expr
    return compare_expr(
        answer,
        sp.diff(on_logit, z, 2),
        symbols=[z, y],
        domain={y: [0.0, 1.0, 0.5, 1.0, 0.0]},
        what="your second derivative",
        common={sigma - y: "that is the first derivative, sigma(z) - y."},
    )


@exercise(
    "loss-functions-ex-hinge",
    "the gradient of the mean hinge loss with respect to the scores, an array",
)
def hinge(answer):
    labels = np.array([1.0, 1.0, -1.0, -1.0])
    scores = np.array([2.0, 0.4, -0.3, 1.5])
    return compare_array(
        answer, loss("hinge").grad(labels, scores), rtol=1e-12, what="your gradient"
    )
