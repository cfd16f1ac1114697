"""Batch and layer normalisation at training time, with their backward passes."""

import numpy as np
import sympy as sp

from .validate import as_float_array, check_finite, check_param

EPS = 1e-5  # PyTorch's default for both layers
EPSILON = sp.Symbol("varepsilon", positive=True)  # the book writes ε


def standardise_expr(n: int, eps=EPSILON) -> list:
    """The standardisation of ``n`` symbols x_1..x_n as SymPy expressions:
    (x_i - m) / sqrt(v + eps), with m their mean and v their variance (divided by
    n, the batch statistic). The single source of the formula that
    ``batch_norm`` applies to each column and ``layer_norm`` to each row
    (chapter on exploding gradients)."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 2:
        raise ValueError(f"n must be an integer >= 2; got {n!r}")
    xs = sp.symbols(f"x_1:{n + 1}", real=True)
    m = sum(xs) / n
    v = sum((x - m) ** 2 for x in xs) / n
    return [(x - m) / sp.sqrt(v + eps) for x in xs]


def batch_norm(z, gamma=1.0, b=0.0, eps=EPS):
    """Batch normalisation of ``z``, shape (N, n): each column (unit) standardised
    with the mean and variance of the batch (training time), then scaled by
    ``gamma`` (the book writes ψ) and shifted by ``b`` (scalars or length-n
    vectors). At inference time frameworks use running averages instead, which
    this function does not model. Derived in the chapter on exploding gradients."""
    z, gamma, b, eps = _check(z, gamma, b, eps, axis=0)
    return gamma * _standardise(z, 0, eps)[0] + b


def batch_norm_backward(dout, z, gamma=1.0, eps=EPS):
    """Gradients of a loss through ``batch_norm``: given ``dout`` = dL/d(output),
    shape (N, n), returns ``(dz, dgamma, db)``; ``dgamma`` and ``db`` are
    length-n vectors (sums over the batch; for a scalar ``gamma`` its gradient is
    ``dgamma.sum()``). Derived in the chapter on exploding gradients."""
    return _backward(dout, z, gamma, eps, axis=0)


def layer_norm(z, gamma=1.0, b=0.0, eps=EPS):
    """Layer normalisation of ``z``, shape (N, n): each row (sample) standardised
    over its n units, then scaled by ``gamma`` (the book writes ψ) and shifted by
    ``b`` (scalars or length-n vectors). The same at training and inference
    time. Derived in the chapter on exploding gradients."""
    z, gamma, b, eps = _check(z, gamma, b, eps, axis=1)
    return gamma * _standardise(z, 1, eps)[0] + b


def layer_norm_backward(dout, z, gamma=1.0, eps=EPS):
    """Gradients of a loss through ``layer_norm``: given ``dout`` = dL/d(output),
    shape (N, n), returns ``(dz, dgamma, db)``; ``dgamma`` and ``db`` are
    length-n vectors (sums over the batch; for a scalar ``gamma`` its gradient is
    ``dgamma.sum()``). Derived in the chapter on exploding gradients."""
    return _backward(dout, z, gamma, eps, axis=1)


def _standardise(z, axis, eps):
    m = z.mean(axis=axis, keepdims=True)
    v = ((z - m) ** 2).mean(axis=axis, keepdims=True)
    inv_std = 1.0 / np.sqrt(v + eps)
    return (z - m) * inv_std, inv_std


def _standardise_vjp(dz_hat, z_hat, inv_std, axis):
    # Along the normalised axis, d z_hat / dx = (I - 11^T/n - z_hat z_hat^T/n) *
    # inv_std for any eps (dv/dx_j = 2 (x_j - m)/n); it is symmetric, so the
    # vector-Jacobian product applies it to dz_hat.
    mean = lambda u: u.mean(axis=axis, keepdims=True)  # noqa: E731
    return inv_std * (dz_hat - mean(dz_hat) - z_hat * mean(dz_hat * z_hat))


def _backward(dout, z, gamma, eps, axis):
    z, gamma, _, eps = _check(z, gamma, 0.0, eps, axis)
    dout = as_float_array(dout, "dout")
    if dout.shape != z.shape:
        raise ValueError(f"dout must have z's shape {z.shape}; got shape {dout.shape}")
    check_finite(dout, "dout")
    z_hat, inv_std = _standardise(z, axis, eps)
    dz = _standardise_vjp(dout * gamma, z_hat, inv_std, axis)
    return dz, np.sum(dout * z_hat, axis=0), np.sum(dout, axis=0)


def _check(z, gamma, b, eps, axis):
    z = as_float_array(z, "z")
    if z.ndim != 2:
        raise ValueError(f"z must be 2-d, shape (N, n); got shape {z.shape}")
    what = ("samples (N >= 2) for batch statistics", "units (n >= 2) to normalise")
    if z.shape[axis] < 2:
        raise ValueError(f"z must have at least 2 {what[axis]}; got shape {z.shape}")
    check_finite(z, "z")
    eps = check_param("eps", eps, positive=True)
    params = []
    for name, p in (("gamma", gamma), ("b", b)):
        p = as_float_array(p, name)
        if p.shape not in ((), (z.shape[1],)):
            raise ValueError(
                f"{name} must be a scalar or a vector of length n = {z.shape[1]}; "
                f"got shape {p.shape}"
            )
        check_finite(p, name)
        params.append(p)
    return z, params[0], params[1], eps
