"""Tables for readers: human labels with units, consistent decimals, thousands separators, percentages.

:func:`reader_table` is the one formatter every chapter uses for a table it shows: it returns a
pandas ``Styler`` whose HTML is the same on every run (its id comes from the table's content, so
nbval can compare it), whose numbers carry thousands separators and a fixed number of decimals,
whose percentages are written as percentages, and which never shows a negative zero.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import pandas as pd
from pandas.io.formats.style import Styler

__all__ = ["ReaderTable", "number", "percent", "reader_table"]


def number(value: object, decimals: int = 1) -> str:
    """``1,234.5``; a value that rounds to zero is written without a minus sign; empty cells stay empty."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, str):
        return value
    text = f"{value:,.{decimals}f}"
    return text.lstrip("-") if float(text.replace(",", "")) == 0 else text


def percent(value: object, decimals: int = 1) -> str:
    """A fraction as a percentage: ``0.615`` → ``61.5%``."""
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if isinstance(value, str):
        return value
    return number(value * 100, decimals) + "%"


class ReaderTable:
    """A table as a notebook shows it: HTML for readers, and the same figures as plain text.

    Both forms are the same on every run (no memory address, no random id), so nbval can compare them.
    """

    def __init__(self, styler: Styler, caption: str):
        self.styler, self.caption = styler, caption

    def _repr_html_(self) -> str:
        # No cell is styled, so pandas' <style> block is empty: drop it. A page with no inline style
        # needs no hash in its security policy, and the search page can parse it under its own.
        return re.sub(r'<style type="text/css">\s*</style>\s*', "", self.styler.to_html())

    def __repr__(self) -> str:
        shown = self.styler.data.copy().astype(object)
        for (i, j), text in _formatted(self.styler).items():
            shown.iat[i, j] = text
        return f"{self.caption}\n{shown.to_string()}"


def _formatted(styler: Styler) -> dict[tuple[int, int], str]:
    """Each cell's text as the styler writes it."""
    styler._compute()
    body = styler._translate(False, False)["body"]
    return {(i, j): cell["display_value"] for i, row in enumerate(body)
            for j, cell in enumerate(c for c in row if c.get("type") == "td")}


def reader_table(frame: pd.DataFrame, caption: str, decimals: int = 1, percent_columns: Iterable[str] = (),
                 percent_rows: Iterable[str] = (), integer_columns: Iterable[str] = ()) -> ReaderTable:
    """``frame`` styled for readers: labels as given (write them in words, with units), numbers formatted.

    Columns (or rows) named in ``percent_columns`` (``percent_rows``) hold fractions shown as
    percentages; ``integer_columns`` are shown without decimals; every other number with
    ``decimals``. The caption says what the table holds and its unit.
    """
    percent_columns, percent_rows, integer_columns = set(percent_columns), set(percent_rows), set(integer_columns)
    unknown = (percent_columns | integer_columns) - set(frame.columns) | percent_rows - set(frame.index)
    if unknown:
        raise KeyError(f"the table has no column or row {sorted(map(str, unknown))}")
    styler = frame.style.format(lambda v: number(v, decimals))
    for column in frame.columns:
        if column in integer_columns:
            styler = styler.format(lambda v: number(v, 0), subset=[column])
        if column in percent_columns:
            styler = styler.format(lambda v: percent(v, decimals), subset=[column])
    for row in percent_rows:
        styler = styler.format(lambda v: percent(v, decimals), subset=pd.IndexSlice[[row], :])
    digest = hashlib.sha1((caption + frame.to_csv()).encode()).hexdigest()[:10]
    styler = styler.set_caption(caption).set_uuid(f"t{digest}").set_table_attributes('class="reader-table"')
    return ReaderTable(styler, caption)
