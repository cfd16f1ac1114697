"""The Activation class: a SymPy expression, its NumPy twin, and what follows."""

from collections.abc import Callable
from functools import cached_property

import numpy as np
import sympy as sp

from . import analysis
from .symbols import latex, z
from .validate import as_float_array, check_params


class Properties:
    """Properties computed from an activation's expression at its default parameters.

    ``mean_output``: E[g(Z)] for a standard normal Z, exact where SymPy can integrate
    it, else a 15-digit Float. ``zero_centred``: that mean is 0. ``saturating``:
    g' -> 0 at both -oo and +oo. ``monotonic``: g' >= 0 everywhere (non-decreasing).

    Each is computed when first read and then kept: asking whether an activation is
    monotonic needs the range of g' only, not a Gaussian integral.
    """

    FIELDS = (
        "monotonic",
        "zero_centred",
        "bounded",
        "saturating",
        "differentiable_everywhere",
        "max_derivative",
        "mean_output",
    )

    def __init__(self, act):
        self._act = act  # the Activation whose properties these are

    @cached_property
    def monotonic(self) -> bool:
        """g' >= 0 everywhere: the infimum of g' over the reals is not negative."""
        return bool(self._act.derivative_range.inf >= 0)

    @cached_property
    def zero_centred(self) -> bool:
        """The mean output for a standard normal input is 0."""
        return bool(self.mean_output == 0)

    @cached_property
    def bounded(self) -> bool:
        """Both ends of the range of g are finite."""
        return bool(self._act.range.inf.is_finite and self._act.range.sup.is_finite)

    @cached_property
    def saturating(self) -> bool:
        """g' -> 0 as z -> -oo and as z -> +oo."""
        d = sp.diff(self._act.default_expr, z)
        return all(
            analysis.one_sided_limit(d, z, end, side) == 0
            for end, side in ((-sp.oo, "+"), (sp.oo, "-"))
        )

    @cached_property
    def differentiable_everywhere(self) -> bool:
        """g has no kink."""
        return not self._act.kinks

    @cached_property
    def max_derivative(self) -> sp.Expr:
        """The supremum of g' over the reals."""
        return self._act.derivative_range.sup

    @cached_property
    def mean_output(self) -> sp.Expr:
        """E[g(Z)] for Z ~ N(0, 1)."""
        return analysis.gaussian_mean(self._act.default_expr, z)

    def __getitem__(self, key: str):
        if key not in self.FIELDS:
            raise KeyError(key)
        return getattr(self, key)

    def as_dict(self) -> dict:
        """Every property by name (computing those not yet read)."""
        return {f: getattr(self, f) for f in self.FIELDS}

    def __repr__(self) -> str:
        fields = ", ".join(f"{k}={v!r}" for k, v in self.as_dict().items())
        return f"Properties({fields})"


class Activation:
    """An activation g(z): SymPy ``expr`` in ``nm.z`` beside its NumPy forward and grad.

    ``params`` maps each SymPy parameter symbol to its default; call with the plain
    names, ``act(z, slope=0.1)``. Derived quantities (derivative, range, kinks,
    properties) are computed lazily from ``expr`` and cached.
    """

    def __init__(
        self,
        name: str,
        title: str,
        symbol: str,
        expr: sp.Expr,
        forward: Callable,
        grad: Callable,
        params: dict | None = None,
        positive: tuple[str, ...] = (),
    ):
        self.name, self.title, self.symbol, self.expr = name, title, symbol, expr
        self.params = params or {}
        self._forward, self._grad = forward, grad
        self._positive = positive

    def __repr__(self) -> str:
        return f"Activation({self.name!r}: {self.expr})"

    def __call__(self, z, **params) -> np.ndarray:
        """g(z), elementwise, as float64 of z's shape."""
        return self._forward(as_float_array(z, "z"), **self._check(params))

    def grad(self, z, **params) -> np.ndarray:
        """g'(z), elementwise; at a kink the left derivative (as frameworks do)."""
        return self._grad(as_float_array(z, "z"), **self._check(params))

    def _check(self, params: dict) -> dict:
        return check_params(self.name, self.params, params, self._positive)

    @cached_property
    def derivative_expr(self) -> sp.Expr:
        """dg/dz from ``sympy.diff``, with its pieces folded into one Piecewise.

        Kept in the form differentiation gives: ``sp.simplify`` would turn σ' into
        1/(4 cosh²(z/2)) and tanh' into 1/cosh²(z), true but hiding the σ(1 − σ) and
        1 − tanh² structure that the book derives from them.
        """
        return sp.piecewise_fold(sp.diff(self.expr, z))

    @cached_property
    def default_expr(self) -> sp.Expr:
        """``expr`` with every parameter replaced by its default, as the exact decimal
        it is written in (0.01 is 1/100; nsimplify would cut SELU's 17 digits to 15)."""
        return self.expr.subs(
            {s: sp.Rational(str(float(v))) for s, v in self.params.items()}
        )

    @cached_property
    def range(self) -> sp.Interval:
        """Values of g over the reals (default parameters), from limits and extrema."""
        return analysis.value_range(self.default_expr, z)

    @cached_property
    def derivative_range(self) -> sp.Interval:
        """Values of g' over the reals (default parameters)."""
        return analysis.value_range(sp.diff(self.default_expr, z), z)

    @cached_property
    def kinks(self) -> list[analysis.Kink]:
        """Non-differentiable points (default parameters), with both one-sided
        derivatives."""
        return analysis.kinks(self.default_expr, z)

    @cached_property
    def properties(self) -> Properties:
        """Monotonic, zero-centred, bounded, ... computed from the expression."""
        return Properties(self)

    def latex(self) -> str:
        """LaTeX of ``expr``, for the chapters to print."""
        return latex(self.expr)

    def derivative_latex(self) -> str:
        """LaTeX of ``derivative_expr``."""
        return latex(self.derivative_expr)


def keep_nan(z: np.ndarray, out: np.ndarray) -> np.ndarray:
    """Put NaN in ``out`` wherever ``z`` is NaN (where a formula would hide it)."""
    np.copyto(out, z, where=np.isnan(z))
    return out
