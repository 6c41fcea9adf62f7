"""The regulatory challenge to the hybrid (``chapters/regulation.ipynb``): the proceedings as a table.

:func:`regulation_table_html` lists every step of :func:`~amazon_case.context.sources.load_regulation`
with what it means for the hybrid and its sources; :func:`proceedings` groups the steps by proceeding,
first and last date; :func:`prime_settlement` reads the Prime case's amounts.
"""

from __future__ import annotations

import html

import pandas as pd

from .sources import REPORTED, sources_html

SOURCING = {"CONFIRMED-2SRC": "two sources", "SINGLE-SOURCE": "one source", "WEAK": "weak", REPORTED: "reported at second hand"}


def prime_settlement(regulation: pd.DataFrame) -> dict[str, float | str]:
    """The Prime case's settlement: its date, civil penalty and refunds (USD millions)."""
    rows = regulation[regulation["civil_penalty_musd"].notna()]
    if len(rows) != 1:
        raise ValueError(f"expected one step with a civil penalty, found {len(rows)}")
    row = rows.iloc[0]
    return {"date": row["date"], "civil_penalty_musd": float(row["civil_penalty_musd"]),
            "refunds_musd": float(row["refunds_musd"]), "total_musd": float(row["civil_penalty_musd"] + row["refunds_musd"])}


def proceedings(regulation: pd.DataFrame) -> pd.DataFrame:
    """One row per proceeding: jurisdiction, first and last step, number of steps, and its latest step's status."""
    grouped = regulation.groupby("proceeding", sort=False)
    return pd.DataFrame({
        "jurisdiction": grouped["jurisdiction"].first(), "first_step": grouped["date"].first(),
        "last_step": grouped["date"].last(), "steps": grouped.size(), "latest": grouped["event"].last(),
        "latest_sourcing": grouped["status"].last().map(SOURCING),
    })


def regulation_table_html(regulation: pd.DataFrame) -> str:
    """Every step: date, where, who, what happened, what it means for the hybrid, its sources and their strength."""
    head = "".join(f'<th scope="col">{h}</th>' for h in ("Date", "Where", "Authority", "What happened",
                                                         "What it means for the hybrid", "Sources", "Sourcing"))
    body = "".join(
        f'<tr><td class="date">{html.escape(r.date)}</td>'
        f"<td>{r.jurisdiction}</td><td>{html.escape(r.authority)}</td>"
        f"<td>{html.escape(r.event)}</td><td>{html.escape(r.bearing)}</td><td>{sources_html(r)}</td>"
        f"<td>{SOURCING[r.status]}</td></tr>" for r in regulation.itertuples())
    return f'<table class="dataframe context-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
