"""A model: its inputs declared once, its formulas written once, run in Python and in the chart.

:class:`Model` ties a set of :class:`~amazon_case.kit.inputs.Input` to an ordered list of
:class:`~amazon_case.kit.formulas.Formula`. Each formula's arguments are inputs, fields of
a data row (:class:`Field`), fixed constants, or the results of earlier formulas.

- :meth:`Model.evaluate` checks every value and runs the formulas in Python.
- :meth:`Model.calculate` appends the same formulas, translated to Vega, to an Altair
  chart, with each input read from the reader's control (or from the row, or fixed).
- :meth:`Model.params` gives the chart its controls, :meth:`Model.widgets` the workbench its own.

:class:`Loop` is a model that runs year after year: each year's values come from the
last year's by the same step formulas. Python runs the loop; the chart gets the years
unrolled into fields of one row and a table with one row per year that picks its own.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import altair as alt
import pandas as pd

from .formulas import Formula
from .inputs import AssumptionError, Choice, Input, Inputs, check_number

__all__ = ["Field", "Loop", "Model"]


@dataclass(frozen=True)
class Field:
    """A value a model reads from a data row (a filed figure, a grid value), with the range it accepts."""

    name: str
    description: str
    low: float = -math.inf
    high: float = math.inf
    low_open: bool = False
    optional: bool = False  # may be empty (None) in a row

    def check(self, value: Any) -> Any:
        if isinstance(value, str) or (self.optional and (value is None or value != value)):
            return value
        return check_number(self.name, value, self.low, self.high, low_open=self.low_open)


class Model:
    """Inputs, row fields and formulas of one model.

    ``prefix`` names the chart's parameters (``<prefix>_<input>``), so that two models on
    one page never share a control by accident.
    """

    def __init__(self, name: str, prefix: str, inputs: Iterable[Input | Choice], formulas: Sequence[Formula],
                 fields: Iterable[Field] = (), constants: Mapping[str, float] | None = None):
        self.name, self.prefix = name, prefix
        self.inputs = inputs if isinstance(inputs, Inputs) else Inputs(inputs)
        self.fields = {f.name: f for f in fields}
        self.constants = dict(constants or {})
        self.formulas = list(formulas)
        known = set(self.inputs) | set(self.fields) | set(self.constants)
        for f in self.formulas:
            unknown = [a for a in f.arguments if a not in known]
            if unknown:
                raise ValueError(f"model {name}: formula {f.name} reads {unknown}, which are neither inputs, "
                                 "fields, constants nor results of earlier formulas")
            if f.name in known:
                raise ValueError(f"model {name}: formula {f.name} has the name of an input, field or earlier formula")
            known.add(f.name)

    def __repr__(self) -> str:
        return f"<model {self.name}: {len(self.inputs)} inputs, {len(self.formulas)} formulas>"

    def with_defaults(self, **values: Any) -> Model:
        """The same model with some inputs' defaults replaced, e.g. by figures read from the data."""
        return Model(self.name, self.prefix, self.inputs.with_defaults(**values), self.formulas,
                     self.fields.values(), self.constants)

    def formula(self, name: str) -> Formula:
        for f in self.formulas:
            if f.name == name:
                return f
        raise KeyError(f"model {self.name} has no formula {name!r}")

    # -- Python ------------------------------------------------------------------------------

    def evaluate(self, **values: Any) -> dict[str, Any]:
        """Check the inputs and fields, run every formula; return inputs, fields and results by name.

        An input that is missing takes its default only if ``values`` does not name it; a value
        outside an input's bounds raises :class:`~amazon_case.kit.inputs.AssumptionError`.
        """
        unknown = set(values) - set(self.inputs) - set(self.fields)
        if unknown:
            raise AssumptionError(f"model {self.name}: unknown parameter(s) {sorted(unknown)}")
        missing = [name for name in self.fields if name not in values]
        if missing:
            raise AssumptionError(f"model {self.name}: missing field(s) {missing}")
        scope: dict[str, Any] = dict(self.constants)
        scope.update(self.inputs.check({**self.inputs.defaults(), **{k: v for k, v in values.items() if k in self.inputs}}))
        scope.update({name: field.check(values[name]) for name, field in self.fields.items()})
        for f in self.formulas:
            scope[f.name] = f(*(scope[a] for a in f.arguments))
        return scope

    # -- Vega --------------------------------------------------------------------------------

    def refs(self, rows: Iterable[str] = (), fixed: Mapping[str, Any] | None = None) -> dict[str, str]:
        """The Vega expression of every name a formula may read.

        Inputs come from the reader's controls, except those in ``rows`` (read from the
        row, ``datum.<name>``) and in ``fixed`` (numbers written into the expression).
        Fields and earlier results are read from the row.
        """
        from .formulas import _literal

        rows, fixed = set(rows), dict(fixed or {})
        bad = (rows | set(fixed)) - set(self.inputs) - set(self.fields)
        if bad:
            raise KeyError(f"model {self.name}: {sorted(bad)} are not inputs or fields")
        refs = {name: _literal(value, f"constant {name}") for name, value in self.constants.items()}
        for name, item in self.inputs.items():
            if name in fixed:
                refs[name] = _literal(item.check(fixed[name]), f"fixed input {name}")
            elif name in rows:
                refs[name] = f"datum.{name}"
            else:
                refs[name] = item.ref(self.prefix)
        refs.update({name: f"datum.{name}" for name in self.fields})
        refs.update({f.name: f"datum.{f.name}" for f in self.formulas})
        return refs

    def needed(self, outputs: Iterable[str] | None) -> list[Formula]:
        """The formulas that ``outputs`` depend on, in order (all formulas if ``outputs`` is None)."""
        if outputs is None:
            return list(self.formulas)
        wanted = set(outputs)
        for f in reversed(self.formulas):
            if f.name in wanted:
                wanted.update(f.arguments)
        unknown = set(outputs) - {f.name for f in self.formulas}
        if unknown:
            raise KeyError(f"model {self.name} has no formula(s) {sorted(unknown)}")
        return [f for f in self.formulas if f.name in wanted]

    def expressions(self, outputs: Iterable[str] | None = None, rows: Iterable[str] = (),
                    fixed: Mapping[str, Any] | None = None) -> dict[str, str]:
        """Each needed formula's Vega expression, in order (see :meth:`refs`)."""
        refs = self.refs(rows, fixed)
        return {f.name: f.vega(refs) for f in self.needed(outputs)}

    def calculate(self, chart: alt.Chart, outputs: Iterable[str] | None = None, rows: Iterable[str] = (),
                  fixed: Mapping[str, Any] | None = None) -> alt.Chart:
        """``chart`` with one calculate step per needed formula, in order."""
        for name, expression in self.expressions(outputs, rows, fixed).items():
            chart = chart.transform_calculate(**{name: expression})
        return chart

    def params(self, only: Iterable[str] | None = None) -> list[alt.Parameter]:
        """The reader's controls, one named parameter per input (or per input in ``only``)."""
        return self.inputs.params(self.prefix, only)

    def param_names(self, only: Iterable[str] | None = None) -> tuple[str, ...]:
        names = list(self.inputs) if only is None else list(only)
        return tuple(self.inputs[n].param_name(self.prefix) for n in names)

    def shown(self, name: str) -> str:
        """The Vega expression of input ``name`` in the units the reader sees (its parameter)."""
        return self.inputs[name].param_name(self.prefix)


class Loop:
    """A model run year by year: ``state`` values start at ``initial``; each year applies ``step``.

    A step formula may read the model's inputs, ``year`` (1, 2, ...), the values of this
    year already computed by earlier step formulas (by their state name), and the values
    of the year before (``last_<state>``) and the one before that (``before_last_<state>``,
    equal to the initial value in year 1). Each step formula is named after the state it
    computes.
    """

    def __init__(self, name: str, prefix: str, inputs: Iterable[Input | Choice], initial: Mapping[str, float],
                 step: Sequence[Formula], max_years: int):
        self.name, self.prefix, self.max_years = name, prefix, max_years
        self.inputs = inputs if isinstance(inputs, Inputs) else Inputs(inputs)
        self.initial = dict(initial)
        self.step = list(step)
        if [f.name for f in self.step] != list(self.initial):
            raise ValueError(f"loop {name}: the step formulas must compute the states {list(self.initial)}, in order")
        for i, f in enumerate(self.step):
            allowed = (set(self.inputs) | {"year"} | {s.name for s in self.step[:i]}
                       | {f"last_{s}" for s in self.initial} | {f"before_last_{s}" for s in self.initial})
            unknown = [a for a in f.arguments if a not in allowed]
            if unknown:
                raise ValueError(f"loop {name}: step {f.name} reads {unknown}")

    def _check_years(self, years: Any) -> int:
        if isinstance(years, bool) or not isinstance(years, (int, float)) or years != int(years) \
                or not 1 <= years <= self.max_years:
            raise AssumptionError(f"parameter 'years' = {years!r} is outside the allowed range "
                                  f"[1, {self.max_years}] (whole years)")
        return int(years)

    def run(self, years: int, **values: Any) -> pd.DataFrame:
        """One row per year 0..``years`` with every state (Python)."""
        years = self._check_years(years)
        inputs = self.inputs.check({**self.inputs.defaults(), **values})
        history = [dict(self.initial)]
        for t in range(1, years + 1):
            last, before = history[-1], history[-2] if len(history) > 1 else history[-1]
            scope = {**inputs, "year": t, **{f"last_{k}": v for k, v in last.items()},
                     **{f"before_last_{k}": v for k, v in before.items()}}
            now: dict[str, float] = {}
            for f in self.step:
                now[f.name] = scope[f.name] = f(*(scope[a] for a in f.arguments))
            history.append(now)
        return pd.DataFrame([{"year": t, **row} for t, row in enumerate(history)])

    def expressions(self, years: int) -> dict[str, str]:
        """The loop unrolled: ``<state>_<t>`` for every state and year, then ``<state>`` picked by ``datum.year``."""
        from .formulas import _literal

        years = self._check_years(years)
        exprs = {f"{k}_0": _literal(v, k) for k, v in self.initial.items()}
        for t in range(1, years + 1):
            refs = {name: item.ref(self.prefix) for name, item in self.inputs.items()}
            refs["year"] = str(t)
            refs.update({f"last_{k}": f"datum.{k}_{t - 1}" for k in self.initial})
            refs.update({f"before_last_{k}": f"datum.{k}_{max(t - 2, 0)}" for k in self.initial})
            for f in self.step:
                exprs[f"{f.name}_{t}"] = f.vega(refs)
                refs[f.name] = f"datum.{f.name}_{t}"
        # Each row picks its year's value. Named fields, not datum[name + '_' + datum.year]: Vega re-runs
        # a formula when a field it names changes, and cannot see fields reached by a computed name.
        for k in self.initial:
            exprs[k] = " : ".join(f"datum.year == {t} ? datum.{k}_{t}" for t in range(years)) + f" : datum.{k}_{years}"
        return exprs

    def calculate(self, chart: alt.Chart, years: int) -> alt.Chart:
        """``chart`` (a table with a ``year`` column, 0..``years``) with every state computed in the browser."""
        for name, expression in self.expressions(years).items():
            chart = chart.transform_calculate(**{name: expression})
        return chart

    def params(self) -> list[alt.Parameter]:
        return self.inputs.params(self.prefix)

    def param_names(self) -> tuple[str, ...]:
        return tuple(item.param_name(self.prefix) for item in self.inputs.values())
