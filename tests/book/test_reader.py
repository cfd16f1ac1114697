"""The built book as a reader sees it: every page in headless Chromium, offline."""

import contextlib
import functools
import html.parser
import http.server
import os
import re
import shutil
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from PIL import Image
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
SITE = Path(os.environ.get("BOOK_HTML", ROOT / "_build" / "html"))
SCREENSHOTS = SITE.parent / "screenshots"
SCREENSHOT_PAGE = "chapters/sigmoid-tanh.html"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Offline: every host but the book's own server fails to resolve, so a request
    # that leaves the site fails as it would for a reader without a network (and is
    # reported by the `request` listener of Visit).
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
    # One tab visits every page in turn (see `tab`); without the back/forward cache
    # a visit does not keep the previous page alive in a second process.
    "--disable-features=BackForwardCache",
]
# Attributes through which a page makes the browser fetch something.
FETCHING_ATTR = re.compile(
    r"<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc=[\"']([^\"']+)"
    r"|<link\b[^>]*\bhref=[\"']([^\"']+)[\"'][^>]*>",
    re.IGNORECASE,
)


def pages():
    """Every page the table of contents promises, and any other page that was built.

    A promised page that is missing fails its tests instead of vanishing from the list.
    """
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = [toc["root"]] + [
        c["file"] for part in toc["parts"] for c in part.get("chapters") or []
    ]
    skip = ("_static", "_sources", "_images", "mathjax", "_sphinx_design_static")
    built = (
        p.relative_to(SITE).as_posix()
        for p in SITE.rglob("*.html")
        if p.relative_to(SITE).parts[0] not in skip
    )
    return sorted({"index.html", *(f"{f}.html" for f in files), *built})


@pytest.fixture(autouse=True)
def built_site():
    if not (SITE / "index.html").is_file():
        pytest.fail(f"{SITE} has no built book: run `make book` first")


def chromium_path():
    for name in (os.environ.get("CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    pytest.fail("Chromium not found: install Debian's chromium or set CHROMIUM")


@contextlib.contextmanager
def serving(directory):
    """An HTTP server for ``directory`` on 127.0.0.1; yields its base URL."""
    handler = functools.partial(QuietHandler, directory=str(directory))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.fixture(scope="session")
def server():
    if not (SITE / "index.html").is_file():
        pytest.fail(f"{SITE} has no built book: run `make book` first")
    with serving(SITE) as base:
        yield base


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield b
        b.close()


class PageParser(html.parser.HTMLParser):
    """Collects ids, links, images and headings of a built page's main content."""

    def __init__(self):
        super().__init__()
        self.ids, self.links, self.images, self.headings = set(), [], [], []
        self._main_depth = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"])
        if tag == "main":
            self._main_depth += 1
        if tag == "a" and a.get("href"):
            self.links.append(a["href"])
        if tag == "img":
            self.images.append(a)
        if self._main_depth and re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))

    def handle_endtag(self, tag):
        if tag == "main":
            self._main_depth -= 1


@functools.cache
def parsed(path):
    parser = PageParser()
    parser.feed((SITE / path).read_text(encoding="utf-8"))
    return parser


@pytest.fixture(scope="session")
def tab(browser):
    """One tab that visits every page in turn, as a reader's tab would.

    A new context per page would start a new renderer process for every visit (and
    cache nothing): in this suite that cost about half the CPU of a page visit.
    Each Visit attaches its own listeners and counts only the requests its page made.
    """
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    yield page
    context.close()


class Visit:
    """One page opened offline, with everything the browser complained about.

    Only requests made after the visit began count, so a request the previous page
    left unfinished (and the navigation cancelled) is not blamed on this page.
    """

    def __init__(self, page, base, path, width=1280):
        self.base, self.page = base, page
        self.outside, self.failed, self.errors, self.bad_status = [], [], [], []
        self._requests = set()
        self._listeners = {
            "request": self._request,
            "console": self._console,
            "pageerror": lambda e: self.errors.append(f"page error: {e}"),
            "requestfailed": self._failed,
            "response": self._response,
        }
        page.set_viewport_size({"width": width, "height": 900})
        for event, listener in self._listeners.items():
            page.on(event, listener)
        page.goto(f"{base}/{path}", wait_until="load")
        page.wait_for_load_state("networkidle")
        # MathJax typesets asynchronously after load.
        page.evaluate(
            "async () => { if (window.MathJax && MathJax.startup)"
            " { await MathJax.startup.promise; } }"
        )

    def _request(self, request):
        self._requests.add(request)
        url = request.url
        if not (url.startswith(self.base) or url.startswith(("data:", "blob:"))):
            self.outside.append(url)

    def _console(self, msg):
        if msg.type == "error":
            self.errors.append(f"console error: {msg.text}")

    def _failed(self, request):
        if request in self._requests and request.url.startswith(self.base):
            self.failed.append(f"{request.url}: {request.failure}")

    def _response(self, response):
        if response.request in self._requests and response.status >= 400:
            self.bad_status.append(f"{response.status} {response.url}")

    def close(self):
        for event, listener in self._listeners.items():
            self.page.remove_listener(event, listener)


@pytest.fixture
def visit(tab, server):
    opened = []

    def open_page(path, width=1280):
        v = Visit(tab, server, path, width)
        opened.append(v)
        return v

    yield open_page
    for v in opened:
        v.close()


@pytest.mark.parametrize("path", pages())
def test_page_reads_offline(visit, path):
    v = visit(path)
    assert not v.outside, f"{path} tried to fetch from outside the site: {v.outside}"
    assert not v.failed, f"{path} has failed requests: {v.failed}"
    assert not v.bad_status, f"{path} got error responses: {v.bad_status}"
    assert not v.errors, f"{path} logged errors: {v.errors}"

    math = v.page.evaluate(
        "() => { const m = [...document.querySelectorAll('.math')];"
        " return [m.length, m.filter(e => !e.querySelector('mjx-container')).length]; }"
    )
    assert math[1] == 0, f"{path}: {math[1]} of {math[0]} formulas were not typeset"
    # Visible prose (code excluded, where $$ may be quoted on purpose) keeps no TeX.
    prose = v.page.evaluate(
        "() => { const c = document.querySelector('main') || document.body;"
        " const k = c.cloneNode(true);"
        " k.querySelectorAll('pre, code, script, style, mjx-container, .math')"
        ".forEach(e => e.remove()); return k.textContent; }"
    )
    for raw in ("$$", "$\\", "\\(", "\\[", "\\begin{"):
        assert raw not in prose, f"{path}: raw TeX {raw!r} left in the page text"
    command = re.search(r"\\[A-Za-z]+", prose)
    assert not command, f"{path}: a TeX command {command[0]!r} left in the page text"

    broken = v.page.evaluate(
        "() => [...document.images]"
        ".filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)"
    )
    assert not broken, f"{path}: images that did not load: {broken}"

    wide = v.page.evaluate(SIDEWAYS)
    assert not wide, f"{path} at 1280 px: {len(wide)} blocks scroll sideways: {wide}"
    if path in notebook_pages():
        check_density(path, *v.page.evaluate(DENSITY))

    # At 800 px the sidebars fold away (CSS media queries, applied on resize).
    v.page.set_viewport_size({"width": 800, "height": 900})
    wide = v.page.evaluate(SIDEWAYS)
    assert not wide, f"{path} at 800 px: {len(wide)} blocks scroll sideways: {wide}"


def test_a_visit_reports_what_a_broken_page_does(tab, tmp_path):
    """The offline check can fail: a page that fetches from outside the site, loads a
    missing image and throws is reported on each count, and the next visit (a clean
    page in the same tab) is not blamed for any of it."""
    (tmp_path / "broken.html").write_text(
        "<!DOCTYPE html><html><head><title>broken</title>"
        '<script src="https://cdn.example.org/lib.js"></script></head><body>'
        '<img src="missing.png" alt="missing"><script>undefined_name()</script>'
        "</body></html>"
    )
    (tmp_path / "clean.html").write_text(
        "<!DOCTYPE html><html><head><title>clean</title></head><body>ok</body></html>"
    )
    with serving(tmp_path) as base:
        broken = Visit(tab, base, "broken.html")
        broken.close()
        clean = Visit(tab, base, "clean.html")
        clean.close()
    assert broken.outside == ["https://cdn.example.org/lib.js"]
    assert broken.bad_status == [f"404 {base}/missing.png"]
    assert any("undefined_name" in e for e in broken.errors), broken.errors
    assert not (clean.outside or clean.failed or clean.bad_status or clean.errors)


@pytest.mark.parametrize("path", pages())
def test_page_references_nothing_outside(path):
    html = (SITE / path).read_text(encoding="utf-8")
    outside = []
    for match in FETCHING_ATTR.finditer(html):
        url = match.group(1) or match.group(2)
        tag = match.group(0)
        if match.group(2) and not re.search(
            r"rel=[\"'](?:stylesheet|preload|icon|shortcut icon|modulepreload)",
            tag,
            re.IGNORECASE,
        ):
            continue  # a plain hyperlink-like <link>, e.g. rel="next"
        if urlsplit(url).scheme in ("http", "https") or url.startswith("//"):
            outside.append(url)
    assert not outside, f"{path} references assets outside the site: {outside}"


@pytest.mark.parametrize("path", pages())
def test_internal_links_resolve(path):
    """Every link within the site points at an existing page and anchor."""
    broken = []
    for href in parsed(path).links:
        parts = urlsplit(href)
        if parts.scheme or href.startswith(("//", "mailto:")):
            continue
        target = (SITE / path).parent / parts.path if parts.path else SITE / path
        target = target.resolve()
        if target.is_dir():
            target = target / "index.html"
        if not target.is_file():
            broken.append(href)
        elif parts.fragment and target.suffix == ".html":
            page = target.relative_to(SITE.resolve()).as_posix()
            if parts.fragment not in parsed(page).ids:
                broken.append(href)
    assert not broken, f"{path} links to missing pages or anchors: {broken}"


@pytest.mark.parametrize("path", pages())
def test_images_have_alt_text(path):
    missing = [
        img.get("src")
        for img in parsed(path).images
        if not (img.get("alt") or "").strip()
        or re.search(r"\.(png|svg|jpe?g|gif)$", img.get("alt", ""), re.IGNORECASE)
    ]
    assert not missing, f"{path}: images without alt text: {missing}"


@pytest.mark.parametrize("path", pages())
def test_headings_do_not_skip_levels(path):
    levels = parsed(path).headings
    skips = [(a, b) for a, b in zip(levels, levels[1:], strict=False) if b > a + 1]
    assert not skips, f"{path}: heading levels jump {skips} in {levels}"


@pytest.mark.parametrize("query", ["softmax", "vanishing gradient"])
def test_search_finds(visit, query):
    v = visit(f"search.html?q={query.replace(' ', '+')}")
    v.page.wait_for_selector("#search-results ul.search li", timeout=15_000)
    hits = v.page.eval_on_selector_all("#search-results ul.search li", "e => e.length")
    assert hits > 0, f"search for {query!r} found nothing"


def test_the_site_root_has_the_books_icon():
    """Browsers fetch /favicon.ico for a page that names no icon (index.html, which
    redirects): without it the reader's console shows a 404."""
    icon = SITE / "favicon.ico"
    assert icon.is_file(), "no favicon.ico at the site's root: make clean book"
    with Image.open(icon) as image:
        assert image.format == "ICO"


def test_math_is_served_by_the_book():
    assert (SITE / "mathjax" / "tex-chtml.js").is_file()
    index = (SITE / "intro.html").read_text(encoding="utf-8")
    assert "mathjax/tex-chtml.js" in index


@pytest.mark.parametrize("theme", ["light", "dark"])
def test_screenshot_of_a_chapter(tab, server, theme):
    """Saves the same chapter in both themes, for a person to look at."""
    tab.set_viewport_size({"width": 1280, "height": 1000})
    tab.emulate_media(color_scheme=theme)
    try:
        response = tab.goto(f"{server}/{SCREENSHOT_PAGE}", wait_until="networkidle")
        assert response.status == 200
        tab.evaluate("async () => { await MathJax.startup.promise; }")
        assert tab.evaluate("document.documentElement.dataset.theme") == theme
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        target = SCREENSHOTS / f"{Path(SCREENSHOT_PAGE).stem}-{theme}.png"
        tab.screenshot(path=str(target), full_page=False)
        assert target.stat().st_size > 10_000
    finally:
        tab.emulate_media(color_scheme="light")  # the context's default


def notebook_pages():
    notebooks = sorted((ROOT / "chapters").glob("*.ipynb"))
    return [f"chapters/{p.stem}.html" for p in notebooks]


# Elements that scroll sideways: their content is wider than their box and the box
# lets the reader scroll it (or the page itself is wider than the window).
SIDEWAYS = """() => {
  const main = document.querySelector('main') || document.body;
  const found = [];
  if (document.documentElement.scrollWidth > window.innerWidth + 1)
    found.push('the page itself: ' + document.documentElement.scrollWidth + 'px');
  for (const e of main.querySelectorAll('*')) {
    if (!e.checkVisibility() || e.scrollWidth <= e.clientWidth + 1) continue;
    const x = getComputedStyle(e).overflowX;
    if (x === 'auto' || x === 'scroll') {
      const text = (e.innerText || e.tagName).trim().split('\\n')[0].slice(0, 60);
      found.push(`${e.tagName.toLowerCase()}.${e.className}: ${text}`);
    }
  }
  return found;
}"""


# Visible code lines (inputs not folded behind a toggle) and words of prose.
DENSITY = """() => {
  const main = document.querySelector('main') || document.body;
  let lines = 0;
  for (const pre of main.querySelectorAll('.cell_input pre')) {
    if (pre.checkVisibility())
      lines += pre.innerText.split('\\n').filter(l => l.trim()).length;
  }
  const prose = main.cloneNode(true);
  prose.querySelectorAll('pre, code, script, style, .cell_output, mjx-container, .math,'
      + ' .headerlink, .toggle-details__summary, summary').forEach(e => e.remove());
  const words = (prose.textContent.match(/[A-Za-z][A-Za-z'-]*/g) || []).length;
  return [lines, words];
}"""
MAX_CODE_LINES_PER_100_WORDS = 8


def check_density(path, lines, words):
    """A chapter is read, not scrolled past: visible code stays a small share."""
    density = 100 * lines / max(words, 1)
    print(f"{path}: {lines} visible code lines, {words} words, {density:.1f} per 100")
    assert density <= MAX_CODE_LINES_PER_100_WORDS, (
        f"{path}: {density:.1f} visible code lines per 100 words of prose "
        f"(at most {MAX_CODE_LINES_PER_100_WORDS}); hide figure and table cells"
    )
