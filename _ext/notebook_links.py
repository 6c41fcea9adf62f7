"""Links to other chapters inside a notebook's HTML outputs (local Sphinx extension).

A cell that outputs HTML (a table built with pandas, say) links another chapter the way
JupyterLab follows it, by its notebook: ``<a href="aws.ipynb">``. MyST rewrites such links in
Markdown cells, but an output is raw HTML that Sphinx copies as it is, so in the book the link
would point at a file the site does not have. This extension rewrites, in every raw HTML node,
``href="NAME.ipynb"`` (with an optional ``#fragment``) to the page built from that notebook.
A link to a notebook that is not part of the book is a warning naming the page and the link,
so the strict build fails on it.
"""

from __future__ import annotations

import posixpath
import re
from typing import Any

from docutils import nodes
from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

NOTEBOOK_HREF = re.compile(r'href="(?P<path>[^":#?]+)\.ipynb(?P<fragment>#[^"]*)?"')


def rewrite_notebook_links(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    """Point every ``href="….ipynb"`` of the page's raw HTML at the page built from that notebook."""
    if app.builder.format != "html":  # other builders do not write raw HTML
        return

    def page_of(match: re.Match, raw: nodes.raw) -> str:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(docname), match["path"]))
        if target not in app.env.found_docs:
            logger.warning("an HTML output links %s.ipynb, which is not a page of the book",
                           match["path"], location=raw, type="notebook_links", subtype="missing")
            return match[0]
        return f'href="{app.builder.get_relative_uri(docname, target)}{match["fragment"] or ""}"'

    for raw in doctree.findall(nodes.raw):
        if "html" in raw.get("format", "").split():
            text = NOTEBOOK_HREF.sub(lambda match: page_of(match, raw), raw.astext())
            if text != raw.astext():
                raw.children = [nodes.Text(text)]


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", rewrite_notebook_links)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
