"""The SymPy symbols every expression in the book is written in."""

import sympy as sp

z = sp.Symbol("z", real=True)
y = sp.Symbol("y", real=True)
y_hat = sp.Symbol("y_hat", real=True)

# Vector-valued functions (softmax, categorical cross-entropy) are shown for K = 3;
# the general-K identities are proved in the book.
K = 3
zs = sp.symbols(f"z1:{K + 1}", real=True)
ys = sp.symbols(f"y1:{K + 1}", real=True)
y_hats = sp.symbols(f"y_hat1:{K + 1}", real=True)

# Parameters are nonnegative / positive so that SymPy can decide limits and signs.
slope = sp.Symbol("slope", nonnegative=True)
alpha = sp.Symbol("alpha", positive=True)
gamma = sp.Symbol("gamma", nonnegative=True)  # focal loss's focusing parameter
# SELU's overall scale; Klambauer et al. write λ, which the book keeps for eigenvalues.
scale = sp.Symbol("scale", positive=True)

_LATEX_NAMES = {
    y_hat: r"\hat{y}",
    slope: r"\rho",
    scale: r"\zeta",
    **{s: rf"\hat{{y}}_{{{i}}}" for i, s in enumerate(y_hats, 1)},
}


def latex(expr) -> str:
    """LaTeX for any expression of the book, with ``y_hat`` printed as ŷ."""
    return sp.latex(expr, symbol_names=_LATEX_NAMES)
