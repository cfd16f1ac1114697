"""Bad input: each error names the argument, the expected form and the culprit."""

import nnmath as nm
import numpy as np
import pytest


def test_shape_mismatch_names_both_shapes():
    with pytest.raises(ValueError, match=r"same shape; got y \(3,\) and y_hat \(2,\)"):
        nm.loss("mse")([1, 2, 3], [1, 2])
    with pytest.raises(
        ValueError, match=r"y and z must have the same shape; got y \(3,\) and z \(2,\)"
    ):
        nm.bce_with_logits([1, 0, 1], [1, 2])


def test_y_hat_outside_unit_interval():
    with pytest.raises(
        ValueError, match=r"y_hat must lie in \[0, 1\]; got 1.3 at index 2"
    ):
        nm.loss("bce")([0, 1, 1], [0.2, 0.5, 1.3])
    with pytest.raises(
        ValueError, match=r"y_hat must lie in \[0, 1\]; got -0.1 at index \(1, 0\)"
    ):
        nm.loss("cce")([[1, 0], [0, 1]], [[0.5, 0.5], [-0.1, 1.1]])
    with pytest.raises(
        ValueError, match=r"y_hat must lie in \[0, 1\]; got inf at index 0"
    ):
        nm.loss("bce")([1], [float("inf")])
    # A NaN prediction is not refused: it propagates (the losses' non-finite rule).
    assert np.isnan(nm.loss("bce")([1], [float("nan")]))


def test_cce_rows_must_be_distributions():
    with pytest.raises(
        ValueError, match=r"y rows must be distributions .* row 1 sums to 1.5"
    ):
        nm.loss("cce")([[1, 0], [1, 0.5]], [[0.5, 0.5], [0.5, 0.5]])
    with pytest.raises(ValueError, match="y rows must be distributions"):
        nm.cce_with_logits([[0.3, 0.3]], [[1.0, 2.0]])


def test_hinge_labels_must_be_signs():
    with pytest.raises(
        ValueError, match=r"-1 or \+1 \(map 0/1 labels .*got 0.0 at index 1"
    ):
        nm.loss("hinge")([1, 0, 1], [0.3, 0.2, 0.1])


def test_empty_input():
    with pytest.raises(ValueError, match=r"y must not be empty for reduction 'mean'"):
        nm.loss("mse")([], [])
    assert nm.loss("mse")([], [], reduction="sum") == 0.0


@pytest.mark.parametrize("bad", ["abc", ["a", "b"], None, [1 + 2j], {"z": 1}])
def test_non_numeric_input(bad):
    with pytest.raises(TypeError, match="z must be numeric"):
        nm.sigmoid(bad)
    with pytest.raises(TypeError, match="y_hat must be numeric"):
        nm.loss("mse")([1.0], bad)


def test_wrong_parameters():
    with pytest.raises(ValueError, match=r"slope must be finite and >= 0; got -0.5"):
        nm.leaky_relu([1.0], slope=-0.5)
    with pytest.raises(ValueError, match=r"alpha must be finite and > 0; got 0.0"):
        nm.elu([1.0], alpha=0)
    with pytest.raises(TypeError, match=r"alpha must be a real number; got 'big'"):
        nm.activation("elu")([1.0], alpha="big")
    with pytest.raises(TypeError, match=r"relu takes parameters none; got \['slope'\]"):
        nm.activation("relu")(1.0, slope=0.1)


def test_softmax_needs_an_axis():
    with pytest.raises(
        ValueError, match=r"axis -1 is out of range for z of shape \(\)"
    ):
        nm.softmax(3.0)


def test_ints_and_lists_computed_in_float64():
    assert nm.loss("mse")([1, 2], [2, 4]) == 2.5
    assert nm.loss("bce").grad([1, 0], [1, 0]).dtype == np.float64
    assert nm.softmax([1, 1]).tolist() == [0.5, 0.5]
    assert nm.leaky_relu([-2], slope=0).tolist() == [0.0]
