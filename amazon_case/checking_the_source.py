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
VERDICTS = ("holds", "rounded", "mislabelled", "does not hold", "not verifiable")
CHAPTERS = {
    "hybrid": "hybrid-model.ipynb", "retail": "first-party-retail.ipynb", "marketplace": "marketplace.ipynb",
    "aws": "aws.ipynb", "two-souls": "two-souls.ipynb", "financials": "financials.ipynb",
}
#: Each chapter's title, as the table's links show it.
CHAPTER_TITLES = {
    "hybrid-model.ipynb": "The hybrid model", "first-party-retail.ipynb": "First-party retail",
    "marketplace.ipynb": "The marketplace", "aws.ipynb": "AWS", "two-souls.ipynb": "Two souls",
    "financials.ipynb": "Financials",
}
HISTORY_YEARS = range(2014, 2025)  # audited 10-K years


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


def _row(quote: str, topic: str, verdict: str, evidence: str, chapter: str) -> dict:
    if verdict not in VERDICTS:
        raise ValueError(f"verdict {verdict!r} is not one of {VERDICTS}")
    return {"topic": topic, "claim": quote, "verdict": verdict, "evidence": evidence, "chapter": CHAPTERS[chapter]}


def source_document_checks(wide: pd.DataFrame, claims: pd.DataFrame, statements: pd.DataFrame,
                           fees: pd.DataFrame) -> pd.DataFrame:
    """One row per claim: topic, claim (as written), verdict, evidence (with its numbers), chapter (notebook).

    ``wide`` is :func:`amazon_case.filings.annual_wide`, ``claims`` :func:`amazon_case.filings.load_claims`,
    ``statements`` :func:`amazon_case.filings.load_statements`, ``fees`` :func:`amazon_case.marketplace.load_fees`.
    """
    from . import first_party_retail, marketplace  # the appendix reads the chapters' models

    rows = []
    split = customer_split(wide)
    business_share = split.at[HISTORY_YEARS[-1], "business_share"]
    first_share = split.at[HISTORY_YEARS[0], "business_share"]
    rows.append(_row(
        "Amazon's business model follows both a B2C and B2-B distribution strategy", "Hybrid model",
        "holds" if 0.1 <= business_share <= 0.9 else "does not hold",
        f"By our grouping of the 10-K's net sales categories, businesses (third-party seller services, advertising, "
        f"AWS) paid {first_share:.0%} of net sales in FY{HISTORY_YEARS[0]} and {business_share:.0%} in "
        f"FY{HISTORY_YEARS[-1]}; consumers paid most of the rest (online and physical stores, subscriptions).",
        "hybrid"))
    rows.append(_row(
        "Amazon's mission statement is to \"serve consumers through online and physical stores and focus on "
        "selection, price, and convenience.\"", "Mission and vision", "mislabelled",
        "The words are the 10-K's own (Part I, Item 1, Business), but not a mission statement: there they describe "
        "how Amazon serves one of its customer sets, consumers, before it turns to sellers, developers and "
        "enterprises, content creators and advertisers. Businesses paid "
        f"{business_share:.0%} of net sales in FY{HISTORY_YEARS[-1]} (third-party seller services, advertising "
        "and AWS).", "hybrid"))
    rows.append(_row(
        "Amazon's vision statement is \"to be Earth's most customer-centric company, where customers can find and "
        "discover anything they might want to buy online, and endeavors to offer its customers the lowest possible "
        "prices.\"", "Mission and vision", "not verifiable",
        "Only its first words are in the filings: the 10-K's description of the business opens \"We seek to be "
        "Earth's most customer-centric company\". The rest of the sentence, and the name \"vision statement\", are "
        "not in the filings, and no financial statement can measure customer-centricity.", "hybrid"))
    history = segment_history(wide)
    audited = history[history["fiscal_year"].isin(HISTORY_YEARS)]
    prime = statements[statements["metric"] == "prime_paid_members_millions"].sort_values("statement_date")
    latest_prime = prime.iloc[-1]
    rows.append(_row(
        "providing millions of products to billions of users around the world; "
        "a B2C business, which targets billions of consumers across the world", "Reach", "not verifiable",
        "Amazon's filings report no count of users or customers. The largest count Amazon has stated is "
        f"more than {latest_prime['value']:.0f} million paid Prime members (stated in "
        f"{pd.Timestamp(latest_prime['statement_date']):%B %Y}): "
        "millions, not billions, though Prime members are only part of Amazon's customers.", "retail"))

    margins = audited.pivot(index="fiscal_year", columns="segment", values="operating_margin")
    store_mean = margins[["North America", "International"]].mean()
    losses = int((margins["International"] < 0).sum())
    rows.append(_row(
        "The B2C e-commerce is run for scale. In short, it has tight profit margins", "First-party retail",
        "holds" if (store_mean < 0.10).all() else "does not hold",
        f"Operating margin, FY{HISTORY_YEARS[0]}–FY{HISTORY_YEARS[-1]} average: North America "
        f"{store_mean['North America']:.1%}, International {store_mean['International']:.1%} (a loss in {losses} of "
        f"{len(margins)} years), against AWS's {margins['AWS'].mean():.1%} (10-K segment note).", "retail"))

    cycle = first_party_retail.cash_conversion_cycle(wide).loc[list(HISTORY_YEARS), "ccc"]
    rows.append(_row(
        "yet it generates cash, in the short term (see cash conversion cycle)", "First-party retail",
        "holds" if (cycle < 0).all() else "does not hold",
        f"The cash conversion cycle (inventory days + receivable days − payable days, year-end balances) was negative "
        f"in {int((cycle < 0).sum())} of {len(cycle)} years, {cycle.loc[2024]:.1f} days in FY2024: suppliers are paid "
        "after customers pay.", "retail"))

    years = list(HISTORY_YEARS)
    reinvested = wide.loc[years, "capex_purchases_property_equipment"].sum() / wide.loc[years, "operating_cash_flow"].sum()
    rows.append(_row(
        "which Amazon re-uses to quickly scale up its operations", "First-party retail",
        "holds" if reinvested > 0.5 else "does not hold",
        f"Purchases of property and equipment were {reinvested:.0%} of operating cash flow over "
        f"FY{years[0]}–FY{years[-1]} (cash-flow statements; consolidated, so AWS's data centres are included).", "retail"))

    rows.append(_row(
        "This side of the business is all about a wide variety of products, low prices, and very fast delivery",
        "First-party retail", "not verifiable",
        "The 10-K reports no count of products, no price index and no delivery times.", "retail"))
    rows.append(_row(
        "Amazon has added Prime, to enable consumers to get free delivery", "Prime", "not verifiable",
        "The filings' figures do not describe Prime's terms; they report Subscription services net sales "
        f"(USD {wide.at[2024, 'net_sales_subscription_services'] / 1000:.1f} billion in FY2024), of which Prime fees "
        "are a part.", "retail"))

    unit_share = statements[statements["metric"] == "third_party_share_of_paid_units_pct"].sort_values("statement_date").iloc[-1]
    rows.append(_row(
        "its e-commerce platform is also used by other businesses, called third-party stores to sell their own "
        "products on top of Amazon", "Marketplace", "holds",
        f"Third-party seller services net sales were USD {wide.at[2024, 'net_sales_third_party_seller_services'] / 1000:.1f} "
        f"billion in FY2024; Amazon stated that third-party sellers sold {unit_share['value']:.0f}% of paid units in "
        f"{unit_share['period']}.", "marketplace"))

    referral = marketplace.fee(fees, "referral_fee_rate_most_categories")
    rows.append(_row(
        "Third-party sellers can chose to sell on Amazon, and take care of the fulfilment. In this case, Amazon will "
        "take only a small cut of the revenue, as distribution fee", "Marketplace",
        "holds" if referral <= 0.2 else "does not hold",
        f"Amazon's referral fee is {referral:.0%} of the sale price in most US categories (published fee schedule), "
        "with exceptions from 8% to 45%.", "marketplace"))

    fba_fee = marketplace.fee(fees, "fba_fulfilment_fee_large_standard_4oz")
    half_price = marketplace.price_where_amazon_takes(0.5, referral, fba_fee)
    rows.append(_row(
        "Or they can decide to leverage Amazon's inventories [...] In this case, the seller takes only a small cut of "
        "the overall revenues", "Marketplace", "does not hold",
        f"With a {referral:.0%} referral fee and a USD {fba_fee:.2f} fulfilment fee (a light standard-size item), "
        f"Amazon's fees pass half the price only below USD {half_price:.2f}: at typical prices the seller keeps most "
        "of the price, though Amazon's cut is larger than without FBA.", "marketplace"))

    aws_share = history[history["fiscal_year"] == 2024].set_index("segment")
    aws_income_share = aws_share.at["AWS", "operating_income_musd"] / aws_share["operating_income_musd"].sum()
    rows.append(_row(
        "Amazon AWS, is the cloud infrastructure, which powers up a good chunk of the web", "AWS", "not verifiable",
        "The filings give AWS's sales and profit, not its share of websites or of the cloud market.", "aws"))
    rows.append(_row(
        "Amazon AWS is primarily a B2B and enterprise platform, which has become a company within Amazon", "AWS",
        "holds",
        f"AWS is a reportable segment with its own results: {aws_share.at['AWS', 'net_sales_musd'] / aws_share['net_sales_musd'].sum():.0%} "
        f"of net sales and {aws_income_share:.0%} of segment operating income in FY2024, at a "
        f"{aws_share.at['AWS', 'operating_margin']:.1%} margin. The filings do not split its customers by type.", "aws"))
    rows.append(_row(
        "Born, as a way for Amazon to offer, third-party sellers, the ability to host their e-commerce on top of Amazon",
        "AWS", "does not hold",
        "Only in part: Amazon did run other retailers' online shops (Target's among them) on its platform from about "
        "2000, and that effort was one root of AWS; but those were retailers with their own sites, not sellers on "
        "Amazon's marketplace, and the cloud services launched in 2006 grew from Amazon's own need for infrastructure "
        "(sources in the AWS chapter).", "aws"))
    rows.append(_row(
        "a set of AI-ML tools, which are used by developers [...] a qualified sales force which is able to sell those "
        "services to other businesses or potentially enterprise clients", "AWS", "not verifiable",
        "Amazon reports nothing about how AWS's sales split between self-serve adoption and its sales force; "
        "the AWS chapter models the two motions with assumptions of ours.", "aws"))

    retail_sales = aws_share.loc[["North America", "International"], "net_sales_musd"].sum() / aws_share["net_sales_musd"].sum()
    shares = audited.pivot(index="fiscal_year", columns="segment", values="operating_income_musd")
    total = shares.sum(axis=1)
    aws_majority = int(((shares["AWS"] / total > 0.5) | (total <= 0)).sum())
    rows.append(_row(
        "Amazon has two souls. On the one hand, it's a strong consumer brand [...] On the other hand, it's also a B2B "
        "or enterprise platform", "Two souls", "holds" if aws_majority == len(total) and retail_sales > 0.5 else "does not hold",
        f"The retail segments made {retail_sales:.0%} of net sales in FY2024; AWS earned more than half of the segments' "
        f"operating income in {aws_majority} of {len(total)} years (FY{HISTORY_YEARS[0]}–FY{HISTORY_YEARS[-1]}).", "two-souls"))
    rows.append(_row(
        "a strong consumer brand, which leverages a powerful flywheel, to enable low prices, wide variety, and very "
        "fast delivery", "Two souls", "not verifiable",
        "No filing measures the loop of prices, customers, sellers and costs; the two-souls chapter models what the "
        "claim would need.", "two-souls"))

    for _, claim in check_claims(claims, wide).iterrows():
        percent = str(claim["claimed_unit"]).startswith("percent")
        filed = f"{claim['filed_value']:.1f}% of net sales" if percent else f"USD {claim['filed_value'] / 1000:,.1f} billion"
        comment = f" {claim['label_issue']}" if isinstance(claim["label_issue"], str) and claim["label_issue"] else ""
        rows.append(_row(claim["quote"], "2021 figures", claim["verdict"],
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
        "Online stores [...], Third-party Seller Services, Amazon AWS, Subscription Services, Advertising revenues, "
        "and Physical Stores", "2021 figures",
        "holds" if left_out_share < 0.01 else "does not hold",
        f"The list names {len(listed)} of the {len(CATEGORY_METRICS)} net sales categories of the Form 10-K for "
        f"FY{year}; it leaves out {names}, {left_out_share:.1%} of net sales.", "financials")


def verdict_counts(checks: pd.DataFrame) -> pd.Series:
    """How many claims got each verdict, in the order of :data:`VERDICTS`."""
    return checks["verdict"].value_counts().reindex(list(VERDICTS), fill_value=0)


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
    badge = lambda verdict: (f'<span class="verdict verdict-{verdict.replace(" ", "-")}">'
                             f"{html.escape(verdict)}</span>")
    link = lambda notebook: f'<a href="{html.escape(notebook)}">{html.escape(CHAPTER_TITLES[notebook])}</a>'
    shown = checks.assign(**{column: checks[column].map(html.escape) for column in ("topic", "claim", "evidence")})
    shown = shown.assign(verdict=checks["verdict"].map(badge), chapter=checks["chapter"].map(link))
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
