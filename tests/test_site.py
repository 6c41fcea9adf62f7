"""Tests of the built site in headless Chromium, served from 127.0.0.1.

Every page: loads with no console error or warning, requests nothing from
another host, draws every chart. Every bound control changes its chart; no
slider position yields NaN or Infinity. (That the charts compute what the Python
models compute is checked without a browser, in Vega's own engine:
``tests/test_formula_parity.py``.)
"""

from __future__ import annotations

from urllib.parse import urlparse

import pytest

from conftest import bound_parameters, chapter_pages, html_pages
from site_pages import INPUTS, NON_FINITE, SET_INPUT, SVG

PAGES = html_pages()
CHART_SPECS = chapter_pages()  # page -> the Vega-Lite specs its notebook shows
CHART_PAGES = sorted(CHART_SPECS)
@pytest.mark.parametrize("path", PAGES)
def test_page_is_clean_and_self_contained(visit, path):
    v = visit(path)
    v.page.wait_for_timeout(300)  # let late scripts log
    assert not v.errors, f"uncaught errors: {v.errors}"
    noisy = [m for m in v.console if m.split(":")[0] in ("error", "warning")]
    assert not noisy, f"console errors or warnings: {noisy}"
    foreign = [u for u in v.requests if urlparse(u).hostname not in ("127.0.0.1", None) and not u.startswith("data:")]
    assert not foreign, f"requests to another host: {foreign}"
    assert not v.failed, f"failed requests: {v.failed}"


def test_one_search_box_and_no_sideways_scrolling_prose(visit):
    """The theme's stray top bar (a second search box) stays off; code in the prose fits the column."""
    v = visit("chapters/index.html")
    visible = v.page.evaluate(
        "() => [...document.querySelectorAll('.search-button-field')].filter(e => e.offsetParent !== null).length")
    assert visible == 1, f"{visible} search boxes are shown"
    assert v.page.evaluate("() => getComputedStyle(document.querySelector('.bd-header')).display") == "none" or \
        v.page.evaluate("() => document.querySelector('.bd-header').getBoundingClientRect().height") < 5
    scrolling = v.page.evaluate("() => [...document.querySelectorAll('article pre')]"
                                ".filter(e => e.scrollWidth > e.clientWidth).map(e => e.textContent.slice(0, 40))")
    assert not scrolling, f"code blocks that scroll sideways: {scrolling}"


def test_chart_pages_have_their_charts(visit):
    assert {"chapters/hybrid-model.html", "chapters/financials.html"} <= set(CHART_PAGES)
    counts = {path: visit(path).charts() for path in CHART_PAGES}
    assert counts == {path: len(specs) for path, specs in CHART_SPECS.items()}


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_is_drawn_as_accessible_svg(visit, path):
    v = visit(path)
    for i in range(v.charts()):
        chart = v.page.locator(".vega-chart").nth(i)
        svg = chart.locator("svg.marks")
        assert svg.count() == 1, f"chart {i} has no SVG"
        box = svg.bounding_box()
        assert box["width"] > 300 and box["height"] > 150
        marks = chart.locator("svg .mark-rect path, svg .mark-line path, svg .mark-symbol path, svg .mark-text text")
        assert marks.count() > 5, f"chart {i} drew {marks.count()} marks"
        # Vega puts the chart's description (its alt text) on the view's container.
        wrapper = chart.locator("[role=graphics-document]")
        description = v.page.evaluate(
            f"() => document.querySelectorAll('.vega-chart')[{i}].vegaEmbedResult.spec.description"
        )
        assert description and len(description) > 80, f"chart {i} has no alt text"
        assert wrapper.get_attribute("aria-label") == description


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_has_its_source_under_it(visit, path):
    v = visit(path)
    captions = v.page.evaluate(
        "() => [...document.querySelectorAll('.vega-chart')].map(c => c.closest('figure')?.querySelector('figcaption')?.innerText)"
    )
    assert captions and all(c and "Source: " in c for c in captions), captions


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_bound_control_changes_its_chart(visit, path):
    v = visit(path)
    moved = 0
    for i in range(v.charts()):
        for j, control in enumerate(v.page.evaluate(INPUTS, i)):
            before = v.page.evaluate(SVG, i)
            if control["kind"] == "range":
                target = control["min"] if control["value"] != control["min"] else control["max"]
            elif control["kind"] == "select":
                target = next(o for o in control["options"] if o != control["value"])
            else:
                target = None
            v.page.evaluate(SET_INPUT, [i, j, target])
            after = v.page.evaluate(SVG, i)
            assert after != before, f"chart {i}, control {j} ({control}) did not change the chart"
            moved += 1
    # Every bound parameter of every chart on the page was found as an input and moved.
    assert moved == sum(len(bound_parameters(spec)) for spec in CHART_SPECS[path]) > 0


@pytest.mark.parametrize("path", CHART_PAGES)
def test_no_slider_position_yields_nan_or_infinity(visit, path):
    v = visit(path)
    for i in range(v.charts()):
        controls = v.page.evaluate(INPUTS, i)
        for j, control in enumerate(controls):
            if control["kind"] != "range":
                continue
            for value in (control["min"], control["max"]):
                v.page.evaluate(SET_INPUT, [i, j, value])
                bad = v.page.evaluate(NON_FINITE, i)
                assert not bad, f"chart {i}, control {j} at {value}: non-finite values at {bad}"
        # All sliders at their minimum together, then all at their maximum.
        for end in ("min", "max"):
            for j, control in enumerate(controls):
                if control["kind"] == "range":
                    v.page.evaluate(SET_INPUT, [i, j, control[end]])
            assert not v.page.evaluate(NON_FINITE, i), f"chart {i}: every slider at its {end}"


def test_only_an_empty_layers_warning_is_quieted(visit):
    """A layer the settings leave empty makes Vega warn 'Infinite extent'; that alone goes to console.debug."""
    v = visit("chapters/cloud.html")
    # The scale chart's other measure leaves one of its layers empty.
    v.page.locator(".vega-chart").first.locator(".vega-bind-radio input[type=radio]:not(:checked)").first.click()
    v.page.wait_for_timeout(300)
    assert any(m.startswith("debug: WARN (an empty layer) Infinite extent for field") for m in v.console), v.console
    v.page.evaluate("""() => {
        const view = document.querySelector('.vega-chart').vegaEmbedResult.view;
        view.warn('Infinite extent for field "x": [Infinity, -Infinity]');
        view.warn('Some other warning');
        view.error('Some error');
    }""")
    v.page.wait_for_timeout(100)
    assert "warning: WARN Some other warning" in v.console and "error: ERROR Some error" in v.console
    assert not [m for m in v.console if m.startswith("warning") and "Infinite extent" in m]
    assert v.page.locator(".vega-chart").first.locator("svg.marks .mark-rect path").count() > 0


def test_packed_chart_data_reads_back_as_the_same_rows(visit):
    """The site writes each chart's inline data by column (display.packed); Vega must rebuild exactly the rows."""
    import json

    from amazon_case.kit.display import MIME_TYPE, packed, vega_spec
    from conftest import ROOT, code_cells, outputs_of_type

    pairs = []
    for path in sorted((ROOT / "chapters").glob("*.ipynb")):
        for cell in code_cells(path):
            for spec in outputs_of_type(cell, MIME_TYPE):
                compiled = vega_spec(spec)
                for original, written in zip(compiled["data"], packed(json.loads(json.dumps(compiled)))["data"]):
                    if written.get("values") != original.get("values"):
                        assert written["transform"][0]["type"] == "flatten"
                        alone = {"name": "d", "values": written["values"], "transform": written["transform"][:1]}
                        pairs.append([original["values"], alone])
    assert len(pairs) >= 60, f"only {len(pairs)} datasets were packed"
    v = visit("chapters/marketplace.html")
    mismatches = v.page.evaluate("""async (pairs) => {
        const out = [];
        for (const [i, [rows, dataset]] of pairs.entries()) {
            const holder = document.createElement("div");
            document.body.append(holder);
            const {view} = await vegaEmbed(holder, {data: [dataset]}, {mode: "vega", ast: true, actions: false});
            const read = view.data("d");
            const same = read.length === rows.length && rows.every((row, j) =>
                Object.keys(row).length === Object.keys(read[j]).length
                && Object.keys(row).every(k => JSON.stringify(row[k]) === JSON.stringify(read[j][k])));
            if (!same) out.push({i, expected: rows.slice(0, 2), got: read.slice(0, 2)});
            view.finalize();
            holder.remove();
        }
        return out;
    }""", pairs)
    assert not mismatches, mismatches[:3]


def test_vega_is_served_by_the_site_only_where_needed(visit):
    """Chart pages load Vega and vega-embed from the site (no Vega-Lite compiler: specs are compiled at build time)."""
    runtime = ("_static/vega/vega.min.js", "_static/vega/vega-embed.min.js", "_static/vega/vega-charts.js")
    for path in CHART_PAGES:
        v = visit(path)
        for name in runtime:
            assert any(name in u for u in v.requests), f"{path} did not load {name}"
        assert not any("vega-lite" in u.lower() for u in v.requests), "Vega-Lite is compiled at build time, not in the page"
        assert v.page.evaluate("() => typeof vegaLite === 'undefined' && typeof vl === 'undefined'")
    v = visit("chapters/index.html")
    assert not any("/_static/vega/" in u for u in v.requests), "the runtime should load only on pages with charts"


@pytest.mark.parametrize("path", PAGES)
def test_every_link_within_the_site_resolves(visit, site_url, path):
    """Data downloads, the .ipynb download, cross-references: no broken link."""
    v = visit(path)
    hrefs = v.page.evaluate("() => [...document.querySelectorAll('a[href]')].map(a => a.href)")
    local = sorted({h.split("#")[0] for h in hrefs if h.startswith(site_url)})
    assert any(h.endswith(".csv") for h in local) or path != "chapters/index.html", "the index offers no data download"
    broken = [h for h in local if v.page.request.get(h).status != 200]
    assert not broken, f"broken links: {broken}"


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_chart_and_its_controls_fit_the_text_column(visit, path):
    """No chart, title or row of controls is wider than the column it sits in (at 1280 px)."""
    v = visit(path)
    too_wide = v.page.evaluate("""() => [...document.querySelectorAll('.vega-embed')].flatMap((e, i) => {
        const column = e.closest('.cell_output').clientWidth;
        return [['chart', e.querySelector('svg')], ['controls', e.querySelector('.vega-bindings')]]
          .filter(([, el]) => el && el.getBoundingClientRect().width > column)
          .map(([what, el]) => `chart ${i + 1}: ${what} ${Math.round(el.getBoundingClientRect().width)} px > ${column} px`);
    })""")
    assert not too_wide, too_wide


@pytest.mark.parametrize("path", CHART_PAGES)
def test_every_figure_offers_its_data_as_csv_and_an_export_menu(visit, path):
    import csv
    import io

    v = visit(path)
    figures = v.page.evaluate("""() => [...document.querySelectorAll('.vega-chart')].map(c => ({
        link: c.closest('figure')?.querySelector('figcaption .chart-data a')?.href,
        source: c.closest('figure')?.querySelector('figcaption .chart-source')?.innerText,
        menu: [...c.querySelectorAll('.vega-actions a')].map(a => a.textContent),
        files: [...c.querySelectorAll('.vega-actions a')].map(a => a.getAttribute('download')),
        figure: c.closest('figure')?.id,
        menuName: c.querySelector('details > summary')?.getAttribute('aria-label'),
    }))""")
    assert len(figures) == v.charts() == len(CHART_SPECS[path])
    for number, (figure, spec) in enumerate(zip(figures, CHART_SPECS[path])):
        assert figure["link"] and figure["link"].endswith(".csv"), f"chart {number} has no data download"
        response = v.page.request.get(figure["link"])
        assert response.status == 200
        rows = list(csv.DictReader(io.StringIO(response.text())))
        # The file holds every row the chart was given (its notebook spec's datasets), each with the
        # source printed under the figure.
        assert len(rows) == sum(len(d) for d in spec.get("datasets", {}).values()) > 0
        assert {row["source"] for row in rows} == {figure["source"].removeprefix("Source: ")}
        assert {"Save as SVG", "Save as PNG"} <= set(figure["menu"]), figure["menu"]
        assert figure["menuName"], f"chart {number}'s menu button has no accessible name"
        # The files are named after the figure (fig-…), not vega-embed's "visualization".
        assert figure["figure"] and {f"{figure['figure']}.svg", f"{figure['figure']}.png"} <= set(figure["files"])


@pytest.mark.parametrize("path", CHART_PAGES)
def test_the_export_menu_saves_the_first_chart_as_svg_and_png(visit, path):
    """A reader's click on "Save as SVG" / "Save as PNG" gives a file: the chart with its title, or a PNG image."""
    import re

    v = visit(path)
    chart = v.page.locator(".vega-chart").first
    # The title as drawn (its lines depend on the chart's width: kit/display.py, fitted).
    title = v.page.evaluate("""() => [...document.querySelector('.vega-chart svg').querySelectorAll('.role-title-text text')]
        .map(t => t.textContent).join(' ')""")
    saved = {}
    for label in ("Save as SVG", "Save as PNG"):
        if not chart.locator("details").evaluate("d => d.open"):
            chart.locator("details > summary").click()
        with v.page.expect_download() as download:
            chart.locator(".vega-actions a", has_text=label).click()
        saved[label] = (download.value.suggested_filename, download.value.path().read_bytes())
    name, svg = saved["Save as SVG"]
    assert name.startswith("fig-") and name.endswith(".svg")
    assert svg.startswith(b"<svg") and re.escape(title.split()[0]).encode() in svg
    name, png = saved["Save as PNG"]
    assert name.endswith(".png") and png.startswith(b"\x89PNG") and len(png) > 5_000


def test_data_appendix_describes_every_data_file_from_its_manifest(visit, site_url):
    import json

    from amazon_case.filings import DATA_DIR

    v = visit("chapters/data-and-sources.html")
    # Sphinx sets quotation marks typographically; compare the text with plain quotes.
    plain = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})
    text = v.page.inner_text("article").translate(plain)
    hrefs = v.page.evaluate("() => [...document.querySelectorAll('article a[href]')].map(a => a.href)")
    manifests = sorted(DATA_DIR.glob("*.resource.json"))
    assert len(manifests) >= 3
    for manifest_path in manifests:
        manifest = json.loads(manifest_path.read_text())
        assert manifest["title"] in text and manifest["hash"] in text
        assert any(h.endswith("/" + manifest["path"]) for h in hrefs), f"no download of {manifest['path']}"
        for field in manifest["schema"]["fields"]:
            assert field["name"] in text, f"column {field['name']} of {manifest['path']} is not described"
        for source in manifest["sources"]:
            assert source["title"] in text


SAME_LOOK = """async (full) => {
  // Every element's computed style with the slim theme stylesheet, then with the theme's full one.
  const snapshot = () => [...document.querySelectorAll('body *')].map(e => {
    const style = getComputedStyle(e);
    let text = e.tagName + (e.className && typeof e.className === 'string' ? '.' + e.className : '') + ' ';
    for (let i = 0; i < style.length; i++) text += style[i] + ':' + style.getPropertyValue(style[i]) + ';';
    return text;
  });
  await document.fonts.ready;
  document.getAnimations().forEach(a => a.finish());
  const slim = snapshot();
  const link = document.querySelector('link[href*="pydata-sphinx-theme.book.css"]');
  const loaded = new Promise(resolve => link.addEventListener('load', resolve, {once: true}));
  link.href = full;
  await loaded;
  await document.fonts.ready;  // the full stylesheet's fonts
  document.getAnimations().forEach(a => a.finish());
  const whole = snapshot();
  const differences = [];
  slim.forEach((s, i) => { if (s !== whole[i]) differences.push(i); });
  return {elements: slim.length, differences: differences.slice(0, 5).map(i => [slim[i].slice(0, 80), diff(slim[i], whole[i])])};
  function diff(a, b) {
    const pa = a.split(';'), pb = new Set(b.split(';'));
    return pa.filter(p => !pb.has(p)).slice(0, 4);
  }
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", ["chapters/index.html", "chapters/marketplace.html", "chapters/checking-the-source.html",
                                  "chapters/glossary.html", "search.html", "genindex.html"])
def test_the_slim_theme_stylesheet_looks_the_same_as_the_full_one(visit, path, scheme):
    """_ext/lean_assets.py drops the rules nothing in the book matches: every element's computed style is unchanged."""
    v = visit(path, color_scheme=scheme)
    v.page.wait_for_function("(scheme) => document.documentElement.dataset.theme === scheme", arg=scheme)
    result = v.page.evaluate(SAME_LOOK, "../_static/styles/pydata-sphinx-theme.css" if "/" in path
                             else "_static/styles/pydata-sphinx-theme.css")
    assert result["elements"] > 100
    assert not result["differences"], result["differences"]


def test_only_the_icons_the_book_shows_are_in_its_fonts(visit):
    """The Font Awesome fonts are cut to the glyphs the slim stylesheet draws, and every icon on a page is drawn."""
    v = visit("chapters/hybrid-model.html")
    sizes = v.page.evaluate("""async () => {
        await document.fonts.ready;
        const icons = [...document.querySelectorAll('i[class*="fa-"], .fa-solid, .fas')];
        const drawn = icons.map(i => getComputedStyle(i, '::before').content).filter(c => c && c !== 'none');
        const fonts = performance.getEntriesByType('resource').filter(r => /webfonts|fonts\\//.test(r.name));
        return {icons: icons.length, drawn: drawn.length, fonts: fonts.map(f => [f.name, f.encodedBodySize || f.transferSize])};
    }""")
    assert sizes["icons"] > 5 and sizes["drawn"] == sizes["icons"], sizes
    assert sizes["fonts"] and all(".book.woff" in name for name, _ in sizes["fonts"]), sizes["fonts"]
    assert all(size < 20_000 for _, size in sizes["fonts"]), sizes["fonts"]


@pytest.mark.parametrize("path", CHART_PAGES)
def test_a_first_visit_to_a_chart_page_loads_at_most_1_2_mb(visit, path):
    """The issue's budget: Vega without the Vega-Lite compiler, the theme's CSS and fonts cut to what the book uses."""
    v = visit(path)
    v.page.wait_for_load_state("networkidle")
    transferred = v.page.evaluate("""() => [performance.getEntriesByType('navigation')[0],
        ...performance.getEntriesByType('resource')].reduce((n, e) => n + (e.decodedBodySize || 0), 0)""")
    assert transferred <= 1.2 * 1024 * 1024, f"{transferred / 1024 / 1024:.2f} MB"


def test_no_page_loads_the_toggle_button_files_it_does_not_use():
    """The book folds code and solutions with <details>; a page with no ".toggle" element or dropdown admonition
    loads neither sphinx-togglebutton's script, its stylesheet nor its inline setting (_ext/lean_assets.py)."""
    import re

    from conftest import SITE, html_pages

    checked = 0
    for page in html_pages():
        text = (SITE / page).read_text(encoding="utf-8")
        body = text.split("<body", 1)[1]
        classes = [set(value.split()) for value in re.findall(r'class="([^"]*)"', body)]
        # What sphinx-togglebutton folds: its selector is ".toggle, .admonition.dropdown".
        if not any("toggle" in c or {"admonition", "dropdown"} <= c for c in classes):
            checked += 1
            assert "togglebutton" not in text, page
    assert checked >= 15
