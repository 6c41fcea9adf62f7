"""Every chapter runs top to bottom in Jupyter Notebook 7, offline, and its charts and workbench work (see live_notebooks.py)."""

import pytest

from live_notebooks import NOTEBOOKS, jupyter_server, run_chapter_and_check  # noqa: F401 (fixture)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_chapter_runs_and_draws_offline(browser, jupyter_server, path):  # noqa: F811
    run_chapter_and_check(browser, jupyter_server, "notebook7", path)
