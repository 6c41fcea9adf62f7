"""The latest quarters: Amazon's three-month segment figures, summed to trailing twelve months (TTM).

The annual file ends with the last 10-K (fiscal 2025); the quarterly file goes further, to the latest
release the book has read. This module turns it into what the AWS and Two souls chapters draw beside
the fiscal years:

- :func:`segment_quarters`: each segment's net sales and operating income per quarter (three months).
- :func:`segment_ttm`: the four quarters to a given quarter, summed, in the shape of
  :func:`amazon_case.filings.segment_history` (one row per segment), labelled by :func:`ttm_label`.
- :func:`aws_quarterly_growth`: AWS's net sales against the same quarter a year earlier, and its margin.
- :func:`quarterly_source`: the releases a set of quarters comes from, for a chart's ``Source:`` line.

A quarter is compared with the same quarter a year earlier, and a TTM with the TTM a year earlier:
never a quarter with a year. Quarterly figures are unaudited (releases and 10-Qs, not a 10-K).
"""

from __future__ import annotations

import re

import altair as alt
import pandas as pd

from ..filings import SEGMENT_METRICS

#: The quarterly file's metrics that :func:`segment_quarters` reads.
SEGMENT_QUARTER_METRICS = tuple(metric for pair in SEGMENT_METRICS.values() for metric in pair)


def quarter_name(fiscal_year: int, quarter: int) -> str:
    """``"Q2 2026"``."""
    return f"Q{int(quarter)} {int(fiscal_year)}"


def ttm_label(fiscal_year: int, quarter: int) -> str:
    """How the charts and the prose name the twelve months to a quarter: ``"TTM Q2 2026"``."""
    return f"TTM {quarter_name(fiscal_year, quarter)}"


def latest_quarter(quarterly: pd.DataFrame) -> tuple[int, int]:
    """The last quarter for which the quarterly file has every segment's three-month figures."""
    rows = quarterly[(quarterly["basis"] == "three_months") & quarterly["metric"].isin(SEGMENT_QUARTER_METRICS)]
    complete = rows.groupby(["fiscal_year", "quarter"])["metric"].nunique()
    complete = complete[complete == len(SEGMENT_QUARTER_METRICS)]
    if complete.empty:
        raise ValueError("the quarterly file has no quarter with every segment's figures")
    year, quarter = complete.index.max()
    return int(year), int(quarter)


def previous_quarters(fiscal_year: int, quarter: int, count: int) -> list[tuple[int, int]]:
    """The ``count`` quarters that end with (``fiscal_year``, ``quarter``), oldest first."""
    if not 1 <= int(quarter) <= 4:
        raise ValueError(f"quarter must be 1 to 4, got {quarter!r}")
    index = int(fiscal_year) * 4 + int(quarter) - 1
    return [(i // 4, i % 4 + 1) for i in range(index - count + 1, index + 1)]


def segment_quarters(quarterly: pd.DataFrame) -> pd.DataFrame:
    """Each segment's net sales and operating income per quarter (three months, USD millions).

    ``quarterly`` is :func:`amazon_case.filings.load_quarterly`. Returns ``fiscal_year``, ``quarter``,
    ``segment``, ``net_sales_musd``, ``operating_income_musd``, ``operating_margin``, for the quarters
    with every segment's figures.
    """
    rows = quarterly[(quarterly["basis"] == "three_months") & quarterly["metric"].isin(SEGMENT_QUARTER_METRICS)]
    wide = rows.pivot_table(index=["fiscal_year", "quarter"], columns="metric", values="value", aggfunc="first")
    wide = wide.dropna()
    frames = [pd.DataFrame({"fiscal_year": wide.index.get_level_values(0).astype(int),
                            "quarter": wide.index.get_level_values(1).astype(int), "segment": segment,
                            "net_sales_musd": wide[sales].to_numpy(), "operating_income_musd": wide[income].to_numpy()})
              for segment, (sales, income) in SEGMENT_METRICS.items()]
    out = pd.concat(frames, ignore_index=True).sort_values(["fiscal_year", "quarter"], kind="stable")
    out["operating_margin"] = out["operating_income_musd"] / out["net_sales_musd"]
    return out.reset_index(drop=True)


def segment_ttm(quarterly: pd.DataFrame, fiscal_year: int, quarter: int) -> pd.DataFrame:
    """The segments' net sales and operating income over the four quarters to (``fiscal_year``, ``quarter``).

    Rows as :func:`amazon_case.filings.segment_history`'s (``fiscal_year`` is the year the twelve months
    end in), with ``period`` (:func:`ttm_label`). Raises ``ValueError`` naming a missing quarter.
    """
    by_quarter = segment_quarters(quarterly).set_index(["fiscal_year", "quarter"])
    wanted = previous_quarters(fiscal_year, quarter, 4)
    missing = [quarter_name(*q) for q in wanted if q not in by_quarter.index]
    if missing:
        raise ValueError(f"the quarterly file lacks {', '.join(missing)} for the twelve months to "
                         f"{quarter_name(fiscal_year, quarter)}")
    four = by_quarter.loc[wanted].groupby("segment", sort=False)[["net_sales_musd", "operating_income_musd"]].sum()
    out = four.reindex(list(SEGMENT_METRICS)).reset_index()
    out.insert(0, "fiscal_year", int(fiscal_year))
    out["operating_margin"] = out["operating_income_musd"] / out["net_sales_musd"]
    out["period"] = ttm_label(fiscal_year, quarter)
    return out


def aws_quarterly_growth(quarterly: pd.DataFrame) -> pd.DataFrame:
    """AWS per quarter: net sales, operating income, margin, and growth on the same quarter a year earlier.

    Returns ``fiscal_year``, ``quarter``, ``period`` (``"Q2 2026"``), ``net_sales_musd``,
    ``operating_income_musd``, ``operating_margin`` and ``yoy_growth`` (empty where the quarter a year
    earlier is not in the file).
    """
    aws = segment_quarters(quarterly).query("segment == 'AWS'").set_index(["fiscal_year", "quarter"])
    before = {(y + 1, q): v for (y, q), v in aws["net_sales_musd"].items()}
    out = aws.reset_index()
    out["yoy_growth"] = [value / before[(y, q)] - 1 if (y, q) in before else float("nan")
                         for y, q, value in zip(out["fiscal_year"], out["quarter"], out["net_sales_musd"])]
    out.insert(2, "period", [quarter_name(y, q) for y, q in zip(out["fiscal_year"], out["quarter"])])
    return out.drop(columns="segment")


_RELEASE = re.compile(r"Amazon (Q\d) (\d{4}) earnings release")


def quarterly_source(quarterly: pd.DataFrame, metrics: tuple[str, ...] | list[str],
                     quarters: list[tuple[int, int]]) -> str:
    """The documents the quarterly file cites for ``metrics`` in ``quarters``, for a ``Source:`` line.

    Earnings releases are named by their quarter, in order ("Amazon's earnings releases (Form 8-K,
    Exhibit 99.1) for Q3 2024, Q2 2025 …"), saying so where a release also gave earlier quarters (its
    quarterly tables); any other document by its name. Raises ``ValueError`` if the file has none of the figures.
    """
    keys = {(int(y), int(q)) for y, q in quarters}
    in_quarters = pd.Series([(int(y), int(q)) in keys for y, q in zip(quarterly["fiscal_year"], quarterly["quarter"])],
                            index=quarterly.index)
    rows = quarterly[quarterly["metric"].isin(list(metrics)) & in_quarters]
    if rows.empty:
        raise ValueError(f"no quarterly figures for {list(metrics)} in {sorted(keys)}")
    releases, others = set(), set()
    for document in rows["document"].unique():
        found = _RELEASE.match(document)
        if found:
            releases.add((int(found.group(2)), int(found.group(1)[1])))
        else:
            others.add(document)
    parts = []
    if releases:
        named = [quarter_name(*q) for q in sorted(releases)]
        listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + " and " + named[-1]
        earlier = ", which also give the earlier quarters" if releases < keys else ""
        parts.append(f"Amazon's earnings releases (Form 8-K, Exhibit 99.1) for {listed}{earlier}; unaudited")
    parts += sorted(others)
    return "; ".join(parts)


def period_axis(periods: list[str], title: str) -> alt.X:
    """An ordinal x axis over ``periods`` (fiscal years, then a TTM), labels upright, a TTM on two lines."""
    ttm = [p for p in periods if p.startswith("TTM ")]
    expression = "datum.value"
    for label in ttm:
        expression = f"datum.value == '{label}' ? ['TTM', '{label.removeprefix('TTM ')}'] : {expression}"
    return alt.X("period:O", title=title, sort=list(periods), scale=alt.Scale(domain=list(periods)),
                 axis=alt.Axis(labelAngle=0, labelExpr=expression))
