"""Checkers for the exercises of the chapter on backpropagation deltas."""

import numpy as np
import sympy as sp

from ..activations import activation, softmax
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


@exercise(
    "backprop-deltas-ex-half-mse",
    "the sigmoid delta of the halved squared error, a SymPy expression in nm.z, nm.y",
)
def half_mse(answer):
    s = activation("sigmoid").expr
    half = loss("mse").expr / 2
    return compare_expr(
        answer,
        sp.diff(half.subs(y_hat, s), z),
        symbols=[z, y],
        domain={y: [0.0, 1.0, 0.5, 1.0, 0.0]},
        what="your delta",
        common={
            s - y: "that is the BCE delta; squared error keeps the factor "
            "sigma'(z) from the chain rule."
        },
    )


@exercise(
    "backprop-deltas-ex-not-a-distribution",
    "the delta for logits (0.5, -1, 2) and target (1, 1, 0), an array of shape (3,)",
)
def not_a_distribution(answer):
    logits, multi = np.array([0.5, -1.0, 2.0]), np.array([1.0, 1.0, 0.0])
    p = softmax(logits)
    got = np.asarray(answer, dtype=float) if not callable(answer) else None
    if got is None:
        raise CannotJudge("the answer should be an array, not a function.")
    if got.shape == p.shape and np.allclose(got, p - multi, rtol=1e-9):
        raise Incorrect(
            "y_hat - y holds only for a target that sums to 1; this one sums to 2."
        )
    return compare_array(got, p * multi.sum() - multi, rtol=1e-9, what="your delta")


@exercise(
    "backprop-deltas-ex-ratio",
    "the logit below which the ratio 2 sigma'(z) is smaller than 1e-3, a number",
)
def ratio(answer):
    ratio_expr = 2 * activation("sigmoid").derivative_expr
    cut = sp.nsolve(ratio_expr - sp.Rational(1, 1000), z, -7)
    half = sp.nsolve(ratio_expr / 2 - sp.Rational(1, 1000), z, -7)
    return compare_number(
        answer,
        cut,
        rtol=1e-4,
        what="your logit",
        common={float(half): "there sigma'(z) = 1e-3; the ratio is 2 sigma'(z)."},
    )


@exercise(
    "backprop-deltas-ex-three-layers",
    "the list of the three layers' deltas, first layer first",
)
def three_layers(answer):
    if isinstance(answer, np.ndarray) or not isinstance(answer, list | tuple):
        raise CannotJudge("the answer should be a list of three arrays.")
    if len(answer) != 3:
        raise Incorrect(f"the network has three layers of weights; got {len(answer)}.")
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    net = MLP([2, 3, 3, 1], hidden="relu", seed=4)
    net.forward(corners)
    expected = net.backward(np.array([[0.0], [1.0], [1.0], [0.0]]))["delta"]
    for i, (got, want) in enumerate(zip(answer, expected, strict=True)):
        compare_array(got, want, rtol=1e-9, atol=1e-15, what=f"delta {i + 1}")
    return "all three deltas match the library's backward pass."


@exercise(
    "backprop-deltas-ex-poisson",
    "the output activation m = g(z), a SymPy expression in nm.z",
)
def poisson(answer):
    count = sp.Symbol("y", integer=True, nonnegative=True)
    rate = sp.Symbol("m", positive=True)
    log_p = count * sp.log(rate) - rate - sp.log(sp.factorial(count))
    # the natural parameter is the coefficient of y: z = log m, so m = g(z)
    natural = sp.expand(log_p).coeff(count)
    (g,) = sp.solve(sp.Eq(natural, z), rate)
    return compare_expr(
        answer,
        g,
        symbols=[z],
        what="your g",
        common={sp.log(z): "log z inverts the wrong way: z = log m, so m = e^z."},
    )
