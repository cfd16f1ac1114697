"""Sphinx extension: turn "chapter on X" in nnmath's docstrings into links to X."""

import re

from sphinx.util import logging

# How the library's docstrings name a chapter, and the chapter's label.
CHAPTERS = {
    "how this book checks itself": "how-this-book-checks-itself",
    "why networks need nonlinear activations": "why-nonlinearity",
    "what makes a good activation": "good-activation",
    "sigmoid and tanh": "sigmoid-tanh",
    "the ReLU family": "relu-family",
    "softmax and the linear output": "softmax-linear",
    "modern activations": "modern-activations",
    "sigmoid or softmax": "sigmoid-vs-softmax",
    "loss functions": "loss-functions",
    "where the losses come from": "likelihood",
    "backpropagation deltas": "backprop-deltas",
    "gradient descent and training": "gradient-descent",
    "initialisation": "initialisation",
    "optimisers": "optimisers",
    "automatic differentiation": "autodiff",
    "exploding gradients": "exploding-gradients",
}
# A phrase may be wrapped over docstring lines, so words match across any space.
KNOWN = re.compile(
    r"chapter on\s+("
    + "|".join(r"\s+".join(map(re.escape, p.split())) for p in CHAPTERS)
    + ")"
)
logger = logging.getLogger(__name__)


def _label(match):
    return f"chapter :ref:`{CHAPTERS[' '.join(match.group(1).split())]}`"


def _link_chapters(app, what, name, obj, options, lines):
    text = KNOWN.sub(_label, "\n".join(lines))
    for unknown in re.finditer(r"chapter on\s+\S+(\s+\S+){0,3}", text):
        logger.warning(f"{name}: docstring names an unknown chapter: {unknown[0]!r}")
    lines[:] = text.split("\n")


def setup(app):
    app.connect("autodoc-process-docstring", _link_chapters)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
