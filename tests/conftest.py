"""Shared fixtures: the built site served on 127.0.0.1 and a headless Chromium.

The browser tests need the book built (``make book``) and Debian's ``chromium``.
If the site is not built they fail (a stale or missing site must not pass).
If Chromium is missing they are skipped with a loud reason on a developer's
machine, and fail under CI (``CI`` set), where ``.ci/run`` installs it.
"""

from __future__ import annotations

import functools
import json
import http.server
import os
import shutil
import threading
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "_build" / "html"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--disable-gpu",
]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):  # keep pytest output readable
        pass


@pytest.fixture(scope="session")
def site_url():
    """Serve _build/html on an ephemeral port of 127.0.0.1; yield its base URL."""
    if not (SITE / "chapters" / "index.html").exists():
        pytest.fail(f"the book is not built: {SITE} has no chapters/index.html. Run `make book` first (`make test` does).")
    handler = functools.partial(_QuietHandler, directory=str(SITE))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def chromium_path() -> str | None:
    """The Chromium to drive: $BROWSER_PATH if set, else Debian's chromium on PATH."""
    if os.environ.get("BROWSER_PATH"):
        return os.environ["BROWSER_PATH"]
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="session")
def browser():
    executable = chromium_path()
    if executable is None:
        message = "Debian's chromium is not installed (apt-get install -y chromium): the built-site tests cannot run"
        if os.environ.get("CI"):
            pytest.fail(message)
        warnings.warn(message)
        pytest.skip("SKIPPED LOUDLY: " + message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


def code_cells(path: Path) -> list[dict]:
    """The code cells of a notebook file, in order."""
    return [c for c in json.loads(path.read_text())["cells"] if c["cell_type"] == "code"]


def outputs_of_type(cell: dict, mime_type: str) -> list:
    """The data of a cell's outputs that carry ``mime_type``."""
    return [o["data"][mime_type] for o in cell.get("outputs", []) if mime_type in o.get("data", {})]


BOOK_HIDDEN_TAGS = {"remove-output", "remove-cell"}


def book_charts(path: Path) -> list[dict]:
    """The Vega-Lite specs a chapter notebook shows in the book (outputs of cells the book does not hide)."""
    from amazon_case.kit.display import MIME_TYPE

    return [spec for cell in code_cells(path) if not BOOK_HIDDEN_TAGS & set(cell.get("metadata", {}).get("tags", []))
            for spec in outputs_of_type(cell, MIME_TYPE)]


def bound_parameters(spec) -> set[str]:
    """Names of the parameters of a Vega-Lite spec that are bound to an input (its reader controls)."""
    from amazon_case.kit.display import bound_parameters as walk

    return set(walk(spec))


def chapter_pages() -> dict[str, list[dict]]:
    """Each built chapter page with charts (path relative to the site root) and the specs it must draw."""
    pages = {f"chapters/{nb.stem}.html": book_charts(nb) for nb in sorted((ROOT / "chapters").glob("*.ipynb"))}
    return {page: specs for page, specs in pages.items() if specs}


def html_pages() -> list[str]:
    """Every HTML page of the built site, relative to its root."""
    if not SITE.exists():
        return ["<site not built>"]
    return sorted(
        str(p.relative_to(SITE)) for p in SITE.rglob("*.html") if not {"_static", "_sources", "_images"} & set(p.parts)
    )



@pytest.fixture()
def visit(browser, site_url):
    """``visit(path, color_scheme="light", **context_options)`` opens a built page (path relative to the site
    root) in a fresh browser context and returns its ``site_pages.Visit``."""
    from site_pages import Visit

    opened = []

    def open_page(path, color_scheme="light", **context_options):
        v = Visit(browser, f"{site_url}/{path}", color_scheme, **context_options)
        opened.append(v)
        return v

    yield open_page
    for v in opened:
        v.close()


# The data every model test starts from, loaded once per session.
@pytest.fixture(scope="session")
def wide():
    """Amazon's annual figures, one row per fiscal year (filings.annual_wide)."""
    from amazon_case import filings

    return filings.annual_wide(filings.load_annual())


@pytest.fixture(scope="session")
def history(wide):
    """Segment net sales, operating income and margin per year (filings.segment_history)."""
    from amazon_case import filings

    return filings.segment_history(wide)


@pytest.fixture(scope="session")
def statements():
    """Amazon's dated statements (Prime members, third-party unit share)."""
    from amazon_case import filings

    return filings.load_statements()
