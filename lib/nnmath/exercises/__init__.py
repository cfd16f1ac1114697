"""Checkers for the book's exercises: ``check("<label>", answer)`` says what is wrong.

A checker takes the learner's answer and either returns a short confirmation or
raises :class:`Incorrect` (the answer is wrong; the message says how) or
:class:`CannotJudge` (the answer is not the kind of thing the exercise asks for).
The comparisons below do the work: expressions symbolically with a numeric
fallback, functions on points that include kinks, tails and a seeded random
sample, numbers within a stated tolerance, arrays shape first. One module per
chapter registers its checkers with :func:`exercise`.
"""

import cmath
import difflib
import math
import warnings
from collections.abc import Callable

import numpy as np
import sympy as sp

__all__ = [
    "CHECKERS",
    "CannotJudge",
    "Feedback",
    "Incorrect",
    "check",
    "compare_array",
    "compare_expr",
    "compare_function",
    "compare_number",
    "compare_set",
    "exercise",
]


class Incorrect(Exception):
    """The answer was judged and is wrong; the message says what is wrong."""


class CannotJudge(Exception):
    """The answer is not something the checker can compare (wrong type, raises)."""


class Feedback:
    """The verdict on one answer: truthy when it passed, shown as one paragraph."""

    def __init__(self, label: str, passed: bool, message: str):
        self.label, self.passed, self.message = label, passed, message

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        mark = "Correct" if self.passed else "Not yet"
        return f"{mark} ({self.label}): {self.message}"


class Checker:
    """One exercise's checker and the one-line description of what it expects."""

    def __init__(self, label: str, asks: str, run: Callable):
        self.label, self.asks, self.run = label, asks, run


CHECKERS: dict[str, Checker] = {}


def exercise(label: str, asks: str) -> Callable:
    """Register the decorated function as the checker of exercise ``label``."""

    def register(run: Callable) -> Callable:
        if label in CHECKERS:
            raise ValueError(f"label: {label!r} already has a checker")
        CHECKERS[label] = Checker(label, asks, run)
        return run

    return register


def check(label: str, answer) -> Feedback:
    """Check ``answer`` to the exercise ``label``; the result prints its feedback."""
    if label not in CHECKERS:
        close = difflib.get_close_matches(str(label), CHECKERS, n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        return Feedback(str(label), False, f"no exercise is labelled {label!r}.{hint}")
    checker = CHECKERS[label]
    if answer is Ellipsis:
        return Feedback(label, False, f"replace the ... with {checker.asks}.")
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter(
                "ignore"
            )  # overflow in an answer is judged, not shown
            message = checker.run(answer)
    except Incorrect as wrong:
        return Feedback(label, False, str(wrong))
    except CannotJudge as odd:
        return Feedback(label, False, f"cannot judge this answer: {odd}")
    except Exception as error:  # an answer that breaks the comparison itself
        return Feedback(
            label,
            False,
            "cannot judge this answer: comparing it raised "
            f"{type(error).__name__}: {error}. The exercise asks for "
            f"{checker.asks}.",
        )
    return Feedback(label, True, message or "well done.")


# ---------------------------------------------------------------- helpers


def show(x) -> str:
    """A number as the feedback prints it: 6 significant digits."""
    if isinstance(x, complex | np.complexfloating):
        if not np.isfinite(x):
            return "undefined (nan)"
        return show(x.real) if abs(x.imag) < 1e-12 * max(1, abs(x)) else f"{x:.6g}"
    try:
        return f"{float(x):.6g}"
    except (TypeError, ValueError):
        return repr(x)


def _as_float(x, what: str) -> float:
    if isinstance(x, bool | str) or x is None:
        raise CannotJudge(f"{what} should be a number, got {x!r:.60}.")
    if isinstance(x, sp.Basic):
        if x.free_symbols:
            raise CannotJudge(
                f"{what} should be a number, got an expression in "
                f"{', '.join(sorted(map(str, x.free_symbols)))}."
            )
        x = complex(x.evalf())
        if abs(x.imag) > 1e-12 * max(1.0, abs(x.real)):
            raise CannotJudge(f"{what} should be a real number, got {show(x)}.")
        return x.real
    if isinstance(x, np.ndarray) and x.size == 1:
        x = x.reshape(()).item()
    try:
        return float(x)
    except (TypeError, ValueError):
        raise CannotJudge(
            f"{what} should be a number, got {type(x).__name__} {x!r:.60}."
        ) from None


def _simple_ratio(r: float) -> str | None:
    """Name a ratio that looks like a missing factor: 2, 1/2, -1, 4, 1/4, 10, ..."""
    if math.isclose(r, -1.0, rel_tol=1e-9):
        return "-1"
    for q in (2, 3, 4, 10, 100):
        for v, name in ((q, f"{q}"), (1 / q, f"1/{q}")):
            if math.isclose(abs(r), v, rel_tol=1e-9):
                return ("-" if r < 0 else "") + name
    return None


def _factor_message(ratio: float) -> str:
    if math.isclose(ratio, -1.0, rel_tol=1e-9):
        return "it has the wrong sign: it is the negative of the expected answer."
    return (
        f"it is off by a constant factor: it is {show(ratio)} times the "
        "expected answer (a missing or extra factor?)."
    )


# ---------------------------------------------------------------- numbers


def compare_number(
    answer,
    expected: float,
    *,
    rtol: float = 1e-9,
    atol: float = 0.0,
    what: str = "your number",
    common: dict | None = None,
) -> str:
    """``answer`` within ``atol + rtol |expected|``; known wrong values named."""
    got = _as_float(answer, what)
    expected = float(expected)
    if math.isnan(got):
        raise Incorrect(f"{what} is nan.")
    if abs(got - expected) <= atol + rtol * abs(expected):
        return f"{what} is right ({show(got)})."
    for wrong, message in (common or {}).items():
        if math.isclose(got, float(wrong), rel_tol=max(rtol, 1e-9), abs_tol=atol):
            raise Incorrect(f"{what}, {show(got)}, is not right: {message}")
    if expected != 0 and got != 0:
        ratio = got / expected
        if _simple_ratio(ratio):
            raise Incorrect(
                f"{what}, {show(got)}, is not right: " + _factor_message(ratio)
            )
    if float(got).is_integer() and float(expected).is_integer():
        if abs(got - expected) == 1:
            raise Incorrect(f"{what}, {show(got)}, is off by one.")
    side = "too large" if got > expected else "too small"
    raise Incorrect(
        f"{what}, {show(got)}, is {side} (the tolerance is rtol={rtol:g}"
        f"{f', atol={atol:g}' if atol else ''})."
    )


def compare_set(answer, expected, *, what: str = "your list") -> str:
    """The same items, in any order; names the missing and the extra ones."""
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        raise CannotJudge(f"{what} should be a list, got {answer!r:.60}.")
    got, want = set(answer), set(expected)
    if got == want:
        return f"{what} is right: {sorted(got, key=str)}."
    parts = []
    if want - got:
        parts.append(f"it misses {sorted(want - got, key=str)}")
    if got - want:
        parts.append(f"it should not contain {sorted(got - want, key=str)}")
    raise Incorrect(f"{what} is not right: " + " and ".join(parts) + ".")


# ---------------------------------------------------------------- arrays


def compare_array(
    answer, expected, *, rtol: float = 1e-9, atol: float = 0.0, what: str = "your array"
) -> str:
    """Shape first, then the first entry that differs, with expected and got."""
    expected = np.asarray(expected, dtype=float)
    try:
        got = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        raise CannotJudge(
            f"{what} should be an array of numbers, got {type(answer).__name__}."
        ) from None
    if got.shape != expected.shape:
        extra = ""
        if got.size == expected.size:
            extra = " It has the right number of entries: reshape or transpose it."
        raise Incorrect(
            f"{what} has the wrong shape: expected {expected.shape}, "
            f"got {got.shape}.{extra}"
        )
    close = np.isclose(got, expected, rtol=rtol, atol=atol)
    if close.all():
        return f"{what} is right."
    nonzero = expected != 0
    if nonzero.sum() >= 2 and np.all(got[~nonzero] == 0):
        ratios = got[nonzero] / expected[nonzero]
        if np.isfinite(ratios).all() and np.allclose(ratios, ratios[0], rtol=1e-9):
            raise Incorrect(f"{what} is not right: " + _factor_message(ratios[0]))
    index = tuple(int(i) for i in np.argwhere(~close)[0])
    raise Incorrect(
        f"{what} differs first at index {index}: expected {show(expected[index])}, "
        f"got {show(got[index])} "
        f"({int((~close).sum())} of {close.size} entries differ)."
    )


# ---------------------------------------------------------------- functions


def _call(f: Callable, x, name: str):
    try:
        with np.errstate(all="ignore"):
            value = f(*x) if isinstance(x, tuple) else f(x)
    except Exception as error:
        raise CannotJudge(
            f"your function raised {type(error).__name__}: {error} when called as "
            f"{name}({_show_point(x)}). Make it accept one float and return a number."
        ) from None
    return _as_float(value, f"the value of your function at {_show_point(x)}")


def _show_point(x) -> str:
    return ", ".join(show(v) for v in x) if isinstance(x, tuple) else show(x)


def sample_points(kinks=(), tails=(-30.0, 30.0), seed: int = 0, n: int = 25) -> list:
    """Kinks (and points just beside them), tails, small integers, seeded randoms."""
    rng = np.random.default_rng(seed)
    near = [k + s for k in kinks for s in (-1e-6, 1e-6)]
    points = [*kinks, 0.0, 0.5, -0.5, 1.0, -1.0, 2.0, -2.0, *tails, *near]
    points += list(rng.normal(scale=3.0, size=n))
    return [float(p) for p in dict.fromkeys(points)]


def compare_function(
    answer,
    expected: Callable,
    points,
    *,
    rtol: float = 1e-7,
    atol: float = 1e-12,
    name: str = "g",
    kinks=(),
    tails=(),
) -> str:
    """``answer(x)`` against ``expected(x)`` at each point; first disagreement named."""
    if not callable(answer):
        raise CannotJudge(
            f"the answer should be a function (a def or lambda), got "
            f"{type(answer).__name__}."
        )
    values, wrong = [], []
    for x in points:
        want = float(expected(x))
        got = _call(answer, x, name)
        values.append((want, got))
        if not (abs(got - want) <= atol + rtol * abs(want)):
            wrong.append((x, want, got))
    if not wrong:
        return f"your function agrees at all {len(points)} test points."
    x, want, got = wrong[0]
    where = f"{name}({_show_point(x)})"
    if not math.isfinite(got):
        raise Incorrect(
            f"{where} is {got} but should be {show(want)}: an overflow or a division "
            "by zero? Compute it in a form that stays finite."
        )
    if all(p in kinks for p, _, _ in wrong):
        raise Incorrect(
            f"right everywhere except at the kink: {where} should be {show(want)}, "
            f"got {show(got)}. Which value does the book's convention give there?"
        )
    ratios = [g / w for w, g in values if abs(w) > 1e-9 and math.isfinite(g)]
    zeros_kept = all(abs(g) <= 1e-9 for w, g in values if abs(w) <= 1e-9)
    if len(ratios) > 2 and zeros_kept:
        if all(math.isclose(r, ratios[0], rel_tol=1e-7) for r in ratios):
            raise Incorrect("your function is not right: " + _factor_message(ratios[0]))
    if all(p in tails for p, _, _ in wrong):
        raise Incorrect(
            f"right except far out: {where} should be {show(want)}, got {show(got)}."
            " Check the behaviour as the input grows large."
        )
    raise Incorrect(
        f"{where} should be {show(want)}, got {show(got)} "
        f"({len(wrong)} of {len(points)} test points disagree)."
    )


# ---------------------------------------------------------------- expressions


def _rename(answer: sp.Expr, symbols) -> sp.Expr:
    """Put the expected symbols in place of the learner's ones of the same name."""
    by_name = {s.name: s for s in symbols}
    unknown = sorted(s.name for s in answer.free_symbols if s.name not in by_name)
    if unknown:
        raise CannotJudge(
            f"your expression uses {', '.join(unknown)}, which the exercise does not;"
            f" write it in {', '.join(sorted(by_name))}."
        )
    return answer.xreplace({s: by_name[s.name] for s in answer.free_symbols})


def _points_for(symbols, domain: dict | None, seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    columns = {}
    for s in symbols:
        if domain and s in domain:
            values = list(domain[s])
        elif s.is_positive:
            values = [0.5, 1.0, 2.0, 3.5, 10.0, *rng.uniform(0.1, 5, 10)]
        else:
            values = [
                0.0,
                1.0,
                -1.0,
                0.5,
                -2.0,
                3.0,
                10.0,
                -10.0,
                *rng.normal(0, 3, 10),
            ]
        columns[s] = values
    n = max((len(v) for v in columns.values()), default=1)
    rows = []
    for i in range(n):
        rows.append(
            {s: v[(i * (1 + k)) % len(v)] for k, (s, v) in enumerate(columns.items())}
        )
    return rows


def _value(e: sp.Expr, point: dict) -> complex:
    exact = {s: sp.Rational(v) for s, v in point.items()}  # floats are dyadic
    value = e.xreplace(exact).evalf(30)
    try:
        return complex(value)
    except TypeError:  # zoo, nan: undefined at this point
        return complex(math.nan)


def _agreement(a: sp.Expr, b: sp.Expr, points: list[dict]):
    """(point, b there, a there) at each sample point, evaluated at 30 digits, and
    whether a agrees with b there (relative 1e-9)."""
    pairs = [(p, _value(b, p), _value(a, p)) for p in points]
    return pairs, [abs(g - w) <= 1e-9 * max(1.0, abs(w)) for _, w, g in pairs]


def _proved_equal(a: sp.Expr, b: sp.Expr, pairs, agree) -> bool:
    """a == b, proved by simplify (the slow part), which runs only when no sample
    point where both sides are finite tells a and b apart: such a point proves them
    different."""
    finite = all(cmath.isfinite(w) and cmath.isfinite(g) for _, w, g in pairs)
    if finite and not all(agree):
        return False
    return sp.simplify(a - b) == 0


def compare_expr(
    answer,
    expected: sp.Expr,
    *,
    symbols=None,
    domain: dict | None = None,
    what: str = "your expression",
    seed: int = 0,
    common: dict | None = None,
) -> str:
    """Symbolically (``simplify(a - b) == 0``), else on sample points; then diagnose."""
    expected = sp.sympify(expected)
    symbols = list(symbols or sorted(expected.free_symbols, key=str))
    if callable(answer) and not isinstance(answer, sp.Basic):
        raise CannotJudge(
            f"the exercise asks for a SymPy expression in "
            f"{', '.join(map(str, symbols))}, not a function."
        )
    if isinstance(answer, str):
        raise CannotJudge(
            "the answer is a string; build it from SymPy symbols instead "
            "(for example z = nm.z), or wrap it in sp.sympify(...)."
        )
    try:
        answer = sp.sympify(answer, strict=True)
    except (sp.SympifyError, TypeError):
        raise CannotJudge(
            f"the exercise asks for a SymPy expression, got {type(answer).__name__}."
        ) from None
    if not isinstance(answer, sp.Expr):
        raise CannotJudge(
            f"the exercise asks for a SymPy expression, got {type(answer).__name__}."
        )
    answer = _rename(answer, symbols)
    points = _points_for(symbols, domain, seed)
    pairs, agree = _agreement(answer, expected, points)
    if _proved_equal(answer, expected, pairs, agree):
        return f"{what} equals the expected one (SymPy simplifies the difference to 0)."
    if all(agree):
        return (
            f"{what} agrees with the expected one at {len(points)} sample points "
            "(SymPy could not simplify the difference to 0)."
        )
    for wrong, message in (common or {}).items():
        wrong = sp.sympify(wrong)
        if _proved_equal(answer, wrong, *_agreement(answer, wrong, points)):
            raise Incorrect(f"{what} is not right: {message}")
    ratio = sp.simplify(answer / expected)
    if ratio.is_number and ratio.is_finite and ratio != 0:
        raise Incorrect(f"{what} is not right: " + _factor_message(float(ratio)))
    ratios = [g / w for _, w, g in pairs if abs(w) > 1e-12]
    zeros_kept = all(abs(g) <= 1e-12 for _, w, g in pairs if abs(w) <= 1e-12)
    if (
        len(ratios) > 2
        and zeros_kept
        and all(abs(r - ratios[0]) < 1e-9 for r in ratios)
    ):
        raise Incorrect(f"{what} is not right: " + _factor_message(ratios[0].real))
    point, want, got = next(pr for pr, ok in zip(pairs, agree, strict=True) if not ok)
    at = ", ".join(f"{s} = {show(v)}" for s, v in point.items())
    raise Incorrect(
        f"{what} is not right: at {at} it gives {show(got)}"
        f", but the answer there is {show(want)} "
        f"({agree.count(False)} of {len(points)} sample points disagree)."
    )


from . import (  # noqa: E402  (the chapters register their checkers)
    autodiff,
    backprop_deltas,
    exploding_gradients,
    good_activation,
    gradient_descent,
    hidden_vs_output,
    how_this_book_checks_itself,
    initialisation,
    likelihood,
    loss_functions,
    misstatements,
    modern_activations,
    optimisers,
    pipeline_cheat_sheet,
    relu_family,
    sigmoid_tanh,
    sigmoid_vs_softmax,
    softmax_linear,
    why_nonlinearity,
)

__all__ += [
    "autodiff",
    "backprop_deltas",
    "exploding_gradients",
    "good_activation",
    "gradient_descent",
    "hidden_vs_output",
    "how_this_book_checks_itself",
    "initialisation",
    "likelihood",
    "loss_functions",
    "misstatements",
    "modern_activations",
    "optimisers",
    "pipeline_cheat_sheet",
    "relu_family",
    "sigmoid_tanh",
    "sigmoid_vs_softmax",
    "softmax_linear",
    "why_nonlinearity",
]
