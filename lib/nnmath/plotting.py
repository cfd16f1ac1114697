"""The book's figure style: Okabe–Ito colours, dark ink on a white card.

Import it as ``nnmath.plotting``: ``import nnmath`` loads neither this module nor
``nnmath.explore``, the two that import matplotlib, so it stays fast.
"""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np

# Okabe–Ito: distinguishable under the common colour-vision deficiencies, and each
# has enough contrast on white and on near-black pages.
PALETTE = {
    "blue": "#0072B2",
    "orange": "#E69F00",
    "green": "#009E73",
    "vermillion": "#D55E00",
    "sky": "#56B4E9",
    "purple": "#CC79A7",
    "yellow": "#F0E442",
}
# Figures are white cards with dark ink: the book's theme shows cell images on a
# light panel in dark mode too, so one figure reads in both themes, and dark grey
# on white keeps text contrast above 10:1 (mid grey would be 3.5:1).
INK = "#333333"
FIGSIZE = (7.0, 2.8)
DPI = 150

STYLE = {
    "figure.figsize": FIGSIZE,
    "figure.dpi": DPI,
    "savefig.dpi": DPI,
    "figure.facecolor": "white",
    "axes.facecolor": "white",
    "savefig.facecolor": "white",
    "savefig.transparent": False,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "axes.titlecolor": INK,
    "xtick.color": INK,
    "ytick.color": INK,
    "text.color": INK,
    "grid.color": INK,
    "grid.alpha": 0.3,
    "axes.grid": True,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "legend.frameon": False,
    "lines.linewidth": 2.0,
    "axes.prop_cycle": mpl.cycler(color=list(PALETTE.values())),
}


def use_style() -> None:
    """Apply the book style to every following figure."""
    mpl.rcParams.update(STYLE)


def plot_activation(act, z=None, **params):
    """Activation g and its derivative g' side by side; returns (fig, (ax_g, ax_dg)).

    Kinks are marked with both one-sided derivative values (open and filled dots for
    the convention: the filled one is what ``grad`` returns).
    """
    z = np.linspace(-5, 5, 1001) if z is None else np.asarray(z, dtype=float)
    with mpl.rc_context(STYLE):
        fig, (ax_g, ax_dg) = plt.subplots(1, 2, layout="constrained")
        ax_g.plot(z, act(z, **params), color=PALETTE["blue"])
        ax_dg.plot(z, act.grad(z, **params), color=PALETTE["orange"])
        ax_g.set_title(f"${act.symbol}(z)$")
        ax_dg.set_title(f"${act.symbol}'(z)$")
        for kink in act.kinks if not params else []:
            p = float(kink.point)
            ax_dg.plot([p], [float(kink.right)], "o", mfc="none", color=INK)
            ax_dg.plot([p], [float(kink.left)], "o", color=INK)
        for ax in (ax_g, ax_dg):
            ax.set_xlabel("$z$")
        fig.suptitle(act.title)
    return fig, (ax_g, ax_dg)


def plot_decision_boundary(predict, X, y, ax=None, resolution: int = 200):
    """Shade where ``predict`` (X (M, 2) -> scores (M,) or (M, K)) picks each class,
    over the points X (N, 2) coloured by label y; returns the axes."""
    X, y = np.asarray(X, dtype=float), np.asarray(y)
    pad = 0.1 * (X.max(axis=0) - X.min(axis=0))
    lo, hi = X.min(axis=0) - pad, X.max(axis=0) + pad
    gx, gy = np.meshgrid(
        np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    )
    scores = np.asarray(predict(np.column_stack([gx.ravel(), gy.ravel()])))
    if scores.ndim == 2 and scores.shape[1] > 1:
        labels = scores.argmax(axis=1)
    else:
        labels = (scores.reshape(-1) > 0.5).astype(int)
    colours = list(PALETTE.values())
    classes = int(max(labels.max(), y.max())) + 1
    cmap = mpl.colors.ListedColormap(colours[:classes])
    with mpl.rc_context(STYLE):
        if ax is None:
            _, ax = plt.subplots(figsize=(FIGSIZE[1] * 1.2, FIGSIZE[1] * 1.2))
        ax.contourf(gx, gy, labels.reshape(gx.shape), alpha=0.25, cmap=cmap,
                    levels=np.arange(classes + 1) - 0.5)  # fmt: skip
        ax.scatter(X[:, 0], X[:, 1], c=y, cmap=cmap, vmin=-0.5, vmax=classes - 0.5,
                   edgecolors=INK, linewidths=0.5, s=18)  # fmt: skip
        ax.set_aspect("equal")
    return ax
