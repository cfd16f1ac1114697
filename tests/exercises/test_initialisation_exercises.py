"""Checkers of the initialisation exercises: book answers pass, slips fail."""

import math

import mpmath
import nnmath as nm
import numpy as np
import pytest
import sympy as sp
from exercise_helpers import fails, passes
from nnmath.exercises.initialisation import gauss_expect


def test_leaky():
    gain = math.sqrt(2 / (1 + 0.2**2))  # PyTorch's calculate_gain formula
    passes("initialisation-ex-leaky", gain)
    passes("initialisation-ex-leaky", 5 * sp.sqrt(13) / 13)
    fails("initialisation-ex-leaky", math.sqrt(2), "ReLU's gain")
    fails("initialisation-ex-leaky", gain**2, "square root")
    fails("initialisation-ex-leaky", math.sqrt(2 / 1.2), "not rho")
    fails("initialisation-ex-leaky", math.sqrt(2 / 1.0001), "default slope")
    fails("initialisation-ex-leaky", "1.39", "should be a number")


def test_xavier():
    passes("initialisation-ex-xavier", (1.5, 0.5, 0.75))
    passes("initialisation-ex-xavier", (sp.Rational(3, 2), 0.5, sp.Rational(3, 4)))
    fails("initialisation-ex-xavier", (0.5, 1.5, 0.75), "swapped")
    fails("initialisation-ex-xavier", (1.5, 0.5, 2.25), "fan-in is 100")
    fails("initialisation-ex-xavier", (1.5, 0.5, 1.0), "do not cancel")
    fails("initialisation-ex-xavier", (1.0, 1.0, 1.0), "square layers")
    fails("initialisation-ex-xavier", (1.5, 0.5), "tuple of three")


def second_moment(q):
    return gauss_expect(lambda x: nm.gelu(x) ** 2, q)


@pytest.mark.parametrize("q", [1e-3, 1.0, 1e3])
def test_the_gelu_expectation_agrees_with_mpmath(q):
    f = nm.activation("gelu").expr
    g = sp.lambdify(nm.z, f**2, "mpmath")
    s = mpmath.sqrt(q)
    exact = mpmath.quad(
        lambda t: g(s * t) * mpmath.npdf(t), [-mpmath.inf, 0, mpmath.inf]
    )
    assert abs(second_moment(q) / float(exact) - 1) < 1e-12


def test_gelu():
    passes("initialisation-ex-gelu", lambda q: math.sqrt(q / second_moment(q)))
    fails("initialisation-ex-gelu", lambda q: q / second_moment(q), "gain^2")
    fails(
        "initialisation-ex-gelu",
        lambda q: 1 / math.sqrt(second_moment(q)),
        "q in the numerator",
    )
    fails(
        "initialisation-ex-gelu",
        lambda q: (
            1 / math.sqrt(gauss_expect(lambda x: nm.activation("gelu").grad(x) ** 2, q))
        ),
        "backward gain",
    )
    fails(
        "initialisation-ex-gelu",
        lambda q: math.sqrt(q / (second_moment(q) - gauss_expect(nm.gelu, q) ** 2)),
        "second moment",
    )
    fails("initialisation-ex-gelu", lambda q: np.sqrt(2), "gain(0.001) should be")
    fails("initialisation-ex-gelu", 1.534, "function of q")


c, var_b = sp.symbols("c var_b", positive=True)


def test_bias_fixed_point():
    passes("initialisation-ex-bias-fixed-point", 2 * var_b / (2 - c))
    fails("initialisation-ex-bias-fixed-point", var_b / (1 - c), "halves")
    fails("initialisation-ex-bias-fixed-point", (2 - c) / (2 * var_b), "1/q*")
    fails("initialisation-ex-bias-fixed-point", 2 * var_b / (2 + c), "c = 0.5")
    fails(
        "initialisation-ex-bias-fixed-point",
        sp.Symbol("sigma_b") ** 2 / (1 - c / 2),
        "uses sigma_b",
    )
