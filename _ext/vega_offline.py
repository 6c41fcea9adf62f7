"""Render Altair charts in the built HTML without any CDN (local Sphinx extension).

Altair's default ``text/html`` output (template "universal") loads vega,
vega-lite and vega-embed from cdn.jsdelivr.net, unless ``window.VEGA_DEBUG``
already holds the versions it expects (``vega_version``, ``vegalite_version``,
``vegaembed_version``, from ``altair.vegalite.v6.display``); when require.js
is on the page it asks AMD for ``vega-embed`` instead.

This extension therefore

* writes ``_static/vega-offline.js`` into the HTML output once per build (only
  when its inputs changed): the vl-convert bundle of Vega / Vega-Lite /
  vega-embed, wrapped in an IIFE (no leaked globals; the raw bundle defines
  ~2,400 top-level names, among them ``_``, which clashes with Sphinx's
  ``const _``), which then sets ``window.vega``, ``window.vegaLite``,
  ``window.vegaEmbed``, presets ``window.VEGA_DEBUG`` and, if require.js is
  already loaded, defines the AMD modules ``vega``, ``vega-lite``,
  ``vega-embed``;
* links that script, as a plain blocking ``<script>`` in ``<head>``, only on
  pages whose body contains an Altair chart, so it has run before the chart's
  inline script does;
* makes each chart's vega-embed result reachable from page JS: the chart's
  ``.vega-embed`` element gets ``.vegaEmbedResult`` (``{view, spec, vgSpec,
  embedOptions, finalize}``) and fires a bubbling ``vega-embed`` event with
  the result as ``detail``::

      document.querySelector('.vega-embed').vegaEmbedResult.view.signal('p')

* drops duplicated inline ``<script>`` tags: Sphinx 7.4 emits an inline script
  registered after ``Builder.init()`` twice (``None`` vs ``''`` filename, so its
  dedup misses; fixed upstream by sphinx-doc/sphinx#13402). sphinx-thebe's
  ``const THEBE_JS_URL`` is such a script, hence ``Identifier 'THEBE_JS_URL' has
  already been declared`` on every page.

Enable in ``_config.yml``::

    sphinx:
      local_extensions:
        vega_offline: _ext
"""

from __future__ import annotations

import hashlib
import json
from importlib.metadata import version
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

FILENAME = "vega-offline.js"
#: After extension scripts (500, e.g. myst-nb's require.js), before html_js_files (800).
PRIORITY = 600

# Bundled by vl-convert, which prepends ``import vegaEmbed/vega/vegaLite from ...``
# default imports; vega and vega-lite have no default export (those two come out
# null), so take them from vega-embed's module namespace, which re-exports both.
# The URL is resolved from vl-convert's vendored import map (no download).
_SNIPPET = """import * as embedModule from "https://cdn.jsdelivr.net/npm/vega-embed@%(embed)s/+esm";
window.vega = embedModule.vega;
window.vegaLite = embedModule.vegaLite;
window.vegaEmbed = Object.assign(vegaEmbed, {
  vega: embedModule.vega, vegaLite: embedModule.vegaLite, version: embedModule.version});
"""

# Plain JS run after the bundle, in its own scope (the bundle's minified
# top-level names must not clash with ours); %(debug)s = VEGA_DEBUG preset.
_EPILOGUE = """
// ---- vega-offline (not bundled) ----
(function () {
var embed = window.vegaEmbed;
// Altair's inline script skips its CDN download when these match.
window.VEGA_DEBUG = Object.assign(window.VEGA_DEBUG || {}, %(debug)s);
// Same call signature as vegaEmbed; records the result on the chart element.
function vegaEmbedRecording(el, spec, opts) {
  var result = embed.apply(this, arguments);
  if (arguments.length > 1 && result && typeof result.then === "function") {
    var target = typeof el === "string" ? document.querySelector(el) : el;
    result.then(function (res) {
      if (!target) return;
      target.vegaEmbedResult = res;
      target.dispatchEvent(new CustomEvent("vega-embed", {bubbles: true, detail: res}));
    }, function () {});  // the caller handles errors
  }
  return result;
}
Object.assign(vegaEmbedRecording, embed);  // .vega, .vegaLite, .version, .container ...
window.vegaEmbed = vegaEmbedRecording;
if (typeof define === "function" && define.amd) {
  // Named modules: require(["vega-embed"]) in Altair's script resolves locally.
  var vega = window.vega, vegaLite = window.vegaLite;
  define("vega", [], function () { return vega; });
  define("vega-lite", [], function () { return vegaLite; });
  define("vega-embed", [], function () { return vegaEmbedRecording; });
}
})();
"""


def _cache_key() -> str:
    """Cheap fingerprint of everything the generated file depends on."""
    parts = [version("altair"), version("vl-convert-python"), _SNIPPET, _EPILOGUE]
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()[:16]


def _build_script(key: str) -> str:
    """Bundle Vega/Vega-Lite/vega-embed into one self-contained classic script."""
    import vl_convert
    from altair.vegalite.v6 import display

    debug = {
        "vega_version": display.VEGA_VERSION,
        "vegalite_version": display.VEGALITE_VERSION,
        "vegaembed_version": display.VEGAEMBED_VERSION,
    }
    # Match Altair's Vega-Lite minor version when vl-convert ships it.
    vl_minor = ".".join(display.VEGALITE_VERSION.split(".")[:2])
    vl_version = vl_minor if vl_minor in vl_convert.get_vegalite_versions() else None
    if vl_version is None:
        logger.warning(
            "vega_offline: vl-convert has no Vega-Lite %s; bundling its latest", vl_minor
        )
    snippet = _SNIPPET % {"embed": vl_convert.get_vega_embed_version()}
    bundle = vl_convert.javascript_bundle(snippet, vl_version=vl_version)
    return (
        f"/* {FILENAME} key={key}: generated by _ext/vega_offline.py from vl-convert "
        f"{version('vl-convert-python')} for Altair {version('altair')}. */\n"
        '(function () {\n"use strict";\n'
        f"{bundle}\n{_EPILOGUE % {'debug': json.dumps(debug)}}}})();\n"
    )


def write_script(app: Sphinx) -> bool:
    """(Re)write _static/vega-offline.js if its inputs changed.

    Runs on builder-inited, before any page is written, so Sphinx adds the
    file's ``?v=<checksum>`` to the links. Returns True if an older version
    was replaced (pages already built then link a stale checksum).
    """
    if app.builder.format != "html":
        return False
    target = Path(app.builder.outdir, "_static", FILENAME)
    key = _cache_key()
    try:
        with target.open(encoding="utf-8") as f:
            if f"key={key}:" in f.readline():
                return False  # up to date: incremental builds skip the bundling
        replaced = True
    except FileNotFoundError:
        replaced = False
    content = _build_script(key)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(content, encoding="utf-8")
    logger.info("vega_offline: wrote %s (%d bytes)", target, len(content.encode()))
    return replaced


def add_to_chart_pages(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """html-page-context: link the script on pages that embed a chart."""
    if "vegaEmbed" in context.get("body", ""):
        app.add_js_file(FILENAME, priority=PRIORITY)  # blocking, in <head>


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
    replaced = [False]

    def on_builder_inited(app: Sphinx) -> None:
        replaced[0] = write_script(app)

    def on_env_get_outdated(app: Sphinx, env: Any, added: set[str], changed: set[str],
                            removed: set[str]) -> list[str]:
        # New bundle (Altair / vl-convert upgrade, or this file edited): rebuild
        # every page so none keeps a stale ?v= link. Rare; otherwise a no-op.
        return sorted(env.found_docs - added - changed) if replaced[0] else []

    app.connect("builder-inited", on_builder_inited)
    app.connect("env-get-outdated", on_env_get_outdated)
    app.connect("html-page-context", dedupe_scripts)
    app.connect("html-page-context", add_to_chart_pages)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
