"""The AWS chapter's charts in the built site: the readouts the browser draws state the reader's setting.

The numbers the charts compute are the models' formulas, checked against Python in Vega's own
engine by ``test_formula_parity.py``; the generic site tests check that every chart draws and
every control changes it. What only a browser shows is the readout's text in the drawn SVG,
after a control moves: one test per chart whose readout depends on a control.
"""

from __future__ import annotations

from amazon_case import aws, filings
from site_pages import SET_SIGNALS, SVG, chart_index

PAGE = "chapters/aws.html"


def test_weight_chart_states_the_marked_years_figures(visit):
    wide = filings.annual_wide()
    v = visit(PAGE)
    index = chart_index(v.page, "weight_year")
    v.page.evaluate(SET_SIGNALS, [index, {"weight_year": 2022}])
    sales_share = wide.at[2022, "segment_aws_net_sales"] / wide.at[2022, "net_sales_total"]
    income_share = wide.at[2022, "segment_aws_operating_income"] / wide.at[2022, "operating_income_total"]
    margin = wide.at[2022, "segment_aws_operating_income"] / wide.at[2022, "segment_aws_net_sales"]
    expected = (f"FY2022: AWS made {sales_share:.0%} of net sales and {income_share:.0%} of operating income, "
                f"at a {margin:.1%} margin")
    assert expected in v.page.evaluate(SVG, index)


def test_gtm_chart_states_the_marked_split(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "gtm_sales_led_share")
    v.page.evaluate(SET_SIGNALS, [index, {"gtm_sales_led_share": 37, "gtm_sales_led_retention": 70}])
    defaults = aws.GTM_DEFAULTS
    split = aws.budget_allocation(0.37, defaults["self_serve"], defaults["sales_led"] | {"retention": 0.7})
    svg = v.page.evaluate(SVG, index)
    assert f"At 37% to the sales force: {split.sales_led_revenue_share:.0%} of revenue from enterprises" in svg
    assert f"{split.economics['sales_led'].ltv_to_cac:.1f}× · payback" in svg


def test_whatif_chart_says_when_total_income_is_not_positive(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "aws_growth")
    v.page.evaluate(SET_SIGNALS, [index, {"aws_growth": 40, "aws_margin": -20}])
    assert "not positive, so AWS has no share of it" in v.page.evaluate(SVG, index)
