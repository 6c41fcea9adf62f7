"""First-party retail, the latest twelve months: trailing-twelve-month (TTM) figures from Amazon's quarterly releases.

A fiscal year ends on December 31; the quarterly file (:func:`amazon_case.filings.load_quarterly`)
runs further. The charts set the twelve months to the latest quarter beside the fiscal years,
marked as such: they overlap the last fiscal year (TTM to Q2 2026 holds Q3 and Q4 2025), so
they are drawn apart, never joined to the yearly line as if they were another year.

- :func:`latest_quarter` and :func:`ttm_label`: the last quarter the file has every figure for.
- :func:`ttm_flows`: three-month figures summed over the four quarters to it (net sales,
  segment results), and the same four quarters a year earlier.
- :func:`ttm_segment_margins`, :func:`ttm_online_store_growth`, :func:`ttm_cash_flows`.
- :func:`quarterly_citation`: the releases those figures come from, for a chart's source line.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import pandas as pd

from ..filings import SEGMENT_METRICS

#: The TTM cash-flow lines Amazon prints in each release (its free-cash-flow reconciliation).
TTM_CASH_METRICS = ("operating_cash_flow_ttm", "capex_purchases_property_equipment_ttm",
                    "proceeds_property_equipment_sales_incentives_ttm", "capex_net_of_proceeds_ttm",
                    "free_cash_flow_ttm")
#: The three-month figures a TTM margin needs.
SEGMENT_FLOW_METRICS = tuple(m for pair in SEGMENT_METRICS.values() for m in pair)


def _key(year: int, quarter: int) -> int:
    return int(year) * 4 + int(quarter) - 1


def _quarter(key: int) -> tuple[int, int]:
    return key // 4, key % 4 + 1


def latest_quarter(quarterly: pd.DataFrame, metrics: Iterable[str] = TTM_CASH_METRICS) -> tuple[int, int]:
    """The last (fiscal year, quarter) for which the file has every one of ``metrics``."""
    metrics = list(metrics)
    rows = quarterly[quarterly["metric"].isin(metrics)]
    have = rows.groupby(["fiscal_year", "quarter"])["metric"].nunique()
    complete = have[have == len(metrics)]
    if complete.empty:
        raise ValueError(f"no quarter has every one of {metrics}")
    year, quarter = max(complete.index)
    return int(year), int(quarter)


def ttm_label(year: int, quarter: int) -> str:
    """How the charts and tables name the twelve months to a quarter: ``"TTM Q2 2026"``."""
    return f"TTM Q{quarter} {year}"


def ttm_flows(quarterly: pd.DataFrame, metrics: Iterable[str], end: tuple[int, int], years_back: int = 0) -> pd.Series:
    """Each metric's three-month figures summed over the four quarters to ``end`` (USD millions).

    ``years_back`` = 1 gives the same four quarters a year earlier. Raises ``ValueError`` naming the
    metric and the quarters when one of the four is missing: a TTM figure is four quarters or none.
    """
    last = _key(*end) - 4 * years_back
    quarters = [_quarter(k) for k in range(last - 3, last + 1)]
    flows = quarterly[quarterly["basis"] == "three_months"].set_index(["metric", "fiscal_year", "quarter"])["value"]
    sums = {}
    for metric in metrics:
        missing = [f"Q{q} {y}" for y, q in quarters if (metric, y, q) not in flows.index]
        if missing:
            raise ValueError(f"{metric}: no three-month figure for {', '.join(missing)}")
        sums[metric] = float(sum(flows[(metric, y, q)] for y, q in quarters))
    return pd.Series(sums)


def ttm_segment_margins(quarterly: pd.DataFrame, end: tuple[int, int]) -> pd.DataFrame:
    """Each segment's net sales, operating income and margin over the twelve months to ``end``.

    Rows as :func:`amazon_case.filings.segment_history`'s (``segment``, ``net_sales_musd``,
    ``operating_income_musd``, ``operating_margin``), with ``period`` (:func:`ttm_label`).
    """
    sums = ttm_flows(quarterly, SEGMENT_FLOW_METRICS, end)
    return pd.DataFrame([{"segment": segment, "net_sales_musd": sums[sales], "operating_income_musd": sums[income],
                          "operating_margin": sums[income] / sums[sales], "period": ttm_label(*end)}
                         for segment, (sales, income) in SEGMENT_METRICS.items()])


def ttm_online_store_growth(quarterly: pd.DataFrame, end: tuple[int, int]) -> float:
    """Online-store net sales over the twelve months to ``end`` against the twelve months a year before, minus one."""
    now = ttm_flows(quarterly, ["net_sales_online_stores"], end)["net_sales_online_stores"]
    before = ttm_flows(quarterly, ["net_sales_online_stores"], end, years_back=1)["net_sales_online_stores"]
    return now / before - 1


def ttm_cash_flows(quarterly: pd.DataFrame, end: tuple[int, int]) -> pd.Series:
    """Amazon's own TTM cash flows at ``end`` (USD millions), as its release prints them, beside TTM net sales.

    Index: ``operating_cash_flow``, ``capex`` (gross purchases), ``proceeds``, ``capex_net``
    (purchases net of proceeds from sales and incentives), ``free_cash_flow``, ``net_sales``
    (the four quarters' net sales). Checks that operating cash flow less net purchases is
    free cash flow, and gross less proceeds is net, within a million (Amazon rounds each line).
    """
    ttm = quarterly[(quarterly["basis"] == "ttm") & (quarterly["fiscal_year"] == end[0])
                    & (quarterly["quarter"] == end[1])].set_index("metric")["value"]
    missing = [m for m in TTM_CASH_METRICS if m not in ttm.index]
    if missing:
        raise ValueError(f"Q{end[1]} {end[0]}: no TTM figure for {', '.join(missing)}")
    flows = pd.Series({
        "operating_cash_flow": float(ttm["operating_cash_flow_ttm"]),
        "capex": float(ttm["capex_purchases_property_equipment_ttm"]),
        "proceeds": float(ttm["proceeds_property_equipment_sales_incentives_ttm"]),
        "capex_net": float(ttm["capex_net_of_proceeds_ttm"]),
        "free_cash_flow": float(ttm["free_cash_flow_ttm"]),
        "net_sales": ttm_flows(quarterly, ["net_sales_total"], end)["net_sales_total"],
    })
    for name, gap in (("free cash flow", flows["operating_cash_flow"] - flows["capex_net"] - flows["free_cash_flow"]),
                      ("net purchases", flows["capex"] - flows["proceeds"] - flows["capex_net"])):
        if abs(gap) > 1.0:
            raise ValueError(f"{ttm_label(*end)}: {name} is off by {gap:,.0f} USD m")
    return flows


def quarterly_citation(quarterly: pd.DataFrame, metrics: Iterable[str], end: tuple[int, int], quarters: int = 4) -> str:
    """The releases the ``quarters`` quarters to ``end`` of ``metrics`` are cited from, for a chart's source line.

    Example: ``"Amazon earnings releases (Form 8-K, Exhibit 99.1) of Q3 2025, Q4 2025, Q1 2026 and Q2 2026
    (data/amazon_quarterly.csv)"``: each quarter's figures as its row cites them (a later release's
    comparative column for some).
    """
    last = _key(*end)
    keys = {_key(y, q) for y, q in zip(quarterly["fiscal_year"], quarterly["quarter"])}
    wanted = [k for k in range(last - quarters + 1, last + 1) if k in keys]
    in_span = pd.Series([_key(y, q) in wanted for y, q in zip(quarterly["fiscal_year"], quarterly["quarter"])],
                        index=quarterly.index)
    rows = quarterly[quarterly["metric"].isin(list(metrics)) & in_span]
    if rows.empty:
        raise ValueError(f"no rows for {list(metrics)} in the {quarters} quarters to Q{end[1]} {end[0]}")
    named = set()
    for document in rows["document"]:
        found = re.search(r"Q([1-4]) (\d{4}) earnings release", document)
        if not found:
            raise ValueError(f"not an earnings release: {document!r}")
        named.add((int(found.group(2)), int(found.group(1))))
    names = [f"Q{q} {y}" for y, q in sorted(named)]
    listed = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    return f"Amazon earnings releases (Form 8-K, Exhibit 99.1) of {listed} (data/amazon_quarterly.csv)"
