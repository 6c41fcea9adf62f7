"""Binder and Colab launch buttons only when the book knows its repository (local Sphinx extension).

The repository's address is set in one place, ``repository.url`` in ``_config.yml``. The theme
builds launch links from it, but with the address empty it fails on every notebook page
instead of leaving the buttons out. This extension turns the launch services off while the
address is empty, so that an unpublished copy builds without buttons and a published fork
gets them by setting the address alone (see the README).
"""

from __future__ import annotations

from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

SERVICES = ("binderhub_url", "jupyterhub_url", "colab_url", "jupyterlite_url", "deepnote_url")


def drop_launch_buttons_without_repository(app: Sphinx, config: Config) -> None:
    options = config.html_theme_options
    if not (options.get("repository_url") or "").strip():
        launch = dict(options.get("launch_buttons") or {})
        for key in SERVICES:
            launch.pop(key, None)
        options["launch_buttons"] = launch


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", drop_launch_buttons_without_repository)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
