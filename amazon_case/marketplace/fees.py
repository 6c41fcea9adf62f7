"""Amazon's published US seller fees: ``data/amazon_seller_fees.csv``, read and checked against its manifest.

Each row is one fee (its value, unit, what it applies to, the date it took effect where
stated, and the page it was read from). :func:`load_fees` reads the file, :func:`fee`
reads one fee in the unit the models take (percentages as fractions).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..filings import DATA_DIR
from ..kit.data import read_validated_csv

__all__ = ["FEES_FILE", "FBA_FEE_ROW", "HEAVY_FBA_FEE_ROW", "MINIMUM_REFERRAL_FEE_ROW", "REFERRAL_RATE_ROW",
           "STORAGE_SEASONS", "fee", "fee_source", "load_fees"]

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
