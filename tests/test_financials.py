"""Unit tests of the Financials chapter (amazon_case.financials): the projection by hand, defaults, bad input."""

import pandas as pd
import pytest

from amazon_case import financials
from amazon_case.financials import (PROJECTION, default_projection_assumptions, project_segments, projection_rows,
                                    projection_summary)
from amazon_case.kit import AssumptionError
from amazon_case.kit.display import title_text


def _history():
    """Three segments, base year 2024 (the numbers of a worked example, not Amazon's)."""
    rows = [("North America", 100.0, 5.0), ("International", 50.0, -1.0), ("AWS", 20.0, 6.0)]
    return pd.DataFrame([{"fiscal_year": 2024, "segment": s, "net_sales_musd": n, "operating_income_musd": o,
                          "operating_margin": o / n} for s, n, o in rows])


def _inputs(growth=(0.10, 0.0, 0.20), margin=(0.05, 0.02, 0.30)):
    keys = list(financials.SEGMENT_KEYS.values())
    return {**{f"{k}_growth": g for k, g in zip(keys, growth)}, **{f"{k}_margin": m for k, m in zip(keys, margin)}}


def test_projection_worked_example():
    p = project_segments(_history(), 2024, years=2, **_inputs()).set_index(["fiscal_year", "segment"])
    assert p.at[(2024, "North America"), "net_sales_musd"] == 100  # base year as reported
    assert p.at[(2024, "International"), "operating_income_musd"] == -1
    assert p.at[(2026, "North America"), "net_sales_musd"] == pytest.approx(121)
    assert p.at[(2026, "North America"), "operating_income_musd"] == pytest.approx(6.05)
    assert p.at[(2026, "AWS"), "net_sales_musd"] == pytest.approx(28.8)
    assert p.at[(2026, "AWS"), "operating_income_musd"] == pytest.approx(8.64)
    assert p.at[(2026, "North America"), "share_of_net_sales"] == pytest.approx(121 / 199.8)
    summary = projection_summary(p.reset_index())
    assert summary.at[2026, "operating_income_musd"] == pytest.approx(6.05 + 1.0 + 8.64)


def test_projection_share_of_income_undefined_when_total_not_positive():
    p = project_segments(_history(), 2024, years=1, **_inputs(growth=(0, 0, 0), margin=(-0.1, -0.1, -0.1)))
    assert p[p.fiscal_year == 2025]["share_of_operating_income"].isna().all()


@pytest.mark.parametrize(
    "change, years, message",
    [({"na_growth": 0.9}, 5, "na_growth"), ({"aws_margin": -0.9}, 5, "aws_margin"), ({}, 0, "years"),
     ({}, 11, "years"), ({"intl_growth": "fast"}, 5, "intl_growth")],
)
def test_projection_rejects_bad_assumptions(change, years, message):
    with pytest.raises(AssumptionError, match=message):
        project_segments(_history(), 2024, years=years, **{**_inputs(), **change})


def test_projection_rows_need_the_base_year():
    with pytest.raises(ValueError, match="2023"):
        projection_rows(_history(), 2023)


def test_default_assumptions_from_history():
    hist = pd.DataFrame({"fiscal_year": [2019, 2024], "segment": ["AWS", "AWS"], "net_sales_musd": [100.0, 200.0],
                         "operating_income_musd": [10.0, 74.0], "operating_margin": [0.1, 0.37]})
    d = default_projection_assumptions(hist, base_year=2024, lookback_years=5)
    # 2 ** (1/5) - 1 = 14.87%, rounded to the 0.5-point slider step = 15.0%
    assert d.at["AWS", "growth"] == pytest.approx(0.15)
    assert d.at["AWS", "margin"] == pytest.approx(0.37)
    with pytest.raises(ValueError, match="2018"):
        default_projection_assumptions(hist, base_year=2023, lookback_years=5)


def test_projection_sliders_are_the_declared_inputs():
    assert PROJECTION.param_names() == ("na_growth", "na_margin", "intl_growth", "intl_margin", "aws_growth", "aws_margin")
    growth = PROJECTION.inputs["intl_growth"]
    assert (growth.low, growth.high, growth.step) == (-0.2, 0.4, 0.5)
    assert growth.label_text == "Assumption: International growth per year (%)"


def test_projection_chart_starts_at_the_filed_defaults_and_states_the_outcome(history):
    assumptions = default_projection_assumptions(history, base_year=2024)
    spec = financials.projection_chart(history, assumptions, 2024, "10-Ks").to_dict()
    params = {p["name"]: p["value"] for p in spec["params"]}
    assert params["aws_growth"] == pytest.approx(assumptions.at["AWS", "growth"] * 100)
    assert params["na_margin"] == pytest.approx(assumptions.at["North America", "margin"] * 100)
    inputs = financials.projection_model(assumptions).inputs.defaults()
    p = project_segments(history, 2024, 5, **inputs)
    share = p.set_index(["fiscal_year", "segment"]).at[(2029, "AWS"), "share_of_operating_income"]
    assert f"{share:.0%}" in title_text(spec)


def test_projection_readout_in_words():
    words = financials.projection_readout(2029, 1_500_000, 190_000, 120_000)
    assert words == "FY2029: net sales USD 1,500 bn; operating income USD 190 bn, 63% of it from AWS"
    assert "not positive" in financials.projection_readout(2029, 1_500_000, -5_000, 120_000)


def test_mix_and_segment_views_compute_the_chosen_measure():
    assert financials.shown("usd", 107.6, 16.9) == 107.6 and financials.shown("share", 107.6, 16.9) == 16.9
    assert financials.segment_shown("margin", 0.37, 39_834, 107_556) == pytest.approx(37.0)
    assert financials.segment_shown("income", 0.37, 39_834, 107_556) == pytest.approx(39.834)
    assert financials.panel_label("AWS", 107.556, 16.86) == "AWS: USD 107.6 bn, 16.9%"


def test_mix_chart_carries_every_category_year(wide):
    from amazon_case.filings import UNAUDITED_YEARS, revenue_mix

    spec = financials.revenue_mix_chart(revenue_mix(wide), "10-Ks", UNAUDITED_YEARS).to_dict()
    rows = next(v for v in spec["datasets"].values() if v and "category" in v[0])
    assert len(rows) == len(revenue_mix(wide))
    assert {r["fiscal_year"] for r in rows} == set(range(2014, 2026))


def test_a_chart_without_a_source_is_refused(history):
    with pytest.raises(ValueError, match="source"):
        financials.segment_chart(history, source=" ")
