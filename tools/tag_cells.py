"""Fold every chapter's code in the book: each code cell gets the tag that says how the book shows it.

    python tools/tag_cells.py [--check] [NOTEBOOK ...]   (default: chapters/*.ipynb)

The book (MyST-NB) reads three tags; JupyterLab ignores them, and none of them stops a cell from
running (nbval and ``tools/execute_notebooks.py`` run every cell):

- ``hide-input``: the code is folded under a "Show code cell source" button (a ``<details>``
  element: one click or Enter opens it); its output is shown. Every code cell a reader may want
  to read gets this tag.
- ``remove-input``: the code is left out of the book, its output shown (a claim box, say).
- ``remove-cell``: neither is in the book: the chapter's setup (imports, loading the data) and
  the cells that check the prose's numbers.

A code cell with none of the three gets ``hide-input``. A cell tagged ``hide-cell`` (the setup
cells used to fold code and output together) is a setup cell: it gets ``remove-cell`` instead.
Other tags (``remove-output``, ``nbval-ignore-output``) are kept. With ``--check`` nothing is
written: the command lists the cells that would change and exits 1 if there is any.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
#: The tags that say how the book shows a code cell's source: exactly one of them on every code cell.
SOURCE_TAGS = ("hide-input", "remove-input", "remove-cell")
FOLDED, SETUP = "hide-input", "remove-cell"


def tags_for(tags: list[str]) -> list[str]:
    """The tags a code cell should carry, given the ones it has (order kept, one source tag)."""
    if "hide-cell" in tags:
        tags = [SETUP if t == "hide-cell" else t for t in tags]
    shown = [t for t in tags if t in SOURCE_TAGS]
    if not shown:
        return [FOLDED, *tags]
    if len(shown) > 1:  # the most hiding one wins: remove-cell, then remove-input, then hide-input
        keep = next(t for t in reversed(SOURCE_TAGS) if t in shown)
        return [t for t in tags if t not in SOURCE_TAGS or t == keep]
    return list(tags)


def untagged_cells(notebook: dict) -> list[int]:
    """Indexes of the code cells whose tags ``tags_for`` would change."""
    return [i for i, cell in enumerate(notebook["cells"]) if cell["cell_type"] == "code"
            and tags_for(cell.get("metadata", {}).get("tags", [])) != cell.get("metadata", {}).get("tags", [])]


def tag(path: Path, write: bool = True) -> list[int]:
    """Tag one notebook's code cells (written back in nbformat's layout); returns the cells changed."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    changed = untagged_cells(notebook)
    if changed and write:
        for i in changed:
            metadata = notebook["cells"][i].setdefault("metadata", {})
            metadata["tags"] = tags_for(metadata.get("tags", []))
        path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return changed


def main(argv: list[str]) -> int:
    check = "--check" in argv
    paths = [Path(a) for a in argv if a != "--check"] or sorted((ROOT / "chapters").glob("*.ipynb"))
    changed = {path: tag(path, write=not check) for path in paths}
    for path, cells in changed.items():
        if cells:
            print(f"{path}: code cells {cells} {'lack a folding tag' if check else 'tagged'}")
    return 1 if check and any(changed.values()) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
