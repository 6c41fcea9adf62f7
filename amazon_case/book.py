"""Every model and chart of the book, gathered from the chapter modules: what the book-wide tests run over.

Each chapter module (:data:`CHAPTER_MODULES`) defines ``book_models()`` and ``book_charts()``
(see :mod:`amazon_case.kit.registry`).
"""

from __future__ import annotations

import importlib

from .kit.registry import ChartEntry, ModelEntry

#: The chapter modules, named after their notebooks, in the book's order (``context``: the Context part's four).
CHAPTER_MODULES = ("hybrid_model", "first_party_retail", "marketplace", "advertising", "aws", "two_souls",
                   "where_the_cash_goes", "financials", "context", "checking_the_source")


def chapter_modules() -> list:
    """The chapter modules that exist (``tests/test_book.py`` checks that every one of them does)."""
    modules = []
    for name in CHAPTER_MODULES:
        try:
            modules.append(importlib.import_module(f"amazon_case.{name}"))
        except ModuleNotFoundError as err:
            if err.name != f"amazon_case.{name}":
                raise
    return modules


def models() -> list[ModelEntry]:
    return [entry for module in chapter_modules() if hasattr(module, "book_models") for entry in module.book_models()]


def charts() -> list[ChartEntry]:
    return [entry for module in chapter_modules() if hasattr(module, "book_charts") for entry in module.book_charts()]
