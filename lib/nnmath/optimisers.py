"""Optimisers that update a list of parameter arrays in place: SGD, momentum, Adam."""

import numpy as np

from .validate import as_float_array, check_param


class SGD:
    """``SGD(lr)``: the gradient-descent step p ← p − lr·g for every array.

    Fed the gradient of a random mini-batch, this is stochastic gradient descent,
    an instance of the stochastic approximation of Robbins and Monro (1951), whose
    convergence proof needs step sizes that shrink. Derived in the chapter on
    optimisers.
    """

    def __init__(self, lr):
        self.lr = check_param("lr", lr, positive=True)

    def step(self, params, grads) -> None:
        """Update every array of ``params`` in place by its gradient in ``grads``.

        ``params`` is a list of float arrays (for the book's network, ``net.W +
        net.b``); ``grads`` has one gradient per array, of its shape, in the same
        order (``g["dW"] + g["db"]``). The same holds for every optimiser here.
        """
        for p, g in _pairs(params, grads):
            p -= self.lr * g


class Momentum:
    """``Momentum(lr, beta=0.9)``: the heavy ball, u ← β u + g, then p ← p − lr·u.

    The velocity u starts at 0, so the update is
    p_{t+1} = p_t − lr·g_t + β (p_t − p_{t−1}) (Polyak, 1964), the form PyTorch's
    ``SGD(momentum=beta)`` uses. ``beta`` must lie in [0, 1); ``beta = 0`` is SGD.
    Stable on a quadratic for lr < 2(1 + β)/λ_max: derived in the chapter on
    optimisers.
    """

    def __init__(self, lr, beta=0.9):
        self.lr = check_param("lr", lr, positive=True)
        self.beta = _check_rate("beta", beta)
        self.velocity = None

    def step(self, params, grads) -> None:
        """Update every array of ``params`` in place, and the velocities."""
        pairs = _pairs(params, grads)
        self.velocity = _state(self.velocity, pairs)
        for (p, g), u in zip(pairs, self.velocity, strict=True):
            u *= self.beta
            u += g
            p -= self.lr * u


class Adam:
    """``Adam(lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8)`` (Kingma and Ba, 2015).

    Moving averages of the gradient and of its square, m ← β1 m + (1 − β1) g and
    v ← β2 v + (1 − β2) g², both starting at 0; bias-corrected,
    m̂ = m/(1 − β1^t) and v̂ = v/(1 − β2^t) at step t = 1, 2, ...; then
    p ← p − lr·m̂/(√v̂ + eps). ``beta1`` and ``beta2`` must lie in [0, 1), ``eps``
    must be > 0. Why m̂ and v̂ are divided by 1 − β^t is derived in the chapter on
    optimisers.
    """

    def __init__(self, lr=0.001, beta1=0.9, beta2=0.999, eps=1e-8):
        self.lr = check_param("lr", lr, positive=True)
        self.beta1 = _check_rate("beta1", beta1)
        self.beta2 = _check_rate("beta2", beta2)
        self.eps = check_param("eps", eps, positive=True)
        self.t, self.m, self.v = 0, None, None

    def step(self, params, grads) -> None:
        """Update every array of ``params`` in place, and the moving averages."""
        pairs = _pairs(params, grads)
        self.m, self.v = _state(self.m, pairs), _state(self.v, pairs)
        self.t += 1
        b1, b2 = self.beta1, self.beta2
        for (p, g), m, v in zip(pairs, self.m, self.v, strict=True):
            m[...] = b1 * m + (1 - b1) * g
            v[...] = b2 * v + (1 - b2) * g**2
            m_hat = m / (1 - b1**self.t)
            v_hat = v / (1 - b2**self.t)
            p -= self.lr * m_hat / (np.sqrt(v_hat) + self.eps)


def _check_rate(name: str, value) -> float:
    """A decay rate as float; it must lie in [0, 1)."""
    if isinstance(value, bool) or not isinstance(value, int | float | np.number):
        raise TypeError(f"{name} must be a real number; got {value!r}")
    value = float(value)
    if not 0 <= value < 1:
        raise ValueError(f"{name} must lie in [0, 1); got {value!r}")
    return value


def _pairs(params, grads) -> list:
    """(parameter, gradient) pairs, checked: float arrays to update, same shapes."""
    if not isinstance(params, list | tuple):
        raise TypeError(f"params must be a list of arrays; got {type(params).__name__}")
    if not isinstance(grads, list | tuple) or len(grads) != len(params):
        got = len(grads) if isinstance(grads, list | tuple) else type(grads).__name__
        raise ValueError(
            f"grads must be a list with one array per parameter ({len(params)}); "
            f"got {got}"
        )
    pairs = []
    for i, (p, g) in enumerate(zip(params, grads, strict=True)):
        if not isinstance(p, np.ndarray) or p.dtype.kind != "f":
            raise TypeError(
                f"params[{i}] must be a float NumPy array (it is updated in place); "
                f"got {type(p).__name__}"
                + (f" of dtype {p.dtype}" if isinstance(p, np.ndarray) else "")
            )
        if not p.flags.writeable:
            raise ValueError(f"params[{i}] must be writeable (it is updated in place)")
        g = as_float_array(g, f"grads[{i}]")
        if g.shape != p.shape:
            raise ValueError(
                f"grads[{i}] must have the shape of params[{i}], {p.shape}; "
                f"got {g.shape}"
            )
        pairs.append((p, g))
    return pairs


def _state(state, pairs) -> list:
    """Zeros shaped like the parameters on the first step; later, the same shapes."""
    if state is None:
        return [np.zeros(p.shape) for p, _ in pairs]
    shapes = [s.shape for s in state]
    if shapes != [p.shape for p, _ in pairs]:
        raise ValueError(
            f"params must keep the shapes of the first step, {shapes}; "
            f"got {[p.shape for p, _ in pairs]}"
        )
    return state
