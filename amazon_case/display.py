"""How charts leave the kernel: one output that works offline everywhere.

Altair's default output is ``text/html`` that loads Vega from a CDN: with no
internet it shows ``Error loading script`` in JupyterLab, and every output
carries a random element id. The book instead registers the Altair renderer
``"book"``, whose output is the chart's Vega-Lite spec as JSON under the MIME
type ``application/vnd.vegalite.v5+json`` (plus a one-line ``text/plain``):

- **JupyterLab and Jupyter Notebook 7** draw that MIME type with the Vega
  they ship (their built-in Vega renderer): no network, no extension to install.
- **The static book** draws it with :class:`VegaLiteMimeRenderer`, a myst-nb
  mime-render plugin (registered as an entry point in ``pyproject.toml``) that
  writes a ``<div>`` and a ``vegaEmbed`` call; ``_ext/vega_offline.py`` serves
  Vega, Vega-Lite and vega-embed from the site itself.
- **nbval** compares the spec JSON itself: no random ids, nothing to sanitize.

Altair builds Vega-Lite 6 specs; the MIME type still says v5 because that is
the newest one the notebook frontends register. The specs use only features
that Vega-Lite 5 has (parameters, calculate, fold, filter), and the end-to-end
test in JupyterLab checks that every chart draws there.
"""

from __future__ import annotations

import hashlib
import html
import json
from typing import Any

import altair as alt

MIME_TYPE = "application/vnd.vegalite.v5+json"

#: vega-embed options used both in the notebook frontends and in the book.
EMBED_OPTIONS: dict[str, Any] = {
    "renderer": "svg",
    "actions": {"export": True, "source": False, "compiled": False, "editor": False},
}


def book_renderer(spec: dict, **options: Any) -> tuple[dict, dict]:
    """Altair renderer: the spec as ``application/vnd.vegalite.v5+json``, with embed options as metadata."""
    title = spec.get("title", {})
    text = title.get("text", "") if isinstance(title, dict) else str(title)
    bundle = {MIME_TYPE: spec, "text/plain": f"<Vega-Lite chart: {text}>" if text else "<Vega-Lite chart>"}
    return bundle, {MIME_TYPE: {"embed_options": {**EMBED_OPTIONS, **options.get("embed_options", {})}}}


def enable() -> None:
    """Make ``"book"`` Altair's active renderer (idempotent)."""
    if "book" not in alt.renderers.names():
        alt.renderers.register("book", book_renderer)
    alt.renderers.enable("book")


def chart_html(spec: dict, embed_options: dict, element_id: str) -> str:
    """The HTML the static book writes for one chart: a container and its ``vegaEmbed`` call."""
    # "</" inside a <script> would end it early.
    spec_json = json.dumps(spec, sort_keys=True).replace("</", "<\\/")
    options_json = json.dumps(embed_options, sort_keys=True).replace("</", "<\\/")
    return (
        f'<div class="vega-chart" id="{html.escape(element_id)}"></div>\n'
        "<script>\n"
        "(function (el) {\n"
        f"  vegaEmbed(el, {spec_json}, {options_json}).catch(function (err) {{\n"
        "    el.textContent = 'This chart could not be drawn: ' + err.message;\n"
        "    console.error(err);\n"
        "  });\n"
        "})(document.currentScript.previousElementSibling);\n"
        "</script>"
    )


class VegaLiteMimeRenderer:
    """myst-nb plugin: render ``application/vnd.vegalite.v5+json`` outputs as live charts in HTML."""

    # Above text/html (10) and text/plain for the HTML builders.
    mime_priority_overrides = [("html", MIME_TYPE, 1), ("dirhtml", MIME_TYPE, 1), ("singlehtml", MIME_TYPE, 1)]

    @staticmethod
    def handle_mime(renderer, data, inline):  # type: ignore[no-untyped-def]
        if data.mime_type != MIME_TYPE or inline:
            return None
        from docutils import nodes

        spec = data.content if isinstance(data.content, dict) else json.loads(data.content)
        options = (data.output_metadata.get(MIME_TYPE) or {}).get("embed_options", EMBED_OPTIONS)
        digest = hashlib.sha1(json.dumps(spec, sort_keys=True).encode()).hexdigest()[:10]
        element_id = f"vega-chart-{data.cell_index}-{data.output_index}-{digest}"
        node = nodes.raw(text=chart_html(spec, options, element_id), format="html", classes=["output", "vega-lite"])
        source = chart_source(spec)
        if source:  # _ext/figure_sources.py puts it in the figure's caption
            node["chart_source"] = source
        return [node]


def chart_source(spec: dict) -> str:
    """The source a chart names in its subtitle (the lines from "Source: " on), or ""."""
    title = spec.get("title")
    subtitle = title.get("subtitle", []) if isinstance(title, dict) else []
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    for i, line in enumerate(lines):
        if line.startswith("Source: "):
            return " ".join([line.removeprefix("Source: "), *lines[i + 1:]])
    return ""
