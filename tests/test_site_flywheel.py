"""Built-site tests of the "Two souls" chapter: the flywheel chart recomputes the Python model in the browser."""

from __future__ import annotations

import pytest

from amazon_case import flywheel
from site_pages import ALL_ROWS, SET_SIGNALS, chart_index

PAGE = "chapters/two-souls.html"
SERIES = ["price", "customers", "selection", "scale", "unit_cost"]

# Slider values as the reader sets them: the cut and the pass-through in percent, the elasticities as they are.
SETTINGS = [
    None,  # the chart's defaults
    {"fw_price_cut": 0, "fw_customer_elasticity": -1, "fw_selection_elasticity": -1, "fw_scale_economies": -0.5,
     "fw_pass_through": 0},
    {"fw_price_cut": 20, "fw_customer_elasticity": 3, "fw_selection_elasticity": 2, "fw_scale_economies": 0.5,
     "fw_pass_through": 100},
    {"fw_price_cut": 7, "fw_customer_elasticity": 2.3, "fw_selection_elasticity": -0.4, "fw_scale_economies": -0.25,
     "fw_pass_through": 65},
    {"fw_price_cut": 5, "fw_customer_elasticity": 2, "fw_selection_elasticity": 1, "fw_scale_economies": 0.4,
     "fw_pass_through": 100},  # a compounding loop that reaches the market ceiling
]


def _model_args(settings):
    return {
        "price_cut": settings["fw_price_cut"] / 100,
        "customer_elasticity": settings["fw_customer_elasticity"],
        "selection_elasticity": settings["fw_selection_elasticity"],
        "scale_economies": settings["fw_scale_economies"],
        "pass_through": settings["fw_pass_through"] / 100,
    }


@pytest.mark.parametrize("settings", SETTINGS, ids=lambda s: "defaults" if s is None else "-".join(map(str, s.values())))
def test_flywheel_chart_equals_the_python_model(visit, settings):
    v = visit(PAGE)
    index = chart_index(v.page, "fw_price_cut")
    if settings is None:
        d = flywheel.FLYWHEEL_DEFAULTS
        settings = {"fw_price_cut": d["price_cut"] * 100, "fw_customer_elasticity": d["customer_elasticity"],
                    "fw_selection_elasticity": d["selection_elasticity"], "fw_scale_economies": d["scale_economies"],
                    "fw_pass_through": d["pass_through"] * 100}
        # The chart opens at these values.
        opened = v.page.evaluate(
            "([i, names]) => names.map(n => document.querySelectorAll('.vega-chart')[i].vegaEmbedResult.view.signal(n))",
            [index, list(settings)])
        assert opened == pytest.approx(list(settings.values()))
    else:
        v.page.evaluate(SET_SIGNALS, [index, settings])
    rows = v.page.evaluate(ALL_ROWS, [index, ["year", *SERIES]])
    by_year = {r["year"]: r for r in rows}
    expected = flywheel.flywheel(**_model_args(settings), years=10)
    assert sorted(by_year) == list(range(11))
    for _, row in expected.iterrows():
        got = by_year[int(row["year"])]
        for series in SERIES:
            assert got[series] == pytest.approx(row[series], rel=1e-9), (int(row["year"]), series)


def test_flywheel_readout_states_the_loop_gain(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "fw_price_cut")
    settings = SETTINGS[3]
    v.page.evaluate(SET_SIGNALS, [index, settings])
    args = _model_args(settings)
    gain = flywheel.loop_gain(args["customer_elasticity"], args["selection_elasticity"], args["scale_economies"],
                              args["pass_through"])
    text = v.page.locator(".vega-chart").nth(index).locator("svg.marks").text_content()
    # d3-format writes a negative number with the minus sign U+2212.
    assert gain < 0 and f"= {gain:.2f}".replace("-", "\u2212") in text and "reverses" in text


def test_profit_pools_toggle_switches_to_shares(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "pools_unit")
    v.page.evaluate(SET_SIGNALS, [index, {"pools_unit": "Share of total (%)"}])
    rows = v.page.evaluate(ALL_ROWS, [index, ["fiscal_year", "segment", "measure", "shown", "share_pct"]])
    assert rows and all(r["shown"] == pytest.approx(r["share_pct"]) for r in rows)
    aws_2024 = next(r for r in rows if (r["fiscal_year"], r["segment"], r["measure"]) == (2024, "AWS", "Operating income"))
    assert aws_2024["shown"] == pytest.approx(100 * 39834 / 68593)
