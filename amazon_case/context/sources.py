"""The Context part's data: dated events, regulatory steps, peers' figures and the cloud market, validated.

Each file in ``data/`` has a manifest (``*.resource.json``) that types its columns and declares
the rules checked here, as :mod:`amazon_case.filings` does for Amazon's figures. A file that breaks
them raises :class:`~amazon_case.kit.data.DataValidationError` naming the file, the row (the CSV
line, header = 1) and the column:

- every file: the schema (columns, types, allowed values, unique key; :func:`read_validated_csv`);
  each row's address is a web address; a second source comes with its address and an address with
  its source; a row marked ``CONFIRMED-2SRC`` names its second source;
- dated files (:func:`load_timeline`, :func:`load_regulation`): the date is a real date written as
  precisely as ``date_precision`` says (day, month or year); a date after the research date
  (the manifest's ``as_of``) is a scheduled one and must be marked ``REPORTED``; every regulatory
  event of the timeline is also a step of ``amazon_regulation.csv``, on the same date;
- figure files (:func:`load_peers`, :func:`load_cloud`): the period's first and last day are the ones
  its name gives, in the company's fiscal calendar (Walmart's year ends on 31 January, Microsoft's
  on 30 June); each figure is in its metric's unit (the company's currency for money); the identities
  the manifest lists hold (segments add up to revenue), and so do its sums of periods (quarters add
  up to the year) where the year was reported; an estimate's shares add up to at most 100%.
"""

from __future__ import annotations

import calendar
import html
import re
from datetime import date, timedelta
from pathlib import Path

import pandas as pd

from ..filings import DATA_DIR
from ..kit.data import DataValidationError, check_rules, load_manifest, read_validated_csv

TIMELINE_FILE = "amazon_timeline.csv"
REGULATION_FILE = "amazon_regulation.csv"
PEERS_FILE = "peers.csv"
CLOUD_FILE = "cloud_market.csv"

#: How many characters a date has at each precision.
DATE_LENGTH = {"day": 10, "month": 7, "year": 4}

#: Statuses that say a row has a second, independent source.
TWO_SOURCES = "CONFIRMED-2SRC"
#: The status of a date known only at second hand (and of every scheduled date).
REPORTED = "REPORTED"


def _path(path: Path | str | None, name: str) -> Path:
    return Path(path) if path is not None else DATA_DIR / name


def read(csv_path: Path) -> tuple[pd.DataFrame, dict]:
    """The file checked against its manifest's schema (:func:`read_validated_csv`), with empty text as ``""``; and the schema."""
    frame = read_validated_csv(csv_path)
    schema = load_manifest(csv_path)["schema"]
    for f in schema["fields"]:
        if f.get("type", "string") == "string":
            frame[f["name"]] = frame[f["name"]].fillna("").astype(str)
        pattern = f.get("constraints", {}).get("pattern")
        if pattern:  # the kit checks types, enums and ranges; a pattern is checked here
            for value, line in zip(frame[f["name"]], frame["source_row"]):
                if value and not re.fullmatch(pattern, value):
                    raise DataValidationError(csv_path.name, int(line), f["name"],
                                              f"{value!r} does not match the pattern {pattern}")
    return frame, schema


def check_sources(frame: pd.DataFrame, file: str) -> None:
    """Every row names a web address; a second source and its address come together; two sources for ``CONFIRMED-2SRC``."""
    for row in frame.itertuples():
        line = int(row.source_row)
        for column in ("url", "second_url"):
            value = getattr(row, column)
            if value and not re.fullmatch(r"https?://\S+", value):
                raise DataValidationError(file, line, column, f"{value!r} is not a web address")
        if bool(row.second_source) != bool(row.second_url):
            column = "second_url" if row.second_source else "second_source"
            raise DataValidationError(file, line, column, "a second source needs both its name and its address")
        if row.second_url and row.second_url == row.url:
            raise DataValidationError(file, line, "second_url", "the second source is the first one again")
        if row.status == TWO_SOURCES and not row.second_url:
            raise DataValidationError(file, line, "second_url", f"status {TWO_SOURCES} but no second source is named")


def date_span(text: str, precision: str) -> tuple[date, date]:
    """The first and last day a date written as ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` stands for."""
    parts = [int(p) for p in text.split("-")]
    if precision == "day":
        day = date(*parts)
        return day, day
    if precision == "month":
        year, month = parts
        return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def check_dates(frame: pd.DataFrame, file: str, as_of: date) -> pd.DataFrame:
    """Check each row's date against its precision; add ``start``, ``end`` (first and last day) and ``year``.

    A date after ``as_of`` (the research date) must be marked :data:`REPORTED`: it is a scheduled date.
    """
    starts, ends = [], []
    for row in frame.itertuples():
        line = int(row.source_row)
        if len(row.date) != DATE_LENGTH[row.date_precision]:
            raise DataValidationError(file, line, "date", f"{row.date!r} is not written to the {row.date_precision} "
                                                          f"(date_precision says {row.date_precision})")
        try:
            start, end = date_span(row.date, row.date_precision)
        except ValueError as err:
            raise DataValidationError(file, line, "date", f"{row.date!r} is not a real date: {err}") from None
        if start > as_of and row.status != REPORTED:
            raise DataValidationError(file, line, "status", f"{row.date} is after the research date {as_of}: a scheduled "
                                                            f"date must be marked {REPORTED}, not {row.status}")
        starts.append(start)
        ends.append(end)
    return frame.assign(start=pd.to_datetime(starts), end=pd.to_datetime(ends),
                        year=[s.year for s in starts])


def load_regulation(path: Path | str | None = None) -> pd.DataFrame:
    """The regulatory steps (``amazon_regulation.csv``), validated, in date order.

    Adds ``start``, ``end`` and ``year`` (:func:`check_dates`). Raises :class:`DataValidationError`.
    """
    csv_path = _path(path, REGULATION_FILE)
    frame, schema = read(csv_path)
    check_sources(frame, csv_path.name)
    frame = check_dates(frame, csv_path.name, date.fromisoformat(schema["as_of"]))
    return frame.sort_values(["start", "source_row"], kind="stable").reset_index(drop=True)


def load_timeline(path: Path | str | None = None, regulation: pd.DataFrame | None = None) -> pd.DataFrame:
    """The dated events (``amazon_timeline.csv``), validated, in date order.

    Besides the checks of every dated file, each label fits the chart (the manifest's
    ``label_max_chars``) and each regulatory event is a step of ``regulation`` (default
    :func:`load_regulation`) on the same date. Adds ``start``, ``end``, ``year`` and
    ``theme_label``. Raises :class:`DataValidationError`.
    """
    csv_path = _path(path, TIMELINE_FILE)
    file = csv_path.name
    frame, schema = read(csv_path)
    check_sources(frame, file)
    frame = check_dates(frame, file, date.fromisoformat(schema["as_of"]))
    regulation = load_regulation() if regulation is None else regulation
    steps = set(regulation["date"])
    for row in frame.itertuples():
        if len(row.label) > schema["label_max_chars"]:
            raise DataValidationError(file, int(row.source_row), "label",
                                      f"{row.label!r} is longer than {schema['label_max_chars']} characters")
        if row.theme == "regulation" and row.date not in steps:
            raise DataValidationError(file, int(row.source_row), "date",
                                      f"regulatory event {row.label!r} on {row.date} is not a step of {REGULATION_FILE} "
                                      "on that date: the two files disagree")
    frame["theme_label"] = frame["theme"].map(schema["themes"])
    return frame.sort_values(["start", "source_row"], kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------
# Figures: periods in each company's fiscal calendar
# ---------------------------------------------------------------------------

def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _add_months(day: date, months: int) -> date:
    """The first day of the month ``months`` after ``day``'s month (``day`` is a first of month)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_span(period: str, fiscal_year_end: str) -> tuple[date, date]:
    """The first and last day of a period named as a company names it.

    ``FY2026`` is the fiscal year that ends in 2026 on ``fiscal_year_end`` (``"01-31"`` for Walmart,
    ``"06-30"`` for Microsoft, ``"12-31"`` for a calendar year); ``Q1 FY2026`` its first quarter;
    ``Q4 2025`` and ``9M 2025`` calendar quarters and the first nine months of a calendar year.
    """
    month_end = int(fiscal_year_end.split("-")[0])
    match = re.fullmatch(r"(FY|9M |Q([1-4]) (FY)?)(\d{4})", period)
    if match is None:
        raise ValueError(f"unknown period {period!r}")
    year = int(match.group(4))
    if period.startswith("9M"):
        return date(year, 1, 1), date(year, 9, 30)
    if match.group(2) and not match.group(3):  # a calendar quarter
        q = int(match.group(2))
        return date(year, 3 * q - 2, 1), _month_end(year, 3 * q)
    first = _add_months(date(year, month_end, 1), -11)  # the fiscal year's first day
    if period.startswith("FY"):
        return first, _month_end(year, month_end)
    q = int(match.group(2))
    start = _add_months(first, 3 * (q - 1))
    end_month = _add_months(start, 2)
    return start, _month_end(end_month.year, end_month.month)


def check_periods(frame: pd.DataFrame, file: str, fiscal_year_end: dict[str, str]) -> None:
    """Each row's ``period_start`` and ``period_end`` are the days its ``period`` names, in its company's calendar."""
    for row in frame.itertuples():
        start, end = period_span(row.period, fiscal_year_end[row.company])
        for column, expected in (("period_start", start), ("period_end", end)):
            if getattr(row, column) != expected:
                raise DataValidationError(file, int(row.source_row), column,
                                          f"{row.company}'s {row.period} {column.split('_')[1]}s on {expected}, "
                                          f"not {getattr(row, column)}")


def check_period_sums(frame: pd.DataFrame, rules: list[dict], file: str) -> None:
    """The parts of each sum rule cover the total's period, one after the other; where the total is reported, they add up to it."""
    keyed = frame.set_index(["company", "metric", "period"])
    for rule in rules:
        key = (rule["company"], rule["metric"])
        parts = [keyed.loc[(*key, p)] for p in rule["parts"] if (*key, p) in keyed.index]
        if len(parts) < len(rule["parts"]):
            continue
        for (label, before), after in zip(zip(rule["parts"], parts), parts[1:]):
            if after["period_start"] != before["period_end"] + timedelta(days=1):
                raise DataValidationError(file, int(after["source_row"]), "period_start",
                                          f"{rule['company']} {rule['metric']}: the parts of {rule['total']} do not "
                                          f"follow one another (a gap or an overlap after {label})")
        if (*key, rule["total"]) not in keyed.index:
            continue
        total = keyed.loc[(*key, rule["total"])]
        if (parts[0]["period_start"], parts[-1]["period_end"]) != (total["period_start"], total["period_end"]):
            raise DataValidationError(file, int(total["source_row"]), "period", f"{rule['company']} {rule['metric']}: "
                                      f"{' + '.join(rule['parts'])} do not cover {rule['total']}")
        parts_sum = sum(float(p["value"]) for p in parts)
        if abs(parts_sum - total["value"]) > rule["tolerance"]:
            raise DataValidationError(file, int(total["source_row"]), "value",
                                      f"{rule['company']} {rule['metric']} {rule['total']}: {' + '.join(rule['parts'])} = "
                                      f"{parts_sum:,.0f} but the year is {total['value']:,.0f}")


def load_peers(path: Path | str | None = None) -> pd.DataFrame:
    """Peers' reported figures (``peers.csv``), validated.

    Besides the checks of every file: periods in each company's fiscal calendar; money in the
    company's currency and ratios in percent; no negative money; the manifest's identities per
    company and period (within each one's tolerance, for rounded totals); its sums of periods.
    Derived figures (take rates, full years built from quarters) are not rows: see
    :mod:`amazon_case.context.peers`. Raises :class:`DataValidationError`.
    """
    csv_path = _path(path, PEERS_FILE)
    file = csv_path.name
    frame, schema = read(csv_path)
    companies, metrics = schema["companies"], schema["metrics"]
    check_sources(frame, file)
    check_periods(frame, file, {c: spec["fiscal_year_end"] for c, spec in companies.items()})
    for row in frame.itertuples():
        kind = metrics[row.metric]["unit"]
        expected = companies[row.company]["currency"] if kind == "currency" else "percent"
        if row.unit != expected:
            raise DataValidationError(file, int(row.source_row), "unit", f"{row.company}'s {row.metric} is in "
                                                                         f"{expected}, not {row.unit}")
        if kind == "currency" and row.value < 0:
            raise DataValidationError(file, int(row.source_row), "value", f"{row.metric} cannot be negative")
    for identity in schema["identities"]:
        rows = frame[frame["company"] == identity["company"]]
        check_rules(rows, {"identities": [{**identity, "all_parts": True}]}, file, ["company", "period"],
                    identity["tolerance"])
    check_period_sums(frame, schema["period_sums"], file)
    return frame


def load_cloud(path: Path | str | None = None) -> pd.DataFrame:
    """AWS's rivals as filed, and the market researchers' estimates (``cloud_market.csv``), validated.

    Besides the checks of every file: periods in each company's fiscal calendar; each metric in its
    unit and of its kind (a company files revenue, a publisher estimates shares); an estimate names
    the market it measures; a segment's operating income is below its revenue; one estimate's shares
    add up to at most 100%. Raises :class:`DataValidationError`.
    """
    csv_path = _path(path, CLOUD_FILE)
    file = csv_path.name
    frame, schema = read(csv_path)
    metrics = schema["metrics"]
    check_sources(frame, file)
    check_periods(frame, file, schema["fiscal_year_end"])
    for row in frame.itertuples():
        rule, line = metrics[row.metric], int(row.source_row)
        if row.unit != rule["unit"]:
            raise DataValidationError(file, line, "unit", f"{row.metric} is in {rule['unit']}, not {row.unit}")
        if row.kind != rule["kind"]:
            raise DataValidationError(file, line, "kind", f"{row.metric} is an {rule['kind']} figure, not {row.kind}")
        if row.metric == "market_share" and row.value > 100:
            raise DataValidationError(file, line, "value", f"a share of {row.value}% is more than the whole market")
    filed = frame[frame["kind"] == "filed"].set_index(["company", "subject", "period", "metric"])["value"]
    for row in frame[frame["metric"] == "segment_operating_income"].itertuples():
        revenue = filed.get((row.company, row.subject, row.period, "segment_revenue"))
        if revenue is not None and row.value > revenue:
            raise DataValidationError(file, int(row.source_row), "value",
                                      f"{row.subject}'s operating income {row.value:,.0f} exceeds its revenue {revenue:,.0f}")
    shares = frame[frame["metric"] == "market_share"]
    for (publisher, period), group in shares.groupby(["company", "period"]):
        if group["value"].sum() > 100:
            raise DataValidationError(file, int(group["source_row"].max()), "value",
                                      f"{publisher}'s {period} shares add up to {group['value'].sum():g}%, more than 100%")
    return frame


def sources_html(row) -> str:
    """A row's sources as links, the second under the first (for the chapters' tables)."""
    links = [f'<a href="{href(row.url)}">{html.escape(row.source)}</a>']
    if row.second_url:
        links.append(f'also: <a href="{href(row.second_url)}">{html.escape(row.second_source)}</a>')
    return "<br>".join(links)


def href(url: str) -> str:
    """An address as an HTML attribute, written as the data file writes it (the Sources page and its test match
    addresses as text). A validated address has no space, quote or angle bracket, and a bare ``&`` followed by
    ``=`` or a letter is not a character reference inside an attribute, so nothing needs escaping."""
    if re.search(r'[\s"<>]', url):
        raise ValueError(f"{url!r} cannot be written as an attribute")
    return url
