"""Numbers for the book's prose: glued at the precision a reader reads, on any CPU."""

import keyword
import numbers

import numpy as np

# A reader reads at most this many significant digits; the digits past it are where
# BLAS kernels, SIMD loops and thread counts make machines disagree.
DIGITS = 6

# Where myst-nb keeps a glued value in a cell's outputs.
GLUE_PREFIX = "application/papermill.record/"

# The names glue() has bound in this kernel, so that it may rebind them (a cell run
# twice) but never overwrite a variable of the reader's.
_GLUED: set[str] = set()


def sig(x, digits: int = DIGITS):
    """``x`` rounded to ``digits`` significant digits, as a plain Python number.

    Integers and non-numbers come back unchanged; a NumPy float comes back as a
    Python float, so its text is ``0.302505`` and not ``np.float64(0.302505...)``.
    """
    if isinstance(x, bool | numbers.Integral) or not isinstance(x, numbers.Real):
        return x
    x = float(x)
    return float(f"{x:.{digits}g}") if np.isfinite(x) else x


class Formatted(str):
    """Text that Jupyter shows as it is: its repr has no quotes."""

    def __repr__(self):
        return str(self)


def fmt(x, spec: str = "") -> Formatted:
    """``x`` formatted by ``spec`` as in ``f"{x:spec}"``, for an ``{eval}`` role.

    ``fmt(0.0551, ".3f")`` is ``0.055``. As in myst-nb's ``{glue:text}``, the type
    character of ``spec`` converts ``x`` first (``f``, ``e``, ``g``, ``%`` to float;
    ``d`` to int; ``s`` to str). The result displays without quotes, in JupyterLab
    as in the book.
    """
    if spec:
        kind = spec[-1]
        if kind == "s":
            x = str(x)
        elif kind in "bcdoxX":
            x = int(x)
        elif kind in "eEfFgGn%":
            x = float(x)
    return Formatted(format(x, spec))


def _shell():
    """The running IPython shell, or None (plain Python, a test)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return None
    return get_ipython()


def glue(name: str, value, display: bool = False):
    """Store ``value`` (rounded by ``sig``) under ``name`` for the prose beside it.

    The prose shows it with an ``{eval}`` role, e.g. ``{eval}`fmt(name, ".2e")```.
    Two readers evaluate that role:

    - a live kernel (JupyterLab with jupyterlab-myst): ``glue`` binds ``name`` (and
      ``fmt``, unless the notebook defines its own) in the notebook's namespace;
    - the built book, which runs no kernel: myst-nb's ``glue`` stores the value in
      the cell's output, and ``tools/sphinxext/eval_glued.py`` evaluates the role
      against the stored values.

    Without myst-nb (``pip install ".[lab]"``, Colab) only the name is bound. Not
    displayed by default: the cell beside it prints what the reader sees.
    """
    if not (isinstance(name, str) and name.isidentifier()) or keyword.iskeyword(name):
        raise ValueError(
            f"glue name must be a Python identifier, since the prose evaluates it; "
            f"got {name!r}"
        )
    value = sig(value)
    shell = _shell()
    if shell is not None:
        namespace = shell.user_ns
        if name in namespace and name not in _GLUED:
            raise ValueError(
                f"glue name {name} is already a variable of this notebook; "
                f"pick another name"
            )
        namespace[name] = value
        namespace.setdefault("fmt", fmt)
        _GLUED.add(name)
    if shell is None:
        return None
    from IPython.core.formatters import format_display_data
    from IPython.display import display as show

    try:
        import myst_nb  # noqa: F401  the book's toolchain, not a core need
    except ImportError:
        if display:
            show(value)
        return None
    # The record myst-nb's glue writes, which the book reads back (a test proves the
    # two agree). Written here because importing myst_nb's glue loads docutils: about
    # 2 s of CPU in every notebook, twice per test run.
    data, metadata = format_display_data(value)
    prefix = "" if display else GLUE_PREFIX
    metadata["scrapbook"] = {"name": name, "mime_prefix": prefix}
    show({prefix + k: v for k, v in data.items()}, raw=True, metadata=metadata)
    return None
