"""Amazon's take rate: third-party seller services revenue over an *estimate* of third-party gross merchandise sales.

Amazon does not report what third-party sellers sell in its store. :data:`TAKE_RATE` estimates it from
online-store net sales and Amazon's stated third-party share of paid units ("WW seller unit mix"), under
two assumptions the reader can change (the price of a third-party unit against a first-party one, and
first-party GMV against online-store net sales). :func:`take_rate_table` applies it to every fiscal year
with a stated share, using the average of the year's four quarterly shares where the quarterly file has
them (the fourth quarter alone otherwise), and to the trailing twelve months to the latest quarter.
"""

from __future__ import annotations

import math

import pandas as pd

from ..kit import ASSUMPTION, Field, Input, Model, formula
from .growth import GROWTH_METRICS
from .quarters import last_four_quarters, latest_quarter, quarter_label, ttm, ttm_label, unit_share_statements, \
    yearly_unit_shares

__all__ = ["TAKE_RATE", "TAKE_RATE_ASSUMPTIONS", "estimated_take_rate", "take_rate", "take_rate_table",
           "third_party_gmv"]

TAKE_RATE_ASSUMPTIONS = (
    Input("price_ratio", "third-party unit price", "% of a first-party unit's", 1.0, 0.5, 1.5, 5, ASSUMPTION,
          "ours: a third-party unit sells at a first-party unit's price"),
    Input("first_party_gmv_ratio", "first-party GMV", "% of online-store net sales", 1.0, 0.8, 1.2, 1, ASSUMPTION,
          "ours: online-store net sales are Amazon's own merchandise at full price"),
)


@formula
def third_party_gmv(online_stores, first_party_gmv_ratio, price_ratio, third_party_unit_share):
    """Third-party GMV: s / (1 − s) third-party units per first-party unit, each at ``price_ratio`` of its price."""
    first_party_gmv = online_stores * first_party_gmv_ratio
    return first_party_gmv * price_ratio * third_party_unit_share / (1 - third_party_unit_share)


@formula
def estimated_take_rate(third_party_seller_services, third_party_gmv):
    return third_party_seller_services / third_party_gmv


TAKE_RATE = Model(
    "take rate", prefix="take_rate", inputs=TAKE_RATE_ASSUMPTIONS, formulas=[third_party_gmv, estimated_take_rate],
    fields=[Field("third_party_seller_services", "third-party seller services net sales (10-K)", 0.0, math.inf,
                  low_open=True),
            Field("online_stores", "online stores net sales (10-K)", 0.0, math.inf, low_open=True),
            # kept inside [0.1, 0.9] so that s / (1 - s) stays finite
            Field("third_party_unit_share", "third-party share of paid units", 0.1, 0.9)],
)


def take_rate(seller_services: float, online_stores: float, third_party_unit_share: float,
              price_ratio: float | None = None, first_party_gmv_ratio: float | None = None) -> tuple[float, float]:
    """Amazon's take rate: third-party seller services revenue / estimated third-party gross merchandise sales.

    First-party gross merchandise sales are estimated as ``online_stores * first_party_gmv_ratio``
    (online-store net sales, which are Amazon's own sales recorded gross). With a third-party share
    ``s`` of paid units, third-party units are ``s / (1 - s)`` times first-party units, and a
    third-party unit sells at ``price_ratio`` times a first-party unit's price, so
    third-party GMV = first-party GMV × ``price_ratio`` × s / (1 − s).

    Returns ``(third_party_gmv, take_rate)`` in the unit of the inputs and as a fraction. The ratios
    default to the model's (1: same price, online-store sales = first-party GMV).
    """
    assumptions = {name: value for name, value in (("price_ratio", price_ratio),
                                                   ("first_party_gmv_ratio", first_party_gmv_ratio)) if value is not None}
    result = TAKE_RATE.evaluate(third_party_seller_services=seller_services, online_stores=online_stores,
                                third_party_unit_share=third_party_unit_share, **assumptions)
    return result["third_party_gmv"], result["estimated_take_rate"]


def take_rate_row(label: str, kind: str, fiscal_year: int, seller_services: float, online_stores: float,
                  share: float, basis: str, q4_share: float, **assumptions: float | None) -> dict:
    """One row of :func:`take_rate_table`: the estimate at ``share``, and at ``q4_share`` for comparison."""
    gmv, rate = take_rate(seller_services, online_stores, share, **assumptions)
    rate_q4 = take_rate(seller_services, online_stores, q4_share, **assumptions)[1] if q4_share == q4_share else math.nan
    return {"period": label, "kind": kind, "fiscal_year": fiscal_year, "unit_share": share, "share_basis": basis,
            "q4_share": q4_share, "online_stores": online_stores, "third_party_seller_services": seller_services,
            "third_party_gmv": gmv, "take_rate": rate, "take_rate_q4_share": rate_q4}


def take_rate_table(wide: pd.DataFrame, statements: pd.DataFrame, quarterly: pd.DataFrame,
                    price_ratio: float | None = None, first_party_gmv_ratio: float | None = None) -> pd.DataFrame:
    """The take rate in each fiscal year with a stated unit share, and over the trailing twelve months.

    A fiscal year's share is the average of its four quarterly shares where the quarterly file has all
    four, else its fourth quarter's (:func:`~amazon_case.marketplace.quarters.yearly_unit_shares`); the
    net sales are the 10-K's (``wide``). The last row is the trailing twelve months to the quarterly file's
    latest quarter: the two lines summed over its four quarters, the share averaged over those of them
    Amazon stated (a quarter the file lacks is named in ``share_basis``).

    Returns one row per period, indexed by its label ("FY2024", "TTM to Q2 2026"): ``kind`` ("fiscal
    year" or "TTM"), ``fiscal_year`` (the year, or the year of the TTM's last quarter), ``unit_share``,
    ``share_basis``, ``q4_share`` (the fourth quarter's share, NaN for the TTM), ``online_stores``,
    ``third_party_seller_services``, ``third_party_gmv`` (USD millions), ``take_rate`` and
    ``take_rate_q4_share`` (the estimate had the fourth quarter's share stood in for the year).
    """
    assumptions = {"price_ratio": price_ratio, "first_party_gmv_ratio": first_party_gmv_ratio}
    shares = unit_share_statements(quarterly, statements)
    rows = []
    for year, s in yearly_unit_shares(shares).iterrows():
        if year not in wide.index:
            continue
        rows.append(take_rate_row(f"FY{year}", "fiscal year", int(year),
                                  float(wide.at[year, GROWTH_METRICS["third_party_seller_services"]]),
                                  float(wide.at[year, GROWTH_METRICS["online_stores"]]),
                                  s.unit_share, s.basis, s.q4_share, **assumptions))
    if not rows:
        raise ValueError("no stated third-party unit share matches a fiscal year of the annual data")
    end = latest_quarter(quarterly)
    quarters = last_four_quarters(*end)
    stated = shares.set_index(["fiscal_year", "quarter"])["share"].reindex(quarters).dropna()
    if not stated.empty:
        missing = [quarter_label(*q) for q in quarters if q not in stated.index]
        basis = f"average of {quarter_label(*quarters[0])}–{quarter_label(*quarters[-1])}" + (
            f" ({', '.join(missing)} not read)" if missing else "")
        sums = {key: ttm(quarterly, metric, end).value for key, metric in GROWTH_METRICS.items()}
        rows.append(take_rate_row(ttm_label(*end), "TTM", end[0], sums["third_party_seller_services"],
                                  sums["online_stores"], float(stated.mean()), basis, math.nan, **assumptions))
    return pd.DataFrame(rows).set_index("period")
