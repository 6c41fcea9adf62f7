"""The advertising chapter's charts of the company's figures: advertising's growth, and the store segments without it.

Each builder sits beside the plain function that writes its words. The fiscal years are the 10-K's; the
trailing twelve months (TTM) to the latest quarter, from the quarterly releases, stand apart on a grey band,
their marks hollow or dashed, and named as such. Everything a chart computes from the reader's controls is a
formula of :mod:`.history` or :mod:`.stores`, compiled for the browser by the model's ``calculate``.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..filings import CATEGORY_COLORS, SEGMENT_COLORS
from ..first_party_retail.charts import period_x, ttm_band
from ..kit import Field, Model
from ..kit.style import GAIN, INK, LOSS, MUTED, WIDTH, ChartText, color_scale, one_row, properties, readout, zero_rule
from ..marketplace.growth import GROWTH_MEASURE, growth_shown, growth_unit_label
from .history import FIRST_AD_YEAR, GROWTH_LINES
from .stores import STORES, STORES_READOUT

__all__ = ["GROWTH_VIEW", "growth_chart", "growth_text", "stores_chart", "stores_text"]

#: The growth chart's one control (USD billions or an index, FY2019 = 100): the marketplace chapter's, reused.
GROWTH_VIEW = Model("advertising growth view", prefix="ad_growth", inputs=[GROWTH_MEASURE],
                    formulas=[growth_shown, growth_unit_label],
                    fields=[Field("net_sales_bn", "the line, USD bn"), Field("sales_index", f"FY{FIRST_AD_YEAR} = 100")],
                    constants={"first_year": FIRST_AD_YEAR})

LINE_COLORS = {name: CATEGORY_COLORS.get(name, SEGMENT_COLORS["North America"]) for name in GROWTH_LINES.values()}


def growth_text(history: pd.DataFrame, ttm_row: pd.Series, ttm_growth: float, source: str) -> ChartText:
    """The growth chart's words. ``history`` is :func:`~.history.advertising_history`, ``ttm_row`` its TTM row,
    ``ttm_growth`` advertising's growth over the TTM a year earlier."""
    first, last = int(history.index[0]), int(history.index[-1])
    a, b = history.loc[first], history.loc[last]
    multiple = {key: b[key] / a[key] for key in ("advertising", "third_party_seller_services", "subscription_services")}
    above = int((history["advertising"] > history["store_oi"]).sum())
    when = "every year" if above == len(history) else f"{above} of {len(history)} years"
    return ChartText(
        f"Advertising grew {multiple['advertising']:.1f}-fold from FY{first} to FY{last}, and exceeded the store "
        f"segments' operating income in {when}",
        f"Net sales by category (10-K) and the operating income of North America plus International (segment note); "
        f"the {ttm_row.name} from the quarterly releases (dashed, hollow, on grey)",
        source,
        f"Line chart, FY{first} to FY{last} then the {ttm_row.name}: advertising services rise from "
        f"{a['advertising'] / 1000:.1f} to {b['advertising'] / 1000:.1f} billion US dollars, and "
        f"{ttm_row['advertising'] / 1000:.1f} billion in the {ttm_row.name} ({ttm_growth:.1%} more than a year earlier); "
        f"third-party seller services from {a['third_party_seller_services'] / 1000:.1f} to "
        f"{b['third_party_seller_services'] / 1000:.1f} billion ({multiple['third_party_seller_services']:.1f}-fold); "
        f"subscription services from {a['subscription_services'] / 1000:.1f} to {b['subscription_services'] / 1000:.1f} "
        f"billion ({multiple['subscription_services']:.1f}-fold); the store segments' operating income from "
        f"{a['store_oi'] / 1000:.1f} to {b['store_oi'] / 1000:.1f} billion, with a loss of "
        f"{-history['store_oi'].min() / 1000:.1f} billion in FY{int(history['store_oi'].idxmin())}. "
        f"A radio button switches to an index, FY{first} = 100.",
    )


def growth_chart(rows: pd.DataFrame, history: pd.DataFrame, ttm_row: pd.Series, ttm_growth: float,
                 source: str) -> alt.LayerChart:
    """Advertising beside seller services, subscriptions and the store segments' operating income, per year and TTM.

    ``rows`` is :func:`~.history.growth_rows`. A radio button switches between USD billions and an index.
    """
    data = rows.assign(is_ttm=rows["kind"] == "TTM")
    x = period_x(list(dict.fromkeys(data["period"])), title="Fiscal year, then the trailing twelve months")
    base = GROWTH_VIEW.calculate(alt.Chart(data))
    y = alt.Y("growth_shown:Q", title=None)
    color = alt.Color("line:N", title=None, scale=color_scale(LINE_COLORS), sort=list(LINE_COLORS),
                      legend=alt.Legend(orient="top", columns=2, labelLimit=260))
    tooltip = [alt.Tooltip("period:N", title="Period"), alt.Tooltip("line:N", title="Line"),
               alt.Tooltip("net_sales_bn:Q", format="$,.1f", title="USD bn"),
               alt.Tooltip("sales_index:Q", format=",.0f", title=f"Index (FY{FIRST_AD_YEAR} = 100)"),
               alt.Tooltip("kind:N", title="Basis")]
    years, ttm = base.transform_filter("!datum.is_ttm"), base.transform_filter("datum.is_ttm")
    unit = readout(GROWTH_VIEW.calculate(one_row(), outputs=["growth_unit_label"]), "growth_unit_label",
                   corner="above", color=INK, size=11)
    chart = alt.layer(
        ttm_band(data, x), zero_rule(),
        years.mark_line(strokeWidth=2.5).encode(x=x, y=y, color=color),
        base.transform_filter("datum.to_ttm").mark_line(strokeWidth=2, strokeDash=[4, 3]).encode(x=x, y=y, color=color),
        years.mark_point(filled=True, size=35).encode(x=x, y=y, color=color, tooltip=tooltip),
        ttm.mark_point(filled=False, size=75, strokeWidth=2).encode(x=x, y=y, color=color, tooltip=tooltip),
        unit,
    ).add_params(*GROWTH_VIEW.params())
    return properties(chart, growth_text(history, ttm_row, ttm_growth, source), width=WIDTH, height=300)


# ---------------------------------------------------------------------------
# The store segments without advertising
# ---------------------------------------------------------------------------


def stores_text(table: pd.DataFrame, source: str) -> ChartText:
    """The stores chart's words, at the defaults. ``table`` is :func:`~.stores.stores_without_ads` at the defaults."""
    margin = STORES.inputs["ad_margin"].default
    years = table[~table["is_ttm"].astype(bool)]
    last, ttm = years.iloc[-1], table[table["is_ttm"].astype(bool)].iloc[-1]
    losses = int((years["income_without_ads"] < 0).sum())
    above = years[years["breakeven_ad_margin"] > 0]["breakeven_ad_margin"]
    return ChartText(
        f"At a {margin:.0%} advertising margin, the store segments would have lost money without advertising in "
        f"{losses} of {len(years)} years",
        "Grey: North America and International's operating income as filed. Coloured: the same less what advertising "
        "earned at our assumed margin (green a profit, red a loss)",
        source,
        f"Bar chart by fiscal year, {years.index[0]} to {years.index[-1]}, then the {ttm.name}: the store segments' "
        "operating income as filed beside our estimate without advertising. At the default margin of "
        f"{margin:.0%}, they would have earned {last['income_without_ads']:.1f} billion US dollars in {years.index[-1]} "
        f"instead of {last['segment_income']:.1f} billion, and {ttm['income_without_ads']:.1f} billion in the "
        f"{ttm.name}; they would have lost money in {losses} of {len(years)} fiscal years. The margin above which they "
        f"lose money without advertising ranges from {above.min():.1%} to {above.max():.1%} in the years they earned "
        "a profit with it. Sliders set the advertising margin and how advertising splits between North America and "
        "International; a radio button shows both segments or one.",
    )


def stores_chart(rows: pd.DataFrame, table: pd.DataFrame, source: str, latest: str) -> alt.LayerChart:
    """The store segments' operating income as filed, and without advertising at the reader's advertising margin.

    ``rows`` is :func:`~.stores.store_rows`, ``table`` :func:`~.stores.stores_without_ads` at the defaults (for the
    words), ``latest`` the label of the period the readouts quote ("FY2025"). Controls: the advertising margin,
    the segments shown, and North America's advertising per dollar of sales against International's.
    """
    x = period_x(list(rows["period"]), title="Fiscal year, then the trailing twelve months")
    base = STORES.calculate(alt.Chart(rows))
    y = alt.Y("segment_income:Q", title="Operating income (USD billions)", scale=alt.Scale(padding=16))
    tooltip = [alt.Tooltip("label:N", title="Period"), alt.Tooltip("segment_income:Q", format=",.1f", title="Filed (USD bn)"),
               alt.Tooltip("segment_advertising:Q", format=",.1f", title="Advertising (USD bn)"),
               alt.Tooltip("income_without_ads:Q", format=",.1f", title="Without advertising (USD bn)"),
               alt.Tooltip("breakeven_ad_margin:Q", format=".1%", title="Break-even ad margin")]
    dash = alt.condition("datum.is_ttm", alt.value([3, 2]), alt.value([1, 0]))
    filed = base.mark_bar(width=20, xOffset=-11, color=MUTED, stroke=MUTED).encode(
        x=x, y=y, strokeDash=dash, tooltip=tooltip, opacity=alt.condition("datum.is_ttm", alt.value(0.45), alt.value(0.8)))
    sign = alt.condition("datum.income_without_ads < 0", alt.value(LOSS), alt.value(GAIN))
    without = base.mark_bar(width=20, xOffset=11).encode(
        x=x, y=alt.Y("income_without_ads:Q"), color=sign, stroke=sign, strokeDash=dash, tooltip=tooltip,
        opacity=alt.condition("datum.is_ttm", alt.value(0.5), alt.value(1.0)))
    value = alt.Text("income_without_ads:Q", format=".1f")
    labels = [base.transform_filter(test).mark_text(dx=11, dy=dy, color=INK).encode(
        x=x, y="income_without_ads:Q", text=value) for test, dy in (("datum.income_without_ads >= 0", -6),
                                                                     ("datum.income_without_ads < 0", 9))]
    chosen = STORES_READOUT.calculate(alt.Chart(rows).transform_filter(f"datum.label == '{latest}'"))
    chart = alt.layer(
        ttm_band(rows, x), zero_rule(), filed, without, *labels,
        readout(chosen, "without_ads_readout", line=2, bold=True, corner="above"),
        readout(chosen, "breakeven_readout", line=1, corner="above"),
        readout(chosen, "allocation_readout", corner="above", color=INK, size=11),
    ).add_params(*STORES.params())
    return properties(chart, stores_text(table, source), width=WIDTH, height=300)
