"""Tests of the kit (amazon_case.kit): the formula translator, input declarations, models, loops, style.

Each translated formula is also run by Vega's own engine here, at a few values, against Python.
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd
import pytest

import kit_examples as ex
from amazon_case.kit import (AMAZON, ASSUMPTION, VIEW, AssumptionError, Choice, Field, FormulaError, Input, Loop,
                             Model, QuotedFigureError, check_quoted, formula)
from amazon_case.kit.style import ChartText, wrap_evenly
from vega_engine import evaluate_in_vega

# --- the translator ------------------------------------------------------------------------------


def test_a_formula_still_runs_as_python():
    assert ex.contribution(139, 50, 5, 1000, 0.1) == pytest.approx(139 + 100 - 250)
    assert ex.contribution.arguments == ("fee", "orders", "cost", "spend", "margin")
    assert ex.contribution.name == "contribution" and "deliveries" in ex.contribution.doc


def test_arguments_become_the_given_vega_expressions():
    text = ex.contribution.vega({"fee": "p_fee", "orders": "p_orders", "cost": "datum.cost", "spend": "datum.spend",
                                 "margin": "p_margin / 100"})
    assert text == "(p_fee + (datum.spend * (p_margin / 100))) - (p_orders * datum.cost)"


def test_a_missing_reference_is_named():
    with pytest.raises(FormulaError, match="no Vega expression given for orders"):
        ex.contribution.vega({"fee": "f", "cost": "c", "spend": "s", "margin": "m"})


CASES = [
    (ex.contribution, [(139, 50, 5, 1000, 0.1), (0, 0, 0, 0, 0.01), (300, 200, 20, 5000, 0.5)]),
    (ex.with_locals, [(3, 730), (-1.5, 0)]),
    (ex.branches, [(1, 2, 3), (2.5, 2, 3), (4, 2, 3)]),
    (ex.chained, [(0.5,), (0.7,), (1.5,), (0,)]),
    (ex.functions, [(4, 0.25), (9, 2)]),
    (ex.composed, [(139, 50, 5, 1000, 0.1)]),
    (ex.sentence, [(0.62, 1234.5), (0.05, -3.25)]),
    (ex.negative_power, [(3,), (-2,)]),
]


def test_every_construct_gives_in_vega_what_it_gives_in_python():
    cases, expected = [], []
    for f, argsets in CASES:
        for args in argsets:
            refs = {a: f"datum.{a}" for a in f.arguments}
            cases.append({"signals": {}, "rows": [dict(zip(f.arguments, args))], "formulas": [["out", f.vega(refs)]],
                          "points": [{}]})
            expected.append((f.name, args, f(*args)))
    results = evaluate_in_vega(cases)
    for (name, args, want), got in zip(expected, results):
        value = got[0][0]["out"]
        if isinstance(want, str):
            assert value.replace("−", "-") == want, (name, args)
        else:
            assert value == pytest.approx(want, rel=1e-12), (name, args)


@pytest.mark.parametrize("body, message", [
    ("return a // 2", "FloorDiv"),
    ("return a % 2", "Mod"),
    ("return round(a)", "may be called"),
    ("return a in (1, 2)", "In"),
    ("return a.real", "Attribute"),
    ("return [a][0]", "Subscript"),
    ("return f'{a}'", "format specification"),
    ("if a:\n        return 1\n    return 2", "assignments"),
    ("b = a", "must end with"),
    ("return undefined_name", "neither an argument"),
])
def test_python_that_javascript_does_not_share_is_refused_at_definition(tmp_path, monkeypatch, body, message):
    source = f"from amazon_case.kit import formula\n\n\n@formula\ndef bad(a):\n    {body}\n"
    (tmp_path / "bad_formula.py").write_text(source)
    monkeypatch.syspath_prepend(str(tmp_path))
    with pytest.raises(FormulaError, match=message):
        __import__("bad_formula")


# --- inputs ---------------------------------------------------------------------------------------

SHARE = Input("share", "units sold by third-party sellers", "%", 0.62, 0.0, 1.0, 1, AMAZON, "Amazon, Q4 2024")
PRICE = Input("price", "sale price", "USD", 25, 5, 100, 0.5, ASSUMPTION, "ours")


def test_one_declaration_gives_the_check_the_control_the_widget_and_the_label():
    assert SHARE.check(0.5) == 0.5
    with pytest.raises(AssumptionError, match=r"'share' = 1.2 is outside the allowed range \[0, 1\]"):
        SHARE.check(1.2)
    for bad in (float("nan"), "many", None, True):
        with pytest.raises(AssumptionError, match="share"):
            SHARE.check(bad)
    spec = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().add_params(SHARE.param("hybrid")).to_dict()
    p = spec["params"][0]
    assert p["name"] == "hybrid_share" and p["value"] == 62
    assert p["bind"] == {"input": "range", "min": 0, "max": 100, "step": 1, "name": "Units sold by third-party sellers (%) "}
    assert SHARE.ref("hybrid") == "hybrid_share / 100" and PRICE.ref("seller") == "seller_price"
    assert PRICE.label_text == "Assumption: sale price (USD)"
    widget = PRICE.widget()
    assert (widget.value, widget.min, widget.max, widget.step, widget.description) == (25, 5, 100, 0.5, PRICE.label_text)
    assert SHARE.widget().value == 62 and SHARE.from_widget(50) == 0.5


def test_a_declaration_refuses_a_default_outside_its_bounds_and_needs_a_source():
    with pytest.raises(AssumptionError, match="price"):
        Input("price", "sale price", "USD", 250, 5, 100, 0.5, ASSUMPTION, "ours")
    with pytest.raises(ValueError, match="source"):
        Input("price", "sale price", "USD", 25, 5, 100, 0.5, ASSUMPTION, " ")
    with pytest.raises(ValueError, match="origin"):
        Input("price", "sale price", "USD", 25, 5, 100, 0.5, "guess", "ours")
    assert PRICE.with_default(40).default == 40
    with pytest.raises(AssumptionError):
        PRICE.with_default(400)


def test_a_choice_takes_only_its_options():
    season = Choice("season", "storage fee season", (("Jan–Sep", 0.78), ("Oct–Dec", 2.4)), 0.78, AMAZON, "fee page")
    assert season.check(2.4) == 2.4
    with pytest.raises(AssumptionError, match="not one of the options"):
        season.check(1.0)
    spec = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().add_params(season.param("seller")).to_dict()
    bind = spec["params"][0]["bind"]
    assert bind["options"] == [0.78, 2.4] and bind["labels"] == ["Jan–Sep", "Oct–Dec"] and bind["input"] == "radio"
    view = Choice("unit", "show", (("USD", "usd"), ("%", "pct")), "usd", VIEW, "the filed figures")
    assert view.label_text == "Show"


# --- models and loops -----------------------------------------------------------------------------

MEMBER = Model("member", "prime", inputs=[
    Input("fee", "annual fee", "USD", 139, 0, 300, 1, AMAZON, "Amazon's US price"),
    Input("orders", "orders a year", "", 50, 0, 200, 1, ASSUMPTION, "ours"),
    Input("cost", "delivery cost per order", "USD", 5, 0, 20, 0.5, ASSUMPTION, "ours"),
    Input("margin", "margin on the extra spend", "%", 0.1, 0.01, 0.5, 1, ASSUMPTION, "ours"),
], formulas=[ex.contribution], fields=[Field("spend", "extra spend a year, USD", 0, 5000)])


def test_a_model_checks_then_runs_its_formulas():
    result = MEMBER.evaluate(spend=1000)
    assert result["contribution"] == pytest.approx(139 + 100 - 250)
    assert MEMBER.evaluate(spend=1000, fee=250)["contribution"] == pytest.approx(250 + 100 - 250)
    with pytest.raises(AssumptionError, match="fee"):
        MEMBER.evaluate(spend=1000, fee=-1)
    with pytest.raises(AssumptionError, match="spend"):
        MEMBER.evaluate(spend=6000)
    with pytest.raises(AssumptionError, match="missing field"):
        MEMBER.evaluate()
    with pytest.raises(AssumptionError, match="unknown"):
        MEMBER.evaluate(spend=1, fees=2)


def test_a_model_writes_its_formulas_into_a_chart():
    chart = MEMBER.calculate(alt.Chart(pd.DataFrame({"spend": [0, 1000]}))).mark_point()
    step = chart.to_dict()["transform"][0]
    assert step["as"] == "contribution"
    assert step["calculate"] == "(prime_fee + (datum.spend * (prime_margin / 100))) - (prime_orders * prime_cost)"
    fixed = MEMBER.expressions(fixed={"fee": 99})["contribution"]
    assert fixed.startswith("(99.0 + ")
    assert MEMBER.param_names() == ("prime_fee", "prime_orders", "prime_cost", "prime_margin")


def test_a_model_refuses_a_formula_that_reads_an_unknown_name():
    with pytest.raises(ValueError, match="neither inputs"):
        Model("broken", "x", inputs=[PRICE], formulas=[ex.contribution])


@formula
def level(last_level, rate):
    return last_level * (1 + rate)


@formula
def change(level, last_level):
    return level - last_level


def test_a_loop_runs_year_by_year_and_unrolls_for_the_chart():
    loop = Loop("compound", "c", [Input("rate", "growth", "%", 0.1, -0.5, 0.5, 1, ASSUMPTION, "ours")],
                initial={"level": 100.0, "change": 0.0},
                step=[level, change], max_years=20)
    run = loop.run(3, rate=0.1)
    assert run["level"].tolist() == pytest.approx([100, 110, 121, 133.1])
    assert run["change"].tolist() == pytest.approx([0, 10, 11, 12.1])
    exprs = loop.expressions(3)
    assert exprs["level_2"] == "datum.level_1 * (1 + (c_rate / 100))"
    assert exprs["level"].startswith("datum.year == 0 ? datum.level_0 : datum.year == 1 ?")
    with pytest.raises(AssumptionError, match="years"):
        loop.run(21)


# --- style and prose ------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [20, 40, 68])
def test_titles_wrap_evenly_within_the_limit(limit):
    """Every line fits; no line is a lone last word; the words and their order are kept."""
    text = "The flywheel loop, year by year (loop gain 0.68); every loop strength is an assumption: move them"
    lines = wrap_evenly(text, limit)
    assert all(len(line) <= limit for line in lines)
    assert " ".join(lines) == text
    assert len(lines) == len(textwrap.wrap(text, limit))
    assert min(map(len, lines)) >= 0.5 * max(map(len, lines)), lines


def test_chart_text_needs_a_source_and_real_alt_text():
    with pytest.raises(ValueError, match="source"):
        ChartText("A takeaway", "what", " ", "x" * 100)
    with pytest.raises(ValueError, match="alt text"):
        ChartText("A takeaway", "what", "10-K", "a chart")


def test_check_quoted_accepts_matching_and_reports_every_mismatch():
    check_quoted({"a": (0.3703, ".1%", "37.0%"), "b": (716924 / 1000, ",.0f", "717")})
    with pytest.raises(QuotedFigureError) as info:
        check_quoted({"a": (0.3703, ".1%", "37.1%"), "b": (2.0, ".0f", "2"), "c": (0.5, ".0%", "49%")})
    assert "a: the text says '37.1%'" in str(info.value) and "c:" in str(info.value) and "b:" not in str(info.value)


# --- display ------------------------------------------------------------------------------------


def test_chart_source_is_read_back_from_the_subtitle():
    from amazon_case.kit.display import chart_source

    assert chart_source({"title": {"text": "t", "subtitle": ["what", "Source: a long", "citation"]}}) == "a long citation"
    assert chart_source({"title": "no subtitle"}) == ""


def test_figure_csv_holds_every_dataset_row_and_the_source():
    import csv
    import io

    from amazon_case.kit.display import figure_csv

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


def test_spec_walkers_find_bound_parameters_and_expressions():
    from amazon_case.kit.display import bound_parameters, expressions

    spec = alt.Chart(pd.DataFrame({"spend": [0]})).mark_point().add_params(*MEMBER.params())
    spec = MEMBER.calculate(spec).transform_filter("datum.spend > prime_fee").to_dict()
    assert bound_parameters(spec) == list(MEMBER.param_names())
    assert len(expressions(spec)) == 2 and expressions(spec)[1] == "datum.spend > prime_fee"


def test_a_formula_serves_again_under_another_name():
    fba = ex.share_of_price.renamed("fba_share", amount="fba_fees")
    assert fba.name == "fba_share" and fba.arguments == ("fba_fees", "price")
    assert fba(3, 12) == pytest.approx(0.25)
    assert fba.vega({"fba_fees": "datum.fees", "price": "p_price"}) == "datum.fees / p_price"
    assert ex.share_of_price.vega({"amount": "a", "price": "b"}) == "a / b"  # the original is unchanged
    with pytest.raises(FormulaError, match="no argument"):
        ex.share_of_price.renamed("x", cost="c")
    model = Model("shares", "s", inputs=[], formulas=[fba], fields=[Field("fba_fees", "USD"), Field("price", "USD", 1, 100)])
    assert model.evaluate(fba_fees=5, price=20)["fba_share"] == pytest.approx(0.25)


def test_a_reader_table_is_formatted_and_the_same_on_every_run():
    from amazon_case.kit.tables import reader_table

    frame = pd.DataFrame({"Net sales (USD bn)": [716.924, -0.004], "Share": [0.615, 0.5]}, index=["FY2025", "FY2026"])
    first, second = reader_table(frame, "A caption", percent_columns=["Share"]), reader_table(frame, "A caption", percent_columns=["Share"])
    assert first._repr_html_() == second._repr_html_() and repr(first) == repr(second)
    html = first._repr_html_()
    assert "716.9" in html and "61.5%" in html and "-0.0" not in html and "A caption" in html
    assert "<style" not in html and 'class="reader-table"' in html  # no inline style for the page's policy to allow
    assert "61.5%" in repr(first) and "Styler" not in repr(first)
    assert "1,234.6" in repr(reader_table(pd.DataFrame({"x": [1234.56]}), "c"))
    with pytest.raises(KeyError, match="Share of"):
        reader_table(frame, "c", percent_columns=["Share of"])
