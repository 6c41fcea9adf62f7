"""The advertising chapter's tables and its live notebook: the ad-tax workbench, its sentence and its table,
and what Amazon discloses about advertising.

:func:`ad_workbench` is made from the advertising seller model's own input declarations (the marketplace
chapter's seller inputs and the two advertising ones), so that its sliders have the charts' labels, ranges,
steps and defaults; it runs :func:`~.seller.ad_seller_economics`.
"""

from __future__ import annotations

import pandas as pd

from ..kit import Input
from ..kit.tables import ReaderTable, reader_table
from ..kit.workbench import Workbench
from .seller import AD_CONTROLS, AdSellerEconomics, ad_seller_economics, ad_seller_model
from .seller_charts import ad_split_chart

__all__ = ["DISCLOSURE", "TABLE_ROWS", "ad_seller_table", "ad_seller_table_shown", "growth_table", "growth_table_shown", "ad_sentence", "ad_table_html", "ad_workbench", "disclosure_table"]


def growth_table_shown(history: pd.DataFrame, ttm_row: pd.Series) -> pd.DataFrame:
    """:func:`~.history.advertising_history` and its TTM row as the chapter prints them: USD billions, advertising
    as a percentage of net sales and per dollar of third-party seller services."""
    shown = pd.concat([history.rename(index="FY{}".format), ttm_row.to_frame().T])
    return pd.DataFrame({
        "Advertising (USD bn)": (shown["advertising"] / 1000).round(1),
        "Seller services (USD bn)": (shown["third_party_seller_services"] / 1000).round(1),
        "Subscriptions (USD bn)": (shown["subscription_services"] / 1000).round(1),
        "Store segments' op. income (USD bn)": (shown["store_oi"] / 1000).round(1),
        "Ads, % of net sales": (100 * shown["ads_share_of_net_sales"]).round(1),
        "Ads per USD 1 of seller fees": shown["ads_to_seller_services"].astype(float).round(2),
    }, index=shown.index).rename_axis("Period")


def ad_sentence(result: AdSellerEconomics) -> str:
    """One plain sentence stating an :func:`~.seller.ad_seller_economics` result."""
    fbm, fba = result.fbm, result.fba
    share = result.values["ad_share"]
    better = "FBA" if fba.margin_per_month > fbm.margin_per_month else "Fulfilling orders yourself"
    return (
        f"With {share:.1%} of sales on Amazon's ads (USD {fbm.ad_spend:,.2f} a unit): "
        f"FBM margin USD {fbm.margin_after_ads:,.2f} a unit, USD {fbm.margin_per_month:,.0f} a month, "
        f"Amazon keeps {fbm.amazon_take:.0%} of the price; FBA margin USD {fba.margin_after_ads:,.2f} a unit, "
        f"USD {fba.margin_per_month:,.0f} a month, Amazon keeps {fba.amazon_take:.0%}. {better} earns more after ads."
    )


#: The rows of the workbench's table, in order, and how they are shown.
TABLE_ROWS = {"amazon_fees": "Amazon's fees (USD a unit)", "ad_spend": "Advertising (USD a unit)",
              "margin_after_ads": "Margin after ads (USD a unit)", "units_per_month": "Units a month",
              "margin_per_month": "Margin after ads (USD a month)", "amazon_take": "Amazon keeps (% of price)",
              "seller_keeps": "Seller keeps before product cost (% of price)"}


def ad_seller_table_shown(result: AdSellerEconomics) -> pd.DataFrame:
    """Both paths as the chapter prints them: USD to the cent, units and monthly margins whole, shares in percent."""
    table = result.table().loc[list(TABLE_ROWS)].astype(float)
    text = table.map(lambda v: f"{v:,.2f}")
    for row in ("amazon_take", "seller_keeps"):
        text.loc[row] = table.loc[row].map(lambda v: f"{v:.1%}")
    for row in ("units_per_month", "margin_per_month"):
        text.loc[row] = table.loc[row].map(lambda v: f"{v:,.0f}")
    text.index = list(TABLE_ROWS.values())
    return text


def ad_seller_table(result: AdSellerEconomics, caption: str = "One product with or without FBA, paying for "
                    "Amazon's ads: fees, advertising and margins") -> ReaderTable:
    """Both paths for readers (:data:`TABLE_ROWS`): USD to the cent, units and monthly margins whole, shares in percent."""
    table = result.table().loc[list(TABLE_ROWS)].astype(float).rename(index=TABLE_ROWS)
    return reader_table(table, caption, decimals=2,
                        percent_rows=[TABLE_ROWS[r] for r in ("amazon_take", "seller_keeps")],
                        row_decimals={TABLE_ROWS[r]: 1 for r in ("amazon_take", "seller_keeps")},
                        integer_rows=[TABLE_ROWS[r] for r in ("units_per_month", "margin_per_month")])


def ad_table_html(result: AdSellerEconomics) -> str:
    """Both paths as an HTML table (:func:`ad_seller_table`), for the workbench."""
    return ad_seller_table(result)._repr_html_()


def growth_table(history: pd.DataFrame, ttm_row: pd.Series) -> ReaderTable:
    """:func:`growth_table_shown` for readers (USD billions to one decimal, advertising per dollar of seller fees to two)."""
    return reader_table(growth_table_shown(history, ttm_row), "Advertising beside seller services, subscriptions and "
                        "the store segments' operating income, Form 10-K and quarterly releases",
                        column_decimals={"Ads per USD 1 of seller fees": 2})


def ad_workbench(fees: pd.DataFrame, ad_share: Input, source: str) -> Workbench:
    """Sliders for the seller model's ten controls and the two advertising ones; the result as a sentence, a table
    and a chart. The minimum referral fee, which has no control, stays at its published value."""
    model = ad_seller_model(fees, ad_share, readouts=False)
    return Workbench(
        "Ad-tax workbench: one product, with or without FBA, paying for Amazon's ads (fees: Amazon's published US "
        "rates; the rest: assumptions)",
        [model.inputs[name] for name in AD_CONTROLS],
        compute=lambda **values: ad_seller_economics(fees, ad_share, **values),
        describe=ad_sentence,
        tabulate=ad_table_html,
        draw=lambda result: ad_split_chart(result, source),
    )


#: What the filings say about advertising, and what they leave out: (question, answer, where).
DISCLOSURE = (
    ("Advertising revenue, per year", "Yes: Advertising services, a net sales line, from fiscal 2019",
     "Form 10-K, segment note (net sales by groups of similar products and services); first in the FY2021 10-K"),
    ("Before fiscal 2019", "Inside Other (\"Other revenue primarily includes sales of advertising services\")",
     "Form 10-K for FY2019, Note 1; Other was restated when advertising was broken out"),
    ("Advertising revenue, per quarter", "Yes: the same line for three months",
     "Quarterly earnings releases (Form 8-K, Exhibit 99.1)"),
    ("Who buys it", "Named, not measured: \"sellers, vendors, publishers, authors, and others\"",
     "Form 10-K, Note 1 (Revenue) and the segment note's footnote"),
    ("Which programs", "Named, not measured: \"sponsored ads, display, and video advertising\"",
     "Form 10-K, Note 1 (Revenue) and the segment note's footnote"),
    ("Prime Video ads (US, from 29 January 2024)", "Not named in the filings read; would fall under video advertising",
     "Press reports of Amazon's email to Prime members"),
    ("Advertising by segment", "No: the segment note splits net sales by segment, and by group, not both",
     "Form 10-K, segment note (all of it is in North America and International, since AWS's segment equals its line)"),
    ("Advertising's costs or margin", "No: costs are reported by function (fulfilment, technology and "
     "infrastructure, sales and marketing...), not by line", "Form 10-K, statements of operations"),
)


def disclosure_table() -> pd.DataFrame:
    """:data:`DISCLOSURE` as a table."""
    return pd.DataFrame(DISCLOSURE, columns=["Question", "What the filings give", "Where"]).set_index("Question")
