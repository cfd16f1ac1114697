"""Tests for nnmath.explore: static figure in headless runs, sliders otherwise."""

import matplotlib.pyplot as plt
import pytest
from nnmath.explore import explore, is_static


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


def test_live_mode_builds_one_slider_per_argument(monkeypatch):
    monkeypatch.delenv("NNMATH_STATIC", raising=False)
    pytest.importorskip("ipywidgets")
    calls = []

    def draw(T):
        calls.append(T)
        plt.figure()

    assert not is_static()
    interactive = explore(draw, T=(0.1, 5.0, 0.1, 1.0))
    assert calls == [1.0]  # interact draws once at the initial value
    assert [c.description for c in interactive.widget.children[:-1]] == ["T"]
    plt.close("all")


def test_bad_slider_specs_are_named():
    with pytest.raises(TypeError, match="slider slope must be a tuple"):
        explore(lambda slope: None, slope=0.1)
    with pytest.raises(
        ValueError, match=r"slider T: default 9 must lie in \[0.1, 5.0\]"
    ):
        explore(lambda T: None, T=(0.1, 5.0, 0.1, 9))
