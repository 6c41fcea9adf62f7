"""Links from a notebook's HTML outputs to other chapters reach their pages in the book.

A cell's HTML output (the fact-check table) links a chapter by its notebook, ``aws.ipynb``, which
JupyterLab follows; ``_ext/notebook_links.py`` points such links at the built pages.
"""

from __future__ import annotations

import subprocess
import sys
from html.parser import HTMLParser

import pytest

from conftest import ROOT, SITE

CLAIMS_PAGE = SITE / "chapters" / "checking-the-source.html"


class _ClaimRows(HTMLParser):
    """The links of each body row of the page's claims table."""

    def __init__(self) -> None:
        super().__init__()
        self.in_table = self.in_body = False
        self.rows: list[list[str]] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "claims-table" in (attrs.get("class") or ""):
            self.in_table = True
        elif self.in_table and tag == "tbody":
            self.in_body = True
        elif self.in_body and tag == "tr":
            self.rows.append([])
        elif self.in_body and tag == "a":
            self.rows[-1].append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table = self.in_body = False


def test_every_claim_in_the_book_links_the_page_of_its_chapter():
    if not CLAIMS_PAGE.exists():
        pytest.fail(f"{CLAIMS_PAGE} is missing: build the book first (make book)")
    parser = _ClaimRows()
    parser.feed(CLAIMS_PAGE.read_text(encoding="utf-8"))
    assert len(parser.rows) >= 20, "the claims table was not found on the page"
    chapters = {p.stem for p in (ROOT / "chapters").glob("*.ipynb")}
    for number, links in enumerate(parser.rows, start=1):
        assert len(links) == 1, f"claim {number} has {len(links)} links, not one to its chapter"
        href = links[0]
        assert href.endswith(".html") and href.removesuffix(".html") in chapters, f"claim {number} links {href}"
        assert (CLAIMS_PAGE.parent / href).exists()


@pytest.mark.parametrize(
    ("link", "expected", "error"),
    [('<a href="chapter.ipynb#part-two">on</a>', 'href="chapter.html#part-two"', None),
     ('<a href="missing.ipynb">on</a>', None,
      "index.md:7:an HTML output links missing.ipynb, which is not a page of the book")],
    ids=["a page of the book", "no such page"],
)
def test_a_strict_build_rewrites_notebook_links_in_raw_html_and_names_a_bad_one(tmp_path, link, expected, error):
    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / '_ext')!r})\n"
        "extensions = ['myst_parser', 'notebook_links']\n"
    )
    # A raw HTML block is the node a notebook's HTML output becomes.
    (tmp_path / "index.md").write_text(f"# Book\n\n```{{toctree}}\nchapter\n```\n\n<p>Read {link}.</p>\n")
    (tmp_path / "chapter.md").write_text("# Chapter\n\n## Part two\n")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(tmp_path), str(tmp_path / "_build")],
        capture_output=True, text=True, timeout=120,
    )
    if error is None:
        assert result.returncode == 0, result.stderr
        assert expected in (tmp_path / "_build" / "index.html").read_text()
    else:
        assert result.returncode != 0
        assert error in result.stderr.replace(str(tmp_path) + "/", "")
