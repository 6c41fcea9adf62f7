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

__all__ = ["FEES_FILE", "FBA_FEE_ROW", "HEAVY_FBA_FEE_ROW", "MINIMUM_REFERRAL_FEE_ROW", "REFERRAL_RATE_ROW",
           "STORAGE_SEASONS", "fee", "fee_inputs", "fee_source", "load_fees"]

FEES_FILE = "amazon_seller_fees.csv"

#: The rows the seller model reads: the referral fee of most categories, its minimum, the FBA fee of a light item.
REFERRAL_RATE_ROW = "referral_fee_rate_most_categories"
MINIMUM_REFERRAL_FEE_ROW = "referral_fee_minimum_per_item"
FBA_FEE_ROW = "fba_fulfilment_fee_large_standard_4oz"
#: The FBA fee of a heavier item (3 lb), which the claim chart draws beside the light one.
HEAVY_FBA_FEE_ROW = "fba_fulfilment_fee_large_standard_3lb"
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
