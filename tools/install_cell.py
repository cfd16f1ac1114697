"""Give each chapter a first code cell that installs nnmath where it is missing.

Usage: python tools/install_cell.py chapters/*.ipynb

Colab opens a chapter without the book's library. The cell, tagged ``remove-cell``
so that the book leaves it out, installs nnmath when it is not importable: from
``$NNMATH_SOURCE`` when that is set (a path, a wheel or any pip requirement), else
from the repository in ``_config.yml`` (``repository.url`` at
``repository.branch``). With neither, it prints how to install and changes nothing.
Binder and ``make lab`` install nnmath beforehand, so there the cell does nothing.

The cell goes just before the chapter's first code cell, so the title and the
overview still open the notebook. Running the script again replaces the cell
(after ``repository.url`` is set, say) and otherwise changes nothing.
"""

import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
MARK = "install-nnmath"  # the cell's id and its mark in the metadata

TEMPLATE = """\
# Colab: install the book's library, nnmath, if it is missing (see README).
import importlib.util
import os
import subprocess
import sys

REPOSITORY = "{requirement}"
if importlib.util.find_spec("nnmath") is None:
    source = os.environ.get("NNMATH_SOURCE") or REPOSITORY
    if source:
        pip = [sys.executable, "-m", "pip", "install", "--quiet", source]
        subprocess.run(pip, check=True)
        importlib.invalidate_caches()
    else:
        hint = "pip install '.[lab]' in a clone of the book's repository"
        print("nnmath is not installed:", hint)"""


def requirement(config_path: Path = ROOT / "_config.yml") -> str:
    """A pip requirement for nnmath from the repository named in _config.yml."""
    repository = yaml.safe_load(config_path.read_text()).get("repository") or {}
    url = (repository.get("url") or "").strip().rstrip("/")
    if not url:
        return ""
    req = f"git+{url}@{repository.get('branch') or 'main'}"
    path = (repository.get("path_to_book") or "").strip("/")
    return f"{req}#subdirectory={path}" if path else req


def install_cell(req: str) -> dict:
    return {
        "cell_type": "code",
        "execution_count": None,
        "id": MARK,
        # hidden in the book; folded in JupyterLab, where a click shows it
        "metadata": {
            MARK: True,
            "jupyter": {"source_hidden": True},
            "tags": ["remove-cell"],
        },
        "outputs": [],
        "source": TEMPLATE.format(requirement=req).splitlines(keepends=True),
    }


def with_install_cell(nb: dict, req: str) -> dict:
    """The notebook with the install cell (only one) before its first code cell."""
    cells = [c for c in nb["cells"] if not c.get("metadata", {}).get(MARK)]
    first_code = next(
        (i for i, c in enumerate(cells) if c["cell_type"] == "code"), len(cells)
    )
    cells.insert(first_code, install_cell(req))
    return {**nb, "cells": cells}


def main(paths: list[str]) -> int:
    req = requirement()
    for path in map(Path, paths):
        before = path.read_text()
        nb = with_install_cell(json.loads(before), req)
        after = json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        if after != before:
            path.write_text(after)
            print(f"install cell written to {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
