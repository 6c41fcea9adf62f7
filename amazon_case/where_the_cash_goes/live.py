"""Where the cash goes, the live notebook: the model's workbench, its sentence and table (ipywidgets; the book hides it).

The workbench's sliders are the same declarations as the model chart's (:func:`~.model.aws_capital_loop`), so
that labels, ranges, steps and defaults match.
"""

from __future__ import annotations

import pandas as pd

from ..kit import VIEW, Input, Loop
from ..kit.workbench import Workbench
from .charts import CAPITAL_SERIES, aws_capital_result_chart
from .model import CHART_YEARS, MAX_YEARS, CapitalBase, run_aws_capital

#: How many years the workbench runs the model (the chart shows five).
YEARS_AHEAD = Input("years", "years ahead", "years", CHART_YEARS, 1, MAX_YEARS, 1, VIEW,
                    "a way of looking: how far the model runs (the chart shows five years)")


def capital_sentence(result: pd.DataFrame) -> str:
    """One sentence on the last year of a :func:`~.model.run_aws_capital` result."""
    start, end = result.iloc[0], result.iloc[-1]
    fcf = end["free_cash_flow"]
    cash = f"an outflow of USD {-fcf:,.1f} billion" if fcf < 0 else f"USD {fcf:,.1f} billion"
    return (f"By FY{int(end['fiscal_year'])}, AWS would spend USD {end['capex']:,.0f} billion a year on property and "
            f"equipment and depreciate USD {end['depreciation']:,.0f} billion (FY{int(start['fiscal_year'])}: "
            f"{start['capex']:,.0f} and {start['depreciation']:,.0f}); its operating margin would be "
            f"{end['operating_margin']:.1%}, and Amazon's free cash flow {cash}.")


def capital_table_html(result: pd.DataFrame) -> str:
    """The result, one row per year (USD billions; the margin in percent), as an HTML table."""
    table = result.set_index("fiscal_year")[["aws_sales", *CAPITAL_SERIES, "operating_margin"]].rename(
        columns={"aws_sales": "AWS net sales", **CAPITAL_SERIES, "operating_margin": "AWS operating margin"})
    table.index.name = "Fiscal year (USD bn)"
    formats = {c: "{:,.1f}".format for c in table.columns} | {"AWS operating margin": "{:.1%}".format}
    return table.to_html(formatters=formats, border=0, classes="capital-table")


def capital_workbench(loop: Loop, base: CapitalBase, source: str) -> Workbench:
    """Sliders for the model's six inputs and the years ahead; :func:`~.model.run_aws_capital` as text, table and chart."""
    return Workbench(
        "AWS capital workbench (every slider is an assumption; defaults from the filings)", [*loop.inputs.values(), YEARS_AHEAD],
        compute=lambda years, **values: run_aws_capital(loop, base, int(years), **values),
        describe=capital_sentence, tabulate=capital_table_html,
        draw=lambda result: aws_capital_result_chart(result, source))
