"""Write the workbook: the chapters with their solutions replaced by answer cells.

Usage: python tools/workbook.py SOURCE_DIR WORKBOOK_DIR   (make workbook)

The book's notebooks stay the single source. For each chapter, every solution
(the ``{solution-start}`` ... ``{solution-end}`` Markdown and the code cells between
them) is removed; in its place come an answer cell (``answer = ...``, with a comment
saying what the exercise asks for) and a cell that calls
``nm.exercises.check(label, answer)``. An exercise without a checker gets the
answer cell only, and a note saying so. Everything else, outputs included, is kept.
The output is deterministic, so ``make lab`` keeps a learner's copy until the
chapter itself changes.
"""

import copy
import re
import sys
from pathlib import Path

import nbformat

START = re.compile(
    r"^`{3,}\{solution-start\}\s*(\S+)\n(?::[^\n]*\n)*`{3,}[ \t]*(?:\n|$)", re.M
)
END = re.compile(r"^`{3,}\{solution-end\}[ \t]*\n`{3,}[ \t]*(?:\n|$)", re.M)
HEADING = re.compile(r"^## Exercises[ \t]*(?:\n|$)", re.M)
NOTE = (
    "In this workbook each solution is replaced by an answer cell: write your "
    "answer there and run it, then run the check cell after it, which says whether "
    "the answer is right and, if not, what is wrong (an exercise without a checker "
    "says so)."
)


def checkers() -> dict:
    """The exercise labels that have a checker, with what each one asks for."""
    from nnmath.exercises import CHECKERS

    return {label: c.asks for label, c in CHECKERS.items()}


def answer_cells(label: str, asks: dict) -> list:
    """The answer cell and the check cell that replace one solution."""
    meta = {"workbook": {"label": label}}
    if label not in asks:
        source = (
            f"# Exercise {label}: this one has no checker yet; compare your\n"
            "# answer with the solution in the book.\n"
        )
        return [nbformat.v4.new_code_cell(source, metadata={**meta, "answer": True})]
    answer = f"# Your answer: {asks[label]}\nanswer = ..."
    check = f'nm.exercises.check("{label}", answer)'
    return [
        nbformat.v4.new_code_cell(answer, metadata={**meta, "answer": True}),
        nbformat.v4.new_code_cell(check, metadata={**meta, "check": True}),
    ]


def strip(nb, asks: dict):
    """A copy of ``nb`` with every solution replaced by answer and check cells."""
    out = copy.deepcopy(nb)
    cells, inside = [], None
    for cell in nb.cells:
        if cell.cell_type != "markdown":
            if inside is None:
                cells.append(cell)
            continue
        text, kept, pos = cell.source, [], 0
        while pos <= len(text):
            pattern = END if inside else START
            found = pattern.search(text, pos)
            piece = text[pos : found.start() if found else len(text)]
            if inside is None and piece.strip():
                kept.append(piece)
            if not found:
                break
            if inside is None:  # a solution starts: flush the prose, add answer cells
                if kept:
                    cells.append(_markdown(cell, "".join(kept)))
                    kept = []
                inside = found.group(1)
                cells.extend(answer_cells(inside, asks))
            else:
                inside = None
            pos = found.end()
        if kept:
            cells.append(_markdown(cell, "".join(kept)))
    if inside is not None:
        raise ValueError(f"solution {inside!r} has no {{solution-end}}")
    for cell in cells:  # the note goes right under the Exercises heading
        if cell.cell_type == "markdown" and HEADING.search(cell.source):
            at = HEADING.search(cell.source).end()
            cell.source = f"{cell.source[:at]}\n{NOTE}\n\n{cell.source[at:]}"
            break
    out.cells = cells
    return out


def _markdown(cell, source: str):
    new = copy.deepcopy(cell)
    new.source = source.strip("\n")
    new.pop("id", None)
    shown = new.metadata.get("user_expressions")
    if shown:  # keep the stored {eval} values this piece still shows
        shown = [e for e in shown if e["expression"] in new.source]
        new.metadata["user_expressions"] = shown
        if not shown:
            del new.metadata["user_expressions"]
    return new


def build(source: Path, target: Path) -> list[Path]:
    """Write one workbook notebook per chapter of ``source`` into ``target``."""
    asks = checkers()
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for chapter in sorted(source.glob("*.ipynb")):
        nb = nbformat.read(chapter, as_version=4)
        book = strip(nb, asks)
        for i, cell in enumerate(book.cells):  # stable ids: same input, same file
            cell["id"] = f"{chapter.stem[:40]}-{i}"
        path = target / chapter.name
        text = nbformat.writes(book) + "\n"
        if not path.exists() or path.read_text() != text:
            path.write_text(text)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    source, target = map(Path, argv)
    written = build(source, target)
    print(f"The workbook: {len(written)} chapters in {target}/")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
