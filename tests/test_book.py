"""Tests for nnmath.book: glued values reach both the built book and a live kernel."""

import sys

import numpy as np
import pytest
from nnmath import book
from nnmath.book import fmt, glue, sig


@pytest.fixture
def shell(monkeypatch):
    """A fresh IPython shell standing in for a notebook's kernel."""
    interactiveshell = pytest.importorskip("IPython.core.interactiveshell")
    shell = interactiveshell.InteractiveShell.instance()
    monkeypatch.setattr(book, "_GLUED", set())
    yield shell
    interactiveshell.InteractiveShell.clear_instance()


@pytest.fixture
def without_myst_nb(monkeypatch):
    monkeypatch.setitem(sys.modules, "myst_nb", None)  # import myst_nb fails


def test_sig_rounds_floats_and_keeps_integers():
    assert sig(np.float64(0.30250543925749207)) == 0.302505
    assert type(sig(np.float64(1.5))) is float
    assert sig(400) == 400 and sig("∞") == "∞"


@pytest.mark.parametrize(
    "value, spec, text",
    [
        (0.0551, ".3f", "0.055"),
        (9.5367431640625e-07, ".2e", "9.54e-07"),
        (400, "", "400"),
        (400, ".3g", "400"),
        (2.0, "d", "2"),
        ("∞", "", "∞"),
    ],
)
def test_fmt_formats_like_glue_text_and_shows_no_quotes(value, spec, text):
    assert fmt(value, spec) == text
    assert repr(fmt(value, spec)) == text


def test_fmt_displays_as_its_text_in_jupyter():
    formatters = pytest.importorskip("IPython.core.formatters")
    data, _ = formatters.format_display_data(fmt(0.0551, ".3f"))
    assert data["text/plain"] == "0.055"


def test_glue_binds_the_rounded_value_and_fmt_for_the_kernel(shell):
    glue("gd_final_relu", np.float64(0.05512345678))
    assert shell.user_ns["gd_final_relu"] == 0.0551235
    assert shell.user_ns["fmt"] is fmt
    glue("gd_final_relu", 0.5)  # the cell run again
    assert shell.user_ns["gd_final_relu"] == 0.5
    # the prose's expression, evaluated as jupyterlab-myst asks the kernel to
    reply = shell.user_expressions({"0": 'fmt(gd_final_relu, ".3f")'})
    assert reply["0"]["data"]["text/plain"] == "0.500"


def test_glue_keeps_the_notebooks_own_fmt(shell):
    shell.user_ns["fmt"] = "the reader's"
    glue("x_glued", 1.0)
    assert shell.user_ns["fmt"] == "the reader's"


def test_glue_never_overwrites_a_variable_of_the_notebook(shell):
    shell.user_ns["lr"] = 0.1
    with pytest.raises(ValueError, match="glue name lr is already a variable"):
        glue("lr", 0.2)
    assert shell.user_ns["lr"] == 0.1


def test_without_myst_nb_glue_only_binds_the_name(shell, without_myst_nb, capsys):
    glue("lf_bce_limit", "∞")
    assert shell.user_ns["lf_bce_limit"] == "∞"
    assert capsys.readouterr().out == ""


def test_without_a_kernel_glue_is_harmless(without_myst_nb):
    assert glue("plain_python", 1.0) is None


@pytest.mark.parametrize("name", ["gd-final-relu", "1st", "class", "", 3])
def test_glue_names_must_be_identifiers(name):
    with pytest.raises(ValueError, match="glue name must be a Python identifier"):
        glue(name, 1.0)


@pytest.mark.parametrize("display", [False, True])
def test_glue_writes_the_record_myst_nb_writes(shell, monkeypatch, display):
    myst_glue = pytest.importorskip("myst_nb.ext.glue")
    published = []
    monkeypatch.setattr(shell.display_pub, "publish", lambda **kw: published.append(kw))
    glue("gd_lr", 0.125, display=display)
    myst_glue.glue("gd_lr", 0.125, display=display)
    ours, theirs = published
    assert ours == theirs
    assert book.GLUE_PREFIX == myst_glue.GLUE_PREFIX
    assert ("text/plain" in ours["data"]) is display
