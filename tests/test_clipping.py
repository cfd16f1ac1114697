"""Gradient clipping: hand-computed cases, direction, structure, layout, bad input."""

import nnmath as nm
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

finite = st.floats(-1e6, 1e6, allow_nan=False)
# No deadline: on a loaded machine a slow first example is not a failure.
SETTINGS = settings(deadline=None)


def test_by_norm_hand_computed():
    # |(3, 4)| = 5: clipped to norm 1 it is (0.6, 0.8); below the bound unchanged
    assert np.allclose(nm.clip_by_norm([3.0, 4.0], 1.0), [0.6, 0.8], rtol=1e-15)
    assert np.array_equal(nm.clip_by_norm([3.0, 4.0], 5.0), [3.0, 4.0])
    assert np.array_equal(nm.clip_by_norm([3.0, 4.0], 10.0), [3.0, 4.0])
    assert np.array_equal(nm.clip_by_norm(np.zeros(3), 1.0), np.zeros(3))


def test_by_value_hand_computed():
    out = nm.clip_by_value([10.0, -0.5, -7.0, 1.0], 1.0)
    assert np.array_equal(out, [1.0, -0.5, -1.0, 1.0])


def test_global_norm_over_a_list():
    # |(3, 4)| and |(12,)|: the global norm is sqrt(9 + 16 + 144) = 13
    grads = [np.array([3.0, 4.0]), np.array([[12.0]])]
    assert nm.global_norm(grads) == 13.0
    out = nm.clip_by_norm(grads, 6.5)
    assert isinstance(out, list) and out[1].shape == (1, 1)
    assert np.allclose(out[0], [1.5, 2.0]) and np.allclose(out[1], [[6.0]])
    assert isinstance(nm.clip_by_value(tuple(grads), 2.0), tuple)


def test_huge_gradients_do_not_overflow():
    out = nm.clip_by_norm([3e200, 4e200], 1.0)
    assert np.allclose(out, [0.6, 0.8], rtol=1e-15)
    assert nm.global_norm([3e200, 4e200]) == pytest.approx(5e200, rel=1e-15)


def test_a_list_of_numbers_is_one_array():
    assert np.allclose(nm.clip_by_norm([[3.0], [4.0]], 1.0), [[0.6], [0.8]])


@SETTINGS
@given(arrays(np.float64, st.integers(1, 20), elements=finite), st.floats(1e-3, 1e3))
def test_by_norm_keeps_direction_and_bounds_norm(g, max_norm):
    out = nm.clip_by_norm(g, max_norm)
    norm, new = np.linalg.norm(g), np.linalg.norm(out)
    assert new <= max_norm * (1 + 1e-12) or np.array_equal(out, g)
    assert new == pytest.approx(min(norm, max_norm), rel=1e-12, abs=1e-300)
    if norm > 0:
        assert g @ out == pytest.approx(norm * new, rel=1e-12)  # cosine 1


@SETTINGS
@given(arrays(np.float64, st.integers(1, 20), elements=finite), st.floats(1e-3, 1e3))
def test_by_value_bounds_entries_and_stays_a_descent_direction(g, limit):
    out = nm.clip_by_value(g, limit)
    assert np.all(np.abs(out) <= limit)
    assert np.all(g * out >= 0)  # every entry keeps its sign: g . out >= 0
    inside = np.abs(g) <= limit
    assert np.array_equal(out[inside], g[inside])


@pytest.mark.parametrize("clip", [nm.clip_by_norm, nm.clip_by_value])
def test_layout_and_dtype_do_not_matter(clip):
    rng = np.random.default_rng(0)
    g = rng.normal(scale=3.0, size=(6, 8))
    expected = clip(g, 2.0)
    assert np.array_equal(clip(np.asfortranarray(g), 2.0), expected)
    assert np.array_equal(clip(g.T, 2.0), expected.T)
    assert np.array_equal(clip(g[:, ::2], 2.0), clip(g[:, ::2].copy(), 2.0))
    g32 = g.astype(np.float32)
    assert np.array_equal(clip(g32, 2.0), clip(g32.astype(np.float64), 2.0))
    assert clip(g32, 2.0).dtype == np.float64
    assert np.array_equal(clip([[5, -1]], 2.0), clip(np.array([[5.0, -1.0]]), 2.0))


@pytest.mark.parametrize(
    "call, error, message",
    [
        (lambda: nm.clip_by_norm([1.0], 0.0), ValueError, "max_norm must be finite"),
        (lambda: nm.clip_by_norm([1.0], -1), ValueError, "max_norm must be finite"),
        (lambda: nm.clip_by_norm([1.0], "1"), TypeError, "max_norm must be a real"),
        (lambda: nm.clip_by_value([1.0], np.inf), ValueError, "limit must be finite"),
        (lambda: nm.clip_by_value(["a"], 1.0), TypeError, "grad must be numeric"),
        (lambda: nm.clip_by_norm([1.0, np.nan], 1), ValueError, "grad must be finite"),
        (
            lambda: nm.clip_by_norm([np.ones(1), np.array([np.inf])], 1),
            ValueError,
            "grad\\[1\\]",
        ),
        (lambda: nm.clip_by_norm([], 1.0), ValueError, "must not be an empty list"),
    ],
)
def test_bad_input(call, error, message):
    with pytest.raises(error, match=message):
        call()
