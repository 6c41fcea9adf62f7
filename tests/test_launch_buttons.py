"""Every chapter page offers its notebook for download, and Binder and Colab launch buttons
appear as soon as the repository's address is set in `_config.yml` (the one place it is set).

The published site is built with the committed `_config.yml`; this module also builds the book
once more, into a temporary folder, with `repository.url` set as a fork would set it.
"""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from conftest import ROOT, SITE

CHAPTERS = sorted(p.stem for p in (ROOT / "chapters").glob("*.ipynb"))
FORK = "https://github.com/example-owner/amazon-case"


def _hrefs(page) -> list[str]:
    return re.findall(r'href="([^"]+)"', page.read_text())


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_every_chapter_offers_its_notebook_for_download(chapter):
    page = SITE / "chapters" / f"{chapter}.html"
    assert f"../_sources/chapters/{chapter}.ipynb" in _hrefs(page)
    assert (SITE / "_sources" / "chapters" / f"{chapter}.ipynb").exists()


def test_without_a_repository_address_there_is_no_launch_button():
    config = (ROOT / "_config.yml").read_text()
    assert re.search(r'^  url: ""', config, re.M), "this test expects the committed _config.yml to leave the address empty"
    for chapter in CHAPTERS:
        hrefs = _hrefs(SITE / "chapters" / f"{chapter}.html")
        assert not [h for h in hrefs if "mybinder.org" in h or "colab.research.google.com" in h]


@pytest.fixture(scope="module")
def fork_site(tmp_path_factory):
    """The book built with `repository.url` set, as a published fork would set it."""
    out = tmp_path_factory.mktemp("fork-book")
    config = (ROOT / "_config.yml").read_text()
    config = re.sub(r'^  url: ""', f'  url: "{FORK}"', config, count=1, flags=re.M)
    # Local extensions are found relative to the configuration file: point them at the project.
    config = re.sub(r"^(    \w+): _ext$", rf"\1: {ROOT / '_ext'}", config, flags=re.M)
    (out / "_config.yml").write_text(config)
    result = subprocess.run(
        [sys.executable, str(ROOT / "tools" / "build_book.py"), "build", str(ROOT), "--config", str(out / "_config.yml"),
         "--path-output", str(out), "--all", "--warningiserror", "--nitpick", "--keep-going"],
        capture_output=True, text=True, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return out / "_build" / "html"


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_a_repository_address_switches_on_binder_and_colab(fork_site, chapter):
    hrefs = _hrefs(fork_site / "chapters" / f"{chapter}.html")
    owner_repo = FORK.removeprefix("https://github.com/")
    assert f"https://mybinder.org/v2/gh/{owner_repo}/main?urlpath=lab/tree/chapters/{chapter}.ipynb" in hrefs
    assert f"https://colab.research.google.com/github/{owner_repo}/blob/main/chapters/{chapter}.ipynb" in hrefs
