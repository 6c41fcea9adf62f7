"""Amazon's figures: the filed numbers in ``data/``, loaded, validated and arranged for the chapters.

Loading checks each file against its manifest (:mod:`amazon_case.kit.data`): the schema
(columns, types, allowed values, primary key) and the rules the manifest declares (signs,
the first year of each metric, the accounting identities: the net sales categories add up
to total net sales, the segments add up to total net sales and to total operating income,
the AWS category equals the AWS segment, operating cash flow less purchases plus proceeds
is free cash flow). A failure raises :class:`~amazon_case.kit.data.DataValidationError`
naming the file, row (or the missing period) and column.

The tables several chapters share are derived here, once: net sales by category
(:func:`revenue_mix`), segment results (:func:`segment_history`), who pays
(:func:`customer_split`), the gross margin (:func:`gross_margin_history`). So are the
colours of Amazon's segments and categories, the same on every page.
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache
from pathlib import Path

import pandas as pd

from .kit.data import DataValidationError, check_rules, load_manifest, read_validated_csv

#: The folder that holds the book's data (``data/`` at the root of the project).
DATA_DIR = Path(__file__).resolve().parent.parent / "data"

ANNUAL_FILE = "amazon_annual.csv"
STATEMENTS_FILE = "amazon_dated_statements.csv"
QUARTERLY_FILE = "amazon_quarterly.csv"
CASH_FILE = "amazon_cash_and_capital.csv"
CLAIMS_FILE = "source_document_claims.csv"

#: Net sales categories, in the order Amazon's segment note prints them.
CATEGORY_METRICS: dict[str, str] = {
    "net_sales_online_stores": "Online stores",
    "net_sales_physical_stores": "Physical stores",
    "net_sales_third_party_seller_services": "Third-party seller services",
    "net_sales_advertising_services": "Advertising services",
    "net_sales_subscription_services": "Subscription services",
    "net_sales_aws": "AWS",
    "net_sales_other": "Other",
}

#: Reportable segments: display name -> (net sales metric, operating income metric).
SEGMENT_METRICS: dict[str, tuple[str, str]] = {
    "North America": ("segment_na_net_sales", "segment_na_operating_income"),
    "International": ("segment_intl_net_sales", "segment_intl_operating_income"),
    "AWS": ("segment_aws_net_sales", "segment_aws_operating_income"),
}

#: Fiscal years whose figures come from an unaudited earnings release, not a 10-K. None today:
#: FY2025 is cited to the FY2025 Form 10-K. The charts fade any year put here (a year read from
#: a release before its 10-K is read).
UNAUDITED_YEARS: frozenset[int] = frozenset()

#: Colours per segment and category, kept the same on every page.
SEGMENT_COLORS: dict[str, str] = {"North America": "#1f77b4", "International": "#9467bd", "AWS": "#ff7f0e"}
CATEGORY_COLORS: dict[str, str] = {
    "Online stores": "#1f77b4",
    "Physical stores": "#aec7e8",
    "Third-party seller services": "#2ca02c",
    "Advertising services": "#d62728",
    "Subscription services": "#9467bd",
    "AWS": "#ff7f0e",
    "Other": "#7f7f7f",
}

#: Largest difference (USD millions) tolerated between a total and the sum of
#: its parts: Amazon rounds each printed line to the nearest million.
ROUNDING_TOLERANCE_MUSD = 1.0


def load_annual(path: Path | str | None = None) -> pd.DataFrame:
    """Load Amazon's annual figures (USD millions), validated.

    Returns the tidy table: one row per fiscal year and metric, with the
    provenance columns of the file (document, statement, line label, status,
    note) and ``source_row``. Besides the manifest's schema, checks the rules it
    declares (:func:`~amazon_case.kit.data.check_rules`): no balance or flow that
    cannot be negative is; every metric has a row for every year from its first;
    the categories and the segments add up to total net sales, the segments to
    operating income, the AWS category equals the AWS segment, and operating cash
    flow less purchases plus proceeds is free cash flow. Raises
    :class:`DataValidationError` naming file, row (or the missing year) and column.
    """
    csv_path = Path(path) if path is not None else DATA_DIR / ANNUAL_FILE
    annual = read_validated_csv(csv_path)
    check_rules(annual, load_manifest(csv_path)["schema"], csv_path.name, ["fiscal_year"], ROUNDING_TOLERANCE_MUSD)
    return annual


def load_quarterly(path: Path | str | None = None, annual: pd.DataFrame | None = None) -> pd.DataFrame:
    """Load Amazon's quarterly figures, validated against their manifest and against the annual figures.

    Besides the manifest's schema: no (quarter, basis, metric) twice; every quarter has every
    required metric; nothing that cannot be negative is; the groups and the segments add up to
    the totals, and operating cash flow less net capital expenditure to free cash flow (TTM); and
    for every fiscal year whose four quarters are here, the quarters add up to the year in
    ``annual`` (default :func:`load_annual`), and the fourth quarter's trailing twelve months equal
    the year's cash flows. Raises :class:`DataValidationError` naming file, row and column.
    """
    csv_path = Path(path) if path is not None else DATA_DIR / QUARTERLY_FILE
    quarterly = read_validated_csv(csv_path)
    check_rules(quarterly, load_manifest(csv_path)["schema"], csv_path.name, ["fiscal_year", "quarter"],
                ROUNDING_TOLERANCE_MUSD)
    annual = load_annual() if annual is None else annual
    yearly = annual.set_index(["fiscal_year", "metric"])["value"]
    flows = quarterly[quarterly["basis"] == "three_months"]
    for (year, metric), group in flows.groupby(["fiscal_year", "metric"]):
        if sorted(group["quarter"]) != [1, 2, 3, 4] or (year, metric) not in yearly.index:
            continue
        total = group["value"].sum()
        if abs(total - yearly[(year, metric)]) > ROUNDING_TOLERANCE_MUSD:
            last = group[group["quarter"] == 4].iloc[0]
            raise DataValidationError(csv_path.name, int(last["source_row"]), "value",
                                      f"fiscal year {year}: the four quarters of {metric} add up to {total:,.0f}, "
                                      f"but {ANNUAL_FILE} has {yearly[(year, metric)]:,.0f}")
    q4 = quarterly[(quarterly["basis"] == "ttm") & (quarterly["quarter"] == 4)]
    for row in q4.itertuples():
        metric = row.metric.removesuffix("_ttm")
        if (row.fiscal_year, metric) in yearly.index and abs(row.value - yearly[(row.fiscal_year, metric)]) > ROUNDING_TOLERANCE_MUSD:
            raise DataValidationError(csv_path.name, int(row.source_row), "value",
                                      f"fiscal year {row.fiscal_year}: {row.metric} at Q4 is {row.value:,.0f}, but "
                                      f"the year's {metric} in {ANNUAL_FILE} is {yearly[(row.fiscal_year, metric)]:,.0f}")
    return quarterly


def load_cash_and_capital(path: Path | str | None = None, annual: pd.DataFrame | None = None) -> pd.DataFrame:
    """Load where Amazon's cash goes (``amazon_cash_and_capital.csv``), validated.

    Besides the manifest's schema: each row's unit is its metric's; ``period_end`` is a quarter's last
    day in ``fiscal_year``, and Dec 31 for a fiscal-year flow; nothing that cannot be negative is; every
    metric has a year-end row for every year from its first; the segments add up to the totals, and
    Amazon's lease-adjusted free cash flow measures equal free cash flow (from ``annual``, default
    :func:`load_annual`) less the repayments and lease additions they subtract; any metric the annual file
    also has must agree with it. Raises :class:`DataValidationError` naming file, row (or the missing
    year) and column.
    """
    csv_path = Path(path) if path is not None else DATA_DIR / CASH_FILE
    file = csv_path.name
    cash = read_validated_csv(csv_path)
    schema = load_manifest(csv_path)["schema"]
    metrics = schema["metrics"]
    for row in cash.itertuples():
        rule = metrics[row.metric]
        if row.unit != rule["unit"]:
            raise DataValidationError(file, int(row.source_row), "unit", f"{row.metric} is in {rule['unit']}, not {row.unit}")
        end = row.period_end
        if end.year != row.fiscal_year or (end.month, end.day) not in {(3, 31), (6, 30), (9, 30), (12, 31)}:
            raise DataValidationError(file, int(row.source_row), "period_end",
                                      f"{end} is not the last day of a quarter of fiscal year {row.fiscal_year}")
        if rule["period"] == "fiscal year" and (end.month, end.day) != (12, 31):
            raise DataValidationError(file, int(row.source_row), "period_end",
                                      f"{row.metric} is a fiscal-year flow: its period ends on Dec 31, not {end}")
    year_end = cash[[end == date(year, 12, 31) for end, year in zip(cash["period_end"], cash["fiscal_year"])]]
    annual = load_annual() if annual is None else annual
    yearly = annual.set_index(["fiscal_year", "metric"])["value"]
    for row in year_end.itertuples():
        if (row.fiscal_year, row.metric) in yearly.index and abs(row.value - yearly[(row.fiscal_year, row.metric)]) > ROUNDING_TOLERANCE_MUSD:
            raise DataValidationError(file, int(row.source_row), "value",
                                      f"fiscal year {row.fiscal_year}: {row.metric} is {row.value:,.0f}, but {ANNUAL_FILE} "
                                      f"has {yearly[(row.fiscal_year, row.metric)]:,.0f}")
    # The identities may use the annual file's figures (free cash flow): add them, never as a total.
    borrowed = {m for identity in schema.get("identities", []) for m in identity["parts"] + identity.get("subtract", [])
                if m not in metrics}
    years = set(year_end["fiscal_year"])
    extra = annual[annual["metric"].isin(borrowed) & annual["fiscal_year"].isin(years)]
    check_rules(pd.concat([year_end, extra[["fiscal_year", "metric", "value", "source_row"]]], ignore_index=True),
                schema, file, ["fiscal_year"], ROUNDING_TOLERANCE_MUSD)
    signs = {"metrics": {m: {"sign": rule["sign"]} for m, rule in metrics.items()}}
    check_rules(cash.drop(year_end.index), signs, file, ["period_end"], ROUNDING_TOLERANCE_MUSD)
    return cash


#: Annual-file metrics that :func:`cash_and_capital_wide` sets beside the cash-and-capital figures.
ANNUAL_CASH_METRICS = ("operating_cash_flow", "capex_purchases_property_equipment",
                       "proceeds_property_equipment_sales_incentives", "free_cash_flow")


def cash_and_capital_wide(cash: pd.DataFrame | None = None, annual: pd.DataFrame | None = None) -> pd.DataFrame:
    """Where the cash goes, one row per fiscal year: the year-end and full-year figures of
    :func:`load_cash_and_capital`, one column per metric, beside the annual file's operating cash flow,
    purchases of property and equipment, proceeds and free cash flow.

    USD millions, except ``remaining_performance_obligations`` and ``aws_backlog_call_quoted`` (USD
    billions) and ``remaining_performance_obligations_life`` (years). A year without a figure has NaN.
    Quarter-end figures (2025-2026 remaining performance obligations, the quarters' Anthropic gains) are in
    the tidy table only.
    """
    annual = _cached_annual(str(DATA_DIR / ANNUAL_FILE)) if annual is None else annual
    cash = load_cash_and_capital(annual=annual) if cash is None else cash
    year_end = cash[[end == date(year, 12, 31) for end, year in zip(cash["period_end"], cash["fiscal_year"])]]
    wide = year_end.pivot(index="fiscal_year", columns="metric", values="value")
    flows = annual[annual["metric"].isin(ANNUAL_CASH_METRICS)].pivot(index="fiscal_year", columns="metric", values="value")
    return wide.join(flows, how="outer").sort_index()


def load_statements(path: Path | str | None = None) -> pd.DataFrame:
    """Load Amazon's dated statements (third-party unit share, Prime members), validated."""
    csv_path = Path(path) if path is not None else DATA_DIR / STATEMENTS_FILE
    return read_validated_csv(csv_path)


def load_claims(path: Path | str | None = None, annual: pd.DataFrame | None = None) -> pd.DataFrame:
    """Load the source document's numeric claims, validated.

    Besides the manifest's checks, every ``metric`` and ``denominator_metric``
    must name a metric that ``annual`` (default: :func:`load_annual`) holds for
    the claim's fiscal year.
    """
    csv_path = Path(path) if path is not None else DATA_DIR / CLAIMS_FILE
    claims = read_validated_csv(csv_path)
    annual = load_annual() if annual is None else annual
    known = set(zip(annual["fiscal_year"], annual["metric"]))
    for _, claim in claims.iterrows():
        for column in ("metric", "denominator_metric"):
            metric = claim[column]
            if pd.isna(metric) and column == "denominator_metric":
                continue
            if (claim["fiscal_year"], metric) not in known:
                raise DataValidationError(
                    csv_path.name, int(claim["source_row"]), column,
                    f"{metric!r} has no fiscal {claim['fiscal_year']} record in {ANNUAL_FILE}",
                )
        if claim["claimed_unit"] == "percent" and pd.isna(claim["denominator_metric"]):
            raise DataValidationError(csv_path.name, int(claim["source_row"]), "denominator_metric",
                                      "a percent claim needs the metric it is a share of")
    return claims


@lru_cache(maxsize=4)
def _cached_annual(path: str) -> pd.DataFrame:
    return load_annual(path)


def annual_wide(annual: pd.DataFrame | None = None) -> pd.DataFrame:
    """Pivot the annual figures to one row per fiscal year, one column per metric (USD millions)."""
    if annual is None:
        annual = _cached_annual(str(DATA_DIR / ANNUAL_FILE))
    return annual.pivot(index="fiscal_year", columns="metric", values="value").sort_index()


def _merge_statements(statements) -> list[str]:
    """Name each statement or note once: ``Note: X`` and ``Note: X (detail)`` become ``Note: X (including detail)``."""
    named = sorted(set(statements))
    merged = []
    for name in named:
        if any(name.startswith(other + " (") for other in named):
            continue  # folded into the plain name below
        details = [other[len(name) + 2:-1] for other in named if other.startswith(name + " (") and other.endswith(")")]
        merged.append(f"{name} (including {'; '.join(details)})" if details else name)
    return merged


def citation(annual: pd.DataFrame, metrics: list[str] | tuple[str, ...], years: range | list[int] | None = None) -> str:
    """Say which Amazon documents the given metrics and years come from, for a figure caption.

    Example: ``"Amazon.com, Inc. Form 10-K for FY2016–FY2025 (Note: Segment Information)"``; a year
    cited to another document (an earnings release) is named after the 10-Ks with that document.
    """
    rows = annual[annual["metric"].isin(metrics)]
    if years is not None:
        rows = rows[rows["fiscal_year"].isin(list(years))]
    if rows.empty:
        raise ValueError(f"no records for metrics {list(metrics)} in years {years}")
    parts = []
    tenk = rows[rows["document"] == "Form 10-K"]
    if not tenk.empty:
        statements = "; ".join(_merge_statements(tenk["statement"].unique()))
        fy = sorted(tenk["document_fiscal_year"].unique())
        span = f"FY{fy[0]}" if len(fy) == 1 else f"FY{fy[0]}–FY{fy[-1]}"
        parts.append(f"Amazon.com, Inc. Form 10-K for {span} ({statements})")
    other = rows[rows["document"] != "Form 10-K"]
    for document, group in other.groupby("document"):
        yrs = sorted(group["fiscal_year"].unique())
        parts.append(f"FY{', FY'.join(str(y) for y in yrs)}: Amazon {document}")
    return "; ".join(parts)


# ---------------------------------------------------------------------------
# Tables several chapters share
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


def trailing_twelve_months(quarterly: pd.DataFrame) -> pd.DataFrame:
    """Each quarter's trailing twelve months (TTM), one row per (fiscal year, quarter) that has them.

    Flows the releases print for three months (net sales, segments, operating income, net income,
    capex) are summed over the quarter and the three before it, where all four are in the data; the
    cash-flow figures the releases print as trailing twelve months (``*_ttm``) are taken as printed,
    without the suffix. ``quarterly`` is :func:`load_quarterly`. The index is (``fiscal_year``,
    ``quarter``); a TTM figure is not a fiscal year's and is labelled as such wherever it is shown.
    """
    flows = quarterly[(quarterly["basis"] == "three_months") & (quarterly["unit"] == "USD millions")]
    wide = flows.pivot_table(index=["fiscal_year", "quarter"], columns="metric", values="value").sort_index()
    order = [(y, q) for y, q in wide.index]
    consecutive = [i >= 3 and all(_next_quarter(*order[j - 1]) == order[j] for j in range(i - 2, i + 1))
                   for i in range(len(order))]
    summed = wide.rolling(4, min_periods=4).sum()[consecutive]
    printed = quarterly[quarterly["basis"] == "ttm"].pivot_table(index=["fiscal_year", "quarter"], columns="metric",
                                                                 values="value")
    printed.columns = [c.removesuffix("_ttm") for c in printed.columns]
    return printed.combine_first(summed).sort_index()  # as printed where printed, else the four quarters' sum


def _next_quarter(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter + 1) if quarter < 4 else (year + 1, 1)


def latest_ttm_segments(quarterly: pd.DataFrame) -> pd.DataFrame:
    """The segments over the trailing twelve months to the latest quarter, shaped like :func:`segment_history`.

    Adds ``period`` (``"TTM Q2 2026"``) and ``kind`` (``"ttm"``); ``fiscal_year`` is the latest quarter's year.
    """
    ttm = trailing_twelve_months(quarterly)
    metrics = [m for pair in SEGMENT_METRICS.values() for m in pair]
    ttm = ttm.dropna(subset=metrics)
    (year, quarter), row = ttm.index[-1], ttm.iloc[-1]
    rows = [{"fiscal_year": int(year), "segment": segment, "net_sales_musd": float(row[sales]),
             "operating_income_musd": float(row[income]), "operating_margin": float(row[income]) / float(row[sales]),
             "period": f"TTM Q{quarter} {year}", "kind": "ttm"}
            for segment, (sales, income) in SEGMENT_METRICS.items()]
    return pd.DataFrame(rows)
