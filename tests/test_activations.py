"""Each activation: NumPy twin against its SymPy source, derivatives three ways."""

import math

import mpmath
import nnmath as nm
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st
from nnmath.analysis import one_sided_limit
from nnmath.symbols import alpha, slope, z
from scipy import special

SCALAR = [name for name in nm.ACTIVATIONS if name != "softmax"]
# Parameters away from the defaults, so a lib that ignores them fails.
PARAMS = {
    "leaky_relu": {"slope": 0.2},
    "elu": {"alpha": 1.7},
    "selu": {"alpha": 1.2, "scale": 0.9},
}
# Saturation (±30), the kink neighbourhood (±1e-3) and ordinary points.
POINTS = np.array([-30.0, -5.0, -1.5, -1e-3, 1e-3, 0.7, 2.0, 5.0, 30.0])
FINITE = settings(max_examples=40, deadline=None)
reals = st.floats(-50, 50, allow_nan=False)


def reference(expr, params=None):
    """Evaluate a SymPy expression in z at 400 digits (GELU's 1 + erf cancels
    to 1e-197 at z = −30), elementwise, as float64."""
    subs = {s: sp.nsimplify(v) for s, v in (params or {}).items()}
    f = sp.lambdify(z, expr.subs(subs), "mpmath")

    def evaluate(points):
        with mpmath.workdps(400):
            return np.array([float(f(mpmath.mpf(float(p)))) for p in points])

    return evaluate


def symbol_params(act, params):
    by_name = {s.name: s for s in act.params}
    return {by_name[k]: v for k, v in params.items()} or {
        s: v for s, v in act.params.items()
    }


def test_registry_in_book_order():
    assert list(nm.ACTIVATIONS) == [
        "sigmoid", "tanh", "relu", "leaky_relu", "elu",
        "linear", "softmax", "softplus", "silu", "gelu", "selu",
    ]  # fmt: skip
    assert nm.activation("elu") is nm.ACTIVATIONS["elu"]


def test_unknown_name_lists_valid_names():
    with pytest.raises(ValueError, match="unknown activation 'swishy'.*sigmoid, tanh"):
        nm.activation("swishy")


def test_params_are_symbols_with_defaults():
    assert nm.activation("leaky_relu").params == {slope: 0.01}
    assert nm.activation("elu").params == {alpha: 1.0}
    assert nm.activation("relu").params == {}


@pytest.mark.parametrize("name", SCALAR)
@pytest.mark.parametrize("custom", [False, True])
def test_forward_matches_sympy(name, custom):
    act = nm.activation(name)
    params = PARAMS.get(name, {}) if custom else {}
    expected = reference(act.expr, symbol_params(act, params))(POINTS)
    # GELU's erf argument z/√2 is itself rounded: error grows like (1 + z²).
    rtol = 1e-14 * (1 + POINTS**2) if name == "gelu" else 1e-14
    bad = np.abs(act(POINTS, **params) - expected) > rtol * np.abs(expected)
    assert not bad.any(), POINTS[bad]


@pytest.mark.parametrize("name", SCALAR)
@pytest.mark.parametrize("custom", [False, True])
def test_grad_matches_sympy_derivative(name, custom):
    act = nm.activation(name)
    params = PARAMS.get(name, {}) if custom else {}
    expected = reference(act.derivative_expr, symbol_params(act, params))(POINTS)
    np.testing.assert_allclose(
        act.grad(POINTS, **params), expected, rtol=1e-13, atol=1e-300
    )


@pytest.mark.parametrize("name", SCALAR)
@pytest.mark.parametrize("custom", [False, True])
def test_grad_matches_finite_differences(name, custom):
    act = nm.activation(name)
    params = PARAMS.get(name, {}) if custom else {}
    error = nm.check_grad(
        lambda x: act(x, **params), lambda x: act.grad(x, **params), POINTS
    )
    assert error < 1e-6


@pytest.mark.parametrize(
    ("name", "params", "left", "right"),
    [
        ("relu", {}, 0.0, 1.0),
        ("leaky_relu", {}, 0.01, 1.0),
        ("leaky_relu", {"slope": 0.3}, 0.3, 1.0),
        ("elu", {}, 1.0, 1.0),
        ("elu", {"alpha": 2.5}, 2.5, 1.0),
    ],
)
def test_kink_convention_is_the_left_derivative(name, params, left, right):
    act = nm.activation(name)
    assert act.grad(0, **params) == left
    assert act.grad(0.0, **params) == left  # float and int alike
    assert act.grad(-1e-300, **params) == pytest.approx(left)
    assert act.grad(1e-300, **params) == right
    # The symbolic derivative states the same convention at 0.
    d = act.derivative_expr.subs(symbol_params(act, params))
    assert float(d.subs(z, 0)) == left


def test_recorded_kinks():
    assert nm.activation("relu").kinks == [nm.Kink(0, 0, 1)]
    assert nm.activation("leaky_relu").kinks == [nm.Kink(0, sp.Rational(1, 100), 1)]
    # ELU with alpha = 1 is continuously differentiable: no kink to record.
    assert nm.activation("elu").kinks == []
    for name in ["sigmoid", "tanh", "linear", "softplus", "silu", "gelu", "softmax"]:
        assert nm.activation(name).kinks == []
    # SELU's slopes at 0 are scale·alpha on the left and scale on the right.
    (kink,) = nm.activation("selu").kinks
    assert kink.point == 0
    assert float(kink.left) == pytest.approx(nm.SELU_ALPHA * nm.SELU_SCALE, rel=1e-15)
    assert float(kink.right) == pytest.approx(nm.SELU_SCALE, rel=1e-15)


def test_textbook_identities():
    sig, th, sp_ = (
        nm.activation("sigmoid"),
        nm.activation("tanh"),
        nm.activation("softplus"),
    )
    s = sig.expr

    def same(a, b):
        return sp.simplify((a - b).rewrite(sp.exp)) == 0

    assert same(sig.derivative_expr, s * (1 - s))
    assert same(th.derivative_expr, 1 - th.expr**2)
    assert same(sp_.derivative_expr, s)
    silu = nm.activation("silu")
    assert same(silu.derivative_expr, s + z * s * (1 - s))
    gelu = nm.activation("gelu")
    cdf = (1 + sp.erf(z / sp.sqrt(2))) / 2
    pdf = sp.exp(-(z**2) / 2) / sp.sqrt(2 * sp.pi)
    assert sp.simplify(gelu.derivative_expr - (cdf + z * pdf)) == 0
    elu = nm.activation("elu")
    left = elu.derivative_expr.args[0][0]
    assert sp.simplify(left - (elu.expr.args[0][0] + alpha)) == 0


def test_softmax_jacobian_symbolic():
    act = nm.activation("softmax")
    s = act.expr
    expected = sp.diag(*s) - s * s.T
    assert sp.simplify(act.derivative_expr - expected) == sp.zeros(3, 3)
    # the library's cheaper route gives exactly what simplify gives
    assert act.derivative_expr == sp.simplify(act.expr.jacobian(nm.zs))


def test_softmax_matches_sympy_and_jacobian_matches_finite_differences():
    rng = np.random.default_rng(1)
    Z = rng.normal(0, 3, size=(5, 3))
    act = nm.activation("softmax")
    f = sp.lambdify([nm.zs], act.expr, "mpmath")
    J = sp.lambdify([nm.zs], act.derivative_expr, "mpmath")
    for row in Z:
        with mpmath.workdps(50):
            s = np.array(f(list(map(mpmath.mpf, row))).tolist(), dtype=float).ravel()
            jac = np.array(J(list(map(mpmath.mpf, row))).tolist(), dtype=float)
        np.testing.assert_allclose(act(row), s, rtol=1e-14)
        np.testing.assert_allclose(act.grad(row), jac, rtol=1e-13, atol=1e-17)
    assert act.grad(Z).shape == (5, 3, 3)
    v = rng.normal(size=3)
    for row in Z:
        error = nm.check_grad(
            lambda x: float(v @ nm.softmax(x)), lambda x: act.grad(x).T @ v, row
        )
        assert error < 1e-6


def test_softmax_axis_and_log_softmax():
    rng = np.random.default_rng(2)
    Z = rng.normal(0, 5, size=(4, 6))
    np.testing.assert_allclose(nm.softmax(Z, axis=0), nm.softmax(Z.T).T)
    np.testing.assert_allclose(nm.softmax(Z, axis=0).sum(axis=0), 1.0)
    np.testing.assert_allclose(
        nm.log_softmax(Z), np.log(nm.softmax(Z)), rtol=1e-13, atol=1e-14
    )


@pytest.mark.parametrize("name", SCALAR)
def test_huge_finite_inputs_stay_finite_and_silent(name):
    act = nm.activation(name)
    big = np.array([-1e308, -1000.0, -745.0, 745.0, 1000.0, 1e308])
    assert np.isfinite(act(big)).all()
    assert np.isfinite(act.grad(big)).all()


def test_named_extremes():
    assert nm.sigmoid(1000) == 1.0
    assert nm.sigmoid(-1000) == 0.0
    assert nm.tanh(1e308) == 1.0
    assert nm.softplus(1000) == 1000.0
    np.testing.assert_array_equal(nm.softmax([1000.0, 0.0]), [1.0, 0.0])
    np.testing.assert_array_equal(nm.log_softmax([1000.0, 0.0]), [0.0, -1000.0])


LIMITS = {  # g(−inf), g(+inf), g'(−inf), g'(+inf)
    "sigmoid": (0, 1, 0, 0),
    "tanh": (-1, 1, 0, 0),
    "relu": (0, math.inf, 0, 1),
    "leaky_relu": (-math.inf, math.inf, 0.01, 1),
    "elu": (-1, math.inf, 0, 1),
    "linear": (-math.inf, math.inf, 1, 1),
    "softplus": (0, math.inf, 0, 1),
    "silu": (0, math.inf, 0, 1),
    "gelu": (0, math.inf, 0, 1),
    # −alpha·scale and scale as exact decimals, as default_expr holds them
    "selu": (
        -sp.Rational("1.6732632423543772") * sp.Rational("1.0507009873554805"),
        math.inf,
        0,
        sp.Rational("1.0507009873554805"),
    ),
}


@pytest.mark.parametrize("name", SCALAR)
def test_infinities_give_the_limits_and_nan_propagates(name):
    act = nm.activation(name)
    lo, hi, dlo, dhi = LIMITS[name]
    np.testing.assert_allclose(
        act([-math.inf, math.inf]), [float(lo), hi], rtol=2e-16, atol=0
    )
    np.testing.assert_allclose(
        act.grad([-math.inf, math.inf]), [dlo, float(dhi)], rtol=2e-16, atol=0
    )
    assert np.isnan(act([1.0, math.nan, -2.0])[1])
    assert np.isnan(act.grad([1.0, math.nan, -2.0])[1])
    # The symbolic side agrees with the limits.
    g = act.default_expr
    assert one_sided_limit(g, z, -sp.oo, "+") == lo
    assert one_sided_limit(g, z, sp.oo, "-") == hi
    assert one_sided_limit(sp.diff(g, z), z, -sp.oo, "+") == sp.nsimplify(dlo)
    assert one_sided_limit(sp.diff(g, z), z, sp.oo, "-") == dhi


def test_softmax_limits_and_nan():
    inf, nan = math.inf, math.nan
    np.testing.assert_array_equal(nm.softmax([inf, 0.0, 1.0]), [1.0, 0.0, 0.0])
    np.testing.assert_array_equal(nm.softmax([inf, inf, 1.0]), [0.5, 0.5, 0.0])
    np.testing.assert_array_equal(nm.softmax([-inf, 0.0]), [0.0, 1.0])
    # All −inf: the entries move off together, and softmax is shift invariant.
    np.testing.assert_array_equal(nm.softmax([-inf, -inf]), [0.5, 0.5])
    assert np.isnan(nm.softmax([1.0, nan, 1000.0])).all()
    assert np.isnan(nm.softmax([inf, nan])).all()
    log2 = math.log(2)
    np.testing.assert_array_equal(nm.log_softmax([inf, inf, 1.0]), [-log2, -log2, -inf])
    np.testing.assert_array_equal(nm.log_softmax([-inf, 0.0]), [-inf, 0.0])
    np.testing.assert_array_equal(nm.log_softmax([-inf, -inf]), [-log2, -log2])
    assert np.isnan(nm.log_softmax([1.0, nan])).all()
    np.testing.assert_array_equal(
        nm.logsumexp([[inf, 1.0], [-inf, 0.0], [-inf, -inf], [inf, -inf]]),
        [inf, 0.0, -inf, inf],
    )
    assert np.isnan(nm.logsumexp([nan, inf]))


def test_softmax_family_overflows_nowhere():
    # z − max z overflows to −inf here: e^(−inf) = 0 is the right answer, silently.
    np.testing.assert_array_equal(nm.softmax([1e308, -1e308]), [1.0, 0.0])
    np.testing.assert_array_equal(nm.log_softmax([1e308, -1e308]), [0.0, -np.inf])
    assert nm.logsumexp([1e308, -1e308]) == 1e308
    assert nm.logsumexp([1.7e308, 1.7e308]) == 1.7e308  # + log 2, rounded


@pytest.mark.parametrize(
    ("ours", "theirs"),
    [
        (nm.softmax, special.softmax),
        (nm.log_softmax, special.log_softmax),
        (nm.logsumexp, special.logsumexp),
    ],
    ids=["softmax", "log_softmax", "logsumexp"],
)
@pytest.mark.parametrize("axis", [None, 0, 1, -1])
def test_softmax_family_agrees_with_scipy(ours, theirs, axis):
    Z = np.random.default_rng(3).normal(0, 5, size=(4, 5, 3))
    np.testing.assert_allclose(
        ours(Z, axis=axis), theirs(Z, axis=axis), rtol=1e-13, atol=1e-15
    )


def test_softmax_family_on_empty_input():
    for f in (nm.softmax, nm.log_softmax):
        for shape in [(0,), (3, 0), (0, 3)]:
            assert f(np.zeros(shape)).shape == shape
            assert f(np.zeros(shape), axis=None).shape == shape
        assert f(np.zeros((3, 0)), axis=0).shape == (3, 0)
    # The log of an empty sum is log 0 = −inf, as in SciPy.
    assert nm.logsumexp([]) == -np.inf
    np.testing.assert_array_equal(nm.logsumexp(np.zeros((3, 0))), [-np.inf] * 3)
    assert nm.logsumexp(np.zeros((3, 0)), keepdims=True).shape == (3, 1)
    assert nm.logsumexp(np.zeros((0, 3))).shape == (0,)
    assert nm.logsumexp(np.zeros((3, 0)), axis=None) == -np.inf
    np.testing.assert_array_equal(
        nm.logsumexp(np.zeros((3, 0)), axis=0),
        special.logsumexp(np.zeros((3, 0)), axis=0),
    )


def test_axis_none_takes_all_entries_scalars_included():
    Z = np.arange(6.0).reshape(2, 3)
    np.testing.assert_allclose(
        nm.softmax(Z, axis=None), nm.softmax(Z.ravel()).reshape(2, 3), rtol=1e-15
    )
    assert nm.softmax(2.0, axis=None) == 1.0
    assert nm.log_softmax(2.0, axis=None) == 0.0
    assert nm.logsumexp(2.0, axis=None) == 2.0
    assert nm.logsumexp(Z, axis=None, keepdims=True).shape == (1, 1)


def test_softmax_grad_honours_axis():
    act = nm.activation("softmax")
    Z = np.random.default_rng(4).normal(size=(3, 4))
    by_column = act.grad(Z, axis=0)
    assert by_column.shape == (3, 3, 4)  # i, j, then the remaining axis
    for n in range(4):
        np.testing.assert_array_equal(by_column[:, :, n], act.grad(Z[:, n]))
    assert act.grad(Z, axis=1).shape == act.grad(Z).shape == (3, 4, 4)
    whole = act.grad(Z, axis=None)
    assert whole.shape == (3, 4, 3, 4)
    np.testing.assert_array_equal(whole.reshape(12, 12), act.grad(Z.ravel()))
    # Central differences of softmax along axis 0, one entry of Z at a time.
    h = 1e-6
    for i, n in [(0, 0), (2, 1), (1, 3)]:
        step = np.zeros_like(Z)
        step[i, n] = h
        numeric = (nm.softmax(Z + step, axis=0) - nm.softmax(Z - step, axis=0)) / (
            2 * h
        )
        np.testing.assert_allclose(numeric[:, n], by_column[:, i, n], atol=1e-9)
        assert np.abs(np.delete(numeric, n, axis=1)).max() == 0


@pytest.mark.parametrize(
    ("axis", "product"),
    [(0, "in,ijn->jn"), (1, "ni,nij->nj"), (-1, "ni,nij->nj")],
)
def test_softmax_vjp_is_v_times_the_jacobian(axis, product):
    rng = np.random.default_rng(5)
    Z, V = rng.normal(0, 3, (4, 5)), rng.normal(size=(4, 5))
    J = nm.activation("softmax").grad(Z, axis=axis)
    np.testing.assert_allclose(
        nm.softmax_vjp(Z, V, axis=axis), np.einsum(product, V, J), atol=1e-15
    )
    whole = nm.activation("softmax").grad(Z, axis=None).reshape(20, 20)
    np.testing.assert_allclose(
        nm.softmax_vjp(Z, V, axis=None), (V.ravel() @ whole).reshape(4, 5), atol=1e-15
    )


def test_bad_axis_and_shapes_are_named():
    with pytest.raises(
        ValueError, match=r"axis 2 is out of range for z of shape \(2,\)"
    ):
        nm.softmax([1.0, 2.0], axis=2)
    with pytest.raises(
        ValueError, match=r"axis -1 is out of range for z of shape \(\)"
    ):
        nm.log_softmax(3.0)
    with pytest.raises(TypeError, match="axis must be an int or None; got 1.5"):
        nm.logsumexp([1.0, 2.0], axis=1.5)
    with pytest.raises(TypeError, match="axis must be an int or None; got True"):
        nm.activation("softmax").grad([1.0, 2.0], axis=True)
    with pytest.raises(
        ValueError, match=r"z and v must have the same shape; got z \(2,\)"
    ):
        nm.softmax_vjp([1.0, 2.0], [1.0, 2.0, 3.0])
    with pytest.raises(TypeError, match="v must be numeric"):
        nm.softmax_vjp([1.0, 2.0], ["a", "b"])
    for f in (nm.log_sigmoid, nm.logsumexp, nm.softmax):
        with pytest.raises(TypeError, match="z must be numeric"):
            f(["a", "b"])


def test_log_sigmoid_limits_and_extremes():
    inf = math.inf
    np.testing.assert_array_equal(
        nm.log_sigmoid([-inf, 0.0, inf]), [-inf, -math.log(2), 0.0]
    )
    assert nm.log_sigmoid(-1000.0) == -1000.0
    assert nm.log_sigmoid(40.0) == pytest.approx(-math.exp(-40), rel=1e-15)
    assert np.isnan(nm.log_sigmoid([1.0, math.nan])[1])


@pytest.mark.parametrize("name", SCALAR)
def test_accepts_ints_lists_scalars(name):
    act = nm.activation(name)
    out = act([-2, 0, 3])
    assert out.dtype == np.float64 and out.shape == (3,)
    np.testing.assert_array_equal(out, act(np.array([-2.0, 0.0, 3.0])))
    assert act(2).shape == ()
    assert act.grad([[1, 2], [3, 4]]).shape == (2, 2)


def test_plain_functions_are_the_registry_forwards():
    x = np.linspace(-4, 4, 17)
    for name in SCALAR:
        np.testing.assert_array_equal(getattr(nm, name)(x), nm.activation(name)(x))
    np.testing.assert_array_equal(
        nm.leaky_relu(x, slope=0.2), x * np.where(x > 0, 1, 0.2)
    )
    np.testing.assert_array_equal(
        nm.elu(x, alpha=2.0), nm.activation("elu")(x, alpha=2)
    )


@given(reals)
@FINITE
def test_sigmoid_symmetry(v):
    assert nm.sigmoid(-v) == pytest.approx(1 - nm.sigmoid(v), abs=3e-16)


@given(reals)
@FINITE
def test_tanh_odd(v):
    assert nm.tanh(-v) == -nm.tanh(v)


@given(st.lists(reals, min_size=1, max_size=8), st.floats(-100, 100))
@FINITE
def test_softmax_sums_to_one_and_is_shift_invariant(values, shift):
    s = nm.softmax(values)
    assert s.sum() == pytest.approx(1.0, abs=1e-14)
    assert (s >= 0).all()
    np.testing.assert_allclose(nm.softmax(np.array(values) + shift), s, atol=1e-14)


@given(st.sampled_from(SCALAR), st.floats(0.05, 40) | st.floats(-40, -0.05))
@FINITE
def test_grad_matches_finite_differences_anywhere_off_the_kink(name, v):
    act = nm.activation(name)
    assert nm.check_grad(act, act.grad, [v]) < 1e-6


@given(reals)
@FINITE
def test_two_class_softmax_is_the_sigmoid(v):
    # Four kernels, two ways each: they must agree to a few ulp.
    assert nm.softmax([v, 0.0])[0] == pytest.approx(nm.sigmoid(v), rel=4e-16)
    assert nm.log_softmax([v, 0.0])[0] == pytest.approx(nm.log_sigmoid(v), rel=4e-16)
    assert nm.logsumexp([0.0, v]) == pytest.approx(nm.softplus(v), rel=4e-16)


@given(st.lists(reals, min_size=1, max_size=8), st.floats(-100, 100))
@FINITE
def test_logsumexp_shifts_with_its_input(values, shift):
    values = np.array(values)
    assert nm.logsumexp(values + shift) == pytest.approx(
        nm.logsumexp(values) + shift, rel=1e-13, abs=1e-12
    )
    np.testing.assert_allclose(
        nm.log_softmax(values), values - nm.logsumexp(values), atol=1e-13
    )


# --- SELU: a scaled ELU whose constants make N(0, 1) a fixed point ------------------


def test_selu_is_scale_times_elu():
    x = np.linspace(-6, 6, 49)
    np.testing.assert_array_equal(nm.selu(x), nm.SELU_SCALE * nm.elu(x, nm.SELU_ALPHA))
    np.testing.assert_array_equal(
        nm.selu(x, alpha=2.0, scale=0.5), 0.5 * nm.elu(x, 2.0)
    )
    selu, elu = nm.activation("selu"), nm.activation("elu")
    assert sp.simplify(selu.expr - nm.scale * elu.expr) == 0
    assert selu.params == {alpha: nm.SELU_ALPHA, nm.scale: nm.SELU_SCALE}


def test_selu_kink_is_the_left_derivative():
    act = nm.activation("selu")
    assert act.grad(0.0) == nm.SELU_SCALE * nm.SELU_ALPHA
    assert act.grad(1e-300) == nm.SELU_SCALE
    assert act.grad(0.0, alpha=2.0, scale=0.5) == 1.0


def _selu_mp(t, a, s):
    return s * t if t > 0 else s * a * mpmath.expm1(t)


@pytest.mark.parametrize("params", [{}, {"alpha": 1.2, "scale": 0.9}])
def test_selu_and_its_derivative_against_mpmath(params):
    # mpmath's own numerical derivative, independent of SymPy and of the lib's grad.
    act = nm.activation("selu")
    a, s = params.get("alpha", nm.SELU_ALPHA), params.get("scale", nm.SELU_SCALE)
    points = [-30.0, -5.0, -1.5, -1e-3, 1e-3, 0.7, 2.0, 30.0]
    with mpmath.workdps(50):
        a_mp, s_mp = mpmath.mpf(a), mpmath.mpf(s)
        value = [float(_selu_mp(mpmath.mpf(t), a_mp, s_mp)) for t in points]
        slope_ = [
            float(mpmath.diff(lambda u: _selu_mp(u, a_mp, s_mp), mpmath.mpf(t)))
            for t in points
        ]
    np.testing.assert_allclose(act(points, **params), value, rtol=1e-15)
    np.testing.assert_allclose(act.grad(points, **params), slope_, rtol=1e-14)


def test_selu_constants_solve_the_fixed_point_equations():
    """E[selu(z)] = 0 and E[selu(z)²] = 1 for z ~ N(0, 1), solved at 50 digits."""

    def moments(a, s):
        # E[e^(kz); z <= 0] = e^(k²/2) Φ(−k), and the half-normal moments of z > 0.
        def tail(k):
            return mpmath.exp(k * k / 2) * mpmath.ncdf(-k)

        mean = s * (a * (tail(1) - tail(0)) + mpmath.npdf(0))
        square = s**2 * (a**2 * (tail(2) - 2 * tail(1) + tail(0)) + mpmath.mpf(1) / 2)
        return mean, square - 1

    with mpmath.workdps(50):
        a, s = mpmath.findroot(moments, (mpmath.mpf(1.5), mpmath.mpf(1)))
        assert max(map(abs, moments(a, s))) < 1e-45
        # PyTorch prints the constants to 32 digits.
        assert abs(a - mpmath.mpf("1.6732632423543772848170429916717")) < 1e-30
        assert abs(s - mpmath.mpf("1.0507009873554804934193349852946")) < 1e-30
    # The closed-form moments agree with quadrature of the lib's own SELU.
    with mpmath.workdps(30):
        for k, want in [(1, 0), (2, 1)]:
            got = mpmath.quad(
                lambda t, k=k: _selu_mp(t, a, s) ** k * mpmath.npdf(t),
                [-mpmath.inf, 0, mpmath.inf],
            )
            assert abs(got - want) < 1e-25
    assert nm.SELU_ALPHA == float(a) and nm.SELU_SCALE == float(s)
    z = np.random.default_rng(0).normal(size=400_000)
    assert abs(nm.selu(z).mean()) < 0.01 and abs(nm.selu(z).var() - 1) < 0.01


@pytest.mark.parametrize(
    ("params", "error", "message"),
    [
        ({"alpha": -1.0}, ValueError, "alpha must be finite and > 0; got -1.0"),
        ({"scale": 0.0}, ValueError, "scale must be finite and > 0; got 0.0"),
        ({"scale": np.inf}, ValueError, "scale must be finite and > 0; got inf"),
        ({"scale": "big"}, TypeError, "scale must be a real number; got 'big'"),
        ({"slope": 0.1}, TypeError, r"selu takes parameters \['alpha', 'scale'\]"),
    ],
)
def test_selu_bad_parameters_are_named(params, error, message):
    with pytest.raises(error, match=message):
        nm.activation("selu")([0.0, 1.0], **params)
    with pytest.raises(error, match=message):
        nm.activation("selu").grad([0.0, 1.0], **params)
