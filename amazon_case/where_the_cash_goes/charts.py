"""Where the cash goes, the charts: each builder beside a plain ``*_text`` function that writes its words.

The controls are the models' declared inputs (:mod:`.model`) and everything a chart computes from
them is one of the models' formulas, compiled to Vega by the kit. The Vega written here only filters
rows (a field against a parameter or a flag) and fades or outlines marks.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..filings import SEGMENT_COLORS
from ..kit import Loop
from ..kit.style import (GAIN, INK, LOSS, MUTED, RESIZE, WIDTH, ChartText, color_scale, fiscal_year_x, one_row,
                         properties, readout, zero_rule)
from .history import CAPITAL_SEGMENTS, quarter_end
from .model import (AWS_CAPITAL_READOUT, BACKLOG, BACKLOG_SERIES, CAPITAL_READOUT, CASH_VIEW, CHART_YEARS,
                    CapitalBase, backlog_rows, capital_rows, capital_view, cash_view_rows, run_aws_capital, souls_rows,
                    souls_view)

TTM_NOTE = "the twelve months to the latest quarter, from Amazon's quarterly releases (unaudited)"

# ---------------------------------------------------------------------------
# 1. The cash picture
# ---------------------------------------------------------------------------

#: The two flows drawn as bars: the field :data:`~.model.CASH_VIEW` computes -> the legend's label.
CASH_FLOWS = {"operating_cash_flow": "Operating cash flow", "capex_drawn": "Capital expenditure"}
CASH_COLORS = {"Operating cash flow": GAIN, "Capital expenditure": LOSS}


def cash_picture_text(picture: pd.DataFrame, source: str) -> ChartText:
    """The cash picture's words: how much of operating cash flow capital expenditure took, latest year and TTM."""
    years = picture[picture["kind"] == "fiscal year"]
    last, ttm = years.iloc[-1], picture[picture["kind"] == "ttm"].iloc[-1]
    taken = lambda row: row["capex_net"] / row["operating_cash_flow"]  # noqa: E731
    negative = [str(int(y)) for y in years.loc[years["free_cash_flow"] < 0, "fiscal_year"]]
    period = picture.index[-1]
    _, quarter, year = period.split()
    month = f"{quarter_end(int(year), int(quarter[1])):%B %Y}"
    return ChartText(
        f"Net capital expenditure took {taken(last):.0%} of operating cash flow in FY{int(last['fiscal_year'])} and "
        f"{taken(ttm):.0%} in the twelve months to {month}",
        "Bars: operating cash flow (up), capital expenditure (down); black line: the measure named above the plot; "
        f"last column, outlined: {period}, {TTM_NOTE}",
        source,
        f"Bar and line chart, FY{int(years['fiscal_year'].min())} to FY{int(last['fiscal_year'])} and {period}. Operating "
        f"cash flow rose from {years['operating_cash_flow'].iloc[0]:,.1f} to {last['operating_cash_flow']:,.1f} billion "
        f"US dollars and capital expenditure net of proceeds from {years['capex_net'].iloc[0]:,.1f} to "
        f"{last['capex_net']:,.1f} billion; free cash flow was {last['free_cash_flow']:,.1f} billion in "
        f"FY{int(last['fiscal_year'])}, {ttm['free_cash_flow']:,.1f} billion over {period}, and negative in FY"
        f"{' and FY'.join(negative)}. Controls choose gross or net capital expenditure, Amazon's free cash flow or one "
        "of its two lease-adjusted measures, and whether stock-based compensation is deducted.",
    )


def cash_picture_chart(picture: pd.DataFrame, source: str) -> alt.LayerChart:
    """Operating cash flow and capital expenditure (bars) and a free cash flow measure (line), per fiscal year and
    over the latest twelve months (outlined bars, a hollow diamond).

    ``picture`` is :func:`.history.cash_picture`; the controls are :data:`~.model.CASH_VIEW`'s.
    """
    rows = cash_view_rows(picture)
    base = CASH_VIEW.calculate(alt.Chart(rows))
    x = alt.X("period:N", sort=list(rows["period"]), title="Fiscal year, then the latest twelve months (TTM)",
              axis=alt.Axis(labelAngle=0, labelExpr="length(datum.value) > 4 ? 'TTM' : datum.value"))
    y = alt.Y("usd_bn:Q", title="USD billions")
    labels = pd.DataFrame({"flow": list(CASH_FLOWS), "label": list(CASH_FLOWS.values())})
    flows = base.transform_fold(list(CASH_FLOWS), as_=["flow", "usd_bn"]).transform_lookup(
        lookup="flow", from_=alt.LookupData(labels, "flow", ["label"]))
    tooltip = [alt.Tooltip("period:N", title="Period"), alt.Tooltip("label:N", title="Flow"),
               alt.Tooltip("usd_bn:Q", format="$,.1f", title="USD bn"),
               alt.Tooltip("capex_gross:Q", format="$,.1f", title="Purchases, gross (USD bn)"),
               alt.Tooltip("proceeds:Q", format="$,.1f", title="Proceeds and incentives (USD bn)")]
    faded = "datum.kind == 'ttm' || (datum.flow == 'capex_drawn' && !datum.capex_like_for_like)"
    bars = flows.mark_bar().encode(
        x=x, y=y, tooltip=tooltip, opacity=alt.condition(faded, alt.value(0.35), alt.value(0.8)),
        color=alt.Color("label:N", title=None, scale=color_scale(CASH_COLORS), legend=alt.Legend(orient="bottom")))
    outline = flows.transform_filter("datum.kind == 'ttm'").mark_bar(filled=False, stroke=INK, strokeDash=[4, 2]).encode(
        x=x, y=y)
    measure_tooltip = [alt.Tooltip("period:N", title="Period"), alt.Tooltip("measure_label:N", title="Measure"),
                       alt.Tooltip("measure_shown:Q", format="$,.1f", title="USD bn")]
    line = base.transform_filter("datum.measure_drawn && datum.kind == 'fiscal year'").mark_line(
        color="black", strokeWidth=2.5, point=alt.OverlayMarkDef(color="black")).encode(
        x=x, y="measure_shown:Q", tooltip=measure_tooltip)
    latest = base.transform_filter("datum.measure_drawn && datum.kind == 'ttm'").mark_point(
        shape="diamond", size=110, filled=False, color="black", strokeWidth=2).encode(
        x=x, y="measure_shown:Q", tooltip=measure_tooltip)
    label = readout(CASH_VIEW.calculate(one_row(), outputs=["measure_label"]), "measure_label", corner="above",
                    bold=True, size=12)
    chart = alt.layer(bars, outline, zero_rule(), line, latest, label).add_params(*CASH_VIEW.params())
    return properties(chart, cash_picture_text(picture, source), autosize=RESIZE, width=WIDTH, height=320)


# ---------------------------------------------------------------------------
# 2. The demand behind the capex
# ---------------------------------------------------------------------------

BACKLOG_COLORS = dict(zip(BACKLOG_SERIES.values(), ["#1f77b4", MUTED, SEGMENT_COLORS["AWS"], LOSS]))


def year_end(year: int) -> pd.Timestamp:
    return pd.Timestamp(year=year, month=12, day=31)


def backlog_text(backlog: pd.DataFrame, source: str, compare_year: int = 2023) -> ChartText:
    """The backlog chart's words: the latest obligations, in years of AWS's sales, against ``compare_year``'s end."""
    filed = backlog.dropna(subset=["obligations"])
    first, last, then = filed.index[0], filed.index[-1], year_end(compare_year)
    cover = lambda at: filed.at[at, "obligations"] / filed.at[at, "aws_sales"]  # noqa: E731
    unread = [str(y) for y in range(first.year, last.year) if year_end(y) not in filed.index]
    return ChartText(
        f"Amazon's unrecognised contract commitments reached USD {filed.at[last, 'obligations']:,.0f} bn in "
        f"{last:%B %Y}: {cover(last):.1f} years of AWS's sales, against {cover(then):.1f} at the end of {compare_year}",
        "Remaining performance obligations (contracts of more than one year, primarily AWS), beside AWS's sales "
        "and Amazon's capital expenditure over the twelve months to each date; no year-end figure read for "
        + ", ".join(unread),
        source,
        f"Line chart by date, {first:%B %Y} to {last:%B %Y}, in billions of US dollars: the remaining performance "
        f"obligations Amazon reports (from {filed.at[first, 'obligations']:,.1f} to {filed.at[last, 'obligations']:,.0f}), "
        "the AWS backlog management quoted on earnings calls (hollow diamonds), AWS's net sales and Amazon's "
        "capital expenditure over the twelve months to each date. A slider sets the share of the obligations that "
        "is AWS's; two lines of text give the obligations in years of AWS's sales and spread over their life.",
    )


def backlog_chart(backlog: pd.DataFrame, source: str, compare_year: int = 2023) -> alt.LayerChart:
    """The remaining performance obligations (scaled by the reader's AWS share), the call-quoted backlog, AWS's
    twelve-month sales and Amazon's twelve-month capital expenditure, by date; ``backlog`` is
    :func:`.history.backlog_history`."""
    rows = backlog_rows(backlog)
    base = BACKLOG.calculate(alt.Chart(rows))
    call = f"datum.series == '{BACKLOG_SERIES['call_backlog']}'"
    ends = sorted({d.year for d in backlog.index})
    x = alt.X("date:T", title="At 31 December (ticks) and at quarter ends",
              axis=alt.Axis(format="%Y", values=[alt.DateTime(year=y, month=12, date=31) for y in ends]))
    y = alt.Y("backlog_shown:Q", title="USD billions")
    color = alt.Color("series:N", title=None, scale=color_scale(BACKLOG_COLORS),
                      legend=alt.Legend(orient="bottom", columns=2, labelLimit=280))
    tooltip = [alt.Tooltip("date_label:N", title="Date"), alt.Tooltip("series:N", title="Series"),
               alt.Tooltip("value:Q", format="$,.1f", title="As reported (USD bn)"),
               alt.Tooltip("backlog_shown:Q", format="$,.1f", title="Shown (USD bn)"),
               alt.Tooltip("years_of_sales:Q", format=".2f", title="Years of AWS sales"),
               alt.Tooltip("life:Q", format=".1f", title="Remaining life (years)")]
    lines = base.transform_filter(f"!({call})").mark_line(point=True, strokeWidth=2.5).encode(
        x=x, y=y, color=color, tooltip=tooltip)
    calls = base.transform_filter(call).mark_point(shape="diamond", size=110, filled=False, strokeWidth=2).encode(
        x=x, y=y, color=color, tooltip=tooltip)
    filed = backlog.dropna(subset=["obligations"])
    at = lambda when: base.transform_filter(f"datum.scaled > 0 && datum.date_key == '{when:%Y-%m-%d}'")  # noqa: E731
    chart = alt.layer(lines, calls, readout(at(year_end(compare_year)), "backlog_readout", line=1, corner="above"),
                      readout(at(filed.index[-1]), "backlog_readout", bold=True, corner="above")).add_params(*BACKLOG.params())
    return properties(chart, backlog_text(backlog, source, compare_year), width=WIDTH, height=300)


# ---------------------------------------------------------------------------
# 3. Which soul consumes the capital
# ---------------------------------------------------------------------------

CAPITAL_COLORS = {**SEGMENT_COLORS, "Corporate": MUTED}
assert list(CAPITAL_COLORS) == list(CAPITAL_SEGMENTS)


def segment_capital_text(capital: pd.DataFrame, source: str, compare_year: int = 2020) -> ChartText:
    """The segment chart's words: AWS's share of the additions, first and last year, and the gap in the data."""
    additions = capital.pivot(index="fiscal_year", columns="segment", values="additions")
    share = additions["AWS"] / additions.sum(axis=1)
    first, last = int(additions.index.min()), int(additions.index.max())
    missing = capital[capital["depreciation"].isna() & (capital["segment"] != "Corporate")]
    gap = ", ".join(f"{r.segment} FY{r.fiscal_year}" for r in missing.itertuples())
    return ChartText(
        f"AWS took {share[last]:.0%} of Amazon's property and equipment additions in FY{last}, against "
        f"{share[compare_year]:.0%} in FY{compare_year}",
        f"Segment note, FY{first}–FY{last}; choose what the bars show and the year of the readout; depreciation not "
        f"read for {gap}",
        source,
        f"Stacked bar chart of property and equipment additions by segment (North America, International, AWS, "
        f"corporate), FY{first} to FY{last}: the total rose from {additions.sum(axis=1)[first]:,.1f} to "
        f"{additions.sum(axis=1)[last]:,.1f} billion US dollars and AWS's part from {additions['AWS'][first]:,.1f} to "
        f"{additions['AWS'][last]:,.1f} billion. A dropdown switches to depreciation and amortization or to additions "
        "less depreciation; a slider chooses the year whose AWS shares a line of text states.",
    )


def segment_capital_chart(capital: pd.DataFrame, readout_rows: pd.DataFrame, source: str) -> alt.LayerChart:
    """Additions, depreciation, or additions less depreciation by segment and year (stacked bars).

    ``capital`` is :func:`.history.segment_capital`, ``readout_rows`` :func:`~.model.capital_readout_rows`.
    """
    view = capital_view(capital["fiscal_year"].unique())
    base = view.calculate(alt.Chart(capital_rows(capital)))
    tooltip = [alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("segment:N", title="Segment"),
               alt.Tooltip("additions:Q", format="$,.1f", title="Additions (USD bn)"),
               alt.Tooltip("depreciation:Q", format="$,.1f", title="Depreciation (USD bn; 0: not read)"),
               alt.Tooltip("intensity_pct:Q", format=".1f", title="Additions, % of segment sales")]
    bars = base.transform_filter("datum.capital_drawn").mark_bar().encode(
        x=fiscal_year_x(), y=alt.Y("capital_shown:Q", title=None, stack="zero"), tooltip=tooltip,
        color=alt.Color("segment:N", title=None, scale=color_scale(CAPITAL_COLORS), legend=alt.Legend(orient="bottom")),
        order=alt.Order("segment_order:Q"))
    chosen = CAPITAL_READOUT.calculate(alt.Chart(readout_rows)).transform_filter(
        f"datum.fiscal_year == {view.shown('year')}")
    unit = view.calculate(one_row(), outputs=["capital_unit"])
    chart = alt.layer(bars, zero_rule(), readout(unit, "capital_unit", line=1, corner="above", color=INK, size=11),
                      readout(chosen, "capital_readout", bold=True, corner="above")).add_params(*view.params())
    return properties(chart, segment_capital_text(capital, source), autosize=RESIZE, width=WIDTH, height=300)


# ---------------------------------------------------------------------------
# 4. Who funds whom
# ---------------------------------------------------------------------------

SOULS = {"consumer_cash": "Consumer business (North America + International)", "aws_cash": "AWS",
         "corporate_cash": "Corporate additions"}
SOUL_COLORS = dict(zip(SOULS.values(), [SEGMENT_COLORS["North America"], SEGMENT_COLORS["AWS"], MUTED]))


def souls_text(souls: pd.DataFrame, source: str) -> ChartText:
    """The two-souls chart's words (the consumer side with its suppliers' credit, as the chart opens): its worst year
    against the latest."""
    rows = souls_rows(souls).set_index("fiscal_year")
    own = rows["consumer_operating_income"] + rows["consumer_depreciation"] - rows["consumer_additions"]
    consumer = own + rows["suppliers_credit_change"]
    aws = rows["aws_operating_income"] + rows["aws_depreciation"] - rows["aws_additions"]
    low, last = int(consumer.idxmin()), int(rows.index.max())
    return ChartText(
        f"In FY{low} the consumer business needed USD {-consumer[low]:,.0f} bn more than it earned; in FY{last} it "
        f"left USD {consumer[last]:,.0f} bn and AWS needed {-aws[last]:,.0f} bn",
        "Each side's operating income plus depreciation less its property and equipment additions (before tax); the "
        "consumer side with the year's change in its suppliers' credit (payables less inventories): untick to leave it out",
        source,
        f"Grouped bar chart by fiscal year, FY{int(rows.index.min())} to FY{last}, in billions of US dollars: the "
        f"consumer business (North America and International) at {consumer[low]:,.1f} in FY{low} and "
        f"{consumer[last]:,.1f} in FY{last} with its suppliers' credit ({own[low]:,.1f} and {own[last]:,.1f} without), "
        f"AWS at {aws[low]:,.1f} and {aws[last]:,.1f}, and the corporate additions. A checkbox leaves the suppliers' "
        "credit out; a slider chooses the year two lines of text describe.",
    )


def souls_chart(souls: pd.DataFrame, source: str) -> alt.LayerChart:
    """What each soul's operations leave after its own capital spending, per year (grouped bars).

    ``souls`` is :func:`.history.souls_history`; the controls are :func:`~.model.souls_view`'s.
    """
    rows = souls_rows(souls)
    view = souls_view(rows["fiscal_year"])
    base = view.calculate(alt.Chart(rows))
    labels = pd.DataFrame({"soul": list(SOULS), "label": list(SOULS.values())})
    folded = base.transform_fold(list(SOULS), as_=["soul", "usd_bn"]).transform_lookup(
        lookup="soul", from_=alt.LookupData(labels, "soul", ["label"]))
    bars = folded.mark_bar().encode(
        x=fiscal_year_x(), xOffset=alt.XOffset("label:N", sort=list(SOULS.values())),
        y=alt.Y("usd_bn:Q", title="USD billions"),
        color=alt.Color("label:N", title=None, sort=list(SOULS.values()), scale=color_scale(SOUL_COLORS),
                        legend=alt.Legend(orient="bottom", labelLimit=320)),
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("label:N", title="Side"),
                 alt.Tooltip("usd_bn:Q", format="$,.1f", title="USD bn"),
                 alt.Tooltip("suppliers_credit_change:Q", format="$,.1f", title="Change in suppliers' credit (USD bn)"),
                 alt.Tooltip("ccc_days:Q", format=".1f", title="Cash conversion cycle (days)")])
    chosen = base.transform_filter(f"datum.fiscal_year == {view.shown('year')}")
    chart = alt.layer(bars, zero_rule(), readout(chosen, "souls_readout", line=1, bold=True, corner="above"),
                      readout(chosen, "souls_readout_aws", corner="above")).add_params(*view.params())
    return properties(chart, souls_text(souls, source), autosize=RESIZE, width=WIDTH, height=300)


# ---------------------------------------------------------------------------
# 5. The model
# ---------------------------------------------------------------------------

CAPITAL_SERIES = {"capex": "AWS capital spending (additions)", "depreciation": "AWS depreciation",
                  "operating_income": "AWS operating income", "free_cash_flow": "Amazon's free cash flow"}
CAPITAL_SERIES_COLORS = dict(zip(CAPITAL_SERIES.values(), [LOSS, MUTED, SEGMENT_COLORS["AWS"], "#000000"]))


def aws_capital_text(loop: Loop, base: CapitalBase, first: int, source: str, years: int = CHART_YEARS) -> ChartText:
    """The model chart's words: Amazon's free cash flow in the last year at the defaults (filed from FY``first``)."""
    result = run_aws_capital(loop, base, years).set_index("fiscal_year")
    last = int(result.index.max())
    d = loop.inputs.defaults()
    fcf = result.at[last, "free_cash_flow"]
    return ChartText(
        f"At AWS's latest growth and FY{base.fiscal_year} capital intensity, Amazon's free cash flow would be "
        + (f"a USD {-fcf:,.0f} bn outflow" if fcf < 0 else f"USD {fcf:,.0f} bn") + f" in FY{last}",
        f"FY{first}–FY{base.fiscal_year} filed (solid), FY{base.fiscal_year + 1}–FY{last} our model "
        "(dashed); hollow diamonds: the twelve months to the latest quarter; every slider is an assumption",
        source,
        f"Line chart, FY{first} to FY{last}, in billions of US dollars, of AWS's capital spending, "
        "depreciation and operating income and Amazon's free cash flow: filed, then projected by our model from "
        f"six sliders (defaults: AWS growth {d['aws_growth']:.1%} a year, capital spending {d['capex_intensity']:.1%} "
        f"of its sales, a {d['server_life']:g}-year server life). At the defaults free cash flow goes from "
        f"{result.at[base.fiscal_year, 'free_cash_flow']:,.1f} billion in FY{base.fiscal_year} to "
        f"{result.at[last, 'free_cash_flow']:,.1f} billion in FY{last}; AWS's depreciation from "
        f"{result.at[base.fiscal_year, 'depreciation']:,.1f} to {result.at[last, 'depreciation']:,.1f} billion.",
    )


def capital_series(chart: alt.Chart) -> alt.Chart:
    """``chart`` with the loop's four series folded into ``series``/``usd_bn`` and labelled."""
    labels = pd.DataFrame({"key": list(CAPITAL_SERIES), "series": list(CAPITAL_SERIES.values())})
    return chart.transform_fold(list(CAPITAL_SERIES), as_=["key", "usd_bn"]).transform_lookup(
        lookup="key", from_=alt.LookupData(labels, "key", ["series"]))


def aws_capital_chart(loop: Loop, base: CapitalBase, history: pd.DataFrame, ttm: dict, source: str,
                      years: int = CHART_YEARS) -> alt.LayerChart:
    """AWS's capital spending, depreciation and operating income and Amazon's free cash flow: filed (``history``,
    :func:`~.model.capital_history`), then the loop in the browser under the reader's sliders; ``ttm``
    (:func:`~.model.latest_ttm_comparison`) adds the latest twelve months' operating income and free cash flow."""
    table = pd.DataFrame({"year": range(years + 1)}).assign(fiscal_year=lambda f: f["year"] + base.fiscal_year)
    projected = loop.calculate(alt.Chart(table), years)
    first, last = int(history["fiscal_year"].min()), base.fiscal_year + years
    x = alt.X("fiscal_year:Q", title="Fiscal year", scale=alt.Scale(domain=[first, last], nice=False),
              axis=alt.Axis(format="d", values=list(range(first, last + 1)), labelAngle=0))
    color = alt.Color("series:N", title=None, sort=list(CAPITAL_SERIES.values()), scale=color_scale(CAPITAL_SERIES_COLORS),
                      legend=alt.Legend(orient="bottom", columns=2, labelLimit=300))
    tooltip = [alt.Tooltip("fiscal_year:Q", format="d", title="Fiscal year"), alt.Tooltip("series:N", title="Series"),
               alt.Tooltip("usd_bn:Q", format="$,.1f", title="USD bn")]
    y = alt.Y("usd_bn:Q", title="USD billions")
    filed = capital_series(alt.Chart(history)).mark_line(point=True, strokeWidth=2.5).encode(x=x, y=y, color=color,
                                                                                              tooltip=tooltip)
    model = capital_series(projected).mark_line(point=True, strokeWidth=2.5, strokeDash=[6, 3]).encode(
        x=x, y=y, color=color, tooltip=tooltip)
    marks = pd.DataFrame({"fiscal_year": [base.fiscal_year + 0.5] * 2, "usd_bn": [ttm["operating_income"], ttm["free_cash_flow"]],
                          "series": [CAPITAL_SERIES["operating_income"], CAPITAL_SERIES["free_cash_flow"]],
                          "period": [f"Twelve months to Q{ttm['quarter']} {ttm['year']} (reported)"] * 2})
    reported = alt.Chart(marks).mark_point(shape="diamond", size=120, filled=False, strokeWidth=2).encode(
        x=x, y=y, color=color, tooltip=[alt.Tooltip("period:N", title="Period"), *tooltip[1:]])
    end = AWS_CAPITAL_READOUT.calculate(projected.transform_filter(f"datum.year == {years}"))
    chart = alt.layer(zero_rule(), filed, model, reported, readout(end, "capital_model_readout", line=1, bold=True,
                                                                    corner="above"),
                      readout(end, "capital_model_detail", corner="above")).add_params(*loop.params())
    return properties(chart, aws_capital_text(loop, base, first, source, years), autosize=RESIZE, width=WIDTH, height=320)


def aws_capital_result_text(result: pd.DataFrame, source: str) -> ChartText:
    """The workbench chart's words: the last year's free cash flow and depreciation."""
    end = result.iloc[-1]
    return ChartText(
        f"FY{int(end['fiscal_year'])}: free cash flow USD {end['free_cash_flow']:,.0f} bn, AWS depreciation "
        f"USD {end['depreciation']:,.0f} bn",
        "The model under these settings (USD bn)", source,
        f"Line chart of the model's AWS capital spending, depreciation and operating income and Amazon's free cash "
        f"flow from FY{int(result['fiscal_year'].min())} to FY{int(end['fiscal_year'])}; the last year's free cash "
        f"flow is {end['free_cash_flow']:,.1f} billion US dollars.",
    )


def aws_capital_result_chart(result: pd.DataFrame, source: str) -> alt.Chart:
    """One :func:`~.model.run_aws_capital` result as lines (no controls: the workbench's sliders drive it)."""
    long = result.melt(id_vars="fiscal_year", value_vars=list(CAPITAL_SERIES), var_name="key", value_name="usd_bn")
    long["series"] = long["key"].map(CAPITAL_SERIES)
    chart = alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("fiscal_year:O", title="Fiscal year", axis=alt.Axis(labelAngle=0)), y=alt.Y("usd_bn:Q", title="USD billions"),
        color=alt.Color("series:N", title=None, scale=color_scale(CAPITAL_SERIES_COLORS)),
        tooltip=["fiscal_year:O", "series:N", alt.Tooltip("usd_bn:Q", format=",.1f")])
    return properties(chart, aws_capital_result_text(result, source), width=WIDTH - 120, height=220)
