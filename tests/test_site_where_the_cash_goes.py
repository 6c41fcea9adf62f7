"""Built-site tests of the chapter "Where the cash goes": what its charts draw, as the reader sees it.

That the charts' formulas give Python's numbers is the formula parity test's job (in Vega's own engine,
tests/test_formula_parity.py), and that every control changes its chart and no slider end yields NaN is
tests/test_site.py's. These check the words and marks drawn after a control moves, against values worked
out by hand from the filings.
"""

from __future__ import annotations

from site_pages import SET_SIGNALS, SVG, chart_index

PAGE = "chapters/where-the-cash-goes.html"


def svg_text(v, index: int) -> str:
    return v.page.locator(".vega-chart").nth(index).locator("svg.marks").text_content()


def test_the_claim_box_shows_the_appendix_verdict(visit):
    v = visit(PAGE)
    box = v.page.locator(".claim-check").first
    assert "re-uses to quickly scale up its operations" in box.inner_text()
    assert box.locator(".verdict-holds").count() == 1
    assert box.locator("a").get_attribute("href").endswith("checking-the-source.html")


def test_the_cash_picture_names_its_measure_and_drops_unprinted_years(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "cashflow_measure")
    diamonds = "(i) => document.querySelectorAll('.vega-chart')[i].querySelectorAll('.mark-symbol.role-mark path').length"
    assert "Free cash flow" in svg_text(v, index)
    # Free cash flow: twelve fiscal-year points (FY2014-FY2025) and the twelve months' diamond.
    assert v.page.evaluate(diamonds, index) == 13
    v.page.evaluate(SET_SIGNALS, [index, {"cashflow_measure": "repayments"}])
    assert "FCF less lease and financing repayments" in svg_text(v, index)
    assert v.page.evaluate(diamonds, index) == 11  # printed FY2014-FY2024 only
    v.page.evaluate(SET_SIGNALS, [index, {"cashflow_measure": "fcf", "cashflow_deduct_sbc": True}])
    assert "Free cash flow less stock-based compensation" in svg_text(v, index)
    assert v.page.evaluate(diamonds, index) == 12  # no stock-based compensation held for the twelve months


def test_the_backlog_readout_scales_by_the_aws_share(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "backlog_aws_share")
    v.page.evaluate(SET_SIGNALS, [index, {"backlog_aws_share": 50}])
    # 496 × 50% = 248; 248 / 148.404 = 1.7 years; 248 / 6.4 = 38.75 a year, 26% of 148.404.
    assert "30 Jun 2026: USD 248 bn = 1.7 years of AWS sales; over 6.4 years, 26% of a year's" in svg_text(v, index)
    # 155.7 × 50% = 77.85 → 78; / 90.757 = 0.86 years; / 4.0 = 19.5 a year, 21% of 90.757.
    assert "31 Dec 2023: USD 78 bn = 0.9 years of AWS sales; over 4.0 years, 21% of a year's" in svg_text(v, index)


def test_the_segment_readout_states_the_chosen_year(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "capital_measure")
    v.page.evaluate(SET_SIGNALS, [index, {"capital_year": 2020, "capital_measure": "depreciation"}])
    # FY2020 segment note: AWS additions 16,530 of 57,976 (29%); depreciation 7,603 of 16,239 (47%).
    text = svg_text(v, index)
    assert "FY2020: AWS made 29% of the additions (USD 16.5 bn of 58.0 bn) and 47% of the depreciation" in text
    assert "Depreciation and amortization, USD bn" in text


def test_the_two_souls_readout_with_and_without_the_suppliers(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "souls_with_suppliers")
    # FY2021: consumer 6.35 + 12.26 - 47.66 = -29.1 before its suppliers' credit, -31.8 with it (-2.7); AWS +7.1.
    v.page.evaluate(SET_SIGNALS, [index, {"souls_year": 2021}])
    assert "FY2021: the consumer business needed USD 31.8 bn more than it earned" in svg_text(v, index)
    v.page.evaluate(SET_SIGNALS, [index, {"souls_with_suppliers": False}])
    text = svg_text(v, index)
    assert "FY2021: the consumer business needed USD 29.1 bn more than it earned" in text
    assert "AWS left USD 7.1 bn" in text


def test_the_model_readout_at_flat_sales_and_half_intensity(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "capex_capex_intensity")
    v.page.evaluate(SET_SIGNALS, [index, {"capex_aws_growth": 0, "capex_capex_intensity": 50}])
    # Flat sales of 128.725: capex 0.5 × 128.725 = 64.4; FCF 41.0 + (0.52 - 0.50) × 128.725 = 43.6.
    assert "FY2030: Amazon's free cash flow USD 44 bn; AWS capital spending USD 64 bn" in svg_text(v, index)
