"""Range, properties, kinks and LaTeX, all read off the SymPy expressions."""

import nnmath as nm
import pytest
import sympy as sp

oo = sp.oo
RANGES = {
    "sigmoid": sp.Interval.open(0, 1),
    "tanh": sp.Interval.open(-1, 1),
    "relu": sp.Interval(0, oo),
    "leaky_relu": sp.Reals,
    "elu": sp.Interval.open(-1, oo),
    "linear": sp.Reals,
    "softmax": sp.Interval.open(0, 1),
    "softplus": sp.Interval.open(0, oo),
}
# name: monotonic, zero_centred, bounded, saturating, differentiable, max g'
PROPERTIES = {
    "sigmoid": (True, False, True, True, True, sp.Rational(1, 4)),
    "tanh": (True, True, True, True, True, 1),
    "relu": (True, False, False, False, False, 1),
    "leaky_relu": (True, True, False, False, False, 1),
    "elu": (True, True, False, False, True, 1),
    "linear": (True, True, False, False, True, 1),
    "softmax": (True, False, True, True, True, sp.Rational(1, 4)),
    "softplus": (True, False, False, False, True, 1),
    "silu": (False, True, False, False, True, 1.0998393),
    "gelu": (False, True, False, False, True, 1.1289),
}


@pytest.mark.parametrize("name", list(RANGES))
def test_exact_ranges(name):
    assert nm.activation(name).range == RANGES[name]


@pytest.mark.parametrize(
    ("name", "minimum"), [("silu", -0.27846454), ("gelu", -0.1699712075)]
)
def test_numeric_minimum_is_a_closed_float_endpoint(name, minimum):
    r = nm.activation(name).range
    assert isinstance(r.inf, sp.Float) and not r.left_open
    assert float(r.inf) == pytest.approx(minimum, rel=1e-6)
    assert r.sup == oo


@pytest.mark.parametrize("name", list(PROPERTIES))
def test_properties(name):
    p = nm.activation(name).properties
    *flags, top = PROPERTIES[name]
    fields = ["monotonic", "zero_centred", "bounded", "saturating",
              "differentiable_everywhere"]  # fmt: skip
    assert [p[f] for f in fields] == flags
    assert float(p.max_derivative) == pytest.approx(float(top), rel=1e-4)


def test_latex_and_names():
    sig = nm.activation("sigmoid")
    assert sig.latex() == r"\frac{1}{1 + e^{- z}}"
    assert sig.symbol == r"\sigma" and nm.activation("leaky_relu").title == "Leaky ReLU"
    assert "z" in nm.activation("relu").derivative_latex()
    assert nm.latex(nm.loss("mse").expr) == r"\left(y - \hat{y}\right)^{2}"
