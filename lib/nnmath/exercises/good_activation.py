"""Checkers for the exercises of the chapter on what makes a good activation."""

import sympy as sp

from ..activation import Activation
from ..activations import ACTIVATIONS, activation
from ..analysis import one_sided_limit
from ..symbols import z
from . import (
    CannotJudge,
    Incorrect,
    compare_expr,
    compare_function,
    exercise,
    sample_points,
)

SOFTSIGN = z / (1 + sp.Abs(z))


@exercise(
    "good-activation-ex-softsign",
    "an nm.Activation for the softsign (expression, NumPy forward and derivative)",
)
def softsign(answer):
    if not isinstance(answer, Activation):
        raise CannotJudge(
            f"the answer should be an nm.Activation, got {type(answer).__name__}."
        )
    compare_expr(answer.expr, SOFTSIGN, symbols=[z], what="its SymPy expression")
    points = sample_points(kinks=[0.0], tails=(-1e6, -30.0, 30.0, 1e6))
    forward = sp.lambdify(z, SOFTSIGN, "numpy")
    slope = sp.lambdify(z, sp.diff(SOFTSIGN, z), "numpy")
    compare_function(
        lambda x: answer(x), forward, points, name="softsign", tails=(-1e6, 1e6)
    )
    compare_function(
        lambda x: answer.grad(x),
        slope,
        points,
        name="softsign'",
        kinks=(0.0,),
        tails=(-1e6, 1e6),
    )
    return "the expression, the forward pass and the derivative all agree."


# The chapter's activations: Part I's (SELU comes with initialisation, in Part III).
PART_I = {n: act for n, act in ACTIVATIONS.items() if n != "selu"}


def _open_right_by_mean() -> list[str]:
    """Part I activations with g'(oo) != 0, by the size of their mean output."""
    names = [
        n
        for n, act in PART_I.items()
        if one_sided_limit(sp.diff(act.default_expr, z), z, sp.oo, "-") != 0
    ]
    return sorted(
        names, key=lambda n: abs(float(ACTIVATIONS[n].properties.mean_output))
    )


@exercise(
    "good-activation-ex-select",
    "a list of activation names, ordered by the size of their mean output",
)
def select(answer):
    if isinstance(answer, str) or not isinstance(answer, list | tuple):
        raise CannotJudge(f"the answer should be a list of names, got {answer!r:.60}.")
    expected = _open_right_by_mean()
    got = [str(n) for n in answer]
    missing = [n for n in expected if n not in got]
    extra = [n for n in got if n not in expected]
    if missing or extra:
        parts = []
        if missing:
            parts.append(f"it misses {missing}")
        if extra:
            bounded = [n for n in extra if n in PART_I]
            parts.append(
                f"{extra} saturate on the right (g' -> 0)"
                if bounded == extra
                else f"it should not contain {extra}"
            )
        raise Incorrect("the list is not right: " + " and ".join(parts) + ".")
    if got != expected:
        first = next(
            i for i, (a, b) in enumerate(zip(got, expected, strict=True)) if a != b
        )
        raise Incorrect(
            f"the right names, but not in order of |mean output|: place {first + 1} "
            f"should be {expected[first]!r}, not {got[first]!r}."
        )
    return (
        f"the order is right; after linear, {expected[1]} is closest to zero-centred."
    )


@exercise("good-activation-ex-softplus", "softplus'(z) as a SymPy expression in nm.z")
def softplus_slope(answer):
    sigmoid = activation("sigmoid").expr
    return compare_expr(
        answer,
        activation("softplus").derivative_expr,
        symbols=[z],
        what="your derivative",
        common={
            sigmoid.subs(z, -z): "that is sigma(-z) = 1/(1 + e^z); check the sign of"
            " the exponent (the derivative of log(1 + e^z) has e^z on top).",
        },
    )
