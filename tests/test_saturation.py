"""Saturation edges (exact), saturated and dead fractions, bad input."""

import nnmath as nm
import numpy as np
import pytest
import sympy as sp

SIGMOID, TANH, RELU = (nm.activation(n) for n in ("sigmoid", "tanh", "relu"))


def test_edges_are_exact_and_hand_checked():
    # tanh' = 1/cosh^2 = 1/100 at cosh z = 10, i.e. z = acosh(10)
    assert sp.simplify((nm.saturation_edge(TANH) - sp.acosh(10)).rewrite(sp.log)) == 0
    edge = nm.saturation_edge(SIGMOID)  # sigma' = 1/400
    assert float(SIGMOID.grad(float(edge))) == pytest.approx(1 / 400, rel=1e-13)
    assert float(nm.saturation_edge(TANH, 0.5)) == pytest.approx(
        float(sp.acosh(sp.sqrt(2))), rel=1e-14
    )


def test_saturated_fraction_agrees_with_the_edge():
    z = np.linspace(-8.0, 8.0, 1600)
    for act in (SIGMOID, TANH):
        edge = float(nm.saturation_edge(act))
        assert nm.saturated_fraction(act, z) == np.mean(np.abs(z) > edge)
    assert nm.saturated_fraction(TANH, [0.0, 10.0]) == 0.5
    assert nm.saturated_fraction(RELU, [[-1.0, 2.0], [0.5, -3.0]]) == 0.5
    layouts = np.asfortranarray(z.reshape(40, -1))
    assert nm.saturated_fraction(TANH, layouts) == nm.saturated_fraction(TANH, z)


def test_dead_units_hand_computed():
    z = np.array([[-1.0, 2.0, 0.0], [-3.0, -1.0, 0.0]])
    assert nm.dead_units(z).tolist() == [True, False, True]
    assert nm.dead_fraction(z) == pytest.approx(2 / 3)
    assert nm.dead_units(np.asfortranarray(z)).tolist() == [True, False, True]
    assert nm.dead_units(z.T.copy().T[:, ::2]).tolist() == [True, True]
    assert nm.dead_units(z.astype(np.float32)).tolist() == [True, False, True]


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: nm.saturation_edge(RELU), ValueError, "act must saturate at both"),
        (lambda: nm.saturation_edge(TANH, 1), ValueError, "level must lie in"),
        (lambda: nm.saturated_fraction(TANH, [1.0], 2.0), ValueError, "level must lie"),
        (lambda: nm.saturated_fraction(TANH, []), ValueError, "z must not be empty"),
        (lambda: nm.saturated_fraction(TANH, ["a"]), TypeError, "z must be numeric"),
        (lambda: nm.saturated_fraction(TANH, [np.nan]), ValueError, "contain NaN"),
        (lambda: nm.dead_units(np.ones(3)), ValueError, "z must be 2-d"),
        (lambda: nm.dead_units(np.ones((0, 3))), ValueError, "at least one sample"),
        (lambda: nm.dead_fraction(np.ones((3, 0))), ValueError, "and one unit"),
        (lambda: nm.dead_units([[np.nan, -1.0]]), ValueError, "must not contain NaN"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
