"""The book's toy datasets, made with NumPy from a seed: X (N, 2), integer labels y."""

import numpy as np


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
    """Integer labels (N,) as rows of an identity matrix (N, classes)."""
    return np.eye(classes)[np.asarray(y, dtype=int)]
