"""One notation: every symbol a page uses is on the notation page, with one meaning.

The check reads the LaTeX of every page (prose, and the Markdown and LaTeX that cells
display) and collects its Greek letters and capital letters. Each must appear in the
symbol column of a row of ``chapters/notation.md``, and no symbol may head two rows.
The clashes the book has had (α as the learning rate, λ as Leaky ReLU's slope, δ as
the Kronecker delta) are caught by their shapes.
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NOTATION = ROOT / "chapters" / "notation.md"
NOT_NOTATION = {"notation.md", "bibliography.md", "api.md"}

GREEK = (
    r"\\(?:alpha|beta|gamma|Gamma|delta|Delta|epsilon|varepsilon|zeta|eta|theta|"
    r"Theta|vartheta|iota|kappa|lambda|Lambda|mu|nu|xi|Xi|pi|Pi|rho|varrho|sigma|"
    r"Sigma|tau|upsilon|phi|Phi|varphi|chi|psi|Psi|omega|Omega)(?![A-Za-z])"
)
MATH = re.compile(
    r"\$\$(.+?)\$\$|\$(.+?)\$|```\{math\}(.*?)```|\\begin\{(\w+\*?)\}(.*?)\\end\{\4\}",
    re.S,
)
WORDS = re.compile(
    r"\\(?:text|operatorname|mathrm|label|mathtt|textsf|textrm|mathsf|tag|ref|eq)"
    r"\*?\{[^{}]*\}"
)
# A symbol used in a second meaning, by the shape it takes there.
CLASHES = {
    r"\\alpha\s*(?:\\nabla|\\frac\s*\{\s*\\partial|\\,\s*\\frac|\\partial)": (
        "α is ELU's scale; the learning rate is η"
    ),
    r"\\lambda\s*z(?![A-Za-z_])": "λ is an eigenvalue; Leaky ReLU's slope is ρ",
    r"\\delta_\{?ij\}?": "δ is the delta; the identity's entries are I_ij",
}


def symbols(tex: str) -> set[str]:
    """The Greek letters and capitals of a piece of LaTeX (ℝ as \\mathbb{R})."""
    found = set(re.findall(r"\\mathbb\{[A-Z]\}", tex))
    tex = re.sub(r"\\mathbb\{[A-Z]\}", " ", tex)
    tex = WORDS.sub(" ", tex)
    found |= set(re.findall(GREEK, tex))
    tex = re.sub(r"\\[A-Za-z]+", " ", tex)
    found |= set(re.findall(r"(?<![A-Za-z])[A-Z](?![A-Za-z])", tex))
    return found


def math_of(text: str) -> list[str]:
    return [m.group(5) or next(g for g in m.groups() if g) for m in MATH.finditer(text)]


def listed() -> dict[str, list[str]]:
    """Symbol -> the rows of the notation page whose first column shows it."""
    rows: dict[str, list[str]] = {}
    for line in NOTATION.read_text().splitlines():
        if not line.startswith("| $"):
            continue
        first = line.split("|")[1]
        for symbol in set().union(*map(symbols, math_of(first))):
            rows.setdefault(symbol, []).append(first.strip())
    return rows


def page_texts(path: Path) -> list[str]:
    if path.suffix == ".md":
        return [path.read_text()]
    texts = []
    for cell in json.loads(path.read_text())["cells"]:
        if cell["cell_type"] == "markdown":
            texts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            for kind in ("text/markdown", "text/latex"):
                if kind in output.get("data", {}):
                    texts.append("".join(output["data"][kind]))
    return texts


def pages() -> list[Path]:
    chapters = sorted((ROOT / "chapters").glob("*.ipynb")) + sorted(
        p for p in (ROOT / "chapters").glob("*.md") if p.name not in NOT_NOTATION
    )
    return [ROOT / "intro.md", *chapters]


def test_each_symbol_heads_one_row():
    twice = {s: r for s, r in listed().items() if len(r) > 1}
    assert not twice, f"symbols listed in more than one row of notation.md: {twice}"


@pytest.mark.parametrize("path", pages(), ids=lambda p: p.stem)
def test_page_uses_listed_symbols_in_one_meaning(path):
    known = listed()
    unknown, clashes = set(), set()
    for text in page_texts(path):
        for tex in math_of(text):
            unknown |= symbols(tex) - known.keys()
            for pattern, why in CLASHES.items():
                if re.search(pattern, tex):
                    clashes.add(f"{why}: ${tex.strip()[:60]}$")
    assert not unknown, f"{path.name} uses symbols notation.md does not list: {unknown}"
    assert not clashes, f"{path.name} uses a symbol in a second meaning: {clashes}"


@pytest.mark.parametrize(
    "tex, expected",
    [
        (r"\sigma(z) = \frac{1}{1 + e^{-z}}", {r"\sigma"}),
        (r"W^{[l]} \in \mathbb{R}^{n_l \times n_{l-1}}", {"W", r"\mathbb{R}"}),
        (r"\operatorname{ReLU}(z) + \text{Loss } L", {"L"}),
        (r"\eta\,\partial L/\partial W", {r"\eta", "L", "W"}),
        (r"\varepsilon \ne \epsilon", {r"\varepsilon", r"\epsilon"}),
    ],
)
def test_symbols_are_read_off_latex(tex, expected):
    assert symbols(tex) == expected


def test_a_second_meaning_is_caught():
    tex = r"W \leftarrow W - \alpha \frac{\partial L}{\partial W}"
    assert any(re.search(p, tex) for p in CLASHES)
