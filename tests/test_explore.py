"""Tests for nnmath.explore: static figure in headless runs, sliders otherwise."""

import matplotlib.pyplot as plt
import pytest
from nnmath.explore import decimals, explore, is_static


def test_static_mode_draws_once_at_the_defaults(monkeypatch):
    monkeypatch.setenv("NNMATH_STATIC", "1")
    calls = []

    def draw(slope, alpha):
        calls.append((slope, alpha))
        plt.figure()

    assert is_static()
    assert (
        explore(draw, slope=(0.0, 0.5, 0.01, 0.1), alpha=(0.1, 2.0, 0.1, 1.0)) is None
    )
    assert calls == [(0.1, 1.0)]
    plt.close("all")


def test_live_mode_shows_one_slider_per_argument_and_returns_nothing(monkeypatch):
    monkeypatch.delenv("NNMATH_STATIC", raising=False)
    pytest.importorskip("ipywidgets")
    ipython_display = pytest.importorskip("IPython.display")
    shown, calls = [], []
    monkeypatch.setattr(ipython_display, "display", shown.append)

    def draw(T, lr):
        calls.append((T, lr))
        plt.figure()

    assert not is_static()
    assert explore(draw, T=(0.1, 5.0, 0.1, 1.0), lr=(0.005, 0.3, 0.005, 0.125)) is None
    assert calls == [(1.0, 0.125)]  # drawn once at the initial values
    [panel] = shown
    sliders = panel.children[:-1]
    assert [s.description for s in sliders] == ["T", "lr"]
    # the readout shows the step's precision: 0.125, not 0.13
    assert [s.readout_format for s in sliders] == [".1f", ".3f"]
    plt.close("all")


@pytest.mark.parametrize(
    "x, digits", [(0.005, 3), (0.1, 1), (2.0, 0), (10, 0), (0.125, 3), (1e-4, 4)]
)
def test_decimals_of_a_step(x, digits):
    assert decimals(x) == digits


def test_bad_slider_specs_are_named():
    with pytest.raises(TypeError, match="slider slope must be a tuple"):
        explore(lambda slope: None, slope=0.1)
    with pytest.raises(
        ValueError, match=r"slider T: default 9 must lie in \[0.1, 5.0\]"
    ):
        explore(lambda T: None, T=(0.1, 5.0, 0.1, 9))
