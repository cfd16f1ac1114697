"""Range, critical points, kinks and Gaussian mean of an expression in one variable."""

from functools import cache
from typing import NamedTuple

import mpmath
import numpy as np
import sympy as sp

# Where SymPy cannot solve f'(x) = 0 (SiLU, GELU) we look for sign changes of f' on
# the grid x = sinh(u): steps of 0.04 near 0 and of 4% of |x| far out, to 1.2e17.
# Beyond that, f' must keep the sign SymPy finds for it at ±oo, or we raise.
# f' is evaluated at 50 digits; where even that cancels to 0 (1/2 + erf(z)/2 in
# GELU's far tail), its sign counts as unknown.
SCAN = np.sinh(np.linspace(-40.0, 40.0, 2001))


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


@cache  # the same limits recur: a range's ends, saturation, the derivative's range
def one_sided_limit(f: sp.Expr, x: sp.Symbol, at, side: str) -> sp.Expr:
    """Limit of ``f`` as ``x`` -> ``at`` from ``side`` ('-' or '+'), picking the branch
    of any Piecewise that is active there (SymPy's limit cannot do this at ±oo)."""
    f = _branch(f, x, _probe(at, side))
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


def gaussian_mean(f: sp.Expr, x: sp.Symbol) -> sp.Expr:
    """E[f(Z)] for Z ~ N(0, 1): exact where SymPy can integrate, else a 15-digit Float.

    SymPy integrates piece by piece when every piece of f is a polynomial in x,
    e^(ax + b) and erf(ax + b), whose integrals against the Gaussian it knows in closed
    form. Otherwise, if f(x) + f(−x) is a constant c, the mean is c/2 by symmetry.
    Anything else is integrated numerically (mpmath, 30 digits); that quadrature
    also confirms every exact answer.
    """
    numeric = _gaussian_quadrature(f, x)
    pieces = _pieces(f, x)
    if all(_integrable_against_gaussian(piece, x) for piece, _, _ in pieces):
        density = sp.exp(-(x**2) / 2) / sp.sqrt(2 * sp.pi)
        integral = sum(
            sp.integrate(piece * density, (x, a, b)) for piece, a, b in pieces
        )
        # SymPy's answers mix erf and erfc; in erf alone erf + erfc = 1 cancels.
        exact = sp.simplify(integral.rewrite(sp.erf))
    else:
        even = sp.simplify(f + f.subs(x, -x))
        exact = None if x in even.free_symbols else even / 2
    if exact is None or exact.has(sp.Integral):
        if abs(numeric) < 1e-15:
            raise ValueError(
                f"cannot tell whether E[{f}] is 0 for a standard normal {x}: "
                f"quadrature gives {mpmath.nstr(numeric, 5)}"
            )
        return sp.Float(numeric, 15)
    if abs(float(exact) - float(numeric)) > 1e-12 * max(1.0, abs(float(numeric))):
        raise ArithmeticError(
            f"SymPy gives E[{f}] = {exact} but quadrature {mpmath.nstr(numeric, 15)}"
        )
    return exact


def _gaussian_quadrature(f, x):
    g = sp.lambdify(x, f, "mpmath")
    splits = [mpmath.mpf(float(p)) for p in breakpoints(f, x)]
    with mpmath.workdps(30):
        value, error = mpmath.quad(
            lambda t: g(t) * mpmath.npdf(t),
            [-mpmath.inf, *splits, mpmath.inf],
            error=True,
        )
    if not error < 1e-20:
        raise ValueError(
            f"quadrature of E[{f}] did not converge: {mpmath.nstr(value, 5)} "
            f"with error estimate {mpmath.nstr(error, 3)}"
        )
    return value


def _pieces(f, x) -> list:
    """(branch of f, a, b) for each interval (a, b) between f's breakpoints."""
    ends = [-sp.oo, *breakpoints(f, x), sp.oo]
    pieces = []
    for a, b in zip(ends, ends[1:], strict=False):
        if a.is_finite and b.is_finite:
            probe = (a + b) / 2
        else:
            probe = b - 1 if b.is_finite else (a + 1 if a.is_finite else sp.S.Zero)
        pieces.append((_branch(f, x, probe), a, b))
    return pieces


def _integrable_against_gaussian(f, x) -> bool:
    """True if f is a polynomial in x, e^(ax + b) and erf(ax + b)."""
    linear = [
        atom
        for atom in f.atoms(sp.exp, sp.erf)
        if atom.args[0].is_polynomial(x) and sp.degree(atom.args[0], x) <= 1
    ]
    stand_ins = [sp.Dummy() for _ in linear]
    replaced = f.subs(dict(zip(linear, stand_ins, strict=True)))
    return replaced.is_polynomial(x, *stand_ins)


def _branch(f, x, probe) -> sp.Expr:
    """The branch of a Piecewise ``f`` that is active at ``probe`` (else ``f``)."""
    f = sp.piecewise_fold(f)
    if isinstance(f, sp.Piecewise):
        for expr, cond in f.args:
            if sp.simplify(cond.subs(x, probe)) == sp.true:
                return _branch(expr, x, probe)
    return f


def _value_at(f, x, p):
    # A numerically found point gives a numeric value: keep it a plain Float.
    value = f.subs(x, p)
    return value.evalf(15) if isinstance(p, sp.Float) else sp.simplify(value)


def _numeric_roots(d: sp.Expr, x: sp.Symbol) -> list:
    g = sp.lambdify(x, d, "mpmath")
    signs = [_sign(g, t) for t in SCAN]
    known = [i for i, s in enumerate(signs) if s != 0]
    if not known:
        raise ValueError(f"cannot tell the sign of {d} anywhere on the scan")
    for i, end, side in ((known[0], -sp.oo, "+"), (known[-1], sp.oo, "-")):
        # A nonzero limit has the sign d keeps near the end; only a limit of 0 needs
        # SymPy to find the sign of d itself there.
        limit = one_sided_limit(d, x, end, side)
        at_end = sp.sign(limit) if limit != 0 else sp.limit(sp.sign(d), x, end)
        if at_end != signs[i]:
            raise ValueError(
                f"the derivative has sign {signs[i]} at {x} = {SCAN[i]:.3g} but "
                f"{at_end} as {x} -> {end}: a critical point lies beyond the scan, "
                f"|{x}| <= {SCAN[-1]:.3g}, or SymPy cannot tell the sign there"
            )
    return [
        sp.Float(sp.nsolve(d, x, (SCAN[i], SCAN[j]), solver="bisect"), 15)
        for i, j in zip(known, known[1:], strict=False)
        if signs[i] != signs[j]
    ]


def _sign(g, t: float) -> int:
    with mpmath.workdps(50):
        value = g(mpmath.mpf(t))
    return int(mpmath.sign(value))


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
