"""Store each {eval} role's value in its Markdown cell, so Lab shows numbers unrun.

Usage: python tools/lab_expressions.py [--check] chapters/*.ipynb

jupyterlab-myst shows an {eval} role from the cell's ``user_expressions`` metadata
until the cell runs, and shows the bare expression when there is none. This writes
that metadata from the notebook's stored glue outputs, with the evaluation the book
uses (tools/sphinxext/eval_glued.py), in the form jupyterlab-myst stores after a
run, so a chapter opened in JupyterLab (or Binder) reads with its numbers before
the reader runs anything. The book ignores the metadata. `make outputs` runs this
after re-executing the notebooks; --check only reports notebooks whose metadata is
stale and exits 1 if any is.
"""

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "sphinxext"))
from eval_glued import (  # noqa: E402
    EvalError,
    evaluate_value,
    glued_values,
    notebook_glue_data,
)

ROLE = re.compile(r"\{eval\}`([^`]*)`")
KEY = "user_expressions"


def with_expressions(nb: dict) -> dict:
    """The notebook with ``user_expressions`` set on each cell with {eval} roles."""
    values = glued_values(notebook_glue_data(nb))
    cells = []
    for cell in nb["cells"]:
        cell = dict(cell, metadata=dict(cell.get("metadata", {})))
        cell["metadata"].pop(KEY, None)
        if cell["cell_type"] == "markdown":
            expressions = ROLE.findall("".join(cell["source"]))
            if expressions:
                cell["metadata"][KEY] = [
                    {
                        "expression": e,
                        "result": {
                            "data": {"text/plain": repr(evaluate_value(e, values))},
                            "metadata": {},
                            "status": "ok",
                        },
                    }
                    for e in expressions
                ]
        cells.append(cell)
    return {**nb, "cells": cells}


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = failed = 0
    for path in (Path(a) for a in argv if a != "--check"):
        before = path.read_text()
        try:
            nb = with_expressions(json.loads(before))
        except EvalError as exc:
            print(f"{path}: {exc}", file=sys.stderr)
            failed += 1
            continue
        after = json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        if after != before:
            stale += 1
            if check:
                print(f"{path}: the stored {{eval}} values are stale", file=sys.stderr)
            else:
                path.write_text(after)
                print(f"{{eval}} values stored in {path}")
    return 1 if failed or (check and stale) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
