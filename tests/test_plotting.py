"""Book figures: two panels, the book palette, a decision boundary."""

import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import nnmath as nm  # noqa: E402
import numpy as np  # noqa: E402
from nnmath import plotting  # noqa: E402


def test_function_and_derivative_side_by_side():
    act = nm.activation("relu")
    fig, (ax_g, ax_dg) = plotting.plot_activation(act)
    z, g = ax_g.lines[0].get_data()
    np.testing.assert_array_equal(g, act(z))
    np.testing.assert_array_equal(ax_dg.lines[0].get_data()[1], act.grad(z))
    assert ax_g.lines[0].get_color() == plotting.PALETTE["blue"]
    # The kink at 0: an open dot at the right derivative, a filled one at the left.
    assert [line.get_ydata()[0] for line in ax_dg.lines[1:]] == [1.0, 0.0]
    assert tuple(fig.get_size_inches()) == plotting.FIGSIZE
    assert fig.dpi == plotting.DPI
    plt.close(fig)


def test_decision_boundary_uses_the_predictions():
    X, y = nm.two_moons(60, seed=0)
    ax = plotting.plot_decision_boundary(lambda P: (P[:, 0] > 0.5).astype(float), X, y)
    assert len(ax.collections) >= 2
    plt.close("all")


def test_import_nnmath_loads_neither_matplotlib_nor_scipy():
    # What plotting's and activations' docstrings promise, so import nnmath stays
    # fast: matplotlib comes with nnmath.plotting, scipy with the first kernel call.
    code = (
        "import sys, nnmath; "
        "print(sorted(m for m in ('matplotlib', 'scipy') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "[]"
