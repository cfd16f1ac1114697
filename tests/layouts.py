"""Memory layouts for property tests: the same values, laid out differently."""

import numpy as np


def flip(a):
    return a[(slice(None, None, -1),) * a.ndim]


def strided(a):
    if a.ndim == 0:
        return a
    wide = np.zeros(a.shape[:-1] + (2 * a.shape[-1],), dtype=a.dtype)
    wide[..., ::2] = a
    return wide[..., ::2]


def swapped(a):
    if a.ndim < 2:
        return a
    return np.ascontiguousarray(a.swapaxes(0, -1)).swapaxes(0, -1)


# Each gives a view or copy holding the same values as ``a``, laid out differently.
LAYOUTS = {
    "C": np.ascontiguousarray,
    "Fortran": np.asfortranarray,
    "transposed": lambda a: np.ascontiguousarray(a.T).T,
    "strided": strided,
    "reversed": lambda a: flip(np.ascontiguousarray(flip(a))),
    "swapaxes": swapped,
}
