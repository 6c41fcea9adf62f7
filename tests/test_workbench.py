"""Tests of the live-notebook workbench (amazon_case.kit.workbench), driven without a browser."""

import pytest

from amazon_case import financials
from amazon_case.kit import ASSUMPTION, AssumptionError, Input
from amazon_case.kit.workbench import Workbench


@pytest.fixture()
def bench(history):
    assumptions = financials.default_projection_assumptions(history, base_year=2024)
    return financials.projection_workbench(history, assumptions, base_year=2024, source="10-Ks")


def test_workbench_shows_the_projection_at_start(bench):
    assert "FY2029" in bench.sentence.value
    assert "<table" in bench.table.value and "2029" in bench.table.value
    assert "FY2029" in bench.last_chart.to_dict()["title"]["text"]


def test_workbench_sliders_are_the_charts_declarations(bench):
    """Same label, bounds, step and default as the chart's slider: one declaration."""
    growth = bench.controls["aws_growth"]
    declared = financials.PROJECTION.inputs["aws_growth"]
    assert growth.description == declared.label_text
    assert (growth.min, growth.max, growth.step) == (-20, 40, 0.5)


def test_moving_a_slider_recomputes_the_model(bench):
    before_table, before_sentence = bench.table.value, bench.sentence.value
    bench.controls["aws_growth"].value = 5.0
    assert bench.values()["aws_growth"] == pytest.approx(0.05)
    assert bench.table.value != before_table and bench.sentence.value != before_sentence
    totals = financials.projection_summary(bench.compute())
    assert f"${totals.at[2029, 'net_sales_musd'] / 1000:,.0f} billion" in bench.sentence.value
    assert f"USD {totals.at[2029, 'operating_income_musd'] / 1000:,.0f} billion" in bench.last_chart.to_dict()["title"]["text"]


def test_years_slider_changes_the_horizon(bench):
    bench.controls["years"].value = 2
    assert "FY2026" in bench.sentence.value
    assert "2027" not in bench.table.value


def test_negative_total_income_is_explained_not_divided(bench):
    for key in financials.SEGMENT_KEYS.values():
        bench.controls[f"{key}_margin"].value = -10.0
    assert "not be positive" in bench.sentence.value


def test_a_refused_setting_shows_a_message_not_a_traceback():
    """The workbench converts percent to fractions, recomputes on every move, and shows a refusal as text."""
    calls = []

    def model(rate, count):
        calls.append((rate, count))
        if count == 0:
            raise AssumptionError("parameter 'count' = 0 must be positive")
        return rate * count

    inputs = [Input("rate", "rate", "%", 0.25, 0, 1, 1, ASSUMPTION, "ours"),
              Input("count", "count", "", 4, 0, 10, 1, ASSUMPTION, "ours")]
    bench = Workbench("Toy", inputs, compute=model, describe=lambda r: f"result {r:.3f}",
                      tabulate=lambda r: f"<table><td>{r}</td></table>")
    assert calls == [(0.25, 4)] and "result 1.000" in bench.sentence.value
    bench.controls["rate"].value = 50
    assert calls[-1] == (0.5, 4) and "result 2.000" in bench.sentence.value
    bench.controls["count"].value = 0
    assert "refuses these settings" in bench.sentence.value and "count" in bench.sentence.value
    assert bench.table.value == "" and bench.result is None and bench.last_chart is None
    assert "model-workbench" in bench._dom_classes
