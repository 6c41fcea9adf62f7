"""How charts leave the kernel: one output that works offline everywhere.

Altair's default output is ``text/html`` that loads Vega from a CDN: with no
internet it shows ``Error loading script`` in JupyterLab, and every output
carries a random element id. The book instead registers the Altair renderer
``"book"``, whose output is the chart's Vega-Lite spec as JSON under the MIME
type ``application/vnd.vegalite.v5+json`` (plus a one-line ``text/plain``):

- **JupyterLab and Jupyter Notebook 7** draw that MIME type with the Vega
  they ship (their built-in Vega renderer): no network, no extension to install.
- **The static book** draws it with :class:`VegaLiteMimeRenderer`, a myst-nb
  mime-render plugin (registered as an entry point in ``pyproject.toml``): at build
  time it compiles the Vega-Lite spec to Vega (:func:`vega_spec`, with vl-convert) and
  writes a ``<div class="vega-chart">`` holding the Vega spec and its embed options as
  JSON data (:func:`chart_html`), no inline script. ``_ext/vega_offline.py`` serves
  Vega and vega-embed from the site itself (no Vega-Lite compiler in the browser) and
  ``_ext/vega_charts.js`` draws every such chart, with Vega's CSP-safe expression
  interpreter (``ast: true``), so pages run under a Content-Security-Policy with no
  ``'unsafe-eval'`` (``_ext/content_security.py``).
- **nbval** compares the spec JSON itself: no random ids, nothing to sanitize.

Altair builds Vega-Lite 6 specs; the MIME type still says v5 because that is
the newest one the notebook frontends register. The specs use only features
that Vega-Lite 5 has (parameters, calculate, fold, filter), and the end-to-end
test in JupyterLab checks that every chart draws there.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import re
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
    text = title_text(spec)
    bundle = {MIME_TYPE: spec, "text/plain": f"<Vega-Lite chart: {text}>" if text else "<Vega-Lite chart>"}
    return bundle, {MIME_TYPE: {"embed_options": {**EMBED_OPTIONS, **options.get("embed_options", {})}}}


def enable() -> None:
    """Make ``"book"`` Altair's active renderer and the book's chart style (:data:`style.CONFIG`) its theme (idempotent)."""
    from .style import CONFIG

    if "book" not in alt.renderers.names():
        alt.renderers.register("book", book_renderer)
    alt.renderers.enable("book")
    if "book" not in alt.theme.names():
        alt.theme.register("book", enable=False)(lambda: alt.theme.ThemeConfig(config=CONFIG))
    alt.theme.enable("book")


#: What the book adds to a chart's embed options: the spec is Vega, compiled at build time;
#: expressions are interpreted from their AST (vega-embed's bundled vega-interpreter) instead of
#: compiled with ``Function``, which the site's Content-Security-Policy forbids; the default
#: styles of the actions menu and the tooltip come from a stylesheet (vendor/vega/vega-embed.css)
#: instead of ``<style>`` elements injected at run time; no hover encoding (as for Vega-Lite specs).
BOOK_EMBED_OPTIONS: dict[str, Any] = {
    "mode": "vega",
    "ast": True,
    "defaultStyle": False,
    "forceActionsMenu": True,
    "hover": False,
    "tooltip": {"disableDefaultStyle": True},
}


def vega_spec(spec: dict) -> dict:
    """A Vega-Lite spec compiled to Vega by vl-convert (the Vega-Lite version Altair writes, when vl-convert has it).

    The book's chart style (:data:`style.CONFIG`) applies under the spec's own configuration.
    """
    import vl_convert
    from altair.vegalite.v6 import display as altair_display

    from .style import CONFIG

    minor = ".".join(altair_display.VEGALITE_VERSION.split(".")[:2])
    version = minor if minor in vl_convert.get_vegalite_versions() else None
    config = {key: {**CONFIG.get(key, {}), **spec.get("config", {}).get(key, {})} for key in {*CONFIG, *spec.get("config", {})}}
    return vl_convert.vegalite_to_vega({**spec, "config": config}, vl_version=version)


#: The signal that holds the width available to a chart on the page (its container's, in CSS pixels).
CONTAINER_WIDTH = "book_container_width"
#: Container widths (CSS pixels) for which a chart's title is wrapped anew; wider containers keep the chart's own lines.
TITLE_WIDTHS = (300,)
# Average advance of a character of the title (15 px bold) and of the subtitle (12 px), in pixels, generously.
TITLE_CHAR_PX, SUBTITLE_CHAR_PX = 9.0, 6.8


def _literal(value: Any) -> str:
    """``value`` written as a Vega expression literal (JSON, compact)."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _drawn_width(vega: dict) -> float:
    import vl_convert

    return float(re.search(r'width="([\d.]+)"', vl_convert.vega_to_svg(vega)).group(1))


def _plot_widths(vega: dict) -> list[tuple[dict, str, float]]:
    """Where ``vega`` fixes the width of a plot: (the dict, its key, the width), the top level's and each concat view's."""
    found = [(vega, "width", float(vega["width"]))] if isinstance(vega.get("width"), (int, float)) else []
    for signal in vega.get("signals", []):
        if re.fullmatch(r"childWidth|.*_width", signal["name"]) and isinstance(signal.get("value"), (int, float)):
            found.append((signal, "value", float(signal["value"])))
    return found


def fitted(vega: dict) -> dict:
    """``vega`` drawn no wider than its container: its plots narrow (its text keeps its size) and its title rewraps.

    The widths the chart was designed with are the widest it draws. Drawn (without its title) once as designed
    and once with every plot at half its width (vl-convert, at build time), the chart shows how much of its width is plots
    and how much is axes, legends and labels; in the page, a signal reads the container's width
    (``containerSize()``, again when the window is resized) and scales the plots so that the whole fits.
    The title and subtitle are wrapped again for narrow containers (:data:`TITLE_WIDTHS`), and no text mark
    is set under :data:`style.MIN_FONT_SIZE`.
    """
    import copy

    from .style import MIN_FONT_SIZE

    vega = copy.deepcopy(vega)
    widths = _plot_widths(vega)
    signals = vega.setdefault("signals", [])
    drawn = _drawn_width(vega)
    container = f"containerSize()[0] > 0 ? containerSize()[0] : {drawn:g}"
    signals.insert(0, {"name": CONTAINER_WIDTH, "init": container, "on": [{"events": "window:resize", "update": container}]})
    if widths:
        untitled = {k: v for k, v in vega.items() if k != "title"}  # the title is wrapped anew, below
        untitled = _narrowed(copy.deepcopy(untitled), None)
        half = copy.deepcopy(untitled)
        for holder, key, width in _plot_widths(half):
            holder[key] = width / 2
        full = _drawn_width(untitled)
        plots = max(2 * (full - _drawn_width(half)), 1.0)
        rest = full - plots
        scale = f"clamp(({CONTAINER_WIDTH} - {rest + FIT_MARGIN:g}) / {plots:g}, 0.2, 1)"
        for holder, key, width in widths:
            if holder is vega:
                del vega["width"]
                signals.insert(1, {"name": "width", "update": f"round({width:g} * {scale})"})
            else:
                del holder["value"]
                holder["update"] = f"round({width:g} * {scale})"
        vega["autosize"] = {**(vega.get("autosize") or {"type": "pad"}), "resize": True}
        _narrowed(vega, f"{CONTAINER_WIDTH} < {drawn:g}")
    for _, node in spec_nodes(vega.get("marks", [])):  # no text under the book's smallest size, whatever a chart asked
        size = node.get("fontSize")
        if isinstance(size, dict) and isinstance(size.get("value"), (int, float)) and size["value"] < MIN_FONT_SIZE:
            node["fontSize"] = {"value": MIN_FONT_SIZE}
    for holder in [vega, *(mark for _, mark in spec_nodes(vega.get("marks", [])) if mark.get("type") == "group")]:
        title = holder.get("title")
        if isinstance(title, dict) and isinstance(title.get("text"), (str, list)) and title["text"]:
            holder["title"] = {**title, **_wrapped_title(title, drawn)}
    return vega


#: Pixels a fitted chart leaves free in its container (the browser's text is not measured as vl-convert's is).
FIT_MARGIN = 24

#: On a container narrower than the chart: axis labels cut at this many pixels, legend labels at this many,
#: axis titles wrapped at this many characters.
NARROW_LABEL_LIMIT, NARROW_LEGEND_LIMIT, NARROW_AXIS_TITLE_CHARS = 110, 200, 36


def _narrowed(vega: dict, test: str | None) -> dict:
    """``vega`` with what keeps it wide given up where ``test`` holds (always, if ``test`` is None), in place.

    Views side by side are stacked; a legend of several columns or in a row takes one column and cuts its
    labels at :data:`NARROW_LEGEND_LIMIT` pixels; long axis titles are wrapped and long axis labels cut at :data:`NARROW_LABEL_LIMIT` pixels;
    a line of text placed at a fixed point of a plot (a readout) is cut at the plot's right edge
    (with an ellipsis; its tooltip, where the chart has one, and the page's text still hold all of it).
    """
    from .style import wrap_evenly

    def rule(narrow, wide):
        if test is None:
            return narrow
        return {"signal": f"{test} ? {_literal(narrow)} : {_literal(wide)}"}

    layout = vega.get("layout")
    if isinstance(layout, dict) and "columns" not in layout:  # views side by side: one above the other
        layout["columns"] = rule(1, sum(1 for mark in vega.get("marks", []) if mark.get("type") == "group"))
    for _, node in spec_nodes(vega):
        for legend in node.get("legends", []) if isinstance(node.get("legends"), list) else []:
            if legend.get("direction") == "horizontal" or (isinstance(legend.get("columns"), int) and legend["columns"] > 1):
                legend["columns"] = rule(1, legend.get("columns", 0))
            legend["labelLimit"] = rule(NARROW_LEGEND_LIMIT, legend.get("labelLimit", 160))
        for axis in node.get("axes", []) if isinstance(node.get("axes"), list) else []:
            if isinstance(axis.get("labelLimit"), (int, float)) and axis["labelLimit"] > NARROW_LABEL_LIMIT:
                axis["labelLimit"] = rule(NARROW_LABEL_LIMIT, axis["labelLimit"])
            if isinstance(axis.get("title"), str) and len(axis["title"]) > NARROW_AXIS_TITLE_CHARS:
                axis["title"] = rule(wrap_evenly(axis["title"], NARROW_AXIS_TITLE_CHARS), axis["title"])
        if node.get("type") == "text" and isinstance(node.get("encode"), dict):
            update = node["encode"].setdefault("update", {})
            x = update.get("x")
            if isinstance(x, dict) and set(x) == {"value"} and "limit" not in update:
                cut = {"field": {"group": "width"}, "offset": -x["value"]}
                update["limit"] = [cut] if test is None else [{"test": test, **cut}, {"value": 0}]
    return vega


def _wrapped_title(title: dict, drawn: float) -> dict:
    """The title's ``text`` and ``subtitle`` as signals that pick the lines wrapped for the container's width.

    A container at least as wide as the chart as designed (``drawn``) shows the chart's own lines; a narrower
    one the lines wrapped for the widest of :data:`TITLE_WIDTHS` that it holds. The title starts at the
    chart's left edge (``frame: "bounds"``), not the plot's, so that all of the container's width is its own.
    """
    from .style import wrap_evenly

    def lines(value):
        return [value] if isinstance(value, str) else list(value or [])

    subtitle = lines(title.get("subtitle"))
    source_at = next((i for i, line in enumerate(subtitle) if line.startswith("Source: ")), len(subtitle))
    paragraphs = {"text": [" ".join(lines(title["text"]))],
                  "subtitle": [" ".join(subtitle[:source_at]), " ".join(subtitle[source_at:])]}
    originals = {"text": lines(title["text"]), "subtitle": subtitle}
    result: dict[str, Any] = {"frame": "bounds"}
    for key, char_px in (("text", TITLE_CHAR_PX), ("subtitle", SUBTITLE_CHAR_PX)):
        if not originals[key]:
            continue
        bounds = [w for w in TITLE_WIDTHS if w < drawn]
        choice, after = _literal(originals[key]), originals[key]
        for width, upper in reversed(list(zip(bounds, [*bounds[1:], drawn]))):
            wrapped = [line for text in paragraphs[key] if text for line in wrap_evenly(text, int(width / char_px))]
            if wrapped == after:  # the same lines as for the next wider container: its branch serves both
                continue
            choice = f"{CONTAINER_WIDTH} < {upper:g} ? {_literal(wrapped)} : {choice}"
            after = wrapped
        result[key] = {"signal": choice}
    return result


def packed(vega: dict) -> dict:
    """``vega`` with each inline dataset written by column and turned back into rows by Vega: fewer bytes.

    JSON repeats every column's name in every row, and a chart's data is most of its page's weight.
    A dataset whose rows share one set of keys is written as one row of columns, which Vega's own
    ``flatten`` transform (run before the dataset's transforms) turns back into the same rows, in
    order. (Vega's CSV reader would be smaller still, but it builds its rows with ``Function``,
    which the pages' Content-Security-Policy forbids.)
    """
    data = []
    for dataset in vega.get("data", []):
        rows = dataset.get("values")
        if (isinstance(rows, list) and len(rows) > 1 and not dataset.get("format")
                and all(isinstance(r, dict) for r in rows) and rows[0]
                and all(r.keys() == rows[0].keys() for r in rows)
                and not any(ch in c for c in rows[0] for ch in ".[]\\")):  # a plain name: Vega reads "a.b" as a path
            columns = list(rows[0])
            flatten = {"type": "flatten", "fields": columns}
            dataset = {**dataset, "values": [{c: [r[c] for r in rows] for c in columns}],
                       "transform": [flatten, *dataset.get("transform", [])]}
        data.append(dataset)
    return {**vega, "data": data} if "data" in vega else vega


def chart_html(spec: dict, embed_options: dict, element_id: str) -> str:
    """The HTML the static book writes for one chart: a container holding its Vega spec and embed options as JSON.

    No inline script: ``_ext/vega_charts.js`` finds every ``.vega-chart``, reads the JSON
    (a ``<script type="application/json">``, which browsers never execute) and draws it.
    """
    data = {"spec": packed(fitted(vega_spec(spec))), "options": {**embed_options, **BOOK_EMBED_OPTIONS}}
    # Every "<" escaped (JSON allows \u003c in strings): nothing in the data can end the element early.
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False).replace("<", "\\u003c")
    return (
        f'<div class="vega-chart" id="{html.escape(element_id)}">'
        f'<script type="application/json" class="vega-chart-data">{text}</script></div>'
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
        # The figure's name (fig-…) names its files: the data download, and the SVG and PNG the menu saves.
        figure = ((data.cell_metadata.get("mystnb") or {}).get("figure") or {}).get("name") or element_id
        options = {**options, "downloadFileName": figure}
        node = nodes.raw(text=chart_html(spec, options, element_id), format="html", classes=["output", "vega-lite"])
        source = chart_source(spec)
        if source:  # _ext/figure_sources.py puts it in the figure's caption
            node["chart_source"] = source
        return [node, _data_download(renderer, spec, figure)]


def _data_download(renderer, spec: dict, figure: str):  # type: ignore[no-untyped-def]
    """A paragraph linking this figure's data as a CSV file (Sphinx copies it to ``_downloads/``)."""
    from docutils import nodes
    from sphinx import addnodes

    document = re.sub(r"[^A-Za-z0-9_-]+", "-", str(renderer.source).rsplit("/", 1)[-1].rsplit(".", 1)[0])
    uri = renderer.write_file(["figure-data", document, f"{figure}.csv"], figure_csv(spec).encode(), overwrite=True)
    link = addnodes.download_reference(
        "", "", nodes.inline("", "Download the figure's data (CSV)"), reftarget=uri, refexplicit=True,
        refdoc=renderer.renderer.sphinx_env.docname if renderer.renderer.sphinx_env else "",
    )
    return nodes.paragraph("", "", link, classes=["chart-data"])


def figure_csv(spec: dict) -> str:
    """The data a chart is drawn from, as CSV: every row of its inline datasets, and its source.

    Columns: ``table`` (the dataset's name, when the chart has more than one),
    the union of the datasets' fields in order of appearance, then ``source``
    (the chart's own "Source:" line). Values computed in the browser from the
    reader's settings are not included: this is the data before any control.
    """
    tables = dict(spec.get("datasets") or {})
    def collect(node):
        if isinstance(node, dict):
            values = node.get("data", {}).get("values") if isinstance(node.get("data"), dict) else None
            if isinstance(values, list):
                tables[f"inline-{len(tables) + 1}"] = values
            for value in node.values():
                collect(value)
        elif isinstance(node, list):
            for value in node:
                collect(value)
    collect({k: v for k, v in spec.items() if k != "datasets"})
    tables = {name: rows for name, rows in tables.items() if rows and all(isinstance(r, dict) for r in rows)}
    if not tables:
        raise ValueError("the chart has no inline data to download")
    fields: list[str] = []
    for rows in tables.values():
        for row in rows:
            fields += [k for k in row if k not in fields]
    several = len(tables) > 1
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=(["table"] if several else []) + fields + ["source"], lineterminator="\n")
    writer.writeheader()
    source = chart_source(spec)
    for number, rows in enumerate(tables.values(), start=1):
        for row in rows:
            writer.writerow({**({"table": f"table {number}"} if several else {}), **row, "source": source})
    return buffer.getvalue()


def title_text(spec: dict) -> str:
    """A chart's title as one string, whether it is written on one line or several."""
    title = spec.get("title", "")
    text = title.get("text", "") if isinstance(title, dict) else title
    return " ".join(text) if isinstance(text, list) else str(text)


def chart_source(spec: dict) -> str:
    """The source a chart names in its subtitle (the lines from "Source: " on), or ""."""
    title = spec.get("title")
    subtitle = title.get("subtitle", []) if isinstance(title, dict) else []
    lines = [subtitle] if isinstance(subtitle, str) else list(subtitle)
    for i, line in enumerate(lines):
        if line.startswith("Source: "):
            return " ".join([line.removeprefix("Source: "), *lines[i + 1:]])
    return ""


def spec_nodes(spec: Any):
    """Every dict inside a spec, depth first, with the key it stands under (``None`` at the top)."""
    stack = [(None, spec)]
    while stack:
        key, node = stack.pop()
        if isinstance(node, dict):
            yield key, node
            stack.extend(reversed(list(node.items())))
        elif isinstance(node, list):
            stack.extend(reversed([(key, item) for item in node]))


def bound_parameters(spec: Any) -> list[str]:
    """Names of a spec's parameters that are bound to an input (its reader controls), in order of appearance."""
    return list(dict.fromkeys(node["name"] for _, node in spec_nodes(spec) if "bind" in node and "name" in node))


def expressions(spec: Any) -> list[str]:
    """Every Vega expression string of a spec: calculate, filter and expr."""
    return [value for _, node in spec_nodes(spec) for key, value in node.items()
            if key in ("calculate", "filter", "expr") and isinstance(value, str)]
