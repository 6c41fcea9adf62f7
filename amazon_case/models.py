"""The book's models: pure functions of the 10-K figures and the reader's assumptions.

Every function here is pure (no I/O, no global state) and checks its inputs:
an assumption outside its allowed range raises :class:`AssumptionError`
naming the parameter, its value and the range, rather than returning a number
that would draw a silently wrong chart.

Where a chart in the static site recomputes a model in the browser (a Vega
expression), the expression lives next to the chart that uses it: the models
of this module in :mod:`amazon_case.charts`, a chapter's own models in that
chapter's module (:mod:`amazon_case.retail`, :mod:`amazon_case.aws`, ...).
A browser test checks that both give the same numbers at several settings.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass

import pandas as pd

from .data import CATEGORY_METRICS, SEGMENT_METRICS


class AssumptionError(ValueError):
    """An assumption (a model parameter) is outside the range the model accepts."""


def _check_range(name: str, value: float, low: float, high: float, *, low_open: bool = False) -> float:
    """Return ``value`` as float if ``low <= value <= high`` (or ``low < value``), else raise."""
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise AssumptionError(f"parameter {name!r} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise AssumptionError(f"parameter {name!r} must be finite, got {value!r}")
    below = number <= low if low_open else number < low
    if below or number > high:
        bracket = "(" if low_open else "["
        raise AssumptionError(f"parameter {name!r} = {value!r} is outside the allowed range {bracket}{low}, {high}]")
    return number


# ---------------------------------------------------------------------------
# Historical series derived from the filings
# ---------------------------------------------------------------------------


def revenue_mix(wide: pd.DataFrame) -> pd.DataFrame:
    """Net sales by category and year, with each category's share of total net sales.

    ``wide`` is :func:`amazon_case.data.annual_wide` (one row per fiscal year).
    Returns a tidy frame: ``fiscal_year``, ``category``, ``net_sales_musd``,
    ``share_of_net_sales`` (0–1). Categories a year did not report (advertising
    before 2019, physical stores before 2015) are left out, not set to zero.
    """
    rows = []
    for year, record in wide.iterrows():
        total = record["net_sales_total"]
        if not total > 0:
            raise ValueError(f"fiscal year {year}: net_sales_total must be positive, got {total}")
        for metric, category in CATEGORY_METRICS.items():
            value = record.get(metric)
            if value is None or pd.isna(value):
                continue
            rows.append(
                {
                    "fiscal_year": int(year),
                    "category": category,
                    "net_sales_musd": float(value),
                    "share_of_net_sales": float(value) / float(total),
                }
            )
    return pd.DataFrame(rows)


def segment_history(wide: pd.DataFrame) -> pd.DataFrame:
    """Segment net sales, operating income and operating margin per year.

    Returns a tidy frame: ``fiscal_year``, ``segment``, ``net_sales_musd``,
    ``operating_income_musd``, ``operating_margin`` (operating income / net sales).
    """
    rows = []
    for year, record in wide.iterrows():
        for segment, (sales_metric, income_metric) in SEGMENT_METRICS.items():
            sales, income = float(record[sales_metric]), float(record[income_metric])
            if not sales > 0:
                raise ValueError(f"fiscal year {year}: {sales_metric} must be positive, got {sales}")
            rows.append(
                {
                    "fiscal_year": int(year),
                    "segment": segment,
                    "net_sales_musd": sales,
                    "operating_income_musd": income,
                    "operating_margin": income / sales,
                }
            )
    return pd.DataFrame(rows)


#: Our grouping of Amazon's net sales categories by who pays (the 10-K has no such split).
CUSTOMER_GROUPS: dict[str, str] = {
    "net_sales_online_stores": "Consumers",
    "net_sales_physical_stores": "Consumers",
    "net_sales_subscription_services": "Consumers",
    "net_sales_third_party_seller_services": "Businesses",
    "net_sales_advertising_services": "Businesses",
    "net_sales_aws": "Businesses",
    "net_sales_other": "Other",
}


def customer_split(wide: pd.DataFrame) -> pd.DataFrame:
    """Net sales per year from consumers (B2C) and from businesses (B2B), by our grouping.

    Consumers pay for online-store goods, physical-store goods and
    subscriptions; businesses pay third-party seller fees, advertising and
    AWS; ``Other`` stays apart (before 2019 it also holds advertising, which
    the filings did not break out). Returns one row per fiscal year with the
    three sums (USD millions) and ``business_share`` of total net sales.
    """
    rows = []
    for year, record in wide.iterrows():
        sums = dict.fromkeys(("Consumers", "Businesses", "Other"), 0.0)
        for metric, group in CUSTOMER_GROUPS.items():
            value = record.get(metric)
            if value is not None and not pd.isna(value):
                sums[group] += float(value)
        total = float(record["net_sales_total"])
        rows.append({"fiscal_year": int(year), **sums, "business_share": sums["Businesses"] / total})
    return pd.DataFrame(rows).set_index("fiscal_year")


def gross_margin_history(wide: pd.DataFrame) -> pd.DataFrame:
    """Consolidated gross margin, (net sales - cost of sales) / net sales, per fiscal year,
    beside the share of net sales that is not Amazon's own merchandise (everything but online and physical stores)."""
    sales, cost = wide["net_sales_total"], wide["cost_of_sales"]
    goods = wide["net_sales_online_stores"] + wide["net_sales_physical_stores"].fillna(0)
    return pd.DataFrame(
        {"gross_margin": (sales - cost) / sales, "services_share": 1 - goods / sales}, index=wide.index
    )


def cagr(start_value: float, end_value: float, years: int) -> float:
    """Compound annual growth rate from ``start_value`` to ``end_value`` over ``years`` years."""
    if years <= 0:
        raise ValueError(f"years must be positive, got {years}")
    if start_value <= 0 or end_value <= 0:
        raise ValueError(f"growth rate needs positive values, got start {start_value} and end {end_value}")
    return (end_value / start_value) ** (1 / years) - 1


# ---------------------------------------------------------------------------
# The hybrid store: first-party sales recognised gross, third-party fees net
# ---------------------------------------------------------------------------

#: Allowed ranges of the hybrid-store assumptions (shared with the chart's sliders).
HYBRID_RANGES: dict[str, tuple[float, float]] = {
    "third_party_unit_share": (0.0, 1.0),
    "first_party_gross_margin": (0.0, 0.6),
    "third_party_take_rate": (0.05, 0.6),
    "third_party_cost_ratio": (0.0, 1.0),
}

#: Our default assumptions for the hybrid-store model (labelled as ours in the book).
HYBRID_DEFAULTS: dict[str, float] = {
    "third_party_unit_share": 0.62,  # Amazon's stated Q4 2024 share of paid units
    "first_party_gross_margin": 0.25,
    "third_party_take_rate": 0.30,
    "third_party_cost_ratio": 0.50,
}


@dataclass(frozen=True)
class StoreEconomics:
    """What Amazon reports for a given amount of merchandise sold in its stores."""

    merchandise_value: float
    first_party_net_sales: float
    third_party_net_sales: float
    reported_net_sales: float
    gross_profit: float
    gross_margin: float

    def as_dict(self) -> dict[str, float]:
        return asdict(self)


def hybrid_store_economics(
    third_party_unit_share: float,
    first_party_gross_margin: float,
    third_party_take_rate: float,
    third_party_cost_ratio: float,
    merchandise_value: float = 100.0,
) -> StoreEconomics:
    """Reported revenue and gross profit when a share of units moves to third-party sellers.

    A first-party sale is recognised **gross**: Amazon is the principal, so the
    whole price is net sales and the merchandise's cost is cost of sales. A
    third-party sale is recognised **net**: Amazon is the agent, so only its
    fees (``third_party_take_rate`` of the price) are net sales, and the cost of
    serving the order (``third_party_cost_ratio`` of those fees) is the direct cost.
    Units are assumed to sell at the same average price either way, so the
    ``merchandise_value`` (what customers pay) splits by unit share.

    Parameters
    ----------
    third_party_unit_share
        Share of units sold by third-party sellers, 0–1.
    first_party_gross_margin
        Amazon's margin on its own merchandise after its cost, 0–0.6.
    third_party_take_rate
        Amazon's fees as a share of a third-party sale's price, 0.05–0.6.
    third_party_cost_ratio
        Direct cost of serving third-party orders, as a share of the fees, 0–1.
    merchandise_value
        What customers pay for all units, in any currency unit (default 100).

    Returns
    -------
    StoreEconomics
        Net sales from each side, reported net sales, gross profit and gross margin.
    """
    share = _check_range("third_party_unit_share", third_party_unit_share, *HYBRID_RANGES["third_party_unit_share"])
    margin = _check_range("first_party_gross_margin", first_party_gross_margin, *HYBRID_RANGES["first_party_gross_margin"])
    take = _check_range("third_party_take_rate", third_party_take_rate, *HYBRID_RANGES["third_party_take_rate"])
    cost = _check_range("third_party_cost_ratio", third_party_cost_ratio, *HYBRID_RANGES["third_party_cost_ratio"])
    gmv = _check_range("merchandise_value", merchandise_value, 0.0, math.inf, low_open=True)
    first_party = gmv * (1 - share)
    third_party = gmv * share * take
    reported = first_party + third_party
    gross_profit = first_party * margin + third_party * (1 - cost)
    return StoreEconomics(
        merchandise_value=gmv,
        first_party_net_sales=first_party,
        third_party_net_sales=third_party,
        reported_net_sales=reported,
        gross_profit=gross_profit,
        gross_margin=gross_profit / reported,
    )


# ---------------------------------------------------------------------------
# Segment projection
# ---------------------------------------------------------------------------

#: Allowed ranges of the projection's assumptions (shared with the sliders).
GROWTH_RANGE: tuple[float, float] = (-0.2, 0.4)
MARGIN_RANGE: tuple[float, float] = (-0.2, 0.5)
MAX_PROJECTION_YEARS = 10


def default_projection_assumptions(
    history: pd.DataFrame, base_year: int, lookback_years: int = 5
) -> pd.DataFrame:
    """Default growth and margin per segment, read off the filings.

    Growth is the segment's net sales CAGR over the ``lookback_years`` to
    ``base_year``; margin is its operating margin in ``base_year``. Both are
    rounded to the nearest 0.5 percentage point, the step of the book's sliders,
    and clipped to the allowed ranges. ``history`` is :func:`segment_history`.
    Returns a frame indexed by segment with columns ``growth`` and ``margin``.
    """
    start_year = base_year - lookback_years
    rows = {}
    for segment, group in history.groupby("segment", sort=False):
        by_year = group.set_index("fiscal_year")
        if base_year not in by_year.index or start_year not in by_year.index:
            raise ValueError(f"segment {segment!r} lacks fiscal year {start_year} or {base_year}")
        growth = cagr(by_year.at[start_year, "net_sales_musd"], by_year.at[base_year, "net_sales_musd"], lookback_years)
        margin = by_year.at[base_year, "operating_margin"]
        rows[segment] = {
            "growth": min(max(round(growth * 200) / 200, GROWTH_RANGE[0]), GROWTH_RANGE[1]),
            "margin": min(max(round(margin * 200) / 200, MARGIN_RANGE[0]), MARGIN_RANGE[1]),
        }
    return pd.DataFrame.from_dict(rows, orient="index")


def project_segments(
    base: pd.DataFrame,
    growth: Mapping[str, float],
    margin: Mapping[str, float],
    base_year: int,
    years: int = 5,
) -> pd.DataFrame:
    """Project each segment's net sales and operating income ``years`` years past ``base_year``.

    Net sales grow at the segment's constant annual ``growth`` rate; operating
    income is net sales times the segment's constant operating ``margin`` in
    every projected year. The base year keeps its reported figures.

    Parameters
    ----------
    base
        One row per segment (index = segment name) with ``net_sales_musd`` and
        ``operating_income_musd`` for ``base_year``.
    growth, margin
        Per-segment annual growth and operating margin (fractions), for every
        segment in ``base``.
    base_year
        The last reported fiscal year.
    years
        How many years to project, 1–10.

    Returns
    -------
    pandas.DataFrame
        ``fiscal_year``, ``segment``, ``net_sales_musd``, ``operating_income_musd``,
        ``share_of_net_sales``, ``share_of_operating_income`` and ``kind``
        (``"reported"`` for the base year, ``"projected"`` after it).
    """
    if not 1 <= int(years) <= MAX_PROJECTION_YEARS:
        raise AssumptionError(f"parameter 'years' = {years!r} is outside the allowed range [1, {MAX_PROJECTION_YEARS}]")
    rows = []
    for segment, record in base.iterrows():
        if segment not in growth:
            raise AssumptionError(f"parameter 'growth' has no rate for segment {segment!r}")
        if segment not in margin:
            raise AssumptionError(f"parameter 'margin' has no rate for segment {segment!r}")
        g = _check_range(f"growth[{segment}]", growth[segment], *GROWTH_RANGE)
        m = _check_range(f"margin[{segment}]", margin[segment], *MARGIN_RANGE)
        sales0 = float(record["net_sales_musd"])
        rows.append((base_year, segment, sales0, float(record["operating_income_musd"]), "reported"))
        for k in range(1, int(years) + 1):
            sales = sales0 * (1 + g) ** k
            rows.append((base_year + k, segment, sales, sales * m, "projected"))
    frame = pd.DataFrame(rows, columns=["fiscal_year", "segment", "net_sales_musd", "operating_income_musd", "kind"])
    totals = frame.groupby("fiscal_year")[["net_sales_musd", "operating_income_musd"]].transform("sum")
    frame["share_of_net_sales"] = frame["net_sales_musd"] / totals["net_sales_musd"]
    # A share of operating income is only meaningful when the total is positive.
    positive = totals["operating_income_musd"] > 0
    frame["share_of_operating_income"] = (frame["operating_income_musd"] / totals["operating_income_musd"]).where(positive)
    return frame


def projection_summary(projection: pd.DataFrame) -> pd.DataFrame:
    """Totals per year of a :func:`project_segments` result, with the operating margin."""
    totals = projection.groupby("fiscal_year")[["net_sales_musd", "operating_income_musd"]].sum()
    totals["operating_margin"] = totals["operating_income_musd"] / totals["net_sales_musd"]
    return totals


# ---------------------------------------------------------------------------
# Checking the source document's claims
# ---------------------------------------------------------------------------


def claim_verdict(claimed: float, actual: float, qualifier: str, label_issue: str = "") -> str:
    """Judge a claim such as "over $31 billion" against the filed figure.

    ``qualifier`` is ``"over"`` (the document says "over X") or ``"about"``.
    Returns ``"holds"``, ``"rounded"`` (within 1% of the figure, on the wrong
    side of "over"), ``"mislabelled"`` (the number matches a line whose name is
    not what the document calls it: ``label_issue`` says how) or
    ``"does not hold"``.
    """
    if qualifier not in {"over", "about"}:
        raise ValueError(f"qualifier must be 'over' or 'about', got {qualifier!r}")
    if not actual or not math.isfinite(actual):
        raise ValueError(f"actual must be a non-zero finite number, got {actual!r}")
    gap = (actual - claimed) / abs(actual)
    if qualifier == "over":
        numeric = "holds" if actual > claimed else ("rounded" if abs(gap) <= 0.01 else "does not hold")
    else:
        numeric = "holds" if abs(gap) <= 0.01 else ("rounded" if abs(gap) <= 0.05 else "does not hold")
    if numeric != "does not hold" and label_issue:
        return "mislabelled"
    return numeric


def check_claims(claims: pd.DataFrame, wide: pd.DataFrame) -> pd.DataFrame:
    """Compare each of the source document's claims with the filed figure.

    ``claims`` is :func:`amazon_case.data.load_claims`, ``wide`` is
    :func:`amazon_case.data.annual_wide`. Returns the claims with ``filed_value``
    (in the claim's unit: USD millions, or percent for a share),
    ``difference_pct`` (filed minus claimed, as a percentage of the filed figure)
    and ``verdict`` (see :func:`claim_verdict`).
    """
    rows = []
    for _, claim in claims.iterrows():
        year = claim["fiscal_year"]
        filed = float(wide.at[year, claim["metric"]])
        if claim["claimed_unit"] == "percent":
            filed = 100 * filed / float(wide.at[year, claim["denominator_metric"]])
        label_issue = claim["label_issue"] if isinstance(claim["label_issue"], str) else ""
        rows.append(
            {
                **claim.to_dict(),
                "filed_value": filed,
                "difference_pct": 100 * (filed - claim["claimed_value"]) / filed,
                "verdict": claim_verdict(claim["claimed_value"], filed, claim["qualifier"], label_issue),
            }
        )
    return pd.DataFrame(rows)
