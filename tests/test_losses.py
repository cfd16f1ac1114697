"""Each loss: NumPy mean and gradient against SymPy and finite differences."""

import math

import nnmath as nm
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from nnmath.symbols import y, y_hat, y_hats, ys

FINITE = settings(max_examples=40, deadline=None)
rng = np.random.default_rng(0)
N = 7
SAMPLES = {  # (y, y_hat) of each loss, away from kinks
    "bce": (rng.uniform(0, 1, N), rng.uniform(0.05, 0.95, N)),
    "mse": (rng.normal(size=N), rng.normal(size=N)),
    "mae": (rng.normal(size=N), rng.normal(size=N)),
    "hinge": (rng.choice([-1.0, 1.0], N), rng.normal(0, 2, N)),
    "cce": (nm.softmax(rng.normal(size=(N, 3))), nm.softmax(rng.normal(size=(N, 3)))),
}


def per_sample(name):
    """The per-sample expression and its y_hat-derivative as NumPy functions."""
    L = nm.loss(name)
    if name == "cce":
        args = [ys, y_hats]
        f = sp.lambdify(args, L.expr, "numpy")
        df = sp.lambdify(args, list(L.derivative_expr), "numpy")
        return (lambda a, b: f(a.T, b.T)), (lambda a, b: np.array(df(a.T, b.T)).T)
    f = sp.lambdify([y, y_hat], L.expr, "numpy")
    df = sp.lambdify([y, y_hat], L.derivative_expr, "numpy")
    return f, (lambda a, b: np.broadcast_to(df(a, b), a.shape))


def test_registry_and_unknown_name():
    assert list(nm.LOSSES) == ["bce", "cce", "mse", "mae", "hinge"]
    with pytest.raises(ValueError, match="unknown loss 'l2'.*bce, cce, mse"):
        nm.loss("l2")
    assert nm.loss("bce").title == "Binary cross-entropy"


@pytest.mark.parametrize("name", list(SAMPLES))
def test_mean_and_grad_match_sympy(name):
    L = nm.loss(name)
    a, b = SAMPLES[name]
    f, df = per_sample(name)
    n = a.shape[0]
    assert L(a, b) == pytest.approx(np.mean(f(a, b)), rel=1e-13)
    np.testing.assert_allclose(
        L.grad(a, b), df(a, b) / (a.size if name != "cce" else n)
    )


@pytest.mark.parametrize("name", list(SAMPLES))
def test_grad_matches_finite_differences(name):
    L = nm.loss(name)
    a, b = SAMPLES[name]
    assert nm.check_grad(lambda x: L(a, x), lambda x: L.grad(a, x), b) < 1e-6


def test_textbook_forms():
    assert sp.simplify(nm.loss("mse").derivative_expr - 2 * (y_hat - y)) == 0
    bce = nm.loss("bce").derivative_expr
    assert sp.simplify(bce - (y_hat - y) / (y_hat * (1 - y_hat))) == 0
    cce = nm.loss("cce").derivative_expr
    expected = sp.Matrix([-yk / hk for yk, hk in zip(ys, y_hats, strict=True)])
    assert sp.simplify(cce - expected) == sp.zeros(3, 1)


def test_kinks_and_subgradient_zero():
    assert nm.loss("mae").kinks == [nm.Kink(y, -1, 1)]
    assert nm.loss("hinge").kinks == [nm.Kink(1 / y, -y, 0)]
    assert nm.loss("bce").kinks == [] and nm.loss("mse").kinks == []
    np.testing.assert_array_equal(nm.loss("mae").grad([0.5, 1.0], [0.5, 2.0]), [0, 0.5])
    np.testing.assert_array_equal(nm.loss("hinge").grad([1, -1], [1, -1]), [0, 0])
    np.testing.assert_array_equal(nm.loss("hinge").grad([1, -1], [0.5, 0]), [-0.5, 0.5])


def test_exact_values_at_probability_zero_and_one():
    bce, cce = nm.loss("bce"), nm.loss("cce")
    assert bce([1, 0], [1, 0]) == 0.0
    assert bce([1, 0], [0, 0]) == math.inf
    assert bce([0.0], [1.0]) == math.inf
    assert cce([[0, 1, 0]], [[0.5, 0.5, 0.0]]) == pytest.approx(math.log(2))
    assert cce([[0, 0, 1]], [[0.5, 0.5, 0.0]]) == math.inf
    np.testing.assert_array_equal(bce.grad([1, 0], [0, 0]), [-math.inf, 0.5])


def test_with_logits_are_finite_and_accurate():
    bce, cce = nm.bce_with_logits, nm.cce_with_logits
    assert bce([1, 0], [1000, -1000]) == 0.0
    assert bce([1, 0], [-1000, 1000]) == 1000.0
    # Exact: log(1 + e^−40) = e^−40 to double precision; no cancellation.
    assert bce([1.0], [40.0]) == pytest.approx(math.exp(-40), rel=1e-15)
    assert cce([[1, 0]], [[1000, -1000]]) == 0.0
    assert cce([[0, 1]], [[1000, -1000]]) == 2000.0
    np.testing.assert_array_equal(bce.grad([1, 0], [1000, -1000]), [0, 0])
    z = rng.normal(0, 3, size=(N, 3))
    t = SAMPLES["cce"][0]
    assert cce(t, z) == pytest.approx(nm.loss("cce")(t, nm.softmax(z)), rel=1e-13)
    assert nm.check_grad(lambda x: cce(t, x), lambda x: cce.grad(t, x), z) < 1e-6
    a = SAMPLES["bce"][0]
    zb = rng.normal(0, 3, size=N)
    assert bce(a, zb) == pytest.approx(nm.loss("bce")(a, nm.sigmoid(zb)), rel=1e-13)
    assert nm.check_grad(lambda x: bce(a, x), lambda x: bce.grad(a, x), zb) < 1e-6


def test_confident_cross_entropy_keeps_its_digits():
    # A confidently right row has a loss of log(1 + rest), rest tiny: computing
    # log(1 + rest) would round most of rest's digits away.
    z = np.array([[12.0, 0.5, -3.0]])
    exact = math.log1p(math.exp(0.5 - 12) + math.exp(-3 - 12))
    assert nm.cce_with_logits([[1, 0, 0]], z) == pytest.approx(exact, rel=4e-16)
    assert nm.log_softmax(z)[0, 0] == pytest.approx(-exact, rel=4e-16)


probabilities = st.lists(st.floats(0, 1), min_size=1, max_size=10)


@given(probabilities, probabilities)
@FINITE
def test_losses_nonnegative_and_zero_at_the_target(a, b):
    n = min(len(a), len(b))
    a, b = np.array(a[:n]), np.array(b[:n])
    for name in ["bce", "mse", "mae"]:
        assert nm.loss(name)(a, b) >= 0
    assert nm.loss("mse")(a, a) == 0 and nm.loss("mae")(a, a) == 0
    hard = np.round(a)
    assert nm.loss("bce")(hard, hard) == 0
    signs = 2 * hard - 1
    assert nm.loss("hinge")(signs, signs) == 0
    assert nm.loss("hinge")(signs, 3 * b - 1) >= 0
    one_hot = np.eye(3)[(10 * a).astype(int) % 3]
    assert nm.loss("cce")(one_hot, one_hot) == 0
