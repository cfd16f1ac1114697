"""Checkers of the likelihood exercises: book answers pass, slips fail."""

import math

import nnmath as nm
import sympy as sp
from exercise_helpers import fails, passes

z, y = nm.z, nm.y
xi = sp.Symbol("xi", positive=True)
s = sp.symbols("s1:4", positive=True)
uniform_ce = -sum(sp.log(v) for v in s) / 3  # H(u, y_hat) for K = 3
kl_u = sum(sp.log(sp.Rational(1, 3) / v) for v in s) / 3  # KL(u || y_hat)


def test_poisson_curvature():
    passes("likelihood-ex-poisson-curvature", sp.exp(z))
    fails("likelihood-ex-poisson-curvature", sp.exp(z) - y, "first derivative")
    fails("likelihood-ex-poisson-curvature", sp.exp(z) - y * z, "loss itself")
    fails("likelihood-ex-poisson-curvature", -sp.exp(z), "wrong sign")
    passes("likelihood-ex-poisson-curvature", nm.y_hat)  # the rate e^z
    fails("likelihood-ex-poisson-curvature", y / nm.y_hat**2, "log-rate z")
    fails("likelihood-ex-poisson-curvature", 1 / nm.y_hat, "not right")


def test_smoothing_split():
    passes("likelihood-ex-smoothing-split", xi * uniform_ce)
    passes("likelihood-ex-smoothing-split", xi * (kl_u + sp.log(3)))
    fails("likelihood-ex-smoothing-split", xi * kl_u, "log 3 is missing")
    fails("likelihood-ex-smoothing-split", uniform_ce, "factor xi is missing")
    fails("likelihood-ex-smoothing-split", (1 - xi) * uniform_ce, "swapped")
    fails("likelihood-ex-smoothing-split", "xi*log(3)", "string")


def crossover(gamma):
    p = sp.Symbol("p", positive=True)
    ratio = (1 - p) ** gamma - gamma * p * (1 - p) ** (gamma - 1) * sp.log(p)
    return float(sp.nsolve(ratio - 1, p, 0.2))


def test_focal_crossover():
    cross = crossover(2)
    passes("likelihood-ex-focal-crossover", cross)
    fails("likelihood-ex-focal-crossover", 1 - cross, "wrong class")
    fails("likelihood-ex-focal-crossover", math.log(cross / (1 - cross)), "logit")
    fails("likelihood-ex-focal-crossover", crossover(1), "gamma = 1")
    fails("likelihood-ex-focal-crossover", 0.0, "a limit")
    passes("likelihood-ex-focal-crossover", round(cross, 4))  # as printed
    fails("likelihood-ex-focal-crossover", 0.2975, "too small")
    fails("likelihood-ex-focal-crossover", 0.3, "too large")
