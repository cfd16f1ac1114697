"""The autodiff engine: against MLP.backward for every activation–loss pair MLP takes,
against central differences, at fan-out and under broadcasting, and bad inputs."""

import nnmath as nm
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from nnmath import autodiff as ad

SETTINGS = settings(max_examples=10, deadline=None)

HIDDEN = [name for name in nm.ACTIVATIONS if name != "softmax"]
# bce and cce need predictions in [0, 1]: of the library's outputs only the sigmoid
# and the softmax guarantee that. mse, mae and hinge take any real prediction.
PAIRS = [(out, L) for out in ("sigmoid", "softmax") for L in ("bce", "cce")] + [
    (out, L) for out in nm.ACTIVATIONS for L in ("mse", "mae", "hinge")
]
PARAMS = {"leaky_relu": {"slope": 0.1}, "elu": {"alpha": 0.7}}


def targets(loss, shape, rng):
    if loss == "hinge":
        return rng.choice([-1.0, 1.0], shape)
    if loss == "cce":
        return np.eye(shape[1])[rng.integers(0, shape[1], shape[0])]
    if loss == "bce":
        return rng.integers(0, 2, shape).astype(float)
    return rng.normal(size=shape)


def graph(net, X, y):
    """The loss of ``net`` on (X, y) as a graph, with leaves for W, b and the z's."""
    W, b = [ad.Var(w) for w in net.W], [ad.Var(v) for v in net.b]
    a, zs = X, []
    for layer in range(len(W)):
        zs.append(a @ W[layer].T + b[layer])
        if layer < len(W) - 1:
            a = ad.activate(zs[-1], net.hidden.name, **net.hidden_params)
    out, name = net.output.name, net.loss.name
    if (out, name) in nm.CANONICAL:
        L = ad.loss_with_logits(y, zs[-1], name)
    else:
        y_hat = ad.softmax(zs[-1]) if out == "softmax" else ad.activate(zs[-1], out)
        L = ad.loss(y, y_hat, name)
    return L, W, b, zs


def close(a, b) -> bool:
    """Equal to 1e-12 relative to the array's largest entry (so entries that cancel
    are judged on the array's scale), or within 1e-14 absolute: a gradient that is 0
    in exact arithmetic (the softmax's VJP of a vector with equal entries) comes out
    of either code as rounding noise of about 1e-17."""
    return np.abs(a - b).max() <= 1e-12 * np.abs(b).max() + 1e-14


def compare_with_mlp(hidden, output, loss, sizes, N, seed):
    rng = np.random.default_rng(seed)
    net = nm.MLP(
        sizes, hidden, output, loss, seed=seed, hidden_params=PARAMS.get(hidden)
    )
    # Random biases, the last one mostly positive, so that a ReLU-family output is
    # not dead on every sample.
    net.b = [rng.normal(0, 0.5, b.shape) for b in net.b]
    net.b[-1] += 0.5
    X = rng.normal(size=(N, sizes[0]))
    y = targets(loss, (N, sizes[-1]), rng)
    net.forward(X)
    lib = net.backward(y)
    L, W, b, zs = graph(net, X, y)
    L.backward()
    assert float(L.value) == pytest.approx(net.loss(y, net.a[-1]), rel=1e-12)
    for layer in range(len(W)):
        assert W[layer].grad.shape == net.W[layer].shape
        assert b[layer].grad.shape == net.b[layer].shape
        assert close(W[layer].grad, lib["dW"][layer])
        assert close(b[layer].grad, lib["db"][layer])
        assert close(zs[layer].grad, lib["delta"][layer])  # δ = dL/dz
    return net, X, y, W, b, lib


@pytest.mark.parametrize(("output", "loss"), PAIRS)
@pytest.mark.parametrize("hidden", HIDDEN)
def test_reproduces_mlp_backward_for_every_pair(hidden, output, loss):
    *_, lib = compare_with_mlp(hidden, output, loss, [3, 5, 4, 2], N=6, seed=1)
    assert all(np.abs(g).max() > 1e-6 for g in lib["dW"])  # a real comparison


@SETTINGS
@given(
    pair=st.sampled_from(PAIRS),
    hidden=st.sampled_from(HIDDEN),
    sizes=st.lists(st.integers(1, 6), min_size=2, max_size=5),
    N=st.integers(1, 7),
    seed=st.integers(0, 2**32 - 1),
)
def test_reproduces_mlp_backward_for_random_shapes(pair, hidden, sizes, N, seed):
    output, loss = pair
    if output == "softmax" or loss == "cce":
        sizes = [*sizes[:-1], max(sizes[-1], 2)]
    compare_with_mlp(hidden, output, loss, sizes, N, seed)


@pytest.mark.parametrize(
    ("hidden", "output", "loss"),
    [("tanh", "sigmoid", "bce"), ("gelu", "softmax", "cce"),
     ("elu", "linear", "mse"), ("silu", "softmax", "mse"),
     ("sigmoid", "tanh", "hinge"), ("softplus", "sigmoid", "cce")],
)  # fmt: skip
def test_matches_central_differences(hidden, output, loss):
    net, X, y, W, b, _ = compare_with_mlp(hidden, output, loss, [3, 4, 3], N=5, seed=2)

    def loss_at(which, layer):
        def f(v):
            probe = [w.value.copy() for w in W], [c.value.copy() for c in b]
            probe[which][layer] = v
            net.W, net.b = probe
            return net.loss(y, net.forward(X))

        return f

    for which, leaves in enumerate((W, b)):
        for layer, leaf in enumerate(leaves):
            f = loss_at(which, layer)
            err = nm.check_grad(f, lambda v, g=leaf.grad: g, leaf.value, eps=1e-5)
            assert err < 1e-6, (which, layer, err)


def test_fan_out_adds_the_shares():
    z = ad.Var(np.linspace(-3.0, 3.0, 7))
    silu = z * ad.activate(z, "sigmoid")  # z feeds the product twice
    silu.sum().backward()
    np.testing.assert_allclose(z.grad, nm.activation("silu").grad(z.value), rtol=1e-14)
    x = ad.Var([1.5, -2.0])
    (x * x + x).sum().backward()  # d/dx (x² + x) = 2x + 1
    np.testing.assert_array_equal(x.grad, 2 * x.value + 1)


def test_a_node_waits_for_every_use_before_passing_its_gradient_on():
    # b = 2a is used by c = b·a and by L = b + c, and a is used by both b and c:
    # whatever the order of the parents, a's gradient needs both shares complete.
    # L = 2a + 2a², so dL/da = 2 + 4a.
    a = ad.Var(1.5)
    b = a * 2.0
    for c in (b * a, a * b):
        (b + c).backward()
        assert a.grad == pytest.approx(2 + 4 * a.value, rel=1e-15)


def test_broadcasting_sums_over_the_broadcast_axes():
    rng = np.random.default_rng(3)
    A, row, col, s = (
        rng.normal(size=(4, 3)),
        rng.normal(size=3),
        rng.normal(size=(4, 1)),
        0.5,
    )
    leaves = [ad.Var(v) for v in (A, row, col, s)]
    G = rng.normal(size=(4, 3))  # L = Σ G ⊙ ((A + row) ⊙ col + s)
    L = (((leaves[0] + leaves[1]) * leaves[2] + leaves[3]) * G).sum()
    L.backward()
    assert [v.grad.shape for v in leaves] == [(4, 3), (3,), (4, 1), ()]
    np.testing.assert_allclose(leaves[0].grad, G * col)
    np.testing.assert_allclose(leaves[1].grad, (G * col).sum(axis=0))
    np.testing.assert_allclose(
        leaves[2].grad, (G * (A + row)).sum(axis=1, keepdims=True)
    )
    np.testing.assert_allclose(leaves[3].grad, G.sum())

    def f(v):
        return float((((A + v) * col + s) * G).sum())

    assert nm.check_grad(f, lambda v: leaves[1].grad, row) < 1e-8


def test_softmax_and_matmul_against_central_differences():
    rng = np.random.default_rng(4)
    A, B, G = rng.normal(size=(3, 4)), rng.normal(size=(4, 5)), rng.normal(size=(3, 5))

    def f(a):
        return float((nm.softmax(a @ B) * G).sum())

    a = ad.Var(A)
    (ad.softmax(a @ B) * G).sum().backward()
    assert nm.check_grad(f, lambda v: a.grad, A) < 1e-7


def test_memory_layout_does_not_change_the_gradient():
    rng = np.random.default_rng(5)
    A, B = rng.normal(size=(6, 4)), rng.normal(size=(5, 4))
    layouts = [A, np.asfortranarray(A), np.repeat(A, 2, axis=1)[:, ::2]]
    grads = []
    for a in layouts:
        v, W = ad.Var(a), ad.Var(np.asfortranarray(B))
        ad.activate(v @ W.T, "tanh").sum().backward()
        grads.append((v.grad, W.grad))
    for g, h in grads[1:]:
        np.testing.assert_allclose(g, grads[0][0], rtol=1e-14, atol=1e-15)
        np.testing.assert_allclose(h, grads[0][1], rtol=1e-14, atol=1e-15)


def test_arrays_and_numbers_on_either_side_are_constants():
    v = ad.Var([[1.0, 2.0]])
    ((np.ones((1, 2)) + v) * 3.0).sum().backward()
    np.testing.assert_array_equal(v.grad, [[3.0, 3.0]])
    (np.ones((3, 1)) @ (2.0 * v)).sum().backward()  # ndarray @ Var, float * Var
    np.testing.assert_array_equal(v.grad, [[6.0, 6.0]])


def test_constants_get_no_gradient_and_backward_repeats():
    x, W = np.ones((2, 3)), ad.Var(np.full((3, 1), 0.5))
    L = (x @ W).sum()
    L.backward()
    first = W.grad.copy()
    L.backward()  # a second backward starts again from zero
    np.testing.assert_array_equal(W.grad, first)
    assert L.parents[0].parents[0].grad is None  # x, a constant
    const = ad.add(np.ones(2), np.ones(2))
    assert not const.needs_grad


def test_bad_inputs():
    with pytest.raises(TypeError, match="value must be numeric"):
        ad.Var("a")
    with pytest.raises(ValueError, match=r"matmul needs 2-d arrays A \(m, k\) and B "
                       r"\(k, n\); got A \(2, 3\) and B \(2, 3\)"):  # fmt: skip
        ad.Var(np.ones((2, 3))) @ np.ones((2, 3))
    with pytest.raises(ValueError, match=r"got A \(3,\) and B \(3, 1\)"):
        ad.matmul(np.ones(3), ad.Var(np.ones((3, 1))))
    with pytest.raises(
        ValueError, match=r"add needs shapes that broadcast; got \(2, 3\) and \(2,\)"
    ):
        ad.Var(np.ones((2, 3))) + np.ones(2)
    with pytest.raises(ValueError, match="mul needs shapes that broadcast"):
        ad.Var(np.ones(3)) * np.ones(4)
    with pytest.raises(
        ValueError,
        match=r"backward needs a scalar \(a loss\); got a value of shape \(3,\)",
    ):
        ad.Var(np.ones(3)).backward()
    with pytest.raises(ValueError, match="softmax is not elementwise"):
        ad.activate(ad.Var(np.ones(3)), "softmax")
    with pytest.raises(ValueError, match="unknown activation 'rel'"):
        ad.activate(ad.Var(np.ones(3)), "rel")
    with pytest.raises(TypeError, match="relu takes parameters none"):
        ad.activate(ad.Var(np.ones(3)), "relu", slope=0.1)
    with pytest.raises(ValueError, match="softmax needs a class axis"):
        ad.softmax(ad.Var(1.0))
    with pytest.raises(
        ValueError, match="loss_with_logits takes 'bce' or 'cce'; got 'mse'"
    ):
        ad.loss_with_logits(np.ones(3), ad.Var(np.ones(3)), "mse")
    with pytest.raises(ValueError, match="unknown loss 'l2'"):
        ad.loss(np.ones(3), ad.Var(np.ones(3)), "l2")
    with pytest.raises(ValueError, match="y_hat must lie in"):
        ad.loss(np.ones(3), ad.Var(np.full(3, 2.0)), "bce")
    with pytest.raises(ValueError, match="y and y_hat must have the same shape"):
        ad.loss(np.ones(3), ad.Var(np.ones((3, 1))), "mse")
