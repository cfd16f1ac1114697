"""Sliders in a live notebook, one still figure in the built book and in tests."""

import os
from decimal import Decimal

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
    In a live kernel with ipywidgets the reader gets a slider per argument, whose
    readout shows the step's precision, and the figure is redrawn when a slider is
    let go; in the built book the same cell shows the figure at the defaults.
    JupyterLab is the front end the book tests (`make lab-test`); others that run
    ipywidgets 8 (Notebook 7, VS Code, Colab) are expected to work but are not
    tested. Returns None, so the cell shows no return value.
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
    from IPython.display import display

    controls = {
        name: widgets.FloatSlider(
            min=low,
            max=high,
            step=step,
            value=default,
            continuous_update=False,
            readout_format=f".{max(decimals(step), decimals(low), decimals(default))}f",
        )
        for name, (low, high, step, default) in sliders.items()
    }

    def redraw(**values):
        draw(**values)
        plt.show()

    display(widgets.interactive(redraw, **controls))
    return None


def decimals(x) -> int:
    """Digits after the point in the shortest text of `x`: 0.005 has 3, 2.0 has 0."""
    return max(0, -Decimal(repr(float(x))).normalize().as_tuple().exponent)
