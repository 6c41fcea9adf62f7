"""Tests of the live-notebook workbench (amazon_case.workbench), driven without a browser."""

import pytest

from amazon_case import data, models, workbench
from amazon_case.workbench import ProjectionWorkbench


@pytest.fixture()
def bench():
    history = models.segment_history(data.annual_wide(data.load_annual()))
    base = history[history["fiscal_year"] == 2024].set_index("segment")
    assumptions = models.default_projection_assumptions(history, base_year=2024)
    return ProjectionWorkbench(base, assumptions, base_year=2024)


def test_workbench_shows_the_projection_at_start(bench):
    assert "FY2029" in bench.sentence.value
    assert "<table" in bench.table.value and "2029" in bench.table.value
    assert "FY2029" in bench.last_chart.to_dict()["title"]["text"]


def test_moving_a_slider_recomputes_the_model(bench):
    before_table, before_sentence = bench.table.value, bench.sentence.value
    bench.growth["AWS"].value = 5.0
    assert bench.table.value != before_table
    assert bench.sentence.value != before_sentence
    # The sentence states what the model returns for the new settings.
    expected = models.projection_summary(bench.projection()).at[2029, "net_sales_musd"] / 1000
    assert f"${expected:,.0f} billion" in bench.sentence.value
    income = models.projection_summary(bench.projection()).at[2029, "operating_income_musd"] / 1000
    assert f"USD {income:,.0f} billion" in bench.last_chart.to_dict()["title"]["text"]


def test_years_slider_changes_the_horizon(bench):
    bench.years.value = 2
    assert "FY2026" in bench.sentence.value
    assert "2027" not in bench.table.value


def test_negative_total_income_is_explained_not_divided(bench):
    for segment in bench.margin:
        bench.margin[segment].value = -10.0
    assert "not be positive" in bench.sentence.value


def test_invalid_assumption_shows_a_message_not_a_traceback(bench, monkeypatch):
    def refuse(*args, **kwargs):
        raise models.AssumptionError("parameter 'growth[AWS]' = 0.9 is outside the allowed range [-0.2, 0.4]")

    monkeypatch.setattr(workbench, "project_segments", refuse)
    bench.growth["AWS"].value = 10.0
    assert "refuses these settings" in bench.sentence.value and "growth[AWS]" in bench.sentence.value
    assert bench.table.value == ""
    assert bench.last_chart is None


def test_model_workbench_passes_model_units_and_redraws():
    """The generic workbench converts percent sliders to fractions and recomputes on every move."""
    calls = []

    def model(rate, count):
        calls.append((rate, count))
        if count == 0:
            raise models.AssumptionError("parameter 'count' = 0 must be positive")
        return rate * count

    bench = workbench.ModelWorkbench(
        "Toy", {"rate": workbench.percent_slider("Rate (%)", 0.25, (0, 1)),
                "count": workbench.number_slider("Count", 4, (0, 10), 1)},
        compute=model, describe=lambda r: f"result {r:.3f}", tabulate=lambda r: f"<table><td>{r}</td></table>",
    )
    assert calls == [(0.25, 4)] and "result 1.000" in bench.sentence.value
    bench.controls["rate"].widget.value = 50
    assert calls[-1] == (0.5, 4) and "result 2.000" in bench.sentence.value
    bench.controls["count"].widget.value = 0
    assert "refuses these settings" in bench.sentence.value and "count" in bench.sentence.value
    assert bench.table.value == "" and bench.result is None
    assert "model-workbench" in bench._dom_classes
