"""Data files with a manifest: read a CSV and check it against its schema, naming file, row and column.

Each CSV has a manifest beside it (``<name>.resource.json``, a Frictionless Table Schema
data resource) that lists its source, units and columns. :func:`read_validated_csv`
checks the file against it: columns, types, allowed values, ranges and duplicate keys.
Any failure raises :class:`DataValidationError`, whose message names the file, the row
(the line number in the CSV, the header being line 1) and the column, so that a
malformed file never becomes a silently wrong chart.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

__all__ = ["DataValidationError", "check_rules", "load_manifest", "manifest_path", "read_validated_csv"]


@dataclass
class DataValidationError(ValueError):
    """A data file breaks its manifest or an accounting identity.

    Attributes name where: ``file``, ``row`` (CSV line number, header = 1, or
    ``None`` when the problem is not one row's), ``column`` and ``message``.
    """

    file: str
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        where = [f"file {self.file}"]
        if self.row is not None:
            where.append(f"row {self.row}")
        if self.column is not None:
            where.append(f"column {self.column!r}")
        return f"{', '.join(where)}: {self.message}"


def manifest_path(csv_path: Path) -> Path:
    return csv_path.with_name(csv_path.name.removesuffix(".csv") + ".resource.json")


def load_manifest(csv_path: Path | str) -> dict:
    """Return the manifest (Table Schema data resource) that describes ``csv_path``."""
    csv_path = Path(csv_path)
    manifest = manifest_path(csv_path)
    if not manifest.exists():
        raise DataValidationError(str(csv_path), None, None, f"no manifest {manifest.name} beside the data file")
    try:
        return json.loads(manifest.read_text(encoding="utf-8"))
    except json.JSONDecodeError as err:
        raise DataValidationError(str(manifest), err.lineno, None, f"manifest is not valid JSON: {err.msg}") from err


def _convert(raw: str, field: dict, where: tuple[str, int, str]):
    """Convert one CSV cell to the Table Schema type of ``field``; raise with its position."""
    file, row, column = where
    kind = field.get("type", "string")
    required = field.get("constraints", {}).get("required", False)
    if raw == "":
        if required:
            raise DataValidationError(file, row, column, "value is missing (the column is required)")
        return None
    try:
        if kind == "integer":
            value = int(raw)
        elif kind == "number":
            value = float(raw)
            if not math.isfinite(value):
                raise ValueError
        elif kind == "boolean":
            if raw.lower() not in {"true", "false"}:
                raise ValueError
            value = raw.lower() == "true"
        elif kind == "date":
            value = pd.Timestamp(raw).date()
        else:
            value = raw
    except ValueError:
        raise DataValidationError(file, row, column, f"{raw!r} is not a valid {kind}") from None
    constraints = field.get("constraints", {})
    if "enum" in constraints and value not in constraints["enum"]:
        raise DataValidationError(file, row, column, f"{raw!r} is not one of the allowed values {constraints['enum']}")
    if "minimum" in constraints and value < constraints["minimum"]:
        raise DataValidationError(file, row, column, f"{raw} is below the minimum {constraints['minimum']}")
    if "maximum" in constraints and value > constraints["maximum"]:
        raise DataValidationError(file, row, column, f"{raw} is above the maximum {constraints['maximum']}")
    return value


def read_validated_csv(csv_path: Path | str) -> pd.DataFrame:
    """Read a data file and check it against its manifest's schema.

    Checks the header (every schema field present, in order, nothing else),
    each cell's type and constraints, and that the primary key is unique.
    Returns a DataFrame with a ``source_row`` column holding each record's CSV
    line number, so that later checks can point at the row.
    """
    csv_path = Path(csv_path)
    if not csv_path.exists():
        raise DataValidationError(str(csv_path), None, None, "file not found")
    schema = load_manifest(csv_path)["schema"]
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    file = csv_path.name
    with csv_path.open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        try:
            header = next(reader)
        except StopIteration:
            raise DataValidationError(file, 1, None, "file is empty (no header)") from None
        missing = [n for n in names if n not in header]
        if missing:
            raise DataValidationError(file, 1, missing[0], f"header lacks column(s) {missing}")
        extra = [h for h in header if h not in names]
        if extra:
            raise DataValidationError(file, 1, extra[0], f"column(s) {extra} are not in the manifest's schema")
        if header != names:
            raise DataValidationError(file, 1, None, f"columns are in the order {header}, the manifest says {names}")
        records = []
        for line, cells in enumerate(reader, start=2):
            if not cells:
                continue
            if len(cells) != len(names):
                raise DataValidationError(file, line, None, f"has {len(cells)} cells, the header has {len(names)}")
            record = {name: _convert(raw, field, (file, line, name)) for raw, name, field in zip(cells, names, fields)}
            record["source_row"] = line
            records.append(record)
    if not records:
        raise DataValidationError(file, None, None, "file has a header but no data rows")
    frame = pd.DataFrame.from_records(records)
    key = schema.get("primaryKey")
    if key:
        key = [key] if isinstance(key, str) else list(key)
        dupes = frame[frame.duplicated(key, keep="first")]
        if not dupes.empty:
            first = dupes.iloc[0]
            values = ", ".join(f"{k}={first[k]}" for k in key)
            raise DataValidationError(file, int(first["source_row"]), key[-1], f"duplicate record for {values}")
    return frame


def check_rules(frame: pd.DataFrame, schema: dict, file: str, period: list[str], tolerance: float = 1.0) -> None:
    """Check a tidy table (one row per period and ``metric``) against the rules its manifest declares.

    ``schema["metrics"][metric]`` may say ``"sign": "nonnegative"`` (a balance or a flow that cannot be
    negative), ``"required": true`` (every period has it) or ``"first_period": [...]`` (every period from
    that one on has it). ``schema["identities"]`` lists totals and the parts that add up to them in every
    period that has the total (within ``tolerance``); an identity may also name parts to ``"subtract"``,
    the ``"first_period"`` it holds from and the ``"last_period"`` it holds to, and ``"all_parts": true``
    when it is checked only in the periods that have every part. ``period`` names the columns of a period, e.g. ``["fiscal_year"]`` or
    ``["fiscal_year", "quarter"]``. Raises :class:`DataValidationError` naming the row and column, or for a
    missing row the period and metric.
    """
    metrics = schema.get("metrics", {})
    for row in frame.itertuples(index=False):
        rule = metrics.get(row.metric, {})
        if rule.get("sign") == "nonnegative" and row.value < 0:
            raise DataValidationError(file, int(row.source_row), "value",
                                      f"{row.metric} cannot be negative, got {row.value:,.0f}")
    keyed = frame.set_index([*period, "metric"])
    periods = sorted({tuple(p) for p in frame[period].itertuples(index=False)})
    name = lambda p: " ".join(f"{c} {v}" for c, v in zip(period, p))  # noqa: E731
    for metric, rule in metrics.items():
        first = tuple(rule["first_period"]) if "first_period" in rule else None
        if not rule.get("required") and first is None:
            continue
        for p in periods:
            if (first is None or p >= first) and (*p, metric) not in keyed.index:
                raise DataValidationError(file, None, "metric", f"{name(p)} has no {metric!r} record: a row is missing")
    for identity in schema.get("identities", []):
        first = tuple(identity["first_period"]) if "first_period" in identity else None
        last = tuple(identity["last_period"]) if "last_period" in identity else None
        plus, minus = list(identity["parts"]), list(identity.get("subtract", []))
        for p in periods:
            if (*p, identity["total"]) not in keyed.index:
                continue
            if (first is not None and p < first) or (last is not None and p > last):
                continue
            present = [m for m in plus + minus if (*p, m) in keyed.index]
            if identity.get("all_parts") and len(present) < len(plus) + len(minus):
                continue
            total = keyed.loc[(*p, identity["total"])]
            value = lambda m: float(keyed.loc[(*p, m), "value"])  # noqa: E731
            parts = sum(value(m) for m in plus if m in present) - sum(value(m) for m in minus if m in present)
            if abs(parts - total["value"]) > tolerance:
                terms = " + ".join(plus) + "".join(f" - {m}" for m in minus)
                raise DataValidationError(
                    file, int(total["source_row"]), "value",
                    f"{name(p)}: {identity['name']}: {terms} = {parts:,.0f} but {identity['total']} is "
                    f"{total['value']:,.0f}")
