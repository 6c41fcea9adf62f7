"""The teaching note (chapters/teaching-note.md) quotes the chapters' figures: each must be one its chapter states.

The note answers the chapters' questions for discussion with figures typed into Markdown. Nothing computes
them, so this test ties each to its chapter: every number the note writes with decimals, a thousands
separator or a unit, in a chapter's section, must appear in that chapter's notebook (its prose, its
worked solutions, its checks or its outputs). When the data change and a chapter's figures with them,
the note fails here instead of going stale.
"""

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTE = ROOT / "chapters" / "teaching-note.md"

#: A figure: "12.6", "1,350", "83%", "0.5" (bare integers such as years and counts are not figures here).
FIGURE = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+|\d+%)(?![\w])")

#: A slider's ends ("the unit-share slider from 0% to 100%") are not figures of the chapter.
SLIDER_ENDS = {"0%", "100%"}


def chapter_sections() -> dict[str, str]:
    """The note's sections about one chapter, by the chapter's notebook stem (from the section's "The chapter:" link)."""
    sections = {}
    for section in re.split(r"^## ", NOTE.read_text(encoding="utf-8"), flags=re.M)[1:]:
        link = re.search(r"^The chapter: \[[^]]+\]\(([\w-]+)\.ipynb\)", section, flags=re.M)
        if link:
            sections[link.group(1)] = section
    return sections


def notebook_text(stem: str) -> str:
    notebook = json.loads((ROOT / "chapters" / f"{stem}.ipynb").read_text(encoding="utf-8"))
    parts = []
    for cell in notebook["cells"]:
        parts.append("".join(cell["source"]))
        for output in cell.get("outputs", []):
            parts.append("".join(output.get("text", "")))
            for kind, value in output.get("data", {}).items():
                if kind.startswith("text/"):
                    parts.append("".join(value) if isinstance(value, list) else str(value))
    return "\n".join(parts)


def test_the_note_has_a_section_for_every_analytic_chapter():
    toc = (ROOT / "_toc.yml").read_text(encoding="utf-8")
    case_part = toc.split("caption: The case\n", 1)[1].split("- caption:", 1)[0]
    chapters = re.findall(r"file: chapters/([\w-]+)", case_part)
    assert len(chapters) >= 8, chapters
    assert sorted(chapter_sections()) == sorted(chapters)


@pytest.mark.parametrize("stem", sorted(chapter_sections()))
def test_every_figure_of_a_chapters_section_is_one_the_chapter_states(stem):
    text = notebook_text(stem)
    figures = sorted(set(FIGURE.findall(chapter_sections()[stem])) - SLIDER_ENDS)
    assert len(figures) >= 10, f"the {stem} section quotes only {figures}"
    missing = [figure for figure in figures if figure not in text]
    assert not missing, f"chapters/teaching-note.md, section on {stem}: figures not in chapters/{stem}.ipynb: {missing}"


def test_the_figure_pattern_finds_figures_and_skips_years():
    found = FIGURE.findall("In fiscal 2025, USD 1,350 a month, 83% more, 12.6 billion, 2024–2026, a 0.5 cubic foot unit.")
    assert found == ["1,350", "83%", "12.6", "0.5"]
