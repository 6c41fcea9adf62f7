"""The first-party retail chapter (``chapters/first-party-retail.ipynb``): thin margins, the cash
conversion cycle, working capital, where the cash went, and Prime.

- :mod:`.model`: the inputs, formulas and models, and the pure functions over the filings
  (:func:`retail_margins`, :func:`cash_conversion_cycle`, :func:`cycle_table`, :func:`cash_flow_history`,
  :func:`prime_revenue_per_member`, :func:`working_capital_cash`, :func:`prime_member_economics`).
- :mod:`.quarters`: the twelve months to the latest quarter (TTM) from the quarterly releases.
- :mod:`.working_capital`: the year-end current assets and liabilities, and the cash their changes moved.
- :mod:`.charts`: the chart builders, each with the ``*_text`` function that writes its words.
- :mod:`.live`: the live notebook's workbenches, sentences and tables.
"""

from __future__ import annotations

from ..kit.registry import ChartEntry, ModelEntry
from .charts import (ccc_chart, cash_flow_chart, cash_result_chart, margins_chart, prime_member_chart,
                     prime_result_chart, prime_revenue_chart, working_capital_chart)
from .live import cash_sentence, cash_workbench, prime_sentence, prime_workbench
from .model import (CASH_FLOW_VIEW, CASH_PART, CYCLE_BASIS, MARGINS_VIEW, PRIME_MEMBER, PRIME_MEMBER_LABELS, WORKING_CAPITAL,
                    PrimeMember,
                    WorkingCapitalCash, cash_conversion_cycle, cash_flow_history, cash_flow_rows, cycle_rows,
                    cycle_table, cycle_year_choice, latest_audited_year, margin_rows, prime_member_economics,
                    prime_revenue_per_member, retail_margins, working_capital_cash)
from .quarters import (latest_quarter, quarterly_citation, ttm_cash_flows, ttm_flows, ttm_label,
                       ttm_online_store_growth, ttm_segment_margins)
from .working_capital import (cash_file_citation, working_capital_balances, working_capital_changes)

__all__ = [
    "CASH_FLOW_VIEW", "CASH_PART", "CYCLE_BASIS", "MARGINS_VIEW", "PRIME_MEMBER", "PRIME_MEMBER_LABELS", "WORKING_CAPITAL", "PrimeMember",
    "WorkingCapitalCash", "book_charts", "book_models", "cash_conversion_cycle", "cash_file_citation",
    "cash_flow_chart", "cash_flow_history", "cash_flow_rows", "cash_result_chart", "cash_sentence", "cash_workbench",
    "ccc_chart", "cycle_rows", "cycle_table", "cycle_year_choice", "latest_audited_year", "latest_quarter",
    "margin_rows", "margins_chart", "prime_member_chart", "prime_member_economics", "prime_result_chart",
    "prime_revenue_chart", "prime_revenue_per_member", "prime_sentence", "prime_workbench", "quarterly_citation",
    "retail_margins", "ttm_cash_flows", "ttm_flows", "ttm_label", "ttm_online_store_growth", "ttm_segment_margins",
    "working_capital_balances", "working_capital_cash", "working_capital_changes", "working_capital_chart",
]

CHAPTER = "first-party-retail"


def latest_margin_rows(wide, quarterly):
    """:func:`margin_rows` with the twelve months to the latest quarter the file has segment results for."""
    from .quarters import SEGMENT_FLOW_METRICS

    end = latest_quarter(quarterly, SEGMENT_FLOW_METRICS)
    ttm = ttm_segment_margins(quarterly, end)
    return margin_rows(retail_margins(wide), ttm, ttm_online_store_growth(quarterly, end))


def book_models() -> list[ModelEntry]:
    """The chapter's models, each with rows from the filings (every fiscal year's figures, and the TTM)."""
    from ..filings import annual_wide, load_quarterly

    wide, quarterly = annual_wide(), load_quarterly()
    end = latest_quarter(quarterly)
    years = lambda: cycle_table(wide).to_dict("records")  # noqa: E731
    flows = lambda: cash_flow_rows(cash_flow_history(wide), ttm=ttm_cash_flows(quarterly, end),  # noqa: E731
                                   ttm_label=ttm_label(*end)).to_dict("records")
    segments = lambda: retail_margins(wide)[["segment"]].drop_duplicates().to_dict("records")  # noqa: E731
    parts = lambda: [{"cash_musd": v} for v in (-8_939.4, 0.0, 3_438.5)]  # noqa: E731
    return [ModelEntry(CHAPTER, WORKING_CAPITAL, years), ModelEntry(CHAPTER, CASH_PART, parts),
            ModelEntry(CHAPTER, PRIME_MEMBER), ModelEntry(CHAPTER, MARGINS_VIEW, segments),
            ModelEntry(CHAPTER, CASH_FLOW_VIEW, flows)]


def book_charts() -> list[ChartEntry]:
    """The chapter's charts, built from the filings, with the parameters their controls set."""
    from ..filings import annual_wide, cash_and_capital_wide, load_quarterly, load_statements

    wide, quarterly = annual_wide(), load_quarterly()
    end = latest_quarter(quarterly)
    table = cycle_table(wide)
    year = cycle_year_choice(table["fiscal_year"], latest_audited_year(table["fiscal_year"]))
    ccc_params = (CYCLE_BASIS.param_name(WORKING_CAPITAL.prefix), year.param_name(WORKING_CAPITAL.prefix),
                  *WORKING_CAPITAL.param_names())
    rows = table.set_index(["fiscal_year", "basis"], drop=False)
    latest = (latest_audited_year(table["fiscal_year"]), CYCLE_BASIS.default)
    flows = cash_flow_history(wide)
    return [
        ChartEntry(CHAPTER, "margins", lambda: margins_chart(latest_margin_rows(wide, quarterly), "10-Ks; releases"),
                   MARGINS_VIEW.param_names()),
        ChartEntry(CHAPTER, "cash conversion cycle", lambda: ccc_chart(table, "10-Ks"), ccc_params),
        ChartEntry(CHAPTER, "working capital", lambda: working_capital_chart(
            working_capital_changes(working_capital_balances(wide, cash_and_capital_wide())), flows["free_cash_flow"],
            "10-Ks")),
        ChartEntry(CHAPTER, "cash flows", lambda: cash_flow_chart(flows, "10-Ks; releases", ttm_cash_flows(quarterly, end),
                                                                  ttm_label(*end)), CASH_FLOW_VIEW.param_names()),
        ChartEntry(CHAPTER, "prime revenue", lambda: prime_revenue_chart(
            wide, prime_revenue_per_member(wide, load_statements()), "10-Ks; Amazon's statements")),
        ChartEntry(CHAPTER, "prime member", lambda: prime_member_chart("our model"), PRIME_MEMBER.param_names()),
        ChartEntry(CHAPTER, "cash workbench result", lambda: cash_result_chart(
            working_capital_cash(rows.loc[latest]), "10-Ks")),
        ChartEntry(CHAPTER, "prime workbench result", lambda: prime_result_chart(prime_member_economics(), "our model")),
    ]
