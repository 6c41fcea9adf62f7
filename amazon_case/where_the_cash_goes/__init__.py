"""The chapter "Where the cash goes: capital, AI and free cash flow" (``chapters/where-the-cash-goes.ipynb``).

- :mod:`.history`: the filed tables (the cash picture, the segment note's capital lines, the two souls' cash, the
  backlog, the servers' useful lives, the investment gains in net income).
- :mod:`.model`: the inputs, formulas and models, and the year-by-year model of AWS's capital.
- :mod:`.charts`: the chart builders, each with the ``*_text`` function that writes its words.
- :mod:`.live`: the live notebook's workbench.
"""

from __future__ import annotations

from ..kit.registry import ChartEntry, ModelEntry
from .charts import (aws_capital_chart, aws_capital_result_chart, backlog_chart, cash_picture_chart,
                     segment_capital_chart, souls_chart)
from .history import (BUILDING_LIFE_YEARS, LEASE_MEASURES, USEFUL_LIFE_CHANGES, backlog_history, cash_citation,
                      cash_picture, investment_gains, latest_cash_quarter, segment_capital, souls_history,
                      ttm_cash_table, ttm_label)
from .live import YEARS_AHEAD, capital_sentence, capital_table_html, capital_workbench
from .model import (AWS_CAPITAL_INPUTS, AWS_CAPITAL_READOUT, BACKLOG, CAPITAL_READOUT, CASH_VIEW, CHART_YEARS,
                    MAX_YEARS, CapitalBase, aws_capital_defaults, aws_capital_loop, backlog_rows, break_even_intensity,
                    calibrated_server_share, capital_base, capital_history, capital_readout_rows, capital_rows,
                    capital_view, cash_view_rows, depreciation_backtest, latest_ttm_comparison, modelled_depreciation,
                    run_aws_capital, souls_rows, souls_view)

__all__ = [
    "AWS_CAPITAL_INPUTS", "AWS_CAPITAL_READOUT", "BACKLOG", "BUILDING_LIFE_YEARS", "CAPITAL_READOUT", "CASH_VIEW",
    "CHART_YEARS", "LEASE_MEASURES", "MAX_YEARS", "USEFUL_LIFE_CHANGES", "YEARS_AHEAD", "CapitalBase",
    "aws_capital_chart", "aws_capital_defaults", "aws_capital_loop", "aws_capital_result_chart", "backlog_chart",
    "backlog_history", "backlog_rows", "book_charts", "book_models", "break_even_intensity", "calibrated_server_share",
    "capital_base", "capital_history", "capital_readout_rows", "capital_rows", "capital_sentence", "capital_table_html",
    "capital_view", "capital_workbench", "cash_citation", "cash_picture", "cash_picture_chart", "cash_view_rows",
    "depreciation_backtest", "investment_gains", "latest_cash_quarter", "latest_ttm_comparison", "load",
    "modelled_depreciation", "run_aws_capital", "segment_capital", "segment_capital_chart", "souls_chart",
    "souls_history", "souls_rows", "souls_view", "ttm_cash_table", "ttm_label",
]

CHAPTER = "where-the-cash-goes"
BASE_YEAR = 2025


def load() -> dict:
    """The chapter's data, validated: the annual, quarterly and cash-and-capital files, wide and tidy."""
    from ..filings import annual_wide, cash_and_capital_wide, load_annual, load_cash_and_capital, load_quarterly

    annual = load_annual()
    cash_tidy = load_cash_and_capital(annual=annual)
    return {"annual": annual, "wide": annual_wide(annual), "cash_tidy": cash_tidy,
            "cash": cash_and_capital_wide(cash_tidy, annual), "quarterly": load_quarterly(annual=annual)}


def _model(data: dict):
    base = capital_base(data["wide"], data["cash"], BASE_YEAR)
    return base, aws_capital_loop(base, aws_capital_defaults(data["wide"], data["cash"], data["quarterly"], base))


def book_models() -> list[ModelEntry]:
    """The chapter's models, each with rows from the filings."""
    data = load()
    base, loop = _model(data)
    picture = cash_picture(data["wide"], data["cash"], data["quarterly"])
    capital = segment_capital(data["wide"], data["cash"])
    souls = souls_rows(souls_history(data["wide"], data["cash"]))
    end = lambda: [run_aws_capital(loop, base, years, **settings).iloc[-1].to_dict()  # noqa: E731
                   for years in (1, CHART_YEARS) for settings in ({}, {"aws_growth": -0.1, "capex_intensity": 0.1},
                                                                    {"aws_growth": 0.6, "margin_before_depreciation": 0.2})]
    return [
        ModelEntry(CHAPTER, CASH_VIEW, lambda: cash_view_rows(picture).to_dict("records")),
        ModelEntry(CHAPTER, BACKLOG, lambda: backlog_rows(backlog_history(
            data["wide"], data["cash_tidy"], data["quarterly"])).to_dict("records")),
        ModelEntry(CHAPTER, capital_view(capital["fiscal_year"].unique()), lambda: capital_rows(capital).to_dict("records")),
        ModelEntry(CHAPTER, CAPITAL_READOUT, lambda: capital_readout_rows(data["cash"]).to_dict("records")),
        ModelEntry(CHAPTER, souls_view(souls["fiscal_year"]), lambda: souls.to_dict("records")),
        ModelEntry(CHAPTER, loop, years=MAX_YEARS),
        ModelEntry(CHAPTER, AWS_CAPITAL_READOUT, end),
    ]


def book_charts() -> list[ChartEntry]:
    """The chapter's charts, built from the filings, with the parameters their controls set."""
    data = load()
    base, loop = _model(data)
    wide, cash, quarterly = data["wide"], data["cash"], data["quarterly"]
    capital = segment_capital(wide, cash)
    souls = souls_history(wide, cash)
    return [
        ChartEntry(CHAPTER, "cash picture", lambda: cash_picture_chart(cash_picture(wide, cash, quarterly), "filings"),
                   CASH_VIEW.param_names()),
        ChartEntry(CHAPTER, "backlog", lambda: backlog_chart(backlog_history(wide, data["cash_tidy"], quarterly), "filings"),
                   BACKLOG.param_names()),
        ChartEntry(CHAPTER, "segment capital", lambda: segment_capital_chart(capital, capital_readout_rows(cash), "10-Ks"),
                   capital_view(capital["fiscal_year"].unique()).param_names()),
        ChartEntry(CHAPTER, "who funds whom", lambda: souls_chart(souls, "10-Ks"),
                   souls_view(souls_rows(souls)["fiscal_year"]).param_names()),
        ChartEntry(CHAPTER, "AWS capital", lambda: aws_capital_chart(
            loop, base, capital_history(wide, cash, BASE_YEAR - 6, BASE_YEAR), latest_ttm_comparison(quarterly),
            "filings; our model"), loop.param_names()),
        ChartEntry(CHAPTER, "AWS capital workbench result", lambda: aws_capital_result_chart(
            run_aws_capital(loop, base), "our model")),
    ]
