"""Range, properties, kinks and LaTeX, all read off the SymPy expressions."""

import mpmath
import nnmath as nm
import pytest
import sympy as sp

oo = sp.oo
# SELU's defaults as the exact decimals default_expr holds.
SELU_ALPHA, SELU_SCALE = (
    sp.Rational("1.6732632423543772"),
    sp.Rational("1.0507009873554805"),
)
RANGES = {
    "sigmoid": sp.Interval.open(0, 1),
    "tanh": sp.Interval.open(-1, 1),
    "relu": sp.Interval(0, oo),
    "leaky_relu": sp.Reals,
    "elu": sp.Interval.open(-1, oo),
    "linear": sp.Reals,
    "softmax": sp.Interval.open(0, 1),
    "softplus": sp.Interval.open(0, oo),
    "selu": sp.Interval.open(-SELU_ALPHA * SELU_SCALE, oo),
}
# name: monotonic, zero_centred, bounded, saturating, differentiable, max g'
PROPERTIES = {
    "sigmoid": (True, False, True, True, True, sp.Rational(1, 4)),
    "tanh": (True, True, True, True, True, 1),
    "relu": (True, False, False, False, False, 1),
    "leaky_relu": (True, False, False, False, False, 1),
    "elu": (True, False, False, False, True, 1),
    "linear": (True, True, False, False, True, 1),
    "softmax": (True, False, True, True, True, sp.Rational(1, 4)),
    "softplus": (True, False, False, False, True, 1),
    "silu": (False, False, False, False, True, 1.0998393),
    "gelu": (False, False, False, False, True, 1.1289),
    # zero_centred is False: the rounded constants leave a mean of 2e-17 (below)
    "selu": (True, False, False, False, False, SELU_ALPHA * SELU_SCALE),
}
# E[g(Z)], Z ~ N(0, 1), at the default parameters: the closed forms SymPy must find
# (None where it has none), and each activation written out again for mpmath.
SQRT_2PI = sp.sqrt(2 * sp.pi)
EXACT_MEANS = {
    "sigmoid": sp.Rational(1, 2),
    "tanh": 0,
    "relu": 1 / SQRT_2PI,
    "leaky_relu": sp.Rational(99, 100) / SQRT_2PI,
    # ∫_0^oo z φ + ∫_-oo^0 (e^z − 1) φ = 1/√(2π) + e^(1/2) Φ(−1) − 1/2
    "elu": 1 / SQRT_2PI
    + sp.exp(sp.Rational(1, 2)) * sp.erfc(1 / sp.sqrt(2)) / 2
    - sp.Rational(1, 2),
    "linear": 0,
    "softmax": None,
    "softplus": None,
    "silu": None,
    "gelu": 1 / (2 * sp.sqrt(sp.pi)),  # E[Z Φ(Z)] = E[φ(Z)]
    # scale·(1/√(2π) + alpha·(√e Φ(−1) − 1/2)), Φ(−1) = erfc(1/√2)/2
    "selu": SELU_SCALE
    * (
        1 / SQRT_2PI
        + SELU_ALPHA * (sp.sqrt(sp.E) * sp.erfc(1 / sp.sqrt(2)) / 2 - sp.Rational(1, 2))
    ),
}
MPMATH = {
    "sigmoid": lambda t: 1 / (1 + mpmath.exp(-t)),
    "tanh": mpmath.tanh,
    "relu": lambda t: max(t, 0),
    "leaky_relu": lambda t: t if t > 0 else t / 100,
    "elu": lambda t: t if t > 0 else mpmath.expm1(t),
    "linear": lambda t: t,
    "softmax": lambda t: mpmath.exp(t) / (mpmath.exp(t) + 2),
    "softplus": lambda t: mpmath.log1p(mpmath.exp(t)),
    "silu": lambda t: t / (1 + mpmath.exp(-t)),
    "gelu": lambda t: t * mpmath.ncdf(t),
    "selu": lambda t: (
        mpmath.mpf("1.0507009873554805")
        * (t if t > 0 else mpmath.mpf("1.6732632423543772") * mpmath.expm1(t))
    ),
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


@pytest.mark.parametrize("name", list(EXACT_MEANS))
def test_mean_output_against_mpmath_quadrature(name):
    mean = nm.activation(name).properties.mean_output
    g = MPMATH[name]
    with mpmath.workdps(20):
        want = mpmath.quad(
            lambda t: g(t) * mpmath.npdf(t), [-mpmath.inf, 0, mpmath.inf]
        )
    assert abs(float(mean) - float(want)) <= 1e-15 * max(1, abs(float(want)))
    if EXACT_MEANS[name] is None:
        assert isinstance(mean, sp.Float)
    else:
        assert sp.simplify((mean - EXACT_MEANS[name]).rewrite(sp.erf)) == 0


def test_zero_centred_means_zero_mean_output():
    means = {n: a.properties.mean_output for n, a in nm.ACTIVATIONS.items()}
    assert (
        [n for n, a in nm.ACTIVATIONS.items() if a.properties.zero_centred]
        == [n for n, m in means.items() if m == 0]
        == ["tanh", "linear"]
    )
    # g(0) = 0 and both signs taken is not enough: these are off-centre.
    assert float(means["leaky_relu"]) == pytest.approx(0.395, abs=1e-3)
    assert float(means["silu"]) == pytest.approx(0.2066, abs=1e-4)
    assert float(means["gelu"]) == pytest.approx(0.2821, abs=1e-4)
    # SELU's mean is 0 only for its exact constants; the 17-digit ones leave 2e-17.
    assert 1e-17 < sp.N(means["selu"], 30) < 3e-17


def test_latex_and_names():
    sig = nm.activation("sigmoid")
    assert sig.latex() == r"\frac{1}{1 + e^{- z}}"
    assert sig.symbol == r"\sigma" and nm.activation("leaky_relu").title == "Leaky ReLU"
    assert "z" in nm.activation("relu").derivative_latex()
    assert nm.latex(nm.loss("mse").expr) == r"\left(y - \hat{y}\right)^{2}"


def test_properties_are_computed_when_read():
    p = nm.Properties(nm.activation("elu"))
    assert p.monotonic and "mean_output" not in vars(p)  # no integral needed
    assert p["mean_output"] is p.mean_output and "mean_output" in vars(p)
    assert list(p.as_dict()) == list(nm.Properties.FIELDS)
    assert repr(p).startswith("Properties(monotonic=True, zero_centred=False,")
    with pytest.raises(KeyError):
        p["as_dict"]
