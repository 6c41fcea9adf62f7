"""The advertising chapter (``chapters/advertising.ipynb``): the marketplace's second fee.

- :mod:`~amazon_case.advertising.history`: the 10-K's *Advertising services* per fiscal year from 2019 and over
  the trailing twelve months, beside seller services, subscriptions and the store segments' operating income.
- :mod:`~amazon_case.advertising.stores`: the store segments without advertising, at an advertising margin that is
  the reader's assumption.
- :mod:`~amazon_case.advertising.take_rate`: the marketplace chapter's take rate, plus sellers' advertising.
- :mod:`~amazon_case.advertising.seller`: the "ad tax": the marketplace chapter's seller model, extended by advertising.
- :mod:`~amazon_case.advertising.charts` and :mod:`~amazon_case.advertising.seller_charts`: the charts, each with the
  function that writes its words.
- :mod:`~amazon_case.advertising.live`: the workbench, its sentence and table, and what Amazon discloses.
- :mod:`~amazon_case.advertising.registry`: the models and charts the book-wide tests run.
"""

from .charts import GROWTH_VIEW, growth_chart, growth_text, stores_chart, stores_text
from .history import (FIRST_AD_YEAR, GROWTH_LINES, HISTORY_METRICS, SPECIAL_CHARGES, advertising_history,
                      advertising_ttm, growth_rows, special_charges, ttm_growth)
from .live import DISCLOSURE, ad_seller_table, ad_seller_table_shown, growth_table, growth_table_shown, ad_sentence, ad_table_html, ad_workbench, disclosure_table
from .registry import book_charts, book_models, chapter_data
from .seller import (AD_CONTROLS, AD_LIFT, AD_SELLER_FORMULAS, CHART_CONTROLS, PARTS_WITH_ADS, AdPath,
                     AdSellerEconomics, ad_seller_economics, ad_seller_model, ad_share_input, ad_split_model,
                     ad_split_rows)
from .seller_charts import (ad_split_chart, ad_split_text, ad_tax_chart, ad_tax_text, take_with_ads_chart,
                            take_with_ads_rows, take_with_ads_text)
from .stores import (AD_MARGIN, NA_AD_WEIGHT, SEGMENTS, STORES, STORES_READOUT, store_rows, stores_table,
                     stores_without_ads)
from .take_rate import (SELLER_AD_SHARE, TAKE_WITH_ADS, TAKE_WITH_ADS_READOUT, ad_share_from_data, average_ad_share,
                        take_with_ads, take_with_ads_table, take_with_ads_table_shown)

__all__ = [
    "AD_CONTROLS", "AD_LIFT", "AD_MARGIN", "AD_SELLER_FORMULAS", "CHART_CONTROLS", "DISCLOSURE", "FIRST_AD_YEAR",
    "GROWTH_LINES", "GROWTH_VIEW", "HISTORY_METRICS", "NA_AD_WEIGHT", "PARTS_WITH_ADS", "SEGMENTS", "SELLER_AD_SHARE",
    "SPECIAL_CHARGES", "STORES", "STORES_READOUT", "TAKE_WITH_ADS", "TAKE_WITH_ADS_READOUT", "AdPath",
    "AdSellerEconomics", "ad_seller_economics", "ad_seller_table", "ad_seller_table_shown", "growth_table", "ad_seller_model", "ad_sentence", "ad_share_from_data",
    "ad_share_input", "ad_split_chart", "ad_split_model", "ad_split_rows", "ad_split_text", "ad_table_html",
    "ad_tax_chart", "ad_tax_text", "ad_workbench", "advertising_history", "advertising_ttm", "average_ad_share",
    "book_charts", "book_models", "chapter_data", "disclosure_table", "growth_chart", "growth_rows", "growth_table_shown", "growth_text",
    "special_charges", "store_rows", "stores_chart", "stores_table", "stores_text", "stores_without_ads",
    "take_with_ads", "take_with_ads_chart", "take_with_ads_rows", "take_with_ads_table", "take_with_ads_table_shown",
    "take_with_ads_text", "ttm_growth",
]
