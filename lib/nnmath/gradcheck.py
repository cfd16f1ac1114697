"""Central finite differences, the independent witness for every derivative."""

import numpy as np

from .validate import as_float_array


def check_grad(f, df, x, eps: float = 1e-6, floor: float = 1e-3) -> float:
    """Max relative error between ``df(x)`` and central differences of ``f`` at ``x``.

    ``f`` is either elementwise (``f(x)`` has the shape of ``x``; then ``df(x)`` is
    the elementwise derivative) or scalar valued (then ``df(x)`` is the gradient, of
    ``x``'s shape). The step is ``eps·max(1, |x|)``; with ``a`` the analytic and
    ``n`` the numeric derivative, the error at each entry is
    ``|a − n| / max(|a|, |n|, floor)``: relative for derivatives
    larger than ``floor``, absolute (over ``floor``) below it, because the rounding of
    f(x ± h) makes differences meaningless relative to tiny derivatives (saturation).
    Used throughout; the method is explained in the chapter on how this book checks
    itself.
    """
    x = as_float_array(x, "x")
    fx = np.asarray(f(x), dtype=np.float64)
    h = eps * np.maximum(1.0, np.abs(x))
    if fx.shape == x.shape and fx.ndim > 0:
        numeric = (np.asarray(f(x + h)) - np.asarray(f(x - h))) / (2 * h)
    elif fx.ndim == 0:
        numeric = np.empty_like(x)
        for i in np.ndindex(x.shape):
            step = np.zeros_like(x)
            step[i] = h[i]
            numeric[i] = (f(x + step) - f(x - step)) / (2 * h[i])
    else:
        raise ValueError(
            f"f(x) must be scalar or have x's shape {x.shape}; got shape {fx.shape}"
        )
    analytic = np.asarray(df(x), dtype=np.float64)
    if analytic.shape != x.shape:
        raise ValueError(
            f"df(x) must have x's shape {x.shape}; got shape {analytic.shape}"
        )
    scale = np.maximum(np.maximum(np.abs(analytic), np.abs(numeric)), floor)
    return float(np.max(np.abs(analytic - numeric) / scale))
