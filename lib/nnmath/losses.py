"""Every loss of the book: per-sample SymPy expression beside its NumPy mean and grad.

Convention: ``loss.expr`` is the loss of one sample; ``loss(y, y_hat)`` is the mean
over samples, so ``loss.grad`` (the gradient of that mean) carries the factor 1/N.
For ``cce`` a sample is a row (last axis) and N is the number of rows; for the others
a sample is an entry and N is the number of entries.
"""

from collections.abc import Callable
from functools import cached_property

import numpy as np
import sympy as sp

from . import analysis
from .activations import BLOCK, _sigmoid, _softmax, _softplus
from .symbols import latex, y, y_hat, y_hats, ys
from .validate import as_float_array, check_in_unit_interval, check_same_shape, pick


class Loss:
    """A loss: SymPy ``expr`` per sample in ``y``, ``y_hat`` (``ys``, ``y_hats`` for
    cce) beside its NumPy mean ``loss(y, y_hat)`` and gradient ``loss.grad``
    (chapter on loss functions)."""

    def __init__(
        self,
        name: str,
        title: str,
        expr: sp.Expr,
        value: Callable,
        grad: Callable,
        check: Callable = lambda y, y_hat: None,
    ):
        self.name, self.title, self.expr = name, title, expr
        self._value, self._grad, self._check = value, grad, check

    def __repr__(self) -> str:
        return f"Loss({self.name!r}: {self.expr})"

    def __call__(self, y, y_hat) -> float:
        """The mean loss over samples."""
        y, y_hat = self._inputs(y, y_hat)
        return float(np.mean(self._value(y, y_hat)))

    def grad(self, y, y_hat) -> np.ndarray:
        """d(mean loss)/d y_hat, of y_hat's shape (so it includes 1/N)."""
        y, y_hat = self._inputs(y, y_hat)
        return self._grad(y, y_hat) / self.count(y)

    def count(self, y: np.ndarray) -> int:
        """N, the number of samples the mean runs over."""
        return y.size // y.shape[-1] if self.name == "cce" else y.size

    def _inputs(self, y, y_hat):
        y, y_hat = as_float_array(y, "y"), as_float_array(y_hat, "y_hat")
        y, y_hat = np.atleast_1d(y), np.atleast_1d(y_hat)
        check_same_shape(y, y_hat)
        self._check(y, y_hat)
        return y, y_hat

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


def _xlog(a: np.ndarray, log_b: Callable, b: np.ndarray) -> np.ndarray:
    """a·log(b) with 0·log 0 = 0; a true class at probability 0 gives −inf exactly."""
    out = np.zeros_like(a)
    with np.errstate(divide="ignore"):  # log(0) = −inf is the exact value here
        log_b(b, out=out, where=a > 0)
    return np.multiply(out, a, out=out, where=a > 0)


def _ratio(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """a/b with 0 where a = 0 (the term is absent); a/0 = inf exactly."""
    out = np.zeros_like(a)
    with np.errstate(divide="ignore"):
        return np.divide(a, b, out=out, where=a > 0)


def _bce(y, y_hat):
    # log1p(−ŷ) rather than log(1 − ŷ): exact for small ŷ.
    return -(_xlog(y, np.log, y_hat) + _xlog(1 - y, np.log1p, -y_hat))


def _bce_grad(y, y_hat):
    return _ratio(1 - y, 1 - y_hat) - _ratio(y, y_hat)


def _cce(y, y_hat):
    return -_xlog(y, np.log, y_hat).sum(axis=-1)


def _check_probabilities(y, y_hat):
    # y_hat is None for the logit forms, which have logits in its place.
    check_in_unit_interval(y, "y")
    if y_hat is not None:
        check_in_unit_interval(y_hat, "y_hat")


def _check_distributions(y, y_hat):
    _check_probabilities(y, y_hat)
    sums = y.sum(axis=-1)
    bad = np.abs(sums - 1) > 1e-6 * y.shape[-1]
    if bad.any():
        row = tuple(int(i) for i in np.argwhere(np.atleast_1d(bad))[0])
        raise ValueError(
            "y rows must be distributions (entries in [0, 1] summing to 1); "
            f"row {row[0] if len(row) == 1 else row} sums to "
            f"{float(np.atleast_1d(sums)[row])!r}"
        )


def _check_signs(y, y_hat):
    bad = (y != 1) & (y != -1)
    if bad.any():
        index = tuple(int(i) for i in np.argwhere(bad)[0])
        raise ValueError(
            "y for hinge must be -1 or +1 (map 0/1 labels with y = 2*y - 1); "
            f"got {float(y[index])!r} at index {index[0] if len(index) == 1 else index}"
        )


BCE = -(y * sp.log(y_hat) + (1 - y) * sp.log(1 - y_hat))
CCE = -sum(yk * sp.log(yhk) for yk, yhk in zip(ys, y_hats, strict=True))
MSE = (y - y_hat) ** 2
MAE = sp.Abs(y - y_hat)
# At y·ŷ = 1 the second branch holds: the subgradient there is 0.
HINGE = sp.Piecewise((1 - y * y_hat, y * y_hat < 1), (0, True))

LOSSES: dict[str, Loss] = {
    "bce": Loss(
        "bce", "Binary cross-entropy", BCE, _bce, _bce_grad, _check_probabilities
    ),
    "cce": Loss(
        "cce",
        "Categorical cross-entropy",
        CCE,
        _cce,
        lambda y, y_hat: -_ratio(y, y_hat),
        _check_distributions,
    ),
    "mse": Loss(
        "mse",
        "Mean squared error",
        MSE,
        lambda y, y_hat: (y - y_hat) ** 2,
        lambda y, y_hat: 2 * (y_hat - y),
    ),
    "mae": Loss(
        "mae",
        "Mean absolute error",
        MAE,
        lambda y, y_hat: np.abs(y - y_hat),
        lambda y, y_hat: np.sign(y_hat - y),
    ),
    "hinge": Loss(
        "hinge",
        "Hinge",
        HINGE,
        lambda y, y_hat: np.maximum(0.0, 1 - y * y_hat),
        lambda y, y_hat: np.where(y * y_hat < 1, -y, 0.0),
        _check_signs,
    ),
}


def loss(name: str) -> Loss:
    """The loss called ``name``; ValueError listing the valid names otherwise."""
    return pick(LOSSES, name, "loss")


class LogitLoss:
    """A cross-entropy taken on logits z: ``f(y, z)`` is the mean loss, ``f.grad(y, z)``
    its gradient w.r.t. z; stable for any finite logits."""

    def __init__(self, name: str, of: Loss, value: Callable, grad: Callable):
        self.name, self.of = name, of
        self._value, self._grad = value, grad

    def __call__(self, y, z) -> float:
        y, z = self._inputs(y, z)
        # A block of samples at a time: the per-sample losses of one block are the
        # only temporaries, however large z is.
        width = z.shape[-1] if self.of.name == "cce" else 1
        y, z = y.reshape(-1, width), z.reshape(-1, width)
        step = max(1, BLOCK // width)
        total = sum(
            float(self._value(y[i : i + step], z[i : i + step]).sum())
            for i in range(0, len(z), step)
        )
        return total / self.of.count(y)

    def grad(self, y, z) -> np.ndarray:
        """d(mean loss)/dz = (ŷ − y)/N."""
        y, z = self._inputs(y, z)
        g = self._grad(y, z)
        g /= self.of.count(y)
        return g

    def _inputs(self, y, z):
        y = np.atleast_1d(as_float_array(y, "y"))
        z = np.atleast_1d(as_float_array(z, "z"))
        check_same_shape(y, z)
        self.of._check(y, None)
        return y, z


def _bce_logits(y, z):
    # −[y log σ(z) + (1 − y) log σ(−z)] = y·softplus(−z) + (1 − y)·softplus(z):
    # two nonnegative terms, so no cancellation even at |z| = 1000.
    return y * _softplus(-z) + (1 - y) * _softplus(z)


def _cce_logits(y, z):
    return -_xlog_values(y, _softmax(z, -1, log=True)).sum(axis=-1)


def _xlog_values(a, log_b):
    # 0·log 0 counts as 0. Only a −inf log makes that matter, and a masked product
    # costs more than the whole loss, so it is taken only then.
    if np.isfinite(log_b).all():
        return a * log_b
    return np.multiply(a, log_b, out=np.zeros_like(a), where=a > 0)


def _minus(a, y):
    # ŷ − y in ŷ's own memory: the gradient is the only full-size array a call makes.
    a -= y
    return a


bce_with_logits = LogitLoss(
    "bce_with_logits",
    LOSSES["bce"],
    _bce_logits,
    lambda y, z: _minus(_sigmoid(z), y),
)
cce_with_logits = LogitLoss(
    "cce_with_logits",
    LOSSES["cce"],
    _cce_logits,
    lambda y, z: _minus(_softmax(z, -1, log=False), y),
)
