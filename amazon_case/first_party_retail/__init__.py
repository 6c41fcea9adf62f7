"""The first-party retail chapter (``chapters/first-party-retail.ipynb``): thin margins, the cash
conversion cycle, where the cash went, and Prime.

- :mod:`.model`: the inputs, formulas and models, and the pure functions over the filings
  (:func:`retail_margins`, :func:`cash_conversion_cycle`, :func:`cash_flow_history`,
  :func:`prime_revenue_per_member`, :func:`working_capital_cash`, :func:`prime_member_economics`).
- :mod:`.charts`: the chart builders, each with the ``*_text`` function that writes its words.
- :mod:`.live`: the live notebook's workbenches, sentences and tables.
"""

from __future__ import annotations

from ..kit.registry import ChartEntry, ModelEntry
from .charts import (ccc_chart, cash_flow_chart, cash_result_chart, margins_chart, prime_member_chart,
                     prime_result_chart, prime_revenue_chart)
from .live import cash_sentence, cash_workbench, prime_sentence, prime_workbench
from .model import (CASH_FLOW_VIEW, CASH_PART, MARGINS_VIEW, PRIME_MEMBER, WORKING_CAPITAL, PrimeMember,
                    WorkingCapitalCash, cash_conversion_cycle, cash_flow_history, cash_flow_rows, cycle_rows,
                    cycle_year_choice, latest_audited_year, prime_member_economics, prime_revenue_per_member,
                    retail_margins, working_capital_cash)

__all__ = [
    "CASH_FLOW_VIEW", "CASH_PART", "MARGINS_VIEW", "PRIME_MEMBER", "WORKING_CAPITAL", "PrimeMember", "WorkingCapitalCash",
    "book_charts", "book_models", "cash_conversion_cycle", "cash_flow_chart", "cash_flow_history", "cash_flow_rows",
    "cash_result_chart", "cash_sentence", "cash_workbench", "ccc_chart", "cycle_rows", "cycle_year_choice",
    "latest_audited_year", "margins_chart", "prime_member_chart", "prime_member_economics", "prime_result_chart",
    "prime_revenue_chart", "prime_revenue_per_member", "prime_sentence", "prime_workbench", "retail_margins",
    "working_capital_cash",
]

CHAPTER = "first-party-retail"


def book_models() -> list[ModelEntry]:
    """The chapter's models, each with rows from the filings (every fiscal year's figures)."""
    from ..filings import annual_wide

    wide = annual_wide()
    years = lambda: cycle_rows(cash_conversion_cycle(wide)).to_dict("records")  # noqa: E731
    flows = lambda: cash_flow_rows(cash_flow_history(wide)).to_dict("records")  # noqa: E731
    segments = lambda: retail_margins(wide)[["segment"]].drop_duplicates().to_dict("records")  # noqa: E731
    parts = lambda: [{"cash_musd": v} for v in (-8_939.4, 0.0, 3_438.5)]  # noqa: E731
    return [ModelEntry(CHAPTER, WORKING_CAPITAL, years), ModelEntry(CHAPTER, CASH_PART, parts),
            ModelEntry(CHAPTER, PRIME_MEMBER), ModelEntry(CHAPTER, MARGINS_VIEW, segments),
            ModelEntry(CHAPTER, CASH_FLOW_VIEW, flows)]


def book_charts() -> list[ChartEntry]:
    """The chapter's charts, built from the filings, with the parameters their controls set."""
    from ..filings import annual_wide, load_statements

    wide = annual_wide()
    ccc = cash_conversion_cycle(wide)
    year = cycle_year_choice(ccc.index, latest_audited_year(ccc.index)).param_name(WORKING_CAPITAL.prefix)
    rows = cycle_rows(ccc).set_index("fiscal_year", drop=False)
    return [
        ChartEntry(CHAPTER, "margins", lambda: margins_chart(retail_margins(wide), "10-Ks"), MARGINS_VIEW.param_names()),
        ChartEntry(CHAPTER, "cash conversion cycle", lambda: ccc_chart(ccc, "10-Ks"),
                   (year, *WORKING_CAPITAL.param_names())),
        ChartEntry(CHAPTER, "cash flows", lambda: cash_flow_chart(cash_flow_history(wide), "10-Ks"),
                   CASH_FLOW_VIEW.param_names()),
        ChartEntry(CHAPTER, "prime revenue", lambda: prime_revenue_chart(
            wide, prime_revenue_per_member(wide, load_statements()), "10-Ks; Amazon's statements")),
        ChartEntry(CHAPTER, "prime member", lambda: prime_member_chart("our model"), PRIME_MEMBER.param_names()),
        ChartEntry(CHAPTER, "cash workbench result", lambda: cash_result_chart(
            working_capital_cash(rows.loc[latest_audited_year(ccc.index)]), "10-Ks")),
        ChartEntry(CHAPTER, "prime workbench result", lambda: prime_result_chart(prime_member_economics(), "our model")),
    ]
