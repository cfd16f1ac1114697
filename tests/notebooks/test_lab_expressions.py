"""The {eval} values stored for JupyterLab match the stored glue outputs.

tools/lab_expressions.py stores them (``make outputs`` runs it) so that a chapter
opened in Lab shows its numbers before it runs; a stale value would show a reader
a number the book does not.
"""

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
pytest.importorskip("sphinx")
from lab_expressions import with_expressions  # noqa: E402


@pytest.mark.parametrize(
    "path", sorted((ROOT / "chapters").glob("*.ipynb")), ids=lambda p: p.stem
)
def test_stored_eval_values_are_current(path):
    nb = json.loads(path.read_text())
    assert with_expressions(nb) == nb, (
        f"{path.name}: stored {{eval}} values are stale; run "
        f"python tools/lab_expressions.py chapters/*.ipynb (make outputs does)"
    )
