"""Tests of the chart builders (amazon_case.charts): structure of the Vega-Lite specs, not pixels."""

import re
import textwrap

import altair as alt
import pandas as pd
import pytest

from amazon_case import charts, data, display, models


@pytest.fixture(scope="module")
def assumptions(history):
    return models.default_projection_assumptions(history, base_year=2024)


@pytest.fixture(scope="module")
def built(wide, history, assumptions):
    checked = models.check_claims(data.load_claims(), wide)
    money = checked[checked["claimed_unit"] == "USD millions"]
    return {
        "hybrid": (charts.hybrid_store_chart("model: ours", 0.62, "Q4 2024"), charts.HYBRID_PARAMS),
        "claims": (charts.claims_chart(money.assign(claim=money["subject"], claimed_usd_bn=money["claimed_value"] / 1000,
                                                    filed_usd_bn=money["filed_value"] / 1000, filed_line=money["metric"]),
                                       source="FY2021 10-K"), ()),
        "mix": (charts.revenue_mix_chart(models.revenue_mix(wide), "10-Ks", data.UNAUDITED_YEARS), charts.MIX_PARAMS),
        "segments": (charts.segment_chart(history[history["fiscal_year"] <= 2024], "10-Ks"), charts.SEGMENT_PARAMS),
        "projection": (charts.projection_chart(history, assumptions, base_year=2024, source="10-Ks"),
                       charts.PROJECTION_PARAMS),
    }


NAMES = ["hybrid", "claims", "mix", "segments", "projection"]


@pytest.mark.parametrize("name", NAMES)
def test_chart_is_valid_vega_lite_with_title_and_alt_text(built, name):
    chart, _ = built[name]
    assert isinstance(chart, alt.TopLevelMixin)
    spec = chart.to_dict()  # validates against the Vega-Lite schema
    assert len(display.title_text(spec)) > 20
    assert spec["title"]["subtitle"][0]
    assert any(line.startswith("Source: ") for line in spec["title"]["subtitle"]), "the chart does not name its source"
    assert len(spec["description"]) > 80


@pytest.mark.parametrize("name", NAMES)
def test_every_control_is_a_named_bound_parameter(built, name):
    chart, expected = built[name]
    params = chart.to_dict().get("params", [])
    bound = [p for p in params if "bind" in p]
    assert tuple(p["name"] for p in bound) == tuple(expected)
    for p in bound:
        assert p["bind"].get("name"), f"parameter {p['name']} has no visible label"
        if p["bind"]["input"] == "range":
            assert p["bind"]["min"] <= p["value"] <= p["bind"]["max"]


def _expressions(spec):
    """Every Vega expression string in a spec (calculate, filter, expr)."""
    found = []

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key in ("calculate", "filter", "expr") and isinstance(value, str):
                    found.append(value)
                else:
                    walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)

    walk(spec)
    return found


@pytest.mark.parametrize("name", ["hybrid", "mix", "segments", "projection"])
def test_expressions_only_use_defined_parameters(built, name):
    chart, expected = built[name]
    spec = chart.to_dict()
    names = set(expected)
    used = set()
    for expr in _expressions(spec):
        bare = re.sub(r"'[^']*'|datum\.\w+", "", expr)
        used |= set(re.findall(r"\b([a-z_]+_[a-z_]+|[a-z]+)\b(?!\s*\()", bare))
    keywords = {"datum", "true", "false", "null"}
    assert names <= used, f"parameters never used in any expression: {names - used}"
    assert not {u for u in used - names - keywords if "_" in u}, "an expression names an unknown parameter"


def test_hybrid_defaults_match_the_model(built):
    params = {p["name"]: p["value"] for p in built["hybrid"][0].to_dict()["params"]}
    assert params["take_rate"] == pytest.approx(models.HYBRID_DEFAULTS["third_party_take_rate"] * 100)
    assert params["first_party_margin"] == pytest.approx(models.HYBRID_DEFAULTS["first_party_gross_margin"] * 100)
    assert params["third_party_cost"] == pytest.approx(models.HYBRID_DEFAULTS["third_party_cost_ratio"] * 100)
    assert params["third_party_share"] == 62


def test_hybrid_slider_ranges_are_the_model_ranges(built):
    binds = {p["name"]: p["bind"] for p in built["hybrid"][0].to_dict()["params"]}
    low, high = models.HYBRID_RANGES["third_party_take_rate"]
    assert (binds["take_rate"]["min"], binds["take_rate"]["max"]) == (low * 100, high * 100)
    assert binds["take_rate"]["min"] > 0, "a zero take rate with every unit third-party would divide by zero"


def test_projection_sliders_start_at_the_filed_defaults(built, assumptions):
    params = {p["name"]: p["value"] for p in built["projection"][0].to_dict()["params"]}
    assert params["aws_growth"] == pytest.approx(assumptions.at["AWS", "growth"] * 100)
    assert params["na_margin"] == pytest.approx(assumptions.at["North America", "margin"] * 100)
    low, high = models.GROWTH_RANGE
    bind = next(p["bind"] for p in built["projection"][0].to_dict()["params"] if p["name"] == "intl_growth")
    assert (bind["min"], bind["max"]) == (low * 100, high * 100)


def test_projection_title_states_the_default_outcome(built, history, assumptions):
    base = history[history["fiscal_year"] == 2024].set_index("segment")
    p = models.project_segments(base, assumptions["growth"].to_dict(), assumptions["margin"].to_dict(), 2024, 5)
    share = p.set_index(["fiscal_year", "segment"]).at[(2029, "AWS"), "share_of_operating_income"]
    assert f"{share:.0%}" in display.title_text(built["projection"][0].to_dict())


def test_mix_chart_carries_every_category_year(built, wide):
    spec = built["mix"][0].to_dict()
    rows = next(v for v in spec["datasets"].values() if v and "category" in v[0])
    assert len(rows) == len(models.revenue_mix(wide))
    assert {r["fiscal_year"] for r in rows} == set(range(2014, 2026))


def test_claims_title_counts_verdicts(built):
    title = display.title_text(built["claims"][0].to_dict())
    assert title.startswith("7 of the document's 8 dollar figures for 2021 hold")
    assert "1 mislabelled" in title


def test_a_chart_without_a_source_is_refused(history):
    with pytest.raises(ValueError, match="source"):
        charts.segment_chart(history, source=" ")


def test_chart_source_is_read_back_from_the_subtitle(built):
    from amazon_case.display import chart_source

    assert chart_source(built["segments"][0].to_dict()) == "10-Ks"
    assert chart_source({"title": {"text": "t", "subtitle": ["what", "Source: a long", "citation"]}}) == "a long citation"
    assert chart_source({"title": "no subtitle"}) == ""


def test_figure_csv_holds_every_dataset_row_and_the_source():
    import csv
    import io

    from amazon_case.display import figure_csv

    years = pd.DataFrame({"fiscal_year": [2023, 2024], "value": [1.5, 2.5]})
    labels = pd.DataFrame({"label": ["a"]})
    chart = alt.layer(
        alt.Chart(years).mark_line().encode(x="fiscal_year:O", y="value:Q"),
        alt.Chart(labels).mark_text().encode(text="label:N"),
    ).properties(title=alt.TitleParams("T", subtitle=["What", "Source: Form 10-K, FY2024"]))
    rows = list(csv.DictReader(io.StringIO(figure_csv(chart.to_dict()))))
    assert [r["table"] for r in rows] == ["table 1", "table 1", "table 2"]
    assert [r["value"] for r in rows] == ["1.5", "2.5", ""] and rows[2]["label"] == "a"
    assert {r["source"] for r in rows} == {"Form 10-K, FY2024"}
    with pytest.raises(ValueError, match="no inline data"):
        figure_csv({"mark": "point", "data": {"url": "x.csv"}})


@pytest.mark.parametrize("limit", [20, 40, 68])
def test_titles_wrap_evenly_within_the_limit(limit):
    """Every line fits; no line is a lone last word; the words and their order are kept."""
    text = "The flywheel loop, year by year (loop gain 0.68); every loop strength is an assumption: move them"
    lines = charts._wrap_evenly(text, limit)
    assert all(len(line) <= limit for line in lines)
    assert " ".join(lines) == text
    assert len(lines) == len(textwrap.wrap(text, limit))
    assert min(map(len, lines)) >= 0.5 * max(map(len, lines)), lines
