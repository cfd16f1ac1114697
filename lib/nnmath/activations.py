"""Every activation of the book: SymPy expression beside its NumPy forward and grad.

Non-finite inputs follow one rule: NaN propagates (to its own entry, or to its whole
row for softmax, log_softmax and logsumexp), and ±inf gives the limit as z tends to
it, e.g. sigmoid(−inf) = 0, silu(−inf) = 0, softplus'(inf) = 1. A row whose largest
entry is infinite takes the limit as the entries equal to it move off together:
softmax is uniform over those entries (over the whole row if all are −inf), and
logsumexp is that largest entry. No input raises a floating-point warning.

scipy.special is imported inside the kernels that call it: it would add about 0.4 s
to ``import nnmath``.
"""

from functools import cached_property

import numpy as np
import sympy as sp

from .activation import Activation, keep_nan
from .symbols import alpha, scale, slope, z, zs
from .validate import as_float_array, pick

# --- sigmoid: derived in the chapter on sigmoid and tanh ------------------------------

SIGMOID = 1 / (1 + sp.exp(-z))


def sigmoid(z) -> np.ndarray:
    """σ(z) = 1 / (1 + e^(−z)), the logistic function (chapter on sigmoid and tanh).

    SciPy's ``expit`` takes 1/(1 + e^(−z)) for z ≥ 0 and e^z/(1 + e^z) for z < 0, so
    exp never overflows and both tails keep full relative accuracy.
    """
    return _sigmoid(as_float_array(z, "z"))


def _sigmoid(z: np.ndarray) -> np.ndarray:
    from scipy.special import expit

    return expit(z)


def _sigmoid_grad(z: np.ndarray) -> np.ndarray:
    from scipy.special import expit

    # σ(z)σ(−z) rather than σ(1 − σ): no cancellation in the tails.
    return expit(z) * expit(-z)


def log_sigmoid(z) -> np.ndarray:
    """log σ(z) = −softplus(−z), without overflow or cancellation for any z.

    The log-probability of the positive class, the term of binary cross-entropy on
    logits (chapter on sigmoid or softmax); SciPy's ``log_expit``.
    """
    return _log_sigmoid(as_float_array(z, "z"))


def _log_sigmoid(z: np.ndarray) -> np.ndarray:
    from scipy.special import log_expit

    return log_expit(z)


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


def softmax(z, axis: int | None = -1) -> np.ndarray:
    """softmax(z)_k = e^(z_k) / Σ_j e^(z_j) along ``axis`` (None: over all entries).

    Computed as e^(z_k − m) / Σ_j e^(z_j − m), m = max_j z_j, so nothing overflows.
    Derived in the chapter on softmax and the linear output.
    """
    z = as_float_array(z, "z")
    return _softmax(z, _check_axis(z, axis))


def log_softmax(z, axis: int | None = -1) -> np.ndarray:
    """log softmax(z)_k = z_k − log Σ_j e^(z_j) along ``axis`` (None: all entries).

    Computed as (z_k − m) − log1p(Σ_{j≠j*} e^(z_j − m)), m = z_j* = max_j z_j, so
    nothing overflows and a confident row keeps the digits of its small losses.
    Derived in the chapter on softmax and the linear output.
    """
    z = as_float_array(z, "z")
    return _softmax(z, _check_axis(z, axis), log=True)


def logsumexp(z, axis: int | None = -1, keepdims: bool = False) -> np.ndarray:
    """log Σ_j e^(z_j) along ``axis`` (None: over all entries), computed stably.

    m + log1p(Σ_{j≠j*} e^(z_j − m)), m = z_j* = max_j z_j; an empty sum gives −inf.
    ``keepdims`` keeps the summed axis with length 1, as in NumPy. Derived in the
    chapter on softmax and the linear output.
    """
    z = as_float_array(z, "z")
    return _logsumexp(z, _check_axis(z, axis), keepdims=bool(keepdims))


def softmax_vjp(z, v, axis: int | None = -1) -> np.ndarray:
    """vᵀ J for the softmax Jacobian J at z along ``axis``: s ⊙ (v − ⟨v, s⟩).

    This is the backward pass through softmax; it needs O(N K) memory where the
    Jacobians would take O(N K²) (chapter on backpropagation deltas).
    """
    z, v = as_float_array(z, "z"), as_float_array(v, "v")
    if z.shape != v.shape:
        raise ValueError(
            f"z and v must have the same shape; got z {z.shape} and v {v.shape}"
        )
    return _softmax_vjp(z, v, _check_axis(z, axis))


def _check_axis(z: np.ndarray, axis):
    if axis is None:
        return None
    if isinstance(axis, bool) or not isinstance(axis, int | np.integer):
        raise TypeError(f"axis must be an int or None; got {axis!r}")
    if not -z.ndim <= axis < z.ndim:
        raise ValueError(
            f"axis {axis} is out of range for z of shape {z.shape}; "
            "use axis=None to take all entries together"
        )
    return int(axis)


def _softmax(z: np.ndarray, axis: int | None, log: bool = False) -> np.ndarray:
    if axis is None:
        return _softmax(z.reshape(-1), 0, log).reshape(z.shape)
    rows = _rows(z, axis)
    if rows.shape[-1] == 0:
        return np.zeros(z.shape)
    d, top = _shift(rows)
    e = np.exp(d)
    out = d - _log_sum(e, top) if log else e / e.sum(axis=-1, keepdims=True)
    return np.moveaxis(out, -1, axis)


def _logsumexp(z: np.ndarray, axis: int | None, keepdims: bool = False):
    if axis is None:
        out = _logsumexp(z.reshape(-1), 0)
        return out.reshape((1,) * z.ndim) if keepdims else out
    rows = _rows(z, axis)
    if rows.shape[-1] == 0:  # log of an empty sum
        out = np.full(rows.shape[:-1] + (1,), -np.inf)
    else:
        d, top = _shift(rows)
        out = np.take_along_axis(rows, top, axis=-1) + _log_sum(np.exp(d), top)
    return np.moveaxis(out, -1, axis) if keepdims else out[..., 0]


def _rows(z: np.ndarray, axis: int) -> np.ndarray:
    """z with ``axis`` moved last, C-contiguous: every row is then summed in the same
    order, so the result does not depend on z's memory layout."""
    return np.ascontiguousarray(np.moveaxis(z, axis, -1))


def _shift(rows: np.ndarray):
    """(rows − m, top): m = rows[top] is the largest entry of each row (first if tied).

    A row whose largest entry m is infinite is replaced by its limit first: 0 where
    the entry equals m, −inf elsewhere.
    """
    top = np.argmax(rows, axis=-1, keepdims=True)
    m = np.take_along_axis(rows, top, axis=-1)
    if not np.isfinite(m).all():
        rows = np.where(np.isinf(m), np.where(rows == m, 0.0, -np.inf), rows)
        m = np.take_along_axis(rows, top, axis=-1)
    # rows − m overflows to −inf only where e^(rows − m) underflows to 0 anyway.
    with np.errstate(over="ignore"):
        return rows - m, top


def _log_sum(e: np.ndarray, top: np.ndarray) -> np.ndarray:
    """log Σ e over each row, where e[top] = e^0 = 1, as log1p of the other terms.

    A confident row has a tiny rest; log(1 + rest) would round it away, log1p keeps
    it. ``e`` is overwritten.
    """
    np.put_along_axis(e, top, 0.0, axis=-1)
    return np.log1p(e.sum(axis=-1, keepdims=True))


def _softmax_vjp(z: np.ndarray, v: np.ndarray, axis: int | None = -1) -> np.ndarray:
    if axis is None:
        return _softmax_vjp(z.reshape(-1), v.reshape(-1), 0).reshape(z.shape)
    s, v = _softmax(_rows(z, axis), -1), _rows(v, axis)
    out = s * (v - np.sum(v * s, axis=-1, keepdims=True))
    return np.moveaxis(out, -1, axis)


def _softmax_jacobian(z: np.ndarray, axis: int | None) -> np.ndarray:
    if axis is None:
        return _softmax_jacobian(z.reshape(-1), 0).reshape(z.shape * 2)
    axis %= z.ndim
    s = _softmax(_rows(z, axis), -1)
    jacobian = s[..., :, None] * (np.eye(s.shape[-1]) - s[..., None, :])
    return np.moveaxis(jacobian, (-2, -1), (axis, axis + 1))


class Softmax(Activation):
    """Softmax: ``expr`` is a K = 3 SymPy Matrix in ``nm.zs``; ``grad`` is the Jacobian.

    Range and properties are those of one component as a function of its own logit
    (the other logits fixed at 0).
    """

    def __call__(self, z, axis: int | None = -1) -> np.ndarray:
        return softmax(z, axis=axis)

    def grad(self, z, axis: int | None = -1) -> np.ndarray:
        """Jacobian ∂s_i/∂z_j = s_i(δ_ij − s_j) of the softmax along ``axis``.

        The axis of length K is replaced by two, i then j: a (N, K) input gives
        (N, K, K) for axis=-1 and (K, K, N) for axis=0. With axis=None the whole
        array is one distribution and the shape is z.shape + z.shape.
        """
        z = as_float_array(z, "z")
        return _softmax_jacobian(z, _check_axis(z, axis))

    @cached_property
    def derivative_expr(self) -> sp.Matrix:
        """The Jacobian of ``expr`` with respect to ``nm.zs``, simplified.

        Each entry is a rational function of the e^(z_k): factoring it and combining
        the powers gives what ``sp.simplify`` gives (tests/test_activations.py checks
        the two are identical) in about a tenth of the time.
        """
        return self.expr.jacobian(zs).applyfunc(lambda d: sp.powsimp(sp.factor(d)))

    @property
    def default_expr(self) -> sp.Expr:
        return self.expr[0].subs({zs[0]: z, zs[1]: 0, zs[2]: 0})

    @property
    def kinks(self) -> list:
        return []


# --- softplus: derived in the chapter on modern activations ---------------------------

SOFTPLUS = sp.log(1 + sp.exp(z))


def softplus(z) -> np.ndarray:
    """softplus(z) = log(1 + e^z) = −log σ(−z) (chapter on modern activations).

    SciPy's ``log_expit`` computes it as max(z, 0) + log1p(e^(−|z|)), which never
    overflows and keeps full relative accuracy in both tails.
    """
    return _softplus(as_float_array(z, "z"))


def _softplus(z: np.ndarray) -> np.ndarray:
    return -_log_sigmoid(-z)


# --- SiLU (Swish): derived in the chapter on modern activations -----------------------

SILU = z * SIGMOID


def silu(z) -> np.ndarray:
    """silu(z) = z·σ(z), also called Swish (chapter on modern activations)."""
    return _silu(as_float_array(z, "z"))


def _silu(z: np.ndarray) -> np.ndarray:
    # Below z = −800, z σ(z) underflows to 0 and σ(z) is 0: raising z to −800 there
    # changes nothing but keeps −inf·0 = NaN out.
    return np.maximum(z, -800.0) * _sigmoid(z)


def _silu_grad(z: np.ndarray) -> np.ndarray:
    from scipy.special import expit

    # σ(z) + z σ(z) σ(−z). Beyond |z| = 800 the second term is below 800 e^(−800),
    # 0 in float64, and σ(z) is already 0 or 1: clipping keeps inf·0 out.
    t = np.clip(z, -800.0, 800.0)
    s = expit(t)
    return s + t * s * expit(-t)


# --- GELU: derived in the chapter on modern activations -------------------------------

GELU = z / 2 * (1 + sp.erf(z / sp.sqrt(2)))


def gelu(z) -> np.ndarray:
    """gelu(z) = z·Φ(z) = (z/2)(1 + erf(z/√2)), exact (chapter on modern activations).

    Φ is SciPy's ``ndtr``, which uses erfc in the tails where 1 + erf cancels.
    """
    return _gelu(as_float_array(z, "z"))


def _gelu(z: np.ndarray) -> np.ndarray:
    from scipy.special import ndtr

    # Below z = −40, z Φ(z) underflows to 0 and Φ(z) is 0: raising z to −40 there
    # changes nothing but keeps −inf·0 = NaN out.
    return np.maximum(z, -40.0) * ndtr(z)


def _gelu_grad(z: np.ndarray) -> np.ndarray:
    from scipy.special import ndtr

    # Φ(z) + z φ(z); beyond |z| = 40 the second term underflows to 0 anyway.
    t = np.clip(z, -40.0, 40.0)
    return ndtr(z) + t * np.exp(-0.5 * t * t) / np.sqrt(2 * np.pi)


# --- SELU: derived in the chapter on initialisation -----------------------------------

SELU = sp.Piecewise((scale * alpha * (sp.exp(z) - 1), z <= 0), (scale * z, True))
# Klambauer et al. (2017)'s constants, as PyTorch and the paper print them: the α and
# scale for which z ~ N(0, 1) gives E[selu(z)] = 0 and E[selu(z)²] = 1. The chapter on
# initialisation solves those two equations to 50 digits and asserts these.
SELU_ALPHA = 1.6732632423543772
SELU_SCALE = 1.0507009873554805


def selu(z, alpha: float = SELU_ALPHA, scale: float = SELU_SCALE) -> np.ndarray:
    """selu(z) = scale·z for z > 0, scale·alpha·(e^z − 1) otherwise: a scaled ELU.

    The defaults are the self-normalising constants of Klambauer et al. (2017),
    derived in the chapter on initialisation.
    """
    return ACTIVATIONS["selu"](z, alpha=alpha, scale=scale)


def _selu(z: np.ndarray, alpha: float, scale: float) -> np.ndarray:
    return scale * _elu(z, alpha)


def _selu_grad(z: np.ndarray, alpha: float, scale: float) -> np.ndarray:
    return scale * _elu_grad(z, alpha)


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
    "selu": Activation(
        "selu",
        "SELU",
        r"\operatorname{SELU}",
        SELU,
        _selu,
        _selu_grad,
        params={alpha: SELU_ALPHA, scale: SELU_SCALE},
        positive=("alpha", "scale"),
    ),
}


def activation(name: str) -> Activation:
    """The activation called ``name``; ValueError listing the valid names otherwise."""
    return pick(ACTIVATIONS, name, "activation")
