"""Losses, their grads, the logit losses and deltas: the same answer whatever the
memory layout, size, batch split or precision of the input (Hypothesis)."""

from dataclasses import dataclass

import nnmath as nm
import numpy as np
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from layouts import LAYOUTS

# Modest: every case runs each property, and the unit suite must stay fast.
SETTINGS = settings(max_examples=4, deadline=None)
REDUCTIONS = ["mean", "sum", "none"]


@dataclass(frozen=True)
class Case:
    """A function of (y, prediction, reduction) and the inputs it takes."""

    name: str
    f: object
    targets: str  # unit, hard, signs, real, rows (distributions) or labels
    preds: str  # prob, real or logit
    classes: bool = False  # the last axis holds classes (cce, softmax)
    rows: bool = False  # ... and a sample is a row, for the mean, as for cce

    def __call__(self, y, p, reduction="mean"):
        # The default is passed implicitly, so that the same test runs on code
        # written before ``reduction`` existed.
        return (
            self.f(y, p) if reduction == "mean" else self.f(y, p, reduction=reduction)
        )


def _delta(act, loss):
    return lambda y, z, **kw: nm.delta(act, loss, y, z, **kw)


def _cases():
    elementwise = [("bce", "unit", "prob"), ("mse", "real", "real"),
                   ("mae", "real", "real"), ("hinge", "signs", "real")]  # fmt: skip
    cases = []
    for name, targets, preds in elementwise:
        L = nm.loss(name)
        cases += [
            Case(name, L, targets, preds),
            Case(f"{name}.grad", L.grad, targets, preds),
        ]
    bce = nm.bce_with_logits
    cases += [
        Case("bce_with_logits", bce, "unit", "logit"),
        Case("bce_with_logits.grad", bce.grad, "unit", "logit"),
    ]
    cce, cce_z = nm.loss("cce"), nm.cce_with_logits
    for t in ("rows", "labels"):
        per_row = [
            (f"cce[{t}]", cce, "prob"),
            (f"cce.grad[{t}]", cce.grad, "prob"),
            (f"cce_with_logits[{t}]", cce_z, "logit"),
            (f"cce_with_logits.grad[{t}]", cce_z.grad, "logit"),
            (f"delta(softmax, cce)[{t}]", _delta("softmax", "cce"), "logit"),
        ]
        cases += [Case(n, f, t, p, classes=True, rows=True) for n, f, p in per_row]
    pairs = [("sigmoid", "bce", "unit"), ("linear", "mse", "real"),
             ("sigmoid", "mse", "unit"), ("tanh", "mse", "real"),
             ("relu", "mae", "real"), ("linear", "hinge", "signs")]  # fmt: skip
    cases += [Case(f"delta({a}, {L})", _delta(a, L), t, "logit") for a, L, t in pairs]
    # softmax with an elementwise loss: the mean runs over entries, not rows
    cases += [
        Case("delta(softmax, mse)", _delta("softmax", "mse"), "rows", "logit", True),
        Case("delta(softmax, bce)", _delta("softmax", "bce"), "unit", "logit", True),
    ]
    return cases


CASES = _cases()
IDS = [c.name for c in CASES]


def make(case: Case, shape, seed: int):
    """Targets and predictions for ``case`` (predictions of ``shape``), C-ordered."""
    rng = np.random.default_rng(seed)
    p = {
        "prob": lambda: rng.uniform(0.001, 0.999, shape),
        "real": lambda: rng.normal(0, 3, shape),
        "logit": lambda: rng.normal(0, 5, shape),
    }[case.preds]()
    k = shape[-1]
    y = {
        # Soft targets with some exact 0s and 1s, where the terms drop out.
        "unit": lambda: np.where(
            rng.random(shape) < 0.3, rng.integers(0, 2, shape), rng.random(shape)
        ),
        "real": lambda: rng.normal(0, 3, shape),
        "signs": lambda: rng.choice([-1.0, 1.0], shape),
        "rows": lambda: np.where(
            rng.random(shape[:-1] + (1,)) < 0.5,
            np.eye(k)[rng.integers(0, k, shape[:-1])],
            nm.softmax(rng.normal(0, 2, shape)),
        ),
        "labels": lambda: rng.integers(0, k, shape[:-1]),
    }[case.targets]()
    return y, p


shapes = st.lists(st.integers(1, 5), min_size=1, max_size=3).map(tuple)
seeds = st.integers(0, 2**32 - 1)


def assert_same(got, want, rtol=1e-13):
    assert type(got) is type(want)
    np.testing.assert_allclose(got, want, rtol=rtol, atol=1e-15)
    if isinstance(want, np.ndarray):
        assert got.shape == want.shape


@pytest.mark.parametrize("case", CASES, ids=IDS)
@given(
    shape=shapes,
    seed=seeds,
    reduction=st.sampled_from(REDUCTIONS),
    mixed=st.tuples(st.sampled_from(list(LAYOUTS)), st.sampled_from(list(LAYOUTS))),
)
@example(shape=(3, 4), seed=0, reduction="mean", mixed=("C", "Fortran"))
@SETTINGS
def test_any_memory_layout_gives_the_same_values(case, shape, seed, reduction, mixed):
    if case.classes and len(shape) == 1:
        shape = (1,) + shape
    y, p = make(case, shape, seed)
    want = case(y, p, reduction)
    # Every layout for both arguments, and one drawn pair of different layouts.
    for layout_y, layout_p in [*((name, name) for name in LAYOUTS), mixed]:
        y2, p2 = LAYOUTS[layout_y](y), LAYOUTS[layout_p](p)
        np.testing.assert_array_equal(y2, y)
        np.testing.assert_array_equal(p2, p)
        assert_same(case(y2, p2, reduction), want)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@given(
    n=st.integers(1, 5),
    k=st.integers(1, 4),
    seed=seeds,
    size=st.sampled_from([2**15 + 1, 3 * 2**15 + 7]),
    reduction=st.sampled_from(REDUCTIONS),
)
@settings(max_examples=2, deadline=None)
def test_any_size_gives_the_same_per_sample_values(case, n, k, seed, size, reduction):
    # A batch of n samples repeated to `size` samples: each repetition must come
    # back with the small batch's values, past any internal block size.
    y, p = make(case, (n, k) if case.classes else (n,), seed)

    def tile(a):
        reps = (-(-size // n),) + (1,) * (a.ndim - 1)
        return np.tile(a, reps)[:size]

    small, big = case(y, p, "none"), case(tile(y), tile(p), reduction)
    if reduction == "none":
        np.testing.assert_array_equal(big, tile(small))
        return
    total = tile(small).sum() if isinstance(big, float) else tile(small)
    samples = size if case.rows or not case.classes else size * k
    want = total / samples if reduction == "mean" else total
    np.testing.assert_allclose(big, want, rtol=1e-12, atol=1e-300)


@pytest.mark.parametrize("case", CASES, ids=IDS)
@given(
    n=st.integers(2, 12),
    width=st.integers(1, 4),
    seed=seeds,
    cuts=st.sets(st.integers(1, 11), min_size=1, max_size=4),
    reduction=st.sampled_from(REDUCTIONS),
)
@SETTINGS
def test_a_batch_split_in_parts_adds_up(case, n, width, seed, cuts, reduction):
    y, p = make(case, (n, width), seed)
    edges = [0, *sorted(c for c in cuts if c < n), n]
    parts = [slice(a, b) for a, b in zip(edges[:-1], edges[1:], strict=True)]
    whole = case(y, p, reduction)
    pieces = [case(y[s], p[s], reduction) for s in parts]
    counts = [(s.stop - s.start) * (1 if case.rows else width) for s in parts]
    total = sum(counts)
    if isinstance(whole, float):
        weights = counts if reduction == "mean" else [total] * len(parts)
        combined = sum(v * w for v, w in zip(pieces, weights, strict=True)) / total
        assert whole == pytest.approx(combined, rel=1e-12, abs=1e-300)
    else:
        if reduction == "mean":  # each part's mean divides by its own count
            pieces = [v * c / total for v, c in zip(pieces, counts, strict=True)]
        np.testing.assert_allclose(
            whole, np.concatenate(pieces), rtol=1e-13, atol=1e-300
        )


@pytest.mark.parametrize("case", CASES, ids=IDS)
@given(shape=shapes, seed=seeds, reduction=st.sampled_from(REDUCTIONS))
@settings(max_examples=3, deadline=None)
def test_float32_input_agrees_with_float64(case, shape, seed, reduction):
    if case.classes and len(shape) == 1:
        shape = (1,) + shape
    y, p = make(case, shape, seed)
    y32 = y if case.targets == "labels" else y.astype(np.float32)
    if case.targets == "rows":  # rows must still sum to 1 after rounding
        y32 = (y32 / y32.sum(axis=-1, keepdims=True)).astype(np.float32)
    p32 = p.astype(np.float32)
    got = case(y32, p32, reduction)
    want = case(
        y32.astype(np.float64) if y32.dtype == np.float32 else y32,
        p32.astype(np.float64),
        reduction,
    )
    np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-7)
    assert np.asarray(got).dtype == np.float64  # computed in float64 throughout


LOSS_CASES = [c for c in CASES if "grad" not in c.name and "delta" not in c.name]


@pytest.mark.parametrize("case", LOSS_CASES, ids=[c.name for c in LOSS_CASES])
@given(shape=shapes, seed=seeds)
@SETTINGS
def test_losses_are_nonnegative(case, shape, seed):
    if case.classes and len(shape) == 1:
        shape = (1,) + shape
    y, p = make(case, shape, seed)
    assert (case(y, p, "none") >= 0).all()


@given(shape=shapes, seed=seeds)
@SETTINGS
def test_losses_are_zero_at_the_target(shape, seed):
    rng = np.random.default_rng(seed)
    hard = rng.integers(0, 2, shape).astype(float)
    real = rng.normal(0, 3, shape)
    assert (nm.loss("bce")(hard, hard, "none") == 0).all()
    assert (nm.loss("mse")(real, real, "none") == 0).all()
    assert (nm.loss("mae")(real, real, "none") == 0).all()
    assert (nm.loss("hinge")(2 * hard - 1, 2 * hard - 1, "none") == 0).all()
    rows = np.eye(shape[-1])[rng.integers(0, shape[-1], shape[:-1])]
    assert (nm.loss("cce")(rows, rows, "none") == 0).all()
    # and they are zero nowhere else
    assert (nm.loss("mse")(real, real + 0.5, "none") > 0).all()


@given(shape=shapes, seed=seeds)
@SETTINGS
def test_logit_losses_are_the_losses_of_the_activations(shape, seed):
    rng = np.random.default_rng(seed)
    z = rng.uniform(-15, 15, shape)  # where σ and softmax do not round to 0 or 1
    y = rng.uniform(0, 1, shape)
    bce, s = nm.loss("bce"), nm.sigmoid(z)
    np.testing.assert_allclose(
        nm.bce_with_logits(y, z, "none"), bce(y, s, "none"), rtol=1e-9, atol=1e-15
    )
    np.testing.assert_allclose(  # the chain rule: dL/dŷ · σ'(z) = ŷ − y
        nm.bce_with_logits.grad(y, z, "none"),
        bce.grad(y, s, "none") * nm.activation("sigmoid").grad(z),
        rtol=1e-9,
        atol=1e-15,
    )
    rows = nm.softmax(rng.normal(0, 2, shape))
    cce, q = nm.loss("cce"), nm.softmax(z)
    np.testing.assert_allclose(
        nm.cce_with_logits(rows, z, "none"), cce(rows, q, "none"), rtol=1e-9, atol=1e-15
    )
    jacobians = nm.activation("softmax").grad(z)
    np.testing.assert_allclose(  # the chain rule through the softmax Jacobian
        nm.cce_with_logits.grad(rows, z, "none"),
        np.einsum("...k,...kj->...j", cce.grad(rows, q, "none"), jacobians),
        rtol=1e-9,
        atol=1e-15,
    )


@pytest.mark.parametrize("case", CASES, ids=IDS)
def test_an_empty_batch(case):
    y, p = make(case, (0, 3) if case.classes else (0,), seed=0)
    values = case(y, p, "none")
    assert isinstance(values, np.ndarray) and values.size == 0
    total = case(y, p, "sum")
    assert total == 0.0 if isinstance(total, float) else total.shape == p.shape
    with pytest.raises(ValueError, match="y must not be empty for reduction 'mean'"):
        case(y, p, "mean")
