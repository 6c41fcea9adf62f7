"""First-party retail, the live notebook: workbenches, their sentences and tables (ipywidgets; the book hides them).

Each workbench's controls are the same declarations as its chart's (:mod:`.model`), so that
labels, ranges, steps and defaults match.
"""

from __future__ import annotations

import pandas as pd

from ..kit.workbench import Workbench
from .charts import CASH_PARTS, PRIME_ACCOUNT, cash_result_chart, prime_result_chart
from .model import (CYCLE_BASIS, PRIME_MEMBER, WORKING_CAPITAL, PrimeMember, WorkingCapitalCash, cycle_year_choice,
                    latest_audited_year, prime_member_economics, working_capital_cash)

# ---------------------------------------------------------------------------
# The cash conversion cycle
# ---------------------------------------------------------------------------


def cash_sentence(cash: WorkingCapitalCash) -> str:
    """One sentence on a :func:`~.model.working_capital_cash` result."""
    verb = "releases" if cash.total >= 0 else "absorbs"
    basis = "average" if cash.basis == "average" else "year-end"
    return (
        f"In FY{cash.fiscal_year} the cycle was {cash.ccc:.1f} days on {basis} balances; with these changes it would "
        f"be {cash.new_ccc:.1f} days, which {verb} USD {abs(cash.total) / 1000:,.1f} billion of cash "
        f"at that year's scale (one day of cost of sales: USD {cash.daily_cost_of_sales / 1000:,.2f} billion)."
    )


def cash_table_html(cash: WorkingCapitalCash) -> str:
    """The cash released (+) or absorbed (−) by each balance, USD billions, as an HTML table."""
    table = pd.DataFrame({"Cash released (+) or absorbed (−), USD bn": [
        cash.inventory / 1000, cash.receivables / 1000, cash.payables / 1000, cash.total / 1000]},
        index=list(CASH_PARTS.values()))
    return table.to_html(float_format="{:+,.2f}".format, border=0)


def cash_workbench(table: pd.DataFrame, source: str, default_year: int | None = None) -> Workbench:
    """A workbench for :func:`~.model.working_capital_cash` in a chosen year, on chosen balances.

    ``table`` is :func:`~.model.cycle_table`. Controls, as in the chart: the balances (average or
    year-end), the fiscal year (opening on the latest audited year) and the change in DIO, DSO, DPO (days).
    """
    years = sorted(int(y) for y in table["fiscal_year"].unique())
    unaudited = set(table.loc[table["status"] != "audited", "fiscal_year"])
    default_year = latest_audited_year(years, unaudited) if default_year is None else default_year
    rows = table.set_index(["fiscal_year", "basis"], drop=False)
    return Workbench(
        "Cash conversion cycle workbench (filed figures; the day changes are yours)",
        [CYCLE_BASIS, cycle_year_choice(years, default_year), *WORKING_CAPITAL.inputs.values()],
        compute=lambda basis, year, **changes: working_capital_cash(rows.loc[(year, basis)], **changes),
        describe=cash_sentence, tabulate=cash_table_html, draw=lambda cash: cash_result_chart(cash, source))


# ---------------------------------------------------------------------------
# Prime
# ---------------------------------------------------------------------------


def prime_sentence(member: PrimeMember) -> str:
    """One sentence on a :func:`~.model.prime_member_economics` result."""
    verb = "gains" if member.contribution >= 0 else "loses"
    even = ("the fee alone covers the deliveries" if member.break_even_extra_spend == 0
            else f"the member pays off from USD {member.break_even_extra_spend:,.0f} of extra spend a year")
    return f"Amazon {verb} USD {abs(member.contribution):,.0f} a year on this member; {even}."


def prime_table_html(member: PrimeMember) -> str:
    """The member's yearly account, USD, as an HTML table."""
    table = pd.DataFrame({"USD a year": [member.fee, member.extra_profit, -member.delivery_cost, member.contribution]},
                         index=list(PRIME_ACCOUNT))
    return table.to_html(float_format="{:+,.0f}".format, border=0)


def prime_workbench(source: str) -> Workbench:
    """A workbench for :func:`~.model.prime_member_economics`: the fee is Amazon's price, the rest our assumptions."""
    return Workbench("Prime member workbench (the fee is Amazon's US price; every other figure is an assumption)",
                     PRIME_MEMBER.inputs, compute=prime_member_economics, describe=prime_sentence,
                     tabulate=prime_table_html, draw=lambda member: prime_result_chart(member, source))
