"""Checkers for the exercises of the chapter on optimisers."""

import sympy as sp

from . import CannotJudge, Incorrect, _rename, _value, compare_expr, exercise

lmin, lmax = sp.symbols("lambda_min lambda_max", positive=True)
# lambda_min < lambda_max at every sample point
CURVATURES = {
    lmin: [1.0, 0.5, 2.0, 0.1, 3.0, 0.25, 0.01],
    lmax: [10.0, 4.0, 5.0, 1.0, 100.0, 2.0, 7.0],
}


def _best_heavy_ball():
    """(eta, beta) with both extreme curvatures on the edge |r| = sqrt(beta), and
    the other solution of the two conditions (sqrt(beta) > 1)."""
    a, b = sp.symbols("a b", positive=True)  # a^2 = lambda_min, b^2 = lambda_max
    root, eta = sp.symbols("s eta", positive=True)  # root = sqrt(beta)
    solutions = sp.solve(
        [
            1 + root**2 - eta * a**2 - 2 * root,  # discriminant 0, root +sqrt(beta)
            1 + root**2 - eta * b**2 + 2 * root,  # discriminant 0, root -sqrt(beta)
        ],
        [root, eta],
        dict=True,
    )
    back = {a: sp.sqrt(lmin), b: sp.sqrt(lmax)}
    pairs = [
        (sp.factor(x[eta]).subs(back), sp.factor(x[root] ** 2).subs(back))
        for x in solutions
    ]
    below_one = {lmin: 1, lmax: 4}  # any lambda_min < lambda_max picks the same
    pairs.sort(key=lambda pair: bool(pair[1].subs(below_one) > 1))
    return pairs[0], pairs[1]


def _formula(answer, names: str) -> None:
    """A number where the exercise asks for a formula cannot be judged."""
    if isinstance(answer, int | float) or (
        isinstance(answer, sp.Basic) and answer.is_number
    ):
        raise CannotJudge(
            f"that is a number; the exercise asks for the formula in {names}."
        )


def _same(answer, wrong) -> bool:
    """``answer`` equals ``wrong`` at every sample point (numerically)."""
    try:
        answer = _rename(sp.sympify(answer, strict=True), [lmin, lmax])
    except (sp.SympifyError, TypeError, CannotJudge):
        return False  # compare_expr says what is wrong with it
    columns = zip(*CURVATURES.values(), strict=True)
    points = [dict(zip(CURVATURES, p, strict=True)) for p in columns]
    return all(abs(_value(answer - wrong, p)) < 1e-9 for p in points)


@exercise(
    "optimisers-ex-optimal-momentum",
    "the pair (eta, beta) of the best heavy ball, two SymPy expressions in "
    "lambda_min and lambda_max",
)
def optimal_momentum(answer):
    if isinstance(answer, str | sp.Basic) or not hasattr(answer, "__len__"):
        raise CannotJudge(
            "the answer should be a pair (eta, beta) of SymPy expressions, got "
            f"{type(answer).__name__}."
        )
    if len(answer) != 2:
        raise CannotJudge(
            f"the answer should be a pair (eta, beta); got {len(answer)}."
        )
    for part in answer:
        _formula(part, "lambda_min and lambda_max")
    (eta, beta), (eta_other, beta_other) = _best_heavy_ball()
    slips = [
        (
            answer[0],
            2 / (lmin + lmax),
            "your eta is plain gradient descent's best "
            "step (beta = 0); the heavy ball takes a larger one.",
        ),
        (
            answer[0],
            eta_other,
            "your eta belongs to the solution with "
            "sqrt(beta) > 1, where the iteration diverges; take the other one.",
        ),
        (
            answer[1],
            sp.sqrt(beta),
            "your beta is sqrt(beta), the rate; beta is its square.",
        ),
        (
            answer[1],
            beta_other,
            "your beta is the solution with sqrt(beta) > 1, "
            "where the iteration diverges; take the one below 1.",
        ),
    ]
    if _same(answer[0], beta) and _same(answer[1], eta):
        raise Incorrect("eta and beta are swapped: give the pair (eta, beta).")
    for got, wrong, message in slips:
        if _same(got, wrong):
            raise Incorrect(message)
    for got, want, name in ((answer[0], eta, "eta"), (answer[1], beta, "beta")):
        compare_expr(
            got, want, symbols=[lmin, lmax], domain=CURVATURES, what=f"your {name}"
        )
    return "both eta and beta are right."


@exercise(
    "optimisers-ex-scale",
    "the guard that keeps Adam's steps exactly unchanged when the loss is "
    "multiplied by c, a SymPy expression in c and varepsilon",
)
def scale(answer):
    _formula(answer, "c and varepsilon")
    c, eps, eps_c = sp.symbols("c varepsilon varepsilon_c", positive=True)
    m, g = sp.symbols("m nabla", real=True)
    v = sp.Symbol("v", positive=True)
    b1, b2, t = sp.symbols("beta_1 beta_2 t", positive=True)

    def step(m, v, g, guard):
        m_new, v_new = b1 * m + (1 - b1) * g, b2 * v + (1 - b2) * g**2
        return m_new / (1 - b1**t) / (sp.sqrt(v_new / (1 - b2**t)) + guard)

    # scaled gradients give scaled averages: m -> c m, v -> c^2 v
    (guard,) = sp.solve(
        sp.Eq(step(c * m, c**2 * v, c * g, eps_c), step(m, v, g, eps)), eps_c
    )
    return compare_expr(
        answer,
        guard,
        symbols=[c, eps],
        what="your guard",
        common={
            c**2 * eps: "the guard sits beside sqrt(v_hat), which grows by c, "
            "not by c^2.",
            eps: "with the same guard the steps differ slightly: eps is added "
            "to sqrt(v_hat), which grows by c.",
            eps / c: "the guard has to grow with sqrt(v_hat), not shrink.",
        },
    )


@exercise(
    "optimisers-ex-batch",
    "the batch size without replacement at which the noise equals |grad L|^2, "
    "a SymPy expression in V, S (for |grad L|^2) and N",
)
def batch(answer):
    _formula(answer, "V, S and N")
    V, S, N, B = sp.symbols("V S N B", positive=True)
    noise = V / B * (N - B) / (N - 1)  # without replacement
    (even,) = sp.solve(sp.Eq(noise, S), B)
    return compare_expr(
        answer,
        even,
        symbols=[V, S, N],
        domain={N: [200.0, 10.0, 64.0, 1000.0, 3.0]},
        what="your batch size",
        common={
            V / S: "that is the batch size with replacement; without "
            "replacement the noise has the extra factor (N - B)/(N - 1).",
            N * V / (V + N * S): "the correction is (N - B)/(N - 1): N - 1, "
            "not N, in the denominator.",
        },
    )
