"""Named cases of a model (amazon_case.kit.Preset): checked when declared, carried into the chart's usermeta.

And the cases the chapters declare: their values are the chapter's own figures (read here from the fee
data and the chapter's sentences), and each survives compilation to the Vega spec the site draws.
"""

from __future__ import annotations

import pytest

from amazon_case import aws, financials, marketplace, two_souls
from amazon_case.kit import ASSUMPTION, AssumptionError, Choice, Input, Inputs, Preset
from amazon_case.kit.display import vega_spec

INPUTS = Inputs([
    Input("price", "sale price", "USD", 25.0, 5.0, 100.0, 0.5, ASSUMPTION, "ours"),
    Input("fee", "referral fee", "% of price", 0.15, 0.05, 0.45, 1, ASSUMPTION, "ours"),
    Choice("season", "storage season", (("Jan–Sep", 0.78), ("Oct–Dec", 2.4)), 0.78, ASSUMPTION, "ours"),
])


def test_a_preset_keeps_its_checked_values_and_the_other_defaults():
    preset = Preset("A dear item", INPUTS, {"price": 80, "season": 2.4})
    assert preset.values == {"price": 80.0, "season": 2.4}
    assert isinstance(preset.values["price"], float)
    assert preset.settings() == {"price": 80.0, "fee": 0.15, "season": 2.4}


@pytest.mark.parametrize("values, message", [
    ({"price": 101}, r"'price' = 101 is outside the allowed range \[5, 100\]"),
    ({"price": float("nan")}, "must be finite"),
    ({"price": "cheap"}, "must be a number"),
    ({"fee": 0.5}, "outside the allowed range"),
    ({"season": 1.0}, "is not one of the options"),
    ({"colour": "red"}, r"unknown parameter\(s\) \['colour'\]"),
])
def test_a_preset_outside_its_inputs_is_refused_when_declared(values, message):
    with pytest.raises(AssumptionError, match=message):
        Preset("Bad", INPUTS, values)


def test_a_preset_needs_a_name_and_a_value():
    with pytest.raises(ValueError, match="needs a name"):
        Preset(" ", INPUTS, {"price": 30})
    with pytest.raises(ValueError, match="sets no input"):
        Preset("Nothing", INPUTS, {})


def test_usermeta_names_the_chart_parameters_in_the_units_the_reader_sees():
    presets = [Preset("High fee", INPUTS, {"fee": 0.45}), Preset("Peak", INPUTS, {"season": 2.4, "price": 30})]
    assert INPUTS.usermeta("seller", presets) == {"presets": [
        {"name": "High fee", "values": {"seller_fee": 45.0}},
        {"name": "Peak", "values": {"seller_season": 2.4, "seller_price": 30.0}},
    ]}


def test_usermeta_refuses_a_preset_of_a_control_the_chart_lacks_or_of_other_inputs():
    with pytest.raises(ValueError, match=r"sets \['season'\], which the chart has no control for"):
        INPUTS.usermeta("seller", [Preset("Peak", INPUTS, {"season": 2.4})], only=["price", "fee"])
    other = Inputs([Input("price", "sale price", "USD", 20.0, 1.0, 50.0, 1, ASSUMPTION, "ours")])
    with pytest.raises(ValueError, match="of other inputs"):
        INPUTS.usermeta("seller", [Preset("Other", other, {"price": 30})])


def presets_in_vega(chart) -> list[dict]:
    """The presets as the site reads them: from the Vega spec compiled from the chart."""
    return vega_spec(chart.to_dict())["usermeta"]["presets"]


def test_the_seller_chart_offers_the_chapter_cases_with_the_published_fees():
    fees = marketplace.load_fees()
    presets = {p["name"]: p["values"] for p in presets_in_vega(marketplace.seller_paths_chart(fees, "test"))}
    fee_data = fees["value"].astype(float)
    assert presets == {
        # "a 3 lb item": its FBA fee at USD 10-50, as the fee file gives it
        "A 3 lb item": {"seller_fba_fee": fee_data["fba_fulfilment_fee_large_standard_3lb"]},
        # "below a price of USD 10, set it to the light item's Low-Price FBA rate (USD 2.91)"; the claim table's USD 8
        "A USD 8 item (Low-Price FBA rate)": {"seller_price": 8.0, "seller_fba_fee": 2.91},
        # "Hold six months of sales at Amazon in October-December, and a unit of 0.3 cubic feet"
        "A slow seller in October–December": {"seller_cubic_feet": 0.3, "seller_months_of_stock": 6.0,
                                              "seller_storage_rate": fee_data["monthly_storage_fee_standard_oct_dec"]},
        # "a category with a 45% referral fee", at USD 100
        "A 45% referral fee at USD 100": {"seller_price": 100.0, "seller_referral_rate": 45.0},
    }


def test_the_flywheel_chart_offers_the_cases_of_the_chapter_table():
    presets = {p["name"]: p["values"] for p in presets_in_vega(two_souls.flywheel_chart("test"))}
    assert presets == {
        "Customers ignore price (ε = 0)": {"fw_customer_elasticity": 0.0},
        "Savings kept as margin (φ = 0)": {"fw_pass_through": 0.0},
        "Costs rise with scale (κ = −0.3)": {"fw_scale_economies": -0.3},
        "A strong loop (ε = 2, σ = 1, φ = 1)": {"fw_customer_elasticity": 2.0, "fw_selection_elasticity": 1.0,
                                                 "fw_pass_through": 100.0},
    }


def test_the_aws_whatif_chart_offers_the_chapter_slower_path(history):
    assumptions = financials.default_projection_assumptions(history, base_year=2025)
    chart = aws.aws_whatif_chart(history, assumptions, base_year=2025, source="test")
    # "At 15% growth and a 30% margin"
    assert presets_in_vega(chart) == [{"name": "Slower (15.0% growth, 30.0% margin)",
                                       "values": {"aws_growth": 15.0, "aws_margin": 30.0}}]
