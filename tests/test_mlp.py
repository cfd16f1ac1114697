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
    with pytest.raises(ValueError, match=r"sizes must list at least 2 layer sizes"):
        nm.MLP([3])
    with pytest.raises(
        TypeError, match=r"sizes must be integers; got 2.0 \(float\) at index 0"
    ):
        nm.MLP([2.0, 3, 1])
    with pytest.raises(
        TypeError, match=r"sizes must be integers; got True \(bool\) at index 1"
    ):
        nm.MLP([2, True, 1])
    with pytest.raises(
        TypeError, match=r"sizes must be integers; got '3' \(str\) at index 1"
    ):
        nm.MLP([2, "3", 1])
    with pytest.raises(ValueError, match=r"sizes must be >= 1; got 0 at index 1"):
        nm.MLP([2, 0, 1])
    with pytest.raises(TypeError, match=r"sizes must be a list of integers; got 3"):
        nm.MLP(3)
    with pytest.raises(
        ValueError,
        match="unknown init 'xavir'; expected one of lecun, xavier, glorot, he, "
        "kaiming",
    ):
        nm.MLP([2, 3, 1], init="xavir")
    with pytest.raises(ValueError, match="slope must be finite and >= 0; got -1.0"):
        nm.MLP([2, 2, 1], hidden="leaky_relu", hidden_params={"slope": -1.0})
    net = nm.MLP([2, 3, 1])
    with pytest.raises(ValueError, match=r"X must have shape \(N, 2\); got \(4, 3\)"):
        net.forward(np.zeros((4, 3)))
    net.forward(np.zeros((4, 2)))
    with pytest.raises(ValueError, match=r"y must have shape \(4, 1\); got \(3,\)"):
        net.backward(np.zeros(3))
    assert nm.MLP(np.array([2, 3, 1])).W[0].shape == (3, 2)  # NumPy integers are fine


@pytest.mark.parametrize(
    ("init", "std"),
    [("lecun", lambda n_in, n_out: np.sqrt(1 / n_in)),
     ("xavier", lambda n_in, n_out: np.sqrt(2 / (n_in + n_out))),
     ("glorot", lambda n_in, n_out: np.sqrt(2 / (n_in + n_out))),
     ("he", lambda n_in, n_out: np.sqrt(2 / n_in)),
     ("kaiming", lambda n_in, n_out: np.sqrt(2 / n_in))],
)  # fmt: skip
def test_initialisations_draw_with_their_standard_deviations(init, std):
    sizes = [3, 7, 5, 2]
    net = nm.MLP(sizes, hidden="tanh", init=init, seed=4)
    rng = np.random.default_rng(4)
    for W, n_in, n_out in zip(net.W, sizes[:-1], sizes[1:], strict=True):
        np.testing.assert_array_equal(W, rng.normal(0, std(n_in, n_out), (n_out, n_in)))
    # and, over many weights, the sample std is the named one
    wide = nm.MLP([400, 300, 1], init=init, seed=0).W[0]
    assert wide.std() == pytest.approx(std(400, 300), rel=0.01)


@pytest.mark.parametrize("hidden", HIDDEN)
def test_default_init_is_he_under_the_relu_family_and_lecun_otherwise(hidden):
    default = nm.MLP([3, 5, 2], hidden=hidden, seed=2)
    named = "he" if hidden in ("relu", "leaky_relu", "elu") else "lecun"
    explicit = nm.MLP([3, 5, 2], hidden=hidden, seed=2, init=named)
    for a, b in zip(default.W, explicit.W, strict=True):
        np.testing.assert_array_equal(a, b)
    # The weights the book's chapters were computed with (seed 0, tanh and relu).
    np.testing.assert_array_equal(
        nm.MLP([2, 4, 1], hidden="tanh").W[0],
        np.random.default_rng(0).normal(0, np.sqrt(1 / 2), (4, 2)),
    )


def test_softmax_cce_learns_from_integer_labels():
    X, labels = nm.spirals(60, classes=3, seed=1)
    rows = nm.one_hot(labels, 3)
    kind = {"hidden": "tanh", "output": "softmax", "loss": "cce"}
    by_labels = nm.MLP([2, 8, 3], **kind).fit(X, labels, epochs=50, lr=0.5)
    by_rows = nm.MLP([2, 8, 3], **kind).fit(X, rows, epochs=50, lr=0.5)
    np.testing.assert_array_equal(by_labels, by_rows)
    assert by_labels[-1] < by_labels[0]
