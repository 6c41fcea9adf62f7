"""Accessibility fixes for markup the book's dependencies write (local Sphinx extension).

axe-core (run on every page by ``tests/test_accessibility.py``) reports these as serious:

- myst-nb writes ``<summary aria-label="Toggle hidden content">`` around "Show code cell source":
  an accessible name that does not contain the visible text (rule label-content-name-mismatch).
  The label is dropped so that the summary is named by the text it shows.

The theme's search button has the same problem; its template is overridden in
``_templates/components/search-button-field.html``. vega-embed's menu button has no
name at all; ``amazon_case.kit.display`` names it after drawing the chart.
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx

UNNAMED_SUMMARY = '<summary aria-label="Toggle hidden content">'


def fix_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    body = context.get("body")
    if isinstance(body, str) and UNNAMED_SUMMARY in body:
        context["body"] = body.replace(UNNAMED_SUMMARY, "<summary>")


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("html-page-context", fix_page)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
