"""The marketplace chapter's charts: each builder beside the plain function that writes its words.

Every number a chart computes from the reader's controls is a formula of
:mod:`amazon_case.marketplace.model`, compiled for the browser by the model's ``calculate``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..filings import CATEGORY_COLORS
from ..kit.registry import ChartEntry
from ..kit.style import (INK, LOSS, MUTED, REFERENCE, WIDTH, ChartText, color_scale, faded_unless, one_row, properties,
                         readout, reference_rule, zero_rule)
from .fees import load_fees
from .model import (PRICE, PRICE_PARTS, SELLER_CONTROLS, TAKE_RATE, SellerEconomics, claim_model,
                    claim_series, fixed_in_charts, growth_view, price_split_model, price_split_rows,
                    price_where_amazon_takes, seller_economics, seller_paths_model, slider_positions)

__all__ = ["claim_chart", "claim_text", "growth_chart", "growth_text", "seller_paths_chart", "seller_paths_text",
           "seller_split_chart", "seller_split_text", "take_rate_chart", "take_rate_text", "book_charts"]


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
    chart = alt.vconcat(seller_margin_panel(fees), price_split_panel(fees), spacing=50).resolve_scale(
        color="independent").add_params(*seller_paths_model(fees).params(only=SELLER_CONTROLS))
    return properties(chart, seller_paths_text(seller_economics(fees), source))


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
    chart = alt.Chart(pd.DataFrame(rows)).mark_bar().encode(
        y=alt.Y("path:N", title=None, sort=["FBM", "FBA"]),
        x=alt.X("usd:Q", title="USD per unit"),
        color=alt.Color("component:N", title=None, scale=color_scale(colors), legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("path:N"), alt.Tooltip("component:N"), alt.Tooltip("usd:Q", format="$.2f")],
    )
    return properties(chart, seller_split_text(result, source), width=WIDTH - 160, height=110)


# ---------------------------------------------------------------------------
# The document's claim: "the seller takes only a small cut" with FBA
# ---------------------------------------------------------------------------


def claim_text(fees: pd.DataFrame, source: str, storage_per_unit: float) -> ChartText:
    """The claim chart's words: where each FBA line passes half the price, and every line's share at USD 25."""
    model = claim_model(fees)
    referral = model.inputs["referral_rate"].default
    series = claim_series(fees, storage_per_unit)
    light, heavy = (price_where_amazon_takes(0.5, referral, fixed) for fixed in list(series.values())[1:])
    at25 = {name: model.evaluate(price=25.0, fixed_fees=fixed)["amazon_share_of_price"] for name, fixed in series.items()}
    return ChartText(
        f"FBA fees pass half the price only below USD {light:.0f} (light item) or USD {heavy:.0f} (3 lb item)",
        "Amazon's fees per unit (referral, FBA fulfilment, storage) as a share of the price, US published rates",
        source,
        f"Line chart of Amazon's fees as a share of the sale price, for prices from {PRICE.low:.0f} to "
        f"{PRICE.high:.0f} US dollars: one line without FBA (the referral fee only) and two with FBA, for two "
        "published fulfilment fee tiers. The share falls as the price rises because the FBA fee is fixed per "
        "unit. At 25 dollars: " + "; ".join(f"{name} {share:.0%}" for name, share in at25.items())
        + ". A slider sets the referral fee.",
    )


def claim_chart(fees: pd.DataFrame, source: str, storage_per_unit: float) -> alt.LayerChart:
    """Amazon's share of the sale price against the price, with FBA (two published fee tiers) and without.

    ``storage_per_unit`` is the FBA storage fee per unit sold (USD) at the chapter's default assumptions.
    One slider sets the referral fee. A dashed line marks half the price.
    """
    model = claim_model(fees)
    series = claim_series(fees, storage_per_unit)
    grid = pd.DataFrame([{"series": name, "fixed_fees": fixed, "price": price}
                         for name, fixed in series.items() for price in slider_positions(PRICE)])
    base = model.calculate(alt.Chart(grid), fixed=fixed_in_charts(model))
    lines = base.mark_line(strokeWidth=2.5).encode(
        x=alt.X("price:Q", title="Sale price (USD)", scale=alt.Scale(domain=[PRICE.low, PRICE.high])),
        y=alt.Y("amazon_share_of_price:Q", title="Amazon's fees, share of the sale price", axis=alt.Axis(format="%"),
                scale=alt.Scale(domain=[0, 1], clamp=True)),
        color=alt.Color("series:N", title=None, scale=color_scale(dict(zip(series, ["#1f77b4", "#ff7f0e", LOSS]))),
                        legend=alt.Legend(orient="top-right")),
        tooltip=[alt.Tooltip("series:N", title="Path"), alt.Tooltip("price:Q", format="$.2f", title="Price"),
                 alt.Tooltip("amazon_share_of_price:Q", format=".1%", title="Amazon's share")],
    )
    chart = alt.layer(lines, reference_rule(0.5, "Half the price")).add_params(*model.params(only=["referral_rate"]))
    return properties(chart, claim_text(fees, source, storage_per_unit), width=WIDTH, height=300)


# ---------------------------------------------------------------------------
# Amazon's take rate
# ---------------------------------------------------------------------------

SHARE_GRID = list(range(40, 81))  # third-party unit share, percent
YEAR_COLORS = ["#9467bd", "#1f77b4", "#17becf", "#8c564b"]


def year_labels(table: pd.DataFrame, unaudited_years: frozenset[int]) -> list[str]:
    return [f"FY{y}" + (" (unaudited)" if y in unaudited_years else "") for y in table.index]


def take_rate_text(table: pd.DataFrame, source: str, unaudited_years: frozenset[int] = frozenset()) -> ChartText:
    """The take-rate chart's words; ``table`` is :func:`~amazon_case.marketplace.model.take_rate_table` at the defaults."""
    first = table.iloc[0]
    audited = table[[y not in unaudited_years for y in table.index]]
    latest = audited.iloc[-1]
    return ChartText(
        f"Take rate: about {latest.take_rate:.0%} of third-party sales in FY{audited.index[-1]}, "
        f"up from {first.take_rate:.0%} in FY{table.index[0]}",
        "If third-party units sell at first-party prices. Dots: Amazon's stated Q4 unit share; lines: any other share",
        source,
        "Line chart: Amazon's take rate (third-party seller services revenue divided by estimated "
        "third-party gross merchandise sales) against the assumed third-party share of paid units, from "
        f"{SHARE_GRID[0]} to {SHARE_GRID[-1]} percent, one line per fiscal year with a stated share "
        f"({', '.join(year_labels(table, unaudited_years))}). Dots mark the stated shares: "
        f"{', '.join(f'FY{y} {r.unit_share:.0%} share gives {r.take_rate:.1%}' for y, r in table.iterrows())} "
        "at the default assumptions. Two sliders change the price ratio and first-party GMV.",
    )


def take_rate_chart(table: pd.DataFrame, source: str, unaudited_years: frozenset[int] = frozenset()) -> alt.LayerChart:
    """Take rate against the assumed third-party unit share, one line per year with a stated share.

    ``table`` is :func:`~amazon_case.marketplace.model.take_rate_table` at the default ratios. Two sliders
    set the price ratio of third-party to first-party units and first-party GMV as a share of online-store
    net sales. A dot marks each year's stated share.
    """
    labels = year_labels(table, unaudited_years)
    grid = pd.DataFrame([
        {"year": label, "share_pct": share, "third_party_unit_share": share / 100,
         "third_party_seller_services": row.third_party_seller_services, "online_stores": row.online_stores,
         "stated_pct": round(row.unit_share * 100, 6)}
        for label, row in zip(labels, table.itertuples()) for share in SHARE_GRID
    ])
    base = TAKE_RATE.calculate(alt.Chart(grid))
    x = alt.X("share_pct:Q", title="Third-party share of paid units (%)",
              scale=alt.Scale(domain=[SHARE_GRID[0], SHARE_GRID[-1]]))
    y = alt.Y("estimated_take_rate:Q", title="Take rate: seller services / third-party GMV", axis=alt.Axis(format="%"))
    color = alt.Color("year:N", title=None, scale=color_scale(dict(zip(labels, YEAR_COLORS))),
                      legend=alt.Legend(orient="top-right"))
    stated = base.transform_filter("datum.share_pct == round(datum.stated_pct)")
    dots = stated.mark_point(filled=True, size=90).encode(
        x=x, y=y, color=color,
        tooltip=[alt.Tooltip("year:N", title="Year"), alt.Tooltip("stated_pct:Q", title="Stated Q4 unit share (%)"),
                 alt.Tooltip("estimated_take_rate:Q", format=".1%", title="Take rate")],
    )
    offsets = [("left", 8, 14), ("left", 8, -10), ("right", -8, 14)]  # keep neighbouring labels apart
    values = [stated.transform_filter(f"datum.year == '{label}'").mark_text(
        align=offsets[i % 3][0], dx=offsets[i % 3][1], dy=offsets[i % 3][2], fontSize=12, fontWeight="bold",
    ).encode(x=x, y=y, color=color, text=alt.Text("estimated_take_rate:Q", format=".1%")) for i, label in enumerate(labels)]
    chart = alt.layer(base.mark_line(strokeWidth=2).encode(x=x, y=y, color=color), dots, *values).add_params(
        *TAKE_RATE.params())
    return properties(chart, take_rate_text(table, source, unaudited_years), width=WIDTH, height=300)


# ---------------------------------------------------------------------------
# Growth: third-party seller services against online stores
# ---------------------------------------------------------------------------

GROWTH_LINES = {"online_stores": "Online stores", "third_party_seller_services": "Third-party seller services"}
UNIT_SHARE_METRIC = "third_party_share_of_paid_units_pct"


def stated_unit_shares(statements: pd.DataFrame) -> pd.DataFrame:
    """Amazon's statements of the third-party share of paid units, with the share as a fraction."""
    stated = statements[statements["metric"] == UNIT_SHARE_METRIC]
    return stated[["period", "status"]].assign(share=stated["value"] / 100)


def growth_text(growth: pd.DataFrame, statements: pd.DataFrame, source: str,
                unaudited_years: frozenset[int] = frozenset()) -> ChartText:
    """The growth chart's words; ``growth`` is :func:`~amazon_case.marketplace.model.marketplace_growth`."""
    first, last = int(growth.index[0]), max(int(y) for y in growth.index if y not in unaudited_years)
    g, shares = growth.loc[[first, last]], stated_unit_shares(statements)
    multiple = {key: g.at[last, key] / g.at[first, key] for key in GROWTH_LINES}
    billions = {key: f"{g.at[first, key] / 1000:,.1f} to {g.at[last, key] / 1000:,.1f}" for key in GROWTH_LINES}
    return ChartText(
        f"FY{first}–FY{last}: seller fees grew {multiple['third_party_seller_services']:.1f}-fold, Amazon's own "
        f"online sales {multiple['online_stores']:.1f}-fold",
        "Net sales by category (10-K) and Amazon's statements of the third-party share of paid units"
        + (" · faded: unaudited" if unaudited_years else ""),
        source,
        f"Two panels. Left: line chart of third-party seller services and online stores net sales, FY{first} "
        f"to FY{int(growth.index[-1])}; seller services rise from {billions['third_party_seller_services']} billion "
        f"US dollars by FY{last}, online stores from {billions['online_stores']} billion. A radio button switches "
        "to an index. Right: bars of the third-party share of paid units Amazon stated: "
        + ", ".join(f"{p} {s:.0%}" for p, s in zip(shares["period"], shares["share"])) + ".",
    )


def growth_panel(growth: pd.DataFrame, unaudited_years: frozenset[int]) -> alt.LayerChart:
    """Seller services and online stores per year, in USD billions or as an index (the reader's choice)."""
    first = int(growth.index[0])
    view = growth_view(first)
    frame = pd.DataFrame([{"fiscal_year": int(year), "category": name, "net_sales_bn": r[key] / 1000,
                           "sales_index": r[f"{key}_index"], "audited": int(year) not in unaudited_years}
                          for year, r in growth.iterrows() for key, name in GROWTH_LINES.items()])
    color = alt.Color("category:N", title=None, scale=color_scale({n: CATEGORY_COLORS[n] for n in GROWTH_LINES.values()}),
                      legend=alt.Legend(orient="top"))
    lines = view.calculate(alt.Chart(frame)).mark_line(point=True, strokeWidth=2.5).encode(
        x=alt.X("fiscal_year:O", title="Fiscal year"), y=alt.Y("growth_shown:Q", title=None), color=color,
        opacity=faded_unless("datum.audited"),
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("category:N", title="Line"),
                 alt.Tooltip("net_sales_bn:Q", format="$,.1f", title="Net sales (USD bn)"),
                 alt.Tooltip("sales_index:Q", format=",.0f", title=f"Index (FY{first} = 100)"),
                 alt.Tooltip("audited:N", title="Audited (10-K)")],
    )
    unit = readout(view.calculate(one_row(), outputs=["growth_unit_label"]), "growth_unit_label", corner="above",
                   color=INK, size=11)
    return alt.layer(lines, unit).properties(width=340, height=280)


def unit_share_panel(statements: pd.DataFrame) -> alt.LayerChart:
    """Bars of the third-party share of paid units as Amazon stated it, with half marked."""
    shares = stated_unit_shares(statements)
    y = alt.Y("period:N", title=None, sort=list(shares["period"]))
    bars = alt.Chart(shares).mark_bar(color=CATEGORY_COLORS["Third-party seller services"], height=22).encode(
        y=y, x=alt.X("share:Q", title="Third-party share of paid units", axis=alt.Axis(format="%"),
                     scale=alt.Scale(domain=[0, 1])),
        tooltip=[alt.Tooltip("period:N", title="Quarter"), alt.Tooltip("share:Q", format=".0%", title="Share"),
                 alt.Tooltip("status:N", title="Confirmation")],
    )
    text = alt.Chart(shares).mark_text(align="left", dx=4, fontSize=12).encode(
        y=y, x="share:Q", text=alt.Text("share:Q", format=".0%"))
    half = alt.Chart(pd.DataFrame({"x": [0.5]})).mark_rule(color=MUTED, strokeDash=[3, 3]).encode(x="x:Q")
    return alt.layer(bars, text, half).properties(width=190, height=140, title=alt.TitleParams(
        "Amazon's stated unit share", fontSize=12, anchor="start"))


def growth_chart(growth: pd.DataFrame, statements: pd.DataFrame, source: str,
                 unaudited_years: frozenset[int] = frozenset()) -> alt.HConcatChart:
    """Third-party seller services against online stores per year (USD bn or index), beside the stated unit shares.

    ``growth`` is :func:`~amazon_case.marketplace.model.marketplace_growth`; ``statements`` is
    :func:`amazon_case.filings.load_statements`. A radio button switches the left panel between USD
    billions and an index (first year = 100).
    """
    view = growth_view(int(growth.index[0]))
    chart = alt.hconcat(growth_panel(growth, unaudited_years), unit_share_panel(statements), spacing=30).add_params(
        *view.params())
    return properties(chart, growth_text(growth, statements, source, unaudited_years))


# ---------------------------------------------------------------------------
# For the book-wide tests
# ---------------------------------------------------------------------------


def book_charts() -> list[ChartEntry]:
    """Every chart of the chapter with the parameters of its controls."""
    from ..filings import UNAUDITED_YEARS, annual_wide, load_statements
    from .model import marketplace_growth, take_rate_table

    fees, wide, statements = load_fees(), annual_wide(), load_statements()
    growth = marketplace_growth(wide)
    result = seller_economics(fees)
    take = take_rate_table(wide, statements)
    return [
        ChartEntry("marketplace", "growth", lambda: growth_chart(growth, statements, "10-Ks", UNAUDITED_YEARS),
                   growth_view(int(growth.index[0])).param_names()),
        ChartEntry("marketplace", "seller paths", lambda: seller_paths_chart(fees, "published fees"),
                   seller_paths_model(fees).param_names(only=SELLER_CONTROLS)),
        ChartEntry("marketplace", "seller split", lambda: seller_split_chart(result, "published fees"), ()),
        ChartEntry("marketplace", "FBA claim", lambda: claim_chart(fees, "published fees", result.fba.storage_fee),
                   claim_model(fees).param_names(only=["referral_rate"])),
        ChartEntry("marketplace", "take rate", lambda: take_rate_chart(take, "10-Ks", UNAUDITED_YEARS),
                   TAKE_RATE.param_names()),
    ]
