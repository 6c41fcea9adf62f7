"""Where the cash goes, the filed history: the tables the chapter's charts and models read.

Every figure comes from the book's data files (``data/amazon_annual.csv``, ``amazon_quarterly.csv``,
``amazon_cash_and_capital.csv``) through :mod:`amazon_case.filings`; nothing here is an estimate.
Flows are in USD billions (the files hold USD millions), the remaining performance obligations
in USD billions as Amazon prints them.

- :func:`cash_picture`: operating cash flow, capital expenditure (gross and net), free cash flow, Amazon's
  two lease-adjusted measures where printed, stock-based compensation and net income, FY2014–FY2025 and
  the trailing twelve months to the latest quarter.
- :func:`ttm_cash_table`: the trailing-twelve-month cash flows Amazon printed each quarter.
- :func:`segment_capital`: property and equipment additions and depreciation by segment.
- :func:`souls_history`: the consumer business (North America and International) and AWS, each segment's
  operating income plus depreciation less its additions, beside the suppliers' credit of the cash
  conversion cycle.
- :func:`backlog_history`: the remaining performance obligations, the backlog management quoted on its
  calls, AWS's twelve-month net sales and Amazon's twelve-month capital expenditure, by date.
- :data:`USEFUL_LIFE_CHANGES`: the changes to the servers' useful lives and their effect, each quoted
  from the 10-K that reports it.
- :func:`investment_gains`: net income beside operating income and the investment gains it includes.
"""

from __future__ import annotations

import re
from datetime import date

import pandas as pd

from ..filings import trailing_twelve_months
from ..first_party_retail import cash_conversion_cycle

MUSD_PER_BN = 1000.0

#: The segments of the segment note's capital tables, in the order of the charts' stacks.
CAPITAL_SEGMENTS: dict[str, tuple[str, str | None, str | None]] = {
    # segment -> (additions metric, depreciation metric, net sales metric)
    "North America": ("segment_pe_additions_na", "segment_depreciation_amortization_na", "segment_na_net_sales"),
    "International": ("segment_pe_additions_intl", "segment_depreciation_amortization_intl", "segment_intl_net_sales"),
    "AWS": ("segment_pe_additions_aws", "segment_depreciation_amortization_aws", "segment_aws_net_sales"),
    "Corporate": ("segment_pe_additions_corporate", None, None),
}

#: Amazon's two lease-adjusted free cash flow measures (10-K MD&A, "Non-GAAP Financial Measures"), as it named them.
LEASE_MEASURES: dict[str, str] = {
    "fcf_less_principal_repayments_finance_leases_financing_obligations":
        "Free cash flow less principal repayments of finance leases and financing obligations",
    "fcf_less_equipment_finance_leases_and_principal_repayments_other":
        "Free cash flow less equipment finance leases and principal repayments of all other finance leases and "
        "financing obligations",
}


def ttm_label(year: int, quarter: int) -> str:
    """``"TTM Q2 2026"``: the twelve months to the end of that quarter."""
    return f"TTM Q{quarter} {year}"


def quarter_end(year: int, quarter: int) -> date:
    """The last day of a calendar quarter (Amazon's fiscal quarters are calendar quarters)."""
    month = 3 * quarter
    return date(year, month, 30 if month in (6, 9) else 31)


def latest_cash_quarter(quarterly: pd.DataFrame) -> tuple[int, int]:
    """The latest quarter whose trailing-twelve-month free cash flow the quarterly file holds."""
    ttm = trailing_twelve_months(quarterly)["free_cash_flow"].dropna()
    year, quarter = ttm.index[-1]
    return int(year), int(quarter)


def cash_picture(wide: pd.DataFrame, cash: pd.DataFrame, quarterly: pd.DataFrame) -> pd.DataFrame:
    """The cash picture, one row per fiscal year FY2014–FY2025 and one for the latest twelve months (USD bn).

    ``wide`` is :func:`~amazon_case.filings.annual_wide`, ``cash`` :func:`~amazon_case.filings.cash_and_capital_wide`,
    ``quarterly`` :func:`~amazon_case.filings.load_quarterly`. Columns: ``period`` ("2025", "TTM Q2 2026"),
    ``kind`` ("fiscal year" or "ttm"), ``fiscal_year``, ``operating_cash_flow``, ``capex_gross`` (purchases of
    property and equipment; for 2014 the figure printed, which is already net of incentives), ``proceeds``
    (proceeds from property and equipment sales and incentives; 0 for 2014, printed inside the purchases),
    ``printed_net_only`` (2014), ``capex_net``, ``free_cash_flow`` (as Amazon printed it), the two lease-adjusted
    measures (NaN for the years Amazon did not print them), ``stock_based_compensation`` (NaN for the twelve
    months: the releases print it for the quarter only, and the book does not hold it) and ``net_income``.

    The second lease-adjusted measure for FY2024 is the fourth quarter's trailing twelve months in the
    quarterly file (Amazon's Q4 2024 supplemental metrics), which for a flow is the fiscal year.
    """
    rows = []
    ttm = trailing_twelve_months(quarterly)
    for year in wide.index:
        proceeds = wide.at[year, "proceeds_property_equipment_sales_incentives"]
        measures = {m: cash.at[year, m] if year in cash.index else float("nan") for m in LEASE_MEASURES}
        for metric, value in measures.items():
            if pd.isna(value) and (year, 4) in ttm.index and metric in ttm.columns:
                measures[metric] = ttm.at[(year, 4), metric]
        rows.append({
            "period": str(int(year)), "kind": "fiscal year", "fiscal_year": int(year),
            "operating_cash_flow": wide.at[year, "operating_cash_flow"],
            "capex_gross": wide.at[year, "capex_purchases_property_equipment"],
            "proceeds": 0.0 if pd.isna(proceeds) else proceeds, "printed_net_only": bool(pd.isna(proceeds)),
            "free_cash_flow": wide.at[year, "free_cash_flow"], **measures,
            "stock_based_compensation": cash.at[year, "stock_based_compensation"],
            "net_income": wide.at[year, "net_income"],
        })
    year, quarter = latest_cash_quarter(quarterly)
    last = ttm.loc[(year, quarter)]
    rows.append({
        "period": ttm_label(year, quarter), "kind": "ttm", "fiscal_year": year,
        "operating_cash_flow": last["operating_cash_flow"], "capex_gross": last["capex_purchases_property_equipment"],
        "proceeds": last["proceeds_property_equipment_sales_incentives"], "printed_net_only": False,
        "free_cash_flow": last["free_cash_flow"], **{m: last.get(m, float("nan")) for m in LEASE_MEASURES},
        "stock_based_compensation": float("nan"), "net_income": last["net_income"],
    })
    frame = pd.DataFrame(rows).set_index("period")
    money = [c for c in frame.columns if c not in ("kind", "fiscal_year", "printed_net_only")]
    frame[money] = frame[money].astype(float) / MUSD_PER_BN
    frame["capex_net"] = frame["capex_gross"] - frame["proceeds"]
    return frame


def ttm_cash_table(quarterly: pd.DataFrame, first: tuple[int, int] = (2024, 4)) -> pd.DataFrame:
    """The trailing-twelve-month cash flows Amazon printed at each quarter from ``first`` on (USD bn).

    Columns: operating cash flow, purchases of property and equipment, proceeds, free cash flow and net
    income (the four quarters' sum), one row per quarter, labelled "TTM Q2 2026".
    """
    ttm = trailing_twelve_months(quarterly)
    ttm = ttm[[index >= first for index in ttm.index]]
    table = ttm[["operating_cash_flow", "capex_purchases_property_equipment",
                 "proceeds_property_equipment_sales_incentives", "free_cash_flow", "net_income"]] / MUSD_PER_BN
    table.index = [ttm_label(int(y), int(q)) for y, q in table.index]
    return table


def segment_capital(wide: pd.DataFrame, cash: pd.DataFrame) -> pd.DataFrame:
    """Property and equipment additions and depreciation and amortization by segment and year (USD bn).

    From the segment note. Columns: ``fiscal_year``, ``segment`` (North America, International, AWS,
    Corporate), ``additions``, ``depreciation`` (NaN for Corporate, which the note does not charge, and
    wherever the figure was not read: North America and International in FY2024), ``net_sales`` (NaN for
    Corporate). The additions include property acquired under finance leases and property acquired but not
    yet paid for: they are not the cash-flow statement's purchases.
    """
    rows = []
    for year in cash.index:
        for segment, (additions, depreciation, sales) in CAPITAL_SEGMENTS.items():
            rows.append({
                "fiscal_year": int(year), "segment": segment,
                "additions": cash.at[year, additions] / MUSD_PER_BN,
                "depreciation": cash.at[year, depreciation] / MUSD_PER_BN if depreciation else float("nan"),
                "net_sales": wide.at[year, sales] / MUSD_PER_BN if sales else float("nan"),
            })
    return pd.DataFrame(rows)


def souls_history(wide: pd.DataFrame, cash: pd.DataFrame) -> pd.DataFrame:
    """The two souls' cash, one row per fiscal year (USD bn).

    ``consumer_*`` is the North America and International segments together (the stores, with their
    third-party seller services, advertising and subscriptions), ``aws_*`` the AWS segment; each has its
    operating income, depreciation and amortization, and property and equipment additions. The consumer
    depreciation is the segments' total less AWS's, so that it exists in FY2024, when the two store segments'
    figures were not read. ``corporate_additions`` is the note's unallocated corporate line.

    ``suppliers_credit`` is what the consumer business's negative cash conversion cycle lends it at the year end:
    accounts payable less inventories, computed from :func:`amazon_case.first_party_retail.cash_conversion_cycle`
    as (DPO − DIO) × one day of cost of sales; ``suppliers_credit_change`` is its change over the year (the cash
    it released), NaN for the first year. ``ccc_days`` is the cycle itself.
    """
    cycle = cash_conversion_cycle(wide)
    credit = (cycle["dpo"] - cycle["dio"]) * cycle["daily_cost_of_sales"] / MUSD_PER_BN
    frame = pd.DataFrame({
        "consumer_operating_income": wide["segment_na_operating_income"] + wide["segment_intl_operating_income"],
        "consumer_depreciation": cash["segment_depreciation_amortization_total"] - cash["segment_depreciation_amortization_aws"],
        "consumer_additions": cash["segment_pe_additions_na"] + cash["segment_pe_additions_intl"],
        "aws_operating_income": wide["segment_aws_operating_income"],
        "aws_depreciation": cash["segment_depreciation_amortization_aws"],
        "aws_additions": cash["segment_pe_additions_aws"],
        "corporate_additions": cash["segment_pe_additions_corporate"],
    }).dropna() / MUSD_PER_BN
    frame["suppliers_credit"] = credit.reindex(frame.index)
    frame["suppliers_credit_change"] = frame["suppliers_credit"].diff()
    frame["ccc_days"] = cycle["ccc"].reindex(frame.index)
    frame.index = frame.index.astype(int)
    return frame.rename_axis("fiscal_year")


def backlog_history(wide: pd.DataFrame, cash_tidy: pd.DataFrame, quarterly: pd.DataFrame) -> pd.DataFrame:
    """The demand behind the capex, by date (USD bn; ``life`` in years).

    ``cash_tidy`` is :func:`~amazon_case.filings.load_cash_and_capital` (the quarter-end figures are only in the
    tidy table). One row per date with: ``obligations`` (remaining performance obligations, "commitments not yet
    recognized" under contracts of more than one year, primarily AWS; NaN where not read), ``life`` (their
    weighted-average remaining life), ``call_backlog`` (the AWS backlog management quoted on the earnings call:
    not a filing), ``aws_sales`` (AWS net sales over the twelve months to the date: the fiscal year at a year end,
    the four quarters' sum at a quarter end) and ``capex`` (Amazon's purchases of property and equipment over the
    same twelve months, gross, all segments), and ``document`` (the filing the obligations come from).
    """
    def picked(metric: str) -> pd.Series:
        rows = cash_tidy[cash_tidy["metric"] == metric]
        return pd.Series(rows["value"].to_numpy(), index=pd.to_datetime(rows["period_end"]))

    obligations, life, call = (picked(m) for m in ("remaining_performance_obligations",
                                                     "remaining_performance_obligations_life", "aws_backlog_call_quoted"))
    documents = cash_tidy[cash_tidy["metric"] == "remaining_performance_obligations"].set_index(
        pd.to_datetime(cash_tidy.loc[cash_tidy["metric"] == "remaining_performance_obligations", "period_end"]))["document"]
    ttm = trailing_twelve_months(quarterly)
    sales, capex = {}, {}
    for year in wide.index:
        at = pd.Timestamp(date(int(year), 12, 31))
        sales[at], capex[at] = wide.at[year, "segment_aws_net_sales"], wide.at[year, "capex_purchases_property_equipment"]
    for (year, quarter), row in ttm.iterrows():
        at = pd.Timestamp(quarter_end(int(year), int(quarter)))
        if pd.notna(row.get("segment_aws_net_sales")):
            sales[at] = row["segment_aws_net_sales"]
        if pd.notna(row.get("capex_purchases_property_equipment")):
            capex[at] = row["capex_purchases_property_equipment"]
    frame = pd.DataFrame({"obligations": obligations, "life": life, "call_backlog": call,
                          "aws_sales": pd.Series(sales) / MUSD_PER_BN, "capex": pd.Series(capex) / MUSD_PER_BN,
                          "document": documents}).sort_index()
    first = min(obligations.index.min(), call.index.min())
    return frame[frame.index >= first].rename_axis("date")


#: The changes to the estimated useful lives of Amazon's servers, and their effect on the year they took effect,
#: each as the 10-K for that year states it (Note 1, "Use of Estimates"). The effect is on depreciation and
#: amortization expense, in USD billions (negative: less depreciation, more operating income); the FY2024 and
#: FY2025 10-Ks were read through the secondary transcriptions the data notes name.
USEFUL_LIFE_CHANGES = pd.DataFrame([
    {"effective": "1 January 2020", "fiscal_year": 2020, "change": "servers: 3 to 4 years",
     "depreciation_effect": -2.7, "net_income_effect": 2.0, "filing": "Form 10-K for fiscal 2020",
     "reason": "continuous improvements in our hardware, software, and data center designs"},
    {"effective": "1 January 2022", "fiscal_year": 2022, "change": "servers: 4 to 5 years; networking equipment: 5 to 6",
     "depreciation_effect": -3.6, "net_income_effect": 2.8, "filing": "Form 10-K for fiscal 2022",
     "reason": "continuous improvements in our hardware, software, and data center designs"},
    {"effective": "1 January 2024", "fiscal_year": 2024, "change": "servers: 5 to 6 years",
     "depreciation_effect": -3.2, "net_income_effect": 2.5, "filing": "Form 10-K for fiscal 2024",
     "reason": "announced in the FY2023 10-K after a useful life study"},
    {"effective": "1 January 2025", "fiscal_year": 2025, "change": "a subset of servers and networking equipment: 6 to 5 years",
     "depreciation_effect": 1.4, "net_income_effect": -1.0, "filing": "Form 10-K for fiscal 2025",
     "reason": "the increased pace of technology development, particularly in the area of artificial intelligence "
               "and machine learning; primarily the AWS segment"},
])

#: Buildings' useful life in Amazon's 10-K: "generally the lesser of 40 years or the remaining life of the underlying
#: building" (FY2023 10-K, Note 1, Property and Equipment, Net; "Lesser of forty years ..." in the FY2025 10-K's table).
BUILDING_LIFE_YEARS = 40.0


def investment_gains(wide: pd.DataFrame, cash: pd.DataFrame, cash_tidy: pd.DataFrame,
                     quarterly: pd.DataFrame) -> pd.DataFrame:
    """Net income beside operating income, other income and the investment gains Amazon named (USD bn).

    One row per fiscal year 2021–2025 and the latest twelve months: ``operating_income``, ``net_income``,
    ``other_income`` (other income (expense), net: NaN for the twelve months, whose quarters the book does not
    all hold), ``named_gains`` (what Amazon's filings and releases name: Rivian's valuation gain or loss in
    2021–2023, Anthropic's pre-tax gains in the quarters the releases state them), ``named_gains_note`` and
    ``free_cash_flow``.
    """
    rows = []
    for year in range(2021, int(wide.index.max()) + 1):
        rivian = cash.at[year, "rivian_valuation_gain_loss"] if year in cash.index else float("nan")
        anthropic = cash_tidy[(cash_tidy["metric"] == "anthropic_pretax_gains_quarter") & (cash_tidy["fiscal_year"] == year)]
        named, note = (rivian, "Rivian") if pd.notna(rivian) else (anthropic["value"].sum(), "Anthropic, Q3 only")
        if pd.isna(rivian) and anthropic.empty:
            named, note = float("nan"), "none named"
        rows.append({"period": str(year), "operating_income": wide.at[year, "operating_income_total"],
                     "net_income": wide.at[year, "net_income"], "other_income": cash.at[year, "other_income_expense_net"],
                     "named_gains": named, "named_gains_note": note, "free_cash_flow": wide.at[year, "free_cash_flow"]})
    year, quarter = latest_cash_quarter(quarterly)
    ttm = trailing_twelve_months(quarterly).loc[(year, quarter)]
    window = {(year - (quarter - k <= 0), (quarter - k - 1) % 4 + 1) for k in range(4)}  # the four quarters to (year, quarter)
    named = quarterly[quarterly["metric"] == "anthropic_pretax_gains"]
    gains = named[[(int(y), int(q)) in window for y, q in zip(named["fiscal_year"], named["quarter"])]]
    quarters = ", ".join(f"Q{q} {y}" for y, q in zip(gains["fiscal_year"], gains["quarter"]))
    rows.append({"period": ttm_label(year, quarter), "operating_income": ttm["operating_income_total"],
                 "net_income": ttm["net_income"], "other_income": float("nan"), "named_gains": gains["value"].sum(),
                 "named_gains_note": f"Anthropic, {quarters}", "free_cash_flow": ttm["free_cash_flow"]})
    frame = pd.DataFrame(rows).set_index("period")
    money = ["operating_income", "net_income", "other_income", "named_gains", "free_cash_flow"]
    frame[money] = frame[money].astype(float) / MUSD_PER_BN
    return frame


def cash_citation(cash_tidy: pd.DataFrame, metrics: list[str] | tuple[str, ...],
                  years: range | list[int] | None = None) -> str:
    """Which Amazon documents the cash-and-capital figures of ``metrics`` come from, for a chart's source line.

    Forms 10-K are named as one span ("Form 10-K for FY2016–FY2025"), the other documents one by one.
    """
    rows = cash_tidy[cash_tidy["metric"].isin(metrics)]
    if years is not None:
        rows = rows[rows["fiscal_year"].isin(list(years))]
    if rows.empty:
        raise ValueError(f"no records for metrics {list(metrics)} in years {years}")
    tenk = sorted({int(m.group(1)) for d in rows["document"] if (m := re.fullmatch(r"Amazon Form 10-K for fiscal year (\d{4})", d))})
    named = sorted(set(rows.loc[rows["document"].str.startswith("Amazon Form 10-K"), "statement"]), key=len)
    families = [n for i, n in enumerate(named) if not any(n.startswith(m + " ") for m in named[:i])]
    statements = "; ".join(sorted(families))  # "Segment Information note (Note 10)" counts as "Segment Information note"
    parts = [f"Amazon.com, Inc. Form 10-K for FY{tenk[0]}–FY{tenk[-1]} ({statements})"] if tenk else []
    tenq = sorted({m.group(1) for d in rows["document"] if (m := re.match(r"Amazon Form 10-Q for the quarter ended (\S+)", d))})
    if tenq:
        parts.append("Forms 10-Q for the quarters ended " + ", ".join(tenq))
    calls = sorted({m.group(1) for d in rows["document"] if (m := re.match(r"Amazon (Q\d \d{4}) earnings call", d))},
                   key=lambda q: (q[3:], q[:2]))
    if calls:
        parts.append("management on the earnings calls of " + ", ".join(calls)
                     + " (as reported by secondary sources; not a filing)")
    others = sorted({re.sub(r"^computed from ", "our arithmetic on ", re.sub(r", \d{4}-\d{2}-\d{2}$", "", re.sub(
        r", acc\. [0-9-]+", "", d))) for d in rows["document"]
                     if not re.match(r"Amazon (Form 10-[KQ] |Q\d \d{4} earnings call)", d)})
    return "; ".join(parts + others)
