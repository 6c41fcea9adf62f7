"""The site's Content-Security-Policy: on every page, of the site's own origin only, and it bites.

- Every built page carries the policy as the first element of its head (after <meta charset>):
  default-src 'none'; scripts, styles, fonts, images and connections from the site alone; scripts
  never 'unsafe-inline' nor 'unsafe-eval'; each inline script and style of the page allowed by its
  sha256, computed here independently of the build. No page holds an inline event handler or a
  javascript: URL (the policy would block them).
- No page reports a violation in Chromium: on load, nor while a reader moves every control, hovers
  the marks (tooltips), opens a chart's menu and saves the chart as SVG and PNG, searches, follows a
  search result's highlight.
- The policy bites: a page with a planted off-site script, stylesheet and image, an inline script and a
  same-origin script that calls eval and new Function has each blocked and reported
  (securitypolicyviolation events and console errors), while the same page with the policy bypassed runs
  them all; Vega itself, asked to compile its expressions (ast: false), is refused.
- Vega's CSP-safe interpreter (ast: true), which the pages use, computes exactly what Vega's compiled
  expressions compute, on every chart at several control settings (in a context that bypasses the policy).
- The vendored runtime matches its manifest, and the site serves it unchanged.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, SITE, chapter_pages, html_pages

PAGES = html_pages()
CHART_PAGES = sorted(chapter_pages())
JS_TYPES = {"", "text/javascript", "application/javascript", "module"}


class PageParts(HTMLParser):
    """The head's first elements, the policy, inline scripts and styles, style attributes, and handlers."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.head_elements, self.in_head = [], False
        self.policies, self.scripts, self.styles, self.style_attributes, self.blocked = [], [], [], [], []
        self._open = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        if tag == "head":
            self.in_head = True
        elif self.in_head and len(self.head_elements) < 3:
            self.head_elements.append((tag, values))
        if tag == "meta" and (values.get("http-equiv") or "").lower() == "content-security-policy":
            self.policies.append(values.get("content"))
        for name, value in attrs:
            if name.startswith("on") or (name in ("href", "src", "action") and (value or "").lower().startswith("javascript:")):
                self.blocked.append(f"<{tag} {name}={value!r}>")
            if name == "style":
                self.style_attributes.append(value)
        if tag == "script" and "src" not in values and (values.get("type") or "").lower() in JS_TYPES:
            self._open = ("script", [])
        elif tag == "style":
            self._open = ("style", [])

    def handle_data(self, data):
        if self._open:
            self._open[1].append(data)

    def handle_endtag(self, tag):
        if tag == "head":
            self.in_head = False
        if self._open and tag == self._open[0]:
            (self.scripts if tag == "script" else self.styles).append("".join(self._open[1]))
            self._open = None


def parts(path: str) -> PageParts:
    p = PageParts()
    p.feed((SITE / path).read_text(encoding="utf-8"))
    return p


def directives(policy: str) -> dict[str, list[str]]:
    return {d.split()[0]: d.split()[1:] for d in (x.strip() for x in policy.split(";")) if d}


def sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


@pytest.mark.parametrize("path", PAGES)
def test_every_page_carries_a_policy_of_its_own_origin(path):
    page = parts(path)
    assert len(page.policies) == 1, f"{path} has {len(page.policies)} Content-Security-Policy meta elements"
    # Before anything it governs: right after <meta charset>, which must come first.
    first = [t for t, a in page.head_elements[:2]]
    assert first == ["meta", "meta"] and "charset" in page.head_elements[0][1], page.head_elements[:2]
    assert (page.head_elements[1][1].get("http-equiv") or "").lower() == "content-security-policy"
    policy = directives(page.policies[0])
    assert policy["default-src"] == ["'none'"]
    allowed_sources = {"'self'", "'none'", "'unsafe-hashes'"}
    for name, sources in policy.items():
        for source in sources:
            assert source in allowed_sources or re.fullmatch(r"'sha256-[A-Za-z0-9+/=]+'", source), \
                f"{path}: {name} allows {source}"
    for name in ("script-src", "style-src", "img-src", "font-src", "connect-src"):
        assert name in policy or path == "index.html", f"{path}: no {name}"
    script_src = policy.get("script-src", [])
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src and "'unsafe-hashes'" not in script_src
    if path != "index.html":
        assert policy["img-src"] == policy["font-src"] == policy["connect-src"] == ["'self'"]
    assert policy.get("base-uri") == ["'none'"]
    # Each inline script and style of the page is allowed by its own hash, and nothing else is hashed.
    assert {sha256(s) for s in page.scripts} == {s for s in script_src if s.startswith("'sha256-")}
    style_hashes = {s for s in policy.get("style-src", []) if s.startswith("'sha256-")}
    assert {sha256(s) for s in page.styles + page.style_attributes} == style_hashes
    assert ("'unsafe-hashes'" in policy.get("style-src", [])) == bool(page.style_attributes)
    assert not page.blocked, f"{path}: inline handlers or javascript: URLs the policy blocks: {page.blocked}"


@pytest.mark.parametrize("path", [p for p in PAGES if p.startswith("chapters/")])
def test_chapter_pages_hold_no_inline_style(path):
    """pandas' inline table styles live in the stylesheet: the search page parses these pages under its own policy."""
    page = parts(path)
    assert not page.style_attributes, page.style_attributes[:3]
    assert all("dataframe" not in s for s in page.styles)


@pytest.mark.parametrize("path", PAGES)
def test_no_page_reports_a_violation(visit, path):
    v = visit(path)
    v.page.wait_for_timeout(200)
    assert not v.violations(), v.violations()
    refused = [m for m in v.console if "Content Security Policy" in m]
    assert not refused, refused


def hover_marks(v, index: int, limit: int = 25) -> int:
    """Moves the mouse over up to ``limit`` marks of a chart, as a reader would; returns how many showed a tooltip."""
    chart = v.page.locator(".vega-chart").nth(index)
    chart.scroll_into_view_if_needed()
    boxes = chart.evaluate("""(el, limit) => [...el.querySelectorAll(
        'svg .mark-symbol path, svg .mark-rect path, svg .mark-line path, svg .mark-area path')].slice(0, limit)
        .map(m => m.getBoundingClientRect()).filter(b => b.width * b.height > 0)
        .map(b => [b.x + b.width / 2, b.y + b.height / 2])""", limit)
    shown = 0
    for x, y in boxes:
        v.page.mouse.move(x, y)
        v.page.wait_for_timeout(30)
        shown += v.page.evaluate("() => !!document.querySelector('#vg-tooltip-element.visible')")
    v.page.mouse.move(0, 0)
    return shown


def use_every_control(v, index: int) -> int:
    """Moves every bound control of a chart with the keyboard and mouse (real input events, not script)."""
    chart = v.page.locator(".vega-chart").nth(index)
    moved = 0
    for control in chart.locator(".vega-bindings input[type=range], .vega-bindings select").all():
        control.focus()
        for key in (("End", "Home") if control.evaluate("e => e.tagName") == "INPUT" else ("ArrowDown", "ArrowUp")):
            control.press(key)
        moved += 1
    for group in chart.locator(".vega-bindings .vega-bind-radio").all():
        group.locator("input[type=radio]:not(:checked)").first.click()
        moved += 1
    for box in chart.locator(".vega-bindings input[type=checkbox]").all():
        box.click()
        moved += 1
    return moved


@pytest.mark.parametrize("path", CHART_PAGES)
def test_no_violation_while_a_reader_uses_the_charts(visit, path):
    """Every control moved, the marks hovered (tooltips), the menu opened, the chart saved as SVG and PNG.

    Driven by real keyboard and mouse events: code that runs inside a test's page.evaluate is exempt from
    Chromium's eval check, so it could hide a violation.
    """
    v = visit(path)
    moved = tooltips = 0
    for i in range(v.charts()):
        moved += use_every_control(v, i)
        tooltips += hover_marks(v, i)
    chart = v.page.locator(".vega-chart").first
    for label in ("Save as SVG", "Save as PNG"):
        if not chart.locator("details").evaluate("d => d.open"):
            chart.locator("details > summary").click()
        with v.page.expect_download() as download:
            chart.locator(".vega-actions a", has_text=label).click()
        assert download.value.path().stat().st_size > 1000
    # Styled by the site's stylesheet: neither vega-embed nor vega-tooltip may inject a <style> element.
    if tooltips:
        assert v.page.evaluate("() => getComputedStyle(document.querySelector('#vg-tooltip-element')).position") == "fixed"
    assert v.page.evaluate("() => getComputedStyle(document.querySelector('.vega-embed summary')).position") == "absolute"
    assert not v.violations(), v.violations()
    assert not [m for m in v.console if m.startswith(("error", "warning"))], v.console


def test_some_charts_show_tooltips_without_a_violation(visit):
    shown = {}
    for path in CHART_PAGES:
        v = visit(path)
        shown[path] = sum(hover_marks(v, i) for i in range(v.charts()))
        assert not v.violations(), v.violations()
    assert sum(shown.values()) > 0, f"no chart showed a tooltip: {shown}"


def test_search_and_its_highlight_report_no_violation(visit):
    """The search page fetches the pages it finds and parses them under its own policy."""
    v = visit("search.html?q=marketplace")
    v.page.wait_for_function("() => document.querySelectorAll('#search-results li').length > 0", timeout=20_000)
    v.page.wait_for_function("() => !document.querySelector('#search-progress')?.textContent.includes('Preparing')",
                             timeout=20_000)
    v.page.wait_for_timeout(1500)  # the summaries: each found page fetched and parsed
    assert not v.violations(), v.violations()
    v = visit("chapters/glossary.html?highlight=seller")
    assert not v.violations(), v.violations()


def test_header_buttons_work_without_inline_handlers(visit):
    """Print and full screen: attached from a file (the theme's onclick attributes are not written)."""
    v = visit("chapters/hybrid-model.html")
    v.page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed++; }; }")
    v.page.locator(".dropdown-download-buttons button.dropdown-toggle").click()
    v.page.locator("[data-book-action=download-pdf-button]").click()
    assert v.page.evaluate("() => window.__printed") == 1
    v.page.evaluate("() => { window.__toggled = 0; window.toggleFullScreen = () => { window.__toggled++; }; }")
    v.page.locator("[data-book-action=fullscreen-button]").first.click()
    assert v.page.evaluate("() => window.__toggled") == 1
    assert not v.violations()


PLANTED_SCRIPT = """
// A same-origin script (allowed by 'self') that evaluates strings, then asks Vega to compile its expressions.
window.planted = {};
try { window.planted.eval = eval('1 + 1'); } catch (e) { window.planted.eval = e.name; }
try { window.planted.func = new Function('return 2')(); } catch (e) { window.planted.func = e.name; }
document.addEventListener('vega-embed', function once(event) {
  document.removeEventListener('vega-embed', once);
  const div = document.createElement('div');
  document.body.append(div);
  // ast: false: Vega compiles each expression with Function instead of interpreting it.
  vegaEmbed(div, event.detail.vgSpec, {mode: 'vega', ast: false, actions: false, defaultStyle: false})
    .then(() => { window.planted.vega = 'drawn'; }, e => { window.planted.vega = e.name; });
});
"""
PLANTS = (
    '<script src="https://cdn.jsdelivr.net/npm/vega@6"></script>\n'
    '<link rel="stylesheet" href="https://fonts.googleapis.com/css2?family=Roboto" />\n'
    "<script>window.plantedInline = true;</script>\n"
    '<script src="../_static/planted.js"></script>\n'
)


def planted_visit(browser, site_url, bypass_csp: bool):
    """chapters/hybrid-model.html as built plus planted content (served by a route: nothing is written to the site)."""
    context = browser.new_context(bypass_csp=bypass_csp)
    from site_pages import RECORD_VIOLATIONS

    context.add_init_script(RECORD_VIOLATIONS)
    requested, console = [], []
    page_html = (SITE / "chapters" / "hybrid-model.html").read_text(encoding="utf-8")
    page_html = page_html.replace("</head>", PLANTS + "</head>", 1)
    page_html = page_html.replace("</article>", '<img alt="planted" src="https://example.com/pixel.png"></article>', 1)
    context.route(f"{site_url}/chapters/planted.html", lambda r: r.fulfill(body=page_html, content_type="text/html"))
    context.route(f"{site_url}/_static/planted.js", lambda r: r.fulfill(body=PLANTED_SCRIPT, content_type="text/javascript"))
    # Anything that does leave for another host is recorded and answered locally (no network here).
    context.route(re.compile(r"^https?://(?!127\.0\.0\.1)"), lambda r: (requested.append(r.request.url),
                                                                        r.fulfill(body="window.offsite = true;")))
    page = context.new_page()
    page.on("console", lambda m: console.append(f"{m.type}: {m.text}"))
    page.goto(f"{site_url}/chapters/planted.html", wait_until="load")
    page.wait_for_function("() => [...document.querySelectorAll('.vega-chart')].every(e => e.vegaEmbedResult)")
    page.wait_for_timeout(300)
    return context, page, requested, console


def test_the_policy_blocks_and_reports_planted_scripts_styles_images_and_eval(browser, site_url):
    context, page, requested, console = planted_visit(browser, site_url, bypass_csp=False)
    try:
        violations = page.evaluate("() => window.__cspViolations")
        blocked = {(v["directive"], v["blocked"]) for v in violations}
        assert ("script-src-elem", "https://cdn.jsdelivr.net/npm/vega@6") in blocked
        assert ("style-src-elem", "https://fonts.googleapis.com/css2?family=Roboto") in blocked
        assert ("img-src", "https://example.com/pixel.png") in blocked
        assert ("script-src-elem", "inline") in blocked
        assert ("script-src", "eval") in blocked
        # Blocked before any request left: nothing reached another host, nothing ran.
        assert requested == []
        assert page.evaluate("() => [window.offsite, window.plantedInline]") == [None, None]
        page.wait_for_function("() => window.planted.vega !== undefined")
        # eval, new Function and Vega compiling its expressions (ast: false) are all refused.
        assert page.evaluate("() => window.planted") == {"eval": "EvalError", "func": "EvalError", "vega": "EvalError"}
        # Chromium says so in the console too (eval's refusal is the EvalError and the event above).
        refusals = [m for m in console if m.startswith("error") and "Content Security Policy" in m]
        for what in ("cdn.jsdelivr.net", "fonts.googleapis.com", "example.com", "inline script"):
            assert any(what in m for m in refusals), (what, refusals)
        # The page's own charts still draw.
        assert page.evaluate("() => !!document.querySelector('.vega-chart svg.marks')")
    finally:
        context.close()


def test_the_same_planted_page_runs_everything_without_the_policy(browser, site_url):
    """The control: with the policy bypassed, the planted script, style, image and eval all run, so the policy is what blocked them."""
    context, page, requested, console = planted_visit(browser, site_url, bypass_csp=True)
    try:
        assert page.evaluate("() => window.__cspViolations") == []
        assert page.evaluate("() => [window.offsite, window.plantedInline]") == [True, True]
        page.wait_for_function("() => window.planted.vega !== undefined")
        assert page.evaluate("() => window.planted") == {"eval": 2, "func": 2, "vega": "drawn"}
        assert {"https://cdn.jsdelivr.net/npm/vega@6", "https://example.com/pixel.png"} <= set(requested)
    finally:
        context.close()


SAME_DATA = """async ([index, rounds, seed]) => {
  // The chart as the page draws it (interpreter) and a twin with compiled expressions: same data at every setting.
  let state = seed;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const r = document.querySelectorAll('.vega-chart')[index].vegaEmbedResult;
  const div = document.createElement('div');
  document.body.append(div);
  const twin = await vegaEmbed(div, r.vgSpec, {mode: 'vega', ast: false, actions: false});
  const params = (r.vgSpec.signals || []).filter(s => s.bind && s.bind.input === 'range');
  const differences = [];
  for (let k = 0; k < rounds; k++) {
    for (const p of params) {
      const {min, max} = p.bind, step = p.bind.step || 1;
      const value = k === 0 ? min : k === 1 ? max : min + Math.round(random() * (max - min) / step) * step;
      r.view.signal(p.name, value); twin.view.signal(p.name, value);
    }
    await r.view.runAsync(); await twin.view.runAsync();
    for (const {name} of r.vgSpec.data || [])
      if (JSON.stringify(r.view.data(name)) !== JSON.stringify(twin.view.data(name))) differences.push(`round ${k}: ${name}`);
  }
  twin.finalize();
  return differences;
}"""


@pytest.mark.parametrize("path", CHART_PAGES)
def test_the_interpreter_computes_what_compiled_expressions_compute(visit, path):
    v = visit(path, bypass_csp=True)  # the compiled twin needs Function, which the policy refuses
    for i in range(v.charts()):
        assert v.page.evaluate(SAME_DATA, [i, 6, 12345 + i]) == [], f"chart {i}"


def test_vendored_runtime_matches_its_manifest_and_is_served_unchanged():
    vendor = ROOT / "vendor" / "vega"
    manifest = json.loads((vendor / "MANIFEST.json").read_text())
    versions = {p["name"]: p["version"] for p in manifest["packages"]}
    assert versions["vega"] == json.loads((ROOT / "package.json").read_text())["devDependencies"]["vega"]
    assert "vega-lite" not in versions, "the browser needs no Vega-Lite compiler"
    for entry in manifest["files"]:
        data = (vendor / entry["path"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == entry["sha256"], entry["path"]
        assert (SITE / "_static" / "vega" / entry["path"]).read_bytes() == data, f"served {entry['path']} differs"
    assert {f["path"] for f in manifest["files"]} >= {"vega.min.js", "vega-embed.min.js", "vega-embed.css",
                                                       "LICENSE-vega.txt", "LICENSE-vega-embed.txt"}
    # jupyter-book adds every .js under _static/ to every page: nothing vendored is kept there.
    assert not list((ROOT / "_static").rglob("vega*.js"))
