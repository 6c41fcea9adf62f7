"""The AWS chapter's charts, each with the plain function that writes its words (``<chart>_text``).

- :func:`aws_growth_chart`: AWS's net sales and operating income per year, from the filings, and the
  latest twelve months from the quarterly releases.
- :func:`aws_quarters_chart`: AWS's growth on the same quarter a year earlier, and its margin, per quarter.
- :func:`aws_weight_chart`: AWS's share of Amazon's net sales and operating income, and the
  segments' margins, with a year slider and its readout (:func:`~.model.weight_view`), and the
  latest twelve months as hollow points.
- :func:`gtm_chart`: the go-to-market model, per customer (:data:`~.model.CUSTOMER_ECONOMICS`)
  and for a budget split (:data:`~.model.BUDGET_SPLIT`), under nine sliders.
- :func:`aws_whatif_chart`: the financials chapter's projection with AWS's growth and margin on sliders.
- :func:`gtm_result_chart`: one budget split's cohort, drawn by the workbench.
"""

from __future__ import annotations

from collections.abc import Mapping

import altair as alt
import pandas as pd

from .. import financials
from ..filings import SEGMENT_COLORS
from ..kit import Model
from ..kit.registry import ChartEntry
from ..kit.style import (INK, LOSS, MUTED, REFERENCE, WIDTH, ChartText, color_scale, faded_unless, fiscal_year_x,
                         properties, readout, zero_rule)
from .model import (BUDGET_SPLIT, CUSTOMER_ECONOMICS, GTM_INPUTS, GTM_PARAMS, HORIZON_YEARS, MOTION_SHORT, MOTIONS,
                    OPERATING_INCOME_SHARE, SALES_LED_SHARE, WHATIF_INPUTS, BudgetAllocation, budget_allocation, split_by_motion,
                    weight_view, whatif_cases, whatif_inputs)
from .quarters import period_axis

MEASURE_COLORS = {"Net sales": "#fdbf6f", "Operating income": "#ff7f0e"}
SHARE_COLORS = {"Share of net sales": "#fdbf6f", "Share of operating income": "#ff7f0e"}
MOTION_COLORS = {MOTIONS["self_serve"]: "#2ca02c", MOTIONS["sales_led"]: "#1f77b4"}

# ---------------------------------------------------------------------------
# History: AWS inside Amazon, the fiscal years and the latest twelve months
# ---------------------------------------------------------------------------

#: How a trailing-twelve-month column is drawn beside the fiscal years: lighter, with a dashed outline.
TTM_OPACITY = 0.5
TTM_DASH = [3, 2]


def with_periods(rows: pd.DataFrame, ttm: pd.DataFrame | None = None) -> pd.DataFrame:
    """Fiscal-year rows with ``period`` (the year as text) and ``ttm`` False, then ``ttm``'s rows (``ttm`` True).

    ``rows`` are :func:`amazon_case.filings.segment_history`'s, ``ttm`` :func:`~.quarters.segment_ttm`'s.
    """
    years = rows.sort_values("fiscal_year", kind="stable").assign(period=lambda f: f["fiscal_year"].astype(str),
                                                                 ttm=False)
    if ttm is None or ttm.empty:
        return years.reset_index(drop=True)
    return pd.concat([years, ttm.assign(ttm=True)], ignore_index=True)


def ttm_note(ttm_period: str | None) -> str:
    """The words a chart adds for its TTM column ("" when it has none)."""
    if not ttm_period:
        return ""
    return (f"; {ttm_period}: the four quarters to {ttm_period.removeprefix('TTM ')} (quarterly releases, unaudited), "
            "lighter with a dashed outline")


def aws_growth_text(aws: pd.DataFrame, source: str) -> ChartText:
    """The growth chart's words; ``aws`` is the AWS segment's rows of :func:`with_periods`, by year then TTM."""
    years = aws[~aws["ttm"]] if "ttm" in aws else aws
    first, last = years.iloc[0], years.iloc[-1]
    span = int(last["fiscal_year"] - first["fiscal_year"])
    sales, income = (last[c] / first[c] for c in ("net_sales_musd", "operating_income_musd"))
    ttm = aws[aws["ttm"]].iloc[0] if "ttm" in aws and aws["ttm"].any() else None
    latest = "" if ttm is None else (
        f" In the twelve months to {ttm['period'].removeprefix('TTM ')}, AWS sold {ttm['net_sales_musd'] / 1000:.1f} "
        f"billion US dollars at a {ttm['operating_margin']:.0%} margin.")
    return ChartText(
        f"AWS's net sales grew {sales:.0f}-fold in {span} years, and its operating income {income:.0f}-fold",
        f"AWS segment, FY{int(first['fiscal_year'])}–FY{int(last['fiscal_year'])}"
        f"{ttm_note(None if ttm is None else ttm['period'])}; label above each bar: AWS operating margin",
        source,
        f"Grouped bar chart of the AWS segment's net sales and operating income by fiscal year, "
        f"FY{int(first['fiscal_year'])} to FY{int(last['fiscal_year'])}"
        + ("" if ttm is None else ", then the trailing twelve months") + ". Net sales rise from "
        f"{first['net_sales_musd'] / 1000:.1f} to {last['net_sales_musd'] / 1000:.1f} billion US dollars; operating "
        f"income from {first['operating_income_musd'] / 1000:.1f} to {last['operating_income_musd'] / 1000:.1f} "
        f"billion; the operating margin printed above each year goes from {first['operating_margin']:.0%} "
        f"to {last['operating_margin']:.0%}." + latest,
    )


def aws_growth_chart(history: pd.DataFrame, source: str, ttm: pd.DataFrame | None = None) -> alt.LayerChart:
    """AWS net sales and operating income per year (bars), with the margin as a label on each year.

    ``history`` is :func:`amazon_case.filings.segment_history` (the years to draw); ``ttm``, if given,
    :func:`~.quarters.segment_ttm`'s rows, drawn after the years, lighter and outlined.
    """
    aws = with_periods(history[history["segment"] == "AWS"],
                       None if ttm is None else ttm[ttm["segment"] == "AWS"])
    folded = pd.concat([
        aws[["period", "ttm", "operating_margin"]].assign(measure=measure, usd_bn=aws[column] / 1000)
        for measure, column in (("Net sales", "net_sales_musd"), ("Operating income", "operating_income_musd"))])
    x = period_axis(list(aws["period"]), "Fiscal year" + (", then the last twelve months" if aws["ttm"].any() else ""))
    bars = alt.Chart(folded).mark_bar(strokeWidth=1.2).encode(
        x=x, xOffset=alt.XOffset("measure:N", sort=list(MEASURE_COLORS)),
        y=alt.Y("usd_bn:Q", title="USD billions"),
        color=alt.Color("measure:N", title=None, scale=color_scale(MEASURE_COLORS), legend=alt.Legend(orient="top-left")),
        opacity=faded_unless("!datum.ttm", faded=TTM_OPACITY),
        stroke=alt.condition("datum.ttm", alt.value(INK), alt.value(None)),
        strokeDash=alt.condition("datum.ttm", alt.value(TTM_DASH), alt.value([])),
        tooltip=[alt.Tooltip("period:O", title="Fiscal year or TTM"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("usd_bn:Q", format="$,.1f", title="USD bn"),
                 alt.Tooltip("operating_margin:Q", format=".1%", title="AWS operating margin")],
    )
    margin_labels = alt.Chart(folded[folded["measure"] == "Net sales"]).mark_text(
        dy=-6, color=INK, baseline="bottom",
    ).encode(x=x, y="usd_bn:Q", text=alt.Text("operating_margin:Q", format=".0%"))
    return properties(alt.layer(bars, margin_labels), aws_growth_text(aws, source), width=WIDTH, height=300)


def aws_quarters_text(quarters: pd.DataFrame, source: str) -> ChartText:
    """The quarterly chart's words; ``quarters`` is :func:`~.quarters.aws_quarterly_growth`."""
    grown = quarters.dropna(subset=["yoy_growth"])
    first, last = grown.iloc[0], grown.iloc[-1]
    low, high = grown.loc[grown["yoy_growth"].idxmin()], grown.loc[grown["yoy_growth"].idxmax()]
    turn, verb = (low, "re-accelerated") if last["yoy_growth"] > low["yoy_growth"] else (high, "slowed")
    return ChartText(
        f"AWS's growth {verb}: from {turn['yoy_growth']:.0%} in {turn['period']} to {last['yoy_growth']:.0%} "
        f"in {last['period']}",
        f"Top: AWS net sales against the same quarter a year earlier (from {first['period']}: the quarterly file "
        f"starts in {quarters.iloc[0]['period']}). Bottom: AWS operating margin, each quarter",
        source,
        f"Two panels by quarter. Top: bars of AWS's year-on-year net sales growth from {first['period']} to "
        f"{last['period']}, lowest at {low['yoy_growth']:.1%} in {low['period']} and {last['yoy_growth']:.1%} in "
        f"{last['period']}. Bottom: a line of AWS's operating margin from {quarters.iloc[0]['period']} "
        f"({quarters.iloc[0]['operating_margin']:.1%}) to {last['period']} ({last['operating_margin']:.1%}).",
    )


def aws_quarters_chart(quarters: pd.DataFrame, source: str) -> alt.VConcatChart:
    """AWS per quarter: year-on-year growth of net sales (bars, labelled) over its operating margin (line).

    ``quarters`` is :func:`~.quarters.aws_quarterly_growth`; growth is drawn where the file has the
    quarter a year earlier. No controls.
    """
    periods = list(quarters["period"])
    x = alt.X("period:O", title=None, sort=periods, scale=alt.Scale(domain=periods), axis=alt.Axis(labelAngle=0))
    tooltip = [alt.Tooltip("period:O", title="Quarter"),
               alt.Tooltip("net_sales_musd:Q", format="$,.0f", title="AWS net sales (USD m)"),
               alt.Tooltip("yoy_growth:Q", format=".1%", title="Growth on the quarter a year earlier"),
               alt.Tooltip("operating_margin:Q", format=".1%", title="AWS operating margin")]
    grown = alt.Chart(quarters.dropna(subset=["yoy_growth"]))
    growth = alt.layer(
        grown.mark_bar(color=SEGMENT_COLORS["AWS"]).encode(
            x=x, y=alt.Y("yoy_growth:Q", title="Growth, year on year", axis=alt.Axis(format="%")), tooltip=tooltip),
        grown.mark_text(dy=-4, baseline="bottom", fontSize=11, color=INK).encode(
            x=x, y="yoy_growth:Q", text=alt.Text("yoy_growth:Q", format=".1%")),
    ).properties(width=WIDTH, height=170)
    margin = alt.Chart(quarters).mark_line(point=alt.OverlayMarkDef(color=SEGMENT_COLORS["AWS"]),
                                           color=SEGMENT_COLORS["AWS"], strokeWidth=2.5).encode(
        x=x, y=alt.Y("operating_margin:Q", title="Operating margin", axis=alt.Axis(format="%"),
                     scale=alt.Scale(zero=False)), tooltip=tooltip,
    ).properties(width=WIDTH, height=110)
    return properties(alt.vconcat(growth, margin, spacing=14), aws_quarters_text(quarters, source))


def aws_weight_text(weight: pd.DataFrame, source: str, ttm: pd.DataFrame | None = None) -> ChartText:
    """The weight chart's words: in how many years AWS's share of profit beat its share of sales."""
    years = [int(y) for y in weight.index]
    first, last = years[0], years[-1]
    income = weight["aws_share_of_operating_income"]
    above = [y for y in years if income.get(y) > weight.at[y, "aws_share_of_net_sales"]]  # NaN compares False
    takeaway = (f"AWS's share of profit beat its share of sales in all {len(years)} years, FY{first}–FY{last}"
                if len(above) == len(years) else
                f"AWS's share of profit beat its share of sales in {len(above)} of {len(years)} years")
    latest = "" if ttm is None or ttm.empty else (
        f" Hollow points, {ttm.iloc[0]['period']}: {ttm.iloc[0]['aws_share_of_net_sales']:.0%} of net sales, "
        f"{ttm.iloc[0]['aws_share_of_operating_income']:.0%} of operating income, a "
        f"{ttm.iloc[0]['margin_AWS']:.0%} margin.")
    return ChartText(
        takeaway,
        "Top: AWS's share of Amazon's net sales and operating income. Bottom: operating margin by segment"
        + ("" if ttm is None or ttm.empty else f". Hollow points: {ttm.iloc[0]['period']} (quarterly releases, unaudited)"),
        source,
        f"Two line charts, FY{first} to FY{last}. Top: AWS's share of Amazon's net sales rises from "
        f"{weight.at[first, 'aws_share_of_net_sales']:.0%} to {weight.at[last, 'aws_share_of_net_sales']:.0%}, "
        f"while its share of operating income ranges from {income.min():.0%} to {income.max():.0%} "
        f"(FY{int(income.idxmax())}). Bottom: AWS's operating margin ranges from "
        f"{weight['margin_AWS'].min():.0%} to {weight['margin_AWS'].max():.0%}, far above North America's and "
        "International's. A slider marks a year and states its figures." + latest,
    )


def weight_frames(weight: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The weight chart's rows: AWS's two shares (percent), and each segment's margin (percent), by period."""
    segments = [c.removeprefix("margin_") for c in weight.columns if c.startswith("margin_")]
    shares = pd.concat([
        pd.DataFrame({"fiscal_year": weight.index, "period": weight["period"], "measure": measure,
                      "share_pct": weight[column] * 100})
        for measure, column in (("Share of net sales", "aws_share_of_net_sales"),
                                ("Share of operating income", "aws_share_of_operating_income"))]).dropna()
    margins = pd.concat([pd.DataFrame({"fiscal_year": weight.index, "period": weight["period"], "segment": s,
                                       "margin_pct": weight[f"margin_{s}"] * 100}) for s in segments])
    return shares, margins


def aws_weight_chart(weight: pd.DataFrame, source: str, year: int | None = None,
                     ttm: pd.DataFrame | None = None) -> alt.VConcatChart:
    """Top: AWS's share of net sales against its share of operating income. Bottom: segment margins.

    ``weight`` is :func:`~.model.aws_weight` of the fiscal years; ``ttm``, if given, of a
    :func:`~.quarters.segment_ttm`, drawn as hollow points after the years. A slider picks a year
    (the last by default), marked on both panels and spelled out in a line of text above them.
    """
    years = [int(y) for y in weight.index]
    view = weight_view(years) if year is None else weight_view(years).with_defaults(year=year)
    ttm = ttm if ttm is not None and not ttm.empty else None
    (shares, margins), later = weight_frames(weight), weight_frames(ttm) if ttm is not None else (None, None)
    x = period_axis([str(y) for y in years] + ([] if ttm is None else list(ttm["period"])), "Fiscal year")
    share_color = alt.Color("measure:N", title=None, scale=color_scale(SHARE_COLORS), legend=alt.Legend(orient="bottom"))
    segment_color = alt.Color("segment:N", title=None, legend=alt.Legend(orient="bottom"), scale=color_scale(
        {s: SEGMENT_COLORS[s] for s in margins["segment"].unique()}))
    share_tip = [alt.Tooltip("period:O", title="Fiscal year or TTM"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("share_pct:Q", format=".1f", title="Percent")]
    margin_tip = [alt.Tooltip("period:O", title="Fiscal year or TTM"), alt.Tooltip("segment:N", title="Segment"),
                  alt.Tooltip("margin_pct:Q", format=".1f", title="Operating margin (%)")]
    share_y, margin_y = alt.Y("share_pct:Q", title="AWS's share of Amazon's total (%)"), \
        alt.Y("margin_pct:Q", title="Operating margin (%)")
    top = [alt.Chart(pd.DataFrame({"at": [100]})).mark_rule(color=MUTED, strokeDash=[4, 3]).encode(y="at:Q"),
           alt.Chart(shares).mark_line(point=True, strokeWidth=2.5).encode(x=x, y=share_y, color=share_color,
                                                                          tooltip=share_tip)]
    bottom = [zero_rule(), alt.Chart(margins).mark_line(point=True, strokeWidth=2.5).encode(
        x=x, y=margin_y, color=segment_color, tooltip=margin_tip)]
    if ttm is not None:
        top.append(alt.Chart(later[0]).mark_point(filled=False, size=70, strokeWidth=2).encode(
            x=x, y=share_y, color=share_color, tooltip=share_tip))
        bottom.append(alt.Chart(later[1]).mark_point(filled=False, size=70, strokeWidth=2).encode(
            x=x, y=margin_y, color=segment_color, tooltip=margin_tip))
    marked = f"datum.fiscal_year == {view.shown('year')}"
    rule = alt.Chart(pd.DataFrame({"period": [str(y) for y in years], "fiscal_year": years})).mark_rule(
        color=REFERENCE, strokeDash=[4, 3]).encode(x=x).transform_filter(marked)
    year_figures = readout(view.calculate(alt.Chart(weight.reset_index()).transform_filter(marked)), "weight_readout",
                           bold=True, corner="above")
    chart = alt.vconcat(alt.layer(*top, rule, year_figures).properties(width=WIDTH, height=220),
                        alt.layer(*bottom, rule).properties(width=WIDTH, height=180), spacing=20)
    chart = chart.add_params(*view.params()).resolve_scale(color="independent")
    return properties(chart, aws_weight_text(weight, source, ttm))


# ---------------------------------------------------------------------------
# Two ways to sell: the go-to-market model
# ---------------------------------------------------------------------------


def gtm_text(allocation: BudgetAllocation, source: str) -> ChartText:
    """The go-to-market chart's words, from the model at the chart's defaults (``allocation``)."""
    econ = allocation.economics
    best = max(MOTIONS, key=lambda key: econ[key].ltv_to_cac)
    other = next(key for key in MOTIONS if key != best)
    return ChartText(
        f"At our defaults, a {MOTION_SHORT[best]} customer returns {econ[best].ltv_to_cac:.1f}× its cost, "
        f"a {MOTION_SHORT[other]} customer {econ[other].ltv_to_cac:.1f}×",
        f"Illustrative assumptions, not Amazon's figures; LTV: gross profit over at most {HORIZON_YEARS} years, "
        "undiscounted",
        source,
        "Go-to-market model with nine sliders. Top: bars of lifetime value divided by acquisition cost for a "
        f"self-serve and a sales-force customer, at the defaults {econ['self_serve'].ltv_to_cac:.1f} and "
        f"{econ['sales_led'].ltv_to_cac:.1f}, with payback of {econ['self_serve'].payback_months:.0f} and "
        f"{econ['sales_led'].payback_months:.0f} months. Bottom: stacked areas of the lifetime revenue a "
        f"{allocation.budget_musd:.0f} million dollar budget wins as its share spent on the sales force goes from 0 to "
        f"100 percent; at {allocation.sales_led_share:.0%} the sales force brings "
        f"{allocation.sales_led_revenue_share:.0%} of the revenue.",
    )


def customer_panel(model: Model) -> alt.LayerChart:
    """LTV/CAC of a customer of each motion (one bar per motion), labelled with its payback; the line LTV = CAC."""
    motions = pd.DataFrame({"motion": list(MOTIONS), "label": list(MOTIONS.values()),
                            "short": [MOTION_SHORT[key].capitalize() for key in MOTIONS]})
    per_customer = model.calculate(alt.Chart(motions))
    y = alt.Y("short:N", title=None, sort=list(motions["short"]))
    bars = per_customer.mark_bar(height=28).encode(
        y=y, x=alt.X("ltv_to_cac:Q", title="Lifetime value ÷ acquisition cost", scale=alt.Scale(zero=True)),
        color=alt.Color("label:N", title=None, scale=color_scale(MOTION_COLORS), legend=None),
        tooltip=[alt.Tooltip("label:N", title="Motion"),
                 alt.Tooltip("ltv:Q", format="$,.0f", title="Lifetime value (USD)"),
                 alt.Tooltip("ltv_to_cac:Q", format=".2f", title="LTV / CAC"),
                 alt.Tooltip("payback_months:Q", format=",.1f", title="Payback (months)"),
                 alt.Tooltip("lifetime_years:Q", format=".2f", title="Expected paid years")])
    labels = per_customer.mark_text(align="left", dx=4, fontSize=11).encode(y=y, x="ltv_to_cac:Q", text="customer_label:N")
    one = alt.Chart(pd.DataFrame({"x": [1]}))
    breakeven = one.mark_rule(color=LOSS, strokeDash=[4, 3]).encode(x="x:Q")
    breakeven_label = one.mark_text(align="left", dx=3, y=-4, baseline="bottom", color=LOSS,
                                    text="LTV = CAC").encode(x="x:Q")
    return alt.layer(breakeven, bars, labels, breakeven_label).properties(
        width=WIDTH - 160, height=90, title=alt.TitleParams("Per customer", anchor="start", fontSize=12, dy=-6))


def budget_panel(model: Model) -> alt.LayerChart:
    """The lifetime revenue a budget wins, stacked by motion, against the share spent on the sales force."""
    grid = pd.DataFrame({"sales_led_pct": range(0, 101)})
    sweep = model.calculate(alt.Chart(grid.assign(sales_led_share=grid["sales_led_pct"] / 100)))
    series = pd.DataFrame({"series": [f"{key}_lifetime_revenue_musd" for key in MOTIONS],
                           "label": list(MOTIONS.values()), "order": range(len(MOTIONS))})
    folded = sweep.transform_fold(list(series["series"]), as_=["series", "revenue_musd"]).transform_lookup(
        lookup="series", from_=alt.LookupData(series, "series", ["label", "order"]))
    x = alt.X("sales_led_pct:Q", title="Share of the budget spent on the sales force (%)", scale=alt.Scale(domain=[0, 100]))
    areas = folded.mark_area(opacity=0.8).encode(
        x=x, y=alt.Y("revenue_musd:Q", title="Lifetime revenue won (USD m)", stack="zero"),
        color=alt.Color("label:N", title=None, scale=color_scale(MOTION_COLORS), legend=alt.Legend(orient="bottom")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("sales_led_pct:Q", title="Sales-force share of budget (%)"),
                 alt.Tooltip("label:N", title="Motion"),
                 alt.Tooltip("revenue_musd:Q", format="$,.0f", title="Lifetime revenue (USD m)")])
    at_split = sweep.transform_filter(f"datum.sales_led_pct == {SALES_LED_SHARE.param_name(model.prefix)}")
    rule = at_split.mark_rule(color=REFERENCE, strokeDash=[4, 3], strokeWidth=1.5).encode(x=x)
    budget = model.constants["budget_musd"]
    return alt.layer(areas, rule, readout(at_split, "split_readout", bold=True, corner="above")).properties(
        width=WIDTH - 40, height=200,
        title=alt.TitleParams(f"A USD {budget:,.0f} million acquisition budget, split between the motions",
                              anchor="start", fontSize=12, dy=-18))


def gtm_chart(source: str, defaults: Mapping[str, float] | None = None) -> alt.VConcatChart:
    """The go-to-market model: each motion's unit economics, and a budget split between them.

    Top: LTV/CAC and payback of a customer of each motion. Bottom: the lifetime revenue of
    the customers a USD 100 million budget wins, stacked by motion, against the share of
    the budget spent on the sales force (marked by a slider). Nine sliders: four assumptions
    per motion and the split. ``defaults`` replaces inputs' defaults by name (``sales_led_retention``…).
    """
    inputs = GTM_INPUTS.with_defaults(**(defaults or {}))
    customer = CUSTOMER_ECONOMICS.with_defaults(**(defaults or {}))
    values = inputs.defaults()
    at_default = budget_allocation(values["sales_led_share"], **split_by_motion(values))
    chart = alt.vconcat(customer_panel(customer), budget_panel(BUDGET_SPLIT), spacing=30)
    chart = chart.add_params(*inputs.params(customer.prefix)).resolve_scale(color="independent")
    return properties(chart, gtm_text(at_default, source))


def gtm_result_text(allocation: BudgetAllocation, source: str) -> ChartText:
    return ChartText(
        f"{allocation.sales_led_share:.0%} of the budget on the sales force brings "
        f"{allocation.sales_led_revenue_share:.0%} of the cohort's lifetime revenue",
        f"USD {allocation.budget_musd:,.0f} million of acquisition budget, split between the two motions",
        source,
        f"Horizontal bar chart of the lifetime revenue of the customers a {allocation.budget_musd:,.0f} million dollar "
        f"budget wins: self-serve {allocation.lifetime_revenue_musd['self_serve']:,.0f} million from "
        f"{allocation.customers['self_serve']:,.0f} customers, sales force "
        f"{allocation.lifetime_revenue_musd['sales_led']:,.0f} million from {allocation.customers['sales_led']:,.0f} "
        "customers.",
    )


def gtm_result_chart(allocation: BudgetAllocation, source: str) -> alt.Chart:
    """One budget split's cohort: customers won and lifetime revenue per motion (no controls; the workbench drives it)."""
    rows = pd.DataFrame({"label": list(MOTIONS.values()),
                         "revenue_musd": [allocation.lifetime_revenue_musd[key] for key in MOTIONS],
                         "gross_profit_musd": [allocation.lifetime_gross_profit_musd[key] for key in MOTIONS],
                         "customers": [allocation.customers[key] for key in MOTIONS]})
    chart = alt.Chart(rows).mark_bar().encode(
        y=alt.Y("label:N", title=None, sort=list(MOTION_COLORS), axis=alt.Axis(labelLimit=200)),
        x=alt.X("revenue_musd:Q", title="Cohort's lifetime revenue (USD m)"),
        color=alt.Color("label:N", scale=color_scale(MOTION_COLORS), legend=None),
        tooltip=[alt.Tooltip("label:N", title="Motion"), alt.Tooltip("customers:Q", format=",.0f", title="Customers"),
                 alt.Tooltip("revenue_musd:Q", format="$,.1f", title="Lifetime revenue (USD m)"),
                 alt.Tooltip("gross_profit_musd:Q", format="$,.1f", title="Lifetime gross profit (USD m)")])
    return properties(chart, gtm_result_text(allocation, source), width=WIDTH - 160, height=100)


# ---------------------------------------------------------------------------
# What-if: AWS's growth and margin in the financials projection
# ---------------------------------------------------------------------------


def aws_whatif_text(history: pd.DataFrame, assumptions: pd.DataFrame, base_year: int, years: int, first_year: int,
                    source: str, lookback_years: int = financials.DEFAULT_LOOKBACK_YEARS) -> ChartText:
    """The what-if chart's words: AWS's share of the last year's operating income at the defaults.

    ``assumptions`` are :func:`amazon_case.financials.default_projection_assumptions` for ``base_year``
    over ``lookback_years``: each segment's growth over those years and its ``base_year`` margin.
    """
    last = base_year + years
    projection = financials.project_segments(history, base_year, years, **whatif_inputs(assumptions))
    share = projection.set_index(["fiscal_year", "segment"]).at[(last, "AWS"), "share_of_operating_income"]
    window = f"FY{base_year - lookback_years}–FY{base_year}"
    return ChartText(
        f"At its {window} growth and FY{base_year} margin, AWS would earn {share:.0%} of Amazon's operating income "
        f"in FY{last}",
        f"Reported to FY{base_year}, projected after (faded). Defaults: each segment's growth a year over {window} "
        f"and its FY{base_year} margin; only AWS's are on sliders",
        source,
        f"Stacked bar chart of operating income by segment, reported FY{first_year}–FY{base_year} and projected "
        f"to FY{last}, with a line of AWS's share of operating income below it. Two sliders set AWS's annual "
        f"growth and operating margin; at the defaults, {assumptions.at['AWS', 'growth']:.1%} and "
        f"{assumptions.at['AWS', 'margin']:.1%}, AWS earns {share:.0%} of the FY{last} total. "
        "A line of text states the totals and AWS's share.",
    )


def aws_whatif_chart(history: pd.DataFrame, assumptions: pd.DataFrame, base_year: int, source: str, years: int = 5,
                     first_year: int | None = None,
                     lookback_years: int = financials.DEFAULT_LOOKBACK_YEARS) -> alt.VConcatChart:
    """Amazon's operating income by segment, reported then projected, with AWS's growth and margin on sliders.

    The financials chapter's projection (:data:`amazon_case.financials.PROJECTION`), computed in the
    browser over the same rows; the other segments keep ``assumptions`` (the financials
    chapter's defaults), written into the chart as numbers. Below: AWS's share of operating
    income per year, drawn only where the total is positive.
    """
    first_year = base_year - 5 if first_year is None else first_year
    last = base_year + years
    model = financials.projection_model(assumptions)
    fixed = {name: value for name, value in whatif_inputs(assumptions).items() if name not in WHATIF_INPUTS}
    base = financials.projection_base(history, base_year, years, first_year, fixed=fixed)
    income = financials.segment_bars(base, "operating_income_bn", "Operating income (USD bn)")
    shares = OPERATING_INCOME_SHARE.calculate(base.transform_joinaggregate(
        total_operating_income_musd="sum(operating_income_musd)", groupby=["fiscal_year"],
    ).transform_filter("datum.segment == 'AWS' && datum.total_operating_income_musd > 0"))
    every_year = fiscal_year_x(list(range(first_year, last + 1)))
    share_line = shares.mark_line(point=alt.OverlayMarkDef(color=SEGMENT_COLORS["AWS"]), color=SEGMENT_COLORS["AWS"],
                                  strokeWidth=2.5).encode(
        x=every_year, y=alt.Y("share_of_operating_income:Q", title="AWS's share of operating income",
                              axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("kind:N", title="Reported or projected"),
                 alt.Tooltip("share_of_operating_income:Q", format=".1%", title="AWS's share")])
    bounds = alt.Chart(pd.DataFrame({"y": [0, 1]})).mark_rule(color=MUTED, strokeDash=[4, 3]).encode(y="y:Q")
    top = alt.layer(income, financials.projection_totals_readout(base, last)).properties(width=WIDTH, height=240)
    bottom = alt.layer(bounds, share_line).properties(width=WIDTH, height=140)
    chart = alt.vconcat(top, bottom, spacing=30).add_params(*model.params(only=WHATIF_INPUTS))
    return properties(chart, aws_whatif_text(history, assumptions, base_year, years, first_year, source,
                                             lookback_years),
                      usermeta=model.inputs.usermeta(model.prefix, whatif_cases(model.inputs), only=WHATIF_INPUTS))


# ---------------------------------------------------------------------------
# For the book-wide tests
# ---------------------------------------------------------------------------

def book_charts() -> list[ChartEntry]:
    from ..filings import UNAUDITED_YEARS, annual_wide, load_quarterly, segment_history
    from .model import aws_weight
    from .quarters import aws_quarterly_growth, latest_quarter, segment_ttm

    history = segment_history(annual_wide())
    audited = history[~history["fiscal_year"].isin(UNAUDITED_YEARS)]
    years = sorted(int(y) for y in audited["fiscal_year"].unique())
    quarterly = load_quarterly()
    ttm = segment_ttm(quarterly, *latest_quarter(quarterly))
    assumptions = financials.default_projection_assumptions(history, years[-1])
    at_default = budget_allocation(SALES_LED_SHARE.default, **split_by_motion(GTM_INPUTS.defaults()))
    return [
        ChartEntry("aws", "AWS growth", lambda: aws_growth_chart(audited, "10-Ks; quarterly releases", ttm)),
        ChartEntry("aws", "AWS quarters", lambda: aws_quarters_chart(aws_quarterly_growth(quarterly), "releases")),
        ChartEntry("aws", "AWS weight", lambda: aws_weight_chart(aws_weight(audited), "10-Ks", ttm=aws_weight(ttm)),
                   weight_view(years).param_names()),
        ChartEntry("aws", "go-to-market", lambda: gtm_chart("our model"), GTM_PARAMS),
        ChartEntry("aws", "go-to-market cohort (workbench)", lambda: gtm_result_chart(at_default, "our model")),
        ChartEntry("aws", "what-if", lambda: aws_whatif_chart(history, assumptions, years[-1], "10-Ks; our model"),
                   financials.PROJECTION.param_names(WHATIF_INPUTS)),
    ]
