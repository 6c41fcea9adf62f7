"""The chapter "Two souls": the consumer flywheel as a loop model, and who earns the operating income.

Two parts:

- :func:`flywheel`, a discrete-time loop (lower prices -> more customers -> more
  selection -> more scale -> lower unit costs -> lower prices), year by year from
  index values of 100. Its loop strengths are the reader's assumptions: the book
  estimates none of them. :func:`flywheel_expressions` writes the same loop as
  Vega expressions (ten years unrolled) so that :func:`flywheel_chart` recomputes
  it in the browser; a browser test checks that both give the same numbers.
- :func:`profit_pools`: each segment's share of Amazon's net sales and operating
  income per fiscal year (from :func:`amazon_case.models.segment_history`), and
  :func:`profit_pools_chart` to show it.

The equations of the loop, for years t = 1, 2, ... (index values, year 0 = 100):

- price:     P(1) = 100 (1 - d);  P(t) = P(t-1) (K(t-1) / K(t-2))^phi  for t >= 2
- customers: C(t) = clip(C(t-1) (P(t) / P(t-1))^(-epsilon), 1, 1000)
- selection: S(t) = clip(S(t-1) (C(t) / C(t-1))^sigma, 1, 1000)
- scale:     Q(t) = C(t) S(t) / 100
- unit cost: K(t) = K(t-1) (Q(t) / Q(t-1))^(-kappa)

``d`` is the first price cut, ``epsilon`` the elasticity of customers to price,
``sigma`` the elasticity of selection to customers, ``kappa`` the fall of unit
cost per 1% more scale, ``phi`` the share of each cost saving passed on in
prices. Until a clip binds, each turn multiplies the change in price by the loop
gain G = phi * kappa * epsilon * (1 + sigma) (:func:`loop_gain`).
"""

from __future__ import annotations


import altair as alt
import pandas as pd

from .charts import SEGMENT_COLORS, WIDTH, _scale, _title
from .models import AssumptionError, _check_range

# ---------------------------------------------------------------------------
# The flywheel model
# ---------------------------------------------------------------------------

#: Allowed range of each assumption (shared with the chart's sliders and the workbench).
FLYWHEEL_RANGES: dict[str, tuple[float, float]] = {
    "price_cut": (0.0, 0.2),
    "customer_elasticity": (-1.0, 3.0),
    "selection_elasticity": (-1.0, 2.0),
    "scale_economies": (-0.5, 0.5),
    "pass_through": (0.0, 1.0),
}

#: Our illustrative defaults: assumptions, not estimates (the book says why in the text).
FLYWHEEL_DEFAULTS: dict[str, float] = {
    "price_cut": 0.05,
    "customer_elasticity": 1.5,
    "selection_elasticity": 0.5,
    "scale_economies": 0.4,
    "pass_through": 0.75,
}

#: What each assumption means, with its symbol in the chapter's equations.
FLYWHEEL_LABELS: dict[str, str] = {
    "price_cut": "d: first price cut, year 1 (fraction)",
    "customer_elasticity": "ε: % more customers per 1% lower price",
    "selection_elasticity": "σ: % more selection per 1% more customers",
    "scale_economies": "κ: % lower unit cost per 1% more scale",
    "pass_through": "φ: share of cost savings passed on in prices",
}

#: Customers and selection stay between 1 and 1,000 (1% and ten times the start): a market has a size.
INDEX_FLOOR, INDEX_CEILING = 1.0, 1000.0
START = 100.0
MAX_YEARS = 20
CHART_YEARS = 10

#: The model's series, in the order the chart and table show them.
SERIES: dict[str, str] = {
    "price": "Price",
    "customers": "Customers",
    "selection": "Selection",
    "scale": "Scale (units sold)",
    "unit_cost": "Unit cost",
}


def _clip(value: float) -> float:
    return min(max(value, INDEX_FLOOR), INDEX_CEILING)


def _checked(values: dict[str, float]) -> dict[str, float]:
    return {name: _check_range(name, values[name], *FLYWHEEL_RANGES[name]) for name in FLYWHEEL_RANGES}


def loop_gain(customer_elasticity: float, selection_elasticity: float, scale_economies: float,
              pass_through: float) -> float:
    """How much of one year's price change the loop hands on to the next year's (while no clip binds).

    A 1% fall in price brings ``customer_elasticity`` % more customers, who bring
    ``selection_elasticity`` times as much more selection; scale grows by both, so by
    ``customer_elasticity * (1 + selection_elasticity)`` %; unit cost falls by
    ``scale_economies`` times that; prices pass on ``pass_through`` of the saving.
    G > 1: the loop compounds; 0 < G < 1: it fades, multiplying the first cut by about
    1 / (1 - G); G = 0: it stops; G < 0: it reverses each turn.
    """
    v = _checked({"price_cut": 0.0, "customer_elasticity": customer_elasticity,
                  "selection_elasticity": selection_elasticity, "scale_economies": scale_economies,
                  "pass_through": pass_through})
    return v["pass_through"] * v["scale_economies"] * v["customer_elasticity"] * (1 + v["selection_elasticity"])


def flywheel(price_cut: float = FLYWHEEL_DEFAULTS["price_cut"],
             customer_elasticity: float = FLYWHEEL_DEFAULTS["customer_elasticity"],
             selection_elasticity: float = FLYWHEEL_DEFAULTS["selection_elasticity"],
             scale_economies: float = FLYWHEEL_DEFAULTS["scale_economies"],
             pass_through: float = FLYWHEEL_DEFAULTS["pass_through"],
             years: int = CHART_YEARS) -> pd.DataFrame:
    """Run the flywheel loop year by year from index values of 100 (see the module's equations).

    Parameters
    ----------
    price_cut
        The first push: the price cut in year 1, a fraction, 0–0.2.
    customer_elasticity
        % more customers per 1% lower price, -1 to 3 (negative: customers leave when prices fall).
    selection_elasticity
        % more selection (sellers and products) per 1% more customers, -1 to 2.
    scale_economies
        % lower unit cost per 1% more scale, -0.5 to 0.5 (negative: costs rise with scale).
    pass_through
        Share of each change in unit cost passed on in prices, 0–1 (0: savings kept as margin).
    years
        Years to run, 1–20.

    Returns
    -------
    pandas.DataFrame
        One row per year 0..``years`` with ``year``, ``price``, ``customers``,
        ``selection``, ``scale`` and ``unit_cost`` (indices, year 0 = 100). Every
        value is finite and positive: customers and selection are clipped to 1–1,000.

    Raises
    ------
    AssumptionError
        If a parameter is outside its range or ``years`` is not a whole number in 1–20.
    """
    v = _checked({"price_cut": price_cut, "customer_elasticity": customer_elasticity,
                  "selection_elasticity": selection_elasticity, "scale_economies": scale_economies,
                  "pass_through": pass_through})
    if isinstance(years, bool) or not isinstance(years, (int, float)) or years != int(years) or not 1 <= years <= MAX_YEARS:
        raise AssumptionError(f"parameter 'years' = {years!r} is outside the allowed range [1, {MAX_YEARS}] (whole years)")
    eps, sigma, kappa, phi = (v["customer_elasticity"], v["selection_elasticity"],
                              v["scale_economies"], v["pass_through"])
    price, customers, selection, scale, cost = [START], [START], [START], [START * START / 100], [START]
    for t in range(1, int(years) + 1):
        if t == 1:
            p = START * (1 - v["price_cut"])
        else:
            p = price[-1] * (cost[-1] / cost[-2]) ** phi
        c = _clip(customers[-1] * (p / price[-1]) ** (-eps))
        s = _clip(selection[-1] * (c / customers[-1]) ** sigma)
        q = c * s / 100
        k = cost[-1] * (q / scale[-1]) ** (-kappa)
        price.append(p)
        customers.append(c)
        selection.append(s)
        scale.append(q)
        cost.append(k)
    return pd.DataFrame({"year": range(int(years) + 1), "price": price, "customers": customers,
                         "selection": selection, "scale": scale, "unit_cost": cost})


FLYWHEEL_PARAMS = ("fw_price_cut", "fw_customer_elasticity", "fw_selection_elasticity", "fw_scale_economies",
                   "fw_pass_through")


def flywheel_expressions(years: int = CHART_YEARS) -> list[tuple[str, str]]:
    """The Vega expressions that mirror :func:`flywheel`, unrolled for ``years`` years, in order.

    Each item is (field, expression); the fields ``price_t``, ``customers_t``,
    ``selection_t``, ``scale_t`` and ``unit_cost_t`` hold year t. The parameters are
    the chart's sliders: ``fw_price_cut`` and ``fw_pass_through`` in percent, the
    three elasticities as they are.
    """
    exprs = [("price_0", "100"), ("customers_0", "100"), ("selection_0", "100"), ("scale_0", "100"),
             ("unit_cost_0", "100")]
    lo, hi = INDEX_FLOOR, INDEX_CEILING
    for t in range(1, years + 1):
        if t == 1:
            price = "100 * (1 - fw_price_cut / 100)"
        else:
            price = f"datum.price_{t - 1} * pow(datum.unit_cost_{t - 1} / datum.unit_cost_{t - 2}, fw_pass_through / 100)"
        exprs += [
            (f"price_{t}", price),
            (f"customers_{t}", f"clamp(datum.customers_{t - 1} * pow(datum.price_{t} / datum.price_{t - 1}, "
                               f"-fw_customer_elasticity), {lo}, {hi})"),
            (f"selection_{t}", f"clamp(datum.selection_{t - 1} * pow(datum.customers_{t} / datum.customers_{t - 1}, "
                               f"fw_selection_elasticity), {lo}, {hi})"),
            (f"scale_{t}", f"datum.customers_{t} * datum.selection_{t} / 100"),
            (f"unit_cost_{t}", f"datum.unit_cost_{t - 1} * pow(datum.scale_{t} / datum.scale_{t - 1}, "
                               "-fw_scale_economies)"),
        ]
    return exprs


GAIN_EXPRESSION = "(fw_pass_through / 100) * fw_scale_economies * fw_customer_elasticity * (1 + fw_selection_elasticity)"


def _param(name: str, label: str, value: float, low: float, high: float, step: float) -> alt.Parameter:
    return alt.param(name=name, value=value, bind=alt.binding_range(min=low, max=high, step=step, name=label))


def flywheel_chart(source: str, years: int = CHART_YEARS) -> alt.LayerChart:
    """Price, customers, selection and unit cost over ``years`` years of the loop, under the reader's loop strengths.

    Five sliders, each labelled "Assumption: ...", set the arguments of
    :func:`flywheel`; the browser recomputes the loop with
    :func:`flywheel_expressions`. A line of text gives the loop gain and the last
    year's price and customers. The title states what the defaults give.
    """
    d = FLYWHEEL_DEFAULTS
    default = flywheel(**d, years=years).set_index("year")
    gain = loop_gain(d["customer_elasticity"], d["selection_elasticity"], d["scale_economies"], d["pass_through"])
    end = default.loc[years]
    r = FLYWHEEL_RANGES
    params = [
        _param("fw_price_cut", "Assumption: d, first price cut in year 1 (%) ", round(d["price_cut"] * 100, 4),
               r["price_cut"][0] * 100, r["price_cut"][1] * 100, 1),
        _param("fw_customer_elasticity", "Assumption: ε, % more customers per 1% lower price ", d["customer_elasticity"],
               *r["customer_elasticity"], 0.1),
        _param("fw_selection_elasticity", "Assumption: σ, % more selection per 1% more customers ",
               d["selection_elasticity"], *r["selection_elasticity"], 0.1),
        _param("fw_scale_economies", "Assumption: κ, % lower unit cost per 1% more scale ", d["scale_economies"],
               *r["scale_economies"], 0.05),
        _param("fw_pass_through", "Assumption: φ, cost savings passed on in prices (%) ",
               round(d["pass_through"] * 100, 4), r["pass_through"][0] * 100, r["pass_through"][1] * 100, 5),
    ]
    grid = pd.DataFrame({"year": range(years + 1)})
    base = alt.Chart(grid)
    for field, expr in flywheel_expressions(years):
        base = base.transform_calculate(**{field: expr})
    # Each row picks its year's value. Named fields, not datum['price_' + datum.year]: Vega re-runs a formula
    # when a field it names changes, and cannot see fields reached by a computed name.
    base = base.transform_calculate(**{
        name: " : ".join(f"datum.year == {t} ? datum.{name}_{t}" for t in range(years)) + f" : datum.{name}_{years}"
        for name in SERIES
    })
    shown = ["price", "customers", "selection", "unit_cost"]
    colors = {"Price": "#d62728", "Customers": "#1f77b4", "Selection": "#2ca02c", "Unit cost": "#7f7f7f"}
    lines = base.transform_fold(shown, as_=["series", "index"]).transform_calculate(
        label=" : ".join(f"datum.series == '{s}' ? '{SERIES[s]}'" for s in shown[:-1]) + f" : '{SERIES[shown[-1]]}'"
    ).mark_line(point=True, strokeWidth=2.5).encode(
        x=alt.X("year:O", title="Year of the loop", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("index:Q", title="Index (year 0 = 100, log scale)", scale=alt.Scale(type="log", nice=False)),
        color=alt.Color("label:N", title=None, scale=_scale(colors), legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("label:N", title="Series"),
                 alt.Tooltip("index:Q", format=",.1f", title="Index (year 0 = 100)")],
    )
    hundred = alt.Chart(pd.DataFrame({"y": [100]})).mark_rule(color="#999", strokeDash=[4, 3]).encode(y="y:Q")
    readout_base = base.transform_filter(f"datum.year == {years}").transform_calculate(
        gain=GAIN_EXPRESSION,
        gain_text=(
            "'Loop gain G = φ × κ × ε × (1 + σ) = ' + format(fw_pass_through / 100, '.2f') + ' × '"
            " + format(fw_scale_economies, '.2f') + ' × ' + format(fw_customer_elasticity, '.1f') + ' × (1 + '"
            " + format(fw_selection_elasticity, '.1f') + ') = ' + format(datum.gain, '.2f')"
        ),
        end_text=(
            "(datum.gain >= 1 ? 'The loop compounds' : datum.gain > 0 ? 'Each turn hands on less: the loop fades' : "
            "datum.gain == 0 ? 'The loop stops after the first turn' : 'Each turn reverses the last') + "
            f"'. Year {years}: price ' + format(datum.price, '.0f') + ', customers ' + format(datum.customers, ',.0f')"
        ),
    )
    readout = alt.layer(
        readout_base.mark_text(align="left", baseline="bottom", x=0, y=-24, fontSize=12).encode(text="gain_text:N"),
        readout_base.mark_text(align="left", baseline="bottom", x=0, y=-8, fontSize=12, fontWeight="bold")
        .encode(text="end_text:N"),
    )
    return (
        alt.layer(hundred, lines, readout)
        .add_params(*params)
        .properties(
            width=WIDTH,
            height=300,
            title=_title(
                source,
                f"At our illustrative defaults, a {d['price_cut']:.0%} price cut ends {years} years later as a "
                f"{1 - end['price'] / 100:.0%} lower price and {end['customers'] / 100 - 1:.0%} more customers",
                f"The flywheel loop, year by year (loop gain {gain:.2f}); every loop strength is an assumption: move them",
            ),
            description=(
                f"Line chart of the flywheel model over {years} years, on a log scale, with price, customers, selection "
                f"and unit cost as indices starting at 100. At the default loop strengths (loop gain {gain:.2f}) a "
                f"{d['price_cut']:.0%} first price cut leaves the price at {end['price']:.0f}, customers at "
                f"{end['customers']:.0f}, selection at {end['selection']:.0f} and unit cost at {end['unit_cost']:.0f} "
                f"in year {years}. Five sliders set the first cut and the four loop strengths."
            ),
        )
    )


def flywheel_sentence(result: pd.DataFrame) -> str:
    """One sentence on the last year of a :func:`flywheel` result (indices, year 0 = 100)."""
    end = result.iloc[-1]
    return (
        f"Year {int(end['year'])}: price {end['price']:.1f}, customers {end['customers']:.1f}, "
        f"selection {end['selection']:.1f}, unit cost {end['unit_cost']:.1f}"
    )


def flywheel_table_html(result: pd.DataFrame) -> str:
    """An HTML table of a :func:`flywheel` result (indices, one row per year)."""
    table = result.set_index("year").rename(columns=SERIES)
    table.index.name = "Year"
    return table.to_html(float_format="{:,.1f}".format, classes="flywheel-table", border=0)


def flywheel_result_chart(result: pd.DataFrame, source: str) -> alt.Chart:
    """The series of one :func:`flywheel` result as lines (no controls: a workbench's sliders drive it)."""
    end = result.iloc[-1]
    long = result.melt(id_vars="year", value_vars=["price", "customers", "selection", "unit_cost"],
                       var_name="series", value_name="index")
    long["series"] = long["series"].map(SERIES)
    return alt.Chart(long).mark_line(point=True).encode(
        x=alt.X("year:O", title="Year of the loop", axis=alt.Axis(labelAngle=0)),
        y=alt.Y("index:Q", title="Index (year 0 = 100, log scale)", scale=alt.Scale(type="log")),
        color=alt.Color("series:N", title=None),
        tooltip=["year:O", "series:N", alt.Tooltip("index:Q", format=",.1f")],
    ).properties(
        width=WIDTH - 120, height=220,
        title=_title(source, f"Year {int(end['year'])}: price {end['price']:.0f}, customers {end['customers']:.0f}",
                     "The flywheel under these loop strengths (year 0 = 100)"),
        description=(f"Line chart of the flywheel model's price, customers, selection and unit cost over "
                     f"{int(end['year'])} years; the last year's price index is {end['price']:.1f} and customers "
                     f"{end['customers']:.1f}."),
    )


def flywheel_workbench(source: str):
    """A :class:`amazon_case.workbench.ModelWorkbench` that runs :func:`flywheel` in a live notebook."""
    from .workbench import ModelWorkbench, number_slider, percent_slider

    d, r = FLYWHEEL_DEFAULTS, FLYWHEEL_RANGES
    controls = {
        "price_cut": percent_slider("Assumption: first price cut (%)", d["price_cut"], r["price_cut"], step=1),
        "customer_elasticity": number_slider("Assumption: % more customers per 1% lower price",
                                             d["customer_elasticity"], r["customer_elasticity"], 0.1, ".1f"),
        "selection_elasticity": number_slider("Assumption: % more selection per 1% more customers",
                                              d["selection_elasticity"], r["selection_elasticity"], 0.1, ".1f"),
        "scale_economies": number_slider("Assumption: % lower unit cost per 1% more scale", d["scale_economies"],
                                         r["scale_economies"], 0.05),
        "pass_through": percent_slider("Assumption: savings passed on in prices (%)", d["pass_through"],
                                       r["pass_through"], step=5),
        "years": number_slider("Years", CHART_YEARS, (1, MAX_YEARS), 1),
    }
    return ModelWorkbench(
        "Flywheel workbench (every loop strength is an assumption)", controls,
        compute=lambda years, **values: flywheel(**values, years=int(years)),
        describe=flywheel_sentence, tabulate=flywheel_table_html,
        draw=lambda result: flywheel_result_chart(result, source),
    )


# ---------------------------------------------------------------------------
# Profit pools: who earns the operating income
# ---------------------------------------------------------------------------

MEASURES = {"net_sales_musd": "Net sales", "operating_income_musd": "Operating income"}


def profit_pools(history: pd.DataFrame) -> pd.DataFrame:
    """Each segment's net sales and operating income, and its share of the year's total.

    ``history`` is :func:`amazon_case.models.segment_history`. Returns a tidy
    frame: ``fiscal_year``, ``segment``, ``measure`` ("Net sales" or "Operating
    income"), ``usd_bn`` and ``share`` (0–1, of the year's total; it can be negative,
    or above 1, when a segment lost money). Raises ``ValueError`` if a year's total
    is not positive, since a share of it would mean nothing.
    """
    rows = []
    for year, group in history.groupby("fiscal_year"):
        for column, measure in MEASURES.items():
            total = float(group[column].sum())
            if not total > 0:
                raise ValueError(f"fiscal year {year}: total {measure.lower()} is {total}; shares need a positive total")
            for _, record in group.iterrows():
                rows.append({"fiscal_year": int(year), "segment": record["segment"], "measure": measure,
                             "usd_bn": float(record[column]) / 1000, "share": float(record[column]) / total})
    return pd.DataFrame(rows)


POOLS_PARAMS = ("pools_unit",)


def profit_pools_chart(pools: pd.DataFrame, source: str, unaudited_years: frozenset[int] = frozenset(),
                       year: int = 2024) -> alt.HConcatChart:
    """Net sales and operating income by segment, side by side, in USD billions or as shares (a radio toggle).

    ``pools`` is :func:`profit_pools`; ``unaudited_years`` are drawn lighter; the
    title quotes ``year``.
    """
    at = pools[pools["fiscal_year"] == year].set_index(["measure", "segment"])["share"]
    retail_sales = at[("Net sales", "North America")] + at[("Net sales", "International")]
    aws_income = at[("Operating income", "AWS")]
    income = pools[pools["measure"] == "Operating income"].pivot(index="fiscal_year", columns="segment", values="share")
    audited_income = income.drop(index=[y for y in unaudited_years if y in income.index])
    aws_majority = int((audited_income["AWS"] > 0.5).sum())
    first, last = int(audited_income.index.min()), int(audited_income.index.max())
    data = pools.assign(share_pct=pools["share"] * 100, audited=~pools["fiscal_year"].isin(unaudited_years),
                        year_label=pools["fiscal_year"].map(lambda y: f"{y}*" if y in unaudited_years else str(y)))
    unit = alt.param(name="pools_unit", value="USD billions",
                     bind=alt.binding_radio(options=["USD billions", "Share of total (%)"], name="Show "))
    base = alt.Chart(data).transform_calculate(
        shown="pools_unit == 'USD billions' ? datum.usd_bn : datum.share_pct",
        order="datum.segment == 'North America' ? 0 : datum.segment == 'International' ? 1 : 2",
    )
    tooltip = [alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("segment:N", title="Segment"),
               alt.Tooltip("measure:N", title="Measure"), alt.Tooltip("usd_bn:Q", format="$,.1f", title="USD bn"),
               alt.Tooltip("share_pct:Q", format=".1f", title="Share of total (%)"),
               alt.Tooltip("audited:N", title="Audited (10-K)")]

    def panel(measure: str) -> alt.LayerChart:
        bars = base.transform_filter(f"datum.measure == '{measure}'").mark_bar().encode(
            x=alt.X("year_label:O", title="Fiscal year" + (" (* unaudited)" if unaudited_years else ""),
                    axis=alt.Axis(labelAngle=-90)),
            y=alt.Y("shown:Q", title=None, stack="zero"),
            color=alt.Color("segment:N", title="Segment", scale=_scale(SEGMENT_COLORS),
                            legend=alt.Legend(orient="top")),
            order=alt.Order("order:Q"),
            opacity=alt.condition("datum.audited", alt.value(1.0), alt.value(0.45)),
            tooltip=tooltip,
        )
        zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#666").encode(y="y:Q")
        label = alt.Chart(pd.DataFrame({"x": [0]})).mark_text(
            align="left", baseline="bottom", x=0, y=-8, fontSize=12, fontWeight="bold",
            text=alt.ExprRef(f"'{measure}, ' + (pools_unit == 'USD billions' ? 'USD billions' : '% of the year\\'s total')"),
        )
        return alt.layer(bars, zero, label).properties(width=WIDTH // 2 - 20, height=260)

    return (
        alt.hconcat(panel("Net sales"), panel("Operating income"), spacing=30)
        .add_params(unit)
        .properties(
            title=_title(
                source,
                f"In FY{year} the retail segments made {retail_sales:.0%} of net sales; AWS made {aws_income:.0%} "
                "of operating income",
                "Net sales and operating income by segment; switch between dollars and shares",
            ),
            description=(
                f"Two stacked bar charts by fiscal year, FY{int(pools['fiscal_year'].min())} to "
                f"FY{int(pools['fiscal_year'].max())}: net sales and operating income of North America, International "
                f"and AWS. In FY{year} North America and International made {retail_sales:.0%} of net sales and AWS "
                f"{aws_income:.0%} of operating income; AWS made more than half of the operating income in "
                f"{aws_majority} of the {last - first + 1} audited years FY{first}–FY{last}. A toggle switches "
                "between US dollars and shares of each year's total."
            ),
        )
    )


__all__ = [
    "FLYWHEEL_DEFAULTS", "FLYWHEEL_PARAMS", "FLYWHEEL_RANGES", "POOLS_PARAMS", "flywheel", "flywheel_chart",
    "flywheel_expressions", "flywheel_result_chart", "flywheel_sentence", "flywheel_table_html",
    "compare_scenarios", "flywheel_workbench", "loop_gain", "profit_pools", "profit_pools_chart",
]


def compare_scenarios(scenarios: dict[str, dict[str, float]], years: int = CHART_YEARS) -> pd.DataFrame:
    """Run :func:`flywheel` for each named scenario (changes to :data:`FLYWHEEL_DEFAULTS`) and tabulate the result.

    Returns one row per scenario with its ``loop_gain`` and the last year's
    ``price``, ``customers``, ``selection`` and ``unit_cost`` (indices, year 0 = 100).
    """
    rows = {}
    for name, changes in scenarios.items():
        settings = {**FLYWHEEL_DEFAULTS, **changes}
        end = flywheel(**settings, years=years).iloc[-1]
        gain = loop_gain(settings["customer_elasticity"], settings["selection_elasticity"],
                         settings["scale_economies"], settings["pass_through"])
        rows[name] = {"loop_gain": gain, **{k: float(end[k]) for k in ("price", "customers", "selection", "unit_cost")}}
    return pd.DataFrame.from_dict(rows, orient="index")
