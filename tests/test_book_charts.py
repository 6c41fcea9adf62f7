"""Checks every chart of the book passes, said once: a registry of builders (``amazon_case.book.charts()``).

Each chart is valid Vega-Lite, states a takeaway, names its source in the subtitle, has alt text,
and its reader controls are exactly the parameters its chapter declares, each labelled and
starting inside its range; its expressions name no parameter it does not declare.
"""

from __future__ import annotations

import re

import altair as alt
import pytest

from amazon_case import book
from amazon_case.kit.display import bound_parameters, chart_source, expressions, title_text

CHARTS = book.charts()


@pytest.fixture(scope="module", params=CHARTS, ids=lambda e: e.id)
def built(request):
    entry = request.param
    chart = entry.build()
    assert isinstance(chart, alt.TopLevelMixin), f"{entry.id}: a builder returns an Altair chart"
    return entry, chart.to_dict()  # to_dict validates against the Vega-Lite schema


def test_every_chapter_module_exists():
    assert [m.__name__.rsplit(".", 1)[-1] for m in book.chapter_modules()] == list(book.CHAPTER_MODULES)


def test_chart_states_a_takeaway_its_source_and_alt_text(built):
    entry, spec = built
    assert len(title_text(spec)) > 20, f"{entry.id}: the title should state the takeaway"
    assert spec["title"]["subtitle"][0], f"{entry.id}: the subtitle says what is shown"
    assert chart_source(spec).strip(), f"{entry.id}: the subtitle names the source"
    assert len(spec.get("description", "")) > 80, f"{entry.id}: the alt text describes the chart"


def test_controls_are_the_declared_parameters_labelled_and_in_range(built):
    entry, spec = built
    assert tuple(bound_parameters(spec)) == tuple(entry.params)
    for p in (p for p in spec.get("params", []) if "bind" in p):
        assert p["bind"].get("name", "").strip(), f"{entry.id}: parameter {p['name']} has no visible label"
        if p["bind"]["input"] == "range":
            assert p["bind"]["min"] <= p["value"] <= p["bind"]["max"], f"{entry.id}: {p['name']} starts out of range"
        if p["bind"]["input"] in ("radio", "select"):
            assert p["value"] in p["bind"]["options"], f"{entry.id}: {p['name']} starts on no option"


def test_expressions_name_only_declared_parameters(built):
    entry, spec = built
    declared = {p["name"] for p in spec.get("params", [])}
    used = set()
    for expr in expressions(spec):
        bare = re.sub(r"'(?:[^'\\]|\\.)*'|datum\.\w+", "", expr)
        used |= set(re.findall(r"\b([A-Za-z_]\w*)\b(?!\s*\()", bare))
    known = declared | {"datum", "true", "false", "null", "width", "height"}
    unknown = {u for u in used - known if not u.isdigit() and not re.fullmatch(r"e\d*|\d+e", u)}
    assert not unknown, f"{entry.id}: expressions name undeclared parameters {sorted(unknown)}"
    assert set(entry.params) <= used | {p for p in entry.params if p.endswith("_year")}, \
        f"{entry.id}: controls no expression reads: {set(entry.params) - used}"
