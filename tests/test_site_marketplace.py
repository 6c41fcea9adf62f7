"""Browser tests of the marketplace chapter: the seller chart's readouts as the reader sees them drawn, and what
the growth, claim and take-rate charts hold and draw (the TTM apart, each price band's fee, each period's dot).

That the chart's formulas compute what Python computes is checked without a browser, for every
model of the book, by tests/test_formula_parity.py. What only a browser shows is the text Vega
draws: the readouts are formulas returning strings, and the SVG must carry them, rounded the way
the Python model rounds them (a tie, USD 82.50 a month, must read "$83" in both).
"""

from __future__ import annotations

import pytest

from site_pages import ALL_ROWS, SET_SIGNALS, SVG, chart_index

PAGE = "chapters/marketplace.html"

# Worked by hand from the defaults (price 25, cost 8, referral 15%, FBA fee 3.68, storage 0.78 x 0.1 x 2,
# own fulfilment 5, Prime uplift 10%): FBM 8.25 a unit, FBA 9.414; k* = 3.836 x 1.1 - 13.25 x 0.1 = 2.89.
SETTINGS = {
    "defaults": ({}, ["FBM $2,475 a month, FBA $3,107", "FBA pays once your own fulfilment costs over $2.89 a unit",
                      "Amazon 15%, seller keeps 65%", "Amazon 30%, seller keeps 70%"]),
    # 10 units: FBM 82.50 a month (a tie), FBA 9.414 x 11 = 103.55.
    "a tie": ({"seller_units_per_month": 10}, ["FBM $83 a month, FBA $104"]),
    # USD 5 with twice the sales through FBA: referral 0.75; FBM (5 - 8 - 0.75 - 5) x 300 = -2,625, FBA
    # (5 - 8 - 4.586) x 600 = -4,551.60; k* = -3.75 + 7.586 x 2 = 11.42.
    "a loss": ({"seller_price": 5, "seller_prime_uplift": 100},
               ["FBM −$2,625 a month, FBA −$4,552", "FBA pays once your own fulfilment costs over $11.42 a unit"]),
    # Twice the sales at USD 25: k* = 3.836 x 2 - 13.25 = -5.58, FBA pays even if shipping costs nothing.
    "FBA always pays": ({"seller_prime_uplift": 100}, ["FBA pays at any own fulfilment cost"]),
}


@pytest.mark.parametrize("name", SETTINGS)
def test_seller_chart_draws_its_readouts(visit, name):
    settings, texts = SETTINGS[name]
    v = visit(PAGE)
    index = chart_index(v.page, "seller_price")
    if settings:
        v.page.evaluate(SET_SIGNALS, [index, settings])
    svg = v.page.evaluate(SVG, index)
    for text in texts:
        assert f">{text}</text>" in svg, f"{name}: the chart does not draw {text!r}"


def test_growth_chart_draws_the_ttm_apart_and_every_stated_quarter(visit):
    """The TTM to Q2 2026 is a point of its own on the axis; the unit-share panel names the quarter not read."""
    v = visit(PAGE)
    index = chart_index(v.page, "growth_measure")
    svg = v.page.evaluate(SVG, index)
    for text in ("TTM to Q2 2026", "not read", "Q4 2020", "Q2 2026", "55%"):
        assert f">{text}</text>" in svg, f"the growth chart does not draw {text!r}"
    v.page.evaluate(SET_SIGNALS, [index, {"growth_measure": "index"}])
    rows = v.page.evaluate(ALL_ROWS, [index, ["period", "category", "growth_shown"]])
    ttm = {r["category"]: r["growth_shown"] for r in rows if r["period"] == "TTM to Q2 2026"}
    # Q3 2025 to Q2 2026 releases: seller services 183,660 against FY2014's 11,747 (10-K): index 1,563.5.
    assert ttm["Third-party seller services"] == pytest.approx(100 * 183_660 / 11_747)


def test_claim_chart_pays_the_fee_of_the_price_band(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "claim_referral_rate")
    assert "USD 10.96" in v.page.evaluate(SVG, index)  # the takeaway quotes the threshold to the cent
    rows = v.page.evaluate(ALL_ROWS, [index, ["series", "price", "amazon_share_of_price"]])
    light = {r["price"]: r["amazon_share_of_price"] for r in rows if r["series"] == "FBA, large standard 4 oz"}
    # USD 9.50: referral 1.425 + Low-Price FBA 2.91 + storage 0.156; USD 10: 1.50 + 3.68 + 0.156.
    assert light[9.5] == pytest.approx((1.425 + 2.91 + 0.156) / 9.5)
    assert light[10] == pytest.approx((1.5 + 3.68 + 0.156) / 10)
    assert not [r for r in rows if r["series"] == "FBA, large standard 3 lb" and r["price"] < 10]  # not read


def test_take_rate_chart_marks_each_periods_share(visit):
    v = visit(PAGE)
    svg = v.page.evaluate(SVG, chart_index(v.page, "take_rate_price_ratio"))
    # FY2024: 156,146 / (247,029 x 0.61 / 0.39) = 40.4%; FY2025: 172,162 / (269,287 x 0.615 / 0.385) = 40.0%.
    for text in ("40.4%", "40.0%", "33.4%"):
        assert f">{text}</text>" in svg, f"the take-rate chart does not label {text!r}"
