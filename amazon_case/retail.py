"""First-party retail: thin margins, the cash conversion cycle, where the cash went, and Prime.

Models (pure functions, checked inputs) and the Altair charts of the chapter
``chapters/first-party-retail.ipynb``. Where a chart recomputes a model in the
browser, the Vega expression is written beside the Python function it mirrors
(``*_VEGA`` constants) and ``tests/test_site_retail.py`` checks that both give
the same numbers at several settings.

Units: the filings' figures are in USD millions; charts show USD billions.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import altair as alt
import pandas as pd

from .charts import SEGMENT_COLORS, WIDTH, _scale, _title
from .models import _check_range, segment_history

DAYS_PER_YEAR = 365

# ---------------------------------------------------------------------------
# Thin margins
# ---------------------------------------------------------------------------


def retail_margins(wide: pd.DataFrame) -> pd.DataFrame:
    """Segment operating margins per year beside the growth of online-store net sales.

    ``wide`` is :func:`amazon_case.data.annual_wide`. Returns a tidy frame with
    ``fiscal_year``, ``segment``, ``net_sales_musd``, ``operating_income_musd``,
    ``operating_margin`` (from :func:`amazon_case.models.segment_history`) and
    ``online_store_growth``: the year's online-store net sales over the prior
    year's, minus one (missing for the first year).
    """
    history = segment_history(wide)
    online = wide["net_sales_online_stores"].astype(float)
    growth = online / online.shift(1) - 1
    return history.assign(online_store_growth=history["fiscal_year"].map(growth))


# ---------------------------------------------------------------------------
# The cash conversion cycle
# ---------------------------------------------------------------------------


def cash_conversion_cycle(wide: pd.DataFrame) -> pd.DataFrame:
    """Days inventory, sales and payables outstanding, and the cash conversion cycle, per fiscal year.

    From year-end balances and the year's flows (USD millions):

    - DIO = inventories / cost of sales × 365
    - DSO = accounts receivable, net and other / net sales × 365
    - DPO = accounts payable / cost of sales × 365
    - CCC = DIO + DSO − DPO

    A negative cycle means suppliers are paid, on average, after the goods are
    sold and the customers' cash collected: suppliers finance the inventory.
    Returns one row per fiscal year with ``dio``, ``dso``, ``dpo``, ``ccc`` (days)
    and ``daily_cost_of_sales``, ``daily_net_sales`` (USD millions a day).
    """
    cost = wide["cost_of_sales"].astype(float)
    sales = wide["net_sales_total"].astype(float)
    for name, series in (("cost_of_sales", cost), ("net_sales_total", sales)):
        if not (series > 0).all():
            bad = series[~(series > 0)]
            raise ValueError(f"{name} must be positive in every year, got {bad.to_dict()}")
    frame = pd.DataFrame(
        {
            "dio": wide["inventories"] / cost * DAYS_PER_YEAR,
            "dso": wide["accounts_receivable_net_and_other"] / sales * DAYS_PER_YEAR,
            "dpo": wide["accounts_payable"] / cost * DAYS_PER_YEAR,
            "daily_cost_of_sales": cost / DAYS_PER_YEAR,
            "daily_net_sales": sales / DAYS_PER_YEAR,
            "cost_of_sales": cost,
            "net_sales": sales,
        },
        index=wide.index,
    )
    frame["ccc"] = frame["dio"] + frame["dso"] - frame["dpo"]
    return frame


#: Allowed change of each of DIO, DSO and DPO, in days (shared with the chart's sliders and the workbench).
DAYS_CHANGE_RANGE: tuple[float, float] = (-30.0, 30.0)


@dataclass(frozen=True)
class WorkingCapitalCash:
    """Cash released (positive) or absorbed (negative) by a change in the days, USD millions."""

    inventory: float
    receivables: float
    payables: float
    total: float
    ccc_change_days: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def working_capital_cash(
    cost_of_sales: float,
    net_sales: float,
    dio_change: float = 0.0,
    dso_change: float = 0.0,
    dpo_change: float = 0.0,
) -> WorkingCapitalCash:
    """Cash released or absorbed in one year when the days of the cycle change.

    At the year's scale, one more day of inventory ties up a day's cost of
    sales; one more day of receivables, a day's net sales; one more day of
    payables lends the company a day's cost of sales. So, in USD millions,
    positive when cash is released:

    - inventory = −dio_change × cost_of_sales / 365
    - receivables = −dso_change × net_sales / 365
    - payables = +dpo_change × cost_of_sales / 365

    Parameters
    ----------
    cost_of_sales, net_sales
        The year's cost of sales and net sales, USD millions, positive.
    dio_change, dso_change, dpo_change
        Change in days inventory, sales and payables outstanding, −30 to 30 days.
    """
    cost = _check_range("cost_of_sales", cost_of_sales, 0.0, math.inf, low_open=True)
    sales = _check_range("net_sales", net_sales, 0.0, math.inf, low_open=True)
    dio = _check_range("dio_change", dio_change, *DAYS_CHANGE_RANGE)
    dso = _check_range("dso_change", dso_change, *DAYS_CHANGE_RANGE)
    dpo = _check_range("dpo_change", dpo_change, *DAYS_CHANGE_RANGE)
    inventory = (0.0 - dio) * cost / DAYS_PER_YEAR  # 0 - x, not -x: no negative zero at x = 0
    receivables = (0.0 - dso) * sales / DAYS_PER_YEAR
    payables = dpo * cost / DAYS_PER_YEAR
    return WorkingCapitalCash(inventory, receivables, payables, inventory + receivables + payables, dio + dso - dpo)


#: The same formulas as :func:`working_capital_cash`, in Vega expressions (USD billions),
#: over rows with ``cost_of_sales`` and ``net_sales`` (USD millions) and the parameters below.
CCC_PARAMS = ("ccc_year", "dio_change", "dso_change", "dpo_change")
CASH_VEGA = {
    "inventory_cash_bn": "(0 - dio_change) * datum.cost_of_sales / 365 / 1000",
    "receivables_cash_bn": "(0 - dso_change) * datum.net_sales / 365 / 1000",
    "payables_cash_bn": "dpo_change * datum.cost_of_sales / 365 / 1000",
}
CASH_TOTAL_VEGA = "datum.inventory_cash_bn + datum.receivables_cash_bn + datum.payables_cash_bn"


# ---------------------------------------------------------------------------
# Where the cash went
# ---------------------------------------------------------------------------


def cash_flow_history(wide: pd.DataFrame) -> pd.DataFrame:
    """Operating cash flow, purchases of property and equipment and free cash flow per year (USD millions).

    Amazon defines free cash flow as operating cash flow less purchases of
    property and equipment, net of proceeds from sales and incentives. Returns
    one row per fiscal year with ``operating_cash_flow``, ``capex`` (gross
    purchases, positive), ``proceeds`` (0 where not reported separately: 2014's
    purchases are already net), ``free_cash_flow`` (as Amazon reported it),
    ``free_cash_flow_computed`` (OCF − capex + proceeds) and ``net_sales``.
    """
    proceeds = wide["proceeds_property_equipment_sales_incentives"].astype(float).fillna(0.0)
    frame = pd.DataFrame(
        {
            "operating_cash_flow": wide["operating_cash_flow"].astype(float),
            "capex": wide["capex_purchases_property_equipment"].astype(float),
            "proceeds": proceeds,
            "free_cash_flow": wide["free_cash_flow"].astype(float),
            "net_sales": wide["net_sales_total"].astype(float),
        },
        index=wide.index,
    )
    frame["free_cash_flow_computed"] = frame["operating_cash_flow"] - frame["capex"] + frame["proceeds"]
    return frame


# ---------------------------------------------------------------------------
# Prime
# ---------------------------------------------------------------------------


def prime_revenue_per_member(wide: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Subscription-services net sales per stated Prime member: an upper bound, not an estimate.

    Amazon's member counts are lower bounds ("more than 100 million"), and
    subscription services also hold other subscriptions (e-books, audiobooks,
    music, video). Each count is set against the net sales of the fiscal year in
    which Amazon stated it: membership grows, so the year's average membership is
    at least the count stated in the spring. Dividing by a lower bound gives an
    upper bound. Returns ``statement_date``, ``members_millions``, ``qualifier``,
    ``fiscal_year``, ``subscription_musd`` and ``revenue_per_member_at_most_usd``.
    """
    prime = statements[statements["metric"] == "prime_paid_members_millions"].copy()
    if prime.empty:
        raise ValueError("no Prime member counts in the statements")
    prime["fiscal_year"] = pd.to_datetime(prime["statement_date"]).dt.year
    prime["subscription_musd"] = prime["fiscal_year"].map(wide["net_sales_subscription_services"].astype(float))
    prime["revenue_per_member_at_most_usd"] = prime["subscription_musd"] / prime["value"]  # USD m / m members
    return prime.rename(columns={"value": "members_millions"})[
        ["statement_date", "members_millions", "qualifier", "fiscal_year", "subscription_musd",
         "revenue_per_member_at_most_usd"]
    ].reset_index(drop=True)


#: Allowed ranges of the Prime member model (shared with the sliders and the workbench).
PRIME_RANGES: dict[str, tuple[float, float]] = {
    "fee": (0.0, 300.0),
    "orders_per_year": (0.0, 200.0),
    "delivery_cost_per_order": (0.0, 20.0),
    "extra_spend": (0.0, 5000.0),
    "extra_spend_margin": (0.01, 0.5),  # not zero: the break-even divides by it
}

#: Our default assumptions for one US member (the fee is Amazon's published US annual price since February 2022).
PRIME_DEFAULTS: dict[str, float] = {
    "fee": 139.0,
    "orders_per_year": 50.0,
    "delivery_cost_per_order": 5.0,
    "extra_spend": 1000.0,
    "extra_spend_margin": 0.10,
}


@dataclass(frozen=True)
class PrimeMember:
    """One member's yearly economics for Amazon, USD."""

    fee: float
    delivery_cost: float
    extra_profit: float
    contribution: float
    break_even_extra_spend: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def prime_member_economics(
    fee: float,
    orders_per_year: float,
    delivery_cost_per_order: float,
    extra_spend: float,
    extra_spend_margin: float,
) -> PrimeMember:
    """What one Prime member brings Amazon in a year, and the extra spend at which the member pays off.

    contribution = fee + extra_spend × extra_spend_margin − orders_per_year × delivery_cost_per_order

    ``delivery_cost_per_order`` is the cost of the free delivery Amazon gives
    the member (what it would otherwise not bear or would charge for);
    ``extra_spend`` is what the member buys because of Prime, beyond what they
    would buy anyway, and ``extra_spend_margin`` Amazon's margin on it.
    The break-even extra spend is the spend at which the contribution is zero,
    (orders × delivery cost − fee) / margin, and zero when the fee alone covers
    the deliveries. The margin's range starts at 1%, so the division is always defined.

    All values in USD a year (fee, spend) or USD per order (cost); ranges in :data:`PRIME_RANGES`.
    """
    fee = _check_range("fee", fee, *PRIME_RANGES["fee"])
    orders = _check_range("orders_per_year", orders_per_year, *PRIME_RANGES["orders_per_year"])
    cost = _check_range("delivery_cost_per_order", delivery_cost_per_order, *PRIME_RANGES["delivery_cost_per_order"])
    spend = _check_range("extra_spend", extra_spend, *PRIME_RANGES["extra_spend"])
    margin = _check_range("extra_spend_margin", extra_spend_margin, *PRIME_RANGES["extra_spend_margin"])
    delivery = orders * cost
    extra_profit = spend * margin
    return PrimeMember(
        fee=fee,
        delivery_cost=delivery,
        extra_profit=extra_profit,
        contribution=fee + extra_profit - delivery,
        break_even_extra_spend=max(0.0, (delivery - fee) / margin),
    )


#: The Prime chart's parameters (fee and delivery cost in USD, margin in percent).
PRIME_PARAMS = ("prime_fee", "prime_orders", "prime_delivery_cost", "prime_extra_spend", "prime_margin")
#: :func:`prime_member_economics` in Vega expressions, over rows with ``extra_spend``.
PRIME_VEGA = {
    "delivery_cost": "prime_orders * prime_delivery_cost",
    "contribution": "prime_fee + datum.extra_spend * prime_margin / 100 - prime_orders * prime_delivery_cost",
    "break_even": "max(0, (prime_orders * prime_delivery_cost - prime_fee) / (prime_margin / 100))",
}


# ---------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------

#: Re-lay the chart out when a control changes its axes' labels (a wider y axis must not push the title out of view).
RESIZE = alt.AutoSizeParams(type="pad", resize=True)

MARGIN_PARAMS = ("margins_show_aws",)


def margins_chart(margins: pd.DataFrame, source: str, unaudited_years: frozenset[int] = frozenset()) -> alt.VConcatChart:
    """Segment operating margins per year (top) and online-store net sales growth (bottom).

    ``margins`` is :func:`retail_margins`. A checkbox shows or hides AWS, whose
    margins are an order of magnitude above the stores'; the axis rescales.
    Years in ``unaudited_years`` are drawn hollow and faded.
    """
    last_audited = max(y for y in margins["fiscal_year"] if y not in unaudited_years)
    first = int(margins["fiscal_year"].min())
    data = margins.assign(
        margin_pct=margins["operating_margin"] * 100,
        growth_pct=margins["online_store_growth"] * 100,
        audited=~margins["fiscal_year"].isin(unaudited_years),
        year_label=margins["fiscal_year"].map(lambda y: f"{y} (unaudited)" if y in unaudited_years else str(y)),
    )
    at_last = data[data["fiscal_year"] == last_audited].set_index("segment")["margin_pct"]
    stores = data[data["segment"] != "AWS"]
    store_avg = (stores[stores["audited"]].groupby("segment")["margin_pct"].mean())
    audited_intl = data[(data["segment"] == "International") & data["audited"]]
    intl_losses = int((audited_intl["margin_pct"] < 0).sum())
    show_aws = alt.param(name="margins_show_aws", value=True,
                         bind=alt.binding_checkbox(name="Show AWS beside the two store segments "))
    all_years = sorted(int(y) for y in data["fiscal_year"].unique())
    x = alt.X("fiscal_year:O", title="Fiscal year", scale=alt.Scale(domain=all_years), axis=alt.Axis(labelAngle=0))
    base = alt.Chart(data).transform_filter("margins_show_aws || datum.segment != 'AWS'")
    color = alt.Color("segment:N", title="Segment", scale=_scale(SEGMENT_COLORS), legend=alt.Legend(orient="top"))
    tooltip = [
        alt.Tooltip("year_label:N", title="Fiscal year"),
        alt.Tooltip("segment:N", title="Segment"),
        alt.Tooltip("margin_pct:Q", format=".1f", title="Operating margin (%)"),
        alt.Tooltip("operating_income_musd:Q", format=",.0f", title="Operating income (USD m)"),
        alt.Tooltip("net_sales_musd:Q", format=",.0f", title="Net sales (USD m)"),
    ]
    y = alt.Y("margin_pct:Q", title="Operating margin (% of segment net sales)")
    lines = base.mark_line(strokeWidth=2.2).encode(x=x, y=y, color=color)
    points = base.mark_point(size=45, filled=True).encode(
        x=x, y=y, color=color, tooltip=tooltip,
        opacity=alt.condition("datum.audited", alt.value(1.0), alt.value(0.35)),
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#888").encode(y="y:Q")
    top = alt.layer(zero, lines, points).properties(width=WIDTH, height=240)
    online = data[(data["segment"] == "North America") & data["online_store_growth"].notna()]
    bars = alt.Chart(online).mark_bar(color="#1f77b4").encode(
        x=x,
        y=alt.Y("growth_pct:Q", title="Online stores, growth (%)"),
        opacity=alt.condition("datum.audited", alt.value(0.9), alt.value(0.4)),
        tooltip=[alt.Tooltip("year_label:N", title="Fiscal year"),
                 alt.Tooltip("growth_pct:Q", format=".1f", title="Online-store net sales growth (%)")],
    )
    labels = alt.Chart(online).mark_text(dy=-7, fontSize=10).encode(
        x=x, y="growth_pct:Q", text=alt.Text("growth_pct:Q", format=".0f"),
    ).transform_filter("datum.growth_pct >= 0")
    neg_labels = alt.Chart(online).mark_text(dy=8, fontSize=10).encode(
        x=x, y="growth_pct:Q", text=alt.Text("growth_pct:Q", format=".0f"),
    ).transform_filter("datum.growth_pct < 0")
    bottom = alt.layer(bars, labels, neg_labels).properties(width=WIDTH, height=130)
    faded = f"; faded: FY{', FY'.join(map(str, sorted(unaudited_years)))}, unaudited" if unaudited_years else ""
    return (
        alt.vconcat(top, bottom, spacing=18)
        .add_params(show_aws)
        .properties(
            title=_title(
                source,
                f"Thin store margins: FY{last_audited} North America {at_last['North America']:.1f}%, "
                f"International {at_last['International']:.1f}%, AWS {at_last['AWS']:.1f}%",
                "Operating margin by segment (top); online-store net sales growth (bottom)" + faded,
            ),
            description=(
                f"Line chart of operating margins, FY{first} to FY{int(data['fiscal_year'].max())}: North America "
                f"averaged {store_avg['North America']:.1f}% and International {store_avg['International']:.1f}% over "
                f"the audited years, International below zero in {intl_losses} of {len(audited_intl)}, while AWS reached "
                f"{at_last['AWS']:.1f}% in FY{last_audited}. A bar chart below shows online-store net sales growth, "
                f"from {online['growth_pct'].max():.0f}% at most to {online['growth_pct'].min():.0f}% at least. "
                "A checkbox hides AWS so that the axis zooms on the stores."
            ),
        )
    )


CCC_MEASURES = {"dio": "Days inventory outstanding (DIO)", "dso": "Days sales outstanding (DSO)",
                "dpo": "Days payables outstanding (DPO)", "ccc": "Cash conversion cycle (CCC)"}
CCC_COLORS = {"Days inventory outstanding (DIO)": "#1f77b4", "Days sales outstanding (DSO)": "#2ca02c",
              "Days payables outstanding (DPO)": "#d62728", "Cash conversion cycle (CCC)": "#000000"}
CASH_PARTS = {"inventory_cash_bn": "Inventory", "receivables_cash_bn": "Receivables",
              "payables_cash_bn": "Payables", "total_cash_bn": "Total"}


def _days_slider(name: str, label: str) -> alt.Parameter:
    low, high = DAYS_CHANGE_RANGE
    return alt.param(name=name, value=0, bind=alt.binding_range(min=low, max=high, step=1, name=label))


def ccc_chart(ccc: pd.DataFrame, source: str, default_year: int, unaudited_years: frozenset[int] = frozenset(),
              default_dpo_change: int = -10) -> alt.HConcatChart:
    """The cycle's days per year (left) and the cash a change in the days releases or absorbs (right).

    ``ccc`` is :func:`cash_conversion_cycle`. Controls: the year (dropdown) and
    the change in DIO, DSO and DPO (sliders, days). The right panel computes
    :func:`working_capital_cash` in the browser for the chosen year (``CASH_VEGA``).
    """
    years = [int(y) for y in ccc.index]
    table = ccc.reset_index().rename(columns={"index": "fiscal_year"})
    table["fiscal_year"] = table["fiscal_year"].astype(int)
    table["audited"] = ~table["fiscal_year"].isin(unaudited_years)
    table["year_label"] = table["fiscal_year"].map(lambda y: f"FY{y} (unaudited)" if y in unaudited_years else f"FY{y}")
    year = alt.param(name="ccc_year", value=default_year,
                     bind=alt.binding_select(options=years, labels=[f"FY{y}" for y in years], name="Year "))
    dio = _days_slider("dio_change", "Change in days of inventory (DIO) ")
    dso = _days_slider("dso_change", "Change in days to collect receivables (DSO) ")
    dpo = alt.param(name="dpo_change", value=default_dpo_change,
                    bind=alt.binding_range(min=DAYS_CHANGE_RANGE[0], max=DAYS_CHANGE_RANGE[1], step=1,
                                           name="Change in days to pay suppliers (DPO) "))
    long = table.melt(id_vars=["fiscal_year", "audited", "year_label"], value_vars=list(CCC_MEASURES),
                      var_name="measure", value_name="days")
    long["measure"] = long["measure"].map(CCC_MEASURES)
    x = alt.X("fiscal_year:O", title="Fiscal year", axis=alt.Axis(labelAngle=0, labelExpr="\"'\" + substring(datum.value + '', 2)"))
    color = alt.Color("measure:N", title=None, scale=_scale(CCC_COLORS),
                      legend=alt.Legend(orient="bottom", columns=2, labelLimit=250))
    lines = alt.Chart(long).mark_line(point=True).encode(
        x=x, y=alt.Y("days:Q", title="Days"), color=color,
        strokeWidth=alt.condition("datum.measure == 'Cash conversion cycle (CCC)'", alt.value(3), alt.value(1.5)),
        tooltip=[alt.Tooltip("year_label:N", title="Year"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("days:Q", format=".1f", title="Days")],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#888").encode(y="y:Q")
    rule = alt.Chart(table).mark_rule(color="#555", strokeDash=[4, 3]).encode(x=x).transform_filter(
        "datum.fiscal_year == ccc_year")
    left = alt.layer(zero, rule, lines).properties(width=290, height=260)

    chosen = alt.Chart(table).transform_filter("datum.fiscal_year == ccc_year").transform_calculate(
        **CASH_VEGA
    ).transform_calculate(total_cash_bn=CASH_TOTAL_VEGA).transform_calculate(
        new_ccc="datum.ccc + dio_change + dso_change - dpo_change"
    )
    parts = chosen.transform_fold(list(CASH_PARTS), as_=["part", "cash_bn"]).transform_calculate(
        part_label=" : ".join(f"datum.part == '{k}' ? '{v}'" for k, v in list(CASH_PARTS.items())[:-1])
        + f" : '{list(CASH_PARTS.values())[-1]}'",
        sign_label="datum.cash_bn >= 0 ? 'released' : 'absorbed'",
    )
    part_y = alt.Y("part_label:N", sort=list(CASH_PARTS.values()), title=None)
    bar_x = alt.X("cash_bn:Q", title=["Cash released (+) or", "absorbed (−), USD bn"],
                  scale=alt.Scale(domain=[-40, 40], clamp=True))
    bars = parts.mark_bar(height=22).encode(
        y=part_y, x=bar_x,
        color=alt.condition("datum.cash_bn >= 0", alt.value("#2ca02c"), alt.value("#d62728")),
        tooltip=[alt.Tooltip("part_label:N", title="Balance"), alt.Tooltip("cash_bn:Q", format="$,.2f", title="USD bn"),
                 alt.Tooltip("sign_label:N", title="Cash")],
    )
    right_width = 150
    values = parts.mark_text(align="left", fontSize=10, fontWeight="bold").encode(
        y=part_y, x=alt.value(right_width + 6), text=alt.Text("cash_bn:Q", format="+,.1f"),
    )
    axis0 = alt.Chart(pd.DataFrame({"x": [0]})).mark_rule(color="#888").encode(x=alt.X("x:Q", scale=alt.Scale(domain=[-40, 40])))
    readout = chosen.mark_text(align="left", baseline="bottom", x=-70, y=-44, fontSize=12, fontWeight="bold").encode(
        text="readout:N"
    ).transform_calculate(
        readout="'FY' + datum.fiscal_year + ': cash ' + (datum.total_cash_bn >= 0 ? 'released ' : 'absorbed ') + "
        "format(abs(datum.total_cash_bn), '$,.1f') + ' bn'"
    )
    readout2 = chosen.mark_text(align="left", baseline="bottom", x=-70, y=-28, fontSize=11).encode(
        text="readout:N"
    ).transform_calculate(readout="'Cycle ' + format(datum.ccc, '.1f') + ' → ' + format(datum.new_ccc, '.1f') + ' days'")
    readout3 = chosen.mark_text(align="left", baseline="bottom", x=-70, y=-12, fontSize=11, color="#444").encode(
        text="readout:N"
    ).transform_calculate(readout="'One day of cost of sales: ' + format(datum.cost_of_sales / 365 / 1000, '$,.2f') + ' bn'"
                          " + (datum.audited ? '' : ' (unaudited)')")
    right = alt.layer(axis0, bars, values, readout, readout2, readout3).properties(width=right_width, height=150)
    latest = years[-1] if years[-1] not in unaudited_years else max(y for y in years if y not in unaudited_years)
    c = ccc.loc[latest]
    default = working_capital_cash(c["cost_of_sales"], c["net_sales"], dpo_change=default_dpo_change)
    dflt = ccc.loc[default_year]
    default_cash = working_capital_cash(dflt["cost_of_sales"], dflt["net_sales"], dpo_change=default_dpo_change)
    negative = [y for y in years if ccc.at[y, "ccc"] < 0]
    return (
        alt.hconcat(left, right, spacing=30)
        .add_params(year, dio, dso, dpo)
        .properties(
            padding={"left": 5, "top": 5, "bottom": 5, "right": 45},  # room for the values right of the bars
            title=_title(
                source,
                (f"Cycle negative in every year, FY{years[0]}–FY{years[-1]}: suppliers fund the inventory"
                 if len(negative) == len(years) else
                 f"Cycle negative in {len(negative)} of {len(years)} years, FY{years[0]}–FY{years[-1]}"),
                "DIO + DSO − DPO, year-end balances (left); cash moved if the days change, at that year's scale (right)",
            ),
            description=(
                f"Line chart of days inventory, sales and payables outstanding and the cash conversion cycle, "
                f"FY{years[0]} to FY{years[-1]}. In FY{latest} inventory lasted {c['dio']:.0f} days, receivables "
                f"{c['dso']:.0f} days and suppliers were paid after {c['dpo']:.0f} days, a cycle of {c['ccc']:.0f} days. "
                f"A bar panel shows the cash released or absorbed in the chosen year when sliders change the days: "
                f"paying suppliers {abs(default_dpo_change)} days sooner in FY{default_year} absorbs "
                f"{abs(default_cash.total) / 1000:,.1f} billion US dollars. Controls: the year and three day sliders."
            ),
        )
    )


CASH_FLOW_PARAMS = ("cash_measure",)


def cash_flow_chart(flows: pd.DataFrame, source: str, unaudited_years: frozenset[int] = frozenset()) -> alt.LayerChart:
    """Operating cash flow (up), purchases of property and equipment (down) and free cash flow (line), per year.

    ``flows`` is :func:`cash_flow_history`. A radio button switches between USD
    billions and percent of the year's net sales.
    """
    table = flows.reset_index().rename(columns={"index": "fiscal_year"})
    table["fiscal_year"] = table["fiscal_year"].astype(int)
    table["year_label"] = table["fiscal_year"].map(lambda y: f"{y} (unaudited)" if y in unaudited_years else str(y))
    long = pd.concat(
        [
            table.assign(flow="Operating cash flow", musd=table["operating_cash_flow"]),
            table.assign(flow="Purchases of property and equipment", musd=-table["capex"]),
        ]
    )[["fiscal_year", "year_label", "flow", "musd", "net_sales"]]
    fcf = table.assign(flow="Free cash flow", musd=table["free_cash_flow"])[["fiscal_year", "year_label", "flow", "musd", "net_sales"]]
    measure = alt.param(name="cash_measure", value="USD billions",
                        bind=alt.binding_radio(options=["USD billions", "% of net sales"], name="Show "))
    shown = "cash_measure == 'USD billions' ? datum.musd / 1000 : datum.musd / datum.net_sales * 100"
    x = alt.X("fiscal_year:O", title="Fiscal year", axis=alt.Axis(labelAngle=0))
    flow_colors = {"Operating cash flow": "#2ca02c", "Purchases of property and equipment": "#d62728",
                   "Free cash flow": "#000000"}
    color = alt.Color("flow:N", title=None, scale=_scale(flow_colors), legend=alt.Legend(orient="top", labelLimit=300))
    tooltip = [alt.Tooltip("year_label:N", title="Fiscal year"), alt.Tooltip("flow:N", title="Flow"),
               alt.Tooltip("usd_bn:Q", format="$,.1f", title="USD bn"),
               alt.Tooltip("pct:Q", format=".1f", title="% of net sales")]
    y = alt.Y("shown:Q", title=None)
    bars = alt.Chart(long).transform_calculate(shown=shown, usd_bn="datum.musd / 1000",
                                               pct="datum.musd / datum.net_sales * 100").mark_bar(opacity=0.75).encode(
        x=x, y=y, color=color, tooltip=tooltip)
    line_base = alt.Chart(fcf).transform_calculate(shown=shown, usd_bn="datum.musd / 1000",
                                                   pct="datum.musd / datum.net_sales * 100")
    line = line_base.mark_line(strokeWidth=2.5, point=True).encode(x=x, y=y, color=color, tooltip=tooltip)
    unit = alt.Chart(pd.DataFrame({"x": [0]})).mark_text(
        align="left", baseline="bottom", x=0, y=-6, fontSize=11, color="#444",
        text=alt.ExprRef("cash_measure == 'USD billions' ? 'USD billions' : '% of the year\\'s net sales'"),
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#888").encode(y="y:Q")
    audited = table[~table["fiscal_year"].isin(unaudited_years)]
    negative = audited[audited["free_cash_flow"] < 0]["fiscal_year"].tolist()
    last = int(audited["fiscal_year"].max())
    first = int(audited["fiscal_year"].min())
    reinvested = audited["capex"].sum() / audited["operating_cash_flow"].sum()
    takeaway = (
        f"{reinvested:.0%} of FY{first}–FY{last} operating cash flow went into property and equipment"
    )
    return (
        alt.layer(zero, bars, line, unit)
        .add_params(measure)
        .properties(
            autosize=RESIZE,
            width=WIDTH,
            height=300,
            title=_title(
                source,
                takeaway,
                "Bars: operating cash flow (up), purchases of property and equipment (down); line: free cash flow",
            ),
            description=(
                f"Bar and line chart by fiscal year, FY{int(table['fiscal_year'].min())} to FY{int(table['fiscal_year'].max())}. "
                f"Operating cash flow rose from {table['operating_cash_flow'].iloc[0] / 1000:,.1f} to "
                f"{audited['operating_cash_flow'].iloc[-1] / 1000:,.1f} billion US dollars by FY{last}, and purchases of "
                f"property and equipment from {table['capex'].iloc[0] / 1000:,.1f} to {audited['capex'].iloc[-1] / 1000:,.1f} "
                f"billion; free cash flow was negative in FY{' and FY'.join(map(str, negative)) or ' no year'}. "
                "A radio button switches between US dollars and percent of net sales."
            ),
        )
    )


def prime_revenue_chart(wide: pd.DataFrame, per_member: pd.DataFrame, source: str,
                        unaudited_years: frozenset[int] = frozenset()) -> alt.LayerChart:
    """Subscription-services net sales per year (bars), with the member counts Amazon stated, dated, as labels.

    ``per_member`` is :func:`prime_revenue_per_member`. No control: every number is a filed or stated figure.
    """
    subs = wide["net_sales_subscription_services"].astype(float)
    table = pd.DataFrame({"fiscal_year": subs.index.astype(int), "subscription_bn": subs.values / 1000})
    table["audited"] = ~table["fiscal_year"].isin(unaudited_years)
    table["year_label"] = table["fiscal_year"].map(lambda y: f"{y} (unaudited)" if y in unaudited_years else str(y))
    x = alt.X("fiscal_year:O", title="Fiscal year", axis=alt.Axis(labelAngle=0))
    bars = alt.Chart(table).mark_bar(color="#9467bd").encode(
        x=x, y=alt.Y("subscription_bn:Q", title="Subscription services net sales (USD bn)"),
        opacity=alt.condition("datum.audited", alt.value(0.9), alt.value(0.4)),
        tooltip=[alt.Tooltip("year_label:N", title="Fiscal year"),
                 alt.Tooltip("subscription_bn:Q", format="$,.1f", title="USD bn")],
    )
    values = alt.Chart(table).mark_text(dy=-6, fontSize=10).encode(
        x=x, y="subscription_bn:Q", text=alt.Text("subscription_bn:Q", format=".0f"))
    counts = per_member.assign(
        statement_date=per_member["statement_date"].astype(str),
        subscription_bn=per_member["subscription_musd"] / 1000,
        label=per_member.apply(
            lambda r: f"{r['qualifier']} {r['members_millions']:.0f}m members "
                      f"({pd.Timestamp(r['statement_date']):%b %Y})", axis=1),
        bound=per_member["revenue_per_member_at_most_usd"].map(lambda v: f"≤ USD {v:,.0f} per member"),
    )
    marks = alt.Chart(counts).mark_point(shape="triangle-down", size=90, filled=True, color="#333").encode(
        x=x, y=alt.Y("subscription_bn:Q"),
        tooltip=[alt.Tooltip("label:N", title="Amazon stated"), alt.Tooltip("bound:N", title="Revenue per member")],
    )
    label1 = alt.Chart(counts).mark_text(align="right", dx=-10, dy=-30, fontSize=11).encode(
        x=x, y="subscription_bn:Q", text="label:N")
    label2 = alt.Chart(counts).mark_text(align="right", dx=-10, dy=-17, fontSize=11, color="#555").encode(
        x=x, y="subscription_bn:Q", text="bound:N")
    first, last_audited = int(table["fiscal_year"].min()), max(y for y in table["fiscal_year"] if y not in unaudited_years)
    growth = subs[last_audited] / subs[first]
    return alt.layer(bars, values, marks, label1, label2).properties(
        width=WIDTH,
        height=300,
        title=_title(
            source,
            f"Subscriptions grew {growth:.0f}-fold by FY{last_audited}; no member count since "
            f"{pd.Timestamp(per_member['statement_date'].max()):%B %Y}",
            "Bars: subscription services net sales, USD bn; triangles: Amazon's 'more than' Prime member counts",
        ),
        description=(
            f"Bar chart of subscription services net sales, from {subs[first] / 1000:,.1f} billion US dollars in FY{first} "
            f"to {subs[last_audited] / 1000:,.1f} billion in FY{last_audited}. Triangles mark the years in which Amazon "
            "stated its paid Prime members: "
            + "; ".join(f"more than {r.members_millions:.0f} million in {pd.Timestamp(r.statement_date):%B %Y}, "
                        f"at most {r.revenue_per_member_at_most_usd:,.0f} US dollars of subscription revenue per member"
                        for r in per_member.itertuples())
            + "."
        ),
    )


PRIME_GRID_STEP = 50


def prime_member_chart(source: str) -> alt.LayerChart:
    """One member's yearly contribution as a function of the extra spend Prime brings, with the break-even.

    Five sliders set the assumptions of :func:`prime_member_economics` (``PRIME_PARAMS``);
    the line and the readout are computed in the browser by the same formulas (``PRIME_VEGA``).
    """
    d = PRIME_DEFAULTS
    r = PRIME_RANGES
    params = [
        alt.param(name="prime_fee", value=d["fee"],
                  bind=alt.binding_range(min=r["fee"][0], max=r["fee"][1], step=1,
                                         name="Assumption: annual fee (USD) ")),
        alt.param(name="prime_orders", value=d["orders_per_year"],
                  bind=alt.binding_range(min=r["orders_per_year"][0], max=r["orders_per_year"][1], step=1,
                                         name="Assumption: orders a year with free delivery ")),
        alt.param(name="prime_delivery_cost", value=d["delivery_cost_per_order"],
                  bind=alt.binding_range(min=r["delivery_cost_per_order"][0], max=r["delivery_cost_per_order"][1],
                                         step=0.5, name="Assumption: delivery cost Amazon bears per order (USD) ")),
        alt.param(name="prime_extra_spend", value=d["extra_spend"],
                  bind=alt.binding_range(min=r["extra_spend"][0], max=r["extra_spend"][1], step=PRIME_GRID_STEP,
                                         name="Assumption: extra spend a year because of Prime (USD) ")),
        alt.param(name="prime_margin", value=round(d["extra_spend_margin"] * 100, 4),
                  bind=alt.binding_range(min=r["extra_spend_margin"][0] * 100, max=r["extra_spend_margin"][1] * 100,
                                         step=1, name="Assumption: Amazon's margin on the extra spend (%) ")),
    ]
    low, high = r["extra_spend"]
    grid = pd.DataFrame({"extra_spend": range(int(low), int(high) + 1, PRIME_GRID_STEP)})
    base = alt.Chart(grid).transform_calculate(**PRIME_VEGA)
    x = alt.X("extra_spend:Q", title="Extra spend a year because of Prime (USD)", scale=alt.Scale(domain=[low, high]))
    y = alt.Y("contribution:Q", title="Member's yearly contribution to Amazon (USD)")
    line = base.mark_line(strokeWidth=2.5, color="#9467bd").encode(
        x=x, y=y, tooltip=[alt.Tooltip("extra_spend:Q", format="$,.0f", title="Extra spend"),
                           alt.Tooltip("contribution:Q", format="$,.0f", title="Contribution")])
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#888").encode(y="y:Q")
    at = base.transform_filter("datum.extra_spend == prime_extra_spend")
    point = at.mark_point(size=90, filled=True, color="#9467bd").encode(x=x, y=y)
    even = alt.Chart(pd.DataFrame({"k": [0]})).transform_calculate(break_even=PRIME_VEGA["break_even"]).transform_filter(
        f"datum.break_even <= {high}")
    rule = even.mark_rule(color="#d62728", strokeDash=[5, 3]).encode(x=alt.X("break_even:Q", scale=alt.Scale(domain=[low, high])))
    readout = at.mark_text(align="left", baseline="top", x=8, y=8, fontSize=12, fontWeight="bold").encode(
        text="readout:N"
    ).transform_calculate(
        readout="'At ' + format(datum.extra_spend, '$,.0f') + ' of extra spend: ' + "
        "(datum.contribution >= 0 ? 'gains ' : 'loses ') + format(abs(datum.contribution), '$,.0f') + ' a year'"
    )
    readout2 = at.mark_text(align="left", baseline="top", x=8, y=26, fontSize=12, color="#d62728").encode(
        text="readout:N"
    ).transform_calculate(
        readout="datum.break_even == 0 ? 'Break-even: the fee alone covers the deliveries' : "
        "'Break-even (red line): ' + format(datum.break_even, '$,.0f') + ' of extra spend a year'"
    )
    readout3 = at.mark_text(align="left", baseline="top", x=8, y=44, fontSize=11, color="#444").encode(
        text="readout:N"
    ).transform_calculate(
        readout="'Fee ' + format(prime_fee, '$,.0f') + '; free delivery: ' + prime_orders + ' orders × ' + "
        "format(prime_delivery_cost, '$,.2f') + ' = ' + format(datum.delivery_cost, '$,.0f') + "
        "'; margin ' + prime_margin + '%'"
    )
    dflt = prime_member_economics(**PRIME_DEFAULTS)
    return alt.layer(zero, line, rule, point, readout, readout2, readout3).add_params(*params).properties(
        autosize=RESIZE,
        width=WIDTH - 40,
        height=300,
        title=_title(
            source,
            f"At our defaults a member pays off from USD {dflt.break_even_extra_spend:,.0f} of extra spend a year",
            "One member, one year: fee + extra spend × margin − orders × delivery cost. Every slider is an assumption.",
        ),
        description=(
            "Line chart of one Prime member's yearly contribution to Amazon against the extra spend Prime brings, "
            f"0 to {high:,.0f} US dollars. At our defaults (fee {d['fee']:.0f}, {d['orders_per_year']:.0f} orders at "
            f"{d['delivery_cost_per_order']:.0f} dollars of delivery each, {d['extra_spend_margin']:.0%} margin) the "
            f"line crosses zero at {dflt.break_even_extra_spend:,.0f} dollars of extra spend, marked by a red line; "
            "five sliders change the assumptions."
        ),
    )


# ---------------------------------------------------------------------------
# Live-notebook workbenches (ipywidgets; the book hides them)
# ---------------------------------------------------------------------------


def cash_sentence(result: dict) -> str:
    """One sentence on a :func:`cash_workbench` result."""
    cash, year = result["cash"], result["fiscal_year"]
    verb = "releases" if cash.total >= 0 else "absorbs"
    return (
        f"In FY{year} the cycle was {result['ccc']:.1f} days; with these changes it would be "
        f"{result['ccc'] + cash.ccc_change_days:.1f} days, which {verb} USD {abs(cash.total) / 1000:,.1f} billion of cash "
        f"at that year's scale (one day of cost of sales: USD {result['daily_cost_of_sales'] / 1000:,.2f} billion)."
    )


def cash_table_html(result: dict) -> str:
    """The cash released (+) or absorbed (−) by each balance, USD billions, as an HTML table."""
    cash = result["cash"]
    table = pd.DataFrame({"Cash released (+) or absorbed (−), USD bn": [
        cash.inventory / 1000, cash.receivables / 1000, cash.payables / 1000, cash.total / 1000]},
        index=["Inventory", "Receivables", "Payables", "Total"])
    return table.to_html(float_format="{:+,.2f}".format, border=0)


def cash_result_chart(result: dict, source: str) -> alt.Chart:
    """Bars of the cash each balance releases or absorbs (no controls: the workbench's sliders drive it)."""
    cash = result["cash"]
    frame = pd.DataFrame({"part": list(CASH_PARTS.values()),
                          "cash_bn": [cash.inventory / 1000, cash.receivables / 1000, cash.payables / 1000,
                                      cash.total / 1000]})
    verb = "released" if cash.total >= 0 else "absorbed"
    return alt.Chart(frame).mark_bar().encode(
        y=alt.Y("part:N", sort=list(CASH_PARTS.values()), title=None),
        x=alt.X("cash_bn:Q", title="USD billions"),
        color=alt.condition("datum.cash_bn >= 0", alt.value("#2ca02c"), alt.value("#d62728")),
    ).properties(
        width=WIDTH - 160, height=140,
        title=_title(source, f"FY{result['fiscal_year']}: USD {abs(cash.total) / 1000:,.1f} billion of cash {verb}",
                     "Cash released (+) or absorbed (−) by each balance"),
        description=(f"Bar chart of the cash released or absorbed in FY{result['fiscal_year']} by changes in inventory, "
                     f"receivables and payables days: in total {cash.total / 1000:,.1f} billion US dollars."),
    )


def cash_workbench(ccc: pd.DataFrame, source: str, default_year: int):
    """A :class:`~amazon_case.workbench.ModelWorkbench` for :func:`working_capital_cash` in a chosen year.

    ``ccc`` is :func:`cash_conversion_cycle`. Sliders: the fiscal year and the change in DIO, DSO, DPO (days).
    """
    from .workbench import ModelWorkbench, number_slider

    years = [int(y) for y in ccc.index]

    def compute(fiscal_year, dio_change, dso_change, dpo_change):
        year = int(_check_range("fiscal_year", fiscal_year, years[0], years[-1]))
        row = ccc.loc[year]
        return {"fiscal_year": year, "ccc": float(row["ccc"]), "daily_cost_of_sales": float(row["daily_cost_of_sales"]),
                "cash": working_capital_cash(row["cost_of_sales"], row["net_sales"], dio_change, dso_change, dpo_change)}

    controls = {
        "fiscal_year": number_slider("Fiscal year", default_year, (years[0], years[-1]), 1),
        "dio_change": number_slider("Change in days of inventory (DIO)", 0, DAYS_CHANGE_RANGE, 1),
        "dso_change": number_slider("Change in days to collect receivables (DSO)", 0, DAYS_CHANGE_RANGE, 1),
        "dpo_change": number_slider("Change in days to pay suppliers (DPO)", -10, DAYS_CHANGE_RANGE, 1),
    }
    return ModelWorkbench("Cash conversion cycle workbench (filed figures; the day changes are yours)", controls,
                          compute=compute, describe=cash_sentence, tabulate=cash_table_html,
                          draw=lambda result: cash_result_chart(result, source))


def prime_sentence(member: PrimeMember) -> str:
    """One sentence on a :func:`prime_member_economics` result."""
    verb = "gains" if member.contribution >= 0 else "loses"
    even = ("the fee alone covers the deliveries" if member.break_even_extra_spend == 0
            else f"the member pays off from USD {member.break_even_extra_spend:,.0f} of extra spend a year")
    return f"Amazon {verb} USD {abs(member.contribution):,.0f} a year on this member; {even}."


def prime_table_html(member: PrimeMember) -> str:
    """The member's yearly account, USD, as an HTML table."""
    table = pd.DataFrame({"USD a year": [member.fee, member.extra_profit, -member.delivery_cost, member.contribution]},
                         index=["Fee", "Margin on extra spend", "Free delivery", "Contribution"])
    return table.to_html(float_format="{:+,.0f}".format, border=0)


def prime_result_chart(member: PrimeMember, source: str) -> alt.Chart:
    """The member's yearly account as bars (no controls: the workbench's sliders drive it)."""
    frame = pd.DataFrame({"item": ["Fee", "Margin on extra spend", "Free delivery", "Contribution"],
                          "usd": [member.fee, member.extra_profit, -member.delivery_cost, member.contribution]})
    return alt.Chart(frame).mark_bar().encode(
        y=alt.Y("item:N", sort=list(frame["item"]), title=None),
        x=alt.X("usd:Q", title="USD a year"),
        color=alt.condition("datum.usd >= 0", alt.value("#2ca02c"), alt.value("#d62728")),
    ).properties(
        width=WIDTH - 160, height=140,
        title=_title(source, f"Contribution: USD {member.contribution:,.0f} a year", "One Prime member, one year"),
        description=(f"Bar chart of one Prime member's yearly account: fee {member.fee:,.0f}, margin on extra spend "
                     f"{member.extra_profit:,.0f}, free delivery {-member.delivery_cost:,.0f}, contribution "
                     f"{member.contribution:,.0f} US dollars."),
    )


def prime_workbench(source: str):
    """A :class:`~amazon_case.workbench.ModelWorkbench` for :func:`prime_member_economics`; every slider is ours."""
    from .workbench import ModelWorkbench, number_slider, percent_slider

    d, r = PRIME_DEFAULTS, PRIME_RANGES
    controls = {
        "fee": number_slider("Assumption: annual fee (USD)", d["fee"], r["fee"], 1),
        "orders_per_year": number_slider("Assumption: orders a year", d["orders_per_year"], r["orders_per_year"], 1),
        "delivery_cost_per_order": number_slider("Assumption: delivery cost per order (USD)",
                                                 d["delivery_cost_per_order"], r["delivery_cost_per_order"], 0.5),
        "extra_spend": number_slider("Assumption: extra spend a year (USD)", d["extra_spend"], r["extra_spend"], 50),
        "extra_spend_margin": percent_slider("Assumption: margin on the extra spend (%)", d["extra_spend_margin"],
                                             r["extra_spend_margin"], step=1),
    }
    return ModelWorkbench("Prime member workbench (every assumption is yours)", controls,
                          compute=prime_member_economics, describe=prime_sentence, tabulate=prime_table_html,
                          draw=lambda member: prime_result_chart(member, source))
