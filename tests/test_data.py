"""Toy datasets: shapes, labels, determinism from the seed."""

import nnmath as nm
import numpy as np
import pytest


def test_xor_corners():
    X, y = nm.xor()
    np.testing.assert_array_equal(X, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y, [0, 1, 1, 0])
    Xn, yn = nm.xor(100, noise=0.05, seed=1)
    assert Xn.shape == (100, 2) and set(yn) == {0, 1}
    # Each noisy point stays near a corner with its XOR label.
    corner = np.round(Xn).astype(int)
    np.testing.assert_array_equal(corner[:, 0] ^ corner[:, 1], yn)


@pytest.mark.parametrize("make", [nm.two_moons, nm.spirals])
def test_seeded_and_balanced(make):
    X1, y1 = make(200, seed=3)
    X2, y2 = make(200, seed=3)
    X3, _ = make(200, seed=4)
    np.testing.assert_array_equal(X1, X2)
    np.testing.assert_array_equal(y1, y2)
    assert not np.array_equal(X1, X3)
    assert X1.shape == (200, 2) and np.bincount(y1).tolist() == [100, 100]


def test_spirals_classes_and_one_hot():
    _, y = nm.spirals(90, classes=3)
    assert np.bincount(y).tolist() == [30, 30, 30]
    np.testing.assert_array_equal(nm.one_hot([2, 0], 3), [[0, 0, 1], [1, 0, 0]])


@pytest.mark.parametrize(
    ("labels", "error", "message"),
    [([0, -1], ValueError, r"y must be class labels in \[0, 3\); got -1 at index 1"),
     ([0, 3], ValueError, r"y must be class labels in \[0, 3\); got 3 at index 1"),
     ([1.7, 0], ValueError, r"y must be integer class labels; got 1.7 at index 0"),
     ([0, np.nan], ValueError, r"y must be integer class labels; got nan at index 1"),
     (["a", "b"], TypeError, r"y must be numeric \(int or float\); got dtype <U1"),
     ([[0, 1], [2, 5]], ValueError, r"got 5 at index \(1, 1\)")],
)  # fmt: skip
def test_one_hot_refuses_what_is_not_a_label(labels, error, message):
    with pytest.raises(error, match=message):
        nm.one_hot(labels, 3)


def test_one_hot_takes_whole_floats_and_any_shape():
    np.testing.assert_array_equal(
        nm.one_hot(np.array([2.0, 0.0]), 3), nm.one_hot([2, 0], 3)
    )
    assert nm.one_hot([[0, 1], [2, 1]], 3).shape == (2, 2, 3)
    assert nm.one_hot([], 3).shape == (0, 3)
    with pytest.raises(TypeError, match=r"classes must be an integer; got 2.5"):
        nm.one_hot([0], 2.5)
    with pytest.raises(ValueError, match=r"classes must be >= 1; got 0"):
        nm.one_hot([0], 0)
