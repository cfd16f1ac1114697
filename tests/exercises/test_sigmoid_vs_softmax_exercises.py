"""Checkers of the sigmoid-vs-softmax exercises: book answers pass, slips fail."""

import nnmath as nm
import numpy as np
import sympy as sp
from exercise_helpers import fails, passes

z1, z2, z3 = nm.zs[:3]
y = sp.Symbol("y")
sigma = nm.activation("sigmoid").expr


def test_match():
    passes("sigmoid-vs-softmax-ex-match", [[2.0, 0.0], [3.0, 1.0], [-4.0, -6.0]])
    fails("sigmoid-vs-softmax-ex-match", [[2, 0], [2, 1], [0, -2]], "z1 - z2 = 1")
    fails("sigmoid-vs-softmax-ex-match", [[2, 0], [2, 0], [2, 0]], "three different")
    fails("sigmoid-vs-softmax-ex-match", [[2, 0, 1], [3, 1], [4, 2]], "two logits")


def test_general():
    passes("sigmoid-vs-softmax-ex-general", z1 - sp.log(sp.exp(z2) + sp.exp(z3)))
    fails("sigmoid-vs-softmax-ex-general", z1 - z2 - z3, "log-sum-exp")
    fails(
        "sigmoid-vs-softmax-ex-general",
        sp.log(sp.exp(z2) + sp.exp(z3)) - z1,
        "wrong sign",
    )
    fails("sigmoid-vs-softmax-ex-general", z1 - sp.log(sp.exp(z2)), "at z1 = ")


def test_loss():
    d = z1 - z2
    passes("sigmoid-vs-softmax-ex-loss", sigma.subs(nm.z, d) - y)
    fails("sigmoid-vs-softmax-ex-loss", y - sigma.subs(nm.z, d), "wrong sign")
    fails("sigmoid-vs-softmax-ex-loss", 2 * (sigma.subs(nm.z, d) - y), "2 times")
    fails("sigmoid-vs-softmax-ex-loss", sigma.subs(nm.z, z1) - y, "forgets z2")


def test_any():
    p = nm.sigmoid(np.array([1.5, 0.8, -0.3]))
    passes("sigmoid-vs-softmax-ex-any", 1 - np.prod(1 - p))
    fails("sigmoid-vs-softmax-ex-any", p.sum(), "expected number of tags")
    fails("sigmoid-vs-softmax-ex-any", np.prod(p), "all three tags")
    fails("sigmoid-vs-softmax-ex-any", p.max(), "too small")
