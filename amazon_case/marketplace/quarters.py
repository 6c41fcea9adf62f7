"""The quarterly figures the marketplace chapter uses: trailing twelve months and the seller unit mix.

Read from :func:`amazon_case.filings.load_quarterly` (Amazon's earnings releases, Q1 2024 to the
latest quarter read) and, for the one earlier statement of the unit share (Q4 2020), from
:func:`amazon_case.filings.load_statements`.

- :func:`ttm`: a net sales line over the trailing twelve months to the latest quarter, the sum of the
  last four three-month figures (a quarter missing is an error, not a gap filled in).
- :func:`unit_share_statements`: every quarter's "WW seller unit mix" (the third-party share of
  worldwide paid units) with the document it comes from, and the quarters the file lacks.
- :func:`yearly_unit_shares`: the share the take rate uses for each fiscal year: the average of the
  year's four quarters where the quarterly file has them, else the fourth quarter alone.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

__all__ = ["UNIT_SHARE_METRIC", "UNIT_SHARE_STATEMENT_METRIC", "TTMValue", "last_four_quarters", "latest_quarter",
           "quarter_label", "quarters_between", "ttm", "ttm_label", "unit_share_statements", "yearly_unit_shares"]

#: The quarterly file's metric: Amazon's "WW seller unit mix -- % of WW paid units" (percent).
UNIT_SHARE_METRIC = "third_party_unit_share_pct"
#: The dated statements' metric for the same share (Q4 2020, as reported).
UNIT_SHARE_STATEMENT_METRIC = "third_party_share_of_paid_units_pct"


def quarter_label(year: int, quarter: int) -> str:
    """``"Q2 2026"``."""
    return f"Q{int(quarter)} {int(year)}"


def latest_quarter(quarterly: pd.DataFrame) -> tuple[int, int]:
    """The latest (fiscal year, quarter) with three-month figures in the quarterly file."""
    flows = quarterly[quarterly["basis"] == "three_months"]
    year, quarter = max(zip(flows["fiscal_year"], flows["quarter"]))
    return int(year), int(quarter)


def ttm_label(year: int, quarter: int) -> str:
    """``"TTM to Q2 2026"``: how the book names the twelve months to a quarter's end."""
    return f"TTM to {quarter_label(year, quarter)}"


def quarters_between(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    """Every (fiscal year, quarter) from ``first`` to ``last``, both included, oldest first."""
    start, end = 4 * first[0] + first[1] - 1, 4 * last[0] + last[1] - 1
    return [(i // 4, i % 4 + 1) for i in range(start, end + 1)]


def last_four_quarters(year: int, quarter: int) -> list[tuple[int, int]]:
    """The four quarters ending with ``(year, quarter)``, oldest first."""
    start = 4 * year + quarter - 4
    return quarters_between((start // 4, start % 4 + 1), (year, quarter))


@dataclass(frozen=True)
class TTMValue:
    """A flow over the trailing twelve months: its value, the quarters summed and the documents they come from."""

    metric: str
    value: float
    quarters: tuple[tuple[int, int], ...]
    documents: tuple[str, ...]

    @property
    def label(self) -> str:
        return ttm_label(*self.quarters[-1])

    @property
    def source(self) -> str:
        """Where the sum comes from, for a chart's source line."""
        first, last = quarter_label(*self.quarters[0]), quarter_label(*self.quarters[-1])
        return (f"Amazon's earnings releases for {first} to {last} (Form 8-K, Exhibit 99.1), three-month figures "
                "summed (data/amazon_quarterly.csv)")


def ttm(quarterly: pd.DataFrame, metric: str, end: tuple[int, int] | None = None) -> TTMValue:
    """``metric`` (three-month figures, USD millions) summed over the four quarters to ``end`` (default: the latest).

    Raises ``KeyError`` naming the quarter if one of the four is missing: a trailing sum with a hole is not one.
    """
    end = latest_quarter(quarterly) if end is None else end
    rows = quarterly[(quarterly["basis"] == "three_months") & (quarterly["metric"] == metric)]
    by_quarter = {(int(r.fiscal_year), int(r.quarter)): r for r in rows.itertuples()}
    quarters = last_four_quarters(*end)
    missing = [quarter_label(*q) for q in quarters if q not in by_quarter]
    if missing:
        raise KeyError(f"{metric}: no three-month figure for {', '.join(missing)} in the quarterly file")
    picked = [by_quarter[q] for q in quarters]
    return TTMValue(metric, float(sum(r.value for r in picked)), tuple(quarters),
                    tuple(dict.fromkeys(r.document for r in picked)))


def unit_share_statements(quarterly: pd.DataFrame, statements: pd.DataFrame) -> pd.DataFrame:
    """Every stated third-party share of paid units, one row per quarter, oldest first.

    The quarterly file's "WW seller unit mix" for each quarter from its first to its latest (a quarter it
    lacks is a row with ``share`` NaN and ``stated`` False), after the dated statements' earlier quarters
    (Q4 2020, from one secondary report). Columns: ``period`` ("Q2 2026"), ``fiscal_year``, ``quarter``,
    ``share`` (fraction), ``stated``, ``document``, ``status``.
    """
    mix = quarterly[(quarterly["metric"] == UNIT_SHARE_METRIC) & (quarterly["basis"] == "three_months")]
    by_quarter = {(int(r.fiscal_year), int(r.quarter)): r for r in mix.itertuples()}
    flows = quarterly[quarterly["basis"] == "three_months"]
    first = min(zip(flows["fiscal_year"], flows["quarter"]))
    rows = []
    earlier = statements[statements["metric"] == UNIT_SHARE_STATEMENT_METRIC]
    for st in earlier.itertuples():
        quarter, year = str(st.period).split()  # "Q4 2020"
        key = (int(year), int(quarter.removeprefix("Q")))
        if key < first:
            rows.append({"period": st.period, "fiscal_year": key[0], "quarter": key[1], "share": st.value / 100,
                         "stated": True, "document": st.document, "status": st.status})
    for year, quarter in quarters_between(first, latest_quarter(quarterly)):
        r = by_quarter.get((year, quarter))
        rows.append({"period": quarter_label(year, quarter), "fiscal_year": year, "quarter": quarter,
                     "share": r.value / 100 if r is not None else float("nan"), "stated": r is not None,
                     "document": r.document if r is not None else "not read", "status": r.status if r is not None else ""})
    return pd.DataFrame(rows).sort_values(["fiscal_year", "quarter"]).reset_index(drop=True)


def yearly_unit_shares(shares: pd.DataFrame) -> pd.DataFrame:
    """The third-party unit share of each fiscal year with a stated share, and how it was formed.

    ``shares`` is :func:`unit_share_statements`. A year with all four quarters stated gets their
    average (a simple average: Amazon gives no unit counts to weight the quarters by); a year with
    its fourth quarter alone gets that share (``basis`` says so, and whether it rests on a single report).
    Years with neither are left out. Returns one row per fiscal year: ``unit_share``, ``q4_share``,
    ``quarters`` (how many were averaged) and ``basis``.
    """
    rows = []
    for year, group in shares[shares["stated"]].groupby("fiscal_year"):
        quarters = sorted(group["quarter"])
        q4 = group[group["quarter"] == 4]["share"]
        if quarters == [1, 2, 3, 4]:
            basis = f"average of Q1–Q4 {year}"
            share = float(group["share"].mean())
        elif not q4.empty:
            single = (group[group["quarter"] == 4]["status"] == "SINGLE-SOURCE").any()
            basis = f"Q4 {year} alone" + (", from one secondary report" if single else "")
            share = float(q4.iloc[0])
        else:
            continue
        rows.append({"fiscal_year": int(year), "unit_share": share, "q4_share": float(q4.iloc[0]) if not q4.empty else float("nan"),
                     "quarters": len(quarters) if quarters == [1, 2, 3, 4] else 1, "basis": basis})
    return pd.DataFrame(rows).set_index("fiscal_year")
