"""Browser tests of the advertising chapter: what its four charts draw and compute once the reader moves them.

That the charts' formulas compute what Python computes is checked without a browser, for every model of the
book, by tests/test_formula_parity.py; that every control changes its chart and no slider position yields NaN or
Infinity, by tests/test_site.py. What only a browser shows is what Vega draws: the readouts are formulas returning
strings, and the SVG must carry them as the reader sees them. Expected values are worked by hand from the filed
figures.
"""

from __future__ import annotations

import pytest

from site_pages import ALL_ROWS, SET_SIGNALS, SVG, chart_index

PAGE = "chapters/advertising.html"


def svg_text(v, index: int) -> str:
    return v.page.locator(".vega-chart").nth(index).locator("svg.marks").text_content()


def test_the_page_has_its_four_charts_and_the_claim_boxes(visit):
    v = visit(PAGE)
    assert v.charts() == 4
    boxes = v.page.locator(".claim-check")
    assert boxes.count() == 3
    text = v.page.locator("article").inner_text()
    assert "Amazon advertising which generated over $31 billion" in text
    # The appendix's verdicts: holds (over $31 billion in FY2021: 31,160); partly holds (FBM: the 15% referral fee
    # is a small cut, but with advertising a third-party seller pays about 23%); does not hold (FBA).
    badges = [boxes.nth(i).locator(".verdict").inner_text() for i in range(3)]
    assert badges == ["holds", "partly holds", "does not hold"]


def test_growth_chart_draws_the_ttm_apart_and_switches_to_an_index(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "ad_growth_measure")
    text = svg_text(v, index)
    assert "TTM" in text and "to Q2 2026" in text and "USD billions" in text
    v.page.evaluate(SET_SIGNALS, [index, {"ad_growth_measure": "index"}])
    assert "Index, FY2019 = 100" in svg_text(v, index)
    rows = v.page.evaluate(ALL_ROWS, [index, ["period", "line", "growth_shown"]])
    ttm = {r["line"]: r["growth_shown"] for r in rows if r["period"] == "TTM to Q2 2026"}
    # Q3 2025 to Q2 2026 releases: 76,072 against FY2019's 12,625 (FY2021 10-K).
    assert ttm["Advertising services"] == pytest.approx(100 * 76_072 / 12_625)


def test_stores_chart_readouts_follow_the_margin_and_the_segment(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "stores_ad_margin")
    text = svg_text(v, index)
    # FY2025: 29,619 + 4,750 - 0.5 x 68,635 = 51.5 million; break-even 34,369 / 68,635 = 50.1%.
    assert "FY2025 at a 50% ad margin: the store segments would earn USD 0.1 bn without advertising" in text
    assert "Without it, the store segments would lose money at any ad margin above 50.1%" in text
    assert "share of advertising, by our split: 72.5%" in text  # 426,305 / 588,199 (the apostrophe may be escaped)
    v.page.evaluate(SET_SIGNALS, [index, {"stores_ad_margin": 30}])
    # 34.369 - 0.3 x 68.635 = 13.78.
    assert "FY2025 at a 30% ad margin: the store segments would earn USD 13.8 bn without advertising" in svg_text(v, index)
    v.page.evaluate(SET_SIGNALS, [index, {"stores_ad_margin": 50, "stores_segments": "intl"}])
    # International: 4.750 - 0.5 x 68.635 x 161,894 / 588,199 = -4.70; break-even 4.750 / 18.891 = 25.1%.
    text = svg_text(v, index)
    assert "FY2025 at a 50% ad margin: International would lose USD 4.7 bn without advertising" in text
    assert "Without it, International would lose money at any ad margin above 25.1%" in text
    rows = v.page.evaluate(ALL_ROWS, [index, ["label", "income_without_ads"]])
    fy2022 = [r["income_without_ads"] for r in rows if r["label"] == "FY2022"]
    # FY2022 International: -7.746 - 0.5 x 37.739 x 118,007 / 433,887.
    assert fy2022 and fy2022[0] == pytest.approx(-7.746 - 0.5 * 37.739 * 118.007 / 433.887)


def test_take_chart_adds_the_sellers_advertising(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "ad_take_seller_ad_share")
    # FY2025: GMV 269,287 x 0.615 / 0.385 = 430,160; fees 172,162 = 40.0%; half of 68,635 = 8.0%.
    assert "FY2025 (4 quarters): fees 40.0% + sellers' ads 8.0% = 48.0% of third-party sales" in svg_text(v, index)
    v.page.evaluate(SET_SIGNALS, [index, {"ad_take_seller_ad_share": 100}])
    assert "= 56.0% of third-party sales" in svg_text(v, index)
    rows = v.page.evaluate(ALL_ROWS, [index, ["period", "take_rate_with_ads"]])
    ttm = [r["take_rate_with_ads"] for r in rows if r["period"] == "TTM to Q2 2026"]
    # TTM: (183,660 + 76,072) / (285,081 x s / (1 - s)), s the average of Q3 2025, Q4 2025 and Q2 2026 (62, 61, 61).
    s = (0.62 + 0.61 + 0.61) / 3
    assert ttm and ttm[0] == pytest.approx((183_660 + 76_072) / (285_081 * s / (1 - s)))


def test_ad_tax_chart_readouts(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "ad_seller_ad_share")
    text = svg_text(v, index)
    assert "With 8.0% of sales on ads, Amazon keeps 23% of the price (FBM), 38% (FBA)" in text
    # FBM (8.25 - 2.00) x 300 = 1,875; FBA (9.414 - 2.00) x 330 = 2,446.62.
    assert "FBM $1,875 a month, FBA $2,447" in text
    assert "Amazon 38%, seller keeps 62%" in text
    v.page.evaluate(SET_SIGNALS, [index, {"ad_seller_ad_share": 0}])
    text = svg_text(v, index)
    assert "Amazon keeps 15% of the price (FBM), 30% (FBA)" in text  # the marketplace chapter's seller
    assert "FBM $2,475 a month, FBA $3,107" in text
    v.page.evaluate(SET_SIGNALS, [index, {"ad_seller_ad_share": 8, "ad_seller_ad_lift": 100}])
    # Twice the units: 6.25 x 600 = 3,750; 7.414 x 660 = 4,893.24.
    assert "FBM $3,750 a month, FBA $4,893" in svg_text(v, index)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_claim_boxes_keep_their_contrast(visit, scheme):
    """The appendix's boxes are Markdown output: they sit on the page, in its colours, light or dark."""
    v = visit(PAGE, color_scheme=scheme)
    v.page.evaluate(f"() => document.documentElement.setAttribute('data-theme', '{scheme}')")
    colours = v.page.evaluate("""() => {
        const behind = (el) => {  // the first opaque background behind an element
            for (; el; el = el.parentElement) {
                const c = getComputedStyle(el).backgroundColor;
                if (c && c !== 'transparent' && !/rgba\\(.*, 0\\)$/.test(c)) return c;
            }
            return 'rgb(255, 255, 255)';
        };
        return [...document.querySelectorAll('.claim-check p')].map(p => [getComputedStyle(p).color, behind(p)]);
    }""")
    assert colours
    lum = lambda rgb: sum(int(c) for c in rgb[rgb.index("(") + 1:rgb.index(")")].split(",")[:3]) / 3
    for text, page in colours:
        assert abs(lum(text) - lum(page)) > 100, (scheme, text, page)
