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


def test_claim_text(fees):
    text = mk.claim_text(fees, "test source", storage_per_unit=0.156)
    # (3.68 + 0.156) / 0.35 = 10.96 and (6.62 + 0.156) / 0.35 = 19.36
    assert text.takeaway == "FBA fees pass half the price only below USD 11 (light item) or USD 19 (3 lb item)"
    # At USD 25 with the 3 lb fee: (3.75 + 6.776) / 25 = 42%.
    assert "FBA, large standard 3 lb 42%" in text.description
    assert "Without FBA (referral fee only) 15%" in text.description


def test_claim_table(fees):
    table = mk.claim_table(mk.seller_defaults(fees), fees, prices=(10, 25)).set_index(["price", "item"])
    # USD 25, 3 lb item: referral 3.75 + FBA 6.62 + storage 0.156 = 10.526, 42.1% of 25.
    assert table.at[(25, "FBA, large standard 3 lb"), "amazon_pct"] == pytest.approx(100 * 10.526 / 25)
    # USD 10, light item: 1.50 + 3.68 + 0.156 = 5.336 -> Amazon 53.4%, the seller keeps 46.6%.
    assert table.at[(10, "FBA, large standard 4 oz"), "seller_keeps_pct"] == pytest.approx(100 - 53.36)


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


def test_take_rate_table_from_the_filings(wide, statements):
    table = mk.take_rate_table(wide, statements)
    assert list(table.index) == [2020, 2024, 2025]
    # FY2024 10-K: seller services 156,146; online stores 247,029; Q4 2024 share 62%.
    assert table.at[2024, "take_rate"] == pytest.approx(156_146 / (247_029 * 0.62 / 0.38))
    assert table.at[2020, "take_rate"] == pytest.approx(80_461 / (197_346 * 0.55 / 0.45))


def test_take_rate_text(wide, statements):
    text = mk.take_rate_text(mk.take_rate_table(wide, statements), "test source", filings.UNAUDITED_YEARS)
    assert "about 39% of third-party sales in FY2024" in text.takeaway and "33% in FY2020" in text.takeaway
    assert "FY2025 (unaudited)" in text.description


def test_take_rate_chart_controls(wide, statements):
    spec = mk.take_rate_chart(mk.take_rate_table(wide, statements), "test source").to_dict()
    params = {p["name"]: p for p in spec["params"]}
    assert list(params) == ["take_rate_price_ratio", "take_rate_first_party_gmv_ratio"]
    assert params["take_rate_price_ratio"]["bind"]["name"].startswith("Assumption: third-party unit price")
    assert (params["take_rate_price_ratio"]["bind"]["min"], params["take_rate_price_ratio"]["bind"]["max"]) == (50, 150)


def test_growth_text(wide, statements):
    text = mk.growth_text(mk.marketplace_growth(wide), statements, "test source", filings.UNAUDITED_YEARS)
    # 156,146 / 11,747 = 13.3; 247,029 / 68,513 = 3.6 (FY2024 and FY2014 10-K figures).
    assert text.takeaway == "FY2014–FY2024: seller fees grew 13.3-fold, Amazon's own online sales 3.6-fold"
    assert "Q4 2020 55%, Q4 2024 62%, Q4 2025 61%" in text.description


def test_charts_draw_with_their_words(fees, wide, statements):
    spec = mk.growth_chart(mk.marketplace_growth(wide), statements, "test source", filings.UNAUDITED_YEARS).to_dict()
    assert title_text(spec).startswith("FY2014–FY2024") and "Source: test source" in spec["title"]["subtitle"]
    spec = mk.claim_chart(fees, "test source", storage_per_unit=0.156).to_dict()
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
