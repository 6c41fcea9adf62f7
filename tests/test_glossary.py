"""The glossary is linked from the chapters, term by term, and no link into a page misses its target.

Chapters link a term with a plain Markdown link, ``[take rate](glossary.md#term-Take-rate)``,
which JupyterLab follows too; ``_ext/glossary_anchors.py`` lets the strict build resolve it.
"""

from __future__ import annotations

import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest

from conftest import ROOT, SITE, html_pages

GLOSSARY_PAGE = SITE / "chapters" / "glossary.html"
CHAPTER_PAGES = sorted(f"chapters/{nb.stem}.html" for nb in (ROOT / "chapters").glob("*.ipynb"))


class _Anchors(HTMLParser):
    """The ids of a page, its links, and the ids of its glossary terms."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.hrefs: list[str] = []
        self.term_ids: list[str] = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.add(attrs["id"])
            if tag == "dt" and attrs["id"].startswith("term-"):
                self.term_ids.append(attrs["id"])
        if tag == "a" and attrs.get("href"):
            self.hrefs.append(attrs["href"])


def _parse(path: Path) -> _Anchors:
    if not path.exists():
        pytest.fail(f"{path} is missing: build the book first (make book)")
    parser = _Anchors()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


def _glossary_links(page: str) -> set[str]:
    """The glossary terms (ids) a built page links to."""
    return {
        urlparse(href).fragment for href in _parse(SITE / page).hrefs
        if urlparse(href).path.endswith("glossary.html") and urlparse(href).fragment
    }


def test_the_glossary_defines_the_terms_the_chapters_rest_on():
    terms = _parse(GLOSSARY_PAGE).term_ids
    for needed in ("First-party-1P", "Third-party-seller", "Fulfilment-by-Amazon-FBA", "Take-rate",
                   "Cash-conversion-cycle", "Segment", "Net-sales", "Operating-margin"):
        assert f"term-{needed}" in terms, f"the glossary has no term {needed!r}"


def test_every_glossary_term_is_linked_from_some_chapter():
    linked = set().union(*(_glossary_links(page) for page in CHAPTER_PAGES))
    unlinked = [term for term in _parse(GLOSSARY_PAGE).term_ids if term not in linked]
    assert not unlinked, f"glossary terms no chapter links to: {unlinked}"


@pytest.mark.parametrize("page", [p for p in CHAPTER_PAGES if p != "chapters/checking-the-source.html"])
def test_every_chapter_links_the_glossary_terms_it_uses(page):
    assert len(_glossary_links(page)) >= 5, f"{page} links fewer than 5 glossary terms"


@pytest.mark.parametrize("page", html_pages())
def test_every_link_into_a_page_of_the_site_finds_its_anchor(page):
    """A link's #fragment must name an element of the page it points to (the browser test checks the pages exist)."""
    source = SITE / page
    missing = []
    for href in _parse(source).hrefs:
        url = urlparse(urljoin(source.as_uri(), href))
        if url.scheme != "file" or not url.fragment or not url.path.endswith(".html"):
            continue
        target = Path(url.path)
        if target.exists() and url.fragment not in _parse(target).ids:
            missing.append(href)
    assert not missing, f"{page}: links whose anchor is not on their target page: {missing}"


GLOSSARY_MD = """# Glossary

```{glossary}
Take rate
  Fees as a share of what sellers sell.
```
"""


@pytest.mark.parametrize(
    ("extensions", "link", "error"),
    [(["glossary_anchors"], "[take rate](glossary.md#term-Take-rate)", None),
     (["glossary_anchors"], "[take rates](glossary.md#term-Take-rates)",
      "chapter.md:3:local id not found in doc 'glossary': 'term-Take-rates' [myst.xref_missing]"),
     ([], "[take rate](glossary.md#term-Take-rate)",
      "chapter.md:3:local id not found in doc 'glossary': 'term-Take-rate' [myst.xref_missing]")],
    ids=["defined term", "undefined term", "without the extension"],
)
def test_a_strict_build_resolves_term_links_and_names_a_bad_one(tmp_path, extensions, link, error):
    (tmp_path / "conf.py").write_text(
        f"import sys\nsys.path.insert(0, {str(ROOT / '_ext')!r})\n"
        f"extensions = {['myst_parser', *extensions]!r}\n"
    )
    (tmp_path / "index.md").write_text("# Book\n\n```{toctree}\nglossary\nchapter\n```\n")
    (tmp_path / "glossary.md").write_text(GLOSSARY_MD)
    (tmp_path / "chapter.md").write_text(f"# Chapter\n\nA {link}.\n")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(tmp_path), str(tmp_path / "_build")],
        capture_output=True, text=True, timeout=120,
    )
    if error is None:
        assert result.returncode == 0, result.stderr
        html = (tmp_path / "_build" / "chapter.html").read_text()
        assert re.search(r'href="glossary.html#term-Take-rate"', html)
    else:
        assert result.returncode != 0
        assert error in result.stderr.replace(str(tmp_path) + "/", "")
