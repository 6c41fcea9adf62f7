"""The Financials chapter (``chapters/financials.ipynb``): the revenue mix, the segments, and a projection.

- :func:`revenue_mix_chart` and :func:`segment_chart` draw the filed history.
- :data:`PROJECTION` projects each segment's net sales and operating income from the
  reader's growth and margin; :func:`project_segments` runs it in Python over the rows of
  :func:`projection_rows`, :func:`projection_base` in the browser over the same rows. The
  AWS chapter's what-if chart uses the same model with AWS's inputs on sliders.
- :func:`projection_workbench` is the live-notebook version.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .filings import CATEGORY_COLORS, SEGMENT_COLORS, cagr
from .kit import ASSUMPTION, VIEW, AssumptionError, Choice, Field, Input, Model, formula
from .kit.style import (INK, WIDTH, ChartText, color_scale, faded_unless, fiscal_year_x, one_row, properties,
                        readout, zero_rule)
from .kit.registry import ChartEntry, ModelEntry
from .kit.workbench import Workbench

# ---------------------------------------------------------------------------
# The projection model
# ---------------------------------------------------------------------------

#: The segments, in the order of the chart's stack, and the key that names their inputs.
SEGMENT_KEYS = {"North America": "na", "International": "intl", "AWS": "aws"}
GROWTH_BOUNDS = (-0.2, 0.4)
MARGIN_BOUNDS = (-0.2, 0.5)
MAX_PROJECTION_YEARS = 10


def _segment_inputs(growth: dict[str, float] | None = None, margin: dict[str, float] | None = None) -> list[Input]:
    inputs = []
    for segment, key in SEGMENT_KEYS.items():
        inputs.append(Input(f"{key}_growth", f"{segment} growth per year", "%", (growth or {}).get(segment, 0.1),
                            *GROWTH_BOUNDS, 0.5, ASSUMPTION, "ours; default: the segment's recent growth rate"))
        inputs.append(Input(f"{key}_margin", f"{segment} operating margin", "%", (margin or {}).get(segment, 0.1),
                            *MARGIN_BOUNDS, 0.5, ASSUMPTION, "ours; default: the segment's latest margin"))
    return inputs


@formula
def growth(segment, na_growth, intl_growth, aws_growth):
    """The row's segment's annual growth."""
    return aws_growth if segment == "AWS" else (na_growth if segment == "North America" else intl_growth)


@formula
def margin(segment, na_margin, intl_margin, aws_margin):
    """The row's segment's operating margin."""
    return aws_margin if segment == "AWS" else (na_margin if segment == "North America" else intl_margin)


@formula
def net_sales_musd(k, reported_net_sales_musd, base_net_sales_musd, growth):
    """Reported up to the base year (k <= 0), then the base year's net sales compounded k years."""
    return reported_net_sales_musd if k <= 0 else base_net_sales_musd * (1 + growth) ** k


@formula
def operating_income_musd(k, reported_operating_income_musd, net_sales_musd, margin):
    """Reported up to the base year, then net sales times the segment's margin."""
    return reported_operating_income_musd if k <= 0 else net_sales_musd * margin


PROJECTION = Model(
    "segment projection", prefix="",
    inputs=_segment_inputs(),
    formulas=[growth, margin, net_sales_musd, operating_income_musd],
    fields=[Field("segment", "North America, International or AWS"),
            Field("k", "years after the base year (0 and below: reported)", -30, MAX_PROJECTION_YEARS),
            Field("base_net_sales_musd", "the segment's net sales in the base year, USD m", 0, float("inf"), low_open=True),
            Field("reported_net_sales_musd", "reported net sales, USD m (empty when projected)", optional=True),
            Field("reported_operating_income_musd", "reported operating income, USD m (empty when projected)",
                  optional=True)],
)


#: Years of growth the projection's defaults look back over: recent actuals, not a longer history that
#: would carry the pandemic surge of online shopping (2020–2021) into every projected year.
DEFAULT_LOOKBACK_YEARS = 2


def default_projection_assumptions(history: pd.DataFrame, base_year: int,
                                   lookback_years: int = DEFAULT_LOOKBACK_YEARS) -> pd.DataFrame:
    """Default growth and margin per segment, read off the filings: the recent actuals.

    Growth is the segment's net sales CAGR over the ``lookback_years`` to ``base_year``;
    margin its operating margin in ``base_year``. Both are rounded to the sliders' step
    (0.5 percentage point) and kept within the inputs' bounds. ``history`` is
    :func:`amazon_case.filings.segment_history`. Returns a frame indexed by segment with
    ``growth`` and ``margin``.
    """
    start_year, rows = base_year - lookback_years, {}
    for segment, group in history.groupby("segment", sort=False):
        by_year = group.set_index("fiscal_year")
        if base_year not in by_year.index or start_year not in by_year.index:
            raise ValueError(f"segment {segment!r} lacks fiscal year {start_year} or {base_year}")
        g = cagr(by_year.at[start_year, "net_sales_musd"], by_year.at[base_year, "net_sales_musd"], lookback_years)
        m = by_year.at[base_year, "operating_margin"]
        rows[segment] = {"growth": min(max(round(g * 200) / 200, GROWTH_BOUNDS[0]), GROWTH_BOUNDS[1]),
                         "margin": min(max(round(m * 200) / 200, MARGIN_BOUNDS[0]), MARGIN_BOUNDS[1])}
    return pd.DataFrame.from_dict(rows, orient="index")


def projection_model(assumptions: pd.DataFrame) -> Model:
    """:data:`PROJECTION` with its defaults from ``assumptions`` (:func:`default_projection_assumptions`)."""
    return PROJECTION.with_defaults(**{f"{key}_{kind}": assumptions.at[segment, kind]
                                       for segment, key in SEGMENT_KEYS.items() for kind in ("growth", "margin")})


def projection_rows(history: pd.DataFrame, base_year: int, years: int = 5, first_year: int | None = None) -> pd.DataFrame:
    """The rows the projection runs over: each segment reported ``first_year``–``base_year``, then ``years`` projected.

    ``k`` counts years after ``base_year``; the reported columns are empty for projected years.
    """
    if not 1 <= int(years) <= MAX_PROJECTION_YEARS:
        raise AssumptionError(f"parameter 'years' = {years!r} is outside the allowed range [1, {MAX_PROJECTION_YEARS}]")
    first_year = base_year if first_year is None else first_year
    base = history[history["fiscal_year"] == base_year].set_index("segment")["net_sales_musd"]
    if base.empty:
        raise ValueError(f"the history has no fiscal year {base_year}")
    reported = history[history["fiscal_year"].between(first_year, base_year)]
    rows = [{"segment": r.segment, "k": int(r.fiscal_year) - base_year, "fiscal_year": int(r.fiscal_year),
             "base_net_sales_musd": float(base[r.segment]), "reported_net_sales_musd": float(r.net_sales_musd),
             "reported_operating_income_musd": float(r.operating_income_musd)} for r in reported.itertuples()]
    rows += [{"segment": s, "k": k, "fiscal_year": base_year + k, "base_net_sales_musd": float(base[s]),
              "reported_net_sales_musd": None, "reported_operating_income_musd": None}
             for s in SEGMENT_KEYS for k in range(1, int(years) + 1)]
    return pd.DataFrame(rows)


def project_segments(history: pd.DataFrame, base_year: int, years: int = 5, **inputs: float) -> pd.DataFrame:
    """:data:`PROJECTION` in Python: each segment's net sales and operating income, the base year then ``years`` ahead.

    ``inputs`` are the model's (``na_growth`` … ``aws_margin``, fractions). Returns ``fiscal_year``,
    ``segment``, ``net_sales_musd``, ``operating_income_musd``, ``kind`` (reported or projected),
    ``share_of_net_sales`` and ``share_of_operating_income`` (empty where the year's total is not positive).
    """
    rows = projection_rows(history, base_year, years)
    fields = ["segment", "k", "base_net_sales_musd", "reported_net_sales_musd", "reported_operating_income_musd"]
    results = [PROJECTION.evaluate(**inputs, **{f: row[f] for f in fields}) for row in rows.to_dict("records")]
    frame = rows[["fiscal_year", "segment"]].assign(
        net_sales_musd=[r["net_sales_musd"] for r in results],
        operating_income_musd=[r["operating_income_musd"] for r in results],
        kind=["reported" if k <= 0 else "projected" for k in rows["k"]])
    totals = frame.groupby("fiscal_year")[["net_sales_musd", "operating_income_musd"]].transform("sum")
    frame["share_of_net_sales"] = frame["net_sales_musd"] / totals["net_sales_musd"]
    positive = totals["operating_income_musd"] > 0  # a share of a total that is not positive means nothing
    frame["share_of_operating_income"] = (frame["operating_income_musd"] / totals["operating_income_musd"]).where(positive)
    return frame


def projection_summary(projection: pd.DataFrame) -> pd.DataFrame:
    """Totals per year of a :func:`project_segments` result, with the operating margin."""
    totals = projection.groupby("fiscal_year")[["net_sales_musd", "operating_income_musd"]].sum()
    totals["operating_margin"] = totals["operating_income_musd"] / totals["net_sales_musd"]
    return totals


@formula
def projection_readout(fiscal_year, sales_musd, income_musd, aws_income_musd):
    """The projected year's totals, in words (AWS's share only where the total is positive)."""
    share = f"{aws_income_musd / income_musd:.0%} of it from AWS" if income_musd > 0 else "not positive, so AWS has no share of it"
    return (f"FY{fiscal_year:.0f}: net sales USD {sales_musd / 1000:,.0f} bn; operating income "
            f"USD {income_musd / 1000:,.0f} bn, " + share)


PROJECTION_TOTALS = Model(
    "projection totals", prefix="", inputs=[], formulas=[projection_readout],
    fields=[Field("fiscal_year", "the year"), Field("sales_musd", "total net sales, USD m"),
            Field("income_musd", "total operating income, USD m"), Field("aws_income_musd", "AWS, USD m")],
)


# ---------------------------------------------------------------------------
# Projection charts
# ---------------------------------------------------------------------------

def projection_base(history: pd.DataFrame, base_year: int, years: int, first_year: int,
                    fixed: dict[str, float] | None = None) -> alt.Chart:
    """The projection computed in the browser over :func:`projection_rows`, before any mark.

    Inputs in ``fixed`` are written in as numbers; the others read the reader's sliders.
    Adds ``net_sales_bn``, ``operating_income_bn``, ``kind`` and ``segment_order``.
    """
    rows = projection_rows(history, base_year, years, first_year).assign(
        kind=lambda f: f["k"].map(lambda k: "reported" if k <= 0 else "projected"),
        segment_order=lambda f: f["segment"].map(list(SEGMENT_KEYS).index))
    chart = PROJECTION.calculate(alt.Chart(rows), fixed=fixed)
    return chart.transform_calculate(net_sales_bn="datum.net_sales_musd / 1000",
                                     operating_income_bn="datum.operating_income_musd / 1000")


def projection_totals_readout(base: alt.Chart, fiscal_year: int) -> alt.Chart:
    """The line of text that states ``fiscal_year``'s projected totals and AWS's share."""
    totals = base.transform_filter(f"datum.fiscal_year == {fiscal_year}").transform_calculate(
        aws_income_musd="datum.segment == 'AWS' ? datum.operating_income_musd : 0",
    ).transform_aggregate(sales_musd="sum(net_sales_musd)", income_musd="sum(operating_income_musd)",
                          aws_income_musd="sum(aws_income_musd)", fiscal_year="max(fiscal_year)")
    return readout(PROJECTION_TOTALS.calculate(totals), "projection_readout", bold=True, corner="above")


SEGMENT_TOOLTIP = [alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("segment:N", title="Segment"),
                   alt.Tooltip("kind:N", title="Reported or projected"),
                   alt.Tooltip("net_sales_bn:Q", format="$,.1f", title="Net sales (USD bn)"),
                   alt.Tooltip("operating_income_bn:Q", format="$,.1f", title="Operating income (USD bn)")]


def segment_bars(base: alt.Chart, field: str, axis_title: str) -> alt.Chart:
    """Stacked bars of ``field`` by segment and year, projected years faded."""
    return base.mark_bar().encode(
        x=fiscal_year_x(), y=alt.Y(f"{field}:Q", title=axis_title, stack="zero"),
        color=alt.Color("segment:N", title="Segment", scale=color_scale(SEGMENT_COLORS), legend=alt.Legend(orient="top")),
        order=alt.Order("segment_order:Q"), opacity=faded_unless("datum.k <= 0", faded=0.5), tooltip=SEGMENT_TOOLTIP)


def projection_text(model: Model, history: pd.DataFrame, base_year: int, years: int, first_year: int,
                    source: str) -> ChartText:
    projection = project_segments(history, base_year, years, **model.inputs.defaults())
    last = base_year + years
    share = projection.set_index(["fiscal_year", "segment"]).at[(last, "AWS"), "share_of_operating_income"]
    return ChartText(
        f"If each segment kept its recent growth and FY{base_year} margin, AWS would earn {share:.0%} of "
        f"operating income in FY{last}",
        f"FY{first_year}–FY{base_year} reported (solid), FY{base_year + 1}–FY{last} projected (faded); defaults: "
        f"each segment's growth over the last {DEFAULT_LOOKBACK_YEARS} years and its FY{base_year} margin",
        source,
        "Two stacked bar charts by fiscal year, net sales on top and operating income below, for North America, "
        f"International and AWS: reported to FY{base_year}, then projected to FY{last} from six sliders that set each "
        f"segment's annual growth and operating margin. A line of text gives the projected FY{last} totals and AWS's "
        "share of operating income.",
    )


def projection_chart(history: pd.DataFrame, assumptions: pd.DataFrame, base_year: int, source: str, years: int = 5,
                     first_year: int | None = None, later_reported: pd.DataFrame | None = None) -> alt.VConcatChart:
    """Segment net sales and operating income, reported then projected, under the reader's six sliders.

    ``later_reported`` (``fiscal_year``, ``net_sales_musd``, ``operating_income_musd``, ``label``) draws
    reported totals of years after ``base_year`` as black ticks, to compare with the projection.
    """
    model, first_year = projection_model(assumptions), base_year - 5 if first_year is None else first_year
    base = projection_base(history, base_year, years, first_year)
    top, bottom = [segment_bars(base, "net_sales_bn", "Net sales (USD bn)")], \
        [segment_bars(base, "operating_income_bn", "Operating income (USD bn)")]
    if later_reported is not None and not later_reported.empty:
        ticks = alt.Chart(later_reported.assign(net_sales_bn=later_reported["net_sales_musd"] / 1000,
                                                operating_income_bn=later_reported["operating_income_musd"] / 1000))
        tip = [alt.Tooltip("label:N", title="Reported"),
               alt.Tooltip("net_sales_bn:Q", format="$,.1f", title="Net sales (USD bn)"),
               alt.Tooltip("operating_income_bn:Q", format="$,.1f", title="Operating income (USD bn)")]
        top.append(ticks.mark_tick(color="black", thickness=2.5, size=26).encode(x=fiscal_year_x(), y="net_sales_bn:Q", tooltip=tip))
        bottom.append(ticks.mark_tick(color="black", thickness=2.5, size=26).encode(
            x=fiscal_year_x(), y="operating_income_bn:Q", tooltip=tip))
    bottom.append(projection_totals_readout(base, base_year + years))
    chart = alt.vconcat(alt.layer(*top).properties(width=WIDTH, height=230),
                        alt.layer(*bottom).properties(width=WIDTH, height=200), spacing=40).add_params(*model.params())
    return properties(chart, projection_text(model, history, base_year, years, first_year, source))


def projection_result_chart(projection: pd.DataFrame, source: str) -> alt.Chart:
    """Operating income by segment per year of one projection (no controls: the workbench's sliders drive it)."""
    last = int(projection["fiscal_year"].max())
    total = projection[projection["fiscal_year"] == last]["operating_income_musd"].sum()
    data = projection.assign(operating_income_bn=projection["operating_income_musd"] / 1000,
                             k=projection["kind"].map({"reported": 0, "projected": 1}),
                             segment_order=projection["segment"].map(list(SEGMENT_KEYS).index))
    chart = segment_bars(alt.Chart(data), "operating_income_bn", "Operating income (USD bn)")
    text = ChartText(f"Operating income in FY{last}: USD {total / 1000:,.0f} billion under these assumptions",
                     "Reported base year, then projected (faded)", source,
                     f"Stacked bar chart of projected operating income by segment from FY{int(projection['fiscal_year'].min())} "
                     f"to FY{last}; the FY{last} total is {total / 1000:,.0f} billion US dollars.")
    return properties(chart, text, width=WIDTH - 120, height=220)


# ---------------------------------------------------------------------------
# The projection workbench
# ---------------------------------------------------------------------------

YEARS_AHEAD = Input("years", "years ahead", "years", 5, 1, MAX_PROJECTION_YEARS, 1, ASSUMPTION, "ours")


def projection_table_html(projection: pd.DataFrame) -> str:
    """An HTML table of net sales, operating income and margin per year (USD billions)."""
    summary = projection_summary(projection)
    by_segment = projection.pivot(index="fiscal_year", columns="segment", values="operating_income_musd")
    table = pd.DataFrame({"Net sales (USD bn)": summary["net_sales_musd"] / 1000,
                          "Operating income (USD bn)": summary["operating_income_musd"] / 1000,
                          "Operating margin": summary["operating_margin"],
                          **{f"{s} op. income (USD bn)": by_segment[s] / 1000 for s in by_segment.columns}})
    table.index.name = "Fiscal year"
    formats = {c: "{:,.1f}".format for c in table.columns} | {"Operating margin": "{:.1%}".format}
    return table.to_html(formatters=formats, classes="projection-table", border=0)


def projection_sentence(projection: pd.DataFrame) -> str:
    """One sentence that states the projection's last year in words."""
    summary = projection_summary(projection)
    first, last = int(summary.index.min()), int(summary.index.max())
    aws_share = projection[projection["fiscal_year"] == last].set_index("segment")["share_of_operating_income"].get("AWS")
    growth_ = summary.at[last, "net_sales_musd"] / summary.at[first, "net_sales_musd"]
    share_text = (f"AWS would earn {aws_share:.0%} of operating income" if pd.notna(aws_share)
                  else "total operating income would not be positive, so no segment's share of it is meaningful")
    return (f"By FY{last}, net sales would be ${summary.at[last, 'net_sales_musd'] / 1000:,.0f} billion "
            f"({growth_:.2f}× FY{first}) and operating income ${summary.at[last, 'operating_income_musd'] / 1000:,.0f} "
            f"billion (a {summary.at[last, 'operating_margin']:.1%} margin); {share_text}.")


def projection_workbench(history: pd.DataFrame, assumptions: pd.DataFrame, base_year: int, source: str) -> Workbench:
    """Sliders for each segment's growth and margin and the years ahead; the projection as text, table and chart."""
    model = projection_model(assumptions)
    return Workbench(
        "Projection workbench (assumptions are yours; defaults from the filings)", [*model.inputs.values(), YEARS_AHEAD],
        compute=lambda years, **inputs: project_segments(history, base_year, int(years), **inputs),
        describe=projection_sentence, tabulate=projection_table_html,
        draw=lambda projection: projection_result_chart(projection, source))


# ---------------------------------------------------------------------------
# History: the revenue mix and the segments
# ---------------------------------------------------------------------------

MIX_MEASURE = Choice("measure", "show", (("USD billions", "usd"), ("Share of net sales (%)", "share")), "usd",
                     VIEW, "the filed figures, two ways", control="radio")


@formula
def shown(measure, net_sales_bn, share_pct):
    """The bar's height in the unit the reader chose."""
    return net_sales_bn if measure == "usd" else share_pct


@formula
def unit_label(measure):
    return "USD billions" if measure == "usd" else "% of total net sales"


@formula
def panel_label(category, net_sales_bn, share_pct):
    return f"{category:s}: USD {net_sales_bn:,.1f} bn, {share_pct:.1f}%"


def mix_view(years: list[int]) -> Model:
    """The revenue mix chart's controls and what they compute: the unit, and the year of the right-hand panel."""
    year = Input("year", "year in the right panel", "", 2021, years[0], years[-1], 1, VIEW, "the filed years")
    return Model("revenue mix view", prefix="mix", inputs=[MIX_MEASURE, year], formulas=[shown, unit_label, panel_label],
                 fields=[Field("category", "net sales category"), Field("net_sales_bn", "USD bn"),
                         Field("share_pct", "% of net sales")])


def revenue_mix_text(mix: pd.DataFrame, source: str, unaudited_years: frozenset[int]) -> ChartText:
    online = mix[mix["category"] == "Online stores"].set_index("fiscal_year")["share_of_net_sales"]
    audited = [y for y in online.index if y not in unaudited_years]
    first, last = int(audited[0]), int(audited[-1])
    return ChartText(
        f"Amazon's own online store fell from {online[first]:.0%} of net sales in FY{first} to {online[last]:.0%} "
        f"in FY{last}",
        "Net sales by category; services (third-party seller fees, AWS, advertising, subscriptions) took the rest"
        + (" · lighter bars: unaudited" if unaudited_years else ""),
        source,
        "Stacked bar chart of Amazon's net sales by category for each fiscal year, with a panel listing the selected "
        f"year's categories with their net sales and shares. Online stores' share falls from {online[first]:.0%} in "
        f"FY{first} to {online[last]:.0%} in FY{last} while third-party seller services, AWS, advertising and "
        "subscriptions grow. Controls switch between US dollars and shares and choose the year.",
    )


def revenue_mix_chart(mix: pd.DataFrame, source: str, unaudited_years: frozenset[int] = frozenset()) -> alt.HConcatChart:
    """Net sales by category per year (stacked bars) and the chosen year's mix beside it.

    Controls: the unit (USD billions or share of net sales) and the year of the right-hand
    panel. ``mix`` is :func:`amazon_case.filings.revenue_mix`; unaudited years are lighter.
    """
    view = mix_view(sorted(int(y) for y in mix["fiscal_year"].unique()))
    data = mix.assign(net_sales_bn=mix["net_sales_musd"] / 1000, share_pct=mix["share_of_net_sales"] * 100,
                      audited=~mix["fiscal_year"].isin(unaudited_years),
                      category_order=mix["category"].map(list(CATEGORY_COLORS).index),
                      year_label=[f"FY{y}" + (" (unaudited release)" if y in unaudited_years else "") for y in mix["fiscal_year"]])
    base = view.calculate(alt.Chart(data))
    color = alt.Color("category:N", title="Category", scale=color_scale(CATEGORY_COLORS),
                      legend=alt.Legend(orient="bottom", columns=4))
    tooltip = [alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("category:N", title="Category"),
               alt.Tooltip("net_sales_bn:Q", format="$,.1f", title="Net sales (USD bn)"),
               alt.Tooltip("share_pct:Q", format=".1f", title="Share of net sales (%)"),
               alt.Tooltip("audited:N", title="Audited (10-K)")]
    opacity = faded_unless("datum.audited", faded=0.45)
    chosen = base.transform_filter(f"datum.fiscal_year == {view.shown('year')}")
    left = alt.layer(
        base.mark_bar().encode(x=fiscal_year_x(), y=alt.Y("shown:Q", title=None, stack="zero"), color=color,
                               order=alt.Order("category_order:Q"), opacity=opacity, tooltip=tooltip),
        chosen.transform_aggregate(total="sum(shown)", groupby=["fiscal_year"]).mark_text(
            dy=-6, fontSize=16, fontWeight="bold").encode(x="fiscal_year:O", y="total:Q", text=alt.value("▼")),
        readout(view.calculate(one_row(), outputs=["unit_label"]), "unit_label", corner="above", color=INK, size=11),
    ).properties(width=320, height=300)
    panel_y = alt.Y("category:N", sort=list(CATEGORY_COLORS), title=None, axis=None)
    right = alt.layer(
        chosen.mark_square(size=120).encode(y=panel_y, x=alt.value(6), color=color, opacity=opacity, tooltip=tooltip),
        chosen.mark_text(align="left", x=18, fontSize=12).encode(y=panel_y, text="panel_label:N"),
        readout(chosen.transform_aggregate(year_label="max(year_label)"), "year_label", bold=True, corner="above"),
    ).properties(width=250, height=200, view=alt.ViewConfig(stroke=None))
    chart = alt.hconcat(left, right, spacing=24).add_params(*view.params())
    return properties(chart, revenue_mix_text(mix, source, unaudited_years))


SEGMENT_MEASURE = Choice("measure", "measure", (("Operating margin (%)", "margin"), ("Operating income (USD bn)", "income"),
                                                ("Net sales (USD bn)", "sales")), "margin", VIEW,
                         "the filed segment results, three ways", control="select")


@formula
def segment_shown(measure, operating_margin, operating_income_musd, net_sales_musd):
    """The line's value in the measure the reader chose."""
    return operating_margin * 100 if measure == "margin" else (
        operating_income_musd / 1000 if measure == "income" else net_sales_musd / 1000)


@formula
def segment_measure_label(measure):
    return "Operating margin (%)" if measure == "margin" else (
        "Operating income (USD bn)" if measure == "income" else "Net sales (USD bn)")


SEGMENT_VIEW = Model("segment view", prefix="segment", inputs=[SEGMENT_MEASURE],
                     formulas=[segment_shown, segment_measure_label],
                     fields=[Field("operating_margin", "fraction"), Field("operating_income_musd", "USD m"),
                             Field("net_sales_musd", "USD m")])


def segment_text(history: pd.DataFrame, source: str, ttm: pd.DataFrame | None = None) -> ChartText:
    years = sorted(int(y) for y in history["fiscal_year"].unique())
    latest = history[history["fiscal_year"] == years[-1]].set_index("segment")
    sales_share = latest.at["AWS", "net_sales_musd"] / latest["net_sales_musd"].sum()
    income_share = latest.at["AWS", "operating_income_musd"] / latest["operating_income_musd"].sum()
    m = history.pivot(index="fiscal_year", columns="segment", values="operating_margin")
    ranges = "; ".join(f"{s}'s from {m[s].min():.0%} to {m[s].max():.0%}" for s in ("AWS", "North America", "International"))
    later = "" if ttm is None else f", then the trailing twelve months to {ttm['period'].iloc[0].removeprefix('TTM ')} (hollow)"
    return ChartText(
        f"In FY{years[-1]}, AWS made {sales_share:.0%} of Amazon's net sales and {income_share:.0%} of its operating income",
        f"Segment results as Amazon reports them, FY{years[0]}–FY{years[-1]}{later}; choose the measure", source,
        "Line chart of Amazon's three segments, North America, International and AWS, by fiscal year "
        f"FY{years[0]} to FY{years[-1]}{later}. A dropdown chooses net sales, operating income or operating margin. "
        f"Operating margins range: {ranges}.",
    )


def segment_chart(history: pd.DataFrame, source: str, ttm: pd.DataFrame | None = None) -> alt.LayerChart:
    """Segment net sales, operating income or operating margin per year, chosen from a dropdown.

    ``history`` is :func:`amazon_case.filings.segment_history`; ``ttm`` (optional,
    :func:`amazon_case.filings.latest_ttm_segments`) adds the trailing twelve months to the latest
    quarter as a last, hollow point, labelled as such.
    """
    data = history.assign(period=history["fiscal_year"].astype(str), kind="fiscal year")
    data = pd.concat([data, ttm]) if ttm is not None else data
    base = SEGMENT_VIEW.calculate(alt.Chart(data))
    x = alt.X("period:O", title="Fiscal year (and the latest twelve months)", sort=list(dict.fromkeys(data["period"])),
              axis=alt.Axis(labelAngle=0, labelExpr="length(datum.value) > 4 ? 'TTM' : datum.value"))
    color = alt.Color("segment:N", title="Segment", scale=color_scale(SEGMENT_COLORS), legend=alt.Legend(orient="top"))
    tooltip = [alt.Tooltip("period:N", title="Period"), alt.Tooltip("segment:N", title="Segment"),
               alt.Tooltip("net_sales_musd:Q", format="$,.0f", title="Net sales (USD m)"),
               alt.Tooltip("operating_income_musd:Q", format="$,.0f", title="Operating income (USD m)"),
               alt.Tooltip("operating_margin:Q", format=".1%", title="Operating margin")]
    y = alt.Y("segment_shown:Q", title=None)
    lines = base.transform_filter("datum.kind == 'fiscal year'").mark_line(point=True, strokeWidth=2.5).encode(
        x=x, y=y, color=color, tooltip=tooltip)
    latest = base.transform_filter("datum.kind == 'ttm'").mark_point(size=80, filled=False, strokeWidth=2).encode(
        x=x, y=y, color=color, tooltip=tooltip)
    label = readout(SEGMENT_VIEW.calculate(one_row(), outputs=["segment_measure_label"]), "segment_measure_label",
                    corner="above", color=INK, size=11)
    chart = alt.layer(zero_rule(), lines, latest, label).add_params(*SEGMENT_VIEW.params())
    return properties(chart, segment_text(history, source, ttm), width=WIDTH, height=300)


# ---------------------------------------------------------------------------
# For the book-wide tests
# ---------------------------------------------------------------------------

def book_models() -> list[ModelEntry]:
    from .filings import annual_wide, segment_history

    history = segment_history(annual_wide())
    rows = lambda: projection_rows(history, 2025, 5, 2020).to_dict("records")  # noqa: E731
    mix_rows = lambda: [{"category": "AWS", "net_sales_bn": 107.6, "share_pct": 16.9}]  # noqa: E731
    years = sorted(int(y) for y in history["fiscal_year"].unique())
    return [ModelEntry("financials", PROJECTION, rows),
            ModelEntry("financials", PROJECTION_TOTALS, lambda: [
                {"fiscal_year": 2029, "sales_musd": 1.5e6, "income_musd": i, "aws_income_musd": 9e4} for i in (-5e4, 1.9e5)]),
            ModelEntry("financials", mix_view(years), mix_rows),
            ModelEntry("financials", SEGMENT_VIEW, lambda: history[["operating_margin", "operating_income_musd",
                                                                    "net_sales_musd"]].to_dict("records"))]


def book_charts() -> list[ChartEntry]:
    from .filings import UNAUDITED_YEARS, annual_wide, latest_ttm_segments, load_quarterly, revenue_mix, segment_history

    wide = annual_wide()
    history = segment_history(wide)
    audited = history[~history["fiscal_year"].isin(UNAUDITED_YEARS)]
    assumptions = default_projection_assumptions(history, 2025)
    years = sorted(int(y) for y in history["fiscal_year"].unique())
    return [
        ChartEntry("financials", "revenue mix", lambda: revenue_mix_chart(revenue_mix(wide), "10-Ks", UNAUDITED_YEARS),
                   mix_view(years).param_names()),
        ChartEntry("financials", "segments", lambda: segment_chart(audited, "10-Ks", latest_ttm_segments(load_quarterly())),
                   SEGMENT_VIEW.param_names()),
        ChartEntry("financials", "projection", lambda: projection_chart(history, assumptions, 2025, "10-Ks"),
                   PROJECTION.param_names()),
    ]
