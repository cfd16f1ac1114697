"""check_grad itself: it passes true derivatives and catches wrong ones."""

import nnmath as nm
import numpy as np
import pytest

X = np.array([0.3, -0.5, 0.9])


def softmax_jacobian(v):
    s = nm.softmax(v)
    return np.diag(s) - np.outer(s, s)


def test_elementwise_and_scalar_modes():
    x = np.linspace(-2, 2, 9)
    assert nm.check_grad(np.sin, np.cos, x) < 1e-8
    assert nm.check_grad(lambda v: float(np.sum(v**3)), lambda v: 3 * v**2, x) < 1e-8
    sigmoid = nm.activation("sigmoid")
    assert nm.check_grad(sigmoid, sigmoid.grad, np.linspace(-8, 8, 401)) < 1e-7


def test_catches_a_wrong_derivative():
    x = np.linspace(-2, 2, 9)
    assert nm.check_grad(np.sin, lambda v: 1.01 * np.cos(v), x) > 1e-3
    assert nm.check_grad(np.exp, lambda v: np.exp(v) + 1e-2, x) > 1e-3


def test_a_vector_function_is_checked_column_by_column():
    # Zeros claimed for softmax: diagonal and off-diagonal entries are wrong.
    assert nm.check_grad(nm.softmax, np.zeros_like, X) > 0.5
    # Its diagonal alone, claimed elementwise: the off-diagonal -s_i s_j are missed.
    assert (
        nm.check_grad(nm.softmax, lambda v: nm.softmax(v) * (1 - nm.softmax(v)), X)
        > 0.5
    )
    assert nm.check_grad(nm.softmax, softmax_jacobian, X) < 1e-8
    assert nm.check_grad(nm.softmax, nm.activation("softmax").grad, X) < 1e-8


def test_a_hidden_coupling_fails_the_elementwise_claim():
    sigmoid = nm.activation("sigmoid")
    grid = np.linspace(-3, 3, 201)
    coupled = np.ones(grid.size)
    coupled[150] = 0.0

    def f(v):  # entry 150 also moves with entry 40
        return nm.sigmoid(v) + 0.01 * (1 - coupled) * v[40]

    assert nm.check_grad(nm.sigmoid, sigmoid.grad, grid) < 1e-7
    assert nm.check_grad(f, sigmoid.grad, grid) == 1.0


def test_a_non_square_jacobian():
    A = np.array([[1.0, 2.0, -1.0], [0.5, 0.0, 3.0]])

    def f(v):
        return A @ np.tanh(v)

    def jacobian(v):
        return A * (1 - np.tanh(v) ** 2)

    assert nm.check_grad(f, jacobian, X) < 1e-8
    assert nm.check_grad(f, lambda v: jacobian(v)[:, ::-1], X) > 0.1
    # A matrix input: the Jacobian of f(W) = W @ u has shape (2,) + (2, 3).
    u = np.array([1.0, -2.0, 0.5])
    J = np.zeros((2, 2, 3))
    J[0, 0], J[1, 1] = u, u
    assert nm.check_grad(lambda W: W @ u, lambda W: J, A) < 1e-8


def test_nan_fails():
    assert np.isnan(nm.check_grad(np.sqrt, lambda v: 0.5 / np.sqrt(v), [4.0, np.nan]))


def test_shape_errors_are_named():
    with pytest.raises(
        ValueError,
        match=r"df\(x\) must be the Jacobian, of shape f\(x\).shape \+ x.shape = "
        r"\(3, 3\), or, when f\(x\) has x's shape \(3,\), the elementwise "
        r"derivative of that shape; got shape \(2,\)",
    ):
        nm.check_grad(np.sin, lambda v: np.cos(v)[:2], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match=r"= \(2, 3\), or.*got shape \(3,\)"):
        nm.check_grad(lambda v: v[:2], np.cos, [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="x must not be empty"):
        nm.check_grad(np.sin, np.cos, [])
    with pytest.raises(TypeError, match="x must be numeric"):
        nm.check_grad(np.sin, np.cos, "abc")
