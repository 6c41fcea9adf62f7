"""Tests of the data files, their loading and the tables the chapters share (amazon_case.filings).

The figures checked by value are Amazon's own, read from its Form 10-K filings
(they are what the source document is checked against), not outputs of the code.
Broken copies of the files must fail with an error naming file, row and column.
"""

import hashlib
import json
import shutil

import pytest

import pandas as pd

from amazon_case import filings
from amazon_case.filings import cagr, customer_split, gross_margin_history, revenue_mix, segment_history
from amazon_case.kit.data import DataValidationError


@pytest.fixture(scope="module")
def annual():
    return filings.load_annual()


def test_annual_covers_fy2014_to_fy2025(annual):
    assert sorted(annual["fiscal_year"].unique()) == list(range(2014, 2026))
    assert set(annual["unit"]) == {"USD millions"}


def test_figures_from_the_fy2021_10k(annual):
    wide = filings.annual_wide(annual)
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
    # FY2025 is cited to the FY2025 Form 10-K, each row saying how it was read.
    fy2025 = annual[annual["fiscal_year"] == 2025]
    assert len(fy2025) == 28
    assert (fy2025["document"] == "Form 10-K").all() and (fy2025["document_fiscal_year"] == 2025).all()
    assert fy2025["verification"].str.contains("0001018724-26-000004").all()
    assert not fy2025["statement"].str.contains("release").any()
    assert filings.UNAUDITED_YEARS == frozenset()


def test_restatements_are_noted(annual):
    restated = annual[annual["restated"]]
    assert len(restated) > 0
    assert restated["note"].str.contains("RESTATED|earlier", case=False).all()


@pytest.mark.parametrize("name", ["amazon_annual", "amazon_dated_statements", "source_document_claims"])
def test_manifest_describes_its_file(name):
    csv_path = filings.DATA_DIR / f"{name}.csv"
    manifest = json.loads((filings.DATA_DIR / f"{name}.resource.json").read_text())
    raw = csv_path.read_bytes()
    assert manifest["path"] == csv_path.name
    assert manifest["bytes"] == len(raw)
    assert manifest["hash"] == "sha256:" + hashlib.sha256(raw).hexdigest(), "manifest hash is stale: regenerate it"
    assert manifest["sources"], "a data file must list its sources"
    header = raw.decode().splitlines()[0].split(",")
    assert [f["name"] for f in manifest["schema"]["fields"]] == header
    assert all(f.get("description") for f in manifest["schema"]["fields"])


def test_statements_are_dated_lower_bounds():
    statements = filings.load_statements()
    prime = statements[statements["metric"] == "prime_paid_members_millions"]
    assert set(prime["qualifier"]) == {"more than"}
    share = statements[statements["metric"] == "third_party_share_of_paid_units_pct"]
    assert share["value"].between(0, 100).all()
    assert statements["source_url"].str.startswith("http").all()


def test_claims_load_and_reference_known_metrics(annual):
    claims = filings.load_claims(annual=annual)
    assert len(claims) == 9
    assert claims["fiscal_year"].eq(2021).all()


# --- broken files -------------------------------------------------------------


def _broken_copy(tmp_path, name, edit):
    """Copy a data file and its manifest into tmp_path, applying ``edit`` to the CSV lines."""
    src = filings.DATA_DIR / name
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


LINES = (filings.DATA_DIR / "amazon_annual.csv").read_text().splitlines()


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
         _line_of(LINES, "2021,net_sales_total,"), "value", "net sales by category: .* = 469,922 but net_sales_total is 469,822"),
        (_replace_in_row("segment_aws_operating_income", 2023, ",24631,", ",24731,"),
         _line_of(LINES, "2023,operating_income_total,"), "value", "segment operating income: .* but operating_income_total is"),
    ],
)
def test_broken_annual_file_names_row_and_column(tmp_path, edit, row, column, message):
    path = _broken_copy(tmp_path, "amazon_annual.csv", edit)
    with pytest.raises(DataValidationError, match=message) as info:
        filings.load_annual(path)
    assert (info.value.file, info.value.row, info.value.column) == ("amazon_annual.csv", row, column)
    assert f"row {row}" in str(info.value) and repr(column) in str(info.value)


def test_duplicate_record_is_rejected(tmp_path):
    path = _broken_copy(tmp_path, "amazon_annual.csv", lambda lines: lines + [lines[5]])
    with pytest.raises(DataValidationError, match="duplicate record") as info:
        filings.load_annual(path)
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
        filings.load_annual(path)
    assert (info.value.row, info.value.column) == (1, "note")


def test_ragged_row_is_rejected(tmp_path):
    path = _broken_copy(tmp_path, "amazon_annual.csv", lambda lines: lines[:3] + ["2014,net_income,-241\n"] + lines[3:])
    with pytest.raises(DataValidationError, match="cells") as info:
        filings.load_annual(path)
    assert info.value.row == 4


def test_missing_year_of_a_required_metric(tmp_path):
    path = _broken_copy(tmp_path, "amazon_annual.csv",
                        lambda lines: [l for l in lines if not l.startswith("2016,operating_income_total,")])
    with pytest.raises(DataValidationError, match="2016 has no 'operating_income_total'"):
        filings.load_annual(path)


def test_empty_file_and_missing_manifest(tmp_path):
    path = _broken_copy(tmp_path, "amazon_annual.csv", lambda lines: [])
    with pytest.raises(DataValidationError, match="empty"):
        filings.load_annual(path)
    (tmp_path / "amazon_annual.resource.json").unlink()
    with pytest.raises(DataValidationError, match="no manifest"):
        filings.load_annual(path)


def test_claim_with_unknown_metric_is_rejected(tmp_path, annual):
    path = _broken_copy(tmp_path, "source_document_claims.csv",
                        lambda lines: [l.replace(",net_sales_aws,", ",net_sales_cloud,") for l in lines])
    with pytest.raises(DataValidationError, match="net_sales_cloud") as info:
        filings.load_claims(path, annual=annual)
    assert info.value.column == "metric"
    assert info.value.row == 7


def test_citation_names_a_note_once(annual):
    """A note named alone and with a qualifier (one of its tables) appears once, with both."""
    segment_notes = annual[annual["statement"].str.startswith("Note: Segment Information")]
    assert segment_notes["statement"].nunique() == 2, "this test needs both forms of the note in the data"
    text = filings.citation(annual, list(segment_notes["metric"].unique()), range(2014, 2025))
    assert text.count("Segment Information") == 1, text
    assert "Note: Segment Information (including net sales by groups of similar products and services)" in text


def test_citation_names_the_filings(annual):
    text = filings.citation(annual, ["segment_aws_net_sales"], range(2014, 2026))
    assert text == "Amazon.com, Inc. Form 10-K for FY2016–FY2025 (Note: Segment Information)"
    # FY2024 cash flows are cited to the Q4 2025 release, which reprints them beside FY2025.
    text = filings.citation(annual, ["operating_cash_flow"], [2023, 2024, 2025])
    assert "Form 10-K for FY2023–FY2025" in text and "FY2024: Amazon Q4 2025 earnings release" in text
    with pytest.raises(ValueError):
        filings.citation(annual, ["no_such_metric"])


# --- history ------------------------------------------------------------------

def _wide():
    return pd.DataFrame(
        {
            "net_sales_total": [100.0, 200.0],
            "net_sales_online_stores": [60.0, 100.0],
            "net_sales_aws": [40.0, 100.0],
            "segment_na_net_sales": [50.0, 80.0], "segment_na_operating_income": [5.0, 4.0],
            "segment_intl_net_sales": [10.0, 20.0], "segment_intl_operating_income": [-1.0, 1.0],
            "segment_aws_net_sales": [40.0, 100.0], "segment_aws_operating_income": [10.0, 30.0],
        },
        index=pd.Index([2020, 2021], name="fiscal_year"),
    )


def test_revenue_mix_shares_and_missing_categories():
    mix = revenue_mix(_wide())
    assert set(mix["category"]) == {"Online stores", "AWS"}  # categories not in the data are left out
    aws_2021 = mix[(mix.fiscal_year == 2021) & (mix.category == "AWS")].iloc[0]
    assert aws_2021.share_of_net_sales == pytest.approx(0.5)
    assert mix.groupby("fiscal_year")["share_of_net_sales"].sum().tolist() == pytest.approx([1.0, 1.0])


def test_segment_history_margins():
    hist = segment_history(_wide())
    aws = hist[(hist.segment == "AWS") & (hist.fiscal_year == 2021)].iloc[0]
    assert aws.operating_margin == pytest.approx(0.3)
    assert len(hist) == 6


def test_segment_history_rejects_zero_sales():
    wide = _wide()
    wide.loc[2021, "segment_intl_net_sales"] = 0
    with pytest.raises(ValueError, match="segment_intl_net_sales"):
        segment_history(wide)


def test_cagr():
    assert cagr(100, 121, 2) == pytest.approx(0.10)
    with pytest.raises(ValueError):
        cagr(0, 10, 2)
    with pytest.raises(ValueError):
        cagr(10, 20, 0)


def test_customer_split_groups_categories():
    split = customer_split(_wide())
    # 2021: online stores 100 (consumers) and AWS 100 (businesses) of 200.
    assert split.at[2021, "Consumers"] == 100
    assert split.at[2021, "Businesses"] == 100
    assert split.at[2021, "business_share"] == pytest.approx(0.5)


def test_gross_margin_history():
    wide = _wide().assign(cost_of_sales=[70.0, 100.0], net_sales_physical_stores=[float("nan"), 0.0])
    gm = gross_margin_history(wide)
    assert gm.at[2020, "gross_margin"] == pytest.approx(0.3)
    assert gm.at[2021, "services_share"] == pytest.approx(0.5)
