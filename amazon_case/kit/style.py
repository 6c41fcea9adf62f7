"""The book's chart style: one look for every chart, written once.

- :class:`ChartText`: a chart's words (takeaway title, what it shows, source, alt text),
  written by a plain function beside the chart's model and testable without Altair;
  :func:`title` sets them as the chart's title and subtitle.
- Named colours (:data:`GAIN`, :data:`LOSS`, :data:`MUTED`, :data:`REFERENCE`, :data:`INK`)
  and :func:`color_scale` for a fixed mapping of names to colours.
- Primitives every chapter uses: the zero line (:func:`zero_rule`), a text readout in a
  corner of the plot (:func:`readout`), a reference line with a label (:func:`reference_rule`),
  the fiscal-year axis with unaudited years faded (:func:`fiscal_year_x`, :func:`faded_unless`).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass

import altair as alt
import pandas as pd

__all__ = [
    "CONFIG", "MIN_FONT_SIZE", "GAIN", "INK", "LOSS", "MUTED", "REFERENCE", "RESIZE", "SUBTITLE_LINE_CHARS", "TITLE_LINE_CHARS", "WIDTH",
    "ChartText", "color_scale", "faded_unless", "fiscal_year_x", "one_row", "properties", "readout", "reference_rule",
    "title", "wrap_evenly", "year_label", "zero_rule",
]

#: Width of a chart's plot in pixels: a chart with its axis fits the book's text column.
WIDTH = 560

#: Named colours: what went up, what went down, what is background, a reference mark, plain text.
#: Each mark colour reaches 3:1 against both the light page (white) and the dark one (#121212); INK is
#: text, and in dark mode takes the page's text colour (_static/charts.css).
GAIN = "#2ca02c"
LOSS = "#d62728"
MUTED = "#888888"
REFERENCE = "#767676"
INK = "#444444"

#: The smallest text a chart draws, in CSS pixels: axis labels, legends, readouts, labels beside marks.
MIN_FONT_SIZE = 11

#: The book's one chart configuration (an Altair theme, :func:`amazon_case.kit.display.enable`; the site
#: also applies it when it compiles a chart): no text under :data:`MIN_FONT_SIZE`.
CONFIG = {
    "axis": {"labelFontSize": MIN_FONT_SIZE, "titleFontSize": 12},
    "legend": {"labelFontSize": MIN_FONT_SIZE, "titleFontSize": 12},
    "header": {"labelFontSize": MIN_FONT_SIZE, "titleFontSize": 12},
    "text": {"fontSize": MIN_FONT_SIZE},
    "title": {"fontSize": 15, "subtitleFontSize": 12},
}

#: Re-lay the chart out when a control changes its axes' labels (a wider axis must not push the title out of view).
RESIZE = alt.AutoSizeParams(type="pad", resize=True)

# Characters per title line that fit the width of a chart (WIDTH plus its axis): a takeaway
# is set in 15 px bold, the subtitle and source in 12 px.
TITLE_LINE_CHARS = 68
SUBTITLE_LINE_CHARS = 95


@dataclass(frozen=True)
class ChartText:
    """A chart's words: the takeaway (its title), what it shows, where its data comes from, its alt text."""

    takeaway: str
    subtitle: str
    source: str
    description: str

    def __post_init__(self) -> None:
        if not self.source.strip():
            raise ValueError("every chart must name its source")
        if len(self.description) < 60:
            raise ValueError("a chart's alt text must describe what it shows (60 characters at least)")


def wrap_evenly(text: str, limit: int) -> list[str]:
    """``text`` on as few lines of at most ``limit`` characters as it needs, as even as the words allow.

    Plain wrapping can leave one word on a last line; this takes the narrowest width
    that needs no more lines than plain wrapping does.
    """
    lines = textwrap.wrap(text, limit)
    if len(lines) < 2:
        return lines
    for width in range(-(-len(text) // len(lines)), limit):
        even = textwrap.wrap(text, width)
        if len(even) == len(lines):
            return even
    return lines


def title(text: ChartText) -> alt.TitleParams:
    """The takeaway as the title; the subtitle's lines say what is shown, then the source.

    The source travels with the chart (in a notebook, in the book, in an exported PNG or SVG).
    Long lines are wrapped so that the title is never wider than the chart; read the title
    back as one string with :func:`amazon_case.kit.display.title_text`.
    """
    takeaway_lines = wrap_evenly(text.takeaway, TITLE_LINE_CHARS)
    lines = [*wrap_evenly(text.subtitle, SUBTITLE_LINE_CHARS), *wrap_evenly("Source: " + text.source, SUBTITLE_LINE_CHARS)]
    return alt.TitleParams(
        text=takeaway_lines if len(takeaway_lines) > 1 else text.takeaway, subtitle=lines,
        anchor="start", fontSize=15, subtitleFontSize=12, subtitleColor=INK,
    )


def properties(chart: alt.TopLevelMixin, text: ChartText, **more) -> alt.TopLevelMixin:
    """``chart`` with its title (:func:`title`) and alt text (``description``) set from ``text``."""
    return chart.properties(title=title(text), description=text.description, **more)


def color_scale(colors: dict[str, str]) -> alt.Scale:
    """A colour scale that gives each name its fixed colour, in the order of ``colors``."""
    return alt.Scale(domain=list(colors), range=list(colors.values()))


def zero_rule(value: float = 0, axis: str = "y", color: str = MUTED) -> alt.Chart:
    """A thin line at ``value`` across the plot (the zero line by default)."""
    encoding = alt.Y("at:Q") if axis == "y" else alt.X("at:Q")
    return alt.Chart(pd.DataFrame({"at": [value]})).mark_rule(color=color).encode(**{axis: encoding})


def reference_rule(value: float, label: str, axis: str = "y", color: str = REFERENCE) -> alt.LayerChart:
    """A dashed line at ``value`` with ``label`` written beside it."""
    data = pd.DataFrame({"at": [value], "label": [label]})
    rule = alt.Chart(data).mark_rule(color=color, strokeDash=[4, 3])
    if axis == "y":
        text = alt.Chart(data).mark_text(align="right", dy=-7, fontSize=11, color=color, x="width")
        return alt.layer(rule.encode(y="at:Q"), text.encode(y="at:Q", text="label:N"))
    text = alt.Chart(data).mark_text(align="right", dx=-4, y=8, fontSize=11, color=color, baseline="top")
    return alt.layer(rule.encode(x="at:Q"), text.encode(x="at:Q", text="label:N"))


def readout(chart: alt.Chart, field: str, line: int = 0, *, bold: bool = False, color: str = "black",
            corner: str = "top-left", size: int = 12) -> alt.Chart:
    """A line of text (the row's ``field``) in a corner of the plot, ``line`` lines from it.

    ``chart`` supplies the row (often filtered to the reader's setting). ``corner`` is
    ``"top-left"`` (inside the plot) or ``"above"`` (above the plot, under the subtitle).
    """
    if corner == "top-left":
        mark = dict(align="left", baseline="top", x=8, y=8 + 18 * line)
    elif corner == "above":
        mark = dict(align="left", baseline="bottom", x=0, y=-8 - 16 * line)
    else:
        raise ValueError(f"corner must be 'top-left' or 'above', got {corner!r}")
    return chart.mark_text(fontSize=size, fontWeight="bold" if bold else "normal", color=color, **mark).encode(
        text=f"{field}:N")


def one_row() -> alt.Chart:
    """A chart over a single row: a place for a readout computed from the reader's controls alone."""
    return alt.Chart(pd.DataFrame({"row": [0]}))


def year_label(year: int, unaudited: frozenset[int] | set[int]) -> str:
    """``"2025 (unaudited)"`` for an unaudited year, else ``"2024"``."""
    return f"{year} (unaudited)" if year in unaudited else str(year)


def fiscal_year_x(years: list[int] | None = None, title: str = "Fiscal year") -> alt.X:
    """The fiscal-year axis (ordinal, labels upright); ``years`` fixes the domain."""
    scale = alt.Scale(domain=[int(y) for y in years]) if years is not None else alt.Undefined
    return alt.X("fiscal_year:O", title=title, scale=scale, axis=alt.Axis(labelAngle=0))


def faded_unless(test: str, full: float = 1.0, faded: float = 0.4) -> alt.OpacityValue:
    """Opacity: ``full`` where the Vega test holds (an audited year, a reported value), ``faded`` elsewhere."""
    return alt.condition(test, alt.value(full), alt.value(faded))
