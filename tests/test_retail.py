"""Unit tests of amazon_case.retail: the first-party retail chapter's models and charts.

Expected values are worked out by hand from the filed figures (quoted in each
test from Amazon's 10-K for FY2024 or the formulas in the chapter), not copied
from the code under test.
"""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from amazon_case import data, display, retail
from amazon_case.models import AssumptionError


# --- thin margins -----------------------------------------------------------


def test_segment_margins_and_online_growth_fy2024(wide):
    margins = retail.retail_margins(wide).set_index(["fiscal_year", "segment"])
    # FY2024 10-K segment note: North America 24,967 / 387,497; International 3,792 / 142,906; AWS 39,834 / 107,556.
    assert margins.at[(2024, "North America"), "operating_margin"] == pytest.approx(24_967 / 387_497)
    assert margins.at[(2024, "AWS"), "operating_margin"] == pytest.approx(39_834 / 107_556)
    # Online stores: 247,029 in FY2024 after 231,872 in FY2023.
    assert margins.at[(2024, "International"), "online_store_growth"] == pytest.approx(247_029 / 231_872 - 1)
    assert margins.loc[2014, "online_store_growth"].isna().all()


def test_store_margins_are_thin_beside_aws(wide):
    margins = retail.retail_margins(wide)
    audited = margins[margins["fiscal_year"] <= 2024].pivot(index="fiscal_year", columns="segment",
                                                             values="operating_margin")
    assert (audited["North America"] < 0.07).all()
    assert (audited["International"] < 0.04).all()
    assert (audited.loc[2016:, "AWS"] > 2 * audited.loc[2016:, "North America"]).all()


# --- cash conversion cycle -----------------------------------------------------


def test_cash_conversion_cycle_fy2024_by_hand(wide):
    ccc = retail.cash_conversion_cycle(wide).loc[2024]
    # FY2024: inventories 34,214; receivables 55,451; payables 94,363; cost of sales 326,288; net sales 637,959.
    dio, dso, dpo = 34_214 / 326_288 * 365, 55_451 / 637_959 * 365, 94_363 / 326_288 * 365
    assert ccc["dio"] == pytest.approx(dio)
    assert ccc["dso"] == pytest.approx(dso)
    assert ccc["dpo"] == pytest.approx(dpo)
    assert ccc["ccc"] == pytest.approx(dio + dso - dpo)
    assert -36 < ccc["ccc"] < -35
    assert ccc["daily_cost_of_sales"] == pytest.approx(326_288 / 365)


def test_the_cycle_is_negative_in_every_year(wide):
    assert (retail.cash_conversion_cycle(wide)["ccc"] < 0).all()


def test_cash_conversion_cycle_refuses_a_zero_cost_of_sales(wide):
    broken = wide.copy()
    broken.loc[2020, "cost_of_sales"] = 0
    with pytest.raises(ValueError, match="cost_of_sales"):
        retail.cash_conversion_cycle(broken)


def test_paying_suppliers_ten_days_sooner_absorbs_ten_days_of_cost():
    cash = retail.working_capital_cash(365_000, 730_000, dpo_change=-10)
    assert cash.payables == pytest.approx(-10_000)  # 10 days × 1,000 a day
    assert cash.inventory == 0 and cash.receivables == 0
    assert cash.total == pytest.approx(-10_000)
    assert cash.ccc_change_days == 10


def test_each_day_of_the_cycle_has_its_own_scale():
    cash = retail.working_capital_cash(365, 730, dio_change=5, dso_change=-3, dpo_change=2)
    assert cash.inventory == pytest.approx(-5)  # 5 more days of a 1-a-day cost tie up 5
    assert cash.receivables == pytest.approx(6)  # 3 fewer days of 2-a-day sales release 6
    assert cash.payables == pytest.approx(2)
    assert cash.total == pytest.approx(3)
    assert cash.ccc_change_days == pytest.approx(5 - 3 - 2)


@pytest.mark.parametrize(
    ("kwargs", "name"),
    [({"dio_change": 31}, "dio_change"), ({"dso_change": -30.5}, "dso_change"), ({"dpo_change": math.nan}, "dpo_change"),
     ({"cost_of_sales": 0}, "cost_of_sales"), ({"net_sales": -1}, "net_sales")],
)
def test_working_capital_cash_refuses_bad_input(kwargs, name):
    args = {"cost_of_sales": 100.0, "net_sales": 200.0} | kwargs
    with pytest.raises(AssumptionError, match=name):
        retail.working_capital_cash(**args)


# --- where the cash went --------------------------------------------------------


def test_free_cash_flow_identity_holds_in_every_year(wide):
    flows = retail.cash_flow_history(wide)
    gap = (flows["free_cash_flow"] - (flows["operating_cash_flow"] - flows["capex"] + flows["proceeds"])).abs()
    assert gap.max() <= data.ROUNDING_TOLERANCE_MUSD
    # FY2024 by hand: 115,877 − 82,999 + 5,341 = 38,219.
    assert flows.at[2024, "free_cash_flow"] == 115_877 - 82_999 + 5_341
    assert flows.at[2014, "proceeds"] == 0  # 2014 purchases are already net of incentives


def test_free_cash_flow_was_negative_only_in_2021_and_2022(wide):
    flows = retail.cash_flow_history(wide)
    assert flows.index[flows["free_cash_flow"] < 0].tolist() == [2021, 2022]


# --- Prime -------------------------------------------------------------------------


def test_revenue_per_member_is_an_upper_bound_from_lower_bound_counts(wide, statements):
    per_member = retail.prime_revenue_per_member(wide, statements)
    assert per_member["qualifier"].eq("more than").all()
    row = per_member.set_index("fiscal_year").loc[2021]
    # More than 200 million members (April 2021); FY2021 subscription services 31,768 USD millions.
    assert row["members_millions"] == 200
    assert row["revenue_per_member_at_most_usd"] == pytest.approx(31_768 / 200)
    assert per_member["fiscal_year"].tolist() == [2018, 2020, 2021]


def test_prime_member_by_hand():
    member = retail.prime_member_economics(fee=139, orders_per_year=50, delivery_cost_per_order=5,
                                           extra_spend=1000, extra_spend_margin=0.1)
    assert member.delivery_cost == 250
    assert member.extra_profit == pytest.approx(100)
    assert member.contribution == pytest.approx(139 + 100 - 250)
    assert member.break_even_extra_spend == pytest.approx((250 - 139) / 0.1)


def test_break_even_makes_the_contribution_zero():
    args = {"fee": 99, "orders_per_year": 80, "delivery_cost_per_order": 3.5, "extra_spend_margin": 0.07}
    even = retail.prime_member_economics(extra_spend=0, **args).break_even_extra_spend
    assert retail.prime_member_economics(extra_spend=even, **args).contribution == pytest.approx(0, abs=1e-9)


def test_break_even_is_zero_when_the_fee_covers_the_deliveries():
    member = retail.prime_member_economics(fee=139, orders_per_year=10, delivery_cost_per_order=5,
                                           extra_spend=0, extra_spend_margin=0.2)
    assert member.break_even_extra_spend == 0
    assert member.contribution == 89


@pytest.mark.parametrize(
    ("name", "value"),
    [("fee", -1), ("orders_per_year", 201), ("delivery_cost_per_order", 20.5), ("extra_spend", 5001),
     ("extra_spend_margin", 0.0), ("extra_spend_margin", 0.6)],
)
def test_prime_member_refuses_bad_input(name, value):
    args = dict(retail.PRIME_DEFAULTS) | {name: value}
    with pytest.raises(AssumptionError, match=rf"'{name}' = {value!r} is outside the allowed range"):
        retail.prime_member_economics(**args)


def test_prime_defaults_are_inside_their_ranges():
    for name, value in retail.PRIME_DEFAULTS.items():
        low, high = retail.PRIME_RANGES[name]
        assert low <= value <= high, name
    assert retail.PRIME_DEFAULTS["fee"] == 139  # Amazon's US annual price since February 2022


# --- charts ---------------------------------------------------------------------------


def _params(spec):
    found = {}

    def walk(node):
        if isinstance(node, dict):
            if "bind" in node and "name" in node:
                found[node["name"]] = node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(spec)
    return found


def _check_common(spec):
    assert len(spec["description"]) > 80
    assert spec["title"]["subtitle"][-1].startswith("Source: ") or any(
        line.startswith("Source: ") for line in spec["title"]["subtitle"])
    assert "NaN" not in json.dumps(spec) and "Infinity" not in json.dumps(spec)


def test_margins_chart_states_the_fy2024_margins(wide):
    spec = retail.margins_chart(retail.retail_margins(wide), "Amazon 10-K", data.UNAUDITED_YEARS).to_dict()
    _check_common(spec)
    assert "North America 6.4%" in display.title_text(spec) and "AWS 37.0%" in display.title_text(spec)
    assert set(_params(spec)) == set(retail.MARGIN_PARAMS)


def test_ccc_chart_has_year_and_day_controls(wide):
    ccc = retail.cash_conversion_cycle(wide)
    spec = retail.ccc_chart(ccc, "Amazon 10-K", default_year=2024, unaudited_years=data.UNAUDITED_YEARS).to_dict()
    _check_common(spec)
    params = _params(spec)
    assert set(params) == set(retail.CCC_PARAMS)
    assert params["ccc_year"]["bind"]["options"] == list(range(2014, 2026))
    for name in ("dio_change", "dso_change", "dpo_change"):
        assert (params[name]["bind"]["min"], params[name]["bind"]["max"]) == retail.DAYS_CHANGE_RANGE
    assert "negative in every year, FY2014–FY2025" in display.title_text(spec)
    # 10 days × 326,288 / 365 ≈ 8.9 billion absorbed at the default (DPO −10 days in FY2024).
    assert "absorbs 8.9 billion" in spec["description"]


def test_cash_flow_chart_names_the_negative_years(wide):
    spec = retail.cash_flow_chart(retail.cash_flow_history(wide), "Amazon 10-K", data.UNAUDITED_YEARS).to_dict()
    _check_common(spec)
    assert "FY2021 and FY2022" in spec["description"]
    assert set(_params(spec)) == set(retail.CASH_FLOW_PARAMS)


def test_prime_charts(wide, statements):
    per_member = retail.prime_revenue_per_member(wide, statements)
    spec = retail.prime_revenue_chart(wide, per_member, "Amazon 10-K", data.UNAUDITED_YEARS).to_dict()
    _check_common(spec)
    assert "April 2021" in display.title_text(spec)
    spec = retail.prime_member_chart("our model").to_dict()
    _check_common(spec)
    params = _params(spec)
    assert set(params) == set(retail.PRIME_PARAMS)
    assert all(p["bind"]["name"].startswith("Assumption: ") for p in params.values())
    # (50 × 5 − 139) / 10% = 1,110.
    assert "USD 1,110" in display.title_text(spec)


def test_chart_refuses_an_empty_source(wide):
    with pytest.raises(ValueError, match="source"):
        retail.cash_flow_chart(retail.cash_flow_history(wide), " ")


def test_the_models_frames_hold_no_missing_values(wide, statements):
    assert not retail.cash_conversion_cycle(wide).isna().any().any()
    flows = retail.cash_flow_history(wide)
    assert not flows.isna().any().any()
    assert isinstance(retail.prime_revenue_per_member(wide, statements), pd.DataFrame)


# --- live workbenches (driven without a browser) -----------------------------------------


def test_cash_workbench_recomputes_when_a_slider_moves(wide):
    bench = retail.cash_workbench(retail.cash_conversion_cycle(wide), "Amazon 10-K", default_year=2024)
    # Default: suppliers paid 10 days sooner in FY2024: 10 × 326,288 / 365 ≈ 8.9 billion absorbed.
    assert "FY2024" in bench.sentence.value and "absorbs USD 8.9 billion" in bench.sentence.value
    bench.controls["fiscal_year"].widget.value = 2014
    # FY2014: 10 × 62,752 / 365 ≈ 1.7 billion.
    assert "FY2014" in bench.sentence.value and "absorbs USD 1.7 billion" in bench.sentence.value
    bench.controls["dpo_change"].widget.value = 20
    assert "releases USD 3.4 billion" in bench.sentence.value  # 20 × 62,752 / 365 = 3,438
    assert "<table" in bench.table.value and "+3.44" in bench.table.value
    assert "FY2014" in display.title_text(bench.last_chart.to_dict())


def test_prime_workbench_recomputes_and_labels_every_slider_as_ours():
    bench = retail.prime_workbench("our model")
    assert all(c.widget.description.startswith("Assumption: ") for c in bench.controls.values())
    assert "loses USD 11 a year" in bench.sentence.value and "USD 1,110" in bench.sentence.value
    bench.controls["orders_per_year"].widget.value = 20  # 20 × 5 = 100 < 139: the fee covers the deliveries
    assert "gains USD 139 a year" in bench.sentence.value  # 139 + 100 − 100
    assert "the fee alone covers the deliveries" in bench.sentence.value
    bench.controls["extra_spend_margin"].widget.value = 5.0  # percent on the slider, 0.05 in the model
    assert bench.values()["extra_spend_margin"] == pytest.approx(0.05)
    assert "gains USD 89 a year" in bench.sentence.value  # 139 + 50 − 100
