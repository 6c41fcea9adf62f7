"""AWS beside Azure and Google Cloud (``chapters/cloud.ipynb``): filed segment figures, then estimates.

- :func:`scale_rows` and :func:`scale_chart`: each provider's revenue and operating margin by fiscal year,
  as filed: AWS from Amazon's 10-Ks, Google Cloud from Alphabet's, Azure only as the lower bound Microsoft
  gave once (it reports no Azure operating income). A radio button switches the measure.
- :func:`growth_rows` and :func:`growth_chart`: growth from a year earlier by quarter, each as its company
  reports it (Microsoft reports Azure only as a growth rate); a slider marks one quarter and labels its values.
- :func:`estimate_rows` and :func:`share_chart`: the market researchers' share estimates, one estimate at a
  time (a dropdown): they measure different markets and are never mixed into one series.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..filings import SEGMENT_COLORS
from ..kit import VIEW, Choice, Field, Input, Model, formula
from ..kit.style import INK, MUTED, WIDTH, ChartText, color_scale, one_row, properties, readout

PROVIDER_COLORS = {"AWS": SEGMENT_COLORS["AWS"], "Azure": "#1f77b4", "Google Cloud": "#2ca02c"}
#: The estimates' names for the providers, and the book's.
SUBJECT_PROVIDER = {"Amazon": "AWS", "Microsoft": "Azure", "Google": "Google Cloud", "Alibaba": "Alibaba Cloud",
                    "Huawei": "Huawei Cloud"}
#: The share no named provider has: 100 minus the named shares (our arithmetic).
OTHERS = "All others (remainder)"
SHARE_COLORS = {**PROVIDER_COLORS, "Alibaba Cloud": "#8c564b", "Huawei Cloud": "#e377c2",
                OTHERS: "#bbbbbb"}


# ---------------------------------------------------------------------------
# Scale and profitability, as filed
# ---------------------------------------------------------------------------

def scale_rows(cloud: pd.DataFrame, wide: pd.DataFrame, years: range = range(2023, 2026)) -> pd.DataFrame:
    """Revenue and operating margin by fiscal year: AWS (Amazon's 10-Ks), Google Cloud (Alphabet's), Azure's lower bound.

    ``cloud`` is :func:`~amazon_case.context.sources.load_cloud`, ``wide`` :func:`amazon_case.filings.annual_wide`.
    ``margin_pct`` is empty where the company reports no operating income (Azure); ``has_margin`` (1 or 0) says so.
    """
    rows = [{"provider": "AWS", "fiscal_year": y, "year_label": f"FY{y}",
             "revenue_bn": wide.at[y, "segment_aws_net_sales"] / 1000,
             "margin_pct": 100 * wide.at[y, "segment_aws_operating_income"] / wide.at[y, "segment_aws_net_sales"],
             "has_margin": 1, "basis": "Amazon Form 10-K, segment note"} for y in years]
    google = cloud[(cloud["subject"] == "Google Cloud") & cloud["period"].str.startswith("FY")]
    by = google.set_index(["period", "metric"])["value"]
    rows += [{"provider": "Google Cloud", "fiscal_year": y, "year_label": f"FY{y}",
              "revenue_bn": by[(f"FY{y}", "segment_revenue")] / 1000,
              "margin_pct": 100 * by[(f"FY{y}", "segment_operating_income")] / by[(f"FY{y}", "segment_revenue")],
              "has_margin": 1, "basis": "Alphabet Form 10-K, segment note"} for y in years]
    azure = cloud[(cloud["subject"] == "Azure and other cloud services") & (cloud["metric"] == "segment_revenue")]
    rows += [{"provider": "Azure", "fiscal_year": int(r.period[2:]), "year_label": f"FY{r.period[2:]}",
              "revenue_bn": r.value / 1000, "margin_pct": None, "has_margin": 0,
              "basis": f"Microsoft: {r.qualifier} USD {r.value / 1000:,.0f} bn in its fiscal year to {r.period_end}; "
                       "no operating income disclosed"} for r in azure.itertuples()]
    return pd.DataFrame(rows)


SCALE_MEASURE = Choice("measure", "show", (("Revenue (USD bn)", "revenue"), ("Operating margin (%)", "margin")),
                       "revenue", VIEW, "the filed segment figures, two ways", control="radio")


@formula
def cloud_shown(measure, revenue_bn, margin_pct):
    """The bar's height in the measure the reader chose."""
    return revenue_bn if measure == "revenue" else margin_pct


@formula
def cloud_drawn(measure, has_margin):
    """Azure has no margin to draw: Microsoft reports no operating income for it."""
    return measure == "revenue" or has_margin == 1


@formula
def cloud_measure_label(measure):
    return "Revenue, USD billions" if measure == "revenue" else "Operating margin, % of revenue"


SCALE_VIEW = Model("cloud scale view", prefix="cloud_scale", inputs=[SCALE_MEASURE],
                   formulas=[cloud_shown, cloud_drawn, cloud_measure_label],
                   fields=[Field("revenue_bn", "USD bn"), Field("margin_pct", "% of revenue"),
                           Field("has_margin", "1 where an operating margin is reported, else 0", 0, 1)])


def scale_text(rows: pd.DataFrame, source: str) -> ChartText:
    latest = int(rows.loc[rows["provider"] != "Azure", "fiscal_year"].max())
    at = rows[rows["fiscal_year"] == latest].set_index("provider")
    first = rows[rows["fiscal_year"] == rows["fiscal_year"].min()].set_index("provider")
    aws, google = at.loc["AWS"], at.loc["Google Cloud"]
    azure = rows[rows["provider"] == "Azure"].iloc[0]
    return ChartText(
        f"In FY{latest} AWS had {aws.revenue_bn / google.revenue_bn:.1f} times Google Cloud's revenue and a "
        f"{aws.margin_pct:.0f}% margin to its {google.margin_pct:.0f}%",
        f"Segment revenue and operating margin as filed, FY{rows['fiscal_year'].min()}–FY{latest}; Azure only as the "
        f"lower bound Microsoft gave for its year to June {azure.fiscal_year} (hollow), with no operating income",
        source,
        f"Grouped bar chart by fiscal year of AWS and Google Cloud, with a radio button for revenue or operating margin. "
        f"AWS's revenue went from USD {first.at['AWS', 'revenue_bn']:,.1f} billion to {aws.revenue_bn:,.1f} billion and "
        f"its margin from {first.at['AWS', 'margin_pct']:.1f}% to {aws.margin_pct:.1f}%; Google Cloud's revenue from "
        f"USD {first.at['Google Cloud', 'revenue_bn']:,.1f} billion to {google.revenue_bn:,.1f} billion and its margin "
        f"from {first.at['Google Cloud', 'margin_pct']:.1f}% to {google.margin_pct:.1f}%. Azure appears as a hollow bar "
        f"at more than USD {azure.revenue_bn:,.0f} billion for Microsoft's fiscal {azure.fiscal_year}.",
    )


def scale_chart(rows: pd.DataFrame, source: str) -> alt.LayerChart:
    """Revenue or operating margin by fiscal year and provider, as filed; Azure's lower bound hollow."""
    base = SCALE_VIEW.calculate(alt.Chart(rows)).transform_filter("datum.cloud_drawn")
    x = alt.X("year_label:N", title="Fiscal year (Microsoft's ends on 30 June)", axis=alt.Axis(labelAngle=0))
    offset = alt.XOffset("provider:N", sort=list(PROVIDER_COLORS))
    y = alt.Y("cloud_shown:Q", title=None)
    # The legend goes under the plot: above it, the line of text names the measure shown.
    color = alt.Color("provider:N", title=None, scale=color_scale(PROVIDER_COLORS), legend=alt.Legend(orient="bottom"))
    tooltip = [alt.Tooltip("provider:N", title="Provider"), alt.Tooltip("year_label:N", title="Fiscal year"),
               alt.Tooltip("revenue_bn:Q", format=",.1f", title="Revenue (USD bn)"),
               alt.Tooltip("margin_pct:Q", format=".1f", title="Operating margin (%)"),
               alt.Tooltip("basis:N", title="Basis")]
    filed = base.transform_filter("datum.has_margin").mark_bar().encode(
        x=x, xOffset=offset, y=y, color=color, tooltip=tooltip)
    bound = base.transform_filter("!datum.has_margin").mark_bar(fillOpacity=0.15, strokeWidth=2, strokeDash=[4, 2]).encode(
        x=x, xOffset=offset, y=y, color=color, stroke=color, tooltip=tooltip)
    values = base.mark_text(dy=-6, color=INK).encode(
        x=x, xOffset=offset, y=y, text=alt.Text("cloud_shown:Q", format=",.0f"))
    label = readout(SCALE_VIEW.calculate(one_row(), outputs=["cloud_measure_label"]), "cloud_measure_label",
                    corner="above", color=INK, size=11)
    chart = alt.layer(filed, bound, values, label).add_params(*SCALE_VIEW.params())
    return properties(chart, scale_text(rows, source), width=WIDTH - 60, height=260)


# ---------------------------------------------------------------------------
# Growth by quarter, as each company reports it
# ---------------------------------------------------------------------------

def calendar_quarter(period_end) -> str:
    """``Q2 2025`` for a quarter that ends on 2025-06-30 (Microsoft's Q4 FY2025)."""
    end = pd.Timestamp(period_end)
    return f"Q{(end.month - 1) // 3 + 1} {end.year}"


def growth_rows(cloud: pd.DataFrame, quarterly: pd.DataFrame) -> pd.DataFrame:
    """Growth from a year earlier by quarter: AWS (our arithmetic on Amazon's releases), Azure and Google Cloud as reported.

    Each row: ``provider``, ``period`` (the company's own name for it), ``period_end``, ``growth_pct``, ``basis``.
    """
    aws = quarterly[(quarterly["basis"] == "three_months") & (quarterly["metric"] == "segment_aws_net_sales")]
    keyed = aws.set_index(["fiscal_year", "quarter"])["value"]
    rows = [{"provider": "AWS", "period": f"Q{r.quarter} {r.fiscal_year}", "period_end": str(r.period_end),
             "growth_pct": 100 * (r.value / keyed[(r.fiscal_year - 1, r.quarter)] - 1),
             "basis": "our arithmetic on Amazon's quarterly releases (segment net sales)"}
            for r in aws.itertuples() if (r.fiscal_year - 1, r.quarter) in keyed.index]
    reported = cloud[(cloud["metric"] == "revenue_growth") & cloud["period"].str.startswith("Q")]
    names = {"Azure and other cloud services": "Azure", "Google Cloud": "Google Cloud"}
    rows += [{"provider": names[r.subject], "period": r.period, "period_end": str(r.period_end),
              "growth_pct": float(r.value), "basis": f"as reported by {r.company} ({r.document})"}
             for r in reported.itertuples()]
    frame = pd.DataFrame(rows).sort_values(["provider", "period_end"]).reset_index(drop=True)
    frame["calendar_quarter"] = frame["period_end"].map(calendar_quarter)
    quarters = sorted(set(frame["calendar_quarter"]), key=lambda q: (q[-4:], q))
    return frame.assign(quarter_index=frame["calendar_quarter"].map(lambda q: quarters.index(q) + 1))


def marked_quarter_default(rows: pd.DataFrame) -> int:
    """The quarter the growth chart marks at first: the latest one that AWS and Azure both report."""
    both = rows.groupby("quarter_index")["provider"].agg(set)
    return int(max(i for i, providers in both.items() if {"AWS", "Azure"} <= providers))


def growth_view(rows: pd.DataFrame) -> Model:
    """The growth chart's control (the quarter marked, numbered from the first) and what it computes."""
    last = int(rows["quarter_index"].max())
    first = rows.loc[rows["quarter_index"] == 1, "calendar_quarter"].iloc[0]
    quarter = Input("quarter", "quarter marked", f"1 = {first}", marked_quarter_default(rows), 1, last, 1, VIEW,
                    "the calendar quarters the chart covers; the default is the latest that AWS and Azure both report")
    return Model("cloud growth view", prefix="cloud_growth", inputs=[quarter], formulas=[quarter_marked, growth_label],
                 fields=[Field("quarter_index", "the row's quarter, numbered from the first", 1, last),
                         Field("growth_pct", "growth from a year earlier, %")])


@formula
def quarter_marked(quarter, quarter_index):
    return quarter_index == quarter


@formula
def growth_label(growth_pct):
    return f"{growth_pct:.0f}%"


def growth_text(rows: pd.DataFrame, source: str) -> ChartText:
    azure = rows[rows["provider"] == "Azure"]
    aws = rows[rows["provider"] == "AWS"]
    common = aws[aws["period_end"].isin(azure["period_end"])]
    latest = aws.iloc[-1]
    google = rows[rows["provider"] == "Google Cloud"].iloc[-1]
    return ChartText(
        f"Azure grew {azure['growth_pct'].min():.0f}–{azure['growth_pct'].max():.0f}% a year in each quarter reported, "
        f"AWS {common['growth_pct'].min():.0f}–{common['growth_pct'].max():.0f}% in the same quarters; AWS reached "
        f"{latest.growth_pct:.0f}% in {latest.period}",
        "Growth from the same quarter a year earlier, in US dollars, by calendar quarter (Microsoft's fiscal quarters "
        "are calendar quarters); Microsoft gives Azure's growth but not its revenue",
        source,
        f"Line chart of growth from a year earlier by quarter. Azure grew between {azure['growth_pct'].min():.0f}% and "
        f"{azure['growth_pct'].max():.0f}% in Microsoft's quarters from {azure['period'].iloc[0]} to "
        f"{azure['period'].iloc[-1]}; AWS between {aws['growth_pct'].min():.1f}% ({aws.loc[aws['growth_pct'].idxmin(), 'period']}) "
        f"and {aws['growth_pct'].max():.1f}% ({aws.loc[aws['growth_pct'].idxmax(), 'period']}); Google Cloud "
        f"{google.growth_pct:.0f}% in {google.period}, the only quarter read. A slider marks one quarter and labels "
        "each provider's growth in it.",
    )


def growth_chart(rows: pd.DataFrame, source: str) -> alt.LayerChart:
    """Each provider's growth from a year earlier by quarter, as its company reports it; a slider marks one quarter."""
    view = growth_view(rows)
    quarters = sorted(set(rows["calendar_quarter"]), key=lambda q: (q[-4:], q))
    x = alt.X("calendar_quarter:O", title="Calendar quarter", sort=quarters, axis=alt.Axis(labelAngle=0))
    y = alt.Y("growth_pct:Q", title="Growth from a year earlier (%)", scale=alt.Scale(domain=[0, 50]))
    color = alt.Color("provider:N", title=None, scale=color_scale(PROVIDER_COLORS), legend=alt.Legend(orient="top"))
    tooltip = [alt.Tooltip("provider:N", title="Provider"), alt.Tooltip("period:N", title="The company's quarter"),
               alt.Tooltip("growth_pct:Q", format=".1f", title="Growth (%)"), alt.Tooltip("basis:N", title="Basis")]
    base = view.calculate(alt.Chart(rows))
    lines = base.mark_line(point=alt.OverlayMarkDef(size=60, filled=True), strokeWidth=2.5).encode(
        x=x, y=y, color=color, tooltip=tooltip)
    marked = base.transform_filter("datum.quarter_marked")
    rule = marked.mark_rule(color=MUTED, strokeDash=[4, 3]).encode(x=x)
    labels = marked.mark_text(align="right", dx=-7, dy=-10, fontSize=11, fontWeight="bold").encode(
        x=x, y=y, color=color, text="growth_label:N")
    name = readout(marked.transform_aggregate(calendar_quarter="max(calendar_quarter)"), "calendar_quarter",
                   corner="top-left", bold=True)
    chart = alt.layer(rule, lines, labels, name).add_params(*view.params())
    return properties(chart, growth_text(rows, source), width=WIDTH - 40, height=260)


# ---------------------------------------------------------------------------
# Market shares: estimates, one at a time
# ---------------------------------------------------------------------------

def estimate_id(publisher: str, period: str) -> str:
    return f"{publisher.split()[0].lower()}-{period.lower().replace(' ', '-')}"


def estimate_rows(cloud: pd.DataFrame) -> pd.DataFrame:
    """One row per estimate and provider, with ``All others`` as 100 minus the named shares (our arithmetic).

    Each row carries its estimate's ``estimate`` id, ``estimate_label`` (publisher and period), ``scope``,
    ``reported_on``, ``market`` (the estimated market size, in words) and the weakest ``status`` of its shares.
    """
    estimates = cloud[cloud["kind"] == "estimate"]
    rows = []
    for (publisher, period), group in estimates.groupby(["company", "period"], sort=False):
        shares = group[group["metric"] == "market_share"]
        size = group[group["metric"] == "market_size"]
        size = size.iloc[0] if not size.empty else None
        per = "a year" if period.startswith("FY") else "a quarter"
        market = ("size not read" if size is None else
                  f"{'' if size['qualifier'] == 'as printed' else size['qualifier'] + ' '}USD "
                  f"{size['value'] / 1000:,.0f} bn {per}")
        reported = shares["reported_on"].iloc[0]
        status = "one source" if (shares["status"] == "SINGLE-SOURCE").any() else "two sources"
        common = {"estimate": estimate_id(publisher, period), "publisher": publisher, "period": period,
                  "estimate_label": f"{publisher}, {period.removeprefix('FY')}",
                  "reported": f"reported {reported}" if reported else "report date not stated",
                  "scope": shares["scope"].iloc[0], "market": market, "status": status}
        for r in shares.itertuples():
            rows.append({**common, "provider": SUBJECT_PROVIDER[r.subject], "share_pct": float(r.value), "derived": False})
        rows.append({**common, "provider": OTHERS,
                     "share_pct": 100 - float(shares["value"].sum()), "derived": True})
    return pd.DataFrame(rows)


def estimate_choice(rows: pd.DataFrame, default: str) -> Choice:
    """The reader's control: one estimate at a time, named by publisher and period."""
    options = tuple(dict.fromkeys(zip(rows["estimate_label"], rows["estimate"])))
    return Choice("estimate", "estimate", options, default, VIEW,
                  "the estimates of data/cloud_market.csv (Synergy Research Group, Canalys, Gartner)", control="select")


@formula
def estimate_shown(estimate, estimate_row):
    return estimate_row == estimate


@formula
def estimate_market(scope, market):
    return f"Market: {scope:s}, {market:s}"


@formula
def estimate_sourcing(reported, status):
    return f"An estimate, not a filing; {reported:s}; shares from {status:s}"


def share_view(rows: pd.DataFrame, default: str) -> Model:
    return Model("cloud share view", prefix="cloud_share", inputs=[estimate_choice(rows, default)],
                 formulas=[estimate_shown, estimate_market, estimate_sourcing],
                 fields=[Field("estimate_row", "the row's estimate"), Field("scope", "the market measured"),
                         Field("market", "market size, in words"), Field("reported", "when the report was read"),
                         Field("status", "how the shares are sourced")])


def share_text(rows: pd.DataFrame, default: str, source: str) -> ChartText:
    lead = rows[rows["provider"].isin(["AWS", "Azure"])].pivot(index="estimate", columns="provider", values="share_pct")
    lead = lead["AWS"] - lead["Azure"]
    shown = rows[rows["estimate"] == default].set_index("provider")
    label = shown["estimate_label"].iloc[0]
    return ChartText(
        f"Every estimate puts AWS first, {lead.min():.0f} to {lead.max():.0f} points ahead of Azure; the publishers "
        "measure different markets",
        f"Estimated shares of the cloud market: estimates, not filings, one at a time (default: {label})",
        source,
        f"Bar chart of estimated market shares of one estimate at a time, chosen from a dropdown among "
        f"{rows['estimate'].nunique()} estimates by Synergy Research Group, Canalys and Gartner. In the default, "
        f"{label}, AWS has {shown.at['AWS', 'share_pct']:.0f}%, Azure {shown.at['Azure', 'share_pct']:.0f}% and Google "
        f"Cloud {shown.at['Google Cloud', 'share_pct']:.0f}%. AWS leads Azure by {lead.min():.0f} to {lead.max():.0f} "
        "points across the estimates. A line above the bars names the publisher, the market it measures and its size.",
    )


def share_chart(rows: pd.DataFrame, default: str, source: str) -> alt.LayerChart:
    """Estimated market shares of the estimate the reader picks; the caption line names its publisher and scope."""
    view = share_view(rows, default)
    base = view.calculate(alt.Chart(rows.rename(columns={"estimate": "estimate_row"}))).transform_filter(
        "datum.estimate_shown")
    order = list(SHARE_COLORS)
    y = alt.Y("provider:N", sort=order, title=None)
    x = alt.X("share_pct:Q", title="Estimated share of the market it measures (%)", scale=alt.Scale(domain=[0, 50]))
    color = alt.Color("provider:N", scale=color_scale(SHARE_COLORS), legend=None)
    tooltip = [alt.Tooltip("estimate_label:N", title="Estimate"), alt.Tooltip("provider:N", title="Provider"),
               alt.Tooltip("share_pct:Q", format=".1f", title="Share (%)"), alt.Tooltip("scope:N", title="Market"),
               alt.Tooltip("derived:N", title="Our arithmetic (100 minus the named shares)")]
    bars = base.mark_bar(height=20).encode(x=x, y=y, color=color, opacity=alt.condition(
        "datum.derived", alt.value(0.5), alt.value(1)), tooltip=tooltip)
    values = base.mark_text(align="left", dx=4, fontSize=11, color=INK).encode(
        x=x, y=y, text=alt.Text("share_pct:Q", format=".0f"))
    first = base.transform_filter("datum.provider == 'AWS'")
    caption = [readout(first, "estimate_label", 2, corner="above", bold=True, size=12),
               readout(first, "estimate_market", 1, corner="above", color=INK, size=11),
               readout(first, "estimate_sourcing", 0, corner="above", color=INK, size=11)]
    chart = alt.layer(bars, values, *caption).add_params(*view.params())
    return properties(chart, share_text(rows, default, source), width=WIDTH - 90, height=alt.Step(26))
