"""Shared code of the Amazon hybrid-distribution case study.

- :mod:`amazon_case.data`: load and validate the 10-K figures in ``data/``.
- :mod:`amazon_case.models`: pure functions (the book's economic models).
- :mod:`amazon_case.charts`: Altair chart builders, with reader controls bound to
  Vega-Lite parameters so that they work in the static site.
- :mod:`amazon_case.workbench`: ipywidgets panels for a live notebook.
"""

__version__ = "0.1.0"
