"""Numbers for the book's prose: glued at the precision a reader reads, on any CPU."""

import numbers

import numpy as np

# A reader reads at most this many significant digits; the digits past it are where
# BLAS kernels, SIMD loops and thread counts make machines disagree.
DIGITS = 6


def sig(x, digits: int = DIGITS):
    """``x`` rounded to ``digits`` significant digits, as a plain Python number.

    Integers and non-numbers come back unchanged; a NumPy float comes back as a
    Python float, so its text is ``0.302505`` and not ``np.float64(0.302505...)``.
    """
    if isinstance(x, bool | numbers.Integral) or not isinstance(x, numbers.Real):
        return x
    x = float(x)
    return float(f"{x:.{digits}g}") if np.isfinite(x) else x


def glue(name: str, value, display: bool = False):
    """myst-nb's ``glue``, with a real number rounded by ``sig`` first.

    The stored output is then the same on every machine, and the prose formats it
    further (``{glue:text}`name:.2f```) as it needs. Not displayed by default: the
    number is for the prose, and the cell beside it prints what the reader sees.
    """
    from myst_nb import glue as myst_glue  # the book's toolchain, not a core need

    return myst_glue(name, sig(value), display=display)
