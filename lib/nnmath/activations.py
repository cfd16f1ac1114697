"""Every activation of the book: SymPy expression beside its NumPy forward and grad."""

from functools import cached_property

import numpy as np
import sympy as sp

from .activation import Activation, keep_nan
from .symbols import alpha, slope, z, zs
from .validate import as_float_array, pick

# Elementwise kernels work through the array in blocks of this many elements, so
# their temporaries stay in cache and cost at most one block of memory each.
BLOCK = 1 << 15


def _blocks(n: int):
    for start in range(0, n, BLOCK):
        yield slice(start, min(start + BLOCK, n))


# --- sigmoid: derived in the chapter on sigmoid and tanh ------------------------------

SIGMOID = 1 / (1 + sp.exp(-z))


def sigmoid(z) -> np.ndarray:
    """σ(z) = 1 / (1 + e^(−z)), the logistic function (chapter on sigmoid and tanh).

    Computed as 1/(1 + e) for z ≥ 0 and e/(1 + e) for z < 0, with e = e^(−|z|), so
    exp never overflows and both tails keep full relative accuracy.
    """
    return _sigmoid(as_float_array(z, "z"))


def _sigmoid(z: np.ndarray, sign: float = 1.0) -> np.ndarray:
    """σ(sign · z) for a float64 array, block by block.

    With p = e^min(z, 0) and q = e^min(−z, 0), σ(z) = p / (p + q): that is 1/(1 + e^−z)
    for z ≥ 0 and e^z/(e^z + 1) for z < 0, the same two stable formulas, chosen
    without a masked (branchy, slow) operation.
    """
    out = np.empty_like(z)
    flat_z, flat_out = z.reshape(-1), out.reshape(-1)
    buffer = np.empty((2, min(BLOCK, z.size)))
    for s in _blocks(z.size):
        zb, ob = flat_z[s], flat_out[s]
        p, q = buffer[0, : s.stop - s.start], buffer[1, : s.stop - s.start]
        np.minimum(zb, 0.0, out=p)
        np.exp(p, out=p)
        np.maximum(zb, 0.0, out=q)
        np.negative(q, out=q)
        np.exp(q, out=q)
        np.add(p, q, out=ob)
        np.divide(p if sign > 0 else q, ob, out=ob)
    return out


def _sigmoid_grad(z: np.ndarray) -> np.ndarray:
    # σ(z)σ(−z) rather than σ(1 − σ): no cancellation in the tails.
    return _sigmoid(z) * _sigmoid(z, sign=-1.0)


# --- tanh: derived in the chapter on sigmoid and tanh ---------------------------------

TANH = sp.tanh(z)


def tanh(z) -> np.ndarray:
    """tanh(z) = (e^z − e^(−z)) / (e^z + e^(−z)) (chapter on sigmoid and tanh)."""
    return np.tanh(as_float_array(z, "z"))


def _tanh_grad(z: np.ndarray) -> np.ndarray:
    # sech²(z) = 4e / (1 + e)² with e = e^(−2|z|): 1 − tanh² would cancel, cosh
    # overflow, and 2|z| overflows for |z| near 1e308, hence e^(−|z|) squared.
    e = np.exp(-np.abs(z))
    e *= e
    return 4.0 * e / (1.0 + e) ** 2


# --- ReLU and leaky ReLU: derived in the chapter on the ReLU family -------------------

RELU = sp.Piecewise((0, z <= 0), (z, True))


def relu(z) -> np.ndarray:
    """relu(z) = max(0, z) (chapter on the ReLU family)."""
    return np.maximum(as_float_array(z, "z"), 0.0)


def _relu_grad(z: np.ndarray) -> np.ndarray:
    return np.heaviside(z, 0.0)


LEAKY_RELU = sp.Piecewise((slope * z, z <= 0), (z, True))


def leaky_relu(z, slope: float = 0.01) -> np.ndarray:
    """leaky_relu(z) = z for z > 0, slope·z otherwise (chapter on the ReLU family)."""
    return ACTIVATIONS["leaky_relu"](z, slope=slope)


def _leaky_relu(z: np.ndarray, slope: float) -> np.ndarray:
    if slope == 0:  # slope·(−inf) would be NaN; the limit is relu's 0
        return np.maximum(z, 0.0)
    return np.where(z > 0, z, slope * z)


def _leaky_relu_grad(z: np.ndarray, slope: float) -> np.ndarray:
    return keep_nan(z, np.where(z > 0, 1.0, slope))


# --- ELU: derived in the chapter on the ReLU family -----------------------------------

ELU = sp.Piecewise((alpha * (sp.exp(z) - 1), z <= 0), (z, True))


def elu(z, alpha: float = 1.0) -> np.ndarray:
    """elu(z) = z for z > 0, alpha·(e^z − 1) otherwise (chapter on the ReLU family)."""
    return ACTIVATIONS["elu"](z, alpha=alpha)


def _elu(z: np.ndarray, alpha: float) -> np.ndarray:
    # expm1 keeps accuracy near 0; min(z, 0) keeps exp from overflowing on z > 0.
    return np.where(z > 0, z, alpha * np.expm1(np.minimum(z, 0.0)))


def _elu_grad(z: np.ndarray, alpha: float) -> np.ndarray:
    return np.where(z > 0, 1.0, alpha * np.exp(np.minimum(z, 0.0)))


# --- linear: derived in the chapter on softmax and the linear output ------------------

LINEAR = z


def linear(z) -> np.ndarray:
    """linear(z) = z, the identity output of regression.

    Derived in the chapter on softmax and the linear output.
    """
    return np.array(as_float_array(z, "z"))


def _linear_grad(z: np.ndarray) -> np.ndarray:
    return keep_nan(z, np.ones_like(z))


# --- softmax: derived in the chapter on softmax and the linear output -----------------

SOFTMAX = sp.Matrix([sp.exp(zk) for zk in zs]) / sum(sp.exp(zk) for zk in zs)


def softmax(z, axis: int = -1) -> np.ndarray:
    """softmax(z)_k = e^(z_k) / Σ_j e^(z_j) along ``axis``.

    Derived in the chapter on softmax and the linear output.

    Computed as e^(z_k − m) / Σ_j e^(z_j − m), m = max_j z_j, so nothing overflows;
    the rounding of z_k − m is carried along so that the result is accurate to a few
    ulp even when z spans hundreds of units.
    """
    return _softmax(as_float_array(z, "z"), axis, log=False)


def log_softmax(z, axis: int = -1) -> np.ndarray:
    """log softmax(z)_k = z_k − log Σ_j e^(z_j), computed stably along ``axis``."""
    return _softmax(as_float_array(z, "z"), axis, log=True)


def _softmax(z: np.ndarray, axis: int, log: bool) -> np.ndarray:
    if z.ndim == 0:
        raise ValueError("z for softmax must have at least one axis; got a scalar")
    rows = np.moveaxis(z, axis, -1)
    shape = rows.shape
    rows = np.ascontiguousarray(rows.reshape(-1, shape[-1]))
    out = np.empty_like(rows)
    step = max(1, BLOCK // max(1, shape[-1]))
    # Infinite and NaN entries make (z − m) NaN in the carried rounding term; those
    # entries are repaired below, so the invalid-operation flag means nothing here.
    with np.errstate(invalid="ignore"):
        for start in range(0, rows.shape[0], step):
            _softmax_block(rows[start : start + step], out[start : start + step], log)
    return np.moveaxis(out.reshape(shape), -1, axis)


def _softmax_block(z: np.ndarray, out: np.ndarray, log: bool) -> None:
    m = z.max(axis=1, keepdims=True)
    if not np.isfinite(m).all():
        z = _limit_rows(z, m)
        m = z.max(axis=1, keepdims=True)
    d = np.subtract(z, m, out=out)
    err = _two_sum_error(z, -m, d)
    # Only −inf logits make the error term non-finite; test first, since a masked
    # copy costs more than the rest of the block.
    if not np.isfinite(err).all():
        np.copyto(err, 0.0, where=~np.isfinite(err))
    if log:
        # log Σ e^d = log(1 + rest), where the 1 is the largest entry's e^0. Summing
        # the rest apart and taking log1p keeps the digits of a confident row, whose
        # rest is tiny, that log(1 + rest) would round away.
        e = np.exp(d)
        e[np.arange(len(e)), d.argmax(axis=1)] = 0.0
        np.add(d, err, out=out)
        np.subtract(out, np.log1p(e.sum(axis=1, keepdims=True)), out=out)
        return
    e = np.exp(d, out=out)
    e += np.multiply(e, err, out=err)
    e /= e.sum(axis=1, keepdims=True)


def _two_sum_error(a: np.ndarray, b: np.ndarray, s: np.ndarray) -> np.ndarray:
    """The exact rounding error of s = fl(a + b) (Knuth's two-sum), in two buffers."""
    bb = s - a
    t = s - bb
    np.subtract(a, t, out=t)
    np.subtract(b, bb, out=bb)
    t += bb
    return t


def _limit_rows(z: np.ndarray, m: np.ndarray) -> np.ndarray:
    # A row with +inf tends to the uniform distribution over its +inf entries; a row
    # of all −inf has no limit.
    z = z.copy()
    plus = np.isposinf(m[:, 0])
    z[plus] = np.where(np.isposinf(z[plus]), 0.0, -np.inf)
    z[np.isneginf(m[:, 0])] = np.nan
    return z


def _softmax_jacobian(z: np.ndarray) -> np.ndarray:
    s = softmax(z)
    return s[..., :, None] * (np.eye(s.shape[-1]) - s[..., None, :])


class Softmax(Activation):
    """Softmax: ``expr`` is a K = 3 SymPy Matrix in ``nm.zs``; ``grad`` is the Jacobian.

    Range and properties are those of one component as a function of its own logit
    (the other logits fixed at 0).
    """

    def __call__(self, z, axis: int = -1) -> np.ndarray:
        return softmax(z, axis=axis)

    def grad(self, z) -> np.ndarray:
        """Jacobian ds_i/dz_j = s_i(δ_ij − s_j), shape (..., K, K), last axis."""
        return _softmax_jacobian(as_float_array(z, "z"))

    @cached_property
    def derivative_expr(self) -> sp.Matrix:
        """The Jacobian of ``expr`` with respect to ``nm.zs``, simplified."""
        return sp.simplify(self.expr.jacobian(zs))

    @property
    def default_expr(self) -> sp.Expr:
        return self.expr[0].subs({zs[0]: z, zs[1]: 0, zs[2]: 0})

    @property
    def kinks(self) -> list:
        return []


# --- softplus: derived in the chapter on modern activations ---------------------------

SOFTPLUS = sp.log(1 + sp.exp(z))


def softplus(z) -> np.ndarray:
    """softplus(z) = log(1 + e^z), computed as max(z, 0) + log1p(e^(−|z|)) so that
    it never overflows (chapter on modern activations)."""
    return _softplus(as_float_array(z, "z"))


def _softplus(z: np.ndarray) -> np.ndarray:
    out = np.empty_like(z)
    flat_z, flat_out = z.reshape(-1), out.reshape(-1)
    e = np.empty(min(BLOCK, z.size))
    for s in _blocks(z.size):
        zb, ob, eb = flat_z[s], flat_out[s], e[: s.stop - s.start]
        np.abs(zb, out=eb)
        np.negative(eb, out=eb)
        np.exp(eb, out=eb)
        np.log1p(eb, out=eb)
        np.maximum(zb, 0.0, out=ob)
        ob += eb
    return out


# --- SiLU (Swish): derived in the chapter on modern activations -----------------------

SILU = z * SIGMOID


def silu(z) -> np.ndarray:
    """silu(z) = z·σ(z), also called Swish (chapter on modern activations)."""
    return _silu(as_float_array(z, "z"))


def _silu(z: np.ndarray) -> np.ndarray:
    s = _sigmoid(z)
    # At z = −inf the product is −inf·0; the limit is σ's 0, already in s.
    return np.multiply(z, s, out=s, where=~np.isneginf(z))


def _silu_grad(z: np.ndarray) -> np.ndarray:
    # σ(z) + z σ(z) σ(−z); beyond |z| = 800 the second term is exactly 0 in float64,
    # and clipping keeps inf·0 out of it.
    t = np.clip(z, -800.0, 800.0)
    return _sigmoid(z) + t * _sigmoid(t) * _sigmoid(t, sign=-1.0)


# --- GELU: derived in the chapter on modern activations -------------------------------

GELU = z / 2 * (1 + sp.erf(z / sp.sqrt(2)))


def gelu(z) -> np.ndarray:
    """gelu(z) = z·Φ(z) = (z/2)(1 + erf(z/√2)), exact (chapter on modern activations).

    Computed as (z/2)·erfc(−z/√2), which keeps relative accuracy for z < 0 where
    1 + erf cancels.
    """
    return _gelu(as_float_array(z, "z"))


def _gelu(z: np.ndarray) -> np.ndarray:
    from scipy.special import erfc  # lazy: scipy costs import time nobody else pays

    phi = np.empty_like(z)
    erfc(-z / np.sqrt(2.0), out=phi)
    phi *= 0.5
    return np.multiply(z, phi, out=phi, where=~np.isneginf(z))


def _gelu_grad(z: np.ndarray) -> np.ndarray:
    from scipy.special import erfc

    # Φ(z) + z φ(z); beyond |z| = 40 the second term underflows to 0 anyway.
    t = np.clip(z, -40.0, 40.0)
    return 0.5 * erfc(-z / np.sqrt(2.0)) + t * np.exp(-0.5 * t * t) / np.sqrt(2 * np.pi)


# --- the registry, in the book's order ------------------------------------------------

ACTIVATIONS: dict[str, Activation] = {
    "sigmoid": Activation(
        "sigmoid", "Sigmoid", r"\sigma", SIGMOID, _sigmoid, _sigmoid_grad
    ),
    "tanh": Activation("tanh", "Tanh", r"\tanh", TANH, np.tanh, _tanh_grad),
    "relu": Activation("relu", "ReLU", r"\operatorname{ReLU}", RELU, relu, _relu_grad),
    "leaky_relu": Activation(
        "leaky_relu",
        "Leaky ReLU",
        r"\operatorname{LeakyReLU}",
        LEAKY_RELU,
        _leaky_relu,
        _leaky_relu_grad,
        params={slope: 0.01},
    ),
    "elu": Activation(
        "elu",
        "ELU",
        r"\operatorname{ELU}",
        ELU,
        _elu,
        _elu_grad,
        params={alpha: 1.0},
        positive=("alpha",),
    ),
    "linear": Activation(
        "linear", "Linear", r"\operatorname{id}", LINEAR, linear, _linear_grad
    ),
    "softmax": Softmax(
        "softmax", "Softmax", r"\operatorname{softmax}", SOFTMAX, softmax, None
    ),
    "softplus": Activation(
        "softplus",
        "Softplus",
        r"\operatorname{softplus}",
        SOFTPLUS,
        _softplus,
        _sigmoid,
    ),
    "silu": Activation(
        "silu", "SiLU (Swish)", r"\operatorname{SiLU}", SILU, _silu, _silu_grad
    ),
    "gelu": Activation("gelu", "GELU", r"\operatorname{GELU}", GELU, _gelu, _gelu_grad),
}


def activation(name: str) -> Activation:
    """The activation called ``name``; ValueError listing the valid names otherwise."""
    return pick(ACTIVATIONS, name, "activation")
