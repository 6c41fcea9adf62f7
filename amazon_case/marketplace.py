"""The third-party marketplace: a seller's two paths (with or without Fulfilment by Amazon) and Amazon's take rate.

Models (pure functions, inputs checked with :func:`amazon_case.models._check_range`):

- :func:`seller_economics`: one product sold by a third-party seller, either fulfilled by the
  seller (FBM, "fulfilled by merchant") or by Amazon (FBA). Margin per unit and per month,
  Amazon's share of the sale price, and the seller's own fulfilment cost above which FBA pays.
- :func:`take_rate`: third-party seller services revenue (10-K) divided by an *estimate* of
  third-party gross merchandise sales built from Amazon's stated unit share.
- :func:`marketplace_growth`: third-party seller services against online stores, per year.

Published fees (referral fee, FBA fulfilment fee, storage fees) come from
``data/amazon_seller_fees.csv`` (:func:`load_fees`); everything else is a labelled assumption
(:data:`SELLER_DEFAULTS`). The Vega expressions that mirror the models in the static book sit
beside the chart builders, and the browser tests check them against the Python functions.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import altair as alt
import pandas as pd

from . import data
from .charts import CATEGORY_COLORS, WIDTH, _percent_slider, _scale, _title
from .models import AssumptionError, _check_range

FEES_FILE = "amazon_seller_fees.csv"


def load_fees(path=None) -> pd.DataFrame:
    """Amazon's published US seller fees, validated against their manifest; indexed by ``fee``."""
    frame = data.read_validated_csv(path if path is not None else data.DATA_DIR / FEES_FILE)
    return frame.set_index("fee")


def fee(fees: pd.DataFrame, name: str) -> float:
    """The value of one published fee (percent fees as fractions: 15 -> 0.15)."""
    if name not in fees.index:
        raise KeyError(f"no fee {name!r} in {FEES_FILE}")
    value = float(fees.at[name, "value"])
    return value / 100 if fees.at[name, "unit"].startswith("percent") else value


# ---------------------------------------------------------------------------
# Growth: third-party seller services against online stores
# ---------------------------------------------------------------------------


def marketplace_growth(wide: pd.DataFrame) -> pd.DataFrame:
    """Third-party seller services and online stores net sales per year (USD millions), with indices.

    Returns one row per fiscal year: ``online_stores``, ``third_party_seller_services``,
    ``ratio`` (seller services / online stores) and each line as an index, first year = 100.
    """
    frame = pd.DataFrame(
        {
            "online_stores": wide["net_sales_online_stores"].astype(float),
            "third_party_seller_services": wide["net_sales_third_party_seller_services"].astype(float),
        }
    )
    if (frame <= 0).any().any():
        raise ValueError("net sales must be positive in every year")
    frame["ratio"] = frame["third_party_seller_services"] / frame["online_stores"]
    first = frame.iloc[0]
    frame["online_stores_index"] = 100 * frame["online_stores"] / first["online_stores"]
    frame["third_party_seller_services_index"] = (
        100 * frame["third_party_seller_services"] / first["third_party_seller_services"]
    )
    frame.index.name = "fiscal_year"
    return frame


# ---------------------------------------------------------------------------
# A seller's two paths
# ---------------------------------------------------------------------------

#: Allowed ranges of the seller model's inputs (the sliders span them or part of them).
SELLER_RANGES: dict[str, tuple[float, float]] = {
    "price": (5.0, 200.0),
    "unit_cost": (0.0, 150.0),
    "referral_rate": (0.0, 0.45),
    "fba_fee": (0.0, 30.0),
    "storage_rate": (0.0, 5.0),
    "cubic_feet": (0.0, 3.0),
    "months_of_stock": (0.0, 12.0),
    "own_fulfilment_cost": (0.0, 30.0),
    "prime_uplift": (0.0, 1.0),
    "units_per_month": (1.0, 100_000.0),
}

#: Our assumptions for one product (labelled as ours in every control). The published
#: fees (referral rate, minimum, FBA fee, storage rates) come from the data file instead.
ASSUMED_DEFAULTS: dict[str, float] = {
    "price": 25.0,  # a mid-priced item, inside the USD 10-50 band of the FBA fee read
    "unit_cost": 8.0,  # what the seller pays its supplier, landed
    "cubic_feet": 0.1,  # a box of about 8 by 6 by 3.6 inches
    "months_of_stock": 2.0,  # stock held at Amazon, in months of sales
    "own_fulfilment_cost": 5.0,  # packing, postage and the seller's own storage per order
    "prime_uplift": 0.1,  # extra sales from the Prime badge
    "units_per_month": 300.0,
}

#: Seasons of the FBA storage fee (the radio button's options) and the fee row of each.
SEASONS = {"Jan–Sep": "monthly_storage_fee_standard_jan_sep",
           "Oct–Dec": "monthly_storage_fee_standard_oct_dec"}


def seller_defaults(fees: pd.DataFrame) -> dict[str, float]:
    """The seller model's default inputs: published fees from ``fees``, the rest :data:`ASSUMED_DEFAULTS`."""
    return {
        **ASSUMED_DEFAULTS,
        "referral_rate": fee(fees, "referral_fee_rate_most_categories"),
        "fba_fee": fee(fees, "fba_fulfilment_fee_large_standard_4oz"),
        "storage_rate": fee(fees, SEASONS["Jan–Sep"]),
        "minimum_referral_fee": fee(fees, "referral_fee_minimum_per_item"),
    }


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
    """Both paths of one product and the own-fulfilment cost above which FBA earns more a month."""

    fbm: PathResult
    fba: PathResult
    breakeven_own_fulfilment_cost: float

    @property
    def fba_pays(self) -> bool:
        return self.fba.margin_per_month > self.fbm.margin_per_month

    def table(self) -> pd.DataFrame:
        """Both paths side by side (one column per path)."""
        return pd.DataFrame({r.path: asdict(r) for r in (self.fbm, self.fba)}).drop(index="path")


def seller_economics(
    price: float,
    unit_cost: float,
    referral_rate: float,
    fba_fee: float,
    storage_rate: float,
    cubic_feet: float,
    months_of_stock: float,
    own_fulfilment_cost: float,
    prime_uplift: float,
    units_per_month: float,
    minimum_referral_fee: float = 0.30,
) -> SellerEconomics:
    """A third-party seller's margin on one product, fulfilled by the seller (FBM) or by Amazon (FBA).

    Both paths pay Amazon the referral fee, ``max(referral_rate * price, minimum_referral_fee)``.
    With **FBM** the seller also pays its own fulfilment (``own_fulfilment_cost`` per unit: packing,
    postage, its own storage) and sells ``units_per_month``. With **FBA** the seller pays Amazon the
    ``fba_fee`` per unit and a storage fee per unit sold of
    ``storage_rate * cubic_feet * months_of_stock`` (average stock held = ``months_of_stock`` months
    of sales, each unit taking ``cubic_feet``), and sells ``(1 + prime_uplift)`` times as many units.

    Margin per unit = price − unit cost − Amazon's fees − own fulfilment; per month = margin per
    unit × units. Shares are of the sale price: Amazon's fees, what the seller keeps after
    Amazon's fees and its own fulfilment, and the margin. The break-even own-fulfilment cost ``k*``
    solves FBM monthly margin = FBA monthly margin: FBA earns more a month when the seller's own
    fulfilment costs more than ``k*`` (which can be negative: FBA then always pays).

    Parameters are in USD (per unit, per cubic foot per month) and fractions (rates, uplift);
    each is checked against :data:`SELLER_RANGES` and raises :class:`AssumptionError` if outside.
    """
    p = _check_range("price", price, *SELLER_RANGES["price"])
    c = _check_range("unit_cost", unit_cost, *SELLER_RANGES["unit_cost"])
    r = _check_range("referral_rate", referral_rate, *SELLER_RANGES["referral_rate"])
    f = _check_range("fba_fee", fba_fee, *SELLER_RANGES["fba_fee"])
    s = _check_range("storage_rate", storage_rate, *SELLER_RANGES["storage_rate"])
    v = _check_range("cubic_feet", cubic_feet, *SELLER_RANGES["cubic_feet"])
    m = _check_range("months_of_stock", months_of_stock, *SELLER_RANGES["months_of_stock"])
    k = _check_range("own_fulfilment_cost", own_fulfilment_cost, *SELLER_RANGES["own_fulfilment_cost"])
    u = _check_range("prime_uplift", prime_uplift, *SELLER_RANGES["prime_uplift"])
    q = _check_range("units_per_month", units_per_month, *SELLER_RANGES["units_per_month"])
    minimum = _check_range("minimum_referral_fee", minimum_referral_fee, 0.0, 5.0)
    referral = max(r * p, minimum)
    storage = s * v * m

    def path(name: str, fba: float, store: float, own: float, units: float) -> PathResult:
        amazon = referral + fba + store
        margin = p - c - amazon - own
        return PathResult(
            path=name, units_per_month=units, referral_fee=referral, fba_fee=fba, storage_fee=store,
            amazon_fees=amazon, own_fulfilment=own, unit_cost=c, margin_per_unit=margin,
            margin_per_month=margin * units, amazon_share_of_price=amazon / p,
            seller_share_of_price=(p - amazon - own) / p, margin_share_of_price=margin / p,
        )

    fbm = path("FBM", 0.0, 0.0, k, q)
    fba = path("FBA", f, storage, 0.0, q * (1 + u))
    gross = p - c - referral
    breakeven = gross - (gross - f - storage) * (1 + u)
    return SellerEconomics(fbm=fbm, fba=fba, breakeven_own_fulfilment_cost=breakeven)


#: Names of the seller chart's parameters, in the order of its controls.
SELLER_PARAMS = ("seller_price", "seller_unit_cost", "seller_referral", "seller_fba_fee", "seller_season",
                 "seller_cubic_feet", "seller_months", "seller_own_cost", "seller_uplift", "seller_units")
#: Slider bounds (in the units the sliders show) and steps.
SELLER_SLIDERS = {
    "seller_price": (5, 100, 0.5),
    "seller_unit_cost": (0, 60, 0.5),
    "seller_referral": (5, 45, 1),
    "seller_fba_fee": (2, 12, 0.02),
    "seller_cubic_feet": (0.02, 1.0, 0.02),
    "seller_months": (0, 6, 0.5),
    "seller_own_cost": (0, 15, 0.25),
    "seller_uplift": (0, 100, 5),
    "seller_units": (10, 1000, 10),
}
OWN_COST_GRID = [i / 4 for i in range(0, 61)]  # USD 0 to 15 in steps of 0.25


def seller_expressions(storage_rates: dict[str, float], minimum_referral_fee: float) -> dict[str, str]:
    """Vega expressions that mirror :func:`seller_economics` (parameters in the sliders' units)."""
    options = list(storage_rates)
    storage_rate = f"(seller_season == '{options[1]}' ? {storage_rates[options[1]]} : {storage_rates[options[0]]})"
    referral = f"max(seller_referral / 100 * seller_price, {minimum_referral_fee})"
    storage = f"({storage_rate} * seller_cubic_feet * seller_months)"
    gross = f"(seller_price - seller_unit_cost - {referral})"
    fba_unit = f"({gross} - seller_fba_fee - {storage})"
    return {
        "referral_fee": referral,
        "storage_fee": storage,
        "fbm_margin_per_unit": f"{gross} - seller_own_cost",
        "fba_margin_per_unit": fba_unit,
        "fbm_margin_per_month": f"({gross} - seller_own_cost) * seller_units",
        "fba_margin_per_month": f"{fba_unit} * seller_units * (1 + seller_uplift / 100)",
        # FBM's margin a month at the own-fulfilment cost of the grid row (datum.own_cost).
        "fbm_month_at_grid": f"({gross} - datum.own_cost) * seller_units",
        "breakeven": f"{gross} - {fba_unit} * (1 + seller_uplift / 100)",
        "fbm_amazon_share": f"{referral} / seller_price",
        "fba_amazon_share": f"({referral} + seller_fba_fee + {storage}) / seller_price",
        "fbm_seller_share": f"(seller_price - {referral} - seller_own_cost) / seller_price",
        "fba_seller_share": f"(seller_price - {referral} - seller_fba_fee - {storage}) / seller_price",
    }


def _usd(x: float) -> str:
    return f"USD {x:,.2f}" if x >= 0 else f"minus USD {-x:,.2f}"


def seller_paths_chart(fees: pd.DataFrame, source: str) -> alt.VConcatChart:
    """A seller's monthly margin under FBM and FBA, and how the sale price splits, under the reader's settings.

    Top: monthly margin against the seller's own fulfilment cost (FBM falls as it rises; FBA does not
    depend on it), with the break-even cost. Bottom: where each dollar of the price goes, per path.
    Ten controls: price, unit cost, referral rate, FBA fee, storage season (published rates),
    cubic feet per unit, months of stock, own fulfilment cost, Prime uplift, units a month.
    """
    d = seller_defaults(fees)
    rates = {season: fee(fees, row) for season, row in SEASONS.items()}
    result = seller_economics(**{k: v for k, v in d.items()})
    expr = seller_expressions(rates, d["minimum_referral_fee"])
    lo = {k: v[0] for k, v in SELLER_SLIDERS.items()}
    hi = {k: v[1] for k, v in SELLER_SLIDERS.items()}
    step = {k: v[2] for k, v in SELLER_SLIDERS.items()}

    def slider(name, label, value):
        return alt.param(name=name, value=value, bind=alt.binding_range(min=lo[name], max=hi[name], step=step[name], name=label))

    params = [
        slider("seller_price", "Assumption: sale price (USD) ", d["price"]),
        slider("seller_unit_cost", "Assumption: product cost to the seller (USD) ", d["unit_cost"]),
        slider("seller_referral", "Referral fee (% of price; 15% in most categories) ", round(d["referral_rate"] * 100, 4)),
        slider("seller_fba_fee", "FBA fulfilment fee (USD per unit) ", d["fba_fee"]),
        alt.param(name="seller_season", value=list(rates)[0],
                  bind=alt.binding_radio(options=list(rates), name="FBA storage fee season ")),
        slider("seller_cubic_feet", "Assumption: cubic feet per unit ", d["cubic_feet"]),
        slider("seller_months", "Assumption: stock held at Amazon (months of sales) ", d["months_of_stock"]),
        slider("seller_own_cost", "Assumption: seller's own fulfilment cost (USD per unit) ", d["own_fulfilment_cost"]),
        slider("seller_uplift", "Assumption: extra sales from Prime eligibility (%) ", round(d["prime_uplift"] * 100, 4)),
        slider("seller_units", "Assumption: units sold a month without FBA ", d["units_per_month"]),
    ]
    path_colors = {"Fulfilled by the seller (FBM)": "#1f77b4", "Fulfilled by Amazon (FBA)": "#ff7f0e"}
    grid = pd.DataFrame({"own_cost": OWN_COST_GRID})
    base = alt.Chart(grid).transform_calculate(
        fbm_margin_per_month=expr["fbm_month_at_grid"],
        fba_margin_per_month=expr["fba_margin_per_month"],
    )
    folded = base.transform_fold(["fbm_margin_per_month", "fba_margin_per_month"], as_=["measure", "margin"]).transform_calculate(
        path="datum.measure == 'fbm_margin_per_month' ? 'Fulfilled by the seller (FBM)' : 'Fulfilled by Amazon (FBA)'"
    )
    x = alt.X("own_cost:Q", title="Seller's own fulfilment cost (USD per unit)", scale=alt.Scale(domain=[0, 15]))
    color = alt.Color("path:N", title=None, scale=_scale(path_colors), legend=alt.Legend(orient="bottom"))
    lines = folded.mark_line(strokeWidth=2.5).encode(
        x=x, y=alt.Y("margin:Q", title="Seller's margin a month (USD)"), color=color,
        tooltip=[alt.Tooltip("path:N", title="Path"), alt.Tooltip("own_cost:Q", format="$.2f", title="Own fulfilment cost"),
                 alt.Tooltip("margin:Q", format="$,.0f", title="Margin a month")],
    )
    at_cost = folded.transform_filter("abs(datum.own_cost - seller_own_cost) < 0.001")
    points = at_cost.mark_point(filled=True, size=70).encode(x=x, y="margin:Q", color=color)
    rule = alt.Chart(grid).mark_rule(color="#555", strokeDash=[4, 3]).encode(x=x).transform_filter(
        "abs(datum.own_cost - seller_own_cost) < 0.001")
    zero = alt.Chart(pd.DataFrame({"zero": [0]})).mark_rule(color="#999").encode(y="zero:Q")
    readout = alt.Chart(pd.DataFrame({"x": [0]})).transform_calculate(
        breakeven=expr["breakeven"],
        fbm=expr["fbm_margin_per_month"],
        fba=expr["fba_margin_per_month"],
    ).transform_calculate(
        line1="'FBM ' + format(datum.fbm, '$,.0f') + ' a month, FBA ' + format(datum.fba, '$,.0f')",
        line2=("datum.breakeven <= 0 ? 'FBA pays at any own fulfilment cost' : "
               "'FBA pays once your own fulfilment costs over ' + format(datum.breakeven, '$.2f') + ' a unit'"),
    )
    text1 = readout.mark_text(align="left", baseline="bottom", x=0, y=-22, fontSize=12, fontWeight="bold").encode(text="line1:N")
    text2 = readout.mark_text(align="left", baseline="bottom", x=0, y=-6, fontSize=12).encode(text="line2:N")
    left = alt.layer(zero, lines, rule, points, text1, text2).properties(width=WIDTH - 80, height=260)

    components = [
        ("Referral fee (Amazon)", "#d62728"), ("FBA fee (Amazon)", "#ff9896"), ("Storage fee (Amazon)", "#f7b6d2"),
        ("Seller's own fulfilment", "#9edae5"), ("Product cost", "#c7c7c7"), ("Seller's margin", "#2ca02c"),
    ]
    rows = [{"path": p, "component": name, "order": i} for p in ("FBM", "FBA") for i, (name, _) in enumerate(components)]
    amounts = {
        "Referral fee (Amazon)": expr["referral_fee"],
        "FBA fee (Amazon)": "datum.path == 'FBA' ? seller_fba_fee : 0",
        "Storage fee (Amazon)": f"datum.path == 'FBA' ? {expr['storage_fee']} : 0",
        "Seller's own fulfilment": "datum.path == 'FBM' ? seller_own_cost : 0",
        "Product cost": "seller_unit_cost",
        "Seller's margin": f"datum.path == 'FBM' ? {expr['fbm_margin_per_unit']} : {expr['fba_margin_per_unit']}",
    }
    amount = " : ".join(f"datum.component == \"{name}\" ? ({e})" for name, e in list(amounts.items())[:-1])
    amount += f" : ({list(amounts.values())[-1]})"
    split = alt.Chart(pd.DataFrame(rows)).transform_calculate(amount=amount).transform_calculate(
        share="datum.amount / seller_price")
    y = alt.Y("path:N", title=None, sort=["FBM", "FBA"], axis=alt.Axis(labelFontSize=12))
    bars = split.mark_bar(height=34).encode(
        y=y,
        x=alt.X("share:Q", title="Share of the sale price", axis=alt.Axis(format="%")),
        color=alt.Color("component:N", title=None, scale=_scale(dict(components)),
                        legend=alt.Legend(orient="bottom", columns=2)),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("path:N", title="Path"), alt.Tooltip("component:N", title="Part of the price"),
                 alt.Tooltip("amount:Q", format="$.2f", title="USD per unit"),
                 alt.Tooltip("share:Q", format=".1%", title="Share of price")],
    )
    shares = alt.Chart(pd.DataFrame({"path": ["FBM", "FBA"]})).transform_calculate(
        amazon=f"datum.path == 'FBM' ? {expr['fbm_amazon_share']} : {expr['fba_amazon_share']}",
        keeps=f"datum.path == 'FBM' ? {expr['fbm_seller_share']} : {expr['fba_seller_share']}",
    ).transform_calculate(
        label="'Amazon ' + format(datum.amazon, '.0%') + ', seller keeps ' + format(datum.keeps, '.0%')"
    ).mark_text(align="left", baseline="bottom", dy=-19, x=0, fontSize=11).encode(y=y, text="label:N")
    right = alt.layer(bars, shares).properties(width=WIDTH - 80, height=150)

    diff = result.fba.margin_per_month - result.fbm.margin_per_month
    takeaway = (
        f"FBA {'pays' if diff > 0 else 'costs'} this seller USD {abs(diff):,.0f} {'more' if diff > 0 else ''} a month; "
        f"Amazon keeps {result.fba.amazon_share_of_price:.0%} of the price, not {result.fbm.amazon_share_of_price:.0%}"
    ).replace("  ", " ")
    return (
        alt.vconcat(left, right, spacing=50)
        .resolve_scale(color="independent")
        .add_params(*params)
        .properties(
            title=_title(
                source, takeaway,
                "One product, two paths: published fees as defaults, the rest our assumptions; move the controls",
            ),
            description=(
                "Two panels. Top: line chart of the seller's margin a month against its own fulfilment cost, "
                "from 0 to 15 US dollars a unit; the FBM line falls as that cost rises, the FBA line is flat, and "
                f"they cross at the break-even cost, {_usd(result.breakeven_own_fulfilment_cost)} at the defaults. "
                "Bottom: stacked bars splitting the sale price into Amazon's fees, the seller's own fulfilment, "
                f"product cost and margin for each path; Amazon's fees are {result.fbm.amazon_share_of_price:.0%} "
                f"of the price with FBM and {result.fba.amazon_share_of_price:.0%} with FBA at the defaults. "
                "Ten controls set the price, costs, fees and assumptions."
            ),
        )
    )


# ---------------------------------------------------------------------------
# Amazon's take rate
# ---------------------------------------------------------------------------

TAKE_RATE_RANGES: dict[str, tuple[float, float]] = {
    "third_party_unit_share": (0.1, 0.9),
    "price_ratio": (0.5, 1.5),
    "first_party_gmv_ratio": (0.8, 1.2),
}
TAKE_RATE_DEFAULTS = {"price_ratio": 1.0, "first_party_gmv_ratio": 1.0}
TAKE_RATE_PARAMS = ("tr_price_ratio", "tr_gmv_ratio")
SHARE_GRID = list(range(40, 81))  # third-party unit share, percent


def take_rate(
    seller_services: float,
    online_stores: float,
    third_party_unit_share: float,
    price_ratio: float = 1.0,
    first_party_gmv_ratio: float = 1.0,
) -> tuple[float, float]:
    """Amazon's take rate: third-party seller services revenue / estimated third-party gross merchandise sales.

    First-party gross merchandise sales are estimated as ``online_stores * first_party_gmv_ratio``
    (online-store net sales, which are Amazon's own sales recorded gross). With a third-party share
    ``s`` of paid units, third-party units are ``s / (1 - s)`` times first-party units, and a
    third-party unit sells at ``price_ratio`` times a first-party unit's price, so
    third-party GMV = first-party GMV × ``price_ratio`` × s / (1 − s).

    Returns ``(third_party_gmv, take_rate)`` in the unit of the inputs and as a fraction. The share is
    kept in [0.1, 0.9] so that the ratio stays finite.
    """
    tpss = _check_range("seller_services", seller_services, 0.0, math.inf, low_open=True)
    online = _check_range("online_stores", online_stores, 0.0, math.inf, low_open=True)
    s = _check_range("third_party_unit_share", third_party_unit_share, *TAKE_RATE_RANGES["third_party_unit_share"])
    ratio = _check_range("price_ratio", price_ratio, *TAKE_RATE_RANGES["price_ratio"])
    gmv_ratio = _check_range("first_party_gmv_ratio", first_party_gmv_ratio, *TAKE_RATE_RANGES["first_party_gmv_ratio"])
    gmv = online * gmv_ratio * ratio * s / (1 - s)
    return gmv, tpss / gmv


def take_rate_table(wide: pd.DataFrame, statements: pd.DataFrame, price_ratio: float = 1.0,
                    first_party_gmv_ratio: float = 1.0) -> pd.DataFrame:
    """The take rate in each fiscal year for which Amazon stated a fourth-quarter third-party unit share.

    The Q4 share stands in for the year's (an assumption: Q4 holds the holiday season).
    Returns one row per year: ``period`` (the statement), ``unit_share`` (fraction), ``online_stores``,
    ``third_party_seller_services``, ``third_party_gmv`` (USD millions) and ``take_rate``.
    """
    shares = statements[statements["metric"] == "third_party_share_of_paid_units_pct"]
    rows = []
    for _, st in shares.iterrows():
        year = int(str(st["period"]).split()[-1])
        if year not in wide.index:
            continue
        online = float(wide.at[year, "net_sales_online_stores"])
        tpss = float(wide.at[year, "net_sales_third_party_seller_services"])
        gmv, rate = take_rate(tpss, online, st["value"] / 100, price_ratio, first_party_gmv_ratio)
        rows.append({"fiscal_year": year, "period": st["period"], "unit_share": st["value"] / 100,
                     "online_stores": online, "third_party_seller_services": tpss,
                     "third_party_gmv": gmv, "take_rate": rate})
    if not rows:
        raise ValueError("no third-party unit share statement matches a fiscal year of the annual data")
    return pd.DataFrame(rows).set_index("fiscal_year").sort_index()


def take_rate_expression() -> str:
    """The Vega expression that mirrors :func:`take_rate` (share in percent, ratios in percent)."""
    return ("datum.tpss / (datum.online * tr_gmv_ratio / 100 * tr_price_ratio / 100"
            " * (datum.share_pct / 100) / (1 - datum.share_pct / 100))")


def take_rate_chart(table: pd.DataFrame, source: str, unaudited_years: frozenset[int] = frozenset()) -> alt.LayerChart:
    """Take rate against the assumed third-party unit share, one line per year with a stated share.

    ``table`` is :func:`take_rate_table` at the default ratios. Two sliders set the price ratio of
    third-party to first-party units and first-party GMV as a share of online-store net sales.
    A dot marks each year's stated share.
    """
    colors = dict(zip([f"FY{y}" + (" (unaudited)" if y in unaudited_years else "") for y in table.index],
                      ["#9467bd", "#1f77b4", "#17becf", "#8c564b"]))
    labels = list(colors)
    grid = pd.DataFrame([
        {"year": label, "share_pct": share, "tpss": row.third_party_seller_services, "online": row.online_stores,
         "stated_pct": round(row.unit_share * 100, 6)}
        for label, row in zip(labels, table.itertuples()) for share in SHARE_GRID
    ])
    price_ratio = _percent_slider("tr_price_ratio", "Assumption: third-party unit price, % of a first-party unit's ",
                                  TAKE_RATE_DEFAULTS["price_ratio"], *TAKE_RATE_RANGES["price_ratio"], step=5)
    gmv_ratio = _percent_slider("tr_gmv_ratio", "Assumption: first-party GMV, % of online-store net sales ",
                                TAKE_RATE_DEFAULTS["first_party_gmv_ratio"], *TAKE_RATE_RANGES["first_party_gmv_ratio"], step=1)
    base = alt.Chart(grid).transform_calculate(take_rate=take_rate_expression())
    x = alt.X("share_pct:Q", title="Third-party share of paid units (%)", scale=alt.Scale(domain=[40, 80]))
    y = alt.Y("take_rate:Q", title="Take rate: seller services / third-party GMV", axis=alt.Axis(format="%"))
    color = alt.Color("year:N", title=None, scale=_scale(colors), legend=alt.Legend(orient="top-right"))
    lines = base.mark_line(strokeWidth=2).encode(x=x, y=y, color=color)
    stated = base.transform_filter("datum.share_pct == round(datum.stated_pct)")
    dots = stated.mark_point(filled=True, size=90).encode(
        x=x, y=y, color=color,
        tooltip=[alt.Tooltip("year:N", title="Year"), alt.Tooltip("stated_pct:Q", title="Stated Q4 unit share (%)"),
                 alt.Tooltip("take_rate:Q", format=".1%", title="Take rate")],
    )
    offsets = [("left", 8, 14), ("left", 8, -10), ("right", -8, 14)]  # keep neighbouring labels apart
    labels_layer = alt.layer(*[
        stated.transform_filter(f"datum.year == '{label}'").mark_text(
            align=offsets[i % 3][0], dx=offsets[i % 3][1], dy=offsets[i % 3][2], fontSize=12, fontWeight="bold",
        ).encode(x=x, y=y, color=color, text=alt.Text("take_rate:Q", format=".1%"))
        for i, label in enumerate(labels)
    ])
    first, last = table.iloc[0], table.iloc[-1]
    audited = table[[y not in unaudited_years for y in table.index]]
    latest = audited.iloc[-1]
    return (
        alt.layer(lines, dots, labels_layer)
        .add_params(price_ratio, gmv_ratio)
        .properties(
            width=WIDTH, height=300,
            title=_title(
                source,
                f"Take rate: about {latest.take_rate:.0%} of third-party sales in FY{audited.index[-1]}, "
                f"up from {first.take_rate:.0%} in FY{table.index[0]}",
                "If third-party units sell at first-party prices. Dots: Amazon's stated Q4 unit share; lines: any other share",
            ),
            description=(
                "Line chart: Amazon's take rate (third-party seller services revenue divided by estimated "
                "third-party gross merchandise sales) against the assumed third-party share of paid units, from "
                f"40 to 80 percent, one line per fiscal year with a stated share ({', '.join(labels)}). Dots mark "
                f"the stated shares: {', '.join(f'FY{y} {r.unit_share:.0%} share gives {r.take_rate:.1%}' for y, r in table.iterrows())} "
                "at the default assumptions. Two sliders change the price ratio and first-party GMV."
            ),
        )
    )


# ---------------------------------------------------------------------------
# Growth chart
# ---------------------------------------------------------------------------

GROWTH_PARAMS = ("growth_measure",)


def growth_chart(growth: pd.DataFrame, statements: pd.DataFrame, source: str,
                 unaudited_years: frozenset[int] = frozenset()) -> alt.HConcatChart:
    """Third-party seller services against online stores per year (USD bn or index), beside the stated unit shares.

    ``growth`` is :func:`marketplace_growth`; ``statements`` is :func:`amazon_case.data.load_statements`.
    A radio button switches the left panel between USD billions and an index (first year = 100).
    """
    names = {"online_stores": "Online stores", "third_party_seller_services": "Third-party seller services"}
    rows = []
    for year, r in growth.iterrows():
        for key, name in names.items():
            rows.append({"fiscal_year": int(year), "category": name, "net_sales_bn": r[key] / 1000,
                         "index": r[f"{key}_index"], "audited": int(year) not in unaudited_years})
    frame = pd.DataFrame(rows)
    first, last_audited = int(growth.index[0]), max(y for y in growth.index if y not in unaudited_years)
    options = ["USD billions", "Index"]
    measure = alt.param(name="growth_measure", value=options[0],
                        bind=alt.binding_radio(options=options, name="Show "))
    base = alt.Chart(frame).transform_calculate(shown=f"growth_measure == '{options[0]}' ? datum.net_sales_bn : datum.index")
    colors = {n: CATEGORY_COLORS[n] for n in names.values()}
    color = alt.Color("category:N", title=None, scale=_scale(colors), legend=alt.Legend(orient="top"))
    x = alt.X("fiscal_year:O", title="Fiscal year")
    lines = base.mark_line(point=True, strokeWidth=2.5).encode(
        x=x, y=alt.Y("shown:Q", title=None), color=color,
        opacity=alt.condition("datum.audited", alt.value(1.0), alt.value(0.4)),
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("category:N", title="Line"),
                 alt.Tooltip("net_sales_bn:Q", format="$,.1f", title="Net sales (USD bn)"),
                 alt.Tooltip("index:Q", format=",.0f", title=f"Index (FY{first} = 100)"),
                 alt.Tooltip("audited:N", title="Audited (10-K)")],
    )
    unit = alt.Chart(pd.DataFrame({"x": [0]})).mark_text(
        align="left", baseline="bottom", x=0, y=-6, fontSize=11, color="#444",
        text=alt.ExprRef(f"growth_measure == 'Index' ? 'Index, FY{first} = 100' : 'USD billions'"))
    left = alt.layer(lines, unit).properties(width=340, height=280)
    shares = statements[statements["metric"] == "third_party_share_of_paid_units_pct"].assign(
        share=lambda f: f["value"] / 100)
    sy = alt.Y("period:N", title=None, sort=list(shares["period"]))
    bars = alt.Chart(shares).mark_bar(color=CATEGORY_COLORS["Third-party seller services"], height=22).encode(
        y=sy, x=alt.X("share:Q", title="Third-party share of paid units", axis=alt.Axis(format="%"),
                      scale=alt.Scale(domain=[0, 1])),
        tooltip=[alt.Tooltip("period:N", title="Quarter"), alt.Tooltip("share:Q", format=".0%", title="Share"),
                 alt.Tooltip("status:N", title="Confirmation")],
    )
    text = alt.Chart(shares).mark_text(align="left", dx=4, fontSize=12).encode(
        y=sy, x="share:Q", text=alt.Text("share:Q", format=".0%"))
    half = alt.Chart(pd.DataFrame({"x": [0.5]})).mark_rule(color="#999", strokeDash=[3, 3]).encode(x="x:Q")
    right = alt.layer(bars, text, half).properties(width=190, height=140, title=alt.TitleParams(
        "Amazon's stated unit share", fontSize=12, anchor="start"))
    g = growth.loc[[first, last_audited]]
    multiple_tp = g.at[last_audited, "third_party_seller_services"] / g.at[first, "third_party_seller_services"]
    multiple_os = g.at[last_audited, "online_stores"] / g.at[first, "online_stores"]
    return (
        alt.hconcat(left, right, spacing=30)
        .add_params(measure)
        .properties(
            title=_title(
                source,
                f"FY{first}–FY{last_audited}: seller fees grew {multiple_tp:.1f}-fold, Amazon's own online sales {multiple_os:.1f}-fold",
                "Net sales by category (10-K) and Amazon's statements of the third-party share of paid units"
                + (" · faded: unaudited" if unaudited_years else ""),
            ),
            description=(
                f"Two panels. Left: line chart of third-party seller services and online stores net sales, FY{first} "
                f"to FY{int(growth.index[-1])}; seller services rise from {g.at[first, 'third_party_seller_services'] / 1000:,.1f} "
                f"to {g.at[last_audited, 'third_party_seller_services'] / 1000:,.1f} billion US dollars by FY{last_audited}, "
                f"online stores from {g.at[first, 'online_stores'] / 1000:,.1f} to {g.at[last_audited, 'online_stores'] / 1000:,.1f} billion. "
                "A radio button switches to an index. Right: bars of the third-party share of paid units Amazon stated: "
                + ", ".join(f"{p} {s:.0%}" for p, s in zip(shares["period"], shares["share"])) + "."
            ),
        )
    )


# ---------------------------------------------------------------------------
# The live-notebook workbench
# ---------------------------------------------------------------------------


def seller_sentence(result: SellerEconomics) -> str:
    """One plain sentence stating a :func:`seller_economics` result."""
    fbm, fba = result.fbm, result.fba
    better = "FBA" if result.fba_pays else "Fulfilling orders yourself"
    k = result.breakeven_own_fulfilment_cost
    where = ("FBA pays at any own fulfilment cost" if k <= 0
             else f"FBA pays once your own fulfilment costs more than USD {k:,.2f} a unit")
    return (
        f"FBM: margin USD {fbm.margin_per_unit:,.2f} a unit, USD {fbm.margin_per_month:,.0f} a month, "
        f"Amazon keeps {fbm.amazon_share_of_price:.0%} of the price. "
        f"FBA: margin USD {fba.margin_per_unit:,.2f} a unit, USD {fba.margin_per_month:,.0f} a month, "
        f"Amazon keeps {fba.amazon_share_of_price:.0%}. {better} earns more; {where}."
    )


def seller_table_html(result: SellerEconomics) -> str:
    """Both paths as an HTML table (USD per unit, shares as percentages)."""
    table = result.table()
    shown = table.loc[["units_per_month", "referral_fee", "fba_fee", "storage_fee", "amazon_fees", "own_fulfilment",
                       "unit_cost", "margin_per_unit", "margin_per_month", "amazon_share_of_price",
                       "seller_share_of_price", "margin_share_of_price"]].astype(float)
    text = shown.map(lambda v: f"{v:,.2f}")
    for row in ("amazon_share_of_price", "seller_share_of_price", "margin_share_of_price"):
        text.loc[row] = shown.loc[row].map(lambda v: f"{v:.1%}")
    for row in ("units_per_month", "margin_per_month"):
        text.loc[row] = shown.loc[row].map(lambda v: f"{v:,.0f}")
    text.index = [i.replace("_", " ").capitalize() for i in text.index]
    return text.to_html(classes="seller-table", border=0)


def seller_split_chart(result: SellerEconomics, source: str) -> alt.Chart:
    """Where the sale price goes under each path (no controls: the workbench's sliders drive it)."""
    rows = []
    for r in (result.fbm, result.fba):
        for name, value in (("Amazon's fees", r.amazon_fees), ("Seller's own fulfilment", r.own_fulfilment),
                            ("Product cost", r.unit_cost), ("Seller's margin", r.margin_per_unit)):
            rows.append({"path": r.path, "component": name, "usd": value})
    colors = {"Amazon's fees": "#d62728", "Seller's own fulfilment": "#9edae5", "Product cost": "#c7c7c7",
              "Seller's margin": "#2ca02c"}
    return alt.Chart(pd.DataFrame(rows)).mark_bar().encode(
        y=alt.Y("path:N", title=None, sort=["FBM", "FBA"]),
        x=alt.X("usd:Q", title="USD per unit"),
        color=alt.Color("component:N", title=None, scale=_scale(colors), legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("path:N"), alt.Tooltip("component:N"), alt.Tooltip("usd:Q", format="$.2f")],
    ).properties(
        width=WIDTH - 160, height=110,
        title=_title(source, f"Amazon keeps {result.fba.amazon_share_of_price:.0%} of the price with FBA, "
                     f"{result.fbm.amazon_share_of_price:.0%} without", "USD per unit sold"),
        description=(f"Stacked bars of one unit's price under FBM and FBA: Amazon's fees are "
                     f"{result.fbm.amazon_share_of_price:.0%} and {result.fba.amazon_share_of_price:.0%} of the price, "
                     f"the seller's margin {result.fbm.margin_share_of_price:.0%} and {result.fba.margin_share_of_price:.0%}."),
    )




# ---------------------------------------------------------------------------
# The document's claim: "the seller takes only a small cut" with FBA
# ---------------------------------------------------------------------------

#: The FBA fee rows drawn in the claim chart, with their labels.
CLAIM_FBA_FEES = {
    "fba_fulfilment_fee_large_standard_4oz": "FBA, large standard 4 oz",
    "fba_fulfilment_fee_large_standard_3lb": "FBA, large standard 3 lb",
}
CLAIM_PARAMS = ("claim_referral",)
CLAIM_PRICES = [p / 2 for p in range(10, 201)]  # USD 5 to 100 in steps of 0.5


def price_where_amazon_takes(share: float, referral_rate: float, fixed_fees: float,
                             minimum_referral_fee: float = 0.30) -> float:
    """The sale price at which Amazon's fees are exactly ``share`` of the price; below it they are more.

    Amazon's fees per unit are ``max(referral_rate * p, minimum_referral_fee) + fixed_fees`` (FBA fee and
    storage). Solves fees = share × p. Returns ``math.inf`` when the referral rate alone is at least
    ``share`` (Amazon then takes ``share`` or more at every price).
    """
    s = _check_range("share", share, 0.0, 1.0, low_open=True)
    r = _check_range("referral_rate", referral_rate, *SELLER_RANGES["referral_rate"])
    fixed = _check_range("fixed_fees", fixed_fees, 0.0, 100.0)
    minimum = _check_range("minimum_referral_fee", minimum_referral_fee, 0.0, 5.0)
    if r >= s:
        return math.inf
    price = fixed / (s - r)
    if r * price < minimum:  # below the minimum the referral fee is the flat minimum
        price = (fixed + minimum) / s
    return price


def amazon_share_expression(fixed_fees: str, minimum_referral_fee: float) -> str:
    """Vega expression of Amazon's fees as a share of ``datum.price`` (referral slider ``claim_referral``, in %)."""
    return f"(max(claim_referral / 100 * datum.price, {minimum_referral_fee}) + {fixed_fees}) / datum.price"


def claim_chart(fees: pd.DataFrame, source: str, storage_per_unit: float) -> alt.LayerChart:
    """Amazon's share of the sale price against the price, with FBA (three published fee tiers) and without.

    ``storage_per_unit`` is the FBA storage fee per unit sold (USD) at the chapter's default assumptions.
    One slider sets the referral fee. A dashed line marks half the price.
    """
    minimum = fee(fees, "referral_fee_minimum_per_item")
    referral = fee(fees, "referral_fee_rate_most_categories")
    series = {"Without FBA (referral fee only)": 0.0}
    series.update({label: fee(fees, row) + storage_per_unit for row, label in CLAIM_FBA_FEES.items()})
    grid = pd.DataFrame([{"series": name, "fixed": fixed, "price": p} for name, fixed in series.items() for p in CLAIM_PRICES])
    slider = alt.param(name="claim_referral", value=round(referral * 100, 4),
                       bind=alt.binding_range(min=5, max=45, step=1, name="Referral fee (% of price; 15% in most categories) "))
    base = alt.Chart(grid).transform_calculate(amazon_share=amazon_share_expression("datum.fixed", minimum))
    colors = dict(zip(series, ["#1f77b4", "#ff7f0e", "#d62728"]))
    x = alt.X("price:Q", title="Sale price (USD)", scale=alt.Scale(domain=[5, 100]))
    lines = base.mark_line(strokeWidth=2.5).encode(
        x=x, y=alt.Y("amazon_share:Q", title="Amazon's fees, share of the sale price", axis=alt.Axis(format="%"),
                     scale=alt.Scale(domain=[0, 1], clamp=True)),
        color=alt.Color("series:N", title=None, scale=_scale(colors), legend=alt.Legend(orient="top-right")),
        tooltip=[alt.Tooltip("series:N", title="Path"), alt.Tooltip("price:Q", format="$.2f", title="Price"),
                 alt.Tooltip("amazon_share:Q", format=".1%", title="Amazon's share")],
    )
    half = alt.Chart(pd.DataFrame({"y": [0.5]})).mark_rule(color="#555", strokeDash=[4, 3]).encode(y="y:Q")
    half_label = alt.Chart(pd.DataFrame({"y": [0.5], "x": [100]})).mark_text(
        align="right", dy=-7, fontSize=11, color="#555", text="Half the price").encode(x="x:Q", y="y:Q")
    light = price_where_amazon_takes(0.5, referral, fee(fees, "fba_fulfilment_fee_large_standard_4oz") + storage_per_unit, minimum)
    heavy = price_where_amazon_takes(0.5, referral, fee(fees, "fba_fulfilment_fee_large_standard_3lb") + storage_per_unit, minimum)
    at25 = {name: (max(referral * 25, minimum) + fixed) / 25 for name, fixed in series.items()}
    return (
        alt.layer(lines, half, half_label)
        .add_params(slider)
        .properties(
            width=WIDTH, height=300,
            title=_title(
                source,
                f"FBA fees pass half the price only below USD {light:.0f} (light item) or USD {heavy:.0f} (3 lb item)",
                "Amazon's fees per unit (referral, FBA fulfilment, storage) as a share of the price, US published rates",
            ),
            description=(
                "Line chart of Amazon's fees as a share of the sale price, for prices from 5 to 100 US dollars: "
                "one line without FBA (the referral fee only) and two with FBA, for two published fulfilment fee "
                "tiers. The share falls as the price rises because the FBA fee is fixed per unit. At 25 dollars: "
                + "; ".join(f"{name} {share:.0%}" for name, share in at25.items())
                + ". A slider sets the referral fee."
            ),
        )
    )


def claim_table(defaults: dict, fees: pd.DataFrame, prices=(10, 15, 25, 50, 100)) -> pd.DataFrame:
    """Amazon's fees and what the seller keeps with FBA, as % of the price, per price and published FBA fee.

    ``defaults`` are :func:`seller_defaults`; only the price and the FBA fee change. Returns one row per
    price and item (:data:`CLAIM_FBA_FEES`) with ``amazon_pct`` and ``seller_keeps_pct`` (before product cost).
    """
    rows = []
    for price in prices:
        for row, label in CLAIM_FBA_FEES.items():
            r = seller_economics(**{**defaults, "price": price, "fba_fee": fee(fees, row)})
            rows.append({"price": price, "item": label, "amazon_pct": 100 * r.fba.amazon_share_of_price,
                         "seller_keeps_pct": 100 * r.fba.seller_share_of_price})
    return pd.DataFrame(rows)


def seller_workbench(defaults: dict, source: str):
    """A live-notebook :class:`~amazon_case.workbench.ModelWorkbench` for :func:`seller_economics`.

    Sliders for every input (defaults: ``defaults``, i.e. :func:`seller_defaults`); the result is shown
    as :func:`seller_sentence`, :func:`seller_table_html` and :func:`seller_split_chart`.
    """
    from .workbench import ModelWorkbench, number_slider, percent_slider

    controls = {
        "price": number_slider("Assumption: sale price (USD)", defaults["price"], (5, 100), 0.5),
        "unit_cost": number_slider("Assumption: product cost (USD)", defaults["unit_cost"], (0, 60), 0.5),
        "referral_rate": percent_slider("Referral fee (%)", defaults["referral_rate"], (0.05, 0.45), 1),
        "fba_fee": number_slider("FBA fulfilment fee (USD per unit)", defaults["fba_fee"], (2, 12), 0.02),
        "storage_rate": number_slider("FBA storage fee (USD per cubic foot a month)", defaults["storage_rate"], (0, 3), 0.01),
        "cubic_feet": number_slider("Assumption: cubic feet per unit", defaults["cubic_feet"], (0.02, 1), 0.02),
        "months_of_stock": number_slider("Assumption: months of stock at Amazon", defaults["months_of_stock"], (0, 6), 0.5),
        "own_fulfilment_cost": number_slider("Assumption: own fulfilment cost (USD per unit)",
                                             defaults["own_fulfilment_cost"], (0, 15), 0.25),
        "prime_uplift": percent_slider("Assumption: extra sales from Prime (%)", defaults["prime_uplift"], (0, 1), 5),
        "units_per_month": number_slider("Assumption: units a month without FBA", defaults["units_per_month"], (10, 1000), 10),
    }
    minimum = defaults["minimum_referral_fee"]
    return ModelWorkbench(
        "Seller workbench: one product, with or without FBA (fees: Amazon's published US rates; the rest: assumptions)",
        controls,
        compute=lambda **values: seller_economics(**values, minimum_referral_fee=minimum),
        describe=seller_sentence,
        tabulate=seller_table_html,
        draw=lambda result: seller_split_chart(result, source),
    )
