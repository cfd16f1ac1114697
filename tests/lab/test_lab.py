"""Every chapter run in JupyterLab, in headless Chromium, as a reader runs it.

The test starts JupyterLab (with jupyterlab-myst, as `make lab` does) on a fresh
working copy of chapters/ made by tools/lab_copy.py, opens each notebook, runs all
its cells and checks what the reader sees:

- no error and nothing on stderr in any output;
- no MyST markup left raw in the rendered Markdown ({glue}, {eval}, {cite}, ...,
  :label:, a directive fence, unrendered LaTeX);
- every {eval} number evaluated by the kernel, and equal to the text the book
  shows for it (tools/sphinxext/eval_glued.py on the stored glue outputs);
- a chapter that calls `explore(` shows sliders, and moving one redraws its figure;
- afterwards the repository is as it was: Lab saved only into the copy.

Screenshots go to _build/screenshots/lab/. Run with `make lab-test`.
"""

import hashlib
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT / "tools" / "sphinxext"))
from eval_glued import evaluate, glued_values, notebook_glue_data  # noqa: E402
from lab_copy import sync  # noqa: E402

playwright = pytest.importorskip("playwright.sync_api")

CHAPTERS = sorted((ROOT / "chapters").glob("*.ipynb"))
SHOTS = ROOT / "_build" / "screenshots" / "lab"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# MyST that a reader should never see as text: roles, directive fences, options.
RAW_MYST = re.compile(
    r"\{(?:glue|eval|term|cite|eq|ref|numref|prf|exercise|solution|math|doc)[^}]*\}"
    r"|:label:|```\{|:::\{|\{[a-z]+(?::[a-z-]+)?\}`"
)
# LaTeX that MathJax did not typeset.
RAW_TEX = re.compile(r"\\(?:frac|begin|end|operatorname|partial|sigma|hat|mathbb)\b")
PLAIN = "text/plain"


def chromium() -> str:
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    pytest.skip("no Chromium: install Debian's chromium to run the Lab test")


def git_state() -> tuple[str, dict]:
    status = subprocess.run(
        ["git", "status", "--porcelain"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    digests = {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in (ROOT / "chapters").iterdir()
        if p.is_file()  # not tool caches such as chapters/.ruff_cache
    }
    return status, digests


@pytest.fixture(scope="module")
def before():
    return git_state()


@pytest.fixture(scope="module")
def lab(tmp_path_factory, before):
    """A JupyterLab server on a fresh copy of the chapters: (url, copy dir)."""
    tmp = tmp_path_factory.mktemp("lab")
    copy = tmp / "chapters"
    sync(ROOT / "chapters", copy)
    # The run tests start from copies without the {eval} values stored for Lab, so
    # what they see is what the kernel computed; one copy keeps them for the test
    # of what a reader sees before running anything.
    for path in copy.glob("*.ipynb"):
        shutil.copyfile(path, copy / f"unrun-{path.name}")
        nb = json.loads(path.read_text())
        for cell in nb["cells"]:
            cell.get("metadata", {}).pop("user_expressions", None)
        path.write_text(json.dumps(nb, indent=1, ensure_ascii=False))
    (tmp / "as-copied.json").write_text(
        json.dumps({p.name: p.read_text() for p in copy.glob("*.ipynb")})
    )
    settings = tmp / "settings" / "@jupyterlab"
    (settings / "notebook-extension").mkdir(parents=True)
    (settings / "apputils-extension").mkdir(parents=True)
    # every cell in the DOM (no virtual scrolling), and no news pop-up
    (settings / "notebook-extension" / "tracker.jupyterlab-settings").write_text(
        json.dumps({"windowingMode": "none"})
    )
    (settings / "apputils-extension" / "notification.jupyterlab-settings").write_text(
        json.dumps({"fetchNews": "false", "checkForUpdates": False})
    )
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if k != "NNMATH_STATIC"}
    env.update(
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
        JUPYTER_DATA_DIR=str(tmp / "data"),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
    )
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={port}",
        "--ServerApp.port_retries=0",
        "--IdentityProvider.token=",
        "--ServerApp.password=",
        f"--ServerApp.root_dir={copy}",
        f"--LabApp.user_settings_dir={tmp / 'settings'}",
        f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
        "--LabApp.expose_app_in_browser=True",
        # the test ends each chapter's kernel through the REST API
        "--ServerApp.disable_check_xsrf=True",
    ]
    if os.getuid() == 0:
        command.append("--allow-root")
    log = open(tmp / "lab.log", "w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(
                    f"JupyterLab did not start:\n{(tmp / 'lab.log').read_text()}"
                )
            time.sleep(0.5)
    yield url, copy
    server.terminate()
    server.wait(timeout=30)
    log.close()


@pytest.fixture(scope="module")
def browser():
    with playwright.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        yield b
        b.close()


def current(js: str) -> str:
    """A JavaScript function body run with `panel`, the open notebook."""
    return f"() => {{ const panel = window.jupyterapp.shell.currentWidget; {js} }}"


def expected_numbers(notebook: Path) -> dict[str, str]:
    """Expression -> the text the book shows for it, from the stored glue outputs."""
    nb = json.loads(notebook.read_text())
    values = glued_values(notebook_glue_data(nb))
    expressions = {
        e
        for cell in nb["cells"]
        if cell["cell_type"] == "markdown"
        for e in re.findall(r"\{eval\}`([^`]*)`", "".join(cell["source"]))
    }
    return {e: evaluate(e, values) for e in expressions}


def run_all(page, url, name):
    page.goto(f"{url}/lab/tree/{name}?reset")
    page.wait_for_function(
        "() => { const app = window.jupyterapp;"
        " const panel = app && app.shell.currentWidget;"
        " return !!(panel && panel.sessionContext && panel.context); }",
        timeout=90_000,
    )
    page.evaluate(
        "async () => { const panel = window.jupyterapp.shell.currentWidget;"
        " await panel.context.ready; await panel.sessionContext.ready; }"
    )
    page.evaluate(
        "async () => window.jupyterapp.commands.execute('notebook:run-all-cells')"
    )
    wait_idle(page)


def wait_idle(page, settle=1.0):
    """Wait until the kernel has been idle for `settle` seconds."""
    idle = current("return panel.sessionContext.session.kernel.status === 'idle'")
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        page.wait_for_function(idle, timeout=180_000)
        time.sleep(settle)
        if page.evaluate(idle):
            return
    pytest.fail("the kernel never went idle")


def cells(page):
    return page.evaluate(
        current(
            """
            return panel.content.widgets.map(cell => {
              const out = {type: cell.model.type, text: "", outputs: [],
                           expressions: null};
              if (cell.model.type === "markdown") {
                out.expressions = cell.model.getMetadata("user_expressions") || null;
                const shown = cell.node.querySelector(".jp-InputArea .myst");
                out.myst = !!shown;
                if (shown) {
                  const copy = shown.cloneNode(true);
                  copy.querySelectorAll("code, pre").forEach(e => e.remove());
                  document.body.appendChild(copy);
                  out.text = copy.innerText;
                  copy.remove();
                }
                out.errors = cell.node.querySelectorAll(
                  '[data-mime-type="application/vnd.jupyter.stderr"]').length;
              } else if (cell.model.type === "code") {
                const outputs = cell.model.outputs;
                for (let i = 0; i < outputs.length; i++) {
                  const o = outputs.get(i).toJSON();
                  out.outputs.push({type: o.output_type, name: o.name || "",
                    text: o.output_type === "error" ? o.ename + ": " + o.evalue :
                          (o.text || ""), mimes: Object.keys(o.data || {})});
                }
                out.markdown = Array.from(cell.node.querySelectorAll(
                  '.jp-OutputArea-output[data-mime-type="text/markdown"]'))
                  .map(e => e.innerText).join("\\n");
              }
              return out;
            });
            """
        )
    )


def move_slider_and_compare(page, name):
    panel = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden)")
    interact = panel.locator(".widget-interact").first
    interact.scroll_into_view_if_needed()
    image = interact.locator(".widget-output img").first
    image.wait_for(timeout=30_000)
    before_src = image.get_attribute("src")
    readout = interact.locator(".widget-readout").first
    before_value = readout.inner_text()
    handle = interact.locator(".noUi-handle").first
    handle.focus()
    for _ in range(3):
        page.keyboard.press("ArrowRight")
    wait_idle(page, settle=1.5)
    after_value = readout.inner_text()
    after_src = interact.locator(".widget-output img").first.get_attribute("src")
    page.screenshot(path=SHOTS / f"{name}-slider.png")
    assert after_value != before_value, f"{name}: the slider did not move"
    assert after_src != before_src, (
        f"{name}: moving the slider from {before_value} to {after_value} did not "
        f"redraw the figure"
    )
    return before_value, after_value


def shut_down_kernels(url):
    """End the kernels of the chapters run so far: the machine has two cores."""
    with urllib.request.urlopen(f"{url}/api/sessions", timeout=10) as r:
        sessions = json.load(r)
    for session in sessions:
        request = urllib.request.Request(
            f"{url}/api/sessions/{session['id']}", method="DELETE"
        )
        urllib.request.urlopen(request, timeout=30).close()


@pytest.mark.parametrize("chapter", CHAPTERS, ids=lambda p: p.stem)
def test_chapter_runs_and_reads_in_lab(lab, browser, chapter):
    url, copy = lab
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    problems = []
    try:
        run_all(page, url, chapter.name)
        page.screenshot(path=SHOTS / f"{chapter.stem}-end.png")
        shown = cells(page)
        for i, cell in enumerate(shown, 1):
            for output in cell["outputs"]:
                if output["type"] == "error" or output["name"] == "stderr":
                    problems.append(
                        f"cell {i}: {output['type']} {output['text'][:300]}"
                    )
            text = cell["text"] + "\n" + cell.get("markdown", "")
            for raw in set(RAW_MYST.findall(text) + RAW_TEX.findall(text)):
                problems.append(f"cell {i}: raw markup {raw!r} in the rendered text")
            if cell["type"] == "markdown" and not cell["myst"]:
                problems.append(f"cell {i}: Markdown not rendered by jupyterlab-myst")
            if cell.get("errors"):
                problems.append(f"cell {i}: an {{eval}} expression failed")
        expected = expected_numbers(copy / chapter.name)
        seen = {}
        for cell in shown:
            for item in cell["expressions"] or []:
                result = item["result"]
                text = result.get("data", {}).get(PLAIN, result.get("evalue", ""))
                seen[item["expression"]] = (result["status"], text.strip("'\""))
        for expression, text in expected.items():
            if expression not in seen:
                problems.append(f"{{eval}}`{expression}` was not evaluated")
            elif seen[expression] != ("ok", text):
                problems.append(
                    f"{{eval}}`{expression}` shows {seen[expression]} in Lab, "
                    f"{text!r} in the book"
                )
        table = page.locator(
            ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea-output"
            '[data-mime-type="text/markdown"]'
        )
        if table.count():
            table.first.scroll_into_view_if_needed()
            page.screenshot(path=SHOTS / f"{chapter.stem}-markdown-output.png")
        if "explore(" in chapter.read_text():
            sliders = page.locator(
                ".jp-NotebookPanel:not(.lm-mod-hidden) .widget-slider"
            )
            if sliders.count() == 0:
                problems.append("the chapter calls explore( but shows no slider")
            else:
                move_slider_and_compare(page, chapter.stem)
        page.evaluate(
            "async () => window.jupyterapp.commands.execute('docmanager:save')"
        )
    finally:
        context.close()
        shut_down_kernels(url)
    assert not problems, f"{chapter.name} in JupyterLab:\n" + "\n".join(problems)


def test_numbers_show_before_anything_runs(lab, browser):
    """A chapter just opened shows its {eval} numbers (stored for Lab), not code."""
    url, copy = lab
    chapter = max(CHAPTERS, key=lambda p: len(expected_numbers(p)))
    expected = expected_numbers(chapter)
    assert expected, "no chapter has {eval} numbers"
    SHOTS.mkdir(parents=True, exist_ok=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    try:
        page.goto(f"{url}/lab/tree/unrun-{chapter.name}?reset")
        panel = ".jp-NotebookPanel:not(.lm-mod-hidden)"
        page.wait_for_selector(f"{panel} .jp-InputArea .myst", timeout=90_000)
        time.sleep(3)
        shown = page.locator(f"{panel} .jp-InputArea .myst")
        text = "\n".join(shown.all_inner_texts())
        codes = set(page.locator(f"{panel} .jp-InputArea .myst code").all_inner_texts())
        longest = max(expected.values(), key=len)  # a number found in one place
        shown.filter(has_text=longest).first.scroll_into_view_if_needed()
        page.screenshot(path=SHOTS / f"{chapter.stem}-unrun.png")
    finally:
        context.close()
        shut_down_kernels(url)
    unshown = [e for e in expected if e in codes or expected[e] not in text]
    assert not unshown, (
        f"{chapter.name}, opened and not run, shows these {{eval}} roles as code or "
        f"not at all (run tools/lab_expressions.py?): {unshown}"
    )


def test_lab_saved_only_into_its_copy(lab, before):
    """After a session in which every chapter ran and was saved, git is unchanged."""
    _, copy = lab
    as_copied = json.loads((copy.parent / "as-copied.json").read_text())
    saved = [
        p.name for p in CHAPTERS if (copy / p.name).read_text() != as_copied[p.name]
    ]
    assert saved, "no copy changed: did Lab save anything at all?"
    assert git_state() == before, "JupyterLab changed files of the repository"
