"""Serve the Vega runtime from the site itself, only on pages with charts (local Sphinx extension).

The book's charts are compiled from Vega-Lite to Vega at build time
(``amazon_case/kit/display.py``), so the browser needs Vega and vega-embed, not
the Vega-Lite compiler. This extension

* copies the vendored runtime (``vendor/vega/``: ``vega.min.js``,
  ``vega-embed.min.js``, ``vega-embed.css`` and their licences, pinned from the npm
  registry by ``tools/vendor_vega.py``) and the book's own ``_ext/vega_charts.js``
  into ``_static/vega/`` of the HTML output, on every build, before any page is
  written (so that Sphinx's ``?v=<checksum>`` links match the files). A vendored
  file whose sha256 differs from ``vendor/vega/MANIFEST.json`` stops the build.
  Nothing vendored lives under ``_static/``, because jupyter-book adds every
  ``.js`` file found there to every page;
* links them only on pages whose body holds a chart (``class="vega-chart"``):
  the stylesheet before the book's ``charts.css``, the three scripts deferred,
  in order (they run once the page is parsed; ``vega_charts.js`` then draws
  every chart);
* drops duplicated inline ``<script>`` tags: Sphinx 7.4 emits an inline script
  registered after ``Builder.init()`` twice (``None`` vs ``''`` filename, so its
  dedup misses; fixed upstream by sphinx-doc/sphinx#13402).

Each chart element gets ``.vegaEmbedResult`` (``{view, spec, vgSpec, embedOptions,
finalize}``) and fires a bubbling ``vega-embed`` event (see ``_ext/vega_charts.js``)::

    document.querySelector('.vega-chart').vegaEmbedResult.view.signal('p')

Enable in ``_config.yml``::

    sphinx:
      local_extensions:
        vega_offline: _ext
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.util import logging

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
VENDOR = HERE.parent / "vendor" / "vega"
GLUE = HERE / "vega_charts.js"
#: Where the files go, under the output's _static/.
FOLDER = "vega"
#: In the order they must run; all deferred.
SCRIPTS = ("vega.min.js", "vega-embed.min.js", "vega-charts.js")
STYLESHEET = "vega-embed.css"
#: After extension scripts (500), before html_js_files (800).
PRIORITY = 600


def runtime_files() -> dict[str, bytes]:
    """Name in _static/vega/ -> content: the vendored files, checked against their manifest, and the glue."""
    manifest = json.loads((VENDOR / "MANIFEST.json").read_text())
    files = {}
    for entry in manifest["files"]:
        data = (VENDOR / entry["path"]).read_bytes()
        if hashlib.sha256(data).hexdigest() != entry["sha256"]:
            raise ExtensionError(
                f"vega_offline: vendor/vega/{entry['path']} does not match the sha256 in MANIFEST.json "
                f"({entry['package']}); run `python tools/vendor_vega.py` to fetch the pinned files again")
        files[entry["path"]] = data
    files["vega-charts.js"] = GLUE.read_bytes()
    return files


def copy_runtime(app: Sphinx) -> None:
    """builder-inited: write the runtime into _static/vega/ of the HTML output (unchanged files are left alone)."""
    if app.builder.format != "html":
        return
    target = Path(app.builder.outdir, "_static", FOLDER)
    target.mkdir(parents=True, exist_ok=True)
    for name, data in runtime_files().items():
        path = target / name
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)


def add_to_chart_pages(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """html-page-context: link the runtime on pages that hold a chart."""
    if 'class="vega-chart"' not in context.get("body", ""):
        return
    app.add_css_file(f"{FOLDER}/{STYLESHEET}", priority=PRIORITY)
    for name in SCRIPTS:
        app.add_js_file(f"{FOLDER}/{name}", priority=PRIORITY, defer="defer")


def dedupe_scripts(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """html-page-context: drop repeated <script> entries (None/'' filename bug)."""
    scripts = context.get("script_files")
    if not isinstance(scripts, list):
        return
    seen: set[tuple[Any, ...]] = set()
    unique = []
    for js in scripts:
        attrs = getattr(js, "attributes", {})
        key = (getattr(js, "filename", js) or "", getattr(js, "priority", 500),
               tuple(sorted(attrs.items())))
        if key not in seen:
            seen.add(key)
            unique.append(js)
    scripts[:] = unique  # in place: later handlers still add to this list


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", copy_runtime)
    app.connect("html-page-context", dedupe_scripts)
    app.connect("html-page-context", add_to_chart_pages)
    return {"version": "2.0", "parallel_read_safe": True, "parallel_write_safe": True}
