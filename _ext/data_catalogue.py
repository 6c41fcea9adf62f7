"""The book's data files, described from their manifests (local Sphinx extension).

The directive ``data-catalogue`` writes, for every ``data/*.resource.json`` manifest (a Frictionless
data resource), the file's title and description, download links to the CSV and its manifest, its
rows, size and sha256, its sources, and a table of its columns (name, type, description), so that the
appendix can never disagree with ``data/``. It reads the manifests at build time; a manifest that
lacks a required key stops the build with the file and the key named.

A column's name is what a maintainer types (``fiscal_year``): it is shown as code, exactly as in the
file, and never as a reader's label; the reader's words for it are the description beside it, in the
same row (an identifier inside a description, such as another column's name, is code too). Its type
is written in words (:data:`TYPE_WORDS`: "whole number", not ``integer``).
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util.docutils import SphinxDirective

REQUIRED = ("title", "description", "path", "bytes", "hash", "sources", "schema")
#: Frictionless field types (and formats) in words.
TYPE_WORDS = {"string": "text", "number": "number", "integer": "whole number", "date": "date (YYYY-MM-DD)",
              "boolean": "true or false", "year": "year", "datetime": "date and time"}


def type_in_words(field: dict) -> str:
    """A field's type as a reader reads it: ``{"type": "string", "format": "uri"}`` → "text (a web address)"."""
    if field.get("type") == "string" and field.get("format") == "uri":
        return "text (a web address)"
    kind = field.get("type", "string")
    if kind not in TYPE_WORDS:
        raise ExtensionError(f"field {field.get('name')!r} has type {kind!r}, which the catalogue cannot word")
    return TYPE_WORDS[kind]


def _manifests(srcdir: Path) -> list[tuple[Path, dict]]:
    found = []
    for path in sorted((srcdir / "data").glob("*.resource.json")):
        manifest = json.loads(path.read_text())
        missing = [k for k in REQUIRED if k not in manifest]
        if missing:
            raise ExtensionError(f"{path}: manifest lacks {', '.join(missing)}")
        unworded = [f.get("name", "?") for f in manifest["schema"].get("fields", []) if not str(f.get("description", "")).strip()]
        if unworded:  # a column's name is an identifier: its description is what a reader reads
            raise ExtensionError(f"{path}: columns without a description: {', '.join(unworded)}")
        found.append((path, manifest))
    if not found:
        raise ExtensionError(f"no data manifest found in {srcdir / 'data'}")
    return found


def _link(text: str, url: str) -> nodes.Node:
    """A link to a public address; a source with no public address is named, not linked."""
    return nodes.reference("", text, refuri=url) if url.startswith(("https://", "http://")) else nodes.Text(text)


#: An identifier a maintainer types: a column's or a metric's name (``fiscal_year``), or a data file's (``peers.csv``).
IDENTIFIER = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?:\.csv)?\b")


def worded(text: str) -> list[nodes.Node]:
    """A description as nodes: its words as text, any identifier in it (another column's name) as code."""
    out: list[nodes.Node] = []
    position = 0
    for match in IDENTIFIER.finditer(text):
        if match.start() > position:
            out.append(nodes.Text(text[position:match.start()]))
        out.append(nodes.literal("", match.group()))
        position = match.end()
    if position < len(text):
        out.append(nodes.Text(text[position:]))
    return out


def _para(*children: nodes.Node) -> nodes.paragraph:
    return nodes.paragraph("", "", *children)


class DataCatalogue(SphinxDirective):
    """``data-catalogue``: one section per data file."""

    def run(self) -> list[nodes.Node]:
        srcdir = Path(self.env.srcdir)
        result: list[nodes.Node] = []
        for manifest_path, manifest in _manifests(srcdir):
            csv_path = manifest_path.parent / manifest["path"]
            self.env.note_dependency(str(manifest_path))
            rows = sum(1 for _ in csv_path.open()) - 1
            section = nodes.section(ids=[nodes.make_id(f"data-{manifest['name']}")], classes=["data-file"])
            section += nodes.title("", manifest["title"])
            section += _para(nodes.Text(manifest["description"]))
            downloads = _para()
            for label, target in ((f"{manifest['path']} (CSV)", csv_path), (f"{manifest_path.name} (manifest)", manifest_path)):
                downloads += addnodes.download_reference(
                    "", "", nodes.literal("", label), reftarget=str(Path("/") / target.relative_to(srcdir)),
                    refdoc=self.env.docname, refexplicit=True)
                downloads += nodes.Text("  ")
            section += downloads
            section += _para(nodes.Text(
                f"{rows} rows, {len(manifest['schema']['fields'])} columns, {manifest['bytes']:,} bytes; "
                f"{manifest['hash']}. Licence: "
                + " ".join(lic.get("title", lic.get("name", "")).rstrip(".") + "." for lic in manifest.get("licenses", []))))
            sources = nodes.bullet_list()
            for source in manifest["sources"]:
                item = _para(_link(source["title"], source["path"]) if source.get("path") else nodes.Text(source["title"]))
                sources += nodes.list_item("", item)
            section += _para(nodes.strong("", "Sources"))
            section += sources
            section += self._columns(manifest["schema"]["fields"])
            result.append(section)
        return result

    @staticmethod
    def _columns(fields: list[dict]) -> nodes.table:
        table = nodes.table(classes=["data-columns"])
        group = nodes.tgroup(cols=3)
        table += group
        for width in (20, 12, 68):
            group += nodes.colspec(colwidth=width)
        head = nodes.thead()
        group += head
        body = nodes.tbody()
        group += body
        for cells, parent in ((("Column (name in the file)", "Kind of value", "What it holds"), head),
                              *(((f["name"], type_in_words(f), f.get("description", "")), body) for f in fields)):
            row = nodes.row()
            for i, text in enumerate(cells):
                if parent is head:
                    content = [nodes.Text(text)]
                else:  # the name as code; the description's words as text, identifiers in it as code
                    content = [nodes.literal("", text)] if i == 0 else worded(text) if i == 2 else [nodes.Text(text)]
                row += nodes.entry("", _para(*content))
            parent += row
        return table


def setup(app: Sphinx) -> dict[str, Any]:
    app.add_directive("data-catalogue", DataCatalogue)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
