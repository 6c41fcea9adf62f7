"""The timeline exhibit (``chapters/timeline.ipynb``): Amazon's hybrid model, dated, 1994 to 2027.

- :func:`timeline_chart` draws every event of :func:`~amazon_case.context.sources.load_timeline`
  on one time axis, one row per event, coloured by theme, with how well its date is sourced; a
  dropdown (:func:`timeline_view`, a :class:`~amazon_case.kit.Choice` of origin VIEW) shows one theme,
  and a slider the events up to a year (the hybrid built year by year).
- :func:`timeline_table_html` is the same events as a table, with their sources linked.
"""

from __future__ import annotations

import html
from collections import Counter

import altair as alt
import pandas as pd

from ..kit import VIEW, Choice, Field, Input, Model, formula
from ..kit.style import INK, MUTED, ChartText, color_scale, properties
from .sources import REPORTED, TWO_SOURCES, sources_html

#: Each theme's colour: the book's colours for first-party retail, third-party sellers and AWS.
THEME_COLORS = {"company": "#7f7f7f", "retail_prime": "#1f77b4", "marketplace": "#2ca02c", "aws_ai": "#ff7f0e",
                "regulation": "#d62728"}
#: The events that bound the building of the hybrid: third-party offers beside Amazon's own, then FBA.
HYBRID_START, HYBRID_COMPLETE = "Marketplace", "FBA"
#: How well a date is sourced, in three words for the reader.
SOURCING = {TWO_SOURCES: "two sources", "SINGLE-SOURCE": "weak or single source", "WEAK": "weak or single source",
            REPORTED: "reported at second hand"}
PLOT_WIDTH = 330
ROW_STEP = 15


def theme_choice(themes: dict[str, str]) -> Choice:
    """The reader's control: all themes, or one; ``themes`` is the manifest's ``schema.themes``."""
    return Choice("show", "show", (("All themes", "all"), *((label, key) for key, label in themes.items())), "all",
                  VIEW, "the themes of data/amazon_timeline.csv", control="select")


def until_input(first_year: int, last_year: int) -> Input:
    """The reader's other control: the last year shown, every event by default (the time axis fits the events shown)."""
    return Input("until", "events up to the year", "", last_year, first_year, last_year, 1, VIEW,
                 "the years of data/amazon_timeline.csv")


@formula
def on_timeline(show, theme, until, year):
    """Whether an event is drawn: of the chosen theme (or any), and in or before the chosen year."""
    return (show == "all" or theme == show) and year <= until


def timeline_view(themes: dict[str, str], first_year: int, last_year: int) -> Model:
    """The timeline's controls and the one formula they drive."""
    return Model("timeline view", prefix="timeline", inputs=[theme_choice(themes), until_input(first_year, last_year)],
                 formulas=[on_timeline], fields=[Field("theme", "the event's theme"), Field("year", "the event's year")])


def view_years(timeline: pd.DataFrame) -> tuple[int, int]:
    """The slider's range: the first event's year to the last's (a scheduled date included)."""
    return int(timeline["year"].min()), int(timeline["year"].max())


def timeline_rows(timeline: pd.DataFrame) -> pd.DataFrame:
    """The chart's rows: one per event, with its row label, its date span and how it is sourced."""
    return pd.DataFrame({
        "order": range(len(timeline)),
        "row_label": [f"{d}  {label}" for d, label in zip(timeline["date"], timeline["label"])],
        "date": timeline["date"], "start": timeline["start"].dt.strftime("%Y-%m-%d"),
        "end": timeline["end"].dt.strftime("%Y-%m-%d"),
        # a date known to the month or year is drawn in the middle of its span
        "at": (timeline["start"] + (timeline["end"] - timeline["start"]) / 2).dt.strftime("%Y-%m-%d"),
        "theme": timeline["theme"],
        "year": timeline["year"], "theme_label": timeline["theme_label"], "event": timeline["event"],
        "significance": timeline["significance"],
        "status": timeline["status"], "sourcing": timeline["status"].map(SOURCING),
        "two_sources": timeline["status"] == TWO_SOURCES, "scheduled": timeline["status"] == REPORTED,
        "span": timeline["date_precision"] != "day",
    })


def year_of(timeline: pd.DataFrame, label: str) -> int:
    """The year of the event labelled ``label``."""
    match = timeline.loc[timeline["label"] == label, "year"]
    if match.empty:
        raise KeyError(f"no event labelled {label!r} in the timeline")
    return int(match.iloc[0])


def timeline_text(timeline: pd.DataFrame, source: str) -> ChartText:
    start, complete = year_of(timeline, HYBRID_START), year_of(timeline, HYBRID_COMPLETE)
    challenged = int(timeline.loc[timeline["theme"] == "regulation", "year"].min())
    sourcing = Counter(timeline["status"].map(SOURCING))
    themes = Counter(timeline["theme_label"])
    return ChartText(
        f"Amazon built its hybrid in {start}–{complete}; regulators began to rein it in {challenged - complete} years later",
        f"{len(timeline)} dated events, {timeline['year'].min()}–{timeline['year'].max()}. Filled: two sources; hollow: "
        "weak or single source; diamond: reported at second hand (a scheduled date); bar: a date known only to the "
        "month or year",
        source,
        f"Timeline of {len(timeline)} events from {timeline['year'].min()} to {timeline['year'].max()}, one row each, "
        "labelled with its date and name and placed on a time axis, coloured by theme ("
        + ", ".join(f"{t}: {n}" for t, n in themes.items()) + "). "
        f"The marketplace opens in {start} and FBA in {complete}; the first regulatory step is in {challenged}. "
        f"{sourcing['two sources']} dates have two independent sources, {sourcing['weak or single source']} are weak or "
        f"single-sourced and {sourcing['reported at second hand']} is known only at second hand. "
        "A dropdown shows one theme at a time, and a slider the events up to a chosen year.",
    )


def timeline_chart(timeline: pd.DataFrame, themes: dict[str, str], source: str, as_of: str) -> alt.LayerChart:
    """Every event on one time axis, a row each; a dropdown keeps one theme, a slider the events up to a year.

    ``timeline`` is :func:`~amazon_case.context.sources.load_timeline`; ``themes`` the manifest's
    ``schema.themes``; ``as_of`` the research date, drawn as a dashed line (later dates are scheduled).
    The time axis fits the events shown.
    """
    view = timeline_view(themes, *view_years(timeline))
    rows = timeline_rows(timeline)
    base = view.calculate(alt.Chart(rows)).transform_filter("datum.on_timeline")
    y = alt.Y("row_label:N", sort=alt.EncodingSortField("order"), title=None,
              axis=alt.Axis(labelLimit=230, labelFontSize=11, ticks=False, domain=False))
    axis = alt.Axis(format="%Y", tickCount=12, grid=True, gridColor="#eeeeee")
    x = alt.X("at:T", title=None, axis=axis, scale=alt.Scale(padding=10))  # fits the events shown and the research date
    color = alt.Color("theme:N", title=None, scale=color_scale({t: THEME_COLORS[t] for t in themes}),
                      legend=alt.Legend(orient="top", labelExpr=_theme_label_expr(themes), columns=3))
    tooltip = [alt.Tooltip("date:N", title="Date"), alt.Tooltip("event:N", title="Event"),
               alt.Tooltip("significance:N", title="Why it matters"), alt.Tooltip("theme_label:N", title="Theme"),
               alt.Tooltip("sourcing:N", title="Sourcing")]
    spans = base.transform_filter("datum.span").mark_rule(strokeWidth=5, opacity=0.45).encode(
        x=alt.X("start:T", title=None, axis=axis), x2="end:T", y=y, color=color)
    point = dict(size=70, strokeWidth=2)
    strong = base.transform_filter("datum.two_sources").mark_point(filled=True, **point).encode(
        x=x, y=y, color=color, tooltip=tooltip)
    weak = base.transform_filter("!datum.two_sources && !datum.scheduled").mark_point(
        filled=False, fill="white", **point).encode(x=x, y=y, color=color, tooltip=tooltip)
    scheduled = base.transform_filter("datum.scheduled").mark_point(
        shape="diamond", filled=False, fill="white", **point).encode(x=x, y=y, color=color, tooltip=tooltip)
    research = pd.DataFrame({"at": [as_of], "label": [f"research date {as_of}"]})
    line = alt.Chart(research).mark_rule(strokeDash=[4, 3], color=MUTED).encode(x=x)
    note = alt.Chart(research).mark_text(align="right", dx=-4, y=-6, color=INK).encode(
        x=x, text="label:N")
    chart = alt.layer(line, note, spans, strong, weak, scheduled).add_params(*view.params())
    return properties(chart, timeline_text(timeline, source), width=PLOT_WIDTH, height=alt.Step(ROW_STEP))


def _theme_label_expr(themes: dict[str, str]) -> str:
    """The legend shows each theme's name, not its key (a lookup, not arithmetic)."""
    pairs = ", ".join(f"'{key}': '{label}'" for key, label in themes.items())
    return f"({{{pairs}}})[datum.label] || datum.label"


def timeline_table_html(timeline: pd.DataFrame) -> str:
    """Every event with its date, theme, sources (linked) and how well it is sourced."""
    head = "".join(f'<th scope="col">{h}</th>' for h in ("Date", "Theme", "Event", "Sources", "Sourcing"))
    body = "".join(
        f'<tr><td class="date">{html.escape(r.date)}</td>'
        f"<td>{html.escape(r.theme_label)}</td><td>{html.escape(r.event)}</td>"
        f"<td>{sources_html(r)}</td><td>{html.escape(SOURCING[r.status])}</td></tr>"
        for r in timeline.itertuples())
    return f'<table class="dataframe context-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'


def amount_in(timeline: pd.DataFrame, label: str) -> float:
    """The first amount in USD billions that the event labelled ``label`` states ("USD 125 billion" gives 125)."""
    import re

    event = timeline.loc[timeline["label"] == label, "event"]
    if event.empty:
        raise KeyError(f"no event labelled {label!r} in the timeline")
    match = re.search(r"USD ([\d.,]+) billion", event.iloc[0])
    if match is None:
        raise ValueError(f"the event labelled {label!r} states no amount in USD billions")
    return float(match.group(1).replace(",", ""))
