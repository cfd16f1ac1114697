"""Checkers of the pipeline-cheat-sheet exercises: book answers pass, slips fail."""

import nnmath as nm
import numpy as np
import sympy as sp
from exercise_helpers import fails, passes

z, y = nm.z, nm.y


def test_one_sample():
    d = float(nm.sigmoid(0.5)) - 1.0
    passes("pipeline-cheat-sheet-ex-one-sample", (d, d * np.array([1.0, 2.0])))
    fails("pipeline-cheat-sheet-ex-one-sample", (-d, -d * np.array([1.0, 2.0])), "sign")
    fails("pipeline-cheat-sheet-ex-one-sample", (d, d), "wrong shape")
    fails(
        "pipeline-cheat-sheet-ex-one-sample",
        (d, d * np.array([2.0, 1.0])),
        "index (0,)",
    )


def test_hinge_labels():
    book = np.array([1.0, -1.0, 0.0]) / 3
    passes("pipeline-cheat-sheet-ex-hinge-labels", book)
    fails("pipeline-cheat-sheet-ex-hinge-labels", 3 * book, "3 times")
    fails("pipeline-cheat-sheet-ex-hinge-labels", -book, "wrong sign")
    fails("pipeline-cheat-sheet-ex-hinge-labels", [0.0, -1 / 3, 0.0], "index (0,)")


def test_mae():
    passes("pipeline-cheat-sheet-ex-mae", sp.sign(z - y))
    fails("pipeline-cheat-sheet-ex-mae", 2 * (z - y), "squared error's delta")
    fails("pipeline-cheat-sheet-ex-mae", sp.sign(y - z), "wrong sign")
    fails("pipeline-cheat-sheet-ex-mae", z - y, "at z = ")
