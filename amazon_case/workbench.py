"""ipywidgets workbenches: controls that re-run the Python models in a live notebook.

A workbench needs a running kernel, so the static book hides its output
(``remove-output`` tag) and says that it comes alive when the notebook runs.
The static site's own controls are the Vega-Lite parameters of
:mod:`amazon_case.charts`.
"""

from __future__ import annotations

import html

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from .charts import projection_result_chart
from .models import GROWTH_RANGE, MARGIN_RANGE, AssumptionError, project_segments, projection_summary


def _slider(description: str, value: float, bounds: tuple[float, float]) -> widgets.FloatSlider:
    return widgets.FloatSlider(
        value=round(value * 100, 1),
        min=bounds[0] * 100,
        max=bounds[1] * 100,
        step=0.5,
        description=description,
        readout_format=".1f",
        continuous_update=False,
        style={"description_width": "initial"},
        layout=widgets.Layout(width="560px"),
    )


def projection_table_html(projection: pd.DataFrame) -> str:
    """An HTML table of net sales, operating income and margin per year (USD billions)."""
    summary = projection_summary(projection)
    by_segment = projection.pivot(index="fiscal_year", columns="segment", values="operating_income_musd")
    table = pd.DataFrame(
        {
            "Net sales (USD bn)": summary["net_sales_musd"] / 1000,
            "Operating income (USD bn)": summary["operating_income_musd"] / 1000,
            "Operating margin": summary["operating_margin"],
            **{f"{segment} op. income (USD bn)": by_segment[segment] / 1000 for segment in by_segment.columns},
        }
    )
    table.index.name = "Fiscal year"
    formats = {c: "{:,.1f}".format for c in table.columns}
    formats["Operating margin"] = "{:.1%}".format
    return table.to_html(formatters=formats, classes="projection-table", border=0)


def projection_sentence(projection: pd.DataFrame) -> str:
    """One sentence that states the projection's last year in words."""
    summary = projection_summary(projection)
    last = int(summary.index.max())
    first = int(summary.index.min())
    end = projection[projection["fiscal_year"] == last].set_index("segment")
    aws_share = end["share_of_operating_income"].get("AWS")
    growth = summary.at[last, "net_sales_musd"] / summary.at[first, "net_sales_musd"]
    share_text = (
        f"AWS would earn {aws_share:.0%} of operating income"
        if pd.notna(aws_share)
        else "total operating income would not be positive, so no segment's share of it is meaningful"
    )
    return (
        f"By FY{last}, net sales would be ${summary.at[last, 'net_sales_musd'] / 1000:,.0f} billion "
        f"({growth:.2f}× FY{first}) and operating income ${summary.at[last, 'operating_income_musd'] / 1000:,.0f} billion "
        f"(a {summary.at[last, 'operating_margin']:.1%} margin); {share_text}."
    )


class ProjectionWorkbench(widgets.VBox):
    """Sliders for each segment's growth and margin, a years slider, and the projection as text and a table.

    ``base`` is one row per segment (index) with ``net_sales_musd`` and
    ``operating_income_musd`` for ``base_year``; ``defaults`` has ``growth``
    and ``margin`` per segment (fractions).
    """

    def __init__(self, base: pd.DataFrame, defaults: pd.DataFrame, base_year: int, source: str = ""):
        self.base, self.base_year = base, base_year
        self.source = source or f"Amazon Form 10-K, segment note (FY{base_year}); projection: our model"
        self.chart = widgets.Output()
        self.last_chart = None
        self.growth = {s: _slider(f"{s}: growth per year (%)", defaults.at[s, "growth"], GROWTH_RANGE) for s in base.index}
        self.margin = {s: _slider(f"{s}: operating margin (%)", defaults.at[s, "margin"], MARGIN_RANGE) for s in base.index}
        self.years = widgets.IntSlider(value=5, min=1, max=10, description="Years ahead", style={"description_width": "initial"},
                                       continuous_update=False)
        self.sentence = widgets.HTML()
        self.table = widgets.HTML()
        controls = [w for s in base.index for w in (self.growth[s], self.margin[s])] + [self.years]
        for control in controls:
            control.observe(self._update, names="value")
        super().__init__([widgets.HTML("<b>Projection workbench</b> (assumptions are yours; defaults from the filings)"),
                          *controls, self.sentence, self.table, self.chart])
        self._update()

    def projection(self) -> pd.DataFrame:
        """The projection for the sliders' current values."""
        return project_segments(
            self.base,
            growth={s: w.value / 100 for s, w in self.growth.items()},
            margin={s: w.value / 100 for s, w in self.margin.items()},
            base_year=self.base_year,
            years=self.years.value,
        )

    def _update(self, _change=None) -> None:
        try:
            projection = self.projection()
        except AssumptionError as err:
            self.sentence.value = f"<p style='color:#b00'>Cannot project: {html.escape(str(err))}</p>"
            self.table.value = ""
            self.chart.clear_output()
            self.last_chart = None
            return
        self.sentence.value = f"<p>{html.escape(projection_sentence(projection))}</p>"
        self.table.value = projection_table_html(projection)
        self.last_chart = projection_result_chart(projection, self.source)
        with self.chart:  # replace the chart in place: wait=True avoids a blank flash
            self.chart.clear_output(wait=True)
            display(self.last_chart)
