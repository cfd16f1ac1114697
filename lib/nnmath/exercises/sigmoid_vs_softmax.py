"""Checkers for the exercises of the chapter on sigmoid versus softmax outputs."""

import numpy as np
import sympy as sp

from ..activations import activation, sigmoid, softmax
from ..symbols import z, zs
from . import CannotJudge, Incorrect, compare_expr, compare_number, exercise

z1, z2, z3 = zs[:3]
y = sp.Symbol("y", real=True)
OTHERS = sp.log(sp.exp(z2) + sp.exp(z3))


@exercise(
    "sigmoid-vs-softmax-ex-match",
    "a list of three different pairs [z1, z2]",
)
def match(answer):
    try:
        pairs = [tuple(float(v) for v in pair) for pair in answer]
    except (TypeError, ValueError):
        raise CannotJudge("the answer should be a list of pairs of numbers.") from None
    if any(len(pair) != 2 for pair in pairs):
        raise CannotJudge("each pair should hold two logits [z1, z2].")
    if len(set(pairs)) < 3:
        raise Incorrect(
            f"the exercise asks for three different pairs; got {len(set(pairs))}."
        )
    target = float(sigmoid(2.0))
    for pair in pairs:
        got = float(softmax(np.array(pair))[0])
        if not np.isclose(got, target, rtol=1e-12, atol=0):
            raise Incorrect(
                f"softmax({list(pair)})_1 = {got:.6g}, but sigma(2) = {target:.6g}. "
                f"Here z1 - z2 = {pair[0] - pair[1]:g}."
            )
    return "all three pairs give sigma(2): each has z1 - z2 = 2."


@exercise(
    "sigmoid-vs-softmax-ex-general",
    "the argument t with softmax(z)_1 = sigma(t), a SymPy expression in z1, z2, z3",
)
def general(answer):
    expected = z1 - OTHERS
    assert (
        sp.simplify(
            activation("sigmoid").expr.subs(z, expected) - activation("softmax").expr[0]
        )
        == 0
    )
    return compare_expr(
        answer,
        expected,
        symbols=[z1, z2, z3],
        what="your argument of sigma",
        common={
            z1 - z2 - z3: "the other classes combine through log-sum-exp, "
            "log(e^z2 + e^z3), not through the sum of their logits.",
        },
    )


@exercise(
    "sigmoid-vs-softmax-ex-loss",
    "dL/dz1 for the two-unit softmax with cross-entropy, a SymPy expression in z1, "
    "z2 and y",
)
def loss(answer):
    s1 = sp.exp(z1) / (sp.exp(z1) + sp.exp(z2))
    s2 = sp.exp(z2) / (sp.exp(z1) + sp.exp(z2))
    cce = -(y * sp.log(s1) + (1 - y) * sp.log(s2))  # one-hot label [y, 1 - y]
    grid = [0.0, 1.0, -1.0, 2.5, -3.0, 0.5, 4.0, -0.7]
    return compare_expr(
        answer,
        sp.diff(cce, z1),
        symbols=[z1, z2, y],
        domain={z1: grid, z2: grid[::-1], y: [0.0, 1.0, 1.0, 0.0, 0.25]},
        what="your dL/dz1",
        common={
            sp.exp(z1) / (1 + sp.exp(z1)) - y: "sigma(z1) - y forgets z2: the "
            "probability of class 1 is sigma(z1 - z2).",
        },
    )


@exercise(
    "sigmoid-vs-softmax-ex-any",
    "the probability that at least one tag applies, a float",
)
def any_tag(answer):
    p_tags = sigmoid(np.array([1.5, 0.8, -0.3]))
    return compare_number(
        answer,
        1 - np.prod(1 - p_tags),
        rtol=1e-9,
        what="your probability",
        common={
            p_tags.sum(): "the sum counts photos with two or three tags more than"
            " once: it is the expected number of tags.",
            np.prod(p_tags): "that is the probability that all three tags apply.",
        },
    )
