"""Unit tests of the hybrid model chapter (amazon_case.hybrid_model): worked examples by hand, estimates, bad input."""

import math

import pandas as pd
import pytest

from amazon_case import hybrid_model
from amazon_case.hybrid_model import HYBRID_STORE, hybrid_store_economics, hybrid_store_text
from amazon_case.kit import AssumptionError


def economics(share, ratio=1.0, take=0.4, margin=0.2, fulfilment=0.3):
    return hybrid_store_economics(third_party_unit_share=share, price_ratio=ratio, take_rate=take,
                                  merchandise_margin=margin, fulfilment_cost_rate=fulfilment)


def test_half_and_half_worked_example():
    # USD 50 first-party: margin 20% less delivery 30% = -5; USD 50 third-party: fees 40% = 20, less delivery 30% = 5.
    e = economics(0.5)
    assert e["reported_net_sales"] == pytest.approx(70)
    assert e["first_party_contribution"] == pytest.approx(-5)
    assert e["third_party_contribution"] == pytest.approx(5)
    assert e["contribution"] == pytest.approx(0) and e["contribution_margin"] == pytest.approx(0)


def test_a_price_ratio_turns_a_unit_share_into_a_share_of_spend():
    # Half the units at 1.5 times the price: 0.75 of spend against 0.5, so 60% of spend is third-party.
    e = economics(0.5, ratio=1.5)
    assert e["third_party_value_share"] == pytest.approx(0.6)
    assert e["first_party_net_sales"] == pytest.approx(40) and e["third_party_net_sales"] == pytest.approx(24)


def test_the_marketplace_pays_exactly_when_the_take_rate_beats_the_merchandise_margin():
    """Delivery costs the same on both sides, so it cancels out of the comparison."""
    for fulfilment in (0.0, 0.25, 0.5):
        assert economics(1.0, fulfilment=fulfilment)["contribution"] > economics(0.0, fulfilment=fulfilment)["contribution"]
        assert economics(1.0, take=0.15, fulfilment=fulfilment)["contribution"] < \
            economics(0.0, take=0.15, fulfilment=fulfilment)["contribution"]
    assert economics(1.0, take=0.2)["contribution"] == pytest.approx(economics(0.0, take=0.2)["contribution"])


def test_reported_net_sales_always_fall_with_the_third_party_share():
    for take in (0.05, 0.4, 0.6):
        sales = [economics(s / 10, take=take)["reported_net_sales"] for s in range(11)]
        assert sales == sorted(sales, reverse=True) and sales[0] == pytest.approx(100)


@pytest.mark.parametrize("kwargs, name", [
    (dict(third_party_unit_share=1.2), "third_party_unit_share"),
    (dict(third_party_unit_share=-0.1), "third_party_unit_share"),
    (dict(take_rate=0.0), "take_rate"),
    (dict(merchandise_margin=float("nan")), "merchandise_margin"),
    (dict(fulfilment_cost_rate="lots"), "fulfilment_cost_rate"),
    (dict(price_ratio=3), "price_ratio"),
    (dict(merchandise_value=100), "merchandise_value"),
])
def test_out_of_range_inputs_name_the_parameter(kwargs, name):
    with pytest.raises(AssumptionError, match=name):
        hybrid_store_economics(**kwargs)


def test_no_corner_divides_by_zero():
    for share in (0.0, 1.0):
        for ratio in (0.5, 1.5):
            for take in (0.05, 0.6):
                e = economics(share, ratio=ratio, take=take, margin=0.0, fulfilment=0.5)
                assert math.isfinite(e["contribution_margin"])


def test_the_estimates_from_the_filings(wide):
    """By hand from the FY2025 10-K and releases: unit share (61+62+62+61)/4; take rate 172,162 over
    269,287 × 0.615 / 0.385; merchandise margin 1 − (356,414 − 102,700 − 22,400) / (269,287 + 22,561);
    fulfilment rate (109,074 + 102,700) / (269,287 + 22,561 + third-party sales)."""
    from amazon_case import filings

    d = hybrid_model.hybrid_defaults(wide, filings.load_quarterly(), filings.cash_and_capital_wide(), 2025)["values"]
    third_party_sales = 269_287 * 0.615 / 0.385
    assert d["third_party_unit_share"] == pytest.approx(0.615)
    assert d["take_rate"] == pytest.approx(172_162 / third_party_sales)
    assert d["merchandise_margin"] == pytest.approx(1 - (356_414 - 102_700 - 22_400) / (269_287 + 22_561))
    assert d["fulfilment_cost_rate"] == pytest.approx((109_074 + 102_700) / (269_287 + 22_561 + third_party_sales))


def test_a_price_ratio_moves_the_take_rate_and_the_fulfilment_rate_together(wide):
    """Cheaper third-party units: the same fees and delivery costs over less third-party spend. By hand, at 0.8:
    third-party sales 269,287 × 0.615 / 0.385 × 0.8; take rate 172,162 over them; fulfilment rate
    (109,074 + 102,700) over store sales plus them. The unit share and the merchandise margin do not move."""
    from amazon_case import filings

    args = (wide, filings.load_quarterly(), filings.cash_and_capital_wide(), 2025)
    at_1, at_08 = (hybrid_model.hybrid_defaults(*args, price_ratio=r)["values"] for r in (1.0, 0.8))
    third_party_sales = 269_287 * 0.615 / 0.385 * 0.8
    assert at_08["price_ratio"] == 0.8 and at_1["price_ratio"] == 1.0
    assert at_08["take_rate"] == pytest.approx(172_162 / third_party_sales)
    assert at_08["take_rate"] == pytest.approx(at_1["take_rate"] / 0.8)
    assert at_08["fulfilment_cost_rate"] == pytest.approx((109_074 + 102_700) / (269_287 + 22_561 + third_party_sales))
    assert at_08["merchandise_margin"] == at_1["merchandise_margin"]
    assert at_08["third_party_unit_share"] == at_1["third_party_unit_share"]
    with pytest.raises(AssumptionError, match="price_ratio"):
        hybrid_model.hybrid_defaults(*args, price_ratio=2.0)


def test_the_estimates_need_four_quarters_of_unit_shares(wide):
    from amazon_case import filings

    quarterly = filings.load_quarterly()
    some = quarterly[~((quarterly["fiscal_year"] == 2025) & (quarterly["quarter"] == 3))]
    with pytest.raises(ValueError, match="2025"):
        hybrid_model.hybrid_defaults(wide, some, filings.cash_and_capital_wide(), 2025)


def test_store_contribution_takes_aws_out(wide):
    h = hybrid_model.store_contribution_history(wide)
    # FY2014, from the 10-K: (88,988 − 4,644 − 62,752 − 10,766) / (88,988 − 4,644)
    assert h.at[2014, "store_contribution_margin"] == pytest.approx((88_988 - 4_644 - 62_752 - 10_766) / (88_988 - 4_644))
    assert h.at[2014, "gross_margin"] == pytest.approx((88_988 - 62_752) / 88_988)


def test_defaults_are_declared_once_and_labelled():
    inputs = HYBRID_STORE.inputs
    assert inputs["price_ratio"].label_text.startswith("Assumption: ")
    assert not inputs["third_party_unit_share"].label_text.startswith("Assumption")
    assert inputs["take_rate"].low > 0, "a zero take rate with every unit third-party would divide by zero"


def test_chart_text_follows_the_model():
    rising = hybrid_store_text(HYBRID_STORE.with_defaults(take_rate=0.4, merchandise_margin=0.2), "our model")
    falling = hybrid_store_text(HYBRID_STORE.with_defaults(take_rate=0.1, merchandise_margin=0.3), "our model")
    assert "raises contribution" in rising.takeaway and "lowers contribution" in falling.takeaway
    assert rising.source == "our model"
    assert isinstance(hybrid_model.hybrid_store_chart(HYBRID_STORE, "our model", "FY2025").to_dict(), dict)
    assert pd.notna(rising.description)
