"""Checkers of the softmax-linear exercises: the book's answers pass, slips fail."""

import nnmath as nm
import numpy as np
import sympy as sp
from exercise_helpers import fails, passes
from nnmath.exercises import softmax_linear

z1, z2 = nm.zs[:2]


def test_the_expected_answer_is_the_sigmoids_argument():
    sigma_of_expected = nm.activation("sigmoid").expr.subs(
        nm.z, softmax_linear.DIFFERENCE
    )
    assert sp.simplify(sigma_of_expected - softmax_linear.TWO_CLASS) == 0


def test_two_classes():
    passes("softmax-linear-ex-two-classes", z1 - z2)
    fails("softmax-linear-ex-two-classes", z2 - z1, "wrong sign")
    fails("softmax-linear-ex-two-classes", z1, "ignore z2")
    fails("softmax-linear-ex-two-classes", 2 * (z1 - z2), "2 times")


def test_rank():
    passes("softmax-linear-ex-rank", (5, np.ones(6)))
    passes("softmax-linear-ex-rank", (5, -3 * np.ones(6)))
    fails("softmax-linear-ex-rank", (6, np.ones(6)), "singular")
    fails("softmax-linear-ex-rank", (5, np.zeros(6)), "zero vector")
    fails("softmax-linear-ex-rank", (5, np.arange(6.0)), "J v is not 0")
    fails("softmax-linear-ex-rank", (5, np.ones((6, 1))), "wrong shape")
    fails("softmax-linear-ex-rank", 5, "pair (rank, v)")


def test_underflow():
    passes("softmax-linear-ex-underflow", (0.0, -800.0, nm.log_softmax))
    fails(
        "softmax-linear-ex-underflow",
        (0.0, -np.inf, nm.log_softmax),
        "log(0) = -inf",
    )
    fails(
        "softmax-linear-ex-underflow",
        (0.0, -800.0, lambda v: np.log(nm.softmax(v))),
        "index (1,)",
        "expected -800, got -inf",
    )
    fails("softmax-linear-ex-underflow", (1e-300, -800.0, nm.log_softmax), "p2")
    fails("softmax-linear-ex-underflow", (0.0, -800.0, "log_softmax"), "function")
