"""Checkers of the exploding-gradients exercises: book answers pass, slips fail."""

import numpy as np
import sympy as sp
from exercise_helpers import fails, passes

s = sp.Symbol("s", positive=True)
p = 20 * 64 * 64  # the weights of the 20-layer network of width 64


def test_sign():
    def limit(g):
        return np.abs(g).sum() / (np.sqrt(g.size) * np.linalg.norm(g))

    passes("exploding-gradients-ex-sign", limit)
    fails(
        "exploding-gradients-ex-sign",
        lambda g: np.abs(g).sum() / np.linalg.norm(g),
        "norm sqrt(p), not 1",
    )
    fails(
        "exploding-gradients-ex-sign",
        lambda g: g.sum() / (np.sqrt(g.size) * np.linalg.norm(g)),
        "absolute values",
    )
    fails("exploding-gradients-ex-sign", lambda g: 1.0, "limit is 0.773957")
    fails("exploding-gradients-ex-sign", 0.3579, "should be a function")


def test_value_norm():
    passes("exploding-gradients-ex-value-norm", 1 / np.sqrt(p))
    fails("exploding-gradients-ex-value-norm", 1 / p, "not by theta p")
    fails("exploding-gradients-ex-value-norm", 1 / 64, "all 20 layers")
    fails("exploding-gradients-ex-value-norm", np.sqrt(p), "reciprocal")
    # a smaller theta also guarantees the bound, but it is not the largest
    fails("exploding-gradients-ex-value-norm", 1e-3, "not the largest")
    fails("exploding-gradients-ex-value-norm", 0.0035, "too large")


def test_scale():
    passes("exploding-gradients-ex-scale", 1 / s**2)
    fails("exploding-gradients-ex-scale", 1 / s, "how the gradient changes")
    fails("exploding-gradients-ex-scale", s**2, "the other way")
    fails("exploding-gradients-ex-scale", sp.Integer(1), "its gradient")
    fails("exploding-gradients-ex-scale", 0.01, "at s = 0.5 it gives 0.01")


def test_rotation():
    low, high = 10 ** (-1 / 100), 10 ** (1 / 100)
    passes("exploding-gradients-ex-rotation", (low, high))
    fails("exploding-gradients-ex-rotation", (high, low), "swapped")
    fails(
        "exploding-gradients-ex-rotation",
        (1 - np.log(10) / 100, 1 + np.log(10) / 100),
        "linear approximation",
    )
    fails(
        "exploding-gradients-ex-rotation",
        (10 ** (-1 / 99), 10 ** (1 / 99)),
        "r^100, not r^99",
    )
    fails("exploding-gradients-ex-rotation", 1.02329, "a pair")
