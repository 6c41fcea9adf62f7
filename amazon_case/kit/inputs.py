"""Model inputs declared once: name, label, unit, default, bounds, step, whose figure it is and its source.

One :class:`Input` gives everything that used to be written four times:

- the range check of the Python model (:meth:`Input.check`, raising :class:`AssumptionError`
  that names the parameter, its value and the allowed range);
- the reader's control in the static book (:meth:`Input.param`, a named Vega-Lite
  parameter bound to a slider);
- the control of the live workbench (:meth:`Input.widget`, an ipywidgets slider);
- the label the reader sees, which starts "Assumption: " when the figure is ours
  (:attr:`Input.label_text`).

A model takes fractions where the reader sees percent: an input whose unit starts with
``%`` shows ``100 ×`` the model's value, and its Vega reference divides by 100.

:class:`Choice` is an input with named options (a radio button or a dropdown), such as
a fee season or a fiscal year; the model receives the option's value.

:class:`Preset` is a named case of a model that its chapter discusses ("a 3 lb item"): values for
some inputs, checked against those inputs when it is declared, and carried into the static book's
chart (:meth:`Inputs.usermeta`) so that the reader can set the chart to it with one button.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, Literal

import altair as alt

__all__ = ["AMAZON", "ASSUMPTION", "VIEW", "AssumptionError", "Checkbox", "Choice", "Input", "Inputs", "Labelled",
           "Preset", "check_number"]

#: Whose figure an input's default is: Amazon's (filed, stated or published) or ours; or no figure at
#: all, only a way of looking at the data (a year to show, a unit).
AMAZON: Literal["amazon"] = "amazon"
ASSUMPTION: Literal["assumption"] = "assumption"
VIEW: Literal["view"] = "view"
Origin = Literal["amazon", "assumption", "view"]


class AssumptionError(ValueError):
    """An input of a model (an assumption or a figure) is outside the range the model accepts."""


def check_number(name: str, value: Any, low: float, high: float, *, low_open: bool = False) -> float:
    """``value`` as a float if it is a finite number in ``[low, high]`` (``(low, high]`` if ``low_open``).

    Raises :class:`AssumptionError` naming the parameter, the value and the range otherwise.
    """
    if isinstance(value, bool):
        raise AssumptionError(f"parameter {name!r} must be a number, got {value!r}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise AssumptionError(f"parameter {name!r} must be a number, got {value!r}") from None
    if not math.isfinite(number):
        raise AssumptionError(f"parameter {name!r} must be finite, got {value!r}")
    below = number <= low if low_open else number < low
    if below or number > high:
        bracket = "(" if low_open else "["
        raise AssumptionError(f"parameter {name!r} = {value!r} is outside the allowed range {bracket}{low:g}, {high:g}]")
    return number


def _decimals(step: float) -> int:
    text = f"{step:.10f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


class Labelled:
    """What every input shows the reader: its label and the name of its parameter (shared by the input kinds)."""

    name: str
    label: str
    unit: str
    hint: str
    origin: str

    @property
    def label_text(self) -> str:
        """What the control says: "Assumption: sale price (USD)" for ours, "Referral fee (% of price)" for Amazon's."""
        detail = "; ".join(part for part in (self.unit, self.hint) if part)
        text = f"{self.label} ({detail})" if detail else self.label
        return f"Assumption: {text}" if self.origin == ASSUMPTION else text[:1].upper() + text[1:]

    def param_name(self, prefix: str) -> str:
        return f"{prefix}_{self.name}" if prefix else self.name


@dataclass(frozen=True)
class Input(Labelled):
    """One input of a model, declared once.

    ``label`` says what it is in words ("sale price"); ``unit`` how it is shown ("USD",
    "days", "% of price": a unit starting with ``%`` shows the model's fraction times 100).
    ``default``, ``low``, ``high`` are in the model's units (fractions for percent);
    ``step`` is in the units shown. ``origin`` is :data:`AMAZON` (a filed, stated or
    published figure), :data:`ASSUMPTION` (ours) or :data:`VIEW` (a way of looking, not a
    figure); ``source`` says where the default comes from. ``hint`` is added to the label ("15% in most categories").
    """

    name: str
    label: str
    unit: str
    default: float
    low: float
    high: float
    step: float
    origin: Origin
    source: str
    hint: str = ""
    low_open: bool = False

    def __post_init__(self) -> None:
        if self.origin not in (AMAZON, ASSUMPTION, VIEW):
            raise ValueError(f"input {self.name!r}: origin must be {AMAZON!r}, {ASSUMPTION!r} or {VIEW!r}, "
                             f"got {self.origin!r}")
        if not self.source.strip():
            raise ValueError(f"input {self.name!r}: every input names the source of its default")
        if not self.low < self.high or self.step <= 0:
            raise ValueError(f"input {self.name!r}: needs low < high and a positive step")
        self.check(self.default)

    # -- the model's side --------------------------------------------------------------------

    @property
    def scale(self) -> float:
        """What the reader sees per unit the model takes: 100 for percent, else 1."""
        return 100.0 if self.unit.startswith("%") else 1.0

    def check(self, value: Any) -> float:
        """``value`` as a float if the model accepts it, else :class:`AssumptionError`."""
        return check_number(self.name, value, self.low, self.high, low_open=self.low_open)

    def with_default(self, value: float, source: str | None = None) -> Input:
        """The same input with another default (checked against the bounds), e.g. a figure read from the data."""
        return dataclasses.replace(self, default=self.check(value), source=source or self.source)

    # -- the reader's side -------------------------------------------------------------------

    def shown(self, value: float) -> float:
        """A model value in the units the reader sees (rounded to hide binary noise)."""
        return round(value * self.scale, 9)

    def param(self, prefix: str) -> alt.Parameter:
        """The named Vega-Lite parameter, bound to a slider, that the static book shows."""
        return alt.param(
            name=self.param_name(prefix), value=self.shown(self.default),
            bind=alt.binding_range(min=self.shown(self.low), max=self.shown(self.high), step=self.step,
                                   name=self.label_text + " "),
        )

    def ref(self, prefix: str) -> str:
        """The Vega expression of the model's value when the reader's parameter sets it."""
        name = self.param_name(prefix)
        return f"{name} / {self.scale:g}" if self.scale != 1 else name

    def widget(self):  # -> ipywidgets.ValueWidget
        """The ipywidgets slider of the live workbench (shows what the static control shows)."""
        import ipywidgets as widgets

        shown = [self.shown(v) for v in (self.default, self.low, self.high)]
        integral = all(float(v).is_integer() for v in (*shown, self.step))
        options = {} if integral else {"readout_format": f".{_decimals(self.step)}f"}
        cls = widgets.IntSlider if integral else widgets.FloatSlider
        kind = (lambda v: int(v)) if integral else float
        return cls(value=kind(shown[0]), min=kind(shown[1]), max=kind(shown[2]), step=kind(self.step),
                   description=self.label_text, continuous_update=False, style={"description_width": "initial"},
                   layout=widgets.Layout(width="100%", max_width="640px"), **options)

    def from_widget(self, value: float) -> float:
        return value / self.scale


@dataclass(frozen=True)
class Choice(Labelled):
    """An input with named options: ``options`` maps each label the reader sees to the model's value."""

    name: str
    label: str
    options: tuple[tuple[str, Any], ...]
    default: Any
    origin: Origin
    source: str
    control: Literal["radio", "select"] = "radio"
    unit: str = ""
    hint: str = ""

    def __post_init__(self) -> None:
        if not self.options:
            raise ValueError(f"input {self.name!r}: a choice needs options")
        if not self.source.strip():
            raise ValueError(f"input {self.name!r}: every input names the source of its default")
        self.check(self.default)

    @property
    def values(self) -> list[Any]:
        return [value for _, value in self.options]

    @property
    def labels(self) -> list[str]:
        return [label for label, _ in self.options]

    @property
    def low(self) -> Any:
        return min(self.values)

    @property
    def high(self) -> Any:
        return max(self.values)

    def check(self, value: Any) -> Any:
        for option in self.values:
            if value == option and type(value) is not bool:
                return option
        labels = ", ".join(f"{label!r} ({value!r})" for label, value in self.options)
        raise AssumptionError(f"parameter {self.name!r} = {value!r} is not one of the options: {labels}")

    def with_default(self, value: Any, source: str | None = None) -> Choice:
        return dataclasses.replace(self, default=self.check(value), source=source or self.source)

    def shown(self, value: Any) -> Any:
        return value

    def param(self, prefix: str) -> alt.Parameter:
        binding = alt.binding_radio if self.control == "radio" else alt.binding_select
        return alt.param(name=self.param_name(prefix), value=self.default,
                         bind=binding(options=self.values, labels=self.labels, name=self.label_text + " "))

    def ref(self, prefix: str) -> str:
        return self.param_name(prefix)

    def widget(self):
        import ipywidgets as widgets

        cls = widgets.ToggleButtons if self.control == "radio" else widgets.Dropdown
        return cls(options=list(self.options), value=self.default, description=self.label_text,
                   style={"description_width": "initial"})

    def from_widget(self, value: Any) -> Any:
        return value


@dataclass(frozen=True)
class Checkbox(Choice):
    """An input that is on or off, shown as a checkbox; the model receives ``True`` or ``False``.

    ``options`` name the two states, ``True`` first (the formula parity test draws from them).
    """

    def check(self, value: Any) -> bool:
        if isinstance(value, bool):
            return value
        raise AssumptionError(f"parameter {self.name!r} = {value!r} must be True or False")

    def param(self, prefix: str) -> alt.Parameter:
        return alt.param(name=self.param_name(prefix), value=self.default,
                         bind=alt.binding_checkbox(name=self.label_text + " "))

    def widget(self):  # -> ipywidgets.Checkbox
        import ipywidgets as widgets

        return widgets.Checkbox(value=self.default, description=self.label_text, indent=False)


class Inputs(Mapping[str, "Input | Choice"]):
    """A model's inputs in the order its controls appear; read like a dict by name."""

    def __init__(self, inputs: Iterable[Input | Choice]):
        self._inputs = {}
        for item in inputs:
            if item.name in self._inputs:
                raise ValueError(f"input {item.name!r} is declared twice")
            self._inputs[item.name] = item

    def __getitem__(self, name: str) -> Input | Choice:
        try:
            return self._inputs[name]
        except KeyError:
            raise KeyError(f"no input named {name!r}; inputs: {', '.join(self._inputs)}") from None

    def __iter__(self) -> Iterator[str]:
        return iter(self._inputs)

    def __len__(self) -> int:
        return len(self._inputs)

    def defaults(self) -> dict[str, Any]:
        return {name: item.default for name, item in self._inputs.items()}

    def check(self, values: Mapping[str, Any]) -> dict[str, Any]:
        """Every input's value checked; an unknown or missing name raises :class:`AssumptionError`."""
        unknown = set(values) - set(self._inputs)
        if unknown:
            raise AssumptionError(f"unknown parameter(s) {sorted(unknown)}; the model takes {list(self._inputs)}")
        missing = [name for name in self._inputs if name not in values]
        if missing:
            raise AssumptionError(f"missing parameter(s) {missing}")
        return {name: item.check(values[name]) for name, item in self._inputs.items()}

    def with_defaults(self, **values: Any) -> Inputs:
        """The same inputs with some defaults replaced (each checked against its input's bounds)."""
        return Inputs(self._inputs[n].with_default(values[n]) if n in values else item
                      for n, item in self._inputs.items())

    def params(self, prefix: str, only: Iterable[str] | None = None) -> list[alt.Parameter]:
        names = list(self._inputs) if only is None else list(only)
        return [self[name].param(prefix) for name in names]

    def usermeta(self, prefix: str, presets: Iterable[Preset], only: Iterable[str] | None = None) -> dict[str, Any]:
        """The chart's ``usermeta`` carrying ``presets`` to the static book (``_ext/vega_charts.js`` shows them).

        ``{"presets": [{"name": ..., "values": {parameter name: value as the reader sees it}}]}``. Every preset
        must be of these inputs and set only inputs the chart has controls for (``only``, default all).
        """
        shown = set(self._inputs) if only is None else set(only)
        entries = []
        for preset in presets:
            if preset.inputs is not self and dict(preset.inputs) != dict(self):
                raise ValueError(f"preset {preset.name!r} is of other inputs")
            missing = set(preset.values) - shown
            if missing:
                raise ValueError(f"preset {preset.name!r} sets {sorted(missing)}, which the chart has no control for")
            entries.append({"name": preset.name,
                            "values": {self[n].param_name(prefix): self[n].shown(v) for n, v in preset.values.items()}})
        return {"presets": entries}


@dataclass(frozen=True)
class Preset:
    """A named case of a model that its chapter discusses: values for some of its ``inputs`` (in the model's units).

    The other inputs keep their defaults. Each value is checked against its input when the preset is
    declared: an unknown name or a value the input refuses raises :class:`AssumptionError`.
    """

    name: str
    inputs: Inputs = dataclasses.field(repr=False, compare=False)
    values: Mapping[str, Any]

    def __post_init__(self) -> None:
        if not self.name.strip():
            raise ValueError("a preset needs a name")
        if not self.values:
            raise ValueError(f"preset {self.name!r} sets no input")
        unknown = set(self.values) - set(self.inputs)
        if unknown:
            raise AssumptionError(f"preset {self.name!r}: unknown parameter(s) {sorted(unknown)}; "
                                  f"the model takes {list(self.inputs)}")
        checked = {name: self.inputs[name].check(value) for name, value in self.values.items()}
        object.__setattr__(self, "values", checked)

    def settings(self) -> dict[str, Any]:
        """Every input's value in this case: the defaults, with this preset's values."""
        return {**self.inputs.defaults(), **self.values}
