"""The book's kit: what every chapter's models and charts are made with, and no chapter's own code.

- :mod:`~amazon_case.kit.data`: data files checked against their manifests.
- :mod:`~amazon_case.kit.inputs`: model inputs declared once (label, unit, default, bounds,
  step, whose figure it is, source): the range check, the chart's control, the workbench's slider.
- :mod:`~amazon_case.kit.formulas`: formulas written once in Python, compiled to Vega.
- :mod:`~amazon_case.kit.model`: a model (inputs + formulas) run in Python and in the chart; a yearly loop.
- :mod:`~amazon_case.kit.style`: the chart style (titles, colours, rules, readouts, the fiscal-year axis).
- :mod:`~amazon_case.kit.display`: how charts leave the kernel (offline, in JupyterLab and the book).
- :mod:`~amazon_case.kit.workbench`: the live ipywidgets workbench.
- :mod:`~amazon_case.kit.prose`: figures quoted in the prose checked against the data.
"""

from .data import DataValidationError, read_validated_csv
from .formulas import Formula, FormulaError, clamp, copy_of, difference_of, formula, product_of, ratio_of
from .inputs import AMAZON, ASSUMPTION, VIEW, AssumptionError, Checkbox, Choice, Input, Inputs, Preset, check_number
from .model import Field, Loop, Model
from .prose import QuotedFigureError, check_quoted

__all__ = [
    "AMAZON", "ASSUMPTION", "VIEW", "AssumptionError", "Checkbox", "Choice", "DataValidationError", "Field", "Formula", "FormulaError",
    "Input", "Inputs", "Loop", "Model", "Preset", "QuotedFigureError", "check_number", "check_quoted", "clamp", "copy_of",
    "difference_of", "formula", "product_of", "ratio_of",
    "read_validated_csv",
]
