"""Each loss: NumPy value and gradient against SymPy, finite differences and mpmath."""

import math

import mpmath
import nnmath as nm
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from nnmath.symbols import y, y_hat, y_hats, ys

FINITE = settings(max_examples=40, deadline=None)
inf, nan = math.inf, math.nan
rng = np.random.default_rng(0)
N = 7
SAMPLES = {  # (y, y_hat) of each loss, away from kinks
    "bce": (rng.uniform(0, 1, N), rng.uniform(0.05, 0.95, N)),
    "mse": (rng.normal(size=N), rng.normal(size=N)),
    "mae": (rng.normal(size=N), rng.normal(size=N)),
    "hinge": (rng.choice([-1.0, 1.0], N), rng.normal(0, 2, N)),
    "cce": (nm.softmax(rng.normal(size=(N, 3))), nm.softmax(rng.normal(size=(N, 3)))),
}
LOGIT_LOSSES = [nm.bce_with_logits, nm.cce_with_logits]


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
def test_every_reduction_matches_sympy(name):
    L = nm.loss(name)
    a, b = SAMPLES[name]
    f, df = per_sample(name)
    values, grads = f(a, b), df(a, b)
    np.testing.assert_allclose(L(a, b, reduction="none"), values, rtol=1e-13)
    assert L(a, b) == pytest.approx(np.mean(values), rel=1e-13)
    assert L(a, b, reduction="sum") == pytest.approx(np.sum(values), rel=1e-13)
    np.testing.assert_allclose(L.grad(a, b, reduction="none"), grads, rtol=1e-13)
    np.testing.assert_allclose(L.grad(a, b, reduction="sum"), grads, rtol=1e-13)
    np.testing.assert_allclose(L.grad(a, b), grads / N, rtol=1e-13)


@pytest.mark.parametrize("name", list(SAMPLES))
@pytest.mark.parametrize("reduction", ["mean", "sum"])
def test_grad_matches_finite_differences(name, reduction):
    L = nm.loss(name)
    a, b = SAMPLES[name]
    error = nm.check_grad(
        lambda x: L(a, x, reduction=reduction),
        lambda x: L.grad(a, x, reduction=reduction),
        b,
    )
    assert error < 1e-6


@pytest.mark.parametrize("name", ["bce", "mse", "mae", "hinge"])
def test_per_sample_grads_are_the_diagonal_jacobian(name):
    # Sample i's loss depends on y_hat_i alone: the claim check_grad tests.
    L = nm.loss(name)
    a, b = SAMPLES[name]
    error = nm.check_grad(
        lambda x: L(a, x, reduction="none"),
        lambda x: L.grad(a, x, reduction="none"),
        b,
    )
    assert error < 1e-6


def test_per_row_cce_grads_are_the_block_diagonal_jacobian():
    L = nm.loss("cce")
    a, b = SAMPLES["cce"]

    def jacobian(x):  # d loss_i / d y_hat_jk: row i of the grad, where j = i
        J = np.zeros((N, N, 3))
        J[np.arange(N), np.arange(N)] = L.grad(a, x, reduction="none")
        return J

    assert nm.check_grad(lambda x: L(a, x, reduction="none"), jacobian, b) < 1e-6


def test_textbook_forms():
    assert sp.simplify(nm.loss("mse").derivative_expr - 2 * (y_hat - y)) == 0
    bce = nm.loss("bce").derivative_expr
    assert sp.simplify(bce - (y_hat - y) / (y_hat * (1 - y_hat))) == 0
    cce = nm.loss("cce").derivative_expr
    expected = sp.Matrix([-yk / hk for yk, hk in zip(ys, y_hats, strict=True)])
    assert sp.simplify(cce - expected) == sp.zeros(3, 1)


def exact_bce_grad(targets, preds):
    with mpmath.workdps(50):
        return [
            float((mpmath.mpf(p) - t) / (mpmath.mpf(p) * (1 - mpmath.mpf(p))))
            for t, p in zip(targets, preds, strict=True)
        ]


def test_bce_grad_keeps_its_digits_near_the_optimum():
    # (1 − y)/(1 − ŷ) − y/ŷ loses ~5 digits to cancellation at ŷ = y + 1e-12.
    targets = np.array([0.1, 0.3, 0.5, 0.7, 0.9, 0.999])
    for offset in (1e-12, -1e-9, 1e-6):
        preds = targets + offset
        got = nm.loss("bce").grad(targets, preds, reduction="none")
        np.testing.assert_allclose(got, exact_bce_grad(targets, preds), rtol=8 * 2**-53)


def test_bce_grad_of_a_hard_label_is_one_division():
    # −1/ŷ or 1/(1 − ŷ): rounded once (twice for 1 − ŷ at ŷ < 1/2).
    preds = np.concatenate(
        [np.geomspace(1e-300, 0.5, 40), 1 - np.geomspace(1e-16, 0.5, 40)]
    )
    for label in (0.0, 1.0):
        targets = np.full(preds.size, label)
        got = nm.loss("bce").grad(targets, preds, reduction="none")
        np.testing.assert_allclose(got, exact_bce_grad(targets, preds), rtol=2 * 2**-53)
    assert nm.loss("bce").grad([1.0], [0.01]).tolist() == [-100.0]  # correctly rounded


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
    np.testing.assert_array_equal(
        bce.grad([0, 1, 0.3, 0.3], [0, 1, 0, 1], reduction="none"),
        [1, -1, -math.inf, math.inf],
    )


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
    for reduction in ("sum", "none"):
        err = nm.check_grad(
            lambda x, r=reduction: bce(a, x, reduction=r),
            lambda x, r=reduction: bce.grad(a, x, reduction=r),
            zb,
        )
        assert err < 1e-6
    np.testing.assert_allclose(
        bce.grad(a, zb, reduction="none"), nm.sigmoid(zb) - a, rtol=0, atol=0
    )
    np.testing.assert_allclose(
        cce.grad(t, z, reduction="none"), nm.softmax(z) - t, rtol=0, atol=0
    )


def test_confident_cross_entropy_keeps_its_digits():
    # A confidently right row has a loss of log(1 + rest), rest tiny: computing
    # log(1 + rest) would round most of rest's digits away.
    z = np.array([[12.0, 0.5, -3.0]])
    exact = math.log1p(math.exp(0.5 - 12) + math.exp(-3 - 12))
    assert nm.cce_with_logits([[1, 0, 0]], z) == pytest.approx(exact, rel=4e-16)
    assert nm.cce_with_logits([0], z) == pytest.approx(exact, rel=4e-16)
    assert nm.log_softmax(z)[0, 0] == pytest.approx(-exact, rel=4e-16)


# --- integer class labels for cce ----------------------------------------------------


def test_cce_takes_integer_labels_as_one_hot_rows():
    labels = np.array([2, 0, 1, 1, 0, 2, 2])
    rows = np.eye(3)[labels]
    y_hat_, z = SAMPLES["cce"][1], rng.normal(0, 2, size=(N, 3))
    for L, pred in ((nm.loss("cce"), y_hat_), (nm.cce_with_logits, z)):
        for reduction in ("mean", "sum", "none"):
            np.testing.assert_array_equal(
                L(labels, pred, reduction=reduction), L(rows, pred, reduction=reduction)
            )
            np.testing.assert_array_equal(
                L.grad(labels, pred, reduction=reduction),
                L.grad(rows, pred, reduction=reduction),
            )
    np.testing.assert_array_equal(
        nm.delta("softmax", "cce", labels, z), nm.delta("softmax", "cce", rows, z)
    )
    # One row: a scalar label.
    assert nm.loss("cce")(1, [0.25, 0.5, 0.25]) == pytest.approx(math.log(2))
    # Labels in a 2-d batch (B, T) against y_hat (B, T, K).
    labels2 = labels[:6].reshape(2, 3)
    probs2 = y_hat_[:6].reshape(2, 3, 3)
    np.testing.assert_array_equal(
        nm.loss("cce")(labels2, probs2, reduction="none"),
        nm.loss("cce")(labels[:6], y_hat_[:6], reduction="none").reshape(2, 3),
    )


def test_cce_label_errors_name_the_value_and_index():
    probs = np.full((3, 4), 0.25)
    for L in (nm.loss("cce"), nm.cce_with_logits):
        with pytest.raises(
            ValueError, match=r"y must be class labels in \[0, 4\); got 4 at index 1"
        ):
            L([0, 4, 1], probs)
        with pytest.raises(
            ValueError, match=r"y must be class labels in \[0, 4\); got -1 at index 2"
        ):
            L([0, 3, -1], probs)
    with pytest.raises(
        ValueError,
        match=r"y for cce must be rows of y_hat's shape \(3, 4\) or integer class "
        r"labels of shape \(3,\); got y \(3,\) \(float64\)",
    ):
        nm.loss("cce")([0.0, 1.0, 2.0], probs)
    with pytest.raises(ValueError, match=r"rows of z's shape \(3, 4\).*got y \(2,\)"):
        nm.cce_with_logits([0, 1], probs)
    with pytest.raises(ValueError, match="y_hat for cce must have a class axis"):
        nm.loss("cce")(0, 0.5)


# --- reduction -----------------------------------------------------------------------


def test_reduction_must_be_mean_sum_or_none():
    message = r"reduction must be one of 'mean', 'sum', 'none'; got 'avg'"
    for name, (a, b) in SAMPLES.items():
        L = nm.loss(name)
        with pytest.raises(ValueError, match=message):
            L(a, b, reduction="avg")
        with pytest.raises(ValueError, match=message):
            L.grad(a, b, reduction="avg")
    for L in LOGIT_LOSSES:
        with pytest.raises(ValueError, match=message):
            L([1.0], [0.0], reduction="avg")
        with pytest.raises(ValueError, match=message):
            L.grad([1.0], [0.0], reduction="avg")
    with pytest.raises(ValueError, match=r"one of 'mean', 'sum', 'none'; got None"):
        nm.loss("mse")([1.0], [2.0], reduction=None)


def test_empty_batches():
    for L in (nm.loss("mse"), nm.bce_with_logits):
        assert L([], [], reduction="sum") == 0.0
        assert L([], [], reduction="none").shape == (0,)
        assert L.grad([], [], reduction="sum").shape == (0,)
        with pytest.raises(
            ValueError, match="y must not be empty for reduction 'mean'"
        ):
            L([], [])
        with pytest.raises(
            ValueError, match="y must not be empty for reduction 'mean'"
        ):
            L.grad([], [])
    assert nm.loss("cce")(np.zeros((0, 3)), np.zeros((0, 3)), reduction="sum") == 0.0


def test_shapes_follow_the_input():
    assert nm.loss("mse")(1.0, 3.0, reduction="none").shape == ()
    assert nm.loss("mse").grad(1.0, 3.0).shape == ()
    assert nm.loss("mse")(np.ones((2, 3)), np.zeros((2, 3)), "none").shape == (2, 3)
    assert nm.loss("cce")(np.eye(3)[[0, 1]], np.full((2, 3), 1 / 3), "none").shape == (
        2,
    )
    assert isinstance(nm.loss("mse")([1.0], [3.0]), float)
    assert isinstance(nm.bce_with_logits([1.0], [3.0], reduction="sum"), float)


# --- the non-finite rule -------------------------------------------------------------

# (loss, y, prediction with a NaN at entry/row 1)
NAN_CASES = [
    ("bce", [0.0, 1.0, 0.3], [0.2, nan, 0.5]),
    ("bce", [0.0, 0.0, 0.3], [0.2, nan, 0.5]),
    ("mse", [0.0, 1.0, 0.3], [0.2, nan, 0.5]),
    ("mae", [0.0, 1.0, 0.3], [0.2, nan, 0.5]),
    ("hinge", [1.0, -1.0, 1.0], [0.2, nan, 0.5]),
    ("hinge", [1.0, 1.0, 1.0], [0.2, nan, 5.0]),
    ("cce", [[1, 0], [1, 0], [0, 1]], [[0.5, 0.5], [0.5, nan], [0.5, 0.5]]),
    ("bce_with_logits", [0.0, 1.0, 0.3], [0.2, nan, 0.5]),
    ("cce_with_logits", [[1, 0], [1, 0], [0, 1]], [[0.5, 0.5], [0.5, nan], [0.5, 0.5]]),
]


def by_name(name):
    logit_losses = {L.name: L for L in LOGIT_LOSSES}
    return logit_losses[name] if name in logit_losses else nm.loss(name)


@pytest.mark.parametrize(("name", "targets", "preds"), NAN_CASES)
def test_a_nan_prediction_propagates_to_its_sample(name, targets, preds):
    L = by_name(name)
    values = L(targets, preds, reduction="none")
    assert np.isnan(values[1]) and np.isfinite(np.delete(values, 1)).all()
    assert math.isnan(L(targets, preds)) and math.isnan(L(targets, preds, "sum"))
    g = L.grad(targets, preds, reduction="none")
    assert np.isnan(g[np.isnan(np.asarray(preds, dtype=float))]).all()
    assert np.isfinite(np.delete(g, 1, axis=0)).all()


def test_infinite_predictions_give_the_limits():
    mse, mae, hinge = nm.loss("mse"), nm.loss("mae"), nm.loss("hinge")
    assert mse([0.0, 1.0], [inf, -inf], "none").tolist() == [inf, inf]
    assert mse.grad([0.0, 1.0], [inf, -inf], "none").tolist() == [inf, -inf]
    assert mae([0.0, 1.0], [inf, -inf], "none").tolist() == [inf, inf]
    assert mae.grad([0.0, 1.0], [inf, -inf], "none").tolist() == [1.0, -1.0]
    assert hinge([1, -1, 1, -1], [inf, -inf, -inf, inf], "none").tolist() == [
        0.0,
        0.0,
        inf,
        inf,
    ]
    assert hinge.grad([1, -1, 1, -1], [inf, -inf, -inf, inf], "none").tolist() == [
        0.0,
        0.0,
        -1.0,
        1.0,
    ]
    assert mse([0.0, 1.0], [inf, 0.0]) == inf


def test_infinite_logits_give_the_limits():
    bce, cce = nm.bce_with_logits, nm.cce_with_logits
    assert bce([1, 0], [inf, -inf]) == 0.0
    assert bce.grad([1, 0], [inf, -inf]).tolist() == [0.0, 0.0]
    assert bce([1], [-inf]) == inf and bce([0], [inf]) == inf
    assert bce.grad([1, 0], [-inf, inf], "none").tolist() == [-1.0, 1.0]
    assert bce([0.5], [inf]) == inf
    assert cce([[1, 0, 0]], [[inf, 0.0, -inf]]) == 0.0
    assert cce([0], [[inf, 0.0, -inf]]) == 0.0
    assert cce([[0, 1, 0]], [[inf, 0.0, -inf]]) == inf
    assert cce.grad([[0, 1, 0]], [[inf, 0.0, -inf]], "none").tolist() == [[1, -1, 0]]
    assert cce([[0.5, 0.5, 0]], [[inf, inf, -inf]]) == pytest.approx(math.log(2))


def test_predictions_outside_the_domain_are_refused():
    for bad in (1.3, -0.1, inf, -inf):
        with pytest.raises(
            ValueError, match=rf"y_hat must lie in \[0, 1\]; got {bad!r}"
        ):
            nm.loss("bce")([0.0, 1.0], [0.5, bad])
        with pytest.raises(
            ValueError, match=rf"y_hat must lie in \[0, 1\]; got {bad!r}"
        ):
            nm.loss("cce")([[0.0, 1.0]], [[0.5, bad]])


@pytest.mark.parametrize("bad", [nan, inf, -inf])
def test_non_finite_targets_are_refused(bad):
    for name in ("mse", "mae"):
        with pytest.raises(
            ValueError, match=rf"y must be finite; got {bad!r} at index 1"
        ):
            nm.loss(name)([0.0, bad], [0.5, 0.5])
        with pytest.raises(
            ValueError, match=rf"y must be finite; got {bad!r} at index 1"
        ):
            nm.loss(name).grad([0.0, bad], [0.5, 0.5])
    for L in (nm.loss("bce"), nm.bce_with_logits):
        with pytest.raises(ValueError, match=rf"y must lie in \[0, 1\]; got {bad!r}"):
            L([0.0, bad], [0.5, 0.5])
        with pytest.raises(ValueError, match=rf"y must lie in \[0, 1\]; got {bad!r}"):
            L.grad([0.0, bad], [0.5, 0.5])
    for L in (nm.loss("cce"), nm.cce_with_logits):
        with pytest.raises(ValueError, match=rf"y must lie in \[0, 1\]; got {bad!r}"):
            L([[0.0, bad]], [[0.5, 0.5]])
    with pytest.raises(ValueError, match=rf"-1 or \+1 .*got {bad!r} at index 1"):
        nm.loss("hinge")([1.0, bad], [0.5, 0.5])


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


def test_results_beyond_the_float_range_are_inf_without_a_warning():
    big = 1e200
    assert nm.loss("mse")([-big], [big]) == inf
    assert nm.loss("mse").grad([-1e308], [1e308], "none").tolist() == [inf]
    assert nm.loss("mae")([-1e308], [1e308]) == inf
    assert nm.loss("mse")([0.0, 0.0], [1e154, 1e154], "sum") == inf
    assert nm.delta("linear", "mse", [-1e308], [1e308], "none").tolist() == [inf]
