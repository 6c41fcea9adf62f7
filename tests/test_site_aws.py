"""The AWS chapter's charts in the built site: the numbers the browser computes equal the Python models'.

The go-to-market chart and the what-if chart recompute models in Vega expressions;
each is set to several settings (defaults, both extremes, a mixed one) through its
parameters and compared with :mod:`amazon_case.aws` and :mod:`amazon_case.models`.
"""

from __future__ import annotations

import pytest

from amazon_case import aws, data, models
from site_pages import ALL_ROWS, SET_SIGNALS, SVG, chart_index

PAGE = "chapters/aws.html"

def _gtm_signals(self_serve: dict, sales_led: dict, share: float) -> dict:
    """Model inputs (fractions, USD thousands) as the chart's parameters (percent for margins, retention, share)."""
    signals = {"sales_led_share": share * 100}
    for key, motion in (("self_serve", self_serve), ("sales_led", sales_led)):
        for name, value in motion.items():
            signals[f"{key}_{name}"] = value * 100 if name in ("gross_margin", "retention") else value
    return signals


_LOW = {key: {name: bounds[0] for name, bounds in ranges.items()} for key, ranges in aws.GTM_RANGES.items()}
_HIGH = {key: {name: bounds[1] for name, bounds in ranges.items()} for key, ranges in aws.GTM_RANGES.items()}
GTM_SETTINGS = {
    "defaults": (aws.GTM_DEFAULTS["self_serve"], aws.GTM_DEFAULTS["sales_led"], 0.5),
    "all-low": (_LOW["self_serve"], _LOW["sales_led"], 0.0),
    "all-high": (_HIGH["self_serve"], _HIGH["sales_led"], 1.0),
    "mixed": ({"cac": 1.25, "acv": 7.3, "gross_margin": 0.72, "retention": 1.0},
              {"cac": 60.0, "acv": 2350.0, "gross_margin": 0.08, "retention": 0.33}, 0.37),
}


@pytest.mark.parametrize("setting", list(GTM_SETTINGS))
def test_gtm_chart_equals_the_python_model(visit, setting):
    self_serve, sales_led, share = GTM_SETTINGS[setting]
    v = visit(PAGE)
    index = chart_index(v.page, "sales_led_share")
    v.page.evaluate(SET_SIGNALS, [index, _gtm_signals(self_serve, sales_led, share)])
    # Per customer, each motion.
    rows = v.page.evaluate(ALL_ROWS, [index, ["motion", "ltv", "ltv_to_cac", "payback_months", "lifetime_years"]])
    by_motion = {r["motion"]: r for r in rows}
    assert set(by_motion) == set(aws.MOTIONS)
    for key, inputs in (("self_serve", self_serve), ("sales_led", sales_led)):
        expected = aws.motion_economics(**inputs)
        got = by_motion[key]
        assert got["lifetime_years"] == pytest.approx(expected.lifetime_years, rel=1e-12)
        assert got["ltv"] == pytest.approx(expected.ltv, rel=1e-12)
        assert got["ltv_to_cac"] == pytest.approx(expected.ltv_to_cac, rel=1e-12)
        assert got["payback_months"] == pytest.approx(expected.payback_months, rel=1e-12)
    # The budget split, at every sales-force share on the grid.
    rows = v.page.evaluate(ALL_ROWS, [index, ["sales_led_pct", "self_serve_lifetime_revenue_musd",
                                          "sales_led_lifetime_revenue_musd", "sales_led_revenue_share",
                                          "gross_profit_per_dollar"]])
    grid_rows = [r for r in rows if "series" not in r]  # the folded copies (one per motion) are checked below
    by_pct = {r["sales_led_pct"]: r for r in grid_rows}
    assert set(by_pct) == set(range(101))
    for r in rows:  # every copy of a grid row, folded or not, agrees with the one compared below
        assert r["self_serve_lifetime_revenue_musd"] == by_pct[r["sales_led_pct"]]["self_serve_lifetime_revenue_musd"]
        assert r["sales_led_revenue_share"] == by_pct[r["sales_led_pct"]]["sales_led_revenue_share"]
    for pct in (0, 1, 37, 50, 99, 100):
        expected = aws.budget_allocation(pct / 100, self_serve, sales_led)
        got = by_pct[pct]
        for key in aws.MOTIONS:
            assert got[f"{key}_lifetime_revenue_musd"] == pytest.approx(expected.lifetime_revenue_musd[key], rel=1e-12, abs=1e-9)
        assert got["sales_led_revenue_share"] == pytest.approx(expected.sales_led_revenue_share, rel=1e-12, abs=1e-15)
        assert got["gross_profit_per_dollar"] == pytest.approx(expected.gross_profit_per_dollar, rel=1e-12)
    # The readout states the chosen split's mix, as the Python model gives it.
    at_share = aws.budget_allocation(share, self_serve, sales_led)
    assert f"{at_share.sales_led_revenue_share:.0%} of revenue from enterprises" in v.page.evaluate(SVG, index)


WHATIF_SETTINGS = [
    None,  # the defaults read off the filings
    {"aws_growth": -20, "aws_margin": -20},
    {"aws_growth": 40, "aws_margin": 50},
    {"aws_growth": 40, "aws_margin": -20},  # total operating income turns negative: no share is drawn
    {"aws_growth": 12.5, "aws_margin": 22},
]


@pytest.mark.parametrize("settings", WHATIF_SETTINGS, ids=lambda s: "defaults" if s is None else "-".join(map(str, s.values())))
def test_whatif_chart_equals_the_python_projection(visit, settings):
    history = models.segment_history(data.annual_wide(data.load_annual()))
    base = history[history["fiscal_year"] == 2024].set_index("segment")
    assumptions = models.default_projection_assumptions(history, base_year=2024)
    if settings is None:
        settings = {"aws_growth": assumptions.at["AWS", "growth"] * 100, "aws_margin": assumptions.at["AWS", "margin"] * 100}
    v = visit(PAGE)
    index = chart_index(v.page, "aws_growth")
    v.page.evaluate(SET_SIGNALS, [index, settings])
    expected = models.project_segments(
        base,
        growth=assumptions["growth"].to_dict() | {"AWS": settings["aws_growth"] / 100},
        margin=assumptions["margin"].to_dict() | {"AWS": settings["aws_margin"] / 100},
        base_year=2024,
    )
    rows = v.page.evaluate(ALL_ROWS, [index, ["segment", "k", "fiscal_year", "net_sales_musd", "operating_income_musd"]])
    projected = {(r["fiscal_year"], r["segment"]): r for r in rows if r["k"] > 0}
    future = expected[expected["kind"] == "projected"]
    assert len(projected) == len(future) == 15
    for _, row in future.iterrows():
        got = projected[(row["fiscal_year"], row["segment"])]
        assert got["net_sales_musd"] == pytest.approx(row["net_sales_musd"], rel=1e-12)
        assert got["operating_income_musd"] == pytest.approx(row["operating_income_musd"], rel=1e-12, abs=1e-9)
    # AWS's share of operating income: drawn exactly where the model defines it, with the model's value.
    shares = v.page.evaluate(ALL_ROWS, [index, ["fiscal_year", "aws_share_pct"]])
    drawn = {r["fiscal_year"]: r["aws_share_pct"] for r in shares}
    wide = data.annual_wide(data.load_annual())
    reported = {y: wide.at[y, "segment_aws_operating_income"] / wide.at[y, "operating_income_total"] for y in range(2019, 2024)}
    modelled = expected[expected["segment"] == "AWS"].set_index("fiscal_year")["share_of_operating_income"]
    modelled = {int(y): s for y, s in modelled.items() if s == s}  # NaN where the total is not positive
    assert set(drawn) == set(reported) | set(modelled)
    for year, share in drawn.items():
        assert share == pytest.approx(100 * modelled.get(year, reported.get(year)), rel=1e-9)
    if settings == {"aws_growth": 40, "aws_margin": -20}:
        assert 2029 not in drawn and "not positive" in v.page.evaluate(SVG, index)


def test_weight_chart_year_slider_states_that_years_figures(visit):
    wide = data.annual_wide(data.load_annual())
    v = visit(PAGE)
    index = chart_index(v.page, "weight_year")
    v.page.evaluate(SET_SIGNALS, [index, {"weight_year": 2022}])
    sales_share = wide.at[2022, "segment_aws_net_sales"] / wide.at[2022, "net_sales_total"]
    income_share = wide.at[2022, "segment_aws_operating_income"] / wide.at[2022, "operating_income_total"]
    margin = wide.at[2022, "segment_aws_operating_income"] / wide.at[2022, "segment_aws_net_sales"]
    expected = (f"FY2022: AWS made {sales_share:.0%} of net sales and {income_share:.0%} of operating income, "
                f"at a {margin:.1%} margin")
    assert expected in v.page.evaluate(SVG, index)
