"""Reading range, critical points and kinks off a SymPy expression of one variable."""

from typing import NamedTuple

import mpmath
import numpy as np
import sympy as sp

# Where SymPy cannot solve f'(x) = 0 (SiLU, GELU) we scan this window for sign
# changes and polish each root with nsolve; every such point is a Float.
SCAN = np.linspace(-10.0, 10.0, 2001)


class Kink(NamedTuple):
    """A point where the left and right derivatives differ."""

    point: sp.Expr
    left: sp.Expr
    right: sp.Expr


def breakpoints(f: sp.Expr, x: sp.Symbol) -> list:
    """Real points where a Piecewise, Abs, sign or Max/Min in ``f`` switches branch."""
    points = set()
    for pw in f.atoms(sp.Piecewise):
        for _, cond in pw.args:
            for rel in getattr(cond, "atoms", lambda *_: ())(
                sp.core.relational.Relational
            ):
                points |= set(sp.solve(rel.lhs - rel.rhs, x))
    for node in f.atoms(sp.Abs, sp.sign):
        points |= set(sp.solve(node.args[0], x))
    for node in f.atoms(sp.Max, sp.Min):
        points |= set(sp.solve(node.args[0] - node.args[1], x))
    return sorted((p for p in points if p.is_real), key=sp.default_sort_key)


def one_sided_limit(f: sp.Expr, x: sp.Symbol, at, side: str) -> sp.Expr:
    """Limit of ``f`` as ``x`` -> ``at`` from ``side`` ('-' or '+'), picking the branch
    of any Piecewise that is active there (SymPy's limit cannot do this at ±oo)."""
    f = sp.piecewise_fold(f)
    if isinstance(f, sp.Piecewise):
        probe = _probe(at, side)
        for expr, cond in f.args:
            if sp.simplify(cond.subs(x, probe)) == sp.true:
                return one_sided_limit(expr, x, at, side)
    if at in (sp.oo, -sp.oo):
        return sp.limit(f, x, at)
    return sp.limit(f, x, at, side)


def kinks(f: sp.Expr, x: sp.Symbol) -> list[Kink]:
    """Points where ``f`` is not differentiable, with both one-sided derivatives."""
    d = sp.diff(f, x)
    found = []
    for p in breakpoints(f, x):
        left, right = one_sided_limit(d, x, p, "-"), one_sided_limit(d, x, p, "+")
        if sp.simplify(left - right) != 0:
            found.append(Kink(p, left, right))
    return found


def critical_points(f: sp.Expr, x: sp.Symbol) -> list:
    """Finite points where f' = 0 or f' is undefined (branch points)."""
    d = sp.diff(f, x)
    solved = sp.solveset(d, x, sp.Reals)
    if isinstance(solved, sp.FiniteSet):
        points = list(solved)
    elif isinstance(solved, sp.ConditionSet):
        points = _numeric_roots(d, x)
    else:  # intervals where f is flat: their ends are enough
        points = [e for e in _ends(solved) if e.is_finite]
    return points + breakpoints(f, x)


def value_range(f: sp.Expr, x: sp.Symbol) -> sp.Interval:
    """Values of ``f`` over the reals, from limits at ±oo and critical values."""
    ends = [one_sided_limit(f, x, -sp.oo, "+"), one_sided_limit(f, x, sp.oo, "-")]
    attained = [_value_at(f, x, p) for p in critical_points(f, x)]
    candidates = ends + attained
    lo, hi = min(candidates, key=_as_float), max(candidates, key=_as_float)
    return sp.Interval(
        lo, hi, not _attained(f, x, lo, attained), not _attained(f, x, hi, attained)
    )


def _attained(f, x, value, attained) -> bool:
    if not value.is_finite:
        return False
    if any(a == value for a in attained):
        return True
    solved = sp.solveset(f - value, x, sp.Reals)
    return not isinstance(solved, sp.ConditionSet) and solved != sp.S.EmptySet


def _value_at(f, x, p):
    # A numerically found point gives a numeric value: keep it a plain Float.
    value = f.subs(x, p)
    return value.evalf(15) if isinstance(p, sp.Float) else sp.simplify(value)


def _numeric_roots(d: sp.Expr, x: sp.Symbol) -> list:
    g = sp.lambdify(x, d, "mpmath")
    # 50 digits: terms like 1/2 + erf(z)/2 cancel completely at 15 in the far tail.
    with mpmath.workdps(50):
        values = [g(mpmath.mpf(t)) for t in SCAN]
    return [
        sp.Float(sp.nsolve(d, x, (SCAN[i], SCAN[i + 1]), solver="bisect"), 15)
        for i in range(len(SCAN) - 1)
        if values[i] == 0 or values[i] * values[i + 1] < 0
    ]


def _ends(s):
    if isinstance(s, sp.Union):
        return [e for part in s.args for e in _ends(part)]
    if isinstance(s, sp.Interval):
        return [s.start, s.end]
    return []


def _probe(at, side):
    if at == sp.oo:
        return sp.Integer(10**9)
    if at == -sp.oo:
        return sp.Integer(-(10**9))
    step = sp.Rational(1, 10**9)
    return at - step if side == "-" else at + step


def _as_float(v) -> float:
    return float(v) if v.is_finite else (np.inf if v == sp.oo else -np.inf)
