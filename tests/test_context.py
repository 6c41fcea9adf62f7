"""Tests of the Context part's models, tables and chart words (amazon_case.context).

Expected values are worked out by hand from the figures as the cited documents print them
(eBay's 10-K as quoted, Etsy's releases, Amazon's 10-K and releases), not outputs of the code
under test. The data files' own checks are in tests/test_context_data.py.
"""

from __future__ import annotations

import pytest

from amazon_case import context, filings
from amazon_case.context import cloud, peers, regulation, sources, timeline
from amazon_case.kit import AssumptionError
from amazon_case.kit.display import bound_parameters, title_text


@pytest.fixture(scope="module")
def events():
    return sources.load_timeline()


@pytest.fixture(scope="module")
def table():
    return peers.peer_table(sources.load_peers())


@pytest.fixture(scope="module")
def market():
    return sources.load_cloud()


# --- the timeline -----------------------------------------------------------------------------


def test_theme_and_year_controls_keep_the_events_asked_for():
    view = timeline.timeline_view(context.timeline_themes(), 1994, 2027)
    assert view.evaluate(theme="regulation", year=2027)["on_timeline"] is True  # defaults: all themes, every year
    assert view.evaluate(show="aws_ai", theme="regulation", year=2023)["on_timeline"] is False
    assert view.evaluate(show="regulation", theme="regulation", year=2023)["on_timeline"] is True
    assert view.evaluate(until=2022, theme="regulation", year=2023)["on_timeline"] is False
    assert view.evaluate(until=2023, theme="regulation", year=2023)["on_timeline"] is True
    with pytest.raises(AssumptionError, match="show"):
        view.evaluate(show="prime", theme="regulation", year=2023)
    with pytest.raises(AssumptionError, match="until"):
        view.evaluate(until=2030, theme="regulation", year=2023)
    choice = view.inputs["show"]
    assert choice.origin == "view" and choice.labels[0] == "All themes" and "Regulation" in choice.labels
    assert view.inputs["until"].origin == "view" and view.inputs["until"].label_text == "Events up to the year"
    assert view.inputs["until"].default == 2027 > view.inputs["until"].low  # the slider's end moves the chart


def test_the_year_slider_runs_from_the_first_event_to_the_last(events):
    assert timeline.view_years(events) == (1994, 2027)


def test_timeline_words_come_from_the_data(events):
    text = timeline.timeline_text(events, "amazon_timeline.csv")
    # The Marketplace opened in November 2000, FBA in 2006; the first regulatory event (the EU's commitments) is of 2022.
    assert text.takeaway == "Amazon built its hybrid in 2000–2006; regulators began to rein it in 16 years later"
    assert "33 dated events, 1994–2027" in text.subtitle
    assert "27 dates have two independent sources, 5 are weak or single-sourced and 1 is known only at second hand" in text.description


def test_a_month_or_year_date_is_drawn_in_the_middle_of_its_span(events):
    rows = timeline.timeline_rows(events).set_index("row_label")
    assert rows.at["2006  FBA", "start"] == "2006-01-01" and rows.at["2006  FBA", "end"] == "2006-12-31"
    assert rows.at["2006  FBA", "at"] == "2006-07-02" and rows.at["2006  FBA", "span"]
    assert rows.at["2005-02-02  Prime", "at"] == "2005-02-02" and not rows.at["2005-02-02  Prime", "span"]
    assert rows.at["2027-03-29  FTC trial (scheduled)", "scheduled"]


def test_amounts_and_years_read_from_the_events(events):
    assert timeline.amount_in(events, "Capex about USD 200 bn") == 200
    assert timeline.amount_in(events, "Whole Foods deal") == 13.7
    assert timeline.year_of(events, "Marketplace") == 2000
    with pytest.raises(KeyError, match="no event labelled"):
        timeline.year_of(events, "Amazon Go")
    with pytest.raises(ValueError, match="no amount"):
        timeline.amount_in(events, "Prime")


def test_the_table_links_both_sources_and_escapes_text(events):
    page = timeline.timeline_table_html(events)
    assert page.count("<tr>") == len(events) + 1
    assert 'href="https://aws.amazon.com/blogs/aws/eight-years-and-counting-of-cloud-computing/"' in page
    assert "also: <a href=" in page
    assert "Amazon draws fire over used-book policy" in page and "&#x27;" in page  # quotes escaped
    assert '<th scope="col">Sourcing</th>' in page


# --- peers ------------------------------------------------------------------------------------


def test_etsy_year_is_derived_from_nine_months_and_the_fourth_quarter(table):
    etsy = table[(table["company"] == "Etsy") & (table["period"] == "FY2025")].set_index("metric")
    assert etsy.at["gms", "value"] == pytest.approx(8_324.25 + 3_590)
    assert etsy.at["revenue", "value"] == pytest.approx(2_001.865 + 882)
    assert etsy.at["gms", "origin"] == "derived: 9M 2025 + Q4 2025"
    # A year is only as good as its weakest part: the fourth quarter is one report, rounded.
    assert etsy.at["gms", "status"] == "SINGLE-SOURCE" and etsy.at["gms", "qualifier"] == "rounded"
    # eBay's year was reported: it is not derived again.
    assert set(table[(table["company"] == "eBay") & (table["period"] == "FY2025")]["origin"]) == {"reported"}


def test_a_year_missing_a_part_cannot_be_derived():
    figures = sources.load_peers()
    figures = figures[~((figures["company"] == "Etsy") & (figures["period"] == "Q4 2025"))]
    with pytest.raises(KeyError, match="cannot be derived"):
        peers.peer_table(figures)


def test_ratios_by_hand(table):
    ratios = peers.peer_ratios(table)
    assert ratios.at[("eBay", "FY2025"), "value"] == pytest.approx(11_100 / 79_609)          # 13.9%
    assert ratios.at[("Etsy", "FY2025"), "value"] == pytest.approx(2_883.865 / 11_914.25)    # 24.2%
    assert ratios.at[("Shopify", "FY2025"), "value"] == pytest.approx(11_556 / 378_441)      # 3.1%
    assert ratios.at[("JD.com", "Q4 2025"), "value"] == pytest.approx(273_000 / 352_300)     # 77.5%
    assert ratios.at[("Etsy", "FY2025"), "inputs"] == "derived (sum of periods)"
    assert ratios.at[("eBay", "FY2025"), "inputs"] == "reported"
    # Etsy's own nine-month figure agrees with our division to its printed precision.
    assert round(100 * ratios.at[("Etsy", "9M 2025"), "value"], 1) == peers.figure(table, "Etsy", "take_rate_reported", "9M 2025")


def test_amazon_take_rate_is_the_marketplace_chapters(wide, statements):
    from amazon_case.marketplace import take_rate_table

    amazon = peers.amazon_take_rate(wide, statements, 2025)
    assert amazon["value"] == pytest.approx(172_162 / (269_287 * 0.615 / 0.385))  # FY2025: fees over third-party GMV at the four quarters' average share
    # A higher price for third-party goods means more GMV, so a lower rate: the rate scales as 1 / price ratio.
    assert amazon["low"] == pytest.approx(amazon["value"] / 1.2)
    assert amazon["high"] == pytest.approx(amazon["value"] / 0.8)
    assert amazon["unit_share"] == pytest.approx((61 + 62 + 62 + 61) / 400)  # FY2025 quarters
    # FY2025 10-K: online stores 269,287 and physical stores 22,561 of 716,924.
    assert peers.amazon_first_party_share(wide, 2025) == pytest.approx((269_287 + 22_561) / 716_924)


def test_take_rate_chart_words(table, wide, statements):
    rows = peers.comparison_rows(peers.peer_ratios(table), peers.amazon_take_rate(wide, statements, 2025),
                                 peers.amazon_first_party_share(wide, 2025), 2025)
    text = peers.take_rate_text(rows, "peers.csv")
    assert text.takeaway.startswith("Amazon keeps an estimated 40% of what third-party sellers sell, 2.9 times eBay's 14%")
    assert "Shopify 3.1%, drawn grey because it is not a take rate" in text.description
    amazon = rows.set_index(["panel", "company"]).loc[("take", "Amazon")]
    # Amazon's row carries what the marketplace chapter's model needs to recompute the rate in the chart.
    assert amazon["live"] and amazon["third_party_unit_share"] == pytest.approx(0.615) and amazon["online_stores"] == 269_287
    assert amazon["high_pct"] == pytest.approx(100 * amazon["share"] / 0.8)


def test_walmart_growth_beside_amazons_by_hand(table):
    rows = peers.growth_rows(table, filings.load_quarterly())
    amazon = rows[rows["series"] == "Amazon: online stores"].set_index("period")["growth_pct"]
    # Amazon's releases: online stores 57,407 in Q1 2025 against 54,670 in Q1 2024.
    assert amazon["Q1 2025"] == pytest.approx(100 * (57_407 / 54_670 - 1))
    walmart = rows[rows["series"].str.startswith("Walmart")]
    assert list(walmart["growth_pct"]) == [22, 25, 27, 24] and walmart["period_end"].iloc[-1] == "2026-01-31"
    text = peers.growth_text(rows, "x")
    assert text.takeaway == "Walmart's e-commerce grew 22–27% a year in its fiscal 2026; Amazon's online stores 5–11% in 2025"


def test_peers_table_shows_derived_figures_as_ours(table):
    page = peers.peers_table_html(table)
    assert "derived: 9M 2025 + Q4 2025" in page and "our sum" in page
    assert "1,309,100 (rounded)" in page and "<td>CNY</td>" in page


# --- cloud ------------------------------------------------------------------------------------


def test_scale_rows_by_hand(market, wide):
    rows = cloud.scale_rows(market, wide).set_index(["provider", "fiscal_year"])
    # Amazon FY2025 10-K: AWS 128,725 net sales, 45,606 operating income; Alphabet: Google Cloud 58,705 and 13,910.
    assert rows.at[("AWS", 2025), "margin_pct"] == pytest.approx(100 * 45_606 / 128_725)
    assert rows.at[("Google Cloud", 2025), "margin_pct"] == pytest.approx(100 * 13_910 / 58_705)
    assert rows.at[("Google Cloud", 2023), "revenue_bn"] == pytest.approx(33.088)
    azure = rows.loc[("Azure", 2025)]
    assert azure["revenue_bn"] == 75 and azure["has_margin"] == 0 and "more than" in azure["basis"]


def test_scale_view_switches_the_measure_and_hides_azures_missing_margin():
    row = {"revenue_bn": 128.7, "margin_pct": 35.4, "has_margin": 1}
    assert cloud.SCALE_VIEW.evaluate(**row)["cloud_shown"] == 128.7
    assert cloud.SCALE_VIEW.evaluate(measure="margin", **row)["cloud_shown"] == 35.4
    azure = {"revenue_bn": 75.0, "margin_pct": 0.0, "has_margin": 0}
    assert cloud.SCALE_VIEW.evaluate(**azure)["cloud_drawn"] is True
    assert cloud.SCALE_VIEW.evaluate(measure="margin", **azure)["cloud_drawn"] is False
    assert cloud.SCALE_VIEW.evaluate(measure="margin", **azure)["cloud_measure_label"] == "Operating margin, % of revenue"


def test_growth_view_marks_one_quarter(market):
    rows = cloud.growth_rows(market, filings.load_quarterly())
    # Quarters numbered from Q1 2025 (AWS's first quarter with a year before it); the default is Q1 2026,
    # the latest that AWS and Azure both report.
    assert rows.set_index(["provider", "calendar_quarter"]).at[("AWS", "Q1 2025"), "quarter_index"] == 1
    assert cloud.marked_quarter_default(rows) == 5
    view = cloud.growth_view(rows)
    quarter = view.inputs["quarter"]
    assert (quarter.low, quarter.default, quarter.high) == (1, 5, 6) and quarter.label_text == "Quarter marked (1 = Q1 2025)"
    assert view.evaluate(quarter_index=5, growth_pct=28.43) == {**view.evaluate(quarter_index=5, growth_pct=28.43),
                                                                "quarter_marked": True, "growth_label": "28%"}
    assert view.evaluate(quarter=2, quarter_index=5, growth_pct=28.4)["quarter_marked"] is False


def test_growth_by_calendar_quarter(market):
    rows = cloud.growth_rows(market, filings.load_quarterly())
    by = rows.set_index(["provider", "calendar_quarter"])
    # Amazon's releases: AWS 42,232 in Q2 2026 against 30,873 in Q2 2025.
    assert by.at[("AWS", "Q2 2026"), "growth_pct"] == pytest.approx(100 * (42_232 / 30_873 - 1))
    # Microsoft's Q4 FY2025 is the calendar quarter April to June 2025.
    assert by.at[("Azure", "Q2 2025"), "period"] == "Q4 FY2025" and by.at[("Azure", "Q2 2025"), "growth_pct"] == 39
    assert cloud.calendar_quarter("2026-03-31") == "Q1 2026"
    text = cloud.growth_text(rows, "x")
    assert text.takeaway.startswith("Azure grew 39–40% a year in each quarter reported, AWS 17–28% in the same quarters")


def test_estimates_are_labelled_and_others_are_the_remainder(market):
    rows = cloud.estimate_rows(market)
    synergy = rows[rows["estimate"] == "synergy-q3-2025"].set_index("provider")
    assert synergy.at[cloud.OTHERS, "share_pct"] == 100 - 29 - 20 - 13 and synergy.at[cloud.OTHERS, "derived"]
    assert synergy.at["AWS", "estimate_label"] == "Synergy Research Group, Q3 2025"
    assert synergy.at["AWS", "market"] == "about USD 107 bn a quarter"
    assert synergy.at["AWS", "reported"] == "reported 2025-12-09" and synergy.at["AWS", "status"] == "two sources"
    gartner = rows[rows["estimate"] == "gartner-fy2023"].set_index("provider")
    assert gartner.at["AWS", "estimate_label"] == "Gartner, 2023" and gartner.at["AWS", "scope"] == "IaaS only"
    assert rows[rows["estimate"] == "synergy-q1-2026"]["status"].iloc[0] == "one source"
    text = cloud.share_text(rows, context.DEFAULT_ESTIMATE, "x")
    assert text.takeaway.startswith("Every estimate puts AWS first, 7 to 16 points ahead of Azure")
    view = cloud.share_view(rows, context.DEFAULT_ESTIMATE)
    assert view.inputs["estimate"].default == "synergy-q3-2025"
    shown = view.evaluate(estimate="canalys-q1-2025", estimate_row="canalys-q1-2025", scope="s", market="m",
                          reported="r", status="one source")
    assert shown["estimate_shown"] is True and shown["estimate_sourcing"] == "An estimate, not a filing; r; shares from one source"


# --- regulation -------------------------------------------------------------------------------


def test_prime_settlement_and_proceedings():
    steps = sources.load_regulation()
    assert regulation.prime_settlement(steps) == {"date": "2025-09-25", "civil_penalty_musd": 1000.0,
                                                  "refunds_musd": 1500.0, "total_musd": 2500.0}
    with pytest.raises(ValueError, match="one step with a civil penalty"):
        regulation.prime_settlement(steps[steps["civil_penalty_musd"].isna()])
    table = regulation.proceedings(steps)
    antitrust = table.loc[[p for p in table.index if p.startswith("FTC v. Amazon (antitrust)")][0]]
    assert antitrust["first_step"] == "2023-09-26" and antitrust["last_step"] == "2027-03-29"
    assert antitrust["latest_sourcing"] == "reported at second hand"
    page = regulation.regulation_table_html(steps)
    assert page.count('<td class="date">') == len(steps)


# --- the part's charts, as the book registers them ------------------------------------------


def test_registered_charts_and_their_controls():
    charts = {entry.id: entry for entry in context.book_charts()}
    assert set(charts) == {"timeline:timeline", "peers:take rates", "peers:growth", "cloud:scale", "cloud:growth",
                           "cloud:shares"}
    for entry in charts.values():
        spec = entry.build().to_dict()
        assert tuple(bound_parameters(spec)) == entry.params
        assert len(title_text(spec)) > 30
    assert charts["timeline:timeline"].params == ("timeline_show", "timeline_until")
    assert charts["cloud:scale"].params == ("cloud_scale_measure",)
    assert charts["cloud:growth"].params == ("cloud_growth_quarter",)
    assert charts["cloud:shares"].params == ("cloud_share_estimate",)
    assert charts["peers:take rates"].params == ("take_rate_price_ratio",)
