"""Sphinx extension: the {eval} role, evaluated against a notebook's glued values.

The prose shows a number with ``{eval}`fmt(gd_final_relu, ".3f")```. In JupyterLab,
jupyterlab-myst asks the kernel to evaluate it (``nnmath.book.glue`` binds the name
there). The book runs no kernel (``execute_notebooks: "off"``), so myst-nb's own
``eval`` role has nothing to ask; this role evaluates the same expression against
the values the notebook's glue outputs store. Only names, constants, arithmetic
and calls of ``fmt`` are allowed, without builtins; anything else, or a name no
cell glued, is a warning, which the strict build turns into an error.
"""

import ast

from docutils import nodes
from sphinx.util import logging
from sphinx.util.docutils import SphinxRole

logger = logging.getLogger(__name__)

ALLOWED = (
    ast.Expression,
    ast.Name,
    ast.Load,
    ast.Constant,
    ast.Call,
    ast.keyword,
    ast.BinOp,
    ast.UnaryOp,
    ast.Tuple,
    ast.operator,
    ast.unaryop,
)


class EvalError(Exception):
    """An {eval} expression the book cannot evaluate; the message says why."""


def glued_values(glue_data) -> dict:
    """Name -> value of each glue output whose text is a Python literal."""
    values = {}
    for key, output in glue_data.items():
        text = output["data"].get("text/plain")
        try:
            values[key] = ast.literal_eval(text)
        except (ValueError, SyntaxError, TypeError):
            values[key] = EvalError(
                f"glued value {key} is not a number or string ({text!r}); "
                f"show it in a cell's output instead"
            )
    return values


def evaluate(expression: str, values: dict) -> str:
    """The text of ``expression`` evaluated with ``values`` and ``fmt``, as shown."""
    return str(evaluate_value(expression, values))


def evaluate_value(expression: str, values: dict):
    """``expression`` evaluated with ``values`` and ``fmt``, or an EvalError."""
    from nnmath.book import fmt

    try:
        tree = ast.parse(expression.strip(), mode="eval")
    except SyntaxError as exc:
        raise EvalError(
            f"{expression!r} is not a Python expression: {exc.msg}"
        ) from None
    for node in ast.walk(tree):
        if not isinstance(node, ALLOWED):
            raise EvalError(
                f"{expression!r}: {type(node).__name__} is not supported here "
                f"(only glued names, constants, arithmetic and fmt(...))"
            )
        if isinstance(node, ast.Call) and not (
            isinstance(node.func, ast.Name) and node.func.id == "fmt"
        ):
            raise EvalError(f"{expression!r}: the only function here is fmt")
    names = {"fmt": fmt}
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and node.id != "fmt":
            if node.id not in values:
                raise EvalError(
                    f"{expression!r}: no cell of this notebook glued {node.id!r} "
                    f"(glued: {', '.join(sorted(values)) or 'nothing'})"
                )
            if isinstance(values[node.id], EvalError):
                raise values[node.id]
            names[node.id] = values[node.id]
    try:
        result = eval(compile(tree, "<eval role>", "eval"), {"__builtins__": {}}, names)
    except Exception as exc:
        raise EvalError(f"{expression!r} failed: {type(exc).__name__}: {exc}") from None
    return result


def notebook_glue_data(nb: dict) -> dict:
    """The glue data of a notebook's stored outputs, as myst-nb extracts it."""
    data = {}
    for cell in nb["cells"]:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("scrapbook")
            if meta:
                prefix = len(meta.get("mime_prefix", ""))
                mimes = {k[prefix:]: v for k, v in output["data"].items()}
                data[meta["name"]] = {"data": mimes}
    return data


class EvalGlued(SphinxRole):
    """``{eval}`expression```: the expression's value as text."""

    def run(self):
        try:
            renderer = self.inliner.document["nb_renderer"]
        except KeyError:
            return self.fail("{eval} is only available in a notebook page")
        try:
            text = evaluate(
                self.text, glued_values(renderer.renderer.nb_client.glue_data)
            )
        except EvalError as exc:
            return self.fail(str(exc))
        return [nodes.inline(text, text, classes=["pasted-text"])], []

    def fail(self, message):
        logger.warning(
            message, location=self.get_location(), type="eval", subtype="glued"
        )
        return [nodes.literal(self.rawtext, self.text)], []


def setup(app):
    # myst-nb registers an {eval} role that needs a running kernel; load it first so
    # that this role replaces it.
    app.setup_extension("myst_nb")
    app.add_role("eval", EvalGlued(), override=True)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
