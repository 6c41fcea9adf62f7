"""The appendix "Checking the source": every claim of the source document, with the evidence and a verdict.

The appendix shows :func:`source_document_checks`. The 2021 figures are judged by
:func:`check_claims` (and drawn by :func:`claims_chart` in the Financials chapter); every other
verdict is computed here from the data and the chapters' models wherever the
filings can speak to it, so that a change in the data changes the verdict, and
the evidence text quotes the numbers the verdict rests on. Claims the filings
cannot test are marked "not verifiable" and say why.
"""

from __future__ import annotations

import html
import math

import altair as alt
import pandas as pd

from .filings import CATEGORY_METRICS, customer_split, segment_history
from .kit.style import WIDTH, ChartText, color_scale, properties

#: The verdicts, from best to worst, then the one that is no verdict at all.
VERDICTS = ("holds", "rounded", "mislabelled", "partly holds", "does not hold", "not verifiable")
CHAPTERS = {
    "hybrid": "hybrid-model.ipynb", "retail": "first-party-retail.ipynb", "marketplace": "marketplace.ipynb",
    "aws": "aws.ipynb", "two-souls": "two-souls.ipynb", "cash": "where-the-cash-goes.ipynb",
    "financials": "financials.ipynb",
}
#: Each chapter's title, as the table's links show it.
CHAPTER_TITLES = {
    "hybrid-model.ipynb": "The hybrid model", "first-party-retail.ipynb": "First-party retail",
    "marketplace.ipynb": "The marketplace", "aws.ipynb": "AWS", "two-souls.ipynb": "Two souls",
    "where-the-cash-goes.ipynb": "Where the cash goes", "financials.ipynb": "Financials",
}
#: The filed fiscal years the verdicts rest on (all audited, from the FY2015–FY2025 Forms 10-K).
HISTORY_YEARS = range(2014, 2026)


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


def _row(claim_id: str, quote: str, topic: str, verdict: str, evidence: str, chapter: str) -> dict:
    if verdict not in VERDICTS:
        raise ValueError(f"verdict {verdict!r} is not one of {VERDICTS}")
    return {"claim_id": claim_id, "topic": topic, "claim": quote, "verdict": verdict, "evidence": evidence,
            "chapter": CHAPTERS[chapter]}


def source_document_checks(wide: pd.DataFrame, claims: pd.DataFrame, statements: pd.DataFrame,
                           fees: pd.DataFrame, quarterly: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per claim: its id, topic, the claim as written, verdict, evidence (with its numbers), chapter.

    Every verdict of the book is computed here, once: a chapter that judges a claim shows this row
    (:func:`claim_box_html`), so that a claim has one verdict wherever it appears. ``wide`` is
    :func:`amazon_case.filings.annual_wide`, ``claims`` :func:`amazon_case.filings.load_claims`,
    ``statements`` :func:`amazon_case.filings.load_statements`, ``fees``
    :func:`amazon_case.marketplace.load_fees`, ``quarterly`` :func:`amazon_case.filings.load_quarterly`.
    """
    from . import first_party_retail, marketplace  # the appendix reads the chapters' models
    from .filings import load_quarterly

    quarterly = load_quarterly() if quarterly is None else quarterly
    first, last = HISTORY_YEARS[0], HISTORY_YEARS[-1]
    rows = []
    split = customer_split(wide)
    business_share, first_share = split.at[last, "business_share"], split.at[first, "business_share"]
    rows.append(_row(
        "b2c-and-b2b", "Amazon's business model follows both a B2C and B2-B distribution strategy", "Hybrid model",
        "holds" if 0.1 <= business_share <= 0.9 else "does not hold",
        f"By our grouping of the 10-K's net sales categories by who pays, businesses (third-party seller services, "
        f"advertising, AWS) paid {first_share:.0%} of net sales in FY{first} and {business_share:.0%} in FY{last}; "
        "consumers paid most of the rest (online and physical stores, subscriptions).", "hybrid"))
    rows.append(_row(
        "mission", "Amazon's mission statement is to \"serve consumers through online and physical stores and focus on "
        "selection, price, and convenience.\"", "Mission and vision", "mislabelled",
        "The words are the 10-K's own (Part I, Item 1, Business), but not a mission statement: there they describe "
        "how Amazon serves one of its customer sets, consumers, before it turns to sellers, developers and "
        f"enterprises, content creators and advertisers. Businesses paid {business_share:.0%} of net sales in "
        f"FY{last} (third-party seller services, advertising and AWS).", "hybrid"))
    rows.append(_row(
        "vision", "Amazon's vision statement is \"to be Earth's most customer-centric company, where customers can find "
        "and discover anything they might want to buy online, and endeavors to offer its customers the lowest possible "
        "prices.\"", "Mission and vision", "mislabelled",
        "The words are Amazon's own: its press releases closed for years with \"Amazon.com, Inc. seeks to be Earth's "
        "most customer-centric company, where customers can find and discover anything they might want to buy online, "
        "and endeavors to offer its customers the lowest possible prices\" (for example in October 2007 and January "
        "2009), and the FY2006 10-K opens with the same sentence. Only the label is not Amazon's: it never called the "
        "sentence a vision statement, and it has since replaced it with \"Amazon strives to be Earth's Most "
        "Customer-Centric Company, Earth's Best Employer, and Earth's Safest Place to Work\" (releases of 2025–2026).",
        "hybrid"))
    history = segment_history(wide)
    audited = history[history["fiscal_year"].isin(HISTORY_YEARS)]
    prime = statements[statements["metric"] == "prime_paid_members_millions"].sort_values("statement_date")
    latest_prime = prime.iloc[-1]
    rows.append(_row(
        "reach", "providing millions of products to billions of users around the world; "
        "a B2C business, which targets billions of consumers across the world", "Reach", "not verifiable",
        "Amazon's filings report no count of users or customers. The largest count Amazon has stated is "
        f"more than {latest_prime['value']:.0f} million paid Prime members (stated in "
        f"{pd.Timestamp(latest_prime['statement_date']):%B %Y}): "
        "millions, not billions, though Prime members are only part of Amazon's customers.", "retail"))

    margins = audited.pivot(index="fiscal_year", columns="segment", values="operating_margin")
    store_mean = margins[["North America", "International"]].mean()
    losses = int((margins["International"] < 0).sum())
    rows.append(_row(
        "thin-margins", "The B2C e-commerce is run for scale. In short, it has tight profit margins", "First-party retail",
        "holds" if (store_mean < 0.10).all() else "does not hold",
        f"Operating margin, FY{first}–FY{last} average: North America {store_mean['North America']:.1%}, International "
        f"{store_mean['International']:.1%} (a loss in {losses} of {len(margins)} years), against AWS's "
        f"{margins['AWS'].mean():.1%} (10-K segment note). The store segments' margins include their advertising and "
        "subscription income, so the margin of selling goods alone is thinner still.", "retail"))

    cycles = {basis: first_party_retail.cash_conversion_cycle(wide, basis=basis)["ccc"].dropna()
              for basis in ("year_end", "average")}
    negative = {basis: int((c < 0).sum()) for basis, c in cycles.items()}
    rows.append(_row(
        "cash-cycle", "yet it generates cash, in the short term (see cash conversion cycle)", "First-party retail",
        "holds" if all(n == len(cycles[b]) for b, n in negative.items()) else "does not hold",
        f"The cash conversion cycle (inventory days + receivable days − payable days) was negative in "
        f"{negative['year_end']} of {len(cycles['year_end'])} years on year-end balances and in {negative['average']} "
        f"of {len(cycles['average'])} on average balances; FY{last}: {cycles['year_end'].loc[last]:.1f} and "
        f"{cycles['average'].loc[last]:.1f} days. Suppliers are paid after the goods are sold, so the balances fund "
        "the business; their changes can still absorb cash in a year (they did in FY2021 and FY2022, when inventory "
        "and receivables grew faster than payables). Receivables also hold vendor, seller and AWS receivables, so "
        "the days are not customers' alone.", "retail"))

    years = [y for y in HISTORY_YEARS if y >= 2015]  # 2014's purchases are printed net of incentives only
    net_capex = wide.loc[years, "capex_purchases_property_equipment"] - wide.loc[years, "proceeds_property_equipment_sales_incentives"]
    reinvested = net_capex.sum() / wide.loc[years, "operating_cash_flow"].sum()
    from .filings import trailing_twelve_months

    ttm = trailing_twelve_months(quarterly).dropna(subset=["capex_net_of_proceeds", "operating_cash_flow"]).iloc[-1]
    (ttm_year, ttm_quarter) = trailing_twelve_months(quarterly).dropna(subset=["capex_net_of_proceeds"]).index[-1]
    rows.append(_row(
        "reinvests-cash", "which Amazon re-uses to quickly scale up its operations", "First-party retail",
        "holds" if reinvested > 0.5 else "does not hold",
        f"Purchases of property and equipment, net of proceeds and incentives, were {reinvested:.0%} of operating cash "
        f"flow over FY{years[0]}–FY{years[-1]} (cash-flow statements, net for every year), and "
        f"{ttm['capex_net_of_proceeds'] / ttm['operating_cash_flow']:.0%} of it in the twelve months to Q{ttm_quarter} "
        f"{ttm_year} (quarterly releases). Consolidated figures: most of the recent spending is AWS's data centres, "
        "funded by the whole company's cash, the stores' included, rather than the stores' own scaling.", "cash"))

    rows.append(_row(
        "selection-price-speed", "This side of the business is all about a wide variety of products, low prices, and "
        "very fast delivery", "First-party retail", "not verifiable",
        "The 10-K reports no count of products, no price index and no delivery times.", "retail"))
    rows.append(_row(
        "prime-free-delivery", "Amazon has added Prime, to enable consumers to get free delivery", "Prime", "holds",
        "Item 1 (Business) of the 10-K describes Prime as \"a membership program that includes fast, free shipping on "
        "tens of millions of items, access to award-winning movies and series\" (FY2023; the FY2025 10-K adds live "
        "sports). Its fees are part of subscription services net sales "
        f"(USD {wide.at[last, 'net_sales_subscription_services'] / 1000:.1f} billion in FY{last}).", "retail"))

    mix = quarterly[quarterly["metric"] == "third_party_unit_share_pct"].sort_values(["fiscal_year", "quarter"])
    latest_mix = mix.iloc[-1]
    rows.append(_row(
        "third-party-stores", "its e-commerce platform is also used by other businesses, called third-party stores to sell "
        "their own products on top of Amazon", "Marketplace", "holds",
        f"Third-party seller services net sales were USD {wide.at[last, 'net_sales_third_party_seller_services'] / 1000:.1f} "
        f"billion in FY{last}; third-party sellers sold {latest_mix['value']:.0f}% of paid units in "
        f"Q{latest_mix['quarter']} {latest_mix['fiscal_year']} (Amazon's quarterly release).", "marketplace"))

    from .advertising.history import advertising_ttm
    from .advertising.take_rate import SELLER_AD_SHARE, take_with_ads_table

    referral = marketplace.fee(fees, "referral_fee_rate_most_categories")
    with_ads = take_with_ads_table(wide, statements, quarterly, advertising_ttm(quarterly)[0]["advertising"]).loc[f"FY{last}"]
    ads = with_ads["ads_take_rate"]
    rows.append(_row(
        "fbm-small-cut", "Third-party sellers can chose to sell on Amazon, and take care of the fulfilment. In this case, "
        "Amazon will take only a small cut of the revenue, as distribution fee", "Marketplace",
        "does not hold" if referral > 0.2 else ("partly holds" if referral + ads > 0.2 else "holds"),
        f"The distribution fee is small: Amazon's referral fee is {referral:.0%} of the sale price in most US categories "
        "(published fee schedule), with exceptions from 8% to 45%. But most sellers also buy Amazon's advertising: if "
        f"they pay {SELLER_AD_SHARE.default:.0%} of the advertising line, their ads came to {ads:.1%} of their estimated "
        f"sales in FY{last} (the advertising chapter's estimate), so Amazon's cut of a self-fulfilled sale averages about "
        f"{referral + ads:.0%}.", "marketplace"))

    fba_fee = marketplace.fee(fees, marketplace.FBA_FEE_ROW)
    storage = marketplace.storage_per_unit(fees)
    half_price = marketplace.fba_half_price_threshold(fees)
    rows.append(_row(
        "fba-small-cut", "Or they can decide to leverage Amazon's inventories [...] In this case, the seller takes only "
        "a small cut of the overall revenues", "Marketplace", "does not hold",
        f"With a {referral:.0%} referral fee, the USD {fba_fee:.2f} fulfilment fee of a light standard-size item (the "
        f"2025 rate for items priced USD 10 or more), and USD {storage:.2f} of storage per unit at the marketplace chapter's defaults, Amazon's fees pass "
        f"half the price only below USD {half_price:.2f}: at typical prices the seller keeps most of the price, though "
        "Amazon's cut is larger than without FBA. Across all third-party sales, Amazon's seller fees and the sellers' "
        f"advertising came to about {with_ads['take_rate_with_ads']:.0%} of estimated third-party sales in FY{last}: a "
        "large cut, which still leaves the seller more than half of the price, not a small cut.", "marketplace"))

    latest = history[history["fiscal_year"] == last].set_index("segment")
    aws_sales_share = latest.at["AWS", "net_sales_musd"] / latest["net_sales_musd"].sum()
    aws_income_share = latest.at["AWS", "operating_income_musd"] / latest["operating_income_musd"].sum()
    rows.append(_row(
        "aws-powers-web", "Amazon AWS, is the cloud infrastructure, which powers up a good chunk of the web", "AWS",
        "not verifiable",
        "The filings give AWS's sales and profit, not its share of websites or of the cloud market; third-party "
        "estimates of cloud market share are estimates, not filings.", "aws"))
    rows.append(_row(
        "aws-b2b-company", "Amazon AWS is primarily a B2B and enterprise platform, which has become a company within "
        "Amazon", "AWS", "holds",
        f"AWS is a reportable segment with its own results: {aws_sales_share:.0%} of net sales and {aws_income_share:.0%} "
        f"of segment operating income in FY{last}, at a {latest.at['AWS', 'operating_margin']:.1%} margin. The filings "
        "do not split its customers by type.", "aws"))
    rows.append(_row(
        "aws-origin", "Born, as a way for Amazon to offer, third-party sellers, the ability to host their e-commerce on "
        "top of Amazon", "AWS", "partly holds",
        "In part: from 2000–2001 Amazon ran other retailers' e-commerce sites on its technology (Target.com among them; "
        "its FY2001 10-K called this the \"third-party sellers channel\"), and Andy Jassy traces AWS's roots to that "
        "effort. But those were retailers with their own sites, not sellers on Amazon's marketplace; the FY2006 10-K "
        "lists that business (\"Merchant Services\") apart from the new \"Developer Services\" (S3, EC2); and the "
        "cloud services grew from Amazon's own need for infrastructure.", "aws"))
    rows.append(_row(
        "aws-two-motions", "a set of AI-ML tools, which are used by developers [...] a qualified sales force which is able "
        "to sell those services to other businesses or potentially enterprise clients", "AWS", "not verifiable",
        "Amazon reports nothing about how AWS's sales split between self-serve adoption and its sales force; "
        "the AWS chapter models the two motions with assumptions of ours.", "aws"))

    retail_sales = latest.loc[["North America", "International"], "net_sales_musd"].sum() / latest["net_sales_musd"].sum()
    shares = audited.pivot(index="fiscal_year", columns="segment", values="operating_income_musd")
    total = shares.sum(axis=1)
    aws_majority = int(((shares["AWS"] / total > 0.5) | (total <= 0)).sum())
    rows.append(_row(
        "two-souls", "Amazon has two souls. On the one hand, it's a strong consumer brand [...] On the other hand, it's "
        "also a B2B or enterprise platform", "Two souls",
        "holds" if aws_majority == len(total) and retail_sales > 0.5 else "does not hold",
        f"The store segments (North America and International) made {retail_sales:.0%} of net sales in FY{last}, though "
        f"by who pays businesses paid {business_share:.0%} (seller fees and advertising sit in the store segments); "
        f"AWS earned more than half of the segments' operating income in {aws_majority} of {len(total)} years "
        f"(FY{first}–FY{last}).", "two-souls"))
    rows.append(_row(
        "flywheel", "a strong consumer brand, which leverages a powerful flywheel, to enable low prices, wide variety, "
        "and very fast delivery", "Two souls", "not verifiable",
        "No filing measures the loop of prices, customers, sellers and costs; the two-souls chapter models what the "
        "claim would need.", "two-souls"))

    for _, claim in check_claims(claims, wide).iterrows():
        percent = str(claim["claimed_unit"]).startswith("percent")
        filed = f"{claim['filed_value']:.1f}% of net sales" if percent else f"USD {claim['filed_value'] / 1000:,.1f} billion"
        comment = f" {claim['label_issue']}" if isinstance(claim["label_issue"], str) and claim["label_issue"] else ""
        rows.append(_row(f"figure-{claim['claim_id']}", claim["quote"], "2021 figures", claim["verdict"],
                         f"Form 10-K for FY{claim['fiscal_year']}: {filed}.{comment}", "financials"))
    rows.append(_revenue_sources_row(wide, year=2021))
    return pd.DataFrame(rows)


def _revenue_sources_row(wide: pd.DataFrame, year: int) -> dict:
    """The document's list of where the 2021 revenue came from, against the 10-K's categories."""
    listed = ["net_sales_online_stores", "net_sales_third_party_seller_services", "net_sales_aws",
              "net_sales_subscription_services", "net_sales_advertising_services", "net_sales_physical_stores"]
    left_out = [m for m in CATEGORY_METRICS if m not in listed]
    left_out_share = sum(wide.at[year, m] for m in left_out) / wide.at[year, "net_sales_total"]
    names = ", ".join(f"{CATEGORY_METRICS[m]} (USD {wide.at[year, m] / 1000:.1f} billion)" for m in left_out)
    return _row(
        "revenue-sources", "Online stores [...], Third-party Seller Services, Amazon AWS, Subscription Services, Advertising revenues, "
        "and Physical Stores", "2021 figures",
        "holds" if left_out_share < 0.01 else "does not hold",
        f"The list names {len(listed)} of the {len(CATEGORY_METRICS)} net sales categories of the Form 10-K for "
        f"FY{year}; it leaves out {names}, {left_out_share:.1%} of net sales.", "financials")


def verdict_counts(checks: pd.DataFrame) -> pd.Series:
    """How many claims got each verdict, in the order of :data:`VERDICTS`."""
    return checks["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)


def verdict_badge(verdict: str) -> str:
    """A verdict as an HTML badge whose class names it (``verdict verdict-does-not-hold``)."""
    if verdict not in VERDICTS:
        raise ValueError(f"verdict {verdict!r} is not one of {VERDICTS}")
    return f'<span class="verdict verdict-{verdict.replace(" ", "-")}">{html.escape(verdict)}</span>'


def claim_row(checks: pd.DataFrame, claim_id: str) -> pd.Series:
    """The row of :func:`source_document_checks` for ``claim_id`` (``KeyError`` naming it if there is none)."""
    found = checks[checks["claim_id"] == claim_id]
    if len(found) != 1:
        raise KeyError(f"no claim {claim_id!r} in the fact-check; claims: {', '.join(checks['claim_id'])}")
    return found.iloc[0]


def claim_box_html(checks: pd.DataFrame, claim_id: str) -> str:
    """One claim, its verdict and its evidence as a box a chapter shows: the appendix's own row, not a copy."""
    row = claim_row(checks, claim_id)
    return (f'<div class="claim-check claims-table"><p><b>The document says:</b> "{html.escape(row["claim"])}"</p>'
            f'<p><b>Verdict:</b> {verdict_badge(row["verdict"])} {html.escape(row["evidence"])}</p>'
            '<p class="claim-check-source">The same verdict, computed once, is in the appendix '
            '<a href="checking-the-source.ipynb">Checking the source</a>.</p></div>')


def claims_html(checks: pd.DataFrame) -> str:
    """The table of :func:`source_document_checks` as HTML, for the appendix.

    Text is escaped; each verdict is a badge whose class names it (``verdict verdict-does-not-hold``),
    and each chapter is a link to its notebook (``aws.ipynb``), which JupyterLab follows as it is and
    the book's ``_ext/notebook_links.py`` turns into the chapter's page. A chapter not in
    :data:`CHAPTER_TITLES` raises ``KeyError`` naming it.
    """
    unknown = sorted(set(checks["chapter"]) - set(CHAPTER_TITLES))
    if unknown:
        raise KeyError(f"chapter(s) {unknown} have no title in checks.CHAPTER_TITLES")
    link = lambda notebook: f'<a href="{html.escape(notebook)}">{html.escape(CHAPTER_TITLES[notebook])}</a>'
    shown = checks.assign(**{column: checks[column].map(html.escape) for column in ("topic", "claim", "evidence")})
    shown = shown.assign(verdict=checks["verdict"].map(verdict_badge), chapter=checks["chapter"].map(link))
    return shown[["topic", "claim", "verdict", "evidence", "chapter"]].rename(columns=str.capitalize).to_html(
        index=False, border=0, escape=False, classes="claims-table")


VERDICT_COLORS = {"holds": "#2ca02c", "rounded": "#bcbd22", "mislabelled": "#ff7f0e", "does not hold": "#d62728"}


def claims_text(claims: pd.DataFrame, source: str) -> ChartText:
    counts = claims["verdict"].value_counts()
    off = {v: int(counts.get(v, 0)) for v in ("rounded", "mislabelled", "does not hold") if counts.get(v, 0)}
    return ChartText(
        f"{int(counts.get('holds', 0))} of the document's {len(claims)} dollar figures for 2021 hold"
        + ("; " + ", ".join(f"{n} {v}" for v, n in off.items()) if off else ""),
        "Bars: 10-K figure (USD bn). Black tick: the document's 'over $X billion'.", source,
        f"Horizontal bar chart of the source document's {len(claims)} dollar figures. Each bar is the filed figure, "
        "each black tick the document's figure; bar colour gives the verdict. "
        + " ".join(f"{row.claim}: {row.verdict}." for row in claims.itertuples()),
    )


def claims_chart(claims: pd.DataFrame, source: str) -> alt.LayerChart:
    """The source document's 2021 figures against the 10-K's, one row per claim.

    ``claims`` has ``claim``, ``claimed_usd_bn``, ``filed_usd_bn``, ``filed_line`` and ``verdict``.
    """
    y = alt.Y("claim:N", sort=None, title=None, axis=alt.Axis(labelLimit=260))
    bars = alt.Chart(claims).mark_bar(height=14).encode(
        y=y, x=alt.X("filed_usd_bn:Q", title="USD billions, fiscal 2021"),
        color=alt.Color("verdict:N", title="Verdict", scale=color_scale(VERDICT_COLORS)),
        tooltip=[alt.Tooltip("claim:N", title="Claim"),
                 alt.Tooltip("claimed_usd_bn:Q", format=",.0f", title="Document says over (USD bn)"),
                 alt.Tooltip("filed_usd_bn:Q", format=",.3f", title="10-K (USD bn)"),
                 alt.Tooltip("filed_line:N", title="10-K line"), alt.Tooltip("verdict:N", title="Verdict")])
    ticks = alt.Chart(claims).mark_tick(color="black", thickness=2, size=20).encode(y=y, x="claimed_usd_bn:Q")
    text = alt.Chart(claims).mark_text(align="left", dx=4, fontSize=11).encode(
        y=y, x="filed_usd_bn:Q", text=alt.Text("filed_usd_bn:Q", format="$,.1f"))
    return properties(alt.layer(bars, ticks, text), claims_text(claims, source), width=WIDTH - 200)
