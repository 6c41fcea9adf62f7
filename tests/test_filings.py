"""Tests of the data files, their loading and the tables the chapters share (amazon_case.filings).

The figures checked by value are Amazon's own, read from its Form 10-K filings
(they are what the source document is checked against), not outputs of the code.
Broken copies of the files must fail with an error naming file, row and column.
"""

import hashlib
import json
import shutil
import subprocess
import sys
from datetime import date

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


@pytest.mark.parametrize("name", ["amazon_annual", "amazon_dated_statements", "amazon_quarterly", "amazon_cash_and_capital",
                                  "source_document_claims"])
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


# Broken copies of each data file, fed to its loader: the error names the file, the row (or, for a
# missing row, the period in its message) and the column.

def _lines(name):
    return (filings.DATA_DIR / name).read_text().splitlines(keepends=True)


def _drop(prefix):
    def edit(lines):
        kept = [line for line in lines if not line.startswith(prefix)]
        assert len(kept) == len(lines) - 1, prefix
        return kept
    return edit


def _dup(prefix):
    return lambda lines: lines + [next(line for line in lines if line.startswith(prefix))]


def _sub(prefix, old, new):
    def edit(lines):
        hits = [i for i, line in enumerate(lines) if line.startswith(prefix)]
        assert len(hits) == 1 and old in lines[hits[0]], prefix
        out = list(lines)
        out[hits[0]] = out[hits[0]].replace(old, new, 1)
        return out
    return edit


A, Q, C = "amazon_annual.csv", "amazon_quarterly.csv", "amazon_cash_and_capital.csv"
LINES_OF = {name: [line.rstrip("\n") for line in _lines(name)] for name in (A, Q, C)}


def _row(name, prefix):
    return _line_of(LINES_OF[name], prefix)


Q_NI3 = "2024,3,2024-09-30,three_months,net_income,"
C_SBC = "2023,2023-12-31,stock_based_compensation,"
BROKEN = [
    # annual: a deleted row (also of a metric that starts in 2015), a duplicate, a negative balance, a broken identity
    (A, _drop("2019,net_sales_advertising_services,"), None, "metric",
     "fiscal_year 2019 has no 'net_sales_advertising_services' record"),
    (A, _drop("2015,proceeds_property_equipment_sales_incentives,"), None, "metric",
     "fiscal_year 2015 has no 'proceeds_property_equipment_sales_incentives' record"),
    (A, _dup("2020,accounts_payable,"), len(LINES_OF[A]) + 1, "metric",
     "duplicate record for fiscal_year=2020, metric=accounts_payable"),
    (A, _sub("2020,accounts_payable,", ",72539,", ",-72539,"), _row(A, "2020,accounts_payable,"), "value",
     "accounts_payable cannot be negative"),
    (A, _sub("2019,free_cash_flow,", ",25825,", ",25925,"), _row(A, "2019,free_cash_flow,"), "value",
     "free cash flow .*= 25,825 but free_cash_flow is 25,925"),
    # quarterly: the same, and quarters that no longer add up to the year
    (Q, _drop("2024,2,2024-06-30,three_months,net_sales_aws,"), None, "metric",
     "fiscal_year 2024 quarter 2 has no 'net_sales_aws' record"),
    (Q, _dup(Q_NI3), len(LINES_OF[Q]) + 1, "metric", "duplicate record"),
    (Q, _sub("2024,2,2024-06-30,three_months,capex_purchases_property_equipment,", ",17620,", ",-17620,"),
     _row(Q, "2024,2,2024-06-30,three_months,capex_purchases_property_equipment,"), "value",
     "capex_purchases_property_equipment cannot be negative"),
    (Q, _sub("2024,2,2024-06-30,three_months,segment_na_operating_income,", ",5065,", ",5165,"),
     _row(Q, "2024,2,2024-06-30,three_months,operating_income_total,"), "value",
     "segment operating income: .* but operating_income_total is 14,672"),
    (Q, _sub(Q_NI3, ",15328,", ",15428,"), _row(Q, "2024,4,2024-12-31,three_months,net_income,"), "value",
     "the four quarters of net_income add up to 59,348, but amazon_annual.csv has 59,248"),
    (Q, _sub(Q_NI3, ",net_income,", ",net_incme,"), _row(Q, Q_NI3), "metric", "not one of the allowed values"),
    (Q, _sub(Q_NI3, ",15328,", ",15.328.0,"), _row(Q, Q_NI3), "value", "not a valid number"),
    # cash and capital: the same, a unit and a period end that do not fit the metric, a negative quarter-end balance
    (C, _drop("2020,2020-12-31,stock_based_compensation,"), None, "metric",
     "fiscal_year 2020 has no 'stock_based_compensation' record"),
    (C, _dup(C_SBC), len(LINES_OF[C]) + 1, "metric",
     "duplicate record for period_end=2023-12-31, metric=stock_based_compensation"),
    (C, _sub("2019,2019-12-31,total_current_assets,", ",96334,", ",-96334,"),
     _row(C, "2019,2019-12-31,total_current_assets,"), "value", "total_current_assets cannot be negative"),
    (C, _sub("2026,2026-06-30,remaining_performance_obligations,", ",496,", ",-496,"),
     _row(C, "2026,2026-06-30,remaining_performance_obligations,"), "value",
     "remaining_performance_obligations cannot be negative"),
    (C, _sub("2020,2020-12-31,segment_pe_additions_aws,", ",16530,", ",16630,"),
     _row(C, "2020,2020-12-31,segment_pe_additions_total,"), "value",
     "segment property and equipment additions: .* = 58,076 but segment_pe_additions_total is 57,976"),
    (C, _sub(C_SBC, "stock_based_compensation", "stock_based_comp"), _row(C, C_SBC), "metric",
     "not one of the allowed values"),
    (C, _sub(C_SBC, ",24023,", ",24 023,"), _row(C, C_SBC), "value", "not a valid number"),
    (C, _sub(C_SBC, "USD millions", "USD billions"), _row(C, C_SBC), "unit", "stock_based_compensation is in USD millions"),
    (C, _sub(C_SBC, "2023,2023-12-31,", "2023,2023-09-30,"), _row(C, C_SBC), "period_end", "fiscal-year flow"),
]


@pytest.mark.parametrize("name, edit, row, column, message", BROKEN,
                         ids=[f"{b[0].removesuffix('.csv')}-{b[4][:40]}" for b in BROKEN])
def test_broken_data_file_names_file_row_and_column(tmp_path, annual, name, edit, row, column, message):
    path = _broken_copy(tmp_path, name, edit)
    load = {A: lambda: filings.load_annual(path), Q: lambda: filings.load_quarterly(path, annual=annual),
            C: lambda: filings.load_cash_and_capital(path, annual=annual)}[name]
    with pytest.raises(DataValidationError, match=message) as info:
        load()
    assert (info.value.file, info.value.row, info.value.column) == (name, row, column)
    assert str(info.value).startswith(f"file {name}")
    if row is not None:
        assert f"row {row}," in str(info.value) and repr(column) in str(info.value)


def test_cash_file_checks_lease_adjusted_measures_against_annual_free_cash_flow(annual):
    """Amazon's lease-adjusted measure is free cash flow less repayments: change the annual FCF and it breaks."""
    changed = annual.copy()
    changed.loc[(changed["fiscal_year"] == 2021) & (changed["metric"] == "free_cash_flow"), "value"] = -9169.0
    with pytest.raises(DataValidationError, match="= -20,494 but fcf_less_principal_repayments") as info:
        filings.load_cash_and_capital(annual=changed)
    row = _row(C, "2021,2021-12-31,fcf_less_principal_repayments_finance_leases_financing_obligations,")
    assert (info.value.file, info.value.row, info.value.column) == (C, row, "value")


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


# --- FY2025 from the Form 10-K; figures checked against Amazon's filings ---------------

def test_fy2025_rows_cite_the_10k_and_say_how_it_was_read(annual):
    fy2025 = annual[annual["fiscal_year"] == 2025].set_index("metric")
    assert (fy2025["document"] == "Form 10-K").all()
    assert fy2025["verification"].str.contains("FY2025 Form 10-K (accession 0001018724-26-000004", regex=False).all()
    # Lines seen in a transcription of the 10-K name it ...
    assert "tableB_retail.md" in fy2025.at["segment_aws_net_sales", "verification"]
    assert "competitor_row.md" in fy2025.at["operating_cash_flow", "verification"]
    # ... and the category lines the 10-K transcriptions did not show are the release's, whose quarters add up to them.
    for metric in ("net_sales_online_stores", "net_sales_physical_stores", "net_sales_other"):
        text = fy2025.at[metric, "verification"]
        assert "not seen" in text and "four quarters" in text and "716,924" in text, metric
        assert fy2025.at[metric, "status"] == "SUM-CHECKED"


def test_figures_from_the_fy2025_10k(annual):
    """FY2025 figures as the research read them in transcriptions of the 10-K (they equal the Q4 2025 release)."""
    wide = filings.annual_wide(annual)
    assert wide.at[2025, "net_sales_total"] == 716_924
    assert wide.at[2025, "operating_income_total"] == 79_975
    assert wide.at[2025, "net_income"] == 77_670
    assert wide.at[2025, "operating_cash_flow"] == 139_514
    assert wide.at[2025, "capex_purchases_property_equipment"] == 131_819
    assert wide.at[2025, "proceeds_property_equipment_sales_incentives"] == 3_499
    assert wide.at[2025, "free_cash_flow"] == 11_194
    assert wide.at[2025, "segment_aws_operating_income"] == 45_606
    assert wide.at[2025, "net_sales_advertising_services"] == 68_635


@pytest.fixture(scope="module")
def cash(annual):
    return filings.load_cash_and_capital(annual=annual)


def test_cash_and_capital_figures_from_the_filings(cash):
    """Figures read in Amazon's 10-Ks, 10-Qs and releases (research notes, sections 3 to 8)."""
    value = cash.set_index(["period_end", "metric"])["value"]
    at = lambda y, m, d=None: value[(d or date(y, 12, 31), m)]  # noqa: E731
    assert at(2014, "stock_based_compensation") == 1_497
    assert at(2023, "stock_based_compensation") == 24_023
    assert at(2020, "depreciation_amortization_cash_flow") == 25_180  # as restated in the FY2022 10-K (was 25,251)
    assert at(2021, "principal_repayments_finance_leases") == 11_163
    assert at(2021, "fcf_less_principal_repayments_finance_leases_financing_obligations") == -20_394
    assert at(2017, "fcf_less_equipment_finance_leases_and_principal_repayments_other") == -1_530
    assert at(2025, "segment_pe_additions_aws") == 96_496
    assert at(2025, "segment_pe_additions_total") == 142_352
    assert at(2023, "segment_depreciation_amortization_total") == 30_225
    assert at(2023, "remaining_performance_obligations") == 155.7
    assert at(2023, "remaining_performance_obligations_life") == 4.0
    assert at(2026, "remaining_performance_obligations", date(2026, 6, 30)) == 496
    assert at(2026, "remaining_performance_obligations_life", date(2026, 6, 30)) == 6.4
    assert at(2022, "other_income_expense_net") == -16_806
    assert at(2022, "rivian_valuation_gain_loss") == -12_700
    assert at(2025, "anthropic_pretax_gains_quarter", date(2025, 9, 30)) == 9_500
    assert at(2025, "total_current_assets") == 229_083
    assert at(2022, "total_current_liabilities") == 155_393
    assert at(2025, "unearned_revenue_current") == 20_576


def test_cash_and_capital_labels_what_is_not_a_printed_figure(cash):
    computed = cash[cash["status"] == "COMPUTED"]
    assert len(computed) >= 1 and computed["line_label"].str.contains("computed").all()
    calls = cash[cash["metric"] == "aws_backlog_call_quoted"]
    assert (calls["status"] == "CALL-QUOTED").all() and calls["document"].str.contains("earnings call").all()
    assert (cash[cash["status"] == "CALL-QUOTED"]["metric"] == "aws_backlog_call_quoted").all()
    # Amazon printed neither lease-adjusted measure for 2025: no row, not a made-up one.
    lease_adjusted = cash[cash["metric"].str.startswith("fcf_less_")]
    assert lease_adjusted["fiscal_year"].max() == 2024
    assert cash["cross_check"].str.len().gt(0).all() and cash["read_from"].str.len().gt(0).all()


def test_cash_and_capital_wide_one_row_per_year(cash, annual):
    wide = filings.cash_and_capital_wide(cash, annual)
    assert list(wide.index) == list(range(2014, 2026))
    assert wide.at[2025, "free_cash_flow"] == 11_194 and wide.at[2025, "stock_based_compensation"] == 19_467
    assert pd.isna(wide.at[2024, "remaining_performance_obligations"])  # the FY2024 10-K's figure was not read
    segments = ["segment_pe_additions_na", "segment_pe_additions_intl", "segment_pe_additions_aws", "segment_pe_additions_corporate"]
    assert (wide[segments].sum(axis=1) == wide["segment_pe_additions_total"]).all()


# --- the import tools regenerate the committed files exactly ---------------------------

ROOT = filings.DATA_DIR.parent
REFERENCE = ROOT.parent / "shared" / "reference" / "amazon_10k_reference.csv"


@pytest.mark.parametrize("tool, names", [
    ("import_reference.py", ["amazon_annual.csv", "amazon_annual.resource.json", "amazon_dated_statements.csv",
                             "amazon_dated_statements.resource.json"]),
    ("import_cash_and_capital.py", ["amazon_cash_and_capital.csv", "amazon_cash_and_capital.resource.json"]),
])
def test_import_tool_regenerates_the_committed_files(tmp_path, tool, names):
    if tool == "import_reference.py" and not REFERENCE.exists():
        pytest.skip(f"the reference table {REFERENCE} is not beside the repository")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / tool), "--out-dir", str(tmp_path)],
                          capture_output=True, text=True, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    for name in names:
        assert (tmp_path / name).read_bytes() == (filings.DATA_DIR / name).read_bytes(), f"{tool} no longer gives {name}"
