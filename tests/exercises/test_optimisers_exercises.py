"""Checkers of the optimisers exercises: book answers pass, slips fail."""

import sympy as sp
from exercise_helpers import fails, passes

lmin, lmax = sp.symbols("lambda_min lambda_max", positive=True)
rate = (sp.sqrt(lmax / lmin) - 1) / (sp.sqrt(lmax / lmin) + 1)
eta = 4 / (sp.sqrt(lmax) + sp.sqrt(lmin)) ** 2
c, eps = sp.symbols("c varepsilon", positive=True)
V, S, N = sp.symbols("V S N", positive=True)


def test_optimal_momentum():
    passes("optimisers-ex-optimal-momentum", (eta, rate**2))
    fails("optimisers-ex-optimal-momentum", (eta, rate), "beta is its square")
    fails(
        "optimisers-ex-optimal-momentum",
        (2 / (lmin + lmax), rate**2),
        "plain gradient descent",
    )
    fails(
        "optimisers-ex-optimal-momentum",
        (4 / (sp.sqrt(lmax) - sp.sqrt(lmin)) ** 2, 1 / rate**2),
        "diverges",
    )
    fails("optimisers-ex-optimal-momentum", (eta, rate**2 / 2), "0.5 times")
    fails("optimisers-ex-optimal-momentum", (rate**2, eta), "swapped")
    fails("optimisers-ex-optimal-momentum", eta, "a pair (eta, beta)")


def test_scale():
    passes("optimisers-ex-scale", c * eps)
    fails("optimisers-ex-scale", c**2 * eps, "not by c^2")
    fails("optimisers-ex-scale", eps, "differ slightly")
    fails("optimisers-ex-scale", c * sp.Symbol("epsilon"), "uses epsilon")


def test_batch():
    passes("optimisers-ex-batch", N * V / (V + (N - 1) * S))
    fails("optimisers-ex-batch", V / S, "with replacement")
    fails("optimisers-ex-batch", N * V / (V + N * S), "N - 1, not N")
    fails("optimisers-ex-batch", V / (V + (N - 1) * S), "at V = ")
    fails("optimisers-ex-batch", 9.19, "the formula in V, S and N")
