"""Checkers for the exercises of the appendix on how this book checks itself."""

import numpy as np
import sympy as sp

from ..activations import activation
from ..symbols import z
from . import (
    CannotJudge,
    Incorrect,
    _as_float,
    compare_array,
    compare_expr,
    compare_number,
    exercise,
    show,
)

STEPS = (1e-4, 1e-5, 1e-6, 1e-8, 1e-10)  # the steps the exercise asks about
SEED = 2026  # the seed the page draws its four numbers with


@exercise(
    "checks-ex-tanh",
    "a pair (derivative, z0): tanh'(z) derived by hand, a SymPy expression in nm.z,"
    " and a point z0 where tanh'(z0) differs from 1 - tanh(z0)",
)
def tanh_identity(answer):
    if not isinstance(answer, tuple | list) or len(answer) != 2:
        raise CannotJudge("the answer should be a pair (derivative, z0).")
    derivative, z0 = answer
    tanh = activation("tanh")
    t = tanh.expr
    compare_expr(
        derivative,
        tanh.derivative_expr,
        symbols=[z],
        what="your derivative",
        common={
            1 - t: "that is the wrong identity of the exercise, 1 - tanh(z); the "
            "quotient rule gives (cosh^2 - sinh^2)/cosh^2.",
            1 + t**2: "the square has the wrong sign: (cosh^2 - sinh^2)/cosh^2 is "
            "1 - tanh^2.",
        },
    )
    x = _as_float(z0, "z0")
    if not np.isfinite(x):
        raise CannotJudge(f"z0 should be a finite number, got {show(x)}.")
    gap = sp.factor(sp.simplify(tanh.derivative_expr - (1 - t)))
    if x == 0:
        raise Incorrect(
            f"at z0 = 0 both sides equal 1: the difference {gap} vanishes there. "
            "A counterexample is a point where the two sides differ."
        )
    # the difference tanh(z)(1 - tanh(z)) is nonzero at every z != 0, since
    # tanh(z) < 1; what a NumPy check cell sees is another matter
    left, right = 1 - np.tanh(x) ** 2, 1 - np.tanh(x)
    if left == right:
        return (
            f"tanh' = 1 - tanh^2, and z0 = {show(x)} is a counterexample: the "
            f"difference {gap} is nonzero at every z0 other than 0. But in "
            f"double precision both sides round to {show(left)} there, so a "
            "check cell in NumPy would not see it: a point nearer 0 makes a "
            "check that does."
        )
    exact = [
        float(sp.N(e.subs(z, sp.Rational(x)), 15))
        for e in (tanh.derivative_expr, 1 - t)
    ]
    return (
        f"tanh' = 1 - tanh^2, and at z0 = {show(x)} tanh' is {show(exact[0])} "
        f"while 1 - tanh is {show(exact[1])}: a counterexample."
    )


def predicted_errors(steps=STEPS) -> dict:
    """check_grad's largest error for the sigmoid on the page's grid, predicted.

    Truncation ``h^2 |f'''| / 6`` plus rounding ``u |f| / h`` in check_grad's
    measure, with the derivatives from SymPy; returns ``{eps: (truncation,
    rounding, total)}``.
    """
    sigmoid = activation("sigmoid")
    grid = np.linspace(-8.0, 8.0, 33)
    f = sp.lambdify(z, sigmoid.expr, "numpy")(grid)
    d1 = sp.lambdify(z, sigmoid.derivative_expr, "numpy")(grid)
    d3 = sp.lambdify(z, sp.diff(sigmoid.expr, z, 3), "numpy")(grid)
    u = np.finfo(float).eps / 2
    scale = np.maximum(np.abs(d1), 1e-3)
    out = {}
    for eps in steps:
        h = eps * np.maximum(1.0, np.abs(grid))
        truncation = h**2 * np.abs(d3) / 6 / scale
        rounding = u * np.abs(f) / h / scale
        out[eps] = (
            float(truncation.max()),
            float(rounding.max()),
            float((truncation + rounding).max()),
        )
    return out


@exercise(
    "checks-ex-fd",
    "the step eps, one of 1e-4, 1e-5, 1e-6, 1e-8, 1e-10, with the smallest"
    " largest error",
)
def fd(answer):
    errors = predicted_errors()
    best = min(errors, key=lambda eps: errors[eps][2])
    got = _as_float(answer, "your step")
    chosen = next(
        (eps for eps in errors if np.isclose(got, eps, rtol=1e-6, atol=0)), None
    )
    if chosen is None:
        raise CannotJudge(
            f"your step, {show(got)}, is not one of the five the exercise lists: "
            f"choose among {', '.join(f'{e:.0e}' for e in STEPS)}."
        )
    if chosen != best:
        truncation, rounding, total = errors[chosen]
        if rounding > truncation:
            why = (
                f"there the rounding term u|f|/h ({show(rounding)}) dominates the "
                f"truncation term ({show(truncation)}): a larger step is more "
                "accurate"
            )
        else:
            why = (
                f"there the truncation term h^2|f'''|/6 ({show(truncation)}) "
                f"dominates the rounding term ({show(rounding)}): a smaller step "
                "is more accurate"
            )
        raise Incorrect(
            f"at eps = {chosen:.0e} the largest error is about {show(total)}; {why}."
        )
    compare_number(got, best, rtol=1e-6, what="your step")
    return (
        f"eps = {best:.0e} balances the two terms best on this grid; smaller steps "
        "lose to rounding, larger ones to truncation."
    )


u, c0, c3 = sp.symbols("u c0 c3", positive=True)  # roundoff, |f|, |f'''|
h = sp.Symbol("h", positive=True)


@exercise(
    "checks-ex-best-step",
    "the step h* that minimises h^2 c3/6 + u c0/h, a SymPy expression in the"
    " positive symbols u, c0, c3",
)
def best_step(answer):
    truncation, rounding = h**2 * c3 / 6, u * c0 / h
    (best,) = sp.solve(sp.diff(truncation + rounding, h), h)
    (balance,) = sp.solve(sp.Eq(truncation, rounding), h)
    return compare_expr(
        answer,
        best,
        symbols=[u, c0, c3],
        domain={u: [2.0**-53, 2.0**-24, 0.5, 1.0, 3.0]},
        what="your step",
        common={
            balance: "that is where the two terms are equal (or the slope with "
            "the 2 of h^2 dropped); the sum is smallest where its slope "
            "h c3/3 - u c0/h^2 is 0, which is a different point.",
            best.subs({c0: c3, c3: c0}, simultaneous=True): "c0 and c3 are swapped: "
            "the larger the third derivative, the smaller the best step.",
            sp.sqrt(3 * u * c0 / c3): "the root is a cube root: the slope "
            "h c3/3 - u c0/h^2 vanishes where h^3 = 3 u c0/c3.",
        },
    )


@exercise(
    "checks-ex-seed",
    "a function of no arguments that returns the page's four normal draws (seed"
    " 2026), the same on every call, without NumPy's global random state",
)
def seed(answer):
    if not callable(answer):
        raise CannotJudge(
            "the answer should be a function of no arguments (a def or lambda), "
            f"got {type(answer).__name__}."
        )
    expected = np.random.default_rng(seed=SEED).normal(size=4)
    legacy = np.random.RandomState(SEED).normal(size=4)
    # the global state is what the exercise is about: see whether it is touched
    before = np.random.get_state()  # noqa: NPY002
    draws = []
    try:
        for _ in range(2):
            try:
                draws.append(np.asarray(answer(), dtype=float))
            except (TypeError, ValueError) as error:
                raise CannotJudge(
                    f"calling your function as draw() raised {type(error).__name__}:"
                    f" {error}. It should take no arguments and return 4 numbers."
                ) from None
        after = np.random.get_state()  # noqa: NPY002
    finally:
        np.random.set_state(before)  # noqa: NPY002  (leave the global stream)
    touched = before[0] != after[0] or not all(
        np.array_equal(a, b) for a, b in zip(before[1:], after[1:], strict=True)
    )
    first, second = draws
    if first.shape != second.shape or not np.array_equal(first, second):
        raise Incorrect(
            "two calls gave different numbers: without a fresh seeded generator in "
            "each call the cell's output changes on every run, so nbval would "
            "report the cell as failed every time."
        )
    if touched:
        raise Incorrect(
            "the numbers repeat, but your function seeds or draws from NumPy's "
            "global state (np.random.seed, np.random.normal): other code drawing "
            "from it in between changes your numbers, and yours change theirs. "
            "Make a Generator of its own with np.random.default_rng."
        )
    if first.shape == legacy.shape and np.allclose(first, legacy, rtol=0, atol=1e-6):
        raise Incorrect(
            "those are the legacy RandomState (Mersenne Twister) draws for seed "
            f"{SEED}; the page uses a Generator, np.random.default_rng(seed={SEED})."
        )
    if first.shape == expected.shape and not np.allclose(
        first, expected, rtol=0, atol=1e-6
    ):
        raise Incorrect(
            f"your function is reproducible and self-contained, but its first number"
            f" is {show(first[0])}, not {show(expected[0])}: the page draws "
            f"standard normals from np.random.default_rng(seed={SEED})."
        )
    compare_array(first, expected, rtol=0, atol=1e-6, what="your four numbers")
    return "reproducible, self-contained, and the page's four numbers."
