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
    assert list(nm.LOSSES) == ["bce", "cce", "mse", "mae", "hinge", "poisson", "focal"]
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


# --- poisson and focal ---------------------------------------------------------------

COUNTS = np.array([0.0, 1.0, 2.0, 3.0, 7.0, 0.0, 12.0])
RATES = rng.uniform(0.2, 9.0, N)
GAMMAS = [0.0, 0.5, 1.0, 2.0, 5.0]
SOFT = np.array([0.3, 0.5, 0.7, 0.2, 0.9, 0.6, 0.4])  # soft labels


def lambdified(name, **params):
    L = nm.loss(name)
    values = {nm.gamma: params.get("gamma", 2.0)}
    f = sp.lambdify([y, y_hat], L.expr.subs(values), "numpy")
    df = sp.lambdify([y, y_hat], L.derivative_expr.subs(values), "numpy")
    return f, df


def test_poisson_matches_sympy_and_finite_differences():
    L = nm.loss("poisson")
    f, df = lambdified("poisson")
    np.testing.assert_allclose(L(COUNTS, RATES, "none"), f(COUNTS, RATES), rtol=1e-13)
    np.testing.assert_allclose(
        L.grad(COUNTS, RATES, "none"), df(COUNTS, RATES), rtol=1e-13
    )
    assert sp.simplify(L.derivative_expr - (1 - y / y_hat)) == 0
    for reduction in ("mean", "sum", "none"):
        error = nm.check_grad(
            lambda x, r=reduction: L(COUNTS, x, r),
            lambda x, r=reduction: L.grad(COUNTS, x, r),
            RATES,
        )
        assert error < 1e-6


def test_poisson_on_the_log_rate_is_the_canonical_pair():
    z = sp.Symbol("z", real=True)
    per_sample = nm.loss("poisson").expr.subs(y_hat, sp.exp(z))
    assert sp.simplify(sp.diff(per_sample, z) - (sp.exp(z) - y)) == 0
    L = nm.poisson_with_logits
    z_ = np.log(RATES)
    np.testing.assert_allclose(
        L(COUNTS, z_, "none"), nm.loss("poisson")(COUNTS, RATES, "none"), rtol=1e-13
    )
    np.testing.assert_array_equal(L.grad(COUNTS, z_, "none"), np.exp(z_) - COUNTS)
    for reduction in ("mean", "sum", "none"):
        error = nm.check_grad(
            lambda x, r=reduction: L(COUNTS, x, r),
            lambda x, r=reduction: L.grad(COUNTS, x, r),
            z_,
        )
        assert error < 1e-6


@pytest.mark.parametrize("g", GAMMAS)
def test_focal_matches_sympy_and_finite_differences(g):
    L = nm.loss("focal")
    a, b = SAMPLES["bce"]
    f, df = lambdified("focal", gamma=g)
    np.testing.assert_allclose(L(a, b, "none", gamma=g), f(a, b), rtol=1e-13)
    np.testing.assert_allclose(L.grad(a, b, "none", gamma=g), df(a, b), rtol=1e-12)
    error = nm.check_grad(
        lambda x: L(a, x, "none", gamma=g), lambda x: L.grad(a, x, "none", gamma=g), b
    )
    assert error < 1e-6


@pytest.mark.parametrize("g", GAMMAS)
def test_focal_with_logits_matches_sympy_and_finite_differences(g):
    z = sp.Symbol("z", real=True)
    focal = nm.loss("focal").expr.subs({nm.gamma: g, y_hat: 1 / (1 + sp.exp(-z))})
    f = sp.lambdify([y, z], focal, "numpy")
    df = sp.lambdify([y, z], sp.diff(focal, z), "numpy")
    L = nm.focal_with_logits
    a, zs_ = SAMPLES["bce"][0], rng.normal(0, 3, N)
    np.testing.assert_allclose(L(a, zs_, "none", gamma=g), f(a, zs_), rtol=1e-12)
    np.testing.assert_allclose(L.grad(a, zs_, "none", gamma=g), df(a, zs_), rtol=1e-11)
    for reduction in ("mean", "sum", "none"):
        error = nm.check_grad(
            lambda x, r=reduction: L(a, x, r, gamma=g),
            lambda x, r=reduction: L.grad(a, x, r, gamma=g),
            zs_,
        )
        assert error < 1e-6


def test_focal_at_gamma_zero_is_bce():
    assert nm.loss("focal").expr.subs(nm.gamma, 0) == nm.loss("bce").expr
    a, b = SAMPLES["bce"]
    np.testing.assert_allclose(
        nm.loss("focal")(a, b, "none", gamma=0),
        nm.loss("bce")(a, b, "none"),
        rtol=1e-15,
    )
    z_ = rng.normal(0, 3, N)
    np.testing.assert_allclose(
        nm.focal_with_logits.grad(a, z_, "none", gamma=0),
        nm.bce_with_logits.grad(a, z_, "none"),
        rtol=1e-14,
        atol=1e-16,
    )
    assert nm.loss("focal").params == {nm.gamma: 2.0}


def test_focal_is_lin_et_al_for_hard_labels_only():
    # Lin et al. define −(1 − p_t)^γ log p_t for y in {0, 1}; the soft-label form is
    # the book's own, and differs from torchvision's bce·(1 − p_t)^γ.
    g, L = nm.gamma, nm.loss("focal")
    lin = {1: -((1 - y_hat) ** g) * sp.log(y_hat), 0: -(y_hat**g) * sp.log(1 - y_hat)}
    for label, expr in lin.items():
        assert sp.simplify(L.expr.subs(y, label) - expr) == 0
    z_ = rng.normal(0, 3, N)
    p = 1 / (1 + np.exp(-z_))
    for labels, same in ((rng.integers(0, 2, N).astype(float), True), (SOFT, False)):
        p_t = p * labels + (1 - p) * (1 - labels)
        torchvision = nm.bce_with_logits(labels, z_, "none") * (1 - p_t) ** 2
        ours = nm.focal_with_logits(labels, z_, "none", gamma=2)
        assert np.allclose(ours, torchvision, rtol=1e-12) == same


def test_poisson_and_focal_at_the_edges():
    poisson, p_z = nm.loss("poisson"), nm.poisson_with_logits
    assert poisson([0.0, 2.0], [0.0, 0.0], "none").tolist() == [0.0, inf]
    assert poisson.grad([0.0, 2.0, 2.0], [0.0, 0.0, inf], "none").tolist() == [
        1.0,
        -inf,
        1.0,
    ]
    assert poisson([2.0], [inf]) == inf
    assert p_z([0.0, 2.0, 2.0], [-inf, -inf, inf], "none").tolist() == [0.0, inf, inf]
    assert p_z.grad([0.0, 2.0, 2.0], [-inf, -inf, inf], "none").tolist() == [
        0.0,
        -2.0,
        inf,
    ]
    assert p_z([3.0], [1000.0]) == inf  # e^1000 beyond the float range
    focal, f_z = nm.loss("focal"), nm.focal_with_logits
    for g in GAMMAS:
        assert focal([1.0, 0.0], [1.0, 0.0], gamma=g) == 0.0
        assert focal([1.0, 0.0], [0.0, 1.0], "none", gamma=g).tolist() == [inf, inf]
        assert f_z([1.0, 0.0], [inf, -inf], gamma=g) == 0.0
        assert f_z([1.0, 0.0], [-inf, inf], "none", gamma=g).tolist() == [inf, inf]
        assert f_z.grad([1.0, 0.0], [-inf, inf], "none", gamma=g).tolist() == [-1, 1]
        assert f_z.grad([1.0, 0.0], [inf, -inf], "none", gamma=g).tolist() == [0, 0]
        assert np.isfinite(f_z([1.0, 0.0, 0.3], [800.0, -800.0, 40.0], gamma=g))
    # γ < 1: (1 − ŷ)^(γ−1) log ŷ → 0 at ŷ = 1, not ∞·0.
    assert focal.grad([1.0, 0.0], [1.0, 0.0], "none", gamma=0.5).tolist() == [0, 0]
    assert focal.grad([1.0, 0.0], [1.0, 0.0], "none", gamma=0).tolist() == [-1, 1]
    assert focal.grad([1.0], [0.0], "none", gamma=2).tolist() == [-inf]


def test_poisson_and_focal_propagate_nan_predictions():
    cases = [
        (nm.loss("poisson"), [1.0, 2.0], [nan, 1.0], {}),
        (nm.poisson_with_logits, [1.0, 0.0], [nan, 1.0], {}),
        (nm.loss("focal"), [1.0, 0.0], [nan, 0.5], {"gamma": 2}),
        (nm.focal_with_logits, [1.0, 0.0], [nan, 0.5], {"gamma": 0.5}),
    ]
    for L, a, b, params in cases:
        values = L(a, b, "none", **params)
        grads = L.grad(a, b, "none", **params)
        assert np.isnan(values[0]) and np.isfinite(values[1])
        assert np.isnan(grads[0]) and np.isfinite(grads[1])


def test_poisson_and_focal_refuse_bad_inputs():
    poisson = nm.loss("poisson")
    for L, pred in ((poisson, [1.0, 1.0]), (nm.poisson_with_logits, [0.0, 0.0])):
        with pytest.raises(
            ValueError,
            match=r"y must be a count \(a real number\) >= 0; got -1.0 at "
            r"index 1",
        ):
            L([2.0, -1.0], pred)
        with pytest.raises(ValueError, match=r"y must be finite; got inf at index 0"):
            L.grad([inf, 1.0], pred)
    with pytest.raises(
        ValueError, match=r"y_hat must be a rate >= 0; got -0.5 at index 1"
    ):
        poisson([1.0, 1.0], [2.0, -0.5])
    focal = nm.loss("focal")
    with pytest.raises(ValueError, match=r"y_hat must lie in \[0, 1\]; got 1.5"):
        focal([1.0], [1.5])
    with pytest.raises(ValueError, match=r"y must lie in \[0, 1\]; got 2.0"):
        nm.focal_with_logits([2.0], [0.0])
    with pytest.raises(ValueError, match=r"gamma must be finite and >= 0; got -1.0"):
        focal([1.0], [0.5], gamma=-1.0)
    with pytest.raises(ValueError, match=r"gamma must be finite and >= 0; got inf"):
        nm.focal_with_logits.grad([1.0], [0.5], gamma=inf)
    with pytest.raises(TypeError, match=r"gamma must be a real number; got '2'"):
        focal([1.0], [0.5], gamma="2")
    with pytest.raises(TypeError, match=r"focal takes parameters \['gamma'\]; got"):
        focal([1.0], [0.5], alpha=0.25)
    with pytest.raises(TypeError, match=r"poisson takes parameters none; got"):
        poisson([1.0], [0.5], gamma=2)
    with pytest.raises(TypeError, match=r"bce takes parameters none; got \['gamma'\]"):
        nm.bce_with_logits([1.0], [0.5], gamma=2)


def test_poisson_and_focal_any_memory_layout():
    base = rng.uniform(0.1, 0.9, (4, 6))
    targets = rng.integers(0, 2, (4, 6)).astype(float)
    for L, pred in (
        (nm.loss("focal"), base),
        (nm.focal_with_logits, base * 6 - 3),
        (nm.loss("poisson"), base * 5),
        (nm.poisson_with_logits, base * 4 - 2),
    ):
        want = L(targets, pred, "none")
        for a, b in (
            (targets.T, pred.T),
            (np.asfortranarray(targets), np.asfortranarray(pred)),
            (targets[:, ::2], pred[:, ::2]),
        ):
            got = L(a, b, "none")
            ref = (
                want.T
                if a.shape == (6, 4)
                else want[:, ::2]
                if a.shape[1] == 3
                else want
            )
            np.testing.assert_array_equal(got, ref)
            g = L.grad(a, b, "none")
            assert g.shape == b.shape


# mpmath at 50 digits: the exact values of the new losses and their gradients.


def exact_focal_logits(t, v, g):
    # log σ(v) as −log1p(e^−v): log of a p within 1e-47 of 1 would keep 3 digits.
    p, q = 1 / (1 + mpmath.exp(-v)), 1 / (1 + mpmath.exp(v))
    log_p, log_q = -mpmath.log1p(mpmath.exp(-v)), -mpmath.log1p(mpmath.exp(v))
    return -(t * q**g * log_p + (1 - t) * p**g * log_q)


def test_focal_with_logits_against_mpmath():
    # Hard labels: the loss and its gradient are sums of terms of one sign, so no
    # cancellation: the loss within 16 units of roundoff over z in [−700, 700], the
    # gradient (a mpmath.diff reference, on [−8, 8]) within 64.
    zs_ = np.concatenate([rng.uniform(-700, 700, 200), rng.uniform(-8, 8, 100)])
    for label in (0.0, 1.0):
        for g in (0.5, 2.0, 5.0):
            with mpmath.workdps(50):
                want = [exact_focal_logits(label, mpmath.mpf(v), g) for v in zs_]
                dwant = [
                    mpmath.diff(
                        lambda u, t=label, g=g: exact_focal_logits(t, u, g),
                        mpmath.mpf(v),
                    )
                    for v in zs_[240:]
                ]
            want = np.array([float(w) for w in want])
            dwant = np.array([float(w) for w in dwant])
            got = nm.focal_with_logits(np.full(zs_.size, label), zs_, "none", gamma=g)
            keep = want >= np.finfo(float).tiny
            np.testing.assert_allclose(got[keep], want[keep], rtol=16 * 2**-53)
            dgot = nm.focal_with_logits.grad(
                np.full(60, label), zs_[240:], "none", gamma=g
            )
            np.testing.assert_allclose(dgot, dwant, rtol=64 * 2**-53)


def test_focal_on_probabilities_against_mpmath():
    # The reference is the SymPy expression and its sympy.diff, at 400 digits (so that
    # log(1 − ŷ) keeps 50 of them at ŷ = 1e-300); ŷ runs from 1e-300 to within 1e-16
    # of 1, where 1 − ŷ and log ŷ are hardest. Subnormal results are excepted.
    preds = np.concatenate(
        [np.geomspace(1e-300, 0.5, 30), 1 - np.geomspace(1e-16, 0.5, 30)]
    )
    L = nm.loss("focal")
    for label in (0.0, 1.0):
        for g in (0.5, 2.0):
            values = {nm.gamma: g, y: label}
            f = sp.lambdify(y_hat, L.expr.subs(values), "mpmath")
            df = sp.lambdify(y_hat, sp.diff(L.expr, y_hat).subs(values), "mpmath")
            with mpmath.workdps(400):
                want = np.array([float(f(mpmath.mpf(p))) for p in preds])
                dwant = np.array([float(df(mpmath.mpf(p))) for p in preds])
            targets = np.full(preds.size, label)
            got = L(targets, preds, "none", gamma=g)
            keep = np.abs(want) >= np.finfo(float).tiny
            np.testing.assert_allclose(got[keep], want[keep], rtol=16 * 2**-53)
            dgot = L.grad(targets, preds, "none", gamma=g)
            keep = np.abs(dwant) >= np.finfo(float).tiny
            np.testing.assert_allclose(dgot[keep], dwant[keep], rtol=64 * 2**-53)


def test_poisson_against_mpmath():
    # e^z − y·z cancels near its minimum z = log y, in the formula itself: the bound
    # is relative to the size of the terms, e^z + |y·z|, not to the result.
    zs_ = rng.uniform(-30, 30, 200)
    counts = rng.integers(0, 50, 200).astype(float)
    with mpmath.workdps(50):
        want = np.array(
            [float(mpmath.exp(v) - t * v) for t, v in zip(counts, zs_, strict=True)]
        )
        dwant = np.array(
            [float(mpmath.exp(v) - t) for t, v in zip(counts, zs_, strict=True)]
        )
    scale = np.exp(zs_) + np.abs(counts * zs_)
    got = nm.poisson_with_logits(counts, zs_, "none")
    assert (np.abs(got - want) <= 4 * 2**-53 * scale).all()
    dgot = nm.poisson_with_logits.grad(counts, zs_, "none")
    assert (np.abs(dgot - dwant) <= 4 * 2**-53 * (np.exp(zs_) + counts)).all()
    rates = np.exp(zs_)
    with mpmath.workdps(50):
        want = np.array(
            [
                float(mpmath.mpf(r) - t * mpmath.log(mpmath.mpf(r)))
                for t, r in zip(counts, rates, strict=True)
            ]
        )
    got = nm.loss("poisson")(counts, rates, "none")
    assert (np.abs(got - want) <= 4 * 2**-53 * (rates + np.abs(counts * zs_))).all()
