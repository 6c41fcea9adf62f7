"""The Context part of the book: Amazon's hybrid model among its history, its rivals and its regulators.

One subpackage for the part's four chapters, each module named after its notebook:

- :mod:`~amazon_case.context.sources`: the part's data files (the timeline, the regulatory steps, peers'
  figures, the cloud market), loaded and validated against their manifests;
- :mod:`~amazon_case.context.timeline` (``chapters/timeline.ipynb``): the dated exhibit, chart and table;
- :mod:`~amazon_case.context.peers` (``chapters/peers.ipynb``): eBay, Etsy, Shopify, Walmart and JD.com beside
  Amazon's take rate and first-party share, what is filed and what is derived;
- :mod:`~amazon_case.context.cloud` (``chapters/cloud.ipynb``): AWS beside Azure and Google Cloud, filed
  figures first, market-share estimates labelled as such;
- :mod:`~amazon_case.context.regulation` (``chapters/regulation.ipynb``): the proceedings, as a table.

:func:`book_models` and :func:`book_charts` register the part's models and charts for the book-wide tests.
"""

from __future__ import annotations

from ..kit.registry import ChartEntry, ModelEntry
from . import cloud, peers, regulation, sources, timeline

__all__ = ["book_charts", "book_models", "cloud", "peers", "regulation", "sources", "timeline"]

#: The estimate the share chart opens on: Synergy's latest estimate whose shares have two sources.
DEFAULT_ESTIMATE = "synergy-q3-2025"


def timeline_themes() -> dict[str, str]:
    from ..kit.data import load_manifest

    return load_manifest(sources.DATA_DIR / sources.TIMELINE_FILE)["schema"]["themes"]


def timeline_as_of() -> str:
    from ..kit.data import load_manifest

    return load_manifest(sources.DATA_DIR / sources.TIMELINE_FILE)["schema"]["as_of"]


def book_models() -> list[ModelEntry]:
    themes = timeline_themes()
    estimates = cloud.estimate_rows(sources.load_cloud())
    share_rows = estimates.rename(columns={"estimate": "estimate_row"})[
        ["estimate_row", "scope", "market", "reported", "status"]].drop_duplicates().to_dict("records")
    events = sources.load_timeline()
    years = timeline.view_years(events)
    scale_rows = _scale_rows()
    growth = _growth_rows()
    scale = [{"revenue_bn": r.revenue_bn, "margin_pct": r.margin_pct, "has_margin": r.has_margin}
             for r in scale_rows.itertuples() if r.has_margin]
    return [ModelEntry("timeline", timeline.timeline_view(themes, *years),
                       lambda: [{"theme": t, "year": y} for t in themes for y in (years[0] - 1, 2006, years[1])]),
            ModelEntry("cloud", cloud.SCALE_VIEW, lambda: scale + [{"revenue_bn": 75.0, "margin_pct": 0.0, "has_margin": 0}]),
            ModelEntry("cloud", cloud.growth_view(growth), lambda: growth[["quarter_index", "growth_pct"]].to_dict("records")),
            ModelEntry("cloud", cloud.share_view(estimates, DEFAULT_ESTIMATE), lambda: share_rows)]


def _growth_rows():
    from ..filings import load_quarterly

    return cloud.growth_rows(sources.load_cloud(), load_quarterly())


def _scale_rows():
    from ..filings import annual_wide

    return cloud.scale_rows(sources.load_cloud(), annual_wide())


def book_charts() -> list[ChartEntry]:
    from ..filings import annual_wide, load_quarterly, load_statements

    themes = timeline_themes()
    years = timeline.view_years(sources.load_timeline())
    estimates = lambda: cloud.estimate_rows(sources.load_cloud())  # noqa: E731

    def take_rate():
        wide = annual_wide()
        table = peers.peer_table(sources.load_peers())
        return peers.take_rate_chart(peers.comparison_rows(
            peers.peer_ratios(table), peers.amazon_take_rate(wide, load_statements(), 2025),
            peers.amazon_first_party_share(wide, 2025), 2025), "peers.csv; Amazon: 10-K")

    return [
        ChartEntry("timeline", "timeline", lambda: timeline.timeline_chart(
            sources.load_timeline(), themes, "amazon_timeline.csv", timeline_as_of()),
            timeline.timeline_view(themes, *years).param_names()),
        ChartEntry("peers", "take rates", take_rate, peers.TAKE_RATE.param_names(only=["price_ratio"])),
        ChartEntry("peers", "growth", lambda: peers.growth_chart(
            peers.growth_rows(peers.peer_table(sources.load_peers()), load_quarterly()), "peers.csv; Amazon releases")),
        ChartEntry("cloud", "scale", lambda: cloud.scale_chart(_scale_rows(), "10-Ks"), cloud.SCALE_VIEW.param_names()),
        ChartEntry("cloud", "growth", lambda: cloud.growth_chart(_growth_rows(), "releases"),
                   cloud.growth_view(_growth_rows()).param_names()),
        ChartEntry("cloud", "shares", lambda: cloud.share_chart(estimates(), DEFAULT_ESTIMATE, "cloud_market.csv"),
                   cloud.share_view(estimates(), DEFAULT_ESTIMATE).param_names()),
    ]
