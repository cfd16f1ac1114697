"""Checkers for the exercises of the chapter on the ReLU family."""

import numpy as np
import sympy as sp

from ..activations import activation
from ..analysis import kinks, one_sided_limit
from ..mlp import MLP
from ..saturation import dead_units
from ..symbols import alpha, z
from . import (
    CannotJudge,
    Incorrect,
    compare_function,
    compare_number,
    exercise,
)

RELU6 = sp.Piecewise((0, z <= 0), (z, z <= 6), (6, True))


@exercise(
    "relu-family-ex-relu6",
    "a list of triples (point, left derivative, right derivative), one per kink",
)
def relu6(answer):
    if isinstance(answer, str) or not hasattr(answer, "__iter__"):
        raise CannotJudge(
            f"the answer should be a list of triples, got {answer!r:.60}."
        )
    try:
        got = {float(p): (float(left), float(right)) for p, left, right in answer}
    except (TypeError, ValueError):
        raise CannotJudge("each entry should be a triple of numbers.") from None
    expected = {float(k[0]): (float(k[1]), float(k[2])) for k in kinks(RELU6, z)}
    missing = sorted(set(expected) - set(got))
    extra = sorted(set(got) - set(expected))
    if missing or extra:
        parts = [f"it misses the kink at {m:g}" for m in missing]
        parts += [f"ReLU6 is smooth at {e:g}" for e in extra]
        raise Incorrect("your list is not right: " + "; ".join(parts) + ".")
    for point, sides in expected.items():
        if got[point] == sides[::-1] != sides:
            raise Incorrect(
                f"at {point:g} the one-sided derivatives are the wrong way round: "
                "give the left one first."
            )
        if got[point] != sides:
            raise Incorrect(
                f"at {point:g} the one-sided derivatives are {sides}, not {got[point]}."
            )
    return "two kinks: at 0 the slope jumps from 0 to 1, at 6 from 1 to 0."


@exercise(
    "relu-family-ex-leaky-subgradient",
    "a function of the slope g that says whether g is a subgradient at 0",
)
def leaky_subgradient(answer):
    if not callable(answer):
        raise CannotJudge(
            f"the answer should be a function, got {type(answer).__name__}."
        )
    rho = 0.1
    leaky = activation("leaky_relu")
    right = float(leaky.derivative_expr.subs({leaky_slope(): rho, z: 1}))
    edges = (rho, right)  # the one-sided derivatives at 0
    points = [*edges, 0.05, 0.5, 1.05, 0.0999, 1.0001, 0.0, -1.0, 2.0]
    points += list(np.random.default_rng(0).uniform(-0.5, 1.5, 20))
    return compare_function(
        lambda g: float(bool(answer(g))),
        lambda g: float(edges[0] <= g <= edges[1]),
        points,
        name="is_subgradient",
        atol=0,
        rtol=0,
    )


def leaky_slope():
    return next(iter(activation("leaky_relu").params))


def revive_counts():
    """Leaky ReLU after one step with lr = 1, then 500 steps with lr = 1e-3."""
    rng = np.random.default_rng(seed=7)
    X = rng.uniform(size=(200, 2))
    y = 10.0 + X @ np.array([2.0, -1.0])
    net = MLP(
        [2, 100, 1],
        hidden="leaky_relu",
        output="linear",
        loss="mse",
        seed=0,
        hidden_params={"slope": 0.01},
    )
    net.b[0][:] = 0.1
    net.forward(X)
    net.backward(y)
    net.step(1.0)

    def negative_everywhere():
        return dead_units(X @ net.W[0].T + net.b[0])

    negative = negative_everywhere()
    net.forward(X)
    zero_grad = int(np.sum(net.backward(y)["db"][0] == 0.0))
    net.fit(X, y, epochs=500, lr=1e-3)
    back = int((negative & ~negative_everywhere()).sum())
    return int(negative.sum()), zero_grad, back


@exercise(
    "relu-family-ex-revive",
    "a triple (negative, zero_grad, back) of counts",
)
def revive(answer):
    if not isinstance(answer, tuple | list) or len(answer) != 3:
        raise CannotJudge("the answer should be a triple (negative, zero_grad, back).")
    negative, zero_grad, back = revive_counts()
    compare_number(answer[0], negative, rtol=0, what="negative")
    compare_number(
        answer[1],
        zero_grad,
        rtol=0,
        what="zero_grad",
        common={
            negative: "with Leaky ReLU a unit negative on every input still has "
            "slope 0.01, so its gradient is not 0."
        },
    )
    compare_number(
        answer[2],
        back,
        rtol=0,
        what="back",
        common={negative: "not every unit comes back: nothing pulls them up."},
    )
    return "none is frozen, yet few come back."


@exercise(
    "relu-family-ex-elu-continuity",
    "the value of alpha, a number",
)
def elu_continuity(answer):
    d = activation("elu").derivative_expr
    left = one_sided_limit(d, z, 0, "-")
    right = one_sided_limit(d, z, 0, "+")
    (value,) = sp.solve(sp.Eq(left, right), alpha)
    return compare_number(
        answer,
        value,
        rtol=1e-12,
        what="your alpha",
        common={0: "alpha must be positive (alpha = 0 would make ELU a ReLU)."},
    )
