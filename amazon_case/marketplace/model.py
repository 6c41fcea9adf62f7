"""The marketplace chapter's models: a seller's two paths and the document's claim about them.

- **The seller model** (:func:`seller_model`, run by :func:`seller_economics`): one product sold by a
  third-party seller, fulfilled by the seller (FBM, "fulfilled by merchant") or by Amazon (FBA). Its inputs
  are our assumptions about one product (:data:`SELLER_ASSUMPTIONS`) and Amazon's published fees, declared
  with their defaults from ``data/amazon_seller_fees.csv`` (:func:`~amazon_case.marketplace.fees.fee_inputs`);
  its formulas (:data:`SELLER_FORMULAS`) give each path's fees, margin per unit and per month, Amazon's
  share of the price, and the seller's own fulfilment cost above which FBA earns more.
- **The claim model** (:func:`claim_model`): Amazon's fees as a share of the price at any price, the
  chart's view of the document's claim, with each item's FBA fee in the price's band (:func:`claim_rows`);
  :func:`price_where_amazon_takes` solves it for the price, :func:`fba_half_price_threshold` for the
  price below which Amazon takes half (the threshold the chapter and the appendix quote).

The take rate and the marketplace's growth are in :mod:`~amazon_case.marketplace.take_rate` and
:mod:`~amazon_case.marketplace.growth`.

The seller model is built to be reused. Another chapter adds its own inputs and formulas to it
rather than copying it; for example, advertising paid as a share of the seller's sales on both paths::

    AD_SHARE = Input("ad_share", "advertising", "% of the seller's sales", 0.05, 0.0, 0.3, 0.5, ASSUMPTION, "ours")

    @formula
    def fba_margin_after_ads(fba_margin_per_unit, ad_share, price):
        return fba_margin_per_unit - ad_share * price

    ads = seller_model(fees, name="seller with ads", prefix="ads", inputs=[AD_SHARE],
                       formulas=[fbm_margin_after_ads, fba_margin_after_ads])

The charts run the same formulas compiled for the browser (:mod:`amazon_case.marketplace.charts`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from functools import lru_cache
from typing import Any

import pandas as pd

from ..kit import ASSUMPTION, Choice, Field, Formula, Input, Inputs, Model, Preset, check_number, formula, product_of, ratio_of
from ..kit.registry import ModelEntry
from .fees import FBA_FEE_ROW, HEAVY_FBA_FEE_ROW, LOW_PRICE_FBA_FEE_ROW, STORAGE_SEASONS, fba_fee_at, fee, fee_inputs, load_fees, price_band

# ---------------------------------------------------------------------------
# A seller's two paths: inputs
# ---------------------------------------------------------------------------

PRICE = Input("price", "sale price", "USD", 25.0, 5.0, 100.0, 0.5, ASSUMPTION,
              "ours: a mid-priced item, in the price band (USD 10 and over) of the 2025 FBA fee read")

#: Our assumptions about one product and one seller (each control says "Assumption").
SELLER_ASSUMPTIONS: tuple[Input, ...] = (
    PRICE,
    Input("unit_cost", "product cost to the seller", "USD", 8.0, 0.0, 60.0, 0.5, ASSUMPTION,
          "ours: what the seller pays its supplier, landed"),
    Input("cubic_feet", "cubic feet per unit", "", 0.1, 0.02, 1.0, 0.02, ASSUMPTION,
          "ours: a box of about 8 by 6 by 3.6 inches"),
    Input("months_of_stock", "stock held at Amazon", "months of sales", 2.0, 0.0, 6.0, 0.5, ASSUMPTION,
          "ours: two months of sales in Amazon's warehouses"),
    Input("own_fulfilment_cost", "seller's own fulfilment cost", "USD per unit", 5.0, 0.0, 15.0, 0.25, ASSUMPTION,
          "ours: packing, postage and the seller's own storage per order"),
    Input("prime_uplift", "extra sales from Prime eligibility", "%", 0.1, 0.0, 1.0, 5, ASSUMPTION,
          "ours: the Prime badge lifts sales"),
    Input("units_per_month", "units sold a month without FBA", "", 300.0, 10.0, 1000.0, 10, ASSUMPTION, "ours"),
)

#: The seller model's controls, in the order the reader sees them. The minimum referral fee is a
#: published fee with no control: the charts write it in (:func:`fixed_in_charts`).
SELLER_CONTROLS = ("price", "unit_cost", "referral_rate", "fba_fee", "storage_rate", "cubic_feet", "months_of_stock",
                   "own_fulfilment_cost", "prime_uplift", "units_per_month")
NOT_ON_SLIDERS = ("minimum_referral_fee",)


def seller_inputs(fees: pd.DataFrame) -> list[Input | Choice]:
    """Every input of the seller model: the controls in the reader's order, then the inputs without a control."""
    by_name = {item.name: item for item in (*SELLER_ASSUMPTIONS, *fee_inputs(fees))}
    return [by_name[name] for name in (*SELLER_CONTROLS, *NOT_ON_SLIDERS)]


# ---------------------------------------------------------------------------
# A seller's two paths: formulas
# ---------------------------------------------------------------------------


@formula
def referral_fee(price, referral_rate, minimum_referral_fee):
    """Amazon's commission, paid on both paths: the rate times the price, at least the minimum per item."""
    return max(referral_rate * price, minimum_referral_fee)


@formula
def storage_fee(storage_rate, cubic_feet, months_of_stock):
    """FBA storage per unit sold: the stock held is ``months_of_stock`` months of sales, each unit takes ``cubic_feet``."""
    return storage_rate * cubic_feet * months_of_stock


@formula
def fbm_amazon_fees(referral_fee):
    """What Amazon charges per unit when the seller ships: the referral fee alone."""
    return referral_fee


@formula
def fba_amazon_fees(referral_fee, fba_fee, storage_fee):
    """What Amazon charges per unit when Amazon ships: referral fee, FBA fee and storage."""
    return referral_fee + fba_fee + storage_fee


@formula
def fbm_margin_per_unit(price, unit_cost, fbm_amazon_fees, own_fulfilment_cost):
    return price - unit_cost - fbm_amazon_fees - own_fulfilment_cost


@formula
def fba_margin_per_unit(price, unit_cost, fba_amazon_fees):
    return price - unit_cost - fba_amazon_fees


@formula
def fba_units_per_month(units_per_month, prime_uplift):
    """With FBA the listing gets the Prime badge, which sells ``1 + prime_uplift`` times as many units."""
    return units_per_month * (1 + prime_uplift)


fbm_margin_per_month = product_of("fbm_margin_per_month", "fbm_margin_per_unit", "units_per_month")
fba_margin_per_month = product_of("fba_margin_per_month", "fba_margin_per_unit", "fba_units_per_month")
fbm_amazon_share_of_price = ratio_of("fbm_amazon_share_of_price", "fbm_amazon_fees", "price")
fba_amazon_share_of_price = ratio_of("fba_amazon_share_of_price", "fba_amazon_fees", "price")


@formula
def fbm_seller_share_of_price(price, fbm_amazon_fees, own_fulfilment_cost):
    """What the seller keeps after Amazon's fees and its own fulfilment, as a share of the price."""
    return (price - fbm_amazon_fees - own_fulfilment_cost) / price


@formula
def fba_seller_share_of_price(price, fba_amazon_fees):
    return (price - fba_amazon_fees) / price


fbm_margin_share_of_price = ratio_of("fbm_margin_share_of_price", "fbm_margin_per_unit", "price")
fba_margin_share_of_price = ratio_of("fba_margin_share_of_price", "fba_margin_per_unit", "price")


@formula
def breakeven_own_fulfilment_cost(price, unit_cost, referral_fee, fba_fee, storage_fee, prime_uplift):
    """The own fulfilment cost k* at which both paths earn the same a month; above it FBA earns more.

    Solves (g − k*) q = (g − FBA fee − storage)(1 + u) q, with g = price − unit cost − referral fee.
    It can be negative: FBA then pays at any own fulfilment cost.
    """
    gross = price - unit_cost - referral_fee
    return gross - (gross - fba_fee - storage_fee) * (1 + prime_uplift)


#: The seller model's formulas, in order: what another chapter extends (see the module's docstring).
SELLER_FORMULAS: tuple[Formula, ...] = (
    referral_fee, storage_fee, fbm_amazon_fees, fba_amazon_fees, fbm_margin_per_unit, fba_margin_per_unit,
    fba_units_per_month, fbm_margin_per_month, fba_margin_per_month, fbm_amazon_share_of_price,
    fba_amazon_share_of_price, fbm_seller_share_of_price, fba_seller_share_of_price, fbm_margin_share_of_price,
    fba_margin_share_of_price, breakeven_own_fulfilment_cost,
)


def seller_model(fees: pd.DataFrame, *, name: str = "seller", prefix: str = "seller",
                 inputs: Iterable[Input | Choice] = (), formulas: Iterable[Formula] = (),
                 fields: Iterable[Field] = ()) -> Model:
    """The seller model with Amazon's fees from ``fees``, extended by ``inputs``, ``formulas`` and ``fields``.

    The extra formulas may read any seller input or result (``fba_margin_per_unit``, ``price``...).
    ``prefix`` names the chart's parameters (``<prefix>_price``...): a chapter that extends the
    model gives it its own prefix.
    """
    return Model(name, prefix, [*seller_inputs(fees), *inputs], [*SELLER_FORMULAS, *formulas], fields)


def fixed_in_charts(model: Model) -> dict[str, float]:
    """The seller inputs that have no control, at their published values: what a chart writes into its formulas."""
    return {name: model.inputs[name].default for name in NOT_ON_SLIDERS}


def slider_positions(item: Input) -> list[float]:
    """Every value the reader's slider of ``item`` can take, low to high, in the units shown."""
    count = round((item.shown(item.high) - item.shown(item.low)) / item.step)
    return [round(item.shown(item.low) + i * item.step, 9) for i in range(count + 1)]


# ---------------------------------------------------------------------------
# The seller chart's readouts and the split of the price
# ---------------------------------------------------------------------------

#: Python rounds an exact tie to even when it formats a number (82.5 → "82"), the browser away from
#: zero ("83"). Readouts move their numbers this fraction away from zero first, so that the Python
#: model writes what the chart writes (a trillionth of the amount: far below a cent at any setting).
TIE_NUDGE = 1e-12


@formula
def ties_away_from_zero(value):
    """``value`` nudged away from zero, so that an exact tie rounds away from zero in Python as in the browser."""
    return value * (1 + TIE_NUDGE)


@formula
def whole_dollars(amount):
    """``amount`` in whole dollars: "$2,475", "−$525"."""
    rounded = ties_away_from_zero(amount)
    return f"{'−' if rounded <= -0.5 else '':s}${abs(rounded):,.0f}"


@formula
def margins_readout(fbm_margin_per_month, fba_margin_per_month):
    return f"FBM {whole_dollars(fbm_margin_per_month):s} a month, FBA {whole_dollars(fba_margin_per_month):s}"


@formula
def breakeven_readout(breakeven_own_fulfilment_cost):
    return ("FBA pays at any own fulfilment cost" if breakeven_own_fulfilment_cost <= 0 else
            f"FBA pays once your own fulfilment costs over ${ties_away_from_zero(breakeven_own_fulfilment_cost):.2f} a unit")


SELLER_READOUTS = (margins_readout, breakeven_readout)

#: The two paths, and the parts a unit's price splits into on each (key: what the reader reads), in the bars' order.
PATHS = ("FBM", "FBA")
PRICE_PARTS = {"referral_fee": "Referral fee (Amazon)", "fba_fee": "FBA fee (Amazon)",
               "storage_fee": "Storage fee (Amazon)", "own_fulfilment": "Seller's own fulfilment",
               "product_cost": "Product cost", "margin": "Seller's margin"}


@formula
def price_part(path, part, referral_fee, fba_fee, storage_fee, own_fulfilment_cost, unit_cost,
               fbm_margin_per_unit, fba_margin_per_unit):
    """USD per unit that one part of the price comes to on one path (``part`` a key of :data:`PRICE_PARTS`)."""
    fba = path == "FBA"
    return (referral_fee if part == "referral_fee" else
            (fba_fee if fba else 0.0) if part == "fba_fee" else
            (storage_fee if fba else 0.0) if part == "storage_fee" else
            (0.0 if fba else own_fulfilment_cost) if part == "own_fulfilment" else
            unit_cost if part == "product_cost" else
            (fba_margin_per_unit if fba else fbm_margin_per_unit))


@formula
def part_share_of_price(price_part, price):
    return price_part / price


@formula
def path_shares_label(path, fbm_amazon_share_of_price, fba_amazon_share_of_price, fbm_seller_share_of_price,
                      fba_seller_share_of_price):
    """What Amazon takes and what the seller keeps of the price, on the row's path."""
    fba = path == "FBA"
    amazon = ties_away_from_zero(fba_amazon_share_of_price if fba else fbm_amazon_share_of_price)
    keeps = ties_away_from_zero(fba_seller_share_of_price if fba else fbm_seller_share_of_price)
    return f"Amazon {amazon:.0%}, seller keeps {keeps:.0%}"


def seller_paths_model(fees: pd.DataFrame) -> Model:
    """The seller model with the readouts of the seller chart."""
    return seller_model(fees, name="seller paths", formulas=SELLER_READOUTS)


#: The price at which the chapter's cheap item pays the light item's Low-Price FBA rate (the claim table's lowest).
CHEAP_ITEM_PRICE = 8.0
#: The chapter's slow seller: six months of sales stored in October-December, 0.3 cubic feet a unit.
SLOW_SELLER = {"cubic_feet": 0.3, "months_of_stock": 6.0}
#: The chapter's category with the highest referral fee, at the chart's highest price.
HIGH_REFERRAL = {"price": 100.0, "referral_rate": 0.45}


def seller_cases(fees: pd.DataFrame, inputs: Inputs) -> tuple[Preset, ...]:
    """The seller chart's named cases (of the seller model's ``inputs``), as the chapter discusses them; fees from ``fees``.

    A 3 lb item (its FBA fee), a cheap item under USD 10 (the Low-Price FBA rate), a slow seller in
    October-December (peak storage), a 45% referral category at USD 100.
    """
    return (
        Preset("A 3 lb item", inputs, {"fba_fee": fee(fees, HEAVY_FBA_FEE_ROW)}),
        Preset(f"A USD {CHEAP_ITEM_PRICE:.0f} item (Low-Price FBA rate)", inputs,
               {"price": CHEAP_ITEM_PRICE, "fba_fee": fee(fees, LOW_PRICE_FBA_FEE_ROW)}),
        Preset("A slow seller in October–December", inputs,
               {**SLOW_SELLER, "storage_rate": fee(fees, STORAGE_SEASONS["Oct–Dec"])}),
        Preset("A 45% referral fee at USD 100", inputs, HIGH_REFERRAL),
    )


def price_split_model(fees: pd.DataFrame) -> Model:
    """The seller model over rows of (path, part of the price): the bars of the seller chart."""
    return seller_model(fees, name="seller price split", formulas=[price_part, part_share_of_price, path_shares_label],
                        fields=[Field("path", "FBM or FBA"), Field("part", "a key of PRICE_PARTS")])


def price_split_rows() -> list[dict[str, Any]]:
    """One row per path and part of the price, in the bars' order."""
    return [{"path": path, "part": part, "part_label": label, "order": i}
            for path in PATHS for i, (part, label) in enumerate(PRICE_PARTS.items())]


# ---------------------------------------------------------------------------
# A seller's two paths: the model in Python
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class PathResult:
    """One fulfilment path of one product, per unit (USD) and per month."""

    path: str
    units_per_month: float
    referral_fee: float
    fba_fee: float
    storage_fee: float
    amazon_fees: float
    own_fulfilment: float
    unit_cost: float
    margin_per_unit: float
    margin_per_month: float
    amazon_share_of_price: float
    seller_share_of_price: float
    margin_share_of_price: float


@dataclass(frozen=True)
class SellerEconomics:
    """Both paths of one product, the own-fulfilment cost above which FBA earns more a month, and every value computed."""

    fbm: PathResult
    fba: PathResult
    breakeven_own_fulfilment_cost: float
    values: Mapping[str, Any]

    @classmethod
    def from_values(cls, values: Mapping[str, Any]) -> SellerEconomics:
        """Read a seller model's result (:meth:`~amazon_case.kit.model.Model.evaluate`) path by path."""
        v = values
        fbm = PathResult("FBM", v["units_per_month"], v["referral_fee"], 0.0, 0.0, v["fbm_amazon_fees"],
                         v["own_fulfilment_cost"], v["unit_cost"], v["fbm_margin_per_unit"], v["fbm_margin_per_month"],
                         v["fbm_amazon_share_of_price"], v["fbm_seller_share_of_price"], v["fbm_margin_share_of_price"])
        fba = PathResult("FBA", v["fba_units_per_month"], v["referral_fee"], v["fba_fee"], v["storage_fee"],
                         v["fba_amazon_fees"], 0.0, v["unit_cost"], v["fba_margin_per_unit"], v["fba_margin_per_month"],
                         v["fba_amazon_share_of_price"], v["fba_seller_share_of_price"], v["fba_margin_share_of_price"])
        return cls(fbm, fba, v["breakeven_own_fulfilment_cost"], dict(values))

    @property
    def fba_pays(self) -> bool:
        return self.fba.margin_per_month > self.fbm.margin_per_month

    def table(self) -> pd.DataFrame:
        """Both paths side by side (one column per path)."""
        return pd.DataFrame({r.path: asdict(r) for r in (self.fbm, self.fba)}).drop(index="path")


@lru_cache(maxsize=1)
def published_seller_model() -> Model:
    """The seller model with the fees of ``data/amazon_seller_fees.csv`` (read once)."""
    return seller_model(load_fees())


def seller_economics(fees: pd.DataFrame | None = None, **values: Any) -> SellerEconomics:
    """A third-party seller's margin on one product, fulfilled by the seller (FBM) or by Amazon (FBA).

    Both paths pay Amazon the referral fee, ``max(referral_rate * price, minimum_referral_fee)``.
    With **FBM** the seller also pays its own fulfilment (``own_fulfilment_cost`` per unit: packing,
    postage, its own storage) and sells ``units_per_month``. With **FBA** the seller pays Amazon the
    ``fba_fee`` per unit and a storage fee per unit sold of ``storage_rate * cubic_feet * months_of_stock``
    (average stock held = ``months_of_stock`` months of sales, each unit taking ``cubic_feet``), and sells
    ``(1 + prime_uplift)`` times as many units.

    Margin per unit = price − unit cost − Amazon's fees − own fulfilment; per month = margin per unit
    × units. Shares are of the sale price. The break-even own-fulfilment cost k* solves FBM monthly
    margin = FBA monthly margin: FBA earns more a month when the seller's own fulfilment costs more
    than k* (which can be negative: FBA then always pays).

    ``values`` are any of the model's inputs (USD; fractions for rates and the uplift; ``storage_rate``
    one of the published seasonal rates); the others take their defaults: Amazon's published fees
    (from ``fees``, by default ``data/amazon_seller_fees.csv``) and our assumptions. A value outside
    its input's range raises :class:`~amazon_case.kit.AssumptionError` naming it.
    """
    model = published_seller_model() if fees is None else seller_model(fees)
    return SellerEconomics.from_values(model.evaluate(**values))


def seller_defaults(fees: pd.DataFrame) -> dict[str, float]:
    """The seller model's default inputs: published fees from ``fees``, the rest :data:`SELLER_ASSUMPTIONS`."""
    return seller_model(fees).inputs.defaults()


# ---------------------------------------------------------------------------
# The document's claim: "the seller takes only a small cut" with FBA
# ---------------------------------------------------------------------------

#: The items the claim chart and table draw (the row of each one's USD 10-and-over fee), with their labels.
CLAIM_FBA_FEES = {FBA_FEE_ROW: "FBA, large standard 4 oz", HEAVY_FBA_FEE_ROW: "FBA, large standard 3 lb"}
#: The claim chart's line for the seller that ships its own orders.
WITHOUT_FBA = "Without FBA (referral fee only)"
CLAIM_PRICE = Field("price", "sale price, USD", PRICE.low, PRICE.high)
FIXED_FEES = Field("fixed_fees", "Amazon's fees per unit besides the referral fee (FBA fee, storage), USD", 0.0, 100.0)


@formula
def amazon_share_of_price(referral_fee, fixed_fees, price):
    """Amazon's fees per unit, the referral fee and the fixed fees, as a share of the price."""
    return (referral_fee + fixed_fees) / price


def claim_model(fees: pd.DataFrame) -> Model:
    """Amazon's share of the price at any price (a row's ``price``) and fixed fees (a row's ``fixed_fees``).

    The referral fee is the seller model's own formula and inputs.
    """
    inputs = {item.name: item for item in fee_inputs(fees)}
    return Model("FBA claim", prefix="claim", inputs=[inputs["referral_rate"], inputs["minimum_referral_fee"]],
                 formulas=[referral_fee, amazon_share_of_price], fields=[CLAIM_PRICE, FIXED_FEES])


@lru_cache(maxsize=1)
def published_claim_model() -> Model:
    return claim_model(load_fees())


def price_where_amazon_takes(share: float, referral_rate: float, fixed_fees: float,
                             minimum_referral_fee: float | None = None) -> float:
    """The sale price at which Amazon's fees are exactly ``share`` of the price; below it they are more.

    Amazon's fees per unit are ``max(referral_rate * p, minimum_referral_fee) + fixed_fees`` (FBA fee and
    storage): :func:`amazon_share_of_price` solved for the price. Returns ``math.inf`` when the referral
    rate alone is at least ``share`` (Amazon then takes ``share`` or more at every price).
    ``minimum_referral_fee`` defaults to the published one.
    """
    model = published_claim_model()
    s = check_number("share", share, 0.0, 1.0, low_open=True)
    r = model.inputs["referral_rate"].check(referral_rate)
    fixed = FIXED_FEES.check(fixed_fees)
    minimum_input = model.inputs["minimum_referral_fee"]
    minimum = minimum_input.default if minimum_referral_fee is None else minimum_input.check(minimum_referral_fee)
    if r >= s:
        return math.inf
    price = fixed / (s - r)
    if r * price < minimum:  # below the minimum the referral fee is the flat minimum
        price = (fixed + minimum) / s
    return price


def storage_per_unit(fees: pd.DataFrame) -> float:
    """The FBA storage fee per unit sold at the seller model's defaults (rate × cubic feet × months of stock), USD."""
    d = seller_defaults(fees)
    return storage_fee(d["storage_rate"], d["cubic_feet"], d["months_of_stock"])


def fba_half_price_threshold(fees: pd.DataFrame, fee_row: str = FBA_FEE_ROW, share: float = 0.5) -> float:
    """The sale price below which Amazon's FBA fees take more than ``share`` of it.

    The fees are the seller model's, at its defaults: the referral fee, the published FBA fee of
    ``fee_row`` and the storage fee per unit (:func:`storage_per_unit`). One model, so the chapter
    and the fact-check appendix quote the same threshold. A fee applies to one price band
    (:data:`~amazon_case.marketplace.fees.FBA_FEE_BANDS`): the threshold of a band's fee says what
    happens inside that band only.
    """
    d = seller_defaults(fees)
    return price_where_amazon_takes(share, d["referral_rate"], fee(fees, fee_row) + storage_per_unit(fees),
                                    d["minimum_referral_fee"])


def claim_rows(fees: pd.DataFrame, prices: Iterable[float]) -> list[dict[str, Any]]:
    """The claim chart's and table's rows: at each price, Amazon's fees per unit besides the referral fee, per path.

    Without FBA there are none. With FBA they are the item's FBA fee in the price's band (the 2025
    schedule: :func:`~amazon_case.marketplace.fees.fba_fee_at`) plus the storage fee per unit at the
    seller model's defaults. An item has no row at a price whose band's fee was not read.
    Each row: ``series``, ``band``, ``price``, ``fba_fee`` (USD, 0 without FBA) and ``fixed_fees`` (USD).
    """
    prices = list(prices)
    storage = storage_per_unit(fees)
    rows = [{"series": WITHOUT_FBA, "band": "any price", "price": p, "fba_fee": 0.0, "fixed_fees": 0.0} for p in prices]
    for row, label in CLAIM_FBA_FEES.items():
        for p in prices:
            fba = fba_fee_at(fees, row, p)
            if fba is not None:
                rows.append({"series": label, "band": price_band(p), "price": p, "fba_fee": fba, "fixed_fees": fba + storage})
    return rows


# ---------------------------------------------------------------------------
# For the book-wide tests
# ---------------------------------------------------------------------------


def book_models() -> list[ModelEntry]:
    """Every model of the chapter, with rows from the data for those that read rows."""
    from ..filings import annual_wide, load_quarterly, load_statements
    from .growth import growth_view, marketplace_growth
    from .take_rate import TAKE_RATE, take_rate_table

    fees, wide = load_fees(), annual_wide()
    growth = marketplace_growth(wide)
    take = take_rate_table(wide, load_statements(), load_quarterly())
    take_rows = [{"third_party_seller_services": r.third_party_seller_services, "online_stores": r.online_stores,
                  "third_party_unit_share": share} for r in take.itertuples() for share in (r.unit_share, 0.1, 0.9)]
    growth_rows = [{"net_sales_bn": r.third_party_seller_services / 1000, "sales_index": r.third_party_seller_services_index}
                   for r in growth.itertuples()]
    claim = [{"price": r["price"], "fixed_fees": r["fixed_fees"]}
             for r in claim_rows(fees, (CLAIM_PRICE.low, 9.5, 10.0, 25.0, CLAIM_PRICE.high))]
    return [
        ModelEntry("marketplace", seller_paths_model(fees)),
        ModelEntry("marketplace", price_split_model(fees), price_split_rows),
        ModelEntry("marketplace", claim_model(fees), lambda: claim),
        ModelEntry("marketplace", TAKE_RATE, lambda: take_rows),
        ModelEntry("marketplace", growth_view(int(growth.index[0])), lambda: growth_rows),
    ]
