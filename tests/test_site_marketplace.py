"""Browser tests of the marketplace chapter: the numbers its charts compute in Vega equal the Python models'.

Each chart is set to at least four settings (the defaults, both extremes of every control, one mix),
then the rows the browser computed are compared with :mod:`amazon_case.marketplace` at the same inputs.
"""

from __future__ import annotations

import pytest

from amazon_case import data, marketplace as mk
from site_pages import ALL_ROWS, SET_SIGNALS, chart_index

PAGE = "chapters/marketplace.html"
FEES = mk.load_fees()
DEFAULTS = mk.seller_defaults(FEES)
RATES = {season: mk.fee(FEES, row) for season, row in mk.SEASONS.items()}


def _ends(end: int) -> dict:
    settings = {name: bounds[end] for name, bounds in mk.SELLER_SLIDERS.items()}
    settings["seller_season"] = list(RATES)[end]
    return settings


SELLER_SETTINGS = [
    None,  # the chart's defaults: published fees and our assumptions
    _ends(0),
    _ends(1),
    {"seller_price": 12.5, "seller_unit_cost": 4, "seller_referral": 8, "seller_fba_fee": 6.62, "seller_season": "Oct–Dec",
     "seller_cubic_feet": 0.3, "seller_months": 4.5, "seller_own_cost": 3.25, "seller_uplift": 35, "seller_units": 120},
]


def _python(settings: dict) -> dict:
    return dict(
        price=settings["seller_price"], unit_cost=settings["seller_unit_cost"], referral_rate=settings["seller_referral"] / 100,
        fba_fee=settings["seller_fba_fee"], storage_rate=RATES[settings["seller_season"]],
        cubic_feet=settings["seller_cubic_feet"], months_of_stock=settings["seller_months"],
        own_fulfilment_cost=settings["seller_own_cost"], prime_uplift=settings["seller_uplift"] / 100,
        units_per_month=settings["seller_units"], minimum_referral_fee=DEFAULTS["minimum_referral_fee"],
    )


@pytest.mark.parametrize("settings", SELLER_SETTINGS, ids=["defaults", "all-min", "all-max", "mixed"])
def test_seller_chart_equals_the_python_model(visit, settings):
    v = visit(PAGE)
    index = chart_index(v.page, "seller_price")
    if settings is None:
        settings = {name: v.page.evaluate(f"() => document.querySelectorAll('.vega-chart')[{index}]"
                                          f".vegaEmbedResult.view.signal('{name}')") for name in mk.SELLER_PARAMS}
        assert settings["seller_price"] == DEFAULTS["price"] and settings["seller_fba_fee"] == DEFAULTS["fba_fee"]
        assert settings["seller_referral"] == pytest.approx(100 * DEFAULTS["referral_rate"])
    else:
        v.page.evaluate(SET_SIGNALS, [index, settings])
    expected = mk.seller_economics(**_python(settings))

    readout = v.page.evaluate(ALL_ROWS, [index, ["breakeven", "fbm", "fba"]])
    assert len(readout) == 1
    assert readout[0]["fbm"] == pytest.approx(expected.fbm.margin_per_month, rel=1e-12, abs=1e-9)
    assert readout[0]["fba"] == pytest.approx(expected.fba.margin_per_month, rel=1e-12, abs=1e-9)
    assert readout[0]["breakeven"] == pytest.approx(expected.breakeven_own_fulfilment_cost, rel=1e-12, abs=1e-9)

    # The FBM line at every own-fulfilment cost of the grid; the FBA line is the same at every cost.
    grid = {r["own_cost"]: r for r in v.page.evaluate(ALL_ROWS, [index, ["own_cost", "fbm_margin_per_month", "fba_margin_per_month"]])}
    assert set(grid) == set(mk.OWN_COST_GRID)
    for cost in (0, 2.5, 7.75, 15):
        at_cost = mk.seller_economics(**{**_python(settings), "own_fulfilment_cost": cost})
        assert grid[cost]["fbm_margin_per_month"] == pytest.approx(at_cost.fbm.margin_per_month, rel=1e-12, abs=1e-9)
        assert grid[cost]["fba_margin_per_month"] == pytest.approx(expected.fba.margin_per_month, rel=1e-12, abs=1e-9)

    # Where the price goes, per path and part.
    split = {(r["path"], r["component"]): r["amount"] for r in v.page.evaluate(ALL_ROWS, [index, ["path", "component", "amount"]])}
    for path, result in (("FBM", expected.fbm), ("FBA", expected.fba)):
        assert split[(path, "Referral fee (Amazon)")] == pytest.approx(result.referral_fee, abs=1e-9)
        assert split[(path, "FBA fee (Amazon)")] == pytest.approx(result.fba_fee, abs=1e-9)
        assert split[(path, "Storage fee (Amazon)")] == pytest.approx(result.storage_fee, abs=1e-9)
        assert split[(path, "Seller's own fulfilment")] == pytest.approx(result.own_fulfilment, abs=1e-9)
        assert split[(path, "Seller's margin")] == pytest.approx(result.margin_per_unit, abs=1e-9)
    shares = {r["path"]: r for r in v.page.evaluate(ALL_ROWS, [index, ["path", "amazon", "keeps"]])}
    for path, result in (("FBM", expected.fbm), ("FBA", expected.fba)):
        assert shares[path]["amazon"] == pytest.approx(result.amazon_share_of_price, abs=1e-12)
        assert shares[path]["keeps"] == pytest.approx(result.seller_share_of_price, abs=1e-12)


TAKE_RATE_SETTINGS = [
    {"tr_price_ratio": 100, "tr_gmv_ratio": 100},
    {"tr_price_ratio": 50, "tr_gmv_ratio": 80},
    {"tr_price_ratio": 150, "tr_gmv_ratio": 120},
    {"tr_price_ratio": 85, "tr_gmv_ratio": 107},
]


@pytest.mark.parametrize("settings", TAKE_RATE_SETTINGS, ids=lambda s: "-".join(map(str, s.values())))
def test_take_rate_chart_equals_the_python_model(visit, settings):
    wide = data.annual_wide(data.load_annual())
    v = visit(PAGE)
    index = chart_index(v.page, "tr_price_ratio")
    v.page.evaluate(SET_SIGNALS, [index, settings])
    rows = v.page.evaluate(ALL_ROWS, [index, ["year", "share_pct", "tpss", "online", "take_rate"]])
    by_year = {}
    for r in rows:
        by_year.setdefault(r["year"][2:6], {})[r["share_pct"]] = r
    assert sorted(by_year) == ["2020", "2024", "2025"]
    for year, by_share in by_year.items():
        assert set(by_share) == set(mk.SHARE_GRID)
        tpss = wide.at[int(year), "net_sales_third_party_seller_services"]
        online = wide.at[int(year), "net_sales_online_stores"]
        for share in (40, 55, 61, 62, 80):
            _, expected = mk.take_rate(tpss, online, share / 100, settings["tr_price_ratio"] / 100, settings["tr_gmv_ratio"] / 100)
            assert by_share[share]["take_rate"] == pytest.approx(expected, rel=1e-12)


@pytest.mark.parametrize("referral", [15, 5, 45, 27])
def test_claim_chart_equals_the_python_model(visit, referral):
    v = visit(PAGE)
    index = chart_index(v.page, "claim_referral")
    v.page.evaluate(SET_SIGNALS, [index, {"claim_referral": referral}])
    rows = {(r["series"], r["price"]): r["amazon_share"]
            for r in v.page.evaluate(ALL_ROWS, [index, ["series", "fixed", "price", "amazon_share"]])}
    for price in (5, 9.5, 25, 100):
        base = {**DEFAULTS, "price": price, "referral_rate": referral / 100}
        without = mk.seller_economics(**base).fbm.amazon_share_of_price
        assert rows[("Without FBA (referral fee only)", price)] == pytest.approx(without, rel=1e-12)
        for row, label in mk.CLAIM_FBA_FEES.items():
            expected = mk.seller_economics(**{**base, "fba_fee": mk.fee(FEES, row)}).fba.amazon_share_of_price
            assert rows[(label, price)] == pytest.approx(expected, rel=1e-12)
