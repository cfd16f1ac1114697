"""The book's toy datasets, made with NumPy from a seed: X (N, 2), integer labels y."""

import numpy as np

from .validate import as_labels, check_classes


def xor(n: int = 0, noise: float = 0.0, seed: int = 0):
    """The four XOR corners (n = 0), or n points around them with Gaussian ``noise``.

    Returns X of shape (N, 2) and y in {0, 1} of shape (N,). Used in the chapter on
    why networks need nonlinear activations.
    """
    corners = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
    labels = np.array([0, 1, 1, 0])
    if n == 0:
        return corners, labels
    rng = np.random.default_rng(seed)
    pick = rng.integers(0, 4, n)
    return corners[pick] + rng.normal(0, noise, (n, 2)), labels[pick]


def two_moons(n: int = 200, noise: float = 0.1, seed: int = 0):
    """Two interleaving half circles, n points (n // 2 per class).

    Used in the chapter on gradient descent and training.
    """
    rng = np.random.default_rng(seed)
    half = n // 2
    t = rng.uniform(0, np.pi, n)
    upper = np.column_stack([np.cos(t[:half]), np.sin(t[:half])])
    lower = np.column_stack([1 - np.cos(t[half:]), 0.5 - np.sin(t[half:])])
    X = np.vstack([upper, lower]) + rng.normal(0, noise, (n, 2))
    return X, np.repeat([0, 1], [half, n - half])


def spirals(n: int = 300, classes: int = 2, noise: float = 0.1, seed: int = 0):
    """``classes`` interleaved spiral arms, n points in total (labels 0..classes-1)."""
    rng = np.random.default_rng(seed)
    y = np.arange(n) % classes
    r = rng.uniform(0.05, 1.0, n)
    theta = 4 * r + 2 * np.pi * y / classes + rng.normal(0, noise, n)
    X = np.column_stack([r * np.cos(theta), r * np.sin(theta)])
    return X, y


def one_hot(y, classes: int) -> np.ndarray:
    """Integer labels (N,) in [0, classes) as rows of an identity matrix (N, classes).

    A label that is negative, too large or not a whole number is a ValueError (NumPy
    indexing would read −1 as the last class and truncate 1.7 to class 1).
    """
    classes = check_classes(classes)
    return np.eye(classes)[as_labels(y, classes)]
