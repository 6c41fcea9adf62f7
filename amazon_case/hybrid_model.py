"""The hybrid model chapter: one store, two ways to sell (``chapters/hybrid-model.ipynb``).

A first-party sale is recognised **gross** (Amazon is the principal: the whole price is
net sales), a third-party sale **net** (Amazon is the agent: only its fees are net sales).
:data:`HYBRID_STORE` models what Amazon reports per USD 100 that customers spend, as a
share of units moves to third-party sellers; :func:`hybrid_store_chart` draws it with the
same formulas compiled for the browser.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .kit import AMAZON, ASSUMPTION, Input, Model, formula
from .kit.registry import ChartEntry, ModelEntry
from .kit.style import INK, LOSS, REFERENCE, WIDTH, ChartText, color_scale, properties, readout

#: What customers pay for all units, in the model's currency unit: results are per USD 100.
MERCHANDISE_VALUE = 100.0


@formula
def first_party_net_sales(third_party_unit_share):
    """Amazon's own sales, recorded gross: the whole price of the first-party units."""
    return MERCHANDISE_VALUE * (1 - third_party_unit_share)


@formula
def third_party_net_sales(third_party_unit_share, third_party_take_rate):
    """Third-party sales, recorded net: only Amazon's fees on them."""
    return MERCHANDISE_VALUE * third_party_unit_share * third_party_take_rate


@formula
def reported_net_sales(first_party_net_sales, third_party_net_sales):
    return first_party_net_sales + third_party_net_sales


@formula
def gross_profit(first_party_net_sales, third_party_net_sales, first_party_gross_margin, third_party_cost_ratio):
    """First-party sales at the first-party margin, plus fees less the cost of serving third-party orders."""
    return first_party_net_sales * first_party_gross_margin + third_party_net_sales * (1 - third_party_cost_ratio)


@formula
def gross_margin(gross_profit, reported_net_sales):
    return gross_profit / reported_net_sales


@formula
def gross_margin_readout(third_party_unit_share, gross_margin):
    return f"Gross margin at {third_party_unit_share:.0%} third-party: {gross_margin:.1%}"


HYBRID_STORE = Model(
    "hybrid store", prefix="hybrid",
    inputs=[
        Input("third_party_unit_share", "units sold by third-party sellers", "%", 0.62, 0.0, 1.0, 1, AMAZON,
              "Amazon, Q4 2024 results: third-party share of paid units"),
        Input("third_party_take_rate", "Amazon's fees", "% of a third-party sale", 0.30, 0.05, 0.6, 1, ASSUMPTION,
              "ours: the referral fee plus fulfilment fees, from the marketplace chapter's fee schedule"),
        Input("first_party_gross_margin", "first-party gross margin", "%", 0.25, 0.0, 0.6, 1, ASSUMPTION,
              "ours: Amazon does not report a merchandise margin"),
        Input("third_party_cost_ratio", "cost of serving third-party orders", "% of fees", 0.50, 0.0, 1.0, 5,
              ASSUMPTION, "ours"),
    ],
    formulas=[first_party_net_sales, third_party_net_sales, reported_net_sales, gross_profit, gross_margin,
              gross_margin_readout],
)


def hybrid_store_economics(**values: float) -> dict[str, float]:
    """:data:`HYBRID_STORE` in Python: net sales from each side, gross profit and margin per USD 100 of merchandise.

    Takes any of the model's inputs (fractions; the rest at their defaults); raises
    :class:`~amazon_case.kit.AssumptionError` for a value outside an input's bounds.
    """
    return HYBRID_STORE.evaluate(**values)


MEASURES = {"reported_net_sales": "Reported net sales", "gross_profit": "Gross profit"}


def hybrid_store_text(source: str) -> ChartText:
    """The chart's words (the takeaway holds at every setting: a third-party sale adds only the fee)."""
    return ChartText(
        "Moving units to third-party sellers cuts reported sales far more than gross profit",
        "Per $100 of merchandise: first-party sales count in full, third-party sales count only Amazon's fees",
        source,
        "Line chart. X axis: share of units sold by third-party sellers, 0 to 100 percent. Two lines per $100 of "
        "merchandise: reported net sales falls steeply as the share rises, because only Amazon's fees are recognised "
        "on third-party sales; gross profit changes far less and rises when fees net of serving costs exceed the "
        "first-party margin. Sliders set the share and the three assumptions.",
    )


def hybrid_store_chart(source: str, actual_share: float | None = None, actual_label: str = "") -> alt.LayerChart:
    """Reported net sales and gross profit per $100 of merchandise, across the third-party unit share.

    The curves are :data:`HYBRID_STORE` computed in the browser over every share 0–100%; the
    share slider marks one point and the readout states its gross margin. ``actual_share``
    (0–1), if given, is drawn as a reference line labelled ``actual_label``.
    """
    shares = range(0, 101)
    grid = pd.DataFrame({"share_pct": shares, "third_party_unit_share": [s / 100 for s in shares]})
    base = HYBRID_STORE.calculate(alt.Chart(grid), rows=["third_party_unit_share"])
    x = alt.X("share_pct:Q", title="Share of units sold by third-party sellers (%)", scale=alt.Scale(domain=[0, 100]))
    folded = base.transform_fold(list(MEASURES), as_=["measure", "amount"]).transform_lookup(
        lookup="measure", from_=alt.LookupData(pd.DataFrame({"measure": list(MEASURES), "label": list(MEASURES.values())}),
                                                "measure", ["label"]))
    color = alt.Color("label:N", title=None, scale=color_scale(dict(zip(MEASURES.values(), ["#1f77b4", "#2ca02c"]))),
                      legend=alt.Legend(orient="top-right"))
    y = alt.Y("amount:Q", title="USD per $100 of merchandise customers buy", scale=alt.Scale(domain=[0, 100]))
    at_share = f"datum.share_pct == {HYBRID_STORE.shown('third_party_unit_share')}"
    layers = [
        folded.mark_line(strokeWidth=2.5).encode(x=x, y=y, color=color),
        alt.Chart(grid).mark_rule(color=REFERENCE, strokeDash=[4, 3]).encode(x=x).transform_filter(at_share),
        folded.transform_filter(at_share).mark_point(filled=True, size=70).encode(
            x=x, y="amount:Q", color=color,
            tooltip=[alt.Tooltip("label:N", title="Measure"), alt.Tooltip("amount:Q", format="$.1f", title="Per $100")]),
        folded.transform_filter(at_share).mark_text(align="left", dx=8, dy=-8, fontSize=12, fontWeight="bold").encode(
            x=x, y="amount:Q", color=color, text=alt.Text("amount:Q", format="$.1f")),
        readout(base.transform_filter(at_share), "gross_margin_readout", color=INK),
    ]
    if actual_share is not None:
        actual = pd.DataFrame({"share_pct": [actual_share * 100], "label": [actual_label]})
        layers.insert(1, alt.Chart(actual).mark_rule(color=LOSS, strokeWidth=1.5).encode(x=x))
        layers.insert(2, alt.Chart(actual).mark_text(align="right", dx=-4, y=200, color=LOSS, fontSize=11).encode(
            x=x, text="label:N"))
    chart = alt.layer(*layers).add_params(*HYBRID_STORE.params())
    return properties(chart, hybrid_store_text(source), width=WIDTH, height=320)


def book_models() -> list[ModelEntry]:
    return [ModelEntry("hybrid-model", HYBRID_STORE)]


def book_charts() -> list[ChartEntry]:
    return [ChartEntry("hybrid-model", "hybrid store", lambda: hybrid_store_chart("our model", 0.62, "Q4 2024"),
                       HYBRID_STORE.param_names())]
