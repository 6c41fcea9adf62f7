"""The marketplace chapter's tables and its live notebook: the seller workbench, its sentence and its table.

:func:`seller_workbench` is made from the seller model's own input declarations, so that its
sliders have the chart's labels, ranges, steps and defaults; it runs :func:`seller_economics`.
"""

from __future__ import annotations

import math

import pandas as pd

from ..kit.workbench import Workbench
from .charts import seller_split_chart
from .fees import FBA_FEE_ROW, FBA_FEES_2026, FUEL_SURCHARGE_ROW, fba_fee_at, fee, price_band, price_band_2026
from .model import CLAIM_FBA_FEES, SELLER_CONTROLS, SellerEconomics, seller_defaults, seller_economics, seller_model

__all__ = ["claim_table", "claim_table_shown", "fee_schedules_compared", "take_rate_table_shown", "seller_sentence", "seller_table_html", "seller_workbench"]


def seller_sentence(result: SellerEconomics) -> str:
    """One plain sentence stating a :func:`~amazon_case.marketplace.model.seller_economics` result."""
    fbm, fba = result.fbm, result.fba
    better = "FBA" if result.fba_pays else "Fulfilling orders yourself"
    k = result.breakeven_own_fulfilment_cost
    where = ("FBA pays at any own fulfilment cost" if k <= 0
             else f"FBA pays once your own fulfilment costs more than USD {k:,.2f} a unit")
    return (
        f"FBM: margin USD {fbm.margin_per_unit:,.2f} a unit, USD {fbm.margin_per_month:,.0f} a month, "
        f"Amazon keeps {fbm.amazon_share_of_price:.0%} of the price. "
        f"FBA: margin USD {fba.margin_per_unit:,.2f} a unit, USD {fba.margin_per_month:,.0f} a month, "
        f"Amazon keeps {fba.amazon_share_of_price:.0%}. {better} earns more; {where}."
    )


#: The rows of the workbench's table, in order; shares are shown as percentages, counts without cents.
TABLE_ROWS = ("units_per_month", "referral_fee", "fba_fee", "storage_fee", "amazon_fees", "own_fulfilment",
              "unit_cost", "margin_per_unit", "margin_per_month", "amazon_share_of_price", "seller_share_of_price",
              "margin_share_of_price")
SHARE_ROWS = ("amazon_share_of_price", "seller_share_of_price", "margin_share_of_price")
WHOLE_ROWS = ("units_per_month", "margin_per_month")


def seller_table_html(result: SellerEconomics) -> str:
    """Both paths as an HTML table (USD per unit, shares as percentages)."""
    shown = result.table().loc[list(TABLE_ROWS)].astype(float)
    text = shown.map(lambda v: f"{v:,.2f}")
    for row in SHARE_ROWS:
        text.loc[row] = shown.loc[row].map(lambda v: f"{v:.1%}")
    for row in WHOLE_ROWS:
        text.loc[row] = shown.loc[row].map(lambda v: f"{v:,.0f}")
    text.index = [i.replace("_", " ").capitalize() for i in text.index]
    return text.to_html(classes="seller-table", border=0)


def seller_workbench(fees: pd.DataFrame, source: str) -> Workbench:
    """Sliders for the seller model's ten controls (the chart's); the result as a sentence, a table and a chart.

    ``fees`` is :func:`~amazon_case.marketplace.fees.load_fees`: the published fees are the defaults,
    and the minimum referral fee, which has no control, stays at its published value.
    """
    model = seller_model(fees)
    return Workbench(
        "Seller workbench: one product, with or without FBA (fees: Amazon's published US rates; the rest: assumptions)",
        [model.inputs[name] for name in SELLER_CONTROLS],
        compute=lambda **values: seller_economics(fees, **values),
        describe=seller_sentence,
        tabulate=seller_table_html,
        draw=lambda result: seller_split_chart(result, source),
    )


def claim_table(fees: pd.DataFrame, prices=(8, 10, 15, 25, 50, 100)) -> pd.DataFrame:
    """Amazon's fees and what the seller keeps with FBA, as % of the price, per price and item.

    Each item (:data:`CLAIM_FBA_FEES`) pays its FBA fee in the price's band (the 2025 schedule, the seller
    model's: :func:`~amazon_case.marketplace.fees.fba_fee_at`); the other inputs are the seller model's
    defaults. One row per price and item: ``band``, ``fba_fee`` (USD), ``amazon_pct`` and ``seller_keeps_pct``
    (before product cost), all NaN where the fee of that band was not read.
    """
    defaults = seller_defaults(fees)
    rows = []
    for price in prices:
        for row, label in CLAIM_FBA_FEES.items():
            fba = fba_fee_at(fees, row, price)
            shares = (math.nan, math.nan)
            if fba is not None:
                r = seller_economics(fees, **{**defaults, "price": price, "fba_fee": fba}).fba
                shares = (100 * r.amazon_share_of_price, 100 * r.seller_share_of_price)
            rows.append({"price": price, "item": label, "band": price_band(price),
                         "fba_fee": math.nan if fba is None else fba, "amazon_pct": shares[0], "seller_keeps_pct": shares[1]})
    return pd.DataFrame(rows)


def claim_table_shown(claim: pd.DataFrame) -> pd.DataFrame:
    """:func:`claim_table` as the chapter prints it: one row per price and its band; per item, its FBA fee
    (USD) and Amazon's fees (% of the price), "not read" where the band's fee was not read."""
    cells = claim.assign(
        fee=[f"{v:.2f}" if v == v else "not read" for v in claim["fba_fee"]],
        pct=[f"{v:.1f}" if v == v else "not read" for v in claim["amazon_pct"]],
        item=claim["item"].str.removeprefix("FBA, large standard "))
    shown = cells.pivot(index=["price", "band"], columns="item", values=["fee", "pct"])
    items = list(dict.fromkeys(cells["item"]))
    shown = shown[[(what, item) for item in items for what in ("fee", "pct")]]
    shown.columns = [f"{item}: {'FBA fee (USD)' if what == 'fee' else 'Amazon (% of price)'}" for what, item in shown.columns]
    return shown.rename_axis(["Price (USD)", "Price band (2025 fees)"])


def fee_schedules_compared(fees: pd.DataFrame, prices=(8, 25, 100)) -> pd.DataFrame:
    """The light item's FBA fee and Amazon's share of the price on the 2025 schedule and on the one from 2026-01-15.

    The seller model's defaults otherwise (the 2025 schedule is its own). One row per price: ``band_2026``,
    ``fee_2025``, ``fee_2026`` and ``fee_2026_surcharged`` (with the temporary fuel and logistics surcharge on
    the fulfilment fee from 2026-04-17), USD, and Amazon's share of the price (%) for each: ``amazon_pct_2025``,
    ``amazon_pct_2026``, ``amazon_pct_2026_surcharged``.
    """
    defaults = seller_defaults(fees)
    surcharge = fee(fees, FUEL_SURCHARGE_ROW)
    rows = []
    for price in prices:
        f2026 = fee(fees, FBA_FEES_2026[price_band_2026(price)])
        paid = {"2025": fba_fee_at(fees, FBA_FEE_ROW, price), "2026": f2026, "2026_surcharged": f2026 * (1 + surcharge)}
        row = {"price": price, "band_2026": price_band_2026(price)}
        for year, f in paid.items():
            row[f"fee_{year}"] = f
            row[f"amazon_pct_{year}"] = 100 * seller_economics(
                fees, **{**defaults, "price": price, "fba_fee": f}).fba.amazon_share_of_price
        rows.append(row)
    return pd.DataFrame(rows).set_index("price")


def take_rate_table_shown(take: pd.DataFrame) -> pd.DataFrame:
    """:func:`~amazon_case.marketplace.take_rate.take_rate_table` as the chapter prints it: percentages, USD
    billions, the share each period uses, and the estimate had the fourth quarter's share stood for the year."""
    shown = pd.DataFrame({
        "Unit share (%)": (100 * take["unit_share"]).round(1),
        "Share used": take["share_basis"],
        "Online stores (USD bn)": (take["online_stores"] / 1000).round(1),
        "Seller services (USD bn)": (take["third_party_seller_services"] / 1000).round(1),
        "Estimated third-party GMV (USD bn)": (take["third_party_gmv"] / 1000).round(1),
        "Take rate (%)": (100 * take["take_rate"]).round(1),
        "With Q4's share alone (%)": [f"{100 * v:.1f}" if v == v else "n/a" for v in take["take_rate_q4_share"]],
    }, index=take.index)
    return shown.rename_axis("Period")
