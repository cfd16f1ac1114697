"""tools/workbook.py: solutions out, answer and check cells in; the workbook runs."""

import json
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from workbook import END, START, build, strip  # noqa: E402

CHAPTER = "sigmoid-tanh"  # a small chapter whose exercises all have checkers


def notebook(*cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(s)
        if kind == "md"
        else nbformat.v4.new_code_cell(s)
        for kind, s in cells
    ]
    return nb


def test_strip_replaces_each_solution_and_keeps_the_rest():
    nb = notebook(
        (
            "md",
            "## Exercises\n\n```{exercise}\n:label: a\n\nDo a.\n```\n\n"
            "````{solution-start} a\n:class: dropdown\n````",
        ),
        ("code", "answer = 1"),
        (
            "md",
            "Because.\n\n````{solution-end}\n````\n\n```{exercise}\n:label: b\n"
            "\nDo b.\n```\n\n````{solution-start} b\n:class: dropdown\n````",
        ),
        ("code", "secret = 2"),
        ("md", "````{solution-end}\n````\nAfter."),
    )
    out = strip(nb, {"a": "a number"})
    kinds = [(c.cell_type, c.source) for c in out.cells]
    text = "\n".join(s for _, s in kinds)
    assert "answer = 1" not in text and "secret" not in text and "Because" not in text
    assert "solution-start" not in text and "solution-end" not in text
    assert kinds[1] == ("code", "# Your answer: a number\nanswer = ...")
    assert kinds[2] == ("code", 'nm.exercises.check("a", answer)')
    assert "Do b." in kinds[3][1]
    assert kinds[4][0] == "code" and "no checker yet" in kinds[4][1]  # b: none
    assert kinds[5] == ("markdown", "After.")
    assert "## Exercises\n\nIn this workbook" in kinds[0][1]  # the note
    assert len(nb.cells) == 5  # the source is not touched


def test_an_unclosed_solution_is_an_error():
    nb = notebook(("md", "````{solution-start} a\n:class: dropdown\n````"))
    with pytest.raises(ValueError, match="no {solution-end}"):
        strip(nb, {})


def test_build_is_deterministic(tmp_path):
    first = build(ROOT / "chapters", tmp_path)
    texts = [p.read_text() for p in first]
    assert [p.read_text() for p in build(ROOT / "chapters", tmp_path)] == texts
    assert {p.name for p in first} == {
        p.name for p in (ROOT / "chapters").glob("*.ipynb")
    }


def solutions(chapter):
    """The book's solution code for each exercise label, joined per label."""
    nb = json.loads((ROOT / "chapters" / f"{chapter}.ipynb").read_text())
    found, label = {}, None
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        if cell["cell_type"] == "code" and label:
            found[label] = found.get(label, "") + source + "\n"
        elif cell["cell_type"] == "markdown":
            ends = [m.end() for m in END.finditer(source)]
            starts = [(m.end(), m.group(1)) for m in START.finditer(source)]
            last_end = max(ends, default=-1)
            opened = [lab for pos, lab in starts if pos > last_end]
            label = opened[-1] if opened else (None if ends else label)
    return found


def test_the_workbook_runs_with_the_books_answers_and_answers_back(
    tmp_path, monkeypatch
):
    monkeypatch.setenv("NNMATH_STATIC", "1")
    [path] = [p for p in build(ROOT / "chapters", tmp_path) if p.stem == CHAPTER]
    nb = nbformat.read(path, as_version=4)
    book = solutions(CHAPTER)
    checks = []
    for cell in nb.cells:
        if cell.metadata.get("answer"):
            cell.source = book[cell.metadata["workbook"]["label"]]
        if cell.metadata.get("check"):
            checks.append(cell)
    assert len(checks) == len(book) == 4
    # one wrong answer, checked right after the book's own
    wrong = nbformat.v4.new_code_cell("answer = s * (1 - s)  # sigma', not sigma''")
    again = nbformat.v4.new_code_cell(checks[0].source)
    at = nb.cells.index(checks[0]) + 1
    nb.cells[at:at] = [wrong, again]
    NotebookClient(nb, timeout=300, kernel_name="python3").execute(
        cwd=str(ROOT / "chapters")
    )
    for cell in checks:
        [out] = cell.outputs
        assert out["data"]["text/plain"].startswith("Correct ("), out
    [out] = again.outputs
    text = out["data"]["text/plain"]
    assert text.startswith("Not yet (sigmoid-tanh-ex-second)")
    assert "first derivative" in text
