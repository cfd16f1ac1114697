"""The verified mathematics of neural-network activations, losses and deltas."""

from .activation import Activation, Properties
from .activations import (
    ACTIVATIONS,
    activation,
    elu,
    gelu,
    leaky_relu,
    linear,
    log_sigmoid,
    log_softmax,
    logsumexp,
    relu,
    sigmoid,
    silu,
    softmax,
    softmax_vjp,
    softplus,
    tanh,
)
from .analysis import Kink
from .data import one_hot, spirals, two_moons, xor
from .deltas import CANONICAL, delta, delta_expr
from .gradcheck import check_grad
from .losses import LOSSES, LogitLoss, Loss, bce_with_logits, cce_with_logits, loss
from .mlp import MLP
from .symbols import K, alpha, latex, slope, y, y_hat, y_hats, ys, z, zs

__all__ = [
    "MLP",
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
    "delta",
    "delta_expr",
    "loss",
    "ACTIVATIONS",
    "Activation",
    "K",
    "Kink",
    "Properties",
    "activation",
    "check_grad",
    "alpha",
    "elu",
    "gelu",
    "latex",
    "leaky_relu",
    "linear",
    "log_sigmoid",
    "log_softmax",
    "logsumexp",
    "relu",
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
