"""The optimisers: steps against hand computation, layouts, and bad inputs."""

from fractions import Fraction

import nnmath as nm
import numpy as np
import pytest
import sympy as sp


def arrays(*values):
    return [np.array(v, dtype=float) for v in values]


def test_sgd_step_by_hand():
    params = arrays([1.0, 2.0], [[0.5]])
    nm.SGD(lr=0.1).step(params, arrays([0.5, -1.0], [[2.0]]))
    # 1 - 0.1*0.5, 2 + 0.1*1, 0.5 - 0.1*2
    np.testing.assert_allclose(params[0], [0.95, 2.1], rtol=0, atol=1e-15)
    np.testing.assert_allclose(params[1], [[0.3]], rtol=0, atol=1e-15)


def test_momentum_two_steps_by_hand():
    params = arrays([1.0])
    opt = nm.Momentum(lr=0.5, beta=0.5)
    opt.step(params, arrays([2.0]))  # v = 2, p = 1 - 0.5*2 = 0
    assert params[0][0] == 0.0
    opt.step(params, arrays([4.0]))  # v = 0.5*2 + 4 = 5, p = 0 - 0.5*5
    assert params[0][0] == -2.5 and opt.velocity[0][0] == 5.0


def test_momentum_is_the_heavy_ball():
    """p_{t+1} = p_t - lr g_t + beta (p_t - p_{t-1}) on a quadratic."""
    rng = np.random.default_rng(0)
    A = rng.normal(size=(4, 4))
    H = A @ A.T + np.eye(4)
    lr, beta = 0.05, 0.8
    p = [rng.normal(size=4)]
    opt = nm.Momentum(lr, beta)
    previous, current = p[0].copy(), p[0].copy()
    for _ in range(20):
        opt.step(p, [H @ p[0]])
        previous, current = (
            current,
            current - lr * H @ current + beta * (current - previous),
        )
        np.testing.assert_allclose(p[0], current, rtol=1e-12, atol=1e-12)


def test_momentum_with_beta_zero_is_sgd():
    a, b = arrays([1.0, -2.0, 3.0]), arrays([1.0, -2.0, 3.0])
    sgd, mom = nm.SGD(0.1), nm.Momentum(0.1, beta=0)
    for g in ([1.0, 0.5, -2.0], [0.3, 0.2, 0.1]):
        sgd.step(a, [g])
        mom.step(b, [g])
    np.testing.assert_array_equal(a[0], b[0])


def adam_by_hand(p, grads, lr, b1, b2, eps):
    """Adam in exact rationals except for the square root (SymPy)."""
    m = v = sp.Integer(0)
    for t, g in enumerate(grads, start=1):
        m = b1 * m + (1 - b1) * g
        v = b2 * v + (1 - b2) * g**2
        m_hat, v_hat = m / (1 - b1**t), v / (1 - b2**t)
        p = p - lr * m_hat / (sp.sqrt(v_hat) + eps)
    return p


def test_adam_two_steps_by_hand():
    """Step 1: m̂ = g, v̂ = g²; step 2 from the formulas, all in exact arithmetic."""
    lr, b1, b2, eps = (sp.Rational(1, 10), sp.Rational(9, 10), sp.Rational(99, 100),
                       sp.Rational(1, 10**8))  # fmt: skip
    p0, g1, g2 = sp.Integer(1), sp.Integer(2), sp.Integer(-1)
    # step 1 by hand: m = 1/5, v = 1/25, m̂ = 2, v̂ = 4, p = 1 - (1/10) 2/(2 + eps)
    step1 = p0 - lr * 2 / (2 + eps)
    assert adam_by_hand(p0, [g1], lr, b1, b2, eps) == step1
    # step 2: m = 9/50 - 1/10 = 2/25, v = 99/2500 + 1/100 = 31/625
    m2, v2 = Fraction(2, 25), Fraction(31, 625)
    m_hat = sp.Rational(m2) / (1 - b1**2)
    v_hat = sp.Rational(v2) / (1 - b2**2)
    step2 = step1 - lr * m_hat / (sp.sqrt(v_hat) + eps)
    assert sp.simplify(adam_by_hand(p0, [g1, g2], lr, b1, b2, eps) - step2) == 0

    params = arrays([1.0])
    opt = nm.Adam(lr=0.1, beta1=0.9, beta2=0.99, eps=1e-8)
    opt.step(params, arrays([2.0]))
    assert params[0][0] == pytest.approx(float(step1), rel=1e-15)
    opt.step(params, arrays([-1.0]))
    assert params[0][0] == pytest.approx(float(step2), rel=1e-14)
    assert opt.t == 2


def test_adam_matches_the_formulas_over_many_steps():
    rng = np.random.default_rng(1)
    grads = rng.normal(size=12).round(3)
    lr, b1, b2, eps = 0.01, 0.8, 0.95, 1e-6
    exact = adam_by_hand(sp.Integer(0), [sp.Rational(str(g)) for g in grads],
                         sp.Rational(str(lr)), sp.Rational(str(b1)),
                         sp.Rational(str(b2)), sp.Rational(str(eps)))  # fmt: skip
    params = arrays([0.0])
    opt = nm.Adam(lr, b1, b2, eps)
    for g in grads:
        opt.step(params, [[g]])
    assert params[0][0] == pytest.approx(float(exact), rel=1e-12)


@pytest.mark.parametrize("lr", [1e-3, 0.1, 2.0])
def test_adam_first_step_is_lr_per_coordinate(lr):
    """m̂_1 = g and v̂_1 = g², so the first step is lr·g/(|g| + eps) ≈ lr·sign(g)."""
    g = np.array([[3.0, -1e-3], [250.0, -7.5]])
    p = np.zeros((2, 2))
    opt = nm.Adam(lr=lr)
    opt.step([p], [g])
    np.testing.assert_allclose(np.abs(p), lr * np.abs(g) / (np.abs(g) + 1e-8),
                               rtol=1e-14)  # fmt: skip
    np.testing.assert_allclose(p, -lr * np.sign(g), rtol=1e-5)


def test_adam_step_on_a_constant_gradient_stays_lr():
    """With bias correction m̂ = g and v̂ = g² at every step."""
    p = np.zeros(3)
    opt = nm.Adam(lr=0.01, eps=1e-12)
    for t in range(1, 50):
        opt.step([p], [[2.0, -0.5, 1e-3]])
        np.testing.assert_allclose(p, 0.01 * t * np.array([-1, 1, -1]), rtol=1e-8)


@pytest.mark.parametrize(
    "make", [lambda: nm.SGD(0.1), lambda: nm.Momentum(0.1), lambda: nm.Adam(0.1)]
)
def test_any_memory_layout(make):
    rng = np.random.default_rng(2)
    base = rng.normal(size=(6, 8))
    grads = [rng.normal(size=(4, 3)) for _ in range(3)]
    layouts = {
        "C": lambda a: np.ascontiguousarray(a),
        "F": lambda a: np.asfortranarray(a),
        "transposed": lambda a: np.ascontiguousarray(a.T).T,
        "strided": lambda a: np.repeat(np.repeat(a, 2, 0), 2, 1)[::2, ::2],
    }
    results = {}
    for name, layout in layouts.items():
        p = layout(base[:4, :3].copy())
        opt = make()
        for g in grads:
            opt.step([p], [layout(g)])
        results[name] = np.array(p)
    for name, got in results.items():
        np.testing.assert_array_equal(got, results["C"], err_msg=name)


def test_trains_the_network():
    X, y = nm.xor()
    losses = {}
    for name, opt in [("sgd", nm.SGD(0.5)), ("momentum", nm.Momentum(0.1)),
                      ("adam", nm.Adam(0.05))]:  # fmt: skip
        net = nm.MLP([2, 8, 1], hidden="tanh", seed=0)
        for _ in range(300):
            net.forward(X)
            g = net.backward(y)
            opt.step(net.W + net.b, g["dW"] + g["db"])
        losses[name] = net.loss(y[:, None], net.predict(X))
    assert max(losses.values()) < 0.1, losses


@pytest.mark.parametrize(
    ("make", "error", "message"),
    [
        (lambda: nm.SGD(0), ValueError, "lr must be finite and > 0; got 0.0"),
        (lambda: nm.SGD(-1.0), ValueError, "lr must be finite and > 0"),
        (lambda: nm.SGD(np.inf), ValueError, "lr must be finite and > 0"),
        (lambda: nm.SGD("0.1"), TypeError, "lr must be a real number; got '0.1'"),
        (lambda: nm.Momentum(0.1, beta=1.0), ValueError,
         r"beta must lie in \[0, 1\); got 1.0"),
        (lambda: nm.Momentum(0.1, beta=-0.1), ValueError, "beta must lie in"),
        (lambda: nm.Momentum(0.1, beta=np.nan), ValueError, "beta must lie in"),
        (lambda: nm.Momentum(0.1, beta=True), TypeError, "beta must be a real number"),
        (lambda: nm.Adam(beta1=1.5), ValueError, r"beta1 must lie in \[0, 1\)"),
        (lambda: nm.Adam(beta2=1.0), ValueError, r"beta2 must lie in \[0, 1\)"),
        (lambda: nm.Adam(eps=0.0), ValueError, "eps must be finite and > 0"),
        (lambda: nm.Adam(lr=None), TypeError, "lr must be a real number"),
    ],
)  # fmt: skip
def test_bad_hyperparameters(make, error, message):
    with pytest.raises(error, match=message):
        make()


@pytest.mark.parametrize(
    ("params", "grads", "error", "message"),
    [
        (np.zeros(3), [np.zeros(3)], TypeError, "params must be a list of arrays"),
        ([np.zeros(3)], np.zeros(3), ValueError,
         r"grads must be a list with one array per parameter \(1\)"),
        ([np.zeros(3)], [], ValueError, r"one array per parameter \(1\); got 0"),
        ([[0.0, 1.0]], [[1.0, 1.0]], TypeError,
         r"params\[0\] must be a float NumPy array .* got list"),
        ([np.zeros(2, dtype=int)], [[1, 1]], TypeError, "of dtype int64"),
        ([np.zeros(2)], [np.zeros(3)], ValueError,
         r"grads\[0\] must have the shape of params\[0\], \(2,\); got \(3,\)"),
        ([np.zeros(2)], [["a", "b"]], TypeError, r"grads\[0\] must be numeric"),
    ],
)  # fmt: skip
def test_bad_step_arguments(params, grads, error, message):
    with pytest.raises(error, match=message):
        nm.Adam().step(params, grads)


def test_read_only_params():
    p = np.zeros(2)
    p.flags.writeable = False
    with pytest.raises(ValueError, match=r"params\[0\] must be writeable"):
        nm.SGD(0.1).step([p], [np.ones(2)])


@pytest.mark.parametrize("make", [lambda: nm.Momentum(0.1), lambda: nm.Adam()])
def test_params_must_keep_their_shapes(make):
    opt = make()
    opt.step([np.zeros(2)], [np.ones(2)])
    with pytest.raises(ValueError, match="params must keep the shapes"):
        opt.step([np.zeros(3)], [np.ones(3)])


@pytest.mark.parametrize(
    "make", [lambda: nm.Momentum(0.1, beta=0.7), lambda: nm.Adam(0.1, 0.8, 0.9)]
)
def test_state_is_kept_per_array(make):
    """Stepping two arrays together equals stepping each with its own optimiser."""
    rng = np.random.default_rng(3)
    together = [rng.normal(size=(2, 3)), rng.normal(size=(2, 3))]
    alone = [p.copy() for p in together]
    opt, opts = make(), [make(), make()]
    for _ in range(5):
        grads = [rng.normal(size=(2, 3)), 100 * rng.normal(size=(2, 3))]
        opt.step(together, grads)
        for p, g, o in zip(alone, grads, opts, strict=True):
            o.step([p], [g])
    for p, q in zip(together, alone, strict=True):
        np.testing.assert_array_equal(p, q)
