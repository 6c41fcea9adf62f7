"""Load and validate the 10-K figures in ``data/``.

Each CSV in ``data/`` has a manifest beside it (``<name>.resource.json``, a
Frictionless Table Schema data resource) that lists its source, units and
columns. Loading checks the file against that manifest (columns, types,
allowed values, ranges, duplicate keys) and then checks the accounting
identities the figures must satisfy: the net sales categories add up to total
net sales, the segments add up to total net sales and to total operating
income, and the AWS category equals the AWS segment.

Any failure raises :class:`DataValidationError`, whose message names the file,
the row (the line number in the CSV, the header being line 1) and the column,
so that a malformed or inconsistent file never becomes a silently wrong chart.
"""

from __future__ import annotations

import csv
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pandas as pd

#: The folder that holds the book's data (``data/`` at the root of the project).
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

ANNUAL_FILE = "amazon_annual.csv"
STATEMENTS_FILE = "amazon_dated_statements.csv"
CLAIMS_FILE = "source_document_claims.csv"

#: Net sales categories, in the order Amazon's segment note prints them.
CATEGORY_METRICS: dict[str, str] = {
    "net_sales_online_stores": "Online stores",
    "net_sales_physical_stores": "Physical stores",
    "net_sales_third_party_seller_services": "Third-party seller services",
    "net_sales_advertising_services": "Advertising services",
    "net_sales_subscription_services": "Subscription services",
    "net_sales_aws": "AWS",
    "net_sales_other": "Other",
}

#: Reportable segments: display name -> (net sales metric, operating income metric).
SEGMENT_METRICS: dict[str, tuple[str, str]] = {
    "North America": ("segment_na_net_sales", "segment_na_operating_income"),
    "International": ("segment_intl_net_sales", "segment_intl_operating_income"),
    "AWS": ("segment_aws_net_sales", "segment_aws_operating_income"),
}

#: Fiscal years whose figures come from an unaudited earnings release, not a 10-K.
UNAUDITED_YEARS: frozenset[int] = frozenset({2025})

#: Largest difference (USD millions) tolerated between a total and the sum of
#: its parts: Amazon rounds each printed line to the nearest million.
ROUNDING_TOLERANCE_MUSD = 1.0


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


def _manifest_path(csv_path: Path) -> Path:
    return csv_path.with_name(csv_path.name.removesuffix(".csv") + ".resource.json")


def load_manifest(csv_path: Path | str) -> dict:
    """Return the manifest (Table Schema data resource) that describes ``csv_path``."""
    csv_path = Path(csv_path)
    manifest = _manifest_path(csv_path)
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


def _check_identities(annual: pd.DataFrame, file: str) -> None:
    """Check that the parts add up to the totals in every fiscal year."""
    value = annual.set_index(["fiscal_year", "metric"])["value"]
    row_of = annual.set_index(["fiscal_year", "metric"])["source_row"]

    def need(year: int, metric: str) -> float:
        if (year, metric) not in value.index:
            raise DataValidationError(file, None, "metric", f"fiscal year {year} has no {metric!r} record")
        return float(value[(year, metric)])

    for year in sorted(annual["fiscal_year"].unique()):
        year = int(year)
        total = need(year, "net_sales_total")
        present = [m for m in CATEGORY_METRICS if (year, m) in value.index]
        parts = sum(float(value[(year, m)]) for m in present)
        if abs(parts - total) > ROUNDING_TOLERANCE_MUSD:
            raise DataValidationError(
                file, int(row_of[(year, "net_sales_total")]), "value",
                f"fiscal year {year}: net sales categories sum to {parts:,.0f} but net_sales_total is {total:,.0f}",
            )
        seg_sales = sum(need(year, s) for s, _ in SEGMENT_METRICS.values())
        if abs(seg_sales - total) > ROUNDING_TOLERANCE_MUSD:
            raise DataValidationError(
                file, int(row_of[(year, "net_sales_total")]), "value",
                f"fiscal year {year}: segment net sales sum to {seg_sales:,.0f} but net_sales_total is {total:,.0f}",
            )
        op_total = need(year, "operating_income_total")
        seg_op = sum(need(year, o) for _, o in SEGMENT_METRICS.values())
        if abs(seg_op - op_total) > ROUNDING_TOLERANCE_MUSD:
            raise DataValidationError(
                file, int(row_of[(year, "operating_income_total")]), "value",
                f"fiscal year {year}: segment operating income sums to {seg_op:,.0f} "
                f"but operating_income_total is {op_total:,.0f}",
            )
        aws_cat, aws_seg = need(year, "net_sales_aws"), need(year, "segment_aws_net_sales")
        if abs(aws_cat - aws_seg) > ROUNDING_TOLERANCE_MUSD:
            raise DataValidationError(
                file, int(row_of[(year, "net_sales_aws")]), "value",
                f"fiscal year {year}: AWS category ({aws_cat:,.0f}) differs from the AWS segment ({aws_seg:,.0f})",
            )


def load_annual(path: Path | str | None = None) -> pd.DataFrame:
    """Load Amazon's annual figures (USD millions), validated.

    Returns the tidy table: one row per fiscal year and metric, with the
    provenance columns of the file (document, statement, line label, status,
    note) and ``source_row``. Raises :class:`DataValidationError` on any
    malformed cell or broken accounting identity.
    """
    csv_path = Path(path) if path is not None else DATA_DIR / ANNUAL_FILE
    annual = read_validated_csv(csv_path)
    _check_identities(annual, csv_path.name)
    return annual


def load_statements(path: Path | str | None = None) -> pd.DataFrame:
    """Load Amazon's dated statements (third-party unit share, Prime members), validated."""
    csv_path = Path(path) if path is not None else DATA_DIR / STATEMENTS_FILE
    return read_validated_csv(csv_path)


def load_claims(path: Path | str | None = None, annual: pd.DataFrame | None = None) -> pd.DataFrame:
    """Load the source document's numeric claims, validated.

    Besides the manifest's checks, every ``metric`` and ``denominator_metric``
    must name a metric that ``annual`` (default: :func:`load_annual`) holds for
    the claim's fiscal year.
    """
    csv_path = Path(path) if path is not None else DATA_DIR / CLAIMS_FILE
    claims = read_validated_csv(csv_path)
    annual = load_annual() if annual is None else annual
    known = set(zip(annual["fiscal_year"], annual["metric"]))
    for _, claim in claims.iterrows():
        for column in ("metric", "denominator_metric"):
            metric = claim[column]
            if pd.isna(metric) and column == "denominator_metric":
                continue
            if (claim["fiscal_year"], metric) not in known:
                raise DataValidationError(
                    csv_path.name, int(claim["source_row"]), column,
                    f"{metric!r} has no fiscal {claim['fiscal_year']} record in {ANNUAL_FILE}",
                )
        if claim["claimed_unit"] == "percent" and pd.isna(claim["denominator_metric"]):
            raise DataValidationError(csv_path.name, int(claim["source_row"]), "denominator_metric",
                                      "a percent claim needs the metric it is a share of")
    return claims


@lru_cache(maxsize=4)
def _cached_annual(path: str) -> pd.DataFrame:
    return load_annual(path)


def annual_wide(annual: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pivot the annual figures to one row per fiscal year, one column per metric (USD millions)."""
    if annual is None:
        annual = _cached_annual(str(DATA_DIR / ANNUAL_FILE))
    return annual.pivot(index="fiscal_year", columns="metric", values="value").sort_index()


def _merge_statements(statements) -> list[str]:
    """Name each statement or note once: ``Note: X`` and ``Note: X (detail)`` become ``Note: X (including detail)``."""
    named = sorted(set(statements))
    merged = []
    for name in named:
        if any(name.startswith(other + " (") for other in named):
            continue  # folded into the plain name below
        details = [other[len(name) + 2:-1] for other in named if other.startswith(name + " (") and other.endswith(")")]
        merged.append(f"{name} (including {'; '.join(details)})" if details else name)
    return merged


def citation(annual: pd.DataFrame, metrics: list[str] | tuple[str, ...], years: range | list[int] | None = None) -> str:
    """Say which Amazon documents the given metrics and years come from, for a figure caption.

    Example: ``"Amazon Form 10-K for FY2016–FY2024, Note: Segment Information;
    FY2025: Q4 2025 earnings release (unaudited)"``.
    """
    rows = annual[annual["metric"].isin(metrics)]
    if years is not None:
        rows = rows[rows["fiscal_year"].isin(list(years))]
    if rows.empty:
        raise ValueError(f"no records for metrics {list(metrics)} in years {years}")
    parts = []
    tenk = rows[rows["document"] == "Form 10-K"]
    if not tenk.empty:
        statements = "; ".join(_merge_statements(tenk["statement"].unique()))
        fy = sorted(tenk["document_fiscal_year"].unique())
        span = f"FY{fy[0]}" if len(fy) == 1 else f"FY{fy[0]}–FY{fy[-1]}"
        parts.append(f"Amazon.com, Inc. Form 10-K for {span} ({statements})")
    other = rows[rows["document"] != "Form 10-K"]
    for document, group in other.groupby("document"):
        yrs = sorted(group["fiscal_year"].unique())
        parts.append(f"FY{', FY'.join(str(y) for y in yrs)}: Amazon {document}")
    return "; ".join(parts)
