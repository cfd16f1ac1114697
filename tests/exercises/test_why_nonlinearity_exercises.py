"""Checkers of the why-nonlinearity exercises: book answers pass, slips fail."""

import numpy as np
import sympy as sp
from exercise_helpers import fails, passes

w1, w2, w3, w4 = sp.symbols("w1:5")  # plain symbols: matched by name
b1, b2, b3, b4 = sp.symbols("b1:5")
x1, x2 = sp.symbols("x1 x2", real=True)


def test_scalar_bias():
    book = b1 * w2 * w3 * w4 + b2 * w3 * w4 + b3 * w4 + b4
    passes("why-nonlinearity-ex-scalar", book)
    fails("why-nonlinearity-ex-scalar", w1 * w2 * w3 * w4, "the weight w")
    fails("why-nonlinearity-ex-scalar", b1 * w1 + b2 * w2 + b3 * w3 + b4 * w4, "at w1")
    fails("why-nonlinearity-ex-scalar", book - b4, "sample points disagree")
    fails("why-nonlinearity-ex-scalar", book + sp.Symbol("x"), "uses x")


def test_abs_net():
    passes("why-nonlinearity-ex-abs", sp.Abs(x1 - x2))
    passes("why-nonlinearity-ex-abs", sp.Max(x1 - x2, x2 - x1))
    # right on the four XOR corners, wrong elsewhere
    fails("why-nonlinearity-ex-abs", (x1 - x2) ** 2, "at x1 = ")
    fails("why-nonlinearity-ex-abs", x1 + x2 - 2 * x1 * x2, "it gives")
    fails("why-nonlinearity-ex-abs", x1 - x2, "disagree")


def test_seeds():
    passes("why-nonlinearity-ex-seeds", [0, 1, 2, 4, 5])
    passes("why-nonlinearity-ex-seeds", (5, 4, 2, 1, 0))
    fails("why-nonlinearity-ex-seeds", list(range(6)), "should not contain [3]")
    fails("why-nonlinearity-ex-seeds", [0, 1, 2], "misses [4, 5]")
    fails("why-nonlinearity-ex-seeds", 5, "should be a list")


def test_square():
    passes("why-nonlinearity-ex-square", (np.array([1.0, -1.0]), 0.0))
    passes("why-nonlinearity-ex-square", ([-1, 1], 0))
    fails(
        "why-nonlinearity-ex-square", ([1.0, 1.0], 0.0), "index (3,): expected 0, got 4"
    )
    fails(
        "why-nonlinearity-ex-square",
        ([1.0, -1.0], 1.0),
        "index (0,): expected 0, got 1",
    )
    fails("why-nonlinearity-ex-square", ([1.0, -1.0, 0.0], 0.0), "two weights")
