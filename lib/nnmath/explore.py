"""Sliders in a live notebook, one still figure in the built book and in tests."""

import os

import matplotlib.pyplot as plt


def is_static() -> bool:
    """True when cells run headless (book build, nbval, `make outputs`).

    The Makefile sets NNMATH_STATIC=1 for those runs, so their stored outputs hold a
    plain figure rather than a widget that a static page cannot render.
    """
    return os.environ.get("NNMATH_STATIC", "") == "1"


def explore(draw, **sliders):
    """Call `draw(**values)` under sliders, or once at the default values when static.

    Each slider is given as `name=(low, high, step, default)`, for example
    `explore(draw, slope=(0.0, 0.5, 0.01, 0.1))`. `draw` makes one matplotlib figure.
    In a live Jupyter session (JupyterLab, Notebook, Colab) the reader gets a slider
    per argument and the figure is redrawn as they move; in the built book the same
    cell shows the figure at the defaults.
    """
    for name, spec in sliders.items():
        if not (isinstance(spec, tuple) and len(spec) == 4):
            raise TypeError(
                f"slider {name} must be a tuple (low, high, step, default); "
                f"got {spec!r}"
            )
        low, high, _, default = spec
        if not low <= default <= high:
            raise ValueError(
                f"slider {name}: default {default} must lie in [{low}, {high}]"
            )
    defaults = {name: spec[3] for name, spec in sliders.items()}
    if is_static():
        draw(**defaults)
        plt.show()
        return None

    import ipywidgets as widgets

    controls = {
        name: widgets.FloatSlider(
            min=low, max=high, step=step, value=default, continuous_update=False
        )
        for name, (low, high, step, default) in sliders.items()
    }

    def redraw(**values):
        draw(**values)
        plt.show()

    return widgets.interact(redraw, **controls)
