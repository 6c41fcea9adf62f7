"""Unit tests of amazon_case.first_party_retail: the first-party retail chapter's models, chart words and workbenches.

Expected values are worked out by hand from the filed figures (quoted in each test from
Amazon's 10-K for FY2024, or FY2014) or from round numbers chosen so that the arithmetic is
plain, never copied from the code under test. That the charts compute what Python computes
is the book-wide formula parity test's job (tests/test_formula_parity.py); the common chart
checks (title, source, alt text, controls) are tests/test_book_charts.py's.
"""

from __future__ import annotations

import math

import pytest

from amazon_case import filings
from amazon_case import first_party_retail as retail
from amazon_case.kit import AMAZON, ASSUMPTION, VIEW, AssumptionError
from amazon_case.kit.display import bound_parameters, title_text


def year(fiscal_year=2024, cost_of_sales=365_000.0, net_sales=730_000.0, ccc=-30.0, status="audited"):
    """A cycle row with round numbers: one day of cost of sales is 1,000 (USD m), one day of net sales 2,000."""
    return {"fiscal_year": fiscal_year, "cost_of_sales": cost_of_sales, "net_sales": net_sales, "ccc": ccc,
            "status": status}


@pytest.fixture(scope="module")
def ccc(wide):
    return retail.cash_conversion_cycle(wide)


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


def test_the_aws_checkbox_hides_aws_only():
    shown = lambda segment, show: retail.MARGINS_VIEW.evaluate(segment=segment, show_aws=show)["margin_line_shown"]  # noqa: E731
    assert shown("AWS", True) and not shown("AWS", False)
    assert shown("North America", False) and shown("International", False)
    assert retail.MARGINS_VIEW.inputs["show_aws"].default is True
    assert retail.MARGINS_VIEW.inputs["show_aws"].origin == VIEW


@pytest.mark.parametrize("value", ["yes", 1, None])
def test_the_aws_checkbox_takes_only_true_or_false(value):
    with pytest.raises(AssumptionError, match="'show_aws'"):
        retail.MARGINS_VIEW.evaluate(segment="AWS", show_aws=value)


def test_margins_text_states_the_fy2024_margins(wide):
    text = retail.charts.margins_text(retail.retail_margins(wide), "Amazon 10-K")
    assert "FY2024 North America 6.4%" in text.takeaway  # 24,967 / 387,497
    assert "International 2.7%" in text.takeaway and "AWS 37.0%" in text.takeaway  # 3,792 / 142,906; 39,834 / 107,556
    assert "FY2025, unaudited" in text.subtitle
    assert "International below zero in 9 of 11" in text.description


# --- cash conversion cycle -----------------------------------------------------


def test_cash_conversion_cycle_fy2024_by_hand(ccc):
    fy2024 = ccc.loc[2024]
    # FY2024: inventories 34,214; receivables 55,451; payables 94,363; cost of sales 326,288; net sales 637,959.
    dio, dso, dpo = 34_214 / 326_288 * 365, 55_451 / 637_959 * 365, 94_363 / 326_288 * 365
    assert fy2024["dio"] == pytest.approx(dio)
    assert fy2024["dso"] == pytest.approx(dso)
    assert fy2024["dpo"] == pytest.approx(dpo)
    assert fy2024["ccc"] == pytest.approx(dio + dso - dpo)
    assert -36 < fy2024["ccc"] < -35
    assert fy2024["daily_cost_of_sales"] == pytest.approx(326_288 / 365)


def test_the_cycle_is_negative_in_every_year(ccc):
    assert (ccc["ccc"] < 0).all()


def test_cash_conversion_cycle_refuses_a_zero_cost_of_sales(wide):
    broken = wide.copy()
    broken.loc[2020, "cost_of_sales"] = 0
    with pytest.raises(ValueError, match="cost_of_sales"):
        retail.cash_conversion_cycle(broken)


def test_cycle_rows_mark_the_unaudited_year(ccc):
    rows = retail.cycle_rows(ccc).set_index("fiscal_year")
    assert rows.at[2025, "status"] == "unaudited" and rows.at[2025, "year_label"] == "FY2025 (unaudited)"
    assert rows.at[2024, "status"] == "audited" and rows.at[2024, "year_label"] == "FY2024"
    assert retail.latest_audited_year(rows.index) == 2024


def test_paying_suppliers_ten_days_sooner_absorbs_ten_days_of_cost():
    cash = retail.working_capital_cash(year(), dpo_change=-10)
    assert cash.payables == pytest.approx(-10_000)  # 10 days × 1,000 a day
    assert cash.inventory == 0 and cash.receivables == 0
    assert cash.total == pytest.approx(-10_000)
    assert cash.ccc_change_days == 10
    assert cash.new_ccc == pytest.approx(-20)  # −30 + 10
    assert cash.daily_cost_of_sales == pytest.approx(1_000)


def test_each_day_of_the_cycle_has_its_own_scale():
    cash = retail.working_capital_cash(year(cost_of_sales=365, net_sales=730), dio_change=5, dso_change=-3, dpo_change=2)
    assert cash.inventory == pytest.approx(-5)  # 5 more days of a 1-a-day cost tie up 5
    assert cash.receivables == pytest.approx(6)  # 3 fewer days of 2-a-day sales release 6
    assert cash.payables == pytest.approx(2)
    assert cash.total == pytest.approx(3)
    assert cash.ccc_change_days == pytest.approx(5 - 3 - 2)


def test_the_model_defaults_to_suppliers_paid_ten_days_sooner():
    defaults = retail.WORKING_CAPITAL.inputs.defaults()
    assert defaults == {"dio_change": 0, "dso_change": 0, "dpo_change": -10}
    assert retail.working_capital_cash(year()).payables == pytest.approx(-10_000)
    assert all(item.origin == ASSUMPTION for item in retail.WORKING_CAPITAL.inputs.values())


def test_the_day_changes_accept_their_bounds():
    cash = retail.working_capital_cash(year(), dio_change=-30, dso_change=30, dpo_change=30)
    assert cash.inventory == pytest.approx(30_000)  # 30 fewer days of 1,000 a day
    assert cash.receivables == pytest.approx(-60_000)  # 30 more days of 2,000 a day
    assert cash.payables == pytest.approx(30_000)
    assert cash.total == pytest.approx(0)


@pytest.mark.parametrize(
    ("changes", "row", "name"),
    [({"dio_change": 31}, {}, "dio_change"), ({"dso_change": -30.5}, {}, "dso_change"),
     ({"dpo_change": math.nan}, {}, "dpo_change"), ({"dpo_change": "ten"}, {}, "dpo_change"),
     ({}, {"cost_of_sales": 0}, "cost_of_sales"), ({}, {"net_sales": -1}, "net_sales")],
)
def test_working_capital_cash_refuses_bad_input(changes, row, name):
    with pytest.raises(AssumptionError, match=f"'{name}'"):
        retail.working_capital_cash(year(**row), **changes)


def test_the_readout_by_hand():
    result = retail.WORKING_CAPITAL.evaluate(**year(), dpo_change=-10)
    assert result["cash_readout"] == "FY2024: cash absorbed $10.0 bn"  # 10 days × 1,000
    assert result["cycle_readout"] == "Cycle -30.0 → -20.0 days"
    assert result["day_readout"] == "One day of cost of sales: $1.00 bn"
    released = retail.WORKING_CAPITAL.evaluate(**year(fiscal_year=2025, status="unaudited"), dpo_change=5)
    assert released["cash_readout"] == "FY2025: cash released $5.0 bn"
    assert released["day_readout"] == "One day of cost of sales: $1.00 bn (unaudited)"


def test_a_cycle_that_rounds_to_zero_reads_0_0_not_minus_0_0():
    # −10.04 + 10 = −0.04 days, which a tenth rounds to zero (the chart's d3 writes no sign there either).
    result = retail.WORKING_CAPITAL.evaluate(**year(ccc=-10.04), dio_change=10, dpo_change=0)
    assert result["cycle_readout"] == "Cycle -10.0 → 0.0 days"


def test_cash_part_direction():
    direction = lambda musd: retail.CASH_PART.evaluate(cash_musd=musd)["cash_direction"]  # noqa: E731
    assert (direction(-1.0), direction(0.0), direction(2.5)) == ("absorbed", "released", "released")


def test_ccc_text_by_hand(ccc):
    text = retail.charts.ccc_text(ccc, "Amazon 10-K", default_year=2024)
    assert "negative in every year, FY2014–FY2025" in text.takeaway
    # 10 days × 326,288 / 365 ≈ 8.9 billion absorbed at the default (DPO −10 days in FY2024).
    assert "paying suppliers 10 days sooner in FY2024 absorbs 8.9 billion" in text.description
    assert "a cycle of -36 days" in text.description  # FY2024: 38.3 + 31.7 − 105.6


def test_the_year_control_lists_every_filed_year_and_opens_on_the_last_audited(ccc):
    spec = retail.ccc_chart(ccc, "Amazon 10-K").to_dict()
    params = {p["name"]: p for p in spec["params"] if "bind" in p}
    assert params["ccc_year"]["bind"]["input"] == "select"
    assert params["ccc_year"]["bind"]["options"] == list(range(2014, 2026))
    assert params["ccc_year"]["bind"]["labels"][-1] == "FY2025"
    assert params["ccc_year"]["value"] == 2024
    assert params["ccc_dpo_change"]["value"] == -10
    for name in ("ccc_dio_change", "ccc_dso_change", "ccc_dpo_change"):
        assert (params[name]["bind"]["min"], params[name]["bind"]["max"]) == (-30, 30)


# --- where the cash went --------------------------------------------------------


def test_free_cash_flow_identity_holds_in_every_year(wide):
    flows = retail.cash_flow_history(wide)
    gap = (flows["free_cash_flow"] - (flows["operating_cash_flow"] - flows["capex"] + flows["proceeds"])).abs()
    assert gap.max() <= filings.ROUNDING_TOLERANCE_MUSD
    # FY2024 by hand: 115,877 − 82,999 + 5,341 = 38,219.
    assert flows.at[2024, "free_cash_flow"] == 115_877 - 82_999 + 5_341
    assert flows.at[2014, "proceeds"] == 0  # 2014 purchases are already net of incentives


def test_free_cash_flow_was_negative_only_in_2021_and_2022(wide):
    flows = retail.cash_flow_history(wide)
    assert flows.index[flows["free_cash_flow"] < 0].tolist() == [2021, 2022]


def test_cash_flow_rows_draw_purchases_downwards(wide):
    rows = retail.cash_flow_rows(retail.cash_flow_history(wide)).set_index(["fiscal_year", "flow"])
    purchases = rows.loc[(2024, "Purchases of property and equipment")]
    assert purchases["usd_bn"] == pytest.approx(-82.999)  # 82,999 USD m
    assert purchases["pct_of_net_sales"] == pytest.approx(-82_999 / 637_959 * 100)
    assert rows.loc[(2025, "Free cash flow"), "year_label"] == "2025 (unaudited)"


def test_the_unit_choice_picks_the_measure():
    shown = lambda measure: retail.CASH_FLOW_VIEW.evaluate(measure=measure, usd_bn=38.2, pct_of_net_sales=6.0)  # noqa: E731
    assert shown("usd")["cash_flow_shown"] == 38.2 and shown("usd")["cash_flow_unit"] == "USD billions"
    assert shown("share")["cash_flow_shown"] == 6.0 and shown("share")["cash_flow_unit"] == "% of the year's net sales"
    with pytest.raises(AssumptionError, match="'measure'"):
        shown("USD billions")  # a label, not an option's value


def test_cash_flow_text_names_the_negative_years(wide):
    text = retail.charts.cash_flow_text(retail.cash_flow_history(wide), "Amazon 10-K")
    assert "FY2021 and FY2022" in text.description
    assert text.takeaway.startswith("75% of FY2014–FY2024")  # 360.9 of 483.7 USD bn


def test_a_chart_refuses_an_empty_source(wide):
    with pytest.raises(ValueError, match="source"):
        retail.charts.cash_flow_text(retail.cash_flow_history(wide), " ")


# --- Prime -------------------------------------------------------------------------


def test_revenue_per_member_is_an_upper_bound_from_lower_bound_counts(wide, statements):
    per_member = retail.prime_revenue_per_member(wide, statements)
    assert per_member["qualifier"].eq("more than").all()
    row = per_member.set_index("fiscal_year").loc[2021]
    # More than 200 million members (April 2021); FY2021 subscription services 31,768 USD millions.
    assert row["members_millions"] == 200
    assert row["revenue_per_member_at_most_usd"] == pytest.approx(31_768 / 200)
    assert per_member["fiscal_year"].tolist() == [2018, 2020, 2021]


def test_prime_revenue_text(wide, statements):
    text = retail.charts.prime_revenue_text(wide, retail.prime_revenue_per_member(wide, statements), "Amazon 10-K")
    assert "no member count since April 2021" in text.takeaway
    assert "at most 159 US dollars" in text.description  # 31,768 / 200


def test_prime_member_by_hand():
    member = retail.prime_member_economics(fee=139, orders_per_year=50, delivery_cost_per_order=5,
                                           extra_spend=1000, extra_spend_margin=0.1)
    assert member.delivery_cost == 250
    assert member.extra_profit == pytest.approx(100)
    assert member.contribution == pytest.approx(139 + 100 - 250)
    assert member.break_even_extra_spend == pytest.approx((250 - 139) / 0.1)


def test_prime_defaults_are_the_fee_and_our_assumptions():
    inputs = retail.PRIME_MEMBER.inputs
    assert inputs.defaults() == {"fee": 139, "orders_per_year": 50, "delivery_cost_per_order": 5,
                                 "extra_spend": 1000, "extra_spend_margin": 0.10}
    assert inputs["fee"].origin == AMAZON  # Amazon's US annual price since February 2022
    assert all(inputs[n].origin == ASSUMPTION for n in inputs if n != "fee")
    assert retail.prime_member_economics() == retail.prime_member_economics(**inputs.defaults())


def test_prime_bounds():
    low = retail.prime_member_economics(fee=0, orders_per_year=0, delivery_cost_per_order=0, extra_spend=0,
                                        extra_spend_margin=0.01)
    assert (low.contribution, low.break_even_extra_spend) == (0, 0)
    high = retail.prime_member_economics(fee=300, orders_per_year=200, delivery_cost_per_order=20, extra_spend=5000,
                                         extra_spend_margin=0.5)
    assert high.contribution == pytest.approx(300 + 2_500 - 4_000)
    assert high.break_even_extra_spend == pytest.approx((4_000 - 300) / 0.5)


def test_break_even_makes_the_contribution_zero():
    args = {"fee": 99, "orders_per_year": 80, "delivery_cost_per_order": 3.5, "extra_spend_margin": 0.07}
    even = retail.prime_member_economics(extra_spend=0, **args).break_even_extra_spend
    assert even == pytest.approx((80 * 3.5 - 99) / 0.07)
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
    with pytest.raises(AssumptionError, match=rf"'{name}' = {value!r} is outside the allowed range"):
        retail.prime_member_economics(**{name: value})


def test_prime_readouts_by_hand():
    result = retail.PRIME_MEMBER.evaluate()
    assert result["member_readout"] == "At $1,000 of extra spend: loses $11 a year"  # 139 + 100 − 250
    assert result["break_even_readout"] == "Break-even (red line): $1,110 of extra spend a year"  # 111 / 10%
    assert result["assumptions_readout"] == "Fee $139; free delivery: 50 orders × $5.00 = $250; margin 10%"
    covered = retail.PRIME_MEMBER.evaluate(orders_per_year=20)  # 20 × 5 = 100 < 139
    assert covered["member_readout"] == "At $1,000 of extra spend: gains $139 a year"  # 139 + 100 − 100
    assert covered["break_even_readout"] == "Break-even: the fee alone covers the deliveries"


def test_prime_member_text():
    text = retail.charts.prime_member_text("our model")
    assert "USD 1,110" in text.takeaway  # (50 × 5 − 139) / 10%
    assert "The fee is Amazon's US price; every other slider is an assumption" in text.subtitle


def test_chart_and_workbench_sliders_say_the_same():
    """One declaration: the chart's slider and the workbench's say the same (the orders label had drifted)."""
    chart = {p["name"]: p["bind"] for p in retail.prime_member_chart("our model").to_dict()["params"]}
    bench = retail.prime_workbench("our model")
    for name, control in bench.controls.items():
        bind = chart[f"prime_{name}"]
        assert bind["name"].strip() == control.description
        assert (bind["min"], bind["max"], bind["step"]) == (control.min, control.max, control.step)
    assert bench.controls["orders_per_year"].description == "Assumption: orders a year with free delivery"
    assert bench.controls["fee"].description == "Annual fee (USD)"


# --- live workbenches (driven without a browser) -----------------------------------------


def test_cash_workbench_recomputes_when_a_control_moves(ccc):
    bench = retail.cash_workbench(ccc, "Amazon 10-K")
    # Default: suppliers paid 10 days sooner in FY2024: 10 × 326,288 / 365 ≈ 8.9 billion absorbed.
    assert "FY2024" in bench.sentence.value and "absorbs USD 8.9 billion" in bench.sentence.value
    bench.controls["year"].value = 2014
    # FY2014: 10 × 62,752 / 365 ≈ 1.7 billion.
    assert "FY2014" in bench.sentence.value and "absorbs USD 1.7 billion" in bench.sentence.value
    bench.controls["dpo_change"].value = 20
    assert "releases USD 3.4 billion" in bench.sentence.value  # 20 × 62,752 / 365 = 3,438
    assert "<table" in bench.table.value and "+3.44" in bench.table.value
    assert "FY2014" in title_text(bench.last_chart.to_dict())


def test_cash_workbench_has_the_charts_controls(ccc):
    bench = retail.cash_workbench(ccc, "Amazon 10-K")
    spec = retail.ccc_chart(ccc, "Amazon 10-K").to_dict()
    assert [f"ccc_{name}" for name in bench.controls] == bound_parameters(spec)
    assert bench.controls["year"].value == 2024 and bench.controls["dpo_change"].value == -10


def test_prime_workbench_recomputes():
    bench = retail.prime_workbench("our model")
    assert "loses USD 11 a year" in bench.sentence.value and "USD 1,110" in bench.sentence.value
    bench.controls["orders_per_year"].value = 20  # 20 × 5 = 100 < 139: the fee covers the deliveries
    assert "gains USD 139 a year" in bench.sentence.value  # 139 + 100 − 100
    assert "the fee alone covers the deliveries" in bench.sentence.value
    bench.controls["extra_spend_margin"].value = 5  # percent on the slider, 0.05 in the model
    assert bench.values()["extra_spend_margin"] == pytest.approx(0.05)
    assert "gains USD 89 a year" in bench.sentence.value  # 139 + 50 − 100
    assert "Contribution: USD 89 a year" in title_text(bench.last_chart.to_dict())
