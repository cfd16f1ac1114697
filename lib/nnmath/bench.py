"""Benchmark nnmath's kernels against scipy.special: ``python -m nnmath.bench``."""

import time
import tracemalloc

import numpy as np

from . import bce_with_logits, cce_with_logits, log_softmax, sigmoid, softmax, softplus


def _kernels():
    from scipy import special

    def bce_ref(y, z):
        return np.mean(y * np.logaddexp(0, -z) + (1 - y) * np.logaddexp(0, z))

    def cce_ref(y, z):
        return -np.mean(np.sum(y * special.log_softmax(z, axis=-1), axis=-1))

    return [  # name, nnmath, scipy, takes labels, rows of 1000
        ("sigmoid", sigmoid, special.expit, False, False),
        ("softplus", softplus, lambda z: np.logaddexp(0, z), False, False),
        ("softmax", softmax, lambda z: special.softmax(z, axis=-1), False, True),
        ("log_softmax", log_softmax, lambda z: special.log_softmax(z, axis=-1),
         False, True),
        ("bce_with_logits", bce_with_logits, bce_ref, True, False),
        ("cce_with_logits", cce_with_logits, cce_ref, True, True),
    ]  # fmt: skip


def _time(f, args, repeats: int) -> float:
    best = []
    for _ in range(repeats):
        start = time.perf_counter()
        f(*args)
        best.append(time.perf_counter() - start)
    return float(np.median(best))


def _peak(f, args) -> int:
    tracemalloc.start()
    f(*args)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def main(sizes=(10**6, 10**7), runs: int = 7) -> None:
    """Print, per kernel and size: median times, the ratio nnmath/scipy (interleaved
    runs), and the peak extra memory per call in units of the input size."""
    rng = np.random.default_rng(0)
    print(f"{'kernel':<16}{'n':>10}{'nnmath ms':>11}{'scipy ms':>10}{'ratio':>7}"
          f"{'mem nnmath':>11}{'mem scipy':>10}")  # fmt: skip
    for n in sizes:
        z_flat = rng.normal(0, 10, n)
        z_rows = z_flat.reshape(-1, 1000)
        y_flat = rng.uniform(0, 1, n)
        y_rows = np.eye(1000)[rng.integers(0, 1000, n // 1000)]
        for name, ours, theirs, labels, rows in _kernels():
            z = z_rows if rows else z_flat
            args = ((y_rows if rows else y_flat), z) if labels else (z,)
            t_ours, t_theirs = [], []
            for _ in range(runs):  # interleaved, so both see the same machine state
                t_ours.append(_time(ours, args, 1))
                t_theirs.append(_time(theirs, args, 1))
            a, b = np.median(t_ours), np.median(t_theirs)
            m_ours, m_theirs = (
                _peak(ours, args) / z.nbytes,
                _peak(theirs, args) / z.nbytes,
            )
            print(f"{name:<16}{n:>10}{a * 1e3:>11.2f}{b * 1e3:>10.2f}{a / b:>7.2f}"
                  f"{m_ours:>10.2f}x{m_theirs:>9.2f}x")  # fmt: skip


if __name__ == "__main__":
    main()
