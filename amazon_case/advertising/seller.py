"""The "ad tax": one seller's two paths (FBM and FBA) with advertising paid as a share of the seller's sales.

The model is the marketplace chapter's seller model (:func:`amazon_case.marketplace.seller_model`: its
inputs, Amazon's published fees and its formulas, unchanged), extended with two inputs of ours and the
formulas below; nothing of the seller model is copied. Per unit sold, on either path:

    advertising per unit      = ad share × price
    margin after advertising  = the seller model's margin per unit − advertising per unit
    Amazon's take             = the seller model's share of the price Amazon keeps + ad share

Advertising is paid to Amazon, so it adds to what Amazon keeps of the price, one for one. Per month, both
paths sell ``1 + ad lift`` times the seller model's units: at the default lift of 0 the ads only hold the
seller's place (the "tax" case), and Amazon's share of the price does not depend on the lift.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from ..kit import ASSUMPTION, Field, Input, Model, formula
from ..marketplace import SELLER_CONTROLS, seller_model
from ..marketplace.model import part_share_of_price, path_shares_label, price_part, whole_dollars

__all__ = ["AD_CONTROLS", "AD_LIFT", "AD_SELLER_FORMULAS", "CHART_CONTROLS", "PARTS_WITH_ADS", "AdPath",
           "AdSellerEconomics", "ad_seller_economics", "ad_seller_model", "ad_share_input", "ad_split_model",
           "ad_split_rows"]

AD_LIFT = Input("ad_lift", "extra sales the ads bring", "%", 0.0, 0.0, 1.0, 5, ASSUMPTION,
                "ours: none, the 'tax' case, in which the ads hold the seller's place in search results rather than "
                "add sales; raise it for ads that bring sales of their own")


def ad_share_input(default: float, basis: str) -> Input:
    """The seller's advertising as a share of its sales, with its default read from the data (``basis`` says how).

    ``default`` is rounded to the slider's step (half a point), so that the slider starts on one of its positions.
    """
    return Input("ad_share", "advertising", "% of the seller's sales", round(default * 200) / 200, 0.0, 0.3, 0.5,
                 ASSUMPTION, f"ours, from the data: {basis}")


#: The seller model's controls, then the advertising ones: the workbench's sliders, in order.
AD_CONTROLS = (*SELLER_CONTROLS, "ad_share", "ad_lift")
#: The controls of the ad-tax chart; the seller model's other inputs stay at their defaults there.
CHART_CONTROLS = ("ad_share", "ad_lift", "price", "unit_cost", "referral_rate", "fba_fee", "own_fulfilment_cost")


@formula
def ad_spend_per_unit(ad_share, price):
    """What the seller pays Amazon for advertising per unit sold, USD."""
    return ad_share * price


@formula
def fbm_margin_after_ads(fbm_margin_per_unit, ad_spend_per_unit):
    return fbm_margin_per_unit - ad_spend_per_unit


@formula
def fba_margin_after_ads(fba_margin_per_unit, ad_spend_per_unit):
    return fba_margin_per_unit - ad_spend_per_unit


@formula
def fbm_units_with_ads(units_per_month, ad_lift):
    return units_per_month * (1 + ad_lift)


@formula
def fba_units_with_ads(fba_units_per_month, ad_lift):
    return fba_units_per_month * (1 + ad_lift)


@formula
def fbm_month_after_ads(fbm_margin_after_ads, fbm_units_with_ads):
    return fbm_margin_after_ads * fbm_units_with_ads


@formula
def fba_month_after_ads(fba_margin_after_ads, fba_units_with_ads):
    return fba_margin_after_ads * fba_units_with_ads


@formula
def fbm_amazon_take_with_ads(fbm_amazon_share_of_price, ad_share):
    """Amazon's fees and the seller's advertising, as a share of the price (FBM)."""
    return fbm_amazon_share_of_price + ad_share


@formula
def fba_amazon_take_with_ads(fba_amazon_share_of_price, ad_share):
    return fba_amazon_share_of_price + ad_share


@formula
def fbm_seller_keeps_with_ads(fbm_seller_share_of_price, ad_share):
    """What the seller keeps of the price after Amazon's fees, advertising and its own fulfilment (FBM)."""
    return fbm_seller_share_of_price - ad_share


@formula
def fba_seller_keeps_with_ads(fba_seller_share_of_price, ad_share):
    return fba_seller_share_of_price - ad_share


@formula
def ad_take_readout(ad_share, fbm_amazon_take_with_ads, fba_amazon_take_with_ads):
    return (f"With {ad_share:.1%} of sales on ads, Amazon keeps {fbm_amazon_take_with_ads:.0%} of the price (FBM), "
            f"{fba_amazon_take_with_ads:.0%} (FBA)")


@formula
def ad_margin_readout(fbm_month_after_ads, fba_month_after_ads):
    return (f"Seller's margin after ads: FBM {whole_dollars(fbm_month_after_ads):s} a month, "
            f"FBA {whole_dollars(fba_month_after_ads):s}")


#: The formulas the advertising adds to the seller model, in order.
AD_SELLER_FORMULAS = (ad_spend_per_unit, fbm_margin_after_ads, fba_margin_after_ads, fbm_units_with_ads,
                      fba_units_with_ads, fbm_month_after_ads, fba_month_after_ads, fbm_amazon_take_with_ads,
                      fba_amazon_take_with_ads, fbm_seller_keeps_with_ads, fba_seller_keeps_with_ads)
AD_READOUTS = (ad_take_readout, ad_margin_readout)


def ad_seller_model(fees: pd.DataFrame, ad_share: Input, *, readouts: bool = True) -> Model:
    """The marketplace chapter's seller model with Amazon's fees from ``fees``, extended by advertising.

    ``ad_share`` is :func:`ad_share_input` (its default read from the data). With ``readouts`` the model also
    writes the chart's two lines of text.
    """
    return seller_model(fees, name="seller with advertising", prefix="ad_seller", inputs=[ad_share, AD_LIFT],
                        formulas=[*AD_SELLER_FORMULAS, *(AD_READOUTS if readouts else ())])


# ---------------------------------------------------------------------------
# Where the price goes, with advertising
# ---------------------------------------------------------------------------

#: The parts a unit's price splits into on each path (key: what the reader reads), in the bars' order.
PARTS_WITH_ADS = {"referral_fee": "Referral fee (Amazon)", "fba_fee": "FBA fee (Amazon)",
                  "storage_fee": "Storage fee (Amazon)", "advertising": "Advertising (Amazon)",
                  "own_fulfilment": "Seller's own fulfilment", "product_cost": "Product cost",
                  "margin": "Seller's margin after ads"}


@formula
def ad_price_part(path, part, ad_spend_per_unit, referral_fee, fba_fee, storage_fee, own_fulfilment_cost, unit_cost,
                  fbm_margin_after_ads, fba_margin_after_ads):
    """USD per unit of one part of the price on one path: the seller model's parts, advertising, the margin after it."""
    return ad_spend_per_unit if part == "advertising" else price_part(
        path, part, referral_fee, fba_fee, storage_fee, own_fulfilment_cost, unit_cost, fbm_margin_after_ads,
        fba_margin_after_ads)


ad_part_share_of_price = part_share_of_price.renamed("ad_part_share_of_price", price_part="ad_price_part")
ad_path_shares_label = path_shares_label.renamed(
    "ad_path_shares_label", fbm_amazon_share_of_price="fbm_amazon_take_with_ads",
    fba_amazon_share_of_price="fba_amazon_take_with_ads", fbm_seller_share_of_price="fbm_seller_keeps_with_ads",
    fba_seller_share_of_price="fba_seller_keeps_with_ads")


def ad_split_model(fees: pd.DataFrame, ad_share: Input) -> Model:
    """The advertising seller model over rows of (path, part of the price): the bars of the ad-tax chart."""
    return seller_model(fees, name="seller with advertising, price split", prefix="ad_seller",
                        inputs=[ad_share, AD_LIFT],
                        formulas=[*AD_SELLER_FORMULAS, ad_price_part, ad_part_share_of_price, ad_path_shares_label],
                        fields=[Field("path", "FBM or FBA"), Field("part", "a key of PARTS_WITH_ADS")])


def ad_split_rows() -> list[dict[str, Any]]:
    """One row per path and part of the price, in the bars' order."""
    return [{"path": path, "part": part, "part_label": label, "order": i}
            for path in ("FBM", "FBA") for i, (part, label) in enumerate(PARTS_WITH_ADS.items())]


# ---------------------------------------------------------------------------
# The model in Python
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class AdPath:
    """One path of one product with advertising, per unit (USD) and per month."""

    path: str
    amazon_fees: float
    ad_spend: float
    margin_after_ads: float
    units_per_month: float
    margin_per_month: float
    amazon_take: float
    seller_keeps: float


@dataclass(frozen=True)
class AdSellerEconomics:
    """Both paths of one product with advertising, and every value the model computed."""

    fbm: AdPath
    fba: AdPath
    values: Mapping[str, Any]

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> AdSellerEconomics:
        v = values
        paths = [AdPath(p.upper(), v[f"{p}_amazon_fees"], v["ad_spend_per_unit"], v[f"{p}_margin_after_ads"],
                        v[f"{p}_units_with_ads"], v[f"{p}_month_after_ads"], v[f"{p}_amazon_take_with_ads"],
                        v[f"{p}_seller_keeps_with_ads"]) for p in ("fbm", "fba")]
        return cls(*paths, values=dict(values))

    def table(self) -> pd.DataFrame:
        """Both paths side by side (one column per path)."""
        rows = {p.path: {k: getattr(p, k) for k in AdPath.__dataclass_fields__ if k != "path"} for p in (self.fbm, self.fba)}
        return pd.DataFrame(rows)


def ad_seller_economics(fees: pd.DataFrame, share_input: Input, /, **values: Any) -> AdSellerEconomics:
    """A third-party seller's two paths with advertising: :func:`ad_seller_model` at its defaults or at ``values``.

    ``share_input`` is the model's ad-share input (:func:`ad_share_input`, its default read from the data).
    ``values`` are any of the model's inputs (the seller model's, ``ad_share`` and ``ad_lift``, fractions for
    percentages); a value outside its range raises :class:`~amazon_case.kit.AssumptionError` naming it.
    """
    return AdSellerEconomics.from_values(ad_seller_model(fees, share_input, readouts=False).evaluate(**values))
