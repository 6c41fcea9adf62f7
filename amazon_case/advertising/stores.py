"""The store segments without advertising: what North America and International would earn if their advertising
revenue earned nothing, given an advertising margin that is the reader's assumption.

Amazon reports no advertising margin, and its segment note splits net sales by segment and by group of
products and services, but not advertising by segment. All of it sits in the two store segments: the
AWS segment's net sales equal the AWS category. The model splits it between them in proportion to each
segment's net sales, tilted by an assumption (:data:`NA_AD_WEIGHT`), and takes the operating income the
advertising brings as its revenue times the advertising margin (:data:`AD_MARGIN`):

    income without advertising = segment operating income − advertising margin × segment's advertising

The margin at which that is zero, segment operating income / advertising, is the break-even margin
(:func:`breakeven_ad_margin`): at any higher margin the segment would have lost money without advertising.
"""

from __future__ import annotations

import pandas as pd

from ..kit import ASSUMPTION, VIEW, Choice, Field, Input, Model, formula
from ..marketplace.model import ties_away_from_zero

__all__ = ["AD_MARGIN", "NA_AD_WEIGHT", "SEGMENTS", "STORES", "STORES_READOUT", "store_rows", "stores_table",
           "stores_without_ads"]

AD_MARGIN = Input(
    "ad_margin", "operating margin of advertising", "%", 0.5, 0.0, 1.0, 1, ASSUMPTION,
    "ours: Amazon reports no advertising margin. 50% is the middle of the 30% to 70% we think plausible: sponsored "
    "ads, sold by auction on pages Amazon serves anyway, cost little to deliver; display and video ads carry "
    "ad technology, sales staff and the content they run in")
NA_AD_WEIGHT = Input(
    "na_ad_weight", "advertising per dollar of sales, North America ÷ International", "×", 1.0, 0.5, 2.0, 0.1,
    ASSUMPTION, "ours: the filings do not split advertising by segment; 1 splits it in proportion to the segments' "
                "net sales")
SEGMENTS = Choice("segments", "show", (("Both store segments", "both"), ("North America", "na"),
                                       ("International", "intl")), "both", VIEW,
                  "the filed segment figures, together or one segment at a time")

STORE_FIELDS = [
    Field("advertising", "advertising services net sales, USD bn (10-K or TTM)", 0.0, float("inf"), low_open=True),
    Field("na_sales", "North America segment net sales, USD bn", 0.0, float("inf"), low_open=True),
    Field("intl_sales", "International segment net sales, USD bn", 0.0, float("inf"), low_open=True),
    Field("na_oi", "North America segment operating income, USD bn"),
    Field("intl_oi", "International segment operating income, USD bn"),
]


@formula
def na_advertising(advertising, na_sales, intl_sales, na_ad_weight):
    """North America's part of advertising: in proportion to net sales, each dollar of its sales weighted ``na_ad_weight``."""
    weighted = na_ad_weight * na_sales
    return advertising * weighted / (weighted + intl_sales)


@formula
def intl_advertising(advertising, na_advertising):
    return advertising - na_advertising


@formula
def segment_advertising(segments, advertising, na_advertising, intl_advertising):
    """The advertising of the segments shown."""
    return advertising if segments == "both" else (na_advertising if segments == "na" else intl_advertising)


@formula
def segment_income(segments, na_oi, intl_oi):
    """The filed operating income of the segments shown."""
    return na_oi + intl_oi if segments == "both" else (na_oi if segments == "na" else intl_oi)


@formula
def income_without_ads(segment_income, ad_margin, segment_advertising):
    """Operating income less what advertising earned at the assumed margin."""
    return segment_income - ad_margin * segment_advertising


@formula
def breakeven_ad_margin(segment_income, segment_advertising):
    """The advertising margin at which the segments would have earned nothing without it (negative: a loss with it)."""
    return segment_income / segment_advertising


@formula
def segments_name(segments):
    return "the store segments" if segments == "both" else ("North America" if segments == "na" else "International")


@formula
def without_ads_readout(label, segments_name, income_without_ads, ad_margin):
    """What the segments shown would have earned in the period ``label`` without advertising, at the reader's margin."""
    amount = ties_away_from_zero(income_without_ads)
    verb = "would break even" if abs(amount) < 0.05 else ("would earn" if amount > 0 else "would lose")
    return (f"{label:s} at a {ad_margin:.0%} ad margin: {segments_name:s} {verb:s}"
            + ("" if abs(amount) < 0.05 else f" USD {abs(amount):.1f} bn") + " without advertising")


@formula
def breakeven_readout(segments_name, breakeven_ad_margin):
    """Above which margin the segments shown would have lost money without advertising."""
    margin = ties_away_from_zero(breakeven_ad_margin)
    return (f"Even with advertising, {segments_name:s} lost money" if margin < 0 else
            f"Without it, {segments_name:s} would lose money at any ad margin above {margin:.1%}")


@formula
def allocation_readout(na_advertising, advertising):
    """How the model splits advertising between the two segments (the filings do not)."""
    return f"North America's share of advertising, by our split: {ties_away_from_zero(na_advertising / advertising):.1%}"


STORES = Model(
    "store segments without advertising", prefix="stores", inputs=[AD_MARGIN, SEGMENTS, NA_AD_WEIGHT],
    formulas=[na_advertising, intl_advertising, segment_advertising, segment_income, income_without_ads,
              breakeven_ad_margin],
    fields=STORE_FIELDS,
)

#: The same model with the chart's readouts, read on one row (a period).
STORES_READOUT = Model(
    "store segments without advertising, readouts", prefix="stores", inputs=[AD_MARGIN, SEGMENTS, NA_AD_WEIGHT],
    formulas=[*STORES.formulas, segments_name, without_ads_readout, breakeven_readout, allocation_readout],
    fields=[*STORE_FIELDS, Field("label", "the period's name: FY2025, TTM to Q2 2026")],
)


def store_rows(history: pd.DataFrame, ttm_row: pd.Series) -> pd.DataFrame:
    """The stores chart's rows: one per fiscal year of ``history`` (:func:`~.history.advertising_history`), then the
    TTM (:func:`~.history.advertising_ttm`), with the model's fields in USD billions.

    ``period`` is "2025" or "TTM to Q2 2026" (the axis), ``label`` "FY2025" or the TTM's name (the readouts),
    ``is_ttm`` marks the TTM.
    """
    periods = [(str(int(year)), f"FY{int(year)}", False, row) for year, row in history.iterrows()]
    periods.append((str(ttm_row.name), str(ttm_row.name), True, ttm_row))
    return pd.DataFrame([{"period": period, "label": label, "is_ttm": is_ttm,
                          **{key: row[key] / 1000 for key in ("advertising", "na_sales", "intl_sales", "na_oi", "intl_oi")}}
                         for period, label, is_ttm, row in periods])


def stores_without_ads(rows: pd.DataFrame, **assumptions: float | str) -> pd.DataFrame:
    """:data:`STORES` on every row of :func:`store_rows`, at the defaults or at ``assumptions`` (checked).

    Returns, per period (indexed by ``label``): ``advertising``, ``segment_advertising``, ``segment_income``,
    ``income_without_ads`` and ``breakeven_ad_margin`` (USD billions; the margin a fraction).
    """
    out = []
    for row in rows.itertuples():
        result = STORES.evaluate(**assumptions, **{f.name: getattr(row, f.name) for f in STORE_FIELDS})
        out.append({"label": row.label, "is_ttm": row.is_ttm, "advertising": result["advertising"],
                    **{key: result[key] for key in ("na_advertising", "segment_advertising", "segment_income",
                                                    "income_without_ads", "breakeven_ad_margin")}})
    return pd.DataFrame(out).set_index("label")


def stores_table(rows: pd.DataFrame, **assumptions: float | str) -> pd.DataFrame:
    """:func:`stores_without_ads` as the chapter prints it (USD billions to one decimal, the margin in percent; a
    period whose segments lost money even with advertising has no break-even margin)."""
    result = stores_without_ads(rows, **assumptions)
    return pd.DataFrame({
        "Advertising (USD bn)": result["segment_advertising"].round(1),
        "Operating income, filed (USD bn)": result["segment_income"].round(1),
        "Without advertising (USD bn)": result["income_without_ads"].round(1),
        "Break-even ad margin (%)": [f"{100 * m:.1f}" if income > 0 else "none: a loss with it"
                                     for m, income in zip(result["breakeven_ad_margin"], result["segment_income"])],
    }, index=result.index).rename_axis("Period")
