"""Checkers of the sigmoid-tanh exercises: book answers pass, common slips fail."""

import nnmath as nm
import numpy as np
import sympy as sp
from exercise_helpers import fails, passes

z = nm.z
s = nm.activation("sigmoid").expr
p = sp.Symbol("p", positive=True)


def test_second_derivative():
    passes("sigmoid-tanh-ex-second", s * (1 - s) * (1 - 2 * s))
    passes("sigmoid-tanh-ex-second", sp.diff(s, z) * (1 - 2 * s))
    passes("sigmoid-tanh-ex-second", sp.diff(s, z, 2))
    # a learner's own plain symbol z is matched by name
    plain = sp.Symbol("z")
    passes(
        "sigmoid-tanh-ex-second",
        s.subs(z, plain) * (1 - s.subs(z, plain)) ** 2
        - s.subs(z, plain) ** 2 * (1 - s.subs(z, plain)),
    )
    fails("sigmoid-tanh-ex-second", s * (1 - s) * (2 * s - 1), "wrong sign")
    fails("sigmoid-tanh-ex-second", 2 * s * (1 - s) * (1 - 2 * s), "factor", "2 times")
    fails("sigmoid-tanh-ex-second", s * (1 - s), "first derivative")
    fails("sigmoid-tanh-ex-second", s**2 * (1 - s), "at z = ", "answer there is")
    fails("sigmoid-tanh-ex-second", sp.Symbol("x") * s, "uses x")
    fails("sigmoid-tanh-ex-second", lambda t: t, "SymPy expression", "not a function")


def test_underflow_depth():
    expected = 1022 // 2 + 1  # 0.25^D = 2^(-2D) < 2^(-1022)
    passes("sigmoid-tanh-ex-underflow", expected)
    passes("sigmoid-tanh-ex-underflow", np.int64(expected))
    fails("sigmoid-tanh-ex-underflow", expected - 1, "off by one")
    fails("sigmoid-tanh-ex-underflow", 1074 // 2 + 1, "subnormal")
    fails("sigmoid-tanh-ex-underflow", 308, "too small")
    fails("sigmoid-tanh-ex-underflow", "512", "should be a number")


def test_logit():
    passes("sigmoid-tanh-ex-logit", sp.log(p / (1 - p)))
    passes("sigmoid-tanh-ex-logit", sp.log(p) - sp.log(1 - p))
    passes("sigmoid-tanh-ex-logit", sp.log(sp.Symbol("p") / (1 - sp.Symbol("p"))))
    fails("sigmoid-tanh-ex-logit", sp.log((1 - p) / p), "wrong sign")
    fails("sigmoid-tanh-ex-logit", sp.log(p), "solve p = 1/(1 + e^(-z))")
    fails("sigmoid-tanh-ex-logit", sp.log(p / (1 + p)), "at p = ")


def test_tanh_edge():
    passes("sigmoid-tanh-ex-tanh-edge", sp.acosh(10))
    passes("sigmoid-tanh-ex-tanh-edge", sp.log(10 + 3 * sp.sqrt(11)))
    passes("sigmoid-tanh-ex-tanh-edge", float(np.arccosh(10.0)))
    fails("sigmoid-tanh-ex-tanh-edge", -sp.acosh(10), "wrong sign")
    fails("sigmoid-tanh-ex-tanh-edge", sp.acosh(100), "cosh(z) = 10, not 100")
    fails("sigmoid-tanh-ex-tanh-edge", sp.atanh(sp.Rational(99, 100)), "too small")
    fails("sigmoid-tanh-ex-tanh-edge", sp.Symbol("z") + 1, "should be a number")
