"""Tests of the data files and of their loading (amazon_case.data).

The figures checked by value are Amazon's own, read from its Form 10-K filings
(they are what the source document is checked against), not outputs of the code.
Broken copies of the files must fail with an error naming file, row and column.
"""

import hashlib
import json
import shutil

import pytest

from amazon_case import data
from amazon_case.data import DataValidationError


@pytest.fixture(scope="module")
def annual():
    return data.load_annual()


def test_annual_covers_fy2014_to_fy2025(annual):
    assert sorted(annual["fiscal_year"].unique()) == list(range(2014, 2026))
    assert set(annual["unit"]) == {"USD millions"}


def test_figures_from_the_fy2021_10k(annual):
    wide = data.annual_wide(annual)
    # Amazon Form 10-K for fiscal 2021: total net sales, net income, and two categories.
    assert wide.at[2021, "net_sales_total"] == 469_822
    assert wide.at[2021, "net_income"] == 33_364
    assert wide.at[2021, "net_sales_third_party_seller_services"] == 103_366
    assert wide.at[2021, "net_sales_subscription_services"] == 31_768


def test_every_figure_names_its_filing(annual):
    for column in ("document", "statement", "line_label", "status"):
        assert annual[column].notna().all() and (annual[column].str.len() > 0).all(), column
    assert set(annual[annual["fiscal_year"] <= 2023]["document"]) == {"Form 10-K"}
    # FY2024 segment and category figures are from the FY2024 10-K; the other FY2024 lines
    # were read in the Q4 2025 release, which reprints them beside FY2025.
    fy2024 = annual[annual["fiscal_year"] == 2024]
    assert (fy2024[fy2024["metric"].str.startswith(("segment_", "net_sales_"))]["document"] == "Form 10-K").all()
    # A figure comes from a document of its own year or a later one, never an earlier one.
    assert (annual["document_fiscal_year"] >= annual["fiscal_year"]).all()
    fy2025 = annual[annual["fiscal_year"] == 2025]
    assert fy2025["document"].str.contains("unaudited").all()


def test_restatements_are_noted(annual):
    restated = annual[annual["restated"]]
    assert len(restated) > 0
    assert restated["note"].str.contains("RESTATED|earlier", case=False).all()


@pytest.mark.parametrize("name", ["amazon_annual", "amazon_dated_statements", "source_document_claims"])
def test_manifest_describes_its_file(name):
    csv_path = data.DATA_DIR / f"{name}.csv"
    manifest = json.loads((data.DATA_DIR / f"{name}.resource.json").read_text())
    raw = csv_path.read_bytes()
    assert manifest["path"] == csv_path.name
    assert manifest["bytes"] == len(raw)
    assert manifest["hash"] == "sha256:" + hashlib.sha256(raw).hexdigest(), "manifest hash is stale: regenerate it"
    assert manifest["sources"], "a data file must list its sources"
    header = raw.decode().splitlines()[0].split(",")
    assert [f["name"] for f in manifest["schema"]["fields"]] == header
    assert all(f.get("description") for f in manifest["schema"]["fields"])


def test_statements_are_dated_lower_bounds():
    statements = data.load_statements()
    prime = statements[statements["metric"] == "prime_paid_members_millions"]
    assert set(prime["qualifier"]) == {"more than"}
    share = statements[statements["metric"] == "third_party_share_of_paid_units_pct"]
    assert share["value"].between(0, 100).all()
    assert statements["source_url"].str.startswith("http").all()


def test_claims_load_and_reference_known_metrics(annual):
    claims = data.load_claims(annual=annual)
    assert len(claims) == 9
    assert claims["fiscal_year"].eq(2021).all()


# --- broken files -------------------------------------------------------------


def _broken_copy(tmp_path, name, edit):
    """Copy a data file and its manifest into tmp_path, applying ``edit`` to the CSV lines."""
    src = data.DATA_DIR / name
    shutil.copy(src.with_name(src.stem + ".resource.json"), tmp_path)
    lines = src.read_text().splitlines(keepends=True)
    (tmp_path / name).write_text("".join(edit(lines)))
    return tmp_path / name


def _replace_in_row(metric, year, old, new):
    def edit(lines):
        out = []
        for line in lines:
            if line.startswith(f"{year},{metric},"):
                assert old in line
                line = line.replace(old, new, 1)
            out.append(line)
        return out

    return edit


def _line_of(lines, prefix):
    return next(i for i, line in enumerate(lines, start=1) if line.startswith(prefix))


LINES = (data.DATA_DIR / "amazon_annual.csv").read_text().splitlines()


@pytest.mark.parametrize(
    "edit, row, column, message",
    [
        (_replace_in_row("net_income", 2021, ",33364,", ",33 364,"), _line_of(LINES, "2021,net_income,"), "value",
         "not a valid number"),
        (_replace_in_row("net_income", 2021, "USD millions", "USD billions"), _line_of(LINES, "2021,net_income,"),
         "unit", "not one of the allowed values"),
        (_replace_in_row("net_income", 2021, "2021,", "2031,"), _line_of(LINES, "2021,net_income,"), "fiscal_year",
         "above the maximum"),
        (_replace_in_row("net_income", 2021, "2021,net_income", "2021,net_incme"), _line_of(LINES, "2021,net_income,"),
         "metric", "not one of the allowed values"),
        (_replace_in_row("net_income", 2021, ",33364,", ",,"), _line_of(LINES, "2021,net_income,"), "value",
         "missing"),
        (_replace_in_row("net_sales_online_stores", 2021, ",222075,", ",222175,"),
         _line_of(LINES, "2021,net_sales_total,"), "value", "categories sum to 469,922"),
        (_replace_in_row("segment_aws_operating_income", 2023, ",24631,", ",24731,"),
         _line_of(LINES, "2023,operating_income_total,"), "value", "segment operating income sums to"),
    ],
)
def test_broken_annual_file_names_row_and_column(tmp_path, edit, row, column, message):
    path = _broken_copy(tmp_path, "amazon_annual.csv", edit)
    with pytest.raises(DataValidationError, match=message) as info:
        data.load_annual(path)
    assert (info.value.file, info.value.row, info.value.column) == ("amazon_annual.csv", row, column)
    assert f"row {row}" in str(info.value) and repr(column) in str(info.value)


def test_duplicate_record_is_rejected(tmp_path):
    path = _broken_copy(tmp_path, "amazon_annual.csv", lambda lines: lines + [lines[5]])
    with pytest.raises(DataValidationError, match="duplicate record") as info:
        data.load_annual(path)
    assert info.value.row == len(LINES) + 1


def test_missing_column_is_rejected(tmp_path):
    def drop_note(lines):
        import csv, io
        rows = list(csv.reader(io.StringIO("".join(lines))))
        i = rows[0].index("note")
        out = io.StringIO()
        csv.writer(out, lineterminator="\n").writerows([r[:i] + r[i + 1:] for r in rows])
        return [out.getvalue()]

    path = _broken_copy(tmp_path, "amazon_annual.csv", drop_note)
    with pytest.raises(DataValidationError, match="header lacks") as info:
        data.load_annual(path)
    assert (info.value.row, info.value.column) == (1, "note")


def test_ragged_row_is_rejected(tmp_path):
    path = _broken_copy(tmp_path, "amazon_annual.csv", lambda lines: lines[:3] + ["2014,net_income,-241\n"] + lines[3:])
    with pytest.raises(DataValidationError, match="cells") as info:
        data.load_annual(path)
    assert info.value.row == 4


def test_missing_year_of_a_required_metric(tmp_path):
    path = _broken_copy(tmp_path, "amazon_annual.csv",
                        lambda lines: [l for l in lines if not l.startswith("2016,operating_income_total,")])
    with pytest.raises(DataValidationError, match="2016 has no 'operating_income_total'"):
        data.load_annual(path)


def test_empty_file_and_missing_manifest(tmp_path):
    path = _broken_copy(tmp_path, "amazon_annual.csv", lambda lines: [])
    with pytest.raises(DataValidationError, match="empty"):
        data.load_annual(path)
    (tmp_path / "amazon_annual.resource.json").unlink()
    with pytest.raises(DataValidationError, match="no manifest"):
        data.load_annual(path)


def test_claim_with_unknown_metric_is_rejected(tmp_path, annual):
    path = _broken_copy(tmp_path, "source_document_claims.csv",
                        lambda lines: [l.replace(",net_sales_aws,", ",net_sales_cloud,") for l in lines])
    with pytest.raises(DataValidationError, match="net_sales_cloud") as info:
        data.load_claims(path, annual=annual)
    assert info.value.column == "metric"
    assert info.value.row == 7


def test_citation_names_a_note_once(annual):
    """A note named alone and with a qualifier (one of its tables) appears once, with both."""
    segment_notes = annual[annual["statement"].str.startswith("Note: Segment Information")]
    assert segment_notes["statement"].nunique() == 2, "this test needs both forms of the note in the data"
    text = data.citation(annual, list(segment_notes["metric"].unique()), range(2014, 2025))
    assert text.count("Segment Information") == 1, text
    assert "Note: Segment Information (including net sales by groups of similar products and services)" in text


def test_citation_names_the_filings(annual):
    text = data.citation(annual, ["segment_aws_net_sales"], range(2014, 2026))
    assert "Form 10-K" in text and "unaudited" in text
    with pytest.raises(ValueError):
        data.citation(annual, ["no_such_metric"])
