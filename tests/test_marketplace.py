"""Tests of the marketplace chapter's data, models and charts (amazon_case.marketplace).

Expected values are worked out by hand from the formulas stated in the docstrings, or are the
published fees and 10-K figures themselves, not outputs of the code under test.
"""

import hashlib
import json

import pytest

from amazon_case import data, display, marketplace as mk
from amazon_case.models import AssumptionError
from conftest import bound_parameters


@pytest.fixture(scope="module")
def fees():
    return mk.load_fees()


# --- data -----------------------------------------------------------------------------------


def test_fee_manifest_describes_its_file():
    csv_path = data.DATA_DIR / "amazon_seller_fees.csv"
    manifest = json.loads((data.DATA_DIR / "amazon_seller_fees.resource.json").read_text())
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
    # The US fee schedule as the cited pages give it.
    assert mk.fee(fees, "referral_fee_rate_most_categories") == pytest.approx(0.15)
    assert mk.fee(fees, "referral_fee_minimum_per_item") == pytest.approx(0.30)
    assert mk.fee(fees, "fba_fulfilment_fee_large_standard_4oz") == pytest.approx(3.68)
    assert mk.fee(fees, "monthly_storage_fee_standard_jan_sep") == pytest.approx(0.78)
    assert mk.fee(fees, "monthly_storage_fee_standard_oct_dec") == pytest.approx(2.40)
    assert fees["url"].str.startswith("https://").all()
    assert (fees["source"].str.len() > 10).all() and (fees["note"].str.len() > 10).all()


def test_a_fee_row_without_a_source_is_rejected(tmp_path):
    src = data.DATA_DIR / "amazon_seller_fees.csv"
    lines = src.read_text().splitlines()
    cells = lines[1].split(",")
    lines[1] = ",".join(cells[:6] + [""] + cells[7:])  # empty 'source' (a quoted field follows)
    broken = tmp_path / "amazon_seller_fees.csv"
    broken.write_text("\n".join(lines) + "\n")
    (tmp_path / "amazon_seller_fees.resource.json").write_text(
        (data.DATA_DIR / "amazon_seller_fees.resource.json").read_text())
    with pytest.raises(data.DataValidationError) as err:
        mk.load_fees(broken)
    assert "row 2" in str(err.value)


def test_unknown_fee_is_an_error(fees):
    with pytest.raises(KeyError, match="no fee"):
        mk.fee(fees, "fee_that_is_not_published")


# --- growth ---------------------------------------------------------------------------------


def test_marketplace_growth(wide):
    growth = mk.marketplace_growth(wide)
    # FY2021 10-K: third-party seller services 103,366; online stores 222,075 (USD millions).
    assert growth.at[2021, "third_party_seller_services"] == 103_366
    assert growth.at[2021, "online_stores"] == 222_075
    assert growth.at[2021, "ratio"] == pytest.approx(103_366 / 222_075)
    assert growth.at[2014, "online_stores_index"] == 100
    assert growth.at[2024, "third_party_seller_services_index"] == pytest.approx(
        100 * wide.at[2024, "net_sales_third_party_seller_services"] / wide.at[2014, "net_sales_third_party_seller_services"])


# --- seller model ---------------------------------------------------------------------------

DEFAULTS = dict(price=25, unit_cost=8, referral_rate=0.15, fba_fee=3.68, storage_rate=0.78, cubic_feet=0.1,
                months_of_stock=2, own_fulfilment_cost=5, prime_uplift=0.1, units_per_month=300)


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
    # k* = (f + storage)(1 + u) - (p - c - referral) u = 3.836 * 1.1 - 13.25 * 0.1
    assert r.breakeven_own_fulfilment_cost == pytest.approx(3.836 * 1.1 - 1.325)
    assert r.fba_pays


def test_minimum_referral_fee_applies_to_cheap_items():
    r = mk.seller_economics(**{**DEFAULTS, "price": 5, "unit_cost": 1, "referral_rate": 0.05})
    assert r.fbm.referral_fee == pytest.approx(0.30)  # 5% of USD 5 is 0.25, under the minimum
    r = mk.seller_economics(**{**DEFAULTS, "price": 10, "unit_cost": 1, "referral_rate": 0.05})
    assert r.fbm.referral_fee == pytest.approx(0.50)


@pytest.mark.parametrize("own", [0.0, 2.0, 6.5, 15.0])
@pytest.mark.parametrize("uplift", [0.0, 0.3])
def test_breakeven_separates_the_two_paths(own, uplift):
    r = mk.seller_economics(**{**DEFAULTS, "own_fulfilment_cost": own, "prime_uplift": uplift})
    k = r.breakeven_own_fulfilment_cost
    at_k = mk.seller_economics(**{**DEFAULTS, "own_fulfilment_cost": k, "prime_uplift": uplift}) if 0 <= k <= 30 else None
    if at_k is not None:
        assert at_k.fbm.margin_per_month == pytest.approx(at_k.fba.margin_per_month)
    assert r.fba_pays == (own > k + 1e-12)


@pytest.mark.parametrize("name, value", [
    ("price", 0), ("price", 500), ("referral_rate", 0.6), ("fba_fee", -1), ("prime_uplift", 1.5),
    ("units_per_month", 0), ("cubic_feet", float("nan")), ("own_fulfilment_cost", "cheap"),
])
def test_seller_model_refuses_bad_input(name, value):
    with pytest.raises(AssumptionError, match=name):
        mk.seller_economics(**{**DEFAULTS, name: value})


def test_seller_defaults_use_the_published_fees(fees):
    d = mk.seller_defaults(fees)
    assert d["referral_rate"] == pytest.approx(0.15) and d["fba_fee"] == pytest.approx(3.68)
    assert d["storage_rate"] == pytest.approx(0.78) and d["minimum_referral_fee"] == pytest.approx(0.30)


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


def test_take_rate_table_from_the_filings(wide, statements):
    table = mk.take_rate_table(wide, statements)
    assert list(table.index) == [2020, 2024, 2025]
    # FY2024 10-K: seller services 156,146; online stores 247,029; Q4 2024 share 62%.
    assert table.at[2024, "take_rate"] == pytest.approx(156_146 / (247_029 * 0.62 / 0.38))
    assert table.at[2020, "take_rate"] == pytest.approx(80_461 / (197_346 * 0.55 / 0.45))


# --- charts ---------------------------------------------------------------------------------


def _check_chart(chart, params):
    spec = chart.to_dict()
    assert "Source: test source" in " ".join(spec["title"]["subtitle"])
    assert len(spec["description"]) > 80
    assert bound_parameters(spec) == set(params)
    return spec


def test_seller_chart(fees):
    spec = _check_chart(mk.seller_paths_chart(fees, "test source"), mk.SELLER_PARAMS)
    # The takeaway states the default result: 3106.62 - 2475 = 631.62 a month in favour of FBA.
    assert "pays this seller USD 632 more a month" in display.title_text(spec)
    assert "30%" in display.title_text(spec) and "15%" in display.title_text(spec)
    labels = {p["name"]: p["bind"]["name"] for p in spec["params"]}
    assumed = {"seller_price", "seller_unit_cost", "seller_cubic_feet", "seller_months", "seller_own_cost",
               "seller_uplift", "seller_units"}
    assert all(labels[n].startswith("Assumption: ") for n in assumed)
    assert not any(labels[n].startswith("Assumption") for n in set(labels) - assumed)  # published fees


def test_take_rate_chart(wide, statements):
    table = mk.take_rate_table(wide, statements)
    spec = _check_chart(mk.take_rate_chart(table, "test source", data.UNAUDITED_YEARS), mk.TAKE_RATE_PARAMS)
    assert "39% of third-party sales in FY2024" in display.title_text(spec)
    assert "33% in FY2020" in display.title_text(spec)


def test_growth_chart(wide, statements):
    spec = _check_chart(mk.growth_chart(mk.marketplace_growth(wide), statements, "test source", data.UNAUDITED_YEARS),
                        mk.GROWTH_PARAMS)
    # 156,146 / 11,747 = 13.3; 247,029 / 68,513 = 3.6 (FY2024 and FY2014 10-K figures).
    assert "13.3-fold" in display.title_text(spec) and "3.6-fold" in display.title_text(spec)


def test_workbench_sentence_table_and_chart():
    r = mk.seller_economics(**DEFAULTS)
    sentence = mk.seller_sentence(r)
    assert "USD 8.25 a unit" in sentence and "USD 2.89 a unit" in sentence and sentence.startswith("FBM")
    html = mk.seller_table_html(r)
    assert "<table" in html and "9.41" in html and "30.3%" in html
    assert len(mk.seller_split_chart(r, "test source").to_dict()["description"]) > 80


# --- the document's claim -------------------------------------------------------------------


def test_price_where_amazon_takes_half():
    # 0.15 p + 3.836 = 0.5 p  ->  p = 3.836 / 0.35
    assert mk.price_where_amazon_takes(0.5, 0.15, 3.836) == pytest.approx(3.836 / 0.35)
    # Below the minimum referral fee: 0.30 + 1 = 0.5 p -> p = 2.6 (5% of 2.6 is under 0.30).
    assert mk.price_where_amazon_takes(0.5, 0.05, 1.0) == pytest.approx(2.6)
    # A referral rate of half or more takes half at every price.
    assert mk.price_where_amazon_takes(0.4, 0.45, 3.0) == float("inf")
    with pytest.raises(AssumptionError, match="share"):
        mk.price_where_amazon_takes(0, 0.15, 3.0)


def test_claim_chart(fees):
    spec = _check_chart(mk.claim_chart(fees, "test source", storage_per_unit=0.156), mk.CLAIM_PARAMS)
    # (3.68 + 0.156) / 0.35 = 10.96 and (6.62 + 0.156) / 0.35 = 19.36
    assert "below USD 11 (light item) or USD 19 (3 lb item)" in display.title_text(spec)
    # At USD 25 with the 3 lb fee: (3.75 + 6.776) / 25 = 42%.
    assert "FBA, large standard 3 lb 42%" in spec["description"]


def test_claim_table(fees):
    table = mk.claim_table(mk.seller_defaults(fees), fees, prices=(10, 25)).set_index(["price", "item"])
    # USD 25, 3 lb item: referral 3.75 + FBA 6.62 + storage 0.156 = 10.526, 42.1% of 25.
    assert table.at[(25, "FBA, large standard 3 lb"), "amazon_pct"] == pytest.approx(100 * 10.526 / 25)
    # USD 10, light item: 1.50 + 3.68 + 0.156 = 5.336 -> Amazon 53.4%, the seller keeps 46.6%.
    assert table.at[(10, "FBA, large standard 4 oz"), "seller_keeps_pct"] == pytest.approx(100 - 53.36)


def test_seller_workbench_recomputes(fees):
    defaults = mk.seller_defaults(fees)
    bench = mk.seller_workbench(defaults, "test source")
    assert bench.compute().fbm.margin_per_unit == pytest.approx(8.25)
    bench.controls["own_fulfilment_cost"].widget.value = 2.0  # below the break-even of 2.89: FBM now pays
    assert bench.result.fbm.margin_per_unit == pytest.approx(25 - 8 - 3.75 - 2)
    assert not bench.result.fba_pays and "Fulfilling orders yourself earns more" in bench.sentence.value
    bench.controls["referral_rate"].widget.value = 45
    assert bench.result.fbm.referral_fee == pytest.approx(0.45 * 25)
