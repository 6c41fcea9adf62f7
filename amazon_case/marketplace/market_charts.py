"""The charts of the marketplace's size: its growth beside Amazon's stated unit share, and the take rate.

Each builder sits beside the plain function that writes its words. The fiscal years are the 10-K's;
the trailing twelve months (TTM) to the latest quarter, from the quarterly file, are drawn apart
(dashed, hollow) and named as such.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from ..filings import CATEGORY_COLORS
from ..kit.registry import ChartEntry
from ..kit.style import INK, MUTED, WIDTH, ChartText, color_scale, faded_unless, one_row, properties, readout
from .growth import growth_view
from .take_rate import TAKE_RATE

__all__ = ["growth_chart", "growth_frame", "growth_text", "market_charts", "take_rate_chart", "take_rate_text",
           "unit_share_panel"]

GROWTH_LINES = {"online_stores": "Online stores", "third_party_seller_services": "Third-party seller services"}
TTM_MARK = "dashed, hollow"


# ---------------------------------------------------------------------------
# Growth: third-party seller services against online stores, and the unit share
# ---------------------------------------------------------------------------


def growth_frame(growth: pd.DataFrame, ttm_row: pd.Series, unaudited_years: frozenset[int] = frozenset()) -> pd.DataFrame:
    """The growth panel's rows: each line in each fiscal year, then over the trailing twelve months.

    ``growth`` is :func:`~amazon_case.marketplace.growth.marketplace_growth`, ``ttm_row`` the first value of
    :func:`~amazon_case.marketplace.growth.growth_ttm`. ``period`` is the x axis's label ("2025",
    "TTM to Q2 2026"); ``to_ttm`` marks the two points the dashed segment joins (the last year and the TTM).
    """
    last = int(growth.index[-1])
    periods = [(str(int(y)), "fiscal year", r, int(y) not in unaudited_years, int(y) == last) for y, r in growth.iterrows()]
    periods.append((str(ttm_row.name), "TTM", ttm_row, False, True))
    return pd.DataFrame([{"period": period, "kind": kind, "category": name, "net_sales_bn": r[key] / 1000,
                          "sales_index": r[f"{key}_index"], "audited": audited, "to_ttm": to_ttm}
                         for period, kind, r, audited, to_ttm in periods for key, name in GROWTH_LINES.items()])


def growth_text(growth: pd.DataFrame, ttm_row: pd.Series, shares: pd.DataFrame, source: str,
                unaudited_years: frozenset[int] = frozenset()) -> ChartText:
    """The growth chart's words. ``shares`` is :func:`~amazon_case.marketplace.quarters.unit_share_statements`."""
    first, last = int(growth.index[0]), max(int(y) for y in growth.index if y not in unaudited_years)
    g = growth.loc[[first, last]]
    multiple = {key: g.at[last, key] / g.at[first, key] for key in GROWTH_LINES}
    billions = {key: f"{g.at[first, key] / 1000:,.1f} to {g.at[last, key] / 1000:,.1f}" for key in GROWTH_LINES}
    stated = shares[shares["stated"]]
    unread = ", ".join(shares.loc[~shares["stated"], "period"])
    return ChartText(
        f"FY{first}–FY{last}: seller fees grew {multiple['third_party_seller_services']:.1f}-fold, Amazon's own "
        f"online sales {multiple['online_stores']:.1f}-fold",
        f"Net sales by category (10-K), and the {ttm_row.name} from the quarterly releases ({TTM_MARK}); "
        "right: Amazon's statements of the third-party share of paid units",
        source,
        f"Two panels. Left: line chart of third-party seller services and online stores net sales, FY{first} "
        f"to FY{int(growth.index[-1])}, then the {ttm_row.name} drawn dashed with hollow points; seller services "
        f"rise from {billions['third_party_seller_services']} billion US dollars by FY{last} and "
        f"{ttm_row['third_party_seller_services'] / 1000:,.1f} billion in the {ttm_row.name}, online stores from "
        f"{billions['online_stores']} billion and {ttm_row['online_stores'] / 1000:,.1f} billion. A radio button "
        "switches to an index. Right: bars of the third-party share of paid units Amazon stated, by quarter: "
        + ", ".join(f"{p} {s:.0%}" for p, s in zip(stated["period"], stated["share"]))
        + (f"; {unread} not read." if unread else "."),
    )


def growth_panel(frame: pd.DataFrame, first_year: int) -> alt.LayerChart:
    """Seller services and online stores per year and over the TTM, in USD billions or as an index (the reader's choice)."""
    view = growth_view(first_year)
    base = view.calculate(alt.Chart(frame))
    x = alt.X("period:O", title=None, sort=list(dict.fromkeys(frame["period"])), axis=alt.Axis(labelAngle=-90))
    color = alt.Color("category:N", title=None, scale=color_scale({n: CATEGORY_COLORS[n] for n in GROWTH_LINES.values()}),
                      legend=alt.Legend(orient="top"))
    y = alt.Y("growth_shown:Q", title=None)
    tooltip = [alt.Tooltip("period:N", title="Period"), alt.Tooltip("category:N", title="Line"),
               alt.Tooltip("net_sales_bn:Q", format="$,.1f", title="Net sales (USD bn)"),
               alt.Tooltip("sales_index:Q", format=",.0f", title=f"Index (FY{first_year} = 100)"),
               alt.Tooltip("kind:N", title="Basis")]
    years = base.transform_filter("datum.kind == 'fiscal year'")
    ttm = base.transform_filter("datum.kind == 'TTM'")
    unit = readout(view.calculate(one_row(), outputs=["growth_unit_label"]), "growth_unit_label", corner="above",
                   color=INK, size=11)
    return alt.layer(
        years.mark_line(strokeWidth=2.5).encode(x=x, y=y, color=color),
        base.transform_filter("datum.to_ttm").mark_line(strokeWidth=2, strokeDash=[4, 3]).encode(x=x, y=y, color=color),
        years.mark_point(filled=True, size=30).encode(x=x, y=y, color=color, opacity=faded_unless("datum.audited"),
                                                     tooltip=tooltip),
        ttm.mark_point(filled=False, size=70, strokeWidth=2).encode(x=x, y=y, color=color, tooltip=tooltip),
        unit,
    ).properties(width=330, height=280)


def unit_share_panel(shares: pd.DataFrame) -> alt.LayerChart:
    """Bars of the third-party share of paid units as Amazon stated it, quarter by quarter, with half marked.

    ``shares`` is :func:`~amazon_case.marketplace.quarters.unit_share_statements`; a statement resting on a
    single report is faded, a quarter not read says so.
    """
    data = shares.assign(single=shares["status"].eq("SINGLE-SOURCE"), shown=shares["share"].fillna(0),
                         text=[f"{s:.0%}" if ok else "not read" for s, ok in zip(shares["share"], shares["stated"])])
    y = alt.Y("period:N", title=None, sort=list(data["period"]))
    bars = alt.Chart(data).transform_filter("datum.stated").mark_bar(
        color=CATEGORY_COLORS["Third-party seller services"], height=14).encode(
        y=y, x=alt.X("share:Q", title="Third-party share of paid units", axis=alt.Axis(format="%"),
                     scale=alt.Scale(domain=[0, 1])),
        opacity=faded_unless("!datum.single"),
        tooltip=[alt.Tooltip("period:N", title="Quarter"), alt.Tooltip("share:Q", format=".0%", title="Share"),
                 alt.Tooltip("document:N", title="Stated in"), alt.Tooltip("status:N", title="Confirmation")],
    )
    text = alt.Chart(data).mark_text(align="left", dx=4, fontSize=11, color=INK).encode(y=y, x="shown:Q", text="text:N")
    half = alt.Chart(pd.DataFrame({"x": [0.5]})).mark_rule(color=MUTED, strokeDash=[3, 3]).encode(x="x:Q")
    return alt.layer(bars, text, half).properties(width=170, height=280, title=alt.TitleParams(
        "Amazon's stated unit share", fontSize=12, anchor="start"))


def growth_chart(growth: pd.DataFrame, ttm_row: pd.Series, shares: pd.DataFrame, source: str,
                 unaudited_years: frozenset[int] = frozenset()) -> alt.HConcatChart:
    """Third-party seller services against online stores per year and over the TTM, beside the stated unit shares.

    ``growth`` is :func:`~amazon_case.marketplace.growth.marketplace_growth`, ``ttm_row`` the row of
    :func:`~amazon_case.marketplace.growth.growth_ttm`, ``shares``
    :func:`~amazon_case.marketplace.quarters.unit_share_statements`. A radio button switches the left
    panel between USD billions and an index (first year = 100).
    """
    first = int(growth.index[0])
    chart = alt.hconcat(growth_panel(growth_frame(growth, ttm_row, unaudited_years), first), unit_share_panel(shares),
                        spacing=24).add_params(*growth_view(first).params())
    return properties(chart, growth_text(growth, ttm_row, shares, source, unaudited_years))


# ---------------------------------------------------------------------------
# Amazon's take rate
# ---------------------------------------------------------------------------

SHARE_GRID = list(range(40, 81))  # third-party unit share, percent
PERIOD_COLORS = ["#9467bd", "#1f77b4", "#17becf", "#8c564b"]


def period_labels(table: pd.DataFrame) -> list[str]:
    """The take-rate chart's name for each row: "FY2020 (Q4 share)", "FY2024 (4 quarters)", "TTM to Q2 2026"."""
    return [label if row.kind == "TTM" else f"{label} ({'4 quarters' if row.share_basis.startswith('average') else 'Q4 share'})"
            for label, row in table.iterrows()]


def take_rate_text(table: pd.DataFrame, source: str) -> ChartText:
    """The take-rate chart's words; ``table`` is :func:`~amazon_case.marketplace.take_rate.take_rate_table` at the defaults."""
    years = table[table["kind"] == "fiscal year"]
    first, latest = years.iloc[0], years.iloc[-1]
    recent = table.iloc[-1]
    return ChartText(
        f"Take rate: about {latest.take_rate:.0%} of third-party sales in FY{latest.fiscal_year} "
        f"({recent.take_rate:.0%} in the {recent.name}), up from {first.take_rate:.0%} in FY{first.fiscal_year}",
        "If third-party units sell at first-party prices. Dots: Amazon's stated unit share ("
        + "; ".join(f"{label}: {r.share_basis}" for label, r in years.iterrows()) + "); lines: any other share",
        source,
        "Line chart: Amazon's take rate (third-party seller services revenue divided by estimated "
        "third-party gross merchandise sales) against the third-party share of paid units, from "
        f"{SHARE_GRID[0]} to {SHARE_GRID[-1]} percent, one line per period ({', '.join(period_labels(table))}; "
        "the trailing twelve months dashed). Dots mark the stated shares: "
        + "; ".join(f"{label} {r.unit_share:.1%} share ({r.share_basis}) gives {r.take_rate:.1%}"
                    for label, r in table.iterrows())
        + " at the default assumptions. Two sliders change the price ratio and first-party GMV.",
    )


def take_rate_grid(table: pd.DataFrame) -> pd.DataFrame:
    """Each period's line: the share grid and its stated share, with the period's net sales."""
    return pd.DataFrame([
        {"period": label, "kind": row.kind, "share_pct": share, "third_party_unit_share": share / 100,
         "third_party_seller_services": row.third_party_seller_services, "online_stores": row.online_stores,
         "stated_pct": round(100 * row.unit_share, 6), "share_basis": row.share_basis}
        for label, row in zip(period_labels(table), table.itertuples())
        for share in sorted({*SHARE_GRID, round(100 * row.unit_share, 6)})
    ])


def take_rate_chart(table: pd.DataFrame, source: str) -> alt.LayerChart:
    """Take rate against the assumed third-party unit share, one line per period with a stated share.

    ``table`` is :func:`~amazon_case.marketplace.take_rate.take_rate_table` at the default ratios. Two sliders
    set the price ratio of third-party to first-party units and first-party GMV as a share of online-store
    net sales. A dot marks each period's stated share; the trailing twelve months are dashed.
    """
    labels = period_labels(table)
    base = TAKE_RATE.calculate(alt.Chart(take_rate_grid(table)))
    x = alt.X("share_pct:Q", title="Third-party share of paid units (%)",
              scale=alt.Scale(domain=[SHARE_GRID[0], SHARE_GRID[-1]]))
    y = alt.Y("estimated_take_rate:Q", title="Take rate: seller services / third-party GMV", axis=alt.Axis(format="%"))
    color = alt.Color("period:N", title=None, sort=labels, scale=color_scale(dict(zip(labels, PERIOD_COLORS))),
                      legend=alt.Legend(orient="top-right"))
    dash = alt.StrokeDash("kind:N", scale=alt.Scale(domain=["fiscal year", "TTM"], range=[[1, 0], [5, 3]]), legend=None)
    stated = base.transform_filter("datum.share_pct == datum.stated_pct")
    dots = stated.mark_point(filled=True, size=90).encode(
        x=x, y=y, color=color,
        tooltip=[alt.Tooltip("period:N", title="Period"), alt.Tooltip("stated_pct:Q", format=".1f", title="Unit share (%)"),
                 alt.Tooltip("share_basis:N", title="Share"),
                 alt.Tooltip("estimated_take_rate:Q", format=".1%", title="Take rate")],
    )
    # Labels placed by the rank of the period's share, clear of the falling lines: the lowest share's above
    # its dot, the next below and left, the next above and right, the highest below the second's label.
    offsets = [("right", -8, -12), ("right", -8, 16), ("left", 8, -14), ("right", -8, 32)]
    rank = {label: i for i, label in enumerate(sorted(labels, key=lambda lb: table["unit_share"].iloc[labels.index(lb)]))}
    values = [stated.transform_filter(f"datum.period == '{label}'").mark_text(
        align=offsets[rank[label] % 4][0], dx=offsets[rank[label] % 4][1], dy=offsets[rank[label] % 4][2], fontSize=12,
        fontWeight="bold").encode(x=x, y=y, color=color, text=alt.Text("estimated_take_rate:Q", format=".1%"))
        for label in labels]
    chart = alt.layer(base.mark_line(strokeWidth=2).encode(x=x, y=y, color=color, strokeDash=dash), dots, *values
                      ).add_params(*TAKE_RATE.params())
    return properties(chart, take_rate_text(table, source), width=WIDTH, height=300)


# ---------------------------------------------------------------------------
# For the book-wide tests
# ---------------------------------------------------------------------------


def market_charts() -> list[ChartEntry]:
    """The growth and take-rate charts with the parameters of their controls."""
    from ..filings import UNAUDITED_YEARS, annual_wide, load_quarterly, load_statements
    from .growth import growth_ttm, marketplace_growth
    from .quarters import unit_share_statements
    from .take_rate import take_rate_table

    wide, statements, quarterly = annual_wide(), load_statements(), load_quarterly()
    growth = marketplace_growth(wide)
    ttm_row, _ = growth_ttm(growth, quarterly)
    shares = unit_share_statements(quarterly, statements)
    take = take_rate_table(wide, statements, quarterly)
    return [
        ChartEntry("marketplace", "growth",
                   lambda: growth_chart(growth, ttm_row, shares, "10-Ks; quarterly releases", UNAUDITED_YEARS),
                   growth_view(int(growth.index[0])).param_names()),
        ChartEntry("marketplace", "take rate", lambda: take_rate_chart(take, "10-Ks; quarterly releases"),
                   TAKE_RATE.param_names()),
    ]
