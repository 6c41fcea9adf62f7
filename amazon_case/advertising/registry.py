"""The advertising chapter's models and charts, for the book-wide tests (:mod:`amazon_case.book`).

Every model is registered with rows read from the data, so that the formula parity test runs each formula in
Vega's engine on the figures the charts draw, at the defaults, at every bound and at random settings.
"""

from __future__ import annotations

from functools import lru_cache

from ..kit.registry import ChartEntry, ModelEntry

LATEST_YEAR_LABEL = "FY2025"


@lru_cache(maxsize=1)
def chapter_data() -> dict:
    """The chapter's tables, from the data files, read once: what the registered models and charts are given."""
    from ..filings import annual_wide, load_quarterly, load_statements
    from ..marketplace import load_fees
    from .history import advertising_history, advertising_ttm, growth_rows, ttm_growth
    from .stores import store_rows, stores_without_ads
    from .take_rate import ad_share_from_data, take_with_ads_table

    wide, quarterly, statements = annual_wide(), load_quarterly(), load_statements()
    history = advertising_history(wide)
    ttm_row, sums = advertising_ttm(quarterly)
    end = sums["advertising"].quarters[-1]
    take = take_with_ads_table(wide, statements, quarterly, ttm_row["advertising"])
    latest_fy = f"FY{int(history.index[-1])}"
    stores = store_rows(history, ttm_row)
    return {"wide": wide, "quarterly": quarterly, "history": history, "ttm_row": ttm_row, "end": end,
            "ttm_growth": ttm_growth(quarterly, "advertising", end), "growth": growth_rows(history, ttm_row),
            "stores": stores, "stores_table": stores_without_ads(stores), "take": take,
            "latest_fy": latest_fy,
            "ad_share": ad_share_from_data(take, latest_fy), "fees": load_fees()}


def book_models() -> list[ModelEntry]:
    """Every model of the chapter, with rows from the data for those that read rows."""
    from .charts import GROWTH_VIEW
    from .seller import ad_seller_model, ad_split_model, ad_split_rows
    from .seller_charts import take_with_ads_rows
    from .stores import STORES_READOUT
    from .take_rate import TAKE_WITH_ADS_READOUT

    d = chapter_data()
    growth = d["growth"][["net_sales_bn", "sales_index"]].to_dict("records")
    stores = d["stores"].to_dict("records")
    take = take_with_ads_rows(d["take"])
    # Each period at its stated unit share, and at the ends of the take-rate model's range.
    take_rows = [{**r, "third_party_unit_share": share} for r in take.to_dict("records")
                 for share in (r["third_party_unit_share"], 0.1, 0.9)]
    return [
        ModelEntry("advertising", GROWTH_VIEW, lambda: growth),
        ModelEntry("advertising", STORES_READOUT, lambda: stores),
        ModelEntry("advertising", TAKE_WITH_ADS_READOUT, lambda: take_rows),
        ModelEntry("advertising", ad_seller_model(d["fees"], d["ad_share"])),
        ModelEntry("advertising", ad_split_model(d["fees"], d["ad_share"]), ad_split_rows),
    ]


def book_charts() -> list[ChartEntry]:
    """Every chart of the chapter with the parameters of its controls."""
    from .charts import GROWTH_VIEW, growth_chart, stores_chart
    from .seller import CHART_CONTROLS, ad_seller_economics, ad_seller_model
    from .seller_charts import ad_split_chart, ad_tax_chart, take_with_ads_chart
    from .stores import STORES
    from .take_rate import TAKE_WITH_ADS_READOUT

    d = chapter_data()
    result = ad_seller_economics(d["fees"], d["ad_share"])
    return [
        ChartEntry("advertising", "growth", lambda: growth_chart(d["growth"], d["history"], d["ttm_row"],
                                                                 d["ttm_growth"], "10-Ks; quarterly releases"),
                   GROWTH_VIEW.param_names()),
        ChartEntry("advertising", "stores without advertising",
                   lambda: stores_chart(d["stores"], d["stores_table"], "10-Ks; quarterly releases", d["latest_fy"]),
                   STORES.param_names()),
        ChartEntry("advertising", "take rate with advertising",
                   lambda: take_with_ads_chart(d["take"], d["latest_fy"], "10-Ks; quarterly releases"),
                   TAKE_WITH_ADS_READOUT.param_names()),
        ChartEntry("advertising", "ad tax", lambda: ad_tax_chart(d["fees"], d["ad_share"], result, "published fees"),
                   ad_seller_model(d["fees"], d["ad_share"]).param_names(only=CHART_CONTROLS)),
        ChartEntry("advertising", "ad split", lambda: ad_split_chart(result, "published fees"), ()),
    ]
