"""The output-layer delta dL/dz for an activation paired with a loss."""

import numpy as np
import sympy as sp

from .activation import Activation
from .activations import _softmax_vjp
from .activations import activation as _activation
from .losses import Loss, _divisor, bce_with_logits, cce_with_logits
from .losses import loss as _loss
from .symbols import y, y_hat, y_hats, ys, z, zs
from .validate import as_float_array, check_reduction

# The canonical pairs with a loss on logits: their delta is ŷ − y, and the logit loss
# computes it from z, so it stays exact where ŷ rounds to 0 or 1. (The third canonical
# pair, linear + mse, needs no such form: its chain rule is already 2(ŷ − y).)
CANONICAL = {("sigmoid", "bce"): bce_with_logits, ("softmax", "cce"): cce_with_logits}


def delta_expr(activation, loss):
    """dL/dz of the per-sample loss with y_hat = g(z), from ``sympy.diff``, simplified.

    For softmax the result is a K = 3 column of dL/dz_j; with cce the constraint
    y1 + y2 + y3 = 1 is used by writing y3 = 1 − y1 − y2. Elementwise losses with
    softmax sum over the K components. The per-sample convention means linear + mse
    gives 2(ŷ − y); the mean over N samples adds 1/N (see ``delta``). Derived in the
    chapter on backpropagation deltas.
    """
    act, L = _resolve(activation, loss)
    if act.name == "softmax":
        per_sample = L.expr if L.name == "cce" else _summed(L.expr)
        fitted = per_sample.subs(dict(zip(y_hats, act.expr, strict=True)))
        grad = sp.Matrix([fitted]).jacobian(zs).T
        if L.name != "cce":
            return sp.simplify(grad)
        sums_to_one = [{ys[-1]: 1 - sum(ys[:-1])}, {ys[0]: 1 - sum(ys[1:])}]
        return sp.Matrix(
            [_split(g, s, sums_to_one) for g, s in zip(grad, act.expr, strict=True)]
        )
    if L.name == "cce":
        raise ValueError("cce needs a vector output: pair it with softmax")
    return _split(sp.diff(L.expr.subs(y_hat, act.expr), z), act.expr)


def _split(d, a, constraints=({},)):
    """d, simplified; written as a + r when r = d − a does not involve z (the form
    ŷ − y), using whichever form of the constraints gives the shortest r."""
    remainders = [sp.simplify((d - a).subs(c)) for c in constraints]
    r = min(remainders, key=sp.count_ops)
    if r.free_symbols & {z, *zs}:
        return sp.simplify(d.subs(constraints[0]))
    return a + r


def delta(activation, loss, y, z, reduction: str = "mean", **params) -> np.ndarray:
    """dL/dz numerically, of z's shape; L the mean (default), sum or per-sample loss.

    ``z`` are the output pre-activations (rows are samples for softmax), ``y`` the
    targets, as the loss takes them (integer class labels too for softmax + cce);
    ``params`` go to the activation. Under ``reduction="none"`` (and ``"sum"``) row or
    entry i is the delta of sample i's own loss: ŷ − y for the canonical pairs,
    2(ŷ − y) for linear + mse; ``"mean"`` divides by N. Other pairs use the chain rule
    dL/dŷ ⊙ g'(z), or for softmax the vector–Jacobian product s ⊙ (v − ⟨v, s⟩) with
    v = dL/dŷ, which never builds the (N, K, K) Jacobian. Non-finite z follow the
    losses' rule (see ``nnmath.losses``); for the other pairs the chain rule gives NaN
    where ŷ rounds to a value at which dL/dŷ is infinite. Derived in the chapter on
    backpropagation deltas.
    """
    act, L = _resolve(activation, loss)
    check_reduction(reduction)
    if params and not act.params:
        raise TypeError(f"{act.name} takes parameters none; got {sorted(params)}")
    with_logits = CANONICAL.get((act.name, L.name))
    if with_logits is not None:
        return with_logits.grad(y, z, reduction)
    z = as_float_array(z, "z")
    dloss = L.grad(y, act(z, **params), reduction="none")
    # Where ŷ rounds to a value at which dL/dŷ is infinite (softmax + bce at ŷ = 1,
    # say), the chain rule meets ∞·0 or ∞ − ∞ and has no value: NaN, not a warning;
    # a delta beyond the float range is inf.
    with np.errstate(invalid="ignore", over="ignore"):
        if act.name == "softmax":
            per_sample = _softmax_vjp(z, dloss, axis=-1)
        else:
            per_sample = dloss * act.grad(z, **params)
    return per_sample / _divisor(L.count(z), reduction)


def _summed(expr):
    pairs = zip(ys, y_hats, strict=True)
    return sum(expr.subs({y: yk, y_hat: yhk}) for yk, yhk in pairs)


def _resolve(activation, loss) -> tuple[Activation, Loss]:
    act = activation if isinstance(activation, Activation) else _activation(activation)
    L = loss if isinstance(loss, Loss) else _loss(loss)
    return act, L
