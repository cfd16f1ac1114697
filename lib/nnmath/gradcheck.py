"""Central finite differences, the independent witness for every derivative."""

import numpy as np

from .validate import as_float_array


def check_grad(f, df, x, eps: float = 1e-6, floor: float = 1e-3) -> float:
    """Max relative error between the Jacobian ``df`` claims and central differences
    of ``f`` at ``x``, over every entry of the Jacobian.

    What ``df(x)`` claims is read from its shape:

    - ``f(x).shape + x.shape``: the full Jacobian, ``J[i..., j...] = ∂f_i/∂x_j``; for a
      scalar ``f`` that is the gradient, of ``x``'s shape;
    - ``x``'s shape, when ``f(x)`` has ``x``'s shape too: ``f`` is elementwise with
      derivative ``df(x)``, i.e. the Jacobian is ``diag(df(x))`` and every
      off-diagonal entry is claimed to be 0.

    Column j of the Jacobian is measured as ``(f(x + h_j e_j) − f(x − h_j e_j)) /
    (2 h_j)``, one column at a time, with step ``h_j = eps·max(1, abs(x_j))``:
    ``2·x.size`` evaluations of ``f``. With ``a`` the claimed and ``n`` the measured
    entry, the error of an entry is ``|a − n| / max(|a|, |n|, floor)``: relative
    for derivatives larger than ``floor``, absolute (over ``floor``) below it,
    because the rounding of f(x ± h) makes differences meaningless relative to tiny
    derivatives (saturation). So a
    wrong nonzero entry, on the diagonal or off it, scores about 1; NaN anywhere
    gives NaN. Used throughout; the method is explained in the chapter on how this
    book checks itself.
    """
    x = as_float_array(x, "x")
    if x.size == 0:
        raise ValueError("x must not be empty: there is no derivative to check")
    fx = np.asarray(f(x), dtype=np.float64)
    claimed = np.asarray(df(x), dtype=np.float64)
    full = claimed.shape == fx.shape + x.shape
    if not full and not claimed.shape == x.shape == fx.shape:
        raise ValueError(
            "df(x) must be the Jacobian, of shape f(x).shape + x.shape = "
            f"{fx.shape + x.shape}, or, when f(x) has x's shape {x.shape}, the "
            f"elementwise derivative of that shape; got shape {claimed.shape}"
        )
    claimed = claimed.reshape(-1, x.size) if full else claimed.reshape(-1)
    h = eps * np.maximum(1.0, np.abs(x.reshape(-1)))
    worst = 0.0
    for j in range(x.size):
        step = np.zeros(x.size)
        step[j] = h[j]
        step = step.reshape(x.shape)
        n = (np.asarray(f(x + step)) - np.asarray(f(x - step))).reshape(-1) / (2 * h[j])
        if full:
            a = claimed[:, j]
        else:  # column j of diag(df(x))
            a = np.zeros(x.size)
            a[j] = claimed[j]
        scale = np.maximum(np.maximum(np.abs(a), np.abs(n)), floor)
        # np.maximum, not max: a NaN error must survive to the result.
        worst = np.maximum(worst, np.max(np.abs(a - n) / scale))
    return float(worst)
