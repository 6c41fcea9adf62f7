"""A Content-Security-Policy on every page: the site's own origin only (local Sphinx extension).

The site is static, so the policy travels in each page, as the first element of its
``<head>``: ``<meta http-equiv="Content-Security-Policy" content="...">``. It allows

- scripts from the site's own origin, plus the page's own inline scripts by their
  sha256 (Sphinx and the theme write a few one-liners, e.g. ``DOCUMENTATION_OPTIONS
  .pagename = '...'``), computed from the page as written; no ``'unsafe-inline'``, no
  ``'unsafe-eval'`` (Vega interprets its expressions instead, ``_ext/vega_charts.js``);
- styles from the site, plus the page's inline ``<style>`` elements by hash (pandas
  writes one before each table) and its ``style="..."`` attributes by hash (with
  ``'unsafe-hashes'``, which lets exactly those attribute values apply, nothing else);
- images, fonts and connections (the search page fetches the pages it finds) from the site
  alone (no ``data:`` images either: the few ``data:`` icons left in the theme's stylesheet
  belong to Bootstrap parts no page shows); nothing else (``default-src 'none'``: no frames,
  objects, workers, media), ``<base>`` forbidden, forms submit to the site only. (A chart
  saved as PNG or SVG is a ``data:``/``blob:`` link the reader downloads, not an image the
  page loads.)

The hashes are computed after the page is rendered (this extension wraps the HTML
builder's template renderer), so every page's policy matches exactly what it holds. A
page with an inline event handler (``onclick="..."``) or a ``javascript:`` URL, which the
policy would block, is reported as a build warning (an error under ``-W``).

pandas writes the same ``<style scoped>`` block before every table it renders, and
``<tr style="text-align: right;">`` in its header: the book moves both into its
stylesheet (``_static/charts.css``; the block is dropped only where it is exactly
pandas' own, the row gets the class ``dataframe-header``), so chapter pages hold no
inline style at all. That matters beyond the hashes: the search page parses the pages
it fetches (``DOMParser``) under its own policy, which would report their inline styles.

The root ``index.html`` that sphinx-external-toc writes (a bare redirect to the first
page) is rewritten as a small HTML document with a policy that allows nothing at all.

Enable in ``_config.yml``::

    sphinx:
      local_extensions:
        content_security: _ext
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

#: The policy, before the page's own hashes are added to script-src and style-src.
POLICY: dict[str, list[str]] = {
    "default-src": ["'none'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "base-uri": ["'none'"],
    "form-action": ["'self'"],
}
#: For the root redirect page: nothing to load, nothing to run.
REDIRECT_POLICY = "default-src 'none'; base-uri 'none'; form-action 'none'"

_JS_TYPES = {"", "text/javascript", "application/javascript", "module", "text/ecmascript", "application/ecmascript"}


def sha256_source(text: str) -> str:
    return "'sha256-%s'" % base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode()


class _Inventory(HTMLParser):
    """What a page holds that a policy must allow, or would block."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []  # inline scripts' text
        self.styles: list[str] = []  # inline <style> elements' text
        self.style_attributes: list[str] = []
        self.blocked: list[str] = []  # inline event handlers, javascript: URLs
        self._open: tuple[str, list[str]] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        for name, value in attrs:
            if name.startswith("on"):
                self.blocked.append(f"<{tag} {name}=\"{value}\">")
            elif name == "style" and value is not None:
                self.style_attributes.append(value)
            elif name in ("href", "src", "action", "formaction") and (value or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"<{tag} {name}=\"{value}\">")
        if tag == "script" and "src" not in values and (values.get("type") or "").strip().lower() in _JS_TYPES:
            self._open = ("script", [])
        elif tag == "style":
            self._open = ("style", [])

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[1].append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._open is not None and tag == self._open[0]:
            (self.scripts if tag == "script" else self.styles).append("".join(self._open[1]))
            self._open = None


def policy_for(page: str) -> tuple[str, list[str]]:
    """The policy a rendered page needs, and what in it the policy would block."""
    inventory = _Inventory()
    inventory.feed(page)
    inventory.close()
    directives = {name: list(values) for name, values in POLICY.items()}
    directives["script-src"] += sorted({sha256_source(s) for s in inventory.scripts})
    directives["style-src"] += sorted({sha256_source(s) for s in inventory.styles})
    if inventory.style_attributes:
        directives["style-src"] += ["'unsafe-hashes'"] + sorted({sha256_source(s) for s in inventory.style_attributes})
    return "; ".join(" ".join([name, *values]) for name, values in directives.items()), inventory.blocked


_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)
_HEAD = re.compile(r"<head(\s[^>]*)?>", re.I)


def with_policy(page: str, pagename: str = "") -> str:
    """The page with its policy as the first element of <head> (before any script or stylesheet)."""
    head = _HEAD.search(page)
    if head is None:
        return page
    policy, blocked = policy_for(page)
    for item in blocked:
        logger.warning("content_security: the page's Content-Security-Policy blocks %s; attach it from a script file",
                       item, location=pagename or None)
    content = policy.replace("&", "&amp;").replace('"', "&quot;")  # the policy's quotes are single quotes
    meta = f'\n    <meta http-equiv="Content-Security-Policy" content="{content}" />'
    # Right after <meta charset> when that opens the head, else first in the head.
    charset = _CHARSET.search(page, head.end())
    at = charset.end() if charset and page.find("<", head.end()) == charset.start() else head.end()
    return page[:at] + meta + page[at:]


#: What pandas (1.x to 3.x) writes before each table it renders as HTML; its rules are in _static/charts.css.
PANDAS_STYLE = """<style scoped>
    .dataframe tbody tr th:only-of-type {
        vertical-align: middle;
    }

    .dataframe tbody tr th {
        vertical-align: top;
    }

    .dataframe thead th {
        text-align: right;
    }
</style>"""
PANDAS_HEADER_ROW = '<tr style="text-align: right;">'


def pandas_styles_to_stylesheet(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """html-page-context: drop pandas' inline table styles from the body (the stylesheet has them)."""
    body = context.get("body")
    if isinstance(body, str) and (PANDAS_STYLE in body or PANDAS_HEADER_ROW in body):
        body = re.sub(r"\n?" + re.escape(PANDAS_STYLE) + r"\n?", "\n", body)
        context["body"] = body.replace(PANDAS_HEADER_ROW, '<tr class="dataframe-header">')


def install(app: Sphinx) -> None:
    """builder-inited: every page the HTML builder renders gets its policy."""
    if app.builder.format != "html" or getattr(app.builder, "templates", None) is None:
        return
    templates = app.builder.templates
    render = templates.render

    def render_with_policy(template: str, context: dict[str, Any]) -> str:
        page = render(template, context)
        return with_policy(page, context.get("pagename", "")) if template.endswith(".html") else page

    templates.render = render_with_policy


def secure_redirect(app: Sphinx, exception: Exception | None) -> None:
    """build-finished: give the root redirect page (a bare <meta> refresh) a policy and a title."""
    if exception is not None or app.builder.format != "html":
        return
    index = Path(app.builder.outdir, "index.html")
    if not index.exists():
        return
    text = index.read_text(encoding="utf-8")
    target = re.fullmatch(r'\s*<meta http-equiv="Refresh" content="0; url=([^"]+)" />\s*', text)
    if target is None:
        return  # a real page, or already rewritten
    url = html.escape(target.group(1), quote=True)
    title = html.escape(app.config.html_title or app.config.project)
    index.write_text(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\" />\n"
        f'<meta http-equiv="Content-Security-Policy" content="{REDIRECT_POLICY}" />\n'
        f'<meta http-equiv="Refresh" content="0; url={url}" />\n'
        f"<title>{title}</title>\n</head>\n"
        f'<body><p><a href="{url}">{title}</a></p></body>\n</html>\n',
        encoding="utf-8",
    )


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("builder-inited", install)
    app.connect("html-page-context", pandas_styles_to_stylesheet)
    # After sphinx-external-toc writes the redirect (build-finished, default priority).
    app.connect("build-finished", secure_redirect, priority=900)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
