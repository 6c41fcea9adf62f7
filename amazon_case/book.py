"""Every model and chart of the book, by chapter: what the book-wide tests run over.

``MODELS``: each model with the rows its row fields come from (the formula parity test
runs them in Python and in Vega's own engine). ``CHARTS``: each chart builder with the
arguments of its chapter, and the names of its controls (the common chart tests check
each one's title, source, alt text and bound parameters).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import hybrid_model
from .kit import Loop, Model


@dataclass(frozen=True)
class ModelEntry:
    """A model of chapter ``chapter``; ``rows`` gives the data rows its fields are read from."""

    chapter: str
    model: Model | Loop
    rows: Callable[[], list[dict]] | None = None
    years: int = 10  # for a Loop: how many years the chart unrolls

    @property
    def name(self) -> str:
        return f"{self.chapter}:{self.model.name}"


@dataclass(frozen=True)
class ChartEntry:
    """A chart of chapter ``chapter``, built by ``build()``, whose controls are the parameters ``params``."""

    chapter: str
    name: str
    build: Callable[[], Any]
    params: tuple[str, ...]


MODELS: list[ModelEntry] = [
    ModelEntry("hybrid-model", hybrid_model.HYBRID_STORE),
]

CHARTS: list[ChartEntry] = [
    ChartEntry("hybrid-model", "hybrid store", lambda: hybrid_model.hybrid_store_chart("our model", 0.62, "Q4 2024"),
               hybrid_model.HYBRID_STORE.param_names()),
]
