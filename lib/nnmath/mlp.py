"""A tiny fully connected network with backpropagation written as the book derives it.

Shapes: rows are samples. X is (N, d); layer l has W^[l] of shape (n_l, n_{l-1}) as in
the book's z = W a + b, b^[l] of shape (n_l,), and for the whole batch
Z^[l] = A^[l-1] W^[l]ᵀ + b^[l], A^[l] = g(Z^[l]), both (N, n_l). Lists are indexed
from 0, so ``W[0]`` is the book's W^[1]. Derived in the chapter on backpropagation
deltas.
"""

import numpy as np

from .activations import activation
from .deltas import delta
from .losses import loss as _loss
from .validate import as_float_array, as_numeric_array, pick

RELU_FAMILY = {"relu", "leaky_relu", "elu"}

# Weight standard deviations; each draws W^[l] from N(0, std²).
INITS = {
    "lecun": lambda n_in, n_out: np.sqrt(1.0 / n_in),
    "xavier": lambda n_in, n_out: np.sqrt(2.0 / (n_in + n_out)),
    "glorot": lambda n_in, n_out: np.sqrt(2.0 / (n_in + n_out)),
    "he": lambda n_in, n_out: np.sqrt(2.0 / n_in),
    "kaiming": lambda n_in, n_out: np.sqrt(2.0 / n_in),
}


class MLP:
    """``MLP(sizes, hidden="relu", output="sigmoid", loss="bce", seed=0, init=None)``.

    ``sizes`` = [d, n_1, ..., n_L], positive integers; ``hidden_params`` (e.g.
    {"slope": 0.1}) go to the hidden activation. Weights are drawn from
    ``np.random.default_rng(seed)`` with the std of ``init``:

    - ``"lecun"``: √(1/n_in) (LeCun et al., 1998);
    - ``"xavier"`` or ``"glorot"``: √(2/(n_in + n_out)) (Glorot and Bengio, 2010);
    - ``"he"`` or ``"kaiming"``: √(2/n_in) (He et al., 2015);

    by default He under the ReLU family and LeCun otherwise. Biases start at 0.
    Targets ``y`` have ŷ's shape (a vector is taken as one output column); with the
    cce loss they may also be integer class labels, one per sample.
    """

    def __init__(
        self,
        sizes,
        hidden="relu",
        output="sigmoid",
        loss="bce",
        seed=0,
        hidden_params=None,
        init=None,
    ):
        sizes = _check_sizes(sizes)
        self.hidden, self.output = activation(hidden), activation(output)
        self.loss = _loss(loss)
        self.hidden_params = dict(hidden_params or {})
        self.hidden(0.0, **self.hidden_params)  # reject bad parameters now
        if init is None:
            init = "he" if self.hidden.name in RELU_FAMILY else "lecun"
        std = pick(INITS, init, "init")
        rng = np.random.default_rng(seed)
        self.W = [
            rng.normal(0, std(n_in, n_out), size=(n_out, n_in))
            for n_in, n_out in zip(sizes[:-1], sizes[1:], strict=True)
        ]
        self.b = [np.zeros(n_out) for n_out in sizes[1:]]
        self.z, self.a, self.grads = [], [], None

    def forward(self, X) -> np.ndarray:
        """ŷ for X of shape (N, d); stores ``z`` and ``a`` per layer (``a[0]`` = X)."""
        A = as_float_array(X, "X")
        if A.ndim != 2 or A.shape[1] != self.W[0].shape[1]:
            raise ValueError(
                f"X must have shape (N, {self.W[0].shape[1]}); got {A.shape}"
            )
        self.z, self.a = [], [A]
        for layer, (W, b) in enumerate(zip(self.W, self.b, strict=True)):
            Z = A @ W.T + b
            last = layer == len(self.W) - 1
            A = self.output(Z) if last else self.hidden(Z, **self.hidden_params)
            self.z.append(Z)
            self.a.append(A)
        return A

    def backward(self, y) -> dict:
        """Gradients of the mean loss after ``forward``.

        Returns (and stores as ``grads``) a dict of lists, one entry per layer:
        ``delta`` (N, n_l) = dL/dZ^[l], ``dW`` (n_l, n_{l-1}), ``db`` (n_l,).
        """
        y = self._targets(y)
        deltas = [delta(self.output, self.loss, y, self.z[-1])]
        for layer in range(len(self.W) - 2, -1, -1):
            # δ^[l] = (W^[l+1]ᵀ δ^[l+1]) ⊙ g'(z^[l]), each row of the batch transposed
            back = deltas[0] @ self.W[layer + 1]
            deltas.insert(
                0, back * self.hidden.grad(self.z[layer], **self.hidden_params)
            )
        self.grads = {
            "delta": deltas,
            "dW": [d.T @ a for d, a in zip(deltas, self.a[:-1], strict=True)],
            "db": [d.sum(axis=0) for d in deltas],
        }
        return self.grads

    def step(self, lr: float) -> None:
        """One gradient-descent step W ← W − lr·dW, b ← b − lr·db."""
        for W, b, dW, db in zip(
            self.W, self.b, self.grads["dW"], self.grads["db"], strict=True
        ):
            W -= lr * dW
            b -= lr * db

    def fit(self, X, y, epochs: int, lr: float) -> np.ndarray:
        """Full-batch gradient descent; returns the loss before each step."""
        history, targets = [], None
        for _ in range(epochs):
            y_hat = self.forward(X)
            if targets is None:  # checked once, against the shape forward gives
                targets = self._targets(y)
            history.append(self.loss(targets, y_hat))
            self.backward(targets)
            self.step(lr)
        return np.array(history)

    def predict(self, X) -> np.ndarray:
        """ŷ for X without keeping anything."""
        z, a = self.z, self.a
        out = self.forward(X)
        self.z, self.a = z, a
        return out

    def _targets(self, y) -> np.ndarray:
        shape = self.z[-1].shape  # set by forward
        if self.loss.name == "cce":
            labels = as_numeric_array(y, "y")
            if labels.dtype.kind in "iu" and labels.shape == shape[:-1]:
                return labels  # class labels: cce reads them as one-hot rows
        y = as_float_array(y, "y")
        column = y[:, None] if y.ndim == 1 and shape[1] == 1 else y
        if column.shape != shape:
            raise ValueError(f"y must have shape {shape}; got {y.shape}")
        return column


def _check_sizes(sizes) -> list[int]:
    """The layer sizes as ints; TypeError or ValueError naming the culprit."""
    try:
        sizes = list(sizes)
    except TypeError:
        raise TypeError(f"sizes must be a list of integers; got {sizes!r}") from None
    if len(sizes) < 2:
        raise ValueError(
            f"sizes must list at least 2 layer sizes [d, ..., n_L]; got {sizes!r}"
        )
    for i, n in enumerate(sizes):
        if isinstance(n, bool) or not isinstance(n, int | np.integer):
            raise TypeError(
                f"sizes must be integers; got {n!r} ({type(n).__name__}) at index {i}"
            )
        if n < 1:
            raise ValueError(f"sizes must be >= 1; got {n!r} at index {i}")
    return [int(n) for n in sizes]
