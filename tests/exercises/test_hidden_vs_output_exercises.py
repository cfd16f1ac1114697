"""Checkers of the hidden-vs-output exercises: book answers pass, slips fail."""

import nnmath as nm
import numpy as np
import sympy as sp
from exercise_helpers import fails, passes

z = nm.z
D = sp.Symbol("D", positive=True, integer=True)
slope = 1 / np.cosh(2.0) ** 2


def test_tanh_factor():
    passes("hidden-vs-output-ex-tanh", (slope**10, 1.0))
    fails("hidden-vs-output-ex-tanh", (np.tanh(2.0) ** 10, 1.0), "not the outputs")
    fails("hidden-vs-output-ex-tanh", (slope, 1.0), "there are ten")
    fails("hidden-vs-output-ex-tanh", (slope**10, 0.0), "factor_relu")


def test_relu_output():
    passes("hidden-vs-output-ex-relu-output", (9, 0))
    fails("hidden-vs-output-ex-relu-output", (3, 0), "square it")
    fails("hidden-vs-output-ex-relu-output", (0, 0), "cannot reach -3")
    fails("hidden-vs-output-ex-relu-output", (9, 9), "best_linear")


def test_multilabel():
    passes("hidden-vs-output-ex-multilabel", "sigmoid")
    passes("hidden-vs-output-ex-multilabel", nm.activation("sigmoid"))
    fails("hidden-vs-output-ex-multilabel", "softmax", "at most one")
    fails("hidden-vs-output-ex-multilabel", "relu", "not probabilities")
    fails("hidden-vs-output-ex-multilabel", "sigmoids", "is not one of")


def test_non_monotonic():
    passes("hidden-vs-output-ex-silu", ["silu", "gelu"])
    fails("hidden-vs-output-ex-silu", ["silu"], "misses ['gelu']")
    fails("hidden-vs-output-ex-silu", ["silu", "gelu", "relu"], "['relu']")


def test_factor():
    passes("hidden-vs-output-ex-factor", (1 - sp.tanh(z) ** 2) ** D)
    passes("hidden-vs-output-ex-factor", sp.cosh(z) ** (-2 * D))
    fails("hidden-vs-output-ex-factor", sp.tanh(z) ** D, "multiplies the outputs")
    fails("hidden-vs-output-ex-factor", D * (1 - sp.tanh(z) ** 2), "do not add")
    fails("hidden-vs-output-ex-factor", (1 - sp.tanh(z)) ** D, "it gives")
