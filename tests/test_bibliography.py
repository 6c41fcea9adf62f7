"""The Sources appendix lists every source the book cites, from one file: ``references.bib``.

Cited means: an address in a chapter (its prose or its outputs), a source named by a data file's
manifest, or the address a data file gives for one of its rows (columns ``url``, ``source_url``).
Each must have an entry; each entry must be cited; the built page must show every entry.
"""

from __future__ import annotations

import csv
import json
import re
from html.parser import HTMLParser

import pytest
from pybtex.database import parse_file

from amazon_case.filings import DATA_DIR
from conftest import ROOT, SITE

BIB = ROOT / "references.bib"
SOURCES_PAGE = SITE / "chapters" / "bibliography.html"
URL = re.compile(r"https?://[^\s\"'<>)\]\\]+")
NOT_SOURCES = ("https://vega.github.io/schema/",)  # the Vega-Lite schema every chart spec names


def _entries():
    return parse_file(str(BIB)).entries


def _plain(text: str) -> str:
    """A BibTeX field as the page prints it: braces and TeX escapes dropped, dashes set."""
    return (text.replace("{", "").replace("}", "").replace("\\%", "%").replace("\\&", "&")
            .replace("---", "\u2014").replace("--", "\u2013"))


def _chapter_text() -> str:
    return "\n".join(path.read_text(encoding="utf-8") for path in sorted((ROOT / "chapters").glob("*.ipynb")))


def _cited_urls() -> dict[str, str]:
    """Every address the book cites, with where it is cited."""
    cited = {}
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for url in URL.findall(path.read_text(encoding="utf-8")):
            if not url.startswith(NOT_SOURCES):
                cited.setdefault(url, f"chapters/{path.name}")
    for manifest_path in sorted(DATA_DIR.glob("*.resource.json")):
        manifest = json.loads(manifest_path.read_text())
        for source in manifest["sources"]:
            if source.get("path", "").startswith(("http://", "https://")):
                cited.setdefault(source["path"], f"data/{manifest_path.name}")
        with (DATA_DIR / manifest["path"]).open(newline="") as f:
            for line, row in enumerate(csv.DictReader(f), start=2):
                for column in ("url", "source_url"):
                    if row.get(column):
                        cited.setdefault(row[column], f"data/{manifest['path']}, line {line}, column {column}")
    return cited


def test_the_book_cites_sources_and_the_bibliography_has_entries():
    cited = _cited_urls()
    assert len(cited) >= 25, f"only {len(cited)} cited addresses found: the scan is broken"
    assert len(_entries()) >= 30


def test_every_address_the_book_cites_has_an_entry():
    listed = {entry.fields.get("url") for entry in _entries().values()}
    missing = {url: where for url, where in _cited_urls().items() if url not in listed}
    assert not missing, f"cited but not in references.bib: {missing}"


def test_every_entry_is_cited_somewhere():
    cited = set(_cited_urls())
    text = _chapter_text() + "".join(p.read_text() for p in DATA_DIR.glob("*.resource.json"))
    orphans = [key for key, entry in _entries().items()
               if entry.fields.get("url") not in cited and _plain(entry.fields["title"]).split(":")[0] not in text]
    assert not orphans, f"entries of references.bib that nothing in the book cites: {orphans}"


class _Items(HTMLParser):
    """The text of each list item of the page's article, and the links it holds."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[dict] = []
        self.depth = 0

    def handle_starttag(self, tag, attrs):
        if tag == "li":
            self.depth += 1
            self.items.append({"text": "", "links": []})
        elif tag == "a" and self.depth:
            self.items[-1]["links"].append(dict(attrs).get("href"))

    def handle_endtag(self, tag):
        if tag == "li":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.items[-1]["text"] += data


def test_the_sources_page_shows_every_entry_with_its_link():
    if not SOURCES_PAGE.exists():
        pytest.fail(f"{SOURCES_PAGE} is missing: build the book first (make book)")
    html = SOURCES_PAGE.read_text(encoding="utf-8")
    article = html[html.index('<article'):html.index('</article>')]
    parser = _Items()
    parser.feed(article)
    for key, entry in _entries().items():
        title = _plain(entry.fields["title"])
        shown = [item for item in parser.items if title in item["text"]]
        assert shown, f"{key}: its title {title!r} is not on the Sources page"
        if "url" in entry.fields:
            assert any(entry.fields["url"] in item["links"] for item in shown), f"{key}: its title does not link its source"
