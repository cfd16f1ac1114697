"""Tests for tools/sphinxext/eval_glued.py: the book's {eval}, evaluated strictly."""

import sys
from pathlib import Path

import pytest

pytest.importorskip("sphinx")
sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools" / "sphinxext"))
from eval_glued import EvalError, evaluate, glued_values  # noqa: E402

GLUE_DATA = {
    "gd_final_relu": {"data": {"text/plain": "0.0551235"}},
    "gd_epochs": {"data": {"text/plain": "400"}},
    "lf_bce_limit": {"data": {"text/plain": "'∞'"}},
    "xor_table": {"data": {"text/plain": "<IPython.core.display.Markdown object>"}},
}


@pytest.mark.parametrize(
    "expression, text",
    [
        ('fmt(gd_final_relu, ".3f")', "0.055"),
        ("gd_epochs", "400"),
        ("lf_bce_limit", "∞"),
        ('fmt(100 * gd_final_relu, ".1f")', "5.5"),
        ("fmt(gd_epochs, spec='.1e')", "4.0e+02"),
    ],
)
def test_glued_values_are_shown_as_the_kernel_shows_them(expression, text):
    assert evaluate(expression, glued_values(GLUE_DATA)) == text


@pytest.mark.parametrize(
    "expression, message",
    [
        ("gd_final_rel", "no cell of this notebook glued 'gd_final_rel'"),
        ('fmt(gd_final_relu, ".3q")', "failed: ValueError"),
        ("__import__('os')", "the only function here is fmt"),
        ("gd_epochs.real", "Attribute is not supported"),
        ("xor_table", "glued value xor_table is not a number or string"),
        ("fmt(", "is not a Python expression"),
    ],
)
def test_what_cannot_be_evaluated_is_an_error_not_silence(expression, message):
    with pytest.raises(EvalError, match=message):
        evaluate(expression, glued_values(GLUE_DATA))


def test_lab_expressions_stores_what_the_kernel_would():
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
    from lab_expressions import with_expressions

    nb = {
        "cells": [
            {
                "cell_type": "code",
                "metadata": {},
                "source": [],
                "outputs": [
                    {
                        "data": {"application/papermill.record/text/plain": "'∞'"},
                        "metadata": {
                            "scrapbook": {
                                "mime_prefix": "application/papermill.record/",
                                "name": "lf_bce_limit",
                            }
                        },
                        "output_type": "display_data",
                    }
                ],
            },
            {
                "cell_type": "markdown",
                "metadata": {},
                "source": ["{eval}`lf_bce_limit`"],
            },
        ]
    }
    [stored] = with_expressions(nb)["cells"][1]["metadata"]["user_expressions"]
    # the kernel's text/plain is the repr; jupyterlab-myst strips the quotes
    assert stored == {
        "expression": "lf_bce_limit",
        "result": {"data": {"text/plain": "'∞'"}, "metadata": {}, "status": "ok"},
    }
