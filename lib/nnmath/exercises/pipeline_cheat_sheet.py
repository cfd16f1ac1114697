"""Checkers for the exercises of the pipeline cheat sheet."""

import numpy as np
import sympy as sp

from ..deltas import delta, delta_expr
from ..symbols import y, z
from . import CannotJudge, compare_array, compare_expr, compare_number, exercise


@exercise(
    "pipeline-cheat-sheet-ex-one-sample",
    "a pair (delta, dW): the delta, a float, and dL/dW, an array of shape (2,)",
)
def one_sample(answer):
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise CannotJudge("the answer should be a pair (delta, dW).")
    d = float(delta("sigmoid", "bce", [1.0], [0.5])[0])  # N = 1
    compare_number(answer[0], d, rtol=1e-9, what="your delta")
    compare_array(answer[1], d * np.array([1.0, 2.0]), rtol=1e-9, what="your dW")
    return "delta < 0, so the step increases both weights."


@exercise(
    "pipeline-cheat-sheet-ex-hinge-labels",
    "the hinge delta after the fix, an array of shape (3,)",
)
def hinge_labels(answer):
    labels01 = np.array([0.0, 1.0, 1.0])
    scores = np.array([0.4, 0.4, 2.0])
    expected = delta("linear", "hinge", 2 * labels01 - 1, scores)
    return compare_array(answer, expected, rtol=1e-9, what="your delta")


@exercise(
    "pipeline-cheat-sheet-ex-mae",
    "the per-sample delta of a linear output with absolute error, a SymPy"
    " expression in nm.z and nm.y",
)
def mae(answer):
    return compare_expr(
        answer,
        delta_expr("linear", "mae"),
        symbols=[z, y],
        what="your delta",
        common={
            2 * (z - y): "that is the squared error's delta; the absolute error's "
            "does not grow with the error.",
            sp.sign(y - z): "it has the wrong sign: the delta pushes y_hat towards y"
            " when it is subtracted.",
        },
    )
