"""Tests of the "Two souls" chapter's module: the flywheel loop, its readout, the profit pools and their charts.

Expected values are worked out by hand from the chapter's equations and from the filed figures
(``data/amazon_annual.csv``), not read back from the code under test.
"""

import math

import pandas as pd
import pytest

from amazon_case import aws, filings, two_souls
from amazon_case.kit import AssumptionError, Loop
from amazon_case.kit.display import bound_parameters, title_text

#: The chapter's illustrative defaults, as its text states them.
DEFAULTS = dict(price_cut=0.05, customer_elasticity=1.5, selection_elasticity=0.5, scale_economies=0.4,
                pass_through=0.75)
STRENGTHS = ("customer_elasticity", "selection_elasticity", "scale_economies", "pass_through")
SERIES = ["price", "customers", "selection", "scale", "unit_cost"]


def strengths(settings):
    return {name: settings[name] for name in STRENGTHS}


# ---------------------------------------------------------------------------
# The inputs, declared once
# ---------------------------------------------------------------------------


def test_the_inputs_are_the_chapters_assumptions_with_their_ranges():
    inputs = two_souls.FLYWHEEL_INPUTS
    assert inputs.defaults() == DEFAULTS
    assert {name: (item.low, item.high) for name, item in inputs.items()} == {
        "price_cut": (0.0, 0.2), "customer_elasticity": (-1.0, 3.0), "selection_elasticity": (-1.0, 2.0),
        "scale_economies": (-0.5, 0.5), "pass_through": (0.0, 1.0)}
    assert all(item.label_text.startswith("Assumption: ") and item.source.startswith("ours") for item in inputs.values())
    # The symbols of the chapter's equations name the controls.
    assert [item.label_text.split()[1] for item in inputs.values()] == ["d,", "ε,", "σ,", "κ,", "φ,"]


def test_assumptions_table_shows_the_cut_and_the_pass_through_in_percent():
    table = two_souls.assumptions_table(two_souls.FLYWHEEL_INPUTS)
    cut = table.loc["Assumption: d, first price cut in year 1 (%)"]
    assert cut.to_dict() == {"Default": 5.0, "Lowest allowed": 0.0, "Highest allowed": 20.0, "Slider step": 1.0}
    assert table.loc["Assumption: φ, cost savings passed on in prices (%)", "Default"] == 75.0
    assert table.loc["Assumption: κ, % lower unit cost per 1% more scale", "Lowest allowed"] == -0.5


# ---------------------------------------------------------------------------
# The loop model
# ---------------------------------------------------------------------------


def test_the_flywheel_is_one_loop_whose_steps_compute_the_five_series():
    assert isinstance(two_souls.FLYWHEEL, Loop)
    assert [f.name for f in two_souls.FLYWHEEL.step] == SERIES
    assert two_souls.FLYWHEEL.initial == dict.fromkeys(SERIES, 100.0)


def test_year_zero_is_100_everywhere_and_years_set_the_length():
    result = two_souls.flywheel(years=7)
    assert list(result.columns) == ["year", *SERIES]
    assert list(result["year"]) == list(range(8))
    assert result.iloc[0][SERIES].tolist() == [100.0] * 5


def test_first_two_years_by_hand():
    # epsilon=1, sigma=0.5, kappa=0.2, phi=0.5, a 10% cut, worked out step by step.
    result = two_souls.flywheel(0.10, 1.0, 0.5, 0.2, 0.5, years=2).set_index("year")
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
    result = two_souls.flywheel(price_cut=0.0)
    assert (result.drop(columns="year") == 100.0).all().all()


@pytest.mark.parametrize("zeroed", ["customer_elasticity", "scale_economies", "pass_through"])
def test_a_loop_strength_at_zero_stops_the_loop_after_the_first_cut(zeroed):
    result = two_souls.flywheel(**{**DEFAULTS, zeroed: 0.0}, years=10)
    assert result["price"].iloc[1:].round(9).nunique() == 1  # price never moves after year 1
    assert result["price"].iloc[-1] == pytest.approx(95.0)


def test_while_no_clip_binds_each_turn_multiplies_the_price_change_by_the_loop_gain():
    # Derived from the equations: d ln P(t+1) = phi * kappa * epsilon * (1 + sigma) * d ln P(t).
    settings = dict(price_cut=0.08, customer_elasticity=2.0, selection_elasticity=0.3, scale_economies=0.25,
                    pass_through=0.9)
    gain = 0.9 * 0.25 * 2.0 * 1.3
    assert two_souls.loop_gain(2.0, 0.3, 0.25, 0.9) == pytest.approx(gain)
    log_price = two_souls.flywheel(**settings, years=8)["price"].map(math.log)
    steps = log_price.diff().dropna().tolist()
    assert steps[0] == pytest.approx(math.log(0.92))
    for before, after in zip(steps, steps[1:]):
        assert after == pytest.approx(before * gain, rel=1e-9)


def test_a_fading_loop_multiplies_the_first_cut_by_one_over_one_minus_the_gain():
    gain = 0.75 * 0.4 * 1.5 * 1.5
    assert two_souls.loop_gain(**strengths(DEFAULTS)) == pytest.approx(gain)
    end = two_souls.flywheel(**DEFAULTS, years=20)["price"].iloc[-1]
    assert math.log(end / 100) == pytest.approx(math.log(0.95) / (1 - gain), rel=1e-3)


def test_costs_that_rise_with_scale_turn_the_price_back_up():
    result = two_souls.flywheel(**{**DEFAULTS, "scale_economies": -0.3})
    assert result.at[2, "price"] > result.at[1, "price"]
    assert result.at[2, "customers"] < result.at[1, "customers"]


def test_a_compounding_loop_grows_faster_each_year_until_the_market_ceiling():
    result = two_souls.flywheel(0.05, 2.0, 1.0, 0.4, 1.0, years=20)  # gain 1.6
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
    result = two_souls.flywheel(**corner, years=20)
    values = result.drop(columns="year").to_numpy()
    assert (values > 0).all() and pd.notna(values).all() and (abs(values) < 1e12).all()
    assert result["customers"].between(1, 1000).all() and result["selection"].between(1, 1000).all()


@pytest.mark.parametrize("name, value", [
    ("price_cut", -0.01), ("price_cut", 0.21), ("customer_elasticity", 3.5), ("selection_elasticity", -1.5),
    ("scale_economies", 0.6), ("pass_through", 1.01), ("pass_through", float("nan")), ("customer_elasticity", "x"),
])
def test_bad_assumptions_are_refused_naming_the_parameter(name, value):
    with pytest.raises(AssumptionError, match=name):
        two_souls.flywheel(**{**DEFAULTS, name: value})
    if name in STRENGTHS:
        with pytest.raises(AssumptionError, match=name):
            two_souls.loop_gain(**{**strengths(DEFAULTS), name: value})


@pytest.mark.parametrize("years", [0, 21, 2.5, True])
def test_bad_years_are_refused(years):
    with pytest.raises(AssumptionError, match="years"):
        two_souls.flywheel(years=years)


def test_compare_scenarios_changes_the_defaults_one_scenario_at_a_time():
    table = two_souls.compare_scenarios({"Defaults": {}, "No pass-through": {"pass_through": 0.0},
                                         "Customers ignore price": {"customer_elasticity": 0.0}})
    assert list(table.columns) == ["loop_gain", "price", "customers", "selection", "unit_cost"]
    assert table.at["Defaults", "loop_gain"] == pytest.approx(0.675)
    assert table.at["No pass-through", "loop_gain"] == 0.0
    assert table.at["No pass-through", "price"] == pytest.approx(95.0)
    assert table.at["No pass-through", "customers"] == pytest.approx(100 * 0.95 ** -1.5)  # one turn only
    assert table.loc["Customers ignore price", ["customers", "selection", "unit_cost"]].tolist() == [100.0] * 3


# ---------------------------------------------------------------------------
# The readout: the loop gain and the last year, in words
# ---------------------------------------------------------------------------


def readout(settings, year=10, price=85.66, customers=126.12):
    return two_souls.FLYWHEEL_READOUT.evaluate(**strengths(settings), year=year, price=price, customers=customers)


def test_the_readout_writes_out_the_loop_gain_and_its_factors():
    text = readout(DEFAULTS)["loop_gain_text"]
    # 0.75 x 0.4 x 1.5 x 1.5 = 0.675, shown to two decimals.
    assert text == "Loop gain G = φ × κ × ε × (1 + σ) = 0.75 × 0.40 × 1.5 × (1 + 0.5) = 0.68"


def test_the_readout_never_writes_a_negative_zero():
    # kappa = -0.001: G = 0.75 x -0.001 x 1.5 x 1.5 = -0.0017, which the browser writes as 0.00, not -0.00.
    text = readout({**DEFAULTS, "scale_economies": -0.001})["loop_gain_text"]
    assert text.endswith("= 0.75 × 0.00 × 1.5 × (1 + 0.5) = 0.00")
    # sigma = -0.04 is written 0.0, not -0.0; G = 0.75 x 0.4 x 1.5 x 0.96 = 0.432.
    assert readout({**DEFAULTS, "selection_elasticity": -0.04})["loop_gain_text"].endswith("(1 + 0.0) = 0.43")


@pytest.mark.parametrize("changes, verdict", [
    ({}, "Each turn hands on less: the loop fades"),                                               # G = 0.675
    ({"customer_elasticity": 2.0, "selection_elasticity": 1.0, "pass_through": 1.0}, "The loop compounds"),  # 1.6
    ({"pass_through": 0.0}, "The loop stops after the first turn"),                                # G = 0
    ({"scale_economies": -0.3}, "Each turn reverses the last"),                                     # G = -0.51
])
def test_the_readout_says_what_the_loop_does(changes, verdict):
    text = readout({**DEFAULTS, **changes}, year=10, price=85.66, customers=1000.0)["last_year_text"]
    assert text == f"{verdict}. Year 10: price 86, customers 1,000"


def test_bad_readout_input_is_refused_naming_the_parameter():
    with pytest.raises(AssumptionError, match="pass_through"):
        readout({**DEFAULTS, "pass_through": 1.5})


# ---------------------------------------------------------------------------
# The flywheel chart
# ---------------------------------------------------------------------------


def test_flywheel_text_states_what_the_defaults_give_by_hand():
    # At the defaults the price falls 5% in year 1, then ln P keeps falling by G per turn: year 10 by hand.
    gain = 0.75 * 0.4 * 1.5 * 1.5
    price_10 = 95 * math.exp(math.log(0.95) * sum(gain ** k for k in range(1, 10)))
    text = two_souls.flywheel_text("our model")
    assert text.takeaway.startswith(f"At our illustrative defaults, a 5% price cut ends 10 years later as a "
                                    f"{1 - price_10 / 100:.0%} lower price")
    assert text.takeaway.endswith("26% more customers")  # the chapter's figure, checked there against the model
    assert f"loop gain {gain:.2f}" in text.subtitle and f"loop gain {gain:.2f}" in text.description
    assert text.source == "our model"


def test_flywheel_chart_has_its_text_and_the_declared_sliders():
    spec = two_souls.flywheel_chart("our model").to_dict()
    assert title_text(spec) == two_souls.flywheel_text("our model").takeaway
    assert spec["title"]["subtitle"][-1] == "Source: our model"
    bound = bound_parameters(spec)
    assert list(bound) == ["fw_price_cut", "fw_customer_elasticity", "fw_selection_elasticity",
                           "fw_scale_economies", "fw_pass_through"]
    params = {p["name"]: p for p in spec["params"]}
    # The cut and the pass-through are shown in percent, the elasticities as they are.
    assert (params["fw_price_cut"]["value"], params["fw_price_cut"]["bind"]["max"]) == (5, 20)
    assert (params["fw_pass_through"]["value"], params["fw_pass_through"]["bind"]["step"]) == (75, 5)
    assert params["fw_scale_economies"]["bind"]["min"] == -0.5
    assert all(p["bind"]["name"].startswith("Assumption: ") for p in params.values())


def calculations(spec):
    found = []
    if isinstance(spec, dict):
        if "calculate" in spec and "as" in spec:
            found.append((spec["as"], spec["calculate"]))
        for value in spec.values():
            found += calculations(value)
    elif isinstance(spec, list):
        for value in spec:
            found += calculations(value)
    return found


def test_every_number_the_flywheel_chart_computes_comes_from_a_declared_formula():
    spec = two_souls.flywheel_chart("our model").to_dict()
    declared = {**two_souls.FLYWHEEL.expressions(10), **two_souls.FLYWHEEL_READOUT.expressions()}
    computed = dict(calculations(spec))
    assert computed and all(declared.get(name) == expression for name, expression in computed.items()), \
        sorted(set(computed) - set(declared))
    assert {"price_10", "unit_cost_10", "loop_gain_text", "last_year_text"} <= set(computed)


# ---------------------------------------------------------------------------
# The workbench
# ---------------------------------------------------------------------------


def test_workbench_sliders_are_the_charts_and_run_the_model():
    bench = two_souls.flywheel_workbench("our model")
    assert list(bench.controls) == [*DEFAULTS, "years"]
    assert bench.controls["price_cut"].description == "Assumption: d, first price cut in year 1 (%)"
    assert (bench.controls["price_cut"].value, bench.controls["pass_through"].value) == (5, 75)
    pd.testing.assert_frame_equal(bench.result, two_souls.flywheel(**DEFAULTS, years=10))
    bench.controls["pass_through"].value = 0
    assert bench.result["price"].iloc[-1] == pytest.approx(95.0)
    bench.controls["years"].value = 3
    assert len(bench.result) == 4
    assert bench.last_chart is not None and "Year 3" in title_text(bench.last_chart.to_dict())


def test_flywheel_sentence_reads_the_last_year():
    result = pd.DataFrame({"year": [0, 4], "price": [100.0, 88.24], "customers": [100.0, 120.55],
                           "selection": [100.0, 109.8], "scale": [100.0, 132.4], "unit_cost": [100.0, 89.36]})
    assert two_souls.flywheel_sentence(result) == "Year 4: price 88.2, customers 120.5, selection 109.8, unit cost 89.4"


# ---------------------------------------------------------------------------
# Profit pools
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def pools(history):
    return two_souls.profit_pools(history)


@pytest.fixture(scope="module")
def ttm():
    quarterly = filings.load_quarterly()
    return aws.segment_ttm(quarterly, 2026, 2)


def test_profit_pools_shares_add_up_and_match_the_filings(pools, wide):
    sums = pools.groupby(["fiscal_year", "measure"])["share"].sum()
    assert sums.to_numpy() == pytest.approx(1.0)
    by = pools.set_index(["fiscal_year", "measure", "segment"])
    assert by.at[(2024, "Operating income", "AWS"), "share"] == pytest.approx(39834 / 68593)
    assert by.at[(2022, "Operating income", "North America"), "share"] < 0
    assert by.at[(2024, "Net sales", "AWS"), "usd_bn"] == pytest.approx(wide.at[2024, "net_sales_aws"] / 1000)
    # FY2025 10-K segment note: AWS 45,606 of 29,619 + 4,750 + 45,606 of operating income; 128,725 of 716,924 of
    # net sales (the chapters' "18%").
    assert by.at[(2025, "Operating income", "AWS"), "share"] == pytest.approx(45606 / 79975)
    assert by.at[(2025, "Net sales", "AWS"), "share"] == pytest.approx(128725 / 716924)
    assert set(pools["period"]) == {str(y) for y in range(2014, 2026)} and not pools["ttm"].any()


def test_profit_pools_put_the_last_twelve_months_after_the_years(history, ttm):
    pools = two_souls.profit_pools(history, ttm)
    latest = pools[pools["ttm"]].set_index(["measure", "segment"])
    assert set(latest["period"]) == {"TTM Q2 2026"}
    # By hand, Q3 2025 to Q2 2026 from the releases: AWS 54,681 of 33,651 + 5,380 + 54,681 = 93,712.
    assert latest.at[("Operating income", "AWS"), "share"] == pytest.approx(54681 / 93712)
    assert latest.at[("Net sales", "AWS"), "usd_bn"] == pytest.approx(148.404)
    rows = two_souls.profit_pools_rows(pools)
    assert not rows.loc[rows["ttm"], "audited"].any() and rows.loc[~rows["ttm"], "audited"].all()
    spec = two_souls.profit_pools_chart(pools, "10-Ks").to_dict()
    x = spec["hconcat"][0]["layer"][0]["encoding"]["x"]
    assert x["scale"]["domain"][0] == "2014" and x["scale"]["domain"][-2:] == ["2025", "TTM Q2 2026"]
    assert x["title"] == "Fiscal year, then the last twelve months"
    assert "TTM Q2 2026: the four quarters to Q2 2026, lighter (unaudited)" in " ".join(spec["title"]["subtitle"])
    assert "AWS made 58% of operating income on 19% of net sales" in spec["description"]


def test_profit_pools_refuse_a_year_without_a_positive_total(history):
    broken = history.copy()
    broken.loc[broken["fiscal_year"] == 2015, "operating_income_musd"] = -1.0
    with pytest.raises(ValueError, match="2015: total operating income"):
        two_souls.profit_pools(broken)


def test_the_unit_control_picks_dollars_or_shares():
    view = two_souls.POOLS_VIEW
    row = {"measure": "Operating income", "usd_bn": 39.8, "share_pct": 58.1}
    assert view.evaluate(unit="usd", **row)["shown"] == 39.8
    assert view.evaluate(unit="share", **row)["shown"] == 58.1
    assert view.evaluate(unit="usd", **row)["panel_title"] == "Operating income, USD billions"
    assert view.evaluate(unit="share", **row)["panel_title"] == "Operating income, % of the year's total"
    with pytest.raises(AssumptionError, match="unit"):
        view.evaluate(unit="USD billions", **row)


def test_profit_pools_text_states_its_takeaway_from_the_data(pools, wide):
    text = two_souls.profit_pools_text(pools, "10-Ks", frozenset({2025}), year=2024)
    retail = (wide.at[2024, "segment_na_net_sales"] + wide.at[2024, "segment_intl_net_sales"]) / wide.at[2024, "net_sales_total"]
    assert text.takeaway == (f"In FY2024 North America and International made {retail:.0%} of net sales; AWS made "
                             f"{39834 / 68593:.0%} of operating income")
    # With FY2025 treated as unaudited, the audited years are FY2014-FY2024.
    assert "in 11 of the 11 audited years FY2014–FY2024" in text.description


def test_profit_pools_text_quotes_the_last_fiscal_year_by_default(pools):
    text = two_souls.profit_pools_text(pools, "10-Ks")
    # FY2025: (426,305 + 161,894) / 716,924 = 82%; 45,606 / 79,975 = 57%; AWS above half in every year FY2014-FY2025.
    assert text.takeaway == "In FY2025 North America and International made 82% of net sales; AWS made 57% of operating income"
    assert "in 12 of the 12 audited years FY2014–FY2025" in text.description


def test_profit_pools_chart_has_the_unit_toggle_and_its_text(pools):
    spec = two_souls.profit_pools_chart(pools, "10-Ks", frozenset({2025})).to_dict()
    [unit] = [p for p in spec["params"] if p["name"] == "pools_unit"]
    assert unit["value"] == "usd" and unit["bind"]["input"] == "radio"
    assert unit["bind"]["labels"] == ["USD billions", "Share of total (%)"]
    assert list(bound_parameters(spec)) == ["pools_unit"]
    assert "AWS made 57% of operating income" in title_text(spec)  # FY2025, the last fiscal year
    assert "2025*" in {row["year_label"] for data in spec["datasets"].values() for row in data if "year_label" in row}
    assert spec["hconcat"][0]["layer"][0]["encoding"]["x"]["title"] == "Fiscal year (* unaudited)"


# ---------------------------------------------------------------------------
# For the book-wide tests
# ---------------------------------------------------------------------------


def test_the_chapter_registers_its_models_and_charts():
    models = {entry.model.name: entry for entry in two_souls.book_models()}
    assert set(models) == {"flywheel", "flywheel readout", "profit pools view"}
    assert models["flywheel"].years == 10
    assert all(set(row) == {"year", "price", "customers"} for row in models["flywheel readout"].rows())
    charts = {entry.name: entry.params for entry in two_souls.book_charts()}
    assert charts == {"flywheel": two_souls.FLYWHEEL.param_names(), "profit pools": ("pools_unit",)}
