"""Checkers of the how-this-book-checks-itself exercises: answers pass, slips fail."""

import nnmath as nm
import numpy as np
import sympy as sp
from exercise_helpers import fails, passes

z = nm.z
t = sp.tanh(z)


def test_tanh():
    passes("checks-ex-tanh", (1 - t**2, 1))
    passes("checks-ex-tanh", (1 / sp.cosh(z) ** 2, sp.Rational(-1, 2)))
    fails("checks-ex-tanh", (1 - t, 1), "wrong identity of the exercise")
    fails("checks-ex-tanh", (1 + t**2, 1), "the square has the wrong sign")
    fails("checks-ex-tanh", (1 - t**2, 0), "at z0 = 0 both sides equal 1")
    # far out on the right both sides round to 0 in double precision: still a
    # counterexample (the difference tanh (1 - tanh) is nonzero), with a caveat
    for far in (20.0, 1000.0):
        verdict = passes("checks-ex-tanh", (1 - t**2, far))
        assert "a check cell in NumPy would not see it" in verdict.message
    verdict = passes("checks-ex-tanh", (1 - t**2, -20.0))  # 0 against 2
    assert "would not see it" not in verdict.message
    fails("checks-ex-tanh", 1 - t**2, "should be a pair")


def test_fd():
    passes("checks-ex-fd", 1e-5)
    fails("checks-ex-fd", 1e-10, "eps = 1e-10", "rounding term", "larger step")
    fails("checks-ex-fd", 1e-6, "rounding term")
    fails("checks-ex-fd", 1e-4, "truncation term", "smaller step")
    fails("checks-ex-fd", 3e-6, "not one of the five")


def test_best_step():
    u, c0, c3 = sp.symbols("u c0 c3", positive=True)
    third = sp.Rational(1, 3)
    passes("checks-ex-best-step", (3 * u * c0 / c3) ** third)
    passes("checks-ex-best-step", sp.cbrt(3 * u * c0) / sp.cbrt(c3))
    fails("checks-ex-best-step", (6 * u * c0 / c3) ** third, "two terms are equal")
    fails("checks-ex-best-step", sp.sqrt(3 * u * c0 / c3), "cube root")
    fails("checks-ex-best-step", (3 * u * c3 / c0) ** third, "swapped")
    fails("checks-ex-best-step", (u * c0 / c3) ** third, "constant factor")
    fails("checks-ex-best-step", (3 * u * c0 / c3) ** third * sp.Symbol("h"), "uses h")


def test_seed():
    def book():
        return np.random.default_rng(seed=2026).normal(size=4)

    passes("checks-ex-seed", book)
    passes("checks-ex-seed", lambda: np.round(book(), 6))
    fails("checks-ex-seed", lambda: np.random.default_rng().normal(size=4), "two calls")
    shared = np.random.default_rng(seed=2026)
    fails("checks-ex-seed", lambda: shared.normal(size=4), "two calls")

    def global_state():
        np.random.seed(2026)  # noqa: NPY002  (the slip under test)
        return np.random.normal(size=4)  # noqa: NPY002

    before = np.random.get_state()  # noqa: NPY002
    fails("checks-ex-seed", global_state, "global state")
    after = np.random.get_state()  # noqa: NPY002
    assert np.array_equal(before[1], after[1])  # the checker restored it
    fails(
        "checks-ex-seed",
        lambda: np.random.RandomState(2026).normal(size=4),
        "legacy RandomState",
    )
    fails(
        "checks-ex-seed",
        lambda: np.random.default_rng(seed=2027).normal(size=4),
        "not -0.793122",
    )
    fails("checks-ex-seed", book(), "should be a function")
