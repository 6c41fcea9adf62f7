"""Checks on the committed chapter notebooks that nbval alone cannot make.

nbval compares a re-run of each notebook with its committed outputs, but it
passes a notebook committed without outputs vacuously: these tests fail then.
"""

import json
from pathlib import Path

import pytest
import yaml
from conftest import code_cells, outputs_of_type

from amazon_case.kit.display import MIME_TYPE

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))


def test_there_are_chapters():
    assert len(NOTEBOOKS) >= 2


def test_every_notebook_is_in_the_table_of_contents():
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text())
    files = {c["file"] for part in toc["parts"] for c in part["chapters"]}
    for nb in NOTEBOOKS:
        assert f"chapters/{nb.stem}" in files, f"{nb.name} is not in _toc.yml"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_committed_executed_top_to_bottom(path):
    code = [c for c in code_cells(path) if "".join(c["source"]).strip()]
    assert code, "no code cells"
    counts = [c["execution_count"] for c in code]
    assert None not in counts, f"{path.name} has unexecuted cells: run it and commit the outputs"
    assert counts == list(range(1, len(code) + 1)), f"{path.name} was not run top to bottom in one kernel"
    for cell in code:
        for out in cell["outputs"]:
            assert out["output_type"] != "error", f"{path.name} is committed with an error output"
            assert out.get("name") != "stderr", f"{path.name} is committed with stderr output: {out.get('text')}"
    assert any(c["outputs"] for c in code), "no outputs at all"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_live_only_outputs_are_hidden_in_the_book(path):
    """A widget output would be a dead control in the static site."""
    for cell in code_cells(path):
        if outputs_of_type(cell, "application/vnd.jupyter.widget-view+json"):
            tags = cell["metadata"].get("tags", [])
            assert "remove-output" in tags or "remove-cell" in tags, "a widget output is shown in the static book"
            assert "nbval-ignore-output" in tags


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_charts_are_stored_as_vega_lite_json_not_cdn_html(path):
    """Altair's default HTML output loads Vega from a CDN and breaks offline."""
    text = path.read_text()
    assert "cdn.jsdelivr.net" not in text and "altair-viz-" not in text


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_chart_has_a_captioned_figure(path):
    for cell in code_cells(path):
        for spec in outputs_of_type(cell, MIME_TYPE):
            figure = cell["metadata"].get("mystnb", {}).get("figure", {})
            assert figure.get("name") and len(figure.get("caption", "")) > 40, "a chart outside a captioned figure"
            subtitle = spec["title"]["subtitle"]
            assert any(line.startswith("Source: ") for line in subtitle), f"chart names no source: {subtitle}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_prose_reads_the_same_in_any_notebook_viewer(path):
    """No MyST-only syntax in a notebook's Markdown: JupyterLab would show it raw.

    And no two dollar signs in one paragraph or list item: JupyterLab typesets
    the text between them as mathematics.
    """
    import re

    nb = json.loads(path.read_text())
    for cell in nb["cells"]:
        if cell["cell_type"] != "markdown":
            continue
        text = "".join(cell["source"])
        for pattern, what in [(r"\{glue:", "a glue role"), (r"\{ref\}`", "a {ref} role"), (r"^```\{", "a directive"),
                              (r"^:::", "a colon fence"), (r"^\([\w-]+\)=\s*$", "a MyST target")]:
            assert not re.search(pattern, text, flags=re.M), f"{path.name}: {what} in Markdown: {text[:80]!r}"
        for block in re.split(r"\n\s*\n|\n(?=\s*[-*] )", text):
            assert block.count("$") < 2, f"{path.name}: two dollar signs in one paragraph: {block[:80]!r}"
