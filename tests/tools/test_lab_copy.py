"""Tests for tools/lab_copy.py: Lab's working copy never loses the reader's edits."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "tools"))
from lab_copy import sync  # noqa: E402


def test_copies_are_made_kept_and_refreshed_without_losing_edits(tmp_path):
    chapters, copy = tmp_path / "chapters", tmp_path / "lab"
    chapters.mkdir()
    (chapters / "a.ipynb").write_text("a1")
    (chapters / "b.ipynb").write_text("b1")
    assert sync(chapters, copy) == []
    assert (copy / "a.ipynb").read_text() == "a1"

    (copy / "a.ipynb").write_text("a1, run by the reader")
    assert sync(chapters, copy) == []  # chapter unchanged: the reader's copy stays
    assert (copy / "a.ipynb").read_text() == "a1, run by the reader"

    (chapters / "a.ipynb").write_text("a2")
    (chapters / "b.ipynb").write_text("b2")
    [said] = sync(chapters, copy)
    assert "a.ipynb changed" in said
    assert (copy / "a.ipynb").read_text() == "a2"
    assert (copy / "b.ipynb").read_text() == "b2"  # untouched copy: just refreshed
    [kept] = (copy / "edited").glob("a-*.ipynb")
    assert kept.read_text() == "a1, run by the reader"
    assert (chapters / "a.ipynb").read_text() == "a2"  # the source is never written
