"""The hybrid model chapter: one store, two ways to sell (``chapters/hybrid-model.ipynb``).

A first-party sale is recognised **gross** (Amazon is the principal: the whole price is net
sales), a third-party sale **net** (Amazon is the agent: only its fees are net sales). The
model :data:`HYBRID_STORE` puts both on one basis, per USD 100 that customers spend in
Amazon's stores (gross merchandise value, GMV):

- **Value, not units.** Amazon states the third-party share of *paid units*; a price ratio
  (third-party unit price / first-party unit price) turns it into a share of spend.
- **Contribution after fulfilment, on both sides.** A first-party dollar earns the merchandise
  margin less the cost of fulfilling and shipping it; a third-party dollar earns Amazon's fees
  (the take rate) less the same cost of fulfilling and shipping it. So moving a dollar of
  spend to the marketplace raises contribution exactly when the take rate exceeds the
  merchandise margin, whatever fulfilment costs.

The defaults are the book's estimates from Amazon's figures (:func:`hybrid_defaults`), each
labelled as ours; :func:`hybrid_store_chart` draws the model with the same formulas compiled
for the browser.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from .kit import AMAZON, ASSUMPTION, Input, Model, formula
from .kit.registry import ChartEntry, ModelEntry
from .kit.style import GAIN, INK, LOSS, REFERENCE, WIDTH, ChartText, color_scale, properties, readout, zero_rule

#: What customers spend, in the model's currency unit: results are per USD 100.
MERCHANDISE_VALUE = 100.0


@formula
def third_party_value_share(third_party_unit_share, price_ratio):
    """Third-party share of what customers spend: each unit weighted by its relative price."""
    weighted = third_party_unit_share * price_ratio
    return weighted / (weighted + 1 - third_party_unit_share)


@formula
def first_party_net_sales(third_party_value_share):
    """Amazon's own sales, recorded gross: the whole price."""
    return MERCHANDISE_VALUE * (1 - third_party_value_share)


@formula
def third_party_gmv(third_party_value_share):
    """What customers pay third-party sellers (not Amazon's revenue)."""
    return MERCHANDISE_VALUE * third_party_value_share


@formula
def third_party_net_sales(third_party_gmv, take_rate):
    """Third-party sales, recorded net: only Amazon's fees."""
    return third_party_gmv * take_rate


@formula
def reported_net_sales(first_party_net_sales, third_party_net_sales):
    return first_party_net_sales + third_party_net_sales


@formula
def first_party_contribution(first_party_net_sales, merchandise_margin, fulfilment_cost_rate):
    """The merchandise margin less fulfilling and shipping the goods."""
    return first_party_net_sales * (merchandise_margin - fulfilment_cost_rate)


@formula
def third_party_contribution(third_party_gmv, take_rate, fulfilment_cost_rate):
    """Amazon's fees less fulfilling and shipping the sellers' goods."""
    return third_party_gmv * (take_rate - fulfilment_cost_rate)


@formula
def contribution(first_party_contribution, third_party_contribution):
    return first_party_contribution + third_party_contribution


@formula
def contribution_margin(contribution, reported_net_sales):
    return contribution / reported_net_sales


@formula
def hybrid_readout(third_party_unit_share, third_party_value_share, contribution_margin):
    return (f"At {third_party_unit_share:.1%} of units ({third_party_value_share:.1%} of spend) third-party: "
            f"contribution {contribution_margin:.1%} of reported net sales")


#: The declared inputs; the defaults of the shares and rates are replaced by the book's estimates (:func:`hybrid_defaults`).
HYBRID_INPUTS = [
    Input("third_party_unit_share", "units sold by third-party sellers", "% of paid units", 0.615, 0.0, 1.0, 0.5, AMAZON,
          "Amazon's quarterly 'WW seller unit mix', the average of its four fiscal 2025 quarters"),
    Input("price_ratio", "third-party unit price ÷ first-party", "×", 1.0, 0.5, 1.5, 0.05,
          ASSUMPTION, "ours: Amazon does not report it; 1 is the assumption under the book's take-rate estimate too"),
    Input("take_rate", "Amazon's fees", "% of third-party sales", 0.40, 0.05, 0.6, 0.5, ASSUMPTION,
          "the book's estimate: third-party seller services over estimated third-party sales (marketplace chapter)"),
    Input("merchandise_margin", "first-party margin before delivery", "%", 0.21, 0.0, 0.5, 0.5,
          ASSUMPTION, "the book's estimate: 1 − (cost of sales − shipping costs − video and music expense) / store sales"),
    Input("fulfilment_cost_rate", "fulfilment and shipping cost", "% of sales", 0.29, 0.0, 0.5, 0.5,
          ASSUMPTION, "the book's estimate: (fulfilment expense + shipping costs) / (store sales + estimated third-party sales)"),
]

HYBRID_STORE = Model(
    "hybrid store", prefix="hybrid", inputs=HYBRID_INPUTS,
    formulas=[third_party_value_share, first_party_net_sales, third_party_gmv, third_party_net_sales, reported_net_sales,
              first_party_contribution, third_party_contribution, contribution, contribution_margin, hybrid_readout],
)


def hybrid_store_economics(model: Model = HYBRID_STORE, **values: float) -> dict[str, float]:
    """``model`` in Python: net sales and contribution after fulfilment from each side, per USD 100 of spend.

    Takes any of the model's inputs (fractions; the rest at their defaults); raises
    :class:`~amazon_case.kit.AssumptionError` for a value outside an input's bounds.
    """
    return model.evaluate(**values)


def hybrid_defaults(wide: pd.DataFrame, quarterly: pd.DataFrame, costs: pd.DataFrame, year: int,
                    price_ratio: float = 1.0) -> dict:
    """The book's estimates of the model's inputs for fiscal ``year``, and how each was computed.

    ``wide`` is :func:`amazon_case.filings.annual_wide`, ``quarterly`` :func:`amazon_case.filings.load_quarterly`,
    ``costs`` :func:`amazon_case.filings.cash_and_capital_wide` (its ``shipping_costs`` and
    ``video_and_music_expense``, USD millions, from the 10-K).
    Returns ``{"values": {input: value}, "workings": DataFrame}``: the unit share is the average of the
    year's four quarterly statements; the take rate is the marketplace chapter's estimate at the price
    ratio ``price_ratio`` (the book's is 1); the merchandise margin sets store sales against cost of sales
    less shipping and content costs; the fulfilment rate spreads fulfilment expense and shipping costs over
    store sales and estimated third-party sales. Each is an estimate with the caveats the chapter states.

    The price ratio is an assumption of two estimates at once: cheaper third-party units mean less
    third-party spend behind the same fees, so a higher take rate and a higher fulfilment rate. The
    ratio is returned among the values, so that a model made from them uses the same one. A ratio
    outside the model's bounds raises :class:`~amazon_case.kit.AssumptionError`.
    """
    from .marketplace import take_rate

    price_ratio = HYBRID_STORE.inputs["price_ratio"].check(price_ratio)
    row = wide.loc[year]
    costs = costs.loc[year]
    shares = quarterly[(quarterly["fiscal_year"] == year) & (quarterly["metric"] == "third_party_unit_share_pct")]
    if sorted(shares["quarter"]) != [1, 2, 3, 4]:
        raise ValueError(f"fiscal year {year} lacks a quarterly third-party unit share")
    share = shares["value"].mean() / 100
    gmv, rate = take_rate(row["net_sales_third_party_seller_services"], row["net_sales_online_stores"], share, price_ratio)
    store_sales = row["net_sales_online_stores"] + row["net_sales_physical_stores"]
    goods_cost = row["cost_of_sales"] - costs["shipping_costs"] - costs["video_and_music_expense"]
    delivered = store_sales + gmv
    values = {"third_party_unit_share": share, "price_ratio": price_ratio, "take_rate": rate, "merchandise_margin": 1 - goods_cost / store_sales,
              "fulfilment_cost_rate": (row["fulfillment_expense"] + costs["shipping_costs"]) / delivered}
    workings = pd.DataFrame([
        ("Third-party share of paid units", "average of the four quarters", share),
        ("Estimated third-party sales (USD bn)", "online stores × share / (1 − share)"
         + ("" if price_ratio == 1 else f" × price ratio {price_ratio:g}"), gmv / 1000),
        ("Take rate", "third-party seller services / estimated third-party sales", rate),
        ("Store sales (USD bn)", "online stores + physical stores", store_sales / 1000),
        ("Cost of the goods (USD bn)", "cost of sales − shipping costs − video and music expense", goods_cost / 1000),
        ("Merchandise margin", "1 − cost of the goods / store sales", values["merchandise_margin"]),
        ("Fulfilment and shipping (USD bn)", "fulfilment expense + shipping costs",
         (row["fulfillment_expense"] + costs["shipping_costs"]) / 1000),
        ("Fulfilment and shipping rate", "/ (store sales + estimated third-party sales)", values["fulfilment_cost_rate"]),
    ], columns=["estimate", "how", "value"])
    return {"values": values, "workings": workings}


MEASURES = {"reported_net_sales": "Reported net sales", "contribution": "Contribution after fulfilment"}


def estimated_model(year: int) -> Model:
    """:data:`HYBRID_STORE` with the book's estimates for fiscal ``year`` as its defaults."""
    from .filings import annual_wide, cash_and_capital_wide, load_quarterly

    return HYBRID_STORE.with_defaults(**hybrid_defaults(annual_wide(), load_quarterly(), cash_and_capital_wide(), year)["values"])


def store_contribution_history(wide: pd.DataFrame) -> pd.DataFrame:
    """What the filings show, per fiscal year, on the model's basis and beside it.

    - ``gross_margin``: consolidated (net sales − cost of sales) / net sales. Not evidence of the mix
      shift: AWS's costs sit mostly in technology and infrastructure, not in cost of sales, so this
      margin rises mechanically as AWS grows.
    - ``store_contribution_margin``: (net sales − AWS net sales − cost of sales − fulfilment) / (net sales −
      AWS net sales): the stores after their goods, shipping and fulfilment, the model's basis. An
      approximation (some AWS costs may sit in these lines) that still includes advertising and
      subscriptions, so it is consistent with the marketplace's economics, not proof of them.
    - ``services_share_of_stores``: third-party seller services, advertising and subscriptions as a share
      of the stores' net sales (net sales less AWS).
    """
    stores = wide["net_sales_total"] - wide["net_sales_aws"]
    services = (wide["net_sales_third_party_seller_services"] + wide["net_sales_advertising_services"].fillna(0)
                + wide["net_sales_subscription_services"])
    return pd.DataFrame({
        "gross_margin": (wide["net_sales_total"] - wide["cost_of_sales"]) / wide["net_sales_total"],
        "store_contribution_margin": (stores - wide["cost_of_sales"] - wide["fulfillment_expense"]) / stores,
        "services_share_of_stores": services / stores,
        "aws_share_of_net_sales": wide["net_sales_aws"] / wide["net_sales_total"],
    }, index=wide.index)


def hybrid_store_text(model: Model, source: str) -> ChartText:
    """The chart's words, from the model at its defaults: what moving every unit to the marketplace does."""
    ends = {s: model.evaluate(third_party_unit_share=s) for s in (0.0, 1.0)}
    rises = ends[1.0]["contribution"] > ends[0.0]["contribution"]
    d = model.inputs.defaults()
    return ChartText(
        "Moving spend to third-party sellers cuts reported sales, and " +
        ("raises" if rises else "lowers") + " contribution after fulfilment at the book's estimates",
        "Per $100 customers spend: first-party sales count in full, third-party sales only Amazon's fees; both "
        "sides bear the same fulfilment and shipping cost",
        source,
        "Line chart. X axis: share of paid units sold by third-party sellers, 0 to 100 percent. Two lines per $100 "
        f"customers spend: reported net sales falls from {ends[0.0]['reported_net_sales']:.0f} to "
        f"{ends[1.0]['reported_net_sales']:.0f} dollars, because only Amazon's fees are recognised on third-party sales; "
        f"contribution after fulfilment goes from {ends[0.0]['contribution']:.1f} to {ends[1.0]['contribution']:.1f} "
        f"dollars, because the take rate ({d['take_rate']:.0%}) "
        + ("exceeds" if d["take_rate"] > d["merchandise_margin"] else "falls short of")
        + f" the merchandise margin ({d['merchandise_margin']:.0%}). Sliders set the share and the four estimates.",
    )


def hybrid_store_chart(model: Model, source: str, actual_label: str = "") -> alt.LayerChart:
    """Reported net sales and contribution after fulfilment per $100 of spend, across the third-party unit share.

    ``model`` is :data:`HYBRID_STORE` with the book's estimates as defaults. The curves are computed
    in the browser over every unit share 0–100%; the share slider marks one point and the readout
    states its contribution margin. The model's default share is drawn as a red line labelled ``actual_label``.
    """
    steps = [i / 2 for i in range(0, 201)]  # every position of the share slider (0.5 points)
    grid = pd.DataFrame({"share_pct": steps, "third_party_unit_share": [s / 100 for s in steps]})
    base = model.calculate(alt.Chart(grid), rows=["third_party_unit_share"])
    x = alt.X("share_pct:Q", title="Share of paid units sold by third-party sellers (%)", scale=alt.Scale(domain=[0, 100]))
    folded = base.transform_fold(list(MEASURES), as_=["measure", "amount"]).transform_lookup(
        lookup="measure", from_=alt.LookupData(pd.DataFrame({"measure": list(MEASURES), "label": list(MEASURES.values())}),
                                                "measure", ["label"]))
    color = alt.Color("label:N", title=None, scale=color_scale(dict(zip(MEASURES.values(), ["#1f77b4", GAIN]))),
                      legend=alt.Legend(orient="top-right"))
    y = alt.Y("amount:Q", title="USD per $100 customers spend")
    at_share = f"datum.share_pct == {model.shown('third_party_unit_share')}"
    actual = pd.DataFrame({"share_pct": [model.inputs["third_party_unit_share"].default * 100], "label": [actual_label]})
    chart = alt.layer(
        zero_rule(),
        folded.mark_line(strokeWidth=2.5).encode(x=x, y=y, color=color),
        alt.Chart(actual).mark_rule(color=LOSS, strokeWidth=1.5).encode(x=x),
        alt.Chart(actual).mark_text(align="right", dx=-4, y=200, color=LOSS, fontSize=11).encode(x=x, text="label:N"),
        alt.Chart(grid).mark_rule(color=REFERENCE, strokeDash=[4, 3]).encode(x=x).transform_filter(at_share),
        folded.transform_filter(at_share).mark_point(filled=True, size=70).encode(
            x=x, y="amount:Q", color=color,
            tooltip=[alt.Tooltip("label:N", title="Measure"), alt.Tooltip("amount:Q", format="$.1f", title="Per $100")]),
        folded.transform_filter(at_share).mark_text(align="left", dx=8, dy=-8, fontSize=12, fontWeight="bold").encode(
            x=x, y="amount:Q", color=color, text=alt.Text("amount:Q", format="$.1f")),
        readout(base.transform_filter(at_share), "hybrid_readout", color=INK),
    ).add_params(*model.params())
    return properties(chart, hybrid_store_text(model, source), width=WIDTH, height=320)


def book_models() -> list[ModelEntry]:
    return [ModelEntry("hybrid-model", HYBRID_STORE)]


def book_charts() -> list[ChartEntry]:
    return [ChartEntry("hybrid-model", "hybrid store", lambda: hybrid_store_chart(estimated_model(2025), "our model", "FY2025"),
                       HYBRID_STORE.param_names())]
