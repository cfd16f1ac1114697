"""The comparison machinery of nnmath.exercises, on answers of every kind."""

import numpy as np
import pytest
import sympy as sp
from nnmath import exercises as ex
from nnmath.exercises import CannotJudge, Incorrect

x = sp.Symbol("x", real=True)


def test_check_verdicts_are_one_paragraph():
    assert (
        "Did you mean 'sigmoid-tanh-ex-second'"
        in ex.check("sigmoid-tanh-ex-secnd", 1).message
    )
    pending = ex.check("sigmoid-tanh-ex-second", ...)
    assert not pending and "replace the ..." in pending.message
    assert repr(pending).startswith("Not yet (sigmoid-tanh-ex-second): ")
    assert repr(ex.check("sigmoid-tanh-ex-underflow", 512)).startswith("Correct")


def test_an_answer_that_breaks_the_comparison_is_reported_not_raised():
    class Weird:
        def __float__(self):
            raise RuntimeError("deep inside")

    verdict = ex.check("sigmoid-tanh-ex-underflow", Weird())
    assert not verdict.passed
    assert "cannot judge" in verdict.message and "RuntimeError" in verdict.message


def test_compare_expr_symbolic_numeric_and_diagnoses():
    assert "simplifies" in ex.compare_expr(
        sp.sin(x) ** 2 + sp.cos(x) ** 2, 1 + 0 * x, symbols=[x]
    )
    # equal, but SymPy's simplify does not prove it: the numeric fallback decides
    relu_sum = sp.Max(0, x) + sp.Max(0, -x)
    assert "sample points" in ex.compare_expr(relu_sum, sp.Abs(x), symbols=[x])
    with pytest.raises(Incorrect, match="wrong sign"):
        ex.compare_expr(-sp.exp(x), sp.exp(x), symbols=[x])
    with pytest.raises(Incorrect, match="3 times"):
        ex.compare_expr(3 * sp.exp(x), sp.exp(x), symbols=[x])
    with pytest.raises(
        Incorrect, match=r"at x = 0 it gives 1, but the answer there is 0"
    ):
        ex.compare_expr(sp.cos(x), sp.sin(x), symbols=[x])
    with pytest.raises(CannotJudge, match="uses y"):
        ex.compare_expr(sp.Symbol("y"), x, symbols=[x])
    with pytest.raises(CannotJudge, match="string"):
        ex.compare_expr("x", x, symbols=[x])


def test_compare_function_points_kinks_tails_and_errors():
    relu_slope = lambda t: 1.0 if t > 0 else 0.0  # noqa: E731
    points = ex.sample_points(kinks=[0.0], tails=(-1e3, 1e3))
    assert "agrees" in ex.compare_function(relu_slope, relu_slope, points)
    half = lambda t: 0.5 if t == 0 else relu_slope(t)  # noqa: E731
    with pytest.raises(Incorrect, match="except at the kink: g\\(0\\) should be 0"):
        ex.compare_function(half, relu_slope, points, kinks=(0.0,))
    with pytest.raises(Incorrect, match="wrong sign"):
        ex.compare_function(lambda t: -np.exp(t / 10), lambda t: np.exp(t / 10), points)
    with pytest.raises(Incorrect, match="overflow"):
        ex.compare_function(np.exp, lambda t: np.exp(min(t, 700.0)), points)

    def loud(t):
        raise ValueError("no negatives")

    with pytest.raises(
        CannotJudge, match="raised ValueError: no negatives when called as g\\(0\\)"
    ):
        ex.compare_function(loud, relu_slope, points)
    with pytest.raises(CannotJudge, match="should be a function"):
        ex.compare_function(3.0, relu_slope, points)
    # points are seeded: the same list every time
    assert ex.sample_points(kinks=[1.0]) == ex.sample_points(kinks=[1.0])


def test_compare_number_and_array():
    assert "right" in ex.compare_number(0.1 + 0.2, 0.3, rtol=1e-12)
    with pytest.raises(Incorrect, match="off by one"):
        ex.compare_number(9, 10, rtol=0)
    with pytest.raises(Incorrect, match="2 times"):
        ex.compare_number(6.0, 3.0)
    with pytest.raises(Incorrect, match="a known slip"):
        ex.compare_number(7.0, 3.0, common={7.0: "a known slip"})
    with pytest.raises(CannotJudge, match="should be a number"):
        ex.compare_number([1, 2], 3.0)
    assert "right" in ex.compare_array(np.eye(2), np.eye(2))
    with pytest.raises(Incorrect, match=r"wrong shape: expected \(2,\), got \(2, 1\)"):
        ex.compare_array(np.ones((2, 1)), np.ones(2))
    with pytest.raises(Incorrect, match=r"index \(1,\): expected 2, got 3"):
        ex.compare_array([1.0, 3.0], [1.0, 2.0])
    with pytest.raises(Incorrect, match="wrong sign"):
        ex.compare_array([-1.0, -2.0], [1.0, 2.0])
    with pytest.raises(Incorrect, match=r"misses \[3\]"):
        ex.compare_set([1, 2], [1, 2, 3])


def test_a_label_is_registered_once():
    with pytest.raises(ValueError, match="already has a checker"):
        ex.exercise("sigmoid-tanh-ex-second", "anything")(lambda a: "")
