"""Incremental builds that notice what Sphinx does not track (local Sphinx extension).

Sphinx rebuilds a page when its source, the configuration or a template changed. It does not
notice the other inputs of this book, and a build that finds no outdated page stops before
its last step, copying ``_static/``: an edited stylesheet never reached the site. (The
Makefile used to work around that with ``--all``, a full rebuild whenever ``make`` decided to
build.) This extension fingerprints those inputs (file contents, package versions) and keeps
the fingerprints in Sphinx's environment:

* **what the pages are read with**: the book's Sphinx extensions (``_ext/*.py``), the myst-nb
  mime renderers (``amazon_case/kit/display.py``, which compiles each chart), and the
  versions of Altair and vl-convert. When one changes, every page is read again
  (``env-get-outdated``);
* **what the pages are written with**: the static files, templates and extra files
  (``_static/``, ``_templates/``, ``_extra/``), the vendored Vega runtime (``vendor/``,
  ``_ext/*.js``) and the theme's version. When one changes, every page is written again
  (``env-updated``), with fresh ``?v=`` checksums, and Sphinx copies the static files.

When nothing changed, Sphinx's own "no targets are out of date" stands: nothing is read,
written or copied. ``tools/build_book.py`` adds a cheaper check before Sphinx even starts.

Enable in ``_config.yml``::

    sphinx:
      local_extensions:
        build_inputs: _ext
"""

from __future__ import annotations

import hashlib
from importlib.metadata import PackageNotFoundError, entry_points, version
from pathlib import Path
from typing import Any, Iterable

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
BOOK = HERE.parent
READ_PACKAGES = ("altair", "vl-convert-python", "myst-nb", "myst-parser")
WRITE_PACKAGES = ("sphinx-book-theme", "pydata-sphinx-theme", "fonttools")


def _files(paths: Iterable[Path]) -> list[Path]:
    out = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
        elif path.is_file():
            out.append(path)
    return out


def _fingerprint(files: Iterable[Path], packages: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for path in files:
        digest.update(f"{path.relative_to(BOOK) if path.is_relative_to(BOOK) else path}\0".encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    for name in packages:
        try:
            digest.update(f"{name}={version(name)}\0".encode())
        except PackageNotFoundError:
            digest.update(f"{name}=none\0".encode())
    return digest.hexdigest()


def module_file(name: str) -> Path | None:
    """The file of a module, found without importing it or its packages (the chart renderer's imports Altair)."""
    from importlib.util import find_spec

    top, *rest = name.split(".")
    spec = find_spec(top)  # a top-level name: nothing is imported
    if spec is None:
        return None
    if not rest:
        return Path(spec.origin) if spec.origin else None
    for base in spec.submodule_search_locations or []:
        for candidate in (Path(base, *rest).with_suffix(".py"), Path(base, *rest, "__init__.py")):
            if candidate.is_file():
                return candidate
    return None


def renderer_files() -> list[Path]:
    """The modules of the myst-nb mime renderers (the chart renderer)."""
    files = []
    for entry in entry_points(group="myst_nb.mime_renderers"):
        path = module_file(entry.module)
        if path is not None:
            files.append(path)
    return files


def fingerprints(app: Sphinx) -> dict[str, str]:
    srcdir = Path(app.srcdir)
    read = _files([*sorted(HERE.glob("*.py")), *renderer_files()])
    write_paths = [srcdir / p for p in (app.config.html_static_path or [])]
    write_paths += [srcdir / p for p in (app.config.templates_path or [])]
    write_paths += [srcdir / p for p in (app.config.html_extra_path or [])]
    write_paths += [BOOK / "vendor", *sorted(HERE.glob("*.js"))]
    return {"read": _fingerprint(read, READ_PACKAGES), "write": _fingerprint(_files(write_paths), WRITE_PACKAGES)}


def read_all_when_readers_changed(app: Sphinx, env: Any, added: set[str], changed: set[str],
                                  removed: set[str]) -> list[str]:
    """env-get-outdated: every page is read again when what reads them changed."""
    app._book_inputs = fingerprints(app)
    before = getattr(env, "book_inputs", None)
    if before is not None and before.get("read") != app._book_inputs["read"]:
        logger.info("build_inputs: the book's extensions or chart renderer changed: reading every page")
        return sorted(env.found_docs - added - changed)
    return []


def write_all_when_writers_changed(app: Sphinx, env: Any) -> list[str]:
    """env-updated: every page is written again when what writes them changed; records the fingerprints."""
    now = getattr(app, "_book_inputs", None) or fingerprints(app)
    before = getattr(env, "book_inputs", None)
    env.book_inputs = now
    if before is not None and before.get("write") != now["write"]:
        logger.info("build_inputs: static files, templates or the Vega runtime changed: writing every page")
        return sorted(env.found_docs)
    return []


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("env-get-outdated", read_all_when_readers_changed)
    app.connect("env-updated", write_all_when_writers_changed)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
