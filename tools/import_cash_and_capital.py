#!/usr/bin/env python3
"""Build ``data/amazon_cash_and_capital.csv`` (where Amazon's cash goes) from the curated research rows.

Usage (from the repository root)::

    python tools/import_cash_and_capital.py [--out-dir DIR]

Input
-----
``tools/sources/amazon_cash_and_capital_research.csv``: the research rows on Amazon's
cash-flow lines, lease-adjusted free cash flow, segment capital additions and
depreciation, remaining performance obligations, the call-quoted AWS backlog, other
income with the Rivian and Anthropic gains, and the year-end current assets,
liabilities and unearned revenue, each with the document it is cited from, the
statement, the printed label, where it was read and its cross-check. The copy was
curated from the research once: its metrics renamed to the manifest's names, a status
given to each row from its cross-check, unresolvable lookup identifiers
replaced by "repository not identified", and rows left out that have no
Amazon source (the arithmetic-only 2025 lease-adjusted free cash flow and Anthropic
proxy, net working capital) or that the file does not hold (six-month figures).

Schema
------
The committed descriptor ``data/amazon_cash_and_capital.resource.json`` is the schema:
fields, allowed values, the metric dictionary (label, statement, unit, period, sign,
first period, description), identities and statuses. The tool fills ``period_end`` of a
fiscal-year flow (Dec 31), sorts the rows (metric, then period end), checks them with the
loader itself (:func:`amazon_case.filings.load_cash_and_capital`, against the committed
``amazon_annual.csv`` for the free cash flow identities) and rewrites in the descriptor
only what derives from the data: ``bytes``, ``hash`` and ``sources``.

Deterministic: ``\\n`` line endings, no timestamps; re-running gives byte-identical files.
Exits with status 1 if a check fails.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCE = REPO_ROOT / "tools" / "sources" / "amazon_cash_and_capital_research.csv"
DATA_DIR = REPO_ROOT / "data"
CSV_NAME = "amazon_cash_and_capital.csv"
MANIFEST_NAME = "amazon_cash_and_capital.resource.json"
EXPECTED_ROWS = 303

EDGAR = "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001018724&type="


class CheckError(Exception):
    """The source or the built file fails a check."""


def check(condition: bool, message: str) -> None:
    if not condition:
        raise CheckError(message)


def build(manifest: dict) -> list[dict[str, str]]:
    columns = [f["name"] for f in manifest["schema"]["fields"]]
    metrics = manifest["schema"]["metrics"]
    with SOURCE.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        check(reader.fieldnames == columns, f"{SOURCE.name}: columns {reader.fieldnames}, the manifest says {columns}")
        rows = list(reader)
    check(len(rows) == EXPECTED_ROWS, f"{SOURCE.name}: {len(rows)} rows, expected {EXPECTED_ROWS}")
    out = []
    for line, row in enumerate(rows, start=2):
        where = f"{SOURCE.name} line {line}"
        check(row["metric"] in metrics, f"{where}: unknown metric {row['metric']!r}")
        rule = metrics[row["metric"]]
        if row["period_end"] == "":
            check(rule["period"] == "fiscal year", f"{where}: {row['metric']} needs a period_end")
            row["period_end"] = f"{row['fiscal_year']}-12-31"
        check(re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["period_end"]) is not None, f"{where}: bad period_end")
        check(re.search(r"\bindex id\b|\b\d{11}\b", " ".join(row.values())) is None,
              f"{where}: an unresolvable search-index identifier")
        out.append({c: row[c].strip() for c in columns})
    out.sort(key=lambda r: (r["metric"], r["period_end"]))
    return out


def to_csv_bytes(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


def json_bytes(obj: dict) -> bytes:
    return (json.dumps(obj, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def sources(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    """One source per Amazon document cited, in a stable order (10-Ks, 10-Qs, releases, calls)."""
    documents = sorted({r["document"].removeprefix("computed from ") for r in rows})
    out = []
    for kind, form in (("Form 10-K", "10-K"), ("Form 10-Q", "10-Q"), ("earnings release", "8-K"), ("earnings call", None)):
        for doc in documents:
            if kind in doc:
                entry = {"title": doc.replace("Amazon ", "Amazon.com, Inc. ", 1)}
                if form:
                    entry["path"] = EDGAR + form
                out.append(entry)
    check(len(out) == len(documents), f"documents of no known kind: {sorted(set(documents) - {e['title'] for e in out})}")
    return out


def validate(data: bytes, manifest: dict) -> None:
    """Load the built file with the book's own loader, against the committed annual file."""
    sys.path.insert(0, str(REPO_ROOT))
    from amazon_case import filings
    from amazon_case.kit.data import DataValidationError

    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / CSV_NAME).write_bytes(data)
        (Path(tmp) / MANIFEST_NAME).write_bytes(json_bytes(manifest))
        try:
            filings.load_cash_and_capital(Path(tmp) / CSV_NAME, annual=filings.load_annual())
        except DataValidationError as err:
            raise CheckError(str(err)) from None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out-dir", default=str(DATA_DIR), help="output directory (default: data/ in the repository)")
    out_dir = Path(parser.parse_args(argv).out_dir)
    manifest = json.loads((DATA_DIR / MANIFEST_NAME).read_text(encoding="utf-8"))
    columns = [f["name"] for f in manifest["schema"]["fields"]]
    try:
        rows = build(manifest)
        data = to_csv_bytes(columns, rows)
        manifest = {**manifest, "bytes": len(data), "hash": "sha256:" + hashlib.sha256(data).hexdigest(),
                    "sources": sources(rows)}
        validate(data, manifest)
    except CheckError as exc:
        print(f"import_cash_and_capital: check failed: {exc}", file=sys.stderr)
        return 1
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / CSV_NAME).write_bytes(data)
    (out_dir / MANIFEST_NAME).write_bytes(json_bytes(manifest))
    print(f"wrote {len(rows)} rows ({len({r['metric'] for r in rows})} metrics) to {out_dir / CSV_NAME}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
