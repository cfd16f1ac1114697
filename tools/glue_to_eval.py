"""Rewrite notebooks from myst-nb's glue roles to {eval} roles, which Lab renders too.

Usage: python tools/glue_to_eval.py chapters/*.ipynb

In each notebook it
- renames every glue key to a Python identifier (hyphens become underscores) in the
  ``glue("key", ...)`` calls (f-string keys too) and in the stored glue outputs, as
  a re-execution would;
- rewrites the prose: ``{glue:text}`key:spec``` becomes ``{eval}`fmt(key, "spec")```
  and ``{glue:text}`key```, ``{glue}`key``` become ``{eval}`key```;
- turns a glue directive (``{glue:md}``, ``{glue}``, ``{glue:}``, ``{glue:math}``)
  that opens a Markdown cell into the object displayed by the code cell just
  before it: that cell's ``glue("key", obj, display=False)`` becomes
  ``display(obj)`` and its stored output the displayed object (a Markdown table
  renders in Lab as in the book; ``:format:`` becomes the cell's myst-nb
  ``markdown_format``).

It refuses, naming the notebook and cell, what it cannot convert faithfully (a
``{glue:figure}``, a directive elsewhere in a cell, a key that would collide with a
variable of the notebook), and changes nothing in that notebook. Running it twice
changes nothing the second time.
"""

import ast
import json
import keyword
import re
import sys
from pathlib import Path

PREFIX = "application/papermill.record/"
TEXT_ROLE = re.compile(r"\{glue(?::text)?\}`([^`]*)`")
OTHER_ROLE = re.compile(r"\{glue:[a-z]*\}`[^`]*`")
DIRECTIVE = re.compile(
    r"\A(?P<fence>`{3,}|:{3,})\{glue(?::(?P<kind>[a-z]*))?\}[ \t]+(?P<key>\S+)[ \t]*\n"
    r"(?P<options>(?::[\w-]+:.*\n)*)(?P=fence)[ \t]*(?:\n|\Z)"
)


class ConversionError(Exception):
    """What the script will not convert by itself; the message says where."""


def ident(key: str) -> str:
    return key.replace("-", "_")


def source(cell) -> str:
    return "".join(cell["source"])


def set_source(cell, text: str) -> None:
    cell["source"] = text.splitlines(keepends=True)


def index_of(text: str, line: int, byte_col: int) -> int:
    """The string index of an AST position (1-based line, UTF-8 byte column)."""
    lines = text.splitlines(keepends=True)
    start = sum(len(s) for s in lines[: line - 1])
    return start + len(lines[line - 1].encode()[:byte_col].decode())


def span(text: str, node) -> tuple[int, int]:
    return (
        index_of(text, node.lineno, node.col_offset),
        index_of(text, node.end_lineno, node.end_col_offset),
    )


def dash_outside_braces(literal: str) -> str:
    """An f-string literal with '-' -> '_' in its text, not inside its {fields}."""
    out, depth, i = [], 0, 0
    while i < len(literal):
        c = literal[i]
        if depth == 0 and literal.startswith(("{{", "}}"), i):
            out.append(literal[i : i + 2])
            i += 2
            continue
        depth += c == "{"
        depth -= c == "}"
        out.append("_" if c == "-" and depth == 0 else c)
        i += 1
    return "".join(out)


def glue_calls(tree):
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and node.args
            and (
                (isinstance(node.func, ast.Name) and node.func.id == "glue")
                or (isinstance(node.func, ast.Attribute) and node.func.attr == "glue")
            )
        ):
            yield node


def rename_glue_keys(
    code: str, where: str, keys: set[str] = frozenset()
) -> tuple[str, set[str]]:
    """The code with the key of each glue call written as an identifier.

    ``keys`` are the keys the cell's stored outputs glued. When an f-string builds a
    key, a hyphenated string the cell interpolates into it (``"grad-001"`` in
    ``f"lf-{name}-{key}"``) is renamed too, if it is a hyphen-bounded part of one
    of those keys. Returns the code and the interpolated strings it renamed.
    """
    edits, interpolated = [], set()
    tree = ast.parse(code)
    if any(isinstance(call.args[0], ast.JoinedStr) for call in glue_calls(tree)):
        in_fstrings = {
            id(part)
            for node in ast.walk(tree)
            if isinstance(node, ast.JoinedStr)
            for part in ast.walk(node)
        }
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and id(node) not in in_fstrings
                and re.fullmatch(r"\w+(-\w+)+", node.value)
                and any(f"-{node.value}-" in f"-{key}-" for key in keys)
            ):
                start, end = span(code, node)
                edits.append((start, end, code[start:end].replace("-", "_")))
                interpolated.add(node.value)
    for call in glue_calls(tree):
        key = call.args[0]
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            new = ident(key.value)
        elif isinstance(key, ast.JoinedStr):
            new = None
        else:
            raise ConversionError(f"{where}: a glue key that is not a string literal")
        start, end = span(code, key)
        literal = code[start:end]
        renamed = (
            dash_outside_braces(literal)
            if new is None
            else literal.replace(key.value, new)
        )
        if renamed != literal:
            edits.append((start, end, renamed))
    for start, end, text in sorted(edits, reverse=True):
        code = code[:start] + text + code[end:]
    return code, interpolated


def display_instead_of_glue(code: str, key: str, where: str) -> str:
    """``glue("key", obj, ...)`` (a whole statement) replaced by ``display(obj)``."""
    tree = ast.parse(code)
    found = [
        node
        for node in tree.body
        if isinstance(node, ast.Expr)
        and any(call is node.value for call in glue_calls(node))
        and isinstance(node.value.args[0], ast.Constant)
        and node.value.args[0].value in (key, ident(key))
    ]
    if len(found) != 1 or len(found[0].value.args) < 2:
        raise ConversionError(
            f"{where}: the cell before the glue directive must glue {key!r} once, "
            f'as a statement glue("{key}", obj, ...)'
        )
    call = found[0].value
    start, end = span(code, call)
    obj_start, obj_end = span(code, call.args[1])
    return code[:start] + f"display({code[obj_start:obj_end]})" + code[end:]


def displayed_output(output) -> dict:
    """A stored glue output as ``display(obj)`` would have stored it."""
    prefix = len(output["metadata"]["scrapbook"].get("mime_prefix", ""))
    metadata = {k: v for k, v in output["metadata"].items() if k != "scrapbook"}
    data = {k[prefix:]: v for k, v in output["data"].items()}
    return {"data": data, "metadata": metadata, "output_type": "display_data"}


def drop_glue_import(code: str) -> str:
    """The code without ``glue`` in ``from nnmath.book import ...``, now unused."""
    for node in ast.parse(code).body:
        if (
            isinstance(node, ast.ImportFrom)
            and node.module == "nnmath.book"
            and any(a.name == "glue" for a in node.names)
        ):
            start, end = span(code, node)
            rest = [a for a in node.names if a.name != "glue"]
            if rest:
                names = ", ".join(
                    a.name + (f" as {a.asname}" if a.asname else "") for a in rest
                )
                return code[:start] + f"from nnmath.book import {names}" + code[end:]
            end += code[end:].startswith("\n")
            return code[:start] + code[end:]
    return code


def prose_role(match) -> str:
    key, _, spec = match.group(1).partition(":")
    if "::" in match.group(1):
        raise ConversionError(f"a glue from another document: {match.group(0)}")
    if spec:
        return f'{{eval}}`fmt({ident(key)}, "{spec}")`'
    return f"{{eval}}`{ident(key)}`"


def strings(code: str) -> set[str]:
    """The string constants of some code."""
    return {
        node.value
        for node in ast.walk(ast.parse(code))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def code_names(cells) -> set[str]:
    """Every name the notebook's code binds or reads."""
    names = set()
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse(source(cell))):
            if isinstance(node, ast.Name):
                names.add(node.id)
            elif isinstance(node, ast.FunctionDef | ast.ClassDef):
                names.add(node.name)
            elif isinstance(node, ast.alias):
                names.add((node.asname or node.name).split(".")[0])
            elif isinstance(node, ast.arg):
                names.add(node.arg)
    return names


def convert(nb: dict, name: str) -> dict:
    """The notebook converted (a new dict); raises ConversionError."""
    nb = json.loads(json.dumps(nb))
    cells = nb["cells"]
    displayed = set()
    for i, cell in enumerate(cells):
        where = f"{name}, cell {i + 1}"
        text = source(cell)
        if cell["cell_type"] == "markdown":
            directive = DIRECTIVE.match(text)
            if directive:
                kind, key = directive.group("kind") or "", directive.group("key")
                if kind not in ("", "md", "math"):
                    raise ConversionError(f"{where}: {{glue:{kind}}} is not converted")
                before = cells[i - 1] if i else None
                if before is None or before["cell_type"] != "code":
                    raise ConversionError(f"{where}: no code cell just before {key}")
                code = display_instead_of_glue(source(before), key, where)
                set_source(before, code)
                outputs = before.get("outputs", [])
                for k, output in enumerate(outputs):
                    meta = output.get("metadata", {}).get("scrapbook", {})
                    if meta.get("name") in (key, ident(key)):
                        outputs[k] = displayed_output(output)
                options = dict(
                    re.findall(r":([\w-]+):[ \t]*(.*)", directive.group("options"))
                )
                if options.get("format", "commonmark") != "commonmark":
                    before["metadata"].setdefault("mystnb", {})["markdown_format"] = (
                        options["format"]
                    )
                displayed.add(key)
                text = text[directive.end() :].lstrip("\n")
            if re.search(r"\{glue(:[a-z]*)?\}\s", text):
                raise ConversionError(f"{where}: a glue directive not at its start")
            text = TEXT_ROLE.sub(prose_role, text)
            if OTHER_ROLE.search(text):
                raise ConversionError(
                    f"{where}: {OTHER_ROLE.search(text).group(0)} is not converted"
                )
            set_source(cell, text)
        elif cell["cell_type"] == "code":
            keys = {
                output["metadata"]["scrapbook"]["name"]
                for output in cell.get("outputs", [])
                if "scrapbook" in output.get("metadata", {})
            }
            renamed, moved = rename_glue_keys(text, where, keys)
            set_source(cell, renamed)
            for output in cell.get("outputs", []):
                meta = output.get("metadata", {}).get("scrapbook")
                if meta:
                    meta["name"] = ident(meta["name"])
            for other in cells:
                if other is not cell and other["cell_type"] == "code":
                    if moved & strings(source(other)):
                        raise ConversionError(
                            f"{where}: renamed {moved} for a glue key, but another "
                            f"cell uses the same string; rename it by hand"
                        )
    codes = [source(c) for c in cells if c["cell_type"] == "code"]
    if not any(list(glue_calls(ast.parse(code))) for code in codes):
        for cell in cells:
            if cell["cell_type"] == "code":
                set_source(cell, drop_glue_import(source(cell)))
    glued = {
        output["metadata"]["scrapbook"]["name"]
        for cell in cells
        for output in cell.get("outputs", [])
        if "scrapbook" in output.get("metadata", {})
    }
    for key in sorted(glued):
        if not key.isidentifier() or keyword.iskeyword(key):
            raise ConversionError(f"{name}: glued key {key!r} is not an identifier")
    clashes = glued & code_names(cells)
    if clashes:
        raise ConversionError(
            f"{name}: glue names that are also variables of the notebook: {clashes}"
        )
    used = set()
    for cell in cells:
        if cell["cell_type"] == "markdown":
            for expression in re.findall(r"\{eval\}`([^`]*)`", source(cell)):
                used |= {
                    node.id
                    for node in ast.walk(ast.parse(expression, mode="eval"))
                    if isinstance(node, ast.Name)
                }
    missing = used - glued - {"fmt"}
    if missing:
        raise ConversionError(f"{name}: the prose uses names no cell glued: {missing}")
    return nb


def main(paths: list[str]) -> int:
    failed = 0
    for path in map(Path, paths):
        before = path.read_text()
        try:
            nb = convert(json.loads(before), path.name)
        except (ConversionError, SyntaxError) as exc:
            print(f"NOT converted: {exc}", file=sys.stderr)
            failed += 1
            continue
        after = json.dumps(nb, indent=1, ensure_ascii=False, sort_keys=True) + "\n"
        if after != before:
            path.write_text(after)
            print(f"converted {path}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
