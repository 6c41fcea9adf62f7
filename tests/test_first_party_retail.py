"""Unit tests of amazon_case.first_party_retail: the first-party retail chapter's models, chart words and workbenches.

Expected values are worked out by hand from the filed figures (quoted in each test from
Amazon's 10-K for FY2024 or FY2025, or from its quarterly releases) or from round numbers chosen
so that the arithmetic is plain, never copied from the code under test. That the charts compute what Python computes
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


def year(fiscal_year=2024, cost_of_sales=365_000.0, net_sales=730_000.0, ccc=-30.0, basis="average", status="audited"):
    """A cycle row with round numbers: one day of cost of sales is 1,000 (USD m), one day of net sales 2,000."""
    return {"fiscal_year": fiscal_year, "cost_of_sales": cost_of_sales, "net_sales": net_sales, "ccc": ccc,
            "basis": basis, "status": status}


@pytest.fixture(scope="module")
def ccc(wide):
    return retail.cash_conversion_cycle(wide)


@pytest.fixture(scope="module")
def table(wide):
    return retail.cycle_table(wide)


@pytest.fixture(scope="module")
def quarterly():
    return filings.load_quarterly()


@pytest.fixture(scope="module")
def capital():
    return filings.cash_and_capital_wide()


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
    audited = margins.pivot(index="fiscal_year", columns="segment", values="operating_margin")
    assert audited.index.max() == 2025
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


def test_margins_text_states_the_fy2025_margins_and_the_ttm(wide, quarterly):
    rows = retail.margin_rows(retail.retail_margins(wide), retail.ttm_segment_margins(quarterly, (2026, 2)),
                              retail.ttm_online_store_growth(quarterly, (2026, 2)))
    text = retail.charts.margins_text(rows, "Amazon 10-K")
    # FY2025 10-K segment note: North America 29,619 / 426,305; International 4,750 / 161,894; AWS 45,606 / 128,725.
    assert "FY2025 North America 6.9%" in text.takeaway
    assert "International 2.9%" in text.takeaway and "AWS 35.4%" in text.takeaway
    assert "unaudited" not in text.subtitle and "trailing twelve months (TTM)" in text.subtitle
    assert "International below zero in 9 of 12" in text.description  # FY2014-2019, FY2021-2023
    # TTM to Q2 2026: North America 4,789 + 11,472 + 8,267 + 9,123 = 33,651 over 106,267 + 127,083 + 104,143 + 116,177.
    assert f"({'TTM Q2 2026'}), North America {33_651 / 453_670:.1%}" in text.description


def test_a_year_read_from_a_release_is_faded_and_named(wide):
    rows = retail.margin_rows(retail.retail_margins(wide), unaudited_years={2025})
    text = retail.charts.margins_text(rows, "Amazon 10-K")
    assert "faded: FY2025, unaudited" in text.subtitle
    assert "FY2024 North America 6.4%" in text.takeaway  # the last audited year: 24,967 / 387,497


# --- the twelve months to the latest quarter -----------------------------------------


def test_the_latest_quarter_is_q2_2026(quarterly):
    assert retail.latest_quarter(quarterly) == (2026, 2)
    assert retail.ttm_label(2026, 2) == "TTM Q2 2026"


def test_ttm_segment_margins_by_hand(quarterly):
    ttm = retail.ttm_segment_margins(quarterly, (2026, 2)).set_index("segment")
    # Q3 2025 to Q2 2026 releases. International: 1,199 + 1,040 + 1,424 + 1,717 = 5,380 over
    # 40,896 + 50,724 + 39,789 + 42,197 = 173,606. AWS: 11,434 + 12,465 + 14,161 + 16,621 = 54,681 over 148,404.
    assert ttm.at["International", "operating_income_musd"] == 5_380
    assert ttm.at["International", "net_sales_musd"] == 173_606
    assert ttm.at["AWS", "operating_margin"] == pytest.approx(54_681 / 148_404)
    assert ttm.at["North America", "operating_margin"] == pytest.approx(33_651 / 453_670)
    assert set(ttm["period"]) == {"TTM Q2 2026"}


def test_ttm_online_store_growth_by_hand(quarterly):
    # Online stores, Q3 2025-Q2 2026: 67,407 + 82,988 + 64,254 + 70,432 = 285,081;
    # a year before, Q3 2024-Q2 2025: 61,411 + 75,556 + 57,407 + 61,485 = 255,859.
    assert retail.ttm_online_store_growth(quarterly, (2026, 2)) == pytest.approx(285_081 / 255_859 - 1)


def test_ttm_cash_flows_are_amazons_printed_figures(quarterly):
    ttm = retail.ttm_cash_flows(quarterly, (2026, 2))
    # Q2 2026 release: OCF 161,403; purchases 173,028; proceeds 4,021; net 169,007; FCF -7,604.
    assert ttm["operating_cash_flow"] == 161_403 and ttm["capex_net"] == 169_007 and ttm["free_cash_flow"] == -7_604
    assert ttm["capex"] - ttm["proceeds"] == ttm["capex_net"]
    assert ttm["net_sales"] == 180_169 + 213_386 + 181_519 + 200_606  # Q3 2025 to Q2 2026


def test_a_ttm_with_a_missing_quarter_is_refused(quarterly):
    broken = quarterly[~((quarterly["fiscal_year"] == 2025) & (quarterly["quarter"] == 4)
                         & (quarterly["metric"] == "segment_na_net_sales"))]
    with pytest.raises(ValueError, match="segment_na_net_sales: no three-month figure for Q4 2025"):
        retail.ttm_segment_margins(broken, (2026, 2))


def test_ttm_cash_flows_refuse_figures_that_do_not_add_up(quarterly):
    broken = quarterly.copy()
    at = (broken["metric"] == "free_cash_flow_ttm") & (broken["fiscal_year"] == 2026) & (broken["quarter"] == 2)
    broken.loc[at, "value"] = -5_000.0
    with pytest.raises(ValueError, match="free cash flow is off"):
        retail.ttm_cash_flows(broken, (2026, 2))


def test_quarterly_citation_names_each_release(quarterly):
    text = retail.quarterly_citation(quarterly, ["segment_na_net_sales"], (2026, 2))
    assert text.startswith("Amazon earnings releases (Form 8-K, Exhibit 99.1) of ")
    assert "Q1 2026 and Q2 2026" in text and "Q3 2025" in text


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


def test_the_cycle_is_negative_in_every_year(ccc, wide):
    assert (ccc["ccc"] < 0).all()
    assert (retail.cash_conversion_cycle(wide, "average")["ccc"] < 0).all()


def test_the_average_basis_by_hand(wide):
    average = retail.cash_conversion_cycle(wide, "average")
    assert 2014 not in average.index  # no opening balance
    # FY2021: inventories (23,795 + 32,640) / 2, receivables (24,542 + 32,891) / 2, payables (72,539 + 78,664) / 2;
    # cost of sales 272,344, net sales 469,822.
    dio = (23_795 + 32_640) / 2 / 272_344 * 365
    dso = (24_542 + 32_891) / 2 / 469_822 * 365
    dpo = (72_539 + 78_664) / 2 / 272_344 * 365
    assert average.at[2021, "ccc"] == pytest.approx(dio + dso - dpo)
    assert -41.3 < average.at[2021, "ccc"] < -41.1


def test_the_two_bases_rank_the_years_differently(ccc, wide):
    average = retail.cash_conversion_cycle(wide, "average")["ccc"]
    assert ccc["ccc"].idxmin() == 2020  # year-end: payables at the end of the pandemic's holiday quarter
    assert average.idxmin() == 2025 and average.drop(2025).idxmin() == 2021
    assert average.loc[:2024].idxmin() == 2021  # among FY2015-FY2024, as the review found


def test_the_basis_must_be_known(wide):
    with pytest.raises(ValueError, match="basis"):
        retail.cash_conversion_cycle(wide, "mean")
    with pytest.raises(ValueError, match="basis"):
        retail.cycle_rows(retail.cash_conversion_cycle(wide), basis="closing")


def test_cycle_table_holds_both_bases_over_the_same_years(table):
    counts = table.groupby("basis")["fiscal_year"].apply(list)
    assert counts["average"] == counts["year_end"] == list(range(2015, 2026))
    rows = table.set_index(["fiscal_year", "basis"])
    # FY2025 year-end: 38,325 / 356,414 × 365 + 67,729 / 716,924 × 365 − 121,909 / 356,414 × 365.
    assert rows.at[(2025, "year_end"), "ccc"] == pytest.approx((38_325 - 121_909) / 356_414 * 365 + 67_729 / 716_924 * 365)
    assert rows.at[(2025, "average"), "cost_of_sales"] == rows.at[(2025, "year_end"), "cost_of_sales"] == 356_414


def test_cash_conversion_cycle_refuses_a_zero_cost_of_sales(wide):
    broken = wide.copy()
    broken.loc[2020, "cost_of_sales"] = 0
    with pytest.raises(ValueError, match="cost_of_sales"):
        retail.cash_conversion_cycle(broken)


def test_every_year_is_audited_now(ccc):
    rows = retail.cycle_rows(ccc).set_index("fiscal_year")
    assert (rows["status"] == "audited").all() and rows.at[2025, "year_label"] == "FY2025"
    assert retail.latest_audited_year(rows.index) == 2025


def test_cycle_rows_mark_a_year_read_from_a_release(ccc):
    rows = retail.cycle_rows(ccc, unaudited_years={2025}).set_index("fiscal_year")
    assert rows.at[2025, "status"] == "unaudited" and rows.at[2025, "year_label"] == "FY2025 (unaudited)"
    assert retail.latest_audited_year(rows.index, {2025}) == 2024


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
    assert result["cycle_readout"] == "Cycle -30.0 → -20.0 days (average balances)"
    assert retail.WORKING_CAPITAL.evaluate(**year(basis="year_end"))["cycle_readout"].endswith("(year-end balances)")
    assert result["day_readout"] == "One day of cost of sales: $1.00 bn"
    released = retail.WORKING_CAPITAL.evaluate(**year(fiscal_year=2025, status="unaudited"), dpo_change=5)
    assert released["cash_readout"] == "FY2025: cash released $5.0 bn"
    assert released["day_readout"] == "One day of cost of sales: $1.00 bn (unaudited)"


def test_a_cycle_that_rounds_to_zero_reads_0_0_not_minus_0_0():
    # −10.04 + 10 = −0.04 days, which a tenth rounds to zero (the chart's d3 writes no sign there either).
    result = retail.WORKING_CAPITAL.evaluate(**year(ccc=-10.04), dio_change=10, dpo_change=0)
    assert result["cycle_readout"] == "Cycle -10.0 → 0.0 days (average balances)"


def test_cash_part_direction():
    direction = lambda musd: retail.CASH_PART.evaluate(cash_musd=musd)["cash_direction"]  # noqa: E731
    assert (direction(-1.0), direction(0.0), direction(2.5)) == ("absorbed", "released", "released")


def test_ccc_text_by_hand(table):
    text = retail.charts.ccc_text(table, "Amazon 10-K", default_year=2025)
    assert "negative in every year, FY2015–FY2025, on average and on year-end balances" in text.takeaway
    # 10 days × 356,414 / 365 ≈ 9.8 billion absorbed at the default (DPO −10 days in FY2025).
    assert "paying suppliers 10 days sooner in FY2025 absorbs 9.8 billion" in text.description
    assert "a cycle of -42 days" in text.description  # FY2025, average balances: 37.1 + 31.4 − 110.7
    assert "most negative year is FY2025 on average balances and FY2020 on year-end ones" in text.description


def test_the_controls_open_on_average_balances_and_the_last_audited_year(table):
    spec = retail.ccc_chart(table, "Amazon 10-K").to_dict()
    params = {p["name"]: p for p in spec["params"] if "bind" in p}
    assert params["ccc_basis"]["bind"]["input"] == "radio" and params["ccc_basis"]["value"] == "average"
    assert params["ccc_basis"]["bind"]["options"] == ["average", "year_end"]
    assert params["ccc_year"]["bind"]["input"] == "select"
    assert params["ccc_year"]["bind"]["options"] == list(range(2015, 2026))  # the years with both bases
    assert params["ccc_year"]["bind"]["labels"][-1] == "FY2025"
    assert params["ccc_year"]["value"] == 2025
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


def test_purchases_are_net_of_proceeds_in_every_year(wide):
    flows = retail.cash_flow_history(wide)
    assert flows.at[2014, "capex_net"] == 4_893  # printed net in FY2014
    assert flows.at[2015, "capex_net"] == 5_387 - 798  # gross less proceeds from FY2015
    assert flows.at[2025, "capex_net"] == 131_819 - 3_499
    # The cumulative share, net in every year: (OCF − FCF) summed over FY2014-2025 against OCF summed.
    share = (flows["operating_cash_flow"] - flows["free_cash_flow"]).sum() / flows["operating_cash_flow"].sum()
    assert flows["capex_net"].sum() / flows["operating_cash_flow"].sum() == pytest.approx(share, abs=1e-4)
    assert 0.72 < share < 0.73


def test_free_cash_flow_was_negative_only_in_2021_and_2022(wide):
    flows = retail.cash_flow_history(wide)
    assert flows.index[flows["free_cash_flow"] < 0].tolist() == [2021, 2022]


def test_cash_flow_rows_draw_net_purchases_downwards_and_the_ttm_last(wide, quarterly):
    rows = retail.cash_flow_rows(retail.cash_flow_history(wide), ttm=retail.ttm_cash_flows(quarterly, (2026, 2)),
                                 ttm_label="TTM Q2 2026")
    by = rows.set_index(["period", "flow"])
    purchases = by.loc[("2024", "Purchases of property and equipment, net")]
    assert purchases["usd_bn"] == pytest.approx(-(82_999 - 5_341) / 1000)
    assert purchases["pct_of_net_sales"] == pytest.approx(-(82_999 - 5_341) / 637_959 * 100)
    ttm = by.loc[("TTM Q2 2026", "Free cash flow")]
    assert ttm["is_ttm"] and ttm["usd_bn"] == pytest.approx(-7.604)
    assert ttm["pct_of_net_sales"] == pytest.approx(-7_604 / 775_680 * 100)  # Q3 2025-Q2 2026 net sales
    assert rows["period"].iloc[-1] == "TTM Q2 2026" and not rows.loc[rows["period"] == "2025", "is_ttm"].any()


def test_the_unit_choice_picks_the_measure():
    shown = lambda measure: retail.CASH_FLOW_VIEW.evaluate(measure=measure, usd_bn=38.2, pct_of_net_sales=6.0)  # noqa: E731
    assert shown("usd")["cash_flow_shown"] == 38.2 and shown("usd")["cash_flow_unit"] == "USD billions"
    assert shown("share")["cash_flow_shown"] == 6.0 and shown("share")["cash_flow_unit"] == "% of the year's net sales"
    with pytest.raises(AssumptionError, match="'measure'"):
        shown("USD billions")  # a label, not an option's value


def test_cash_flow_text_names_the_negative_years_and_the_ttm(wide, quarterly):
    text = retail.charts.cash_flow_text(retail.cash_flow_history(wide), "Amazon 10-K",
                                        retail.ttm_cash_flows(quarterly, (2026, 2)), "TTM Q2 2026")
    assert "FY2021 and FY2022" in text.description
    assert text.takeaway.startswith("73% of FY2014–FY2025")  # 453.2 of 623.2 USD bn, net of proceeds
    assert "(TTM Q2 2026): operating cash flow 161.4, net purchases 169.0 and free cash flow -7.6 billion" in text.description


# --- working capital in dollars ---------------------------------------------------------


def test_working_capital_balances_by_hand(wide, capital):
    b = retail.working_capital_balances(wide, capital)
    # End of FY2025: current assets 229,083 = cash and marketable securities + 38,325 + 67,729;
    # current liabilities 218,005 = 121,909 + accrued + 20,576.
    assert b.at[2025, "cash_and_marketable_securities"] == 229_083 - 38_325 - 67_729  # 86,810 + 36,219 in the 10-K
    assert b.at[2025, "accrued_expenses_and_other"] == 218_005 - 121_909 - 20_576  # 75,520 in the 10-K
    assert b.at[2022, "net_working_capital"] == 146_791 - 155_393
    assert b.at[2020, "trade_working_capital"] == 23_795 + 24_542 - 72_539
    assert b.at[2022, "trade_working_capital"] == 34_405 + 42_360 - 79_600


def test_net_working_capital_is_not_the_cycles_three_balances(wide, capital):
    b = retail.working_capital_balances(wide, capital)
    # The review's "about −24 billion at the end of 2020 to about −3 billion at the end of 2022" is the three
    # balances; current assets less current liabilities went from +6.3 billion to −8.6 billion.
    assert round(b.at[2020, "trade_working_capital"] / 1000) == -24 and round(b.at[2022, "trade_working_capital"] / 1000) == -3
    assert b.at[2020, "net_working_capital"] == 132_733 - 126_385 > 0


def test_working_capital_changes_sign_by_hand(wide, capital):
    c = retail.working_capital_changes(retail.working_capital_balances(wide, capital))
    assert c.index[0] == 2015
    assert c.at[2021, "Inventories"] == -(32_640 - 23_795)  # more stock absorbs cash
    assert c.at[2020, "Payables"] == 72_539 - 47_183  # more credit from suppliers releases it
    assert c.at[2021, "Unearned revenue"] == 11_827 - 9_708
    two_years = -(c.loc[[2021, 2022], "trade"].sum())
    assert two_years == (34_405 + 42_360 - 79_600) - (23_795 + 24_542 - 72_539)  # 21,362 absorbed


def test_derived_lines_refuse_totals_that_do_not_hold_their_parts(wide, capital):
    broken = capital.copy()
    broken.loc[2023, "total_current_assets"] = 10_000.0
    with pytest.raises(ValueError, match="cash_and_marketable_securities is negative"):
        retail.working_capital_balances(wide, broken)


def test_working_capital_text(wide, capital):
    changes = retail.working_capital_changes(retail.working_capital_balances(wide, capital))
    text = retail.charts.working_capital_text(changes, retail.cash_flow_history(wide)["free_cash_flow"], "10-K")
    # FY2021-22: 21,362 absorbed by the three balances; free cash flow −9,069 − 11,569 = −20,638.
    assert text.takeaway == ("FY2021–FY2022: inventories, receivables and payables absorbed USD 21.4 bn; "
                             "free cash flow was USD −20.6 bn")
    assert "released the most in FY2020, 18.3 billion" in text.description


def test_cash_file_citation_names_the_release_for_the_latest_balances():
    text = retail.cash_file_citation(filings.load_cash_and_capital(), ["unearned_revenue_current"], range(2014, 2026))
    assert text.startswith("Amazon.com, Inc. Form 10-K for FY2015–FY2023 (Consolidated Balance Sheets)")
    assert "FY2024, FY2025: Amazon Q4 2025 earnings release" in text


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
    assert text.takeaway.startswith("Subscriptions grew 18-fold by FY2025")  # 49,619 / 2,762 = 17.96
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


def test_cash_workbench_recomputes_when_a_control_moves(table):
    bench = retail.cash_workbench(table, "Amazon 10-K")
    # Default: suppliers paid 10 days sooner in FY2025: 10 × 356,414 / 365 ≈ 9.8 billion absorbed.
    assert "FY2025" in bench.sentence.value and "absorbs USD 9.8 billion" in bench.sentence.value
    assert "on average balances" in bench.sentence.value
    bench.controls["year"].value = 2015
    # FY2015: 10 × 71,651 / 365 ≈ 2.0 billion.
    assert "FY2015" in bench.sentence.value and "absorbs USD 2.0 billion" in bench.sentence.value
    bench.controls["dpo_change"].value = 20
    assert "releases USD 3.9 billion" in bench.sentence.value  # 20 × 71,651 / 365 = 3,926
    assert "<table" in bench.table.value and "+3.93" in bench.table.value
    bench.controls["basis"].value = "year_end"
    assert "-32.4 days on year-end balances" in bench.sentence.value  # FY2015: 52.2 + 19.3 − 103.9
    assert "FY2015" in title_text(bench.last_chart.to_dict())


def test_cash_workbench_has_the_charts_controls(table):
    bench = retail.cash_workbench(table, "Amazon 10-K")
    spec = retail.ccc_chart(table, "Amazon 10-K").to_dict()
    assert [f"ccc_{name}" for name in bench.controls] == bound_parameters(spec)
    assert bench.controls["year"].value == 2025 and bench.controls["dpo_change"].value == -10
    assert bench.controls["basis"].value == "average"


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
