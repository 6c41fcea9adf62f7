"""Amazon's take rate with advertising: the marketplace chapter's estimate, plus what sellers spend on Amazon's ads.

The marketplace chapter estimates Amazon's take rate as third-party seller services over estimated
third-party gross merchandise sales (:mod:`amazon_case.marketplace.take_rate`: its inputs and formulas,
reused here as they are). Advertising is a separate 10-K line, bought by "sellers, vendors, publishers,
authors, and others" (10-K, Note 1); Amazon does not say how much of it sellers pay. With the share
sellers pay an assumption of ours (:data:`SELLER_AD_SHARE`):

    take rate with advertising = (seller services + seller share × advertising) / estimated third-party GMV

:func:`take_with_ads_table` applies it to every period of the marketplace chapter's take-rate table.
:func:`average_ad_share` is what sellers' advertising comes to per dollar of their sales on that
estimate: the default of the seller-level model (:mod:`.seller`).
"""

from __future__ import annotations

import math

import pandas as pd

from ..kit import ASSUMPTION, Field, Input, Model, formula
from ..marketplace import take_rate_table
from ..marketplace.take_rate import TAKE_RATE, TAKE_RATE_ASSUMPTIONS, estimated_take_rate, third_party_gmv

__all__ = ["SELLER_AD_SHARE", "TAKE_WITH_ADS", "TAKE_WITH_ADS_READOUT", "ad_share_from_data", "average_ad_share", "take_with_ads", "take_with_ads_table",
           "take_with_ads_table_shown"]

SELLER_AD_SHARE = Input(
    "seller_ad_share", "share of advertising paid by third-party sellers", "%", 0.5, 0.0, 1.0, 5, ASSUMPTION,
    "ours: Amazon does not say. Sponsored ads sit beside the products customers buy, most of whose units third-party "
    "sellers sell (Amazon's 'WW seller unit mix'); but vendors (Amazon's own suppliers), authors, publishers and "
    "brands buying display and video ads pay the rest, so we take half")


@formula
def sellers_advertising(seller_ad_share, advertising):
    """What third-party sellers spent on Amazon's advertising, in the unit of ``advertising``."""
    return seller_ad_share * advertising


@formula
def ads_take_rate(sellers_advertising, third_party_gmv):
    """Sellers' advertising as a share of the estimated third-party gross merchandise sales."""
    return sellers_advertising / third_party_gmv


@formula
def take_rate_with_ads(estimated_take_rate, ads_take_rate):
    return estimated_take_rate + ads_take_rate


@formula
def take_with_ads_readout(period, estimated_take_rate, ads_take_rate, take_rate_with_ads):
    return (f"{period:s}: fees {estimated_take_rate:.1%} + sellers' ads {ads_take_rate:.1%} "
            f"= {take_rate_with_ads:.1%} of third-party sales")


TAKE_FIELDS = [*TAKE_RATE.fields.values(),
               Field("advertising", "advertising services net sales (10-K or TTM)", 0.0, math.inf, low_open=True)]

TAKE_WITH_ADS = Model(
    "take rate with advertising", prefix="ad_take", inputs=[*TAKE_RATE_ASSUMPTIONS, SELLER_AD_SHARE],
    formulas=[third_party_gmv, estimated_take_rate, sellers_advertising, ads_take_rate, take_rate_with_ads],
    fields=TAKE_FIELDS,
)
#: The same model with the chart's readout (read on one row: a period).
TAKE_WITH_ADS_READOUT = Model(
    "take rate with advertising, readout", prefix="ad_take", inputs=[*TAKE_RATE_ASSUMPTIONS, SELLER_AD_SHARE],
    formulas=[*TAKE_WITH_ADS.formulas, take_with_ads_readout], fields=[*TAKE_FIELDS, Field("period", "the period's label")],
)


def take_with_ads(seller_services: float, online_stores: float, third_party_unit_share: float, advertising: float,
                  **assumptions: float) -> dict[str, float]:
    """:data:`TAKE_WITH_ADS` on one period's figures (any unit, the same for all three amounts).

    Returns ``third_party_gmv``, ``estimated_take_rate`` (fees alone, the marketplace chapter's), ``sellers_advertising``,
    ``ads_take_rate`` and ``take_rate_with_ads``. ``assumptions`` are any of ``price_ratio``, ``first_party_gmv_ratio``
    and ``seller_ad_share``; a value outside its range raises :class:`~amazon_case.kit.AssumptionError`.
    """
    result = TAKE_WITH_ADS.evaluate(third_party_seller_services=seller_services, online_stores=online_stores,
                                    third_party_unit_share=third_party_unit_share, advertising=advertising, **assumptions)
    return {key: result[key] for key in ("third_party_gmv", "estimated_take_rate", "sellers_advertising",
                                         "ads_take_rate", "take_rate_with_ads")}


def take_with_ads_table(wide: pd.DataFrame, statements: pd.DataFrame, quarterly: pd.DataFrame,
                        ttm_advertising: float, **assumptions: float) -> pd.DataFrame:
    """The marketplace chapter's take-rate table (:func:`~amazon_case.marketplace.take_rate_table`) with advertising.

    Each fiscal year takes the 10-K's advertising (``wide``); the TTM row takes ``ttm_advertising``, the sum of
    the same four quarters as its other lines. Adds ``advertising``, ``sellers_advertising``, ``ads_take_rate``
    and ``take_rate_with_ads`` (the fees-only ``take_rate`` is the marketplace chapter's, at the same assumptions).
    """
    market = {key: assumptions[key] for key in ("price_ratio", "first_party_gmv_ratio") if key in assumptions}
    table = take_rate_table(wide, statements, quarterly, **market)
    ads = [float(wide.at[row.fiscal_year, "net_sales_advertising_services"]) if row.kind == "fiscal year"
           else ttm_advertising for row in table.itertuples()]
    results = [take_with_ads(row.third_party_seller_services, row.online_stores, row.unit_share, ad, **assumptions)
               for row, ad in zip(table.itertuples(), ads)]
    out = table.assign(advertising=ads)
    for key in ("sellers_advertising", "ads_take_rate", "take_rate_with_ads"):
        out[key] = [r[key] for r in results]
    return out


def average_ad_share(table: pd.DataFrame, period: str) -> float:
    """What sellers' advertising comes to per dollar of their sales in ``period`` (a row of :func:`take_with_ads_table`).

    An average over every third-party sale, including those of sellers that buy no ads at all.
    """
    return float(table.at[period, "ads_take_rate"])


def take_with_ads_table_shown(table: pd.DataFrame) -> pd.DataFrame:
    """:func:`take_with_ads_table` as the chapter prints it: USD billions and percentages (sellers' advertising is
    the assumed share of the line)."""
    return pd.DataFrame({
        "Unit share (%)": (100 * table["unit_share"]).round(1),
        "Third-party GMV, est. (USD bn)": (table["third_party_gmv"] / 1000).round(1),
        "Seller fees (USD bn)": (table["third_party_seller_services"] / 1000).round(1),
        "Sellers' ads (USD bn)": (table["sellers_advertising"] / 1000).round(1),
        "Fees (% of GMV)": (100 * table["take_rate"]).round(1),
        "Ads (% of GMV)": (100 * table["ads_take_rate"]).round(1),
        "Take with ads (%)": (100 * table["take_rate_with_ads"]).round(1),
    }, index=table.index).rename_axis("Period")


def ad_share_from_data(table: pd.DataFrame, period: str):
    """The seller model's advertising input (:func:`~.seller.ad_share_input`), its default the average of ``period``.

    ``table`` is :func:`take_with_ads_table` at the defaults; the default is what sellers' advertising came to per
    dollar of their estimated sales in ``period`` (:func:`average_ad_share`), rounded to the slider's half point.
    """
    from .seller import ad_share_input

    share = average_ad_share(table, period)
    return ad_share_input(share, f"sellers' advertising per dollar of third-party sales in {period}, {share:.2%}, if "
                                 f"sellers pay {SELLER_AD_SHARE.default:.0%} of advertising (take_with_ads_table)")
