"""Batch and layer normalisation: forward statistics, backward three ways, layout."""

import nnmath as nm
import numpy as np
import pytest
import sympy as sp

RNG = np.random.default_rng(3)
Z = RNG.normal(loc=2.0, scale=3.0, size=(5, 4))
GAMMA = np.array([1.5, -0.5, 2.0, 1.0])
B = np.array([0.1, 0.0, -1.0, 3.0])
NORMS = {
    "batch": (nm.batch_norm, nm.batch_norm_backward, 0),
    "layer": (nm.layer_norm, nm.layer_norm_backward, 1),
}


@pytest.mark.parametrize("kind", NORMS)
def test_forward_has_mean_0_and_variance_v_over_v_plus_eps(kind):
    forward, _, axis = NORMS[kind]
    out = forward(Z, eps=1e-5)
    v = Z.var(axis=axis)
    assert np.abs(out.mean(axis=axis)).max() < 1e-15
    assert np.allclose(out.var(axis=axis), v / (v + 1e-5), rtol=1e-14)
    assert np.allclose(forward(Z, GAMMA, B), GAMMA * out + B, rtol=1e-14)


def test_forward_matches_the_sympy_expression():
    eps = sp.Symbol("epsilon", positive=True)
    exprs = nm.standardise_expr(5, eps)
    xs = sorted(set().union(*(e.free_symbols for e in exprs)) - {eps}, key=str)
    f = sp.lambdify([xs, eps], exprs, "numpy")
    for j in range(Z.shape[1]):  # batch norm: each column
        assert np.allclose(f(Z[:, j], 1e-5), nm.batch_norm(Z, eps=1e-5)[:, j])
    exprs4 = nm.standardise_expr(4, eps)
    f4 = sp.lambdify(
        [sorted(set().union(*(e.free_symbols for e in exprs4)) - {eps}, key=str), eps],
        exprs4,
        "numpy",
    )
    for i in range(Z.shape[0]):  # layer norm: each row
        assert np.allclose(f4(Z[i], 1e-5), nm.layer_norm(Z, eps=1e-5)[i])


@pytest.mark.parametrize("kind", NORMS)
def test_backward_matches_the_sympy_jacobian(kind):
    forward, backward, axis = NORMS[kind]
    n = Z.shape[axis]
    eps = sp.Rational(1, 10)  # large, so a wrong eps term would show
    exprs = nm.standardise_expr(n, eps)
    xs = sorted(set().union(*(e.free_symbols for e in exprs)), key=str)
    jac = sp.lambdify([xs], sp.Matrix(exprs).jacobian(xs), "numpy")
    dout = RNG.normal(size=Z.shape)
    dz, _, _ = backward(dout, Z, GAMMA, eps=0.1)
    for k in range(Z.shape[1 - axis]):
        line = Z[:, k] if axis == 0 else Z[k]
        upstream = (dout * GAMMA)[:, k] if axis == 0 else (dout * GAMMA)[k]
        expected = np.asarray(jac(line), dtype=float).T @ upstream
        got = dz[:, k] if axis == 0 else dz[k]
        assert np.allclose(got, expected, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("kind", NORMS)
def test_backward_matches_central_differences(kind):
    forward, backward, _ = NORMS[kind]
    R = RNG.normal(size=Z.shape)  # the loss sum(R * out) has dout = R
    dz, dgamma, db = backward(R, Z, GAMMA, eps=1e-3)

    def loss_of(z=Z, gamma=GAMMA, b=B):
        return float(np.sum(R * forward(z, gamma, b, eps=1e-3)))

    assert nm.check_grad(loss_of, lambda _: dz, Z) < 1e-6
    assert nm.check_grad(lambda g: loss_of(gamma=g), lambda _: dgamma, GAMMA) < 1e-6
    assert nm.check_grad(lambda b: loss_of(b=b), lambda _: db, B) < 1e-6


@pytest.mark.parametrize("kind", NORMS)
def test_a_wrong_backward_is_caught(kind):
    forward, backward, _ = NORMS[kind]
    R = RNG.normal(size=Z.shape)
    dz = backward(R, Z, GAMMA)[0]
    naive = R * GAMMA / np.sqrt(Z.var(axis=NORMS[kind][2], keepdims=True) + 1e-5)
    err = nm.check_grad(
        lambda z: float(np.sum(R * forward(z, GAMMA))), lambda _: naive, Z
    )
    assert err > 0.1 and not np.allclose(dz, naive)


@pytest.mark.parametrize("kind", NORMS)
def test_layout_dtype_and_scalar_parameters(kind):
    forward, backward, _ = NORMS[kind]
    expected = forward(Z, GAMMA, B)
    assert np.array_equal(forward(np.asfortranarray(Z), GAMMA, B), expected)
    wide = np.zeros((5, 8))
    wide[:, ::2] = Z
    assert np.array_equal(forward(wide[:, ::2], GAMMA, B), expected)
    assert np.array_equal(forward(Z.T.copy().T, GAMMA, B), expected)
    z32 = Z.astype(np.float32)
    assert np.array_equal(forward(z32), forward(z32.astype(np.float64)))
    assert np.array_equal(forward(Z, 2.0, 1.0), forward(Z, np.full(4, 2.0), np.ones(4)))
    R = RNG.normal(size=Z.shape)
    for a, b in zip(
        backward(R, Z, GAMMA), backward(np.asfortranarray(R), Z.T.T, GAMMA), strict=True
    ):
        assert np.array_equal(a, b)


def test_batch_norm_zeroes_no_unit_and_layer_norm_every_sample():
    # with b = 0 each column (batch) or row (layer) has mean 0: some entry > 0
    shifted = Z - 100.0
    assert nm.dead_fraction(shifted) == 1.0
    assert nm.dead_fraction(nm.batch_norm(shifted)) == 0.0
    assert np.all((nm.layer_norm(shifted) > 0).any(axis=1))


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: nm.batch_norm(np.ones(3)), ValueError, "z must be 2-d"),
        (lambda: nm.batch_norm(np.ones((1, 3))), ValueError, "at least 2 samples"),
        (lambda: nm.layer_norm(np.ones((3, 1))), ValueError, "at least 2 units"),
        (lambda: nm.batch_norm(Z, eps=0.0), ValueError, "eps must be finite and > 0"),
        (lambda: nm.batch_norm(Z, gamma=np.ones(3)), ValueError, "gamma must be a"),
        (lambda: nm.layer_norm(Z, b=np.ones((5, 4))), ValueError, "b must be a scalar"),
        (lambda: nm.batch_norm([["a", "b"]]), TypeError, "z must be numeric"),
        (lambda: nm.layer_norm(Z * np.nan), ValueError, "z must be finite"),
        (lambda: nm.batch_norm_backward(np.ones(3), Z), ValueError, "dout must have"),
        (lambda: nm.standardise_expr(1), ValueError, "n must be an integer >= 2"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
