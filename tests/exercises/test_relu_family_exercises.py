"""Checkers of the relu-family exercises: book answers pass, slips fail."""

import nnmath as nm
import numpy as np
import sympy as sp
from exercise_helpers import fails, passes

z_prime = np.linspace(-5, 5, 1001)


def test_relu6_kinks():
    relu6 = sp.Piecewise((0, nm.z <= 0), (nm.z, nm.z <= 6), (6, True))
    passes("relu-family-ex-relu6", nm.analysis.kinks(relu6, nm.z))
    passes("relu-family-ex-relu6", [(6, 1, 0), (0, 0, 1)])
    fails("relu-family-ex-relu6", [(0, 0, 1)], "misses the kink at 6")
    fails("relu-family-ex-relu6", [(0, 1, 0), (6, 0, 1)], "wrong way round")
    fails("relu-family-ex-relu6", [(0, 0, 1), (6, 1, 0), (3, 1, 1)], "smooth at 3")
    fails("relu-family-ex-relu6", [(0, 0, 1), (6, 1, 1)], "are (1.0, 0.0)")


def test_leaky_subgradient():
    def book(g, slope=0.1):
        return bool(np.all(nm.leaky_relu(z_prime, slope) >= g * z_prime))

    passes("relu-family-ex-leaky-subgradient", book)
    fails(
        "relu-family-ex-leaky-subgradient",
        lambda g: 0 <= g <= 1,  # ReLU's subgradients
        "is_subgradient(0.05) should be 0, got 1",
    )
    fails(
        "relu-family-ex-leaky-subgradient",
        lambda g: bool(np.all(z_prime[z_prime > 0] >= g * z_prime[z_prime > 0])),
        "should be 0, got 1",
    )
    fails("relu-family-ex-leaky-subgradient", [0.1, 1.0], "should be a function")


def test_revive():
    book = (46, 0, 3)
    passes("relu-family-ex-revive", book)
    fails("relu-family-ex-revive", (46, 46, 3), "slope 0.01")
    fails("relu-family-ex-revive", (46, 0, 46), "nothing pulls them up")
    fails("relu-family-ex-revive", (47, 0, 3), "off by one")


def test_elu_continuity():
    passes("relu-family-ex-elu-continuity", 1)
    passes("relu-family-ex-elu-continuity", sp.Integer(1))
    fails("relu-family-ex-elu-continuity", 0, "must be positive")
    fails("relu-family-ex-elu-continuity", 0.5, "0.5 times")
    fails("relu-family-ex-elu-continuity", [1], "should be a number")
