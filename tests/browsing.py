"""The built site in a real browser: the session's site, server, Chromium and page fixtures.

The session builds the site once with `mkdocs build --strict`, serves it on 127.0.0.1, and
drives Debian's headless Chromium through Playwright. Playwright's own browser download is never
used: `CASEBOOK_CHROMIUM` (set by `make test`) names the Chromium to launch. `conftest.py` makes
the fixtures available to every browser test module.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import TYPE_CHECKING

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import sync_playwright

if TYPE_CHECKING:
    from collections.abc import Iterator

    from playwright.sync_api import Browser, ConsoleMessage, Page, Request

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
MERMAID = "assets/javascripts/mermaid.tiny.js"
TIMEOUT_MS = 20_000
DIAGRAM_TIMEOUT_MS = 10_000
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root, where Chromium's sandbox refuses to start
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",  # the machine is offline: no update or sync calls
    "--disable-component-update",
    "--disable-sync",
]

# Material for MkDocs attaches each rendered diagram's SVG to a *closed* shadow root, which
# nothing outside the page's own script can reach: `element.shadowRoot` is null and Playwright's
# selectors do not pierce it. Opening every shadow root changes nothing in how the diagram is
# drawn, and lets the test look inside.
OPEN_SHADOW_ROOTS = """
const attachShadow = Element.prototype.attachShadow;
Element.prototype.attachShadow = function (init) {
  return attachShadow.call(this, { ...init, mode: "open" });
};
"""


class _QuietHandler(SimpleHTTPRequestHandler):
    """Serves files without logging each request to stderr."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base's name
        """Drop the access log line."""


@dataclass(frozen=True)
class Site:
    """The built site: where it was written, and where it is served."""

    root: Path
    url: str

    def diagrams(self, path: str) -> int:
        """Count the Mermaid diagrams in a page's built HTML, before any script runs."""
        return (
            (self.root / path / "index.html")
            .read_text(encoding="utf-8")
            .count('<pre class="mermaid">')
        )


@dataclass
class Watch:
    """What a page did while open: console errors, uncaught exceptions, requested URLs."""

    errors: list[str] = field(default_factory=list)
    urls: list[str] = field(default_factory=list)

    def console(self, message: ConsoleMessage) -> None:
        """Keep console messages of type `error`, with where they came from."""
        if message.type == "error":
            where = message.location.get("url", "")
            self.errors.append(f"console.error: {message.text} ({where})")

    def page_error(self, error: PlaywrightError) -> None:
        """Keep an uncaught exception or unhandled rejection."""
        self.errors.append(f"pageerror: {error.message}")

    def request(self, request: Request) -> None:
        """Keep every URL the page asked for."""
        self.urls.append(request.url)


def watch(page: Page) -> Watch:
    """Start recording a page's errors and requests; call before `page.goto`."""
    record = Watch()
    page.on("console", record.console)
    page.on("pageerror", record.page_error)
    page.on("request", record.request)
    return record


def diagrams_drawn(page: Page, expected: int) -> bool:
    """Wait until Material has swapped `expected` diagrams for drawn `div.mermaid` ones."""
    drawn = "n => document.querySelectorAll('div.mermaid').length >= n"
    try:
        page.wait_for_function(drawn, arg=expected, timeout=DIAGRAM_TIMEOUT_MS)
    except PlaywrightError:
        return False
    return True


def open_page(page: Page, site: Site, path: str) -> Watch:
    """Open a page of the site, watched, and wait until its Mermaid diagrams are drawn."""
    record = watch(page)
    page.goto(site.url + path, wait_until="load")
    expected = site.diagrams(path)
    if not diagrams_drawn(page, expected):
        errors = "\n".join(record.errors) or "none"
        pytest.fail(f"/{path}: {expected} Mermaid diagram(s) not drawn. Page errors:\n{errors}")
    return record


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built once with `mkdocs build --strict` into a temporary folder."""
    target = tmp_path_factory.mktemp("site")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
    env.pop("CASEBOOK_REPO_URL", None)  # the site as built without a repository to edit in
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet"]
    result = subprocess.run(
        [*command, "--site-dir", str(target)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed ({result.returncode}):\n{result.stderr}")
    return target


@pytest.fixture(scope="session")
def site(site_dir: Path) -> Iterator[Site]:
    """The built site served over HTTP on a free port of 127.0.0.1, for the whole session."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield Site(site_dir, f"http://127.0.0.1:{server.server_address[1]}/")
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Debian Chromium for the session, driven by Playwright."""
    name = os.environ.get("CASEBOOK_CHROMIUM", "/usr/bin/chromium")
    executable = shutil.which(name)
    if executable is None:
        pytest.fail(
            f"Chromium not found at {name!r}: install Debian's 'chromium' package "
            "(apt-get install chromium), or set CASEBOOK_CHROMIUM to a Chromium executable."
        )
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page in its own browser context, closed after the test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(TIMEOUT_MS)
    try:
        yield context.new_page()
    finally:
        context.close()
