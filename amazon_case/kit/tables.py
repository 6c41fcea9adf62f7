"""Tables for readers: human labels with units, consistent decimals, thousands separators, percentages.

:func:`reader_table` is the one formatter every chapter uses for a table it shows: it returns a
pandas ``Styler`` whose HTML is the same on every run (its id comes from the table's content, so
nbval can compare it), whose numbers carry thousands separators and a fixed number of decimals,
whose percentages are written as percentages, and which never shows a negative zero. Text cells carry
the class ``text`` (the book's stylesheet aligns them left, numbers right).
"""

from __future__ import annotations

import datetime
import hashlib
import numbers
import re
from collections.abc import Iterable, Mapping

import pandas as pd
from pandas.io.formats.style import Styler

__all__ = ["ReaderTable", "empty", "number", "percent", "reader_table"]


def empty(value: object) -> bool:
    """Whether a cell is empty: None, NaN or NaT."""
    return value is None or value is pd.NaT or (isinstance(value, float) and value != value)


def number(value: object, decimals: int = 1) -> str:
    """``1,234.5``; a value that rounds to zero is written without a minus sign; empty cells stay empty."""
    if empty(value):
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, (datetime.date, pd.Timestamp)):
        return value.strftime("%Y-%m-%d")
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        return str(value)
    text = f"{value:,.{decimals}f}"
    return text.lstrip("-") if float(text.replace(",", "")) == 0 else text


def percent(value: object, decimals: int = 1) -> str:
    """A fraction as a percentage: ``0.615`` → ``61.5%``."""
    if empty(value):
        return ""
    if isinstance(value, str) or isinstance(value, bool) or not isinstance(value, numbers.Real):
        return number(value)
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
        html = re.sub(r'<style type="text/css">\s*</style>\s*', "", self.styler.to_html())
        # Nor does any rule use the id pandas gives each cell or its position classes ("data row3 col1"):
        # dropped, they would be a fifth of a chapter's page. A cell keeps the class that says it holds text.
        html = re.sub(r' id="T_[^"]*"', "", html)
        return re.sub(r' class="([^"]*)"', _kept_classes, html)

    def __repr__(self) -> str:
        shown = self.styler.data.copy().astype(object)
        for (i, j), text in _formatted(self.styler).items():
            shown.iat[i, j] = text
        return f"{self.caption}\n{shown.to_string()}"


#: The classes pandas puts on a table's cells that say only where a cell is (no stylesheet uses them).
_POSITION_CLASS = re.compile(r"^(data|blank|index_name|row_heading|col_heading|level\d+|row\d+|col\d+|col_trim|row_trim)$")


def _kept_classes(match: re.Match) -> str:
    kept = [c for c in match.group(1).split() if not _POSITION_CLASS.match(c)]
    return f' class="{" ".join(kept)}"' if kept else ""


def _formatted(styler: Styler) -> dict[tuple[int, int], str]:
    """Each cell's text as the styler writes it."""
    styler._compute()
    body = styler._translate(False, False)["body"]
    return {(i, j): cell["display_value"] for i, row in enumerate(body)
            for j, cell in enumerate(c for c in row if c.get("type") == "td")}


def reader_table(frame: pd.DataFrame, caption: str, decimals: int = 1, percent_columns: Iterable[str] = (),
                 percent_rows: Iterable[str] = (), integer_columns: Iterable[str] = (), integer_rows: Iterable[str] = (),
                 column_decimals: Mapping[str, int] | None = None, row_decimals: Mapping[str, int] | None = None,
                 missing: str = "") -> ReaderTable:
    """``frame`` styled for readers: labels as given (write them in words, with units), numbers formatted.

    Columns (or rows) named in ``percent_columns`` (``percent_rows``) hold fractions shown as
    percentages; ``integer_columns`` (``integer_rows``) are shown without decimals;
    ``column_decimals`` (``row_decimals``) give a column (row) its own number of decimals; every
    other number has ``decimals``. A row's setting wins over its column's. Text cells are shown as
    they are; an empty cell (NaN, None) reads ``missing``. The caption says what the table holds
    and its unit.
    """
    column_decimals, row_decimals = dict(column_decimals or {}), dict(row_decimals or {})
    percent_columns, percent_rows = set(percent_columns), set(percent_rows)
    integer_columns, integer_rows = set(integer_columns), set(integer_rows)
    unknown = ((percent_columns | integer_columns | set(column_decimals)) - set(frame.columns)
               | (percent_rows | integer_rows | set(row_decimals)) - set(frame.index))
    if unknown:
        raise KeyError(f"the table has no column or row {sorted(map(str, unknown))}")
    for name, places in {**column_decimals, **row_decimals}.items():
        if not isinstance(places, int) or places < 0:
            raise ValueError(f"decimals for {name!r} must be a whole number from 0, not {places!r}")

    def formatter(as_percent: bool, places: int):
        def write(value: object) -> str:
            if empty(value):
                return missing
            return percent(value, places) if as_percent else number(value, places)
        return write

    styler = frame.style.format(formatter(False, decimals))
    for column in frame.columns:
        places = column_decimals.get(column, 0 if column in integer_columns else decimals)
        styler = styler.format(formatter(column in percent_columns, places), subset=[column])
    for row in frame.index:
        if row in percent_rows or row in integer_rows or row in row_decimals:
            places = row_decimals.get(row, 0 if row in integer_rows else decimals)
            for column in frame.columns:  # a percentage column stays one in a row with its own decimals
                styler = styler.format(formatter(row in percent_rows or column in percent_columns, places),
                                       subset=pd.IndexSlice[[row], [column]])
    # Text is aligned as text (left), numbers as numbers (right): a class per cell, no inline style.
    text_cells = frame.map(lambda v: "text" if isinstance(v, str) else "")
    if (text_cells != "").any().any():
        styler = styler.set_td_classes(text_cells)
    digest = hashlib.sha1((caption + frame.to_csv()).encode()).hexdigest()[:10]
    styler = styler.set_caption(caption).set_uuid(f"t{digest}").set_table_attributes('class="reader-table"')
    return ReaderTable(styler, caption)
