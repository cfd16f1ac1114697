"""Checkers of the misstatements exercises: book answers pass, slips fail."""

import nnmath as nm
import numpy as np
from exercise_helpers import fails, passes

z, y, y_hat = nm.z, nm.y, nm.y_hat
logits3 = np.array([1.0, 2.0, 0.5])


def test_half_mse():
    passes("misstatements-ex-half-mse", z - y)
    passes("misstatements-ex-half-mse", y_hat - y)  # y_hat = z, linear output
    fails("misstatements-ex-half-mse", 2 * (z - y), "unhalved")
    fails("misstatements-ex-half-mse", y - z, "wrong sign")
    fails("misstatements-ex-half-mse", (z - y) ** 2 / 2, "the loss itself")
    fails("misstatements-ex-half-mse", "z - y", "string")


def test_softmax_shift():
    passes("misstatements-ex-softmax-shift", nm.softmax(3 * logits3))
    fails("misstatements-ex-softmax-shift", nm.softmax(logits3), "unscaled")
    fails("misstatements-ex-softmax-shift", nm.softmax(logits3 / 3), "temperature")
    fails(
        "misstatements-ex-softmax-shift",
        3 * nm.softmax(logits3),
        "probabilities by 3",
    )
    fails("misstatements-ex-softmax-shift", np.exp(3 * logits3), "not 1")
    fails(
        "misstatements-ex-softmax-shift",
        nm.softmax(3 * logits3)[:, None],
        "wrong shape",
    )


def test_relu_kink():
    passes("misstatements-ex-relu-kink", 0)
    X, labels = nm.xor(n=64, noise=0.1, seed=0)
    net = nm.MLP([2, 8, 1], hidden="relu", output="sigmoid", loss="bce", seed=0)
    inactive = 0
    for _ in range(200):
        net.forward(X)
        inactive += int(np.count_nonzero(net.z[0] <= 0))
        net.backward(labels)
        net.step(0.5)
    fails("misstatements-ex-relu-kink", inactive, "inactive", "exactly")
    fails("misstatements-ex-relu-kink", 1, "off by one")
    fails("misstatements-ex-relu-kink", True, "cannot judge")
