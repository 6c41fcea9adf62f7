"""The AWS chapter (``chapters/aws.ipynb``): AWS's weight in Amazon's results, two ways to sell, and a what-if.

- :mod:`.model`: the models and the pure functions that run them (:func:`aws_weight`,
  :func:`motion_economics`, :func:`budget_allocation`, :func:`budget_sweep`,
  :func:`expected_lifetime_years`, :func:`whatif_inputs`).
- :mod:`.charts`: the chart builders and the functions that write their words.
- :mod:`.quarters`: the quarterly segment figures, the trailing twelve months (TTM) and their sources.
- :mod:`.live`: the go-to-market workbench, its sentence and its table.
"""

from .charts import (aws_growth_chart, aws_growth_text, aws_quarters_chart, aws_quarters_text, aws_weight_chart,
                     aws_weight_text, aws_whatif_chart, aws_whatif_text, book_charts, gtm_chart, gtm_result_chart,
                     gtm_result_text, gtm_text, with_periods)
from .quarters import (aws_quarterly_growth, latest_quarter, previous_quarters, quarter_name, quarterly_source,
                       segment_quarters, segment_ttm, ttm_label)
from .live import allocate, allocation_sentence, allocation_table_html, gtm_workbench
from .model import (BUDGET_SPLIT, CUSTOMER_ECONOMICS, DEFAULT_BUDGET_MUSD, DEFAULT_SALES_LED_SHARE, GTM_DEFAULTS,
                    GTM_INPUTS, GTM_PARAMS, HORIZON_YEARS, MOTION_INPUTS, MOTION_SHORT, MOTIONS, OPERATING_INCOME_SHARE,
                    SALES_LED_SHARE, WHATIF_INPUTS, WHATIF_SLOWER, BudgetAllocation, MotionEconomics, aws_weight, book_models,
                    budget_allocation, budget_sweep, expected_lifetime_years, motion_economics, split_by_motion,
                    weight_view, whatif_cases, whatif_inputs, with_constants)

__all__ = [
    "BUDGET_SPLIT", "CUSTOMER_ECONOMICS", "DEFAULT_BUDGET_MUSD", "DEFAULT_SALES_LED_SHARE", "GTM_DEFAULTS", "GTM_INPUTS",
    "GTM_PARAMS", "HORIZON_YEARS", "MOTIONS", "MOTION_INPUTS", "MOTION_SHORT", "OPERATING_INCOME_SHARE", "SALES_LED_SHARE",
    "WHATIF_INPUTS", "WHATIF_SLOWER",
    "BudgetAllocation", "MotionEconomics", "allocate", "allocation_sentence", "allocation_table_html",
    "aws_growth_chart", "aws_growth_text", "aws_quarterly_growth", "aws_quarters_chart", "aws_quarters_text",
    "aws_weight", "aws_weight_chart", "aws_weight_text", "aws_whatif_chart", "aws_whatif_text", "latest_quarter",
    "previous_quarters", "quarter_name", "quarterly_source", "segment_quarters", "segment_ttm", "ttm_label",
    "with_periods", "book_charts", "book_models", "budget_allocation", "budget_sweep", "expected_lifetime_years",
    "gtm_chart", "gtm_result_chart", "gtm_result_text", "gtm_text", "gtm_workbench", "motion_economics",
    "split_by_motion", "weight_view", "whatif_cases", "whatif_inputs", "with_constants",
]
