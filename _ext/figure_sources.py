"""Put each chart's source under it, in its figure caption (local Sphinx extension).

Every chart names its source in its own subtitle ("Source: ..."), so that the
source travels with it into a notebook and into an exported PNG or SVG. In the
book the source also belongs under the figure: this extension reads it from
the chart (``amazon_case.kit.display`` stores it on the rendered node as
``chart_source``) and appends it to the caption of the figure that holds the
chart, or adds a paragraph under a chart that has no caption. The link to the
chart's data as CSV (a paragraph the renderer puts after the chart) moves into
the caption too, after the source.
"""

from __future__ import annotations

from typing import Any

from docutils import nodes
from sphinx.application import Sphinx


def add_sources(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    for chart in list(doctree.findall(lambda n: isinstance(n, nodes.raw) and n.get("chart_source"))):
        line = nodes.inline("", f"Source: {chart['chart_source']}", classes=["chart-source"])
        figure = next((a for a in _ancestors(chart) if isinstance(a, nodes.figure)), None)
        caption = next(iter(figure.findall(nodes.caption)), None) if figure is not None else None
        if caption is not None:
            caption += [nodes.Text(" "), line]
            index = chart.parent.index(chart)
            following = chart.parent.children[index + 1] if index + 1 < len(chart.parent.children) else None
            if isinstance(following, nodes.paragraph) and "chart-data" in following["classes"]:
                chart.parent.remove(following)
                caption += [nodes.Text(" "), nodes.inline("", "", *following.children, classes=["chart-data"])]
        else:
            chart.parent.insert(chart.parent.index(chart) + 1, nodes.paragraph("", "", line))


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("doctree-resolved", add_sources)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
