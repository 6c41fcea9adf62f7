"""Unit tests of amazon_case.where_the_cash_goes: the chapter's tables, models, chart words and workbench.

Expected values are read from Amazon's filings (quoted in each test: the FY2025 10-K, the Q2 2026
release and 10-Q, the segment notes) or worked out by hand from round numbers, never copied from the
code under test. That the charts compute what Python computes is the book-wide formula parity test's
job (tests/test_formula_parity.py); the common chart checks are tests/test_book_charts.py's.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from amazon_case import checking_the_source, filings
from amazon_case import where_the_cash_goes as cash
from amazon_case.kit import ASSUMPTION, VIEW, AssumptionError
from amazon_case.where_the_cash_goes import model


@pytest.fixture(scope="module")
def data():
    return cash.load()


@pytest.fixture(scope="module")
def picture(data):
    return cash.cash_picture(data["wide"], data["cash"], data["quarterly"])


@pytest.fixture(scope="module")
def base(data):
    return cash.capital_base(data["wide"], data["cash"], 2025)


@pytest.fixture(scope="module")
def defaults(data, base):
    return cash.aws_capital_defaults(data["wide"], data["cash"], data["quarterly"], base)


@pytest.fixture(scope="module")
def loop(base, defaults):
    return cash.aws_capital_loop(base, defaults)


# --- the cash picture -------------------------------------------------------


def test_fiscal_2025_and_the_latest_twelve_months_as_printed(picture):
    # FY2025 10-K cash-flow statement (USD m): 139,514 operating; (131,819) purchases; 3,499 proceeds; FCF 11,194.
    fy = picture.loc["2025"]
    assert (fy["operating_cash_flow"], fy["capex_gross"], fy["proceeds"], fy["free_cash_flow"]) == pytest.approx(
        (139.514, 131.819, 3.499, 11.194))
    assert fy["capex_net"] == pytest.approx(128.320)
    # Q2 2026 release, twelve months ended 30 June 2026: 161,403; (173,028); 4,021; FCF (7,604).
    ttm = picture.loc["TTM Q2 2026"]
    assert ttm["kind"] == "ttm" and picture.index[-1] == "TTM Q2 2026"
    assert (ttm["operating_cash_flow"], ttm["capex_gross"], ttm["proceeds"], ttm["free_cash_flow"]) == pytest.approx(
        (161.403, 173.028, 4.021, -7.604))
    assert math.isnan(ttm["stock_based_compensation"])


def test_free_cash_flow_is_operating_cash_flow_less_net_purchases(picture):
    checked = picture.drop(index="2014")
    gap = checked["operating_cash_flow"] - checked["capex_net"] - checked["free_cash_flow"]
    assert gap.abs().max() <= 0.001  # Amazon rounds each line to the million


def test_2014_purchases_are_printed_net_only(picture):
    # The FY2015 10-K prints 2014's purchases (4,893) net of incentives, with no proceeds line.
    assert picture.at["2014", "printed_net_only"] and picture.at["2014", "proceeds"] == 0
    assert not picture.drop(index="2014")["printed_net_only"].any()


def test_lease_adjusted_measures_where_printed(picture):
    repay, equip = cash.LEASE_MEASURES
    # FY2021 (FY2022 10-K): FCF (9,069) less finance-lease principal 11,163 and financing obligations 162 = (20,394).
    assert picture.at["2021", repay] == pytest.approx(-9.069 - 11.163 - 0.162)
    # FY2024 second measure, Q4 2024 supplemental metrics: 38,219 - 572 - 767 - 669 = 36,211.
    assert picture.at["2024", equip] == pytest.approx(38.219 - 0.572 - 0.767 - 0.669)
    # Dropped after 2024: neither is printed for FY2025 or the latest twelve months.
    assert picture.loc[["2025", "TTM Q2 2026"], [repay, equip]].isna().all().all()


def test_ttm_table_ends_on_the_fiscal_year_at_the_fourth_quarter(data):
    table = cash.ttm_cash_table(data["quarterly"])
    assert list(table.index) == ["TTM Q4 2024", "TTM Q1 2025", "TTM Q2 2025", "TTM Q3 2025", "TTM Q4 2025",
                                 "TTM Q1 2026", "TTM Q2 2026"]
    assert table.at["TTM Q4 2025", "free_cash_flow"] == pytest.approx(11.194)
    assert table.at["TTM Q1 2026", "free_cash_flow"] == pytest.approx(1.232)  # "about USD 1 billion"


def test_the_cash_view_formulas():
    row = dict(capex_gross=10.0, proceeds=2.0, printed_net_only=0, free_cash_flow=5.0, fcf_less_repayments=3.0,
               has_repayments_measure=1, fcf_less_equipment=0.0, has_equipment_measure=0, stock_based_compensation=4.0,
               has_sbc=1)
    net = cash.CASH_VIEW.evaluate(**row)
    assert net["capex_drawn"] == -8.0 and net["measure_shown"] == 5.0 and net["measure_drawn"]
    gross = cash.CASH_VIEW.evaluate(**row, capex_basis="gross", measure="repayments", deduct_sbc=True)
    assert gross["capex_drawn"] == -10.0 and gross["measure_shown"] == 3.0 - 4.0
    assert gross["measure_label"] == "FCF less lease and financing repayments less stock-based compensation"
    assert not cash.CASH_VIEW.evaluate(**row, measure="equipment")["measure_drawn"]  # not printed that year
    assert not cash.CASH_VIEW.evaluate(**{**row, "has_sbc": 0}, deduct_sbc=True)["measure_drawn"]
    assert not cash.CASH_VIEW.evaluate(**{**row, "printed_net_only": 1}, capex_basis="gross")["capex_like_for_like"]
    assert all(item.origin == VIEW for item in cash.CASH_VIEW.inputs.values())


# --- net income and the gains ----------------------------------------------


def test_net_income_holds_the_named_gains(data):
    gains = cash.investment_gains(data["wide"], data["cash"], data["cash_tidy"], data["quarterly"])
    # FY2021 10-K: "a valuation gain of $11.8 billion from our equity securities of Rivian"; net income 33,364.
    assert gains.at["2021", "named_gains"] == pytest.approx(11.8) and gains.at["2021", "net_income"] == pytest.approx(33.364)
    # Releases: Q3 2025 $9.5 bn, Q1 2026 $16.8 bn, Q2 2026 $53.4 bn of other income "primarily" Anthropic.
    assert gains.at["TTM Q2 2026", "named_gains"] == pytest.approx(9.5 + 16.8 + 53.4)
    assert gains.at["TTM Q2 2026", "named_gains_note"] == "Anthropic, Q3 2025, Q1 2026, Q2 2026"
    assert math.isnan(gains.at["2024", "named_gains"])


# --- the segment note -------------------------------------------------------


def test_segment_capital_fy2025(data):
    capital = cash.segment_capital(data["wide"], data["cash"]).set_index(["fiscal_year", "segment"])
    # FY2025 10-K segment note: additions 35,919 / 7,617 / 96,496 / 2,320 = 142,352; AWS depreciation 21,450.
    assert capital.loc[2025, "additions"].sum() == pytest.approx(142.352)
    assert capital.at[(2025, "AWS"), "additions"] == pytest.approx(96.496)
    assert capital.at[(2025, "AWS"), "depreciation"] == pytest.approx(21.450)
    assert math.isnan(capital.at[(2024, "North America"), "depreciation"])  # not read
    assert capital.xs("Corporate", level="segment")["depreciation"].isna().all()


def test_segment_view_leaves_out_the_unread_depreciation():
    view = cash.capital_view(range(2014, 2026))
    row = dict(additions=10.0, depreciation=0.0, has_depreciation=0)
    assert view.evaluate(**row)["capital_drawn"] and view.evaluate(**row)["capital_shown"] == 10.0
    assert not view.evaluate(**row, measure="net")["capital_drawn"]
    assert view.evaluate(additions=10.0, depreciation=4.0, has_depreciation=1, measure="net")["capital_shown"] == 6.0
    assert view.inputs["year"].default == 2025
    text = cash.CAPITAL_READOUT.evaluate(fiscal_year=2025, aws_additions=96.496, total_additions=142.352,
                                         aws_depreciation=21.45, total_depreciation=41.86)["capital_readout"]
    assert text == "FY2025: AWS made 68% of the additions (USD 96.5 bn of 142.4 bn) and 51% of the depreciation"


# --- who funds whom ---------------------------------------------------------


def test_the_two_souls_in_fiscal_2025(data):
    souls = cash.souls_history(data["wide"], data["cash"])
    # FY2025: North America 29,619 + International 4,750 operating income; depreciation 41,860 total - 21,450 AWS;
    # additions 35,919 + 7,617. Balance sheet: payables 121,909, inventories 38,325 (FY2024: 94,363 and 34,214).
    assert souls.at[2025, "consumer_operating_income"] == pytest.approx(34.369)
    assert souls.at[2025, "consumer_depreciation"] == pytest.approx(20.410)
    assert souls.at[2025, "consumer_additions"] == pytest.approx(43.536)
    assert souls.at[2025, "suppliers_credit"] == pytest.approx(121.909 - 38.325)
    assert souls.at[2025, "suppliers_credit_change"] == pytest.approx((121.909 - 38.325) - (94.363 - 34.214))
    assert souls.at[2024, "consumer_depreciation"] == pytest.approx(32.067 - 13.320)  # the note's total less AWS
    view = cash.souls_view(range(2015, 2026))
    row = souls.loc[2025].drop(["suppliers_credit"]).to_dict() | {"fiscal_year": 2025}
    result = view.evaluate(**row)
    assert result["aws_cash"] == pytest.approx(45.606 + 21.450 - 96.496)
    assert result["consumer_cash"] == pytest.approx(34.369 + 20.410 - 43.536 + 23.435)
    assert result["souls_readout"] == "FY2025: the consumer business left USD 34.7 bn"
    assert result["souls_readout_aws"] == "AWS needed USD 29.4 bn more than it earned (cash conversion cycle: -51.1 days)"
    assert view.evaluate(**row, with_suppliers=False)["consumer_cash"] == pytest.approx(34.369 + 20.410 - 43.536)


# --- the backlog ------------------------------------------------------------


def test_backlog_dates_and_values(data):
    backlog = cash.backlog_history(data["wide"], data["cash_tidy"], data["quarterly"])
    # Q2 2026 10-Q: "approximately $ 496 billion as of June 30, 2026 ... 6.4 years"; AWS TTM sales 148,404; capex 173,028.
    latest = backlog.loc[pd.Timestamp("2026-06-30")]
    assert (latest["obligations"], latest["life"], latest["aws_sales"], latest["capex"]) == pytest.approx(
        (496, 6.4, 148.404, 173.028))
    assert math.isnan(backlog.at[pd.Timestamp("2024-12-31"), "obligations"])  # the FY2024 figure was not read
    assert backlog.at[pd.Timestamp("2024-06-30"), "call_backlog"] == pytest.approx(156.6)
    assert backlog.index.min() == pd.Timestamp("2019-12-31")


def test_backlog_formulas_by_hand():
    # 496 × 50% = 248; 248 / 148.404 = 1.67 years; 248 / 6.4 = 38.75 a year, 26% of 148.404.
    result = cash.BACKLOG.evaluate(value=496.0, scaled=1, life=6.4, aws_sales=148.404, date_label="30 Jun 2026",
                                   aws_share=0.5)
    assert result["backlog_shown"] == 248.0 and result["contracted_a_year"] == pytest.approx(38.75)
    assert result["backlog_readout"] == "30 Jun 2026: USD 248 bn = 1.7 years of AWS sales; over 6.4 years, 26% of a year's"
    call = cash.BACKLOG.evaluate(value=200.0, scaled=0, life=0.0, aws_sales=0.0, date_label="30 Sep 2025", aws_share=0.5)
    assert call["backlog_shown"] == 200.0 and call["years_of_sales"] == 0.0  # a call figure is not scaled
    assert cash.BACKLOG.inputs["aws_share"].origin == ASSUMPTION
    with pytest.raises(AssumptionError, match="aws_share"):
        cash.BACKLOG.evaluate(value=1.0, scaled=1, life=1.0, aws_sales=1.0, date_label="x", aws_share=0.4)


# --- depreciation and the model ---------------------------------------------


def test_cohort_weights_depreciate_each_year_exactly_once():
    for life, weights in {6.0: [0.5, 1, 1, 1, 1, 1, 0.5, 0, 0], 5.5: [0.5, 1, 1, 1, 1, 1, 0, 0, 0],
                          3.0: [0.5, 1, 1, 0.5, 0, 0, 0, 0, 0], 8.0: [0.5, 1, 1, 1, 1, 1, 1, 1, 0.5]}.items():
        assert [model.cohort_weight(life, age) for age in range(9)] == weights
        assert sum(weights) == life


def test_steady_spending_depreciates_at_the_rate_it_is_spent():
    # 60 a year in every cohort, any life up to eight years: depreciation is 60 a year.
    for life in (3.0, 4.5, 6.0, 8.0):
        assert model.server_depreciation(life, *[60.0] * 9) == pytest.approx(60.0)
    # Buildings: 400 added so far, 80 of it this year (half a year's charge): (400 - 40) / 40 = 9.
    assert model.building_depreciation(400.0, 80.0) == pytest.approx(9.0)


def test_the_base_year_is_fiscal_2025_as_filed(base):
    # FY2025: AWS net sales 128,725, operating income 45,606, depreciation 21,450; Amazon FCF 11,194.
    assert (base.aws_sales, base.operating_income, base.depreciation, base.free_cash_flow) == pytest.approx(
        (128.725, 45.606, 21.450, 11.194))
    # AWS additions FY2025 back to FY2017: 96,496; 53,267; 24,843; 27,755; 22,047; 16,530; 13,058; 9,783; 9,190.
    assert base.additions == pytest.approx((96.496, 53.267, 24.843, 27.755, 22.047, 16.530, 13.058, 9.783, 9.190))


def test_defaults_come_from_the_latest_actuals(defaults, base):
    # AWS net sales, twelve months to June 2026 against June 2025: 148,404 / 116,378 - 1 = 27.5%.
    assert defaults["aws_growth"] == pytest.approx(0.275)
    assert defaults["capex_intensity"] == pytest.approx(0.75)  # 96,496 / 128,725 = 74.96%
    assert defaults["margin_before_depreciation"] == pytest.approx(0.52)  # (45,606 + 21,450) / 128,725 = 52.09%
    assert defaults["server_life"] == 5.5
    # The rest of Amazon: 11.194 - (0.52 × 128.725 - 96.496) = 40.75, to the half billion.
    assert defaults["other_cash_flow"] == pytest.approx(41.0)
    share = cash.calibrated_server_share(base, 5.5)
    assert cash.modelled_depreciation(base, 5.5, share) == pytest.approx(21.450)
    assert 0.5 < share < 0.56 and defaults["server_share"] == pytest.approx(0.535)


def test_one_year_of_the_loop_by_hand(loop, base):
    first = cash.run_aws_capital(loop, base, years=1).iloc[-1]
    sales = 128.725 * 1.275
    spend = 0.75 * sales
    servers = (0.5 * spend + 96.496 + 53.267 + 24.843 + 27.755 + 22.047) / 5.5  # life 5.5: five whole years, then none
    buildings = (287.138 + spend - 0.5 * spend) / 40  # FY2014-FY2025 additions: 287,138
    depreciation = 0.535 * servers + 0.465 * buildings
    assert first["fiscal_year"] == 2026
    assert first["aws_sales"] == pytest.approx(sales) and first["capex"] == pytest.approx(spend)
    assert first["depreciation"] == pytest.approx(depreciation)
    assert first["operating_income"] == pytest.approx(0.52 * sales - depreciation)
    assert first["free_cash_flow"] == pytest.approx(41.0 + 0.52 * sales - spend)


def test_the_server_life_moves_earnings_not_cash(loop, base):
    short = cash.run_aws_capital(loop, base, server_life=4.0).iloc[-1]
    long = cash.run_aws_capital(loop, base, server_life=8.0).iloc[-1]
    assert short["depreciation"] > long["depreciation"] and short["operating_income"] < long["operating_income"]
    assert short["free_cash_flow"] == long["free_cash_flow"]


def test_no_growth_and_half_intensity_by_hand(loop, base):
    # Flat sales: capex 0.5 × 128.725 a year; FCF = 41.0 + (0.52 - 0.50) × 128.725 = 43.57 every year.
    result = cash.run_aws_capital(loop, base, years=5, aws_growth=0.0, capex_intensity=0.5)
    assert result["capex"].iloc[1:].tolist() == pytest.approx([64.3625] * 5)
    assert result["free_cash_flow"].iloc[1:].tolist() == pytest.approx([41.0 + 0.02 * 128.725] * 5)


def test_break_even_intensity_makes_the_last_year_zero(loop, base):
    intensity = cash.break_even_intensity(loop, base)
    last = cash.run_aws_capital(loop, base, capex_intensity=intensity).iloc[-1]["free_cash_flow"]
    assert abs(last) < 1e-6 and 0.5 < intensity < 0.75
    assert cash.break_even_intensity(loop, base, other_cash_flow=150.0, aws_growth=-0.1) is None  # positive throughout


def test_the_model_refuses_inputs_outside_their_bounds(loop, base):
    with pytest.raises(AssumptionError, match="server_life"):
        cash.run_aws_capital(loop, base, server_life=2.0)
    with pytest.raises(AssumptionError, match="aws_growth"):
        cash.run_aws_capital(loop, base, aws_growth=0.9)
    assert all(item.origin == ASSUMPTION for item in loop.inputs.values())
    assert all(item.label_text.startswith("Assumption: ") for item in loop.inputs.values())


def test_depreciation_backtest(data, defaults):
    backtest = cash.depreciation_backtest(data["cash"], {2022: 5.0, 2025: 5.5}, defaults["server_share"])
    assert backtest.at[2025, "filed"] == pytest.approx(21.45) and abs(backtest.at[2025, "gap"]) < 0.01
    assert abs(backtest.at[2022, "gap"]) < 0.06


def test_the_useful_life_table_quotes_the_10ks():
    changes = cash.USEFUL_LIFE_CHANGES.set_index("fiscal_year")
    # FY2020, FY2022, FY2024 10-Ks: depreciation lower by $2.7, $3.6, $3.2 bn; FY2025 10-K: higher by $1.4 bn.
    assert changes["depreciation_effect"].to_dict() == {2020: -2.7, 2022: -3.6, 2024: -3.2, 2025: 1.4}
    assert changes["filing"].str.startswith("Form 10-K for fiscal").all()
    assert cash.BUILDING_LIFE_YEARS == 40


def test_readout_of_the_model(loop, base):
    end = cash.run_aws_capital(loop, base, aws_growth=0.0, capex_intensity=0.5).iloc[-1].to_dict()
    result = cash.AWS_CAPITAL_READOUT.evaluate(**{f: end[f] for f in cash.AWS_CAPITAL_READOUT.fields})
    assert result["capital_model_readout"] == "FY2030: Amazon's free cash flow USD 44 bn; AWS capital spending USD 64 bn"


# --- words, sources and the workbench ---------------------------------------


def test_chart_words_state_the_data(data, picture, loop, base):
    assert cash.charts.cash_picture_text(picture, "x").takeaway == (
        "Net capital expenditure took 92% of operating cash flow in FY2025 and 105% in the twelve months to June 2026")
    backlog = cash.backlog_history(data["wide"], data["cash_tidy"], data["quarterly"])
    text = cash.charts.backlog_text(backlog, "x")
    assert "USD 496 bn in June 2026: 3.3 years of AWS's sales, against 1.7 at the end of 2023" in text.takeaway
    assert text.subtitle.endswith("no year-end figure read for 2024")
    capital = cash.segment_capital(data["wide"], data["cash"])
    assert cash.charts.segment_capital_text(capital, "x").takeaway.startswith("AWS took 68% of Amazon's property")
    souls = cash.souls_history(data["wide"], data["cash"])
    # FY2021: 6.35 + 12.26 - 47.66 - 2.72 = -31.8; FY2025: +34.7 and AWS -29.4.
    assert cash.charts.souls_text(souls, "x").takeaway == (
        "In FY2021 the consumer business needed USD 32 bn more than it earned; in FY2025 it left USD 35 bn and AWS "
        "needed 29 bn")
    assert "a USD 59 bn outflow in FY2030" in cash.charts.aws_capital_text(loop, base, 2019, "x").takeaway


def test_cash_citation_names_the_documents(data):
    text = cash.cash_citation(data["cash_tidy"], ["stock_based_compensation"])
    assert text.startswith("Amazon.com, Inc. Form 10-K for FY2015–FY2023 (Consolidated Statements of Cash Flows)")
    assert "Q4 2025 earnings release" in text
    segments = cash.cash_citation(data["cash_tidy"], ["segment_pe_additions_aws", "segment_depreciation_amortization_aws"])
    assert segments == "Amazon.com, Inc. Form 10-K for FY2015–FY2025 (Segment Information note)"
    lease = cash.cash_citation(data["cash_tidy"], ["fcf_less_principal_repayments_finance_leases_financing_obligations"])
    assert lease.endswith("; our arithmetic on Amazon Q4 2025 earnings release (Form 8-K, Exhibit 99.1)")
    calls = cash.cash_citation(data["cash_tidy"], ["aws_backlog_call_quoted"])
    assert "not a filing" in calls and "Q2 2024, Q2 2025, Q3 2025, Q4 2025, Q1 2026" in calls
    with pytest.raises(ValueError):
        cash.cash_citation(data["cash_tidy"], ["stock_based_compensation"], [1999])


def test_workbench_runs_the_model(loop, base):
    bench = cash.capital_workbench(loop, base, "our model")
    assert list(bench.controls) == [*loop.inputs, "years"]
    assert bench.compute().equals(cash.run_aws_capital(loop, base))
    bench.controls["capex_intensity"].value = 50.0
    assert bench.compute()["capex"].iloc[1] == pytest.approx(0.5 * 128.725 * 1.275)
    assert cash.capital_sentence(bench.compute()).startswith("By FY2030, AWS would spend USD")


def test_the_claim_this_chapter_sharpens_keeps_one_verdict(data, picture):
    from amazon_case import marketplace

    checks = checking_the_source.source_document_checks(
        data["wide"], filings.load_claims(annual=data["annual"]), filings.load_statements(), marketplace.load_fees(),
        data["quarterly"])
    row = checking_the_source.claim_row(checks, "reinvests-cash")
    years = [str(y) for y in range(2015, 2026)]
    share = picture.loc[years, "capex_net"].sum() / picture.loc[years, "operating_cash_flow"].sum()
    assert row["verdict"] == "holds" and f"{share:.0%}" in row["evidence"]
    assert checking_the_source.CHAPTERS["cash"] == "where-the-cash-goes.ipynb"
