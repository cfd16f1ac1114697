"""The benchmark runs (on tiny sizes: a smoke test, not a timing)."""

from nnmath import bench


def test_bench_reports_every_kernel(capsys):
    rows = bench.main(n=200, runs=1, sample=40)
    names = [row["kernel"] for row in rows]
    assert names == [
        "sigmoid", "log_sigmoid", "softplus", "silu", "gelu", "tanh.grad",
        "softmax", "log_softmax", "logsumexp", "bce_with_logits", "cce_with_logits",
    ]  # fmt: skip
    printed = capsys.readouterr().out
    assert all(name in printed for name in names)
    for row in rows:
        assert row["ratio"] > 0
        # Accurate to a few ulp, except GELU's ill-conditioned tail.
        assert row["ulp_nnmath"] <= (2000 if row["kernel"] == "gelu" else 1000)


def test_ulps_counts_units_in_the_last_place():
    import mpmath
    import numpy as np

    one = mpmath.mpf(1)
    assert bench.ulps([1.0], [one]) == 0
    assert bench.ulps([np.nextafter(1.0, 2.0)], [one]) == 1
    assert bench.ulps([np.inf], [mpmath.mpf("inf")]) == 0
