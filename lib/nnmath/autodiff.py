"""Reverse-mode automatic differentiation on arrays, each VJP beside its forward."""

import numpy as np

from .activations import _softmax, _softmax_vjp
from .activations import activation as _activation
from .losses import bce_with_logits, cce_with_logits
from .losses import loss as _loss
from .validate import as_float_array

WITH_LOGITS = {"bce": bce_with_logits, "cce": cce_with_logits}


class Var:
    """A node of a computational graph: an array ``value``, the ``parents`` it was
    computed from and, per parent, the vector–Jacobian product (``vjps``) that turns
    this node's gradient into that parent's share.

    ``Var(x)`` is a leaf that needs a gradient; arrays that are not ``Var`` (data,
    targets) enter as constants and get none. ``+``, ``*``, ``@``, ``.T``, ``.sum()``
    and the functions of this module build new nodes. After ``L.backward()`` each
    node's ``grad`` is dL/d(value), of its shape. Derived in the chapter on
    automatic differentiation.
    """

    __array_ufunc__ = None  # ndarray @ Var defers to Var.__rmatmul__

    def __init__(self, value, parents=(), vjps=(), op="leaf", needs_grad=True):
        self.value = value if parents else as_float_array(value, "value")
        self.parents, self.vjps, self.op = parents, vjps, op
        self.needs_grad = needs_grad
        self.grad = None

    def __repr__(self) -> str:
        return f"Var({self.op}, shape={self.value.shape})"

    @property
    def shape(self) -> tuple:
        return self.value.shape

    def __add__(self, other):
        return add(self, other)

    __radd__ = __add__

    def __mul__(self, other):
        return mul(self, other)

    __rmul__ = __mul__

    def __matmul__(self, other):
        return matmul(self, other)

    def __rmatmul__(self, other):
        return matmul(other, self)

    @property
    def T(self):
        """The transpose; its VJP transposes the gradient back."""
        return _node(self.value.T, "transpose", (self, lambda g: g.T))

    def sum(self):
        """The sum of all entries; its VJP spreads the gradient to every entry."""
        return _node(self.value.sum(), "sum", (self, lambda g: np.full(self.shape, g)))

    def backward(self) -> None:
        """dL/dv for every node v this scalar L depends on (L itself gets 1)."""
        if self.value.size != 1:
            raise ValueError(
                "backward needs a scalar (a loss); got a value of shape "
                f"{self.shape}: sum it or take a loss first"
            )
        order = _topological(self)
        for node in order:
            node.grad = np.zeros(node.shape)
        self.grad = np.ones(self.shape)
        for node in reversed(order):  # every child is done before its parents
            for parent, vjp in zip(node.parents, node.vjps, strict=True):
                if parent.needs_grad:
                    # fan-out: a node used twice receives the sum of both shares;
                    # not +=, which would write into an array another node holds
                    parent.grad = parent.grad + vjp(node.grad)


def _topological(root: Var) -> list[Var]:
    """The nodes that need a gradient, each after all of its parents."""
    order, seen, stack = [], set(), [(root, False)]
    while stack:  # a loop rather than recursion: deep graphs are fine
        node, parents_done = stack.pop()
        if parents_done:
            order.append(node)
        elif id(node) not in seen:
            seen.add(id(node))
            stack.append((node, True))
            stack.extend((p, False) for p in node.parents if p.needs_grad)
    return order


def _node(value, op, *pairs) -> Var:
    """A new node from (parent, vjp) pairs; constant unless a parent needs a grad."""
    parents, vjps = zip(*pairs, strict=True)
    needs = any(p.needs_grad for p in parents)
    return Var(np.asarray(value, dtype=np.float64), parents, vjps, op, needs)


def _var(x) -> Var:
    """``x`` itself if it is a Var, else a constant node (no gradient)."""
    return x if isinstance(x, Var) else Var(x, op="constant", needs_grad=False)


def _unbroadcast(g: np.ndarray, shape: tuple) -> np.ndarray:
    """Sum ``g`` over the axes broadcasting added or stretched, back to ``shape``."""
    g = g.sum(axis=tuple(range(g.ndim - len(shape)))) if g.ndim > len(shape) else g
    stretched = tuple(i for i, n in enumerate(shape) if n == 1 and g.shape[i] != 1)
    return g.sum(axis=stretched, keepdims=True) if stretched else g


def _check_broadcast(a: Var, b: Var, op: str) -> None:
    try:
        np.broadcast_shapes(a.shape, b.shape)
    except ValueError:
        raise ValueError(
            f"{op} needs shapes that broadcast; got {a.shape} and {b.shape}"
        ) from None


def add(a, b) -> Var:
    """a + b with NumPy broadcasting; each VJP sums over the axes it broadcast."""
    a, b = _var(a), _var(b)
    _check_broadcast(a, b, "add")
    return _node(
        a.value + b.value,
        "add",
        (a, lambda g: _unbroadcast(g, a.shape)),
        (b, lambda g: _unbroadcast(g, b.shape)),
    )


def mul(a, b) -> Var:
    """a ⊙ b elementwise with broadcasting; the VJP to a is g ⊙ b, to b is g ⊙ a."""
    a, b = _var(a), _var(b)
    _check_broadcast(a, b, "mul")
    return _node(
        a.value * b.value,
        "mul",
        (a, lambda g: _unbroadcast(g * b.value, a.shape)),
        (b, lambda g: _unbroadcast(g * a.value, b.shape)),
    )


def matmul(a, b) -> Var:
    """C = A B for 2-d A (m, k) and B (k, n); the VJPs are G Bᵀ and Aᵀ G."""
    a, b = _var(a), _var(b)
    if a.value.ndim != 2 or b.value.ndim != 2 or a.shape[1] != b.shape[0]:
        raise ValueError(
            "matmul needs 2-d arrays A (m, k) and B (k, n); "
            f"got A {a.shape} and B {b.shape}"
        )
    return _node(
        a.value @ b.value,
        "matmul",
        (a, lambda g: g @ b.value.T),
        (b, lambda g: a.value.T @ g),
    )


def activate(z, name: str, **params) -> Var:
    """g(z) elementwise for the library's activation ``name``; VJP g ⊙ g'(z)."""
    z, act = _var(z), _activation(name)
    if act.name == "softmax":
        raise ValueError("softmax is not elementwise: use autodiff.softmax(z)")
    value = act(z.value, **params)
    return _node(value, name, (z, lambda g: g * act.grad(z.value, **params)))


def softmax(z) -> Var:
    """softmax along the last axis; VJP s ⊙ (g − ⟨g, s⟩), the library's softmax_vjp."""
    z = _var(z)
    if z.value.ndim == 0:
        raise ValueError("softmax needs a class axis (the last); got a scalar")
    value = _softmax(z.value, -1)
    return _node(value, "softmax", (z, lambda g: _softmax_vjp(z.value, g, -1)))


def loss(y, y_hat, name: str) -> Var:
    """The library's mean loss ``name`` of the prediction y_hat against constant
    targets y; VJP g · dL/dŷ (``loss.grad``, which includes the 1/N)."""
    L, y_hat = _loss(name), _var(y_hat)
    value = L(y, y_hat.value)
    return _node(value, name, (y_hat, lambda g: g * L.grad(y, y_hat.value)))


def loss_with_logits(y, z, name: str) -> Var:
    """The mean cross-entropy ``name`` ("bce" or "cce") taken on the logits z, as
    ``nm.bce_with_logits`` and ``nm.cce_with_logits``: the output activation and
    the loss as one node, whose VJP g·(ŷ − y)/N stays exact where ŷ rounds to 0
    or 1."""
    if name not in WITH_LOGITS:
        raise ValueError(f"loss_with_logits takes 'bce' or 'cce'; got {name!r}")
    f, z = WITH_LOGITS[name], _var(z)
    return _node(f(y, z.value), f.name, (z, lambda g: g * f.grad(y, z.value)))
