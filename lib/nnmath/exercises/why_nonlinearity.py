"""Checkers for the exercises of the chapter on why networks need nonlinearity."""

from functools import cache

import numpy as np
import sympy as sp

from ..activations import activation
from ..data import xor
from ..mlp import MLP
from ..symbols import z
from . import CannotJudge, compare_array, compare_expr, compare_set, exercise

WS = sp.symbols("w1:5", real=True)
BS = sp.symbols("b1:5", real=True)
X1, X2 = sp.symbols("x1 x2", real=True)


def composed_bias() -> sp.Expr:
    """The bias of four scalar affine layers, composed symbolically."""
    x = sp.Symbol("x", real=True)
    out = x
    for w, b in zip(WS, BS, strict=True):
        out = w * out + b
    return sp.expand(out).subs(x, 0)


@exercise(
    "why-nonlinearity-ex-scalar",
    "the bias b of the composed map, a SymPy expression in w1..w4, b1..b4",
)
def scalar(answer):
    return compare_expr(
        answer,
        composed_bias(),
        symbols=[*WS, *BS],
        what="your bias",
        common={sp.prod(WS): "that is the weight w of the composed map, not its bias."},
    )


@exercise(
    "why-nonlinearity-ex-abs",
    "the function the network computes, a SymPy expression in x1, x2",
)
def abs_net(answer):
    relu = activation("relu").expr
    network = relu.subs(z, X1 - X2) + relu.subs(z, X2 - X1)
    return compare_expr(answer, network, symbols=[X1, X2], what="your function")


@cache  # deterministic: six seeded runs, trained once per session
def solved_seeds(seeds=range(6)) -> tuple[int, ...]:
    """The seeds whose 2-4-1 ReLU network learns XOR (500 steps, rate 1)."""
    X, y = xor()
    solved = []
    for s in seeds:
        run = MLP([2, 4, 1], hidden="relu", output="sigmoid", loss="bce", seed=s)
        run.fit(X, y, epochs=500, lr=1.0)
        if np.all((run.predict(X).ravel() > 0.5) == y):
            solved.append(s)
    return tuple(solved)


@exercise(
    "why-nonlinearity-ex-seeds",
    "the list of seeds (from 0 to 5) whose run classifies all four points",
)
def seeds(answer):
    return compare_set(answer, solved_seeds(), what="your list of seeds")


@exercise(
    "why-nonlinearity-ex-square",
    "a pair (w, b): the hidden unit's two weights and its bias",
)
def square(answer):
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise CannotJudge("the answer should be a pair (w, b).")
    w, b = answer
    w = np.asarray(w, dtype=float)
    if w.shape != (2,):
        raise CannotJudge(f"w should hold two weights, got shape {w.shape}.")
    X, y = xor()
    compare_array(
        (X @ w + float(b)) ** 2,
        y,
        rtol=1e-12,
        atol=1e-12,
        what="the outputs on (0, 0), (0, 1), (1, 0), (1, 1)",
    )
    return "(w x + b)^2 is XOR on the four corners."
