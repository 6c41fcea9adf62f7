"""Re-execute the chapter notebooks in place, top to bottom, two at a time (one per core).

The book is built from the outputs committed in the notebooks, and nbval
(`make test`) re-runs every chapter and fails if an output differs: after a
change to a chapter, the package or the data, run `make notebooks` and commit
the notebooks with their new outputs.

    python tools/execute_notebooks.py [NOTEBOOK ...]   (default: chapters/*.ipynb)
"""

from __future__ import annotations

import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent


def execute(path: Path) -> tuple[str, float]:
    """Execute one notebook in its own folder with a fresh python3 kernel; write it back. Returns (name, seconds)."""
    start = time.perf_counter()
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    # No widget state in the file: the static book shows no widget, and a live kernel recreates them.
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    return path.name, time.perf_counter() - start


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or sorted((ROOT / "chapters").glob("*.ipynb"))
    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=2) as pool:
        for name, seconds in pool.map(execute, paths):
            print(f"executed {name} in {seconds:.1f} s")
    print(f"{len(paths)} notebooks in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
