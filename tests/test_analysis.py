"""Critical points over the whole real line, and the mean output under N(0, 1)."""

import nnmath as nm
import pytest
import sympy as sp
from nnmath import analysis
from nnmath.symbols import z

SIGMOID = 1 / (1 + sp.exp(-z))


def silu_at(t):
    return t * SIGMOID.subs(z, t)


def test_extremum_far_outside_the_old_window_is_found():
    # SiLU's minimum, at −1.2785, moved to 18.72: a scan of [−10, 10] misses it
    # and then reports the range [0, oo).
    shifted = silu_at(z - 20)
    (point,) = analysis.critical_points(shifted, z)
    assert float(point) == pytest.approx(20 - 1.27846454276107, rel=1e-12)
    assert float(shifted.subs(z, point)) == pytest.approx(-0.278464542761074)


def test_extremum_beyond_the_scan_raises():
    # The minimum of silu(z / 1e20) is at z = −1.28e20, beyond |z| = 1.2e17: the
    # derivative there still has the sign opposite to its sign at −oo.
    with pytest.raises(ValueError, match=r"a critical point lies beyond the scan"):
        analysis.critical_points(silu_at(z / sp.Integer(10) ** 20), z)


def test_gaussian_mean_exact_by_symmetry_else_numeric():
    assert analysis.gaussian_mean(SIGMOID, z) == sp.Rational(1, 2)  # σ(z) + σ(−z) = 1
    assert analysis.gaussian_mean(z / (1 + sp.Abs(z)), z) == 0  # odd
    mean = analysis.gaussian_mean(silu_at(z), z)
    assert isinstance(mean, sp.Float)
    assert float(mean) == pytest.approx(0.2066209641419, rel=1e-12)


def test_gaussian_mean_that_cannot_be_decided_raises():
    # E[tanh Z + Z² − 1] = 0, but only quadrature can see it, to 30 digits.
    with pytest.raises(ValueError, match=r"cannot tell whether E\[.*\] is 0"):
        analysis.gaussian_mean(sp.tanh(z) + z**2 - 1, z)


def test_gaussian_mean_that_diverges_raises():
    with pytest.raises(ValueError, match=r"quadrature of E\[exp\(z\*\*2/2\)\] did not"):
        analysis.gaussian_mean(sp.exp(z**2 / 2), z)


def test_gaussian_mean_checks_sympy_against_quadrature(monkeypatch):
    monkeypatch.setattr(analysis, "_gaussian_quadrature", lambda f, x: 0.25)
    with pytest.raises(ArithmeticError, match=r"SymPy gives E\[.*\] = 1/2 but"):
        analysis.gaussian_mean(SIGMOID, z)


def test_properties_carry_the_mean():
    p = nm.activation("relu").properties
    assert p.mean_output == 1 / sp.sqrt(2 * sp.pi)
    assert p["mean_output"] is p.mean_output and not p.zero_centred
