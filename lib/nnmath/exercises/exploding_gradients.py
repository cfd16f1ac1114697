"""Checkers for the exercises of the chapter on exploding gradients."""

import numpy as np
import sympy as sp

from . import (
    CannotJudge,
    Incorrect,
    _as_float,
    compare_expr,
    compare_number,
    exercise,
    show,
)

# The clipping section's network: 20 layers of 64 x 64 weights, no biases.
WIDTH, DEPTH = 64, 20


def _sign_cosine(g: np.ndarray) -> float:
    """The cosine between g and clip_value(g, theta) once every entry is clipped."""
    s = np.sign(g)
    return float(g @ s / (np.linalg.norm(g) * np.linalg.norm(s)))


def _test_gradients() -> list[np.ndarray]:
    rng = np.random.default_rng(0)
    return [
        np.array([10.0, 1.0]),
        np.array([3.0, -4.0, 0.5]),
        np.full(7, -2.0),
        np.array([1e-3, -2.0, 50.0, -0.25]),
        *(rng.normal(size=n) * rng.uniform(0.1, 10) for n in (1, 5, 64, 1000)),
    ]


@exercise(
    "exploding-gradients-ex-sign",
    "a function of a 1-D array g (no zero entries) that returns the limit of the "
    "cosine between g and clip_value(g, theta) as theta -> 0",
)
def sign(answer):
    if not callable(answer):
        raise CannotJudge(
            "the answer should be a function of the gradient vector g (a def or "
            f"lambda), got {type(answer).__name__}."
        )
    slips = {
        "no root": (
            lambda g: np.abs(g).sum() / np.linalg.norm(g),
            "the sign vector has norm sqrt(p), not 1: divide by sqrt(p).",
        ),
        "p": (
            lambda g: np.abs(g).sum() / (g.size * np.linalg.norm(g)),
            "the sign vector has norm sqrt(p), not p.",
        ),
        "signed": (
            lambda g: g.sum() / (np.sqrt(g.size) * np.linalg.norm(g)),
            "g . sign(g) is the sum of the absolute values |g_i|, not of the "
            "entries g_i (it differs where an entry is negative).",
        ),
    }
    for g in _test_gradients():
        try:
            got = float(answer(g.copy()))
        except Exception as error:
            raise CannotJudge(
                f"your function raised {type(error).__name__}: {error} on a "
                f"gradient of {g.size} entries. It should take a 1-D NumPy array "
                "and return a number."
            ) from None
        want = _sign_cosine(g)
        if abs(got - want) <= 1e-9 * abs(want):
            continue
        for slip, message in slips.values():
            if abs(got - slip(g)) <= 1e-9 * abs(slip(g)):
                raise Incorrect(f"your formula is not right: {message}")
        raise Incorrect(
            f"for g = {_show_vector(g)} the limit is {show(want)}, your function "
            f"gives {show(got)}."
        )
    return (
        f"your formula agrees on {len(_test_gradients())} gradients, "
        "with negative entries and up to 1000 entries."
    )


def _show_vector(g: np.ndarray) -> str:
    if g.size <= 4:
        return "(" + ", ".join(show(x) for x in g) + ")"
    return f"a vector of {g.size} entries, first {show(g[0])}"


@exercise(
    "exploding-gradients-ex-value-norm",
    "the largest threshold theta that guarantees a norm of at most 1 for the "
    "20-layer network, a number",
)
def value_norm(answer):
    p = sp.Integer(DEPTH * WIDTH**2)  # the weights of all 20 layers
    theta = sp.Symbol("theta", positive=True)
    # the clipped gradient has p entries of size at most theta
    bound_expr = sp.sqrt(p * theta**2)
    (best,) = sp.solve(sp.Eq(bound_expr, 1), theta)
    one_layer = 1 / sp.sqrt(sp.Integer(WIDTH**2))
    got = _as_float(answer, "your theta")
    if 0 < got < float(best) * (1 - 1e-6) and not np.isclose(got, float(1 / p)):
        raise Incorrect(
            f"your theta, {show(got)}, guarantees the bound too, but it is not the "
            "largest that does: the norm is at most theta sqrt(p), so any theta up "
            "to 1/sqrt(p) keeps it at most 1."
        )
    return compare_number(
        answer,
        best,
        rtol=1e-6,
        what="your theta",
        common={
            1 / p: "clipping at theta bounds the norm by theta sqrt(p), not by "
            "theta p; solve theta sqrt(p) = 1.",
            one_layer: "that counts one layer's 64 x 64 weights; p counts the "
            "weights of all 20 layers.",
            sp.sqrt(p): "that is the reciprocal: the norm bound theta sqrt(p) has "
            "to be 1, so theta is 1 over sqrt(p).",
            1: "with theta = 1 each entry is at most 1, and the norm can reach "
            "sqrt(p).",
        },
    )


@exercise(
    "exploding-gradients-ex-scale",
    "the factor by which the relative step eta |dL/dW| / |W| changes when W "
    "before a batch normalisation is scaled by s, a SymPy expression in "
    "s = sp.Symbol('s', positive=True)",
)
def scale(answer):
    s = sp.Symbol("s", positive=True)
    w1, w2 = sp.symbols("w_1 w_2", positive=True)
    loss = sp.Function("F")(w1 / w2)  # unchanged when both weights scale by s
    grad = sp.diff(loss, w1)
    at_sw = grad.subs({w1: s * w1, w2: s * w2}, simultaneous=True)
    gradient_factor = sp.simplify(at_sw / grad)
    return compare_expr(
        answer,
        gradient_factor / s,  # the weights' norm grows by s
        symbols=[s],
        what="your factor",
        common={
            gradient_factor: "that is how the gradient changes; the relative "
            "step also divides by |sW| = s |W|.",
            s / gradient_factor: "it goes the other way: the output does not "
            "change, so the gradient shrinks as W grows.",
            sp.Integer(1): "the output is unchanged, but its gradient with "
            "respect to W is not.",
        },
    )


@exercise(
    "exploding-gradients-ex-rotation",
    "the pair (r_low, r_high) of the smallest and the largest r, two numbers",
)
def rotation(answer):
    if isinstance(answer, str) or not hasattr(answer, "__len__"):
        raise CannotJudge(
            f"the answer should be a pair (r_low, r_high), got {answer!r:.60}."
        )
    if len(answer) != 2:
        raise CannotJudge(f"the answer should be a pair of numbers; got {len(answer)}.")
    k = 100  # the gradient through k steps is r^k times the original
    factors = {"r_low": sp.Rational(1, 10), "r_high": sp.Integer(10)}
    ends = {name: sp.root(f, k) for name, f in factors.items()}  # r^k = f, r > 0
    try:
        got = np.array(answer, dtype=float)
    except (TypeError, ValueError):
        got = None  # compare_number below says what is wrong with the pair
    if got is not None and np.allclose(
        got, [float(ends["r_high"]), float(ends["r_low"])]
    ):
        raise Incorrect("the two ends are swapped: give (r_low, r_high).")
    for (name, end), value in zip(ends.items(), answer, strict=True):
        f = factors[name]
        compare_number(
            value,
            end,
            rtol=1e-6,
            what=f"your {name}",
            common={
                1 + sp.log(f) / k: f"that is the linear approximation "
                f"1 + ln({f})/100; solve r^100 = {f} exactly.",
                sp.root(f, k - 1): "the gradient through 100 steps is multiplied "
                "by r^100, not r^99.",
                sp.root(f, 10): "the horizon is 100 steps, not 10.",
            },
        )
    low, high = ends.values()
    return f"r from {show(low)} to {show(high)}: r^100 between 1/10 and 10."
