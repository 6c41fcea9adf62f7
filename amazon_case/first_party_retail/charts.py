"""First-party retail, the charts: each builder beside a plain ``*_text`` function that writes its words.

The controls are the models' declared inputs (:mod:`.model`) and everything a chart computes
from them is one of the models' formulas, compiled to Vega by the kit: no expression here
mirrors a Python formula by hand. Where a chart sets the twelve months to the latest quarter
(TTM) beside the fiscal years, the TTM column stands on a shaded band, its marks hollow or
paler, and the yearly lines do not run into it: it overlaps the last fiscal year.
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import pandas as pd

from ..filings import CATEGORY_COLORS, SEGMENT_COLORS, UNAUDITED_YEARS
from ..kit.style import (GAIN, INK, LOSS, REFERENCE, RESIZE, WIDTH, ChartText, color_scale, faded_unless,
                         one_row, properties, readout, zero_rule)
from .model import (CASH_FLOW_VIEW, CASH_PART, CYCLE_BASIS, FLOWS, MARGINS_VIEW, PRIME_MEMBER, WORKING_CAPITAL,
                    PrimeMember, WorkingCapitalCash, cash_flow_rows, cycle_year_choice, latest_audited_year,
                    prime_member_economics, working_capital_cash)
from .working_capital import OPERATING_BALANCES, working_capital_rows

SUBSCRIPTION_COLOR = CATEGORY_COLORS["Subscription services"]
#: The shade behind the TTM column.
TTM_SHADE = "#e8e8e8"


def _fy_list(years: Iterable[int]) -> str:
    return "FY" + ", FY".join(map(str, sorted(years)))


def period_x(periods: list[str], title: str = "Fiscal year (and the latest twelve months)") -> alt.X:
    """The x axis of fiscal years followed by the TTM column (ordinal, labels upright, in the given order).

    The TTM column's label ("TTM Q2 2026") is set on two lines, "TTM" above the quarter, to fit its column.
    """
    two_lines = "indexof(datum.label, 'TTM ') == 0 ? ['TTM', substring(datum.label, 4)] : datum.label"
    return alt.X("period:O", title=title, scale=alt.Scale(domain=periods, paddingInner=0.2, paddingOuter=0.1),
                 axis=alt.Axis(labelAngle=0, labelOverlap=False, labelExpr=two_lines))


def ttm_band(rows: pd.DataFrame, x: alt.X) -> alt.Chart:
    """A grey band behind the TTM column (nothing if ``rows`` has none), so it reads apart from the years."""
    ttm = rows[rows["is_ttm"].astype(bool)][["period"]].drop_duplicates()
    return alt.Chart(ttm).mark_rect(color=TTM_SHADE).encode(x=x)


def periods_of(rows: pd.DataFrame) -> list[str]:
    """The periods of ``rows`` in order: the fiscal years, then the TTM column."""
    years = sorted(rows.loc[~rows["is_ttm"].astype(bool), "period"].unique(), key=int)
    return [*years, *rows.loc[rows["is_ttm"].astype(bool), "period"].unique()]


# ---------------------------------------------------------------------------
# Thin margins
# ---------------------------------------------------------------------------


def margins_text(rows: pd.DataFrame, source: str) -> ChartText:
    """The margins chart's words: the last audited year's margins, the averages, the TTM, the growth range."""
    years = rows[~rows["is_ttm"].astype(bool)]
    audited = years[years["audited"].astype(bool)]
    last = int(audited["fiscal_year"].max())
    at_last = audited[audited["fiscal_year"] == last].set_index("segment")["operating_margin"] * 100
    average = audited.groupby("segment")["operating_margin"].mean() * 100
    intl = audited[audited["segment"] == "International"]
    growth = years.groupby("fiscal_year")["online_store_growth"].first().dropna() * 100
    unaudited = sorted(int(y) for y in years.loc[~years["audited"].astype(bool), "fiscal_year"].unique())
    ttm = rows[rows["is_ttm"].astype(bool)].set_index("segment")
    ttm_words = ""
    if not ttm.empty:
        label = ttm["period"].iloc[0]
        ttm_words = (f" Hollow diamonds on a grey band: the twelve months to the latest quarter ({label}), "
                     f"North America {ttm.at['North America', 'operating_margin']:.1%}, International "
                     f"{ttm.at['International', 'operating_margin']:.1%}, AWS {ttm.at['AWS', 'operating_margin']:.1%}, "
                     f"online-store growth {ttm['online_store_growth'].iloc[0]:.1%} on the twelve months before.")
    return ChartText(
        f"Thin store margins: FY{last} North America {at_last['North America']:.1f}%, "
        f"International {at_last['International']:.1f}%, AWS {at_last['AWS']:.1f}%",
        "Operating margin by segment (top); online-store net sales growth (bottom); hollow marks on grey: "
        "the trailing twelve months (TTM), which overlap the last fiscal year"
        + (f"; faded: {_fy_list(unaudited)}, unaudited" if unaudited else ""),
        source,
        f"Line chart of operating margins, FY{int(years['fiscal_year'].min())} to FY{int(years['fiscal_year'].max())}: "
        f"North America averaged {average['North America']:.1f}% and International {average['International']:.1f}% "
        f"over the audited years, International below zero in {int((intl['operating_margin'] < 0).sum())} of "
        f"{len(intl)}, while AWS reached {at_last['AWS']:.1f}% in FY{last}.{ttm_words} A bar chart below shows "
        f"online-store net sales growth, from {growth.max():.0f}% at most to {growth.min():.0f}% at least. "
        "A checkbox hides AWS so that the axis zooms on the stores.",
    )


def margins_chart(rows: pd.DataFrame, source: str) -> alt.VConcatChart:
    """Segment operating margins per year and TTM (top) and online-store net sales growth (bottom).

    ``rows`` is :func:`~.model.margin_rows`. A checkbox (:data:`~.model.SHOW_AWS`) shows or hides AWS,
    whose margins are an order of magnitude above the stores'; the axis rescales. The TTM column is
    drawn apart (:func:`ttm_band`); unaudited years are faded.
    """
    data = rows.assign(margin_pct=rows["operating_margin"] * 100, growth_pct=rows["online_store_growth"] * 100)
    x = period_x(periods_of(rows))
    base = MARGINS_VIEW.calculate(alt.Chart(data)).transform_filter("datum.margin_line_shown")
    color = alt.Color("segment:N", title="Segment", scale=color_scale(SEGMENT_COLORS), legend=alt.Legend(orient="top"))
    tooltip = [alt.Tooltip("year_label:N", title="Period"), alt.Tooltip("segment:N", title="Segment"),
               alt.Tooltip("margin_pct:Q", format=".1f", title="Operating margin (%)"),
               alt.Tooltip("operating_income_musd:Q", format=",.0f", title="Operating income (USD m)"),
               alt.Tooltip("net_sales_musd:Q", format=",.0f", title="Net sales (USD m)")]
    y = alt.Y("margin_pct:Q", title="Operating margin (% of segment net sales)")
    years, ttm = base.transform_filter("!datum.is_ttm"), base.transform_filter("datum.is_ttm")
    top = alt.layer(
        ttm_band(rows, x), zero_rule(),
        years.mark_line(strokeWidth=2.2).encode(x=x, y=y, color=color),
        years.mark_point(size=45, filled=True).encode(x=x, y=y, color=color, tooltip=tooltip,
                                                      opacity=faded_unless("datum.audited", faded=0.35)),
        ttm.mark_point(size=70, shape="diamond", filled=False, strokeWidth=2).encode(x=x, y=y, color=color,
                                                                                     tooltip=tooltip),
    ).properties(width=WIDTH, height=240)
    online = alt.Chart(data[(data["segment"] == "North America") & data["online_store_growth"].notna()])
    growth_y = alt.Y("growth_pct:Q", title="Online stores, growth (%)")
    value = alt.Text("growth_pct:Q", format=".0f")
    bottom = alt.layer(
        ttm_band(rows, x),
        online.mark_bar(color=SEGMENT_COLORS["North America"], stroke=SEGMENT_COLORS["North America"]).encode(
            x=x, y=growth_y, opacity=alt.condition("datum.is_ttm || !datum.audited", alt.value(0.35), alt.value(0.9)),
            strokeDash=alt.condition("datum.is_ttm", alt.value([3, 2]), alt.value([1, 0])),
            tooltip=[alt.Tooltip("year_label:N", title="Period"),
                     alt.Tooltip("growth_pct:Q", format=".1f", title="Online-store net sales growth (%)")]),
        online.mark_text(dy=-7).encode(x=x, y="growth_pct:Q", text=value).transform_filter(
            "datum.growth_pct >= 0"),
        online.mark_text(dy=8).encode(x=x, y="growth_pct:Q", text=value).transform_filter(
            "datum.growth_pct < 0"),
    ).properties(width=WIDTH, height=130)
    chart = alt.vconcat(top, bottom, spacing=18).add_params(*MARGINS_VIEW.params())
    return properties(chart, margins_text(rows, source))


# ---------------------------------------------------------------------------
# The cash conversion cycle
# ---------------------------------------------------------------------------

CCC_MEASURES = {"dio": "Days inventory outstanding (DIO)", "dso": "Days sales outstanding (DSO)",
                "dpo": "Days payables outstanding (DPO)", "ccc": "Cash conversion cycle (CCC)"}
CCC_COLORS = dict(zip(CCC_MEASURES.values(), ["#1f77b4", GAIN, LOSS, "#000000"]))
CASH_PARTS = {"inventory_cash": "Inventory", "receivables_cash": "Receivables", "payables_cash": "Payables",
              "total_cash": "Total"}
#: The cash panel's axis, USD bn (bars beyond it are clamped at its edge).
CASH_AXIS_BN = (-40, 40)


def ccc_text(table: pd.DataFrame, source: str, default_year: int) -> ChartText:
    """The cycle chart's words: the years the cycle was negative on each basis, the most negative, the default's cash."""
    basis = CYCLE_BASIS.default
    shown = table[table["basis"] == basis].set_index("fiscal_year", drop=False)
    other = table[table["basis"] != basis].set_index("fiscal_year", drop=False)
    years = [int(y) for y in shown.index]
    latest = latest_audited_year(years, set(shown.index[shown["status"] != "audited"]))
    c = shown.loc[latest]
    cash = working_capital_cash(c.to_dict())
    dpo = WORKING_CAPITAL.inputs["dpo_change"].default
    negative = int((table["ccc"] < 0).sum())
    span = f"FY{years[0]}–FY{years[-1]}"
    deepest, other_deepest = int(shown["ccc"].idxmin()), int(other["ccc"].idxmin())
    return ChartText(
        f"Cycle negative in every year, {span}, on average and on year-end balances: suppliers fund the inventory"
        if negative == len(table) else f"Cycle negative in {negative} of {len(table)} year-and-basis cases, {span}",
        "DIO + DSO − DPO from average balances (a radio button switches to year-end ones), left; the cash a change "
        "in the days moves in the chosen year, at that year's scale, right",
        source,
        f"Line chart of days inventory, sales and payables outstanding and the cash conversion cycle, FY{years[0]} "
        f"to FY{years[-1]}, on average balances. In FY{latest} inventory lasted {c['dio']:.0f} days and receivables "
        f"{c['dso']:.0f} days of sales, and suppliers were paid after {c['dpo']:.0f} days, a cycle of {c['ccc']:.0f} "
        f"days; the most negative year is FY{deepest} on average balances and FY{other_deepest} on year-end ones. "
        "A bar panel shows the cash released or absorbed in the chosen year when sliders change the days: paying "
        f"suppliers {abs(dpo):.0f} days {'sooner' if dpo < 0 else 'later'} in FY{default_year} "
        f"{'absorbs' if cash.total < 0 else 'releases'} {abs(cash.total) / 1000:,.1f} billion US dollars. "
        "Controls: the balances, the year and three day sliders.",
    )


def cycle_days_panel(table: pd.DataFrame, chosen_basis: str, chosen_year: str) -> alt.LayerChart:
    """The left panel: DIO, DSO, DPO and the cycle per year on the chosen balances, the chosen year marked."""
    rows = table.assign(year_short=["'" + str(y)[2:] for y in table["fiscal_year"]])
    long = rows.melt(id_vars=["fiscal_year", "year_short", "year_label", "basis"], value_vars=list(CCC_MEASURES),
                     var_name="measure", value_name="days").assign(measure=lambda f: f["measure"].map(CCC_MEASURES))
    x = alt.X("year_short:O", title="Fiscal year", axis=alt.Axis(labelAngle=0))
    lines = alt.Chart(long).transform_filter(f"datum.basis == {chosen_basis}").mark_line(point=True).encode(
        x=x, y=alt.Y("days:Q", title="Days", scale=alt.Scale(domain=[-60, 130])),
        color=alt.Color("measure:N", title=None, scale=color_scale(CCC_COLORS),
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=250)),
        strokeWidth=alt.condition(f"datum.measure == '{CCC_MEASURES['ccc']}'", alt.value(3), alt.value(1.5)),
        tooltip=[alt.Tooltip("year_label:N", title="Year"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("days:Q", format=".1f", title="Days")])
    rule = alt.Chart(rows[rows["basis"] == CYCLE_BASIS.default]).mark_rule(color=REFERENCE, strokeDash=[4, 3]).encode(
        x=x).transform_filter(f"datum.fiscal_year == {chosen_year}")
    return alt.layer(zero_rule(), rule, lines).properties(width=290, height=260)


def cash_panel(table: pd.DataFrame, chosen_basis: str, chosen_year: str, width: int = 150) -> alt.LayerChart:
    """The right panel: :data:`~.model.WORKING_CAPITAL` in the chosen year and basis, one bar per balance, and its readout."""
    chosen = WORKING_CAPITAL.calculate(alt.Chart(table).transform_filter(
        f"datum.fiscal_year == {chosen_year} && datum.basis == {chosen_basis}"))
    labels = pd.DataFrame({"part": list(CASH_PARTS), "part_label": list(CASH_PARTS.values())})
    parts = CASH_PART.calculate(
        chosen.transform_fold(list(CASH_PARTS), as_=["part", "cash_musd"])
        .transform_lookup(lookup="part", from_=alt.LookupData(labels, "part", ["part_label"]))
    ).transform_calculate(cash_bn="datum.cash_musd / 1000")  # display: USD bn
    y = alt.Y("part_label:N", sort=list(CASH_PARTS.values()), title=None)
    scale = alt.Scale(domain=list(CASH_AXIS_BN), clamp=True)
    bars = parts.mark_bar(height=22).encode(
        y=y, x=alt.X("cash_bn:Q", title=["Cash released (+) or", "absorbed (−), USD bn"], scale=scale),
        color=alt.condition("datum.cash_bn >= 0", alt.value(GAIN), alt.value(LOSS)),
        tooltip=[alt.Tooltip("part_label:N", title="Balance"), alt.Tooltip("cash_bn:Q", format="$,.2f", title="USD bn"),
                 alt.Tooltip("cash_direction:N", title="Cash")])
    values = parts.mark_text(align="left", fontWeight="bold").encode(
        y=y, x=alt.value(width + 6), text=alt.Text("cash_bn:Q", format="+,.1f"))
    axis = zero_rule(axis="x").encode(x=alt.X("at:Q", scale=alt.Scale(domain=list(CASH_AXIS_BN))))
    # The readout's three lines stand above the panel, from over the balances' names (x = −70).
    lines = [readout(chosen, "cash_readout", 2, bold=True, corner="above"),
             readout(chosen, "cycle_readout", 1, corner="above", size=11),
             readout(chosen, "day_readout", 0, corner="above", color=INK, size=11)]
    return alt.layer(axis, bars, values, *(line.encode(x=alt.value(-70)) for line in lines)).properties(
        width=width, height=150)


def ccc_chart(table: pd.DataFrame, source: str, default_year: int | None = None) -> alt.HConcatChart:
    """The cycle's days per year (left) and the cash a change in the days releases or absorbs (right).

    ``table`` is :func:`~.model.cycle_table` (both bases). Controls: the balances (a radio button,
    :data:`~.model.CYCLE_BASIS`), the year (a dropdown, opening on ``default_year``, by default the
    latest audited year) and the change in DIO, DSO and DPO (:data:`~.model.WORKING_CAPITAL`'s
    inputs), computed in the browser by the model's formulas.
    """
    years = sorted(int(y) for y in table["fiscal_year"].unique())
    unaudited = set(table.loc[table["status"] != "audited", "fiscal_year"])
    default_year = latest_audited_year(years, unaudited) if default_year is None else default_year
    year = cycle_year_choice(years, default_year)
    chosen_year, chosen_basis = year.param_name(WORKING_CAPITAL.prefix), CYCLE_BASIS.param_name(WORKING_CAPITAL.prefix)
    chart = alt.hconcat(cycle_days_panel(table, chosen_basis, chosen_year),
                        cash_panel(table, chosen_basis, chosen_year), spacing=30).add_params(
        CYCLE_BASIS.param(WORKING_CAPITAL.prefix), year.param(WORKING_CAPITAL.prefix), *WORKING_CAPITAL.params())
    return properties(chart, ccc_text(table, source, default_year),
                      padding={"left": 5, "top": 5, "bottom": 5, "right": 45})  # room for the values right of the bars


def cash_result_text(cash: WorkingCapitalCash, source: str) -> ChartText:
    verb = "released" if cash.total >= 0 else "absorbed"
    return ChartText(
        f"FY{cash.fiscal_year}: USD {abs(cash.total) / 1000:,.1f} billion of cash {verb}",
        "Cash released (+) or absorbed (−) by each balance", source,
        f"Bar chart of the cash released or absorbed in FY{cash.fiscal_year} by changes in inventory, receivables and "
        f"payables days: in total {cash.total / 1000:,.1f} billion US dollars.")


def cash_result_chart(cash: WorkingCapitalCash, source: str) -> alt.Chart:
    """Bars of the cash each balance releases or absorbs (no controls: the workbench's sliders drive it)."""
    frame = pd.DataFrame({"part": list(CASH_PARTS.values()),
                          "cash_bn": [cash.inventory / 1000, cash.receivables / 1000, cash.payables / 1000,
                                      cash.total / 1000]})
    chart = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("part:N", sort=list(CASH_PARTS.values()), title=None), x=alt.X("cash_bn:Q", title="USD billions"),
        color=alt.condition("datum.cash_bn >= 0", alt.value(GAIN), alt.value(LOSS)))
    return properties(chart, cash_result_text(cash, source), width=WIDTH - 160, height=140)


# ---------------------------------------------------------------------------
# Working capital in dollars
# ---------------------------------------------------------------------------

BALANCE_COLORS = dict(zip(OPERATING_BALANCES, ["#1f77b4", "#9467bd", "#ff7f0e", "#8c564b"]))


def working_capital_text(changes: pd.DataFrame, free_cash_flow: pd.Series, source: str) -> ChartText:
    """The working-capital chart's words: what the balances absorbed in the years free cash flow was negative."""
    fcf = free_cash_flow.loc[changes.index]
    negative = [int(y) for y in fcf.index[fcf < 0]]
    span = f"FY{negative[0]}–FY{negative[-1]}" if len(negative) > 1 else f"FY{negative[0]}" if negative else ""
    trade, total = changes.loc[negative, "trade"].sum(), changes.loc[negative, "total"].sum()
    peak = int(changes["trade"].idxmax())
    takeaway = (f"{span}: inventories, receivables and payables absorbed USD {-trade / 1000:,.1f} bn; free cash "
                f"flow was USD −{-fcf.loc[negative].sum() / 1000:,.1f} bn" if negative
                else f"Free cash flow positive in every year, FY{int(changes.index[0])}–FY{int(changes.index[-1])}")
    return ChartText(
        takeaway,
        "Bars: cash released (+) or absorbed (−) by the year's change in each year-end balance; line: free cash flow",
        source,
        f"Stacked bar chart by fiscal year, FY{int(changes.index[0])} to FY{int(changes.index[-1])}, of the cash the "
        "change in inventories, receivables, payables and unearned revenue released or absorbed, with free cash flow "
        f"as a line. The three balances of the cash conversion cycle released the most in FY{peak}, "
        f"{changes.at[peak, 'trade'] / 1000:,.1f} billion US dollars"
        + (f"; in {span}, when free cash flow was negative, they absorbed {-trade / 1000:,.1f} billion, and the four "
           f"balances together {-total / 1000:,.1f} billion." if negative else "."),
    )


def working_capital_chart(changes: pd.DataFrame, free_cash_flow: pd.Series, source: str) -> alt.LayerChart:
    """Cash released or absorbed by each operating balance per year (stacked bars) beside free cash flow (line).

    ``changes`` is :func:`~.working_capital.working_capital_changes`, ``free_cash_flow`` the annual
    free cash flow (USD millions) by fiscal year. No control: every number is a filed balance's change.
    """
    rows = working_capital_rows(changes, free_cash_flow)
    x = alt.X("fiscal_year:O", title="Fiscal year", axis=alt.Axis(labelAngle=0))
    y = alt.Y("usd_bn:Q", title="USD billions")
    tooltip = [alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("item:N", title="Item"),
               alt.Tooltip("usd_bn:Q", format="$,.1f", title="USD bn")]
    colors = {**BALANCE_COLORS, "Free cash flow": "#000000"}
    color = alt.Color("item:N", title=None, scale=color_scale(colors), legend=alt.Legend(orient="top", labelLimit=200))
    base = alt.Chart(rows)
    chart = alt.layer(
        zero_rule(),
        base.transform_filter("datum.item != 'Free cash flow'").mark_bar(opacity=0.85).encode(
            x=x, y=y, color=color, order=alt.Order("stack:Q"), tooltip=tooltip),
        base.transform_filter("datum.item == 'Free cash flow'").mark_line(strokeWidth=2.5, point=True).encode(
            x=x, y=y, color=color, tooltip=tooltip),
    )
    return properties(chart, working_capital_text(changes, free_cash_flow, source), width=WIDTH, height=300)


# ---------------------------------------------------------------------------
# Where the cash went
# ---------------------------------------------------------------------------

FLOW_COLORS = dict(zip(FLOWS, [GAIN, LOSS, "#000000"]))


def cash_flow_text(flows: pd.DataFrame, source: str, ttm: pd.Series | None = None, ttm_label: str = "",
                   unaudited_years: Iterable[int] = UNAUDITED_YEARS) -> ChartText:
    """The cash-flow chart's words: the share of operating cash flow reinvested (net), the negative years, the TTM."""
    audited = flows.loc[[y for y in flows.index if y not in set(unaudited_years)]]
    first, last = int(audited.index.min()), int(audited.index.max())
    negative = [int(y) for y in audited.index[audited["free_cash_flow"] < 0]]
    reinvested = audited["capex_net"].sum() / audited["operating_cash_flow"].sum()
    ttm_words = "" if ttm is None else (
        f" The grey band shows the twelve months to the latest quarter ({ttm_label}): operating cash flow "
        f"{ttm['operating_cash_flow'] / 1000:,.1f}, net purchases {ttm['capex_net'] / 1000:,.1f} and free cash flow "
        f"{ttm['free_cash_flow'] / 1000:,.1f} billion.")
    return ChartText(
        f"{reinvested:.0%} of FY{first}–FY{last} operating cash flow went into property and equipment (net)",
        "Bars: operating cash flow (up), purchases of property and equipment net of proceeds from sales and incentives "
        "(down); line: free cash flow. On grey, pale and hollow: the trailing twelve months (TTM), which overlap the "
        "last fiscal year",
        source,
        f"Bar and line chart by fiscal year, FY{int(flows.index.min())} to FY{int(flows.index.max())}. Operating cash "
        f"flow rose from {flows['operating_cash_flow'].iloc[0] / 1000:,.1f} to "
        f"{audited['operating_cash_flow'].iloc[-1] / 1000:,.1f} billion US dollars by FY{last}, and net purchases of "
        f"property and equipment from {flows['capex_net'].iloc[0] / 1000:,.1f} to "
        f"{audited['capex_net'].iloc[-1] / 1000:,.1f} billion; free cash flow was negative in "
        f"FY{' and FY'.join(map(str, negative)) or ' no year'}.{ttm_words} "
        "A radio button switches between US dollars and percent of net sales.",
    )


def cash_flow_chart(flows: pd.DataFrame, source: str, ttm: pd.Series | None = None, ttm_label: str = "",
                    unaudited_years: Iterable[int] = UNAUDITED_YEARS) -> alt.LayerChart:
    """Operating cash flow (up), net purchases of property and equipment (down) and free cash flow (line), per year.

    ``flows`` is :func:`~.model.cash_flow_history`; ``ttm`` (:func:`~.quarters.ttm_cash_flows`) adds the
    twelve months to the latest quarter, named ``ttm_label`` and drawn apart. A radio button
    (:data:`~.model.CASH_MEASURE`) switches between USD billions and percent of the period's net sales.
    """
    rows = cash_flow_rows(flows, unaudited_years, ttm, ttm_label)
    base = CASH_FLOW_VIEW.calculate(alt.Chart(rows), outputs=["cash_flow_shown"])
    x = period_x(periods_of(rows))
    y = alt.Y("cash_flow_shown:Q", title=None)
    color = alt.Color("flow:N", title=None, scale=color_scale(FLOW_COLORS), legend=alt.Legend(orient="top", labelLimit=300))
    tooltip = [alt.Tooltip("year_label:N", title="Period"), alt.Tooltip("flow:N", title="Flow"),
               alt.Tooltip("usd_bn:Q", format="$,.1f", title="USD bn"),
               alt.Tooltip("pct_of_net_sales:Q", format=".1f", title="% of net sales")]
    free = f"datum.flow == '{list(FLOWS)[-1]}'"
    chart = alt.layer(
        ttm_band(rows, x), zero_rule(),
        base.transform_filter(f"!({free})").mark_bar().encode(
            x=x, y=y, color=color, tooltip=tooltip, stroke=color,
            fillOpacity=alt.condition("datum.is_ttm || !datum.audited", alt.value(0.3), alt.value(0.75)),
            strokeDash=alt.condition("datum.is_ttm", alt.value([3, 2]), alt.value([1, 0])),
            strokeWidth=alt.condition("datum.is_ttm", alt.value(1.5), alt.value(0))),
        base.transform_filter(f"({free}) && !datum.is_ttm").mark_line(strokeWidth=2.5, point=True).encode(
            x=x, y=y, color=color, tooltip=tooltip),
        base.transform_filter(f"({free}) && datum.is_ttm").mark_point(size=80, shape="diamond", filled=False,
                                                                       strokeWidth=2).encode(
            x=x, y=y, color=color, tooltip=tooltip),
        readout(CASH_FLOW_VIEW.calculate(one_row(), outputs=["cash_flow_unit"]), "cash_flow_unit", corner="above",
                color=INK, size=11),
    ).add_params(*CASH_FLOW_VIEW.params())
    return properties(chart, cash_flow_text(flows, source, ttm, ttm_label, unaudited_years), autosize=RESIZE,
                      width=WIDTH, height=300)


# ---------------------------------------------------------------------------
# Prime
# ---------------------------------------------------------------------------


def prime_revenue_text(wide: pd.DataFrame, per_member: pd.DataFrame, source: str,
                       unaudited_years: Iterable[int] = UNAUDITED_YEARS) -> ChartText:
    """The subscription chart's words: the growth to the last audited year, the date of the last member count."""
    subs = wide["net_sales_subscription_services"].astype(float)
    first, last = int(subs.index.min()), latest_audited_year(subs.index, unaudited_years)
    last_count = pd.Timestamp(per_member["statement_date"].max())
    return ChartText(
        f"Subscriptions grew {subs[last] / subs[first]:.0f}-fold by FY{last}; no member count since {last_count:%B %Y}",
        "Bars: subscription services net sales, USD bn; triangles: Amazon's 'more than' Prime member counts",
        source,
        f"Bar chart of subscription services net sales, from {subs[first] / 1000:,.1f} billion US dollars in FY{first} "
        f"to {subs[last] / 1000:,.1f} billion in FY{last}. Triangles mark the years in which Amazon stated its paid "
        "Prime members: "
        + "; ".join(f"more than {r.members_millions:.0f} million in {pd.Timestamp(r.statement_date):%B %Y}, "
                    f"at most {r.revenue_per_member_at_most_usd:,.0f} US dollars of subscription revenue per member"
                    for r in per_member.itertuples()) + ".",
    )


def prime_revenue_chart(wide: pd.DataFrame, per_member: pd.DataFrame, source: str,
                        unaudited_years: Iterable[int] = UNAUDITED_YEARS) -> alt.LayerChart:
    """Subscription-services net sales per year (bars), with the member counts Amazon stated, dated, as labels.

    ``per_member`` is :func:`~.model.prime_revenue_per_member`. No control: every number is a filed or stated figure.
    """
    unaudited = set(unaudited_years)
    subs = wide["net_sales_subscription_services"].astype(float)
    table = pd.DataFrame({"fiscal_year": subs.index.astype(int), "subscription_bn": subs.values / 1000})
    table["audited"] = ~table["fiscal_year"].isin(unaudited)
    table["year_label"] = [f"{y} (unaudited)" if y in unaudited else str(y) for y in table["fiscal_year"]]
    x = alt.X("fiscal_year:O", title="Fiscal year", axis=alt.Axis(labelAngle=0))
    y = alt.Y("subscription_bn:Q", title="Subscription services net sales (USD bn)")
    counts = per_member.assign(
        statement_date=per_member["statement_date"].astype(str), subscription_bn=per_member["subscription_musd"] / 1000,
        label=[f"{r.qualifier} {r.members_millions:.0f}m members ({pd.Timestamp(r.statement_date):%b %Y})"
               for r in per_member.itertuples()],
        bound=[f"≤ USD {v:,.0f} per member" for v in per_member["revenue_per_member_at_most_usd"]])
    marks = alt.Chart(counts)
    chart = alt.layer(
        alt.Chart(table).mark_bar(color=SUBSCRIPTION_COLOR).encode(
            x=x, y=y, opacity=faded_unless("datum.audited", full=0.9, faded=0.4),
            tooltip=[alt.Tooltip("year_label:N", title="Fiscal year"),
                     alt.Tooltip("subscription_bn:Q", format="$,.1f", title="USD bn")]),
        alt.Chart(table).mark_text(dy=-6).encode(
            x=x, y="subscription_bn:Q", text=alt.Text("subscription_bn:Q", format=".0f")),
        marks.mark_point(shape="triangle-down", size=90, filled=True, color="#333").encode(
            x=x, y="subscription_bn:Q",
            tooltip=[alt.Tooltip("label:N", title="Amazon stated"), alt.Tooltip("bound:N", title="Revenue per member")]),
        marks.mark_text(align="right", dx=-10, dy=-30, fontSize=11).encode(x=x, y="subscription_bn:Q", text="label:N"),
        marks.mark_text(align="right", dx=-10, dy=-17, fontSize=11, color=REFERENCE).encode(
            x=x, y="subscription_bn:Q", text="bound:N"),
    )
    return properties(chart, prime_revenue_text(wide, per_member, source, unaudited), width=WIDTH, height=300)


def prime_member_text(source: str) -> ChartText:
    """The member chart's words, from :data:`~.model.PRIME_MEMBER` at its defaults."""
    d = PRIME_MEMBER.inputs.defaults()
    member = prime_member_economics()
    high = PRIME_MEMBER.inputs["extra_spend"].high
    return ChartText(
        f"At our defaults a member pays off from USD {member.break_even_extra_spend:,.0f} of extra spend a year",
        "One member, one year: fee + extra spend × margin − orders × delivery cost. The fee is Amazon's US price; "
        "every other slider is an assumption.",
        source,
        "Line chart of one Prime member's yearly contribution to Amazon against the extra spend Prime brings, "
        f"0 to {high:,.0f} US dollars. At our defaults (fee {d['fee']:.0f}, {d['orders_per_year']:.0f} orders at "
        f"{d['delivery_cost_per_order']:.0f} dollars of delivery each, {d['extra_spend_margin']:.0%} margin) the line "
        f"crosses zero at {member.break_even_extra_spend:,.0f} dollars of extra spend, marked by a red line; five "
        "sliders change the fee and the assumptions.",
    )


def prime_member_chart(source: str) -> alt.LayerChart:
    """One member's yearly contribution as a function of the extra spend Prime brings, with the break-even.

    Five sliders set :data:`~.model.PRIME_MEMBER`'s inputs; the line, the break-even and the
    readout are its formulas, computed in the browser over every extra spend on the slider's steps.
    """
    spend = PRIME_MEMBER.inputs["extra_spend"]
    low, high = spend.low, spend.high
    grid = pd.DataFrame({"extra_spend": range(int(low), int(high) + 1, int(spend.step))})
    base = PRIME_MEMBER.calculate(alt.Chart(grid), rows=["extra_spend"])
    x = alt.X("extra_spend:Q", title="Extra spend a year because of Prime (USD)", scale=alt.Scale(domain=[low, high]))
    y = alt.Y("contribution:Q", title="Member's yearly contribution to Amazon (USD)")
    at = base.transform_filter(f"datum.extra_spend == {PRIME_MEMBER.shown('extra_spend')}")
    even = PRIME_MEMBER.calculate(one_row(), outputs=["break_even_extra_spend"]).transform_filter(
        f"datum.break_even_extra_spend <= {high}")
    chart = alt.layer(
        zero_rule(),
        base.mark_line(strokeWidth=2.5, color=SUBSCRIPTION_COLOR).encode(
            x=x, y=y, tooltip=[alt.Tooltip("extra_spend:Q", format="$,.0f", title="Extra spend"),
                               alt.Tooltip("contribution:Q", format="$,.0f", title="Contribution")]),
        even.mark_rule(color=LOSS, strokeDash=[5, 3]).encode(
            x=alt.X("break_even_extra_spend:Q", scale=alt.Scale(domain=[low, high]))),
        at.mark_point(size=90, filled=True, color=SUBSCRIPTION_COLOR).encode(x=x, y=y),
        readout(at, "member_readout", 0, bold=True),
        readout(at, "break_even_readout", 1, color=LOSS),
        readout(at, "assumptions_readout", 2, color=INK, size=11),
    ).add_params(*PRIME_MEMBER.params())
    return properties(chart, prime_member_text(source), autosize=RESIZE, width=WIDTH - 40, height=300)


PRIME_ACCOUNT = ("Fee", "Margin on extra spend", "Free delivery", "Contribution")


def prime_result_text(member: PrimeMember, source: str) -> ChartText:
    return ChartText(
        f"Contribution: USD {member.contribution:,.0f} a year", "One Prime member, one year", source,
        f"Bar chart of one Prime member's yearly account: fee {member.fee:,.0f}, margin on extra spend "
        f"{member.extra_profit:,.0f}, free delivery {-member.delivery_cost:,.0f}, contribution "
        f"{member.contribution:,.0f} US dollars.")


def prime_result_chart(member: PrimeMember, source: str) -> alt.Chart:
    """The member's yearly account as bars (no controls: the workbench's sliders drive it)."""
    frame = pd.DataFrame({"item": PRIME_ACCOUNT,
                          "usd": [member.fee, member.extra_profit, -member.delivery_cost, member.contribution]})
    chart = alt.Chart(frame).mark_bar().encode(
        y=alt.Y("item:N", sort=list(PRIME_ACCOUNT), title=None), x=alt.X("usd:Q", title="USD a year"),
        color=alt.condition("datum.usd >= 0", alt.value(GAIN), alt.value(LOSS)))
    return properties(chart, prime_result_text(member, source), width=WIDTH - 160, height=140)
