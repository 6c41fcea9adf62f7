"""Browser test of the marketplace chapter: the seller chart's readouts as the reader sees them drawn.

That the chart's formulas compute what Python computes is checked without a browser, for every
model of the book, by tests/test_formula_parity.py. What only a browser shows is the text Vega
draws: the readouts are formulas returning strings, and the SVG must carry them, rounded the way
the Python model rounds them (a tie, USD 82.50 a month, must read "$83" in both).
"""

from __future__ import annotations

import pytest

from site_pages import SET_SIGNALS, SVG, chart_index

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
