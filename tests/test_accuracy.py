"""Accuracy against 50-digit mpmath over z in [−700, 700], and no worse than SciPy.

Where an answer is ill-conditioned the bound says so: GELU's erf argument z/√2 is
itself rounded, and a softmax entry depends on z_k − max z, whose rounding grows with
its size. SciPy has the same error there; the tests check that we are no worse.
"""

from functools import cache

import mpmath
import nnmath as nm
import numpy as np
import pytest
from scipy import special

ULP = 2.0**-52
TINY = np.finfo(float).tiny  # results below this (subnormal) are excepted
rng = np.random.default_rng(12)
Z = np.concatenate([rng.uniform(-700, 700, 300), rng.uniform(-5, 5, 200)])
ROWS = rng.uniform(-700, 700, (200, 4))
ROWS[:100] = rng.uniform(-20, 20, (100, 4))

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


@cache
def exact_on_z(name):
    return exact(EXACT[name], Z)


def relative_error(got, want):
    keep = np.abs(want) >= TINY
    return keep, np.abs(got - want) / np.where(keep, np.abs(want), 1)


def exact_rows(rows):
    """softmax, log_softmax and logsumexp of each row, at 50 digits.

    log Σ e^v is taken as m + log1p(rest), m the largest entry: log(Σ e^v) would
    cancel against m even at 50 digits on a confident row.
    """
    s, log_s, lse = [], [], []
    with mpmath.workdps(50):
        for row in rows:
            r = [mpmath.mpf(float(v)) for v in row]
            top = r.index(max(r))
            rest = mpmath.fsum(mpmath.exp(v - r[top]) for v in r[:top] + r[top + 1 :])
            log_s.append([float(v - r[top] - mpmath.log1p(rest)) for v in r])
            s.append([float(mpmath.exp(v - r[top]) / (1 + rest)) for v in r])
            lse.append(float(r[top] + mpmath.log1p(rest)))
    return np.array(s), np.array(log_s), np.array(lse)


SOFTMAX, LOG_SOFTMAX, LOGSUMEXP = exact_rows(ROWS)
SHIFT = ROWS.max(axis=1, keepdims=True) - ROWS  # |z_k − m|: the conditioning


@pytest.mark.parametrize("name", list(EXACT))
def test_relative_error_within_four_ulp(name):
    got, want = nm.activation(name)(Z), exact_on_z(name)
    keep, error = relative_error(got, want)
    bound = 4 * ULP * ((1 + Z**2) if name == "gelu" else 1)
    bad = keep & (error > bound)
    assert not bad.any(), list(zip(Z[bad], error[bad] / ULP, strict=True))[:5]


def test_log_sigmoid_within_four_ulp():
    got = nm.log_sigmoid(Z)
    want = exact(lambda t: -mpmath.log1p(mpmath.exp(-t)), Z)
    keep, error = relative_error(got, want)
    assert (error[keep] <= 4 * ULP).all(), error[keep].max() / ULP


def test_softmax_within_four_ulp_per_unit_of_shift():
    keep, error = relative_error(nm.softmax(ROWS), SOFTMAX)
    assert (error[keep] <= 4 * ULP * (1 + SHIFT[keep])).all()
    # Only ill-conditioned entries exceed 4 ulp: the shift z_k − m is large there.
    assert (error[keep & (SHIFT < 1)] <= 4 * ULP).all()


def test_log_softmax_within_four_ulp_per_unit_of_the_row_spread():
    # An entry's log-probability is exact up to the rounding of the other entries'
    # shifts, which enter through log1p(rest).
    keep, error = relative_error(nm.log_softmax(ROWS), LOG_SOFTMAX)
    spread = SHIFT.max(axis=1, keepdims=True) + np.zeros_like(SHIFT)
    assert (error[keep] <= 4 * ULP * (1 + spread[keep])).all()
    # The largest entry of a confident row has log-probability −rest, tiny: it keeps
    # its digits, where SciPy's log(1 + rest) rounds it to 0.
    top = (np.arange(len(ROWS)), LOG_SOFTMAX.argmax(axis=1))
    confident = (LOG_SOFTMAX[top] > -1e-20) & (LOG_SOFTMAX[top] <= -TINY)
    assert confident.sum() > 10
    assert (error[top][confident] < 1e-12).all()
    assert (special.log_softmax(ROWS, axis=-1)[top][confident] == 0).all()


def test_logsumexp_within_two_ulp():
    _, error = relative_error(nm.logsumexp(ROWS), LOGSUMEXP)
    assert (error <= 2 * ULP).all(), error.max() / ULP


@pytest.mark.parametrize(
    ("ours", "theirs", "want"),
    [
        (nm.softmax, special.softmax, SOFTMAX),
        (nm.log_softmax, special.log_softmax, LOG_SOFTMAX),
        (nm.logsumexp, special.logsumexp, LOGSUMEXP),
    ],
    ids=["softmax", "log_softmax", "logsumexp"],
)
def test_row_kernels_no_worse_than_scipy(ours, theirs, want):
    keep, error = relative_error(ours(ROWS), want)
    _, theirs_error = relative_error(theirs(ROWS, axis=-1), want)
    assert error[keep].max() <= theirs_error[keep].max() + ULP


@pytest.mark.parametrize(
    ("name", "theirs"),
    [
        ("sigmoid", special.expit),
        ("softplus", lambda z: -special.log_expit(-z)),
        ("silu", lambda z: z * special.expit(z)),
        ("gelu", lambda z: z * special.ndtr(z)),
    ],
)
def test_elementwise_no_worse_than_scipy(name, theirs):
    want = exact_on_z(name)
    keep, error = relative_error(nm.activation(name)(Z), want)
    _, theirs_error = relative_error(theirs(Z), want)
    assert error[keep].max() <= theirs_error[keep].max() + ULP
