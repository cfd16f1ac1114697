"""Shared test setup: every NumPy or Python warning is an error."""

import warnings

import numpy as np
import pytest


@pytest.fixture(autouse=True)
def no_warnings():
    # Underflow stays silent: e^(−1000) = 0 is the right answer, not a problem.
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", divide="raise", invalid="raise"):
            yield
