"""Checkers for the exercises of the chapter on hidden versus output activations."""

import numpy as np
import sympy as sp

from ..activation import Activation
from ..activations import ACTIVATIONS, activation
from ..symbols import z
from . import (
    CannotJudge,
    Incorrect,
    compare_expr,
    compare_number,
    compare_set,
    exercise,
)

D = sp.Symbol("D", positive=True, integer=True)


@exercise(
    "hidden-vs-output-ex-tanh",
    "a pair (factor_tanh, factor_relu) of floats",
)
def tanh_factor(answer):
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise CannotJudge("the answer should be a pair (factor_tanh, factor_relu).")
    slope = float(activation("tanh").grad(2.0))
    compare_number(
        answer[0],
        slope**10,
        rtol=1e-9,
        what="factor_tanh",
        common={
            np.tanh(2.0) ** 10: "that is tanh(2)^10; the factor multiplies the "
            "slopes tanh'(2), not the outputs.",
            slope: "that is one layer's factor; there are ten.",
        },
    )
    compare_number(
        answer[1], float(activation("relu").grad(2.0)) ** 10, what="factor_relu"
    )
    return "tanh's factor all but vanishes; ReLU's stays 1."


@exercise(
    "hidden-vs-output-ex-relu-output",
    "a pair (best_relu, best_linear): the smallest squared errors",
)
def relu_output(answer):
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise CannotJudge("the answer should be a pair (best_relu, best_linear).")
    target = -3
    relu, linear = ACTIVATIONS["relu"].range, ACTIVATIONS["linear"].range
    closest = relu.inf if target < relu.inf else target
    compare_number(
        answer[0],
        (closest - target) ** 2,
        what="best_relu",
        common={
            abs(closest - target): "that is the distance |y_hat - y|; square it.",
            0: "a ReLU output lies in [0, oo) and cannot reach -3.",
        },
    )
    compare_number(
        answer[1], 0 if linear.contains(target) else np.nan, what="best_linear"
    )
    return "the ReLU output is stuck at an error of 9; the linear one reaches 0."


@exercise(
    "hidden-vs-output-ex-multilabel",
    "the name of the output activation for multi-label classification, a string",
)
def multilabel(answer):
    name = answer.name if isinstance(answer, Activation) else answer
    if not isinstance(name, str):
        raise CannotJudge(f"the answer should be a name, got {answer!r:.60}.")
    name = name.strip().lower()
    if name not in ACTIVATIONS:
        raise CannotJudge(f"{name!r} is not one of {sorted(ACTIVATIONS)}.")
    if name == "softmax":
        raise Incorrect(
            "softmax outputs are positive and sum to 1, so at most one of them can "
            "exceed 1/2: the labels would compete."
        )
    low, high = ACTIVATIONS[name].range.inf, ACTIVATIONS[name].range.sup
    if (low, high) != (0, 1):
        raise Incorrect(
            f"{name}'s outputs range over [{low}, {high}], not probabilities in (0, 1)."
        )
    return "one sigmoid per label: each is a probability of its own."


@exercise(
    "hidden-vs-output-ex-silu",
    "the list of names of the activations that are not monotonic",
)
def silu(answer):
    expected = [n for n, a in ACTIVATIONS.items() if not a.properties.monotonic]
    return compare_set(answer, expected, what="your list")


@exercise(
    "hidden-vs-output-ex-factor",
    "the activation factor through D tanh layers, a SymPy expression in z and D",
)
def factor(answer):
    tanh = activation("tanh")
    return compare_expr(
        answer,
        tanh.derivative_expr**D,
        symbols=[z, D],
        domain={z: [0.0, 0.5, -1.0, 2.0, -2.5, 3.0], D: [1.0, 2.0, 3.0, 5.0, 10.0]},
        what="your factor",
        common={
            sp.tanh(z) ** D: "that multiplies the outputs tanh(z); the factor "
            "multiplies the slopes tanh'(z).",
            D * (1 - sp.tanh(z) ** 2): "the D slopes multiply; they do not add.",
        },
    )
