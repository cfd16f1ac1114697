"""Checkers of the autodiff exercises: book answers pass, slips fail."""

import nnmath as nm
import numpy as np
import sympy as sp
from exercise_helpers import fails, passes
from nnmath import autodiff as ad


def tied_grads():
    """The checker's three gradients, the shared one checked here against central
    differences of the tied network's loss, independently of the engine."""
    shared, first, second = nm.exercises.autodiff.tied_grads()
    W0, X0 = nm.exercises.autodiff.tied_setup()

    def loss(W):
        return float(np.tanh(np.tanh(X0 @ W.T) @ W.T).sum())

    assert nm.check_grad(loss, lambda W: shared, W0) < 1e-6
    assert np.allclose(shared, first + second, rtol=1e-12)
    return shared, first, second


def test_tied():
    shared, first, second = tied_grads()
    passes("autodiff-ex-tied", shared)
    fails("autodiff-ex-tied", first, "first layer's share only")
    fails("autodiff-ex-tied", second, "second layer's share only")
    fails("autodiff-ex-tied", shared.T, "transpose")
    fails("autodiff-ex-tied", shared[:3], "wrong shape")
    fails("autodiff-ex-tied", ad.Var(shared), "its .grad")


def forward_jacobian(output_tanh=False):
    net = nm.MLP([2, 16, 16, 6], hidden="tanh", output="linear", loss="mse", seed=5)
    a, a_dot = np.array([[0.3, -1.2]]), np.eye(2)
    for layer, (W, b) in enumerate(zip(net.W, net.b, strict=True)):
        z, z_dot = a @ W.T + b, a_dot @ W.T
        a, a_dot = z, z_dot
        if layer < len(net.W) - 1 or output_tanh:
            a, a_dot = net.hidden(z), net.hidden.grad(z) * z_dot
    return a_dot.T  # row k: d y_hat_k / d x


def test_jacobian():
    J = forward_jacobian()
    passes("autodiff-ex-jacobian", J)
    fails("autodiff-ex-jacobian", J.T, "reshape or transpose")
    fails("autodiff-ex-jacobian", forward_jacobian(output_tanh=True), "linear")
    fails("autodiff-ex-jacobian", -J, "wrong sign")


def test_mse():
    e, N, K = sp.symbols("e N K")
    passes("autodiff-ex-mse", 2 * e / (N * K))
    fails("autodiff-ex-mse", e / (N * K), "fan-out")
    fails("autodiff-ex-mse", 2 * e, "1/(NK)")
    fails("autodiff-ex-mse", 2 * e / N, "all N K entries")
