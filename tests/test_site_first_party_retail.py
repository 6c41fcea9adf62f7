"""Built-site tests of the first-party retail chapter: the numbers its charts compute in the browser
equal the Python models' (amazon_case.retail) at the defaults, both extremes and a mixed setting."""

from __future__ import annotations

import re

import pytest

from amazon_case import data, retail
from site_pages import ALL_ROWS, SET_SIGNALS, SVG, chart_index

PAGE = "chapters/first-party-retail.html"


@pytest.fixture(scope="module")
def ccc():
    return retail.cash_conversion_cycle(data.annual_wide(data.load_annual()))


CCC_SETTINGS = [
    {"ccc_year": 2024, "dio_change": 0, "dso_change": 0, "dpo_change": -10},  # the chart's defaults
    {"ccc_year": 2014, "dio_change": -30, "dso_change": -30, "dpo_change": -30},
    {"ccc_year": 2025, "dio_change": 30, "dso_change": 30, "dpo_change": 30},
    {"ccc_year": 2020, "dio_change": 7, "dso_change": -12, "dpo_change": 15},
]


@pytest.mark.parametrize("settings", CCC_SETTINGS, ids=lambda s: "-".join(map(str, s.values())))
def test_cash_conversion_chart_equals_the_python_model(visit, ccc, settings):
    v = visit(PAGE)
    index = chart_index(v.page, "dpo_change")
    v.page.evaluate(SET_SIGNALS, [index, settings])
    keys = ["fiscal_year", "inventory_cash_bn", "receivables_cash_bn", "payables_cash_bn", "total_cash_bn", "new_ccc"]
    # The panel's own rows: the readout's rows (with a "readout" text) are checked as drawn, in the SVG, below.
    rows = [r for r in v.page.evaluate(ALL_ROWS, [index, keys]) if "readout" not in r]
    year = settings["ccc_year"]
    current = [r for r in rows if r["fiscal_year"] == year]
    assert current, f"no row for FY{year}"
    expected = retail.working_capital_cash(
        ccc.at[year, "cost_of_sales"], ccc.at[year, "net_sales"],
        settings["dio_change"], settings["dso_change"], settings["dpo_change"],
    )
    for got in current:
        assert got["inventory_cash_bn"] == pytest.approx(expected.inventory / 1000, rel=1e-12, abs=1e-12)
        assert got["receivables_cash_bn"] == pytest.approx(expected.receivables / 1000, rel=1e-12, abs=1e-12)
        assert got["payables_cash_bn"] == pytest.approx(expected.payables / 1000, rel=1e-12, abs=1e-12)
        assert got["total_cash_bn"] == pytest.approx(expected.total / 1000, rel=1e-12, abs=1e-12)
        assert got["new_ccc"] == pytest.approx(ccc.at[year, "ccc"] + expected.ccc_change_days, rel=1e-12)
    # The readout the reader sees states the chosen year's total, and only that year's.
    verb = "released" if expected.total >= 0 else "absorbed"
    svg = v.page.evaluate(SVG, index)
    assert f"FY{year}: cash {verb} ${abs(expected.total) / 1000:,.1f} bn" in svg
    assert set(re.findall(r"FY\d{4}: cash", svg)) == {f"FY{year}: cash"}
    day = f"One day of cost of sales: ${ccc.at[year, 'cost_of_sales'] / 365 / 1000:,.2f} bn"
    assert day in svg
    assert (f"{day} (unaudited)" in svg) == (year in data.UNAUDITED_YEARS)


PRIME_SETTINGS = [
    {"prime_fee": 139, "prime_orders": 50, "prime_delivery_cost": 5, "prime_extra_spend": 1000, "prime_margin": 10},
    {"prime_fee": 0, "prime_orders": 0, "prime_delivery_cost": 0, "prime_extra_spend": 0, "prime_margin": 1},
    {"prime_fee": 300, "prime_orders": 200, "prime_delivery_cost": 20, "prime_extra_spend": 5000, "prime_margin": 50},
    {"prime_fee": 99, "prime_orders": 120, "prime_delivery_cost": 3.5, "prime_extra_spend": 2400, "prime_margin": 7},
]


@pytest.mark.parametrize("settings", PRIME_SETTINGS, ids=lambda s: "-".join(map(str, s.values())))
def test_prime_member_chart_equals_the_python_model(visit, settings):
    v = visit(PAGE)
    index = chart_index(v.page, "prime_fee")
    v.page.evaluate(SET_SIGNALS, [index, settings])
    rows = [r for r in v.page.evaluate(ALL_ROWS, [index, ["extra_spend", "contribution", "break_even"]]) if "readout" not in r]
    by_spend = {r["extra_spend"]: r for r in rows}
    assert set(by_spend) == set(range(0, 5001, 50))
    args = {"fee": settings["prime_fee"], "orders_per_year": settings["prime_orders"],
            "delivery_cost_per_order": settings["prime_delivery_cost"], "extra_spend_margin": settings["prime_margin"] / 100}
    for spend in (0, 50, 1000, 1150, 2400, 5000):
        expected = retail.prime_member_economics(extra_spend=spend, **args)
        assert by_spend[spend]["contribution"] == pytest.approx(expected.contribution, rel=1e-12, abs=1e-9)
        assert by_spend[spend]["break_even"] == pytest.approx(expected.break_even_extra_spend, rel=1e-12, abs=1e-9)
    at = retail.prime_member_economics(extra_spend=settings["prime_extra_spend"], **args)
    verb = "gains" if at.contribution >= 0 else "loses"
    assert f"{verb} ${abs(at.contribution):,.0f} a year" in v.page.evaluate(SVG, index)


@pytest.mark.parametrize("measure", ["USD billions", "% of net sales"])
def test_cash_flow_chart_shows_the_filed_figures(visit, measure):
    flows = retail.cash_flow_history(data.annual_wide(data.load_annual()))
    v = visit(PAGE)
    index = chart_index(v.page, "cash_measure")
    v.page.evaluate(SET_SIGNALS, [index, {"cash_measure": measure}])
    rows = v.page.evaluate(ALL_ROWS, [index, ["fiscal_year", "flow", "shown"]])
    shown = {(r["fiscal_year"], r["flow"]): r["shown"] for r in rows}
    columns = {"Operating cash flow": 1, "Purchases of property and equipment": -1, "Free cash flow": 1}
    column_of = {"Operating cash flow": "operating_cash_flow", "Purchases of property and equipment": "capex",
                 "Free cash flow": "free_cash_flow"}
    for year in flows.index:
        for flow, sign in columns.items():
            value = sign * flows.at[year, column_of[flow]]
            expected = value / 1000 if measure == "USD billions" else value / flows.at[year, "net_sales"] * 100
            assert shown[(year, flow)] == pytest.approx(expected, rel=1e-12)


def test_hiding_aws_leaves_only_the_store_segments(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "margins_show_aws")
    count_aws = "(i) => document.querySelectorAll('.vega-chart')[i].querySelectorAll('.mark-symbol path').length"
    with_aws = v.page.evaluate(count_aws, index)
    v.page.evaluate(SET_SIGNALS, [index, {"margins_show_aws": False}])
    without = v.page.evaluate(count_aws, index)
    years = len(data.annual_wide(data.load_annual()))
    assert with_aws - without == years  # one AWS point per year disappears
