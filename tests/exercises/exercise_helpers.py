"""Shared assertions: a right answer passes, a wrong one fails and says why."""

from nnmath.exercises import check


def passes(label, answer):
    verdict = check(label, answer)
    assert verdict.passed, verdict.message
    return verdict


def fails(label, answer, *phrases):
    """``answer`` fails, and the feedback contains every one of ``phrases``."""
    verdict = check(label, answer)
    assert not verdict.passed, f"wrong answer passed: {verdict.message}"
    for phrase in phrases:
        assert phrase in verdict.message, f"{phrase!r} not in {verdict.message!r}"
    assert "Traceback" not in verdict.message and "\n" not in verdict.message
    return verdict
