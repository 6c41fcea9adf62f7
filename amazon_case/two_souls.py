"""The chapter "Two souls" (``chapters/two-souls.ipynb``): the consumer flywheel as a loop, and who earns the profit.

Two parts:

- :data:`FLYWHEEL`, a year-by-year loop (lower prices -> more customers -> more
  selection -> more scale -> lower unit costs -> lower prices) from index values of
  100. Its loop strengths are the reader's assumptions, declared once in
  :data:`FLYWHEEL_INPUTS`: the book estimates none of them. :func:`flywheel` runs it in
  Python; :func:`flywheel_chart` runs the same step formulas in the browser.
- :func:`profit_pools`: each segment's share of Amazon's net sales and operating income
  per fiscal year (from :func:`amazon_case.filings.segment_history`) and over the latest
  twelve months (:func:`latest_ttm`), and :func:`profit_pools_chart` to show it in dollars or
  shares (:data:`POOLS_UNIT`).

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

import inspect
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd

from .filings import SEGMENT_COLORS, UNAUDITED_YEARS, annual_wide, segment_history
from .kit import ASSUMPTION, VIEW, Choice, Field, Formula, Input, Inputs, Loop, Model, Preset, clamp, formula
from .kit.registry import ChartEntry, ModelEntry
from .kit.style import (GAIN, LOSS, MUTED, WIDTH, ChartText, color_scale, faded_unless, properties, readout,
                        zero_rule)
from .kit.tables import ReaderTable, reader_table
from .kit.workbench import Workbench

__all__ = [
    "CHART_YEARS", "FLYWHEEL", "FLYWHEEL_INPUTS", "FLYWHEEL_READOUT", "LOOP_YEARS", "MAX_YEARS", "POOLS_UNIT",
    "POOLS_VIEW", "CheckedFormula", "assumptions_table", "book_charts", "book_models", "checked_formula",
    "SCENARIO_LABELS", "compare_scenarios", "flywheel", "flywheel_table", "scenarios_table", "flywheel_chart", "flywheel_result_chart", "flywheel_sentence",
    "flywheel_table_html", "flywheel_text", "flywheel_workbench", "latest_ttm", "loop_gain", "profit_pools",
    "profit_pools_chart", "profit_pools_rows", "profit_pools_text",
]


class CheckedFormula(Formula):
    """A formula whose Python call first checks each argument that is a declared input, as a model does.

    Called on its own (``loop_gain(1.5, 0.5, 0.4, 0.75)``), it refuses a value outside an
    input's bounds with :class:`~amazon_case.kit.AssumptionError`; its Vega expression is the
    formula's own. (A helper this chapter needs and the kit lacks.)
    """

    def __init__(self, function: Callable[..., Any], inputs: Inputs):
        super().__init__(function)
        self.inputs = inputs
        self.signature = inspect.signature(function)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        given = self.signature.bind(*args, **kwargs).arguments
        return self.function(**{name: self.inputs[name].check(value) if name in self.inputs else value
                                for name, value in given.items()})


def checked_formula(inputs: Inputs) -> Callable[[Callable[..., Any]], CheckedFormula]:
    """Decorator: a :class:`CheckedFormula` whose arguments named after ``inputs`` are checked against them."""
    return lambda function: CheckedFormula(function, inputs)


# ---------------------------------------------------------------------------
# The flywheel: inputs and the loop
# ---------------------------------------------------------------------------

#: Where every input's default comes from: us. The filings give no loop strengths (the chapter says why).
ILLUSTRATIVE = "ours: an illustrative round number, not an estimate from Amazon's data (which gives no loop strengths)"

FLYWHEEL_INPUTS = Inputs([
    Input("price_cut", "d, first price cut in year 1", "%", 0.05, 0.0, 0.2, 1,
          ASSUMPTION, ILLUSTRATIVE),
    Input("customer_elasticity", "ε, % more customers per 1% lower price", "", 1.5, -1.0, 3.0, 0.1,
          ASSUMPTION, ILLUSTRATIVE),
    Input("selection_elasticity", "σ, % more selection per 1% more customers", "", 0.5, -1.0, 2.0, 0.1,
          ASSUMPTION, ILLUSTRATIVE),
    Input("scale_economies", "κ, % lower unit cost per 1% more scale", "", 0.4, -0.5, 0.5, 0.05,
          ASSUMPTION, ILLUSTRATIVE),
    Input("pass_through", "φ, cost savings passed on in prices", "%", 0.75, 0.0, 1.0, 5,
          ASSUMPTION, ILLUSTRATIVE),
])

#: The cases the chapter's table compares with the defaults ("What breaks it"), one assumption changed at a
#: time (the last raises three); the chart offers each as a button.
FLYWHEEL_CASES = (
    Preset("Customers ignore price (ε = 0)", FLYWHEEL_INPUTS, {"customer_elasticity": 0.0}),
    Preset("Savings kept as margin (φ = 0)", FLYWHEEL_INPUTS, {"pass_through": 0.0}),
    Preset("Costs rise with scale (κ = −0.3)", FLYWHEEL_INPUTS, {"scale_economies": -0.3}),
    Preset("A strong loop (ε = 2, σ = 1, φ = 1)", FLYWHEEL_INPUTS,
           {"customer_elasticity": 2.0, "selection_elasticity": 1.0, "pass_through": 1.0}),
)

#: The loop strengths: the inputs the loop gain depends on (all but the first push).
LOOP_STRENGTHS = ("customer_elasticity", "selection_elasticity", "scale_economies", "pass_through")

#: Every series starts at an index of 100; customers and selection stay between 1 and 1,000
#: (a hundredth and ten times the start): a market has a size, and every setting stays finite.
START = 100.0
INDEX_FLOOR, INDEX_CEILING = 1.0, 1000.0
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


@formula
def price(year, price_cut, pass_through, last_price, last_unit_cost, before_last_unit_cost):
    """The first push in year 1; then last year's price, moved by ``pass_through`` of the change in unit cost."""
    return (START * (1 - price_cut) if year == 1
            else last_price * (last_unit_cost / before_last_unit_cost) ** pass_through)


@formula
def customers(price, last_price, last_customers, customer_elasticity):
    """``customer_elasticity`` % more customers per 1% lower price, within the market's size."""
    return clamp(last_customers * (price / last_price) ** -customer_elasticity, INDEX_FLOOR, INDEX_CEILING)


@formula
def selection(customers, last_customers, last_selection, selection_elasticity):
    """``selection_elasticity`` % more selection per 1% more customers, within the market's size."""
    return clamp(last_selection * (customers / last_customers) ** selection_elasticity, INDEX_FLOOR, INDEX_CEILING)


@formula
def scale(customers, selection):
    """Units sold grow with customers and with what each customer finds to buy."""
    return customers * selection / START


@formula
def unit_cost(scale, last_scale, last_unit_cost, scale_economies):
    """``scale_economies`` % lower unit cost per 1% more scale."""
    return last_unit_cost * (scale / last_scale) ** -scale_economies


FLYWHEEL = Loop("flywheel", prefix="fw", inputs=FLYWHEEL_INPUTS, initial=dict.fromkeys(SERIES, START),
                step=[price, customers, selection, scale, unit_cost], max_years=MAX_YEARS)


@checked_formula(FLYWHEEL_INPUTS)
def loop_gain(customer_elasticity, selection_elasticity, scale_economies, pass_through):
    """How much of one year's price change the loop hands on to the next year's (while no clip binds).

    A 1% fall in price brings ``customer_elasticity`` % more customers, who bring
    ``selection_elasticity`` times as much more selection; scale grows by both, so by
    ``customer_elasticity * (1 + selection_elasticity)`` %; unit cost falls by
    ``scale_economies`` times that; prices pass on ``pass_through`` of the saving.
    G > 1: the loop compounds; 0 < G < 1: it fades, multiplying the first cut by about
    1 / (1 - G); G = 0: it stops; G < 0: it reverses each turn. Raises
    :class:`~amazon_case.kit.AssumptionError` for a value outside an input's bounds.
    """
    return pass_through * scale_economies * customer_elasticity * (1 + selection_elasticity)


@formula
def without_negative_zero(value, half_last_digit):
    """``value``, or 0 where it rounds to zero at the digits shown: Python would write "-0.00" there, d3 "0.00"."""
    return 0.0 if abs(value) < half_last_digit else value


@formula
def loop_gain_text(customer_elasticity, selection_elasticity, scale_economies, pass_through, loop_gain):
    """The loop gain, its four factors written out."""
    kappa = without_negative_zero(scale_economies, 0.005)
    epsilon = without_negative_zero(customer_elasticity, 0.05)
    sigma = without_negative_zero(selection_elasticity, 0.05)
    gain = without_negative_zero(loop_gain, 0.005)
    return (f"Loop gain G = φ × κ × ε × (1 + σ) = {pass_through:.2f} × {kappa:.2f} × {epsilon:.1f} × "
            f"(1 + {sigma:.1f}) = {gain:.2f}")


@formula
def last_year_text(loop_gain, year, price, customers):
    """What the loop does, and where the price and customers end."""
    verdict = "The loop compounds" if loop_gain >= 1 else (
        "Each turn hands on less: the loop fades" if loop_gain > 0 else (
            "The loop stops after the first turn" if loop_gain == 0 else "Each turn reverses the last"))
    return f"{verdict:s}. Year {year:.0f}: price {price:.0f}, customers {customers:,.0f}"


#: The chart's readout: the loop gain and the last year of the loop, from the row of that year.
FLYWHEEL_READOUT = Model(
    "flywheel readout", prefix="fw", inputs=[FLYWHEEL_INPUTS[name] for name in LOOP_STRENGTHS],
    formulas=[loop_gain, loop_gain_text, last_year_text],
    fields=[Field("year", "the year of the loop", 0, MAX_YEARS),
            Field("price", "the price index that year", 0, float("inf"), low_open=True),
            Field("customers", "the customers index that year", INDEX_FLOOR, INDEX_CEILING)],
)


def flywheel(price_cut: float = FLYWHEEL_INPUTS["price_cut"].default,
             customer_elasticity: float = FLYWHEEL_INPUTS["customer_elasticity"].default,
             selection_elasticity: float = FLYWHEEL_INPUTS["selection_elasticity"].default,
             scale_economies: float = FLYWHEEL_INPUTS["scale_economies"].default,
             pass_through: float = FLYWHEEL_INPUTS["pass_through"].default,
             years: int = CHART_YEARS) -> pd.DataFrame:
    """Run :data:`FLYWHEEL` year by year from index values of 100 (see the module's equations).

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
        If a parameter is outside its range (:data:`FLYWHEEL_INPUTS`) or ``years`` is not a whole number in 1–20.
    """
    return FLYWHEEL.run(years, price_cut=price_cut, customer_elasticity=customer_elasticity,
                        selection_elasticity=selection_elasticity, scale_economies=scale_economies,
                        pass_through=pass_through)


def compare_scenarios(scenarios: dict[str, dict[str, float]], years: int = CHART_YEARS) -> pd.DataFrame:
    """Run :func:`flywheel` for each named scenario (changes to the inputs' defaults) and tabulate the result.

    Returns one row per scenario with its ``loop_gain`` and the last year's
    ``price``, ``customers``, ``selection`` and ``unit_cost`` (indices, year 0 = 100).
    """
    rows = {}
    for name, changes in scenarios.items():
        settings = {**FLYWHEEL_INPUTS.defaults(), **changes}
        end = flywheel(**settings, years=years).iloc[-1]
        gain = loop_gain(**{strength: settings[strength] for strength in LOOP_STRENGTHS})
        rows[name] = {"loop_gain": gain, **{k: float(end[k]) for k in ("price", "customers", "selection", "unit_cost")}}
    return pd.DataFrame.from_dict(rows, orient="index")


def assumptions_table(inputs: Inputs) -> pd.DataFrame:
    """Each input's default and allowed range in the units its control shows, labelled as its control is."""
    return pd.DataFrame(
        {"Default": [item.shown(item.default) for item in inputs.values()],
         "Lowest allowed": [item.shown(item.low) for item in inputs.values()],
         "Highest allowed": [item.shown(item.high) for item in inputs.values()],
         "Slider step": [item.step for item in inputs.values()]},
        index=pd.Index([item.label_text for item in inputs.values()], name="Input"))


# ---------------------------------------------------------------------------
# The flywheel chart
# ---------------------------------------------------------------------------

#: The series the chart draws (scale is their product) and their colours.
CHART_SERIES: dict[str, str] = {"price": LOSS, "customers": "#1f77b4", "selection": GAIN, "unit_cost": "#7f7f7f"}
LOOP_YEAR_X = alt.X("year:O", title="Year of the loop", axis=alt.Axis(labelAngle=0))


def flywheel_text(source: str, years: int = CHART_YEARS) -> ChartText:
    """The flywheel chart's words: what the defaults give after ``years`` years (the sliders start there)."""
    d = FLYWHEEL_INPUTS.defaults()
    end = flywheel(**d, years=years).iloc[-1]
    gain = loop_gain(**{strength: d[strength] for strength in LOOP_STRENGTHS})
    return ChartText(
        f"At our illustrative defaults, a {d['price_cut']:.0%} price cut ends {years} years later as a "
        f"{1 - end['price'] / START:.0%} lower price and {end['customers'] / START - 1:.0%} more customers",
        f"The flywheel loop, year by year (loop gain {gain:.2f}); every loop strength is an assumption: move them",
        source,
        f"Line chart of the flywheel model over {years} years, on a log scale, with price, customers, selection "
        f"and unit cost as indices starting at 100. At the default loop strengths (loop gain {gain:.2f}) a "
        f"{d['price_cut']:.0%} first price cut leaves the price at {end['price']:.0f}, customers at "
        f"{end['customers']:.0f}, selection at {end['selection']:.0f} and unit cost at {end['unit_cost']:.0f} "
        f"in year {years}. Five sliders set the first cut and the four loop strengths.",
    )


def flywheel_chart(source: str, years: int = CHART_YEARS) -> alt.LayerChart:
    """Price, customers, selection and unit cost over ``years`` years of the loop, under the reader's loop strengths.

    Five sliders, one per input of :data:`FLYWHEEL`, each labelled "Assumption: ...";
    the browser runs the loop's step formulas. Two lines of text give the loop gain and
    the last year's price and customers (:data:`FLYWHEEL_READOUT`).
    """
    base = FLYWHEEL.calculate(alt.Chart(pd.DataFrame({"year": range(years + 1)})), years)
    labels = pd.DataFrame({"series": list(CHART_SERIES), "label": [SERIES[s] for s in CHART_SERIES]})
    lines = base.transform_fold(list(CHART_SERIES), as_=["series", "index"]).transform_lookup(
        lookup="series", from_=alt.LookupData(labels, "series", ["label"]),
    ).mark_line(point=True, strokeWidth=2.5).encode(
        x=LOOP_YEAR_X,
        y=alt.Y("index:Q", title="Index (year 0 = 100, log scale)", scale=alt.Scale(type="log", nice=False)),
        color=alt.Color("label:N", title=None, legend=alt.Legend(orient="bottom"),
                        scale=color_scale({SERIES[s]: color for s, color in CHART_SERIES.items()})),
        tooltip=[alt.Tooltip("year:O", title="Year"), alt.Tooltip("label:N", title="Series"),
                 alt.Tooltip("index:Q", format=",.1f", title="Index (year 0 = 100)")],
    )
    year_zero = alt.Chart(pd.DataFrame({"at": [START]})).mark_rule(color=MUTED, strokeDash=[4, 3]).encode(y="at:Q")
    last_year = FLYWHEEL_READOUT.calculate(base.transform_filter(f"datum.year == {years}"))
    chart = alt.layer(
        year_zero, lines,
        readout(last_year, "loop_gain_text", line=1, corner="above"),
        readout(last_year, "last_year_text", bold=True, corner="above"),
    ).add_params(*FLYWHEEL.params())
    return properties(chart, flywheel_text(source, years), width=WIDTH, height=300,
                      usermeta=FLYWHEEL_INPUTS.usermeta(FLYWHEEL.prefix, FLYWHEEL_CASES))


# ---------------------------------------------------------------------------
# The flywheel workbench (live notebook)
# ---------------------------------------------------------------------------

#: How long the workbench runs the loop (the chart shows :data:`CHART_YEARS`).
LOOP_YEARS = Input("years", "years of the loop", "", CHART_YEARS, 1, MAX_YEARS, 1, VIEW,
                   "a way of looking: how long the loop runs (the chart shows 10 years)")


def flywheel_sentence(result: pd.DataFrame) -> str:
    """One sentence on the last year of a :func:`flywheel` result (indices, year 0 = 100)."""
    end = result.iloc[-1]
    return (f"Year {int(end['year'])}: price {end['price']:.1f}, customers {end['customers']:.1f}, "
            f"selection {end['selection']:.1f}, unit cost {end['unit_cost']:.1f}")


def flywheel_table(result: pd.DataFrame, caption: str = "The flywheel loop, year by year (indices, year 0 = 100)"
                   ) -> ReaderTable:
    """A :func:`flywheel` result for readers: one row per series (:data:`SERIES`), one column per year of the loop."""
    table = result.set_index("year").rename(columns=SERIES).rename_axis("Year of the loop").T
    return reader_table(table, caption)


def flywheel_table_html(result: pd.DataFrame) -> str:
    """An HTML table of a :func:`flywheel` result (indices, one row per year), for the workbench."""
    table = result.set_index("year").rename(columns=SERIES).rename_axis("Year of the loop")
    return reader_table(table, "The flywheel loop, year by year (indices, year 0 = 100)")._repr_html_()


#: The columns of :func:`compare_scenarios`, as a reader reads them.
SCENARIO_LABELS = {"loop_gain": "Loop gain", "price": "Price, year 10", "customers": "Customers, year 10",
                   "selection": "Selection, year 10", "unit_cost": "Unit cost, year 10"}


def scenarios_table(scenarios: pd.DataFrame, caption: str = "Scenarios after ten years of the loop (indices, year "
                    "0 = 100)") -> ReaderTable:
    """A :func:`compare_scenarios` result for readers: the loop gain to two decimals, the indices to one."""
    return reader_table(scenarios.rename(columns=SCENARIO_LABELS).rename_axis("Scenario"), caption,
                        column_decimals={SCENARIO_LABELS["loop_gain"]: 2})


def flywheel_result_text(result: pd.DataFrame, source: str) -> ChartText:
    """The workbench chart's words: where the price and customers end."""
    end = result.iloc[-1]
    return ChartText(
        f"Year {int(end['year'])}: price {end['price']:.0f}, customers {end['customers']:.0f}",
        "The flywheel under these loop strengths (year 0 = 100)", source,
        f"Line chart of the flywheel model's price, customers, selection and unit cost over {int(end['year'])} "
        f"years; the last year's price index is {end['price']:.1f} and customers {end['customers']:.1f}.",
    )


def flywheel_result_chart(result: pd.DataFrame, source: str) -> alt.Chart:
    """The series of one :func:`flywheel` result as lines (no controls: the workbench's sliders drive it)."""
    long = result.melt(id_vars="year", value_vars=list(CHART_SERIES), var_name="series", value_name="index")
    long["series"] = long["series"].map(SERIES)
    chart = alt.Chart(long).mark_line(point=True).encode(
        x=LOOP_YEAR_X,
        y=alt.Y("index:Q", title="Index (year 0 = 100, log scale)", scale=alt.Scale(type="log")),
        color=alt.Color("series:N", title=None, scale=color_scale({SERIES[s]: c for s, c in CHART_SERIES.items()})),
        tooltip=["year:O", "series:N", alt.Tooltip("index:Q", format=",.1f")],
    )
    return properties(chart, flywheel_result_text(result, source), width=WIDTH - 120, height=220)


def flywheel_workbench(source: str) -> Workbench:
    """Sliders for the five inputs of :data:`FLYWHEEL` and the years; :func:`flywheel` as text, table and chart."""
    return Workbench(
        "Flywheel workbench (every loop strength is an assumption)", [*FLYWHEEL_INPUTS.values(), LOOP_YEARS],
        compute=lambda years, **values: flywheel(**values, years=int(years)),
        describe=flywheel_sentence, tabulate=flywheel_table_html,
        draw=lambda result: flywheel_result_chart(result, source),
    )


# ---------------------------------------------------------------------------
# Profit pools: who earns the operating income
# ---------------------------------------------------------------------------

MEASURES = {"net_sales_musd": "Net sales", "operating_income_musd": "Operating income"}


def profit_pools(history: pd.DataFrame, ttm: pd.DataFrame | None = None) -> pd.DataFrame:
    """Each segment's net sales and operating income, and its share of the period's total.

    ``history`` is :func:`amazon_case.filings.segment_history`; ``ttm``, if given, the trailing
    twelve months (:func:`amazon_case.aws.segment_ttm`, whose ``period`` names them), put after the
    fiscal years. Returns a tidy frame: ``fiscal_year``, ``period`` (the year as text, or the TTM's
    name), ``ttm``, ``segment``, ``measure`` ("Net sales" or "Operating income"), ``usd_bn`` and
    ``share`` (0–1, of the period's total; it can be negative, or above 1, when a segment lost money).
    Raises ``ValueError`` if a period's total is not positive, since a share of it would mean nothing.
    """
    periods = [(str(int(year)), False, group) for year, group in history.groupby("fiscal_year")]
    if ttm is not None and not ttm.empty:
        periods += [(str(name), True, group) for name, group in ttm.groupby("period")]
    rows = []
    for period, is_ttm, group in periods:
        for column, measure in MEASURES.items():
            total = float(group[column].sum())
            if not total > 0:
                raise ValueError(f"{period}: total {measure.lower()} is {total}; shares need a positive total")
            for _, record in group.iterrows():
                rows.append({"fiscal_year": int(record["fiscal_year"]), "period": period, "ttm": is_ttm,
                             "segment": record["segment"], "measure": measure,
                             "usd_bn": float(record[column]) / 1000, "share": float(record[column]) / total})
    return pd.DataFrame(rows)


POOLS_UNIT = Choice("unit", "show", (("USD billions", "usd"), ("Share of total (%)", "share")), "usd", VIEW,
                    "the filed segment figures, in dollars or as shares of each year's total")


@formula
def shown(unit, usd_bn, share_pct):
    """The bar's height in the unit the reader chose."""
    return usd_bn if unit == "usd" else share_pct


@formula
def panel_title(measure, unit):
    """The panel's measure and the unit the reader chose."""
    unit_text = "USD billions" if unit == "usd" else "% of the year's total"
    return f"{measure:s}, {unit_text:s}"


POOLS_VIEW = Model("profit pools view", prefix="pools", inputs=[POOLS_UNIT], formulas=[shown, panel_title],
                   fields=[Field("measure", "Net sales or Operating income"), Field("usd_bn", "USD bn"),
                           Field("share_pct", "% of the year's total (negative for a loss)")])

POOLS_TOOLTIP = [alt.Tooltip("period:O", title="Fiscal year or TTM"), alt.Tooltip("segment:N", title="Segment"),
                 alt.Tooltip("measure:N", title="Measure"), alt.Tooltip("usd_bn:Q", format="$,.1f", title="USD bn"),
                 alt.Tooltip("share_pct:Q", format=".1f", title="Share of total (%)"),
                 alt.Tooltip("audited:N", title="Audited (10-K)")]


def profit_pools_text(pools: pd.DataFrame, source: str, unaudited_years: frozenset[int] = frozenset(),
                      year: int | None = None) -> ChartText:
    """The profit pools chart's words: ``year``'s (default: the last fiscal year's) share of net sales of the
    North America and International segments, and AWS's share of operating income."""
    years = pools[~pools["ttm"]]
    year = int(years["fiscal_year"].max()) if year is None else year
    at = years[years["fiscal_year"] == year].set_index(["measure", "segment"])["share"]
    retail_sales = at[("Net sales", "North America")] + at[("Net sales", "International")]
    aws_income = at[("Operating income", "AWS")]
    income = years[years["measure"] == "Operating income"].pivot(index="fiscal_year", columns="segment", values="share")
    audited_income = income.drop(index=[y for y in unaudited_years if y in income.index])
    aws_majority = int((audited_income["AWS"] > 0.5).sum())
    first, last = int(audited_income.index.min()), int(audited_income.index.max())
    ttm = pools[pools["ttm"]].set_index(["measure", "segment"])
    latest = "" if ttm.empty else (
        f" The last pair of bars, {ttm['period'].iloc[0]} (quarterly releases, unaudited), is lighter: AWS made "
        f"{ttm.at[('Operating income', 'AWS'), 'share']:.0%} of operating income on "
        f"{ttm.at[('Net sales', 'AWS'), 'share']:.0%} of net sales.")
    return ChartText(
        f"In FY{year} North America and International made {retail_sales:.0%} of net sales; AWS made "
        f"{aws_income:.0%} of operating income",
        "Net sales and operating income by segment; switch between dollars and shares"
        + ("" if ttm.empty else f"; {ttm['period'].iloc[0]}: the four quarters to "
                                f"{ttm['period'].iloc[0].removeprefix('TTM ')}, lighter (unaudited)"),
        source,
        f"Two stacked bar charts by fiscal year, FY{int(years['fiscal_year'].min())} to "
        f"FY{int(years['fiscal_year'].max())}: net sales and operating income of North America, International "
        f"and AWS. In FY{year} North America and International made {retail_sales:.0%} of net sales and AWS "
        f"{aws_income:.0%} of operating income; AWS made more than half of the operating income in "
        f"{aws_majority} of the {last - first + 1} audited years FY{first}–FY{last}. A toggle switches "
        "between US dollars and shares of each period's total." + latest,
    )


def profit_pools_rows(pools: pd.DataFrame, unaudited_years: frozenset[int] = frozenset()) -> pd.DataFrame:
    """The rows the chart draws: :func:`profit_pools` with the share in percent, whether the figure is audited
    (a fiscal year from a 10-K: not a TTM, not an unaudited year), its axis label (starred if an unaudited
    year) and the segment's place in the stack."""
    unaudited = pools["fiscal_year"].isin(unaudited_years) & ~pools["ttm"]
    return pools.assign(share_pct=pools["share"] * 100, audited=~(unaudited | pools["ttm"]),
                        year_label=[f"{p}*" if u else p for p, u in zip(pools["period"], unaudited)],
                        segment_order=pools["segment"].map(list(SEGMENT_COLORS).index))


def profit_pools_panel(base: alt.Chart, measure: str, labels: list[str], axis_title: str) -> alt.LayerChart:
    """One measure's stacked bars by segment and period, in the unit the reader chose, titled by :func:`panel_title`."""
    bars = base.transform_filter(f"datum.measure == '{measure}'").mark_bar().encode(
        x=alt.X("year_label:O", title=axis_title, sort=labels, scale=alt.Scale(domain=labels),
                axis=alt.Axis(labelAngle=-90)),
        y=alt.Y("shown:Q", title=None, stack="zero"),
        color=alt.Color("segment:N", title="Segment", scale=color_scale(SEGMENT_COLORS),
                        legend=alt.Legend(orient="top")),
        order=alt.Order("segment_order:Q"), opacity=faded_unless("datum.audited", faded=0.45), tooltip=POOLS_TOOLTIP,
    )
    title = POOLS_VIEW.calculate(alt.Chart(pd.DataFrame({"measure": [measure]})), outputs=["panel_title"])
    return alt.layer(bars, zero_rule(), readout(title, "panel_title", bold=True, corner="above")).properties(
        width=WIDTH // 2 - 20, height=260)


def profit_pools_chart(pools: pd.DataFrame, source: str, unaudited_years: frozenset[int] = frozenset(),
                       year: int | None = None) -> alt.HConcatChart:
    """Net sales and operating income by segment, side by side, in USD billions or as shares (:data:`POOLS_UNIT`).

    ``pools`` is :func:`profit_pools`; ``unaudited_years`` and the trailing twelve months are drawn
    lighter (unaudited years starred); the title quotes ``year`` (default: the last fiscal year).
    """
    rows = profit_pools_rows(pools, unaudited_years)
    labels = list(dict.fromkeys(rows.sort_values(["ttm", "fiscal_year"], kind="stable")["year_label"]))
    axis_title = "Fiscal year" + (" (* unaudited)" if set(unaudited_years) & set(rows["fiscal_year"]) else "") + (
        ", then the last twelve months" if rows["ttm"].any() else "")
    base = POOLS_VIEW.calculate(alt.Chart(rows), outputs=["shown"])
    chart = alt.hconcat(*(profit_pools_panel(base, measure, labels, axis_title) for measure in MEASURES.values()),
                        spacing=30).add_params(*POOLS_VIEW.params())
    return properties(chart, profit_pools_text(pools, source, unaudited_years, year))


# ---------------------------------------------------------------------------
# For the book-wide tests
# ---------------------------------------------------------------------------

def flywheel_readout_rows() -> list[dict]:
    """Rows of the loop's years 3 and 10: at the defaults (a fading loop), and in a stopped, a reversing and a
    compounding loop."""
    settings = [{}, {"pass_through": 0.0}, {"scale_economies": -0.3},
                {"customer_elasticity": 2.0, "selection_elasticity": 1.0, "pass_through": 1.0}]
    return [flywheel(**s, years=years).iloc[-1][["year", "price", "customers"]].to_dict()
            for s in settings for years in (3, CHART_YEARS)]


def book_models() -> list[ModelEntry]:
    pools = profit_pools(segment_history(annual_wide()), latest_ttm())
    return [ModelEntry("two-souls", FLYWHEEL, years=CHART_YEARS),
            ModelEntry("two-souls", FLYWHEEL_READOUT, flywheel_readout_rows),
            ModelEntry("two-souls", POOLS_VIEW, lambda: profit_pools_rows(pools, UNAUDITED_YEARS).to_dict("records"))]


def latest_ttm() -> pd.DataFrame:
    """The segments over the four quarters to the latest quarter the quarterly file has (:func:`amazon_case.aws.segment_ttm`)."""
    from .aws import latest_quarter, segment_ttm
    from .filings import load_quarterly

    quarterly = load_quarterly()
    return segment_ttm(quarterly, *latest_quarter(quarterly))


def book_charts() -> list[ChartEntry]:
    pools = profit_pools(segment_history(annual_wide()), latest_ttm())
    return [ChartEntry("two-souls", "flywheel", lambda: flywheel_chart("our model"), FLYWHEEL.param_names()),
            ChartEntry("two-souls", "profit pools", lambda: profit_pools_chart(pools, "10-Ks", UNAUDITED_YEARS),
                       POOLS_VIEW.param_names())]
