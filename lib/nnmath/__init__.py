"""The verified mathematics of neural-network activations, losses and deltas."""

from .activation import Activation, Properties
from .activations import (
    ACTIVATIONS,
    SELU_ALPHA,
    SELU_SCALE,
    activation,
    elu,
    gelu,
    leaky_relu,
    linear,
    log_sigmoid,
    log_softmax,
    logsumexp,
    relu,
    selu,
    sigmoid,
    silu,
    softmax,
    softmax_vjp,
    softplus,
    tanh,
)
from .analysis import Kink
from .clipping import clip_by_norm, clip_by_value, global_norm
from .data import one_hot, spirals, two_moons, xor
from .deltas import CANONICAL, delta, delta_expr
from .gradcheck import check_grad
from .losses import (
    LOSSES,
    LogitLoss,
    Loss,
    bce_with_logits,
    cce_with_logits,
    focal_with_logits,
    loss,
    poisson_with_logits,
)
from .mlp import MLP
from .normalisation import (
    batch_norm,
    batch_norm_backward,
    layer_norm,
    layer_norm_backward,
    standardise_expr,
)
from .optimisers import SGD, Adam, Momentum
from .saturation import dead_fraction, dead_units, saturated_fraction, saturation_edge
from .symbols import K, alpha, gamma, latex, scale, slope, y, y_hat, y_hats, ys, z, zs

__all__ = [
    "batch_norm",
    "batch_norm_backward",
    "clip_by_norm",
    "clip_by_value",
    "dead_fraction",
    "dead_units",
    "global_norm",
    "layer_norm",
    "layer_norm_backward",
    "saturated_fraction",
    "saturation_edge",
    "standardise_expr",
    "MLP",
    "SGD",
    "Adam",
    "Momentum",
    "one_hot",
    "spirals",
    "two_moons",
    "xor",
    "CANONICAL",
    "LOSSES",
    "Loss",
    "LogitLoss",
    "bce_with_logits",
    "cce_with_logits",
    "focal_with_logits",
    "poisson_with_logits",
    "delta",
    "delta_expr",
    "loss",
    "ACTIVATIONS",
    "SELU_ALPHA",
    "SELU_SCALE",
    "Activation",
    "K",
    "Kink",
    "Properties",
    "activation",
    "check_grad",
    "alpha",
    "elu",
    "gamma",
    "gelu",
    "latex",
    "leaky_relu",
    "linear",
    "log_sigmoid",
    "log_softmax",
    "logsumexp",
    "relu",
    "scale",
    "selu",
    "sigmoid",
    "silu",
    "slope",
    "softmax",
    "softmax_vjp",
    "softplus",
    "tanh",
    "y",
    "y_hat",
    "y_hats",
    "ys",
    "z",
    "zs",
]


def __getattr__(name: str):
    """``nm.exercises`` (the exercise checkers) is imported on first use."""
    if name == "exercises":
        import importlib

        return importlib.import_module(".exercises", __name__)
    raise AttributeError(f"module 'nnmath' has no attribute {name!r}")
