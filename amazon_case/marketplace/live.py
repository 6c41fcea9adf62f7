"""The marketplace chapter's tables and its live notebook: the seller workbench, its sentence and its table.

:func:`seller_workbench` is made from the seller model's own input declarations, so that its
sliders have the chart's labels, ranges, steps and defaults; it runs :func:`seller_economics`.
"""

from __future__ import annotations

import math
import re

import pandas as pd

from ..kit.tables import ReaderTable, reader_table
from ..kit.workbench import Workbench
from .charts import seller_split_chart
from .fees import FBA_FEE_ROW, FBA_FEES_2026, FUEL_SURCHARGE_ROW, fba_fee_at, fee, price_band, price_band_2026
from .model import CLAIM_FBA_FEES, SELLER_CONTROLS, SellerEconomics, seller_defaults, seller_economics, seller_model

__all__ = ["FEES_TABLE_LABELS", "GROWTH_TABLE_LABELS", "SELLER_TABLE_LABELS", "claim_table", "claim_fees_table", "claim_table_shown", "fee_schedules_compared", "fee_label", "fees_table", "growth_table",
           "take_rate_table_shown", "seller_sentence", "seller_table", "seller_table_html", "seller_workbench"]


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


#: The rows of :meth:`SellerEconomics.table <amazon_case.marketplace.model.SellerEconomics.table>`, in order, as a
#: reader reads them (unit in brackets); shares are shown as percentages, units and monthly margins whole.
SELLER_TABLE_LABELS = {
    "units_per_month": "Units sold a month", "referral_fee": "Referral fee (USD a unit)",
    "fba_fee": "FBA fulfilment fee (USD a unit)", "storage_fee": "FBA storage fee (USD a unit)",
    "amazon_fees": "Amazon's fees in all (USD a unit)", "own_fulfilment": "Own fulfilment (USD a unit)",
    "unit_cost": "Product cost (USD a unit)", "margin_per_unit": "Margin (USD a unit)",
    "margin_per_month": "Margin (USD a month)", "amazon_share_of_price": "Amazon keeps (% of price)",
    "seller_share_of_price": "Seller keeps before product cost (% of price)",
    "margin_share_of_price": "Margin (% of price)",
}
TABLE_ROWS = tuple(SELLER_TABLE_LABELS)
SHARE_ROWS = ("amazon_share_of_price", "seller_share_of_price", "margin_share_of_price")
WHOLE_ROWS = ("units_per_month", "margin_per_month")


def seller_table(result: SellerEconomics, caption: str = "One product, fulfilled by the seller (FBM) or by Amazon "
                 "(FBA): fees, margins and shares of the price") -> ReaderTable:
    """Both paths side by side for readers: USD to the cent, units and monthly margins whole, shares in percent."""
    shown = result.table().loc[list(TABLE_ROWS)].astype(float)
    return reader_table(shown.rename(index=SELLER_TABLE_LABELS), caption, decimals=2,
                        percent_rows=[SELLER_TABLE_LABELS[r] for r in SHARE_ROWS],
                        row_decimals={SELLER_TABLE_LABELS[r]: 1 for r in SHARE_ROWS},
                        integer_rows=[SELLER_TABLE_LABELS[r] for r in WHOLE_ROWS])


def seller_table_html(result: SellerEconomics) -> str:
    """Both paths as an HTML table (:func:`seller_table`), for the workbench."""
    return seller_table(result)._repr_html_()


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


def claim_fees_table(claim: pd.DataFrame) -> ReaderTable:
    """:func:`claim_table` for readers: one row per price and its band; per item, its FBA fee (USD, to the cent) and
    Amazon's fees as a share of the price; "not read" where the band's fee was not read."""
    cells = claim.assign(item=claim["item"].str.removeprefix("FBA, large standard "),
                         share=claim["amazon_pct"] / 100)
    shown = cells.pivot(index=["price", "band"], columns="item", values=["fba_fee", "share"])
    items = list(dict.fromkeys(cells["item"]))
    shown = shown[[(what, item) for item in items for what in ("fba_fee", "share")]]
    shown.columns = [f"{item}: {'FBA fee (USD)' if what == 'fba_fee' else 'Amazon (% of price)'}"
                     for what, item in shown.columns]
    shown = shown.rename_axis(["Price (USD)", "Price band (2025 fees)"])
    return reader_table(shown, "Amazon's fees on an FBA sale at each price, two item sizes (2025 fees)", decimals=2,
                        percent_columns=[c for c in shown.columns if c.endswith("(% of price)")],
                        column_decimals={c: 1 for c in shown.columns if c.endswith("(% of price)")},
                        missing="not read")


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


#: The columns of :func:`~amazon_case.marketplace.growth.marketplace_growth` the chapter shows, as a reader reads them.
GROWTH_TABLE_LABELS = {"online_stores": "Online stores (USD bn)",
                       "third_party_seller_services": "Third-party seller services (USD bn)",
                       "ratio": "Seller services per USD 1 of online-store sales"}


def growth_table(growth: pd.DataFrame, ttm_row: pd.Series, years=(2014, 2017, 2020, 2022, 2024, 2025)) -> ReaderTable:
    """Online stores and third-party seller services in ``years`` and the trailing twelve months (USD billions),
    and seller services per dollar of online-store sales (two decimals)."""
    shown = pd.concat([growth.loc[list(years)].rename(index="FY{}".format), ttm_row.to_frame().T])
    table = shown[list(GROWTH_TABLE_LABELS)].astype(float)
    table[["online_stores", "third_party_seller_services"]] /= 1000
    return reader_table(table.rename(columns=GROWTH_TABLE_LABELS).rename_axis("Period"),
                        "Online stores and third-party seller services, Form 10-K and quarterly releases",
                        column_decimals={GROWTH_TABLE_LABELS["ratio"]: 2})


#: The columns of the fee file (``data/amazon_seller_fees.csv``) the chapter shows, as a reader reads them.
FEES_TABLE_LABELS = {"value": "Value", "unit": "Unit", "effective_date": "Took effect"}


def fee_label(name: str) -> str:
    """A fee's row name in the fee file written as words: ``fba_fulfilment_fee_large_standard_4oz_under_10`` →
    "FBA fulfilment fee, large standard, 4 oz, under USD 10"."""
    text = name.replace("_", " ")
    for pattern, words in ((r"\bfba\b", "FBA"), (r"(\d+)(oz|lb)\b", r"\1 \2"), (r"\bjan sep\b", "January–September"),
                           (r"\boct dec\b", "October–December"), (r"\b(under|over) (\d+)", r"\1 USD \2"),
                           (r"\b(fee|rate|standard|plan)\b (?=[a-z0-9])", r"\1, "), (r" (\d{4})$", r", from \1")):
        text = re.sub(pattern, words, text)
    return text[0].upper() + text[1:]


def fees_table(fees: pd.DataFrame) -> ReaderTable:
    """Every published fee the seller model reads (:func:`~amazon_case.marketplace.fees.load_fees`): its value, its
    unit and the date it took effect ("not stated" where no source gave one). A fee's name is its row of the file,
    written as words."""
    table = fees[list(FEES_TABLE_LABELS)].rename(columns=FEES_TABLE_LABELS)
    table.index = [fee_label(name) for name in table.index]
    return reader_table(table.rename_axis("Fee"), "Amazon's published US seller fees read by the model",
                        decimals=2, missing="not stated")
