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
    Frictionless Table Schema data-resource descriptors, including the
    SHA-256 hash and byte size of each CSV.

The script uses only the Python standard library, writes files with ``\\n``
line endings and no timestamps, and is therefore deterministic: running it
twice on the same reference gives byte-identical files.  It checks the data
(row counts, unique keys, category and segment sums, the free-cash-flow
identity, cleaned notes) and exits with status 1 if a check fails.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import io
import json
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_REFERENCE = REPO_ROOT / ".." / "shared" / "reference" / "amazon_10k_reference.csv"
DATA_DIR = REPO_ROOT / "data"

ANNUAL_CSV = "amazon_annual.csv"
STATEMENTS_CSV = "amazon_dated_statements.csv"

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

UNIT_USD = "USD millions"
DOC_10K = "Form 10-K"
DOC_RELEASE = "Q4 2025 earnings release (Form 8-K, Exhibit 99.1), unaudited"

# ---------------------------------------------------------------------------
# Statement names
# ---------------------------------------------------------------------------
ST_OPS = "Consolidated Statements of Operations"
ST_CATEGORIES = (
    "Note: Segment Information (net sales by groups of similar products and services)"
)
ST_SEGMENTS = "Note: Segment Information"
ST_BALANCE = "Consolidated Balance Sheets (at December 31)"
ST_CASH = "Consolidated Statements of Cash Flows"
ST_FCF = "Item 7, MD&A: Non-GAAP free cash flow reconciliation"
ST_REL_OPS = "Consolidated Statements of Operations (release)"
ST_REL_SEGMENTS = "Segment Information (release)"
ST_REL_CATEGORIES = (
    "Supplemental Financial Information and Business Metrics: net sales by category (release)"
)
ST_REL_BALANCE = "Consolidated Balance Sheets (release)"
ST_REL_CASH = "Consolidated Statements of Cash Flows (release)"
ST_REL_FCF = "Supplemental free cash flow reconciliation"

# ---------------------------------------------------------------------------
# Metric dictionary: group (which statement family), default printed label and
# a description.  Only these metrics are accepted as USD-millions metrics.
# ---------------------------------------------------------------------------
METRICS: dict[str, dict[str, str]] = {
    "net_sales_total": {
        "group": "income",
        "label": "Total net sales",
        "description": "Total consolidated net sales (product plus service sales).",
    },
    "operating_income_total": {
        "group": "income",
        "label": "Operating income",
        "description": "Consolidated operating income; can be negative (an operating loss).",
    },
    "net_income": {
        "group": "income",
        "label": "Net income",
        "description": "Consolidated net income (loss); negative for 2014 (-241).",
    },
    "cost_of_sales": {
        "group": "income",
        "label": "Cost of sales",
        "description": "Cost of sales operating-expense line; stored as a positive amount.",
    },
    "fulfillment_expense": {
        "group": "income",
        "label": "Fulfillment",
        "description": "Fulfillment operating-expense line; stored as a positive amount.",
    },
    "technology_expense": {
        "group": "income",
        "label": "Technology and infrastructure",
        "description": (
            "Operating-expense line named 'Technology and content' until it was renamed "
            "'Technology and infrastructure' (FY2023 10-K; earlier amounts unchanged); "
            "stored as a positive amount."
        ),
    },
    "marketing_expense": {
        "group": "income",
        "label": "Sales and marketing",
        "description": (
            "Operating-expense line named 'Marketing' until it was renamed 'Sales and "
            "marketing' (earlier amounts unchanged); stored as a positive amount."
        ),
    },
    "general_admin_expense": {
        "group": "income",
        "label": "General and administrative",
        "description": "General and administrative operating-expense line; stored as a positive amount.",
    },
    "net_sales_online_stores": {
        "group": "category",
        "label": "Online stores",
        "description": (
            "Net sales category 'Online stores' (product sales and digital media content "
            "recorded gross, outside physical stores); called 'Retail products' in the FY2016 10-K."
        ),
    },
    "net_sales_physical_stores": {
        "group": "category",
        "label": "Physical stores",
        "description": (
            "Net sales category 'Physical stores' (mainly Whole Foods Market, acquired August "
            "2017); printed as nil for 2015-2016; no 2014 value (line did not exist)."
        ),
    },
    "net_sales_third_party_seller_services": {
        "group": "category",
        "label": "Third-party seller services",
        "description": (
            "Net sales category 'Third-party seller services' (commissions and fulfillment and "
            "shipping fees from third-party sellers); 'Retail third-party seller services' in the FY2016 10-K."
        ),
    },
    "net_sales_advertising_services": {
        "group": "category",
        "label": "Advertising services",
        "description": (
            "Net sales category 'Advertising services'; broken out from the FY2021 10-K for "
            "2019 onwards; included in 'Other' before 2019 (no values for 2014-2018)."
        ),
    },
    "net_sales_subscription_services": {
        "group": "category",
        "label": "Subscription services",
        "description": (
            "Net sales category 'Subscription services' (Prime membership fees and other "
            "non-AWS subscriptions); 'Retail subscription services' in the FY2016 10-K."
        ),
    },
    "net_sales_aws": {
        "group": "category",
        "label": "AWS",
        "description": "Net sales category 'AWS'; equals the AWS segment's net sales.",
    },
    "net_sales_other": {
        "group": "category",
        "label": "Other",
        "description": (
            "Net sales category 'Other'; includes advertising through 2018; 2019-2020 values "
            "restated when advertising was broken out."
        ),
    },
    "segment_na_net_sales": {
        "group": "segment",
        "label": "Net sales",
        "description": "North America segment net sales (2014 recast to exclude AWS).",
    },
    "segment_na_operating_income": {
        "group": "segment",
        "label": "Operating income",
        "description": (
            "North America segment operating income; can be negative; 2014-2015 on the basis "
            "used from 2016 (stock-based compensation allocated to segments)."
        ),
    },
    "segment_intl_net_sales": {
        "group": "segment",
        "label": "Net sales",
        "description": "International segment net sales.",
    },
    "segment_intl_operating_income": {
        "group": "segment",
        "label": "Operating income",
        "description": "International segment operating income; can be negative (operating loss).",
    },
    "segment_aws_net_sales": {
        "group": "segment",
        "label": "Net sales",
        "description": "AWS segment net sales (AWS reported as a segment from the FY2015 10-K; 2014 recast).",
    },
    "segment_aws_operating_income": {
        "group": "segment",
        "label": "Operating income",
        "description": "AWS segment operating income.",
    },
    "inventories": {
        "group": "balance",
        "label": "Inventories",
        "description": "Inventories at December 31 of the fiscal year.",
    },
    "accounts_receivable_net_and_other": {
        "group": "balance",
        "label": "Accounts receivable, net and other",
        "description": (
            "Accounts receivable, net and other at December 31 (includes vendor and other "
            "receivables, not only customer receivables)."
        ),
    },
    "accounts_payable": {
        "group": "balance",
        "label": "Accounts payable",
        "description": "Accounts payable at December 31 of the fiscal year.",
    },
    "operating_cash_flow": {
        "group": "cash",
        "label": "Net cash provided by (used in) operating activities",
        "description": "Net cash provided by (used in) operating activities.",
    },
    "capex_purchases_property_equipment": {
        "group": "cash",
        "label": "Purchases of property and equipment",
        "description": (
            "Purchases of property and equipment (incl. internal-use software and website "
            "development), stored as a positive outflow (negative in the cash-flow statement); "
            "gross of incentives from 2015; the 2014 value is net of incentives."
        ),
    },
    "proceeds_property_equipment_sales_incentives": {
        "group": "cash",
        "label": "Proceeds from property and equipment sales and incentives",
        "description": (
            "Proceeds from property and equipment sales and incentives (a positive inflow); "
            "not shown separately for 2014."
        ),
    },
    "free_cash_flow": {
        "group": "fcf",
        "label": "Free cash flow",
        "description": (
            "Free cash flow (non-GAAP): operating cash flow less purchases of property and "
            "equipment net of proceeds from sales and incentives; can be negative."
        ),
    },
}

CATEGORY_METRICS = [m for m, d in METRICS.items() if d["group"] == "category"]

# Statement by (document kind, metric group).
STATEMENT_BY_KIND = {
    "10k": {
        "income": ST_OPS,
        "category": ST_CATEGORIES,
        "segment": ST_SEGMENTS,
        "balance": ST_BALANCE,
        "cash": ST_CASH,
        "fcf": ST_FCF,
    },
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
STATUS_DESCRIPTIONS = {
    "CONFIRMED-2SRC": (
        "an Amazon document plus at least one independent secondary source agree"
    ),
    "CONFIRMED-2FILINGS": (
        "the same value is printed in two or more separate Amazon 10-K filings; no "
        "third-party copy checked"
    ),
    "SINGLE-SOURCE": (
        "only one document carries this exact value (mostly because it was later restated)"
    ),
}
STATEMENT_STATUS_DESCRIPTIONS = {
    "CONFIRMED-2SEC": "two or more independent secondary reports of the Amazon statement agree",
    "SINGLE-SOURCE": "a single secondary report of the Amazon statement",
}

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
                "release figures are unaudited; the FY2025 Form 10-K was not read."
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
ANNUAL_COLUMNS = [
    "fiscal_year",
    "metric",
    "value",
    "unit",
    "document",
    "document_fiscal_year",
    "statement",
    "line_label",
    "status",
    "restated",
    "note",
    "verification",
]

STATEMENT_COLUMNS = [
    "statement_date",
    "period",
    "metric",
    "value",
    "unit",
    "qualifier",
    "quote",
    "document",
    "source_url",
    "status",
    "note",
]


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
# Checks on the built tables
# ---------------------------------------------------------------------------
def check_annual(annual: list[dict[str, str]]) -> None:
    check(len(annual) == EXPECTED_ANNUAL_ROWS, f"annual rows {len(annual)} != {EXPECTED_ANNUAL_ROWS}")
    keys = [(r["fiscal_year"], r["metric"]) for r in annual]
    check(len(set(keys)) == len(keys), "duplicate (fiscal_year, metric) in annual table")
    v = {(int(r["fiscal_year"]), r["metric"]): float(r["value"]) for r in annual}
    years = sorted({y for y, _ in v})
    check(years == list(range(2014, 2026)), f"unexpected fiscal years {years}")
    for y in years:
        total = v[(y, "net_sales_total")]
        cats = sum(v.get((y, m), 0.0) for m in CATEGORY_METRICS)
        check(cats == total, f"{y}: categories sum {cats} != net_sales_total {total}")
        seg_sales = sum(v[(y, f"segment_{s}_net_sales")] for s in ("na", "intl", "aws"))
        check(seg_sales == total, f"{y}: segment net sales {seg_sales} != total {total}")
        seg_oi = sum(v[(y, f"segment_{s}_operating_income")] for s in ("na", "intl", "aws"))
        check(
            seg_oi == v[(y, "operating_income_total")],
            f"{y}: segment operating income {seg_oi} != total",
        )
        check(v[(y, "net_sales_aws")] == v[(y, "segment_aws_net_sales")], f"{y}: AWS mismatch")
        fcf = v[(y, "operating_cash_flow")] - (
            v[(y, "capex_purchases_property_equipment")]
            - v.get((y, "proceeds_property_equipment_sales_incentives"), 0.0)
        )
        check(fcf == v[(y, "free_cash_flow")], f"{y}: FCF identity fails ({fcf})")
    for r in annual:
        check(r["status"] in STATUS_DESCRIPTIONS, f"bad status {r['status']}")
        for col in ANNUAL_COLUMNS:
            check(not FORBIDDEN.search(r[col]), f"forbidden text in {col}: {r[col][:120]}")
        check(r["line_label"] != "", "empty line_label")


def check_statements(stmts: list[dict[str, str]]) -> None:
    check(
        len(stmts) == EXPECTED_STATEMENT_ROWS,
        f"statement rows {len(stmts)} != {EXPECTED_STATEMENT_ROWS}",
    )
    keys = [(r["statement_date"], r["metric"]) for r in stmts]
    check(len(set(keys)) == len(keys), "duplicate (statement_date, metric)")
    for r in stmts:
        check(re.fullmatch(r"\d{4}-\d{2}-\d{2}", r["statement_date"]) is not None, "bad date")
        if r["unit"] == "percent":
            check(0 <= float(r["value"]) <= 100, f"percent out of range: {r['value']}")
        for col in STATEMENT_COLUMNS:
            check(not FORBIDDEN.search(r[col]), f"forbidden text in {col}: {r[col][:120]}")


# ---------------------------------------------------------------------------
# Frictionless descriptors
# ---------------------------------------------------------------------------
DIALECT = {
    "delimiter": ",",
    "lineTerminator": "\n",
    "quoteChar": '"',
    "doubleQuote": True,
    "skipInitialSpace": False,
    "header": True,
}

LICENSES_SEC = [
    {
        "name": "other-pd",
        "title": (
            "The figures are facts taken from filings of Amazon.com, Inc. with the US "
            "Securities and Exchange Commission (Form 10-K, Form 8-K), which are US public "
            "records available from SEC EDGAR; no rights are claimed in them."
        ),
        "path": EDGAR_10K_URL,
    }
]

LICENSES_STATEMENTS = [
    {
        "name": "other-pd",
        "title": (
            "The figures are facts from public statements of Amazon.com, Inc. (letters to "
            "shareholders, quarterly results releases and calls); quotations are short "
            "excerpts kept for attribution; no rights are claimed in them."
        ),
    }
]


def sha256(data: bytes) -> str:
    return "sha256:" + hashlib.sha256(data).hexdigest()


def annual_resource(annual: list[dict[str, str]], data: bytes) -> dict:
    pdf_years = sorted({int(r["document_fiscal_year"]) for r in annual if r["document"] == DOC_10K})
    sources = [
        {"title": f"Amazon.com, Inc. Form 10-K for fiscal year {y}", "path": EDGAR_10K_URL}
        for y in pdf_years
    ]
    sources.append(
        {
            "title": "Amazon.com, Inc. Form 10-K for fiscal year 2024, segment note (XBRL page R34)",
            "path": R34_URL,
        }
    )
    sources.append(
        {
            "title": (
                "Amazon.com, Inc. Q4 2025 earnings release, 2026-02-05 "
                "(Form 8-K, Exhibit 99.1), unaudited"
            ),
            "path": EDGAR_8K_URL,
        }
    )
    sources.append(
        {
            "title": (
                "stock-analysis-on.net, Amazon.com Inc. revenues by category (secondary "
                "transcription used for the seven FY2025 net sales categories)"
            ),
            "path": CATEGORY_SECONDARY_URL,
        }
    )
    metrics_used = sorted({r["metric"] for r in annual})
    statements_used = sorted({r["statement"] for r in annual})
    documents_used = sorted({r["document"] for r in annual})
    metric_docs = {}
    for m in metrics_used:
        meta = METRICS[m]
        metric_docs[m] = {
            "label": meta["label"],
            "statement": STATEMENT_BY_KIND["10k"][meta["group"]],
            "description": meta["description"],
        }
    fields = [
        {
            "name": "fiscal_year",
            "type": "integer",
            "description": "Amazon fiscal year (calendar year ending December 31).",
            "constraints": {"required": True, "minimum": 2014, "maximum": 2025},
        },
        {
            "name": "metric",
            "type": "string",
            "description": "Metric name as in the reference table; see schema.metrics.",
            "constraints": {"required": True, "enum": metrics_used},
        },
        {
            "name": "value",
            "type": "number",
            "description": (
                "Value in USD millions as printed (capex stored as a positive outflow; "
                "income lines and free cash flow can be negative)."
            ),
            "constraints": {"required": True},
        },
        {
            "name": "unit",
            "type": "string",
            "description": "Unit of value.",
            "constraints": {"required": True, "enum": [UNIT_USD]},
        },
        {
            "name": "document",
            "type": "string",
            "description": "The Amazon document the figure is cited from (the filing itself, not a copy).",
            "constraints": {"required": True, "enum": documents_used},
        },
        {
            "name": "document_fiscal_year",
            "type": "integer",
            "description": "Fiscal year covered by the cited document (e.g. 2016 for the FY2016 10-K).",
            "constraints": {"required": True, "minimum": 2014, "maximum": 2025},
        },
        {
            "name": "statement",
            "type": "string",
            "description": "Statement, note or table of the document that prints the figure.",
            "constraints": {"required": True, "enum": statements_used},
        },
        {
            "name": "line_label",
            "type": "string",
            "description": (
                "Row label as printed in the document where it was recorded (footnote "
                "markers kept); otherwise the label Amazon uses for the line."
            ),
            "constraints": {"required": True},
        },
        {
            "name": "status",
            "type": "string",
            "description": "Confirmation level: "
            + "; ".join(f"{k}: {v}" for k, v in STATUS_DESCRIPTIONS.items())
            + ".",
            "constraints": {"required": True, "enum": list(STATUS_DESCRIPTIONS)},
        },
        {
            "name": "restated",
            "type": "boolean",
            "description": "true if an earlier filing printed a different value for the same year (see note).",
            "trueValues": ["true"],
            "falseValues": ["false"],
            "constraints": {"required": True},
        },
        {
            "name": "note",
            "type": "string",
            "description": (
                "Restatement history and earlier values, basis changes, renames, other "
                "filings printing the same value, and cross-checking URLs (separated by '; ')."
            ),
        },
        {
            "name": "verification",
            "type": "string",
            "description": "How the value was read: the copy of the document used, or the secondary transcription.",
            "constraints": {"required": True},
        },
    ]
    return {
        "profile": "tabular-data-resource",
        "name": "amazon-annual",
        "path": ANNUAL_CSV,
        "title": "Amazon.com, Inc. annual financial figures, FY2014-FY2025 (USD millions)",
        "description": (
            "Annual figures of Amazon.com, Inc. (SEC CIK 0001018724) used in the case study "
            "of Amazon's distribution strategy: consolidated statement of operations lines, "
            "net sales by category, segment net sales and operating income, year-end "
            "inventories, receivables and payables, operating cash flow, capital expenditure, "
            "proceeds from property and equipment sales and incentives, and free cash flow. "
            "One row per fiscal year and metric, in USD millions. Citation rule: each figure "
            "is taken from the most recent Amazon filing read that covers the year (FY2015-"
            "FY2023 Form 10-K PDFs, the FY2024 Form 10-K segment note for 2022-2024 segment "
            "and category figures); the other FY2024 lines and all FY2025 figures come from "
            "Amazon's unaudited Q4 2025 earnings release (the FY2025 Form 10-K was not read; "
            "the seven FY2025 category figures were read from a secondary transcription and "
            "sum exactly to the release's total). Where an earlier filing printed a different "
            "number, restated is true and note gives the earlier values."
        ),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": sha256(data),
        "sources": sources,
        "licenses": LICENSES_SEC,
        "dialect": DIALECT,
        "schema": {
            "fields": fields,
            "primaryKey": ["fiscal_year", "metric"],
            "missingValues": [""],
            "metrics": metric_docs,
        },
    }


def statements_resource(stmts: list[dict[str, str]], data: bytes) -> dict:
    sources = []
    for r in stmts:
        sources.append(
            {
                "title": f"Report of Amazon statement: {r['metric']}, {r['period']}",
                "path": r["source_url"],
            }
        )
    fields = [
        {
            "name": "statement_date",
            "type": "date",
            "format": "default",
            "description": (
                "Date Amazon made the statement (ISO 8601): publication date of the letter "
                "to shareholders, or release date of the quarter's results."
            ),
            "constraints": {"required": True},
        },
        {
            "name": "period",
            "type": "string",
            "description": "Period the figure refers to, or the document that carried it.",
            "constraints": {"required": True},
        },
        {
            "name": "metric",
            "type": "string",
            "description": (
                "third_party_share_of_paid_units_pct: share of paid units sold by third-party "
                "sellers in the quarter (not the gross merchandise sales share); "
                "prime_paid_members_millions: paid Prime members worldwide."
            ),
            "constraints": {
                "required": True,
                "enum": sorted({v["metric"] for v in NON_USD.values()}),
            },
        },
        {
            "name": "value",
            "type": "number",
            "description": "Value in the unit given (percent values are between 0 and 100).",
            "constraints": {"required": True, "minimum": 0},
        },
        {
            "name": "unit",
            "type": "string",
            "description": "Unit of value.",
            "constraints": {
                "required": True,
                "enum": sorted({v["unit"] for v in NON_USD.values()}),
            },
        },
        {
            "name": "qualifier",
            "type": "string",
            "description": "'more than' where Amazon gave a lower bound (Prime counts), else 'equal to'.",
            "constraints": {"required": True, "enum": ["equal to", "more than"]},
        },
        {
            "name": "quote",
            "type": "string",
            "description": "Wording quoted by the source report, where available (may be a translation or paraphrase by the report).",
        },
        {
            "name": "document",
            "type": "string",
            "description": "The Amazon document or event that made the statement.",
            "constraints": {"required": True},
        },
        {
            "name": "source_url",
            "type": "string",
            "format": "uri",
            "description": "Report of the statement that was read (a secondary source).",
            "constraints": {"required": True},
        },
        {
            "name": "status",
            "type": "string",
            "description": "Confirmation level: "
            + "; ".join(f"{k}: {v}" for k, v in STATEMENT_STATUS_DESCRIPTIONS.items())
            + ".",
            "constraints": {"required": True, "enum": list(STATEMENT_STATUS_DESCRIPTIONS)},
        },
        {
            "name": "note",
            "type": "string",
            "description": "Cross-checks, caveats and the basis of statement_date.",
        },
    ]
    return {
        "profile": "tabular-data-resource",
        "name": "amazon-dated-statements",
        "path": STATEMENTS_CSV,
        "title": "Amazon.com, Inc. dated statements: third-party unit share and Prime paid members",
        "description": (
            "Non-financial-statement figures that Amazon disclosed on a given date: the share "
            "of paid units sold by third-party sellers (Q4 2020, Q4 2024, Q4 2025) and paid "
            "Prime membership (lower bounds stated in 2018, 2020 and 2021). These are not in "
            "the Form 10-K; each row is dated by the day Amazon made the statement and was "
            "read from a secondary report of it (source_url). Prime counts are lower bounds "
            "('more than')."
        ),
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "bytes": len(data),
        "hash": sha256(data),
        "sources": sources,
        "licenses": LICENSES_STATEMENTS,
        "dialect": DIALECT,
        "schema": {
            "fields": fields,
            "primaryKey": ["statement_date", "metric"],
            "missingValues": [""],
        },
    }


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
        stmts = build_statements(other_rows)
        check_annual(annual)
        check_statements(stmts)
    except CheckError as exc:
        print(f"import_reference: check failed: {exc}", file=sys.stderr)
        return 1

    annual_bytes = to_csv_bytes(ANNUAL_COLUMNS, annual)
    stmt_bytes = to_csv_bytes(STATEMENT_COLUMNS, stmts)
    outputs = {
        ANNUAL_CSV: annual_bytes,
        STATEMENTS_CSV: stmt_bytes,
        "amazon_annual.resource.json": json_bytes(annual_resource(annual, annual_bytes)),
        "amazon_dated_statements.resource.json": json_bytes(
            statements_resource(stmts, stmt_bytes)
        ),
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
