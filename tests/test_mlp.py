"""The MLP: backprop gradients against finite differences; it learns XOR."""

import nnmath as nm
import numpy as np
import pytest

HIDDEN = [name for name in nm.ACTIVATIONS if name != "softmax"]
PAIRS = [("sigmoid", "bce"), ("softmax", "cce"), ("linear", "mse")]


def problem(output, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(6, 3))
    if output == "softmax":
        return X, np.eye(2)[rng.integers(0, 2, 6)], 2
    if output == "sigmoid":
        return X, rng.integers(0, 2, (6, 2)).astype(float), 2
    return X, rng.normal(size=(6, 2)), 2


def flat_loss(net, X, y, which, layer):
    def f(v):
        saved = getattr(net, which)[layer].copy()
        getattr(net, which)[layer][...] = v
        out = net.loss(y, net.forward(X))
        getattr(net, which)[layer][...] = saved
        return out

    return f


@pytest.mark.parametrize("hidden", HIDDEN)
@pytest.mark.parametrize(("output", "loss"), PAIRS)
def test_backprop_matches_finite_differences(hidden, output, loss):
    X, y, k = problem(output)
    net = nm.MLP([3, 5, 4, k], hidden=hidden, output=output, loss=loss, seed=1)
    # Shift the biases so no pre-activation sits near the ReLU-family kink at 0.
    net.forward(X)
    grads = net.backward(y)
    assert min(np.abs(z).min() for z in net.z[:-1]) > 1e-4
    for which, key in (("W", "dW"), ("b", "db")):
        for layer in range(3):
            err = nm.check_grad(
                flat_loss(net, X, y, which, layer),
                lambda v, key=key, layer=layer: grads[key][layer],
                getattr(net, which)[layer].copy(),
                eps=1e-5,
                floor=1e-4,  # relative above 1e-4, where differences resolve it
            )
            assert err < 1e-6, (which, layer, err)


def test_backward_returns_every_layer_in_the_book_shapes():
    X, y, _ = problem("sigmoid")
    net = nm.MLP([3, 5, 2], hidden="leaky_relu", hidden_params={"slope": 0.1})
    net.forward(X)
    g = net.backward(y)
    assert [d.shape for d in g["delta"]] == [(6, 5), (6, 2)]
    assert [w.shape for w in g["dW"]] == [(5, 3), (2, 5)] == [w.shape for w in net.W]
    assert [b.shape for b in g["db"]] == [(5,), (2,)]
    # The output delta is the canonical (ŷ − y)/N for sigmoid + bce.
    np.testing.assert_allclose(g["delta"][-1], (net.a[-1] - y) / y.size)
    # δ^[1] = (W^[2]ᵀ δ^[2]) ⊙ g'(z^[1]), sample by sample.
    for i in range(6):
        expected = (net.W[1].T @ g["delta"][1][i]) * np.where(net.z[0][i] > 0, 1, 0.1)
        np.testing.assert_allclose(g["delta"][0][i], expected)


def test_fit_learns_xor_deterministically():
    X, y = nm.xor()
    history = nm.MLP([2, 4, 1], hidden="tanh", seed=0).fit(X, y, epochs=2000, lr=0.5)
    again = nm.MLP([2, 4, 1], hidden="tanh", seed=0).fit(X, y, epochs=2000, lr=0.5)
    np.testing.assert_array_equal(history, again)
    assert history[0] > 0.5 and history[-1] < 0.01


def test_bad_construction_and_shapes():
    with pytest.raises(ValueError, match="sizes must be"):
        nm.MLP([3])
    with pytest.raises(ValueError, match="slope must be finite and >= 0; got -1.0"):
        nm.MLP([2, 2, 1], hidden="leaky_relu", hidden_params={"slope": -1.0})
    net = nm.MLP([2, 3, 1])
    with pytest.raises(ValueError, match=r"X must have shape \(N, 2\); got \(4, 3\)"):
        net.forward(np.zeros((4, 3)))
    net.forward(np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"y must have shape \(4, 1\); got \(3,\)"):
        net.backward(np.zeros(3))
