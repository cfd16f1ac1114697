"""Tests for tools/glue_to_eval.py: glue roles become {eval} roles, faithfully."""

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from glue_to_eval import ConversionError, convert  # noqa: E402

PREFIX = "application/papermill.record/"


def glued(name, text, mime="text/plain"):
    return {
        "data": {PREFIX + mime: text},
        "metadata": {"scrapbook": {"mime_prefix": PREFIX, "name": name}},
        "output_type": "display_data",
    }


def code(text, outputs=(), **metadata):
    return {
        "cell_type": "code",
        "execution_count": 1,
        "metadata": metadata,
        "outputs": list(outputs),
        "source": text.splitlines(keepends=True),
    }


def markdown(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def notebook(*cells):
    return {"cells": list(cells), "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def text(cell):
    return "".join(cell["source"])


def test_roles_keys_and_stored_outputs_are_renamed():
    nb = notebook(
        code("from nnmath.book import glue"),
        code(
            'glue("gd-final-relu", 0.0551)\n'
            'for kind in ["a", "b"]:\n    glue(f"gd-reach-{kind}", 3)\n',
            [glued("gd-final-relu", "0.0551"), glued("gd-reach-a", "3")],
        ),
        markdown(
            "Loss {glue:text}`gd-final-relu:.3f` after {glue:text}`gd-reach-a` "
            "steps ({glue}`gd-reach-a`)."
        ),
    )
    out = convert(nb, "t.ipynb")
    assert text(out["cells"][1]) == (
        'glue("gd_final_relu", 0.0551)\n'
        'for kind in ["a", "b"]:\n    glue(f"gd_reach_{kind}", 3)\n'
    )
    names = [o["metadata"]["scrapbook"]["name"] for o in out["cells"][1]["outputs"]]
    assert names == ["gd_final_relu", "gd_reach_a"]
    assert text(out["cells"][2]) == (
        'Loss {eval}`fmt(gd_final_relu, ".3f")` after {eval}`gd_reach_a` '
        "steps ({eval}`gd_reach_a`)."
    )
    assert convert(out, "t.ipynb") == out  # a second run changes nothing


def test_a_glued_markdown_table_is_displayed_by_the_cell_before_it():
    table = "| a |\n|---|\n| $1$ |"
    nb = notebook(
        code("from IPython.display import Markdown\nfrom nnmath.book import glue"),
        code(
            'rows = "| $1$ |"\nglue("xor-table", Markdown(rows), display=False)\n',
            [glued("xor-table", table, "text/markdown")],
            tags=["hide-input"],
        ),
        markdown("```{glue:md} xor-table\n:format: myst\n```\n\nNo line separates."),
    )
    out = convert(nb, "t.ipynb")
    assert text(out["cells"][0]) == "from IPython.display import Markdown\n"
    cell = out["cells"][1]
    assert text(cell) == 'rows = "| $1$ |"\ndisplay(Markdown(rows))\n'
    assert cell["outputs"] == [
        {
            "data": {"text/markdown": table},
            "metadata": {},
            "output_type": "display_data",
        }
    ]
    assert cell["metadata"] == {
        "tags": ["hide-input"],
        "mystnb": {"markdown_format": "myst"},
    }
    assert text(out["cells"][2]) == "No line separates."
    assert convert(out, "t.ipynb") == out


@pytest.mark.parametrize(
    "cells, message",
    [
        (
            [
                code('glue("fig", f)', [glued("fig", "<Figure>")]),
                markdown("```{glue:figure} fig\n```"),
            ],
            r"\{glue:figure\} is not converted",
        ),
        (
            [
                code('lr = 1\nglue("lr", lr)', [glued("lr", "1")]),
                markdown("{glue:text}`lr`"),
            ],
            "glue names that are also variables of the notebook",
        ),
        (
            [
                code('glue("a-b", 1)', [glued("a-b", "1")]),
                markdown("{glue:text}`a-c:.2f`"),
            ],
            "the prose uses names no cell glued",
        ),
        (
            [code("x = 1"), markdown("Text first.\n\n```{glue:md} t\n```")],
            "a glue directive not at its start",
        ),
    ],
)
def test_what_cannot_be_converted_faithfully_is_refused(cells, message):
    with pytest.raises(ConversionError, match=message):
        convert(notebook(*cells), "t.ipynb")


def test_the_input_notebook_is_left_untouched():
    nb = notebook(
        code('glue("a-b", 1)', [glued("a-b", "1")]), markdown("{glue:text}`a-b`")
    )
    before = json.dumps(nb)
    convert(nb, "t.ipynb")
    assert json.dumps(nb) == before


def test_a_hyphenated_string_interpolated_into_a_key_is_renamed_with_it():
    nb = notebook(
        code(
            'for key in ("001", "grad-001"):\n    glue(f"lf-bce-{key}", 1.0)\n',
            [glued("lf-bce-001", "1.0"), glued("lf-bce-grad-001", "1.0")],
        ),
        markdown("{glue:text}`lf-bce-grad-001:.1f`"),
    )
    out = convert(nb, "t.ipynb")
    assert text(out["cells"][0]) == (
        'for key in ("001", "grad_001"):\n    glue(f"lf_bce_{key}", 1.0)\n'
    )
    assert text(out["cells"][1]) == '{eval}`fmt(lf_bce_grad_001, ".1f")`'
