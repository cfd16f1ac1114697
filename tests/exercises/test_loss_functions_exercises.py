"""Checkers of the loss-functions exercises: book answers pass, slips fail."""

import nnmath as nm
import numpy as np
import sympy as sp
from exercise_helpers import fails, passes

sigma = nm.activation("sigmoid").expr


def test_huber():
    r = sp.Symbol("r", real=True)
    clipped = sp.Max(-1, sp.Min(1, r))
    passes("loss-functions-ex-huber", sp.lambdify(r, clipped, "numpy"))
    passes("loss-functions-ex-huber", lambda q: float(np.clip(q, -1.0, 1.0)))
    fails("loss-functions-ex-huber", np.sign, "huber'(0.5) should be 0.5, got 1")
    fails("loss-functions-ex-huber", lambda q: q, "huber'(2) should be 1, got 2")
    fails(
        "loss-functions-ex-huber",
        lambda q: 0.5 if q == 1 else float(np.clip(q, -1, 1)),
        "except at the kink",
    )


def test_median():
    passes("loss-functions-ex-median", (12 / 15, 0.0))
    fails("loss-functions-ex-median", (12.0, 0.0), "12/N")
    fails("loss-functions-ex-median", (12 / 15, 12 / 15), "crosses the middle")
    fails("loss-functions-ex-median", 0.8, "pair")


def test_logit_grad():
    passes("loss-functions-ex-logit-grad", sigma * (1 - sigma))
    passes("loss-functions-ex-logit-grad", sp.exp(nm.z) / (1 + sp.exp(nm.z)) ** 2)
    fails("loss-functions-ex-logit-grad", sigma - nm.y, "first derivative")
    fails("loss-functions-ex-logit-grad", -sigma * (1 - sigma), "wrong sign")
    fails("loss-functions-ex-logit-grad", sigma**2, "at z = ")


def test_hinge():
    book = np.array([0.0, -0.25, 0.25, 0.25])
    passes("loss-functions-ex-hinge", book)
    fails("loss-functions-ex-hinge", 4 * book, "4 times")  # the 1/N forgotten
    fails("loss-functions-ex-hinge", -book, "wrong sign")
    fails("loss-functions-ex-hinge", [-0.25, -0.25, 0.25, 0.25], "index (0,)")
    fails("loss-functions-ex-hinge", book[:, None], "wrong shape")
