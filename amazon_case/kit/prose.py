"""Keep the numbers quoted in a chapter's prose equal to the data.

A chapter's text states its figures literally (so that it reads the same in
the book, in JupyterLab and in any other notebook viewer); a check cell after
the text calls :func:`check_quoted`, which fails, and with it the build and
nbval, if the data no longer gives the quoted figure.
"""

from __future__ import annotations

from collections.abc import Mapping


class QuotedFigureError(AssertionError):
    """A figure quoted in the prose differs from what the data gives."""


def check_quoted(figures: Mapping[str, tuple[float, str, str]]) -> None:
    """Check each quoted figure: ``{name: (value, format_spec, quoted_text)}``.

    ``format(value, format_spec)`` must equal ``quoted_text`` exactly, e.g.
    ``{"AWS margin FY2024": (0.3703, ".1%", "37.0%")}``. All mismatches are
    reported together.
    """
    wrong = []
    for name, (value, spec, quoted) in figures.items():
        shown = format(value, spec)
        if shown != quoted:
            wrong.append(f"{name}: the text says {quoted!r}, the data gives {shown!r}")
    if wrong:
        raise QuotedFigureError("figures in the prose differ from the data:\n  " + "\n  ".join(wrong))
