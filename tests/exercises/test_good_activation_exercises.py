"""Checkers of the good-activation exercises: the book's answers pass, slips fail."""

import nnmath as nm
import numpy as np
import sympy as sp
from exercise_helpers import fails, passes

z = nm.z
SOFTSIGN = z / (1 + sp.Abs(z))


def softsign(expr=SOFTSIGN, forward=None, grad=None):
    return nm.Activation(
        "softsign",
        "Softsign",
        r"\operatorname{softsign}",
        expr,
        forward or (lambda x: x / (1 + np.abs(x))),
        grad or (lambda x: 1 / (1 + np.abs(x)) ** 2),
    )


def test_softsign():
    passes("good-activation-ex-softsign", softsign())
    fails(
        "good-activation-ex-softsign",
        softsign(grad=lambda x: 1 / (1 + x) ** 2),
        "softsign'(-0.5) should be 0.444444, got 4",
    )
    fails(
        "good-activation-ex-softsign",
        softsign(grad=lambda x: 1 / (1 + np.abs(x))),
        "softsign'(0.5) should be 0.444444, got 0.666667",
    )
    fails(
        "good-activation-ex-softsign",
        softsign(grad=lambda x: 2 / (1 + np.abs(x)) ** 2),
        "constant factor",
        "2 times",
    )
    fails(
        "good-activation-ex-softsign",
        softsign(grad=lambda x: np.where(x == 0, 0.5, 1 / (1 + np.abs(x)) ** 2)),
        "except at the kink",
    )
    fails(
        "good-activation-ex-softsign",
        softsign(forward=lambda x: x / (1 + x)),
        "softsign(-0.5) should be -0.333333, got -1",
    )
    fails("good-activation-ex-softsign", softsign(expr=z / (1 + z)), "SymPy expression")
    fails("good-activation-ex-softsign", SOFTSIGN, "should be an nm.Activation")


def test_select():
    right = ["linear", "elu", "silu", "gelu", "leaky_relu", "relu", "softplus"]
    passes("good-activation-ex-select", right)
    fails("good-activation-ex-select", right[::-1], "not in order", "place 1")
    fails("good-activation-ex-select", [*right, "tanh"], "['tanh'] saturate")
    fails("good-activation-ex-select", right[:3], "it misses")
    fails("good-activation-ex-select", "elu", "list of names")


def test_softplus_slope():
    sigma = nm.activation("sigmoid").expr
    passes("good-activation-ex-softplus", sp.exp(z) / (1 + sp.exp(z)))
    passes("good-activation-ex-softplus", sigma)
    fails("good-activation-ex-softplus", sigma.subs(z, -z), "sign of the exponent")
    fails("good-activation-ex-softplus", 1 / (1 + sp.exp(z)) ** 2, "at z = 0")
    fails("good-activation-ex-softplus", sp.exp(z), "at z = ")
