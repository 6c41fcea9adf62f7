"""Tests of the advertising chapter's data, models, chart words and workbench (amazon_case.advertising).

Expected values are the filed figures themselves (10-K lines, the quarterly releases' three-month figures) or
are worked out by hand from the formulas the docstrings state; none is copied from the code under test. That
the charts compute what Python computes is the book-wide formula parity test's job (tests/test_formula_parity.py).
"""

from __future__ import annotations

import pytest
import yaml

from amazon_case import advertising as ad, book, filings, marketplace as mk
from amazon_case.kit import AMAZON, ASSUMPTION, AssumptionError
from amazon_case.kit.display import bound_parameters, chart_source, title_text
from amazon_case.marketplace.model import SELLER_FORMULAS, seller_inputs


@pytest.fixture(scope="module")
def quarterly():
    return filings.load_quarterly()


@pytest.fixture(scope="module")
def fees():
    return mk.load_fees()


@pytest.fixture(scope="module")
def ads_history(wide):
    return ad.advertising_history(wide)


@pytest.fixture(scope="module")
def ttm(quarterly):
    return ad.advertising_ttm(quarterly)


@pytest.fixture(scope="module")
def take(wide, statements, quarterly, ttm):
    return ad.take_with_ads_table(wide, statements, quarterly, ttm[0]["advertising"])


@pytest.fixture(scope="module")
def ad_share(take):
    return ad.ad_share_from_data(take, "FY2025")


# --- the filed figures ----------------------------------------------------------------------


def test_advertising_from_its_first_reported_year(ads_history):
    # Form 10-K segment notes, net sales by groups (USD millions): FY2019 12,625 (FY2021 10-K), FY2025 68,635.
    assert list(ads_history.index) == list(range(2019, 2026))
    assert ads_history.at[2019, "advertising"] == 12_625
    assert ads_history.at[2021, "advertising"] == 31_160
    assert ads_history.at[2025, "advertising"] == 68_635
    # North America 29,619 and International 4,750 operating income in FY2025; a loss of 2,847 + 7,746 in FY2022.
    assert ads_history.at[2025, "store_oi"] == 29_619 + 4_750
    assert ads_history.at[2022, "store_oi"] == -2_847 - 7_746
    assert ads_history.at[2025, "breakeven_ad_margin"] == pytest.approx(34_369 / 68_635)
    assert ads_history.at[2025, "ads_share_of_net_sales"] == pytest.approx(68_635 / 716_924)
    assert ads_history.at[2025, "ads_to_seller_services"] == pytest.approx(68_635 / 172_162)
    assert ads_history.at[2024, "ads_to_store_oi"] == pytest.approx(56_214 / (24_967 + 3_792))


def test_every_dollar_of_advertising_is_in_the_store_segments(wide):
    """The AWS segment's net sales equal the AWS category, so the other six categories are North America plus
    International: advertising cannot sit in AWS."""
    years = wide.loc[2019:]
    assert (years["segment_aws_net_sales"] == years["net_sales_aws"]).all()
    others = years["net_sales_total"] - years["net_sales_aws"]
    assert (abs(others - years["segment_na_net_sales"] - years["segment_intl_net_sales"]) <= 1).all()


def test_a_year_without_advertising_is_refused(wide):
    broken = wide.copy()
    broken.loc[2023, "net_sales_advertising_services"] = float("nan")
    with pytest.raises(ValueError, match="advertising"):
        ad.advertising_history(broken)


def test_advertising_over_the_trailing_twelve_months(ttm, quarterly):
    row, sums = ttm
    assert row.name == "TTM to Q2 2026"
    # Three-month advertising services, Q3 2025 to Q2 2026 releases (USD millions).
    assert row["advertising"] == 17_703 + 21_317 + 17_243 + 19_809  # 76,072
    assert sums["advertising"].quarters == ((2025, 3), (2025, 4), (2026, 1), (2026, 2))
    assert any("Q2 2026 earnings release" in d for d in sums["advertising"].documents)
    # Against the same four quarters a year earlier (Q3 2024 to Q2 2025): 14,331 + 17,288 + 13,921 + 15,694.
    assert ad.ttm_growth(quarterly, "advertising", (2026, 2)) == pytest.approx(76_072 / 61_234 - 1)
    # The four quarters of fiscal 2025 add up to the 10-K's year.
    assert ad.advertising_ttm(quarterly, (2025, 4))[0]["advertising"] == 68_635


def test_a_trailing_sum_with_a_missing_quarter_is_refused(quarterly):
    holed = quarterly[~((quarterly["fiscal_year"] == 2025) & (quarterly["quarter"] == 4)
                        & (quarterly["metric"] == "net_sales_advertising_services"))]
    with pytest.raises(KeyError, match="Q4 2025"):
        ad.advertising_ttm(holed)


def test_growth_rows_put_the_ttm_after_the_years(ads_history, ttm):
    rows = ad.growth_rows(ads_history, ttm[0])
    assert list(dict.fromkeys(rows["period"])) == [str(y) for y in range(2019, 2026)] + ["TTM to Q2 2026"]
    ttm_ads = rows[(rows["period"] == "TTM to Q2 2026") & (rows["line"] == "Advertising services")].iloc[0]
    assert ttm_ads["net_sales_bn"] == pytest.approx(76.072) and ttm_ads["sales_index"] == pytest.approx(100 * 76_072 / 12_625)
    assert set(rows.loc[rows["to_ttm"], "period"]) == {"2025", "TTM to Q2 2026"}


def test_the_special_charges_of_the_second_half_of_2025(quarterly):
    charges = ad.special_charges(quarterly, [(2025, 3), (2025, 4)])
    # Q3 2025 release: FTC settlement 2.5bn, severance 1.8bn; Q4 2025: Italy and a lawsuit 1.1bn, severance 730m,
    # impairments 610m.
    assert charges["value"].sum() == 2_500 + 1_800 + 1_100 + 730 + 610
    assert ad.special_charges(quarterly, [(2024, 1)]).empty


# --- the store segments without advertising -------------------------------------------------

ROW = dict(advertising=100.0, na_sales=300.0, intl_sales=100.0, na_oi=40.0, intl_oi=-5.0)


def test_advertising_splits_by_net_sales_and_the_tilt():
    even = ad.STORES.evaluate(**ROW)
    assert even["na_advertising"] == pytest.approx(75) and even["intl_advertising"] == pytest.approx(25)
    # North America twice as much per dollar: 600 / (600 + 100) of the 100.
    tilted = ad.STORES.evaluate(**ROW, na_ad_weight=2.0)
    assert tilted["na_advertising"] == pytest.approx(100 * 600 / 700)


@pytest.mark.parametrize("segments, income, ads", [("both", 35, 100), ("na", 40, 75), ("intl", -5, 25)])
def test_income_without_advertising(segments, income, ads):
    r = ad.STORES.evaluate(**ROW, segments=segments, ad_margin=0.4)
    assert r["segment_income"] == pytest.approx(income) and r["segment_advertising"] == pytest.approx(ads)
    assert r["income_without_ads"] == pytest.approx(income - 0.4 * ads)
    assert r["breakeven_ad_margin"] == pytest.approx(income / ads)


def test_the_stores_on_the_filed_figures(ads_history, ttm):
    rows = ad.store_rows(ads_history, ttm[0])
    result = ad.stores_without_ads(rows)  # a 50% margin
    # FY2025: 34.369 - 0.5 x 68.635 = 0.0515; FY2019: 5.340 - 6.3125 = -0.9725.
    assert result.at["FY2025", "income_without_ads"] == pytest.approx(34.369 - 0.5 * 68.635)
    assert result.at["FY2019", "income_without_ads"] == pytest.approx(5.340 - 0.5 * 12.625)
    # TTM: (33,651 + 5,380) / 76,072 from the releases' three-month figures.
    assert result.at["TTM to Q2 2026", "breakeven_ad_margin"] == pytest.approx((33.651 + 5.380) / 76.072)
    assert int((result.loc[result.index.str.startswith("FY"), "income_without_ads"] < 0).sum()) == 5
    shown = ad.stores_table(rows)
    assert shown.at["FY2022", "Break-even ad margin (%)"] == "none: a loss with it"
    assert shown.at["FY2025", "Break-even ad margin (%)"] == "50.1"


def test_the_stores_readouts(ads_history, ttm):
    row = ad.store_rows(ads_history, ttm[0]).set_index("label")
    fields = lambda label: {k: row.at[label, k] for k in ("advertising", "na_sales", "intl_sales", "na_oi", "intl_oi")}
    r = ad.STORES_READOUT.evaluate(label="FY2025", **fields("FY2025"))
    assert r["without_ads_readout"] == ("FY2025 at a 50% ad margin: the store segments would earn USD 0.1 bn without "
                                       "advertising")
    assert r["breakeven_readout"] == "Without it, the store segments would lose money at any ad margin above 50.1%"
    # 426,305 / 588,199 of advertising in North America, by net sales.
    assert r["allocation_readout"] == "North America's share of advertising, by our split: 72.5%"
    # International at 50%: 4.750 - 0.5 x 68.635 x 161.894 / 588.199 = -4.70.
    intl = ad.STORES_READOUT.evaluate(label="FY2025", segments="intl", **fields("FY2025"))
    assert intl["without_ads_readout"] == "FY2025 at a 50% ad margin: International would lose USD 4.7 bn without advertising"
    loss = ad.STORES_READOUT.evaluate(label="FY2022", **fields("FY2022"))
    assert loss["breakeven_readout"] == "Even with advertising, the store segments lost money"
    # At 50.1% the FY2025 estimate rounds to nothing: 34.369 - 0.501 x 68.635 = -0.017.
    even = ad.STORES_READOUT.evaluate(label="FY2025", ad_margin=0.501, **fields("FY2025"))
    assert even["without_ads_readout"] == "FY2025 at a 50% ad margin: the store segments would break even without advertising"


def test_the_stores_model_refuses_bad_settings():
    with pytest.raises(AssumptionError, match="ad_margin"):
        ad.STORES.evaluate(**ROW, ad_margin=1.2)
    with pytest.raises(AssumptionError, match="segments"):
        ad.STORES.evaluate(**ROW, segments="aws")
    with pytest.raises(AssumptionError, match="na_ad_weight"):
        ad.STORES.evaluate(**ROW, na_ad_weight=0)
    with pytest.raises(AssumptionError, match="advertising"):
        ad.STORES.evaluate(**{**ROW, "advertising": 0.0})


def test_the_stores_assumptions_are_labelled_ours():
    assert ad.AD_MARGIN.origin == ASSUMPTION and ad.AD_MARGIN.label_text.startswith("Assumption: ")
    assert ad.NA_AD_WEIGHT.origin == ASSUMPTION and ad.NA_AD_WEIGHT.default == 1.0
    assert ad.AD_MARGIN.default == 0.5 and (ad.AD_MARGIN.low, ad.AD_MARGIN.high) == (0.0, 1.0)
    assert "no advertising margin" in ad.AD_MARGIN.source


# --- the take rate with advertising ---------------------------------------------------------


def test_take_rate_with_advertising_by_hand(take):
    fy = take.loc["FY2025"]
    # FY2025 10-K: online stores 269,287, seller services 172,162, advertising 68,635; unit share 61.5%
    # (Q1-Q4 2025: 61, 62, 62, 61). GMV = 269,287 x 0.615 / 0.385.
    gmv = 269_287 * 0.615 / 0.385
    assert fy.third_party_gmv == pytest.approx(gmv)
    assert fy.take_rate == pytest.approx(172_162 / gmv)
    assert fy.sellers_advertising == pytest.approx(0.5 * 68_635)
    assert fy.ads_take_rate == pytest.approx(0.5 * 68_635 / gmv)
    assert fy.take_rate_with_ads == pytest.approx((172_162 + 0.5 * 68_635) / gmv)
    assert take.at["TTM to Q2 2026", "advertising"] == 76_072
    assert take.at["FY2020", "advertising"] == 19_773


def test_take_rate_with_advertising_moves_with_its_assumptions(take):
    fy = take.loc["FY2025"]
    at = lambda **a: ad.take_with_ads(fy.third_party_seller_services, fy.online_stores, fy.unit_share, fy.advertising, **a)
    assert at(seller_ad_share=0.0)["take_rate_with_ads"] == pytest.approx(fy.take_rate)  # the marketplace chapter's
    gmv_cheap = 269_287 * 0.8 * 0.615 / 0.385
    assert at(price_ratio=0.8)["take_rate_with_ads"] == pytest.approx((172_162 + 0.5 * 68_635) / gmv_cheap)
    with pytest.raises(AssumptionError, match="seller_ad_share"):
        at(seller_ad_share=1.5)


def test_the_ad_share_default_comes_from_the_data(take, ad_share):
    # 0.5 x 68,635 / (269,287 x 0.615 / 0.385) = 7.98%, rounded to the slider's half point.
    assert ad.average_ad_share(take, "FY2025") == pytest.approx(0.5 * 68_635 / (269_287 * 0.615 / 0.385))
    assert ad_share.default == pytest.approx(0.08)
    assert ad_share.origin == ASSUMPTION and "FY2025" in ad_share.source and "7.98%" in ad_share.source


# --- the ad tax -----------------------------------------------------------------------------


def test_the_seller_model_is_extended_not_copied(fees, ad_share):
    model = ad.ad_seller_model(fees, ad_share)
    assert all(any(f is g for g in model.formulas) for f in SELLER_FORMULAS)
    published = seller_inputs(fees)
    assert [model.inputs[i.name] for i in published] == published
    assert list(model.inputs)[-2:] == ["ad_share", "ad_lift"]
    assert all(model.inputs[name].origin == AMAZON for name in ("referral_rate", "fba_fee"))


def test_the_ad_tax_by_hand(fees, ad_share):
    r = ad.ad_seller_economics(fees, ad_share)
    # 8% of USD 25 = 2.00 a unit. The marketplace chapter's margins: FBM 8.25, FBA 9.414 (25 - 8 - 7.586).
    assert r.fbm.ad_spend == pytest.approx(2.0) and r.fba.ad_spend == pytest.approx(2.0)
    assert r.fbm.margin_after_ads == pytest.approx(6.25)
    assert r.fba.margin_after_ads == pytest.approx(7.414)
    assert r.fbm.margin_per_month == pytest.approx(6.25 * 300)
    assert r.fba.margin_per_month == pytest.approx(7.414 * 330)
    assert r.fbm.amazon_take == pytest.approx(0.15 + 0.08)
    assert r.fba.amazon_take == pytest.approx(7.586 / 25 + 0.08)
    assert r.fbm.seller_keeps == pytest.approx((25 - 3.75 - 5) / 25 - 0.08)
    assert r.fba.seller_keeps == pytest.approx((25 - 7.586) / 25 - 0.08)
    # The chart's readouts: 6.25 x 300 = 1,875; 7.414 x 330 = 2,446.62.
    words = ad.ad_seller_model(fees, ad_share).evaluate()
    assert words["ad_take_readout"] == "With 8.0% of sales on ads, Amazon keeps 23% of the price (FBM), 38% (FBA)"
    assert words["ad_margin_readout"] == "Seller's margin after ads: FBM $1,875 a month, FBA $2,447"


def test_the_ad_tax_without_ads_is_the_marketplace_chapters_seller(fees, ad_share):
    plain = mk.seller_economics(fees)
    r = ad.ad_seller_economics(fees, ad_share, ad_share=0.0)
    assert r.fbm.margin_after_ads == pytest.approx(plain.fbm.margin_per_unit)
    assert r.fba.margin_per_month == pytest.approx(plain.fba.margin_per_month)
    assert r.fba.amazon_take == pytest.approx(plain.fba.amazon_share_of_price)


def test_extra_sales_from_ads_change_the_month_not_the_share(fees, ad_share):
    r = ad.ad_seller_economics(fees, ad_share, ad_lift=0.2)
    assert r.fbm.units_per_month == pytest.approx(360) and r.fba.units_per_month == pytest.approx(396)
    assert r.fbm.margin_per_month == pytest.approx(6.25 * 360)
    assert r.fba.amazon_take == pytest.approx(7.586 / 25 + 0.08)
    with pytest.raises(AssumptionError, match="ad_share"):
        ad.ad_seller_economics(fees, ad_share, ad_share=0.5)


def test_the_price_split_with_ads_adds_up_to_the_price(fees, ad_share):
    model = ad.ad_split_model(fees, ad_share)
    for path, parts in (("FBM", {"referral_fee": 3.75, "advertising": 2.0, "own_fulfilment": 5.0, "product_cost": 8.0,
                                 "margin": 6.25}),
                        ("FBA", {"referral_fee": 3.75, "fba_fee": 3.68, "storage_fee": 0.156, "advertising": 2.0,
                                 "product_cost": 8.0, "margin": 7.414})):
        got = {row["part"]: model.evaluate(path=path, part=row["part"])["ad_price_part"]
               for row in ad.ad_split_rows() if row["path"] == path}
        assert sum(got.values()) == pytest.approx(25)
        for part, usd in parts.items():
            assert got[part] == pytest.approx(usd)
    label = model.evaluate(path="FBA", part="margin")["ad_path_shares_label"]
    assert label == "Amazon 38%, seller keeps 62%"


# --- the charts' words and controls ---------------------------------------------------------


def test_chart_words_state_the_data(ads_history, ttm, take, fees, ad_share, quarterly):
    growth = ad.growth_text(ads_history, ttm[0], 0.2423, "s")
    assert growth.takeaway == ("Advertising grew 5.4-fold from FY2019 to FY2025, and exceeded the store segments' "
                               "operating income in every year")
    assert "76.1 billion in the TTM to Q2 2026 (24.2% more than a year earlier)" in growth.description
    rows = ad.store_rows(ads_history, ttm[0])
    stores = ad.stores_text(ad.stores_without_ads(rows), "s")
    assert stores.takeaway == ("At a 50% advertising margin, the store segments would have lost money without "
                               "advertising in 5 of 7 years")
    take_words = ad.take_with_ads_text(take, "FY2025", "s")
    assert take_words.takeaway == "With sellers' advertising, Amazon's take was about 48% of third-party sales in FY2025, not 40%"
    tax = ad.ad_tax_text(ad.ad_seller_economics(fees, ad_share), ad_share, "s")
    assert tax.takeaway == ("With 8.0% of sales spent on Amazon's ads, Amazon keeps 23% of the price (FBM) and 38% (FBA), "
                            "not 15% and 30%")


def test_each_chart_has_its_controls_labelled(ads_history, ttm, take, fees, ad_share):
    rows = ad.store_rows(ads_history, ttm[0])
    charts = {
        "growth": (ad.growth_chart(ad.growth_rows(ads_history, ttm[0]), ads_history, ttm[0], 0.24, "s"),
                   ["ad_growth_measure"]),
        "stores": (ad.stores_chart(rows, ad.stores_without_ads(rows), "s", "FY2025"),
                   ["stores_ad_margin", "stores_segments", "stores_na_ad_weight"]),
        "take": (ad.take_with_ads_chart(take, "FY2025", "s"),
                 ["ad_take_price_ratio", "ad_take_first_party_gmv_ratio", "ad_take_seller_ad_share"]),
        "tax": (ad.ad_tax_chart(fees, ad_share, ad.ad_seller_economics(fees, ad_share), "s"),
                [f"ad_seller_{name}" for name in ad.CHART_CONTROLS]),
    }
    for name, (chart, params) in charts.items():
        spec = chart.to_dict()
        assert bound_parameters(spec) == params, name
        assert chart_source(spec) == "s" and len(title_text(spec)) > 30
        labels = {p["name"]: p["bind"]["name"] for p in spec["params"] if "bind" in p}
        assert all(labels[p].startswith("Assumption: ") for p in params
                   if p.endswith(("ad_margin", "na_ad_weight", "seller_ad_share", "ad_share", "ad_lift")))


def test_every_model_and_chart_is_registered():
    names = {e.name for e in book.models() if e.chapter == "advertising"}
    assert {"advertising:store segments without advertising, readouts", "advertising:take rate with advertising, readout",
            "advertising:seller with advertising", "advertising:seller with advertising, price split",
            "advertising:advertising growth view"} == names
    charts = {e.id for e in book.charts() if e.chapter == "advertising"}
    assert {"advertising:growth", "advertising:stores without advertising", "advertising:take rate with advertising",
            "advertising:ad tax", "advertising:ad split"} == charts


def test_the_chapter_follows_the_marketplace():
    toc = yaml.safe_load((filings.DATA_DIR.parent / "_toc.yml").read_text())
    files = [c["file"] for part in toc["parts"] for c in part["chapters"]]
    assert files.index("chapters/advertising") == files.index("chapters/marketplace") + 1
    modules = list(book.CHAPTER_MODULES)
    assert modules.index("advertising") == modules.index("marketplace") + 1


# --- the workbench and the disclosure table -------------------------------------------------


def test_the_workbench_has_every_control_and_reacts(fees, ad_share):
    bench = ad.ad_workbench(fees, ad_share, "s")
    assert list(bench.controls) == list(ad.AD_CONTROLS) and len(bench.controls) == 12
    assert ad.ad_sentence(bench.compute()).startswith("With 8.0% of sales on Amazon's ads (USD 2.00 a unit)")
    bench.controls["ad_share"].value = 0.0
    assert bench.result.fbm.margin_after_ads == pytest.approx(8.25)
    assert "Amazon keeps 15% of the price" in bench.sentence.value
    assert "Margin after ads (USD a month)" in bench.table.value


def test_the_disclosure_table_says_what_is_not_reported():
    table = ad.disclosure_table()
    assert len(table) == 8
    text = " ".join(table["What the filings give"])
    assert "sponsored ads, display, and video advertising" in text
    assert table.loc["Advertising's costs or margin", "What the filings give"].startswith("No")
    assert table.loc["Advertising by segment", "What the filings give"].startswith("No")
