"""Checkers of the modern-activations exercises: the book's answers pass, slips fail."""

import nnmath as nm
import numpy as np
import sympy as sp
from exercise_helpers import fails, passes

z = nm.z
sigma = nm.activation("sigmoid").expr


def test_swish_limit():
    passes("modern-activations-ex-swish-beta", sp.Piecewise((0, z < 0), (z, True)))
    passes("modern-activations-ex-swish-beta", sp.Max(0, z))
    fails("modern-activations-ex-swish-beta", z / 2, "beta -> 0")
    fails("modern-activations-ex-swish-beta", z, "for z < 0")
    fails("modern-activations-ex-swish-beta", sp.Max(0, 2 * z), "2 times")
    fails("modern-activations-ex-swish-beta", sp.Max(0, -z), "at z = ")


def test_sigmoid_gelu_error():
    grid = np.linspace(-10, 10, 200001)
    err = np.abs(grid * nm.sigmoid(1.702 * grid) - nm.gelu(grid)).max()
    passes("modern-activations-ex-sigmoid-gelu", err)
    c = np.sqrt(2 / np.pi)
    tanh_form = 0.5 * grid * (1 + np.tanh(c * (grid + 0.044715 * grid**3)))
    fails(
        "modern-activations-ex-sigmoid-gelu",
        np.abs(tanh_form - nm.gelu(grid)).max(),
        "tanh approximation",
    )
    signed = (grid * nm.sigmoid(1.702 * grid) - nm.gelu(grid)).max()
    fails("modern-activations-ex-sigmoid-gelu", signed, "your maximum error")
    fails("modern-activations-ex-sigmoid-gelu", [err], "should be a number")


def test_softplus_odd():
    passes("modern-activations-ex-softplus-odd", -sigma.subs(z, -z))
    passes("modern-activations-ex-softplus-odd", sigma - 1)
    fails("modern-activations-ex-softplus-odd", sigma.subs(z, -z), "wrong sign")
    fails("modern-activations-ex-softplus-odd", -sigma, "at z = ")
