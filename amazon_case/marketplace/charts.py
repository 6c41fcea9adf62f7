"""The marketplace chapter's charts of a seller's two paths and of the document's claim, each builder beside
the plain function that writes its words. The charts of the marketplace's size (growth, unit share, take
rate) are in :mod:`amazon_case.marketplace.market_charts`.

Every number a chart computes from the reader's controls is a formula of
:mod:`amazon_case.marketplace.model`, compiled for the browser by the model's ``calculate``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..kit.registry import ChartEntry
from ..kit.style import LOSS, REFERENCE, WIDTH, ChartText, color_scale, one_row, properties, readout, reference_rule, \
    zero_rule
from .fees import LOW_PRICE_BELOW, LOW_PRICE_FBA_FEE_ROW, fee, load_fees
from .model import (CLAIM_FBA_FEES, PRICE, PRICE_PARTS, SELLER_CONTROLS, WITHOUT_FBA, SellerEconomics, claim_model,
                    claim_rows, fba_half_price_threshold, fixed_in_charts, price_split_model, price_split_rows,
                    seller_cases, seller_economics, seller_paths_model, slider_positions)

__all__ = ["book_charts", "claim_chart", "claim_text", "price_split_bars", "seller_paths_chart", "seller_paths_text", "seller_split_chart",
           "seller_split_text"]


def usd_words(amount: float) -> str:
    """"USD 2.89", or "minus USD 1.50" for a negative amount (for alt text, read aloud)."""
    return f"USD {amount:,.2f}" if amount >= 0 else f"minus USD {-amount:,.2f}"


# ---------------------------------------------------------------------------
# A seller's two paths
# ---------------------------------------------------------------------------

PATH_LINES = {"fbm_margin_per_month": "Fulfilled by the seller (FBM)", "fba_margin_per_month": "Fulfilled by Amazon (FBA)"}
PATH_COLORS = dict(zip(PATH_LINES.values(), ["#1f77b4", "#ff7f0e"]))
PART_COLORS = dict(zip(PRICE_PARTS.values(), ["#d62728", "#ff9896", "#f7b6d2", "#9edae5", "#c7c7c7", "#2ca02c"]))


def seller_paths_text(result: SellerEconomics, source: str) -> ChartText:
    """The seller chart's words, at the defaults ``result`` (:func:`~amazon_case.marketplace.model.seller_economics`)."""
    fbm, fba = result.fbm, result.fba
    gain = fba.margin_per_month - fbm.margin_per_month
    verdict = f"pays this seller USD {gain:,.0f} more" if gain > 0 else f"costs this seller USD {-gain:,.0f}"
    return ChartText(
        f"FBA {verdict} a month; Amazon keeps {fba.amazon_share_of_price:.0%} of the price, "
        f"not {fbm.amazon_share_of_price:.0%}",
        "One product, two paths: published fees as defaults, the rest our assumptions; move the controls",
        source,
        "Two panels. Top: line chart of the seller's margin a month against its own fulfilment cost, "
        "from 0 to 15 US dollars a unit; the FBM line falls as that cost rises, the FBA line is flat, and "
        f"they cross at the break-even cost, {usd_words(result.breakeven_own_fulfilment_cost)} at the defaults. "
        "Bottom: stacked bars splitting the sale price into Amazon's fees, the seller's own fulfilment, "
        f"product cost and margin for each path; Amazon's fees are {fbm.amazon_share_of_price:.0%} "
        f"of the price with FBM and {fba.amazon_share_of_price:.0%} with FBA at the defaults. "
        "Ten controls set the price, costs, fees and assumptions.",
    )


def seller_margin_panel(fees: pd.DataFrame) -> alt.LayerChart:
    """Each path's margin a month against the seller's own fulfilment cost, with the readouts at the reader's cost."""
    model = seller_paths_model(fees)
    cost = model.inputs["own_fulfilment_cost"]
    grid = pd.DataFrame({"own_fulfilment_cost": slider_positions(cost)})
    lines = pd.DataFrame({"measure": list(PATH_LINES), "path": list(PATH_LINES.values())})
    folded = model.calculate(alt.Chart(grid), outputs=list(PATH_LINES), rows=["own_fulfilment_cost"],
                             fixed=fixed_in_charts(model)).transform_fold(
        list(PATH_LINES), as_=["measure", "margin"]).transform_lookup(
        lookup="measure", from_=alt.LookupData(lines, "measure", ["path"]))
    x = alt.X("own_fulfilment_cost:Q", title="Seller's own fulfilment cost (USD per unit)",
              scale=alt.Scale(domain=[cost.low, cost.high]))
    color = alt.Color("path:N", title=None, scale=color_scale(PATH_COLORS), legend=alt.Legend(orient="bottom"))
    at_cost = f"datum.own_fulfilment_cost == {model.shown('own_fulfilment_cost')}"
    readouts = model.calculate(one_row(), outputs=["margins_readout", "breakeven_readout"], fixed=fixed_in_charts(model))
    return alt.layer(
        zero_rule(),
        folded.mark_line(strokeWidth=2.5).encode(
            x=x, y=alt.Y("margin:Q", title="Seller's margin a month (USD)"), color=color,
            tooltip=[alt.Tooltip("path:N", title="Path"),
                     alt.Tooltip("own_fulfilment_cost:Q", format="$.2f", title="Own fulfilment cost"),
                     alt.Tooltip("margin:Q", format="$,.0f", title="Margin a month")]),
        alt.Chart(grid).mark_rule(color=REFERENCE, strokeDash=[4, 3]).encode(x=x).transform_filter(at_cost),
        folded.transform_filter(at_cost).mark_point(filled=True, size=70).encode(x=x, y="margin:Q", color=color),
        readout(readouts, "margins_readout", line=1, bold=True, corner="above"),
        readout(readouts, "breakeven_readout", corner="above"),
    ).properties(width=WIDTH - 80, height=260)


def price_split_panel(fees: pd.DataFrame) -> alt.LayerChart:
    """Where each dollar of the price goes on each path, with what Amazon takes and what the seller keeps."""
    model = price_split_model(fees)
    split = model.calculate(alt.Chart(pd.DataFrame(price_split_rows())),
                            outputs=["price_part", "part_share_of_price", "path_shares_label"],
                            fixed=fixed_in_charts(model))
    y = alt.Y("path:N", title=None, sort=["FBM", "FBA"], axis=alt.Axis(labelFontSize=12))
    bars = split.mark_bar(height=34).encode(
        y=y, x=alt.X("part_share_of_price:Q", title="Share of the sale price", axis=alt.Axis(format="%")),
        color=alt.Color("part_label:N", title=None, scale=color_scale(PART_COLORS),
                        legend=alt.Legend(orient="bottom", columns=2)),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("path:N", title="Path"), alt.Tooltip("part_label:N", title="Part of the price"),
                 alt.Tooltip("price_part:Q", format="$.2f", title="USD per unit"),
                 alt.Tooltip("part_share_of_price:Q", format=".1%", title="Share of price")],
    )
    labels = split.transform_filter("datum.order == 0").mark_text(
        align="left", baseline="bottom", dy=-19, x=0, fontSize=11).encode(y=y, text="path_shares_label:N")
    return alt.layer(bars, labels).properties(width=WIDTH - 80, height=150)


def seller_paths_chart(fees: pd.DataFrame, source: str) -> alt.VConcatChart:
    """A seller's monthly margin under FBM and FBA, and how the sale price splits, under the reader's settings.

    Top: monthly margin against the seller's own fulfilment cost (FBM falls as it rises; FBA does not
    depend on it), with the break-even cost. Bottom: where each dollar of the price goes, per path.
    Ten controls (:data:`~amazon_case.marketplace.model.SELLER_CONTROLS`): price, unit cost, referral rate,
    FBA fee, storage season (published rates), cubic feet per unit, months of stock, own fulfilment cost,
    Prime uplift, units a month.
    """
    model = seller_paths_model(fees)
    chart = alt.vconcat(seller_margin_panel(fees), price_split_panel(fees), spacing=50).resolve_scale(
        color="independent").add_params(*model.params(only=SELLER_CONTROLS))
    return properties(chart, seller_paths_text(seller_economics(fees), source),
                      usermeta=model.inputs.usermeta(model.prefix, seller_cases(fees, model.inputs), only=SELLER_CONTROLS))


def seller_split_text(result: SellerEconomics, source: str) -> ChartText:
    fbm, fba = result.fbm, result.fba
    return ChartText(
        f"Amazon keeps {fba.amazon_share_of_price:.0%} of the price with FBA, {fbm.amazon_share_of_price:.0%} without",
        "USD per unit sold", source,
        f"Stacked bars of one unit's price under FBM and FBA: Amazon's fees are {fbm.amazon_share_of_price:.0%} and "
        f"{fba.amazon_share_of_price:.0%} of the price, the seller's margin {fbm.margin_share_of_price:.0%} and "
        f"{fba.margin_share_of_price:.0%}.",
    )


def seller_split_chart(result: SellerEconomics, source: str) -> alt.Chart:
    """Where the sale price goes under each path (no controls: the workbench's sliders drive it)."""
    rows = [{"path": r.path, "component": name, "usd": value} for r in (result.fbm, result.fba)
            for name, value in (("Amazon's fees", r.amazon_fees), ("Seller's own fulfilment", r.own_fulfilment),
                                ("Product cost", r.unit_cost), ("Seller's margin", r.margin_per_unit))]
    colors = {"Amazon's fees": LOSS, "Seller's own fulfilment": "#9edae5", "Product cost": "#c7c7c7",
              "Seller's margin": "#2ca02c"}
    return price_split_bars(rows, colors, seller_split_text(result, source))


def price_split_bars(rows: list[dict], colors: dict[str, str], text: ChartText) -> alt.Chart:
    """One stacked bar per path (FBM, FBA) of where a unit's price goes: ``rows`` of path, component and usd,
    each component in its colour of ``colors``. The seller workbenches' chart, with or without advertising."""
    chart = alt.Chart(pd.DataFrame(rows)).mark_bar().encode(
        y=alt.Y("path:N", title=None, sort=["FBM", "FBA"]),
        x=alt.X("usd:Q", title="USD per unit"),
        color=alt.Color("component:N", title=None, scale=color_scale(colors), legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("path:N"), alt.Tooltip("component:N"), alt.Tooltip("usd:Q", format="$.2f")],
    )
    return properties(chart, text, width=WIDTH - 160, height=110)


# ---------------------------------------------------------------------------
# The document's claim: "the seller takes only a small cut" with FBA
# ---------------------------------------------------------------------------

CLAIM_COLORS = dict(zip([WITHOUT_FBA, *CLAIM_FBA_FEES.values()], ["#1f77b4", "#ff7f0e", LOSS]))


def claim_prices() -> list[float]:
    """The claim chart's prices: every position of the price slider, and the last cent under USD 10."""
    return sorted({*slider_positions(PRICE), LOW_PRICE_BELOW - 0.01})


def claim_text(fees: pd.DataFrame, source: str) -> ChartText:
    """The claim chart's words: where each FBA line passes half the price (to the cent), and every line's share at USD 25."""
    model = claim_model(fees)
    light, heavy = (fba_half_price_threshold(fees, row) for row in CLAIM_FBA_FEES)
    low = fba_half_price_threshold(fees, LOW_PRICE_FBA_FEE_ROW)
    at25 = {r["series"]: model.evaluate(price=25.0, fixed_fees=r["fixed_fees"])["amazon_share_of_price"]
            for r in claim_rows(fees, [25.0])}
    return ChartText(
        f"FBA fees pass half the price only below USD {light:.2f} (light item) or USD {heavy:.2f} (3 lb item)",
        "Amazon's fees per unit (referral, FBA fulfilment, storage) as a share of the price; 2025 US fees by price "
        f"band: under USD {LOW_PRICE_BELOW:.0f} the light item pays the Low-Price FBA rate "
        f"(USD {fee(fees, LOW_PRICE_FBA_FEE_ROW):.2f}); the 3 lb item's was not read, so its line starts at "
        f"USD {LOW_PRICE_BELOW:.0f}",
        source,
        f"Line chart of Amazon's fees as a share of the sale price, for prices from {PRICE.low:.0f} to "
        f"{PRICE.high:.0f} US dollars: one line without FBA (the referral fee only) and two with FBA, a light and a "
        "3 lb item. The share falls as the price rises because the FBA fee is fixed per unit. The light item's line "
        f"breaks at {LOW_PRICE_BELOW:.0f} dollars, below which its lower Low-Price FBA rate applies: its fees pass "
        f"half the price below {light:.2f} dollars from {LOW_PRICE_BELOW:.0f} dollars up, and below {low:.2f} dollars "
        f"under {LOW_PRICE_BELOW:.0f}. At 25 dollars: " + "; ".join(f"{name} {share:.0%}" for name, share in at25.items())
        + ". A slider sets the referral fee.",
    )


def claim_chart(fees: pd.DataFrame, source: str) -> alt.LayerChart:
    """Amazon's share of the sale price against the price, with FBA (a light and a 3 lb item) and without.

    Each item's FBA fee is its fee in the price's band, with the storage fee per unit sold at the seller
    model's defaults (:func:`~amazon_case.marketplace.model.claim_rows`); a line breaks where the band
    changes. One slider sets the referral fee. A dashed line marks half the price.
    """
    model = claim_model(fees)
    base = model.calculate(alt.Chart(pd.DataFrame(claim_rows(fees, claim_prices()))), fixed=fixed_in_charts(model))
    lines = base.mark_line(strokeWidth=2.5).encode(
        x=alt.X("price:Q", title="Sale price (USD)", scale=alt.Scale(domain=[PRICE.low, PRICE.high])),
        y=alt.Y("amazon_share_of_price:Q", title="Amazon's fees, share of the sale price", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1], clamp=True)),
        color=alt.Color("series:N", title=None, scale=color_scale(CLAIM_COLORS), legend=alt.Legend(orient="top-right")),
        detail="band:N",
        tooltip=[alt.Tooltip("series:N", title="Path"), alt.Tooltip("price:Q", format="$.2f", title="Price"),
                 alt.Tooltip("band:N", title="Price band"), alt.Tooltip("fba_fee:Q", format="$.2f", title="FBA fee"),
                 alt.Tooltip("amazon_share_of_price:Q", format=".1%", title="Amazon's share")],
    )
    chart = alt.layer(lines, reference_rule(0.5, "Half the price")).add_params(*model.params(only=["referral_rate"]))
    return properties(chart, claim_text(fees, source), width=WIDTH, height=300)


# ---------------------------------------------------------------------------
# For the book-wide tests
# ---------------------------------------------------------------------------


def book_charts() -> list[ChartEntry]:
    """Every chart of the chapter with the parameters of its controls."""
    from .market_charts import market_charts

    fees = load_fees()
    result = seller_economics(fees)
    return [
        ChartEntry("marketplace", "seller paths", lambda: seller_paths_chart(fees, "published fees"),
                   seller_paths_model(fees).param_names(only=SELLER_CONTROLS)),
        ChartEntry("marketplace", "seller split", lambda: seller_split_chart(result, "published fees"), ()),
        ChartEntry("marketplace", "FBA claim", lambda: claim_chart(fees, "published fees"),
                   claim_model(fees).param_names(only=["referral_rate"])),
        *market_charts(),
    ]
