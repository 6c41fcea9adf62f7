"""Amazon's published US seller fees: ``data/amazon_seller_fees.csv``, read, and declared as the seller model's inputs.

Each row is one fee (its value, unit, what it applies to, the date it took effect where
stated, and the page it was read from). :func:`load_fees` reads the file and checks it
against its manifest, :func:`fee` reads one fee in the unit the models take (percentages
as fractions), and :func:`fee_inputs` declares the fees the seller model takes, each with
its range, its control and its source, its default read from the file.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..filings import DATA_DIR
from ..kit import AMAZON, Choice, Input
from ..kit.data import read_validated_csv

__all__ = ["FBA_FEE_BANDS", "FBA_FEE_ROW", "FBA_FEES_2026", "FEES_FILE", "FUEL_SURCHARGE_ROW", "HEAVY_FBA_FEE_ROW", "LOW_PRICE_BELOW",
           "LOW_PRICE_FBA_FEE_ROW", "MINIMUM_REFERRAL_FEE_ROW", "REFERRAL_RATE_ROW", "STORAGE_SEASONS", "fba_fee_at",
           "fee", "fee_inputs", "fee_source", "load_fees", "price_band", "price_band_2026"]

FEES_FILE = "amazon_seller_fees.csv"

#: The rows the seller model reads: the referral fee of most categories, its minimum, the FBA fee of a light item.
REFERRAL_RATE_ROW = "referral_fee_rate_most_categories"
MINIMUM_REFERRAL_FEE_ROW = "referral_fee_minimum_per_item"
FBA_FEE_ROW = "fba_fulfilment_fee_large_standard_4oz"
#: The FBA fee of a heavier item (3 lb), which the claim chart draws beside the light one.
HEAVY_FBA_FEE_ROW = "fba_fulfilment_fee_large_standard_3lb"
#: Below this price (USD) an item pays Amazon's Low-Price FBA rate.
LOW_PRICE_BELOW = 10.0
#: The light item's Low-Price FBA rate (under USD 10), 2025 schedule.
LOW_PRICE_FBA_FEE_ROW = "fba_fulfilment_fee_large_standard_4oz_under_10"
#: The 2025 schedule (the seller model's) by price band: for each item's USD 10-and-over row, the row of
#: each band. It had two bands: under USD 10 (Low-Price FBA) and USD 10 or more, one rate at any
#: higher price. ``None``: the band's rate was not read (the 3 lb item's Low-Price rate).
FBA_FEE_BANDS: dict[str, dict[str, str | None]] = {
    FBA_FEE_ROW: {"under USD 10": LOW_PRICE_FBA_FEE_ROW, "USD 10 or more": FBA_FEE_ROW},
    HEAVY_FBA_FEE_ROW: {"under USD 10": None, "USD 10 or more": HEAVY_FBA_FEE_ROW},
}
#: The light item's fee on the schedule in force from 2026-01-15, by band (the first with a rate of its own above USD 50).
FBA_FEES_2026 = {"under USD 10": LOW_PRICE_FBA_FEE_ROW, "USD 10-50": "fba_fulfilment_fee_large_standard_4oz_2026",
                 "over USD 50": "fba_fulfilment_fee_large_standard_4oz_over_50_2026"}
#: The temporary surcharge on FBA fulfilment fees from 2026-04-17 (a fraction of the fee, not of the price).
FUEL_SURCHARGE_ROW = "fba_fuel_surcharge_2026"
#: The seasons of the FBA storage fee (as the reader chooses them) and the row of each season's rate.
STORAGE_SEASONS = {"Jan–Sep": "monthly_storage_fee_standard_jan_sep",
                   "Oct–Dec": "monthly_storage_fee_standard_oct_dec"}


def load_fees(path: Path | str | None = None) -> pd.DataFrame:
    """Amazon's published US seller fees, validated against their manifest; indexed by ``fee``."""
    frame = read_validated_csv(path if path is not None else DATA_DIR / FEES_FILE)
    return frame.set_index("fee")


def fee(fees: pd.DataFrame, name: str) -> float:
    """The value of one published fee (percent fees as fractions: 15 -> 0.15)."""
    if name not in fees.index:
        raise KeyError(f"no fee {name!r} in {FEES_FILE}")
    value = float(fees.at[name, "value"])
    return value / 100 if fees.at[name, "unit"].startswith("percent") else value


def price_band(price: float) -> str:
    """The 2025 schedule's price band of a sale price (USD): "under USD 10" or "USD 10 or more"."""
    return "under USD 10" if price < LOW_PRICE_BELOW else "USD 10 or more"


def price_band_2026(price: float) -> str:
    """The price band of a sale price (USD) on the schedule in force from 2026-01-15 (a key of :data:`FBA_FEES_2026`)."""
    return "under USD 10" if price < LOW_PRICE_BELOW else ("USD 10-50" if price <= 50 else "over USD 50")


def fba_fee_at(fees: pd.DataFrame, item_row: str, price: float) -> float | None:
    """The FBA fee of an item (its USD 10-and-over row, a key of :data:`FBA_FEE_BANDS`) at a sale price, 2025 schedule.

    ``None`` where the fee of that price band was not read.
    """
    row = FBA_FEE_BANDS[item_row][price_band(price)]
    return None if row is None else fee(fees, row)


def fee_source(fees: pd.DataFrame, name: str) -> str:
    """Where a fee was read: the file and row, and the page the row cites."""
    fee(fees, name)  # raises if there is no such row
    return f"Amazon's published US fees, data/{FEES_FILE}, row {name} ({fees.at[name, 'source']})"


def fee_inputs(fees: pd.DataFrame) -> tuple[Input | Choice, ...]:
    """Amazon's published fees as inputs of the seller model; defaults (and the storage seasons' rates) read from ``fees``.

    ``fees`` is :func:`load_fees`. The storage fee is a choice of season,
    whose options are the two published rates.
    """
    referral = fee(fees, REFERRAL_RATE_ROW)
    rates = tuple((season, fee(fees, row)) for season, row in STORAGE_SEASONS.items())
    return (
        Input("referral_rate", "referral fee", "% of price", referral, 0.05, 0.45, 1, AMAZON,
              fee_source(fees, REFERRAL_RATE_ROW), hint=f"{referral:.0%} in most categories"),
        Input("fba_fee", "FBA fulfilment fee", "USD per unit", fee(fees, FBA_FEE_ROW), 2.0, 12.0, 0.02, AMAZON,
              fee_source(fees, FBA_FEE_ROW) + "; raise it to include surcharges the data leaves out"),
        Choice("storage_rate", "FBA storage fee season", rates, rates[0][1], AMAZON,
               "; ".join(fee_source(fees, row) for row in STORAGE_SEASONS.values()), control="radio"),
        Input("minimum_referral_fee", "minimum referral fee", "USD per item", fee(fees, MINIMUM_REFERRAL_FEE_ROW),
              0.0, 5.0, 0.01, AMAZON, fee_source(fees, MINIMUM_REFERRAL_FEE_ROW)),
    )
