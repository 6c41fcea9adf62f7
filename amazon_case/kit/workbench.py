"""ipywidgets workbenches: controls that re-run a Python model in a live notebook.

A workbench needs a running kernel, so the static book hides its output
(``remove-output`` tag) and says that it comes alive when the notebook runs.
The static site's own controls are the charts' Vega-Lite parameters.

:class:`Workbench` is the one workbench every chapter uses. Its sliders come from the
model's input declarations (:meth:`~amazon_case.kit.inputs.Input.widget`), so that they
have the chart's labels, bounds, steps and defaults. When a slider moves, ``compute``
runs with the model's values; the result is shown as a sentence, a table and a chart.
A model that refuses its inputs (raises :class:`~amazon_case.kit.inputs.AssumptionError`)
shows the refusal as a message.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Iterable
from typing import Any

import ipywidgets as widgets
from IPython.display import display

from .inputs import AssumptionError, Choice, Input, Inputs

__all__ = ["Workbench"]


class Workbench(widgets.VBox):
    """Sliders → ``compute(**values)`` → ``describe`` (a sentence), ``tabulate`` (HTML) and ``draw`` (a chart).

    ``inputs`` are the declarations the sliders are made from, in order; ``extra`` adds
    inputs that are not the model's (a year to look at, a horizon). ``compute`` receives
    every value in the model's units (fractions for percent).
    """

    def __init__(self, title: str, inputs: Inputs | Iterable[Input | Choice], compute: Callable[..., Any],
                 describe: Callable[[Any], str], tabulate: Callable[[Any], str] | None = None,
                 draw: Callable[[Any], Any] | None = None):
        self.inputs = inputs if isinstance(inputs, Inputs) else Inputs(inputs)
        self.controls = {name: item.widget() for name, item in self.inputs.items()}
        self._compute, self._describe, self._tabulate, self._draw = compute, describe, tabulate, draw
        self.sentence, self.table, self.chart = widgets.HTML(), widgets.HTML(), widgets.Output()
        self.sentence.add_class("workbench-sentence")
        self.last_chart = None
        self.result = None
        for control in self.controls.values():
            control.observe(self._update, names="value")
        super().__init__([widgets.HTML(f"<b>{html.escape(title)}</b>"), *self.controls.values(),
                          self.sentence, self.table, self.chart])
        self.add_class("model-workbench")
        self._update()

    def values(self) -> dict[str, Any]:
        """The model's arguments at the sliders' current positions (fractions for percent)."""
        return {name: self.inputs[name].from_widget(w.value) for name, w in self.controls.items()}

    def compute(self) -> Any:
        """The model's result at the sliders' current positions (raises AssumptionError if refused)."""
        return self._compute(**self.values())

    def _update(self, _change=None) -> None:
        try:
            result = self.compute()
        except AssumptionError as err:
            self.result = None
            self.sentence.value = f"<p class='workbench-refusal'>The model refuses these settings: {html.escape(str(err))}</p>"
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
