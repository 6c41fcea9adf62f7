"""What a chapter module lists for the book-wide tests: its models and its charts.

Each chapter module defines ``book_models()`` and ``book_charts()``, returning
:class:`ModelEntry` and :class:`ChartEntry` items; :mod:`amazon_case.book` gathers them.
The formula parity test runs every model in Python and in Vega's own engine; the common
chart tests check every chart's title, source, alt text and controls.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from .model import Loop, Model

__all__ = ["ChartEntry", "ModelEntry"]


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
    """A chart of chapter ``chapter``, built by ``build()``, whose reader controls are the parameters ``params``."""

    chapter: str
    name: str
    build: Callable[[], Any]
    params: tuple[str, ...] = field(default=())

    @property
    def id(self) -> str:
        return f"{self.chapter}:{self.name}"
