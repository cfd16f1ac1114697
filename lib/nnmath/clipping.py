"""Gradient clipping by norm and by value, for one array or a list of arrays."""

import numpy as np

from .validate import as_float_array, check_finite, check_param


def clip_by_norm(grad, max_norm):
    """Rescale ``grad`` so that its Euclidean norm is at most ``max_norm``.

    ``grad`` is an array (any shape, or a list of numbers) or a list or tuple of
    NumPy arrays, whose norm is then taken over all their entries together (the
    global norm, as in PyTorch's ``clip_grad_norm_``). The result is
    ``grad * min(1, max_norm / ||grad||)``, of the same structure and shapes, as
    float64: a positive multiple of ``grad``, so the direction is kept. The norm
    is computed after dividing by the largest entry, so it does not overflow for
    huge gradients. Derived in the chapter on exploding gradients.
    """
    max_norm = check_param("max_norm", max_norm, positive=True)
    parts = _parts(grad)
    norm = _global_norm(parts)
    factor = min(1.0, max_norm / norm) if norm > 0 else 1.0
    return _like(grad, [factor * p for p in parts])


def clip_by_value(grad, limit):
    """Clip every entry of ``grad`` to the interval [-``limit``, ``limit``].

    ``grad`` is an array (any shape, or a list of numbers) or a list or tuple of
    NumPy arrays; the result has
    the same structure and shapes, as float64. Entries inside the interval are
    unchanged, so the direction changes whenever some but not all entries are
    clipped. Derived in the chapter on exploding gradients.
    """
    limit = check_param("limit", limit, positive=True)
    return _like(grad, [np.clip(p, -limit, limit) for p in _parts(grad)])


def global_norm(grad) -> float:
    """The Euclidean norm of ``grad``, an array or a list or tuple of arrays,
    over all entries together; computed without overflow (chapter on exploding
    gradients)."""
    return _global_norm(_parts(grad))


def _is_list_of_arrays(grad) -> bool:
    return isinstance(grad, list | tuple) and all(
        isinstance(p, np.ndarray) for p in grad
    )


def _parts(grad) -> list[np.ndarray]:
    if isinstance(grad, list | tuple) and not grad:
        raise ValueError("grad must not be an empty list: there is nothing to clip")
    if _is_list_of_arrays(grad):
        parts = [as_float_array(p, f"grad[{i}]") for i, p in enumerate(grad)]
        names = [f"grad[{i}]" for i in range(len(grad))]
    else:
        parts, names = [as_float_array(grad, "grad")], ["grad"]
    for part, name in zip(parts, names, strict=True):
        check_finite(part, name)
    return parts


def _global_norm(parts) -> float:
    largest = max((float(np.max(np.abs(p))) for p in parts if p.size), default=0.0)
    if largest == 0.0:
        return 0.0
    return largest * float(np.sqrt(sum(np.sum((p / largest) ** 2) for p in parts)))


def _like(grad, parts):
    if _is_list_of_arrays(grad):
        return type(grad)(parts)
    return parts[0]
