"""Output deltas: canonical pairs collapse to ŷ − y, symbolically and numerically."""

import functools

import nnmath as nm
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from nnmath.symbols import y, ys, z, zs

FINITE = settings(max_examples=30, deadline=None)


@functools.cache
def delta_expr(activation, loss):
    """nm.delta_expr, computed once per pair: SymPy's simplify is slow."""
    return nm.delta_expr(activation, loss)


def test_sigmoid_bce_is_y_hat_minus_y():
    d = delta_expr("sigmoid", "bce")
    assert sp.simplify(d - (nm.activation("sigmoid").expr - y)) == 0


def test_softmax_cce_is_y_hat_minus_y_per_component():
    d = delta_expr("softmax", "cce")
    s = nm.activation("softmax").expr
    assert d.shape == (3, 1)
    for j in range(3):
        assert sp.simplify(d[j] - (s[j] - ys[j])) == 0


def test_linear_mse_is_twice_y_hat_minus_y_per_sample():
    assert sp.expand(delta_expr("linear", "mse") - 2 * (z - y)) == 0


def test_mismatched_pair_keeps_the_slow_factor():
    s = nm.activation("sigmoid").expr
    d = delta_expr("sigmoid", "mse")
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


# --- reduction, the vector–Jacobian product, non-finite logits ----------------------

rng = np.random.default_rng(5)
Z = rng.normal(0, 3, size=(6, 4))
ONE_HOT = np.eye(4)[rng.integers(0, 4, 6)]
PROBS = rng.uniform(0, 1, size=(6, 4))


def test_per_sample_canonical_deltas_are_exactly_y_hat_minus_y():
    np.testing.assert_array_equal(
        nm.delta("sigmoid", "bce", PROBS, Z, reduction="none"), nm.sigmoid(Z) - PROBS
    )
    np.testing.assert_array_equal(
        nm.delta("softmax", "cce", ONE_HOT, Z, reduction="none"),
        nm.softmax(Z) - ONE_HOT,
    )
    np.testing.assert_array_equal(
        nm.delta("linear", "mse", PROBS, Z, reduction="none"), 2 * (Z - PROBS)
    )


@pytest.mark.parametrize(
    ("act", "loss", "target"),
    [("sigmoid", "bce", PROBS), ("softmax", "cce", ONE_HOT), ("linear", "mse", PROBS),
     ("tanh", "mse", PROBS), ("softmax", "mse", ONE_HOT), ("elu", "mae", PROBS)],
)  # fmt: skip
def test_sum_is_per_sample_and_mean_divides_by_n(act, loss, target):
    each = nm.delta(act, loss, target, Z, reduction="none")
    np.testing.assert_array_equal(nm.delta(act, loss, target, Z, reduction="sum"), each)
    n = Z.shape[0] if loss == "cce" else Z.size
    np.testing.assert_allclose(
        nm.delta(act, loss, target, Z), each / n, rtol=1e-13, atol=1e-17
    )


@pytest.mark.parametrize(
    ("loss", "target"),
    [("mse", ONE_HOT), ("mae", ONE_HOT), ("bce", PROBS), ("hinge", 2 * ONE_HOT - 1)],
)
def test_softmax_delta_is_the_vector_jacobian_product(loss, target):
    L = nm.loss(loss)
    jacobians = nm.activation("softmax").grad(Z)  # (N, K, K), the long way round
    expected = np.einsum("nk,nkj->nj", L.grad(target, nm.softmax(Z)), jacobians)
    np.testing.assert_allclose(
        nm.delta("softmax", loss, target, Z), expected, rtol=1e-12, atol=1e-17
    )
    err = nm.check_grad(
        lambda x: L(target, nm.softmax(x)),
        lambda x: nm.delta("softmax", loss, target, x),
        Z,
    )
    assert err < 1e-6


def test_softmax_delta_needs_no_k_by_k_jacobian():
    # 2000 rows of 100 classes: the (N, K, K) Jacobians alone would take 160 MB.
    import tracemalloc

    z = np.random.default_rng(0).normal(size=(2000, 100))
    target = np.eye(100)[np.arange(2000) % 100]
    tracemalloc.start()
    nm.delta("softmax", "mse", target, z)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert peak < 20 * z.nbytes  # a handful of (N, K) arrays, not (N, K, K)


def test_delta_errors():
    with pytest.raises(
        ValueError, match=r"reduction must be one of 'mean', 'sum', 'none'; got 'all'"
    ):
        nm.delta("sigmoid", "mse", [0.5], [0.0], reduction="all")
    with pytest.raises(
        TypeError, match=r"sigmoid takes parameters none; got \['slope'\]"
    ):
        nm.delta("sigmoid", "bce", [0.5], [0.0], slope=0.1)
    with pytest.raises(
        TypeError, match=r"softmax takes parameters none; got \['axis'\]"
    ):
        nm.delta("softmax", "mse", [[0.5, 0.5]], [[0.0, 1.0]], axis=0)
    with pytest.raises(ValueError, match="unknown activation 'sigmod'"):
        nm.delta("sigmod", "bce", [0.5], [0.0])
    with pytest.raises(TypeError, match="z must be numeric"):
        nm.delta("tanh", "mse", [0.5], ["a"])
    with pytest.raises(ValueError, match=r"y and z must have the same shape"):
        nm.delta("sigmoid", "bce", [0.5, 0.5], [0.0])
    with pytest.raises(ValueError, match=r"y must be finite; got nan at index 0"):
        nm.delta("tanh", "mse", [np.nan], [0.0])
    with pytest.raises(ValueError, match=r"y must lie in \[0, 1\]; got inf at index 0"):
        nm.delta("sigmoid", "bce", [np.inf], [0.0])
    with pytest.raises(ValueError, match=r"y must be class labels in \[0, 2\); got 2"):
        nm.delta("softmax", "cce", [2], [[0.0, 1.0]])
    assert nm.delta("leaky_relu", "mse", [1.0], [-1.0], slope=0.5)[0] == -1.5


def test_delta_takes_the_limits_at_infinite_logits_and_keeps_nan():
    inf, nan = np.inf, np.nan
    np.testing.assert_array_equal(
        nm.delta("sigmoid", "bce", [1, 0, 1, 0.5], [inf, -inf, -inf, nan], "none"),
        [0, 0, -1, nan],
    )
    np.testing.assert_array_equal(
        nm.delta("linear", "mse", [0, 0, 0], [inf, -inf, nan], "none"), [inf, -inf, nan]
    )
    np.testing.assert_array_equal(
        nm.delta("sigmoid", "mse", [0, 1, 0], [inf, -inf, nan], "none"), [0, 0, nan]
    )
    d = nm.delta("softmax", "cce", [0, 1], [[inf, 0.0], [nan, 0.0]], "none")
    np.testing.assert_array_equal(d, [[0, 0], [nan, nan]])
    d = nm.delta("softmax", "mse", [[1, 0], [0, 1]], [[inf, 0.0], [nan, 0.0]], "none")
    np.testing.assert_array_equal(d, [[0, 0], [nan, nan]])


@pytest.mark.parametrize(
    ("act", "loss"),
    [("sigmoid", "bce"), ("sigmoid", "mse"), ("linear", "mse"), ("linear", "hinge")],
)
def test_numeric_delta_is_the_symbolic_delta_per_sample(act, loss):
    # The third witness: SymPy's delta_expr, lambdified, against nm.delta.
    per_sample = sp.lambdify([y, z], delta_expr(act, loss), "numpy")
    zv = np.linspace(-4, 4, 17)
    target = np.sign(zv + 0.3) if loss == "hinge" else np.linspace(0.05, 0.95, 17)
    np.testing.assert_allclose(
        nm.delta(act, loss, target, zv, reduction="none"),
        per_sample(target, zv),
        rtol=1e-13,
        atol=1e-16,
    )


def test_numeric_softmax_cce_delta_is_the_symbolic_delta():
    per_sample = sp.lambdify([ys, zs], list(delta_expr("softmax", "cce")), "numpy")
    rows = np.array([[0.5, -1.0, 2.0], [3.0, 0.0, -3.0]])
    targets = np.array([[0, 0, 1], [0.2, 0.3, 0.5]])
    np.testing.assert_allclose(
        nm.delta("softmax", "cce", targets, rows, reduction="none"),
        np.array(per_sample(targets.T, rows.T)).T,
        rtol=1e-13,
        atol=1e-16,
    )
