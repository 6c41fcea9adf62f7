"""Run compiled formulas in Vega's own expression engine (the ``vega`` npm package, under node).

:func:`evaluate_in_vega` sends every case to ``tests/js/evaluate_formulas.mjs`` in one node
process and returns, per case and point, the rows the formula transforms computed. The
tests need node and ``npm ci`` (``make test`` runs it); without them they say so loudly
when they skip, and fail under CI.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import warnings
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tests" / "js" / "evaluate_formulas.mjs"


def require_vega() -> str:
    """The node executable, once ``node_modules/vega`` is installed; else skip loudly (fail under CI)."""
    node = shutil.which("node")
    message = None
    if node is None:
        message = "node is not installed: the formula parity tests cannot run Vega's expression engine"
    elif not (ROOT / "node_modules" / "vega" / "package.json").exists():
        message = "node_modules/vega is missing (run `npm ci`, which `make test` does): the parity tests cannot run"
    if message:
        if os.environ.get("CI"):
            pytest.fail(message)
        warnings.warn(message)
        pytest.skip("SKIPPED LOUDLY: " + message)
    return node


def evaluate_in_vega(cases: list[dict]) -> list[list[list[dict]]]:
    """``cases``: dicts with ``signals`` (initial values), ``rows``, ``formulas`` [[field, expr]], ``points``."""
    node = require_vega()
    payload = json.dumps({"cases": _nulls(cases)}, allow_nan=False)
    done = subprocess.run([node, str(SCRIPT)], input=payload, capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"Vega could not evaluate the formulas:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout)["results"]


def _nulls(value):
    """NaN (pandas' empty cell) as JSON null, as a chart's inline data writes it."""
    if isinstance(value, float) and value != value:
        return None
    if isinstance(value, dict):
        return {k: _nulls(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_nulls(v) for v in value]
    return value
