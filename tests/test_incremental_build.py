"""`make book` builds incrementally, and an edit of any input still reaches the site.

A copy of the book (its tracked files) is built once in a temporary folder with
``tools/build_book.py``, as ``make book`` builds it, then:

- nothing changed, or every source touched with its content unchanged: nothing is done, in well
  under a second (the toolchain is not even imported);
- a stylesheet edited: the edit reaches the site, and every page links the new version (``?v=``);
- a chapter edited: that page is rewritten, the other chapters are not;
- a vendored file altered: the build refuses it (its sha256 is not the manifest's), and refuses it
  again, in full, when run again unchanged; restored, the next build succeeds and serves the original.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import ROOT

BUILD = [sys.executable, "tools/build_book.py", "build", ".", "--warningiserror", "--nitpick", "--keep-going"]


@pytest.fixture(scope="module")
def book(tmp_path_factory):
    dest = tmp_path_factory.mktemp("book")
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.split()
    for name in files:
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    result = build(dest)
    assert result.returncode == 0, result.stdout[-3000:]
    return dest


def build(book: Path, always: bool = False) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(book)}
    env.pop("BOOK_BUILD_ALWAYS", None)
    if always:
        env["BOOK_BUILD_ALWAYS"] = "1"
    return subprocess.run(BUILD, cwd=book, env=env, capture_output=True, text=True)


def settle(book: Path) -> None:
    """Whatever ran before (tests may run in any order): Sphinx brings the output up to date, the stamp records it.

    Sphinx's own check is by mtime, so sources touched earlier (their content unchanged, so the wrapper did
    nothing) are read again here, once, rather than in the middle of a test.
    """
    result = build(book, always=True)
    assert result.returncode == 0, result.stdout[-2000:]


def pages(book: Path) -> dict[str, int]:
    return {str(p.relative_to(book)): p.stat().st_mtime_ns for p in (book / "_build/html/chapters").glob("*.html")}


def test_nothing_changed_means_nothing_done(book):
    settle(book)
    start = time.perf_counter()
    result = build(book)
    assert result.returncode == 0 and "nothing to do" in result.stdout, result.stdout[-2000:]
    assert time.perf_counter() - start < 1.5
    for path in [*(book / "chapters").iterdir(), *(book / "_static").iterdir(), book / "_config.yml"]:
        os.utime(path)
    result = build(book)
    assert result.returncode == 0 and "nothing to do" in result.stdout, "a touched but unchanged source rebuilt the book"


def test_an_edited_stylesheet_reaches_the_site_and_every_page_links_it(book):
    settle(book)
    stylesheet = book / "_static" / "charts.css"
    original = stylesheet.read_text()
    try:
        stylesheet.write_text(original + "\n/* an edit */\n")
        result = build(book)
        assert result.returncode == 0, result.stdout[-2000:]
        served = book / "_build" / "html" / "_static" / "charts.css"
        assert "/* an edit */" in served.read_text()
        # Sphinx's ?v= is the CRC32 of the file; every page must link the new one.
        import zlib

        version = f"{zlib.crc32(served.read_bytes()):08x}"
        for page in (book / "_build" / "html").rglob("*.html"):
            links = re.findall(r"charts\.css\?v=([0-9a-f]+)", page.read_text())
            assert all(v == version for v in links), f"{page.name} links an old charts.css"
    finally:
        stylesheet.write_text(original)
        assert build(book).returncode == 0


def test_an_edited_chapter_rewrites_its_page_only(book):
    glossary = book / "chapters" / "glossary.md"
    original = glossary.read_text()
    settle(book)
    before = pages(book)
    try:
        glossary.write_text(original + "\nOne more sentence.\n")
        result = build(book)
        assert result.returncode == 0, result.stdout[-2000:]
        after = pages(book)
        rewritten = {p for p in before if after[p] != before[p]}
        assert "_build/html/chapters/glossary.html" in rewritten
        assert "One more sentence." in (book / "_build/html/chapters/glossary.html").read_text()
        assert "_build/html/chapters/marketplace.html" not in rewritten, sorted(rewritten)
    finally:
        glossary.write_text(original)
        assert build(book).returncode == 0


def test_an_altered_vendored_file_stops_the_build(book):
    settle(book)
    vendored = book / "vendor" / "vega" / "vega-embed.min.js"
    original = vendored.read_bytes()
    try:
        vendored.write_bytes(original + b"\n/* altered */\n")
        result = build(book)
        assert result.returncode != 0
        assert "does not match the sha256" in result.stdout + result.stderr
        again = build(book)  # a failed build is not "nothing changed"
        assert again.returncode != 0 and "building in full" in again.stdout
    finally:
        vendored.write_bytes(original)
    result = build(book)
    assert result.returncode == 0, result.stdout[-2000:]
    served = book / "_build" / "html" / "_static" / "vega" / "vega-embed.min.js"
    assert hashlib.sha256(served.read_bytes()).digest() == hashlib.sha256(original).digest()
