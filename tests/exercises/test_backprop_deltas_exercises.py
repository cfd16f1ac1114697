"""Checkers of the backprop-deltas exercises: book answers pass, slips fail."""

import nnmath as nm
import numpy as np
import sympy as sp
from exercise_helpers import fails, passes

z, y = nm.z, nm.y
s = nm.activation("sigmoid").expr


def test_half_mse():
    passes("backprop-deltas-ex-half-mse", (s - y) * s * (1 - s))
    fails("backprop-deltas-ex-half-mse", s - y, "BCE delta")
    fails("backprop-deltas-ex-half-mse", 2 * (s - y) * s * (1 - s), "2 times")
    fails("backprop-deltas-ex-half-mse", (y - s) * s * (1 - s), "wrong sign")


def test_not_a_distribution():
    p = nm.softmax(np.array([0.5, -1.0, 2.0]))
    target = np.array([1.0, 1.0, 0.0])
    passes("backprop-deltas-ex-not-a-distribution", 2 * p - target)
    fails("backprop-deltas-ex-not-a-distribution", p - target, "sums to 2")
    fails("backprop-deltas-ex-not-a-distribution", (2 * p - target)[:, None], "shape")
    fails("backprop-deltas-ex-not-a-distribution", 2 * p + target, "index (0,)")


def test_ratio():
    ratio = 2 * nm.activation("sigmoid").derivative_expr
    cut = float(sp.nsolve(ratio - sp.Rational(1, 1000), z, -7))
    passes("backprop-deltas-ex-ratio", cut)
    fails("backprop-deltas-ex-ratio", -cut, "wrong sign")
    half = float(sp.nsolve(ratio / 2 - sp.Rational(1, 1000), z, -7))
    fails("backprop-deltas-ex-ratio", half, "the ratio is 2 sigma'(z)")
    fails("backprop-deltas-ex-ratio", -10.0, "too small")


def test_three_layers():
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    net = nm.MLP([2, 3, 3, 1], hidden="relu", seed=4)
    net.forward(corners)
    deltas = net.backward(np.array([[0.0], [1.0], [1.0], [0.0]]))["delta"]
    passes("backprop-deltas-ex-three-layers", list(deltas))
    fails("backprop-deltas-ex-three-layers", [4 * d for d in deltas], "4 times")
    fails("backprop-deltas-ex-three-layers", list(deltas)[::-1], "wrong shape")
    fails("backprop-deltas-ex-three-layers", list(deltas)[:2], "three layers")


def test_poisson():
    passes("backprop-deltas-ex-poisson", sp.exp(z))
    fails("backprop-deltas-ex-poisson", sp.log(z), "inverts the wrong way")
    fails("backprop-deltas-ex-poisson", z, "at z = 0 it gives 0")
    fails("backprop-deltas-ex-poisson", sp.exp(-z), "at z = ")
