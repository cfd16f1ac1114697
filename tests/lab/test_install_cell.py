"""The chapters' install cell, simulated offline: a fresh venv gets nnmath from it.

Colab cannot be reached from here, so the test plays its part: a new virtual
environment that has the book's dependencies (numpy, sympy, ...) but not nnmath,
and NNMATH_SOURCE pointing at a wheel built from this tree. pip may not use an
index (PIP_NO_INDEX), so nothing is fetched: a missing dependency fails the test.
"""

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from install_cell import install_cell  # noqa: E402

CHECK = "import importlib.util; print('nnmath', importlib.util.find_spec('nnmath'))"


@pytest.fixture(scope="module")
def fresh_python(tmp_path_factory):
    """A new venv's python that sees this environment's packages except nnmath."""
    tmp = tmp_path_factory.mktemp("colab")
    subprocess.run([sys.executable, "-m", "venv", str(tmp / "venv")], check=True)
    python = tmp / "venv" / "bin" / "python"
    site = subprocess.run(
        [python, "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    # A path line in a .pth file adds the directory but not the .pth files in it,
    # so this environment's editable nnmath stays out of sight.
    (Path(site) / "book_dependencies.pth").write_text(
        sysconfig.get_path("purelib") + "\n"
    )
    return python, Path(site)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    """nnmath as a wheel, built from a copy of this tree (the tree stays clean)."""
    tmp = tmp_path_factory.mktemp("wheel")
    for name in ("lib", "pyproject.toml", "README.md"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, tmp / "src" / name if name == "lib" else tmp / "src")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps"]
        + ["--no-build-isolation", "-w", str(tmp / "dist"), str(tmp / "src")],
        check=True,
    )
    [built] = (tmp / "dist").glob("nnmath-*.whl")
    return built


def run_cell(python, source):
    """Run the install cell, then report where nnmath would be imported from."""
    cell = "".join(install_cell("")["source"])
    environ = {
        k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "NNMATH_SOURCE")
    }
    environ.update(PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    if source is not None:
        environ["NNMATH_SOURCE"] = str(source)
    return subprocess.run(
        [python, "-c", cell + "\n" + CHECK],
        capture_output=True,
        text=True,
        env=environ,
        timeout=300,
    )


def test_without_a_source_the_cell_says_how_to_install(fresh_python):
    python, _ = fresh_python
    result = run_cell(python, None)
    assert result.returncode == 0, result.stderr
    assert "nnmath is not installed: pip install '.[lab]'" in result.stdout
    assert "nnmath None" in result.stdout  # and nothing was installed


def test_the_cell_installs_nnmath_from_nnmath_source(fresh_python, wheel):
    python, site = fresh_python
    result = run_cell(python, wheel)
    assert result.returncode == 0, result.stderr
    assert f"origin='{site / 'nnmath' / '__init__.py'}'" in result.stdout
    imported = subprocess.run(
        [
            python,
            "-c",
            "import nnmath as nm; print(float(nm.activation('sigmoid')(0.0)))",
        ],
        capture_output=True,
        text=True,
    )
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.strip() == "0.5"


def test_the_cell_is_hidden_in_the_book_and_marked():
    cell = install_cell("git+https://example.org/book@main")
    assert cell["metadata"]["tags"] == ["remove-cell"]
    assert 'REPOSITORY = "git+https://example.org/book@main"' in "".join(cell["source"])
    json.dumps(cell)  # a valid notebook cell
