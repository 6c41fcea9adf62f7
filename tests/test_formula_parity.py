"""Every model's formulas give the same numbers in Python and in Vega's own expression engine.

For each model of the book (``amazon_case.book.models()``), the formulas compiled for the
charts are run by Vega (node, the ``vega`` npm package) and by Python, at the defaults,
at every input's bounds, with every input at its low and at its high end together, and
at random points inside the bounds. No browser: the whole check takes seconds.
"""

from __future__ import annotations

import math
import random

import pytest

from amazon_case import book
from amazon_case.kit import Choice, Loop
from vega_engine import evaluate_in_vega

RANDOM_POINTS = 60
SEED = 20261201


def _edge(item, end: str):
    if isinstance(item, Choice):
        return item.values[0] if end == "low" else item.values[-1]
    if end == "low":
        return item.low + item.step / item.scale if item.low_open else item.low
    return item.high


def sample_points(inputs, rng: random.Random) -> list[dict]:
    """Model values (fractions for percent): defaults, each input at each end, all low, all high, random points."""
    defaults = inputs.defaults()
    points = [dict(defaults)]
    for name, item in inputs.items():
        for end in ("low", "high"):
            points.append({**defaults, name: _edge(item, end)})
    points.append({name: _edge(item, "low") for name, item in inputs.items()})
    points.append({name: _edge(item, "high") for name, item in inputs.items()})
    for _ in range(RANDOM_POINTS):
        points.append({name: rng.choice(item.values) if isinstance(item, Choice)
                       else rng.uniform(_edge(item, "low"), item.high) for name, item in inputs.items()})
    return points


def _signals(inputs, prefix, point) -> dict:
    return {item.param_name(prefix): item.shown(point[name]) for name, item in inputs.items()}


def _same(python, vega) -> bool:
    if isinstance(python, str):
        return isinstance(vega, str) and python.replace("-", "−") == vega.replace("-", "−")
    if isinstance(python, bool):
        return python == vega
    return isinstance(vega, (int, float)) and math.isfinite(python) and math.isfinite(vega) \
        and math.isclose(python, vega, rel_tol=1e-9, abs_tol=1e-9)


def _held(inputs, point: dict) -> dict:
    """The model values the reader's controls hold for ``point`` (the chart's parameters are rounded to 9 decimals)."""
    return {name: item.from_widget(item.shown(point[name])) for name, item in inputs.items()}


def _case(entry):
    model = entry.model
    points = [_held(model.inputs, p) for p in sample_points(model.inputs, random.Random(f"{SEED}:{entry.name}"))]
    if isinstance(model, Loop):
        rows = [{"year": t} for t in range(entry.years + 1)]
        formulas = list(model.expressions(entry.years).items())
        expected = [model.run(entry.years, **p).to_dict("records") for p in points]
    else:
        rows = entry.rows() if entry.rows else [{}]
        formulas = list(model.expressions().items())
        expected = [[model.evaluate(**p, **{k: row[k] for k in model.fields}) for row in rows] for p in points]
    case = {"signals": _signals(model.inputs, model.prefix, points[0]), "rows": rows, "formulas": formulas,
            "points": [_signals(model.inputs, model.prefix, p) for p in points]}
    return case, points, expected


@pytest.fixture(scope="module")
def parity():
    """Every model's points, the Python results and Vega's, computed once in one node run."""
    built = {entry.name: _case(entry) for entry in MODELS}
    results = evaluate_in_vega([case for case, _, _ in built.values()])
    return {name: (*built[name], result) for name, result in zip(built, results)}


MODELS = book.models()


@pytest.mark.parametrize("entry", MODELS, ids=lambda e: e.name)
def test_vega_gives_what_python_gives(parity, entry):
    case, points, expected, got = parity[entry.name]
    fields = [name for name, _ in case["formulas"]] if isinstance(entry.model, Loop) else \
        [f.name for f in entry.model.formulas]
    wrong = []
    for point, want_rows, got_rows in zip(points, expected, got):
        assert len(want_rows) == len(got_rows)
        for want, row in zip(want_rows, got_rows):
            for field in fields:
                key = field if not isinstance(entry.model, Loop) else field
                if key not in want:
                    continue  # an unrolled year's field (<state>_<t>) is checked through the picked state
                if not _same(want[key], row[key]):
                    wrong.append(f"{key} at {point}: Python {want[key]!r}, Vega {row[key]!r}")
    assert not wrong, f"{len(wrong)} differences, first ones:\n" + "\n".join(wrong[:5])


def test_parity_covers_every_model_and_many_points(parity):
    formulas = sum(len(case["formulas"]) for case, _, _, _ in parity.values())
    points = sum(len(points) for _, points, _, _ in parity.values())
    assert len(parity) == len(MODELS) >= 1
    assert points >= len(parity) * RANDOM_POINTS
    print(f"\nparity: {len(parity)} models, {formulas} formulas, {points} points")
