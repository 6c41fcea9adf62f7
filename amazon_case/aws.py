"""AWS: its weight in Amazon's results, and a go-to-market model of its two ways to sell.

Three parts, each a set of pure functions and the chart builders that draw them:

- **History**: AWS's share of Amazon's net sales and operating income, and its
  operating margin beside the retail segments (from :func:`models.segment_history`).
- **Two ways to sell**: a self-serve motion (developers sign up and pay as they
  go) and a sales-led motion (a sales force signs businesses and enterprises).
  For each, customer acquisition cost, annual contract value, gross margin and
  annual retention give a customer's lifetime value, LTV/CAC and payback period;
  a fixed acquisition budget split between the motions gives a cohort's revenue
  and its mix. Every input is an assumption of ours, not a reported figure.
- **What-if**: the financials chapter's segment projection
  (:func:`models.project_segments`, mirrored in the browser by
  :func:`charts.projection_expressions`) with the reader setting AWS's growth and margin.

The Vega expressions that mirror the go-to-market model sit beside it
(:func:`gtm_expressions`); the browser tests check that both give the same numbers.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

import altair as alt
import pandas as pd

from .charts import SEGMENT_COLORS, WIDTH, _percent_slider, _scale, _title, projection_base
from .models import GROWTH_RANGE, MARGIN_RANGE, AssumptionError, _check_range, project_segments
from .workbench import ModelWorkbench, number_slider, percent_slider

# ---------------------------------------------------------------------------
# History: AWS inside Amazon
# ---------------------------------------------------------------------------


def aws_weight(history: pd.DataFrame) -> pd.DataFrame:
    """AWS's share of Amazon's net sales and operating income, and each segment's margin, per year.

    ``history`` is :func:`amazon_case.models.segment_history`. Returns one row
    per fiscal year (index) with ``aws_net_sales_musd``, ``aws_operating_income_musd``,
    ``aws_share_of_net_sales``, ``aws_share_of_operating_income`` (NaN when the
    segments' total operating income is not positive, where a share means
    nothing) and ``margin_<segment>`` for each segment.
    """
    rows = []
    for year, group in history.groupby("fiscal_year"):
        by_segment = group.set_index("segment")
        if "AWS" not in by_segment.index:
            raise ValueError(f"fiscal year {year}: no AWS segment in the history")
        sales_total = by_segment["net_sales_musd"].sum()
        income_total = by_segment["operating_income_musd"].sum()
        aws = by_segment.loc["AWS"]
        row = {
            "fiscal_year": int(year),
            "aws_net_sales_musd": float(aws["net_sales_musd"]),
            "aws_operating_income_musd": float(aws["operating_income_musd"]),
            "aws_share_of_net_sales": float(aws["net_sales_musd"]) / sales_total,
            "aws_share_of_operating_income": (
                float(aws["operating_income_musd"]) / income_total if income_total > 0 else math.nan
            ),
        }
        for segment, record in by_segment.iterrows():
            row[f"margin_{segment}"] = float(record["operating_margin"])
        rows.append(row)
    return pd.DataFrame(rows).set_index("fiscal_year")


def aws_growth_chart(history: pd.DataFrame, source: str) -> alt.LayerChart:
    """AWS net sales and operating income per year (bars), with the margin as a label on each year.

    ``history`` is :func:`amazon_case.models.segment_history` (the years to draw).
    """
    aws = history[history["segment"] == "AWS"].sort_values("fiscal_year")
    first, last = aws.iloc[0], aws.iloc[-1]
    years = int(last["fiscal_year"] - first["fiscal_year"])
    multiple = last["net_sales_musd"] / first["net_sales_musd"]
    folded = pd.concat([
        pd.DataFrame({"fiscal_year": aws["fiscal_year"], "measure": "Net sales",
                      "usd_bn": aws["net_sales_musd"] / 1000, "operating_margin": aws["operating_margin"]}),
        pd.DataFrame({"fiscal_year": aws["fiscal_year"], "measure": "Operating income",
                      "usd_bn": aws["operating_income_musd"] / 1000, "operating_margin": aws["operating_margin"]}),
    ])
    measure_colors = {"Net sales": "#fdbf6f", "Operating income": "#ff7f0e"}
    x = alt.X("fiscal_year:O", title="Fiscal year")
    bars = alt.Chart(folded).mark_bar().encode(
        x=x,
        xOffset=alt.XOffset("measure:N", sort=list(measure_colors)),
        y=alt.Y("usd_bn:Q", title="USD billions"),
        color=alt.Color("measure:N", title=None, scale=_scale(measure_colors), legend=alt.Legend(orient="top-left")),
        tooltip=[
            alt.Tooltip("fiscal_year:O", title="Fiscal year"),
            alt.Tooltip("measure:N", title="Measure"),
            alt.Tooltip("usd_bn:Q", format="$,.1f", title="USD bn"),
            alt.Tooltip("operating_margin:Q", format=".1%", title="AWS operating margin"),
        ],
    )
    margin_labels = alt.Chart(folded[folded["measure"] == "Net sales"]).mark_text(
        dy=-6, fontSize=10, color="#444", baseline="bottom"
    ).encode(x=x, y="usd_bn:Q", text=alt.Text("operating_margin:Q", format=".0%"))
    return alt.layer(bars, margin_labels).properties(
        width=WIDTH,
        height=300,
        title=_title(
            source,
            f"AWS's net sales grew {multiple:.0f}-fold in {years} years, and its operating income "
            f"{last['operating_income_musd'] / first['operating_income_musd']:.0f}-fold",
            f"AWS segment, FY{int(first['fiscal_year'])}–FY{int(last['fiscal_year'])}; "
            "label above each year: AWS operating margin",
        ),
        description=(
            f"Grouped bar chart of the AWS segment's net sales and operating income by fiscal year, "
            f"FY{int(first['fiscal_year'])} to FY{int(last['fiscal_year'])}. Net sales rise from "
            f"{first['net_sales_musd'] / 1000:.1f} to {last['net_sales_musd'] / 1000:.1f} billion US dollars; operating "
            f"income from {first['operating_income_musd'] / 1000:.1f} to {last['operating_income_musd'] / 1000:.1f} "
            f"billion; the operating margin printed above each year goes from {first['operating_margin']:.0%} "
            f"to {last['operating_margin']:.0%}."
        ),
    )


WEIGHT_PARAMS = ("weight_year",)


def aws_weight_chart(weight: pd.DataFrame, source: str, year: int | None = None) -> alt.VConcatChart:
    """Top: AWS's share of net sales against its share of operating income. Bottom: segment margins.

    ``weight`` is :func:`aws_weight`. A slider picks a year, marked on both
    panels and spelled out in a line of text above them.
    """
    years = [int(y) for y in weight.index]
    last = years[-1]
    year = last if year is None else year
    segments = [c.removeprefix("margin_") for c in weight.columns if c.startswith("margin_")]
    shares = pd.concat([
        pd.DataFrame({"fiscal_year": weight.index, "measure": "Share of net sales",
                      "share_pct": weight["aws_share_of_net_sales"] * 100}),
        pd.DataFrame({"fiscal_year": weight.index, "measure": "Share of operating income",
                      "share_pct": weight["aws_share_of_operating_income"] * 100}),
    ]).dropna()
    margins = pd.concat([
        pd.DataFrame({"fiscal_year": weight.index, "segment": s, "margin_pct": weight[f"margin_{s}"] * 100})
        for s in segments
    ])
    picked = alt.param(
        name="weight_year", value=year,
        bind=alt.binding_range(min=years[0], max=years[-1], step=1, name="Year marked "),
    )
    x = alt.X("fiscal_year:O", title="Fiscal year")
    share_colors = {"Share of net sales": "#fdbf6f", "Share of operating income": "#ff7f0e"}
    share_color = alt.Color("measure:N", title=None, scale=_scale(share_colors), legend=alt.Legend(orient="bottom"))
    share_lines = alt.Chart(shares).mark_line(point=True, strokeWidth=2.5).encode(
        x=x, y=alt.Y("share_pct:Q", title="AWS's share of Amazon's total (%)"), color=share_color,
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("measure:N", title="Measure"),
                 alt.Tooltip("share_pct:Q", format=".1f", title="Percent")],
    )
    hundred = alt.Chart(pd.DataFrame({"y": [100]})).mark_rule(color="#999", strokeDash=[4, 3]).encode(y="y:Q")
    rule = alt.Chart(pd.DataFrame({"fiscal_year": years})).mark_rule(color="#555", strokeDash=[4, 3]).encode(
        x=x).transform_filter("datum.fiscal_year == weight_year")
    margin_colors = {s: SEGMENT_COLORS[s] for s in segments}
    margin_lines = alt.Chart(margins).mark_line(point=True, strokeWidth=2.5).encode(
        x=x, y=alt.Y("margin_pct:Q", title="Operating margin (%)"),
        color=alt.Color("segment:N", title=None, scale=_scale(margin_colors), legend=alt.Legend(orient="bottom")),
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("segment:N", title="Segment"),
                 alt.Tooltip("margin_pct:Q", format=".1f", title="Operating margin (%)")],
    )
    zero = alt.Chart(pd.DataFrame({"y": [0]})).mark_rule(color="#999").encode(y="y:Q")
    readout_rows = weight.reset_index()
    readout = alt.Chart(readout_rows).transform_filter("datum.fiscal_year == weight_year").transform_calculate(
        text=(
            "'FY' + datum.fiscal_year + ': AWS made ' + format(datum.aws_share_of_net_sales, '.0%') + ' of net sales and '"
            " + (isValid(datum.aws_share_of_operating_income) ? format(datum.aws_share_of_operating_income, '.0%')"
            " : 'an undefined share') + ' of operating income, at a ' + format(datum.margin_AWS, '.1%') + ' margin'"
        )
    ).mark_text(align="left", baseline="bottom", x=0, y=-8, fontSize=12, fontWeight="bold").encode(text="text:N")
    top = alt.layer(hundred, share_lines, rule, readout).properties(width=WIDTH, height=220)
    bottom = alt.layer(zero, margin_lines, rule).properties(width=WIDTH, height=180)
    income = weight["aws_share_of_operating_income"]
    above = [y for y in years if income.get(y, math.nan) > weight.at[y, "aws_share_of_net_sales"]]
    return (
        alt.vconcat(top, bottom, spacing=20)
        .add_params(picked)
        .resolve_scale(color="independent")
        .properties(
            title=_title(
                source,
                f"AWS's share of profit beat its share of sales in all {len(years)} years, FY{years[0]}–FY{last}"
                if len(above) == len(years) else
                f"AWS's share of profit beat its share of sales in {len(above)} of {len(years)} years",
                "Top: AWS's share of Amazon's net sales and operating income. Bottom: operating margin by segment",
            ),
            description=(
                f"Two line charts, FY{years[0]} to FY{last}. Top: AWS's share of Amazon's net sales rises from "
                f"{weight.at[years[0], 'aws_share_of_net_sales']:.0%} to {weight.at[last, 'aws_share_of_net_sales']:.0%}, "
                f"while its share of operating income ranges from {income.min():.0%} to {income.max():.0%} "
                f"(FY{int(income.idxmax())}). Bottom: AWS's operating margin ranges from "
                f"{weight['margin_AWS'].min():.0%} to {weight['margin_AWS'].max():.0%}, far above North America's and "
                "International's. A slider marks a year and states its figures."
            ),
        )
    )


# ---------------------------------------------------------------------------
# Two ways to sell: the go-to-market model
# ---------------------------------------------------------------------------

#: The two motions, by the key used in parameter names.
MOTIONS: dict[str, str] = {"self_serve": "Self-serve (developers)", "sales_led": "Sales force (enterprises)"}

#: How many years of a customer's gross profit count in its lifetime value (ours: caps retention 100%).
HORIZON_YEARS = 10

#: Allowed ranges of each motion's inputs (the sliders' ends). CAC and ACV in USD thousands per customer.
GTM_RANGES: dict[str, dict[str, tuple[float, float]]] = {
    "self_serve": {"cac": (0.05, 5.0), "acv": (0.1, 20.0), "gross_margin": (0.05, 0.9), "retention": (0.0, 1.0)},
    "sales_led": {"cac": (10.0, 1000.0), "acv": (50.0, 5000.0), "gross_margin": (0.05, 0.9), "retention": (0.0, 1.0)},
}

#: Slider steps per input (CAC and ACV in USD thousands; margins and retention in percentage points).
GTM_STEPS: dict[str, dict[str, float]] = {
    "self_serve": {"cac": 0.05, "acv": 0.1, "gross_margin": 1, "retention": 1},
    "sales_led": {"cac": 10, "acv": 50, "gross_margin": 1, "retention": 1},
}

#: Our illustrative defaults (reasoned in the chapter's text; no company reports these figures).
GTM_DEFAULTS: dict[str, dict[str, float]] = {
    "self_serve": {"cac": 0.6, "acv": 1.2, "gross_margin": 0.6, "retention": 0.6},
    "sales_led": {"cac": 400.0, "acv": 500.0, "gross_margin": 0.5, "retention": 0.9},
}

#: Default share of the acquisition budget spent on the sales force, and the budget (USD millions).
DEFAULT_SALES_LED_SHARE = 0.5
DEFAULT_BUDGET_MUSD = 100.0

#: Generic bounds the model accepts for any motion (wider than the sliders).
_GENERIC_RANGES: dict[str, tuple[float, float]] = {
    "cac": (0.0, 1e6), "acv": (0.0, 1e6), "gross_margin": (0.0, 1.0), "retention": (0.0, 1.0),
}


def expected_lifetime_years(retention: float, horizon_years: int = HORIZON_YEARS) -> float:
    """Expected number of paid years of a customer, counted over at most ``horizon_years``.

    A customer pays in year 1 and renews each year with probability
    ``retention``: the expected count is ``1 + r + r**2 + ... + r**(H-1)``,
    which is ``(1 - r**H) / (1 - r)`` for ``r < 1`` and ``H`` for ``r = 1``
    (the horizon is what keeps a 100% retention finite).
    """
    r = _check_range("retention", retention, 0.0, 1.0)
    if isinstance(horizon_years, bool) or int(horizon_years) != horizon_years or not 1 <= horizon_years <= 50:
        raise AssumptionError(f"parameter 'horizon_years' = {horizon_years!r} is outside the allowed range [1, 50] (whole years)")
    h = int(horizon_years)
    return float(h) if r >= 1 else (1 - r**h) / (1 - r)


@dataclass(frozen=True)
class MotionEconomics:
    """A customer's unit economics under one go-to-market motion (USD thousands, years, months)."""

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


def motion_economics(
    cac: float, acv: float, gross_margin: float, retention: float, horizon_years: int = HORIZON_YEARS
) -> MotionEconomics:
    """Lifetime value, LTV/CAC and payback of one customer won by one motion.

    Parameters
    ----------
    cac
        Customer acquisition cost: what the motion spends to win one paying
        customer (USD thousands), more than 0.
    acv
        Annual contract value: what that customer pays per year (USD thousands), more than 0.
    gross_margin
        Share of that revenue left after the cost of serving it, more than 0 and at most 1.
    retention
        Share of customers who renew each year, 0–1.
    horizon_years
        Years of gross profit counted, 1–50 (default :data:`HORIZON_YEARS`).

    Returns
    -------
    MotionEconomics
        ``annual_gross_profit = acv * gross_margin``;
        ``lifetime_years`` from :func:`expected_lifetime_years`;
        ``ltv = annual_gross_profit * lifetime_years`` (undiscounted);
        ``ltv_to_cac = ltv / cac``;
        ``payback_months = 12 * cac / annual_gross_profit``, the months of a retained
        customer's gross profit that repay its acquisition cost.
    """
    c = _check_range("cac", cac, *_GENERIC_RANGES["cac"], low_open=True)
    a = _check_range("acv", acv, *_GENERIC_RANGES["acv"], low_open=True)
    m = _check_range("gross_margin", gross_margin, *_GENERIC_RANGES["gross_margin"], low_open=True)
    r = _check_range("retention", retention, *_GENERIC_RANGES["retention"])
    lifetime = expected_lifetime_years(r, horizon_years)
    annual = a * m
    ltv = annual * lifetime
    return MotionEconomics(
        cac=c, acv=a, gross_margin=m, retention=r, annual_gross_profit=annual, lifetime_years=lifetime,
        ltv=ltv, ltv_to_cac=ltv / c, payback_months=12 * c / annual,
    )


@dataclass(frozen=True)
class BudgetAllocation:
    """One year's acquisition budget split between the two motions, and the cohort it wins.

    Money in USD millions; ``customers`` in customers. Per-motion figures are
    dicts keyed by :data:`MOTIONS`.
    """

    budget_musd: float
    sales_led_share: float
    customers: dict[str, float]
    first_year_revenue_musd: dict[str, float]
    lifetime_revenue_musd: dict[str, float]
    lifetime_gross_profit_musd: dict[str, float]
    economics: dict[str, MotionEconomics]

    @property
    def sales_led_revenue_share(self) -> float:
        """The sales force's share of the cohort's lifetime revenue."""
        total = sum(self.lifetime_revenue_musd.values())
        return self.lifetime_revenue_musd["sales_led"] / total

    @property
    def sales_led_first_year_share(self) -> float:
        """The sales force's share of the cohort's first-year revenue."""
        total = sum(self.first_year_revenue_musd.values())
        return self.first_year_revenue_musd["sales_led"] / total

    @property
    def gross_profit_per_dollar(self) -> float:
        """The cohort's lifetime gross profit per dollar of acquisition budget."""
        return sum(self.lifetime_gross_profit_musd.values()) / self.budget_musd


def budget_allocation(
    sales_led_share: float,
    self_serve: dict[str, float],
    sales_led: dict[str, float],
    budget_musd: float = DEFAULT_BUDGET_MUSD,
    horizon_years: int = HORIZON_YEARS,
) -> BudgetAllocation:
    """Split an acquisition budget between the two motions; the customers and revenue each wins.

    ``self_serve`` and ``sales_led`` each hold ``cac``, ``acv`` (USD thousands),
    ``gross_margin`` and ``retention``. The motion's share of ``budget_musd``
    (USD millions) buys ``budget * 1000 / cac`` customers; each pays ``acv``
    in its first year and ``acv * lifetime_years`` over its expected lifetime.
    Scale is assumed constant: the next customer costs what the average one did.
    """
    share = _check_range("sales_led_share", sales_led_share, 0.0, 1.0)
    budget = _check_range("budget_musd", budget_musd, 0.0, 1e6, low_open=True)
    inputs = {"self_serve": self_serve, "sales_led": sales_led}
    spend = {"self_serve": budget * (1 - share), "sales_led": budget * share}
    economics, customers, first, lifetime_rev, lifetime_gp = {}, {}, {}, {}, {}
    for key, motion in inputs.items():
        missing = {"cac", "acv", "gross_margin", "retention"} - set(motion)
        if missing:
            raise AssumptionError(f"parameter {key!r} lacks {sorted(missing)}")
        e = motion_economics(motion["cac"], motion["acv"], motion["gross_margin"], motion["retention"], horizon_years)
        economics[key] = e
        customers[key] = spend[key] * 1000 / e.cac
        first[key] = customers[key] * e.acv / 1000
        lifetime_rev[key] = first[key] * e.lifetime_years
        lifetime_gp[key] = lifetime_rev[key] * e.gross_margin
    return BudgetAllocation(budget, share, customers, first, lifetime_rev, lifetime_gp, economics)


def budget_sweep(
    self_serve: dict[str, float], sales_led: dict[str, float], budget_musd: float = DEFAULT_BUDGET_MUSD,
    horizon_years: int = HORIZON_YEARS, step_pct: int = 1,
) -> pd.DataFrame:
    """:func:`budget_allocation` at every sales-force share from 0% to 100% (in ``step_pct`` steps).

    Returns ``sales_led_pct`` and, per motion, ``<motion>_lifetime_revenue_musd``,
    plus ``sales_led_revenue_share`` and ``gross_profit_per_dollar``.
    """
    rows = []
    for pct in range(0, 101, step_pct):
        a = budget_allocation(pct / 100, self_serve, sales_led, budget_musd, horizon_years)
        rows.append({
            "sales_led_pct": pct,
            **{f"{k}_lifetime_revenue_musd": v for k, v in a.lifetime_revenue_musd.items()},
            "sales_led_revenue_share": a.sales_led_revenue_share,
            "gross_profit_per_dollar": a.gross_profit_per_dollar,
        })
    return pd.DataFrame(rows)


GTM_INPUT_LABELS = {
    "cac": "acquisition cost (USD k)",
    "acv": "contract per year (USD k)",
    "gross_margin": "gross margin (%)",
    "retention": "annual retention (%)",
}
GTM_PARAMS = tuple(f"{m}_{i}" for m in MOTIONS for i in GTM_INPUT_LABELS) + ("sales_led_share",)
_MOTION_SHORT = {"self_serve": "self-serve", "sales_led": "sales force"}


def gtm_expressions(horizon_years: int = HORIZON_YEARS) -> dict[str, str]:
    """The Vega expressions that mirror :func:`motion_economics` and :func:`budget_allocation`.

    They read the chart's parameters (``self_serve_cac`` … ``sales_led_retention`` in
    the sliders' units: USD thousands and percent; ``sales_led_share`` in percent)
    and, per row, ``datum.motion`` (a :data:`MOTIONS` key) or ``datum.sales_led_pct``.
    """
    h = int(horizon_years)

    def life(key: str) -> str:
        r = f"({key}_retention / 100)"
        return f"({r} >= 1 ? {h} : (1 - pow({r}, {h})) / (1 - {r}))"

    def pick(name: str) -> str:
        return f"(datum.motion == 'sales_led' ? sales_led_{name} : self_serve_{name})"

    expressions = {
        # Per motion (rows with datum.motion)
        "annual_gross_profit": f"{pick('acv')} * {pick('gross_margin')} / 100",
        "lifetime_years": f"(datum.motion == 'sales_led' ? {life('sales_led')} : {life('self_serve')})",
        "ltv": "datum.annual_gross_profit * datum.lifetime_years",
        "ltv_to_cac": f"datum.ltv / {pick('cac')}",
        "payback_months": f"12 * {pick('cac')} / datum.annual_gross_profit",
    }
    budget = DEFAULT_BUDGET_MUSD
    for key in MOTIONS:
        spend = f"({budget} * datum.sales_led_pct / 100)" if key == "sales_led" else f"({budget} * (1 - datum.sales_led_pct / 100))"
        expressions[f"{key}_lifetime_revenue_musd"] = (
            f"{spend} * 1000 / {key}_cac * {key}_acv / 1000 * {life(key)}"
        )
    expressions["sales_led_revenue_share"] = (
        "datum.sales_led_lifetime_revenue_musd / (datum.sales_led_lifetime_revenue_musd + datum.self_serve_lifetime_revenue_musd)"
    )
    expressions["gross_profit_per_dollar"] = (
        f"(datum.self_serve_lifetime_revenue_musd * self_serve_gross_margin / 100"
        f" + datum.sales_led_lifetime_revenue_musd * sales_led_gross_margin / 100) / {budget}"
    )
    return expressions


def _gtm_params(defaults: dict[str, dict[str, float]], sales_led_share: float) -> list[alt.Parameter]:
    params = []
    for key, label in MOTIONS.items():
        for name, what in GTM_INPUT_LABELS.items():
            low, high = GTM_RANGES[key][name]
            step = GTM_STEPS[key][name]
            slider_label = f"Assumption: {_MOTION_SHORT[key]} {what} "
            if name in ("gross_margin", "retention"):
                params.append(_percent_slider(f"{key}_{name}", slider_label, defaults[key][name], low, high, step))
            else:
                params.append(alt.param(
                    name=f"{key}_{name}", value=defaults[key][name],
                    bind=alt.binding_range(min=low, max=high, step=step, name=slider_label),
                ))
    params.append(_percent_slider("sales_led_share", "Share of the budget spent on the sales force (%) ",
                                  sales_led_share, 0.0, 1.0, 1))
    return params


def gtm_chart(
    source: str, defaults: dict[str, dict[str, float]] | None = None,
    sales_led_share: float = DEFAULT_SALES_LED_SHARE,
) -> alt.VConcatChart:
    """The go-to-market model: each motion's unit economics, and a budget split between them.

    Top: LTV/CAC and payback of a customer of each motion. Bottom: the lifetime
    revenue of the customers a USD 100 million budget wins, stacked by motion,
    against the share of the budget spent on the sales force (marked by a slider).
    Nine sliders: four assumptions per motion and the split. The browser
    recomputes everything with :func:`gtm_expressions`.
    """
    defaults = defaults or GTM_DEFAULTS
    expr = gtm_expressions()
    at_default = budget_allocation(sales_led_share, defaults["self_serve"], defaults["sales_led"])
    econ = at_default.economics
    motions = pd.DataFrame({"motion": list(MOTIONS), "label": list(MOTIONS.values()),
                            "short": [_MOTION_SHORT[k].capitalize() for k in MOTIONS]})
    per_customer = (
        alt.Chart(motions)
        .transform_calculate(annual_gross_profit=expr["annual_gross_profit"], lifetime_years=expr["lifetime_years"])
        .transform_calculate(ltv=expr["ltv"])
        .transform_calculate(ltv_to_cac=expr["ltv_to_cac"], payback_months=expr["payback_months"])
        .transform_calculate(
            readout=("format(datum.ltv_to_cac, ',.1f') + '× · payback '"
                     " + format(datum.payback_months, datum.payback_months < 10 ? '.1f' : ',.0f') + ' mo'")
        )
    )
    motion_colors = {MOTIONS["self_serve"]: "#2ca02c", MOTIONS["sales_led"]: "#1f77b4"}
    y = alt.Y("short:N", title=None, sort=[_MOTION_SHORT[k].capitalize() for k in MOTIONS])
    color = alt.Color("label:N", title=None, scale=_scale(motion_colors), legend=None)
    bars = per_customer.mark_bar(height=28).encode(
        y=y, x=alt.X("ltv_to_cac:Q", title="Lifetime value ÷ acquisition cost", scale=alt.Scale(zero=True)),
        color=color,
        tooltip=[
            alt.Tooltip("label:N", title="Motion"),
            alt.Tooltip("ltv:Q", format=",.1f", title="Lifetime value (USD k)"),
            alt.Tooltip("ltv_to_cac:Q", format=".2f", title="LTV / CAC"),
            alt.Tooltip("payback_months:Q", format=",.1f", title="Payback (months)"),
            alt.Tooltip("lifetime_years:Q", format=".2f", title="Expected paid years"),
        ],
    )
    labels = per_customer.mark_text(align="left", dx=4, fontSize=11).encode(y=y, x="ltv_to_cac:Q", text="readout:N")
    breakeven = alt.Chart(pd.DataFrame({"x": [1]})).mark_rule(color="#d62728", strokeDash=[4, 3]).encode(x="x:Q")
    breakeven_label = alt.Chart(pd.DataFrame({"x": [1]})).mark_text(
        align="left", dx=3, y=-4, baseline="bottom", fontSize=10, color="#d62728", text="LTV = CAC"
    ).encode(x="x:Q")
    top = alt.layer(breakeven, bars, labels, breakeven_label).properties(
        width=WIDTH - 160, height=90, title=alt.TitleParams("Per customer", anchor="start", fontSize=12, dy=-6))

    grid = pd.DataFrame({"sales_led_pct": range(0, 101)})
    sweep = alt.Chart(grid).transform_calculate(
        self_serve_lifetime_revenue_musd=expr["self_serve_lifetime_revenue_musd"],
        sales_led_lifetime_revenue_musd=expr["sales_led_lifetime_revenue_musd"],
    ).transform_calculate(
        sales_led_revenue_share=expr["sales_led_revenue_share"],
        gross_profit_per_dollar=expr["gross_profit_per_dollar"],
    )
    folded = sweep.transform_fold(
        ["self_serve_lifetime_revenue_musd", "sales_led_lifetime_revenue_musd"], as_=["series", "revenue_musd"]
    ).transform_calculate(
        label=f"datum.series == 'sales_led_lifetime_revenue_musd' ? '{MOTIONS['sales_led']}' : '{MOTIONS['self_serve']}'",
        order="datum.series == 'sales_led_lifetime_revenue_musd' ? 1 : 0",
    )
    x = alt.X("sales_led_pct:Q", title="Share of the budget spent on the sales force (%)", scale=alt.Scale(domain=[0, 100]))
    areas = folded.mark_area(opacity=0.8).encode(
        x=x, y=alt.Y("revenue_musd:Q", title="Lifetime revenue won (USD m)", stack="zero"),
        color=alt.Color("label:N", title=None, scale=_scale(motion_colors), legend=alt.Legend(orient="bottom")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip("sales_led_pct:Q", title="Sales-force share of budget (%)"),
                 alt.Tooltip("label:N", title="Motion"),
                 alt.Tooltip("revenue_musd:Q", format="$,.0f", title="Lifetime revenue (USD m)")],
    )
    at_split = sweep.transform_filter("datum.sales_led_pct == sales_led_share")
    rule = at_split.mark_rule(color="#333", strokeDash=[4, 3], strokeWidth=1.5).encode(x=x)
    readout = at_split.transform_calculate(
        text=("'At ' + datum.sales_led_pct + '% to the sales force: ' + format(datum.sales_led_revenue_share, '.0%')"
              " + ' of revenue from enterprises, ' + format(datum.gross_profit_per_dollar, '$.2f')"
              " + ' gross profit per $1'")
    ).mark_text(align="left", baseline="bottom", x=0, y=-8, fontSize=12, fontWeight="bold").encode(text="text:N")
    bottom = alt.layer(areas, rule, readout).properties(
        width=WIDTH - 40, height=200,
        title=alt.TitleParams(f"A USD {DEFAULT_BUDGET_MUSD:.0f} million acquisition budget, split between the motions",
                              anchor="start", fontSize=12, dy=-18))
    best = max(MOTIONS, key=lambda k: econ[k].ltv_to_cac)
    other = next(k for k in MOTIONS if k != best)
    return (
        alt.vconcat(top, bottom, spacing=30)
        .add_params(*_gtm_params(defaults, sales_led_share))
        .resolve_scale(color="independent")
        .properties(
            title=_title(
                source,
                f"At our defaults, a {_MOTION_SHORT[best]} customer returns {econ[best].ltv_to_cac:.1f}× its cost, "
                f"a {_MOTION_SHORT[other]} customer {econ[other].ltv_to_cac:.1f}×",
                f"Illustrative assumptions, not Amazon's figures; LTV: gross profit over at most {HORIZON_YEARS} years, "
                "undiscounted",
            ),
            description=(
                "Go-to-market model with nine sliders. Top: bars of lifetime value divided by acquisition cost for a "
                f"self-serve and a sales-force customer, at the defaults {econ['self_serve'].ltv_to_cac:.1f} and "
                f"{econ['sales_led'].ltv_to_cac:.1f}, with payback of {econ['self_serve'].payback_months:.0f} and "
                f"{econ['sales_led'].payback_months:.0f} months. Bottom: stacked areas of the lifetime revenue a "
                f"{DEFAULT_BUDGET_MUSD:.0f} million dollar budget wins as its share spent on the sales force goes from 0 to "
                f"100 percent; at {sales_led_share:.0%} the sales force brings {at_default.sales_led_revenue_share:.0%} "
                "of the revenue."
            ),
        )
    )


def gtm_result_chart(allocation: BudgetAllocation, source: str) -> alt.Chart:
    """One budget split's cohort: customers won and lifetime revenue per motion (no controls; the workbench drives it)."""
    rows = pd.DataFrame({
        "label": [MOTIONS[k] for k in MOTIONS],
        "revenue_musd": [allocation.lifetime_revenue_musd[k] for k in MOTIONS],
        "gross_profit_musd": [allocation.lifetime_gross_profit_musd[k] for k in MOTIONS],
        "customers": [allocation.customers[k] for k in MOTIONS],
    })
    colors = {MOTIONS["self_serve"]: "#2ca02c", MOTIONS["sales_led"]: "#1f77b4"}
    return alt.Chart(rows).mark_bar().encode(
        y=alt.Y("label:N", title=None, sort=list(colors), axis=alt.Axis(labelLimit=200)),
        x=alt.X("revenue_musd:Q", title="Cohort's lifetime revenue (USD m)"),
        color=alt.Color("label:N", scale=_scale(colors), legend=None),
        tooltip=[alt.Tooltip("label:N", title="Motion"), alt.Tooltip("customers:Q", format=",.0f", title="Customers"),
                 alt.Tooltip("revenue_musd:Q", format="$,.1f", title="Lifetime revenue (USD m)"),
                 alt.Tooltip("gross_profit_musd:Q", format="$,.1f", title="Lifetime gross profit (USD m)")],
    ).properties(
        width=WIDTH - 160, height=100,
        title=_title(
            source,
            f"{allocation.sales_led_share:.0%} of the budget on the sales force brings "
            f"{allocation.sales_led_revenue_share:.0%} of the cohort's lifetime revenue",
            f"USD {allocation.budget_musd:,.0f} million of acquisition budget, split between the two motions",
        ),
        description=(
            f"Horizontal bar chart of the lifetime revenue of the customers a {allocation.budget_musd:,.0f} million dollar "
            f"budget wins: self-serve {allocation.lifetime_revenue_musd['self_serve']:,.0f} million from "
            f"{allocation.customers['self_serve']:,.0f} customers, sales force "
            f"{allocation.lifetime_revenue_musd['sales_led']:,.0f} million from {allocation.customers['sales_led']:,.0f} customers."
        ),
    )


def allocation_sentence(allocation: BudgetAllocation) -> str:
    """One sentence that states a budget split's outcome in words."""
    e = allocation.economics
    return (
        f"With {allocation.sales_led_share:.0%} of USD {allocation.budget_musd:,.0f} million spent on the sales force, "
        f"the cohort brings USD {sum(allocation.lifetime_revenue_musd.values()):,.0f} million of lifetime revenue, "
        f"{allocation.sales_led_revenue_share:.0%} of it from enterprises, and "
        f"{allocation.gross_profit_per_dollar:.2f} dollars of gross profit per dollar spent; "
        f"LTV/CAC is {e['self_serve'].ltv_to_cac:.1f} self-serve and {e['sales_led'].ltv_to_cac:.1f} through the sales force."
    )


def allocation_table_html(allocation: BudgetAllocation) -> str:
    """An HTML table of each motion's unit economics and cohort."""
    table = pd.DataFrame({
        MOTIONS[k]: {
            "Lifetime value (USD k)": allocation.economics[k].ltv,
            "LTV / CAC": allocation.economics[k].ltv_to_cac,
            "Payback (months)": allocation.economics[k].payback_months,
            "Customers won": allocation.customers[k],
            "Lifetime revenue (USD m)": allocation.lifetime_revenue_musd[k],
        } for k in MOTIONS
    })
    return table.to_html(float_format="{:,.1f}".format, classes="projection-table", border=0)


def gtm_workbench(source: str = "our model and assumptions (amazon_case.aws)") -> ModelWorkbench:
    """A live-notebook workbench for :func:`budget_allocation`: the split's slider first, then each motion's four.

    Its sentence, table and chart come from :func:`allocation_sentence`,
    :func:`allocation_table_html` and :func:`gtm_result_chart`.
    """
    controls = {"sales_led_share": percent_slider("Share of the budget on the sales force (%)",
                                                  DEFAULT_SALES_LED_SHARE, (0.0, 1.0), step=1)}
    for key, motion in MOTIONS.items():
        for name, what in GTM_INPUT_LABELS.items():
            label, value, bounds = f"{motion}: {what}", GTM_DEFAULTS[key][name], GTM_RANGES[key][name]
            step = GTM_STEPS[key][name]
            controls[f"{key}:{name}"] = (percent_slider(label, value, bounds, step=step)
                                         if name in ("gross_margin", "retention") else number_slider(label, value, bounds, step))

    def allocate(sales_led_share: float, **inputs: float) -> BudgetAllocation:
        motions = {key: {name: inputs[f"{key}:{name}"] for name in GTM_INPUT_LABELS} for key in MOTIONS}
        return budget_allocation(sales_led_share, motions["self_serve"], motions["sales_led"])

    return ModelWorkbench(
        "Go-to-market workbench (every input is an assumption)", controls, compute=allocate,
        describe=allocation_sentence, tabulate=allocation_table_html,
        draw=lambda allocation: gtm_result_chart(allocation, source),
    )


# ---------------------------------------------------------------------------
# What-if: AWS's growth and margin in the financials projection
# ---------------------------------------------------------------------------

WHATIF_PARAMS = ("aws_growth", "aws_margin")


def aws_projection(
    base: pd.DataFrame, assumptions: pd.DataFrame, base_year: int, aws_growth: float, aws_margin: float, years: int = 5
) -> pd.DataFrame:
    """:func:`models.project_segments` with AWS at the given growth and margin, the other segments at ``assumptions``."""
    growth = assumptions["growth"].to_dict() | {"AWS": aws_growth}
    margin = assumptions["margin"].to_dict() | {"AWS": aws_margin}
    return project_segments(base, growth, margin, base_year, years)


def aws_whatif_chart(
    history: pd.DataFrame, assumptions: pd.DataFrame, base_year: int, source: str, years: int = 5,
    first_year: int | None = None,
) -> alt.VConcatChart:
    """Amazon's operating income by segment, reported then projected, with AWS's growth and margin on sliders.

    The other segments keep ``assumptions`` (as in the financials chapter's
    defaults). The browser recomputes the projection with
    :func:`amazon_case.charts.projection_base` (the projection charts' shared model), the mirror of
    :func:`amazon_case.models.project_segments`. Below: AWS's share of
    operating income per year (drawn only where the total is positive).
    """
    first_year = base_year - 5 if first_year is None else first_year
    last = base_year + years
    base_table = history[history["fiscal_year"] == base_year].set_index("segment")
    default = aws_projection(base_table, assumptions, base_year, assumptions.at["AWS", "growth"],
                             assumptions.at["AWS", "margin"], years)
    default_share = default.set_index(["fiscal_year", "segment"]).at[(last, "AWS"), "share_of_operating_income"]
    keys = {"North America": "na", "International": "intl", "AWS": "aws"}
    params = []
    for segment, key in keys.items():
        for kind, bounds in (("growth", GROWTH_RANGE), ("margin", MARGIN_RANGE)):
            if segment == "AWS":
                what = "growth per year" if kind == "growth" else "operating margin"
                params.append(_percent_slider(f"aws_{kind}", f"Assumption: AWS {what} (%) ",
                                              assumptions.at["AWS", kind], *bounds, step=0.5))
            else:  # fixed at the financials chapter's default: a parameter with no control
                params.append(alt.param(name=f"{key}_{kind}", value=round(assumptions.at[segment, kind] * 100, 4)))
    base = projection_base(history, base_year, first_year, years)
    x = alt.X("fiscal_year:O", title="Fiscal year")
    income = base.mark_bar().encode(
        x=x, y=alt.Y("operating_income_bn:Q", title="Operating income (USD bn)", stack="zero"),
        color=alt.Color("segment:N", title="Segment", scale=_scale(SEGMENT_COLORS), legend=alt.Legend(orient="top")),
        order=alt.Order("segment_order:Q"),
        opacity=alt.condition("datum.k <= 0", alt.value(1.0), alt.value(0.5)),
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"), alt.Tooltip("segment:N", title="Segment"),
                 alt.Tooltip("kind:N", title="Reported or projected"),
                 alt.Tooltip("operating_income_bn:Q", format="$,.1f", title="Operating income (USD bn)")],
    )
    shares = base.transform_joinaggregate(
        total_income="sum(operating_income_musd)", groupby=["fiscal_year"]
    ).transform_filter("datum.segment == 'AWS' && datum.total_income > 0").transform_calculate(
        aws_share_pct="100 * datum.operating_income_musd / datum.total_income"
    )
    every_year = alt.X("fiscal_year:O", title="Fiscal year", scale=alt.Scale(domain=list(range(first_year, last + 1))))
    share_line = shares.mark_line(point=True, color=SEGMENT_COLORS["AWS"], strokeWidth=2.5).encode(
        x=every_year, y=alt.Y("aws_share_pct:Q", title="AWS's share of operating income (%)"),
        tooltip=[alt.Tooltip("fiscal_year:O", title="Fiscal year"),
                 alt.Tooltip("aws_share_pct:Q", format=".1f", title="AWS share (%)")],
    )
    hundred = alt.Chart(pd.DataFrame({"y": [0, 100]})).mark_rule(color="#999", strokeDash=[4, 3]).encode(y="y:Q")
    totals = base.transform_filter(f"datum.fiscal_year == {last}").transform_calculate(
        aws_income="datum.segment == 'AWS' ? datum.operating_income_musd : 0"
    ).transform_aggregate(income="sum(operating_income_musd)", aws="sum(aws_income)").transform_calculate(
        text=(f"'FY{last}: operating income ' + format(datum.income / 1000, '$,.0f') + ' bn; '"
              " + (datum.income > 0 ? format(datum.aws / datum.income, '.0%') + ' of it from AWS'"
              " : 'not positive, so AWS has no meaningful share of it')")
    ).mark_text(align="left", baseline="bottom", x=0, y=-8, fontSize=12, fontWeight="bold").encode(text="text:N")
    top = alt.layer(income, totals).properties(width=WIDTH, height=240)
    bottom = alt.layer(hundred, share_line).properties(width=WIDTH, height=140)
    return (
        alt.vconcat(top, bottom, spacing=30)
        .add_params(*params)
        .properties(
            title=_title(
                source,
                f"At recent growth and margin, AWS would earn {default_share:.0%} of Amazon's operating income in FY{last}",
                f"Reported to FY{base_year}, projected after (faded); other segments at the Financials chapter's defaults",
            ),
            description=(
                f"Stacked bar chart of operating income by segment, reported FY{first_year}–FY{base_year} and projected "
                f"to FY{last}, with a line of AWS's share of operating income below it. Two sliders set AWS's annual "
                f"growth and operating margin; at the defaults, {assumptions.at['AWS', 'growth']:.1%} and "
                f"{assumptions.at['AWS', 'margin']:.1%}, AWS earns {default_share:.0%} of the FY{last} total. "
                "A line of text states the total and AWS's share."
            ),
        )
    )
