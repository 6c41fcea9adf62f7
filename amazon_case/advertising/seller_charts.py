"""The advertising chapter's charts of what a seller pays: the take rate with advertising, and the "ad tax".

Each builder sits beside the plain function that writes its words; every number a chart computes from the
reader's controls is a formula of :mod:`.take_rate` or :mod:`.seller` (and, through them, of the marketplace
chapter's models), compiled for the browser by the model's ``calculate``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..filings import CATEGORY_COLORS
from ..kit import Input
from ..kit.style import INK, LOSS, WIDTH, ChartText, color_scale, one_row, properties, readout, reference_rule
from ..marketplace.charts import price_split_bars
from ..marketplace.market_charts import period_labels
from ..marketplace.model import slider_positions
from .seller import CHART_CONTROLS, PARTS_WITH_ADS, AdSellerEconomics, ad_seller_model, ad_split_model, ad_split_rows
from .take_rate import TAKE_WITH_ADS_READOUT

__all__ = ["ad_split_chart", "ad_split_text", "ad_tax_chart", "ad_tax_text", "take_with_ads_chart",
           "take_with_ads_rows", "take_with_ads_text"]

TAKE_PARTS = {"estimated_take_rate": "Seller fees (third-party seller services)",
              "ads_take_rate": "Sellers' advertising (our share of the line)"}
TAKE_COLORS = dict(zip(TAKE_PARTS.values(), [CATEGORY_COLORS["Third-party seller services"],
                                             CATEGORY_COLORS["Advertising services"]]))


# ---------------------------------------------------------------------------
# The take rate with advertising
# ---------------------------------------------------------------------------


def take_with_ads_rows(table: pd.DataFrame) -> pd.DataFrame:
    """The take-rate chart's rows: one per period of :func:`~.take_rate.take_with_ads_table`, with the model's fields."""
    return pd.DataFrame({"period": period_labels(table), "kind": list(table["kind"]),
                         "third_party_seller_services": list(table["third_party_seller_services"]),
                         "online_stores": list(table["online_stores"]),
                         "third_party_unit_share": list(table["unit_share"]),
                         "advertising": list(table["advertising"]), "share_basis": list(table["share_basis"])})


def take_with_ads_text(table: pd.DataFrame, latest: str, source: str) -> ChartText:
    """The take-rate chart's words, at the defaults. ``table`` is :func:`~.take_rate.take_with_ads_table`."""
    row, first = table.loc[latest], table.iloc[0]
    ttm = table[table["kind"] == "TTM"].iloc[-1]
    share = TAKE_WITH_ADS_READOUT.inputs["seller_ad_share"].default
    return ChartText(
        f"With sellers' advertising, Amazon's take was about {row.take_rate_with_ads:.0%} of third-party sales in "
        f"{latest}, not {row.take_rate:.0%}",
        f"Seller fees and sellers' advertising over estimated third-party sales, if sellers pay {share:.0%} of "
        "advertising and third-party units sell at first-party prices (our assumptions: move them)",
        source,
        "Horizontal stacked bars, one per period: Amazon's fees from third-party sellers (the marketplace chapter's "
        "take rate) and, on top, the advertising sellers buy, both as shares of estimated third-party gross "
        f"merchandise sales. At the defaults: " + "; ".join(
            f"{label} {r.take_rate:.1%} plus {r.ads_take_rate:.1%}, {r.take_rate_with_ads:.1%} in all"
            for label, r in zip(period_labels(table), table.itertuples()))
        + f". From {first.name} to the {ttm.name} the advertising part grew from {first.ads_take_rate:.1%} to "
        f"{ttm.ads_take_rate:.1%} of sellers' sales. A dashed line marks half. Three sliders set the share of "
        "advertising sellers pay, the price of a third-party unit against a first-party one, and first-party GMV.",
    )


def take_with_ads_chart(table: pd.DataFrame, latest: str, source: str) -> alt.LayerChart:
    """Amazon's take from third-party sellers, fees and advertising stacked, per period, under the reader's assumptions.

    ``table`` is :func:`~.take_rate.take_with_ads_table` at the defaults; ``latest`` the period the readout quotes
    (a row of the table: "FY2025"). Sliders: the marketplace chapter's two take-rate assumptions and the share of
    advertising sellers pay.
    """
    rows = take_with_ads_rows(table)
    labels = list(rows["period"])
    shown = labels[list(table.index).index(latest)]  # its name on the chart: "FY2025 (4 quarters)"
    base = TAKE_WITH_ADS_READOUT.calculate(alt.Chart(rows))
    names = pd.DataFrame({"part": list(TAKE_PARTS), "part_label": list(TAKE_PARTS.values()), "order": [0, 1]})
    folded = base.transform_fold(list(TAKE_PARTS), as_=["part", "share"]).transform_lookup(
        lookup="part", from_=alt.LookupData(names, "part", ["part_label", "order"]))
    y = alt.Y("period:N", title=None, sort=labels, axis=alt.Axis(labelLimit=200))
    bars = folded.mark_bar(height=26).encode(
        y=y, x=alt.X("share:Q", title="Share of estimated third-party sales", axis=alt.Axis(format="%"), stack="zero"),
        color=alt.Color("part_label:N", title=None, scale=color_scale(TAKE_COLORS),
                        legend=alt.Legend(orient="bottom", columns=1, labelLimit=400)),
        order=alt.Order("order:Q"), strokeDash=alt.condition("datum.kind == 'TTM'", alt.value([4, 2]), alt.value([1, 0])),
        stroke=alt.value(INK), strokeWidth=alt.condition("datum.kind == 'TTM'", alt.value(1.2), alt.value(0)),
        tooltip=[alt.Tooltip("period:N", title="Period"), alt.Tooltip("part_label:N", title="Part"),
                 alt.Tooltip("share:Q", format=".1%", title="Share of third-party sales"),
                 alt.Tooltip("take_rate_with_ads:Q", format=".1%", title="Take with advertising"),
                 alt.Tooltip("share_basis:N", title="Unit share used")])
    totals = base.mark_text(align="right", dx=-4, fontSize=12, fontWeight="bold", color="white").encode(
        y=y, x="take_rate_with_ads:Q", text=alt.Text("take_rate_with_ads:Q", format=".1%"))
    chosen = base.transform_filter(f"datum.period == '{shown}'")
    room = alt.Chart(pd.DataFrame({"at": [0.6]})).mark_point(opacity=0).encode(x="at:Q")  # the axis reaches 60% at least
    chart = alt.layer(bars, totals, room, reference_rule(0.5, "Half", axis="x"),
                      readout(chosen, "take_with_ads_readout", bold=True, corner="above")
                      ).add_params(*TAKE_WITH_ADS_READOUT.params())
    return properties(chart, take_with_ads_text(table, latest, source), width=WIDTH - 60, height=200)


# ---------------------------------------------------------------------------
# The "ad tax": one seller's two paths with advertising
# ---------------------------------------------------------------------------

PATH_LINES = {"fbm_amazon_take_with_ads": "Fulfilled by the seller (FBM)", "fba_amazon_take_with_ads": "Fulfilled by Amazon (FBA)"}
PATH_COLORS = dict(zip(PATH_LINES.values(), ["#1f77b4", "#ff7f0e"]))
PART_COLORS = dict(zip(PARTS_WITH_ADS.values(), ["#d62728", "#ff9896", "#f7b6d2", "#8c564b", "#9edae5", "#c7c7c7",
                                                 "#2ca02c"]))


def fixed_outside(model, controls) -> dict:
    """The model's inputs that have no control in a chart, at their defaults: what the chart writes into its formulas."""
    return {name: item.default for name, item in model.inputs.items() if name not in controls}


def ad_tax_text(result: AdSellerEconomics, ad_share: Input, source: str) -> ChartText:
    """The ad-tax chart's words at the defaults ``result`` (:func:`~.seller.ad_seller_economics`)."""
    fbm, fba = result.fbm, result.fba
    v = result.values
    share = ad_share.default
    return ChartText(
        f"With {share:.1%} of sales spent on Amazon's ads, Amazon keeps {fbm.amazon_take:.0%} of the price (FBM) and "
        f"{fba.amazon_take:.0%} (FBA), not {v['fbm_amazon_share_of_price']:.0%} and {v['fba_amazon_share_of_price']:.0%}",
        "The marketplace chapter's seller, with advertising as a share of its sales: published fees, our assumptions "
        "(the ad share's default from the data); move the controls",
        source,
        "Two panels. Top: line chart of what Amazon keeps of the price, its fees plus the seller's advertising, "
        "against the advertising share of sales from 0 to 30 percent, one line for each path; a dashed line marks half "
        f"the price. At the default {share:.1%}, Amazon keeps {fbm.amazon_take:.1%} with FBM and {fba.amazon_take:.1%} "
        f"with FBA. Bottom: stacked bars splitting the price into Amazon's fees, advertising, the seller's own "
        f"fulfilment, product cost and the seller's margin after ads: USD {fbm.margin_after_ads:.2f} a unit with FBM "
        f"and USD {fba.margin_after_ads:.2f} with FBA at the defaults. Seven controls set the ad share, the extra "
        "sales ads bring, the price, the product cost, the referral fee, the FBA fee and the seller's own fulfilment "
        "cost; the seller model's other inputs stay at their defaults.",
    )


def ad_take_panel(model, ad_share: Input) -> alt.LayerChart:
    """What Amazon keeps of the price on each path against the ad share, with the readouts at the reader's settings."""
    fixed = fixed_outside(model, CHART_CONTROLS)
    grid = pd.DataFrame({"ad_share_pct": slider_positions(ad_share)}).assign(ad_share=lambda d: d["ad_share_pct"] / 100)
    lines = pd.DataFrame({"measure": list(PATH_LINES), "path": list(PATH_LINES.values())})
    folded = model.calculate(alt.Chart(grid), outputs=list(PATH_LINES), rows=["ad_share"], fixed=fixed).transform_fold(
        list(PATH_LINES), as_=["measure", "take"]).transform_lookup(
        lookup="measure", from_=alt.LookupData(lines, "measure", ["path"]))
    x = alt.X("ad_share_pct:Q", title="Advertising (% of the seller's sales)",
              scale=alt.Scale(domain=[ad_share.shown(ad_share.low), ad_share.shown(ad_share.high)]))
    y = alt.Y("take:Q", title="Amazon keeps (share of the price)", axis=alt.Axis(format="%"))
    color = alt.Color("path:N", title=None, scale=color_scale(PATH_COLORS), legend=alt.Legend(orient="bottom"))
    at_share = f"datum.ad_share_pct == {model.shown('ad_share')}"
    readouts = model.calculate(one_row(), outputs=["ad_take_readout", "ad_margin_readout"], fixed=fixed)
    return alt.layer(
        folded.mark_line(strokeWidth=2.5).encode(
            x=x, y=y, color=color, tooltip=[alt.Tooltip("path:N", title="Path"),
                                            alt.Tooltip("ad_share_pct:Q", format=".1f", title="Ads (% of sales)"),
                                            alt.Tooltip("take:Q", format=".1%", title="Amazon keeps")]),
        reference_rule(0.5, "Half the price"),
        folded.transform_filter(at_share).mark_point(filled=True, size=70).encode(x=x, y="take:Q", color=color),
        readout(readouts, "ad_take_readout", line=1, bold=True, corner="above"),
        readout(readouts, "ad_margin_readout", corner="above"),
    ).properties(width=WIDTH - 80, height=230)


def ad_price_split_panel(model) -> alt.LayerChart:
    """Where each dollar of the price goes on each path, advertising included, with what Amazon keeps."""
    split = model.calculate(alt.Chart(pd.DataFrame(ad_split_rows())),
                            outputs=["ad_price_part", "ad_part_share_of_price", "ad_path_shares_label"],
                            fixed=fixed_outside(model, CHART_CONTROLS))
    y = alt.Y("path:N", title=None, sort=["FBM", "FBA"], axis=alt.Axis(labelFontSize=12))
    bars = split.mark_bar(height=34).encode(
        y=y, x=alt.X("ad_part_share_of_price:Q", title="Share of the sale price", axis=alt.Axis(format="%")),
        color=alt.Color("part_label:N", title=None, scale=color_scale(PART_COLORS),
                        legend=alt.Legend(orient="bottom", columns=2)),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("path:N", title="Path"), alt.Tooltip("part_label:N", title="Part of the price"),
                 alt.Tooltip("ad_price_part:Q", format="$.2f", title="USD per unit"),
                 alt.Tooltip("ad_part_share_of_price:Q", format=".1%", title="Share of price")])
    labels = split.transform_filter("datum.order == 0").mark_text(
        align="left", baseline="bottom", dy=-19, x=0, fontSize=11).encode(y=y, text="ad_path_shares_label:N")
    return alt.layer(bars, labels).properties(width=WIDTH - 80, height=150)


def ad_tax_chart(fees: pd.DataFrame, ad_share: Input, result: AdSellerEconomics, source: str) -> alt.VConcatChart:
    """A seller's two paths with advertising: what Amazon keeps against the ad share, and where the price goes.

    ``ad_share`` is :func:`~.seller.ad_share_input` (its default read from the data), ``result`` the model at the
    defaults (for the words). Controls: :data:`~.seller.CHART_CONTROLS`.
    """
    take, split = ad_seller_model(fees, ad_share), ad_split_model(fees, ad_share)
    chart = alt.vconcat(ad_take_panel(take, ad_share), ad_price_split_panel(split), spacing=50).resolve_scale(
        color="independent").add_params(*take.params(only=CHART_CONTROLS))
    return properties(chart, ad_tax_text(result, ad_share, source))


def ad_split_text(result: AdSellerEconomics, source: str) -> ChartText:
    fbm, fba = result.fbm, result.fba
    return ChartText(
        f"With advertising, Amazon keeps {fba.amazon_take:.0%} of the price with FBA, {fbm.amazon_take:.0%} without",
        "USD per unit sold", source,
        f"Stacked bars of one unit's price under FBM and FBA: Amazon's fees and the seller's advertising are "
        f"{fbm.amazon_take:.0%} and {fba.amazon_take:.0%} of the price, the seller's margin after ads USD "
        f"{fbm.margin_after_ads:.2f} and USD {fba.margin_after_ads:.2f} a unit.",
    )


def ad_split_chart(result: AdSellerEconomics, source: str) -> alt.Chart:
    """Where the sale price goes under each path, advertising included (no controls: the workbench's sliders drive it)."""
    rows = [{"path": r.path, "component": name, "usd": value} for r in (result.fbm, result.fba)
            for name, value in (("Amazon's fees", r.amazon_fees), ("Advertising (Amazon)", r.ad_spend),
                                ("Seller's costs and margin", result.values["price"] - r.amazon_fees - r.ad_spend))]
    colors = {"Amazon's fees": LOSS, "Advertising (Amazon)": "#8c564b", "Seller's costs and margin": "#c7c7c7"}
    return price_split_bars(rows, colors, ad_split_text(result, source))
