"""Unit tests of the hybrid model chapter's model (amazon_case.hybrid_model): worked examples by hand, bad input."""

import math

import pytest

from amazon_case.hybrid_model import HYBRID_STORE, hybrid_store_economics, hybrid_store_text
from amazon_case.kit import AssumptionError


def economics(share, margin, take, cost):
    return hybrid_store_economics(third_party_unit_share=share, first_party_gross_margin=margin,
                                  third_party_take_rate=take, third_party_cost_ratio=cost)


def test_all_first_party_reports_the_whole_price():
    e = economics(0.0, 0.25, 0.30, 0.5)
    assert e["reported_net_sales"] == pytest.approx(100)
    assert e["gross_profit"] == pytest.approx(25)
    assert e["gross_margin"] == pytest.approx(0.25)


def test_all_third_party_reports_only_fees():
    e = economics(1.0, 0.25, 0.30, 0.5)
    assert e["first_party_net_sales"] == 0
    assert e["reported_net_sales"] == pytest.approx(30)
    assert e["gross_profit"] == pytest.approx(15)
    assert e["gross_margin"] == pytest.approx(0.5)


def test_half_and_half_worked_example():
    # 50 of first-party sales at 25% margin = 12.5; fees 50 * 0.3 = 15, less 50% cost = 7.5.
    e = economics(0.5, 0.25, 0.30, 0.5)
    assert e["reported_net_sales"] == pytest.approx(65)
    assert e["gross_profit"] == pytest.approx(20)
    assert e["gross_margin"] == pytest.approx(20 / 65)
    assert e["gross_margin_readout"] == "Gross margin at 50% third-party: 30.8%"


@pytest.mark.parametrize(
    "kwargs, name",
    [
        (dict(third_party_unit_share=1.2), "third_party_unit_share"),
        (dict(third_party_unit_share=-0.1), "third_party_unit_share"),
        (dict(third_party_take_rate=0.0), "third_party_take_rate"),
        (dict(first_party_gross_margin=float("nan")), "first_party_gross_margin"),
        (dict(third_party_cost_ratio="lots"), "third_party_cost_ratio"),
        (dict(merchandise_value=100), "merchandise_value"),
    ],
)
def test_out_of_range_assumptions_name_the_parameter(kwargs, name):
    with pytest.raises(AssumptionError, match=name):
        hybrid_store_economics(**kwargs)


def test_no_slider_edge_divides_by_zero():
    for share in (0.0, 1.0):
        for take in (0.05, 0.6):
            for margin in (0.0, 0.6):
                for cost in (0.0, 1.0):
                    assert math.isfinite(economics(share, margin, take, cost)["gross_margin"])


def test_defaults_are_declared_once_and_labelled():
    inputs = HYBRID_STORE.inputs
    assert inputs["third_party_unit_share"].default == 0.62  # Amazon's stated Q4 2024 share
    assert inputs["third_party_take_rate"].label_text.startswith("Assumption: ")
    assert not inputs["third_party_unit_share"].label_text.startswith("Assumption")
    assert inputs["third_party_take_rate"].low > 0, "a zero take rate with every unit third-party would divide by zero"


def test_chart_text_names_its_source():
    text = hybrid_store_text("our model")
    assert text.source == "our model" and "reported sales" in text.takeaway
