"""Time and accuracy of the kernels beside scipy.special: ``python -m nnmath.bench``."""

import time

import mpmath
import numpy as np

from . import (
    activation,
    bce_with_logits,
    cce_with_logits,
    gelu,
    log_sigmoid,
    log_softmax,
    logsumexp,
    sigmoid,
    silu,
    softmax,
    softplus,
)

K = 10  # classes per row for the row kernels: a typical classifier's output


def _kernels():
    """(name, nnmath, scipy, exact, kind) per kernel.

    ``scipy`` is what a reader would write with scipy.special (or NumPy where SciPy has
    no such function); ``exact`` evaluates one sample (an entry, or a row) in mpmath;
    ``kind`` names the arguments: logits "z" or "rows" of K logits, after soft labels
    "y" or one-hot "labels" for the losses.
    """
    from scipy import special

    def exact_softmax(row):
        total = mpmath.fsum(mpmath.exp(v) for v in row)
        return [mpmath.exp(v) / total for v in row]

    def exact_log_softmax(row):
        # log Σ e^v = m + log1p(rest): log(total) would cancel against m to 50 digits
        # on a confident row, whose largest entry has log-probability −rest.
        top = row.index(max(row))
        rest = mpmath.fsum(mpmath.exp(v - row[top]) for v in row[:top] + row[top + 1 :])
        return [v - row[top] - mpmath.log1p(rest) for v in row]

    def exact_cce(y, row):
        return -mpmath.fsum(
            a * b for a, b in zip(y, exact_log_softmax(row), strict=True)
        )

    def numpy_tanh_grad(z):
        return 1 - np.tanh(z) ** 2

    def scipy_bce(y, z):
        return -(y * special.log_expit(z) + (1 - y) * special.log_expit(-z))

    def scipy_cce(y, z):
        return -np.sum(y * special.log_softmax(z, axis=-1), axis=-1)

    E = mpmath.exp
    return [
        ("sigmoid", sigmoid, special.expit, lambda t: 1 / (1 + E(-t)), "z"),
        ("log_sigmoid", log_sigmoid, special.log_expit,
         lambda t: -mpmath.log1p(E(-t)), "z"),
        ("softplus", softplus, lambda z: np.logaddexp(0.0, z),
         lambda t: mpmath.log1p(E(t)), "z"),
        ("silu", silu, lambda z: z * special.expit(z), lambda t: t / (1 + E(-t)), "z"),
        ("gelu", gelu, lambda z: z * special.ndtr(z),
         lambda t: t * mpmath.ncdf(t), "z"),
        ("tanh.grad", activation("tanh").grad, numpy_tanh_grad,
         lambda t: mpmath.sech(t) ** 2, "z"),
        ("softmax", softmax, lambda z: special.softmax(z, axis=-1),
         exact_softmax, "rows"),
        ("log_softmax", log_softmax, lambda z: special.log_softmax(z, axis=-1),
         exact_log_softmax, "rows"),
        ("logsumexp", logsumexp, lambda z: special.logsumexp(z, axis=-1),
         lambda r: mpmath.log(mpmath.fsum(E(v) for v in r)), "rows"),
        ("bce_with_logits", lambda y, z: bce_with_logits(y, z, reduction="none"),
         scipy_bce, lambda y, t: y * mpmath.log1p(E(-t)) + (1 - y) * mpmath.log1p(E(t)),
         "y z"),
        ("cce_with_logits", lambda y, z: cce_with_logits(y, z, reduction="none"),
         scipy_cce, exact_cce, "labels rows"),
    ]  # fmt: skip


def inputs(n: int, seed: int = 0) -> dict:
    """Logits z (n,), rows (n/K, K), soft labels y (n,) and one-hot rows (n/K, K).

    Half the logits are ordinary (normal, sd 5), half in the far tails (±700).
    """
    rng = np.random.default_rng(seed)
    z = np.concatenate([rng.normal(0, 5, n - n // 2), rng.uniform(-700, 700, n // 2)])
    rng.shuffle(z)
    rows = z[: n - n % K].reshape(-1, K)
    labels = np.eye(K)[rng.integers(0, K, len(rows))]
    return {"z": z, "rows": rows, "y": rng.uniform(0, 1, n), "labels": labels}


def _args(kind: str, data: dict) -> tuple:
    return tuple(data[name] for name in kind.split())


def ulps(got, exact) -> float:
    """Largest |got − exact| in units of the last place of exact (in float64)."""
    got, exact = np.ravel(got), np.ravel(exact)
    with mpmath.workdps(50):
        errors = [
            abs(mpmath.mpf(float(g)) - e) / np.spacing(abs(float(e)))
            if np.isfinite(g)
            else (0.0 if g == float(e) else np.inf)
            for g, e in zip(got, exact, strict=True)
        ]
    return float(max(errors, default=0.0))


def _exact(f, kind, args) -> list:
    """f on each sample of ``args`` at 50 digits, flattened like the kernel's output."""
    with mpmath.workdps(50):
        mp = [[mpmath.mpf(float(v)) for v in np.ravel(a)] for a in args]
        width = args[-1].shape[-1] if kind.endswith("rows") else 1
        samples = [
            [column[i : i + width] if width > 1 else column[i] for column in mp]
            for i in range(0, len(mp[-1]), width)
        ]
        out = [f(*sample) for sample in samples]
    return [v for r in out for v in (r if isinstance(r, list) else [r])]


def _quietly(f):
    def call(*args):
        # SciPy's and NumPy's forms may warn (1 − tanh² at large z); nnmath's must not.
        with np.errstate(all="ignore"):
            return f(*args)

    return call


def _median_times(ours, theirs, args, runs: int) -> tuple[float, float]:
    t_ours, t_theirs = [], []
    for _ in range(runs):  # interleaved, so both see the same machine state
        for f, times in ((ours, t_ours), (theirs, t_theirs)):
            start = time.perf_counter()
            f(*args)
            times.append(time.perf_counter() - start)
    return float(np.median(t_ours)), float(np.median(t_theirs))


def main(n: int = 10**6, runs: int = 11, sample: int = 2000) -> list[dict]:
    """Print, per kernel: nnmath's median time over SciPy's on n logits (interleaved
    runs in this process), and the largest error in ulps of each against 50-digit
    mpmath on ``sample`` other logits. Returns the rows printed."""
    timing, accuracy = inputs(n), inputs(sample, seed=1)
    print(f"time: median of {runs} interleaved runs on {n:,} logits (rows of {K});")
    print(
        f"error: largest, in ulps, against mpmath on {sample:,} logits (half in ±700)"
    )
    print(f"{'kernel':<16}{'time nnmath/scipy':>18}{'error nnmath':>14}{'scipy':>10}")
    rows = []
    for name, ours, theirs, exact, kind in _kernels():
        theirs = _quietly(theirs)
        a, b = _median_times(ours, theirs, _args(kind, timing), runs)
        args = _args(kind, accuracy)
        want = _exact(exact, kind, args)
        row = {
            "kernel": name,
            "ratio": a / b,
            "ulp_nnmath": ulps(ours(*args), want),
            "ulp_scipy": ulps(theirs(*args), want),
        }
        rows.append(row)
        print(f"{name:<16}{row['ratio']:>18.2f}{row['ulp_nnmath']:>14.3g}"
              f"{row['ulp_scipy']:>10.3g}")  # fmt: skip
    return rows


if __name__ == "__main__":
    main()
