"""Where the cash goes, the models: every input declared once, every formula a chart computes a ``@formula``.

- :data:`CASH_VIEW`: the cash picture's controls (capital expenditure gross or net, which free cash flow
  measure, stock-based compensation deducted or not) and what they compute on each period's row.
- :data:`BACKLOG`: the remaining performance obligations scaled by the share that is AWS's (our assumption),
  in years of AWS's sales and in contracted revenue a year.
- :func:`capital_view` and :data:`CAPITAL_READOUT`: the segment note's additions and depreciation, and the
  chosen year's shares.
- :func:`souls_view`: each soul's operating income plus depreciation less its additions, the consumer side with
  or without the suppliers' credit of its cash conversion cycle.
- :func:`aws_capital_loop`: AWS's sales, capital spending, depreciation (straight line, by cohort, over the
  servers' useful life; buildings over 40 years) and operating income, and Amazon's free cash flow, year by
  year (a :class:`~amazon_case.kit.Loop`); :data:`AWS_CAPITAL_READOUT` writes a year of it in words.

Units: USD billions throughout (the tables of :mod:`.history`), years for lives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

import pandas as pd

from ..filings import trailing_twelve_months
from ..kit import ASSUMPTION, VIEW, Checkbox, Choice, Field, Input, Inputs, Loop, Model, clamp, copy_of, formula
from .history import BUILDING_LIFE_YEARS, CAPITAL_SEGMENTS, latest_cash_quarter

# ---------------------------------------------------------------------------
# 1. The cash picture
# ---------------------------------------------------------------------------

CAPEX_BASIS = Choice("capex_basis", "capital expenditure", (("net of proceeds and incentives", "net"),
                                                             ("gross purchases", "gross")), "net", VIEW,
                     "the cash-flow statement's purchases of property and equipment, net of proceeds and incentives "
                     "as in Amazon's free cash flow, or gross", control="radio")
FCF_MEASURE = Choice("measure", "measure", (("Free cash flow (Amazon's definition)", "fcf"),
                                            ("FCF less lease and financing repayments", "repayments"),
                                            ("FCF less equipment leases and other repayments", "equipment")),
                     "fcf", VIEW, "Amazon's free cash flow and its two lease-adjusted measures, as its 10-Ks define "
                     "them", control="select")
DEDUCT_SBC = Checkbox("deduct_sbc", "deduct stock-based compensation", (("deducted", True), ("not deducted", False)),
                      False, VIEW, "the cash-flow statement's stock-based compensation, which free cash flow does not deduct")

#: The measures' names as the legend and the readout show them.
MEASURE_NAMES = {"fcf": "Free cash flow", "repayments": "FCF less lease and financing repayments",
                 "equipment": "FCF less equipment leases and other repayments"}


@formula
def capex_drawn(capex_basis, capex_gross, proceeds):
    """Capital expenditure drawn below zero: net of proceeds and incentives, or gross."""
    return -(capex_gross - proceeds) if capex_basis == "net" else -capex_gross


@formula
def capex_like_for_like(capex_basis, printed_net_only):
    """False where the gross view would show a figure Amazon printed only net of incentives (2014)."""
    return capex_basis == "net" or printed_net_only < 0.5


@formula
def measure_value(measure, free_cash_flow, fcf_less_repayments, fcf_less_equipment):
    """The chosen measure, as Amazon printed it."""
    return free_cash_flow if measure == "fcf" else (fcf_less_repayments if measure == "repayments" else fcf_less_equipment)


@formula
def measure_shown(measure_value, deduct_sbc, stock_based_compensation):
    """The chosen measure, less stock-based compensation if the reader deducts it."""
    return measure_value - stock_based_compensation if deduct_sbc else measure_value


@formula
def measure_drawn(measure, deduct_sbc, has_repayments_measure, has_equipment_measure, has_sbc):
    """Whether the period has the chosen measure: Amazon printed it, and the period's stock-based compensation
    is known if it is deducted."""
    printed = measure == "fcf" or (has_repayments_measure > 0 if measure == "repayments" else has_equipment_measure > 0)
    return printed and (has_sbc > 0 or not deduct_sbc)


@formula
def measure_label(measure, deduct_sbc):
    """The measure's name, as the line's label."""
    name = "Free cash flow" if measure == "fcf" else (
        "FCF less lease and financing repayments" if measure == "repayments" else "FCF less equipment leases and other repayments")
    return name + (" less stock-based compensation" if deduct_sbc else "")


CASH_VIEW = Model(
    "cash picture view", prefix="cashflow", inputs=[CAPEX_BASIS, FCF_MEASURE, DEDUCT_SBC],
    formulas=[capex_drawn, capex_like_for_like, measure_value, measure_shown, measure_drawn, measure_label],
    fields=[Field("capex_gross", "purchases of property and equipment, USD bn", 0),
            Field("proceeds", "proceeds from property and equipment sales and incentives, USD bn", 0),
            Field("printed_net_only", "1 where the purchases are printed net of incentives only", 0, 1),
            Field("free_cash_flow", "free cash flow, USD bn"),
            Field("fcf_less_repayments", "the first lease-adjusted measure, USD bn (0 where not printed)"),
            Field("has_repayments_measure", "1 where Amazon printed it", 0, 1),
            Field("fcf_less_equipment", "the second lease-adjusted measure, USD bn (0 where not printed)"),
            Field("has_equipment_measure", "1 where Amazon printed it", 0, 1),
            Field("stock_based_compensation", "stock-based compensation, USD bn (0 where not held)", 0),
            Field("has_sbc", "1 where the period's stock-based compensation is held", 0, 1)],
)


def cash_view_rows(picture: pd.DataFrame) -> pd.DataFrame:
    """The rows :data:`CASH_VIEW` runs over: :func:`.history.cash_picture` with its gaps as 0 and a flag, and the
    periods' order."""
    rows = picture.reset_index()
    flags = {"has_repayments_measure": "fcf_less_principal_repayments_finance_leases_financing_obligations",
             "has_equipment_measure": "fcf_less_equipment_finance_leases_and_principal_repayments_other",
             "has_sbc": "stock_based_compensation"}
    for flag, column in flags.items():
        rows[flag] = rows[column].notna().astype(int)
    return rows.assign(
        fcf_less_repayments=rows[flags["has_repayments_measure"]].fillna(0.0),
        fcf_less_equipment=rows[flags["has_equipment_measure"]].fillna(0.0),
        stock_based_compensation=rows["stock_based_compensation"].fillna(0.0),
        printed_net_only=rows["printed_net_only"].astype(int), order=range(len(rows)),
    ).drop(columns=list(flags.values())[:2])


# ---------------------------------------------------------------------------
# 2. The demand behind the capex: the backlog
# ---------------------------------------------------------------------------

AWS_SHARE = Input("aws_share", "share of the obligations that is AWS's", "%", 1.0, 0.5, 1.0, 1, ASSUMPTION,
                  "ours: Amazon says the obligations are 'primarily related to AWS' and gives no split; 100% is the "
                  "upper bound")


@formula
def backlog_shown(value, scaled, aws_share):
    """A row's value; the remaining performance obligations (``scaled``) times the share that is AWS's."""
    return value * aws_share if scaled > 0 else value


@formula
def years_of_sales(backlog_shown, aws_sales):
    """The obligations in years of AWS's net sales over the twelve months to the date (0 where not known)."""
    return backlog_shown / aws_sales if aws_sales > 0 else 0.0


@formula
def contracted_a_year(backlog_shown, life):
    """The obligations spread evenly over their weighted-average remaining life, USD bn a year."""
    return backlog_shown / life if life > 0 else 0.0


@formula
def backlog_readout(date_label, backlog_shown, years_of_sales, contracted_a_year, aws_sales, life):
    """One date's obligations in words."""
    share = contracted_a_year / aws_sales if aws_sales > 0 else 0.0
    return (f"{date_label:s}: USD {backlog_shown:,.0f} bn = {years_of_sales:.1f} years of AWS sales; over {life:.1f} "
            f"years, {share:.0%} of a year's")


BACKLOG = Model(
    "backlog", prefix="backlog", inputs=[AWS_SHARE],
    formulas=[backlog_shown, years_of_sales, contracted_a_year, backlog_readout],
    fields=[Field("value", "the row's figure, USD bn", 0), Field("scaled", "1 for the remaining performance obligations", 0, 1),
            Field("life", "their weighted-average remaining life, years (0 for other rows)", 0),
            Field("aws_sales", "AWS net sales over the twelve months to the date, USD bn (0 where not known)", 0),
            Field("date_label", "the date in words")],
)

#: The series of the backlog chart, in the legend's order.
BACKLOG_SERIES = {
    "obligations": "Remaining performance obligations (10-K, 10-Q)",
    "call_backlog": "AWS backlog quoted on earnings calls (not a filing)",
    "aws_sales": "AWS net sales, twelve months to the date",
    "capex": "Capital expenditure, twelve months to the date (all of Amazon)",
}


def backlog_rows(backlog: pd.DataFrame) -> pd.DataFrame:
    """The rows :data:`BACKLOG` runs over: one per date and series of :func:`.history.backlog_history` that has a value."""
    rows = []
    for at, record in backlog.iterrows():
        for column, series in BACKLOG_SERIES.items():
            if pd.isna(record[column]):
                continue
            rows.append({"date": at.strftime("%Y-%m-%d"), "date_key": at.strftime("%Y-%m-%d"), "date_label": f"{at.day} {at:%b %Y}", "series": series,
                         "value": float(record[column]), "scaled": int(column == "obligations"),
                         "life": float(record["life"]) if column == "obligations" else 0.0,
                         "aws_sales": 0.0 if pd.isna(record["aws_sales"]) else float(record["aws_sales"])})
    return pd.DataFrame(rows)


# ---------------------------------------------------------------------------
# 3. Which soul consumes the capital: the segment note
# ---------------------------------------------------------------------------

CAPITAL_MEASURE = Choice("measure", "show", (("Property and equipment additions", "additions"),
                                             ("Depreciation and amortization", "depreciation"),
                                             ("Additions less depreciation", "net")), "additions", VIEW,
                         "the segment note's two capital lines, and their difference", control="select")


@formula
def capital_shown(measure, additions, depreciation):
    """The bar's height in the measure the reader chose, USD bn."""
    return additions if measure == "additions" else (depreciation if measure == "depreciation" else additions - depreciation)


@formula
def capital_drawn(measure, has_depreciation):
    """Whether the bar is drawn: the additions always, a measure with depreciation only where it was read."""
    return measure == "additions" or has_depreciation > 0


@formula
def capital_unit(measure):
    """What the bars show."""
    return ("Property and equipment additions, USD bn" if measure == "additions" else (
        "Depreciation and amortization, USD bn" if measure == "depreciation" else "Additions less depreciation, USD bn"))


def capital_view(years: Iterable[int]) -> Model:
    """The segment chart's controls: the measure, and the year of the readout (the last filed year first)."""
    years = sorted(int(y) for y in years)
    year = Input("year", "year in the readout", "", years[-1], years[0], years[-1], 1, VIEW, "the filed years")
    return Model("segment capital view", prefix="capital", inputs=[CAPITAL_MEASURE, year],
                 formulas=[capital_shown, capital_drawn, capital_unit],
                 fields=[Field("additions", "USD bn", 0), Field("depreciation", "USD bn (0 where not read)", 0),
                         Field("has_depreciation", "1 where read", 0, 1)])


@formula
def capital_readout(fiscal_year, aws_additions, total_additions, aws_depreciation, total_depreciation):
    """The chosen year's AWS shares of the additions and the depreciation."""
    return (f"FY{fiscal_year:.0f}: AWS made {aws_additions / total_additions:.0%} of the additions (USD "
            f"{aws_additions:,.1f} bn of {total_additions:,.1f} bn) and {aws_depreciation / total_depreciation:.0%} "
            "of the depreciation")


CAPITAL_READOUT = Model(
    "segment capital readout", prefix="capital", inputs=[], formulas=[capital_readout],
    fields=[Field("fiscal_year", "the year"), Field("aws_additions", "USD bn", 0),
            Field("total_additions", "USD bn", 0, low_open=True), Field("aws_depreciation", "USD bn", 0),
            Field("total_depreciation", "USD bn", 0, low_open=True)],
)


def capital_rows(capital: pd.DataFrame) -> pd.DataFrame:
    """The rows the segment chart draws: :func:`.history.segment_capital` with its gaps as 0 and a flag, the segment's
    place in the stack and its additions per dollar of its net sales (for the tooltip)."""
    return capital.assign(has_depreciation=capital["depreciation"].notna().astype(int),
                          depreciation=capital["depreciation"].fillna(0.0),
                          intensity_pct=(capital["additions"] / capital["net_sales"] * 100).round(1),
                          segment_order=capital["segment"].map(list(CAPITAL_SEGMENTS).index))


def capital_readout_rows(cash_wide: pd.DataFrame) -> pd.DataFrame:
    """One row per year for :data:`CAPITAL_READOUT`: the note's totals and AWS's lines (USD bn)."""
    return pd.DataFrame({
        "fiscal_year": cash_wide.index.astype(int),
        "aws_additions": cash_wide["segment_pe_additions_aws"].to_numpy() / 1000,
        "total_additions": cash_wide["segment_pe_additions_total"].to_numpy() / 1000,
        "aws_depreciation": cash_wide["segment_depreciation_amortization_aws"].to_numpy() / 1000,
        "total_depreciation": cash_wide["segment_depreciation_amortization_total"].to_numpy() / 1000,
    }).dropna()


# ---------------------------------------------------------------------------
# 4. Who funds whom: the two souls
# ---------------------------------------------------------------------------

WITH_SUPPLIERS = Checkbox("with_suppliers", "add the suppliers' credit to the consumer business",
                          (("added", True), ("left out", False)), True, VIEW,
                          "the year's change in accounts payable less inventories: the cash the negative cash "
                          "conversion cycle releases")


@formula
def consumer_cash(consumer_operating_income, consumer_depreciation, consumer_additions, suppliers_credit_change,
                  with_suppliers):
    """The consumer business's operating income plus depreciation less its additions, and the suppliers' credit."""
    own = consumer_operating_income + consumer_depreciation - consumer_additions
    return own + suppliers_credit_change if with_suppliers else own


@formula
def aws_cash(aws_operating_income, aws_depreciation, aws_additions):
    """AWS's operating income plus depreciation less its additions."""
    return aws_operating_income + aws_depreciation - aws_additions


@formula
def corporate_cash(corporate_additions):
    """The unallocated corporate additions, drawn as a use of cash."""
    return -corporate_additions


@formula
def soul_words(name, amount):
    """What one soul's amount says."""
    return (f"{name:s} left USD {amount:,.1f} bn" if amount >= 0 else
            f"{name:s} needed USD {-amount:,.1f} bn more than it earned")


@formula
def souls_readout(fiscal_year, consumer_cash):
    """The chosen year's consumer business, in words."""
    return f"FY{fiscal_year:.0f}: " + soul_words("the consumer business", consumer_cash)


@formula
def souls_readout_aws(aws_cash, ccc_days):
    """The chosen year's AWS, and the cash conversion cycle, in words."""
    return soul_words("AWS", aws_cash) + f" (cash conversion cycle: {ccc_days:.1f} days)"


def souls_view(years: Iterable[int]) -> Model:
    """The two-souls chart's controls and formulas over :func:`souls_rows`."""
    years = sorted(int(y) for y in years)
    year = Input("year", "year in the readout", "", years[-1], years[0], years[-1], 1, VIEW, "the filed years")
    return Model("who funds whom", prefix="souls", inputs=[WITH_SUPPLIERS, year],
                 formulas=[consumer_cash, aws_cash, corporate_cash, souls_readout, souls_readout_aws],
                 fields=[Field("fiscal_year", "the year"), Field("consumer_operating_income", "USD bn"),
                         Field("consumer_depreciation", "USD bn", 0), Field("consumer_additions", "USD bn", 0),
                         Field("suppliers_credit_change", "USD bn"), Field("aws_operating_income", "USD bn"),
                         Field("aws_depreciation", "USD bn", 0), Field("aws_additions", "USD bn", 0),
                         Field("corporate_additions", "USD bn", 0), Field("ccc_days", "days")])


def souls_rows(souls: pd.DataFrame) -> pd.DataFrame:
    """The rows the two-souls chart draws: :func:`.history.souls_history` from its second year (the first has no
    change in the suppliers' credit)."""
    return souls.dropna(subset=["suppliers_credit_change"]).reset_index()


# ---------------------------------------------------------------------------
# 5. A model: AWS's capital, its depreciation and Amazon's free cash flow
# ---------------------------------------------------------------------------

#: How many years of past spending the loop carries: enough for the longest server life (8 years, half-year
#: convention). Each is a state: ``capex_lag1`` is last year's spending, ``capex_lag8`` the spending eight years ago.
COHORTS = 8
CHART_YEARS = 5
MAX_YEARS = 10

AWS_CAPITAL_INPUTS = Inputs([
    Input("aws_growth", "AWS sales growth a year", "%", 0.275, -0.1, 0.6, 0.5, ASSUMPTION,
          "ours; default: AWS's growth over the latest twelve months"),
    Input("capex_intensity", "AWS capex per dollar of its sales", "%", 0.75, 0.1, 1.0, 0.5, ASSUMPTION,
          "ours; default: the FY2025 segment note's AWS additions over AWS net sales"),
    Input("server_life", "servers' useful life", "years", 5.5, 3, 8, 0.5, ASSUMPTION,
          "ours: the middle of the FY2025 10-K's 'five to six years' for servers and networking equipment"),
    Input("server_share", "servers' share of AWS capex", "%", 0.535, 0.0, 1.0, 0.5, ASSUMPTION,
          "ours, calibrated: the share that makes the model's FY2025 depreciation AWS's filed figure"),
    Input("margin_before_depreciation", "AWS margin before depreciation", "%", 0.52, 0.2, 0.7, 0.5, ASSUMPTION,
          "ours; default: AWS's FY2025 operating income plus depreciation over its net sales"),
    Input("other_cash_flow", "rest of Amazon's free cash flow", "USD bn", 40.0, -50.0, 150.0, 0.5, ASSUMPTION,
          "ours; default: FY2025 free cash flow less AWS's cash at the defaults (its margin before depreciation on its "
          "sales, less its additions), held flat; it holds the year's taxes"),
])


@formula
def aws_sales(last_aws_sales, aws_growth):
    """AWS's net sales grow at the reader's rate."""
    return last_aws_sales * (1 + aws_growth)


@formula
def capex(aws_sales, capex_intensity):
    """AWS's capital spending: a share of its net sales."""
    return capex_intensity * aws_sales


#: Each lag carries the spending one year further: ``capex_lag1`` is last year's ``capex``, ``capex_lagN`` last year's
#: ``capex_lag(N-1)``.
capex_lag1, capex_lag2, capex_lag3, capex_lag4, capex_lag5, capex_lag6, capex_lag7, capex_lag8 = (
    copy_of(f"capex_lag{n}", "last_capex" if n == 1 else f"last_capex_lag{n - 1}") for n in range(1, 9))


@formula
def additions_to_date(last_additions_to_date, capex):
    """Every year's additions so far (since FY2014, the first the book holds)."""
    return last_additions_to_date + capex


@formula
def cohort_weight(server_life, age):
    """The part of a year's server spending depreciated in the year ``age`` years later, in years of straight-line
    depreciation: half in the year of purchase and in the last year (half-year convention), a whole year between."""
    return 0.5 if age == 0 else clamp(server_life + 0.5 - age, 0, 1)


@formula
def server_depreciation(server_life, capex, capex_lag1, capex_lag2, capex_lag3, capex_lag4, capex_lag5, capex_lag6, capex_lag7, capex_lag8):
    """This year's straight-line depreciation of the spending of this year and the eight before, over ``server_life``."""
    spent = (cohort_weight(server_life, 0) * capex + cohort_weight(server_life, 1) * capex_lag1
             + cohort_weight(server_life, 2) * capex_lag2 + cohort_weight(server_life, 3) * capex_lag3
             + cohort_weight(server_life, 4) * capex_lag4 + cohort_weight(server_life, 5) * capex_lag5
             + cohort_weight(server_life, 6) * capex_lag6 + cohort_weight(server_life, 7) * capex_lag7
             + cohort_weight(server_life, 8) * capex_lag8)
    return spent / server_life


@formula
def building_depreciation(additions_to_date, capex):
    """Every addition so far over a building's 40 years (this year's for half a year); none is fully depreciated yet."""
    return (additions_to_date - 0.5 * capex) / BUILDING_LIFE_YEARS


@formula
def depreciation(server_life, server_share, capex, capex_lag1, capex_lag2, capex_lag3, capex_lag4, capex_lag5, capex_lag6, capex_lag7,
                 capex_lag8, additions_to_date):
    """Servers over their useful life, the rest of the additions over a building's."""
    servers = server_depreciation(server_life, capex, capex_lag1, capex_lag2, capex_lag3, capex_lag4, capex_lag5, capex_lag6, capex_lag7, capex_lag8)
    return server_share * servers + (1 - server_share) * building_depreciation(additions_to_date, capex)


@formula
def operating_income(margin_before_depreciation, aws_sales, depreciation):
    """AWS's operating income: its margin before depreciation, less depreciation."""
    return margin_before_depreciation * aws_sales - depreciation


@formula
def free_cash_flow(other_cash_flow, margin_before_depreciation, aws_sales, capex):
    """Amazon's free cash flow: the rest of Amazon, held, plus AWS's cash after its capital spending.

    Depreciation is not cash: the useful life moves AWS's operating income, not this. Taxes stay in the rest of
    Amazon at their base-year level (cash taxes follow tax depreciation, and the filings give no tax by segment).
    """
    return other_cash_flow + margin_before_depreciation * aws_sales - capex


STEPS = [aws_sales, capex, capex_lag1, capex_lag2, capex_lag3, capex_lag4, capex_lag5, capex_lag6, capex_lag7, capex_lag8, additions_to_date,
         depreciation, operating_income, free_cash_flow]


@dataclass(frozen=True)
class CapitalBase:
    """The base year of the loop, as filed (USD bn): AWS's net sales, additions (this year's and the eight before),
    additions since FY2014, depreciation and operating income, and Amazon's free cash flow."""

    fiscal_year: int
    aws_sales: float
    additions: tuple[float, ...]  # this year's first, then each year before
    additions_to_date: float
    depreciation: float
    operating_income: float
    free_cash_flow: float

    def initial(self) -> dict[str, float]:
        """The loop's year-0 states."""
        return {"aws_sales": self.aws_sales, "capex": self.additions[0],
                **{f"capex_lag{k}": self.additions[k] for k in range(1, COHORTS + 1)},
                "additions_to_date": self.additions_to_date, "depreciation": self.depreciation,
                "operating_income": self.operating_income, "free_cash_flow": self.free_cash_flow}


def capital_base(wide: pd.DataFrame, cash_wide: pd.DataFrame, year: int) -> CapitalBase:
    """The filed figures of fiscal ``year`` the loop starts from (segment note and cash-flow statement)."""
    additions = cash_wide["segment_pe_additions_aws"] / 1000
    if year - COHORTS not in additions.index:
        raise ValueError(f"the loop needs AWS's additions from FY{year - COHORTS} to FY{year}")
    return CapitalBase(
        fiscal_year=year, aws_sales=wide.at[year, "segment_aws_net_sales"] / 1000,
        additions=tuple(float(additions[year - k]) for k in range(COHORTS + 1)),
        additions_to_date=float(additions.loc[:year].sum()),
        depreciation=cash_wide.at[year, "segment_depreciation_amortization_aws"] / 1000,
        operating_income=wide.at[year, "segment_aws_operating_income"] / 1000,
        free_cash_flow=wide.at[year, "free_cash_flow"] / 1000)


def modelled_depreciation(base: CapitalBase, server_life: float, server_share: float) -> float:
    """The depreciation the loop's rule gives for the base year's own cohorts (USD bn)."""
    servers = server_depreciation(server_life, *base.additions)
    buildings = building_depreciation(base.additions_to_date, base.additions[0])
    return server_share * servers + (1 - server_share) * buildings


def calibrated_server_share(base: CapitalBase, server_life: float) -> float:
    """The share of additions that, depreciated over ``server_life`` (the rest over a building's 40 years), gives the
    base year's filed depreciation: ``modelled_depreciation(base, life, share) == base.depreciation``."""
    servers = modelled_depreciation(base, server_life, 1.0)
    buildings = modelled_depreciation(base, server_life, 0.0)
    return (base.depreciation - buildings) / (servers - buildings)


def to_step(value: float, step_pct: float = 0.5) -> float:
    """A fraction rounded to the sliders' step (half a percentage point)."""
    return round(value * 100 / step_pct) * step_pct / 100


def aws_capital_defaults(wide: pd.DataFrame, cash_wide: pd.DataFrame, quarterly: pd.DataFrame,
                         base: CapitalBase) -> dict[str, float]:
    """The loop's defaults from the data (fractions; USD bn for the rest of Amazon), each rounded to its slider's step.

    Growth: AWS's net sales over the latest twelve months against the twelve months before. Capital intensity:
    the base year's AWS additions over AWS net sales. Server share: calibrated (:func:`calibrated_server_share`)
    at the default life. Margin before depreciation: the base year's (operating income + depreciation) / net
    sales. The rest of Amazon: the base year's free cash flow less AWS's cash at those defaults (margin before
    depreciation times net sales, less additions), rounded to the slider's half billion.
    """
    inputs = AWS_CAPITAL_INPUTS
    ttm = trailing_twelve_months(quarterly)["segment_aws_net_sales"].dropna()
    year, quarter = ttm.index[-1]
    growth = ttm[(year, quarter)] / ttm[(year - 1, quarter)] - 1
    life = inputs["server_life"].default
    values = {
        "aws_growth": to_step(growth), "capex_intensity": to_step(base.additions[0] / base.aws_sales),
        "server_life": life, "server_share": to_step(calibrated_server_share(base, life)),
        "margin_before_depreciation": to_step((base.operating_income + base.depreciation) / base.aws_sales),
    }
    aws_own = values["margin_before_depreciation"] * base.aws_sales - base.additions[0]
    values["other_cash_flow"] = round((base.free_cash_flow - aws_own) * 2) / 2
    return values


def aws_capital_loop(base: CapitalBase, defaults: Mapping[str, float] | None = None) -> Loop:
    """The loop from ``base``, with the inputs' defaults replaced by ``defaults`` (:func:`aws_capital_defaults`)."""
    inputs = AWS_CAPITAL_INPUTS.with_defaults(**(defaults or {}))
    return Loop("AWS capital", prefix="capex", inputs=inputs, initial=base.initial(), step=STEPS, max_years=MAX_YEARS)


def run_aws_capital(loop: Loop, base: CapitalBase, years: int = CHART_YEARS, **values: float) -> pd.DataFrame:
    """:func:`aws_capital_loop` run in Python: one row per year 0..``years`` with ``fiscal_year``, AWS's net sales,
    capital spending, depreciation, operating income and operating margin, and Amazon's free cash flow (USD bn)."""
    result = loop.run(years, **values)
    result.insert(1, "fiscal_year", base.fiscal_year + result["year"])
    result["operating_margin"] = result["operating_income"] / result["aws_sales"]
    return result[["year", "fiscal_year", "aws_sales", "capex", "depreciation", "operating_income", "operating_margin",
                   "free_cash_flow"]]


def depreciation_backtest(cash_wide: pd.DataFrame, lives: Mapping[int, float], server_share: float) -> pd.DataFrame:
    """The loop's depreciation rule applied to each year's filed AWS additions, against AWS's filed depreciation.

    ``lives`` gives the server life to use each year (the 10-K's). Returns per year ``modelled``, ``filed`` (USD bn)
    and ``gap`` (modelled / filed − 1).
    """
    rows = {}
    for year, life in lives.items():
        additions = cash_wide["segment_pe_additions_aws"] / 1000
        base = CapitalBase(year, 0.0, tuple(float(additions.get(year - k, 0.0)) for k in range(COHORTS + 1)),
                           float(additions.loc[:year].sum()), 0.0, 0.0, 0.0)
        modelled = modelled_depreciation(base, life, server_share)
        filed = cash_wide.at[year, "segment_depreciation_amortization_aws"] / 1000
        rows[year] = {"server_life": life, "modelled": modelled, "filed": filed, "gap": modelled / filed - 1}
    return pd.DataFrame.from_dict(rows, orient="index").rename_axis("fiscal_year")


def capital_history(wide: pd.DataFrame, cash_wide: pd.DataFrame, first: int, last: int) -> pd.DataFrame:
    """The loop's four series as filed, FY``first``–FY``last`` (USD bn): AWS's additions (``capex``), depreciation and
    operating income (segment note) and Amazon's free cash flow."""
    years = list(range(first, last + 1))
    return pd.DataFrame({
        "fiscal_year": years,
        "capex": cash_wide.loc[years, "segment_pe_additions_aws"].to_numpy() / 1000,
        "depreciation": cash_wide.loc[years, "segment_depreciation_amortization_aws"].to_numpy() / 1000,
        "operating_income": wide.loc[years, "segment_aws_operating_income"].to_numpy() / 1000,
        "free_cash_flow": wide.loc[years, "free_cash_flow"].to_numpy() / 1000,
    })


def break_even_intensity(loop: Loop, base: CapitalBase, years: int = CHART_YEARS, **values: float) -> float | None:
    """The capital intensity at which Amazon's free cash flow in the loop's last year is zero, the other inputs held
    (bisection within the input's bounds); ``None`` if it is positive or negative across the whole range."""
    item = loop.inputs["capex_intensity"]
    last = lambda intensity: run_aws_capital(loop, base, years, **{**values, "capex_intensity": intensity})[  # noqa: E731
        "free_cash_flow"].iloc[-1]
    low, high = item.low, item.high
    if (last(low) > 0) == (last(high) > 0):
        return None
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (middle, high) if last(middle) > 0 else (low, middle)
    return (low + high) / 2


@formula
def capital_model_readout(fiscal_year, free_cash_flow, capex):
    """The year's free cash flow and AWS's capital spending."""
    return f"FY{fiscal_year:.0f}: Amazon's free cash flow USD {free_cash_flow:,.0f} bn; AWS capital spending USD {capex:,.0f} bn"


@formula
def capital_model_detail(aws_sales, depreciation, operating_income):
    """The year's AWS depreciation and operating income."""
    return (f"AWS depreciation USD {depreciation:,.0f} bn; operating income USD {operating_income:,.0f} bn "
            f"({operating_income / aws_sales:.0%} of sales)")


AWS_CAPITAL_READOUT = Model(
    "AWS capital readout", prefix="capex", inputs=[], formulas=[capital_model_readout, capital_model_detail],
    fields=[Field("fiscal_year", "the year"), Field("free_cash_flow", "USD bn"), Field("capex", "USD bn", 0),
            Field("aws_sales", "USD bn", 0, low_open=True), Field("depreciation", "USD bn"),
            Field("operating_income", "USD bn")],
)


def latest_ttm_comparison(quarterly: pd.DataFrame) -> dict[str, float | str]:
    """AWS's operating income and Amazon's free cash flow over the latest twelve months (USD bn), for the chart's marks."""
    year, quarter = latest_cash_quarter(quarterly)
    ttm = trailing_twelve_months(quarterly).loc[(year, quarter)]
    return {"year": year, "quarter": quarter, "operating_income": ttm["segment_aws_operating_income"] / 1000,
            "free_cash_flow": ttm["free_cash_flow"] / 1000, "aws_sales": ttm["segment_aws_net_sales"] / 1000}
