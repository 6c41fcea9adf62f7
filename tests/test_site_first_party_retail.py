"""Built-site tests of the first-party retail chapter: what its charts draw, as the reader sees it.

That the charts' formulas give Python's numbers is the formula parity test's job (in Vega's
own engine, tests/test_formula_parity.py), and that every control changes its chart is
tests/test_site.py's. These tests check what neither does: the readouts' text as drawn in the
SVG (the chosen year's and basis's, and only that year's), the AWS checkbox removing exactly AWS,
and the twelve months to the latest quarter drawn apart from the fiscal years.
"""

from __future__ import annotations

import re

import pytest

from amazon_case import filings
from amazon_case import first_party_retail as retail
from site_pages import SET_SIGNALS, SVG, chart_index

PAGE = "chapters/first-party-retail.html"


@pytest.fixture(scope="module")
def rows():
    return retail.cycle_table(filings.annual_wide()).set_index(["fiscal_year", "basis"], drop=False)


@pytest.mark.parametrize("settings", [
    {"ccc_basis": "average", "ccc_year": 2025, "ccc_dio_change": 0, "ccc_dso_change": 0, "ccc_dpo_change": -10},  # defaults
    {"ccc_basis": "year_end", "ccc_year": 2020, "ccc_dio_change": 7, "ccc_dso_change": -12, "ccc_dpo_change": 15},
], ids=lambda s: "-".join(map(str, s.values())))
def test_the_cash_readout_states_the_chosen_year_and_basis_only(visit, rows, settings):
    v = visit(PAGE)
    index = chart_index(v.page, "ccc_dpo_change")
    v.page.evaluate(SET_SIGNALS, [index, settings])
    year, basis = settings["ccc_year"], settings["ccc_basis"]
    changes = {name.removeprefix("ccc_"): value for name, value in settings.items() if name not in ("ccc_year", "ccc_basis")}
    cash = retail.working_capital_cash(rows.loc[(year, basis)], **changes)
    svg = v.page.evaluate(SVG, index)
    verb = "released" if cash.total >= 0 else "absorbed"
    assert f"FY{year}: cash {verb} ${abs(cash.total) / 1000:,.1f} bn" in svg
    assert set(re.findall(r"FY\d{4}: cash", svg)) == {f"FY{year}: cash"}
    words = "average balances" if basis == "average" else "year-end balances"
    assert f"→ {cash.new_ccc:.1f} days ({words})".replace("-", "−") in svg.replace("-", "−")
    assert f"One day of cost of sales: ${cash.daily_cost_of_sales / 1000:,.2f} bn" in svg


def test_the_prime_readout_states_the_members_contribution(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "prime_fee")
    settings = {"prime_fee": 99, "prime_orders_per_year": 120, "prime_delivery_cost_per_order": 3.5,
                "prime_extra_spend": 2400, "prime_extra_spend_margin": 7}
    v.page.evaluate(SET_SIGNALS, [index, settings])
    # 99 + 2,400 × 7% − 120 × 3.5 = 99 + 168 − 420 = −153; break-even (420 − 99) / 7% = 4,585.7.
    svg = v.page.evaluate(SVG, index)
    assert "At $2,400 of extra spend: loses $153 a year" in svg
    assert "Break-even (red line): $4,586 of extra spend a year" in svg


def test_hiding_aws_leaves_only_the_store_segments(visit):
    v = visit(PAGE)
    index = chart_index(v.page, "margins_show_aws")
    count_points = "(i) => document.querySelectorAll('.vega-chart')[i].querySelectorAll('.mark-symbol path').length"
    with_aws = v.page.evaluate(count_points, index)
    v.page.evaluate(SET_SIGNALS, [index, {"margins_show_aws": False}])
    without = v.page.evaluate(count_points, index)
    assert with_aws - without == len(filings.annual_wide()) + 1  # one AWS point per year, and the TTM diamond


@pytest.mark.parametrize("parameter", ["margins_show_aws", "cash_measure"])
def test_the_ttm_column_is_labelled_after_the_last_fiscal_year(visit, parameter):
    v = visit(PAGE)
    svg = v.page.evaluate(SVG, chart_index(v.page, parameter))
    labels = re.findall(r"<text[^>]*>(2025|<tspan>TTM</tspan><tspan[^>]*>Q2 2026</tspan>)</text>", svg)
    assert len(labels) >= 2 and labels[0] == "2025", labels  # the TTM after FY2025 ...
    assert re.fullmatch(r'<tspan>TTM</tspan><tspan x="0" dy="\d+">Q2 2026</tspan>', labels[1]), labels  # ... on two lines
