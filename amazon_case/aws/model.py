"""The AWS chapter's models: AWS's weight in Amazon's results, the go-to-market model, the what-if's inputs.

- **Weight**: :func:`aws_weight` gives AWS's share of Amazon's net sales and operating income
  per year; :func:`weight_view` is the weight chart's year control and its readout.
- **Two ways to sell**: a self-serve motion (developers sign up and pay as they go) and a
  sales-led motion (a sales force signs businesses and enterprises). Each motion's
  acquisition cost (CAC), annual contract value (ACV), gross margin and annual retention
  are inputs, declared once in :data:`GTM_INPUTS` with the share of the budget spent on the
  sales force. :data:`CUSTOMER_ECONOMICS` gives a customer's lifetime value, LTV/CAC and
  payback (the chart's rows are the motions); :data:`BUDGET_SPLIT` gives the cohort a fixed
  budget wins (the chart's rows are the shares 0–100%). :func:`motion_economics`,
  :func:`budget_allocation` and :func:`budget_sweep` run the same formulas in Python.
  Every input is an assumption of ours, not a reported figure.
- **What-if**: the financials chapter's projection with AWS's growth and margin set by the
  reader (:func:`whatif_inputs`).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from ..kit import (ASSUMPTION, VIEW, AssumptionError, Field, Input, Inputs, Model, Preset, check_number, formula, product_of,
                   ratio_of)
from ..kit.registry import ModelEntry


@formula
def half_up(x):
    """``x`` nudged up by one part in 10**12 before a readout writes it with a format.

    A number exactly halfway between two roundings (6.25 to one decimal) then rounds up in
    Python as in Vega: Python's ``format`` rounds an exact half to even, Vega's to the larger.
    A number not within a part in 10**12 of such a half is written as before.
    """
    return x * (1 + 1e-12)


# ---------------------------------------------------------------------------
# Weight: AWS inside Amazon
# ---------------------------------------------------------------------------


@formula
def share_of_operating_income(operating_income_musd, total_operating_income_musd):
    """A segment's share of the year's total operating income (a share of a total that is not positive means nothing)."""
    return operating_income_musd / total_operating_income_musd


OPERATING_INCOME_SHARE = Model(
    "share of operating income", prefix="", inputs=[], formulas=[share_of_operating_income],
    fields=[Field("operating_income_musd", "the segment's operating income, USD m"),
            Field("total_operating_income_musd", "all segments' operating income, USD m", 0, math.inf, low_open=True)],
)


def aws_weight(history: pd.DataFrame) -> pd.DataFrame:
    """AWS's share of Amazon's net sales and operating income, and each segment's margin, per year.

    ``history`` is :func:`amazon_case.filings.segment_history` (or
    :func:`~.quarters.segment_ttm`). Returns one row per fiscal year (index) with ``period``
    (the history's, else the year as text), ``aws_net_sales_musd``, ``aws_operating_income_musd``,
    ``aws_share_of_net_sales``, ``aws_share_of_operating_income`` (NaN when the segments'
    total operating income is not positive, where a share means nothing) and
    ``margin_<segment>`` for each segment.
    """
    rows = []
    for year, group in history.groupby("fiscal_year"):
        by_segment = group.set_index("segment")
        if "AWS" not in by_segment.index:
            raise ValueError(f"fiscal year {year}: no AWS segment in the history")
        income_total = float(by_segment["operating_income_musd"].sum())
        aws = by_segment.loc["AWS"]
        income = float(aws["operating_income_musd"])
        row = {
            "fiscal_year": int(year),
            "period": str(aws["period"]) if "period" in by_segment.columns else str(int(year)),
            "aws_net_sales_musd": float(aws["net_sales_musd"]),
            "aws_operating_income_musd": income,
            "aws_share_of_net_sales": float(aws["net_sales_musd"]) / float(by_segment["net_sales_musd"].sum()),
            "aws_share_of_operating_income": OPERATING_INCOME_SHARE.evaluate(
                operating_income_musd=income, total_operating_income_musd=income_total)["share_of_operating_income"]
            if income_total > 0 else math.nan,
        }
        for segment, record in by_segment.iterrows():
            row[f"margin_{segment}"] = float(record["operating_margin"])
        rows.append(row)
    return pd.DataFrame(rows).set_index("fiscal_year")


@formula
def weight_readout(fiscal_year, aws_share_of_net_sales, aws_share_of_operating_income, margin_AWS):
    """The marked year's figures in words (the share of operating income only where it is defined)."""
    income = f"{half_up(aws_share_of_operating_income):.0%}" if math.isfinite(aws_share_of_operating_income) \
        else "an undefined share"
    return (f"FY{fiscal_year:.0f}: AWS made {half_up(aws_share_of_net_sales):.0%} of net sales and {income:s} "
            f"of operating income, at a {half_up(margin_AWS):.1%} margin")


def weight_view(years: list[int]) -> Model:
    """The weight chart's control (the year marked, the last by default) and its readout."""
    year = Input("year", "year marked", "", years[-1], years[0], years[-1], 1, VIEW, "the filed years")
    return Model("AWS weight view", prefix="weight", inputs=[year], formulas=[weight_readout],
                 fields=[Field("fiscal_year", "the year"), Field("aws_share_of_net_sales", "fraction"),
                         Field("aws_share_of_operating_income", "fraction, empty when not defined", optional=True),
                         Field("margin_AWS", "AWS's operating margin, fraction")])


# ---------------------------------------------------------------------------
# Two ways to sell: the go-to-market model
# ---------------------------------------------------------------------------

#: The two motions, by the key that starts their inputs' names, and how the chart names them.
MOTIONS: dict[str, str] = {"self_serve": "Self-serve (developers)", "sales_led": "Sales force (enterprises)"}
MOTION_SHORT: dict[str, str] = {"self_serve": "self-serve", "sales_led": "sales force"}

#: Each motion's four inputs, by the name that follows the motion's key.
MOTION_INPUTS = ("cac", "acv", "gross_margin", "retention")

#: How many years of a customer's gross profit count in its lifetime value (ours: caps retention 100%).
HORIZON_YEARS = 10
MAX_HORIZON_YEARS = 50

#: The acquisition budget the chart splits between the motions, USD millions.
DEFAULT_BUDGET_MUSD = 100.0

_OURS = "ours, reasoned in the chapter's table of defaults; Amazon reports no such figure"

#: The go-to-market model's inputs, in the order of the chart's sliders. Money per customer is in US dollars for
#: both motions (the chart, the workbench and the chapter's table say the same).
GTM_INPUTS = Inputs([
    Input("self_serve_cac", "self-serve acquisition cost", "USD", 600.0, 50.0, 5000.0, 50, ASSUMPTION, _OURS),
    Input("self_serve_acv", "self-serve contract per year", "USD", 1200.0, 100.0, 20000.0, 100, ASSUMPTION, _OURS),
    Input("self_serve_gross_margin", "self-serve gross margin", "%", 0.6, 0.05, 0.9, 1, ASSUMPTION, _OURS),
    Input("self_serve_retention", "self-serve annual retention", "%", 0.6, 0.0, 1.0, 1, ASSUMPTION, _OURS),
    Input("sales_led_cac", "sales force acquisition cost", "USD", 400_000.0, 10_000.0, 1_000_000.0, 10_000,
          ASSUMPTION, _OURS),
    Input("sales_led_acv", "sales force contract per year", "USD", 500_000.0, 50_000.0, 5_000_000.0, 50_000,
          ASSUMPTION, _OURS),
    Input("sales_led_gross_margin", "sales force gross margin", "%", 0.5, 0.05, 0.9, 1, ASSUMPTION, _OURS),
    Input("sales_led_retention", "sales force annual retention", "%", 0.9, 0.0, 1.0, 1, ASSUMPTION, _OURS),
    Input("sales_led_share", "share of the budget spent on the sales force", "%", 0.5, 0.0, 1.0, 1, VIEW,
          "the reader's choice: the split the chart marks (it draws every split from 0% to 100%)"),
])


def split_by_motion(inputs: Mapping[str, float]) -> dict[str, dict[str, float]]:
    """The model's inputs by name (``self_serve_cac`` …) as one dict per motion (``{"cac": …}``)."""
    return {key: {name: inputs[f"{key}_{name}"] for name in MOTION_INPUTS if f"{key}_{name}" in inputs}
            for key in MOTIONS}


#: Each motion's default inputs (``GTM_DEFAULTS["sales_led"]["cac"]``), read from :data:`GTM_INPUTS`.
GTM_DEFAULTS: dict[str, dict[str, float]] = split_by_motion(GTM_INPUTS.defaults())
DEFAULT_SALES_LED_SHARE: float = GTM_INPUTS["sales_led_share"].default


@formula
def paid_years(retention, horizon_years):
    """Expected paid years over at most ``horizon_years``: 1 + r + … + r**(H-1), which is H when r = 1."""
    return horizon_years if retention >= 1 else (1 - retention ** horizon_years) / (1 - retention)


# Per customer: each row is a motion, and reads that motion's inputs (money in USD).

@formula
def motion_cac(motion, self_serve_cac, sales_led_cac):
    """The row's motion's acquisition cost, USD."""
    return sales_led_cac if motion == "sales_led" else self_serve_cac


@formula
def motion_acv(motion, self_serve_acv, sales_led_acv):
    """The row's motion's contract per year, USD."""
    return sales_led_acv if motion == "sales_led" else self_serve_acv


@formula
def motion_gross_margin(motion, self_serve_gross_margin, sales_led_gross_margin):
    return sales_led_gross_margin if motion == "sales_led" else self_serve_gross_margin


@formula
def motion_retention(motion, self_serve_retention, sales_led_retention):
    return sales_led_retention if motion == "sales_led" else self_serve_retention


#: A customer's gross profit per year, USD.
annual_gross_profit = product_of("annual_gross_profit", "motion_acv", "motion_gross_margin")


@formula
def lifetime_years(motion_retention, horizon_years):
    return paid_years(motion_retention, horizon_years)


#: Lifetime value: gross profit over the expected paid years, undiscounted, USD; and its ratio to the acquisition cost.
ltv = product_of("ltv", "annual_gross_profit", "lifetime_years")
ltv_to_cac = ratio_of("ltv_to_cac", "ltv", "motion_cac")


@formula
def payback_months(motion_cac, annual_gross_profit):
    """The months of a retained customer's gross profit that repay its acquisition cost."""
    return 12 * motion_cac / annual_gross_profit


@formula
def customer_label(ltv_to_cac, payback_months):
    """The bar's label: LTV/CAC and payback (one decimal below ten months)."""
    payback = f"{half_up(payback_months):.1f}" if payback_months < 10 else f"{half_up(payback_months):,.0f}"
    return f"{half_up(ltv_to_cac):,.1f}× · payback {payback:s} mo"


#: The motions' eight inputs (without the split).
MOTION_MODEL_INPUTS = Inputs(GTM_INPUTS[name] for name in GTM_INPUTS if name != "sales_led_share")

CUSTOMER_ECONOMICS = Model(
    "customer economics", prefix="gtm", inputs=MOTION_MODEL_INPUTS,
    formulas=[motion_cac, motion_acv, motion_gross_margin, motion_retention, annual_gross_profit, lifetime_years,
              ltv, ltv_to_cac, payback_months, customer_label],
    fields=[Field("motion", "self_serve or sales_led")],
    constants={"horizon_years": HORIZON_YEARS},
)


# The budget split: the sales force gets sales_led_share of the budget, the self-serve motion the rest. The
# chart's rows are the splits 0%, 1%, … 100% (the slider marks one), so the model reads the split from the row.

@formula
def customers_won(spend_musd, cac):
    """Customers a spend (USD m) wins at a cost per customer (USD): scale does not change the cost."""
    return spend_musd * 1e6 / cac


@formula
def revenue_musd(customers, acv):
    """What ``customers`` paying ``acv`` (USD) a year each pay in a year, USD m."""
    return customers * acv / 1e6


@formula
def self_serve_customers(budget_musd, sales_led_share, self_serve_cac):
    return customers_won(budget_musd * (1 - sales_led_share), self_serve_cac)


@formula
def sales_led_customers(budget_musd, sales_led_share, sales_led_cac):
    return customers_won(budget_musd * sales_led_share, sales_led_cac)


@formula
def self_serve_first_year_revenue_musd(self_serve_customers, self_serve_acv):
    return revenue_musd(self_serve_customers, self_serve_acv)


@formula
def sales_led_first_year_revenue_musd(sales_led_customers, sales_led_acv):
    return revenue_musd(sales_led_customers, sales_led_acv)


@formula
def self_serve_lifetime_revenue_musd(self_serve_first_year_revenue_musd, self_serve_retention, horizon_years):
    return self_serve_first_year_revenue_musd * paid_years(self_serve_retention, horizon_years)


@formula
def sales_led_lifetime_revenue_musd(sales_led_first_year_revenue_musd, sales_led_retention, horizon_years):
    return sales_led_first_year_revenue_musd * paid_years(sales_led_retention, horizon_years)


@formula
def self_serve_lifetime_gross_profit_musd(self_serve_lifetime_revenue_musd, self_serve_gross_margin):
    return self_serve_lifetime_revenue_musd * self_serve_gross_margin


@formula
def sales_led_lifetime_gross_profit_musd(sales_led_lifetime_revenue_musd, sales_led_gross_margin):
    return sales_led_lifetime_revenue_musd * sales_led_gross_margin


@formula
def sales_led_revenue_share(self_serve_lifetime_revenue_musd, sales_led_lifetime_revenue_musd):
    """The sales force's share of the cohort's lifetime revenue."""
    return sales_led_lifetime_revenue_musd / (self_serve_lifetime_revenue_musd + sales_led_lifetime_revenue_musd)


@formula
def sales_led_first_year_share(self_serve_first_year_revenue_musd, sales_led_first_year_revenue_musd):
    """The sales force's share of the cohort's first-year revenue."""
    return sales_led_first_year_revenue_musd / (self_serve_first_year_revenue_musd + sales_led_first_year_revenue_musd)


@formula
def gross_profit_per_dollar(self_serve_lifetime_gross_profit_musd, sales_led_lifetime_gross_profit_musd, budget_musd):
    """The cohort's lifetime gross profit per dollar of acquisition budget."""
    return (self_serve_lifetime_gross_profit_musd + sales_led_lifetime_gross_profit_musd) / budget_musd


@formula
def split_readout(sales_led_share, sales_led_revenue_share, gross_profit_per_dollar):
    """The marked split in words."""
    return (f"At {half_up(sales_led_share):.0%} to the sales force: {half_up(sales_led_revenue_share):.0%} of revenue "
            f"from enterprises, ${half_up(gross_profit_per_dollar):.2f} gross profit per $1")


#: The split's input: the chart's slider marks it on the sweep; the model reads it from each row of the sweep.
SALES_LED_SHARE = GTM_INPUTS["sales_led_share"]

BUDGET_SPLIT = Model(
    "budget split", prefix="gtm", inputs=MOTION_MODEL_INPUTS,
    formulas=[self_serve_customers, sales_led_customers, self_serve_first_year_revenue_musd,
              sales_led_first_year_revenue_musd, self_serve_lifetime_revenue_musd, sales_led_lifetime_revenue_musd,
              self_serve_lifetime_gross_profit_musd, sales_led_lifetime_gross_profit_musd, sales_led_revenue_share,
              sales_led_first_year_share, gross_profit_per_dollar, split_readout],
    fields=[Field(SALES_LED_SHARE.name, SALES_LED_SHARE.label, SALES_LED_SHARE.low, SALES_LED_SHARE.high)],
    constants={"horizon_years": HORIZON_YEARS, "budget_musd": DEFAULT_BUDGET_MUSD},
)

#: The go-to-market chart's controls, in order: the eight motion inputs, then the split it marks.
GTM_PARAMS = tuple(item.param_name("gtm") for item in GTM_INPUTS.values())


def with_constants(model: Model, **constants: float) -> Model:
    """The same model with some of its constants replaced (the horizon, the budget)."""
    unknown = set(constants) - set(model.constants)
    if unknown:
        raise KeyError(f"model {model.name} has no constant(s) {sorted(unknown)}")
    return Model(model.name, model.prefix, model.inputs, model.formulas, model.fields.values(),
                 {**model.constants, **constants})


def check_horizon(horizon_years: Any) -> int:
    """``horizon_years`` as an int if it is a whole number of years in [1, 50], else :class:`AssumptionError`."""
    if isinstance(horizon_years, bool) or not isinstance(horizon_years, (int, float)) \
            or horizon_years != int(horizon_years) or not 1 <= horizon_years <= MAX_HORIZON_YEARS:
        raise AssumptionError(f"parameter 'horizon_years' = {horizon_years!r} is outside the allowed range "
                              f"[1, {MAX_HORIZON_YEARS}] (whole years)")
    return int(horizon_years)


def expected_lifetime_years(retention: float, horizon_years: int = HORIZON_YEARS) -> float:
    """Expected number of paid years of a customer, counted over at most ``horizon_years``.

    A customer pays in year 1 and renews each year with probability ``retention``: the
    expected count is ``1 + r + r**2 + ... + r**(H-1)``, which is ``(1 - r**H) / (1 - r)``
    for ``r < 1`` and ``H`` for ``r = 1`` (the horizon keeps a 100% retention finite).
    """
    return paid_years(check_number("retention", retention, 0.0, 1.0), check_horizon(horizon_years))


@dataclass(frozen=True)
class MotionEconomics:
    """A customer's unit economics under one go-to-market motion (USD, years, months)."""

    cac: float
    acv: float
    gross_margin: float
    retention: float
    annual_gross_profit: float
    lifetime_years: float
    ltv: float
    ltv_to_cac: float
    payback_months: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def motion_economics(motion: str, cac: float, acv: float, gross_margin: float, retention: float,
                     horizon_years: int = HORIZON_YEARS) -> MotionEconomics:
    """Lifetime value, LTV/CAC and payback of one customer won by ``motion`` (a key of :data:`MOTIONS`).

    ``cac`` (customer acquisition cost) and ``acv`` (annual contract value) in USD, ``gross_margin``
    and ``retention`` (the share of customers who renew each year) as fractions, each within
    its input's range in :data:`GTM_INPUTS` (the chart's sliders). The results are in USD:
    :data:`CUSTOMER_ECONOMICS` gives ``annual_gross_profit = acv * gross_margin``,
    ``lifetime_years`` (:func:`expected_lifetime_years`), ``ltv = annual_gross_profit * lifetime_years``
    (undiscounted), ``ltv_to_cac`` and ``payback_months = 12 * cac / annual_gross_profit``.
    """
    if motion not in MOTIONS:
        raise AssumptionError(f"parameter 'motion' = {motion!r} is not one of {list(MOTIONS)}")
    model = with_constants(CUSTOMER_ECONOMICS, horizon_years=check_horizon(horizon_years))
    given = {"cac": cac, "acv": acv, "gross_margin": gross_margin, "retention": retention}
    r = model.evaluate(motion=motion, **{f"{motion}_{name}": value for name, value in given.items()})
    return MotionEconomics(cac=r["motion_cac"], acv=r["motion_acv"], gross_margin=r["motion_gross_margin"],
                           retention=r["motion_retention"], annual_gross_profit=r["annual_gross_profit"],
                           lifetime_years=r["lifetime_years"], ltv=r["ltv"], ltv_to_cac=r["ltv_to_cac"],
                           payback_months=r["payback_months"])


@dataclass(frozen=True)
class BudgetAllocation:
    """One year's acquisition budget split between the two motions, and the cohort it wins.

    Money in USD millions; ``customers`` in customers. Per-motion figures are dicts keyed by
    :data:`MOTIONS`; the shares and ``gross_profit_per_dollar`` are :data:`BUDGET_SPLIT`'s results.
    """

    budget_musd: float
    sales_led_share: float
    customers: dict[str, float]
    first_year_revenue_musd: dict[str, float]
    lifetime_revenue_musd: dict[str, float]
    lifetime_gross_profit_musd: dict[str, float]
    sales_led_revenue_share: float
    sales_led_first_year_share: float
    gross_profit_per_dollar: float
    readout: str
    economics: dict[str, MotionEconomics]


def budget_allocation(sales_led_share: float, self_serve: Mapping[str, float], sales_led: Mapping[str, float],
                      budget_musd: float = DEFAULT_BUDGET_MUSD, horizon_years: int = HORIZON_YEARS) -> BudgetAllocation:
    """Split an acquisition budget between the two motions; the customers and revenue each wins.

    ``self_serve`` and ``sales_led`` each hold ``cac``, ``acv`` (USD), ``gross_margin`` and ``retention``.
    The motion's share of ``budget_musd`` (USD millions) buys ``budget / cac`` customers; each pays ``acv`` in its first year and
    ``acv * lifetime_years`` over its expected lifetime. Scale is assumed constant: the next
    customer costs what the average one did.
    """
    budget = check_number("budget_musd", budget_musd, 0.0, 1e6, low_open=True)
    horizon = check_horizon(horizon_years)
    inputs: dict[str, float] = {"sales_led_share": SALES_LED_SHARE.check(sales_led_share)}
    for key, motion in (("self_serve", self_serve), ("sales_led", sales_led)):
        missing = sorted(set(MOTION_INPUTS) - set(motion))
        if missing:
            raise AssumptionError(f"parameter {key!r} lacks {missing}")
        inputs.update({f"{key}_{name}": value for name, value in motion.items()})
    r = with_constants(BUDGET_SPLIT, horizon_years=horizon, budget_musd=budget).evaluate(**inputs)
    per_motion = lambda what: {key: r[f"{key}_{what}"] for key in MOTIONS}  # noqa: E731
    economics = {key: motion_economics(key, **{name: r[f"{key}_{name}"] for name in MOTION_INPUTS},
                                       horizon_years=horizon) for key in MOTIONS}
    return BudgetAllocation(
        budget_musd=budget, sales_led_share=r["sales_led_share"], customers=per_motion("customers"),
        first_year_revenue_musd=per_motion("first_year_revenue_musd"),
        lifetime_revenue_musd=per_motion("lifetime_revenue_musd"),
        lifetime_gross_profit_musd=per_motion("lifetime_gross_profit_musd"),
        sales_led_revenue_share=r["sales_led_revenue_share"], sales_led_first_year_share=r["sales_led_first_year_share"],
        gross_profit_per_dollar=r["gross_profit_per_dollar"], readout=r["split_readout"], economics=economics,
    )


def budget_sweep(self_serve: Mapping[str, float], sales_led: Mapping[str, float],
                 budget_musd: float = DEFAULT_BUDGET_MUSD, horizon_years: int = HORIZON_YEARS,
                 step_pct: int = 1) -> pd.DataFrame:
    """:func:`budget_allocation` at every sales-force share from 0% to 100% (in ``step_pct`` steps).

    Returns ``sales_led_pct`` and, per motion, ``<motion>_lifetime_revenue_musd``, plus
    ``sales_led_revenue_share`` and ``gross_profit_per_dollar``.
    """
    rows = []
    for pct in range(0, 101, step_pct):
        a = budget_allocation(pct / 100, self_serve, sales_led, budget_musd, horizon_years)
        rows.append({"sales_led_pct": pct,
                     **{f"{key}_lifetime_revenue_musd": value for key, value in a.lifetime_revenue_musd.items()},
                     "sales_led_revenue_share": a.sales_led_revenue_share,
                     "gross_profit_per_dollar": a.gross_profit_per_dollar})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# What-if: AWS's growth and margin in the financials chapter's projection
# ---------------------------------------------------------------------------

#: The projection's inputs the what-if chart puts on sliders; the others stay at the financials chapter's defaults.
WHATIF_INPUTS = ("aws_growth", "aws_margin")
#: The chapter's slower path for AWS, which its table compares with the defaults: 15% growth, a 30% margin.
WHATIF_SLOWER = {"aws_growth": 0.15, "aws_margin": 0.30}


def whatif_cases(inputs: Inputs) -> tuple[Preset, ...]:
    """The what-if chart's named cases (of the projection's ``inputs``): the chapter's slower path."""
    return (Preset("Slower (15.0% growth, 30.0% margin)", inputs, WHATIF_SLOWER),)


def whatif_inputs(assumptions: pd.DataFrame, aws_growth: float | None = None,
                  aws_margin: float | None = None) -> dict[str, float]:
    """The projection's six inputs: every segment at ``assumptions`` (the financials chapter's defaults,
    :func:`amazon_case.financials.default_projection_assumptions`), AWS's growth and margin replaced where given.

    Pass them to :func:`amazon_case.financials.project_segments`.
    """
    from ..financials import projection_model

    inputs = projection_model(assumptions).inputs.defaults()
    given = {"aws_growth": aws_growth, "aws_margin": aws_margin}
    return inputs | {name: value for name, value in given.items() if value is not None}


# ---------------------------------------------------------------------------
# For the book-wide tests
# ---------------------------------------------------------------------------

def book_models() -> list[ModelEntry]:
    from ..filings import UNAUDITED_YEARS, annual_wide, segment_history

    history = segment_history(annual_wide())
    audited = history[~history["fiscal_year"].isin(UNAUDITED_YEARS)]
    weight = aws_weight(audited).reset_index()
    years = [int(y) for y in weight["fiscal_year"]]
    # A year whose segments lose money in total: the share of operating income is undefined.
    undefined = {"fiscal_year": 2030, "aws_share_of_net_sales": 0.25, "aws_share_of_operating_income": math.nan,
                 "margin_AWS": 0.4}
    shares = [{"operating_income_musd": float(r.aws_operating_income_musd),
               "total_operating_income_musd": float(r.aws_operating_income_musd / r.aws_share_of_operating_income)}
              for r in weight.itertuples()] + [{"operating_income_musd": -5000.0, "total_operating_income_musd": 20000.0}]
    return [
        ModelEntry("aws", CUSTOMER_ECONOMICS, lambda: [{"motion": key} for key in MOTIONS]),
        ModelEntry("aws", BUDGET_SPLIT, lambda: [{"sales_led_share": pct / 100} for pct in range(0, 101)]),
        ModelEntry("aws", weight_view(years), lambda: [*weight.to_dict("records"), undefined]),
        ModelEntry("aws", OPERATING_INCOME_SHARE, lambda: shares),
    ]
