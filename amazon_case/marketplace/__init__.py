"""The third-party marketplace chapter (``chapters/marketplace.ipynb``): a seller's two paths and Amazon's take rate.

- :mod:`~amazon_case.marketplace.fees`: Amazon's published US seller fees (``data/amazon_seller_fees.csv``), and
  the seller model's inputs they are the defaults of.
- :mod:`~amazon_case.marketplace.model`: the inputs, formulas and models: the seller model (FBM against FBA,
  reusable by other chapters), the claim model, the take-rate model, the marketplace's growth.
- :mod:`~amazon_case.marketplace.charts`: the charts, each with the function that writes its words.
- :mod:`~amazon_case.marketplace.live`: the tables the chapter prints, the live-notebook workbench and its sentence.
"""

from .charts import (book_charts, claim_chart, claim_text, growth_chart, growth_text, seller_paths_chart,
                     seller_paths_text, seller_split_chart, seller_split_text, take_rate_chart, take_rate_text)
from .fees import FEES_FILE, STORAGE_SEASONS, fee, fee_inputs, fee_source, load_fees
from .live import claim_table, seller_sentence, seller_table_html, seller_workbench
from .model import (CLAIM_FBA_FEES, PRICE_PARTS, SELLER_ASSUMPTIONS, SELLER_CONTROLS, SELLER_FORMULAS, TAKE_RATE,
                    FBA_FEE_ROW, HEAVY_FBA_FEE_ROW, PathResult, SellerEconomics, amazon_share_of_price, book_models,
                    claim_model, fba_half_price_threshold, growth_view,
                    marketplace_growth, price_split_model, price_where_amazon_takes, seller_defaults, seller_economics,
                    seller_inputs, seller_model, seller_paths_model, storage_per_unit, take_rate, take_rate_table)

__all__ = [
    "CLAIM_FBA_FEES", "FBA_FEE_ROW", "FEES_FILE", "HEAVY_FBA_FEE_ROW", "PRICE_PARTS", "SELLER_ASSUMPTIONS", "SELLER_CONTROLS", "SELLER_FORMULAS",
    "STORAGE_SEASONS", "TAKE_RATE", "PathResult", "SellerEconomics", "amazon_share_of_price", "book_charts",
    "book_models", "claim_chart", "claim_model", "claim_table", "claim_text", "fba_half_price_threshold", "fee", "fee_inputs", "fee_source",
    "growth_chart", "growth_text", "growth_view", "load_fees", "marketplace_growth", "price_split_model",
    "price_where_amazon_takes", "seller_defaults", "seller_economics", "seller_inputs", "seller_model",
    "seller_paths_chart", "seller_paths_model", "seller_paths_text", "seller_split_chart", "seller_split_text", "storage_per_unit",
    "seller_sentence", "seller_table_html", "seller_workbench", "take_rate", "take_rate_chart", "take_rate_table",
    "take_rate_text",
]
