"""Checkers of the gradient-descent exercises: book answers pass, slips fail."""

import sympy as sp
from exercise_helpers import fails, passes

lmin, lmax = sp.symbols("lambda_min lambda_max", positive=True)
lam = sp.Symbol("lambda", positive=True)


def test_optimal_rate():
    passes("gradient-descent-ex-optimal-rate", 2 / (lmin + lmax))
    fails("gradient-descent-ex-optimal-rate", 1 / lmax, "one step")
    fails("gradient-descent-ex-optimal-rate", 2 / lmax, "edge of divergence")
    fails("gradient-descent-ex-optimal-rate", 1 / (lmin + lmax), "0.5 times")


def test_one_step():
    passes("gradient-descent-ex-one-step", 1 / lam)
    fails("gradient-descent-ex-one-step", 2 / lam, "flips sign")
    fails("gradient-descent-ex-one-step", lam, "at lambda = ")
    fails("gradient-descent-ex-one-step", 1 / sp.Symbol("eta"), "uses eta")


def test_depth():
    passes("gradient-descent-ex-depth", 10)
    fails("gradient-descent-ex-depth", 9, "off by one")
    fails("gradient-descent-ex-depth", 20, "2 times")
    fails("gradient-descent-ex-depth", 10.5, "too large")


def test_kill():
    passes("gradient-descent-ex-kill", (True, False, True))
    fails("gradient-descent-ex-kill", (True, True, True), "leaky_frozen should be")
    fails("gradient-descent-ex-kill", (True, False, False), "inputs change")
    fails("gradient-descent-ex-kill", (1, 0, 1), "True or False")
