"""Peers beside Amazon (``chapters/peers.ipynb``): marketplaces, an enabler and first-party retailers.

What is filed and what is derived is kept apart:

- :func:`peer_table` is every reported figure of ``data/peers.csv`` and, labelled ``derived``, the full
  years the manifest's sums of periods build from reported parts where the year itself was not read
  (Etsy's FY2025: nine months plus the fourth quarter).
- :func:`peer_ratios` divides them: take rates (revenue over GMV or GMS), Shopify's revenue over GMV
  (not a take rate), JD.com's product revenues over its revenues. Every ratio is ours.
- :func:`amazon_take_rate` is the marketplace chapter's estimate (:func:`amazon_case.marketplace.take_rate_table`),
  at its default assumption and at the two price ratios that chapter tests.
- :func:`take_rate_chart` sets them side by side; :func:`growth_chart` sets Walmart's e-commerce growth
  beside the growth of Amazon's online stores and third-party seller services.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..filings import CATEGORY_COLORS, SEGMENT_COLORS
from ..kit.data import load_manifest
from ..kit.style import INK, MUTED, ChartText, color_scale, properties
from ..marketplace import TAKE_RATE, take_rate_table
from .sources import DATA_DIR, PEERS_FILE, sources_html

#: The marketplace chapter's sensitivity test of its estimate: third-party units at 80% or 120% of a
#: first-party unit's price (its default: the same price).
PRICE_RATIOS = (0.8, 1.2)
#: Each company's colour: Amazon's as elsewhere in the book (its AWS orange), the others distinct.
COMPANY_COLORS = {"Amazon": SEGMENT_COLORS["AWS"], "eBay": "#1f77b4", "Etsy": "#9467bd", "Shopify": "#8c8c8c",
                  "JD.com": "#d62728", "Walmart": "#17becf"}


def sum_rules() -> list[dict]:
    """The manifest's sums of periods (``schema.period_sums``)."""
    return load_manifest(DATA_DIR / PEERS_FILE)["schema"]["period_sums"]


def peer_table(peers: pd.DataFrame, rules: list[dict] | None = None) -> pd.DataFrame:
    """Reported figures, and the full years built from their parts where the year was not reported.

    ``peers`` is :func:`~amazon_case.context.sources.load_peers`. Adds ``origin``: ``reported``, or
    ``derived: 9M 2025 + Q4 2025`` for a sum. A derived year is only as good as its weakest part:
    its ``status`` and ``qualifier`` are those of its parts when they differ (``SINGLE-SOURCE``, ``rounded``).
    """
    table = peers.assign(origin="reported")
    keyed = peers.set_index(["company", "metric", "period"])
    derived = []
    for rule in (sum_rules() if rules is None else rules):
        key = (rule["company"], rule["metric"])
        if (*key, rule["total"]) in keyed.index:
            continue
        missing = [p for p in rule["parts"] if (*key, p) not in keyed.index]
        if missing:
            raise KeyError(f"{rule['company']} {rule['metric']} {rule['total']} cannot be derived: no {missing}")
        parts = keyed.loc[[(*key, p) for p in rule["parts"]]]
        weakest = lambda column, order: next((v for v in order if v in set(parts[column])), parts[column].iloc[0])  # noqa: E731
        derived.append({
            "company": key[0], "metric": key[1], "period": rule["total"],
            "period_start": parts["period_start"].iloc[0], "period_end": parts["period_end"].iloc[-1],
            "value": float(parts["value"].sum()), "unit": parts["unit"].iloc[0],
            "qualifier": weakest("qualifier", ["about", "rounded"]), "basis": "derived",
            "document": "; ".join(parts["document"].unique()), "source": "; ".join(parts["source"].unique()),
            "url": parts["url"].iloc[0], "second_source": "", "second_url": "",
            "status": weakest("status", ["SINGLE-SOURCE", "SECONDARY"]),
            "note": f"Our sum of {' + '.join(rule['parts'])}.", "origin": f"derived: {' + '.join(rule['parts'])}"})
    return pd.concat([table, pd.DataFrame(derived)], ignore_index=True) if derived else table


def figure(table: pd.DataFrame, company: str, metric: str, period: str) -> float:
    """One figure of :func:`peer_table`."""
    match = table[(table["company"] == company) & (table["metric"] == metric) & (table["period"] == period)]
    if match.empty:
        raise KeyError(f"no {company} {metric} for {period} in {PEERS_FILE} (reported or derived)")
    return float(match["value"].iloc[0])


def origin_of(table: pd.DataFrame, company: str, metric: str, period: str) -> str:
    match = table[(table["company"] == company) & (table["metric"] == metric) & (table["period"] == period)]
    return str(match["origin"].iloc[0])


#: The ratios the chapter sets beside Amazon's: (company, period, numerator, denominator, what it is).
RATIOS = (
    ("eBay", "FY2025", "revenue", "gmv", "take rate"),
    ("Etsy", "FY2025", "revenue", "gms", "take rate"),
    ("Etsy", "9M 2025", "revenue", "gms", "take rate"),
    ("Shopify", "FY2025", "revenue", "gmv", "revenue / GMV, not a take rate"),
    ("Shopify", "FY2024", "revenue", "gmv", "revenue / GMV, not a take rate"),
    ("JD.com", "Q4 2025", "product_revenue", "revenue", "first-party share of revenue"),
)


def peer_ratios(table: pd.DataFrame) -> pd.DataFrame:
    """Each ratio of :data:`RATIOS`: ``value`` (a fraction), its parts, and where they come from (reported or derived)."""
    rows = []
    for company, period, top, bottom, what in RATIOS:
        origins = {origin_of(table, company, m, period) for m in (top, bottom)}
        rows.append({"company": company, "period": period, "ratio": what, "numerator": figure(table, company, top, period),
                     "denominator": figure(table, company, bottom, period),
                     "value": figure(table, company, top, period) / figure(table, company, bottom, period),
                     "inputs": "reported" if origins == {"reported"} else "derived (sum of periods)"})
    return pd.DataFrame(rows).set_index(["company", "period"])


def amazon_take_rate(wide: pd.DataFrame, statements: pd.DataFrame, year: int,
                     quarterly: pd.DataFrame | None = None) -> dict[str, float]:
    """The marketplace chapter's estimate of Amazon's take rate in ``year``, with its sensitivity to the price ratio.

    ``value`` at the chapter's default (third-party units at a first-party unit's price); ``low`` and
    ``high`` at :data:`PRICE_RATIOS`; ``unit_share`` the third-party share of paid units it rests on (the
    year's quarterly average where Amazon stated all four). ``quarterly`` defaults to the book's file.
    """
    from ..filings import load_quarterly

    quarterly = load_quarterly() if quarterly is None else quarterly
    label = f"FY{year}"
    default = take_rate_table(wide, statements, quarterly)
    bounds = [take_rate_table(wide, statements, quarterly, price_ratio=r).at[label, "take_rate"] for r in PRICE_RATIOS]
    return {"value": float(default.at[label, "take_rate"]), "low": float(min(bounds)), "high": float(max(bounds)),
            "unit_share": float(default.at[label, "unit_share"]), "gmv_musd": float(default.at[label, "third_party_gmv"]),
            "online_stores": float(default.at[label, "online_stores"]),
            "third_party_seller_services": float(default.at[label, "third_party_seller_services"])}


def amazon_first_party_share(wide: pd.DataFrame, year: int) -> float:
    """Amazon's own sales of goods (online and physical stores) as a share of net sales in ``year``."""
    return float((wide.at[year, "net_sales_online_stores"] + wide.at[year, "net_sales_physical_stores"])
                 / wide.at[year, "net_sales_total"])


def comparison_rows(ratios: pd.DataFrame, amazon: dict[str, float], amazon_first_party: float, year: int) -> pd.DataFrame:
    """The take-rate chart's rows: what each company keeps of the goods sold through it, and its first-party share."""
    take = lambda c, p: float(ratios.at[(c, p), "value"])  # noqa: E731
    rows = [
        ("take", "eBay", "Marketplace", take("eBay", "FY2025"), None, None, "FY2025: net revenues / GMV (both filed)"),
        ("take", "Etsy", "Marketplace", take("Etsy", "FY2025"), None, None,
         "FY2025: revenue / GMS (each the sum of nine months and Q4)"),
        ("take", "Amazon", "Hybrid", amazon["value"], amazon["low"], amazon["high"],
         f"FY{year}: seller services / estimated third-party GMV (our estimate)"),
        ("take", "Shopify", "Enabler (not a take rate)", take("Shopify", "FY2025"), None, None,
         "FY2025: revenue / GMV; Shopify is not the seller of record"),
        ("first", "Amazon", "Hybrid", amazon_first_party, None, None, f"FY{year}: online and physical stores / net sales"),
        ("first", "JD.com", "First-party retailer", take("JD.com", "Q4 2025"), None, None,
         "Q4 2025: product revenues / net revenues"),
        ("first", "eBay", "Marketplace", 0.0, None, None, "A marketplace: it sells no goods of its own"),
        ("first", "Etsy", "Marketplace", 0.0, None, None, "A marketplace: it sells no goods of its own"),
    ]
    frame = pd.DataFrame(rows, columns=["panel", "company", "model", "share", "low", "high", "basis"])
    frame = frame.assign(share_pct=frame["share"] * 100, low_pct=frame["low"] * 100, high_pct=frame["high"] * 100)
    # The marketplace chapter's take-rate model reads these from Amazon's row, so that the chart can recompute it.
    amazon_take = (frame["panel"] == "take") & (frame["company"] == "Amazon")
    return frame.assign(third_party_seller_services=amazon["third_party_seller_services"],
                        online_stores=amazon["online_stores"], third_party_unit_share=amazon["unit_share"],
                        live=amazon_take)


def take_rate_text(rows: pd.DataFrame, source: str) -> ChartText:
    take = rows[rows["panel"] == "take"].set_index("company")
    first = rows[rows["panel"] == "first"].set_index("company")
    amazon, ebay, etsy = take.at["Amazon", "share"], take.at["eBay", "share"], take.at["Etsy", "share"]
    return ChartText(
        f"Amazon keeps an estimated {amazon:.0%} of what third-party sellers sell, {amazon / ebay:.1f} times eBay's "
        f"{ebay:.0%}: its fees include fulfilment",
        "Left: revenue as a share of the goods sold through each company; Amazon's bar is our estimate, which the "
        f"slider recomputes, and its whisker spans third-party prices at {PRICE_RATIOS[1]:.0%} to {PRICE_RATIOS[0]:.0%} "
        "of Amazon's own. Right: first-party sales as a share of revenue",
        source,
        "Two bar charts. Left, revenue as a percentage of gross merchandise sold through the company in fiscal 2025: "
        f"eBay {ebay:.1%}, Etsy {etsy:.1%}, Amazon {amazon:.1%} (our estimate, between {take.at['Amazon', 'low']:.0%} and "
        f"{take.at['Amazon', 'high']:.0%} as the assumed price of third-party goods changes; a slider sets that price) and "
        f"Shopify {take.at['Shopify', 'share']:.1%}, drawn grey because it is not a take rate. Right, sales of the "
        f"company's own goods as a share of revenue: JD.com {first.at['JD.com', 'share']:.0%}, Amazon "
        f"{first.at['Amazon', 'share']:.0%}, eBay and Etsy none.",
    )


TOOLTIP = [alt.Tooltip("company:N", title="Company"), alt.Tooltip("model:N", title="Model"),
           alt.Tooltip("share_pct:Q", format=".1f", title="Percent"), alt.Tooltip("basis:N", title="Basis")]


def _bars(data: alt.Chart, x: alt.X, y: alt.Y, above: bool = False) -> alt.LayerChart:
    """Bars with their values at their ends (``above``: over the bar's end, clear of a whisker)."""
    color = alt.Color("company:N", scale=color_scale(COMPANY_COLORS), legend=None)
    bars = data.mark_bar(height=18).encode(x=x, y=y, color=color, tooltip=TOOLTIP)
    place = dict(align="center", dy=-15) if above else dict(align="left", dx=4)
    labels = data.mark_text(fontSize=11, color=INK, **place).encode(
        x=x, y=y, text=alt.Text(f"{x.shorthand}", format=".1f"))
    return alt.layer(bars, labels)


def take_rate_chart(rows: pd.DataFrame, source: str) -> alt.HConcatChart:
    """What each company keeps of the goods sold through it (left) and how much of its revenue is its own goods (right).

    ``rows`` is :func:`comparison_rows`. Amazon's take rate is the marketplace chapter's model
    (:data:`amazon_case.marketplace.TAKE_RATE`), recomputed in the chart from the reader's price-ratio slider;
    its whisker spans :data:`PRICE_RATIOS`.
    """
    order = ["eBay", "Etsy", "Amazon", "Shopify"]
    y = alt.Y("company:N", sort=order, title=None)
    take = alt.Chart(rows).transform_filter("datum.panel == 'take'")
    others = _bars(take.transform_filter("!datum.live"), alt.X(
        "share_pct:Q", title="Revenue, % of goods sold through it", scale=alt.Scale(domain=[0, 100])), y)
    gmv_ratio = TAKE_RATE.inputs["first_party_gmv_ratio"].default  # the marketplace chapter's default, held fixed
    live = TAKE_RATE.calculate(take.transform_filter("datum.live"), fixed={"first_party_gmv_ratio": gmv_ratio}
                               ).transform_calculate(live_pct="datum.estimated_take_rate * 100")
    amazon = _bars(live, alt.X("live_pct:Q"), y, above=True)
    whisker = take.transform_filter("datum.live").mark_rule(color=INK, strokeWidth=1.5, strokeDash=[3, 2]).encode(
        x="low_pct:Q", x2="high_pct:Q", y=y)
    left = alt.layer(others, amazon, whisker).add_params(*TAKE_RATE.params(only=["price_ratio"])).properties(
        width=230, height=150)
    first = alt.Chart(rows).transform_filter("datum.panel == 'first'")
    right = _bars(first, alt.X("share_pct:Q", title="Own goods, % of revenue", scale=alt.Scale(domain=[0, 100])),
                  alt.Y("company:N", sort=["JD.com", "Amazon", "eBay", "Etsy"], title=None)).properties(width=200, height=150)
    return properties(alt.hconcat(left, right, spacing=28), take_rate_text(rows, source))


# ---------------------------------------------------------------------------
# Growth: Walmart's e-commerce beside Amazon's stores and marketplace
# ---------------------------------------------------------------------------

#: Amazon's quarterly lines set beside Walmart's e-commerce, with the book's colours.
AMAZON_GROWTH_LINES = {"net_sales_online_stores": "Amazon: online stores",
                       "net_sales_third_party_seller_services": "Amazon: third-party seller services"}
GROWTH_COLORS = {"Walmart: global eCommerce sales": COMPANY_COLORS["Walmart"],
                 "Amazon: online stores": CATEGORY_COLORS["Online stores"],
                 "Amazon: third-party seller services": CATEGORY_COLORS["Third-party seller services"]}


def growth_rows(table: pd.DataFrame, quarterly: pd.DataFrame) -> pd.DataFrame:
    """Growth from the same quarter a year earlier: Walmart's eCommerce as reported, Amazon's lines computed.

    ``quarterly`` is :func:`amazon_case.filings.load_quarterly`. Each row: ``series``, ``period``, ``period_end``
    (ISO date), ``growth_pct`` and ``basis``.
    """
    walmart = table[(table["company"] == "Walmart") & (table["metric"] == "ecommerce_growth")]
    rows = [{"series": "Walmart: global eCommerce sales", "period": r.period, "period_end": str(r.period_end),
             "growth_pct": float(r.value), "basis": "as reported by Walmart"} for r in walmart.itertuples()]
    flows = quarterly[(quarterly["basis"] == "three_months") & quarterly["metric"].isin(AMAZON_GROWTH_LINES)]
    keyed = flows.set_index(["metric", "fiscal_year", "quarter"])
    for r in flows.itertuples():
        before = (r.metric, r.fiscal_year - 1, r.quarter)
        if before in keyed.index:
            rows.append({"series": AMAZON_GROWTH_LINES[r.metric], "period": f"Q{r.quarter} {r.fiscal_year}",
                         "period_end": str(r.period_end),
                         "growth_pct": 100 * (r.value / keyed.at[before, "value"] - 1),
                         "basis": "our arithmetic on Amazon's quarterly releases"})
    return pd.DataFrame(rows).sort_values(["series", "period_end"]).reset_index(drop=True)


def growth_text(rows: pd.DataFrame, source: str, year: int = 2025) -> ChartText:
    """The growth chart's words; the title compares Walmart's fiscal 2026 with Amazon's quarters of ``year``."""
    walmart = rows[rows["series"].str.startswith("Walmart")]["growth_pct"]
    amazon = rows[rows["series"].str.startswith("Amazon") & rows["period"].str.endswith(str(year))]
    online = amazon[amazon["series"] == "Amazon: online stores"]["growth_pct"]
    sellers = amazon[amazon["series"] == "Amazon: third-party seller services"]["growth_pct"]
    last = rows[rows["series"].str.startswith("Amazon")].sort_values("period_end")["period"].iloc[-1]
    return ChartText(
        f"Walmart's e-commerce grew {walmart.min():.0f}–{walmart.max():.0f}% a year in its fiscal 2026; Amazon's online "
        f"stores {online.min():.0f}–{online.max():.0f}% in {year}",
        "Growth from the same quarter a year earlier, placed at each quarter's end (Walmart's quarters end a month after "
        "Amazon's); Walmart's figure includes store-fulfilled pickup and delivery and its marketplace",
        source,
        f"Line chart of growth from a year earlier by quarter. Walmart's global eCommerce sales grew between "
        f"{walmart.min():.0f}% and {walmart.max():.0f}% in the four quarters of its fiscal 2026 (February {year} to "
        f"January {year + 1}). In the four quarters of {year}, Amazon's online stores grew between {online.min():.0f}% "
        f"and {online.max():.0f}% and its third-party seller services between {sellers.min():.0f}% and "
        f"{sellers.max():.0f}%; the chart continues Amazon's lines to {last}.",
    )


def growth_chart(rows: pd.DataFrame, source: str) -> alt.LayerChart:
    """Walmart's e-commerce growth beside the growth of Amazon's online stores and seller services, by quarter."""
    base = alt.Chart(rows)
    x = alt.X("period_end:T", title="Quarter ending", scale=alt.Scale(type="utc"),
              axis=alt.Axis(format="%b %Y", labelAngle=0, tickCount=6))
    y = alt.Y("growth_pct:Q", title="Growth from a year earlier (%)", scale=alt.Scale(domain=[0, 30]))
    color = alt.Color("series:N", title=None, scale=color_scale(GROWTH_COLORS), legend=alt.Legend(orient="top", columns=2))
    tooltip = [alt.Tooltip("series:N", title="Series"), alt.Tooltip("period:N", title="Quarter"),
               alt.Tooltip("growth_pct:Q", format=".1f", title="Growth (%)"), alt.Tooltip("basis:N", title="Basis")]
    lines = base.mark_line(point=alt.OverlayMarkDef(size=60, filled=True), strokeWidth=2.5).encode(
        x=x, y=y, color=color, tooltip=tooltip)
    return properties(alt.layer(lines), growth_text(rows, source), width=520, height=260)


def peers_table_html(table: pd.DataFrame) -> str:
    """The peers' figures the chapter uses, reported and derived, with their basis, status and source."""
    shown = table[table["metric"].isin(["gmv", "gms", "revenue", "product_revenue", "service_revenue",
                                        "advertising_revenue", "merchant_solutions_revenue",
                                        "subscription_solutions_revenue"])]
    labels = load_manifest(DATA_DIR / PEERS_FILE)["schema"]["metrics"]
    head = "".join(f'<th scope="col">{h}</th>' for h in ("Company", "Figure", "Period", "Value (millions)", "Unit",
                                                         "Basis", "Status", "Source"))
    body = []
    for r in shown.itertuples():
        qualifier = "" if r.qualifier == "as printed" else f" ({r.qualifier})"
        basis = r.origin if r.origin != "reported" else r.basis
        source = "our sum" if r.origin != "reported" else sources_html(r)
        body.append(f"<tr><td>{r.company}</td><td>{labels[r.metric]['label']}</td><td>{r.period}</td>"
                    f'<td class="num">{r.value:,.0f}{qualifier}</td><td>{r.unit.split()[0]}</td><td>{basis}</td>'
                    f"<td>{r.status}</td><td>{source}</td></tr>")
    return (f'<table class="dataframe context-table"><thead><tr>{head}</tr></thead><tbody>{"".join(body)}</tbody></table>')
