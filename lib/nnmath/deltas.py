"""The output-layer delta dL/dz for an activation paired with a loss."""

import numpy as np
import sympy as sp

from .activation import Activation
from .activations import activation as _activation
from .losses import Loss, bce_with_logits, cce_with_logits
from .losses import loss as _loss
from .symbols import y, y_hat, y_hats, ys, z, zs
from .validate import as_float_array

# Pairs whose delta collapses to ŷ − y: the numeric path then uses the logit forms,
# which stay finite where ŷ rounds to 0 or 1.
CANONICAL = {("sigmoid", "bce"), ("softmax", "cce"), ("linear", "mse")}


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


def delta(activation, loss, y, z, **params) -> np.ndarray:
    """dL/dz numerically, L the MEAN loss over samples (so the 1/N is included).

    ``z`` are the output pre-activations (rows are samples for softmax), ``y`` the
    targets, of z's shape; ``params`` go to the activation. Canonical pairs return
    (ŷ − y)/N (2(ŷ − y)/N for linear + mse); others the chain rule
    dL/dŷ ⊙ g'(z), or Jᵀ dL/dŷ for softmax.
    """
    act, L = _resolve(activation, loss)
    z = as_float_array(z, "z")
    if (act.name, L.name) == ("sigmoid", "bce"):
        return bce_with_logits.grad(y, z)
    if (act.name, L.name) == ("softmax", "cce"):
        return cce_with_logits.grad(y, z)
    y_hat = act(z, **params)
    dloss = L.grad(y, y_hat)
    if act.name == "softmax":
        return np.einsum("...k,...kj->...j", dloss, act.grad(z))
    return dloss * act.grad(z, **params)


def _summed(expr):
    pairs = zip(ys, y_hats, strict=True)
    return sum(expr.subs({y: yk, y_hat: yhk}) for yk, yhk in pairs)


def _resolve(activation, loss) -> tuple[Activation, Loss]:
    act = activation if isinstance(activation, Activation) else _activation(activation)
    L = loss if isinstance(loss, Loss) else _loss(loss)
    return act, L
