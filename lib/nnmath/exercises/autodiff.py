"""Checkers for the exercises of the chapter on automatic differentiation."""

import numpy as np
import sympy as sp

from .. import autodiff as ad
from ..mlp import MLP
from . import CannotJudge, Incorrect, compare_array, compare_expr, exercise


def tied_setup():
    """The shared matrix W0 (4 x 4) and the inputs X0 (3 x 4) of the exercise."""
    rng = np.random.default_rng(5)
    return rng.normal(size=(4, 4)) / 2, rng.normal(size=(3, 4))


def tied_grads():
    """dL/dW of the shared matrix, and the two layers' shares, from the engine."""
    W0, X0 = tied_setup()

    def twice(W1, W2):
        h = ad.activate(X0 @ W1.T, "tanh")
        return ad.activate(h @ W2.T, "tanh").sum()

    shared, first, second = ad.Var(W0), ad.Var(W0), ad.Var(W0)
    twice(shared, shared).backward()
    twice(first, second).backward()
    return shared.grad, first.grad, second.grad


def _not_a_node(answer) -> None:
    if isinstance(answer, ad.Var):
        raise CannotJudge(
            "that is a node of the graph (a Var); its gradient is its .grad, an array."
        )


def _same_array(answer, expected) -> bool:
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return False  # compare_array says what is wrong with it
    return got.shape == expected.shape and np.allclose(got, expected, rtol=1e-9)


@exercise(
    "autodiff-ex-tied",
    "dL/dW for the shared matrix W0, an array of shape (4, 4)",
)
def tied(answer):
    _not_a_node(answer)
    shared, first, second = tied_grads()
    slips = [
        (
            first,
            "that is the first layer's share only; the shared matrix also "
            "gets the second layer's (a leaf used twice sums both shares).",
        ),
        (
            second,
            "that is the second layer's share only; the shared matrix "
            "also gets the first layer's (a leaf used twice sums both shares).",
        ),
        (
            shared.T,
            "that is the transpose: the gradient has the layout of W, "
            "whose rows are output units.",
        ),
        (
            (first + second) / 2,
            "that is the mean of the two shares; a leaf used twice gets their sum.",
        ),
    ]
    for wrong, message in slips:
        if _same_array(answer, wrong):
            raise Incorrect(f"your gradient is not right: {message}")
    return compare_array(answer, shared, rtol=1e-9, atol=1e-14, what="your gradient")


def jacobian_net():
    """The exercise's network and input point."""
    net = MLP([2, 16, 16, 6], hidden="tanh", output="linear", loss="mse", seed=5)
    return net, np.array([[0.3, -1.2]])


def _jacobian(output_tanh=False):
    """The 6 x 2 Jacobian of the outputs, one engine sweep per output."""
    net, x0 = jacobian_net()
    rows = []
    for k in range(net.W[-1].shape[0]):
        x = ad.Var(x0)
        a = x
        for layer, (W, b) in enumerate(zip(net.W, net.b, strict=True)):
            a = a @ W.T + b
            if layer < len(net.W) - 1 or output_tanh:
                a = ad.activate(a, "tanh")
        (a * np.eye(net.W[-1].shape[0])[k]).sum().backward()
        rows.append(x.grad[0])
    return np.array(rows)


@exercise(
    "autodiff-ex-jacobian",
    "the Jacobian of the six outputs with respect to the two inputs, an array of "
    "shape (6, 2)",
)
def jacobian(answer):
    _not_a_node(answer)
    J = _jacobian()
    if _same_array(answer, _jacobian(output_tanh=True)):
        raise Incorrect(
            "your Jacobian has a tanh on the output layer; this network's output "
            "is linear (output='linear')."
        )
    return compare_array(answer, J, rtol=1e-7, atol=1e-12, what="your Jacobian")


@exercise(
    "autodiff-ex-mse",
    "the adjoint of one entry e of the node error, a SymPy expression in e, N, K",
)
def mse(answer):
    if isinstance(answer, int | float | ad.Var | np.ndarray):
        raise CannotJudge(
            "the exercise asks for the adjoint as a formula in e, N and K, not "
            "for its value."
        )
    e, rest = sp.symbols("e r", real=True)  # rest: the other entries' squares
    N, K = sp.symbols("N K", positive=True)
    loss = (e * e + rest) / (N * K)  # error * error, summed, times 1/(NK)
    adjoint = sp.diff(loss, e)
    return compare_expr(
        answer,
        adjoint,
        symbols=[e, N, K],
        domain={N: [5.0, 1.0, 3.0, 10.0, 2.0], K: [2.0, 1.0, 4.0, 3.0, 6.0]},
        what="your adjoint",
        common={
            e / (N * K): "the node error is both factors of the product "
            "(fan-out), so it receives two shares that add up.",
            2 * e: "the constant 1/(NK) multiplies the sum, so it scales the "
            "adjoint too.",
            2 * e / N: "the mean runs over all N K entries: divide by N K, not by N.",
        },
    )
