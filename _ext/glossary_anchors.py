"""Let Markdown links point at glossary terms (local Sphinx extension).

A chapter links a term with an ordinary Markdown link, which also works when the
notebook is opened in JupyterLab::

    [take rate](glossary.md#term-Take-rate)

MyST resolves ``doc.md#anchor`` only against the heading anchors it recorded for
``doc.md``, so without this extension the link above fails the strict build with
``local id not found`` (``myst.xref_missing``). When a document has been read,
this extension records the anchor of every term its ``{glossary}`` defines beside
its heading anchors. A link to a term that the glossary does not define still fails
the build, with MyST's own message naming the file and the anchor.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx


def record_term_anchors(app: Sphinx, doctree: nodes.document) -> None:
    """Add each glossary term's id to the anchors MyST resolves links against."""
    terms = [term for glossary in doctree.findall(addnodes.glossary) for term in glossary.findall(nodes.term)]
    if not terms:
        return
    metadata = app.env.metadata[app.env.docname]
    anchors = dict(metadata.get("myst_slugs", {}))
    for term in terms:
        for anchor in term["ids"]:
            anchors.setdefault(anchor, (term.line, anchor, term.astext()))
    metadata["myst_slugs"] = anchors


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-read", record_term_anchors)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
