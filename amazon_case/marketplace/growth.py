"""The marketplace's growth: third-party seller services against online stores, per fiscal year and over the
trailing twelve months to the latest quarter.

- :func:`marketplace_growth`: the two 10-K lines per fiscal year, their ratio and each as an index.
- :func:`growth_ttm`: the same columns for the trailing twelve months to the latest quarter of the
  quarterly file (the sum of four quarters' three-month figures), indexed to the same first year.
- :func:`growth_view`: the growth chart's one control (USD billions or the index) and its formulas.
"""

from __future__ import annotations

import pandas as pd

from ..kit import VIEW, Choice, Field, Model, formula
from .quarters import TTMValue, ttm

__all__ = ["GROWTH_METRICS", "growth_shown", "growth_ttm", "growth_unit_label", "growth_view", "marketplace_growth"]

#: The 10-K net sales lines the growth chart compares, by the column name the tables use.
GROWTH_METRICS = {"online_stores": "net_sales_online_stores",
                  "third_party_seller_services": "net_sales_third_party_seller_services"}


def marketplace_growth(wide: pd.DataFrame) -> pd.DataFrame:
    """Third-party seller services and online stores net sales per year (USD millions), with indices.

    Returns one row per fiscal year: ``online_stores``, ``third_party_seller_services``,
    ``ratio`` (seller services / online stores) and each line as an index, first year = 100.
    """
    frame = pd.DataFrame({key: wide[metric].astype(float) for key, metric in GROWTH_METRICS.items()})
    if (frame <= 0).any().any():
        raise ValueError("net sales must be positive in every year")
    frame["ratio"] = frame["third_party_seller_services"] / frame["online_stores"]
    first = frame.iloc[0]
    for key in GROWTH_METRICS:
        frame[f"{key}_index"] = 100 * frame[key] / first[key]
    frame.index.name = "fiscal_year"
    return frame


def growth_ttm(growth: pd.DataFrame, quarterly: pd.DataFrame) -> tuple[pd.Series, dict[str, TTMValue]]:
    """The two lines over the trailing twelve months to the quarterly file's latest quarter.

    ``growth`` is :func:`marketplace_growth`; the indices are to its first year, so that the TTM point
    sits on the same scale as the years. Returns the row (named ``"TTM to Q2 2026"``, with the columns of
    ``growth``) and the :class:`~amazon_case.marketplace.quarters.TTMValue` of each line (its quarters
    and documents, for the chart's source).
    """
    sums = {key: ttm(quarterly, metric) for key, metric in GROWTH_METRICS.items()}
    labels = {value.label for value in sums.values()}
    if len(labels) != 1:
        raise ValueError(f"the two lines end in different quarters: {sorted(labels)}")
    row = {key: value.value for key, value in sums.items()}
    row["ratio"] = row["third_party_seller_services"] / row["online_stores"]
    first = growth.iloc[0]
    for key in GROWTH_METRICS:
        row[f"{key}_index"] = 100 * row[key] / first[key]
    return pd.Series(row, name=labels.pop()), sums


GROWTH_MEASURE = Choice("measure", "show", (("USD billions", "usd"), ("Index", "index")), "usd", VIEW,
                        "the filed figures, two ways", control="radio")


@formula
def growth_shown(measure, net_sales_bn, sales_index):
    """The line's value in the unit the reader chose."""
    return net_sales_bn if measure == "usd" else sales_index


@formula
def growth_unit_label(measure, first_year):
    return f"Index, FY{first_year:.0f} = 100" if measure == "index" else "USD billions"


def growth_view(first_year: int) -> Model:
    """The growth chart's control (USD billions or an index, ``first_year`` = 100) and what it computes."""
    return Model("marketplace growth view", prefix="growth", inputs=[GROWTH_MEASURE],
                 formulas=[growth_shown, growth_unit_label],
                 fields=[Field("net_sales_bn", "net sales, USD bn"), Field("sales_index", f"FY{first_year} = 100")],
                 constants={"first_year": first_year})
