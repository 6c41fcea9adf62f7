"""Built-site tests of the "Two souls" chapter: the readouts the charts draw as text.

That the charts compute what Python computes is the formula parity test's job
(``test_formula_parity.py``, in Vega's own engine); that every control changes its chart and
no setting yields NaN is the generic site tests'. These check the words drawn in the SVG.
"""

from __future__ import annotations

from site_pages import SET_SIGNALS, chart_index

PAGE = "chapters/two-souls.html"


def svg_text(v, index: int) -> str:
    return v.page.locator(".vega-chart").nth(index).locator("svg.marks").text_content()


def test_flywheel_readout_writes_out_the_loop_gain(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "fw_price_cut")
    v.page.evaluate(SET_SIGNALS, [index, {"fw_price_cut": 7, "fw_customer_elasticity": 2.3,
                                          "fw_selection_elasticity": -0.4, "fw_scale_economies": -0.25,
                                          "fw_pass_through": 65}])
    text = svg_text(v, index)
    # G = 0.65 x -0.25 x 2.3 x (1 - 0.4) = -0.22425; d3-format writes the minus sign as U+2212.
    assert "Loop gain G = φ × κ × ε × (1 + σ) = 0.65 × −0.25 × 2.3 × (1 + −0.4) = −0.22" in text
    assert "Each turn reverses the last. Year 10: price" in text


def test_profit_pools_panels_name_the_unit_shown(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "pools_unit")
    assert "Operating income, USD billions" in svg_text(v, index)
    v.page.evaluate(SET_SIGNALS, [index, {"pools_unit": "share"}])
    text = svg_text(v, index)
    assert "Net sales, % of the year's total" in text and "Operating income, % of the year's total" in text
