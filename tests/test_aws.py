"""Unit tests of amazon_case.aws: AWS's weight in Amazon's results, the go-to-market model, the what-if.

Expected values are worked out by hand from the formulas in the docstrings, read from the
filed figures (the FY2024 and FY2025 10-K segment notes, the quarterly earnings releases), or
typed from the chapter's table of defaults: never taken from the functions under test.
"""

from __future__ import annotations

import math

import pandas as pd
import pytest

from amazon_case import aws, filings, financials
from amazon_case.kit import AssumptionError
from amazon_case.kit.display import bound_parameters, expressions, title_text

# The chapter's table of default assumptions, typed from its text (money in US dollars for both motions,
# fractions for percent).
CHAPTER_DEFAULTS = {
    "self_serve": {"cac": 600, "acv": 1200, "gross_margin": 0.60, "retention": 0.60},
    "sales_led": {"cac": 400_000, "acv": 500_000, "gross_margin": 0.50, "retention": 0.90},
}

# Segment notes (USD millions): net sales and operating income, FY2024 and FY2025 10-Ks; FY2023 net sales.
FY2024 = {"North America": (387497, 24967), "International": (142906, 3792), "AWS": (107556, 39834)}
FY2025 = {"North America": (426305, 29619), "International": (161894, 4750), "AWS": (128725, 45606)}
FY2023_SALES = {"North America": 352828, "International": 131200, "AWS": 90757}

# AWS per quarter, three months (USD millions), from Amazon's earnings releases: net sales, operating income.
AWS_QUARTERS = {(2024, 1): (25037, 9421), (2024, 2): (26281, 9334), (2024, 3): (27452, 10447),
                (2024, 4): (28786, 10632), (2025, 1): (29267, 11547), (2025, 2): (30873, 10160),
                (2025, 3): (33006, 11434), (2025, 4): (35579, 12465), (2026, 1): (37587, 14161),
                (2026, 2): (42232, 16621)}
# The other segments' net sales and operating income, Q3 2025 to Q2 2026 (the four quarters of the TTM).
NA_TTM_QUARTERS = [(106267, 4789), (127083, 11472), (104143, 8267), (116177, 9123)]
INTL_TTM_QUARTERS = [(40896, 1199), (50724, 1040), (39789, 1424), (42197, 1717)]


@pytest.fixture(scope="module")
def quarterly():
    return filings.load_quarterly()


# ---------------------------------------------------------------------------
# History
# ---------------------------------------------------------------------------


def test_aws_weight_matches_the_filed_totals(wide, history):
    weight = aws.aws_weight(history)
    for year in (2014, 2019, 2022, 2024):
        assert weight.at[year, "aws_share_of_net_sales"] == pytest.approx(
            wide.at[year, "segment_aws_net_sales"] / wide.at[year, "net_sales_total"], abs=1e-4)
        assert weight.at[year, "aws_share_of_operating_income"] == pytest.approx(
            wide.at[year, "segment_aws_operating_income"] / wide.at[year, "operating_income_total"], abs=1e-4)
    # By hand from the FY2024 10-K segment note: 39,834 / (24,967 + 3,792 + 39,834) and 39,834 / 107,556.
    assert weight.at[2024, "aws_share_of_operating_income"] == pytest.approx(39834 / 68593)
    assert weight.at[2024, "aws_share_of_net_sales"] == pytest.approx(107556 / (387497 + 142906 + 107556))
    assert weight.at[2024, "margin_AWS"] == pytest.approx(39834 / 107556)
    # FY2022: the retail segments lost money, so AWS earned more than the total.
    assert weight.at[2022, "aws_share_of_operating_income"] > 1.8
    # FY2025, by hand from the FY2025 10-K: 45,606 / (29,619 + 4,750 + 45,606) and 128,725 / 716,924.
    assert weight.at[2025, "aws_share_of_operating_income"] == pytest.approx(45606 / 79975)
    assert weight.at[2025, "aws_share_of_net_sales"] == pytest.approx(128725 / 716924)
    assert f"{weight.at[2025, 'aws_share_of_net_sales']:.0%}" == "18%"  # the chapters' one figure for AWS's weight
    assert weight.at[2025, "period"] == "2025"


def test_aws_weight_leaves_the_share_undefined_when_total_income_is_not_positive():
    history = pd.DataFrame({
        "fiscal_year": [2030] * 3, "segment": ["North America", "International", "AWS"],
        "net_sales_musd": [100.0, 50.0, 50.0], "operating_income_musd": [-30.0, -10.0, 20.0],
        "operating_margin": [-0.3, -0.2, 0.4],
    })
    weight = aws.aws_weight(history)
    assert math.isnan(weight.at[2030, "aws_share_of_operating_income"])
    assert weight.at[2030, "aws_share_of_net_sales"] == pytest.approx(0.25)


def test_aws_weight_needs_an_aws_segment():
    history = pd.DataFrame({"fiscal_year": [2030], "segment": ["North America"], "net_sales_musd": [1.0],
                            "operating_income_musd": [0.0], "operating_margin": [0.0]})
    with pytest.raises(ValueError, match="no AWS segment"):
        aws.aws_weight(history)


def test_weight_readout_states_the_year_and_says_when_the_share_is_undefined():
    view = aws.weight_view([2014, 2024])
    row = {"fiscal_year": 2024, "aws_share_of_net_sales": 0.17, "aws_share_of_operating_income": 0.58, "margin_AWS": 0.37}
    assert view.evaluate(**row)["weight_readout"] == (
        "FY2024: AWS made 17% of net sales and 58% of operating income, at a 37.0% margin")
    row |= {"fiscal_year": 2030, "aws_share_of_operating_income": math.nan}
    assert view.evaluate(**row)["weight_readout"] == (
        "FY2030: AWS made 17% of net sales and an undefined share of operating income, at a 37.0% margin")


def test_growth_chart_text_comes_from_the_data(history):
    audited = history[history["fiscal_year"] <= 2024]
    aws_rows = aws.with_periods(audited[audited["segment"] == "AWS"])
    text = aws.aws_growth_text(aws_rows, "test source")
    # 107,556 / 4,644 = 23.2, and 39,834 / 458 = 87.0
    assert text.takeaway == "AWS's net sales grew 23-fold in 10 years, and its operating income 87-fold"
    assert "4.6 to 107.6 billion" in text.description and "from 10% to 37%" in text.description
    spec = aws.aws_growth_chart(audited, source="test source").to_dict()
    assert title_text(spec) == text.takeaway and spec["title"]["subtitle"][-1] == "Source: test source"
    assert spec["description"] == text.description and bound_parameters(spec) == []
    assert "TTM" not in " ".join(spec["title"]["subtitle"])


def test_growth_chart_draws_the_last_twelve_months_after_the_years(history, quarterly):
    ttm = aws.segment_ttm(quarterly, 2026, 2)
    spec = aws.aws_growth_chart(history, source="test source", ttm=ttm).to_dict()
    # FY2025: 128,725 / 4,644 = 27.7-fold in 11 years; 45,606 / 458 = 99.6-fold.
    assert title_text(spec) == "AWS's net sales grew 28-fold in 11 years, and its operating income 100-fold"
    rows = {(row["period"], row["measure"]): row for data in spec["datasets"].values() for row in data if "period" in row}
    assert sorted(key for key, row in rows.items() if row["ttm"]) == [("TTM Q2 2026", "Net sales"),
                                                                      ("TTM Q2 2026", "Operating income")]
    # TTM AWS net sales by hand: 33,006 + 35,579 + 37,587 + 42,232 = 148,404.
    assert rows[("TTM Q2 2026", "Net sales")]["usd_bn"] == pytest.approx(148.404)
    assert not rows[("2025", "Net sales")]["ttm"]
    x = spec["layer"][0]["encoding"]["x"]
    assert x["scale"]["domain"][-2:] == ["2025", "TTM Q2 2026"] and "['TTM', 'Q2 2026']" in x["axis"]["labelExpr"]
    assert "TTM Q2 2026: the four quarters to Q2 2026 (quarterly releases, unaudited)" in " ".join(
        spec["title"]["subtitle"])
    assert "148.4 billion US dollars at a 37% margin" in spec["description"]


def test_weight_chart_text_counts_the_years(history):
    weight = aws.aws_weight(history[history["fiscal_year"] <= 2024])
    # AWS's share of operating income exceeded its share of net sales in every year 2014-2024 (margins above Amazon's).
    assert aws.aws_weight_text(weight, "s").takeaway == \
        "AWS's share of profit beat its share of sales in all 11 years, FY2014–FY2024"
    lower = weight.copy()
    lower.loc[2015, "aws_share_of_operating_income"] = 0.01  # below its 2015 share of sales
    lower.loc[2016, "aws_share_of_operating_income"] = math.nan  # undefined: does not count as beating it
    assert aws.aws_weight_text(lower, "s").takeaway == "AWS's share of profit beat its share of sales in 9 of 11 years"


def test_weight_chart_has_its_year_slider(history):
    weight = aws.aws_weight(history[history["fiscal_year"] <= 2024])
    spec = aws.aws_weight_chart(weight, source="test source").to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert list(params) == ["weight_year"]
    assert (params["weight_year"]["bind"]["min"], params["weight_year"]["bind"]["max"]) == (2014, 2024)
    assert params["weight_year"]["value"] == 2024 and params["weight_year"]["bind"]["name"].strip() == "Year marked"
    marked = aws.aws_weight_chart(weight, source="test source", year=2022).to_dict()
    assert {p["name"]: p for p in marked["params"]}["weight_year"]["value"] == 2022
    assert "NaN" not in str(spec)


def test_weight_chart_adds_the_last_twelve_months_as_hollow_points(history, quarterly):
    weight = aws.aws_weight(history)
    ttm = aws.aws_weight(aws.segment_ttm(quarterly, 2026, 2))
    # By hand, the four quarters to Q2 2026: AWS 54,681 of 33,651 + 5,380 + 54,681 = 93,712 of operating income,
    # 148,404 of 453,670 + 173,606 + 148,404 = 775,680 of net sales.
    assert ttm.iloc[0]["aws_share_of_operating_income"] == pytest.approx(54681 / 93712)
    assert ttm.iloc[0]["aws_share_of_net_sales"] == pytest.approx(148404 / 775680)
    spec = aws.aws_weight_chart(weight, source="test source", ttm=ttm).to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert (params["weight_year"]["bind"]["min"], params["weight_year"]["bind"]["max"]) == (2014, 2025)
    hollow = [layer for panel in spec["vconcat"] for layer in panel["layer"]
              if isinstance(layer.get("mark"), dict) and layer["mark"].get("filled") is False]
    assert len(hollow) == 2  # the shares and the margins
    assert "Hollow points: TTM Q2 2026" in " ".join(spec["title"]["subtitle"])
    assert "TTM Q2 2026: 19% of net sales, 58% of operating income, a 37% margin" in spec["description"]


# ---------------------------------------------------------------------------
# The latest quarters
# ---------------------------------------------------------------------------


def test_previous_quarters_cross_the_year():
    assert aws.previous_quarters(2026, 2, 4) == [(2025, 3), (2025, 4), (2026, 1), (2026, 2)]
    assert aws.previous_quarters(2025, 1, 2) == [(2024, 4), (2025, 1)]
    with pytest.raises(ValueError, match="quarter"):
        aws.previous_quarters(2025, 5, 4)


def test_segment_ttm_adds_up_the_four_quarters_by_hand(quarterly):
    ttm = aws.segment_ttm(quarterly, 2026, 2).set_index("segment")
    aws_sales = sum(AWS_QUARTERS[q][0] for q in [(2025, 3), (2025, 4), (2026, 1), (2026, 2)])
    aws_income = sum(AWS_QUARTERS[q][1] for q in [(2025, 3), (2025, 4), (2026, 1), (2026, 2)])
    assert (aws_sales, aws_income) == (148404, 54681)
    assert ttm.at["AWS", "net_sales_musd"] == aws_sales and ttm.at["AWS", "operating_income_musd"] == aws_income
    assert ttm.at["North America", "net_sales_musd"] == sum(s for s, _ in NA_TTM_QUARTERS)
    assert ttm.at["International", "operating_income_musd"] == sum(i for _, i in INTL_TTM_QUARTERS)
    assert ttm.at["AWS", "operating_margin"] == pytest.approx(54681 / 148404)
    assert set(ttm["period"]) == {"TTM Q2 2026"} and set(ttm["fiscal_year"]) == {2026}
    # A year earlier: 27,452 + 28,786 + 29,267 + 30,873 = 116,378, so AWS grew 27.5%.
    before = aws.segment_ttm(quarterly, 2025, 2).set_index("segment")
    assert before.at["AWS", "net_sales_musd"] == 116378
    assert f"{148404 / 116378 - 1:.1%}" == "27.5%"


def test_segment_ttm_names_a_missing_quarter(quarterly):
    # The four quarters to Q1 2024 are Q2 2023 to Q1 2024; the file starts in Q1 2024.
    with pytest.raises(ValueError, match="lacks Q2 2023, Q3 2023, Q4 2023 for the twelve months to Q1 2024"):
        aws.segment_ttm(quarterly, 2024, 1)


def test_twelve_months_to_a_fourth_quarter_are_the_fiscal_year(quarterly, wide):
    fy2025 = aws.segment_ttm(quarterly, 2025, 4).set_index("segment")
    for segment, (sales, income) in FY2025.items():
        assert fy2025.at[segment, "net_sales_musd"] == pytest.approx(sales, abs=1)
        assert fy2025.at[segment, "operating_income_musd"] == pytest.approx(income, abs=1)


def test_latest_quarter_is_the_last_with_every_segment(quarterly):
    assert aws.latest_quarter(quarterly) == (2026, 2)
    without = quarterly[~((quarterly["fiscal_year"] == 2026) & (quarterly["quarter"] == 2)
                          & (quarterly["metric"] == "segment_intl_net_sales"))]
    assert aws.latest_quarter(without) == (2026, 1)
    assert aws.ttm_label(2026, 2) == "TTM Q2 2026" and aws.quarter_name(2025, 3) == "Q3 2025"


def test_quarterly_growth_compares_each_quarter_with_the_same_quarter_a_year_earlier(quarterly):
    growth = aws.aws_quarterly_growth(quarterly).set_index("period")
    assert list(growth.index) == [f"Q{q} {y}" for y, q in AWS_QUARTERS]
    assert growth.loc[["Q1 2024", "Q4 2024"], "yoy_growth"].isna().all()
    for (year, quarter), (sales, income) in AWS_QUARTERS.items():
        if year >= 2025:
            assert growth.at[f"Q{quarter} {year}", "yoy_growth"] == pytest.approx(
                sales / AWS_QUARTERS[(year - 1, quarter)][0] - 1)
        assert growth.at[f"Q{quarter} {year}", "operating_margin"] == pytest.approx(income / sales)
    assert f"{42232 / 30873 - 1:.1%}" == "36.8%" and f"{29267 / 25037 - 1:.1%}" == "16.9%"


def test_quarters_chart_says_growth_re_accelerated(quarterly):
    quarters = aws.aws_quarterly_growth(quarterly)
    text = aws.aws_quarters_text(quarters, "s")
    # 29,267 / 25,037 - 1 = 16.9% in Q1 2025, the lowest; 42,232 / 30,873 - 1 = 36.8% in Q2 2026.
    assert text.takeaway == "AWS's growth re-accelerated: from 17% in Q1 2025 to 37% in Q2 2026"
    assert "the quarterly file starts in Q1 2024" in text.subtitle
    grown = quarters["yoy_growth"].notna()
    slowing = quarters.copy()  # the same rates, in reverse order: from 36.8% down to 16.9%
    slowing.loc[grown, "yoy_growth"] = quarters.loc[grown, "yoy_growth"].to_numpy()[::-1]
    assert aws.aws_quarters_text(slowing, "s").takeaway == "AWS's growth slowed: from 37% in Q1 2025 to 17% in Q2 2026"
    spec = aws.aws_quarters_chart(quarters, "test source").to_dict()
    assert bound_parameters(spec) == [] and spec["title"]["subtitle"][-1] == "Source: test source"


def test_quarterly_source_names_the_releases_in_order(quarterly):
    source = aws.quarterly_source(quarterly, ["segment_aws_net_sales"], aws.previous_quarters(2026, 2, 4))
    assert source == ("Amazon's earnings releases (Form 8-K, Exhibit 99.1) for Q3 2025, Q4 2025, Q1 2026 and "
                      "Q2 2026; unaudited")
    # Q1 2024 to Q2 2026: the file read Q1 and Q3 2024 from the Q3 2024 release, Q2 and Q4 2024 and Q1 2025 from the
    # Q2 2025 release (their quarterly tables), each later quarter from its own release.
    every = aws.quarterly_source(quarterly, ["segment_aws_net_sales"], list(AWS_QUARTERS))
    assert every == ("Amazon's earnings releases (Form 8-K, Exhibit 99.1) for Q3 2024, Q2 2025, Q3 2025, Q4 2025, "
                     "Q1 2026 and Q2 2026, which also give the earlier quarters; unaudited")
    other = quarterly.assign(document="A note of ours")
    assert aws.quarterly_source(other, ["segment_aws_net_sales"], [(2026, 2)]) == "A note of ours"
    with pytest.raises(ValueError, match="no quarterly figures"):
        aws.quarterly_source(quarterly, ["segment_aws_net_sales"], [(2019, 1)])


# ---------------------------------------------------------------------------
# The go-to-market model: inputs
# ---------------------------------------------------------------------------


def test_defaults_are_the_chapters_table():
    for motion, defaults in CHAPTER_DEFAULTS.items():
        assert aws.GTM_DEFAULTS[motion] == pytest.approx(defaults), motion
    assert aws.DEFAULT_SALES_LED_SHARE == 0.5
    assert aws.HORIZON_YEARS == 10 and aws.DEFAULT_BUDGET_MUSD == 100


def test_sliders_show_both_motions_money_in_us_dollars():
    """(low, high, step) as the reader sees them; every amount of money in USD, the sales force's as well."""
    shown = {name: (item.shown(item.low), item.shown(item.high), item.step) for name, item in aws.GTM_INPUTS.items()}
    assert shown == {
        "self_serve_cac": (50, 5000, 50), "self_serve_acv": (100, 20000, 100),
        "self_serve_gross_margin": (5, 90, 1), "self_serve_retention": (0, 100, 1),
        "sales_led_cac": (10_000, 1_000_000, 10_000), "sales_led_acv": (50_000, 5_000_000, 50_000),
        "sales_led_gross_margin": (5, 90, 1), "sales_led_retention": (0, 100, 1),
        "sales_led_share": (0, 100, 1),
    }
    assert {aws.GTM_INPUTS[f"{m}_{x}"].unit for m in aws.MOTIONS for x in ("cac", "acv")} == {"USD"}


def test_every_default_lies_on_its_slider_and_the_assumptions_say_so():
    for name, item in aws.GTM_INPUTS.items():
        position = (item.shown(item.default) - item.shown(item.low)) / item.step
        assert position == pytest.approx(round(position), abs=1e-9), name
        if name == "sales_led_share":
            assert item.label_text == "Share of the budget spent on the sales force (%)"
        else:
            assert item.label_text.startswith("Assumption: "), name
    assert aws.GTM_INPUTS["sales_led_cac"].label_text == "Assumption: sales force acquisition cost (USD)"
    assert aws.GTM_INPUTS["self_serve_cac"].label_text == "Assumption: self-serve acquisition cost (USD)"


# ---------------------------------------------------------------------------
# The go-to-market model: worked examples
# ---------------------------------------------------------------------------


def test_expected_lifetime_is_the_sum_of_survival_probabilities():
    assert aws.expected_lifetime_years(0.5, 3) == pytest.approx(1 + 0.5 + 0.25)
    assert aws.expected_lifetime_years(0.0, 10) == pytest.approx(1.0)
    assert aws.expected_lifetime_years(1.0, 10) == pytest.approx(10.0)
    # Continuous as retention approaches 1: no jump at the horizon's cap.
    assert aws.expected_lifetime_years(0.999999, 10) == pytest.approx(10.0, rel=1e-4)


def test_motion_economics_by_hand():
    # Self-serve, USD: USD 2,000 a year at 50% is USD 1,000 of gross profit, paid for one year only.
    e = aws.motion_economics("self_serve", cac=1000, acv=2000, gross_margin=0.5, retention=0.0)
    assert (e.cac, e.acv, e.annual_gross_profit, e.lifetime_years, e.ltv, e.ltv_to_cac, e.payback_months) == \
        pytest.approx((1000.0, 2000.0, 1000.0, 1.0, 1000.0, 1.0, 12.0))
    # Sales force, USD: gross profit 80,000 a year, 1.5 expected years, LTV 120,000, LTV/CAC 1.2,
    # payback 12 * 100,000 / 80,000 = 15.
    e = aws.motion_economics("sales_led", cac=100_000, acv=200_000, gross_margin=0.4, retention=0.5, horizon_years=2)
    assert (e.ltv, e.ltv_to_cac, e.payback_months) == pytest.approx((120_000.0, 1.2, 15.0))


def test_motion_economics_at_the_chapters_defaults():
    # Self-serve: USD 1,200 * 60% = 720 a year for (1 - 0.6**10) / 0.4 = 2.4849 years; over a USD 600 cost.
    e = aws.motion_economics("self_serve", **CHAPTER_DEFAULTS["self_serve"])
    assert e.lifetime_years == pytest.approx((1 - 0.6**10) / 0.4)
    assert (e.ltv, e.ltv_to_cac, e.payback_months) == pytest.approx((720 * 2.484883456, 720 * 2.484883456 / 600, 10))
    # Sales force: USD 250,000 a year for (1 - 0.9**10) / 0.1 = 6.5132 years over USD 400,000;
    # payback 12 * 400,000 / 250,000 = 19.2. The chapter's USD 1,628,304.
    e = aws.motion_economics("sales_led", **CHAPTER_DEFAULTS["sales_led"])
    assert (e.ltv, e.ltv_to_cac, e.payback_months) == pytest.approx(
        (250_000 * 6.513215599, 250_000 * 6.513215599 / 400_000, 19.2))
    assert f"{e.ltv:,.0f}" == "1,628,304"


def test_budget_allocation_by_hand():
    a = aws.budget_allocation(
        0.25,
        self_serve={"cac": 1000, "acv": 2000, "gross_margin": 0.5, "retention": 0.0},
        sales_led={"cac": 100_000, "acv": 200_000, "gross_margin": 0.4, "retention": 0.5},
        budget_musd=100, horizon_years=2,
    )
    # USD 75 m / USD 1,000 = 75,000 customers paying USD 2,000 once: USD 150 m; gross profit USD 75 m.
    # USD 25 m / USD 100,000 = 250 customers paying USD 200,000 for 1.5 years: USD 75 m; gross profit USD 30 m.
    assert a.customers == pytest.approx({"self_serve": 75_000, "sales_led": 250})
    assert a.first_year_revenue_musd == pytest.approx({"self_serve": 150, "sales_led": 50})
    assert a.lifetime_revenue_musd == pytest.approx({"self_serve": 150, "sales_led": 75})
    assert a.lifetime_gross_profit_musd == pytest.approx({"self_serve": 75, "sales_led": 30})
    assert a.sales_led_revenue_share == pytest.approx(75 / 225)
    assert a.sales_led_first_year_share == pytest.approx(50 / 200)
    assert a.gross_profit_per_dollar == pytest.approx(105 / 100)
    assert a.readout == "At 25% to the sales force: 33% of revenue from enterprises, $1.05 gross profit per $1"
    assert a.economics["sales_led"].ltv == pytest.approx(120_000)


def test_budget_allocation_at_the_chapters_defaults():
    a = aws.budget_allocation(0.5, CHAPTER_DEFAULTS["self_serve"], CHAPTER_DEFAULTS["sales_led"])
    # USD 50 m / USD 600 = 83,333 self-serve customers; USD 50 m / USD 400,000 = 125 enterprises.
    assert a.customers == pytest.approx({"self_serve": 50e6 / 600, "sales_led": 125})
    self_serve, sales_led = 100 * (1 - 0.6**10) / 0.4, 62.5 * (1 - 0.9**10) / 0.1  # lifetime revenue, USD m
    assert a.sales_led_revenue_share == pytest.approx(sales_led / (self_serve + sales_led))
    assert a.gross_profit_per_dollar == pytest.approx((0.6 * self_serve + 0.5 * sales_led) / 100)


def test_budget_sweep_ends_are_all_one_motion_and_the_mix_rises():
    sweep = aws.budget_sweep(CHAPTER_DEFAULTS["self_serve"], CHAPTER_DEFAULTS["sales_led"])
    assert list(sweep["sales_led_pct"]) == list(range(101))
    assert sweep["sales_led_revenue_share"].iloc[0] == 0 and sweep["sales_led_revenue_share"].iloc[-1] == 1
    assert sweep["sales_led_revenue_share"].is_monotonic_increasing
    assert sweep.notna().all().all()
    # All on one motion: gross profit per dollar is that motion's LTV/CAC (the chapter's 2.98 and 4.07).
    assert sweep["gross_profit_per_dollar"].iloc[0] == pytest.approx(720 * 2.484883456 / 600)
    assert sweep["gross_profit_per_dollar"].iloc[-1] == pytest.approx(250_000 * 6.513215599 / 400_000)


def test_readouts_by_hand():
    assert aws.CUSTOMER_ECONOMICS.formula("customer_label")(2.98, 9.96) == "3.0× · payback 10.0 mo"
    assert aws.CUSTOMER_ECONOMICS.formula("customer_label")(4.07, 19.2) == "4.1× · payback 19 mo"
    # An exact half rounds up, as the chart's Vega does (Python alone would write 6.2 and 12).
    assert aws.CUSTOMER_ECONOMICS.formula("customer_label")(6.25, 12.5) == "6.3× · payback 13 mo"
    assert aws.BUDGET_SPLIT.formula("split_readout")(0.5, 0.62, 3.526) == \
        "At 50% to the sales force: 62% of revenue from enterprises, $3.53 gross profit per $1"


def test_every_slider_end_gives_finite_economics():
    """The sliders' extremes, alone and together, never give NaN or infinity."""
    for end in ("low", "high"):
        values = {name: getattr(item, end) for name, item in aws.GTM_INPUTS.items()}
        motions = aws.split_by_motion(values)
        for key in aws.MOTIONS:
            e = aws.motion_economics(key, **motions[key])
            assert all(math.isfinite(v) for v in e.as_dict().values()), (key, end, e)
        for share in (0.0, 1.0):
            a = aws.budget_allocation(share, **motions)
            assert math.isfinite(a.sales_led_revenue_share) and math.isfinite(a.gross_profit_per_dollar)


# ---------------------------------------------------------------------------
# The go-to-market model: bad inputs
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("motion, field, value", [
    ("self_serve", "cac", 0), ("self_serve", "acv", -1), ("self_serve", "gross_margin", 0),
    ("self_serve", "gross_margin", 1.2), ("self_serve", "retention", -0.1), ("self_serve", "retention", float("nan")),
    ("sales_led", "cac", 5), ("sales_led", "acv", "a lot"), ("sales_led", "retention", True),
])
def test_bad_motion_inputs_are_refused_by_name(motion, field, value):
    inputs = dict(CHAPTER_DEFAULTS[motion]) | {field: value}
    with pytest.raises(AssumptionError, match=f"{motion}_{field}"):
        aws.motion_economics(motion, **inputs)


def test_bad_budget_inputs_are_refused_by_name():
    ok = CHAPTER_DEFAULTS
    with pytest.raises(AssumptionError, match=r"'sales_led_share' = 1\.5"):
        aws.budget_allocation(1.5, ok["self_serve"], ok["sales_led"])
    with pytest.raises(AssumptionError, match="budget_musd"):
        aws.budget_allocation(0.5, ok["self_serve"], ok["sales_led"], budget_musd=0)
    with pytest.raises(AssumptionError, match=r"'sales_led' lacks \['acv'"):
        aws.budget_allocation(0.5, ok["self_serve"], {"cac": 100})
    with pytest.raises(AssumptionError, match="churn"):
        aws.budget_allocation(0.5, ok["self_serve"] | {"churn": 0.1}, ok["sales_led"])
    with pytest.raises(AssumptionError, match="'motion' = 'partners'"):
        aws.motion_economics("partners", 1, 1, 0.5, 0.5)
    for horizon in (0, 2.5, True, 51):
        with pytest.raises(AssumptionError, match="horizon_years"):
            aws.expected_lifetime_years(0.5, horizon)


# ---------------------------------------------------------------------------
# The go-to-market chart and workbench
# ---------------------------------------------------------------------------


def test_gtm_text_states_the_defaults():
    a = aws.budget_allocation(0.5, CHAPTER_DEFAULTS["self_serve"], CHAPTER_DEFAULTS["sales_led"])
    text = aws.gtm_text(a, "test source")
    # 2.98 and 4.07 (worked above): the sales force returns more per dollar.
    assert text.takeaway == "At our defaults, a sales force customer returns 4.1× its cost, a self-serve customer 3.0×"
    assert "payback of 10 and 19 months" in text.description and "brings 62% of the revenue" in text.description
    # Lower the sales force's retention to 70%: (1 - 0.7**10) / 0.3 = 3.240 years, 250,000 * 3.240 / 400,000 = 2.03.
    lower = aws.budget_allocation(0.5, CHAPTER_DEFAULTS["self_serve"], CHAPTER_DEFAULTS["sales_led"] | {"retention": 0.7})
    assert aws.gtm_text(lower, "s").takeaway == \
        "At our defaults, a self-serve customer returns 3.0× its cost, a sales force customer 2.0×"


def test_gtm_chart_binds_every_input_and_computes_only_formulas():
    spec = aws.gtm_chart(source="test source").to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert tuple(bound_parameters(spec)) == aws.GTM_PARAMS and len(aws.GTM_PARAMS) == 9
    assert sum(p["bind"]["name"].startswith("Assumption: ") for p in params.values()) == 8
    assert params["gtm_self_serve_retention"]["value"] == 60 and params["gtm_sales_led_cac"]["value"] == 400_000
    assert params["gtm_self_serve_cac"]["value"] == 600 and params["gtm_sales_led_share"]["value"] == 50
    assert title_text(spec) == "At our defaults, a sales force customer returns 4.1× its cost, a self-serve customer 3.0×"
    compiled = {**aws.CUSTOMER_ECONOMICS.expressions(), **aws.BUDGET_SPLIT.expressions()}
    calculated = [e for e in expressions(spec) if not e.startswith("datum.sales_led_pct ==")]
    assert set(calculated) == set(compiled.values())  # every calculation in the chart is a model's formula
    changed = aws.gtm_chart("s", defaults={"sales_led_retention": 0.7}).to_dict()
    assert {p["name"]: p for p in changed["params"]}["gtm_sales_led_retention"]["value"] == 70


def test_workbench_sliders_are_the_charts_controls():
    bench = aws.gtm_workbench()
    spec = aws.gtm_chart(source="test source").to_dict()
    for param in spec["params"]:
        control = bench.controls[param["name"].removeprefix("gtm_")]
        assert (control.description, control.min, control.max, control.step, control.value) == pytest.approx(
            (param["bind"]["name"].strip(), param["bind"]["min"], param["bind"]["max"], param["bind"]["step"],
             param["value"])), param["name"]


def test_workbench_recomputes_the_model_when_a_slider_moves():
    bench = aws.gtm_workbench()
    assert bench.values()["sales_led_share"] == pytest.approx(0.5)
    assert bench.values()["sales_led_cac"] == 400_000 and bench.values()["self_serve_acv"] == 1200
    self_serve, sales_led = 100 * (1 - 0.6**10) / 0.4, 62.5 * (1 - 0.9**10) / 0.1  # lifetime revenue, USD m
    assert bench.result.sales_led_revenue_share == pytest.approx(sales_led / (self_serve + sales_led))
    assert aws.allocation_sentence(bench.result).startswith("With 50% of USD 100 million spent on the sales force")
    assert "62% of it from enterprises" in bench.sentence.value and "<table" in bench.table.value
    assert title_text(bench.last_chart.to_dict()).startswith("50% of the budget on the sales force brings 62%")
    bench.controls["sales_led_share"].value = 0
    assert bench.result.sales_led_revenue_share == 0
    assert "With 0% of USD 100 million" in bench.sentence.value
    bench.controls["sales_led_retention"].value = 100  # percent: 10 paid years for every customer
    assert bench.result.economics["sales_led"].lifetime_years == pytest.approx(10.0)


# ---------------------------------------------------------------------------
# What-if
# ---------------------------------------------------------------------------

def rounded_half_point(x):
    return round(x * 200) / 200


# The projection's defaults at FY2025, worked out from the segment notes: growth a year over FY2023-FY2025
# (NA (426,305 / 352,828) ** 0.5 - 1 = 9.9%, International 11.1%, AWS 19.1%) and the FY2025 margin
# (29,619 / 426,305 = 6.9%, 4,750 / 161,894 = 2.9%, 45,606 / 128,725 = 35.4%), each to the nearest half point.
FINANCIALS_DEFAULTS = {
    f"{key}_{kind}": rounded_half_point(value)
    for segment, key in (("North America", "na"), ("International", "intl"), ("AWS", "aws"))
    for kind, value in (("growth", (FY2025[segment][0] / FY2023_SALES[segment]) ** 0.5 - 1),
                        ("margin", FY2025[segment][1] / FY2025[segment][0]))
}


@pytest.fixture(scope="module")
def assumptions(history):
    return financials.default_projection_assumptions(history, base_year=2025)


def test_the_defaults_worked_out_by_hand():
    assert FINANCIALS_DEFAULTS == pytest.approx({"na_growth": 0.10, "na_margin": 0.07, "intl_growth": 0.11,
                                                 "intl_margin": 0.03, "aws_growth": 0.19, "aws_margin": 0.355})


def test_whatif_inputs_change_only_aws(assumptions):
    assert aws.whatif_inputs(assumptions) == pytest.approx(FINANCIALS_DEFAULTS)
    assert aws.whatif_inputs(assumptions, aws_margin=0.2) == pytest.approx(FINANCIALS_DEFAULTS | {"aws_margin": 0.2})


def test_projection_with_aws_values_changes_only_aws(history, assumptions):
    result = financials.project_segments(history, 2025, 5, **aws.whatif_inputs(assumptions, 0.10, 0.20)).set_index(
        ["fiscal_year", "segment"])
    # By hand: AWS FY2027 = 128,725 * 1.1^2, operating income 20% of it; North America at its 10% growth.
    assert result.at[(2027, "AWS"), "net_sales_musd"] == pytest.approx(128725 * 1.21)
    assert result.at[(2027, "AWS"), "operating_income_musd"] == pytest.approx(128725 * 1.21 * 0.2)
    assert result.at[(2027, "North America"), "net_sales_musd"] == pytest.approx(426305 * 1.10**2)
    with pytest.raises(AssumptionError, match="aws_growth"):
        financials.project_segments(history, 2025, 5, **aws.whatif_inputs(assumptions, aws_growth=0.9))


def test_whatif_text_states_aws_share_at_the_defaults(history, assumptions):
    # FY2030 operating income by hand: each FY2025 segment grown five years at its rate, times its margin.
    income = {s: FY2025[s][0] * (1 + FINANCIALS_DEFAULTS[f"{k}_growth"]) ** 5 * FINANCIALS_DEFAULTS[f"{k}_margin"]
              for s, k in (("North America", "na"), ("International", "intl"), ("AWS", "aws"))}
    share = income["AWS"] / sum(income.values())
    assert f"{share:.0%}" == "66%" and f"{sum(income.values()) / 1000:,.0f}" == "165"
    text = aws.aws_whatif_text(history, assumptions, 2025, 5, 2020, "test source")
    assert text.takeaway == ("At its FY2023–FY2025 growth and FY2025 margin, AWS would earn 66% of Amazon's "
                             "operating income in FY2030")
    assert "at the defaults, 19.0% and 35.5%" in text.description
    assert "growth a year over FY2023–FY2025 and its FY2025 margin" in text.subtitle


def test_whatif_chart_binds_only_aws_and_writes_the_others_in(history, assumptions):
    spec = aws.aws_whatif_chart(history, assumptions, base_year=2025, source="test source").to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert list(params) == ["aws_growth", "aws_margin"] and all("bind" in p for p in params.values())
    assert (params["aws_growth"]["value"], params["aws_margin"]["value"]) == pytest.approx((19.0, 35.5))
    assert params["aws_growth"]["bind"]["name"].strip() == "Assumption: AWS growth per year (%)"
    growth = next(e for e in expressions(spec) if "aws_growth" in e)
    assert "0.11" in growth and "na_growth" not in growth and "intl_growth" not in growth  # fixed at the defaults
    assert title_text(spec).endswith("AWS would earn 66% of Amazon's operating income in FY2030")


def test_share_of_operating_income_by_hand():
    share = aws.OPERATING_INCOME_SHARE.evaluate(operating_income_musd=39834, total_operating_income_musd=68593)
    assert share["share_of_operating_income"] == pytest.approx(0.5807, abs=1e-4)
    with pytest.raises(AssumptionError, match="total_operating_income_musd"):
        aws.OPERATING_INCOME_SHARE.evaluate(operating_income_musd=1, total_operating_income_musd=0)
