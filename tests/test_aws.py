"""Unit tests of amazon_case.aws: AWS's weight in Amazon's results, the go-to-market model, the what-if.

Expected values are worked out by hand from the formulas in the docstrings, or
read from the data's own totals (not through the functions under test).
"""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from amazon_case import aws, display, models
from amazon_case.models import AssumptionError


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
    assert weight.at[2024, "margin_AWS"] == pytest.approx(39834 / 107556)
    # FY2022: the retail segments lost money, so AWS earned more than the total.
    assert weight.at[2022, "aws_share_of_operating_income"] > 1.8


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


def test_growth_chart_title_and_alt_text_come_from_the_data(history):
    audited = history[history["fiscal_year"] <= 2024]
    spec = aws.aws_growth_chart(audited, source="test source").to_dict()
    # 107,556 / 4,644 = 23.2, and 39,834 / 458 = 87.0
    assert display.title_text(spec).startswith("AWS's net sales grew 23-fold in 10 years, and its operating income 87-fold")
    assert spec["title"]["subtitle"][-1] == "Source: test source"
    assert "4.6 to 107.6 billion" in spec["description"] and len(spec["description"]) > 80


def test_weight_chart_has_its_year_slider_and_counts_the_years(history):
    weight = aws.aws_weight(history[history["fiscal_year"] <= 2024])
    spec = aws.aws_weight_chart(weight, source="test source").to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert set(params) == set(aws.WEIGHT_PARAMS)
    assert params["weight_year"]["bind"]["min"] == 2014 and params["weight_year"]["bind"]["max"] == 2024
    # AWS's share of operating income exceeded its share of net sales in every year 2014-2024 (margins above Amazon's).
    assert display.title_text(spec) == "AWS's share of profit beat its share of sales in all 11 years, FY2014–FY2024"
    assert "NaN" not in json.dumps(spec)


# ---------------------------------------------------------------------------
# The go-to-market model
# ---------------------------------------------------------------------------


def test_expected_lifetime_is_the_sum_of_survival_probabilities():
    assert aws.expected_lifetime_years(0.5, 3) == pytest.approx(1 + 0.5 + 0.25)
    assert aws.expected_lifetime_years(0.0, 10) == pytest.approx(1.0)
    assert aws.expected_lifetime_years(1.0, 10) == pytest.approx(10.0)
    # Continuous as retention approaches 1: no jump at the horizon's cap.
    assert aws.expected_lifetime_years(0.999999, 10) == pytest.approx(10.0, rel=1e-4)


def test_motion_economics_by_hand():
    e = aws.motion_economics(cac=10, acv=20, gross_margin=0.5, retention=0.0)
    assert (e.annual_gross_profit, e.lifetime_years, e.ltv, e.ltv_to_cac, e.payback_months) == pytest.approx(
        (10.0, 1.0, 10.0, 1.0, 12.0))
    e = aws.motion_economics(cac=100, acv=200, gross_margin=0.4, retention=0.5, horizon_years=2)
    # gross profit 80 a year, 1.5 expected years, LTV 120, LTV/CAC 1.2, payback 12 * 100 / 80 = 15 months
    assert (e.ltv, e.ltv_to_cac, e.payback_months) == pytest.approx((120.0, 1.2, 15.0))


def test_budget_allocation_by_hand():
    a = aws.budget_allocation(
        0.25,
        self_serve={"cac": 1, "acv": 2, "gross_margin": 0.5, "retention": 0.0},
        sales_led={"cac": 100, "acv": 200, "gross_margin": 0.4, "retention": 0.5},
        budget_musd=100, horizon_years=2,
    )
    # USD 75 m / USD 1 k = 75,000 customers paying USD 2 k once: USD 150 m; gross profit USD 75 m.
    # USD 25 m / USD 100 k = 250 customers paying USD 200 k for 1.5 years: USD 75 m; gross profit USD 30 m.
    assert a.customers == pytest.approx({"self_serve": 75_000, "sales_led": 250})
    assert a.first_year_revenue_musd == pytest.approx({"self_serve": 150, "sales_led": 50})
    assert a.lifetime_revenue_musd == pytest.approx({"self_serve": 150, "sales_led": 75})
    assert a.sales_led_revenue_share == pytest.approx(75 / 225)
    assert a.sales_led_first_year_share == pytest.approx(50 / 200)
    assert a.gross_profit_per_dollar == pytest.approx(105 / 100)


def test_budget_sweep_ends_are_all_one_motion_and_the_mix_rises():
    sweep = aws.budget_sweep(aws.GTM_DEFAULTS["self_serve"], aws.GTM_DEFAULTS["sales_led"])
    assert list(sweep["sales_led_pct"]) == list(range(101))
    assert sweep["sales_led_revenue_share"].iloc[0] == 0 and sweep["sales_led_revenue_share"].iloc[-1] == 1
    assert sweep["sales_led_revenue_share"].is_monotonic_increasing
    assert sweep.notna().all().all()


@pytest.mark.parametrize("field, value", [("cac", 0), ("acv", -1), ("gross_margin", 0), ("gross_margin", 1.2),
                                          ("retention", -0.1), ("retention", float("nan"))])
def test_bad_motion_inputs_are_refused_by_name(field, value):
    inputs = dict(cac=1, acv=2, gross_margin=0.5, retention=0.5) | {field: value}
    with pytest.raises(AssumptionError, match=field):
        aws.motion_economics(**inputs)


def test_bad_budget_inputs_are_refused_by_name():
    ok = aws.GTM_DEFAULTS["self_serve"]
    with pytest.raises(AssumptionError, match=r"'sales_led_share' = 1\.5"):
        aws.budget_allocation(1.5, ok, ok)
    with pytest.raises(AssumptionError, match="budget_musd"):
        aws.budget_allocation(0.5, ok, ok, budget_musd=0)
    with pytest.raises(AssumptionError, match="lacks"):
        aws.budget_allocation(0.5, ok, {"cac": 1})
    with pytest.raises(AssumptionError, match="horizon_years"):
        aws.expected_lifetime_years(0.5, 0)


def test_every_slider_end_gives_finite_economics():
    """The sliders' extremes, alone and together, never give NaN or infinity."""
    for key, ranges in aws.GTM_RANGES.items():
        for end in (0, 1):
            inputs = {name: bounds[end] for name, bounds in ranges.items()}
            e = aws.motion_economics(**inputs)
            assert all(math.isfinite(v) for v in e.as_dict().values()), (key, end, e)
            for share in (0.0, 1.0):
                a = aws.budget_allocation(share, inputs, inputs)
                assert math.isfinite(a.sales_led_revenue_share) and math.isfinite(a.gross_profit_per_dollar)


def test_defaults_lie_on_their_sliders():
    for key, defaults in aws.GTM_DEFAULTS.items():
        for name, value in defaults.items():
            low, high = aws.GTM_RANGES[key][name]
            step = aws.GTM_STEPS[key][name] / (100 if name in ("gross_margin", "retention") else 1)
            assert low <= value <= high
            assert abs((value - low) / step - round((value - low) / step)) < 1e-9, (key, name)


def test_gtm_chart_binds_every_input_and_states_the_defaults():
    spec = aws.gtm_chart(source="test source").to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert set(params) == set(aws.GTM_PARAMS)
    assert all("bind" in p for p in params.values())
    assumptions = [p for p in params.values() if p["bind"]["name"].startswith("Assumption: ")]
    assert len(assumptions) == 8
    # Defaults: self-serve 0.72 k a year for 2.485 years over a 0.6 k cost = 2.98; sales force 250 k for 6.513 years / 400 k = 4.07.
    assert display.title_text(spec) == (
        "At our defaults, a sales force customer returns 4.1× its cost, a self-serve customer 3.0×")
    assert params["self_serve_retention"]["value"] == 60 and params["sales_led_cac"]["value"] == 400


def test_gtm_expressions_read_only_declared_parameters():
    import re

    names = set()
    for expression in aws.gtm_expressions().values():
        names |= set(re.findall(r"(?<!datum\.)\b((?:self_serve|sales_led)_[a-z_]+)\b", expression))
    assert names and names <= set(aws.GTM_PARAMS)


def test_workbench_sentence_table_and_chart_describe_the_allocation():
    a = aws.budget_allocation(0.5, aws.GTM_DEFAULTS["self_serve"], aws.GTM_DEFAULTS["sales_led"])
    sentence = aws.allocation_sentence(a)
    assert sentence.startswith("With 50% of USD 100 million spent on the sales force")
    assert "62% of it from enterprises" in sentence
    assert "<table" in aws.allocation_table_html(a)
    chart = aws.gtm_result_chart(a, source="test source").to_dict()
    assert display.title_text(chart).startswith("50% of the budget on the sales force brings 62%")


# ---------------------------------------------------------------------------
# What-if
# ---------------------------------------------------------------------------


def test_aws_projection_changes_only_aws(history):
    base = history[history["fiscal_year"] == 2024].set_index("segment")
    assumptions = models.default_projection_assumptions(history, base_year=2024)
    result = aws.aws_projection(base, assumptions, 2024, aws_growth=0.10, aws_margin=0.20).set_index(
        ["fiscal_year", "segment"])
    # By hand: AWS FY2026 = 107,556 * 1.1^2, operating income 20% of it.
    assert result.at[(2026, "AWS"), "net_sales_musd"] == pytest.approx(107556 * 1.21)
    assert result.at[(2026, "AWS"), "operating_income_musd"] == pytest.approx(107556 * 1.21 * 0.2)
    na_growth = assumptions.at["North America", "growth"]
    assert result.at[(2026, "North America"), "net_sales_musd"] == pytest.approx(387497 * (1 + na_growth) ** 2)
    with pytest.raises(AssumptionError, match=r"growth\[AWS\]"):
        aws.aws_projection(base, assumptions, 2024, aws_growth=0.9, aws_margin=0.2)


def test_whatif_chart_binds_only_aws_and_fixes_the_others(history):
    assumptions = models.default_projection_assumptions(history, base_year=2024)
    spec = aws.aws_whatif_chart(history, assumptions, base_year=2024, source="test source").to_dict()
    params = {p["name"]: p for p in spec["params"]}
    bound = {name for name, p in params.items() if "bind" in p}
    assert bound == set(aws.WHATIF_PARAMS)
    assert params["na_growth"]["value"] == pytest.approx(assumptions.at["North America", "growth"] * 100)
    assert params["aws_margin"]["value"] == pytest.approx(37.0)
    # Title: AWS's share of FY2029 operating income at the defaults, from the Python model.
    projection = models.project_segments(
        history[history["fiscal_year"] == 2024].set_index("segment"),
        assumptions["growth"].to_dict(), assumptions["margin"].to_dict(), 2024, 5)
    end = projection[projection["fiscal_year"] == 2029].set_index("segment")
    share = end.at["AWS", "operating_income_musd"] / end["operating_income_musd"].sum()
    assert f"{share:.0%} of Amazon's operating income in FY2029" in display.title_text(spec)


def test_gtm_workbench_recomputes_the_model_when_a_slider_moves():
    bench = aws.gtm_workbench()
    assert bench.values()["sales_led_share"] == pytest.approx(0.5)
    assert bench.values()["sales_led:cac"] == 400 and bench.values()["self_serve:acv"] == pytest.approx(1.2)
    assert bench.result.sales_led_revenue_share == pytest.approx(
        aws.budget_allocation(0.5, aws.GTM_DEFAULTS["self_serve"], aws.GTM_DEFAULTS["sales_led"]).sales_led_revenue_share)
    bench.controls["sales_led_share"].widget.value = 0
    assert bench.result.sales_led_revenue_share == 0
    assert "With 0% of USD 100 million" in bench.sentence.value
    bench.controls["sales_led:retention"].widget.value = 100  # percent: 10 paid years for every customer
    assert bench.result.economics["sales_led"].lifetime_years == pytest.approx(10.0)
