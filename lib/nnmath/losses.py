"""Every loss of the book: per-sample SymPy expression beside its NumPy value and grad.

Arguments come as ``(y, y_hat)``, target first, as in scikit-learn's metrics.
PyTorch's losses take them the other way round: ``bce(y, y_hat)`` is
``F.binary_cross_entropy(y_hat, y)``, ``bce_with_logits(y, z)`` is
``F.binary_cross_entropy_with_logits(z, y)`` and ``cce_with_logits(y, z)`` is
``F.cross_entropy(z, y)``, with y class labels or probability rows in both.

Reduction, as in PyTorch: ``loss.expr`` is the loss of one sample, and
``loss(y, y_hat, reduction=...)`` is the ``"mean"`` over samples (the default), their
``"sum"``, or ``"none"``: the array of per-sample losses. ``loss.grad`` is the gradient
of that mean or sum with respect to ``y_hat``, so under ``"mean"`` it carries the factor
1/N; under ``"none"`` (and ``"sum"``) entry i is the derivative of sample i's own loss.
For ``cce`` a sample is a row (last axis); for the others a sample is an entry.

Non-finite values, the same rule for every loss, its grad and the logit losses:

- targets ``y`` must be finite and valid for the loss, else ValueError naming y;
- a rate ``y_hat`` for poisson must be >= 0 (inf gives the limit), else ValueError;
- a NaN prediction (``y_hat`` or logit ``z``) gives NaN in that sample's loss and
  gradient, without a warning;
- an infinite prediction gives the mathematical limit, which may be inf, without a
  warning, where the loss is defined on the whole real line (mse, mae, hinge and the
  logit losses) or half of it (poisson's rate); a probability outside [0, 1], inf
  included, is a ValueError naming y_hat;
- a finite result too large for a float is inf, without a warning.

``focal`` is Lin et al.'s (2017) focal loss −(1 − p_t)^γ log p_t for hard labels
y ∈ {0, 1} (without their class weight α). For a soft label y ∈ (0, 1) it is this
book's own extension, not Lin et al.'s: the two terms of bce, each weighted,
−[y (1 − ŷ)^γ log ŷ + (1 − y) ŷ^γ log(1 − ŷ)]. Other extensions differ there:
torchvision's ``sigmoid_focal_loss`` multiplies the whole bce by (1 − p_t)^γ with
p_t = ŷ·y + (1 − ŷ)(1 − y).
"""

from collections.abc import Callable
from functools import cached_property
from math import prod

import numpy as np
import sympy as sp

from . import analysis
from .activations import _log_sigmoid, _sigmoid, _softmax
from .symbols import gamma, latex, y, y_hat, y_hats, ys
from .validate import (
    as_float_array,
    as_labels,
    as_numeric_array,
    check_finite,
    check_in_unit_interval,
    check_nonnegative,
    check_params,
    check_reduction,
    check_same_shape,
    first_index,
    pick,
)


class Loss:
    """A loss: SymPy ``expr`` per sample in ``y``, ``y_hat`` (``ys``, ``y_hats`` for
    cce) beside its NumPy value ``loss(y, y_hat)`` and gradient ``loss.grad``
    (chapter on loss functions; poisson and focal: chapter on where the losses come
    from). ``value`` and ``grad`` give per-sample losses and
    their derivatives; ``check_y`` and ``check_y_hat`` validate the inputs.
    ``params`` maps each SymPy parameter of ``expr`` to its default; call with the
    plain names, ``loss(y, y_hat, gamma=2)``."""

    def __init__(
        self,
        name: str,
        title: str,
        expr: sp.Expr,
        value: Callable,
        grad: Callable,
        check_y: Callable,
        check_y_hat: Callable = lambda y_hat: None,
        params: dict | None = None,
    ):
        self.name, self.title, self.expr = name, title, expr
        self._value, self._grad = value, grad
        self._check_y, self._check_y_hat = check_y, check_y_hat
        self.params = params or {}

    def __repr__(self) -> str:
        return f"Loss({self.name!r}: {self.expr})"

    def __call__(self, y, y_hat, reduction: str = "mean", **params):
        """The mean (default) or sum of the per-sample losses as a float, or with
        ``reduction="none"`` the array of them."""
        check_reduction(reduction)
        params = self._check(params)
        y, y_hat = self._inputs(y, y_hat)
        with np.errstate(over="ignore"):  # a loss beyond the float range is inf
            return _reduce(self._value(y, y_hat, **params), reduction)

    def grad(self, y, y_hat, reduction: str = "mean", **params) -> np.ndarray:
        """d(loss)/d y_hat, of y_hat's shape: under ``"mean"`` it includes 1/N."""
        check_reduction(reduction)
        params = self._check(params)
        y, y_hat = self._inputs(y, y_hat)
        with np.errstate(over="ignore"):
            g = self._grad(y, y_hat, **params) / _divisor(self.count(y_hat), reduction)
        return np.asarray(g)

    def _check(self, params: dict) -> dict:
        """The parameters, defaults filled in, each a float >= 0; TypeError for a
        name the loss does not take."""
        return check_params(self.name, self.params, params)

    def _inputs(self, y, y_hat, name: str = "y_hat"):
        """Float arrays of one shape; integer labels for cce become one-hot rows.

        ``name`` is what the predictions are called: ``"z"`` for the logit losses,
        which check only the targets.
        """
        y_hat = as_float_array(y_hat, name)
        if self.name == "cce":
            y = _class_targets(y, y_hat, name)
        else:
            y = as_float_array(y, "y")
            check_same_shape(y, y_hat, name)
        self._check_y(y)
        if name == "y_hat":
            self._check_y_hat(y_hat)
        return y, y_hat

    def count(self, y_hat) -> int:
        """N, the number of samples the mean runs over, for predictions of this shape:
        rows for cce, entries otherwise."""
        shape = np.shape(y_hat)
        return prod(shape[:-1]) if self.name == "cce" else prod(shape)

    @cached_property
    def derivative_expr(self):
        """d(per-sample loss)/d y_hat (the gradient over ``y_hats`` for cce)."""
        if self.name == "cce":
            return sp.simplify(sp.Matrix([self.expr]).jacobian(y_hats)).T
        return sp.simplify(sp.diff(self.expr, y_hat))

    @cached_property
    def kinks(self) -> list[analysis.Kink]:
        """Points in y_hat where the loss is not differentiable, for a label y > 0."""
        if self.name == "cce":
            return []
        y_pos = sp.Symbol("y", positive=True)
        found = analysis.kinks(self.expr.subs(y, y_pos), y_hat)
        return [
            analysis.Kink(*(sp.sympify(v).subs(y_pos, y) for v in kink))
            for kink in found
        ]

    def latex(self) -> str:
        """LaTeX of the per-sample ``expr``."""
        return latex(self.expr)


def _reduce(values, reduction: str):
    values = np.asarray(values)
    if reduction == "none":
        return values
    return float(values.sum() / _divisor(values.size, reduction))


def _divisor(samples: int, reduction: str) -> int:
    """What a sum over the samples is divided by: their number under "mean"."""
    if reduction != "mean":
        return 1
    if samples == 0:
        raise ValueError(
            "y must not be empty for reduction 'mean' (the mean over no samples is "
            "undefined); use 'sum' or 'none'"
        )
    return samples


def _xlog(a: np.ndarray, log_b: np.ndarray) -> np.ndarray:
    """a·log b from log b, with 0 where a = 0 (0·log 0 = 0: an absent term costs
    nothing, even where log b = −inf); a NaN in log b stays NaN."""
    out = np.where(np.isnan(log_b), np.nan, 0.0)
    return np.multiply(a, log_b, out=out, where=a != 0)


def _ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a/b with 0 where a = 0 (an absent term, even at b = 0); a/0 = inf exactly."""
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        return np.where((a == 0) & ~np.isnan(b), 0.0, a / b)


def _log(p: np.ndarray) -> np.ndarray:
    with np.errstate(divide="ignore"):  # log 0 = −inf is the exact value
        return np.log(p)


def _bce(y, y_hat):
    # log1p(−ŷ) rather than log(1 − ŷ): exact for small ŷ.
    with np.errstate(divide="ignore"):
        log_rest = np.log1p(-y_hat)
    return -(_xlog(y, _log(y_hat)) + _xlog(1 - y, log_rest))


def _bce_grad(y, y_hat):
    # The textbook (1 − y)/(1 − ŷ) − y/ŷ where a term is absent (y or ŷ is 0 or 1):
    # then it is one division, exact at ŷ = 0 or 1. With a soft label both terms are
    # there and cancel near the optimum ŷ ≈ y, so the one fraction (ŷ − y)/(ŷ(1 − ŷ))
    # is taken instead.
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        fraction = (y_hat - y) / (y_hat * (1 - y_hat))
    terms = _ratio(1 - y, 1 - y_hat) - _ratio(y, y_hat)
    hard = (y == 0) | (y == 1) | (y_hat == 0) | (y_hat == 1)
    return np.where(hard, terms, fraction)


def _cce(y, y_hat):
    return -_xlog(y, _log(y_hat)).sum(axis=-1)


def _log_over(log_a: np.ndarray, t: np.ndarray) -> np.ndarray:
    """log(a)/t for a = 1 − t, given log a: the limit −1 at t = 0 (a = 1)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(t == 0, -1.0, log_a / t)


def _focal(y, y_hat, gamma):
    with np.errstate(divide="ignore"):
        log_rest = np.log1p(-y_hat)
    return -(
        _xlog(y * (1 - y_hat) ** gamma, _log(y_hat))
        + _xlog((1 - y) * y_hat**gamma, log_rest)
    )


def _focal_grad(y, y_hat, gamma):
    # sympy.diff of FOCAL, with (1 − ŷ)^(γ−1)·log ŷ written (1 − ŷ)^γ·log ŷ/(1 − ŷ)
    # (and ŷ^(γ−1)·log(1 − ŷ) likewise), so that γ < 1 has its limit 0 at ŷ = 1 (ŷ = 0)
    # instead of ∞·0; at γ = 0 it is bce's (1 − y)/(1 − ŷ) − y/ŷ.
    # log ŷ is taken of ŷ itself, not as log1p(−(1 − ŷ)), which rounds a tiny ŷ away.
    pos, neg = y * (1 - y_hat) ** gamma, (1 - y) * y_hat**gamma
    with np.errstate(divide="ignore"):
        log_rest = np.log1p(-y_hat)
    return (
        _xlog(gamma * pos, _log_over(_log(y_hat), 1 - y_hat))
        - _ratio(pos, y_hat)
        - _xlog(gamma * neg, _log_over(log_rest, y_hat))
        + _ratio(neg, 1 - y_hat)
    )


def _poisson(y, y_hat):
    # The rate ŷ grows faster than y·log ŷ: the limit at ŷ = ∞ is ∞, not ∞ − ∞.
    with np.errstate(invalid="ignore"):
        value = y_hat - _xlog(y, _log(y_hat))
    return np.where(y_hat == np.inf, np.inf, value)


def _hinge_grad(y, y_hat):
    # −y where y·ŷ < 1, else 0 (the subgradient 0 at y·ŷ = 1); a NaN ŷ stays NaN.
    return np.where(np.isnan(y_hat), np.nan, np.where(y * y_hat < 1, -y, 0.0))


def _check_targets(y):
    check_in_unit_interval(y, "y")


def _check_predictions(y_hat):
    check_in_unit_interval(y_hat, "y_hat", nan_ok=True)


def _check_distributions(y):
    _check_targets(y)
    sums = y.sum(axis=-1)
    bad = np.abs(sums - 1) > 1e-6 * y.shape[-1]
    if bad.any():
        row = first_index(bad)
        raise ValueError(
            "y rows must be distributions (entries in [0, 1] summing to 1); "
            f"row {row} sums to {float(sums[row])!r}"
        )


def _check_counts(y):
    check_finite(y, "y")
    check_nonnegative(y, "y", "a count (a real number)")


def _check_rates(y_hat):
    check_nonnegative(y_hat, "y_hat", "a rate", nan_ok=True)


def _check_signs(y):
    bad = (y != 1) & (y != -1)
    if bad.any():
        index = first_index(bad)
        raise ValueError(
            "y for hinge must be -1 or +1 (map 0/1 labels with y = 2*y - 1); "
            f"got {float(y[index])!r} at index {index}"
        )


def _class_targets(y, y_hat: np.ndarray, name: str) -> np.ndarray:
    """cce targets as rows of y_hat's shape: distribution rows as they are, integer
    class labels (one per row) as one-hot rows."""
    if y_hat.ndim == 0:
        raise ValueError(
            f"{name} for cce must have a class axis (the last); got a scalar"
        )
    y = as_numeric_array(y, "y")
    classes = y_hat.shape[-1]
    if y.dtype.kind in "iu" and y.shape == y_hat.shape[:-1]:
        return np.eye(classes)[as_labels(y, classes)]
    if y.shape != y_hat.shape:
        raise ValueError(
            f"y for cce must be rows of {name}'s shape {y_hat.shape} or integer class "
            f"labels of shape {y_hat.shape[:-1]}; got y {y.shape} ({y.dtype})"
        )
    return y.astype(np.float64, copy=False)


BCE = -(y * sp.log(y_hat) + (1 - y) * sp.log(1 - y_hat))
CCE = -sum(yk * sp.log(yhk) for yk, yhk in zip(ys, y_hats, strict=True))
MSE = (y - y_hat) ** 2
MAE = sp.Abs(y - y_hat)
# At y·ŷ = 1 the second branch holds: the subgradient there is 0.
HINGE = sp.Piecewise((1 - y * y_hat, y * y_hat < 1), (0, True))
# The negative log of the Poisson probability ŷ^y e^(−ŷ) / y! of the count y, without
# log y!, which does not depend on ŷ (PyTorch's poisson_nll_loss drops it too).
POISSON = y_hat - y * sp.log(y_hat)
# Lin et al. (2017): −(1 − p_t)^γ log p_t for a hard label, p_t = ŷ if y = 1 else
# 1 − ŷ. For a soft label, the two terms of bce, each weighted: this book's own
# extension (Lin et al. define hard labels only; see the module docstring). γ = 0
# gives bce.
FOCAL = -(
    y * (1 - y_hat) ** gamma * sp.log(y_hat)
    + (1 - y) * y_hat**gamma * sp.log(1 - y_hat)
)

LOSSES: dict[str, Loss] = {
    "bce": Loss(
        "bce",
        "Binary cross-entropy",
        BCE,
        _bce,
        _bce_grad,
        _check_targets,
        _check_predictions,
    ),
    "cce": Loss(
        "cce",
        "Categorical cross-entropy",
        CCE,
        _cce,
        lambda y, y_hat: _ratio(-y, y_hat),
        _check_distributions,
        _check_predictions,
    ),
    "mse": Loss(
        "mse",
        "Mean squared error",
        MSE,
        lambda y, y_hat: (y - y_hat) ** 2,
        lambda y, y_hat: 2 * (y_hat - y),
        lambda y: check_finite(y, "y"),
    ),
    "mae": Loss(
        "mae",
        "Mean absolute error",
        MAE,
        lambda y, y_hat: np.abs(y - y_hat),
        lambda y, y_hat: np.sign(y_hat - y),
        lambda y: check_finite(y, "y"),
    ),
    "hinge": Loss(
        "hinge",
        "Hinge",
        HINGE,
        lambda y, y_hat: np.maximum(0.0, 1 - y * y_hat),
        _hinge_grad,
        _check_signs,
    ),
    "poisson": Loss(
        "poisson",
        "Poisson negative log-likelihood",
        POISSON,
        _poisson,
        lambda y, y_hat: 1 - _ratio(y, y_hat),
        _check_counts,
        _check_rates,
    ),
    "focal": Loss(
        "focal",
        "Focal loss",
        FOCAL,
        _focal,
        _focal_grad,
        _check_targets,
        _check_predictions,
        params={gamma: 2.0},
    ),
}


def loss(name: str) -> Loss:
    """The loss called ``name``; ValueError listing the valid names otherwise."""
    return pick(LOSSES, name, "loss")


class LogitLoss:
    """A loss taken on logits z: ``f(y, z, reduction="mean")`` is the loss of
    ŷ = g(z), ``f.grad(y, z, reduction="mean")`` its gradient w.r.t. z, which is
    ŷ − y per sample for the canonical pairs (bce and cce on logits, poisson on the
    log-rate; chapter on where the losses come from). Finite for any finite logits;
    targets and parameters as for ``of``."""

    def __init__(self, name: str, of: Loss, value: Callable, grad: Callable):
        self.name, self.of = name, of
        self._value, self._grad = value, grad

    def __repr__(self) -> str:
        return f"LogitLoss({self.name!r})"

    def __call__(self, y, z, reduction: str = "mean", **params):
        """The mean (default) or sum of the per-sample losses, or them (``"none"``)."""
        check_reduction(reduction)
        params = self.of._check(params)
        y, z = self.of._inputs(y, z, name="z")
        with np.errstate(over="ignore"):  # a loss beyond the float range is inf
            return _reduce(self._value(y, z, **params), reduction)

    def grad(self, y, z, reduction: str = "mean", **params) -> np.ndarray:
        """d(loss)/dz per sample (ŷ − y for the canonical pairs); under ``"mean"``
        divided by N."""
        check_reduction(reduction)
        params = self.of._check(params)
        y, z = self.of._inputs(y, z, name="z")
        with np.errstate(over="ignore"):
            g = self._grad(y, z, **params) / _divisor(self.of.count(z), reduction)
        return np.asarray(g)


def _bce_logits(y, z):
    # The book's −[y log σ(z) + (1 − y) log(1 − σ(z))] with 1 − σ(z) = σ(−z) (chapter
    # on sigmoid and tanh): two nonnegative terms, so no cancellation at any z, and
    # log σ never rounds σ to 0 or 1 first.
    return -(_xlog(y, _log_sigmoid(z)) + _xlog(1 - y, _log_sigmoid(-z)))


def _cce_logits(y, z):
    # The book's −Σ y_k log softmax(z)_k, with log softmax(z)_k = z_k − logsumexp(z)
    # (chapter on softmax and the linear output).
    return -_xlog(y, _softmax(z, -1, log=True)).sum(axis=-1)


bce_with_logits = LogitLoss(
    "bce_with_logits", LOSSES["bce"], _bce_logits, lambda y, z: _sigmoid(z) - y
)
cce_with_logits = LogitLoss(
    "cce_with_logits",
    LOSSES["cce"],
    _cce_logits,
    lambda y, z: _softmax(z, -1, log=False) - y,
)


def _poisson_logits(y, z):
    # ŷ = e^z: the loss e^z − y·z, with the limit ∞ (not ∞ − ∞) at z = ∞.
    with np.errstate(invalid="ignore"):
        value = np.exp(z) - _xlog(y, z)
    return np.where(z == np.inf, np.inf, value)


# z is the log-rate, ŷ = e^z (PyTorch's poisson_nll_loss with log_input=True): the
# canonical link of the Poisson distribution, so the gradient is ŷ − y (chapter on
# where the losses come from).
poisson_with_logits = LogitLoss(
    "poisson_with_logits",
    LOSSES["poisson"],
    _poisson_logits,
    lambda y, z: np.exp(z) - y,
)


def _focal_logits(y, z, gamma):
    # ŷ = σ(z), 1 − ŷ = σ(−z), log ŷ = log σ(z): no rounding of ŷ to 0 or 1 first.
    log_p, log_q = _log_sigmoid(z), _log_sigmoid(-z)
    p, q = _sigmoid(z), _sigmoid(-z)
    return -(_xlog(y * q**gamma, log_p) + _xlog((1 - y) * p**gamma, log_q))


def _focal_logits_grad(y, z, gamma):
    # sympy.diff of FOCAL at ŷ = σ(z), with σ' = σ(z)σ(−z): for y = 1 both terms are
    # ≤ 0 and for y = 0 both ≥ 0, so no cancellation; p·log p → 0 where p → 0.
    log_p, log_q = _log_sigmoid(z), _log_sigmoid(-z)
    p, q = _sigmoid(z), _sigmoid(-z)
    pos = gamma * q**gamma * _xlog(p, log_p) - q ** (gamma + 1)
    neg = p ** (gamma + 1) - gamma * p**gamma * _xlog(q, log_q)
    return y * pos + (1 - y) * neg


# Focal loss on logits: for hard labels, torchvision's sigmoid_focal_loss without its
# α weight; for soft labels, this book's extension (module docstring), not theirs.
focal_with_logits = LogitLoss(
    "focal_with_logits", LOSSES["focal"], _focal_logits, _focal_logits_grad
)
