"""Checkers for the exercises of the chapter on gradient descent."""

import numpy as np
import sympy as sp

from ..activations import activation
from ..data import two_moons
from ..mlp import MLP
from . import CannotJudge, Incorrect, compare_expr, compare_number, exercise

eta = sp.Symbol("eta", positive=True)
lam = sp.Symbol("lambda", positive=True)
lmin, lmax = sp.symbols("lambda_min lambda_max", positive=True)


@exercise(
    "gradient-descent-ex-optimal-rate",
    "the best learning rate, a SymPy expression in lambda_min and lambda_max",
)
def optimal_rate(answer):
    # the slower factor is smallest where the two factors balance, with opposite signs
    (best,) = sp.solve(sp.Eq(1 - eta * lmin, -(1 - eta * lmax)), eta)
    return compare_expr(
        answer,
        best,
        symbols=[lmin, lmax],
        what="your learning rate",
        common={
            1 / lmax: "with eta = 1/lambda_max the steep direction is solved in one "
            "step, but the slow one shrinks by only 1 - lambda_min/lambda_max.",
            2 / lmax: "that is the edge of divergence along the steepest direction.",
        },
    )


@exercise(
    "gradient-descent-ex-one-step",
    "the learning rate that reaches the minimum in one step, a SymPy expression in"
    " lam = sp.Symbol('lambda', positive=True)",
)
def one_step(answer):
    factor = 1 - eta * lam  # w after one step, divided by w before
    (best,) = sp.solve(factor, eta)
    return compare_expr(
        answer,
        best,
        symbols=[lam],
        what="your learning rate",
        common={2 / lam: "with eta = 2/lambda the factor is -1: w flips sign forever."},
    )


@exercise("gradient-descent-ex-depth", "the number of sigmoid layers, an integer")
def depth(answer):
    quarter = activation("sigmoid").properties.max_derivative
    n = next(d for d in range(1, 100) if quarter**d <= sp.Rational(1, 10**6))
    return compare_number(answer, n, rtol=0, what="your number of layers")


def kill_experiment() -> tuple[bool, bool, bool]:
    """(ReLU unit frozen, Leaky ReLU unit frozen, second-layer unit alive at end)."""
    X, labels = two_moons(200, noise=0.15, seed=0)
    frozen = []
    for kind in ("relu", "leaky_relu"):
        net = MLP([2, 8, 1], hidden=kind, seed=0)
        net.b[0][0] = -10.0
        before_W, before_b = net.W[0][0].copy(), float(net.b[0][0])
        net.fit(X, labels, epochs=50, lr=0.5)
        frozen.append(
            bool(np.array_equal(net.W[0][0], before_W) and net.b[0][0] == before_b)
        )
    net = MLP([2, 16, 16, 1], hidden="relu", seed=0)
    net.forward(X)
    net.b[1][0] -= net.z[1][:, 0].max() + 0.5
    for _ in range(150):
        net.forward(X)
        alive = bool((net.z[1][:, 0] > 0).any())
        net.backward(labels)
        net.step(0.5)
    return frozen[0], frozen[1], alive


@exercise(
    "gradient-descent-ex-kill",
    "a triple of booleans (relu_frozen, leaky_frozen, second_layer_alive_at_end)",
)
def kill(answer):
    if not isinstance(answer, tuple | list) or len(answer) != 3:
        raise CannotJudge(
            "the answer should be a triple (relu_frozen, leaky_frozen, alive)."
        )
    if not all(isinstance(a, bool | np.bool_) for a in answer):
        raise CannotJudge("each entry should be True or False.")
    relu_frozen, leaky_frozen, alive = kill_experiment()
    names = ("relu_frozen", "leaky_frozen", "second_layer_alive_at_end")
    why = {
        "relu_frozen": "a ReLU unit negative on every input has g' = 0: no gradient.",
        "leaky_frozen": "Leaky ReLU's slope 0.01 still passes a gradient to the unit.",
        "second_layer_alive_at_end": "the first layer keeps training, so the "
        "second-layer unit's inputs change.",
    }
    for name, got, want in zip(
        names, answer, (relu_frozen, leaky_frozen, alive), strict=True
    ):
        if bool(got) != want:
            raise Incorrect(f"{name} should be {want}: {why[name]}")
    return "the first-layer ReLU unit stays dead; the others do not."
