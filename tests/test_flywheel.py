"""Tests of the "Two souls" chapter's module: the flywheel loop model and the profit pools."""

import math

import altair as alt
import pandas as pd
import pytest

from amazon_case import data, display, flywheel, models

DEFAULTS = dict(price_cut=0.05, customer_elasticity=1.5, selection_elasticity=0.5, scale_economies=0.4,
                pass_through=0.75)


# ---------------------------------------------------------------------------
# The loop model
# ---------------------------------------------------------------------------


def test_year_zero_is_100_everywhere_and_years_set_the_length():
    result = flywheel.flywheel(years=7)
    assert list(result["year"]) == list(range(8))
    assert result.iloc[0][["price", "customers", "selection", "scale", "unit_cost"]].tolist() == [100.0] * 5


def test_first_two_years_by_hand():
    # epsilon=1, sigma=0.5, kappa=0.2, phi=0.5, a 10% cut, worked out step by step.
    result = flywheel.flywheel(0.10, 1.0, 0.5, 0.2, 0.5, years=2).set_index("year")
    p1 = 90.0
    c1 = 100 / 0.9                      # 1% lower price -> 1% more customers: 100 * (90/100)^-1
    s1 = 100 * (c1 / 100) ** 0.5
    q1 = c1 * s1 / 100
    k1 = 100 * (q1 / 100) ** -0.2
    p2 = 90 * (k1 / 100) ** 0.5
    assert result.at[1, "price"] == pytest.approx(p1)
    assert result.at[1, "customers"] == pytest.approx(111.111111, rel=1e-6)
    assert result.at[1, "selection"] == pytest.approx(105.409255, rel=1e-6)
    assert result.at[1, "scale"] == pytest.approx(q1)
    assert result.at[1, "unit_cost"] == pytest.approx(k1)
    assert result.at[2, "price"] == pytest.approx(p2)
    assert p2 < p1 and k1 < 100


def test_no_first_push_no_movement():
    result = flywheel.flywheel(price_cut=0.0)
    assert (result.drop(columns="year") == 100.0).all().all()


@pytest.mark.parametrize("zeroed", ["customer_elasticity", "scale_economies", "pass_through"])
def test_a_loop_strength_at_zero_stops_the_loop_after_the_first_cut(zeroed):
    result = flywheel.flywheel(**{**DEFAULTS, zeroed: 0.0}, years=10)
    assert result["price"].iloc[1:].round(9).nunique() == 1  # price never moves after year 1
    assert result["price"].iloc[-1] == pytest.approx(95.0)


def test_while_no_clip_binds_each_turn_multiplies_the_price_change_by_the_loop_gain():
    # Derived from the equations: d ln P(t+1) = phi * kappa * epsilon * (1 + sigma) * d ln P(t).
    settings = dict(price_cut=0.08, customer_elasticity=2.0, selection_elasticity=0.3, scale_economies=0.25,
                    pass_through=0.9)
    gain = 0.9 * 0.25 * 2.0 * 1.3
    assert flywheel.loop_gain(2.0, 0.3, 0.25, 0.9) == pytest.approx(gain)
    log_price = flywheel.flywheel(**settings, years=8)["price"].map(math.log)
    steps = log_price.diff().dropna().tolist()
    assert steps[0] == pytest.approx(math.log(0.92))
    for before, after in zip(steps, steps[1:]):
        assert after == pytest.approx(before * gain, rel=1e-9)


def test_a_fading_loop_multiplies_the_first_cut_by_one_over_one_minus_the_gain():
    gain = flywheel.loop_gain(DEFAULTS["customer_elasticity"], DEFAULTS["selection_elasticity"],
                              DEFAULTS["scale_economies"], DEFAULTS["pass_through"])
    assert 0 < gain < 1
    end = flywheel.flywheel(**DEFAULTS, years=20)["price"].iloc[-1]
    assert math.log(end / 100) == pytest.approx(math.log(0.95) / (1 - gain), rel=1e-3)


def test_costs_that_rise_with_scale_turn_the_price_back_up():
    result = flywheel.flywheel(**{**DEFAULTS, "scale_economies": -0.3})
    assert result.at[2, "price"] > result.at[1, "price"]
    assert result.at[2, "customers"] < result.at[1, "customers"]


def test_a_compounding_loop_grows_faster_each_year_until_the_market_ceiling():
    result = flywheel.flywheel(0.05, 2.0, 1.0, 0.4, 1.0, years=20)  # gain 1.6
    growth = result["customers"].pct_change().iloc[1:6]
    assert growth.is_monotonic_increasing and growth.iloc[0] > 0
    assert result["customers"].max() == 1000.0
    assert result["customers"].iloc[-1] == 1000.0


@pytest.mark.parametrize("corner", [
    dict(price_cut=0.2, customer_elasticity=3.0, selection_elasticity=2.0, scale_economies=0.5, pass_through=1.0),
    dict(price_cut=0.2, customer_elasticity=3.0, selection_elasticity=2.0, scale_economies=-0.5, pass_through=1.0),
    dict(price_cut=0.2, customer_elasticity=-1.0, selection_elasticity=-1.0, scale_economies=-0.5, pass_through=1.0),
    dict(price_cut=0.0, customer_elasticity=-1.0, selection_elasticity=-1.0, scale_economies=-0.5, pass_through=0.0),
])
def test_every_corner_stays_finite_and_positive(corner):
    result = flywheel.flywheel(**corner, years=20)
    values = result.drop(columns="year").to_numpy()
    assert (values > 0).all() and pd.notna(values).all() and (abs(values) < 1e12).all()
    assert result["customers"].between(1, 1000).all() and result["selection"].between(1, 1000).all()


@pytest.mark.parametrize("name, value", [
    ("price_cut", -0.01), ("price_cut", 0.21), ("customer_elasticity", 3.5), ("selection_elasticity", -1.5),
    ("scale_economies", 0.6), ("pass_through", 1.01), ("pass_through", float("nan")), ("customer_elasticity", "x"),
])
def test_bad_assumptions_are_refused_naming_the_parameter(name, value):
    with pytest.raises(models.AssumptionError, match=name):
        flywheel.flywheel(**{**DEFAULTS, name: value})


@pytest.mark.parametrize("years", [0, 21, 2.5, True])
def test_bad_years_are_refused(years):
    with pytest.raises(models.AssumptionError, match="years"):
        flywheel.flywheel(years=years)


def test_vega_expressions_cover_every_year_and_series():
    fields = [field for field, _ in flywheel.flywheel_expressions(10)]
    assert len(fields) == len(set(fields)) == 5 * 11
    assert fields[-1] == "unit_cost_10"
    assert all(p in " ".join(e for _, e in flywheel.flywheel_expressions(3)) for p in flywheel.FLYWHEEL_PARAMS)


# ---------------------------------------------------------------------------
# Charts
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def history():
    return models.segment_history(data.annual_wide(data.load_annual()))


@pytest.fixture(scope="module")
def pools(history):
    return flywheel.profit_pools(history)


def _bound(spec):
    found = {}
    if isinstance(spec, dict):
        if "bind" in spec and "name" in spec:
            found[spec["name"]] = spec["bind"]
        for v in spec.values():
            found.update(_bound(v))
    elif isinstance(spec, list):
        for v in spec:
            found.update(_bound(v))
    return found


def test_flywheel_chart_has_a_computed_title_alt_text_and_assumption_sliders():
    chart = flywheel.flywheel_chart("our model")
    spec = chart.to_dict()
    # At the defaults the price falls 5% in year 1, then ln P keeps falling by G per turn: derive year 10 by hand.
    gain = 0.75 * 0.4 * 1.5 * 1.5
    price_10 = 95 * math.exp(math.log(0.95) * sum(gain ** k for k in range(1, 10)))
    assert f"{1 - price_10 / 100:.0%} lower price" in display.title_text(spec)
    assert spec["title"]["subtitle"][-1] == "Source: our model"
    assert len(spec["description"]) > 80 and f"loop gain {gain:.2f}" in spec["description"]
    bound = _bound(spec)
    assert set(bound) == set(flywheel.FLYWHEEL_PARAMS)
    assert all(b["name"].startswith("Assumption: ") and b["input"] == "range" for b in bound.values())


def test_profit_pools_shares_add_up_and_match_the_filings(pools, history):
    wide = data.annual_wide(data.load_annual())
    sums = pools.groupby(["fiscal_year", "measure"])["share"].sum()
    assert sums.to_numpy() == pytest.approx(1.0)
    aws = pools.set_index(["fiscal_year", "measure", "segment"])
    assert aws.at[(2024, "Operating income", "AWS"), "share"] == pytest.approx(39834 / 68593)
    assert aws.at[(2022, "Operating income", "North America"), "share"] < 0
    assert aws.at[(2024, "Net sales", "AWS"), "usd_bn"] == pytest.approx(wide.at[2024, "net_sales_aws"] / 1000)


def test_profit_pools_refuse_a_year_without_a_positive_total(history):
    broken = history.copy()
    broken.loc[broken["fiscal_year"] == 2015, "operating_income_musd"] = -1.0
    with pytest.raises(ValueError, match="2015"):
        flywheel.profit_pools(broken)


def test_profit_pools_chart_states_its_takeaway_from_the_data(pools):
    spec = flywheel.profit_pools_chart(pools, "10-Ks", data.UNAUDITED_YEARS).to_dict()
    wide = data.annual_wide(data.load_annual())
    retail = (wide.at[2024, "segment_na_net_sales"] + wide.at[2024, "segment_intl_net_sales"]) / wide.at[2024, "net_sales_total"]
    assert f"{retail:.0%} of net sales" in display.title_text(spec)
    assert f"{39834 / 68593:.0%} of operating income" in display.title_text(spec)
    assert len(spec["description"]) > 80
    assert set(_bound(spec)) == set(flywheel.POOLS_PARAMS)
    assert isinstance(flywheel.profit_pools_chart(pools, "x"), alt.HConcatChart)


def test_workbench_runs_the_model_at_its_defaults():
    bench = flywheel.flywheel_workbench("our model")
    expected = flywheel.flywheel(**DEFAULTS, years=10)
    pd.testing.assert_frame_equal(bench.result, expected)
    bench.controls["pass_through"].widget.value = 0
    assert bench.result["price"].iloc[-1] == pytest.approx(95.0)
    bench.controls["years"].widget.value = 3
    assert len(bench.result) == 4
