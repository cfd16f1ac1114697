"""Every activation and its grad, log_sigmoid, and the softmax family: the same values
whatever the memory layout, size, split, precision or integer type of the input
(Hypothesis).

Each example runs every kernel, and a failure lists every kernel (and layout) that
gave different values, so one run shows the whole extent of a fault.
"""

import nnmath as nm
import numpy as np
from hypothesis import example, given, settings
from hypothesis import strategies as st
from layouts import LAYOUTS, flip

# Modest: the unit suite must stay fast.
SETTINGS = settings(max_examples=6, deadline=None)

SCALAR = [name for name in nm.ACTIVATIONS if name != "softmax"]
ELEMENTWISE = {"log_sigmoid": nm.log_sigmoid}
for _name in SCALAR:
    ELEMENTWISE[_name] = nm.activation(_name)
    ELEMENTWISE[f"{_name}.grad"] = nm.activation(_name).grad


def _vjp(z, axis=-1):
    # v is computed from z with exact operations, so it has the same values in
    # every layout (and stays finite, so no inf·0 arises).
    return nm.softmax_vjp(z, np.clip(z, -1.0, 1.0), axis=axis)


# Functions of (z, axis) that work along one axis, or on all entries (axis=None).
ALONG_AXIS = {
    "softmax": nm.softmax,
    "log_softmax": nm.log_softmax,
    "logsumexp": nm.logsumexp,
    "logsumexp(keepdims)": lambda z, axis: nm.logsumexp(z, axis, keepdims=True),
    "softmax.grad": nm.activation("softmax").grad,
    "softmax_vjp": _vjp,
}

# Where the kernels have edges: 0, −0, tails, overflow of e^z, infinities and NaN.
SPECIALS = np.array(
    [0.0, -0.0, 1e-300, -1e-300, 37.0, -37.0, 745.0, -745.0, 800.0, -800.0,
     1e308, -1e308, np.inf, -np.inf, np.nan]
)  # fmt: skip


def make(shape, seed: int, specials: bool = True) -> np.ndarray:
    """A C-ordered float64 array of ``shape``: normal(0, 30), with some edge values."""
    rng = np.random.default_rng(seed)
    z = rng.normal(0, 30, shape)
    if specials:
        mask = rng.random(shape) < 0.2
        z[mask] = rng.choice(SPECIALS, mask.sum())
    return z


shapes = st.lists(st.integers(0, 5), min_size=1, max_size=3).map(tuple)
seeds = st.integers(0, 2**32 - 1)
BIG = [2**15 - 1, 2**15, 2**15 + 1, 3 * 2**15 + 7]


def same(got, want) -> bool:
    """Equal shapes and entries, the sign of 0 included, NaN where NaN: no tolerance.

    (The sign bit of a NaN means nothing, so it is not compared.)
    """
    got, want = np.asarray(got), np.asarray(want)
    number = ~np.isnan(want)
    return (
        got.shape == want.shape
        and np.array_equal(got, want, equal_nan=True)
        and np.array_equal(np.signbit(got)[number], np.signbit(want)[number])
    )


def assert_all_kernels(kernels: dict, differ):
    """Fail listing every kernel f for which ``differ(f)`` raises or returns a
    non-empty list (of what differed)."""
    failed = {}
    for name, f in kernels.items():
        try:
            what = differ(f)
        except Exception as err:  # e.g. a warning (an error here) from garbage
            what = [f"{type(err).__name__}: {err}"]
        if what:
            failed[name] = what
    assert not failed, failed


@given(shape=shapes, seed=seeds)
@example(shape=(300, 200), seed=0)  # the example: A.T of a (300, 200) batch
@SETTINGS
def test_elementwise_any_layout_same_values(shape, seed):
    z = make(shape, seed)

    def differ(f):
        return [n for n, arrange in LAYOUTS.items() if not same(f(arrange(z)), f(z))]

    assert_all_kernels(ELEMENTWISE, differ)


@given(shape=shapes, seed=seeds)
@example(shape=(3, 0), seed=0)
@SETTINGS
def test_along_axis_any_layout_same_values(shape, seed):
    z = make(shape, seed)

    def differ(f):
        return [
            f"axis={axis} {n}"
            for axis in [None, *range(-z.ndim, z.ndim)]
            for n, arrange in LAYOUTS.items()
            if not same(f(arrange(z), axis), f(z, axis))
        ]

    assert_all_kernels(ALONG_AXIS, differ)


@given(size=st.sampled_from(BIG), seed=seeds)
@settings(max_examples=3, deadline=None)
def test_elementwise_any_size_same_values(size, seed):
    # Past any internal block size, contiguous or not: each entry as if alone.
    z = make((size,), seed)
    batch = z[: size - size % 7].reshape(-1, 7)

    def differ(f):
        in_pieces = np.concatenate([f(z[i : i + 1000]) for i in range(0, size, 1000)])
        checks = {
            "whole": (f(z), in_pieces),
            "reversed": (f(flip(z)), flip(in_pieces)),
            "transposed": (f(batch.T), f(batch).T),
        }
        return [n for n, (got, want) in checks.items() if not same(got, want)]

    assert_all_kernels(ELEMENTWISE, differ)


@given(size=st.sampled_from(BIG), k=st.integers(1, 4), seed=seeds)
@settings(max_examples=3, deadline=None)
def test_along_axis_any_size_same_rows(size, k, seed):
    rows = make((size // k + 1, k), seed)

    def differ(f):
        whole = f(rows, -1)
        checks = {
            "rows": (
                whole[:50],
                np.concatenate([f(rows[i : i + 1], -1) for i in range(50)]),
            ),
            # The same rows as the columns of a transposed view, along axis 0.
            "columns": (f(rows.T, 0), np.moveaxis(whole, 0, -1)),
        }
        return [n for n, (got, want) in checks.items() if not same(got, want)]

    assert_all_kernels(ALONG_AXIS, differ)


@given(n=st.integers(0, 12), seed=seeds, cuts=st.sets(st.integers(1, 11), max_size=4))
@SETTINGS
def test_a_batch_split_in_parts_gives_the_same_values(n, seed, cuts):
    z = make((n, 4), seed)
    edges = [0, *sorted(c for c in cuts if c < n), n]
    parts = [slice(a, b) for a, b in zip(edges[:-1], edges[1:], strict=True)]

    def differ(f):
        return [] if same(f(z), np.concatenate([f(z[s]) for s in parts])) else [edges]

    assert_all_kernels(ELEMENTWISE, differ)
    assert_all_kernels(ALONG_AXIS, lambda f: differ(lambda part: f(part, -1)))


ALL = {**ELEMENTWISE, **ALONG_AXIS}


def _call(name, z):
    return ALL[name](z) if name in ELEMENTWISE else ALL[name](z, -1)


@given(shape=shapes, seed=seeds)
@SETTINGS
def test_float32_input_is_computed_in_float64(shape, seed):
    # z ~ normal(0, 3): there no kernel magnifies float32 rounding (6e-8) beyond
    # the tolerance.
    z = make(shape, seed, specials=False) / 10
    z32 = z.astype(np.float32)
    for name in ALL:
        got = _call(name, z32)
        assert np.asarray(got).dtype == np.float64, name
        # The same float64 computation on the same values ...
        assert same(got, _call(name, z32.astype(np.float64))), name
        # ... as close to the float64 input's result as float32 rounding allows.
        np.testing.assert_allclose(
            got, _call(name, z), rtol=3e-6, atol=1e-6, err_msg=name
        )


@given(shape=shapes, seed=seeds)
@SETTINGS
def test_integer_input_equals_float_input(shape, seed):
    z = np.round(make(shape, seed, specials=False)).astype(np.int64)
    for name in ALL:
        got = _call(name, z)
        assert np.asarray(got).dtype == np.float64, name
        assert same(got, _call(name, z.astype(np.float64))), name
