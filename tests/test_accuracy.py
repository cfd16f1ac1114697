"""Accuracy against 50-digit mpmath over z in [−700, 700]: a few ulp at most."""

import mpmath
import nnmath as nm
import numpy as np
import pytest

ULP = 2.2e-16
TINY = np.finfo(float).tiny  # results below this (subnormal) are excepted
rng = np.random.default_rng(12)
Z = np.concatenate([rng.uniform(-700, 700, 300), rng.uniform(-5, 5, 200)])

EXACT = {
    "sigmoid": lambda t: 1 / (1 + mpmath.exp(-t)),
    "tanh": mpmath.tanh,
    "softplus": lambda t: mpmath.log1p(mpmath.exp(t)),
    "silu": lambda t: t / (1 + mpmath.exp(-t)),
    "elu": lambda t: t if t > 0 else mpmath.expm1(t),
    "gelu": lambda t: t * mpmath.erfc(-t / mpmath.sqrt(2)) / 2,
}


def exact(f, points):
    with mpmath.workdps(50):
        return np.array([float(f(mpmath.mpf(float(p)))) for p in points])


@pytest.mark.parametrize("name", list(EXACT))
def test_relative_error_within_four_ulp(name):
    got, want = nm.activation(name)(Z), exact(EXACT[name], Z)
    keep = np.abs(want) >= TINY
    bound = 4 * ULP * ((1 + Z**2) if name == "gelu" else 1)
    error = np.abs(got - want) / np.where(keep, np.abs(want), 1)
    bad = keep & (error > bound)
    assert not bad.any(), list(zip(Z[bad], error[bad] / ULP, strict=True))[:5]


def test_softmax_within_four_ulp():
    rows = rng.uniform(-700, 700, (200, 4))
    rows[:100] = rng.uniform(-20, 20, (100, 4))
    got = nm.softmax(rows)
    with mpmath.workdps(50):
        want = np.array(
            [
                [float(mpmath.exp(v) / sum(mpmath.exp(u) for u in r)) for v in r]
                for r in map(lambda r: [mpmath.mpf(float(v)) for v in r], rows)
            ]
        )
    keep = want >= TINY
    error = np.abs(got - want) / np.where(keep, want, 1)
    assert (error[keep] <= 4 * ULP).all(), error[keep].max() / ULP
