"""The fact-check table: every verdict computed from the data, and it moves when the data does."""

import html

import pandas as pd
import pytest

from amazon_case import checking_the_source as checks, filings, marketplace
from amazon_case.checking_the_source import check_claims, claim_verdict


@pytest.fixture(scope="module")
def inputs():
    annual = filings.load_annual()
    return filings.annual_wide(annual), filings.load_claims(annual=annual), filings.load_statements(), marketplace.load_fees()


def test_every_claim_has_a_known_verdict_evidence_and_a_chapter(inputs):
    table = checks.source_document_checks(*inputs)
    assert len(table) >= 20
    assert set(table["verdict"]) <= set(checks.VERDICTS)
    assert table["evidence"].str.len().min() > 30 and not table["evidence"].str.contains(r"\bnan\b").any()
    assert set(table["chapter"]) <= set(checks.CHAPTERS.values())
    # The 2021 figures keep the verdicts of the financials chapter: Prime is the mislabelled one.
    prime = table[table["claim"].str.contains("Amazon Prime which also generated")]
    assert prime["verdict"].tolist() == ["mislabelled"]
    assert "47.3% of net sales" in table[table["claim"].str.contains("47%")]["evidence"].item()


def test_a_positive_cash_cycle_would_turn_the_cash_claim_around(inputs):
    wide, claims, statements, fees = inputs
    changed = wide.copy()
    changed.loc[2019, "accounts_payable"] = 1.0  # suppliers paid at once: the cycle turns positive in FY2019
    row = lambda t: t[t["claim"].str.startswith("yet it generates cash")].iloc[0]
    assert row(checks.source_document_checks(wide, claims, statements, fees))["verdict"] == "holds"
    after = row(checks.source_document_checks(changed, claims, statements, fees))
    assert after["verdict"] == "does not hold"
    assert "11 of 12 years on year-end balances" in after["evidence"]
    # On average balances FY2019 turns positive and FY2020, which averages in the 2019 balance, stays just negative.
    assert "10 of 11 on average balances" in after["evidence"]


def test_thin_margins_verdict_follows_the_segment_data(inputs):
    wide, claims, statements, fees = inputs
    fat = wide.copy()
    fat["segment_na_operating_income"] = fat["segment_na_net_sales"] * 0.3
    fat["operating_income_total"] = fat[["segment_na_operating_income", "segment_intl_operating_income",
                                         "segment_aws_operating_income"]].sum(axis=1)
    table = checks.source_document_checks(fat, claims, statements, fees)
    assert table[table["claim"].str.contains("tight profit margins")]["verdict"].item() == "does not hold"


def test_an_unknown_verdict_is_refused():
    with pytest.raises(ValueError, match="not one of"):
        checks._row("id", "x", "t", "probably", "e", "aws")


def test_counts_follow_the_verdict_order():
    table = pd.DataFrame({"verdict": ["holds", "not verifiable", "holds"]})
    assert checks.verdict_counts(table).to_dict() == {
        "holds": 2, "rounded": 0, "mislabelled": 0, "partly holds": 0, "does not hold": 0, "not verifiable": 1}


def test_mission_and_vision_are_judged_as_attributions(inputs):
    """Both quotes are Amazon's words under labels Amazon never gave them; the mission's evidence carries
    the FY2025 business share of net sales, the vision's the press releases that carried the sentence."""
    wide, *_ = inputs
    table = checks.source_document_checks(*inputs).set_index("topic").loc["Mission and vision"]
    assert table["verdict"].tolist() == ["mislabelled", "mislabelled"]
    assert table["claim"].str.contains("mission statement").tolist() == [True, False]
    fy = wide.loc[2025]
    businesses = (fy["net_sales_third_party_seller_services"] + fy["net_sales_advertising_services"]
                  + fy["net_sales_aws"]) / fy["net_sales_total"]
    assert f"paid {businesses:.0%} of net sales in FY2025" in table["evidence"].iloc[0]
    assert "October 2007" in table["evidence"].iloc[1] and "FY2006 10-K" in table["evidence"].iloc[1]


def test_the_html_table_links_each_claim_to_its_chapter_and_badges_its_verdict():
    from html.parser import HTMLParser

    table = pd.DataFrame({
        "topic": ["AWS", "Prime"], "claim": ["AWS <b>grew</b> & more", "Prime pays"],
        "verdict": ["does not hold", "holds"], "evidence": ["10-K \"segment\" note", "Subscription services"],
        "chapter": ["aws.ipynb", "first-party-retail.ipynb"],
    })

    class Cells(HTMLParser):
        def __init__(self):
            super().__init__()
            self.links, self.badges, self.tags, self.text = [], [], [], []

        def handle_starttag(self, tag, attrs):
            attrs = dict(attrs)
            self.tags.append(tag)
            if tag == "a":
                self.links.append(attrs["href"])
            if tag == "span":
                self.badges.append(attrs["class"])

        def handle_data(self, data):
            self.text.append(data)

    cells = Cells()
    cells.feed(checks.claims_html(table))
    assert cells.links == ["aws.ipynb", "first-party-retail.ipynb"]
    assert cells.badges == ["verdict verdict-does-not-hold", "verdict verdict-holds"]
    assert "b" not in cells.tags  # the claim's markup is shown as text, not obeyed
    assert "AWS <b>grew</b> & more" in "".join(cells.text)
    assert {"AWS", "First-party retail", "Claim", "Verdict", "Chapter"} <= {t.strip() for t in cells.text}


def test_the_html_table_names_a_chapter_it_has_no_title_for():
    table = pd.DataFrame({"topic": ["t"], "claim": ["c"], "verdict": ["holds"], "evidence": ["e"],
                          "chapter": ["appendix.ipynb"]})
    with pytest.raises(KeyError, match="appendix.ipynb"):
        checks.claims_html(table)


def test_the_hybrid_claim_needs_both_customer_groups(inputs):
    wide, claims, statements, fees = inputs
    row = lambda t: t[t["topic"] == "Hybrid model"].iloc[0]
    assert row(checks.source_document_checks(*inputs))["verdict"] == "holds"
    consumers_only = wide.copy()  # businesses pay a hundredth of what they paid
    for metric in ("net_sales_third_party_seller_services", "net_sales_advertising_services", "net_sales_aws"):
        consumers_only[metric] = consumers_only[metric] / 100
    assert row(checks.source_document_checks(consumers_only, claims, statements, fees))["verdict"] == "does not hold"


def test_the_list_of_revenue_sources_is_judged_by_what_it_leaves_out(inputs):
    wide, claims, statements, fees = inputs
    row = lambda t: t[t["claim"].str.startswith("Online stores [...], Third-party Seller Services")].iloc[0]
    listed = row(checks.source_document_checks(*inputs))
    other = wide.at[2021, "net_sales_other"] / wide.at[2021, "net_sales_total"]
    assert listed["verdict"] == "holds" and f"{other:.1%} of net sales" in listed["evidence"]
    big_other = wide.copy()
    big_other.loc[2021, "net_sales_other"] = 0.05 * big_other.at[2021, "net_sales_total"]
    assert row(checks.source_document_checks(big_other, claims, statements, fees))["verdict"] == "does not hold"


@pytest.mark.parametrize(
    "claimed, actual, qualifier, issue, verdict",
    [
        (31000, 31768, "over", "", "holds"),
        (31000, 30900, "over", "", "rounded"),
        (31000, 20000, "over", "", "does not hold"),
        (31000, 31768, "over", "different line", "mislabelled"),
        (47, 47.3, "about", "", "holds"),
        (47, 49, "about", "", "rounded"),
    ],
)
def test_claim_verdict(claimed, actual, qualifier, issue, verdict):
    assert claim_verdict(claimed, actual, qualifier, issue) == verdict


def test_claim_verdict_rejects_unknown_qualifier():
    with pytest.raises(ValueError, match="qualifier"):
        claim_verdict(1, 2, "under")


def test_check_claims_percent_uses_denominator():
    claims = pd.DataFrame(
        [{"claim_id": "x", "fiscal_year": 2021, "claimed_value": 49.0, "claimed_unit": "percent", "qualifier": "over",
          "metric": "net_sales_online_stores", "denominator_metric": "net_sales_total", "label_issue": None}]
    )
    wide = pd.DataFrame({"net_sales_total": [200.0], "net_sales_online_stores": [100.0]}, index=[2021])
    checked = check_claims(claims, wide)
    assert checked.iloc[0]["filed_value"] == pytest.approx(50.0)
    assert checked.iloc[0]["verdict"] == "holds"


def test_each_claim_has_one_row_and_one_verdict(inputs):
    table = checks.source_document_checks(*inputs)
    assert table["claim_id"].is_unique
    assert checks.claim_row(table, "aws-origin")["verdict"] == "partly holds"
    assert checks.claim_row(table, "prime-free-delivery")["verdict"] == "holds"
    with pytest.raises(KeyError, match="no-such-claim"):
        checks.claim_row(table, "no-such-claim")


def test_a_chapter_shows_the_appendix_row_itself(inputs):
    table = checks.source_document_checks(*inputs)
    box = checks.claim_box_html(table, "fba-small-cut")
    row = checks.claim_row(table, "fba-small-cut")
    assert 'class="verdict verdict-does-not-hold"' in box
    assert html.escape(row["evidence"]) in box
    assert 'href="checking-the-source.ipynb"' in box


def test_the_fba_threshold_is_the_marketplace_models(inputs):
    """One model: the appendix quotes the threshold the marketplace chapter computes, storage included."""
    *_, fees = inputs
    table = checks.source_document_checks(*inputs)
    threshold = marketplace.fba_half_price_threshold(fees)
    assert f"only below USD {threshold:.2f}" in checks.claim_row(table, "fba-small-cut")["evidence"]
    assert marketplace.storage_per_unit(fees) > 0  # the storage fee is counted, not left out


def test_the_small_cut_of_a_self_fulfilling_seller_counts_its_advertising(inputs):
    """The referral fee alone is small (15%); sellers' average ads take Amazon's cut past 20%: partly holds.
    With almost no advertising the same fee would hold."""
    wide, claims, statements, fees = inputs
    assert checks.claim_row(checks.source_document_checks(*inputs), "fbm-small-cut")["verdict"] == "partly holds"
    quiet = wide.copy()
    quiet["net_sales_advertising_services"] = quiet["net_sales_advertising_services"] / 100
    assert checks.claim_row(checks.source_document_checks(quiet, claims, statements, fees), "fbm-small-cut")["verdict"] == "holds"
