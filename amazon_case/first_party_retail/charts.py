"""First-party retail, the charts: each builder beside a plain ``*_text`` function that writes its words.

The controls are the models' declared inputs (:mod:`.model`) and everything a chart computes
from them is one of the models' formulas, compiled to Vega by the kit: no expression here
mirrors a Python formula by hand.
"""

from __future__ import annotations

from collections.abc import Iterable

import altair as alt
import pandas as pd

from ..filings import CATEGORY_COLORS, SEGMENT_COLORS, UNAUDITED_YEARS
from ..kit.style import (GAIN, INK, LOSS, REFERENCE, RESIZE, WIDTH, ChartText, color_scale, faded_unless,
                         fiscal_year_x, one_row, properties, readout, zero_rule)
from .model import (CASH_FLOW_VIEW, CASH_PART, MARGINS_VIEW, PRIME_MEMBER, WORKING_CAPITAL, FLOWS, PrimeMember,
                    WorkingCapitalCash, cash_flow_rows, cycle_rows, cycle_year_choice, latest_audited_year,
                    prime_member_economics, working_capital_cash)

SUBSCRIPTION_COLOR = CATEGORY_COLORS["Subscription services"]


def _fy_list(years: Iterable[int]) -> str:
    return "FY" + ", FY".join(map(str, sorted(years)))


# ---------------------------------------------------------------------------
# Thin margins
# ---------------------------------------------------------------------------


def margins_text(margins: pd.DataFrame, source: str, unaudited_years: Iterable[int] = UNAUDITED_YEARS) -> ChartText:
    """The margins chart's words: the last audited year's margins, the stores' averages, the growth range."""
    unaudited = set(unaudited_years)
    audited = margins[~margins["fiscal_year"].isin(unaudited)]
    last = int(audited["fiscal_year"].max())
    at_last = audited[audited["fiscal_year"] == last].set_index("segment")["operating_margin"] * 100
    average = audited.groupby("segment")["operating_margin"].mean() * 100
    intl = audited[audited["segment"] == "International"]
    growth = margins.groupby("fiscal_year")["online_store_growth"].first().dropna() * 100
    faded = f"; faded: {_fy_list(unaudited & set(margins['fiscal_year']))}, unaudited" if unaudited else ""
    return ChartText(
        f"Thin store margins: FY{last} North America {at_last['North America']:.1f}%, "
        f"International {at_last['International']:.1f}%, AWS {at_last['AWS']:.1f}%",
        "Operating margin by segment (top); online-store net sales growth (bottom)" + faded,
        source,
        f"Line chart of operating margins, FY{int(margins['fiscal_year'].min())} to FY{int(margins['fiscal_year'].max())}: "
        f"North America averaged {average['North America']:.1f}% and International {average['International']:.1f}% "
        f"over the audited years, International below zero in {int((intl['operating_margin'] < 0).sum())} of "
        f"{len(intl)}, while AWS reached {at_last['AWS']:.1f}% in FY{last}. A bar chart below shows online-store "
        f"net sales growth, from {growth.max():.0f}% at most to {growth.min():.0f}% at least. "
        "A checkbox hides AWS so that the axis zooms on the stores.",
    )


def margins_chart(margins: pd.DataFrame, source: str, unaudited_years: Iterable[int] = UNAUDITED_YEARS) -> alt.VConcatChart:
    """Segment operating margins per year (top) and online-store net sales growth (bottom).

    ``margins`` is :func:`~.model.retail_margins`. A checkbox (:data:`~.model.SHOW_AWS`) shows or
    hides AWS, whose margins are an order of magnitude above the stores'; the axis rescales.
    Unaudited years are faded.
    """
    unaudited = set(unaudited_years)
    data = margins.assign(
        margin_pct=margins["operating_margin"] * 100, growth_pct=margins["online_store_growth"] * 100,
        audited=~margins["fiscal_year"].isin(unaudited),
        year_label=[f"{y} (unaudited)" if y in unaudited else str(y) for y in margins["fiscal_year"]])
    x = fiscal_year_x(sorted(int(y) for y in data["fiscal_year"].unique()))
    base = MARGINS_VIEW.calculate(alt.Chart(data)).transform_filter("datum.margin_line_shown")
    color = alt.Color("segment:N", title="Segment", scale=color_scale(SEGMENT_COLORS), legend=alt.Legend(orient="top"))
    tooltip = [alt.Tooltip("year_label:N", title="Fiscal year"), alt.Tooltip("segment:N", title="Segment"),
               alt.Tooltip("margin_pct:Q", format=".1f", title="Operating margin (%)"),
               alt.Tooltip("operating_income_musd:Q", format=",.0f", title="Operating income (USD m)"),
               alt.Tooltip("net_sales_musd:Q", format=",.0f", title="Net sales (USD m)")]
    y = alt.Y("margin_pct:Q", title="Operating margin (% of segment net sales)")
    top = alt.layer(
        zero_rule(),
        base.mark_line(strokeWidth=2.2).encode(x=x, y=y, color=color),
        base.mark_point(size=45, filled=True).encode(x=x, y=y, color=color, tooltip=tooltip,
                                                     opacity=faded_unless("datum.audited", faded=0.35)),
    ).properties(width=WIDTH, height=240)
    online = alt.Chart(data[(data["segment"] == "North America") & data["online_store_growth"].notna()])
    growth_y = alt.Y("growth_pct:Q", title="Online stores, growth (%)")
    value = alt.Text("growth_pct:Q", format=".0f")
    bottom = alt.layer(
        online.mark_bar(color=SEGMENT_COLORS["North America"]).encode(
            x=x, y=growth_y, opacity=faded_unless("datum.audited", full=0.9, faded=0.4),
            tooltip=[alt.Tooltip("year_label:N", title="Fiscal year"),
                     alt.Tooltip("growth_pct:Q", format=".1f", title="Online-store net sales growth (%)")]),
        online.mark_text(dy=-7, fontSize=10).encode(x=x, y="growth_pct:Q", text=value).transform_filter(
            "datum.growth_pct >= 0"),
        online.mark_text(dy=8, fontSize=10).encode(x=x, y="growth_pct:Q", text=value).transform_filter(
            "datum.growth_pct < 0"),
    ).properties(width=WIDTH, height=130)
    chart = alt.vconcat(top, bottom, spacing=18).add_params(*MARGINS_VIEW.params())
    return properties(chart, margins_text(margins, source, unaudited))


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


def ccc_text(ccc: pd.DataFrame, source: str, default_year: int, unaudited_years: Iterable[int] = UNAUDITED_YEARS) -> ChartText:
    """The cycle chart's words: in how many years the cycle was negative, the latest audited year, the default's cash."""
    years = [int(y) for y in ccc.index]
    latest = latest_audited_year(years, unaudited_years)
    c = ccc.loc[latest]
    rows = cycle_rows(ccc, unaudited_years).set_index("fiscal_year", drop=False)
    cash = working_capital_cash(rows.loc[default_year])
    dpo = WORKING_CAPITAL.inputs["dpo_change"].default
    negative = int((ccc["ccc"] < 0).sum())
    span = f"FY{years[0]}–FY{years[-1]}"
    return ChartText(
        f"Cycle negative in every year, {span}: suppliers fund the inventory" if negative == len(years)
        else f"Cycle negative in {negative} of {len(years)} years, {span}",
        "DIO + DSO − DPO, year-end balances (left); cash moved if the days change, at that year's scale (right)",
        source,
        f"Line chart of days inventory, sales and payables outstanding and the cash conversion cycle, FY{years[0]} "
        f"to FY{years[-1]}. In FY{latest} inventory lasted {c['dio']:.0f} days, receivables {c['dso']:.0f} days and "
        f"suppliers were paid after {c['dpo']:.0f} days, a cycle of {c['ccc']:.0f} days. A bar panel shows the cash "
        "released or absorbed in the chosen year when sliders change the days: paying suppliers "
        f"{abs(dpo):.0f} days {'sooner' if dpo < 0 else 'later'} in FY{default_year} "
        f"{'absorbs' if cash.total < 0 else 'releases'} {abs(cash.total) / 1000:,.1f} billion US dollars. "
        "Controls: the year and three day sliders.",
    )


def cycle_days_panel(rows: pd.DataFrame, chosen_year: str) -> alt.LayerChart:
    """The left panel: DIO, DSO, DPO and the cycle per year, the chosen year (parameter ``chosen_year``) marked."""
    rows = rows.assign(year_short=["'" + str(y)[2:] for y in rows["fiscal_year"]])
    long = rows.melt(id_vars=["fiscal_year", "year_short", "year_label"], value_vars=list(CCC_MEASURES),
                     var_name="measure", value_name="days").assign(measure=lambda f: f["measure"].map(CCC_MEASURES))
    x = alt.X("year_short:O", title="Fiscal year", axis=alt.Axis(labelAngle=0))
    lines = alt.Chart(long).mark_line(point=True).encode(
        x=x, y=alt.Y("days:Q", title="Days"),
        color=alt.Color("measure:N", title=None, scale=color_scale(CCC_COLORS),
                        legend=alt.Legend(orient="bottom", columns=2, labelLimit=250)),
        strokeWidth=alt.condition(f"datum.measure == '{CCC_MEASURES['ccc']}'", alt.value(3), alt.value(1.5)),
        tooltip=[alt.Tooltip("year_label:N", title="Year"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("days:Q", format=".1f", title="Days")])
    rule = alt.Chart(rows).mark_rule(color=REFERENCE, strokeDash=[4, 3]).encode(x=x).transform_filter(
        f"datum.fiscal_year == {chosen_year}")
    return alt.layer(zero_rule(), rule, lines).properties(width=290, height=260)


def cash_panel(rows: pd.DataFrame, chosen_year: str, width: int = 150) -> alt.LayerChart:
    """The right panel: :data:`~.model.WORKING_CAPITAL` in the chosen year, one bar per balance, and its readout."""
    chosen = WORKING_CAPITAL.calculate(alt.Chart(rows).transform_filter(f"datum.fiscal_year == {chosen_year}"))
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
    values = parts.mark_text(align="left", fontSize=10, fontWeight="bold").encode(
        y=y, x=alt.value(width + 6), text=alt.Text("cash_bn:Q", format="+,.1f"))
    axis = zero_rule(axis="x").encode(x=alt.X("at:Q", scale=alt.Scale(domain=list(CASH_AXIS_BN))))
    # The readout's three lines stand above the panel, from over the balances' names (x = −70).
    lines = [readout(chosen, "cash_readout", 2, bold=True, corner="above"),
             readout(chosen, "cycle_readout", 1, corner="above", size=11),
             readout(chosen, "day_readout", 0, corner="above", color=INK, size=11)]
    return alt.layer(axis, bars, values, *(line.encode(x=alt.value(-70)) for line in lines)).properties(
        width=width, height=150)


def ccc_chart(ccc: pd.DataFrame, source: str, unaudited_years: Iterable[int] = UNAUDITED_YEARS,
              default_year: int | None = None) -> alt.HConcatChart:
    """The cycle's days per year (left) and the cash a change in the days releases or absorbs (right).

    ``ccc`` is :func:`~.model.cash_conversion_cycle`. Controls: the year (a dropdown, opening on
    ``default_year``, by default the latest audited year) and the change in DIO, DSO and DPO
    (:data:`~.model.WORKING_CAPITAL`'s inputs), computed in the browser by the model's formulas.
    """
    years = [int(y) for y in ccc.index]
    default_year = latest_audited_year(years, unaudited_years) if default_year is None else default_year
    year = cycle_year_choice(years, default_year)
    rows = cycle_rows(ccc, unaudited_years)
    chosen_year = year.param_name(WORKING_CAPITAL.prefix)
    chart = alt.hconcat(cycle_days_panel(rows, chosen_year), cash_panel(rows, chosen_year), spacing=30).add_params(
        year.param(WORKING_CAPITAL.prefix), *WORKING_CAPITAL.params())
    return properties(chart, ccc_text(ccc, source, default_year, unaudited_years),
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
# Where the cash went
# ---------------------------------------------------------------------------

FLOW_COLORS = dict(zip(FLOWS, [GAIN, LOSS, "#000000"]))


def cash_flow_text(flows: pd.DataFrame, source: str, unaudited_years: Iterable[int] = UNAUDITED_YEARS) -> ChartText:
    """The cash-flow chart's words: the share of operating cash flow reinvested, the negative free-cash-flow years."""
    audited = flows.loc[[y for y in flows.index if y not in set(unaudited_years)]]
    first, last = int(audited.index.min()), int(audited.index.max())
    negative = [int(y) for y in audited.index[audited["free_cash_flow"] < 0]]
    reinvested = audited["capex"].sum() / audited["operating_cash_flow"].sum()
    return ChartText(
        f"{reinvested:.0%} of FY{first}–FY{last} operating cash flow went into property and equipment",
        "Bars: operating cash flow (up), purchases of property and equipment (down); line: free cash flow",
        source,
        f"Bar and line chart by fiscal year, FY{int(flows.index.min())} to FY{int(flows.index.max())}. Operating cash "
        f"flow rose from {flows['operating_cash_flow'].iloc[0] / 1000:,.1f} to "
        f"{audited['operating_cash_flow'].iloc[-1] / 1000:,.1f} billion US dollars by FY{last}, and purchases of "
        f"property and equipment from {flows['capex'].iloc[0] / 1000:,.1f} to {audited['capex'].iloc[-1] / 1000:,.1f} "
        f"billion; free cash flow was negative in FY{' and FY'.join(map(str, negative)) or ' no year'}. "
        "A radio button switches between US dollars and percent of net sales.",
    )


def cash_flow_chart(flows: pd.DataFrame, source: str, unaudited_years: Iterable[int] = UNAUDITED_YEARS) -> alt.LayerChart:
    """Operating cash flow (up), purchases of property and equipment (down) and free cash flow (line), per year.

    ``flows`` is :func:`~.model.cash_flow_history`. A radio button (:data:`~.model.CASH_MEASURE`)
    switches between USD billions and percent of the year's net sales.
    """
    rows = cash_flow_rows(flows, unaudited_years)
    base = CASH_FLOW_VIEW.calculate(alt.Chart(rows), outputs=["cash_flow_shown"])
    x = alt.X("fiscal_year:O", title="Fiscal year", axis=alt.Axis(labelAngle=0))
    y = alt.Y("cash_flow_shown:Q", title=None)
    color = alt.Color("flow:N", title=None, scale=color_scale(FLOW_COLORS), legend=alt.Legend(orient="top", labelLimit=300))
    tooltip = [alt.Tooltip("year_label:N", title="Fiscal year"), alt.Tooltip("flow:N", title="Flow"),
               alt.Tooltip("usd_bn:Q", format="$,.1f", title="USD bn"),
               alt.Tooltip("pct_of_net_sales:Q", format=".1f", title="% of net sales")]
    free = f"datum.flow == '{list(FLOWS)[-1]}'"
    chart = alt.layer(
        zero_rule(),
        base.transform_filter(f"!({free})").mark_bar(opacity=0.75).encode(x=x, y=y, color=color, tooltip=tooltip),
        base.transform_filter(free).mark_line(strokeWidth=2.5, point=True).encode(x=x, y=y, color=color, tooltip=tooltip),
        readout(CASH_FLOW_VIEW.calculate(one_row(), outputs=["cash_flow_unit"]), "cash_flow_unit", corner="above",
                color=INK, size=11),
    ).add_params(*CASH_FLOW_VIEW.params())
    return properties(chart, cash_flow_text(flows, source, unaudited_years), autosize=RESIZE, width=WIDTH, height=300)


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
        alt.Chart(table).mark_text(dy=-6, fontSize=10).encode(
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
