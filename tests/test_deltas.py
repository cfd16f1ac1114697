"""Output deltas: canonical pairs collapse to ŷ − y, symbolically and numerically."""

import nnmath as nm
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from nnmath.symbols import y, ys, z

FINITE = settings(max_examples=30, deadline=None)


def test_sigmoid_bce_is_y_hat_minus_y():
    d = nm.delta_expr("sigmoid", "bce")
    assert sp.simplify(d - (nm.activation("sigmoid").expr - y)) == 0


def test_softmax_cce_is_y_hat_minus_y_per_component():
    d = nm.delta_expr("softmax", "cce")
    s = nm.activation("softmax").expr
    assert d.shape == (3, 1)
    for j in range(3):
        assert sp.simplify(d[j] - (s[j] - ys[j])) == 0


def test_linear_mse_is_twice_y_hat_minus_y_per_sample():
    assert sp.expand(nm.delta_expr("linear", "mse") - 2 * (z - y)) == 0


def test_mismatched_pair_keeps_the_slow_factor():
    s = nm.activation("sigmoid").expr
    d = nm.delta_expr("sigmoid", "mse")
    assert sp.simplify((d - 2 * (s - y) * s * (1 - s)).rewrite(sp.exp)) == 0
    # and it is not the canonical form
    assert sp.simplify(d - (s - y)) != 0


def test_cce_needs_softmax():
    with pytest.raises(ValueError, match="pair it with softmax"):
        nm.delta_expr("sigmoid", "cce")


@pytest.mark.parametrize(
    ("act", "loss"),
    [("sigmoid", "mse"), ("tanh", "mse"), ("sigmoid", "bce"), ("elu", "mae"),
     ("linear", "mse"), ("softplus", "mse")],
)  # fmt: skip
def test_numeric_delta_matches_finite_differences(act, loss):
    rng = np.random.default_rng(3)
    zv = rng.normal(0, 2, size=6)
    target = rng.uniform(0.1, 0.9, size=6)
    g, L = nm.activation(act), nm.loss(loss)
    err = nm.check_grad(
        lambda x: L(target, g(x)), lambda x: nm.delta(act, loss, target, x), zv
    )
    assert err < 1e-6


@pytest.mark.parametrize("loss", ["cce", "mse"])
def test_numeric_softmax_delta_matches_finite_differences(loss):
    rng = np.random.default_rng(4)
    zv = rng.normal(0, 2, size=(5, 3))
    target = np.eye(3)[rng.integers(0, 3, 5)]
    L = nm.loss(loss)
    err = nm.check_grad(
        lambda x: L(target, nm.softmax(x)),
        lambda x: nm.delta("softmax", loss, target, x),
        zv,
    )
    assert err < 1e-6


logits = arrays(np.float64, st.integers(1, 6), elements=st.floats(-60, 60))


@given(logits, st.data())
@FINITE
def test_canonical_deltas_are_y_hat_minus_y_over_n(zv, data):
    t = data.draw(arrays(np.float64, zv.shape, elements=st.floats(0, 1)))
    n = zv.size
    np.testing.assert_allclose(
        nm.delta("sigmoid", "bce", t, zv), (nm.sigmoid(zv) - t) / n, atol=1e-15
    )
    np.testing.assert_allclose(
        nm.delta("linear", "mse", t, zv), 2 * (zv - t) / n, atol=1e-15
    )
    onehot = np.eye(n)[data.draw(st.integers(0, n - 1))][None, :]
    np.testing.assert_allclose(
        nm.delta("softmax", "cce", onehot, zv[None, :]),
        nm.softmax(zv[None, :]) - onehot,
        atol=1e-15,
    )


def test_delta_survives_saturation():
    # ŷ rounds to 1 at z = 40 but the canonical delta stays exact.
    assert nm.delta("sigmoid", "bce", [0.0], [40.0])[0] == 1.0
    assert nm.delta("sigmoid", "bce", [1.0], [-800.0])[0] == -1.0
