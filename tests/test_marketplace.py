"""Tests of the marketplace chapter's data, models, chart words and workbench (amazon_case.marketplace).

Expected values are worked out by hand from the formulas stated in the docstrings, or are the
published fees and 10-K figures themselves, not outputs of the code under test. That the charts
compute what Python computes is the book-wide formula parity test's job (tests/test_formula_parity.py).
"""

import hashlib
import json

import pytest

from amazon_case import filings, marketplace as mk
from amazon_case.kit import ASSUMPTION, AssumptionError, Input, formula
from amazon_case.kit.data import DataValidationError
from amazon_case.kit.display import bound_parameters, title_text
from amazon_case.marketplace import model as seller


@pytest.fixture(scope="module")
def fees():
    return mk.load_fees()


@pytest.fixture(scope="module")
def quarterly():
    return filings.load_quarterly()


# Our assumptions and the published fees at their defaults (the fee schedule as the cited pages give it).
DEFAULTS = dict(price=25, unit_cost=8, referral_rate=0.15, fba_fee=3.68, storage_rate=0.78, cubic_feet=0.1,
                months_of_stock=2, own_fulfilment_cost=5, prime_uplift=0.1, units_per_month=300)


# --- data -----------------------------------------------------------------------------------


def test_fee_manifest_describes_its_file():
    csv_path = filings.DATA_DIR / "amazon_seller_fees.csv"
    manifest = json.loads((filings.DATA_DIR / "amazon_seller_fees.resource.json").read_text())
    raw = csv_path.read_bytes()
    assert manifest["path"] == csv_path.name
    assert manifest["bytes"] == len(raw)
    assert manifest["hash"] == "sha256:" + hashlib.sha256(raw).hexdigest(), "manifest hash is stale: regenerate it"
    header = raw.decode().splitlines()[0].split(",")
    assert [f["name"] for f in manifest["schema"]["fields"]] == header
    assert all(f.get("description") and f.get("type") for f in manifest["schema"]["fields"])
    # Every page a row cites is listed among the manifest's sources.
    assert {s["path"] for s in manifest["sources"]} >= set(mk.load_fees()["url"])


def test_published_fees(fees):
    assert mk.fee(fees, "referral_fee_rate_most_categories") == pytest.approx(0.15)
    assert mk.fee(fees, "referral_fee_minimum_per_item") == pytest.approx(0.30)
    assert mk.fee(fees, "fba_fulfilment_fee_large_standard_4oz") == pytest.approx(3.68)
    # The same item by price band: the 2025 Low-Price FBA rate (3.68 less the 2025 discount of 0.77), and the
    # schedule from 2026-01-15 (+0.05 at USD 10-50, +0.31 above USD 50, for large standard-size items).
    assert mk.fee(fees, "fba_fulfilment_fee_large_standard_4oz_under_10") == pytest.approx(3.68 - 0.77)
    assert mk.fee(fees, "fba_fulfilment_fee_large_standard_4oz_2026") == pytest.approx(3.68 + 0.05)
    assert mk.fee(fees, "fba_fulfilment_fee_large_standard_4oz_over_50_2026") == pytest.approx(3.68 + 0.31)
    assert str(fees.at["fba_fulfilment_fee_large_standard_4oz_2026", "effective_date"]) == "2026-01-15"
    assert mk.fee(fees, "fba_fuel_surcharge_2026") == pytest.approx(0.035)  # a percent of the fee, as a fraction
    assert mk.fee(fees, "monthly_storage_fee_standard_jan_sep") == pytest.approx(0.78)
    assert mk.fee(fees, "monthly_storage_fee_standard_oct_dec") == pytest.approx(2.40)
    assert fees["url"].str.startswith("https://").all()
    assert (fees["source"].str.len() > 10).all() and (fees["note"].str.len() > 10).all()


def test_a_fee_row_without_a_source_is_rejected(tmp_path):
    src = filings.DATA_DIR / "amazon_seller_fees.csv"
    lines = src.read_text().splitlines()
    cells = lines[1].split(",")
    lines[1] = ",".join(cells[:6] + [""] + cells[7:])  # empty 'source' (a quoted field follows)
    broken = tmp_path / "amazon_seller_fees.csv"
    broken.write_text("\n".join(lines) + "\n")
    (tmp_path / "amazon_seller_fees.resource.json").write_text(
        (filings.DATA_DIR / "amazon_seller_fees.resource.json").read_text())
    with pytest.raises(DataValidationError) as err:
        mk.load_fees(broken)
    assert "row 2" in str(err.value)


@pytest.mark.parametrize("price, light, heavy", [(5, 2.91, None), (9.99, 2.91, None), (10, 3.68, 6.62),
                                                 (50, 3.68, 6.62), (100, 3.68, 6.62)])
def test_the_fba_fee_of_each_price_band(fees, price, light, heavy):
    """2025 schedule: the Low-Price rate under USD 10 (not read for the 3 lb item), one rate from USD 10 up."""
    assert mk.fba_fee_at(fees, mk.FBA_FEE_ROW, price) == pytest.approx(light)
    assert mk.fba_fee_at(fees, mk.HEAVY_FBA_FEE_ROW, price) == (None if heavy is None else pytest.approx(heavy))


def test_the_2026_price_bands():
    assert [mk.price_band_2026(p) for p in (9.99, 10, 50, 50.01)] == ["under USD 10", "USD 10-50", "USD 10-50",
                                                                       "over USD 50"]


def test_unknown_fee_is_an_error(fees):
    with pytest.raises(KeyError, match="no fee"):
        mk.fee(fees, "fee_that_is_not_published")


def test_a_fee_input_names_the_row_and_page_it_was_read_from(fees):
    source = mk.fee_source(fees, "referral_fee_rate_most_categories")
    assert "amazon_seller_fees.csv" in source and "referral_fee_rate_most_categories" in source
    assert "Inventory Hero" in source  # the page the row cites


# --- growth ---------------------------------------------------------------------------------


def test_marketplace_growth(wide):
    growth = mk.marketplace_growth(wide)
    # FY2021 10-K: third-party seller services 103,366; online stores 222,075 (USD millions).
    assert growth.at[2021, "third_party_seller_services"] == 103_366
    assert growth.at[2021, "online_stores"] == 222_075
    assert growth.at[2021, "ratio"] == pytest.approx(103_366 / 222_075)
    assert growth.at[2014, "online_stores_index"] == 100
    # FY2024 10-K 156,146 against FY2014 10-K 11,747.
    assert growth.at[2024, "third_party_seller_services_index"] == pytest.approx(100 * 156_146 / 11_747)


def test_growth_over_the_trailing_twelve_months(wide, quarterly):
    growth = mk.marketplace_growth(wide)
    row, sums = mk.growth_ttm(growth, quarterly)
    assert row.name == "TTM to Q2 2026"
    # Three-month figures, Q3 2025 to Q2 2026 releases (USD millions).
    assert row["third_party_seller_services"] == 42_486 + 52_816 + 41_578 + 46_780  # 183,660
    assert row["online_stores"] == 67_407 + 82_988 + 64_254 + 70_432  # 285,081
    assert row["third_party_seller_services_index"] == pytest.approx(100 * 183_660 / 11_747)
    assert sums["online_stores"].quarters == ((2025, 3), (2025, 4), (2026, 1), (2026, 2))
    assert any("Q2 2026 earnings release" in d for d in sums["online_stores"].documents)


def test_a_trailing_sum_with_a_missing_quarter_is_refused(quarterly):
    holed = quarterly[~((quarterly["fiscal_year"] == 2026) & (quarterly["quarter"] == 1)
                        & (quarterly["metric"] == "net_sales_online_stores"))]
    with pytest.raises(KeyError, match="Q1 2026"):
        mk.ttm(holed, "net_sales_online_stores")
    # An earlier end: the four quarters of fiscal 2025, which add up to the 10-K's year.
    assert mk.ttm(quarterly, "net_sales_online_stores", end=(2025, 4)).value == 269_287


def test_every_stated_unit_share(quarterly, statements):
    shares = mk.unit_share_statements(quarterly, statements)
    assert list(shares["period"]) == ["Q4 2020", "Q1 2024", "Q2 2024", "Q3 2024", "Q4 2024", "Q1 2025", "Q2 2025",
                                      "Q3 2025", "Q4 2025", "Q1 2026", "Q2 2026"]
    stated = shares.set_index("period")
    # "WW seller unit mix" in Amazon's releases; Q1 2026's was not read; Q4 2020 from one report.
    assert list(stated.loc[["Q1 2024", "Q2 2024", "Q3 2024", "Q4 2024"], "share"]) == pytest.approx([0.61, 0.61, 0.60, 0.62])
    assert list(stated.loc[["Q1 2025", "Q2 2025", "Q3 2025", "Q4 2025"], "share"]) == pytest.approx([0.61, 0.62, 0.62, 0.61])
    assert not stated.at["Q1 2026", "stated"] and stated.at["Q2 2026", "share"] == pytest.approx(0.61)
    assert stated.at["Q4 2020", "share"] == pytest.approx(0.55) and stated.at["Q4 2020", "status"] == "SINGLE-SOURCE"
    # The dated statements of Q4 2024 and Q4 2025 say what the quarterly file says.
    dated = statements[statements["metric"] == "third_party_share_of_paid_units_pct"].set_index("period")["value"]
    for period in ("Q4 2024", "Q4 2025"):
        assert stated.at[period, "share"] == pytest.approx(dated[period] / 100)


def test_a_years_unit_share_is_the_average_of_its_quarters(quarterly, statements):
    years = mk.yearly_unit_shares(mk.unit_share_statements(quarterly, statements))
    assert years.at[2024, "unit_share"] == pytest.approx((0.61 + 0.61 + 0.60 + 0.62) / 4)  # 61.0%
    assert years.at[2025, "unit_share"] == pytest.approx((0.61 + 0.62 + 0.62 + 0.61) / 4)  # 61.5%
    assert years.at[2020, "unit_share"] == pytest.approx(0.55)
    assert years.at[2020, "basis"] == "Q4 2020 alone, from one secondary report"
    assert years.at[2024, "basis"] == "average of Q1–Q4 2024" and years.at[2024, "q4_share"] == pytest.approx(0.62)


def test_growth_view_switches_the_unit():
    view = mk.growth_view(2014)
    row = {"net_sales_bn": 156.1, "sales_index": 1329.3}
    assert view.evaluate(**row)["growth_shown"] == 156.1 and view.evaluate(**row)["growth_unit_label"] == "USD billions"
    indexed = view.evaluate(measure="index", **row)
    assert indexed["growth_shown"] == 1329.3 and indexed["growth_unit_label"] == "Index, FY2014 = 100"
    with pytest.raises(AssumptionError, match="measure"):
        view.evaluate(measure="percent", **row)


# --- the seller model -----------------------------------------------------------------------


def test_seller_economics_by_hand():
    r = mk.seller_economics(**DEFAULTS)
    # Referral 15% of 25 = 3.75. Storage per unit sold 0.78 * 0.1 * 2 = 0.156.
    assert r.fbm.amazon_fees == pytest.approx(3.75)
    assert r.fba.amazon_fees == pytest.approx(3.75 + 3.68 + 0.156)
    assert r.fbm.margin_per_unit == pytest.approx(25 - 8 - 3.75 - 5)          # 8.25
    assert r.fba.margin_per_unit == pytest.approx(25 - 8 - 7.586)             # 9.414
    assert r.fbm.margin_per_month == pytest.approx(8.25 * 300)
    assert r.fba.margin_per_month == pytest.approx(9.414 * 330)
    assert r.fbm.amazon_share_of_price == pytest.approx(0.15)
    assert r.fba.amazon_share_of_price == pytest.approx(7.586 / 25)
    assert r.fbm.seller_share_of_price == pytest.approx((25 - 3.75 - 5) / 25)
    assert r.fba.seller_share_of_price == pytest.approx((25 - 7.586) / 25)
    assert r.fba.margin_share_of_price == pytest.approx(9.414 / 25)
    # k* = (f + storage)(1 + u) - (p - c - referral) u = 3.836 * 1.1 - 13.25 * 0.1
    assert r.breakeven_own_fulfilment_cost == pytest.approx(3.836 * 1.1 - 1.325)
    assert r.fba_pays


def test_the_defaults_are_the_published_fees_and_our_assumptions(fees):
    d = mk.seller_defaults(fees)
    assert d == pytest.approx({**DEFAULTS, "minimum_referral_fee": 0.30})
    # With no arguments the model runs at those defaults: the hand-worked example above.
    assert mk.seller_economics().fbm.margin_per_month == pytest.approx(2475)
    assert mk.seller_economics(fees).fba.margin_per_month == pytest.approx(9.414 * 330)


def test_minimum_referral_fee_applies_to_cheap_items():
    r = mk.seller_economics(**{**DEFAULTS, "price": 5, "unit_cost": 1, "referral_rate": 0.05})
    assert r.fbm.referral_fee == pytest.approx(0.30)  # 5% of USD 5 is 0.25, under the minimum
    r = mk.seller_economics(**{**DEFAULTS, "price": 10, "unit_cost": 1, "referral_rate": 0.05})
    assert r.fbm.referral_fee == pytest.approx(0.50)
    r = mk.seller_economics(**{**DEFAULTS, "price": 5, "referral_rate": 0.05, "minimum_referral_fee": 0.0})
    assert r.fbm.referral_fee == pytest.approx(0.25)


def test_the_peak_season_storage_rate(fees):
    r = mk.seller_economics(**{**DEFAULTS, "storage_rate": 2.40, "cubic_feet": 0.3, "months_of_stock": 6})
    assert r.fba.storage_fee == pytest.approx(2.40 * 0.3 * 6)  # 4.32, more than the light item's FBA fee
    assert r.fbm.storage_fee == 0


@pytest.mark.parametrize("own", [0.0, 2.0, 6.5, 15.0])
@pytest.mark.parametrize("uplift", [0.0, 0.3])
def test_breakeven_separates_the_two_paths(own, uplift):
    r = mk.seller_economics(**{**DEFAULTS, "own_fulfilment_cost": own, "prime_uplift": uplift})
    k = r.breakeven_own_fulfilment_cost
    if 0 <= k <= 15:
        at_k = mk.seller_economics(**{**DEFAULTS, "own_fulfilment_cost": k, "prime_uplift": uplift})
        assert at_k.fbm.margin_per_month == pytest.approx(at_k.fba.margin_per_month)
    assert r.fba_pays == (own > k + 1e-12)


@pytest.mark.parametrize("name, value", [
    ("price", 0), ("price", 500), ("price", 100.5), ("referral_rate", 0.6), ("fba_fee", -1), ("prime_uplift", 1.5),
    ("units_per_month", 0), ("cubic_feet", float("nan")), ("own_fulfilment_cost", "cheap"),
    ("own_fulfilment_cost", 16), ("storage_rate", 1.0), ("minimum_referral_fee", -0.1),
])
def test_seller_model_refuses_bad_input(name, value):
    with pytest.raises(AssumptionError, match=name):
        mk.seller_economics(**{**DEFAULTS, name: value})


def test_seller_model_accepts_its_bounds():
    low = mk.seller_economics(price=5, unit_cost=0, referral_rate=0.05, fba_fee=2, cubic_feet=0.02, months_of_stock=0,
                              own_fulfilment_cost=0, prime_uplift=0, units_per_month=10)
    # Referral max(0.05 * 5, 0.30) = 0.30; no storage; FBM 5 - 0.30 = 4.70 a unit, FBA 4.70 - 2 = 2.70.
    assert (low.fbm.margin_per_month, low.fba.margin_per_month) == pytest.approx((47.0, 27.0))
    high = mk.seller_economics(price=100, unit_cost=60, referral_rate=0.45, fba_fee=12, storage_rate=2.40, cubic_feet=1,
                               months_of_stock=6, own_fulfilment_cost=15, prime_uplift=1, units_per_month=1000)
    # Referral 45; storage 2.40 * 1 * 6 = 14.40; FBM 100 - 60 - 45 - 15 = -20 a unit, FBA 100 - 60 - 71.40 = -31.40.
    assert (high.fbm.margin_per_month, high.fba.margin_per_month) == pytest.approx((-20_000, -31.4 * 2000))


def test_the_storage_season_is_a_choice_of_the_published_rates(fees):
    storage = seller.seller_model(fees).inputs["storage_rate"]
    assert storage.options == (("Jan–Sep", 0.78), ("Oct–Dec", 2.40)) and storage.default == 0.78


def test_controls_say_whose_figure_they_are(fees):
    inputs = seller.seller_model(fees).inputs
    assumed = {"price", "unit_cost", "cubic_feet", "months_of_stock", "own_fulfilment_cost", "prime_uplift",
               "units_per_month"}
    assert all(inputs[n].label_text.startswith("Assumption: ") for n in assumed)
    assert not any(inputs[n].label_text.startswith("Assumption") for n in set(inputs) - assumed)  # published fees
    assert inputs["referral_rate"].label_text == "Referral fee (% of price; 15% in most categories)"
    assert all("amazon_seller_fees.csv" in inputs[n].source for n in set(inputs) - assumed)


def test_another_chapter_extends_the_seller_model(fees):
    """An advertising chapter adds ad spend, a share of the seller's sales, on both paths."""
    ad_share = Input("ad_share", "advertising", "% of the seller's sales", 0.05, 0.0, 0.3, 0.5, ASSUMPTION, "ours")

    @formula
    def fbm_margin_after_ads(fbm_margin_per_unit, ad_share, price):
        return fbm_margin_per_unit - ad_share * price

    @formula
    def fba_margin_after_ads(fba_margin_per_unit, ad_share, price):
        return fba_margin_per_unit - ad_share * price

    ads = mk.seller_model(fees, name="seller with ads", prefix="ads", inputs=[ad_share],
                          formulas=[fbm_margin_after_ads, fba_margin_after_ads])
    result = ads.evaluate(ad_share=0.1)
    # 10% of a USD 25 price is 2.50 a unit on either path.
    assert result["fbm_margin_after_ads"] == pytest.approx(8.25 - 2.5)
    assert result["fba_margin_after_ads"] == pytest.approx(9.414 - 2.5)
    assert "ads_price" in ads.param_names() and "ads_ad_share" in ads.param_names()
    assert "ads_ad_share" in ads.expressions(["fba_margin_after_ads"])["fba_margin_after_ads"]


# --- the seller chart's words and readouts --------------------------------------------------


def test_the_readouts_state_the_defaults(fees):
    values = seller.seller_paths_model(fees).evaluate()
    # 8.25 * 300 = 2,475 and 9.414 * 330 = 3,106.62 a month; k* = 2.8946.
    assert values["margins_readout"] == "FBM $2,475 a month, FBA $3,107"
    assert values["breakeven_readout"] == "FBA pays once your own fulfilment costs over $2.89 a unit"


def test_the_readouts_of_a_loss_and_of_fba_paying_at_any_cost(fees):
    model = seller.seller_paths_model(fees)
    # Price 5: referral 0.75, FBM (5 - 8 - 0.75 - 5) * 300 = -2,625.
    assert model.evaluate(price=5)["margins_readout"].startswith("FBM −$2,625 a month")
    # Doubled sales with FBA: k* = 3.836 * 2 - 13.25 = -5.578, so FBA pays even if shipping costs nothing.
    assert model.evaluate(prime_uplift=1)["breakeven_readout"] == "FBA pays at any own fulfilment cost"


def test_a_tie_rounds_away_from_zero_as_the_browser_does():
    # 10 units at USD 8.25: USD 82.50 a month. Python alone would write "$82" (half to even).
    assert seller.whole_dollars(82.5) == "$83"
    assert seller.whole_dollars(-82.5) == "−$83"
    assert seller.whole_dollars(-0.4) == "$0"


def test_the_price_splits_into_its_parts_on_each_path(fees):
    model = mk.price_split_model(fees)
    parts = {(row["path"], row["part"]): model.evaluate(path=row["path"], part=row["part"])
             for row in seller.price_split_rows()}
    fbm = [parts[("FBM", p)]["price_part"] for p in mk.PRICE_PARTS]
    fba = [parts[("FBA", p)]["price_part"] for p in mk.PRICE_PARTS]
    # referral, FBA fee, storage, own fulfilment, product cost, margin
    assert fbm == pytest.approx([3.75, 0, 0, 5, 8, 8.25])
    assert fba == pytest.approx([3.75, 3.68, 0.156, 0, 8, 9.414])
    assert sum(fbm) == pytest.approx(25) and sum(fba) == pytest.approx(25)
    assert parts[("FBA", "margin")]["part_share_of_price"] == pytest.approx(9.414 / 25)
    assert parts[("FBM", "margin")]["path_shares_label"] == "Amazon 15%, seller keeps 65%"
    assert parts[("FBA", "margin")]["path_shares_label"] == "Amazon 30%, seller keeps 70%"


def test_seller_chart_text():
    text = mk.seller_paths_text(mk.seller_economics(**DEFAULTS), "test source")
    # 3,106.62 - 2,475 = 631.62 a month in favour of FBA.
    assert text.takeaway == "FBA pays this seller USD 632 more a month; Amazon keeps 30% of the price, not 15%"
    assert "USD 2.89 at the defaults" in text.description and text.source == "test source"
    # Shipping for nothing: FBM 13.25 * 300 = 3,975 a month, 868.38 more than FBA.
    cheap = mk.seller_paths_text(mk.seller_economics(**{**DEFAULTS, "own_fulfilment_cost": 0}), "s")
    assert cheap.takeaway.startswith("FBA costs this seller USD 868 a month")


def test_seller_split_text():
    text = mk.seller_split_text(mk.seller_economics(**DEFAULTS), "test source")
    assert text.takeaway == "Amazon keeps 30% of the price with FBA, 15% without"
    assert "the seller's margin 33% and 38%" in text.description  # 8.25 / 25 and 9.414 / 25


def test_seller_chart_controls_are_the_declared_inputs(fees):
    spec = mk.seller_paths_chart(fees, "test source").to_dict()
    bench = mk.seller_workbench(fees, "test source")
    params = {p["name"]: p for p in spec["params"]}
    assert bound_parameters(spec) == [f"seller_{name}" for name in mk.SELLER_CONTROLS]
    for name, widget in bench.controls.items():
        bind, value = params[f"seller_{name}"]["bind"], params[f"seller_{name}"]["value"]
        assert bind["name"].strip() == widget.description  # one label, one range, one default
        if bind["input"] == "range":
            assert (bind["min"], bind["max"], bind["step"], value) == (widget.min, widget.max, widget.step, widget.value)
        else:
            assert bind["options"] == [0.78, 2.40] and bind["labels"] == ["Jan–Sep", "Oct–Dec"] and value == 0.78
    assert (params["seller_price"]["bind"]["min"], params["seller_price"]["bind"]["max"]) == (5, 100)
    assert "0.3" in json.dumps(spec)  # the published minimum referral fee, written into the formulas


# --- the document's claim -------------------------------------------------------------------


def test_price_where_amazon_takes_half():
    # 0.15 p + 3.836 = 0.5 p  ->  p = 3.836 / 0.35
    assert mk.price_where_amazon_takes(0.5, 0.15, 3.836) == pytest.approx(3.836 / 0.35)
    # Below the minimum referral fee: 0.30 + 1 = 0.5 p -> p = 2.6 (5% of 2.6 is under 0.30).
    assert mk.price_where_amazon_takes(0.5, 0.05, 1.0) == pytest.approx(2.6)
    assert mk.price_where_amazon_takes(0.5, 0.05, 1.0, minimum_referral_fee=0.0) == pytest.approx(1 / 0.45)
    # A referral rate of half or more takes half at every price.
    assert mk.price_where_amazon_takes(0.4, 0.45, 3.0) == float("inf")
    with pytest.raises(AssumptionError, match="share"):
        mk.price_where_amazon_takes(0, 0.15, 3.0)
    with pytest.raises(AssumptionError, match="fixed_fees"):
        mk.price_where_amazon_takes(0.5, 0.15, -1)


def test_the_claim_model_is_the_seller_models_share(fees):
    claim = mk.claim_model(fees)
    # At the price where Amazon takes half, the claim model's share is half.
    light = mk.price_where_amazon_takes(0.5, 0.15, 3.836)
    assert claim.evaluate(price=light, fixed_fees=3.836)["amazon_share_of_price"] == pytest.approx(0.5)
    # And at any price it is the seller model's FBA share with the same fees: (3.75 + 3.68 + 0.156) / 25.
    assert claim.evaluate(price=25, fixed_fees=3.836)["amazon_share_of_price"] == pytest.approx(7.586 / 25)
    assert claim.evaluate(price=25, fixed_fees=0)["amazon_share_of_price"] == pytest.approx(0.15)


def test_the_half_price_thresholds(fees):
    # (fee + storage 0.156) / (0.5 - 0.15), each inside the band its fee applies to.
    assert mk.fba_half_price_threshold(fees) == pytest.approx((3.68 + 0.156) / 0.35)                        # 10.96
    assert mk.fba_half_price_threshold(fees, mk.HEAVY_FBA_FEE_ROW) == pytest.approx((6.62 + 0.156) / 0.35)  # 19.36
    assert mk.fba_half_price_threshold(fees, mk.LOW_PRICE_FBA_FEE_ROW) == pytest.approx((2.91 + 0.156) / 0.35)  # 8.76
    assert mk.fba_half_price_threshold(fees, mk.FBA_FEES_2026["USD 10-50"]) == pytest.approx((3.73 + 0.156) / 0.35)
    assert mk.fba_half_price_threshold(fees, mk.LOW_PRICE_FBA_FEE_ROW) < 10 <= mk.fba_half_price_threshold(fees)


def test_the_claim_rows_pay_the_fee_of_the_price_band(fees):
    rows = {(r["series"], r["price"]): r for r in mk.claim_rows(fees, [5.0, 9.5, 10.0, 100.0])}
    light, heavy = mk.CLAIM_FBA_FEES.values()
    assert rows[(light, 9.5)]["fixed_fees"] == pytest.approx(2.91 + 0.156)
    assert rows[(light, 10.0)]["fixed_fees"] == pytest.approx(3.68 + 0.156)
    assert rows[(light, 100.0)]["fba_fee"] == pytest.approx(3.68)  # the 2025 schedule: one rate from USD 10 up
    assert (heavy, 9.5) not in rows and rows[(heavy, 10.0)]["fixed_fees"] == pytest.approx(6.62 + 0.156)
    assert rows[(mk.WITHOUT_FBA, 5.0)]["fixed_fees"] == 0


def test_claim_text(fees):
    text = mk.claim_text(fees, "test source")
    # (3.68 + 0.156) / 0.35 = 10.96 and (6.62 + 0.156) / 0.35 = 19.36, to the cent.
    assert text.takeaway == "FBA fees pass half the price only below USD 10.96 (light item) or USD 19.36 (3 lb item)"
    # Under USD 10 the Low-Price rate: (2.91 + 0.156) / 0.35 = 8.76.
    assert "Low-Price FBA rate (USD 2.91)" in text.subtitle and "below 8.76 dollars under 10" in text.description
    # At USD 25 with the 3 lb fee: (3.75 + 6.776) / 25 = 42%.
    assert "FBA, large standard 3 lb 42%" in text.description
    assert "Without FBA (referral fee only) 15%" in text.description


def test_claim_table(fees):
    table = mk.claim_table(fees, prices=(8, 10, 25, 100)).set_index(["price", "item"])
    light, heavy = "FBA, large standard 4 oz", "FBA, large standard 3 lb"
    # USD 25, 3 lb item: referral 3.75 + FBA 6.62 + storage 0.156 = 10.526, 42.1% of 25.
    assert table.at[(25, heavy), "amazon_pct"] == pytest.approx(100 * 10.526 / 25)
    # USD 10, light item: 1.50 + 3.68 + 0.156 = 5.336 -> Amazon 53.4%, the seller keeps 46.6%.
    assert table.at[(10, light), "seller_keeps_pct"] == pytest.approx(100 - 53.36)
    # USD 8, under USD 10: the Low-Price rate, 1.20 + 2.91 + 0.156 = 4.266 -> 53.3%; the 3 lb item's was not read.
    assert table.at[(8, light), "fba_fee"] == pytest.approx(2.91)
    assert table.at[(8, light), "amazon_pct"] == pytest.approx(100 * 4.266 / 8)
    assert table.loc[(8, heavy), ["fba_fee", "amazon_pct"]].isna().all()
    # USD 100: 15 + 3.68 + 0.156 = 18.836%.
    assert table.at[(100, light), "amazon_pct"] == pytest.approx(18.836)


def test_the_2026_schedule_against_the_2025(fees):
    compared = mk.fee_schedules_compared(fees, prices=(8, 25, 100))
    assert list(compared["fee_2026"]) == pytest.approx([2.91, 3.73, 3.99])
    assert list(compared["fee_2025"]) == pytest.approx([2.91, 3.68, 3.68])
    # USD 25: (3.75 + 3.73 + 0.156) / 25 = 30.544%; USD 100: (15 + 3.99 + 0.156) / 100 = 19.146%.
    assert compared.at[25, "amazon_pct_2026"] == pytest.approx(30.544)
    assert compared.at[100, "amazon_pct_2026"] == pytest.approx(19.146)
    # With the temporary 3.5% surcharge on the fulfilment fee (not on referral or storage): 3.73 x 1.035 = 3.86055.
    assert compared.at[25, "fee_2026_surcharged"] == pytest.approx(3.73 * 1.035)
    assert compared.at[25, "amazon_pct_2026_surcharged"] == pytest.approx(100 * (3.75 + 3.73 * 1.035 + 0.156) / 25)


# --- take rate ------------------------------------------------------------------------------


def test_take_rate_by_hand():
    # Half the units third-party at first-party prices: third-party GMV equals first-party GMV.
    assert mk.take_rate(100, 200, 0.5) == pytest.approx((200, 0.5))
    # Three quarters third-party: three times the first-party GMV.
    assert mk.take_rate(100, 200, 0.75) == pytest.approx((600, 1 / 6))
    # Third-party units at 80% of the price, first-party GMV 110% of online-store sales.
    assert mk.take_rate(100, 200, 0.5, 0.8, 1.1) == pytest.approx((200 * 1.1 * 0.8, 100 / 176))


@pytest.mark.parametrize("name, value", [("third_party_unit_share", 0.95), ("third_party_unit_share", 0.05),
                                         ("price_ratio", 2), ("first_party_gmv_ratio", 0.5)])
def test_take_rate_refuses_bad_input(name, value):
    args = {"third_party_unit_share": 0.6, "price_ratio": 1.0, "first_party_gmv_ratio": 1.0, name: value}
    with pytest.raises(AssumptionError, match=name):
        mk.take_rate(100, 200, **args)


def test_take_rate_refuses_sales_that_are_not_positive():
    with pytest.raises(AssumptionError, match="online_stores"):
        mk.take_rate(100, 0, 0.5)


def test_take_rate_table_from_the_filings(wide, statements, quarterly):
    table = mk.take_rate_table(wide, statements, quarterly)
    assert list(table.index) == ["FY2020", "FY2024", "FY2025", "TTM to Q2 2026"]
    # FY2024 10-K: seller services 156,146; online stores 247,029; the four quarters' shares average 61%.
    assert table.at["FY2024", "take_rate"] == pytest.approx(156_146 / (247_029 * 0.61 / 0.39))    # 40.4%
    assert table.at["FY2024", "take_rate_q4_share"] == pytest.approx(156_146 / (247_029 * 0.62 / 0.38))  # 38.7%
    # FY2025 10-K: 172,162 and 269,287; shares average 61.5% (Q4 alone: 61%).
    assert table.at["FY2025", "take_rate"] == pytest.approx(172_162 / (269_287 * 0.615 / 0.385))   # 40.0%
    assert table.at["FY2025", "take_rate_q4_share"] == pytest.approx(172_162 / (269_287 * 0.61 / 0.39))  # 40.9%
    assert table.at["FY2020", "take_rate"] == pytest.approx(80_461 / (197_346 * 0.55 / 0.45))
    # TTM to Q2 2026: the four quarters' sums; the share averaged over the three quarters stated (62, 61, 61).
    share = (0.62 + 0.61 + 0.61) / 3
    assert table.at["TTM to Q2 2026", "take_rate"] == pytest.approx(183_660 / (285_081 * share / (1 - share)))
    assert table.at["TTM to Q2 2026", "share_basis"] == "average of Q3 2025–Q2 2026 (Q1 2026 not read)"
    shown = mk.take_rate_table_shown(table)
    assert shown.at["FY2024", "Take rate (%)"] == 40.4 and shown.at["TTM to Q2 2026", "With Q4's share alone (%)"] == "n/a"


def test_take_rate_text(wide, statements, quarterly):
    text = mk.take_rate_text(mk.take_rate_table(wide, statements, quarterly), "test source")
    assert text.takeaway == ("Take rate: about 40% of third-party sales in FY2025 (41% in the TTM to Q2 2026), "
                             "up from 33% in FY2020")
    assert "FY2020: Q4 2020 alone, from one secondary report" in text.subtitle
    assert "FY2024 61.0% share (average of Q1–Q4 2024) gives 40.4%" in text.description


def test_take_rate_chart_controls_and_dots(wide, statements, quarterly):
    table = mk.take_rate_table(wide, statements, quarterly)
    spec = mk.take_rate_chart(table, "test source").to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert list(params) == ["take_rate_price_ratio", "take_rate_first_party_gmv_ratio"]
    assert params["take_rate_price_ratio"]["bind"]["name"].startswith("Assumption: third-party unit price")
    assert (params["take_rate_price_ratio"]["bind"]["min"], params["take_rate_price_ratio"]["bind"]["max"]) == (50, 150)
    # Each line holds its stated share exactly, so that its dot sits at the share, not at a rounded one.
    grid = mk.market_charts.take_rate_grid(table)
    assert {61.5, 61.0} <= set(grid["share_pct"]) and (grid["share_pct"] == grid["stated_pct"]).sum() == len(table)


def test_growth_text(wide, statements, quarterly):
    growth = mk.marketplace_growth(wide)
    row, _ = mk.growth_ttm(growth, quarterly)
    text = mk.growth_text(growth, row, mk.unit_share_statements(quarterly, statements), "test source")
    # 172,162 / 11,747 = 14.7; 269,287 / 68,513 = 3.9 (FY2025 and FY2014 10-K figures).
    assert text.takeaway == "FY2014–FY2025: seller fees grew 14.7-fold, Amazon's own online sales 3.9-fold"
    assert "TTM to Q2 2026" in text.subtitle and "183.7 billion in the TTM to Q2 2026" in text.description
    assert "Q4 2020 55%, Q1 2024 61%" in text.description and "Q2 2026 61%; Q1 2026 not read." in text.description


def test_charts_draw_with_their_words(fees, wide, statements, quarterly):
    growth = mk.marketplace_growth(wide)
    row, _ = mk.growth_ttm(growth, quarterly)
    spec = mk.growth_chart(growth, row, mk.unit_share_statements(quarterly, statements), "test source").to_dict()
    assert title_text(spec).startswith("FY2014–FY2025") and "Source: test source" in spec["title"]["subtitle"]
    assert "TTM to Q2 2026" in json.dumps(spec["datasets"])  # the TTM is drawn, under its name
    spec = mk.claim_chart(fees, "test source").to_dict()
    assert bound_parameters(spec) == ["claim_referral_rate"]


# --- workbench ------------------------------------------------------------------------------


def test_workbench_sentence_and_table():
    r = mk.seller_economics(**DEFAULTS)
    sentence = mk.seller_sentence(r)
    assert "USD 8.25 a unit" in sentence and "USD 2.89 a unit" in sentence and sentence.startswith("FBM")
    html = mk.seller_table_html(r)
    assert "<table" in html and "9.41" in html and "30.3%" in html


def test_seller_workbench_recomputes(fees):
    bench = mk.seller_workbench(fees, "test source")
    assert bench.compute().fbm.margin_per_unit == pytest.approx(8.25)
    bench.controls["own_fulfilment_cost"].value = 2.0  # below the break-even of 2.89: FBM now pays
    assert bench.result.fbm.margin_per_unit == pytest.approx(25 - 8 - 3.75 - 2)
    assert not bench.result.fba_pays and "Fulfilling orders yourself earns more" in bench.sentence.value
    bench.controls["referral_rate"].value = 45
    assert bench.result.fbm.referral_fee == pytest.approx(0.45 * 25)
    bench.controls["storage_rate"].value = 2.40  # the peak season
    assert bench.result.fba.storage_fee == pytest.approx(2.40 * 0.1 * 2)
    assert len(bench.last_chart.to_dict()["description"]) > 80
