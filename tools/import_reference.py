#!/usr/bin/env python3
"""Import the Amazon.com, Inc. 10-K reference table into tidy data files.

Usage (from the repository root)::

    python tools/import_reference.py [REFERENCE_CSV]

``REFERENCE_CSV`` defaults to ``../shared/reference/amazon_10k_reference.csv``
relative to the repository root.  A relative path given on the command line is
taken relative to the current working directory.

Input
-----
The reference is a long-format CSV with the columns
``fiscal_year,metric,value_musd,source,note``.  ``source`` names the copy of
the document the value was read from; ``note`` starts with a confirmation
level and carries the printed line label, restatement history, earlier
values, basis changes, renames and cross-checking URLs, separated by ``"; "``.

Output (written to ``data/`` in the repository)
------------------------------------------------
``amazon_annual.csv``
    One row per (fiscal_year, metric) for every USD-millions metric, citing
    the Amazon document itself (Form 10-K or the Q4 2025 earnings release),
    the statement or note, the printed line label, the confirmation status,
    a restatement flag, the cleaned note and how the value was read
    (``verification``).
``amazon_dated_statements.csv``
    The non-USD figures (third-party share of paid units, Prime paid member
    counts), each dated by the day Amazon made the statement.
``amazon_annual.resource.json``, ``amazon_dated_statements.resource.json``
    Frictionless Table Schema data-resource descriptors.

Schema
------
The committed descriptors in ``data/`` are the schema: their ``fields`` (names,
types, descriptions, allowed values), the annual ``schema.metrics`` dictionary
(group, label, statement, sign, first period, description of every metric),
``schema.identities`` and the statuses (the ``status`` field's allowed values).
The tool reads them, builds the rows, checks the rows against them with the
loader's own checks (:mod:`amazon_case.kit.data`: types, allowed values,
primary key, signs, required periods, identities) and rewrites in each
descriptor only what derives from the data: ``bytes``, ``hash`` and
``sources``.  To change a column, a metric or a status, edit the descriptor.

Amendments
----------
``tools/amendments/*.csv`` re-cite a fiscal year's rows to a later document
(``fy2025_form_10k.csv``: the FY2025 rows to the FY2025 Form 10-K), one row per
metric: the value as seen in the document (blank where the line was not seen),
the status and how the value was read.  A value seen must equal the
reference's; where the quarterly file (``data/amazon_quarterly.csv``) has the
four quarters of the year, they must add up to it.

The script writes files with ``\\n`` line endings and no timestamps, and is
therefore deterministic: running it twice on the same inputs gives
byte-identical files.  It exits with status 1 if a check fails.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import importlib.util
import io
import json
import re
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO_ROOT / ".." / "shared" / "reference" / "amazon_10k_reference.csv"
DATA_DIR = REPO_ROOT / "data"
AMENDMENTS_DIR = REPO_ROOT / "tools" / "amendments"

ANNUAL_CSV = "amazon_annual.csv"
STATEMENTS_CSV = "amazon_dated_statements.csv"
QUARTERLY_CSV = "amazon_quarterly.csv"
ANNUAL_MANIFEST = "amazon_annual.resource.json"
STATEMENTS_MANIFEST = "amazon_dated_statements.resource.json"

EXPECTED_INPUT_ROWS = 335
EXPECTED_ANNUAL_ROWS = 329
EXPECTED_STATEMENT_ROWS = 6

EDGAR_10K_URL = (
    "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001018724&type=10-K"
)
EDGAR_8K_URL = (
    "https://www.sec.gov/cgi-bin/browse-edgar?action=getcompany&CIK=0001018724&type=8-K"
)
R34_URL = "https://www.sec.gov/Archives/edgar/data/1018724/000101872425000004/R34.htm"
CATEGORY_SECONDARY_URL = (
    "https://www.stock-analysis-on.net/NASDAQ/Company/Amazoncom-Inc/Analysis/Revenues"
)

#: Where a 10-K of a given fiscal year can be found (default: the list of Amazon's 10-K filings).
TENK_URLS = {
    2025: "https://www.sec.gov/Archives/edgar/data/1018724/000101872426000004/",
}
#: Transcriptions of a 10-K that an amendment's verification may name: (text in the verification, source entry).
_CHREHOR36 = "https://github.com/chrehor36/long-term-business-analysis/blob/5b06b31c2c1d26c7c8d087b1b3f6565b6471c9c0/"
TRANSCRIPTIONS: list[tuple[str, dict]] = [
    (
        "peers/tableB_retail.md",
        {
            "title": (
                "Transcription of Amazon's FY2025 Form 10-K (segment note; net sales by groups of similar products "
                "and services), github:chrehor36/long-term-business-analysis, "
                "Test Runs/_research 2026-09-13 AMZN/peers/tableB_retail.md"
            ),
            "path": _CHREHOR36 + "Test%20Runs/_research%202026-09-13%20AMZN/peers/tableB_retail.md",
        },
    ),
    (
        "MSFT/competitor_row.md",
        {
            "title": (
                "Transcription of Amazon's FY2025 Form 10-K (cash-flow statement, capital expenditure, net income), "
                "github:chrehor36/long-term-business-analysis, Test Runs/_research 2026-09-06 MSFT/competitor_row.md"
            ),
            "path": _CHREHOR36 + "Test%20Runs/_research%202026-09-06%20MSFT/competitor_row.md",
        },
    ),
    (
        "edgartools output",
        {
            "title": (
                "edgartools output of Amazon's FY2025 Form 10-K statement of operations (XBRL), in the README of a "
                "GitHub SEC fundamental-analysis toolkit (repository not identified)"
            ),
        },
    ),
    (
        "Primary-Source Value Checklist",
        {
            "title": (
                "'AMZN - Primary-Source Value Checklist', FY2025 Form 10-K excerpts on GitHub (repository not "
                "identified)"
            ),
        },
    ),
]

UNIT_USD = "USD millions"
DOC_10K = "Form 10-K"
DOC_RELEASE = "Q4 2025 earnings release (Form 8-K, Exhibit 99.1), fiscal 2024 comparatives"

# ---------------------------------------------------------------------------
# Statement names
# ---------------------------------------------------------------------------
ST_CATEGORIES = (
    "Note: Segment Information (net sales by groups of similar products and services)"
)
ST_SEGMENTS = "Note: Segment Information"
ST_REL_OPS = "Consolidated Statements of Operations (release)"
ST_REL_SEGMENTS = "Segment Information (release)"
ST_REL_CATEGORIES = (
    "Supplemental Financial Information and Business Metrics: net sales by category (release)"
)
ST_REL_BALANCE = "Consolidated Balance Sheets (release)"
ST_REL_CASH = "Consolidated Statements of Cash Flows (release)"
ST_REL_FCF = "Supplemental free cash flow reconciliation"

# ---------------------------------------------------------------------------
# The schema: the committed descriptors in data/.
# ---------------------------------------------------------------------------
def read_manifest(name: str) -> dict:
    return json.loads((DATA_DIR / name).read_text(encoding="utf-8"))


ANNUAL_SCHEMA_MANIFEST = read_manifest(ANNUAL_MANIFEST)
STATEMENTS_SCHEMA_MANIFEST = read_manifest(STATEMENTS_MANIFEST)


def field(manifest: dict, name: str) -> dict:
    return next(f for f in manifest["schema"]["fields"] if f["name"] == name)


#: Metric dictionary (group, label, statement, sign, first_period, description).
#: Only these metrics are accepted as USD-millions metrics.
METRICS: dict[str, dict] = ANNUAL_SCHEMA_MANIFEST["schema"]["metrics"]
ANNUAL_COLUMNS = [f["name"] for f in ANNUAL_SCHEMA_MANIFEST["schema"]["fields"]]
STATEMENT_COLUMNS = [f["name"] for f in STATEMENTS_SCHEMA_MANIFEST["schema"]["fields"]]
#: Confirmation levels, as the status fields allow them.
STATUSES = field(ANNUAL_SCHEMA_MANIFEST, "status")["constraints"]["enum"]
STATEMENT_STATUSES = field(STATEMENTS_SCHEMA_MANIFEST, "status")["constraints"]["enum"]

CATEGORY_METRICS = [m for m, d in METRICS.items() if d["group"] == "category"]

# Statement by (document kind, metric group).
STATEMENT_BY_KIND = {
    # The 10-K's statement of each group, as the metric dictionary names it.
    "10k": {d["group"]: d["statement"] for d in METRICS.values()},
    # The FY2024 10-K page R34 is the segment note: it carries the segment
    # table (reconciled to consolidated totals) and the category table.
    "r34": {
        "income": ST_SEGMENTS,
        "category": ST_CATEGORIES,
        "segment": ST_SEGMENTS,
    },
    "release": {
        "income": ST_REL_OPS,
        "segment": ST_REL_SEGMENTS,
        "balance": ST_REL_BALANCE,
        "cash": ST_REL_CASH,
        "fcf": ST_REL_FCF,
    },
    "release_secondary": {
        "category": ST_REL_CATEGORIES,
    },
}
# On the R34 page only these income lines appear.
R34_INCOME_METRICS = {"net_sales_total", "operating_income_total", "net_income"}

# ---------------------------------------------------------------------------
# Non-USD rows: curated metadata keyed by the reference's (fiscal_year, metric).
# ---------------------------------------------------------------------------
STATEMENT_META = {
    ("2017", "prime_paid_members_statement_millions"): {
        "statement_date": "2018-04-18",
        "period": "FY2017 (letter to shareholders)",
        "document": "Amazon 2017 letter to shareholders (Jeff Bezos), published 2018-04-18",
        "date_note": "statement_date is the letter's publication date",
    },
    ("2020", "prime_paid_members_statement_millions"): {
        "statement_date": "2020-04-30",
        "period": "Q1 2020 (quarterly results)",
        "document": "Amazon Q1 2020 quarterly results (release and conference call)",
        "date_note": (
            "statement_date is the release date of Amazon's Q1 2020 results; Amazon had first "
            "stated \"over 150 million paid Prime members around the world\" in its Q4 2019 "
            "results release of 2020-01-30 (quoted by "
            "https://informitv.com/2020/01/30/amazon-passes-150-million-prime-members/)"
        ),
    },
    ("2021", "prime_paid_members_statement_millions"): {
        "statement_date": "2021-04-29",
        "period": "Q1 2021 (quarterly results)",
        "document": (
            "Amazon Q1 2021 quarterly results (release and conference call); the count also "
            "appears in the 2020 letter to shareholders"
        ),
        "date_note": (
            "statement_date is the release date of Amazon's Q1 2021 results; the 2020 letter "
            "to shareholders, which already gave more than 200 million Prime members, was "
            "published on 2021-04-15 (https://www.livemint.com/companies/news/"
            "jeff-bezos-says-amazon-must-treat-workers-better-after-union-vote/"
            "amp-11618507585836.html)"
        ),
    },
    ("2020", "third_party_share_of_paid_units_q4_pct"): {
        "statement_date": "2021-02-02",
        "period": "Q4 2020",
        "document": "Amazon Q4 2020 quarterly results, as reported by a secondary source",
        "date_note": (
            "statement_date is the release date of Amazon's Q4 2020 results (the quarter is "
            "inferred from 'by the end of 2020')"
        ),
    },
    ("2024", "third_party_share_of_paid_units_q4_pct"): {
        "statement_date": "2025-02-06",
        "period": "Q4 2024",
        "document": "Amazon Q4 2024 quarterly results release (supplemental metrics)",
        "date_note": "statement_date is the release date of Amazon's Q4 2024 results",
    },
    ("2025", "third_party_share_of_paid_units_q4_pct"): {
        "statement_date": "2026-02-05",
        "period": "Q4 2025",
        "document": "Amazon Q4 2025 quarterly results (release and conference call)",
        "date_note": "statement_date is the release date of Amazon's Q4 2025 results",
    },
}

NON_USD = {
    "third_party_share_of_paid_units_q4_pct": {
        "metric": "third_party_share_of_paid_units_pct",
        "unit": "percent",
        "qualifier": "equal to",
    },
    "prime_paid_members_statement_millions": {
        "metric": "prime_paid_members_millions",
        "unit": "millions of members",
        "qualifier": "more than",
    },
}

# ---------------------------------------------------------------------------
# Confirmation levels
# ---------------------------------------------------------------------------
STATUS_PREFIXES = [
    (
        "CONFIRMED-2SRC (primary Amazon document + independent secondary)",
        "CONFIRMED-2SRC",
    ),
    (
        "CONFIRMED-2FILINGS (2+ separate Amazon 10-Ks agree; no independent third party checked)",
        "CONFIRMED-2FILINGS",
    ),
    ("SINGLE-SOURCE", "SINGLE-SOURCE"),
]
# Text that must not survive into the output (unresolvable internal lookup
# identifiers, mirror hosts and search-engine tracking parameters).
FORBIDDEN = re.compile(r"\bids? \d{6,}|\b\d{11}\b|workers\.dev|srsltid", re.I)


class CheckError(Exception):
    """Raised when the reference or the output fails a consistency check."""


def check(condition: bool, message: str) -> None:
    if not condition:
        raise CheckError(message)


# ---------------------------------------------------------------------------
# Note parsing and cleaning
# ---------------------------------------------------------------------------
def split_parts(note: str) -> list[str]:
    """Split a note on '; ' outside parentheses."""
    parts, buf, depth, i = [], [], 0, 0
    while i < len(note):
        ch = note[i]
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        if depth == 0 and note.startswith("; ", i):
            parts.append("".join(buf).strip())
            buf = []
            i += 2
            continue
        buf.append(ch)
        i += 1
    parts.append("".join(buf).strip())
    return [p for p in parts if p]


def clean_text(text: str) -> str:
    """Drop unresolvable lookup identifiers, rewrite mirror URLs, drop tracking params."""
    # "... found via the <lookup> (ids 1, 2; repository not identified)": the
    # identifiers cannot be resolved by a reader, so only the caveat is kept.
    text = re.sub(
        r"\s*found via the [\w -]+? \(ids [\d, ]+; repository not identified\)",
        " (repository not identified)",
        text,
    )
    # "(<lookup> id 123)"
    text = re.sub(r"\s*\([\w-]+ ids? \d{6,}(?:, \d{6,})*\)", "", text)
    # Mirror of huggingface.co -> canonical address.
    text = text.replace(
        "https://worker-huggingface.ww6410.workers.dev/", "https://huggingface.co/"
    )
    # Google search tracking parameter on some URLs.
    text = re.sub(r"\?srsltid=[A-Za-z0-9_\-]+", "", text)
    return text


def parse_usd_note(note: str) -> tuple[str, str | None, list[str]]:
    """Return (status, line_label or None, remaining cleaned parts)."""
    status = None
    for prefix, token in STATUS_PREFIXES:
        if note == prefix or note.startswith(prefix + "; "):
            status = token
            note = note[len(prefix):].lstrip("; ").strip()
            break
    check(status is not None, f"no confirmation level at start of note: {note[:80]!r}")
    label = None
    rest = []
    for part in split_parts(note):
        m = re.fullmatch(r"line label '(.*)'", part)
        if m:
            check(label is None, f"two line labels in note: {note[:80]!r}")
            label = m.group(1)
            continue
        rest.append(clean_text(part))
    return status, label, rest


def drop_parts(parts: list[str], patterns: list[str], where: str) -> list[str]:
    """Remove parts fully matching each regex pattern; each must match once."""
    out = list(parts)
    for pat in patterns:
        hits = [p for p in out if re.fullmatch(pat, p)]
        check(len(hits) == 1, f"{where}: expected one note part matching {pat!r}, got {hits}")
        out.remove(hits[0])
    return out


# ---------------------------------------------------------------------------
# Source classification
# ---------------------------------------------------------------------------
def classify_source(row: dict[str, str]) -> dict[str, object]:
    src = row["source"]
    m = re.fullmatch(
        r"github:redhat-et/rag pdf-input/(Amazon_INC_10k_(\d{4})\.pdf) "
        r"\(Amazon Form 10-K for FY(\d{4}); commit ([0-9a-f]+)\)",
        src,
    )
    if m:
        check(m.group(2) == m.group(3), f"PDF name and FY disagree: {src}")
        return {
            "kind": "10k",
            "document": DOC_10K,
            "document_fiscal_year": int(m.group(2)),
            "verification": (
                f"Read from a PDF copy of the FY{m.group(2)} Form 10-K (GitHub repository "
                f"redhat-et/rag, pdf-input/{m.group(1)}, commit {m.group(4)})."
            ),
        }
    if src == R34_URL:
        return {
            "kind": "r34",
            "document": DOC_10K,
            "document_fiscal_year": 2024,
            "verification": (
                "Read from the SEC EDGAR XBRL rendering of the FY2024 Form 10-K segment "
                f"note (page R34): {R34_URL}"
            ),
        }
    m = re.fullmatch(
        r"github:apresai/podcaster amzn\.md \(copy of Amazon Q4 2025 earnings release, "
        r"Feb 5 2026; commit ([0-9a-f]+)\)",
        src,
    )
    if m:
        return {
            "kind": "release",
            "document": DOC_RELEASE,
            "document_fiscal_year": 2025,
            "verification": (
                "Read from a text copy of Amazon's Q4 2025 earnings release of 2026-02-05 "
                f"(GitHub repository apresai/podcaster, amzn.md, commit {m.group(1)}); "
                "the release prints fiscal 2024 as the comparative year, the figures of the audited FY2024 Form 10-K, "
                "whose full text was not read (only its segment note, XBRL page R34)."
            ),
        }
    if (
        src.startswith(CATEGORY_SECONDARY_URL)
        and row["fiscal_year"] == "2025"
        and METRICS.get(row["metric"], {}).get("group") == "category"
    ):
        return {
            "kind": "release_secondary",
            "document": DOC_RELEASE,
            "document_fiscal_year": 2025,
            "verification": (
                "Read from a secondary transcription (stock-analysis-on.net, Amazon revenues "
                f"by category: {CATEGORY_SECONDARY_URL}), not from an Amazon document; Amazon "
                "prints net sales by category in the supplemental metrics of its Q4 2025 "
                "earnings release, and the seven FY2025 category figures sum exactly to the "
                "release's total net sales of 716,924; the FY2025 Form 10-K was not read."
            ),
        }
    raise CheckError(f"unrecognised source for {row['fiscal_year']} {row['metric']}: {src}")


# Note parts made redundant by the document/verification columns, per kind.
REDUNDANT_PARTS = {
    "10k": [],
    "r34": [],
    "release": [
        r"Amazon earnings release figures \(unaudited\)",
        r"FY2025 10-K itself not read directly",
    ],
    "release_secondary": [
        r"Amazon 10-K for this year not read directly",
        r"value from secondary source built from the 10-K",
        r"categories sum to total net sales 716,924 reported in Q4-2025 earnings release",
    ],
}


# ---------------------------------------------------------------------------
# Builders
# ---------------------------------------------------------------------------
def build_annual(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    out = []
    for row in rows:
        metric = row["metric"]
        check(metric in METRICS, f"unknown USD metric {metric!r}")
        meta = METRICS[metric]
        src = classify_source(row)
        kind = src["kind"]
        statements = STATEMENT_BY_KIND[kind]
        check(
            meta["group"] in statements,
            f"{row['fiscal_year']} {metric}: metric group {meta['group']} not expected in {kind}",
        )
        if kind == "r34" and meta["group"] == "income":
            check(metric in R34_INCOME_METRICS, f"{metric} is not on the R34 page")
        status, label, parts = parse_usd_note(row["note"])
        parts = drop_parts(parts, REDUNDANT_PARTS[kind], f"{row['fiscal_year']} {metric}")
        note = "; ".join(parts)
        out.append(
            {
                "fiscal_year": str(int(row["fiscal_year"])),
                "metric": metric,
                "value": row["value_musd"],
                "unit": UNIT_USD,
                "document": src["document"],
                "document_fiscal_year": str(src["document_fiscal_year"]),
                "statement": statements[meta["group"]],
                "line_label": label if label is not None else meta["label"],
                "status": status,
                "restated": "true" if "RESTATED" in row["note"] else "false",
                "note": note,
                "verification": src["verification"],
            }
        )
    out.sort(key=lambda r: (r["metric"], int(r["fiscal_year"])))
    return out


# ---------------------------------------------------------------------------
# Amendments: a year's rows re-cited to a later document
# ---------------------------------------------------------------------------
AMENDMENT_COLUMNS = ["fiscal_year", "metric", "seen_value", "document_fiscal_year", "status", "verification"]


def read_amendments(folder: Path) -> dict[tuple[str, str], dict[str, str]]:
    """Read every ``*.csv`` in ``folder``: (fiscal_year, metric) -> amendment."""
    out: dict[tuple[str, str], dict[str, str]] = {}
    for path in sorted(folder.glob("*.csv")):
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            check(reader.fieldnames == AMENDMENT_COLUMNS, f"{path.name}: columns {reader.fieldnames}, expected {AMENDMENT_COLUMNS}")
            for line, row in enumerate(reader, start=2):
                key = (row["fiscal_year"], row["metric"])
                check(key not in out, f"{path.name} line {line}: {key} amended twice")
                check(row["metric"] in METRICS, f"{path.name} line {line}: unknown metric {row['metric']!r}")
                check(row["status"] in STATUSES, f"{path.name} line {line}: status {row['status']!r} not in {STATUSES}")
                check(row["seen_value"] == "" or re.fullmatch(r"-?\d+", row["seen_value"]) is not None,
                      f"{path.name} line {line}: seen_value {row['seen_value']!r} is not a whole number")
                check(row["verification"].strip() != "", f"{path.name} line {line}: no verification")
                out[key] = {**row, "file": path.name, "line": str(line)}
    return out


def read_quarter_sums(path: Path) -> dict[tuple[str, str], tuple[int, float]]:
    """(fiscal_year, metric) -> (number of quarters, sum) of the three-month rows of the quarterly file."""
    sums: dict[tuple[str, str], tuple[int, float]] = {}
    if not path.exists():
        return sums
    with path.open(newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            if row["basis"] != "three_months":
                continue
            key = (row["fiscal_year"], row["metric"])
            n, total = sums.get(key, (0, 0.0))
            sums[key] = (n + 1, total + float(row["value"]))
    return sums


def apply_amendments(annual: list[dict[str, str]], amendments: dict, quarter_sums: dict) -> None:
    """Re-cite the amended rows to the Form 10-K named by each amendment, after checking its values."""
    years = {year for year, _ in amendments}
    amended_rows = {(r["fiscal_year"], r["metric"]) for r in annual if r["fiscal_year"] in years}
    check(amended_rows == set(amendments),
          f"amendments and rows differ: not amended {sorted(amended_rows - set(amendments))}, "
          f"no such row {sorted(set(amendments) - amended_rows)}")
    for r in annual:
        key = (r["fiscal_year"], r["metric"])
        if key not in amendments:
            continue
        a = amendments[key]
        where = f"{a['file']} line {a['line']} ({key[0]} {key[1]})"
        if a["seen_value"] != "":
            check(float(a["seen_value"]) == float(r["value"]),
                  f"{where}: the document shows {a['seen_value']}, the reference has {r['value']}")
        n, total = quarter_sums.get(key, (0, 0.0))
        if n == 4:
            check(abs(total - float(r["value"])) <= 1,
                  f"{where}: the four quarters in {QUARTERLY_CSV} add up to {total:,.0f}, not {r['value']}")
        r["document"] = DOC_10K
        r["document_fiscal_year"] = a["document_fiscal_year"]
        r["statement"] = METRICS[r["metric"]]["statement"]
        r["status"] = a["status"]
        r["verification"] = a["verification"]


def build_statements(rows: list[dict[str, str]]) -> list[dict[str, str]]:
    out = []
    for row in rows:
        key = (row["fiscal_year"], row["metric"])
        check(key in STATEMENT_META, f"no statement metadata for {key}")
        meta = STATEMENT_META[key]
        kind = NON_USD[row["metric"]]
        note = row["note"]
        quote_match = re.search(r'"([^"]+)"', note)
        status = None
        rest = []
        for part in split_parts(note):
            if part.startswith("UNIT = "):
                continue
            m = re.fullmatch(r"CONFIRMED-2SEC(?: \((.*)\))?", part)
            if m:
                status = "CONFIRMED-2SEC"
                if m.group(1):
                    rest.append(m.group(1))
                continue
            if part == "SINGLE-SOURCE, secondary":
                status = "SINGLE-SOURCE"
                rest.append("only one secondary report found")
                continue
            rest.append(clean_text(part))
        check(status is not None, f"{key}: no confirmation level in note")
        rest.append(meta["date_note"])
        out.append(
            {
                "statement_date": meta["statement_date"],
                "period": meta["period"],
                "metric": kind["metric"],
                "value": row["value_musd"],
                "unit": kind["unit"],
                "qualifier": kind["qualifier"],
                "quote": quote_match.group(1) if quote_match else "",
                "document": meta["document"],
                "source_url": clean_text(row["source"]),
                "status": status,
                "note": "; ".join(rest),
            }
        )
    out.sort(key=lambda r: (r["metric"], r["statement_date"]))
    return out


def to_csv_bytes(columns: list[str], rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    return buf.getvalue().encode("utf-8")


# ---------------------------------------------------------------------------
# Checks on the built tables: the loader's own checks against the committed schema
# ---------------------------------------------------------------------------
def kit_data():
    """The loader's checks (amazon_case/kit/data.py), loaded without the rest of the package."""
    path = REPO_ROOT / "amazon_case" / "kit" / "data.py"
    spec = importlib.util.spec_from_file_location("_amazon_case_kit_data", path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def validate(name: str, data: bytes, manifest: dict, period: list[str] | None) -> None:
    """Check the built file against its descriptor as the loader does; raise CheckError naming row and column."""
    kit = kit_data()
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / name).write_bytes(data)
        (Path(tmp) / (name.removesuffix(".csv") + ".resource.json")).write_bytes(json_bytes(manifest))
        try:
            frame = kit.read_validated_csv(Path(tmp) / name)
            if period is not None:
                kit.check_rules(frame, manifest["schema"], name, period)
        except kit.DataValidationError as err:
            raise CheckError(str(err)) from None


def check_annual(annual: list[dict[str, str]]) -> None:
    check(len(annual) == EXPECTED_ANNUAL_ROWS, f"annual rows {len(annual)} != {EXPECTED_ANNUAL_ROWS}")
    years = sorted({int(r["fiscal_year"]) for r in annual})
    check(years == list(range(2014, 2026)), f"unexpected fiscal years {years}")
    for r in annual:
        for col in ANNUAL_COLUMNS:
            check(not FORBIDDEN.search(r[col]), f"forbidden text in {col}: {r[col][:120]}")
        check(r["line_label"] != "", "empty line_label")


def check_statements(stmts: list[dict[str, str]]) -> None:
    check(
        len(stmts) == EXPECTED_STATEMENT_ROWS,
        f"statement rows {len(stmts)} != {EXPECTED_STATEMENT_ROWS}",
    )
    for r in stmts:
        check(r["status"] in STATEMENT_STATUSES, f"bad status {r['status']}")
        if r["unit"] == "percent":
            check(0 <= float(r["value"]) <= 100, f"percent out of range: {r['value']}")
        for col in STATEMENT_COLUMNS:
            check(not FORBIDDEN.search(r[col]), f"forbidden text in {col}: {r[col][:120]}")


# ---------------------------------------------------------------------------
# Frictionless descriptors: the committed ones, with what derives from the data
# ---------------------------------------------------------------------------
def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


#: Copies of documents that a row's verification may name: (text in the verification, source entry).
COPIES = [
    (
        R34_URL,
        {"title": "Amazon.com, Inc. Form 10-K for fiscal year 2024, segment note (XBRL page R34)", "path": R34_URL},
    ),
    (
        CATEGORY_SECONDARY_URL,
        {
            "title": (
                "stock-analysis-on.net, Amazon.com Inc. revenues by category (secondary "
                "transcription used for the seven FY2025 net sales categories)"
            ),
            "path": CATEGORY_SECONDARY_URL,
        },
    ),
]


def with_data(manifest: dict, data: bytes, sources: list[dict]) -> dict:
    """The committed descriptor with bytes, hash and sources taken from the data; everything else as committed."""
    out = dict(manifest)
    out["bytes"] = len(data)
    out["hash"] = sha256(data)
    out["sources"] = sources
    return out


def annual_sources(annual: list[dict[str, str]]) -> list[dict]:
    years = sorted({int(r["document_fiscal_year"]) for r in annual if r["document"] == DOC_10K})
    sources = [
        {"title": f"Amazon.com, Inc. Form 10-K for fiscal year {y}", "path": TENK_URLS.get(y, EDGAR_10K_URL)}
        for y in years
    ]
    text = " ".join(r["verification"] for r in annual)
    sources += [entry for key, entry in COPIES[:1] if key in text]
    if any(r["document"] == DOC_RELEASE for r in annual):
        sources.append(
            {
                "title": (
                    "Amazon.com, Inc. Q4 2025 earnings release, 2026-02-05 "
                    "(Form 8-K, Exhibit 99.1): fiscal 2024 comparatives"
                ),
                "path": EDGAR_8K_URL,
            }
        )
    sources += [entry for key, entry in COPIES[1:] + TRANSCRIPTIONS if key in text]
    return sources


def statements_sources(stmts: list[dict[str, str]]) -> list[dict]:
    return [
        {"title": f"Report of Amazon statement: {r['metric']}, {r['period']}", "path": r["source_url"]}
        for r in stmts
    ]


def json_bytes(obj: dict) -> bytes:
    return (json.dumps(obj, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------
def read_reference(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        check(
            reader.fieldnames == ["fiscal_year", "metric", "value_musd", "source", "note"],
            f"unexpected reference columns {reader.fieldnames}",
        )
        rows = list(reader)
    check(len(rows) == EXPECTED_INPUT_ROWS, f"reference rows {len(rows)} != {EXPECTED_INPUT_ROWS}")
    keys = [(r["fiscal_year"], r["metric"]) for r in rows]
    check(len(set(keys)) == len(keys), "duplicate (fiscal_year, metric) in reference")
    for r in rows:
        check(re.fullmatch(r"-?\d+(\.\d+)?", r["value_musd"]) is not None, f"bad value {r}")
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "reference",
        nargs="?",
        default=str(DEFAULT_REFERENCE),
        help="reference CSV (default: ../shared/reference/amazon_10k_reference.csv "
        "relative to the repository root)",
    )
    parser.add_argument(
        "--out-dir", default=str(DATA_DIR), help="output directory (default: data/ in the repository)"
    )
    args = parser.parse_args(argv)

    ref_path = Path(args.reference)
    out_dir = Path(args.out_dir)
    try:
        rows = read_reference(ref_path)
        usd_rows = [r for r in rows if r["metric"] not in NON_USD]
        other_rows = [r for r in rows if r["metric"] in NON_USD]
        annual = build_annual(usd_rows)
        apply_amendments(annual, read_amendments(AMENDMENTS_DIR), read_quarter_sums(DATA_DIR / QUARTERLY_CSV))
        stmts = build_statements(other_rows)
        check_annual(annual)
        check_statements(stmts)
        annual_bytes = to_csv_bytes(ANNUAL_COLUMNS, annual)
        stmt_bytes = to_csv_bytes(STATEMENT_COLUMNS, stmts)
        annual_manifest = with_data(ANNUAL_SCHEMA_MANIFEST, annual_bytes, annual_sources(annual))
        stmt_manifest = with_data(STATEMENTS_SCHEMA_MANIFEST, stmt_bytes, statements_sources(stmts))
        validate(ANNUAL_CSV, annual_bytes, annual_manifest, ["fiscal_year"])
        validate(STATEMENTS_CSV, stmt_bytes, stmt_manifest, None)
    except CheckError as exc:
        print(f"import_reference: check failed: {exc}", file=sys.stderr)
        return 1

    outputs = {
        ANNUAL_CSV: annual_bytes,
        STATEMENTS_CSV: stmt_bytes,
        ANNUAL_MANIFEST: json_bytes(annual_manifest),
        STATEMENTS_MANIFEST: json_bytes(stmt_manifest),
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    for name, data in outputs.items():
        (out_dir / name).write_bytes(data)
    restated = sum(r["restated"] == "true" for r in annual)
    print(
        f"wrote {len(annual)} annual rows ({restated} restated) and {len(stmts)} dated "
        f"statements to {out_dir}"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
