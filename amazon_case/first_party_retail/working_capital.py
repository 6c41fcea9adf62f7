"""First-party retail, working capital in dollars: the year-end balances behind the cycle, and the cash their changes moved.

Amazon's balance sheet has four current assets (cash and cash equivalents, marketable
securities, inventories, accounts receivable net and other) and three current liabilities
(accounts payable, accrued expenses and other, unearned revenue). The annual file holds
inventories, receivables and payables; the cash-and-capital file holds the two totals and
unearned revenue (:func:`amazon_case.filings.cash_and_capital_wide`). The other lines follow
from the totals:

- cash and marketable securities = total current assets − inventories − receivables;
- accrued expenses and other = total current liabilities − payables − unearned revenue.

:func:`working_capital_balances` sets them out per year end; :func:`working_capital_changes` gives
the cash each operating balance released (+) or absorbed (−) over a year, from the change in
the balance: a balance-sheet measure that is close to, but not the same as, the cash-flow
statement's lines (acquisitions, currency and non-cash items move balances without cash).
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

#: The operating balances whose changes the chart draws: name -> (column, +1 for a liability, −1 for an asset).
OPERATING_BALANCES = {"Inventories": ("inventories", -1), "Receivables": ("receivables", -1),
                      "Payables": ("payables", 1), "Unearned revenue": ("unearned_revenue", 1)}


def working_capital_balances(wide: pd.DataFrame, cash: pd.DataFrame) -> pd.DataFrame:
    """Year-end current assets and liabilities, USD millions, one row per fiscal year both files cover.

    ``wide`` is :func:`amazon_case.filings.annual_wide`, ``cash`` :func:`amazon_case.filings.cash_and_capital_wide`.
    Columns: ``cash_and_marketable_securities`` and ``accrued_expenses_and_other`` (derived, see the
    module), ``inventories``, ``receivables``, ``payables``, ``unearned_revenue``, ``total_current_assets``,
    ``total_current_liabilities``; ``net_working_capital`` (the totals' difference), ``trade_working_capital``
    (inventories + receivables − payables: the three balances of the cash conversion cycle) and
    ``operating_working_capital`` (net working capital without cash and marketable securities).
    Raises ``ValueError`` if a derived line comes out negative (a total that does not hold its parts).
    """
    years = wide.index.intersection(cash.index[cash["total_current_assets"].notna()])
    w, c = wide.loc[years].astype(float), cash.loc[years].astype(float)
    table = pd.DataFrame({
        "inventories": w["inventories"], "receivables": w["accounts_receivable_net_and_other"],
        "payables": w["accounts_payable"], "unearned_revenue": c["unearned_revenue_current"],
        "total_current_assets": c["total_current_assets"], "total_current_liabilities": c["total_current_liabilities"],
    })
    table["cash_and_marketable_securities"] = table["total_current_assets"] - table["inventories"] - table["receivables"]
    table["accrued_expenses_and_other"] = (table["total_current_liabilities"] - table["payables"]
                                           - table["unearned_revenue"])
    for column in ("cash_and_marketable_securities", "accrued_expenses_and_other"):
        bad = table[column][table[column] < 0]
        if not bad.empty:
            raise ValueError(f"{column} is negative in {bad.to_dict()}: the totals do not hold their parts")
    table["net_working_capital"] = table["total_current_assets"] - table["total_current_liabilities"]
    table["trade_working_capital"] = table["inventories"] + table["receivables"] - table["payables"]
    table["operating_working_capital"] = table["net_working_capital"] - table["cash_and_marketable_securities"]
    return table.rename_axis("fiscal_year")


def working_capital_changes(balances: pd.DataFrame) -> pd.DataFrame:
    """Cash released (+) or absorbed (−) by the year's change in each of :data:`OPERATING_BALANCES`, USD millions.

    A rise in an asset (inventories, receivables) absorbs cash; a rise in a liability (payables,
    unearned revenue) releases it. One row per fiscal year after the first, one column per balance,
    then ``trade`` (inventories, receivables and payables) and ``total`` (the four).
    """
    change = balances.diff().iloc[1:]
    frame = pd.DataFrame({name: sign * change[column] for name, (column, sign) in OPERATING_BALANCES.items()})
    frame["trade"] = frame[["Inventories", "Receivables", "Payables"]].sum(axis=1)
    frame["total"] = frame[list(OPERATING_BALANCES)].sum(axis=1)
    return frame


def working_capital_rows(changes: pd.DataFrame, free_cash_flow: pd.Series) -> pd.DataFrame:
    """The chart's rows: one per year and balance (``usd_bn``; ``stack`` orders the bars), and one per year for free cash flow."""
    rows = [{"fiscal_year": int(year), "item": name, "stack": i, "usd_bn": float(changes.at[year, name]) / 1000}
            for year in changes.index for i, name in enumerate(OPERATING_BALANCES)]
    rows += [{"fiscal_year": int(year), "item": "Free cash flow", "stack": len(OPERATING_BALANCES),
              "usd_bn": float(free_cash_flow[year]) / 1000} for year in changes.index]
    return pd.DataFrame(rows)


def cash_file_citation(cash: pd.DataFrame, metrics: Iterable[str], years: Iterable[int]) -> str:
    """The documents the cash-and-capital file cites for ``metrics`` in ``years``, for a chart's source line.

    ``cash`` is :func:`amazon_case.filings.load_cash_and_capital` (the tidy file). Forms 10-K are
    named by the span of their fiscal years; any other document by name, with the years it gives.
    """
    years = [int(y) for y in years]
    rows = cash[cash["metric"].isin(list(metrics)) & cash["fiscal_year"].isin(years)
                & (cash["period_end"].astype(str).str.endswith("-12-31"))]
    if rows.empty:
        raise ValueError(f"no rows for {list(metrics)} in {years}")
    tenk = rows[rows["document"].str.startswith("Amazon Form 10-K for fiscal year")]
    parts = []
    if not tenk.empty:
        filed = sorted({int(d.rsplit(" ", 1)[-1]) for d in tenk["document"]})
        span = f"FY{filed[0]}" if len(filed) == 1 else f"FY{filed[0]}–FY{filed[-1]}"
        statements = "; ".join(sorted(tenk["statement"].unique()))
        parts.append(f"Amazon.com, Inc. Form 10-K for {span} ({statements})")
    for document, group in rows.drop(tenk.index).groupby("document"):
        shown = sorted(group["fiscal_year"].unique())
        parts.append(f"FY{', FY'.join(map(str, shown))}: {document}")
    return "; ".join(parts)
