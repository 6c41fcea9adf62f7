"""The third-party marketplace chapter (``chapters/marketplace.ipynb``): a seller's two paths and Amazon's take rate.

- :mod:`~amazon_case.marketplace.fees`: Amazon's published US seller fees (``data/amazon_seller_fees.csv``), by
  price band, and the seller model's inputs they are the defaults of.
- :mod:`~amazon_case.marketplace.model`: the seller model (FBM against FBA, reusable by other chapters) and
  the claim model.
- :mod:`~amazon_case.marketplace.quarters`: the quarterly file's figures: trailing twelve months, the seller unit mix.
- :mod:`~amazon_case.marketplace.growth`: the marketplace's growth, per year and over the trailing twelve months.
- :mod:`~amazon_case.marketplace.take_rate`: the take-rate model and its table.
- :mod:`~amazon_case.marketplace.charts` and :mod:`~amazon_case.marketplace.market_charts`: the charts, each with
  the function that writes its words.
- :mod:`~amazon_case.marketplace.live`: the tables the chapter prints, the live-notebook workbench and its sentence.
"""

from .charts import (book_charts, claim_chart, claim_text, seller_paths_chart, seller_paths_text, seller_split_chart,
                     seller_split_text)
from .fees import (FBA_FEE_BANDS, FBA_FEES_2026, FEES_FILE, FUEL_SURCHARGE_ROW, LOW_PRICE_FBA_FEE_ROW, STORAGE_SEASONS, fba_fee_at, fee,
                   fee_inputs, fee_source, load_fees, price_band, price_band_2026)
from .growth import GROWTH_METRICS, growth_ttm, growth_view, marketplace_growth
from .live import (FEES_TABLE_LABELS, GROWTH_TABLE_LABELS, SELLER_TABLE_LABELS, claim_fees_table, claim_table, claim_table_shown, fee_schedules_compared,
                   fee_label, fees_table, growth_table, take_rate_table_shown, seller_sentence, seller_table, seller_table_html, seller_workbench)
from .market_charts import growth_chart, growth_text, take_rate_chart, take_rate_text
from .model import (CHEAP_ITEM_PRICE, CLAIM_FBA_FEES, FBA_FEE_ROW, HEAVY_FBA_FEE_ROW, HIGH_REFERRAL, PRICE_PARTS,
                    SELLER_ASSUMPTIONS, SELLER_CONTROLS, SELLER_FORMULAS, SLOW_SELLER, WITHOUT_FBA, PathResult,
                    SellerEconomics, amazon_share_of_price, book_models,
                    claim_model, claim_rows, fba_half_price_threshold, price_split_model, price_where_amazon_takes,
                    seller_cases, seller_defaults, seller_economics, seller_inputs, seller_model, seller_paths_model,
                    storage_per_unit)
from .quarters import TTMValue, ttm, unit_share_statements, yearly_unit_shares
from .take_rate import TAKE_RATE, take_rate, take_rate_table

__all__ = [
    "CHEAP_ITEM_PRICE", "CLAIM_FBA_FEES", "FBA_FEES_2026", "FUEL_SURCHARGE_ROW", "GROWTH_METRICS", "FBA_FEE_BANDS", "FBA_FEE_ROW", "FEES_FILE", "HEAVY_FBA_FEE_ROW", "HIGH_REFERRAL",
    "LOW_PRICE_FBA_FEE_ROW", "PRICE_PARTS", "SELLER_ASSUMPTIONS", "SELLER_CONTROLS", "SELLER_FORMULAS", "SLOW_SELLER", "STORAGE_SEASONS",
    "TAKE_RATE", "TTMValue", "WITHOUT_FBA", "PathResult", "SellerEconomics", "amazon_share_of_price", "book_charts",
    "book_models", "claim_chart", "claim_model", "claim_rows", "claim_table", "claim_table_shown", "claim_text", "fba_fee_at",
    "fba_half_price_threshold", "fee", "fee_inputs", "fee_schedules_compared", "fee_source", "growth_chart",
    "growth_text", "growth_ttm", "growth_view", "load_fees", "marketplace_growth", "price_band", "price_band_2026",
    "price_split_model", "price_where_amazon_takes", "seller_cases", "seller_defaults", "seller_economics", "seller_inputs",
    "seller_model", "seller_paths_chart", "seller_paths_model", "seller_paths_text", "seller_sentence",
    "seller_split_chart", "seller_split_text", "claim_fees_table", "seller_table", "seller_table_html", "fee_label", "fees_table", "growth_table", "FEES_TABLE_LABELS", "GROWTH_TABLE_LABELS",
    "SELLER_TABLE_LABELS", "seller_workbench", "storage_per_unit", "take_rate",
    "take_rate_chart", "take_rate_table", "take_rate_table_shown", "take_rate_text", "ttm", "unit_share_statements", "yearly_unit_shares",
]
