"""Input checking at the public boundary: clear errors, then float64 arrays."""

import numpy as np


def as_float_array(x, name: str) -> np.ndarray:
    """Return ``x`` (scalar, list or array of numbers) as a float64 array.

    Raises TypeError naming ``name`` if ``x`` is not numeric.
    """
    try:
        arr = np.asarray(x)
    except (ValueError, TypeError) as err:
        raise TypeError(f"{name} must be numeric (int or float); got {x!r}") from err
    if arr.dtype.kind not in "biuf":
        raise TypeError(
            f"{name} must be numeric (int or float); got dtype {arr.dtype} "
            f"from {_short(x)}"
        )
    return arr.astype(np.float64, copy=False)


def pick(registry: dict, name, what: str):
    """``registry[name]``; ValueError naming ``what`` and listing the valid names."""
    try:
        return registry[name]
    except (KeyError, TypeError):
        raise ValueError(
            f"unknown {what} {name!r}; expected one of {', '.join(registry)}"
        ) from None


def check_param(name: str, value, *, positive: bool) -> float:
    """Return a parameter as float; it must be > 0 (``positive``) or >= 0."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise TypeError(f"{name} must be a real number; got {value!r}")
    value = float(value)
    ok = value > 0 if positive else value >= 0
    if not ok or not np.isfinite(value):
        expected = "> 0" if positive else ">= 0"
        raise ValueError(f"{name} must be finite and {expected}; got {value!r}")
    return value


def check_same_shape(y: np.ndarray, y_hat: np.ndarray) -> None:
    """Raise ValueError if ``y`` and ``y_hat`` differ in shape or are empty."""
    if y.shape != y_hat.shape:
        raise ValueError(
            f"y and y_hat must have the same shape; got y {y.shape} "
            f"and y_hat {y_hat.shape}"
        )
    if y.size == 0:
        raise ValueError(f"y and y_hat must not be empty; got shape {y.shape}")


def check_in_unit_interval(x: np.ndarray, name: str) -> None:
    """Raise ValueError at the first entry of ``x`` outside [0, 1] (NaN included)."""
    bad = ~((x >= 0) & (x <= 1))
    if bad.any():
        index = _first(bad)
        raise ValueError(
            f"{name} must lie in [0, 1]; got {float(x[index])!r} at index {index}"
        )


def _first(mask: np.ndarray):
    index = tuple(int(i) for i in np.argwhere(mask)[0])
    return index[0] if len(index) == 1 else index


def _short(x) -> str:
    text = repr(x)
    return text if len(text) <= 60 else text[:57] + "..."
