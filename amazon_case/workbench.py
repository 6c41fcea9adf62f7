"""ipywidgets workbenches: controls that re-run the Python models in a live notebook.

A workbench needs a running kernel, so the static book hides its output
(``remove-output`` tag) and says that it comes alive when the notebook runs.
The static site's own controls are the Vega-Lite parameters of the chart modules.

:class:`ModelWorkbench` is the one workbench every chapter uses: named sliders
feed a model function; its result is shown as a sentence, a table and a chart,
all recomputed whenever a slider moves. A model that refuses its inputs (raises
:class:`~amazon_case.models.AssumptionError`) shows the refusal as a message.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Callable

import ipywidgets as widgets
import pandas as pd
from IPython.display import display

from .charts import projection_result_chart
from .models import GROWTH_RANGE, MARGIN_RANGE, MAX_PROJECTION_YEARS, AssumptionError, project_segments, projection_summary

SLIDER_LAYOUT = {"width": "600px"}


@dataclass(frozen=True)
class Control:
    """A slider and the factor from what it shows to what the model takes (0.01 for a percent)."""

    widget: widgets.ValueWidget
    scale: float = 1.0

    @property
    def model_value(self) -> float:
        return self.widget.value * self.scale


def percent_slider(description: str, value: float, bounds: tuple[float, float], step: float = 0.5) -> Control:
    """A slider that shows a fraction as a percent; the model receives the fraction."""
    widget = widgets.FloatSlider(
        value=round(value * 100, 4), min=round(bounds[0] * 100, 4), max=round(bounds[1] * 100, 4), step=step,
        description=description, readout_format=".1f", continuous_update=False,
        style={"description_width": "initial"}, layout=widgets.Layout(**SLIDER_LAYOUT),
    )
    return Control(widget, 0.01)


def number_slider(description: str, value: float, bounds: tuple[float, float], step: float,
                  readout_format: str = ".2f") -> Control:
    """A slider whose value goes to the model as it is (dollars, days, counts)."""
    cls = widgets.IntSlider if all(float(v).is_integer() for v in (value, *bounds, step)) else widgets.FloatSlider
    options = {} if cls is widgets.IntSlider else {"readout_format": readout_format}
    widget = cls(
        value=value, min=bounds[0], max=bounds[1], step=step, description=description, continuous_update=False,
        style={"description_width": "initial"}, layout=widgets.Layout(**SLIDER_LAYOUT), **options,
    )
    return Control(widget)


class ModelWorkbench(widgets.VBox):
    """Sliders → ``compute`` → a sentence, a table and a chart, recomputed on every move.

    ``controls`` maps the model's argument names to :class:`Control`;
    ``compute(**values)`` receives the model values and returns a result;
    ``describe(result)`` returns one plain-text sentence, ``tabulate(result)``
    an HTML table (or ``""``), ``draw(result)`` an Altair chart (or ``None``).
    """

    def __init__(self, title: str, controls: dict[str, Control], compute: Callable[..., Any],
                 describe: Callable[[Any], str], tabulate: Callable[[Any], str] | None = None,
                 draw: Callable[[Any], Any] | None = None):
        self.controls, self._compute = controls, compute
        self._describe, self._tabulate, self._draw = describe, tabulate, draw
        self.sentence = widgets.HTML()
        self.table = widgets.HTML()
        self.chart = widgets.Output()
        self.sentence.add_class("workbench-sentence")
        self.last_chart = None
        self.result = None
        for control in controls.values():
            control.widget.observe(self._update, names="value")
        super().__init__([widgets.HTML(f"<b>{html.escape(title)}</b>"),
                          *(c.widget for c in controls.values()), self.sentence, self.table, self.chart])
        self.add_class("model-workbench")
        self._update()

    def values(self) -> dict[str, float]:
        """The model's arguments at the sliders' current positions."""
        return {name: control.model_value for name, control in self.controls.items()}

    def compute(self) -> Any:
        """The model's result at the sliders' current positions (raises AssumptionError if refused)."""
        return self._compute(**self.values())

    def _update(self, _change=None) -> None:
        try:
            result = self.compute()
        except AssumptionError as err:
            self.result = None
            self.sentence.value = f"<p style='color:#b00'>The model refuses these settings: {html.escape(str(err))}</p>"
            self.table.value = ""
            self.chart.clear_output()
            self.last_chart = None
            return
        self.result = result
        self.sentence.value = f"<p>{html.escape(self._describe(result))}</p>"
        self.table.value = self._tabulate(result) if self._tabulate else ""
        if self._draw is not None:
            self.last_chart = self._draw(result)
            with self.chart:  # replace the chart in place: wait=True avoids a blank flash
                self.chart.clear_output(wait=True)
                display(self.last_chart)


# ---------------------------------------------------------------------------
# The financials projection
# ---------------------------------------------------------------------------

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


class ProjectionWorkbench(ModelWorkbench):
    """Sliders for each segment's growth and margin, a years slider, and the projection as text, table and chart.

    ``base`` is one row per segment (index) with ``net_sales_musd`` and
    ``operating_income_musd`` for ``base_year``; ``defaults`` has ``growth``
    and ``margin`` per segment (fractions).
    """

    def __init__(self, base: pd.DataFrame, defaults: pd.DataFrame, base_year: int, source: str = ""):
        self.base, self.base_year = base, base_year
        self.source = source or f"Amazon Form 10-K, segment note (FY{base_year}); projection: our model"
        self.growth = {s: percent_slider(f"{s}: growth per year (%)", defaults.at[s, "growth"], GROWTH_RANGE)
                       for s in base.index}
        self.margin = {s: percent_slider(f"{s}: operating margin (%)", defaults.at[s, "margin"], MARGIN_RANGE)
                       for s in base.index}
        self.years = number_slider("Years ahead", 5, (1, MAX_PROJECTION_YEARS), 1)
        controls = {f"{kind}:{s}": c for s in base.index
                    for kind, c in (("growth", self.growth[s]), ("margin", self.margin[s]))} | {"years": self.years}
        super().__init__(
            "Projection workbench (assumptions are yours; defaults from the filings)", controls,
            compute=lambda **values: self._project(values), describe=projection_sentence,
            tabulate=projection_table_html, draw=lambda projection: projection_result_chart(projection, self.source),
        )
        # Keep the widgets reachable by segment, as the chapter and tests use them.
        self.growth = {s: c.widget for s, c in self.growth.items()}
        self.margin = {s: c.widget for s, c in self.margin.items()}
        self.years = self.years.widget

    def _project(self, values: dict[str, float]) -> pd.DataFrame:
        return project_segments(
            self.base,
            growth={s: values[f"growth:{s}"] for s in self.base.index},
            margin={s: values[f"margin:{s}"] for s in self.base.index},
            base_year=self.base_year,
            years=int(values["years"]),
        )

    def projection(self) -> pd.DataFrame:
        """The projection for the sliders' current values."""
        return self.compute()
