"""Checkers for the exercises of the chapter on softplus, SiLU and GELU."""

import numpy as np
import sympy as sp

from ..activations import activation, gelu, sigmoid
from ..symbols import z
from . import compare_expr, compare_number, exercise


@exercise(
    "modern-activations-ex-swish-beta",
    "the limit of z sigma(beta z) as beta -> oo, a SymPy expression in nm.z",
)
def swish_limit(answer):
    return compare_expr(
        answer,
        activation("relu").expr,
        symbols=[z],
        what="your limit",
        common={
            z / 2: "that is the limit as beta -> 0, where sigma(beta z) -> 1/2.",
            z: "for z < 0, sigma(beta z) -> 0 as beta grows.",
        },
    )


def gelu_tanh(x):
    c = np.sqrt(2 / np.pi)
    return 0.5 * x * (1 + np.tanh(c * (x + 0.044715 * x**3)))


@exercise(
    "modern-activations-ex-sigmoid-gelu",
    "the largest |z sigma(1.702 z) - GELU(z)| on [-10, 10], a float",
)
def sigmoid_gelu(answer):
    grid = np.linspace(-10, 10, 200001)
    error = np.abs(grid * sigmoid(1.702 * grid) - gelu(grid)).max()
    return compare_number(
        answer,
        error,
        rtol=1e-3,
        what="your maximum error",
        common={
            np.abs(gelu_tanh(grid) - gelu(grid)).max(): "that is the error of the"
            " tanh approximation.",
        },
    )


@exercise(
    "modern-activations-ex-softplus-odd",
    "d/dz softplus(-z), a SymPy expression in nm.z",
)
def softplus_odd(answer):
    softplus = activation("softplus").expr
    return compare_expr(
        answer,
        sp.diff(softplus.subs(z, -z), z),
        symbols=[z],
        what="your derivative",
    )
