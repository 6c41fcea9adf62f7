"""The AWS chapter's charts, each with the plain function that writes its words (``<chart>_text``).

- :func:`aws_growth_chart`: AWS's net sales and operating income per year, from the filings.
- :func:`aws_weight_chart`: AWS's share of Amazon's net sales and operating income, and the
  segments' margins, with a year slider and its readout (:func:`~.model.weight_view`).
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
from ..kit.style import (INK, LOSS, MUTED, REFERENCE, WIDTH, ChartText, color_scale, fiscal_year_x, properties, readout,
                         zero_rule)
from .model import (BUDGET_SPLIT, CUSTOMER_ECONOMICS, GTM_INPUTS, GTM_PARAMS, HORIZON_YEARS, MOTION_SHORT, MOTIONS,
                    OPERATING_INCOME_SHARE, SALES_LED_SHARE, WHATIF_INPUTS, BudgetAllocation, budget_allocation, split_by_motion,
                    weight_view, whatif_inputs)

MEASURE_COLORS = {"Net sales": "#fdbf6f", "Operating income": "#ff7f0e"}
SHARE_COLORS = {"Share of net sales": "#fdbf6f", "Share of operating income": "#ff7f0e"}
MOTION_COLORS = {MOTIONS["self_serve"]: "#2ca02c", MOTIONS["sales_led"]: "#1f77b4"}

# ---------------------------------------------------------------------------
# History: AWS inside Amazon
# ---------------------------------------------------------------------------


def aws_growth_text(aws: pd.DataFrame, source: str) -> ChartText:
    """The growth chart's words; ``aws`` is the AWS segment's rows of the history, by year."""
    first, last = aws.iloc[0], aws.iloc[-1]
    years = int(last["fiscal_year"] - first["fiscal_year"])
    sales, income = (last[c] / first[c] for c in ("net_sales_musd", "operating_income_musd"))
    return ChartText(
        f"AWS's net sales grew {sales:.0f}-fold in {years} years, and its operating income {income:.0f}-fold",
        f"AWS segment, FY{int(first['fiscal_year'])}–FY{int(last['fiscal_year'])}; "
        "label above each year: AWS operating margin",
        source,
        f"Grouped bar chart of the AWS segment's net sales and operating income by fiscal year, "
        f"FY{int(first['fiscal_year'])} to FY{int(last['fiscal_year'])}. Net sales rise from "
        f"{first['net_sales_musd'] / 1000:.1f} to {last['net_sales_musd'] / 1000:.1f} billion US dollars; operating "
        f"income from {first['operating_income_musd'] / 1000:.1f} to {last['operating_income_musd'] / 1000:.1f} "
        f"billion; the operating margin printed above each year goes from {first['operating_margin']:.0%} "
        f"to {last['operating_margin']:.0%}.",
    )


def aws_growth_chart(history: pd.DataFrame, source: str) -> alt.LayerChart:
    """AWS net sales and operating income per year (bars), with the margin as a label on each year.

    ``history`` is :func:`amazon_case.filings.segment_history` (the years to draw).
    """
    aws = history[history["segment"] == "AWS"].sort_values("fiscal_year")
    folded = pd.concat([
        pd.DataFrame({"fiscal_year": aws["fiscal_year"], "measure": measure, "usd_bn": aws[column] / 1000,
                      "operating_margin": aws["operating_margin"]})
        for measure, column in (("Net sales", "net_sales_musd"), ("Operating income", "operating_income_musd"))])
    bars = alt.Chart(folded).mark_bar().encode(
        x=fiscal_year_x(), xOffset=alt.XOffset("measure:N", sort=list(MEASURE_COLORS)),
        y=alt.Y("usd_bn:Q", title="USD billions"),
        color=alt.Color("measure:N", title=None, scale=color_scale(MEASURE_COLORS), legend=alt.Legend(orient="top-left")),
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("usd_bn:Q", format="$,.1f", title="USD bn"),
                 alt.Tooltip("operating_margin:Q", format=".1%", title="AWS operating margin")],
    )
    margin_labels = alt.Chart(folded[folded["measure"] == "Net sales"]).mark_text(
        dy=-6, fontSize=10, color=INK, baseline="bottom",
    ).encode(x=fiscal_year_x(), y="usd_bn:Q", text=alt.Text("operating_margin:Q", format=".0%"))
    return properties(alt.layer(bars, margin_labels), aws_growth_text(aws, source), width=WIDTH, height=300)


def aws_weight_text(weight: pd.DataFrame, source: str) -> ChartText:
    """The weight chart's words: in how many years AWS's share of profit beat its share of sales."""
    years = [int(y) for y in weight.index]
    first, last = years[0], years[-1]
    income = weight["aws_share_of_operating_income"]
    above = [y for y in years if income.get(y) > weight.at[y, "aws_share_of_net_sales"]]  # NaN compares False
    takeaway = (f"AWS's share of profit beat its share of sales in all {len(years)} years, FY{first}–FY{last}"
                if len(above) == len(years) else
                f"AWS's share of profit beat its share of sales in {len(above)} of {len(years)} years")
    return ChartText(
        takeaway,
        "Top: AWS's share of Amazon's net sales and operating income. Bottom: operating margin by segment",
        source,
        f"Two line charts, FY{first} to FY{last}. Top: AWS's share of Amazon's net sales rises from "
        f"{weight.at[first, 'aws_share_of_net_sales']:.0%} to {weight.at[last, 'aws_share_of_net_sales']:.0%}, "
        f"while its share of operating income ranges from {income.min():.0%} to {income.max():.0%} "
        f"(FY{int(income.idxmax())}). Bottom: AWS's operating margin ranges from "
        f"{weight['margin_AWS'].min():.0%} to {weight['margin_AWS'].max():.0%}, far above North America's and "
        "International's. A slider marks a year and states its figures.",
    )


def aws_weight_chart(weight: pd.DataFrame, source: str, year: int | None = None) -> alt.VConcatChart:
    """Top: AWS's share of net sales against its share of operating income. Bottom: segment margins.

    ``weight`` is :func:`~.model.aws_weight`. A slider picks a year (the last by default),
    marked on both panels and spelled out in a line of text above them.
    """
    years = [int(y) for y in weight.index]
    view = weight_view(years)
    if year is not None:
        view = view.with_defaults(year=year)
    segments = [c.removeprefix("margin_") for c in weight.columns if c.startswith("margin_")]
    shares = pd.concat([
        pd.DataFrame({"fiscal_year": weight.index, "measure": measure, "share_pct": weight[column] * 100})
        for measure, column in (("Share of net sales", "aws_share_of_net_sales"),
                                ("Share of operating income", "aws_share_of_operating_income"))]).dropna()
    margins = pd.concat([pd.DataFrame({"fiscal_year": weight.index, "segment": s, "margin_pct": weight[f"margin_{s}"] * 100})
                         for s in segments])
    marked = f"datum.fiscal_year == {view.shown('year')}"
    share_lines = alt.Chart(shares).mark_line(point=True, strokeWidth=2.5).encode(
        x=fiscal_year_x(), y=alt.Y("share_pct:Q", title="AWS's share of Amazon's total (%)"),
        color=alt.Color("measure:N", title=None, scale=color_scale(SHARE_COLORS), legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("share_pct:Q", format=".1f", title="Percent")])
    rule = alt.Chart(pd.DataFrame({"fiscal_year": years})).mark_rule(color=REFERENCE, strokeDash=[4, 3]).encode(
        x=fiscal_year_x()).transform_filter(marked)
    margin_lines = alt.Chart(margins).mark_line(point=True, strokeWidth=2.5).encode(
        x=fiscal_year_x(), y=alt.Y("margin_pct:Q", title="Operating margin (%)"),
        color=alt.Color("segment:N", title=None, scale=color_scale({s: SEGMENT_COLORS[s] for s in segments}),
                        legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("segment:N", title="Segment"),
                 alt.Tooltip("margin_pct:Q", format=".1f", title="Operating margin (%)")])
    year_figures = readout(view.calculate(alt.Chart(weight.reset_index()).transform_filter(marked)), "weight_readout",
                           bold=True, corner="above")
    all_of_amazon = alt.Chart(pd.DataFrame({"at": [100]})).mark_rule(color=MUTED, strokeDash=[4, 3]).encode(y="at:Q")
    top = alt.layer(all_of_amazon, share_lines, rule, year_figures)
    bottom = alt.layer(zero_rule(), margin_lines, rule)
    chart = alt.vconcat(top.properties(width=WIDTH, height=220), bottom.properties(width=WIDTH, height=180), spacing=20)
    chart = chart.add_params(*view.params()).resolve_scale(color="independent")
    return properties(chart, aws_weight_text(weight, source))


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
                 alt.Tooltip("ltv:Q", format=",.1f", title="Lifetime value (USD k)"),
                 alt.Tooltip("ltv_to_cac:Q", format=".2f", title="LTV / CAC"),
                 alt.Tooltip("payback_months:Q", format=",.1f", title="Payback (months)"),
                 alt.Tooltip("lifetime_years:Q", format=".2f", title="Expected paid years")])
    labels = per_customer.mark_text(align="left", dx=4, fontSize=11).encode(y=y, x="ltv_to_cac:Q", text="customer_label:N")
    one = alt.Chart(pd.DataFrame({"x": [1]}))
    breakeven = one.mark_rule(color=LOSS, strokeDash=[4, 3]).encode(x="x:Q")
    breakeven_label = one.mark_text(align="left", dx=3, y=-4, baseline="bottom", fontSize=10, color=LOSS,
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
                    source: str) -> ChartText:
    """The what-if chart's words: AWS's share of the last year's operating income at the defaults."""
    last = base_year + years
    projection = financials.project_segments(history, base_year, years, **whatif_inputs(assumptions))
    share = projection.set_index(["fiscal_year", "segment"]).at[(last, "AWS"), "share_of_operating_income"]
    return ChartText(
        f"At recent growth and margin, AWS would earn {share:.0%} of Amazon's operating income in FY{last}",
        f"Reported to FY{base_year}, projected after (faded); other segments at the Financials chapter's defaults",
        source,
        f"Stacked bar chart of operating income by segment, reported FY{first_year}–FY{base_year} and projected "
        f"to FY{last}, with a line of AWS's share of operating income below it. Two sliders set AWS's annual "
        f"growth and operating margin; at the defaults, {assumptions.at['AWS', 'growth']:.1%} and "
        f"{assumptions.at['AWS', 'margin']:.1%}, AWS earns {share:.0%} of the FY{last} total. "
        "A line of text states the totals and AWS's share.",
    )


def aws_whatif_chart(history: pd.DataFrame, assumptions: pd.DataFrame, base_year: int, source: str, years: int = 5,
                     first_year: int | None = None) -> alt.VConcatChart:
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
    share_line = shares.mark_line(point=True, color=SEGMENT_COLORS["AWS"], strokeWidth=2.5).encode(
        x=every_year, y=alt.Y("share_of_operating_income:Q", title="AWS's share of operating income",
                              axis=alt.Axis(format="%")),
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("kind:N", title="Reported or projected"),
                 alt.Tooltip("share_of_operating_income:Q", format=".1%", title="AWS's share")])
    bounds = alt.Chart(pd.DataFrame({"y": [0, 1]})).mark_rule(color=MUTED, strokeDash=[4, 3]).encode(y="y:Q")
    top = alt.layer(income, financials.projection_totals_readout(base, last)).properties(width=WIDTH, height=240)
    bottom = alt.layer(bounds, share_line).properties(width=WIDTH, height=140)
    chart = alt.vconcat(top, bottom, spacing=30).add_params(*model.params(only=WHATIF_INPUTS))
    return properties(chart, aws_whatif_text(history, assumptions, base_year, years, first_year, source))


# ---------------------------------------------------------------------------
# For the book-wide tests
# ---------------------------------------------------------------------------

def book_charts() -> list[ChartEntry]:
    from ..filings import UNAUDITED_YEARS, annual_wide, segment_history
    from .model import aws_weight

    history = segment_history(annual_wide())
    audited = history[~history["fiscal_year"].isin(UNAUDITED_YEARS)]
    years = sorted(int(y) for y in audited["fiscal_year"].unique())
    assumptions = financials.default_projection_assumptions(history, 2024)
    at_default = budget_allocation(SALES_LED_SHARE.default, **split_by_motion(GTM_INPUTS.defaults()))
    return [
        ChartEntry("aws", "AWS growth", lambda: aws_growth_chart(audited, "10-Ks")),
        ChartEntry("aws", "AWS weight", lambda: aws_weight_chart(aws_weight(audited), "10-Ks"),
                   weight_view(years).param_names()),
        ChartEntry("aws", "go-to-market", lambda: gtm_chart("our model"), GTM_PARAMS),
        ChartEntry("aws", "go-to-market cohort (workbench)", lambda: gtm_result_chart(at_default, "our model")),
        ChartEntry("aws", "what-if", lambda: aws_whatif_chart(history, assumptions, 2024, "10-Ks; our model"),
                   financials.PROJECTION.param_names(WHATIF_INPUTS)),
    ]
