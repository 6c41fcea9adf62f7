"""Every page reads on a phone (390 px wide) and on a desktop (1280 px), and its charts follow the dark theme.

- No page is wider than the screen; no chart's SVG is wider than its container; reader controls stay on screen.
- Chart text is drawn at 11 px or more (its font size times the SVG's scale on screen), at either width.
- In dark mode (set as the theme button sets it) every chart's background is dark and the text of its axes
  and titles light, and the theme button switches them both ways with no reload.
"""

from __future__ import annotations

import pytest

from conftest import chapter_pages, html_pages

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
CHART_PAGES = sorted(chapter_pages())

# What a page measures on the screen it is opened on.
MEASURE = """() => {
  const chart = [...document.querySelectorAll('.vega-chart')].map(el => {
    const svg = el.querySelector('svg.marks'), box = el.getBoundingClientRect(), drawn = svg.getBoundingClientRect();
    let smallest = Infinity, text = '';
    for (const t of svg.querySelectorAll('text')) {
      const r = t.getBoundingClientRect(), style = getComputedStyle(t);
      if (!t.textContent.trim() || r.width === 0 || style.visibility === 'hidden' || style.opacity === '0') continue;
      const m = t.getScreenCTM(), size = parseFloat(style.fontSize) * Math.hypot(m.a, m.b);
      if (size < smallest) { smallest = size; text = t.textContent; }
    }
    return {id: el.id, svgRight: drawn.right, boxRight: box.right, smallest, text};
  });
  const controls = [...document.querySelectorAll('.vega-bindings input, .vega-bindings select, .vega-bindings label')]
    .map(e => e.getBoundingClientRect()).filter(r => r.width > 0).map(r => r.right);
  return {overflow: document.documentElement.scrollWidth - window.innerWidth, width: window.innerWidth, chart,
          controlsRight: Math.max(0, ...controls)};
}"""


def luminance(rgb: str) -> float:
    """Relative luminance (WCAG) of a CSS ``rgb(r, g, b)`` colour."""
    channels = [float(c) / 255 for c in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


# Each chart's background (the SVG's background colour, as painted) and the colours of its axis labels and titles.
COLOURS = """() => [...document.querySelectorAll('.vega-chart svg.marks')].map(svg => {
  const fill = e => getComputedStyle(e).fill;
  const texts = [...svg.querySelectorAll('.role-axis-label text, .role-axis-title text, .role-title-text text, .role-title-subtitle text, .role-legend-label text')]
    .filter(t => t.textContent.trim());
  return {background: getComputedStyle(svg).backgroundColor, texts: [...new Set(texts.map(fill))]};
})"""


def phone_visit(visit, path, scheme="light"):
    return visit(path, color_scheme=scheme, viewport=PHONE)


@pytest.mark.parametrize("path", html_pages())
def test_no_page_is_wider_than_a_phone(visit, path):
    v = phone_visit(visit, path)
    v.page.wait_for_timeout(200)
    measured = v.page.evaluate(MEASURE)
    assert measured["overflow"] <= 0, f"{path} is {measured['overflow']} px wider than a 390 px screen"
    wide = [c for c in measured["chart"] if c["svgRight"] > min(c["boxRight"], measured["width"]) + 1]
    assert not wide, f"charts wider than their container on a phone: {wide}"
    assert measured["controlsRight"] <= measured["width"], "a reader control runs off the screen"


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", CHART_PAGES)
def test_chart_text_is_at_least_11_px(visit, path, viewport):
    v = visit(path, viewport=viewport)
    small = [(c["id"], round(c["smallest"], 1), c["text"]) for c in v.page.evaluate(MEASURE)["chart"] if c["smallest"] < 11]
    assert not small, f"chart text under 11 px at {viewport['width']} px: {small}"


def test_a_wide_chart_is_measured_as_too_wide(visit):
    """The check can fail: a chart whose SVG is forced wider than the screen is reported."""
    v = phone_visit(visit, "chapters/marketplace.html")
    v.page.evaluate("() => { const s = document.querySelector('.vega-chart svg'); s.setAttribute('width', 900); s.parentElement.style.width = '900px'; }")
    measured = v.page.evaluate(MEASURE)
    assert measured["overflow"] > 0 or measured["chart"][0]["svgRight"] > measured["width"]


def test_charts_shrink_and_grow_with_the_window(visit):
    """A chart drawn on a phone widens again when the window widens (no reload), and its text keeps its size."""
    v = phone_visit(visit, "chapters/financials.html")
    narrow = v.page.evaluate("() => document.querySelector('.vega-chart svg').getBoundingClientRect().width")
    v.page.set_viewport_size(DESKTOP)
    v.page.wait_for_timeout(400)
    wide = v.page.evaluate("() => document.querySelector('.vega-chart svg').getBoundingClientRect().width")
    assert narrow <= PHONE["width"] - 20 < wide


def set_theme(page, mode: str) -> None:
    """Switch the theme as its button does (the pydata theme stores the mode and sets ``data-theme``)."""
    page.evaluate("""(mode) => { localStorage.setItem('mode', mode); localStorage.setItem('theme', mode);
        document.documentElement.dataset.mode = mode; document.documentElement.dataset.theme = mode; }""", mode)
    page.wait_for_timeout(100)


def assert_theme(colours, dark: bool, path: str):
    for number, chart in enumerate(colours):
        background = luminance(chart["background"])
        assert (background < 0.05) if dark else (background > 0.9), f"{path} chart {number}: background {chart['background']}"
        for text in chart["texts"]:
            assert contrast(text, chart["background"]) >= 4.5, f"{path} chart {number}: text {text} on {chart['background']}"


@pytest.mark.parametrize("path", CHART_PAGES)
def test_charts_follow_the_dark_theme(visit, path):
    v = visit(path, color_scheme="dark")
    v.page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'", timeout=10_000)
    assert_theme(v.page.evaluate(COLOURS), dark=True, path=path)


def test_the_theme_button_switches_charts_without_a_reload(visit):
    v = visit("chapters/where-the-cash-goes.html")
    v.page.evaluate("() => { window.__sameDocument = true; }")
    assert_theme(v.page.evaluate(COLOURS), dark=False, path="light")
    for mode, dark in (("dark", True), ("light", False)):
        button = v.page.locator(".theme-switch-button").first
        if button.count() and button.is_visible():
            while v.page.evaluate("() => document.documentElement.dataset.theme") != mode:
                button.click()
        else:
            set_theme(v.page, mode)
        v.page.wait_for_timeout(100)
        assert_theme(v.page.evaluate(COLOURS), dark=dark, path=mode)
    assert v.page.evaluate("() => window.__sameDocument === true"), "the page reloaded"


# Each HTML output's text colour against the background actually painted behind it (the nearest ancestor with one).
OUTPUT_COLOURS = """() => [...document.querySelectorAll('.cell_output .text_html')].filter(e => e.textContent.trim()).map(e => {
  let node = e, background = 'rgba(0, 0, 0, 0)';
  while (node && (background === 'rgba(0, 0, 0, 0)' || background === 'transparent')) {
    background = getComputedStyle(node).backgroundColor; node = node.parentElement;
  }
  const cell = e.querySelector('td, p, div') || e;
  return {text: getComputedStyle(cell).color, background};
})"""


@pytest.mark.parametrize("path", ["chapters/marketplace.html", "chapters/checking-the-source.html", "chapters/timeline.html"])
def test_tables_and_html_outputs_follow_the_dark_theme(visit, path):
    """In dark mode the book's HTML outputs (reader tables, claim boxes, context tables) sit on the page's dark
    background with light text, not on the theme's light panel for foreign outputs."""
    v = visit(path, color_scheme="dark")
    v.page.wait_for_function("() => document.documentElement.dataset.theme === 'dark'", timeout=10_000)
    outputs = v.page.evaluate(OUTPUT_COLOURS)
    assert outputs, f"{path} has no HTML output"
    for number, output in enumerate(outputs):
        assert luminance(output["background"]) < 0.05, f"{path} output {number}: background {output['background']}"
        assert contrast(output["text"], output["background"]) >= 4.5, f"{path} output {number}: {output}"
