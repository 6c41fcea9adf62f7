"""Altair chart builders for the book.

Each builder is a function that takes tidy data (from :mod:`amazon_case.models`)
and returns an Altair chart. Reader controls are Vega-Lite parameters bound to
HTML inputs (sliders, dropdowns, radio buttons), so they work in the static
site with no kernel: the browser recomputes the chart with
``transform_calculate`` / ``transform_filter``. Every parameter has a name
(listed in the ``*_PARAMS`` constants) so that tests can drive it.

Where a chart recomputes a Python model in the browser, the Vega expression is
written here beside the Python function it mirrors, and the browser tests check
that both give the same numbers at several settings.

Every chart carries a title that states its takeaway and a ``description``
(its alt text, which Vega writes into the SVG's ARIA attributes).
"""

from __future__ import annotations

import textwrap

import altair as alt
import pandas as pd

from . import display

from .models import GROWTH_RANGE, HYBRID_DEFAULTS, HYBRID_RANGES, MARGIN_RANGE, project_segments

#: Colours per segment and category, kept the same on every page.
SEGMENT_COLORS = {"North America": "#1f77b4", "International": "#9467bd", "AWS": "#ff7f0e"}
CATEGORY_COLORS = {
    "Online stores": "#1f77b4",
    "Physical stores": "#aec7e8",
    "Third-party seller services": "#2ca02c",
    "Advertising services": "#d62728",
    "Subscription services": "#9467bd",
    "AWS": "#ff7f0e",
    "Other": "#7f7f7f",
}
WIDTH = 560


def use_book_defaults() -> None:
    """Output charts as Vega-Lite JSON that every frontend draws offline, as SVG with an export menu.

    See :mod:`amazon_case.display`.
    """
    display.enable()


# Characters per title line that fit the width of a chart (WIDTH plus its axis): a takeaway
# is set in 15 px bold, the subtitle and source in 12 px.
TITLE_LINE_CHARS = 68
SUBTITLE_LINE_CHARS = 95


def _wrap_evenly(text: str, limit: int) -> list[str]:
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


def _title(source: str, takeaway: str, subtitle: str) -> alt.TitleParams:
    """Title that states the takeaway; subtitle lines: what is shown, then the source.

    The source travels with the chart (in a notebook, in the book, in an exported PNG or SVG).
    Long lines are wrapped so that the title is never wider than the chart; read the title
    back as one string with :func:`amazon_case.display.title_text`.
    """
    if not source.strip():
        raise ValueError("every chart must name its source")
    takeaway_lines = _wrap_evenly(takeaway, TITLE_LINE_CHARS)
    lines = [*_wrap_evenly(subtitle, SUBTITLE_LINE_CHARS), *_wrap_evenly("Source: " + source, SUBTITLE_LINE_CHARS)]
    return alt.TitleParams(
        text=takeaway_lines if len(takeaway_lines) > 1 else takeaway, subtitle=lines,
        anchor="start", fontSize=15, subtitleFontSize=12, subtitleColor="#444",
    )


def _scale(colors: dict[str, str]) -> alt.Scale:
    return alt.Scale(domain=list(colors), range=list(colors.values()))


# ---------------------------------------------------------------------------
# The hybrid store (mirrors models.hybrid_store_economics)
# ---------------------------------------------------------------------------

HYBRID_PARAMS = ("third_party_share", "take_rate", "first_party_margin", "third_party_cost")


def _percent_slider(name: str, label: str, value: float, low: float, high: float, step: float = 1) -> alt.Parameter:
    """A named parameter, in percent, bound to a range input."""
    return alt.param(
        name=name,
        value=round(value * 100, 4),
        bind=alt.binding_range(min=round(low * 100, 4), max=round(high * 100, 4), step=step, name=label),
    )


def hybrid_store_chart(
    source: str, actual_third_party_share: float | None = None, actual_label: str = "Amazon's stated share"
) -> alt.LayerChart:
    """Reported net sales and gross profit per $100 of merchandise, as units move to third-party sellers.

    Four sliders: the third-party unit share marked on the chart, and the three
    assumptions of :func:`amazon_case.models.hybrid_store_economics` (take rate,
    first-party gross margin, cost of serving third-party orders). The curves
    are computed in the browser by the same formulas as the Python model.
    ``actual_third_party_share`` (0–1), if given, is drawn as a reference line labelled ``actual_label``.
    """
    share = _percent_slider("third_party_share", "Units sold by third-party sellers (%) ",
                            HYBRID_DEFAULTS["third_party_unit_share"], *HYBRID_RANGES["third_party_unit_share"])
    take = _percent_slider("take_rate", "Assumption: Amazon's fees, % of a third-party sale ",
                           HYBRID_DEFAULTS["third_party_take_rate"], *HYBRID_RANGES["third_party_take_rate"])
    margin = _percent_slider("first_party_margin", "Assumption: first-party gross margin (%) ",
                             HYBRID_DEFAULTS["first_party_gross_margin"], *HYBRID_RANGES["first_party_gross_margin"])
    cost = _percent_slider("third_party_cost", "Assumption: cost of serving third-party orders, % of fees ",
                           HYBRID_DEFAULTS["third_party_cost_ratio"], *HYBRID_RANGES["third_party_cost_ratio"], step=5)
    grid = pd.DataFrame({"share_pct": range(0, 101)})
    base = (
        alt.Chart(grid)
        .transform_calculate(
            first_party_net_sales="100 * (1 - datum.share_pct / 100)",
            third_party_net_sales="100 * (datum.share_pct / 100) * (take_rate / 100)",
        )
        .transform_calculate(
            reported_net_sales="datum.first_party_net_sales + datum.third_party_net_sales",
            gross_profit="datum.first_party_net_sales * (first_party_margin / 100)"
            " + datum.third_party_net_sales * (1 - third_party_cost / 100)",
        )
        .transform_calculate(gross_margin="datum.gross_profit / datum.reported_net_sales")
    )
    x = alt.X("share_pct:Q", title="Share of units sold by third-party sellers (%)", scale=alt.Scale(domain=[0, 100]))
    folded = base.transform_fold(["reported_net_sales", "gross_profit"], as_=["measure", "amount"]).transform_calculate(
        measure_label="datum.measure == 'reported_net_sales' ? 'Reported net sales' : 'Gross profit'"
    )
    measure_scale = alt.Scale(domain=["Reported net sales", "Gross profit"], range=["#1f77b4", "#2ca02c"])
    color = alt.Color("measure_label:N", title=None, scale=measure_scale, legend=alt.Legend(orient="top-right"))
    lines = folded.mark_line(strokeWidth=2.5).encode(
        x=x,
        y=alt.Y("amount:Q", title="USD per $100 of merchandise customers buy", scale=alt.Scale(domain=[0, 100])),
        color=color,
    )
    at_share = folded.transform_filter("datum.share_pct == third_party_share")
    points = at_share.mark_point(filled=True, size=70).encode(
        x=x, y="amount:Q", color=color,
        tooltip=[alt.Tooltip("measure_label:N", title="Measure"), alt.Tooltip("amount:Q", format="$.1f", title="Per $100")],
    )
    labels = at_share.mark_text(align="left", dx=8, dy=-8, fontSize=12, fontWeight="bold").encode(
        x=x, y="amount:Q", color=color,
        text=alt.Text("amount:Q", format="$.1f"),
    )
    rule = alt.Chart(grid).mark_rule(color="#555", strokeDash=[4, 3]).encode(x=x).transform_filter(
        "datum.share_pct == third_party_share"
    )
    readout = base.transform_filter("datum.share_pct == third_party_share").mark_text(
        align="left", baseline="top", x=8, y=8, fontSize=12
    ).encode(
        text=alt.Text("readout:N")
    ).transform_calculate(
        readout="'Gross margin at ' + datum.share_pct + '% third-party: ' + format(datum.gross_margin, '.1%')"
    )
    layers = [lines, rule, points, labels, readout]
    if actual_third_party_share is not None:
        actual = pd.DataFrame({"share_pct": [actual_third_party_share * 100], "label": [actual_label]})
        layers.insert(1, alt.Chart(actual).mark_rule(color="#d62728", strokeWidth=1.5).encode(x=x))
        layers.insert(2, alt.Chart(actual).mark_text(align="right", dx=-4, y=200, color="#d62728", fontSize=11).encode(
            x=x, text="label:N"))
    return (
        alt.layer(*layers)
        .add_params(share, take, margin, cost)
        .properties(
            width=WIDTH,
            height=320,
            title=_title(
                source,
                "Moving units to third-party sellers cuts reported sales far more than gross profit",
                "Per $100 of merchandise: first-party sales count in full, third-party sales count only Amazon's fees",
            ),
            description=(
                "Line chart. X axis: share of units sold by third-party sellers, 0 to 100 percent. "
                "Two lines per $100 of merchandise: reported net sales falls steeply as the share rises, "
                "because only Amazon's fees are recognised on third-party sales; gross profit changes far less "
                "and rises when fees net of serving costs exceed the first-party margin. Sliders set the share "
                "and the three assumptions."
            ),
        )
    )


# ---------------------------------------------------------------------------
# Financials
# ---------------------------------------------------------------------------


def claims_chart(claims: pd.DataFrame, source: str) -> alt.LayerChart:
    """The source document's 2021 figures against the 10-K's, one row per claim.

    ``claims`` has ``claim``, ``claimed_usd_bn``, ``filed_usd_bn``, ``verdict``.
    """
    verdict_colors = {"holds": "#2ca02c", "rounded": "#bcbd22", "mislabelled": "#ff7f0e", "does not hold": "#d62728"}
    y = alt.Y("claim:N", sort=None, title=None, axis=alt.Axis(labelLimit=260))
    bars = alt.Chart(claims).mark_bar(height=14).encode(
        y=y,
        x=alt.X("filed_usd_bn:Q", title="USD billions, fiscal 2021"),
        color=alt.Color("verdict:N", title="Verdict", scale=_scale(verdict_colors)),
        tooltip=[
            alt.Tooltip("claim:N", title="Claim"),
            alt.Tooltip("claimed_usd_bn:Q", format=",.0f", title="Document says over (USD bn)"),
            alt.Tooltip("filed_usd_bn:Q", format=",.3f", title="10-K (USD bn)"),
            alt.Tooltip("filed_line:N", title="10-K line"),
            alt.Tooltip("verdict:N", title="Verdict"),
        ],
    )
    ticks = alt.Chart(claims).mark_tick(color="black", thickness=2, size=20).encode(y=y, x="claimed_usd_bn:Q")
    text = alt.Chart(claims).mark_text(align="left", dx=4, fontSize=11).encode(
        y=y, x="filed_usd_bn:Q", text=alt.Text("filed_usd_bn:Q", format="$,.1f")
    )
    counts = claims["verdict"].value_counts()
    off = {v: int(counts.get(v, 0)) for v in ("rounded", "mislabelled", "does not hold") if counts.get(v, 0)}
    takeaway = f"{int(counts.get('holds', 0))} of the document's {len(claims)} dollar figures for 2021 hold" + (
        "; " + ", ".join(f"{n} {v}" for v, n in off.items()) if off else ""
    )
    return alt.layer(bars, ticks, text).properties(
        width=WIDTH - 200,
        title=_title(
                source,
            takeaway,
            "Bars: 10-K figure (USD bn). Black tick: the document's 'over $X billion'.",
        ),
        description=(
            f"Horizontal bar chart of the source document's {len(claims)} dollar figures. Each bar is the filed "
            "figure, each black tick the document's figure; bar colour gives the verdict. "
            + " ".join(f"{row.claim}: {row.verdict}." for row in claims.itertuples())
        ),
    )


MIX_PARAMS = ("mix_measure", "mix_year")


def revenue_mix_chart(mix: pd.DataFrame, source: str, unaudited_years: frozenset[int] = frozenset()) -> alt.HConcatChart:
    """Net sales by category per year (stacked bars) and the chosen year's mix beside it.

    Controls: a radio button switches between USD billions and share of net
    sales; a slider picks the year shown in the right-hand panel. Years in
    ``unaudited_years`` are drawn lighter and labelled unaudited.
    """
    years = sorted(mix["fiscal_year"].unique())
    audited_years = [y for y in years if y not in unaudited_years]
    first, last = int(audited_years[0]), int(audited_years[-1])
    online = mix[mix["category"] == "Online stores"].set_index("fiscal_year")["share_of_net_sales"]
    data = mix.assign(
        net_sales_bn=mix["net_sales_musd"] / 1000,
        share_pct=mix["share_of_net_sales"] * 100,
        audited=~mix["fiscal_year"].isin(unaudited_years),
    )
    measure = alt.param(
        name="mix_measure", value="USD billions",
        bind=alt.binding_radio(options=["USD billions", "Share of net sales (%)"], name="Show "),
    )
    year = alt.param(name="mix_year", value=2021, bind=alt.binding_range(min=int(years[0]), max=int(years[-1]), step=1, name="Year in the right panel "))
    base = alt.Chart(data).transform_calculate(
        shown="mix_measure == 'USD billions' ? datum.net_sales_bn : datum.share_pct",
        category_order=" + ".join(f"(datum.category == '{c}' ? {i} : 0)" for i, c in enumerate(CATEGORY_COLORS)),
    )
    color = alt.Color("category:N", title="Category", scale=_scale(CATEGORY_COLORS), legend=alt.Legend(orient="bottom", columns=4))
    tooltip = [
        alt.Tooltip("fiscal_year:O", title="Fiscal year"),
        alt.Tooltip("category:N", title="Category"),
        alt.Tooltip("net_sales_bn:Q", format="$,.1f", title="Net sales (USD bn)"),
        alt.Tooltip("share_pct:Q", format=".1f", title="Share of net sales (%)"),
        alt.Tooltip("audited:N", title="Audited (10-K)"),
    ]
    order = alt.Order("category_order:Q")
    audited_opacity = alt.condition("datum.audited", alt.value(1.0), alt.value(0.45))
    stacked = base.mark_bar().encode(
        x=alt.X("fiscal_year:O", title="Fiscal year"),
        y=alt.Y("shown:Q", title=None, stack="zero"),
        color=color,
        order=order,
        opacity=audited_opacity,
        tooltip=tooltip,
    )
    highlight = base.transform_filter("datum.fiscal_year == mix_year").transform_aggregate(
        total="sum(shown)", groupby=["fiscal_year"]
    ).mark_text(dy=-6, fontSize=16, fontWeight="bold").encode(
        x="fiscal_year:O", y="total:Q", text=alt.value("▼")
    )
    unit_label = alt.Chart(pd.DataFrame({"x": [0]})).mark_text(
        align="left", baseline="bottom", x=0, y=-6, fontSize=11, color="#444",
        text=alt.ExprRef("mix_measure == 'USD billions' ? 'USD billions' : '% of total net sales'"),
    )
    left = alt.layer(stacked, highlight, unit_label).properties(width=320, height=300)
    panel_base = base.transform_filter("datum.fiscal_year == mix_year")
    panel_y = alt.Y("category:N", sort=list(CATEGORY_COLORS), title=None, axis=None)
    panel_marks = panel_base.mark_square(size=120).encode(
        y=panel_y, x=alt.value(6), color=color,
        opacity=audited_opacity, tooltip=tooltip,
    )
    panel_text = panel_base.mark_text(align="left", x=18, fontSize=12).encode(
        y=panel_y, text=alt.Text("label:N"),
    ).transform_calculate(
        label="datum.category + ': ' + format(datum.net_sales_bn, '$,.1f') + ' bn, ' + format(datum.share_pct, '.1f') + '%'"
    )
    panel_title = alt.Chart(pd.DataFrame({"x": [0]})).mark_text(
        align="left", baseline="bottom", x=0, y=-6, fontSize=12, fontWeight="bold",
        text=alt.ExprRef(
            "'FY' + mix_year + (" + " || ".join(f"mix_year == {y}" for y in sorted(unaudited_years) or [0]) + " ? ' (unaudited release)' : '')"
        ),
    )
    right = alt.layer(panel_marks, panel_text, panel_title).properties(width=250, height=200, view=alt.ViewConfig(stroke=None))
    return (
        alt.hconcat(left, right, spacing=24)
        .add_params(measure, year)
        .properties(
            title=_title(
                source,
                f"Amazon's own online store fell from {online[first]:.0%} of net sales in FY{first} "
                f"to {online[last]:.0%} in FY{last}",
                "Net sales by category; services (third-party seller fees, AWS, advertising, subscriptions) took the rest"
                + (" · lighter bars: unaudited" if unaudited_years else ""),
            ),
            description=(
                "Stacked bar chart of Amazon's net sales by category for each fiscal year, with a panel listing "
                f"the selected year's categories with their net sales and shares. Online stores' share falls from {online[first]:.0%} "
                f"in FY{first} to {online[last]:.0%} in FY{last} while third-party seller services, AWS, advertising and "
                "subscriptions grow. Controls switch between US dollars and shares and choose the year."
            ),
        )
    )


SEGMENT_PARAMS = ("segment_measure",)
SEGMENT_MEASURES = {
    "Operating margin (%)": "datum.operating_margin * 100",
    "Operating income (USD bn)": "datum.operating_income_musd / 1000",
    "Net sales (USD bn)": "datum.net_sales_musd / 1000",
}


def segment_chart(history: pd.DataFrame, source: str) -> alt.LayerChart:
    """Segment net sales, operating income or operating margin per year, chosen from a dropdown.

    ``history`` is :func:`amazon_case.models.segment_history`, audited years only.
    """
    years = sorted(history["fiscal_year"].unique())
    last = int(years[-1])
    latest = history[history["fiscal_year"] == last].set_index("segment")
    aws_sales_share = latest.at["AWS", "net_sales_musd"] / latest["net_sales_musd"].sum()
    aws_income_share = latest.at["AWS", "operating_income_musd"] / latest["operating_income_musd"].sum()
    margins = history.pivot(index="fiscal_year", columns="segment", values="operating_margin")
    aws_margin, na_margin, intl_margin = margins["AWS"], margins["North America"], margins["International"]
    measure = alt.param(
        name="segment_measure", value="Operating margin (%)",
        bind=alt.binding_select(options=list(SEGMENT_MEASURES), name="Measure "),
    )
    expression = " : ".join(
        f"segment_measure == '{label}' ? {expr}" for label, expr in list(SEGMENT_MEASURES.items())[:-1]
    ) + f" : {list(SEGMENT_MEASURES.values())[-1]}"
    base = alt.Chart(history).transform_calculate(shown=expression)
    color = alt.Color("segment:N", title="Segment", scale=_scale(SEGMENT_COLORS), legend=alt.Legend(orient="top"))
    x = alt.X("fiscal_year:O", title="Fiscal year")
    y = alt.Y("shown:Q", title=None)
    tooltip = [
        alt.Tooltip("fiscal_year:O", title="Fiscal year"),
        alt.Tooltip("segment:N", title="Segment"),
        alt.Tooltip("net_sales_musd:Q", format="$,.0f", title="Net sales (USD m)"),
        alt.Tooltip("operating_income_musd:Q", format="$,.0f", title="Operating income (USD m)"),
        alt.Tooltip("operating_margin:Q", format=".1%", title="Operating margin"),
    ]
    lines = base.mark_line(point=True, strokeWidth=2.5).encode(x=x, y=y, color=color, tooltip=tooltip)
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#999").encode(y="zero:Q")
    unit_label = alt.Chart(pd.DataFrame({"x": [0]})).mark_text(
        align="left", baseline="bottom", x=0, y=-6, fontSize=11, color="#444", text=alt.ExprRef("segment_measure"),
    )
    return (
        alt.layer(zero, lines, unit_label)
        .add_params(measure)
        .properties(
            width=WIDTH,
            height=300,
            title=_title(
                source,
                f"In FY{last}, AWS made {aws_sales_share:.0%} of Amazon's net sales "
                f"and {aws_income_share:.0%} of its operating income",
                "Segment results as Amazon reports them; choose the measure",
            ),
            description=(
                "Line chart of Amazon's three segments, North America, International and AWS, by fiscal year "
                f"FY{years[0]} to FY{last}. A dropdown chooses net sales, operating income or operating margin. "
                f"AWS's operating margin ranges from {aws_margin.min():.0%} to {aws_margin.max():.0%}; North America's "
                f"from {na_margin.min():.0%} to {na_margin.max():.0%}; International's from {intl_margin.min():.0%} "
                f"to {intl_margin.max():.0%}."
            ),
        )
    )


PROJECTION_PARAMS = ("na_growth", "na_margin", "intl_growth", "intl_margin", "aws_growth", "aws_margin")
_SEGMENT_KEYS = {"North America": "na", "International": "intl", "AWS": "aws"}


def projection_expressions() -> dict[str, str]:
    """The Vega expressions that mirror :func:`amazon_case.models.project_segments`."""
    def pick(kind: str) -> str:
        return (
            f"(datum.segment == 'AWS' ? aws_{kind} : datum.segment == 'North America' ? na_{kind} : intl_{kind}) / 100"
        )

    return {
        "growth": pick("growth"),
        "margin": pick("margin"),
        "net_sales_musd": "datum.k <= 0 ? datum.reported_net_sales_musd : datum.base_net_sales_musd * pow(1 + datum.growth, datum.k)",
        "operating_income_musd": "datum.k <= 0 ? datum.reported_operating_income_musd : datum.net_sales_musd * datum.margin",
    }


def projection_base(history: pd.DataFrame, base_year: int, first_year: int, years: int) -> alt.Chart:
    """The data and browser-side model every projection chart draws from, before any mark.

    One row per segment and year: reported from ``first_year`` to ``base_year``
    (``k`` <= 0), then ``years`` projected years (``k`` = 1, 2, ...). The calculate
    steps apply :func:`projection_expressions` with the parameters ``na_growth``,
    ``na_margin``, ``intl_growth``, ``intl_margin``, ``aws_growth``, ``aws_margin``
    (percent), which the chart must declare. Fields: ``net_sales_musd``,
    ``operating_income_musd``, their ``_bn`` forms, ``kind`` (reported or
    projected) and ``segment_order`` (for stacking).
    """
    base_table = history[history["fiscal_year"] == base_year].set_index("segment")
    rows = [
        {"segment": r["segment"], "k": int(r["fiscal_year"]) - base_year, "fiscal_year": int(r["fiscal_year"]),
         "reported_net_sales_musd": r["net_sales_musd"], "reported_operating_income_musd": r["operating_income_musd"],
         "base_net_sales_musd": base_table.at[r["segment"], "net_sales_musd"]}
        for _, r in history[(history["fiscal_year"] >= first_year) & (history["fiscal_year"] <= base_year)].iterrows()
    ]
    rows += [
        {"segment": segment, "k": k, "fiscal_year": base_year + k,
         "reported_net_sales_musd": None, "reported_operating_income_musd": None,
         "base_net_sales_musd": base_table.at[segment, "net_sales_musd"]}
        for segment in _SEGMENT_KEYS for k in range(1, years + 1)
    ]
    expr = projection_expressions()
    return (
        alt.Chart(pd.DataFrame(rows))
        .transform_calculate(growth=expr["growth"], margin=expr["margin"])
        .transform_calculate(net_sales_musd=expr["net_sales_musd"])
        .transform_calculate(operating_income_musd=expr["operating_income_musd"])
        .transform_calculate(
            net_sales_bn="datum.net_sales_musd / 1000",
            operating_income_bn="datum.operating_income_musd / 1000",
            kind="datum.k <= 0 ? 'reported' : 'projected'",
            segment_order="datum.segment == 'North America' ? 0 : datum.segment == 'International' ? 1 : 2",
        )
    )


def projection_chart(
    history: pd.DataFrame,
    assumptions: pd.DataFrame,
    base_year: int,
    source: str,
    years: int = 5,
    first_year: int | None = None,
    later_reported: pd.DataFrame | None = None,
) -> alt.VConcatChart:
    """Segment net sales and operating income, reported then projected, under the reader's assumptions.

    Six sliders set each segment's annual growth and operating margin; their
    defaults come from ``assumptions`` (index = segment, columns ``growth`` and
    ``margin``, fractions). ``history`` is :func:`amazon_case.models.segment_history`.
    ``later_reported`` (optional; ``fiscal_year``, ``net_sales_musd``,
    ``operating_income_musd``, ``label``) draws reported totals of years after
    ``base_year`` as black ticks, to compare with the projection.
    """
    first_year = first_year if first_year is not None else base_year - 5
    last = base_year + years
    base_table = history[history["fiscal_year"] == base_year].set_index("segment")
    default = project_segments(base_table, assumptions["growth"].to_dict(), assumptions["margin"].to_dict(), base_year, years)
    default_aws_share = default.set_index(["fiscal_year", "segment"]).at[(last, "AWS"), "share_of_operating_income"]
    params = []
    for segment, key in _SEGMENT_KEYS.items():
        params.append(_percent_slider(f"{key}_growth", f"Assumption: {segment} growth per year (%) ",
                                      assumptions.at[segment, "growth"], *GROWTH_RANGE, step=0.5))
        params.append(_percent_slider(f"{key}_margin", f"Assumption: {segment} operating margin (%) ",
                                      assumptions.at[segment, "margin"], *MARGIN_RANGE, step=0.5))
    base = projection_base(history, base_year, first_year, years)
    color = alt.Color("segment:N", title="Segment", scale=_scale(SEGMENT_COLORS), legend=alt.Legend(orient="top"))
    order = alt.Order("segment_order:Q")
    x = alt.X("fiscal_year:O", title="Fiscal year")
    opacity = alt.condition("datum.k <= 0", alt.value(1.0), alt.value(0.5))
    tooltip = [
        alt.Tooltip("fiscal_year:O", title="Fiscal year"),
        alt.Tooltip("segment:N", title="Segment"),
        alt.Tooltip("kind:N", title="Reported or projected"),
        alt.Tooltip("net_sales_bn:Q", format="$,.1f", title="Net sales (USD bn)"),
        alt.Tooltip("operating_income_bn:Q", format="$,.1f", title="Operating income (USD bn)"),
    ]
    sales = base.mark_bar().encode(
        x=x, y=alt.Y("net_sales_bn:Q", title="Net sales (USD bn)", stack="zero"),
        color=color, order=order, opacity=opacity, tooltip=tooltip,
    )
    income = base.mark_bar().encode(
        x=x, y=alt.Y("operating_income_bn:Q", title="Operating income (USD bn)", stack="zero"),
        color=color, order=order, opacity=opacity, tooltip=tooltip,
    )
    base_for_totals = base.transform_calculate(aws_income_bn="datum.segment == 'AWS' ? datum.operating_income_bn : 0")
    totals = base_for_totals.transform_filter(f"datum.fiscal_year == {last}").transform_aggregate(
        sales="sum(net_sales_bn)", income="sum(operating_income_bn)", aws_income="sum(aws_income_bn)",
    ).transform_calculate(
        readout=(
            f"'FY{last} under these assumptions: net sales ' + format(datum.sales, '$,.0f') + ' bn; operating income '"
            " + format(datum.income, '$,.0f') + ' bn, ' + "
            "(datum.income > 0 ? format(datum.aws_income / datum.income, '.0%') + ' of it from AWS' : 'not positive')"
        )
    ).mark_text(align="left", baseline="bottom", x=0, y=-8, fontSize=12, fontWeight="bold").encode(text="readout:N")
    top_layers = [sales]
    bottom_layers = [income]
    if later_reported is not None and not later_reported.empty:
        reported = later_reported.assign(
            net_sales_bn=later_reported["net_sales_musd"] / 1000,
            operating_income_bn=later_reported["operating_income_musd"] / 1000,
        )
        tick = alt.Chart(reported).mark_tick(color="black", thickness=2.5, size=26)
        tip = [alt.Tooltip("label:N", title="Reported"), alt.Tooltip("net_sales_bn:Q", format="$,.1f", title="Net sales (USD bn)"),
               alt.Tooltip("operating_income_bn:Q", format="$,.1f", title="Operating income (USD bn)")]
        top_layers.append(tick.encode(x=x, y="net_sales_bn:Q", tooltip=tip))
        bottom_layers.append(tick.encode(x=x, y="operating_income_bn:Q", tooltip=tip))
    top = alt.layer(*top_layers).properties(width=WIDTH, height=230)
    bottom = alt.layer(*bottom_layers, totals).properties(width=WIDTH, height=200)
    return (
        alt.vconcat(top, bottom, spacing=40)
        .add_params(*params)
        .properties(
            title=_title(
                source,
                f"If each segment kept its recent growth and FY{base_year} margin, AWS would earn "
                f"{default_aws_share:.0%} of operating income in FY{last}",
                f"FY{first_year}–FY{base_year} reported (solid), FY{base_year + 1}–FY{last} projected (faded); "
                "defaults: each segment's 5-year growth rate and its FY{0} margin".format(base_year),
            ),
            description=(
                "Two stacked bar charts by fiscal year, net sales on top and operating income below, for North "
                f"America, International and AWS: reported to FY{base_year}, then projected to FY{last} from six "
                "sliders that set each segment's annual growth and operating margin. A line of text gives the "
                f"projected FY{last} totals and AWS's share of operating income."
            ),
        )
    )


def projection_result_chart(projection: pd.DataFrame, source: str) -> alt.Chart:
    """Operating income by segment per year of one projection (no controls: the workbench's sliders drive it).

    ``projection`` is :func:`amazon_case.models.project_segments`.
    """
    last = int(projection["fiscal_year"].max())
    end = projection[projection["fiscal_year"] == last]
    total = end["operating_income_musd"].sum()
    data = projection.assign(operating_income_bn=projection["operating_income_musd"] / 1000)
    return (
        alt.Chart(data)
        .mark_bar()
        .encode(
            x=alt.X("fiscal_year:O", title="Fiscal year"),
            y=alt.Y("operating_income_bn:Q", title="Operating income (USD bn)", stack="zero"),
            color=alt.Color("segment:N", title="Segment", scale=_scale(SEGMENT_COLORS)),
            opacity=alt.condition(alt.datum.kind == "reported", alt.value(1.0), alt.value(0.55)),
            tooltip=[
                alt.Tooltip("fiscal_year:O", title="Fiscal year"),
                alt.Tooltip("segment:N", title="Segment"),
                alt.Tooltip("operating_income_bn:Q", format="$,.1f", title="Operating income (USD bn)"),
            ],
        )
        .properties(
            width=WIDTH - 120,
            height=220,
            title=_title(
                source,
                f"Operating income in FY{last}: USD {total / 1000:,.0f} billion under these assumptions",
                "Reported base year, then projected (faded)",
            ),
            description=(
                f"Stacked bar chart of projected operating income by segment from FY{int(projection['fiscal_year'].min())} "
                f"to FY{last}; the FY{last} total is {total / 1000:,.0f} billion US dollars."
            ),
        )
    )
