"""The notebooks' stored outputs hold no float to more digits than a reader reads.

Digits past the tenth are where CPUs disagree (BLAS kernels, SIMD loops, thread
counts), so a stored output that shows them is a regression test that fails on
another machine. Values are printed at the precision the argument needs and glued
through ``nnmath.book.glue``, which rounds them.
"""

import json
import re
from pathlib import Path

import pytest

CHAPTERS = Path(__file__).resolve().parents[2] / "chapters"
MAX_DIGITS = 10
NUMBER = re.compile(r"(?<![\w.])[-+]?(\d+\.\d*|\.\d+|\d+)(?:[eE][-+]?\d+)?(?![\w.])")


def significant_digits(mantissa: str) -> int:
    digits = mantissa.replace(".", "").lstrip("0")
    if "." not in mantissa:  # an integer's trailing zeros are not precision
        digits = digits.rstrip("0")
    return len(digits)


def output_texts(cell: dict):
    for output in cell.get("outputs", []):
        if output["output_type"] == "stream":
            yield "".join(output["text"])
        for kind, value in output.get("data", {}).items():
            if not kind.startswith("image/"):
                yield "".join(value) if isinstance(value, list) else json.dumps(value)


def long_floats(text: str) -> list[str]:
    found = []
    for match in NUMBER.finditer(text):
        mantissa = match.group(1)
        is_float = "." in mantissa or "e" in match.group(0).lower()
        if is_float and significant_digits(mantissa) > MAX_DIGITS:
            found.append(match.group(0))
    return found


@pytest.mark.parametrize("path", sorted(CHAPTERS.glob("*.ipynb")), ids=lambda p: p.stem)
def test_no_stored_float_beyond_ten_digits(path):
    cells = json.loads(path.read_text())["cells"]
    offenders = [
        f"cell {cell.get('id', index)}: {number}"
        for index, cell in enumerate(cells)
        for text in output_texts(cell)
        for number in long_floats(text)
    ]
    assert not offenders, f"{path.name} stores floats past {MAX_DIGITS} digits: " + (
        ", ".join(offenders)
    )


@pytest.mark.parametrize(
    "text, expected",
    [
        ("0.30250543925749207", ["0.30250543925749207"]),
        ("np.float64(2.7755575615628914e-17)", ["2.7755575615628914e-17"]),
        ("loss 0.3025, 1.50e+00, 9.5367431640625e-07", ["9.5367431640625e-07"]),
        ("seed 20260101 and 12345678901", []),  # integers are exact
        ("cell-012 and x1.5", []),
    ],
)
def test_the_scan_finds_long_floats(text, expected):
    assert long_floats(text) == expected
