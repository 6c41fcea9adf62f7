"""The AWS chapter in a live notebook: the go-to-market workbench, and the sentence and table it shows."""

from __future__ import annotations

import pandas as pd

from ..kit.workbench import Workbench
from .charts import gtm_result_chart
from .model import GTM_INPUTS, MOTIONS, BudgetAllocation, budget_allocation, split_by_motion


def allocation_sentence(allocation: BudgetAllocation) -> str:
    """One sentence that states a budget split's outcome in words."""
    e = allocation.economics
    return (
        f"With {allocation.sales_led_share:.0%} of USD {allocation.budget_musd:,.0f} million spent on the sales force, "
        f"the cohort brings USD {sum(allocation.lifetime_revenue_musd.values()):,.0f} million of lifetime revenue, "
        f"{allocation.sales_led_revenue_share:.0%} of it from enterprises, and "
        f"{allocation.gross_profit_per_dollar:.2f} dollars of gross profit per dollar spent; "
        f"LTV/CAC is {e['self_serve'].ltv_to_cac:.1f} self-serve and {e['sales_led'].ltv_to_cac:.1f} through the sales force."
    )


def allocation_table_html(allocation: BudgetAllocation) -> str:
    """An HTML table of each motion's unit economics and cohort."""
    table = pd.DataFrame({
        MOTIONS[key]: {
            "Lifetime value (USD)": allocation.economics[key].ltv,
            "LTV / CAC": allocation.economics[key].ltv_to_cac,
            "Payback (months)": allocation.economics[key].payback_months,
            "Customers won": allocation.customers[key],
            "Lifetime revenue (USD m)": allocation.lifetime_revenue_musd[key],
        } for key in MOTIONS
    })
    return table.to_html(float_format="{:,.1f}".format, classes="projection-table", border=0)


def allocate(sales_led_share: float, **motion_inputs: float) -> BudgetAllocation:
    """:func:`~.model.budget_allocation` from the model's nine inputs by name (``self_serve_cac`` …), as the workbench passes them."""
    return budget_allocation(sales_led_share, **split_by_motion(motion_inputs))


def gtm_workbench(source: str = "our model and assumptions (amazon_case.aws)") -> Workbench:
    """The go-to-market model in a live notebook: the chart's nine sliders, then a sentence, a table and a chart.

    The sliders are made from the chart's input declarations (:data:`~.model.GTM_INPUTS`);
    the sentence, table and chart come from :func:`allocation_sentence`,
    :func:`allocation_table_html` and :func:`~.charts.gtm_result_chart`.
    """
    return Workbench(
        "Go-to-market workbench (every input is an assumption)", GTM_INPUTS, compute=allocate,
        describe=allocation_sentence, tabulate=allocation_table_html,
        draw=lambda allocation: gtm_result_chart(allocation, source),
    )
