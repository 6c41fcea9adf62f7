"""Tests of the Context part's data files and their loaders (amazon_case.context.sources).

Each rule a loader checks is tested by feeding it a broken copy of the file: the error must name
the file, the row (CSV line, header = 1) and the column. Expected values are the figures as the
cited documents print them, not outputs of the code under test.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from datetime import date

import pytest

from amazon_case.context import sources
from amazon_case.filings import DATA_DIR
from amazon_case.kit.data import DataValidationError

FILES = {
    sources.TIMELINE_FILE: sources.load_timeline,
    sources.REGULATION_FILE: sources.load_regulation,
    sources.PEERS_FILE: sources.load_peers,
    sources.CLOUD_FILE: sources.load_cloud,
}


def _rows(name: str) -> tuple[list[str], list[dict]]:
    with (DATA_DIR / name).open(newline="") as f:
        reader = csv.DictReader(f)
        return list(reader.fieldnames), list(reader)


def _write(tmp_path, name: str, header: list[str], rows: list[dict]):
    """A copy of ``name`` with ``rows``, beside a copy of its manifest."""
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path = tmp_path / name
    path.write_text(out.getvalue())
    manifest = name.removesuffix(".csv") + ".resource.json"
    (tmp_path / manifest).write_text((DATA_DIR / manifest).read_text())
    return path


def _broken(tmp_path, name: str, change) -> object:
    """A copy of ``name`` after ``change(rows)``, which edits the list of row dicts in place."""
    header, rows = _rows(name)
    change(rows)
    return _write(tmp_path, name, header, rows)


def _line(rows: list[dict], **match) -> int:
    """The CSV line (header = 1) of the first row that matches."""
    for i, row in enumerate(rows):
        if all(row[k] == v for k, v in match.items()):
            return i + 2
    raise KeyError(match)


def _load(name: str, path):
    if name == sources.TIMELINE_FILE:
        return sources.load_timeline(path, regulation=sources.load_regulation())
    return FILES[name](path)


# --- the files as committed ---------------------------------------------------------------------


@pytest.mark.parametrize("name", FILES)
def test_manifest_describes_its_file(name):
    raw = (DATA_DIR / name).read_bytes()
    manifest = json.loads((DATA_DIR / (name.removesuffix(".csv") + ".resource.json")).read_text())
    assert manifest["path"] == name
    assert manifest["bytes"] == len(raw)
    assert manifest["hash"] == "sha256:" + hashlib.sha256(raw).hexdigest(), "manifest hash is stale: refresh it"
    header, rows = _rows(name)
    assert [f["name"] for f in manifest["schema"]["fields"]] == header
    assert all(f.get("description") and f.get("type") for f in manifest["schema"]["fields"])
    # Every address a row cites, first or second, is listed among the manifest's sources.
    listed = {s["path"] for s in manifest["sources"]}
    cited = {row[c] for row in rows for c in ("url", "second_url") if row[c]}
    assert cited == listed


@pytest.mark.parametrize("name", FILES)
def test_every_row_names_its_source_and_how_well_it_is_sourced(name):
    frame = _load(name, DATA_DIR / name)
    assert frame["url"].str.match(r"https?://").all()
    assert (frame["source"].str.len() > 10).all()
    two = frame[frame["status"] == sources.TWO_SOURCES]
    assert two["second_url"].str.match(r"https?://").all()


def test_the_timeline_has_the_milestones_of_the_hybrid():
    t = sources.load_timeline()
    dated = dict(zip(t["label"], t["date"]))
    assert dated["Marketplace"] == "2000-11"
    assert dated["Prime"] == "2005-02-02"
    assert dated["FBA"] == "2006" and dated["S3: AWS begins"] == "2006-03-14"
    assert dated["FTC antitrust suit"] == "2023-09-26"
    assert dated["Prime settlement"] == "2025-09-25"
    assert dated["Capex about USD 200 bn"] == "2026-02-05"
    # What the research marks weak is marked weak; the trial date is known only at second hand.
    status = dict(zip(t["label"], t["status"]))
    assert {status[k] for k in ("Website opens", "EC2 beta", "FBA", "Buy with Prime", "Anthropic up to USD 25 bn")} == {"WEAK"}
    assert status["FTC trial (scheduled)"] == sources.REPORTED
    assert list(t["start"]) == sorted(t["start"])


def test_the_regulatory_steps():
    r = sources.load_regulation().set_index(["date", "proceeding"])
    settlement = r.xs("2025-09-25", level="date").iloc[0]
    assert settlement["civil_penalty_musd"] == 1000 and settlement["refunds_musd"] == 1500
    dates = set(sources.load_regulation()["date"])
    assert {"2022-12-20", "2023-09-05", "2023-09-26", "2023-11-03", "2024-03-07", "2024-09-30", "2027-03-29"} <= dates


def test_peer_figures_as_printed():
    p = sources.load_peers().set_index(["company", "metric", "period"])["value"]
    assert p[("eBay", "gmv", "FY2025")] == 79_609 and p[("eBay", "revenue", "FY2025")] == 11_100
    assert p[("Shopify", "gmv", "FY2025")] == 378_441 and p[("Shopify", "revenue", "FY2025")] == 11_556
    assert p[("JD.com", "revenue", "FY2025")] == 1_309_100


def test_periods_follow_each_company_calendar():
    assert sources.period_span("FY2026", "01-31") == (date(2025, 2, 1), date(2026, 1, 31))
    assert sources.period_span("Q1 FY2026", "01-31") == (date(2025, 2, 1), date(2025, 4, 30))
    assert sources.period_span("Q4 FY2026", "01-31") == (date(2025, 11, 1), date(2026, 1, 31))
    assert sources.period_span("Q1 FY2026", "06-30") == (date(2025, 7, 1), date(2025, 9, 30))
    assert sources.period_span("FY2025", "06-30") == (date(2024, 7, 1), date(2025, 6, 30))
    assert sources.period_span("Q4 2025", "12-31") == (date(2025, 10, 1), date(2025, 12, 31))
    assert sources.period_span("9M 2025", "12-31") == (date(2025, 1, 1), date(2025, 9, 30))
    with pytest.raises(ValueError, match="unknown period"):
        sources.period_span("H1 2025", "12-31")


# --- broken copies ------------------------------------------------------------------------------


def _set(match: dict, **values):
    def change(rows):
        for row in rows:
            if all(row[k] == v for k, v in match.items()):
                row.update(values)
                return
        raise KeyError(match)
    return change


BROKEN = [
    # (file, row to change, new values, column named, words of the message)
    (sources.TIMELINE_FILE, {"label": "Prime"}, {"date": "2005-02"}, "date", "not written to the day"),
    (sources.TIMELINE_FILE, {"label": "Prime"}, {"date": "2005-02-30"}, "date", "not a real date"),
    (sources.TIMELINE_FILE, {"label": "Prime"}, {"second_url": ""}, "second_url", "needs both"),
    (sources.TIMELINE_FILE, {"label": "FBA"}, {"second_source": "", "second_url": "", "status": "CONFIRMED-2SRC"},
     "second_url", "no second source"),
    (sources.TIMELINE_FILE, {"label": "Prime"}, {"url": "phx.corporate-ir.net/release"}, "url", "not a web address"),
    (sources.TIMELINE_FILE, {"label": "FTC trial (scheduled)"}, {"status": "CONFIRMED-2SRC", "second_source": "x",
                                                                 "second_url": "https://example.org/x"},
     "status", "scheduled date must be marked REPORTED"),
    (sources.TIMELINE_FILE, {"label": "Prime settlement"}, {"date": "2025-09-26"}, "date", "the two files disagree"),
    (sources.TIMELINE_FILE, {"label": "Prime"}, {"label": "Amazon Prime, the membership"}, "label", "longer than"),
    (sources.TIMELINE_FILE, {"label": "Prime"}, {"theme": "prime"}, "theme", "not one of the allowed values"),
    (sources.REGULATION_FILE, {"date": "2025-09-25"}, {"civil_penalty_musd": "-1000"}, "civil_penalty_musd", "below the minimum"),
    (sources.REGULATION_FILE, {"date": "2022-07-05"}, {"date": "2022-7-5"}, "date", "does not match the pattern"),
    (sources.PEERS_FILE, {"company": "Walmart", "metric": "revenue", "period": "FY2026"}, {"period_start": "2025-01-01"},
     "period_start", "FY2026 starts on 2025-02-01"),
    (sources.PEERS_FILE, {"company": "JD.com", "metric": "revenue", "period": "FY2025"}, {"unit": "USD millions"},
     "unit", "is in CNY millions"),
    (sources.PEERS_FILE, {"company": "eBay", "metric": "gmv", "period": "Q3 2025"}, {"value": "21105"},
     "value", "Q1 2025 + Q2 2025 + Q3 2025 + Q4 2025"),
    (sources.PEERS_FILE, {"company": "Walmart", "metric": "membership_and_other_income"}, {"value": "7750"},
     "value", "add up to total revenues"),
    (sources.PEERS_FILE, {"company": "Shopify", "metric": "revenue", "period": "Q4 2025"}, {"value": "-3672"},
     "value", "cannot be negative"),
    (sources.PEERS_FILE, {"company": "eBay", "metric": "gmv", "period": "Q1 2025"}, {"period": "H1 2025"},
     "period", "does not match the pattern"),
    (sources.PEERS_FILE, {"company": "eBay", "metric": "gmv", "period": "Q1 2025"}, {"metric": "gross_sales"},
     "metric", "not one of the allowed values"),
    (sources.CLOUD_FILE, {"company": "Microsoft", "period": "Q1 FY2026", "metric": "revenue_growth"},
     {"period_end": "2025-10-31"}, "period_end", "Q1 FY2026 ends on 2025-09-30"),
    (sources.CLOUD_FILE, {"company": "Alphabet", "metric": "segment_operating_income", "period": "FY2025"},
     {"value": "60000"}, "value", "exceeds its revenue"),
    (sources.CLOUD_FILE, {"company": "Gartner", "subject": "Amazon"}, {"value": "69.0"}, "value", "more than 100%"),
    (sources.CLOUD_FILE, {"company": "Canalys", "subject": "Amazon"}, {"kind": "filed"}, "kind", "is an estimate figure"),
    (sources.CLOUD_FILE, {"company": "Canalys", "subject": "Amazon"}, {"unit": "USD millions"}, "unit", "is in percent"),
]


@pytest.mark.parametrize(("name", "match", "values", "column", "words"), BROKEN,
                         ids=[f"{b[0].split('.')[0]}-{b[3]}-{b[4][:24]}" for b in BROKEN])
def test_a_broken_copy_is_rejected_naming_file_row_and_column(tmp_path, name, match, values, column, words):
    header, rows = _rows(name)
    line = _line(rows, **match)
    path = _broken(tmp_path, name, _set(match, **values))
    with pytest.raises(DataValidationError) as err:
        _load(name, path)
    e = err.value
    assert e.file == name and e.column == column and words in str(e), str(e)
    # The row named is the broken one, except where the error is another row's (a total, the last share).
    if column not in ("value",) or "negative" in words or "exceeds" in words:
        assert e.row == line, str(e)


def test_a_missing_quarter_leaves_the_reported_year_standing_but_a_gap_in_a_rule_is_an_error(tmp_path):
    name = sources.PEERS_FILE
    path = _broken(tmp_path, name, lambda rows: rows.remove(next(
        r for r in rows if (r["company"], r["metric"], r["period"]) == ("eBay", "gmv", "Q2 2025"))))
    assert ("eBay", "gmv", "FY2025") in set(zip(*[sources.load_peers(path)[c] for c in ("company", "metric", "period")]))
    # A sum rule whose parts leave a gap (Q2 left out) is caught before any sum is taken.
    manifest_path = tmp_path / "peers.resource.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["schema"]["period_sums"][0]["parts"] = ["Q1 2025", "Q3 2025", "Q4 2025"]
    manifest_path.write_text(json.dumps(manifest))
    header, rows = _rows(name)
    out = io.StringIO()
    writer = csv.DictWriter(out, header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    (tmp_path / name).write_text(out.getvalue())
    with pytest.raises(DataValidationError, match="do not follow one another") as err:
        sources.load_peers(tmp_path / name)
    assert err.value.column == "period_start" and err.value.row == _line(rows, company="eBay", metric="gmv", period="Q3 2025")


def test_a_missing_manifest_or_file_is_named(tmp_path):
    header, rows = _rows(sources.PEERS_FILE)
    out = tmp_path / sources.PEERS_FILE
    out.write_text((DATA_DIR / sources.PEERS_FILE).read_text())
    with pytest.raises(DataValidationError, match="no manifest"):
        sources.load_peers(out)
    with pytest.raises(DataValidationError, match="file not found"):
        sources.load_cloud(tmp_path / "missing.csv")
