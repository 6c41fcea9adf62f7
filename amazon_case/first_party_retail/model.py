"""First-party retail, the models: thin margins, the cash conversion cycle, where the cash went, and Prime.

Every input is declared once (:class:`~amazon_case.kit.Input`, :class:`~amazon_case.kit.Choice`,
:class:`~amazon_case.kit.Checkbox`) and every formula a chart computes is a :func:`~amazon_case.kit.formula`,
so that the Python functions here and the charts of :mod:`.charts` run the same formulas:

- :data:`WORKING_CAPITAL`: the cash a change in the days of the cycle releases or absorbs in
  one fiscal year, the new cycle length and the chart's readout (:func:`working_capital_cash`).
- :data:`PRIME_MEMBER`: one Prime member's yearly contribution and break-even
  (:func:`prime_member_economics`).
- :data:`MARGINS_VIEW` and :data:`CASH_FLOW_VIEW`: the margins chart's AWS checkbox and the
  cash-flow chart's unit, ways of looking at the filed figures.

Units: the filings' figures are in USD millions; the charts show USD billions.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from ..filings import UNAUDITED_YEARS, segment_history
from ..kit import AMAZON, ASSUMPTION, VIEW, Checkbox, Choice, Field, Input, Model, formula, product_of

DAYS_PER_YEAR = 365

# ---------------------------------------------------------------------------
# Thin margins
# ---------------------------------------------------------------------------


def retail_margins(wide: pd.DataFrame) -> pd.DataFrame:
    """Segment operating margins per year beside the growth of online-store net sales.

    ``wide`` is :func:`amazon_case.filings.annual_wide`. Returns a tidy frame with
    ``fiscal_year``, ``segment``, ``net_sales_musd``, ``operating_income_musd``,
    ``operating_margin`` (from :func:`amazon_case.filings.segment_history`) and
    ``online_store_growth``: the year's online-store net sales over the prior
    year's, minus one (missing for the first year).
    """
    history = segment_history(wide)
    online = wide["net_sales_online_stores"].astype(float)
    growth = online / online.shift(1) - 1
    return history.assign(online_store_growth=history["fiscal_year"].map(growth))


def margin_rows(margins: pd.DataFrame, ttm: pd.DataFrame | None = None, ttm_growth: float | None = None,
                unaudited_years: Iterable[int] = UNAUDITED_YEARS) -> pd.DataFrame:
    """The margins chart's rows: :func:`retail_margins` with the periods of :func:`period_rows`, then the TTM rows.

    ``ttm`` is :func:`~.quarters.ttm_segment_margins` (its ``period`` names the twelve months) and
    ``ttm_growth`` :func:`~.quarters.ttm_online_store_growth`; the TTM rows have ``is_ttm`` True.
    """
    periods = period_rows(sorted(margins["fiscal_year"].unique()), unaudited_years)
    rows = margins.merge(periods, on="fiscal_year", how="left")
    if ttm is not None:
        extra = ttm.assign(fiscal_year=pd.NA, online_store_growth=ttm_growth, is_ttm=True, audited=False,
                           year_label=ttm["period"])
        rows = pd.concat([rows, extra[rows.columns]], ignore_index=True)
    return rows


SHOW_AWS = Checkbox("show_aws", "show AWS beside the two store segments", (("shown", True), ("hidden", False)), True,
                    VIEW, "the filed segment margins, with or without AWS")


@formula
def margin_line_shown(segment, show_aws):
    """Whether the row's segment is drawn: the store segments always, AWS when the reader shows it."""
    return show_aws or segment != "AWS"


MARGINS_VIEW = Model("margins view", prefix="margins", inputs=[SHOW_AWS], formulas=[margin_line_shown],
                     fields=[Field("segment", "North America, International or AWS")])


# ---------------------------------------------------------------------------
# The cash conversion cycle
# ---------------------------------------------------------------------------


#: The two ways to measure the balances a year's days are computed from.
CYCLE_BASES = ("year_end", "average")


def cash_conversion_cycle(wide: pd.DataFrame, basis: str = "year_end") -> pd.DataFrame:
    """Days inventory, sales and payables outstanding, and the cash conversion cycle, per fiscal year.

    From the year's balances and flows (USD millions). ``basis`` says which balances:
    ``"year_end"`` (the balance sheet at December 31) or ``"average"`` (the mean of the opening and
    closing balances, the textbook measure; the first year, which has no opening balance, is left
    out). The two can rank years differently.

    - DIO = inventories / cost of sales × 365
    - DSO = accounts receivable, net and other / net sales × 365
    - DPO = accounts payable / cost of sales × 365
    - CCC = DIO + DSO − DPO

    A negative cycle means suppliers are paid, on average, after the goods are
    sold and the customers' cash collected: suppliers finance the inventory.
    Returns one row per fiscal year with ``dio``, ``dso``, ``dpo``, ``ccc`` (days),
    ``daily_cost_of_sales``, ``daily_net_sales`` (USD millions a day), ``cost_of_sales``
    and ``net_sales`` (USD millions).
    """
    if basis not in CYCLE_BASES:
        raise ValueError(f"basis must be one of {CYCLE_BASES}, got {basis!r}")
    balances = wide[["inventories", "accounts_receivable_net_and_other", "accounts_payable"]].astype(float)
    if basis == "average":
        balances = ((balances + balances.shift(1)) / 2).iloc[1:]
        wide = wide.iloc[1:]
    cost = wide["cost_of_sales"].astype(float)
    sales = wide["net_sales_total"].astype(float)
    for name, series in (("cost_of_sales", cost), ("net_sales_total", sales)):
        if not (series > 0).all():
            bad = series[~(series > 0)]
            raise ValueError(f"{name} must be positive in every year, got {bad.to_dict()}")
    frame = pd.DataFrame(
        {
            "dio": balances["inventories"] / cost * DAYS_PER_YEAR,
            "dso": balances["accounts_receivable_net_and_other"] / sales * DAYS_PER_YEAR,
            "dpo": balances["accounts_payable"] / cost * DAYS_PER_YEAR,
            "daily_cost_of_sales": cost / DAYS_PER_YEAR,
            "daily_net_sales": sales / DAYS_PER_YEAR,
            "cost_of_sales": cost,
            "net_sales": sales,
        },
        index=wide.index,
    )
    frame["ccc"] = frame["dio"] + frame["dso"] - frame["dpo"]
    return frame


def cycle_rows(ccc: pd.DataFrame, unaudited_years: Iterable[int] = UNAUDITED_YEARS,
               basis: str = "year_end") -> pd.DataFrame:
    """The rows :data:`WORKING_CAPITAL` runs over: one per fiscal year of :func:`cash_conversion_cycle`.

    Adds ``fiscal_year`` (a column), ``basis`` (the balances ``ccc`` was computed on: ``"year_end"``
    or ``"average"``), ``status`` ("audited": a 10-K; "unaudited": an earnings release) and
    ``year_label`` ("FY2025", or "FY2026 (unaudited)" for a year read from a release).
    """
    if basis not in CYCLE_BASES:
        raise ValueError(f"basis must be one of {CYCLE_BASES}, got {basis!r}")
    unaudited = set(unaudited_years)
    rows = ccc.rename_axis("fiscal_year").reset_index()
    rows["fiscal_year"] = rows["fiscal_year"].astype(int)
    rows["basis"] = basis
    rows["status"] = ["unaudited" if y in unaudited else "audited" for y in rows["fiscal_year"]]
    rows["year_label"] = [f"FY{y}" + (" (unaudited)" if y in unaudited else "") for y in rows["fiscal_year"]]
    return rows


def cycle_table(wide: pd.DataFrame, unaudited_years: Iterable[int] = UNAUDITED_YEARS) -> pd.DataFrame:
    """The cycle on both bases, one row per fiscal year and basis, over the years both cover.

    The average needs an opening balance, so the first filed year (FY2014) has none: the table
    starts a year later on both bases, so that the chart's two views compare the same years.
    Rows of :func:`cycle_rows`, year-end first.
    """
    parts = [cycle_rows(cash_conversion_cycle(wide, basis), unaudited_years, basis) for basis in CYCLE_BASES]
    common = set(parts[0]["fiscal_year"]).intersection(*(set(p["fiscal_year"]) for p in parts[1:]))
    table = pd.concat(parts, ignore_index=True)
    return table[table["fiscal_year"].isin(common)].reset_index(drop=True)


def latest_audited_year(years: Iterable[int], unaudited_years: Iterable[int] = UNAUDITED_YEARS) -> int:
    """The last fiscal year that a 10-K covers: the year the charts and workbenches open on."""
    return max(int(y) for y in years if y not in set(unaudited_years))


def cycle_year_choice(years: Iterable[int], default: int) -> Choice:
    """The fiscal year whose scale the cash panel uses: a dropdown of the filed years."""
    years = sorted({int(y) for y in years})
    return Choice("year", "year", tuple((f"FY{y}", y) for y in years), default, VIEW,
                  "the fiscal years of the filings", control="select")


#: Which balances the days are computed from; the text uses the average (see the chapter).
CYCLE_BASIS = Choice("basis", "balances", (("average", "average"), ("year-end", "year_end")),
                     "average", VIEW, "the filed balance sheets, two ways: the average of the year's opening and "
                     "closing balances, or the closing balance alone", control="radio")


#: The allowed change of each of DIO, DSO and DPO, in days.
DAYS_CHANGE_BOUNDS = (-30, 30)
DAYS_SOURCE = "ours: a change you set, applied at the chosen year's scale"

DIO_CHANGE = Input("dio_change", "change in days of inventory, DIO", "days", 0, *DAYS_CHANGE_BOUNDS, 1, ASSUMPTION,
                   DAYS_SOURCE)
DSO_CHANGE = Input("dso_change", "change in days to collect receivables, DSO", "days", 0, *DAYS_CHANGE_BOUNDS, 1,
                   ASSUMPTION, DAYS_SOURCE)
DPO_CHANGE = Input("dpo_change", "change in days to pay suppliers, DPO", "days", -10, *DAYS_CHANGE_BOUNDS, 1,
                   ASSUMPTION, "ours: suppliers paid 10 days sooner, to show what a day is worth")


@formula
def inventory_cash(cost_of_sales, dio_change):
    """USD m released (+) or absorbed (−): one more day of inventory ties up a day's cost of sales."""
    return (0.0 - dio_change) * cost_of_sales / DAYS_PER_YEAR  # 0 - x, not -x: no negative zero at x = 0


@formula
def receivables_cash(net_sales, dso_change):
    """USD m: one more day of receivables waits for a day's net sales."""
    return (0.0 - dso_change) * net_sales / DAYS_PER_YEAR


@formula
def payables_cash(cost_of_sales, dpo_change):
    """USD m: one more day of payables lends the company a day's cost of sales."""
    return dpo_change * cost_of_sales / DAYS_PER_YEAR


@formula
def total_cash(inventory_cash, receivables_cash, payables_cash):
    return inventory_cash + receivables_cash + payables_cash


@formula
def ccc_change_days(dio_change, dso_change, dpo_change):
    return dio_change + dso_change - dpo_change


@formula
def new_ccc(ccc, ccc_change_days):
    """The cycle's length in days after the change."""
    return ccc + ccc_change_days


@formula
def cash_direction(cash_musd):
    """What an amount of cash does: "released" (zero or more) or "absorbed"."""
    return "released" if cash_musd >= 0 else "absorbed"


@formula
def to_a_tenth(days):
    """``days`` as a readout writes it to a tenth: a value that rounds to zero is 0.0, never −0.0."""
    return 0.0 if -0.05 < days < 0 else days


@formula
def cash_readout(fiscal_year, total_cash):
    return f"FY{fiscal_year:.0f}: cash {cash_direction(total_cash):s} ${abs(total_cash) / 1000:,.1f} bn"


@formula
def basis_word(basis):
    """How the readout names the balances the days come from."""
    return "average balances" if basis == "average" else "year-end balances"


@formula
def cycle_readout(ccc, new_ccc, basis):
    return f"Cycle {to_a_tenth(ccc):.1f} → {to_a_tenth(new_ccc):.1f} days ({basis_word(basis):s})"


@formula
def day_readout(cost_of_sales, status):
    note = "" if status == "audited" else " (unaudited)"
    return f"One day of cost of sales: ${cost_of_sales / DAYS_PER_YEAR / 1000:,.2f} bn" + note


WORKING_CAPITAL = Model(
    "working capital cash", prefix="ccc",
    inputs=[DIO_CHANGE, DSO_CHANGE, DPO_CHANGE],
    formulas=[inventory_cash, receivables_cash, payables_cash, total_cash, ccc_change_days, new_ccc,
              cash_readout, cycle_readout, day_readout],
    fields=[Field("fiscal_year", "the fiscal year", 1990, 2100),
            Field("cost_of_sales", "the year's cost of sales, USD m", 0, float("inf"), low_open=True),
            Field("net_sales", "the year's net sales, USD m", 0, float("inf"), low_open=True),
            Field("ccc", "the year's cash conversion cycle, days"),
            Field("basis", "the balances the cycle is computed on: 'year_end' or 'average'"),
            Field("status", "'audited' (a 10-K) or 'unaudited' (an earnings release)")],
)

#: One balance's cash in the chart's bars: whether it is released or absorbed.
CASH_PART = Model("cash part", prefix="ccc", inputs=[], formulas=[cash_direction],
                  fields=[Field("cash_musd", "cash released (+) or absorbed (−) by one balance, USD m")])


@dataclass(frozen=True)
class WorkingCapitalCash:
    """Cash released (positive) or absorbed (negative) in one fiscal year by a change in the days, USD millions."""

    fiscal_year: int
    basis: str  # the balances the cycle is computed on: "year_end" or "average"
    inventory: float
    receivables: float
    payables: float
    total: float
    ccc_change_days: float
    ccc: float  # the cycle as filed, days
    new_ccc: float  # the cycle after the change, days
    daily_cost_of_sales: float  # USD millions a day

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def working_capital_cash(year: Mapping[str, Any], **changes: float) -> WorkingCapitalCash:
    """Cash released or absorbed in one fiscal year when the days of the cycle change (:data:`WORKING_CAPITAL`).

    ``year`` is a row of :func:`cycle_rows` (``fiscal_year``, ``cost_of_sales``, ``net_sales``,
    ``ccc``, ``basis``, ``status``). At the year's scale, one more day of inventory ties up a day's cost
    of sales; one more day of receivables, a day's net sales; one more day of payables lends
    the company a day's cost of sales. So, in USD millions, positive when cash is released:

    - inventory = −dio_change × cost_of_sales / 365
    - receivables = −dso_change × net_sales / 365
    - payables = +dpo_change × cost_of_sales / 365

    ``changes`` are ``dio_change``, ``dso_change``, ``dpo_change`` (days, −30 to 30); one left
    out takes the model's default (0, 0 and −10: suppliers paid 10 days sooner). A value out
    of range raises :class:`~amazon_case.kit.AssumptionError` naming it.
    """
    fields = {name: year[name] for name in WORKING_CAPITAL.fields}
    result = WORKING_CAPITAL.evaluate(**fields, **changes)
    return WorkingCapitalCash(
        fiscal_year=int(result["fiscal_year"]), basis=result["basis"], inventory=result["inventory_cash"],
        receivables=result["receivables_cash"], payables=result["payables_cash"], total=result["total_cash"],
        ccc_change_days=result["ccc_change_days"], ccc=result["ccc"], new_ccc=result["new_ccc"],
        daily_cost_of_sales=result["cost_of_sales"] / DAYS_PER_YEAR)


# ---------------------------------------------------------------------------
# Where the cash went
# ---------------------------------------------------------------------------


def cash_flow_history(wide: pd.DataFrame) -> pd.DataFrame:
    """Operating cash flow, purchases of property and equipment and free cash flow per year (USD millions).

    Amazon defines free cash flow as operating cash flow less purchases of property and
    equipment, net of proceeds from sales and incentives. Returns one row per fiscal year with
    ``operating_cash_flow``, ``capex`` (purchases as printed, positive), ``proceeds`` (0 where the
    statement prints none: FY2014's purchases are printed already net of incentives), ``capex_net``
    (purchases net of proceeds and incentives: the one measure that is alike in every year),
    ``free_cash_flow`` (as Amazon reported it), ``free_cash_flow_computed`` (operating cash flow less
    ``capex_net``) and ``net_sales``.
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
    frame["capex_net"] = frame["capex"] - frame["proceeds"]
    frame["free_cash_flow_computed"] = frame["operating_cash_flow"] - frame["capex_net"]
    return frame


#: The flows the cash-flow chart draws: name -> (column of :func:`cash_flow_history`, sign drawn).
FLOWS = {"Operating cash flow": ("operating_cash_flow", 1),
         "Purchases of property and equipment, net": ("capex_net", -1),
         "Free cash flow": ("free_cash_flow", 1)}


def period_rows(years: Iterable[int], unaudited_years: Iterable[int] = UNAUDITED_YEARS) -> pd.DataFrame:
    """The x axis of the charts that set the latest twelve months beside the fiscal years: one row per year.

    ``period`` is the year ("2025"), ``year_label`` the tooltip's ("2025", "2026 (unaudited)"),
    ``is_ttm`` False, ``audited`` whether a 10-K covers it.
    """
    unaudited = set(unaudited_years)
    return pd.DataFrame([{"fiscal_year": int(y), "period": str(int(y)), "is_ttm": False, "audited": int(y) not in unaudited,
                          "year_label": f"{int(y)} (unaudited)" if int(y) in unaudited else str(int(y))} for y in years])


def cash_flow_rows(flows: pd.DataFrame, unaudited_years: Iterable[int] = UNAUDITED_YEARS,
                   ttm: pd.Series | None = None, ttm_label: str = "") -> pd.DataFrame:
    """One row per period and flow of :data:`FLOWS`: ``usd_bn`` (purchases drawn negative) and ``pct_of_net_sales``.

    ``ttm`` (:func:`~.quarters.ttm_cash_flows`) adds the twelve months to the latest quarter as a last
    period named ``ttm_label``, with ``is_ttm`` True.
    """
    periods = period_rows(flows.index, unaudited_years).set_index("fiscal_year")
    records = [(periods.loc[int(year)].to_dict(), record) for year, record in flows.iterrows()]
    if ttm is not None:
        records.append(({"period": ttm_label, "is_ttm": True, "audited": False, "year_label": ttm_label}, ttm))
    rows = []
    for period, record in records:
        for flow, (column, sign) in FLOWS.items():
            musd = sign * float(record[column])
            rows.append({**period, "flow": flow, "usd_bn": musd / 1000,
                         "pct_of_net_sales": musd / float(record["net_sales"]) * 100})
    return pd.DataFrame(rows)


CASH_MEASURE = Choice("measure", "show", (("USD billions", "usd"), ("% of net sales", "share")), "usd", VIEW,
                      "the filed cash flows, two ways", control="radio")


@formula
def cash_flow_shown(measure, usd_bn, pct_of_net_sales):
    """The bar's or the point's height in the unit the reader chose."""
    return usd_bn if measure == "usd" else pct_of_net_sales


@formula
def cash_flow_unit(measure):
    return "USD billions" if measure == "usd" else "% of the year's net sales"


CASH_FLOW_VIEW = Model("cash flow view", prefix="cash", inputs=[CASH_MEASURE],
                       formulas=[cash_flow_shown, cash_flow_unit],
                       fields=[Field("usd_bn", "the flow, USD bn"), Field("pct_of_net_sales", "the flow, % of net sales")])


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


PRIME_FEE_SOURCE = ("Amazon's published US annual Prime price since February 2022, announced with its Q4 2021 "
                    "results (3 February 2022)")


#: USD a year: the free deliveries Amazon pays for, and its margin on what the member buys because of Prime.
delivery_cost = product_of("delivery_cost", "orders_per_year", "delivery_cost_per_order")
extra_profit = product_of("extra_profit", "extra_spend", "extra_spend_margin")


@formula
def contribution(fee, extra_profit, delivery_cost):
    """USD a year: what the member brings Amazon."""
    return fee + extra_profit - delivery_cost


@formula
def break_even_extra_spend(fee, delivery_cost, extra_spend_margin):
    """The extra spend at which the contribution is zero; zero when the fee alone covers the deliveries.

    The margin's range starts at 1%, so the division is always defined.
    """
    return max(0.0, (delivery_cost - fee) / extra_spend_margin)


@formula
def member_readout(extra_spend, contribution):
    verb = "gains" if contribution >= 0 else "loses"
    return f"At ${extra_spend:,.0f} of extra spend: {verb:s} ${abs(contribution):,.0f} a year"


@formula
def break_even_readout(break_even_extra_spend):
    return ("Break-even: the fee alone covers the deliveries" if break_even_extra_spend == 0
            else f"Break-even (red line): ${break_even_extra_spend:,.0f} of extra spend a year")


@formula
def assumptions_readout(fee, orders_per_year, delivery_cost_per_order, delivery_cost, extra_spend_margin):
    return (f"Fee ${fee:,.0f}; free delivery: {orders_per_year:.0f} orders × ${delivery_cost_per_order:,.2f} = "
            f"${delivery_cost:,.0f}; margin {extra_spend_margin:.0%}")


PRIME_MEMBER = Model(
    "prime member economics", prefix="prime",
    inputs=[
        Input("fee", "annual fee", "USD", 139, 0, 300, 1, AMAZON, PRIME_FEE_SOURCE),
        Input("orders_per_year", "orders a year with free delivery", "", 50, 0, 200, 1, ASSUMPTION,
              "ours: about one a week; Amazon does not publish orders per member"),
        Input("delivery_cost_per_order", "delivery cost Amazon bears per order", "USD", 5, 0, 20, 0.5, ASSUMPTION,
              "ours: the 10-K reports total shipping and fulfilment costs, not per order"),
        Input("extra_spend", "extra spend a year because of Prime", "USD", 1000, 0, 5000, 50, ASSUMPTION,
              "ours: what a member buys because of Prime beyond what they would buy anyway"),
        Input("extra_spend_margin", "Amazon's margin on the extra spend", "%", 0.10, 0.01, 0.5, 1, ASSUMPTION,
              "ours: above the store segments' operating margins, below a retailer's gross margin; "
              "not zero, since the break-even divides by it"),
    ],
    formulas=[delivery_cost, extra_profit, contribution, break_even_extra_spend, member_readout, break_even_readout,
              assumptions_readout],
)


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


#: The fields of :class:`PrimeMember`, as a reader reads them.
PRIME_MEMBER_LABELS = {"fee": "Membership fee", "delivery_cost": "Cost of the member's free deliveries",
                       "extra_profit": "Profit on the member's extra purchases",
                       "contribution": "What the member contributes (fee − deliveries + extra profit)",
                       "break_even_extra_spend": "Extra spend at which the member pays off"}


def prime_member_economics(**values: float) -> PrimeMember:
    """What one Prime member brings Amazon in a year, and the extra spend at which the member pays off.

    contribution = fee + extra_spend × extra_spend_margin − orders_per_year × delivery_cost_per_order

    Runs :data:`PRIME_MEMBER`. ``values`` are any of its inputs: ``fee`` (USD a year),
    ``orders_per_year``, ``delivery_cost_per_order`` (USD, the cost of the free delivery Amazon
    bears), ``extra_spend`` (USD a year the member buys because of Prime, beyond what they would
    buy anyway) and ``extra_spend_margin`` (a fraction, Amazon's margin on it); the rest take
    their defaults. A value outside an input's bounds raises :class:`~amazon_case.kit.AssumptionError`.
    The break-even extra spend is (orders × delivery cost − fee) / margin, and zero when the fee
    alone covers the deliveries.
    """
    result = PRIME_MEMBER.evaluate(**values)
    return PrimeMember(**{f.name: result[f.name] for f in dataclasses.fields(PrimeMember)})
