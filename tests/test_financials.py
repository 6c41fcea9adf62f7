"""Unit tests of the book's models (amazon_case.models): worked examples by hand, and bad input."""

import math

import pandas as pd
import pytest

from amazon_case.models import (
    AssumptionError,
    cagr,
    check_claims,
    claim_verdict,
    default_projection_assumptions,
    hybrid_store_economics,
    project_segments,
    projection_summary,
    revenue_mix,
    segment_history,
)


# --- hybrid store -----------------------------------------------------------

def test_all_first_party_reports_the_whole_price():
    e = hybrid_store_economics(0.0, 0.25, 0.30, 0.5)
    assert e.reported_net_sales == pytest.approx(100)
    assert e.gross_profit == pytest.approx(25)
    assert e.gross_margin == pytest.approx(0.25)


def test_all_third_party_reports_only_fees():
    e = hybrid_store_economics(1.0, 0.25, 0.30, 0.5)
    assert e.first_party_net_sales == 0
    assert e.reported_net_sales == pytest.approx(30)
    assert e.gross_profit == pytest.approx(15)
    assert e.gross_margin == pytest.approx(0.5)


def test_half_and_half_worked_example():
    # 50 of first-party sales at 25% margin = 12.5; fees 50 * 0.3 = 15, less 50% cost = 7.5.
    e = hybrid_store_economics(0.5, 0.25, 0.30, 0.5, merchandise_value=100)
    assert e.reported_net_sales == pytest.approx(65)
    assert e.gross_profit == pytest.approx(20)
    assert e.gross_margin == pytest.approx(20 / 65)


def test_merchandise_value_scales_linearly():
    small = hybrid_store_economics(0.62, 0.2, 0.3, 0.4, merchandise_value=100)
    big = hybrid_store_economics(0.62, 0.2, 0.3, 0.4, merchandise_value=1000)
    assert big.reported_net_sales == pytest.approx(10 * small.reported_net_sales)
    assert big.gross_margin == pytest.approx(small.gross_margin)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(third_party_unit_share=1.2), "third_party_unit_share"),
        (dict(third_party_unit_share=-0.1), "third_party_unit_share"),
        (dict(third_party_take_rate=0.0), "third_party_take_rate"),
        (dict(first_party_gross_margin=float("nan")), "first_party_gross_margin"),
        (dict(third_party_cost_ratio="lots"), "third_party_cost_ratio"),
        (dict(merchandise_value=0), "merchandise_value"),
    ],
)
def test_out_of_range_assumptions_name_the_parameter(kwargs, name):
    args = dict(third_party_unit_share=0.5, first_party_gross_margin=0.25, third_party_take_rate=0.3,
                third_party_cost_ratio=0.5)
    args.update(kwargs)
    with pytest.raises(AssumptionError, match=name):
        hybrid_store_economics(**args)


def test_no_slider_edge_divides_by_zero():
    # Every corner of the allowed ranges gives a finite margin.
    for share in (0.0, 1.0):
        for take in (0.05, 0.6):
            for margin in (0.0, 0.6):
                for cost in (0.0, 1.0):
                    e = hybrid_store_economics(share, margin, take, cost)
                    assert math.isfinite(e.gross_margin)


# --- history ------------------------------------------------------------------

def _wide():
    return pd.DataFrame(
        {
            "net_sales_total": [100.0, 200.0],
            "net_sales_online_stores": [60.0, 100.0],
            "net_sales_aws": [40.0, 100.0],
            "segment_na_net_sales": [50.0, 80.0], "segment_na_operating_income": [5.0, 4.0],
            "segment_intl_net_sales": [10.0, 20.0], "segment_intl_operating_income": [-1.0, 1.0],
            "segment_aws_net_sales": [40.0, 100.0], "segment_aws_operating_income": [10.0, 30.0],
        },
        index=pd.Index([2020, 2021], name="fiscal_year"),
    )


def test_revenue_mix_shares_and_missing_categories():
    mix = revenue_mix(_wide())
    assert set(mix["category"]) == {"Online stores", "AWS"}  # categories not in the data are left out
    aws_2021 = mix[(mix.fiscal_year == 2021) & (mix.category == "AWS")].iloc[0]
    assert aws_2021.share_of_net_sales == pytest.approx(0.5)
    assert mix.groupby("fiscal_year")["share_of_net_sales"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_segment_history_margins():
    hist = segment_history(_wide())
    aws = hist[(hist.segment == "AWS") & (hist.fiscal_year == 2021)].iloc[0]
    assert aws.operating_margin == pytest.approx(0.3)
    assert len(hist) == 6


def test_segment_history_rejects_zero_sales():
    wide = _wide()
    wide.loc[2021, "segment_intl_net_sales"] = 0
    with pytest.raises(ValueError, match="segment_intl_net_sales"):
        segment_history(wide)


def test_cagr():
    assert cagr(100, 121, 2) == pytest.approx(0.10)
    with pytest.raises(ValueError):
        cagr(0, 10, 2)
    with pytest.raises(ValueError):
        cagr(10, 20, 0)


# --- projection ---------------------------------------------------------------

def _base():
    return pd.DataFrame(
        {"net_sales_musd": [100.0, 50.0, 20.0], "operating_income_musd": [5.0, -1.0, 6.0]},
        index=["North America", "International", "AWS"],
    )


def test_projection_worked_example():
    growth = {"North America": 0.10, "International": 0.0, "AWS": 0.20}
    margin = {"North America": 0.05, "International": 0.02, "AWS": 0.30}
    p = project_segments(_base(), growth, margin, base_year=2024, years=2).set_index(["fiscal_year", "segment"])
    assert p.at[(2024, "North America"), "net_sales_musd"] == 100  # base year as reported
    assert p.at[(2024, "International"), "operating_income_musd"] == -1
    assert p.at[(2026, "North America"), "net_sales_musd"] == pytest.approx(121)
    assert p.at[(2026, "North America"), "operating_income_musd"] == pytest.approx(6.05)
    assert p.at[(2026, "AWS"), "net_sales_musd"] == pytest.approx(28.8)
    assert p.at[(2026, "AWS"), "operating_income_musd"] == pytest.approx(8.64)
    # shares of 2026 net sales: 121 / (121 + 50 + 28.8)
    assert p.at[(2026, "North America"), "share_of_net_sales"] == pytest.approx(121 / 199.8)
    summary = projection_summary(p.reset_index())
    assert summary.at[2026, "operating_income_musd"] == pytest.approx(6.05 + 1.0 + 8.64)


def test_projection_share_of_income_undefined_when_total_not_positive():
    growth = dict.fromkeys(_base().index, 0.0)
    margin = dict.fromkeys(_base().index, -0.1)
    p = project_segments(_base(), growth, margin, base_year=2024, years=1)
    assert p[p.fiscal_year == 2025]["share_of_operating_income"].isna().all()


@pytest.mark.parametrize(
    "growth, margin, years, message",
    [
        ({"North America": 0.9}, {}, 5, "growth\\[North America\\]"),
        ({}, {"AWS": -0.9}, 5, "margin\\[AWS\\]"),
        ({}, {}, 0, "years"),
        ({}, {}, 11, "years"),
    ],
)
def test_projection_rejects_bad_assumptions(growth, margin, years, message):
    g = {**dict.fromkeys(_base().index, 0.05), **growth}
    m = {**dict.fromkeys(_base().index, 0.05), **margin}
    with pytest.raises(AssumptionError, match=message):
        project_segments(_base(), g, m, base_year=2024, years=years)


def test_projection_needs_every_segment():
    with pytest.raises(AssumptionError, match="International"):
        project_segments(_base(), {"North America": 0.1, "AWS": 0.1}, dict.fromkeys(_base().index, 0.1), 2024)


def test_default_assumptions_from_history():
    hist = pd.DataFrame(
        {
            "fiscal_year": [2019, 2024],
            "segment": ["AWS", "AWS"],
            "net_sales_musd": [100.0, 200.0],
            "operating_income_musd": [10.0, 74.0],
            "operating_margin": [0.1, 0.37],
        }
    )
    d = default_projection_assumptions(hist, base_year=2024, lookback_years=5)
    # 2 ** (1/5) - 1 = 14.87%, rounded to the 0.5-point slider step = 15.0%
    assert d.at["AWS", "growth"] == pytest.approx(0.15)
    assert d.at["AWS", "margin"] == pytest.approx(0.37)
    with pytest.raises(ValueError, match="2018"):
        default_projection_assumptions(hist, base_year=2023, lookback_years=5)


# --- claims -------------------------------------------------------------------

@pytest.mark.parametrize(
    "claimed, actual, qualifier, issue, verdict",
    [
        (31000, 31768, "over", "", "holds"),
        (31000, 30900, "over", "", "rounded"),
        (31000, 20000, "over", "", "does not hold"),
        (31000, 31768, "over", "different line", "mislabelled"),
        (47, 47.3, "about", "", "holds"),
        (47, 49, "about", "", "rounded"),
    ],
)
def test_claim_verdict(claimed, actual, qualifier, issue, verdict):
    assert claim_verdict(claimed, actual, qualifier, issue) == verdict


def test_claim_verdict_rejects_unknown_qualifier():
    with pytest.raises(ValueError, match="qualifier"):
        claim_verdict(1, 2, "under")


def test_check_claims_percent_uses_denominator():
    claims = pd.DataFrame(
        [{"claim_id": "x", "fiscal_year": 2021, "claimed_value": 49.0, "claimed_unit": "percent", "qualifier": "over",
          "metric": "net_sales_online_stores", "denominator_metric": "net_sales_total", "label_issue": None}]
    )
    checked = check_claims(claims, _wide())
    assert checked.iloc[0]["filed_value"] == pytest.approx(50.0)
    assert checked.iloc[0]["verdict"] == "holds"


def test_customer_split_groups_categories():
    from amazon_case.models import customer_split

    split = customer_split(_wide())
    # 2021: online stores 100 (consumers) and AWS 100 (businesses) of 200.
    assert split.at[2021, "Consumers"] == 100
    assert split.at[2021, "Businesses"] == 100
    assert split.at[2021, "business_share"] == pytest.approx(0.5)


def test_gross_margin_history():
    from amazon_case.models import gross_margin_history

    wide = _wide().assign(cost_of_sales=[70.0, 100.0], net_sales_physical_stores=[float("nan"), 0.0])
    gm = gross_margin_history(wide)
    assert gm.at[2020, "gross_margin"] == pytest.approx(0.3)
    assert gm.at[2021, "services_share"] == pytest.approx(0.5)


def test_check_quoted_accepts_matching_and_reports_every_mismatch():
    from amazon_case.prose import QuotedFigureError, check_quoted

    check_quoted({"a": (0.3703, ".1%", "37.0%"), "b": (716924 / 1000, ",.0f", "717")})
    with pytest.raises(QuotedFigureError) as info:
        check_quoted({"a": (0.3703, ".1%", "37.1%"), "b": (2.0, ".0f", "2"), "c": (0.5, ".0%", "49%")})
    assert "a: the text says '37.1%'" in str(info.value) and "c:" in str(info.value) and "b:" not in str(info.value)
