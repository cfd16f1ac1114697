"""Input checking at the public boundary: clear errors, then float64 arrays."""

import numpy as np

REDUCTIONS = ("mean", "sum", "none")


def as_numeric_array(x, name: str) -> np.ndarray:
    """Return ``x`` (scalar, list or array of numbers) as an array, dtype kept.

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
    return arr


def as_float_array(x, name: str) -> np.ndarray:
    """Return ``x`` (scalar, list or array of numbers) as a float64 array.

    Raises TypeError naming ``name`` if ``x`` is not numeric.
    """
    return as_numeric_array(x, name).astype(np.float64, copy=False)


def as_labels(y, classes: int, name: str = "y") -> np.ndarray:
    """Return integer class labels in [0, ``classes``) as an int64 array.

    Floats are accepted where they are whole numbers (2.0, not 1.7); anything else
    is a TypeError or a ValueError naming ``name``, the value and its index.
    """
    arr = as_numeric_array(y, name)
    if arr.dtype.kind == "f":
        whole = np.isfinite(arr) & (arr == np.round(arr))
        if not whole.all():
            index = first_index(~whole)
            raise ValueError(
                f"{name} must be integer class labels; got {float(arr[index])!r} "
                f"at index {index}"
            )
    outside = (arr < 0) | (arr >= classes)
    if outside.any():
        index = first_index(outside)
        raise ValueError(
            f"{name} must be class labels in [0, {classes}); got "
            f"{arr[index].item()!r} at index {index}"
        )
    return arr.astype(np.int64)


def check_classes(classes) -> int:
    """Return the number of classes as int; it must be an integer >= 1."""
    if isinstance(classes, bool) or not isinstance(classes, int | np.integer):
        raise TypeError(f"classes must be an integer; got {classes!r}")
    if classes < 1:
        raise ValueError(f"classes must be >= 1; got {classes!r}")
    return int(classes)


def check_reduction(reduction) -> str:
    """Return ``reduction``; ValueError listing 'mean', 'sum', 'none' otherwise."""
    if not isinstance(reduction, str) or reduction not in REDUCTIONS:
        raise ValueError(
            f"reduction must be one of 'mean', 'sum', 'none'; got {reduction!r}"
        )
    return reduction


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


def check_params(owner: str, declared: dict, given: dict, positive=()) -> dict:
    """``given`` keyword parameters with the defaults of ``declared`` (SymPy symbol ->
    default) filled in, each checked by ``check_param`` (> 0 for the names in
    ``positive``, else >= 0); TypeError for a name ``owner`` does not take."""
    names = {s.name: default for s, default in declared.items()}
    unknown = set(given) - set(names)
    if unknown:
        raise TypeError(
            f"{owner} takes parameters {sorted(names) or 'none'}; got {sorted(unknown)}"
        )
    return {
        k: check_param(k, v, positive=k in positive) for k, v in (names | given).items()
    }


def check_same_shape(y: np.ndarray, y_hat: np.ndarray, name: str = "y_hat") -> None:
    """Raise ValueError if ``y`` and ``y_hat`` (called ``name``) differ in shape."""
    if y.shape != y_hat.shape:
        raise ValueError(
            f"y and {name} must have the same shape; got y {y.shape} "
            f"and {name} {y_hat.shape}"
        )


def check_finite(x: np.ndarray, name: str) -> None:
    """Raise ValueError at the first entry of ``x`` that is NaN or infinite."""
    bad = ~np.isfinite(x)
    if bad.any():
        index = first_index(bad)
        raise ValueError(
            f"{name} must be finite; got {float(x[index])!r} at index {index}"
        )


def check_in_unit_interval(x: np.ndarray, name: str, nan_ok: bool = False) -> None:
    """Raise ValueError at the first entry of ``x`` outside [0, 1].

    NaN counts as outside unless ``nan_ok`` (a prediction may be NaN: it propagates).
    """
    bad = (x < 0) | (x > 1) if nan_ok else ~((x >= 0) & (x <= 1))
    if bad.any():
        index = first_index(bad)
        raise ValueError(
            f"{name} must lie in [0, 1]; got {float(x[index])!r} at index {index}"
        )


def check_nonnegative(x: np.ndarray, name: str, what: str, nan_ok: bool = False):
    """Raise ValueError at the first entry of ``x`` below 0 (or NaN, unless
    ``nan_ok``); ``what`` says what ``x`` is (a count, a rate)."""
    bad = x < 0 if nan_ok else ~(x >= 0)
    if bad.any():
        index = first_index(bad)
        raise ValueError(
            f"{name} must be {what} >= 0; got {float(x[index])!r} at index {index}"
        )


def first_index(mask: np.ndarray):
    """The index of the first True entry of ``mask``: an int in 1-d, else a tuple."""
    index = tuple(int(i) for i in np.argwhere(mask)[0])
    return index[0] if len(index) == 1 else index


def _short(x) -> str:
    text = repr(x)
    return text if len(text) <= 60 else text[:57] + "..."
