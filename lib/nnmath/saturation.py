"""Saturated and dead units: where an activation passes back (almost) no gradient."""

import numpy as np
import sympy as sp

from . import analysis
from .symbols import z as Z_SYMBOL
from .validate import as_float_array, check_param

LEVEL = sp.Rational(1, 100)  # saturated: slope below 1% of the largest slope


def saturation_edge(act, level=LEVEL) -> sp.Expr:
    """The z > 0 beyond which ``act`` is saturated, solved exactly by SymPy:
    where its derivative falls to ``level`` (default 1/100) times its largest
    value. Only for an activation that saturates at both ends with an even
    derivative (sigmoid, tanh), so that saturated means ``abs(z) > edge``. Derived in
    the chapter on sigmoid and tanh."""
    z, d = Z_SYMBOL, sp.diff(act.default_expr, Z_SYMBOL)
    level = sp.nsimplify(level)
    if not 0 < level < 1:
        raise ValueError(f"level must lie in (0, 1); got {level}")
    # The limit is cached by the analysis of the derivative's range, which
    # gives the largest slope.
    peak = act.derivative_range.sup
    flat = analysis.one_sided_limit(d, z, sp.oo, "-") == 0
    if not flat or sp.simplify(d.subs(z, -z) - d) != 0:
        raise ValueError(
            f"act must saturate at both ends with an even derivative (sigmoid, "
            f"tanh); got {act.name}"
        )
    target = level * peak
    roots = [r for r in sp.solve(sp.Eq(d, target), z) if r.is_real and r > 0]
    # SymPy's root is exact; confirm it at 50 digits (simplify is slow here).
    residual = [abs(sp.N(d.subs(z, r) - target, 50)) for r in roots]
    if len(roots) != 1 or not residual[0] < sp.Float("1e-45"):
        raise ArithmeticError(f"SymPy's roots {roots} of {d} = {target} fail")
    return roots[0]


def saturated_fraction(act, z, level=0.01) -> float:
    """The fraction of the entries of ``z`` (pre-activations, any shape) at which
    ``act`` is saturated: its slope is below ``level`` times its largest slope.
    For sigmoid and tanh that is ``abs(z) > saturation_edge(act)``. Defined in the
    chapter on sigmoid and tanh; used in the chapter on exploding gradients."""
    z = as_float_array(z, "z")
    level = check_param("level", level, positive=True)
    if level >= 1:
        raise ValueError(f"level must lie in (0, 1); got {level!r}")
    if z.size == 0:
        raise ValueError("z must not be empty")
    if np.isnan(z).any():  # a NaN slope compares False: it would count as unsaturated
        raise ValueError("z must not contain NaN")
    slope = np.abs(act.grad(z))
    return float(np.mean(slope < level * float(act.derivative_range.sup)))


def dead_units(z) -> np.ndarray:
    """For pre-activations ``z`` of shape (N, n), one row per sample, the units
    (columns) that are <= 0 on every sample: a ReLU there has slope 0 on all the
    data, so no gradient reaches its weights. Returns a boolean vector of length
    n. Defined in the chapter on the ReLU family; used in the chapter on
    exploding gradients."""
    z = as_float_array(z, "z")
    if z.ndim != 2 or 0 in z.shape:
        raise ValueError(
            "z must be 2-d with at least one sample and one unit, shape (N, n); "
            f"got shape {z.shape}"
        )
    if np.isnan(z).any():  # NaN <= 0 is False: it would count as alive
        raise ValueError("z must not contain NaN")
    return np.all(z <= 0, axis=0)


def dead_fraction(z) -> float:
    """The fraction of units of ``z`` (shape (N, n)) that are dead: <= 0 on every
    sample (see ``dead_units``; chapter on exploding gradients)."""
    return float(np.mean(dead_units(z)))
