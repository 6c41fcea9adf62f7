"""Advertising in Amazon's filings: the 10-K line per fiscal year and the trailing twelve months to the latest quarter.

Amazon first broke *Advertising services* out of *Other* in its FY2021 Form 10-K, for 2019 onwards;
the annual file holds the line from fiscal 2019. The quarterly file (earnings releases, Q1 2024 to
the latest quarter read) gives it for three months at a time.

- :func:`advertising_history`: per fiscal year, advertising beside the lines the chapter sets it against
  (third-party seller services, subscription services, the store segments' net sales and operating income).
- :func:`advertising_ttm`: the same columns over the trailing twelve months to a quarter (four quarters
  summed), with the :class:`~amazon_case.marketplace.TTMValue` of each line for its sources.
- :func:`growth_rows`: the growth chart's rows (each line per period, in USD billions and as an index).
- :func:`special_charges`: the special charges Amazon's releases name in a set of quarters.

All amounts are USD millions unless a column says ``_bn``.
"""

from __future__ import annotations

import pandas as pd

from ..marketplace import TTMValue, ttm

__all__ = ["FIRST_AD_YEAR", "HISTORY_METRICS", "GROWTH_LINES", "SPECIAL_CHARGES", "advertising_history", "advertising_ttm", "growth_rows",
           "special_charges", "ttm_growth"]

#: The first fiscal year for which Amazon reports advertising services (FY2021 10-K, restating 2019 and 2020).
FIRST_AD_YEAR = 2019

#: The filed lines the chapter reads, by the column name its tables use.
HISTORY_METRICS = {
    "advertising": "net_sales_advertising_services",
    "third_party_seller_services": "net_sales_third_party_seller_services",
    "subscription_services": "net_sales_subscription_services",
    "net_sales_total": "net_sales_total",
    "na_sales": "segment_na_net_sales",
    "intl_sales": "segment_intl_net_sales",
    "na_oi": "segment_na_operating_income",
    "intl_oi": "segment_intl_operating_income",
}

#: The growth chart's lines (a column of :func:`advertising_history`) and what the reader sees them called.
GROWTH_LINES = {
    "advertising": "Advertising services",
    "third_party_seller_services": "Third-party seller services",
    "subscription_services": "Subscription services",
    "store_oi": "Store segments' operating income",
}


def _derived(frame: pd.DataFrame) -> pd.DataFrame:
    """The columns computed from the filed ones: the store segments together, and advertising's ratios."""
    out = frame.copy()
    out["store_sales"] = out["na_sales"] + out["intl_sales"]
    out["store_oi"] = out["na_oi"] + out["intl_oi"]
    out["ads_share_of_net_sales"] = out["advertising"] / out["net_sales_total"]
    out["ads_to_seller_services"] = out["advertising"] / out["third_party_seller_services"]
    out["ads_to_subscriptions"] = out["advertising"] / out["subscription_services"]
    out["ads_to_store_oi"] = out["advertising"] / out["store_oi"]
    # The advertising margin at which the stores would earn nothing without it (negative: a loss even with it).
    out["breakeven_ad_margin"] = out["store_oi"] / out["advertising"]
    return out


def advertising_history(wide: pd.DataFrame) -> pd.DataFrame:
    """Advertising and the lines the chapter compares it with, per fiscal year from :data:`FIRST_AD_YEAR`.

    ``wide`` is :func:`amazon_case.filings.annual_wide`. Returns one row per fiscal year (USD millions):
    the columns of :data:`HISTORY_METRICS`, ``store_sales`` and ``store_oi`` (North America plus
    International), ``ads_share_of_net_sales``, ``ads_to_seller_services``, ``ads_to_subscriptions``,
    ``ads_to_store_oi`` and ``breakeven_ad_margin`` (store operating income / advertising: the advertising
    margin above which the stores would have lost money without it). Raises ``ValueError`` if a year from
    the first one lacks advertising or has a non-positive line it divides by.
    """
    years = wide.loc[wide.index >= FIRST_AD_YEAR]
    frame = pd.DataFrame({key: years[metric].astype(float) for key, metric in HISTORY_METRICS.items()})
    if frame.empty or frame.isna().any().any():
        missing = frame.columns[frame.isna().any()].tolist() if not frame.empty else list(HISTORY_METRICS)
        raise ValueError(f"the annual data lacks {missing} in some year from FY{FIRST_AD_YEAR}")
    positive = ["advertising", "third_party_seller_services", "subscription_services", "net_sales_total", "na_sales",
                "intl_sales"]
    if (frame[positive] <= 0).any().any():
        raise ValueError("net sales lines must be positive in every year")
    frame.index = frame.index.astype(int)
    frame.index.name = "fiscal_year"
    return _derived(frame)


def advertising_ttm(quarterly: pd.DataFrame, end: tuple[int, int] | None = None) -> tuple[pd.Series, dict[str, TTMValue]]:
    """The columns of :func:`advertising_history` over the trailing twelve months to ``end`` (default: the latest).

    Each line is the sum of four quarters' three-month figures in the quarterly file
    (:func:`~amazon_case.marketplace.ttm`, which raises ``KeyError`` naming a missing quarter). Returns the
    row, named by its label ("TTM to Q2 2026"), and each line's :class:`~amazon_case.marketplace.TTMValue`.
    """
    sums = {key: ttm(quarterly, metric, end) for key, metric in HISTORY_METRICS.items()}
    labels = {value.label for value in sums.values()}
    if len(labels) != 1:
        raise ValueError(f"the lines end in different quarters: {sorted(labels)}")
    row = _derived(pd.DataFrame([{key: value.value for key, value in sums.items()}])).iloc[0]
    return row.rename(labels.pop()), sums


def ttm_growth(quarterly: pd.DataFrame, column: str, end: tuple[int, int]) -> float:
    """Growth of a column of :func:`advertising_ttm` over the twelve months to ``end`` against the twelve months a
    year earlier (like with like: both sums of four quarters)."""
    now = advertising_ttm(quarterly, end)[0][column]
    before = advertising_ttm(quarterly, (end[0] - 1, end[1]))[0][column]
    return now / before - 1


def growth_rows(history: pd.DataFrame, ttm_row: pd.Series) -> pd.DataFrame:
    """The growth chart's rows: each line of :data:`GROWTH_LINES` per fiscal year, then over the TTM.

    ``period`` is the axis label ("2025", "TTM to Q2 2026"), ``kind`` "fiscal year" or "TTM"; ``net_sales_bn``
    is the line in USD billions (operating income for the store segments' line) and ``sales_index`` the line as
    an index, first year = 100. ``to_ttm`` marks the two points the dashed segment joins (the last year, the TTM).
    """
    first, last = history.iloc[0], int(history.index[-1])
    periods = [(str(year), "fiscal year", row, year == last) for year, row in history.iterrows()]
    periods.append((str(ttm_row.name), "TTM", ttm_row, True))
    return pd.DataFrame([{"period": period, "kind": kind, "line": name, "net_sales_bn": row[key] / 1000,
                          "sales_index": 100 * row[key] / first[key], "to_ttm": to_ttm}
                         for period, kind, row, to_ttm in periods for key, name in GROWTH_LINES.items()])


#: The quarterly file's special charges (named in the releases' text), and how the chapter names them.
SPECIAL_CHARGES = {
    "special_charge_ftc_settlement": "the Federal Trade Commission settlement (North America)",
    "special_charge_severance": "severance",
    "special_charge_italy_tax_and_lawsuit": "Italian tax disputes of the stores business and a lawsuit",
    "special_charge_asset_impairments": "asset impairments, mainly physical stores",
}


def special_charges(quarterly: pd.DataFrame, quarters: list[tuple[int, int]]) -> pd.DataFrame:
    """The special charges Amazon's releases name in ``quarters``: one row per charge and quarter (USD millions).

    Columns ``fiscal_year``, ``quarter``, ``metric``, ``charge`` (its name in words), ``value``, ``document``.
    """
    wanted = set(quarters)
    rows = quarterly[quarterly["metric"].isin(list(SPECIAL_CHARGES)) & (quarterly["basis"] == "three_months")]
    rows = rows[[(int(y), int(q)) in wanted for y, q in zip(rows["fiscal_year"], rows["quarter"])]]
    return rows.assign(charge=rows["metric"].map(SPECIAL_CHARGES))[
        ["fiscal_year", "quarter", "metric", "charge", "value", "document"]].reset_index(drop=True)
