"""check_grad itself: it passes true derivatives and catches wrong ones."""

import nnmath as nm
import numpy as np
import pytest


def test_elementwise_and_scalar_modes():
    x = np.linspace(-2, 2, 9)
    assert nm.check_grad(np.sin, np.cos, x) < 1e-8
    assert nm.check_grad(lambda v: float(np.sum(v**3)), lambda v: 3 * v**2, x) < 1e-8


def test_catches_a_wrong_derivative():
    x = np.linspace(-2, 2, 9)
    assert nm.check_grad(np.sin, lambda v: 1.01 * np.cos(v), x) > 1e-3
    assert nm.check_grad(np.exp, lambda v: np.exp(v) + 1e-2, x) > 1e-3


def test_shape_errors_are_named():
    with pytest.raises(ValueError, match="df.x. must have x's shape"):
        nm.check_grad(np.sin, lambda v: np.cos(v)[:2], [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="f.x. must be scalar or have x's shape"):
        nm.check_grad(lambda v: v[:2], np.cos, [1.0, 2.0, 3.0])
