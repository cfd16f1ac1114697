"""Every exercise of a covered chapter has a checker, a hint, a difficulty, tests.

Coverage is explicit: the chapters whose exercises have no checkers yet are listed
in NOT_YET_COVERED, and every other notebook chapter must be complete. A new
chapter is therefore covered, or named here, never silently skipped.
"""

import json
import re
from pathlib import Path

import pytest
from nnmath.exercises import CHECKERS

ROOT = Path(__file__).resolve().parents[2]
CHAPTERS = ROOT / "chapters"

# The chapters not yet covered by checkers, hints and difficulty marks: none today.
NOT_YET_COVERED: list[str] = []

EXERCISE = re.compile(r"```\{exercise\}\n:label: (\S+)\n(.*?)\n```\n", re.S)
DIFFICULTY = re.compile(r"^\*Difficulty: (warm-up|standard|challenge)\*$", re.M)
HINT = "```{admonition} Hint\n:class: dropdown\n"


def chapters_with_exercises():
    return sorted(
        p.stem for p in CHAPTERS.glob("*.ipynb") if "{exercise}" in p.read_text()
    )


def covered():
    return [c for c in chapters_with_exercises() if c not in NOT_YET_COVERED]


def sources(chapter):
    nb = json.loads((CHAPTERS / f"{chapter}.ipynb").read_text())
    return [(c["cell_type"], "".join(c["source"])) for c in nb["cells"]]


def test_the_uncovered_list_names_real_chapters():
    assert set(NOT_YET_COVERED) <= set(chapters_with_exercises())
    assert covered(), "no chapter is covered"


@pytest.mark.parametrize("chapter", covered())
def test_every_exercise_is_complete(chapter):
    cells = sources(chapter)
    markdown = "\n".join(s for kind, s in cells if kind == "markdown")
    code = "\n".join(s for kind, s in cells if kind == "code")
    found = EXERCISE.findall(markdown)
    assert found, chapter
    heading = markdown.index("## Exercises\n")
    assert "{ref}`workbook`" in markdown[heading : heading + 300]
    tests = (
        Path(__file__).parent / f"test_{chapter.replace('-', '_')}_exercises.py"
    ).read_text()
    for label, body in found:
        assert label in CHECKERS, f"{label}: no checker"
        assert len(DIFFICULTY.findall(body)) == 1, f"{label}: no difficulty mark"
        assert "*For the checker:*" in body, f"{label}: does not say what to give"
        after = markdown[markdown.index(f":label: {label}\n") :]
        hint = after.find(HINT)
        start = after.find(f"{{solution-start}} {label}\n")
        assert 0 < hint < start, f"{label}: no hint dropdown before the solution"
        assert f'nm.exercises.check("{label}", answer)' in code, label
        assert (
            tests.count(f'passes(\n        "{label}"')
            + tests.count(f'passes("{label}"')
            >= 1
        ), f"{label}: no test that the book's answer passes"
        wrong = tests.count(f'fails(\n        "{label}"') + tests.count(
            f'fails("{label}"'
        )
        assert wrong >= 2, f"{label}: fewer than two wrong answers tested"


def test_every_checker_belongs_to_an_exercise_in_the_book():
    labels = set()
    for chapter in chapters_with_exercises():
        labels |= {
            label
            for label, _ in EXERCISE.findall(
                "\n".join(s for kind, s in sources(chapter) if kind == "markdown")
            )
        }
    assert set(CHECKERS) <= labels, set(CHECKERS) - labels
