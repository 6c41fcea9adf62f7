"""Only the theme's CSS, icons and scripts that the book uses (local Sphinx extension).

What a first visit loaded, beyond the book itself: pydata-sphinx-theme's stylesheet (387 KB:
all of Bootstrap and every Font Awesome icon), the Font Awesome font (153 KB for ~15 icons
shown), sphinx-design's stylesheet and script (the book uses none of its directives),
sphinx-thebe's (the book does not launch Thebe), and Sphinx's search index and tools on
every page (only the search page uses them: the theme's search-as-you-type is off). This
extension

* writes ``_static/styles/pydata-sphinx-theme.book.css``: the theme's stylesheet without
  the rules that nothing in the book can match. A rule's selector is dropped when one of
  its class or id names is written nowhere in what can put markup on a page: the theme,
  Sphinx, docutils and every loaded extension (templates, Python, JavaScript), the book's
  own templates, extensions, static files and configuration, and every source document
  (notebook outputs included), plus Pygments' token classes. A name built at run time
  from a written prefix (``"bs-" + name``, ``f"sd-{name}"``, ``btn-{{ label }}``) counts
  as written for every name with that prefix, except Font Awesome's ``fa-`` (icons are
  always named in full), so only the icons the book names are kept;
* cuts the Font Awesome fonts to the glyphs the slim stylesheet still draws (WOFF, from
  the theme's TTF files, with fontTools) and points its ``@font-face`` rules at them;
* links the slim stylesheet instead of the theme's (``_templates/static/webpack-macros.html``
  reads ``book_theme_css``); both are written before any page, with a ``?v=`` of their
  content; the result is cached in the build folder and redone when any input changes;
* drops sphinx-design's and sphinx-thebe's files from pages that do not use them
  (``_templates/layout.html`` leaves out the search scripts on pages other than search).

The browser tests check the result (``tests/test_site.py``): every rule of the theme's full
stylesheet that matches an element of a built page is in the slim one, and the pages look
the same as with the full stylesheet.

Enable in ``_config.yml``::

    sphinx:
      local_extensions:
        lean_assets: _ext
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import re
import sys
from pathlib import Path
from typing import Any, Iterable, Iterator

from sphinx.application import Sphinx
from sphinx.util import logging

logger = logging.getLogger(__name__)

HERE = Path(__file__).resolve().parent
BOOK = HERE.parent
SLIM_CSS = "pydata-sphinx-theme.book.css"  # under _static/styles/
FONT_DIR = "fonts"  # under _static/styles/
#: Prefixes that never stand for "any name that starts so": Font Awesome icons are named in full.
LITERAL_ONLY_PREFIXES = {"fa-"}
SOURCE_EXTENSIONS = (".py", ".html", ".js", ".js_t", ".css_t", ".jinja", ".j2")
SKIP_DIRS = {"__pycache__", "locale", "locales", "tests", "test", "node_modules", ".git"}

_TOKEN = re.compile(r"[A-Za-z_][\w-]*")
_PREFIX = re.compile(r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*-")
_SELECTOR_NAME = re.compile(r"[.#]((?:[\w-]|\\.)+)")
_FUNCTIONAL = re.compile(r":(?:not|is|where|has|-webkit-any|-moz-any)\(")
_CODEPOINT = re.compile(r"\\([0-9a-fA-F]{1,6})\s?")
_STRING = re.compile(r"\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'")


# --- what can put a class on a page --------------------------------------------------------------


def _package_dir(module_name: str) -> Path | None:
    module = sys.modules.get(module_name.split(".")[0])
    file = getattr(module, "__file__", None)
    return Path(file).parent if file else None


def _walk(root: Path, extensions: tuple[str, ...] = SOURCE_EXTENSIONS) -> Iterator[Path]:
    for folder, dirs, files in os.walk(root):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")]
        for name in files:
            if name.endswith(extensions):
                yield Path(folder, name)


def universe_files(app: Sphinx) -> list[Path]:
    """Every file whose text may name a class or id on a page of this book."""
    roots = {_package_dir(name) for name in [*app.extensions, "sphinx", "docutils", "pydata_sphinx_theme",
                                               "sphinx_book_theme", "jupyter_book"]}
    roots.discard(None)
    # Local extensions are single modules: their own folder is the book's _ext.
    roots = {r for r in roots if r != BOOK and r.parent != BOOK} | {HERE, BOOK / "_templates", BOOK / "_static"}
    files = sorted({f for root in roots for f in _walk(root)})
    files += [Path(app.srcdir, name) for name in ("_config.yml", "_toc.yml") if Path(app.srcdir, name).exists()]
    from sphinx.project import Project

    project = Project(app.srcdir, app.config.source_suffix)
    docs = project.discover(app.config.exclude_patterns, app.config.include_patterns)
    files += sorted(Path(project.doc2path(d, absolute=True)) for d in docs)
    display = sys.modules.get("amazon_case.kit.display")  # the chart renderer (a myst-nb plugin)
    if display is not None and getattr(display, "__file__", None):
        files.append(Path(display.__file__))
    return files


def selector_names(css: str) -> set[str]:
    """Every class and id name the stylesheet's selectors require."""
    names: set[str] = set()
    stack = [css]
    while stack:
        for prelude, body in blocks(stack.pop()):
            if body is None:
                continue
            if prelude.startswith("@"):
                stack.append(body)
            else:
                for selector in _split_selectors(prelude):
                    names.update(_required_names(selector))
    return names


def relevant_words(css_names: set[str]) -> set[str]:
    """The words that can decide a rule: the stylesheet's names and every prefix of them that ends in "-"."""
    words = set(css_names)
    for name in css_names:
        words.update(name[:i + 1] for i, c in enumerate(name) if c == "-")
    return words


def written_words(path: Path, relevant: set[str]) -> set[str]:
    try:
        text = path.read_text(encoding="utf-8", errors="ignore")
    except OSError:
        return set()
    return set(_TOKEN.findall(text)) & relevant


def pygments_classes() -> set[str]:
    from pygments.token import STANDARD_TYPES

    return set(STANDARD_TYPES.values())


# --- the stylesheet ------------------------------------------------------------------------------


def _skip_string(text: str, i: int) -> int:
    quote, i = text[i], i + 1
    while i < len(text) and text[i] != quote:
        i += 2 if text[i] == "\\" else 1
    return i + 1


def blocks(text: str) -> Iterator[tuple[str, str | None]]:
    """Top-level (prelude, body) pairs of a stylesheet; body None for statements such as @charset."""
    i, n = 0, len(text)
    while i < n:
        while i < n and (text[i].isspace() or text.startswith("/*", i)):
            i = text.index("*/", i + 2) + 2 if text.startswith("/*", i) else i + 1
        if i >= n:
            return
        j = i
        while j < n and text[j] not in "{;":
            j = _skip_string(text, j) if text[j] in "\"'" else j + 1
        if j >= n or text[j] == ";":
            yield text[i:j + 1].strip(), None
            i = j + 1
            continue
        depth, k = 1, j + 1
        while k < n and depth:
            c = text[k]
            if c in "\"'":
                k = _skip_string(text, k)
                continue
            if text.startswith("/*", k):
                k = text.index("*/", k + 2) + 2
                continue
            depth += (c == "{") - (c == "}")
            k += 1
        yield text[i:j].strip(), text[j + 1:k - 1]
        i = k


def _split_selectors(prelude: str) -> list[str]:
    parts, depth, start = [], 0, 0
    for i, c in enumerate(prelude):
        depth += (c in "([") - (c in ")]")
        if c == "," and depth == 0:
            parts.append(prelude[start:i].strip())
            start = i + 1
    parts.append(prelude[start:].strip())
    return parts


def _required_names(selector: str) -> list[str]:
    """The class and id names an element must have for the selector to match (those inside :not() etc. aside)."""
    out, i = [], 0
    while i < len(selector):
        m = _FUNCTIONAL.match(selector, i)
        if m:
            depth, i = 1, m.end()
            while i < len(selector) and depth:
                depth += (selector[i] == "(") - (selector[i] == ")")
                i += 1
            continue
        if selector[i] == "[":  # attribute selectors: their values are not class names
            i = selector.index("]", i) + 1
            continue
        if selector[i] in ".#":
            m = _SELECTOR_NAME.match(selector, i)
            if m:
                out.append(m.group(1))
                i = m.end()
                continue
        i += 1
    return out


class Purger:
    """Keeps a selector when every class or id name it requires is written (or built from a written prefix)."""

    def __init__(self, written: set[str]):
        self.names = written
        self.prefixes = {w for w in written if _PREFIX.fullmatch(w) and w not in LITERAL_ONLY_PREFIXES}

    def written(self, name: str) -> bool:
        if "\\" in name or name in self.names:
            return True
        return any(name[:i + 1] in self.prefixes for i, c in enumerate(name) if c == "-")

    def keeps(self, selector: str) -> bool:
        return all(self.written(name) for name in _required_names(selector))

    def purge(self, text: str) -> str:
        out = []
        for prelude, body in blocks(text):
            if body is None:
                out.append(prelude)
            elif prelude.startswith("@"):
                keyword = re.match(r"@[\w-]+", prelude).group(0)
                if keyword in ("@media", "@supports", "@layer", "@container", "@document"):
                    inner = self.purge(body)
                    if inner:
                        out.append(f"{prelude}{{{inner}}}")
                else:  # @font-face, @keyframes, @page ...
                    out.append(f"{prelude}{{{body}}}")
            else:
                kept = [s for s in _split_selectors(prelude) if self.keeps(s)]
                if kept:
                    out.append(f"{','.join(kept)}{{{body}}}")
        return "".join(out)


def drawn_codepoints(css: str) -> set[int]:
    """Every character the stylesheet's strings name: icon glyphs are written as "\\f002" in content or custom properties."""
    points: set[int] = set()
    for _, body in blocks(css):
        for string in _STRING.findall(body or ""):
            inner = _CODEPOINT.sub(lambda m: chr(int(m.group(1), 16)), string[1:-1])
            points.update(ord(c) for c in inner)
    return points


def subset_font(ttf: Path, codepoints: set[int]) -> bytes | None:
    """The font cut to the given characters, as WOFF (None if it has none of them)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(ttf, recalcTimestamp=False)  # the same bytes from every build
    wanted = codepoints & set(font.getBestCmap())
    if not wanted:
        return None
    options = subset.Options()
    options.flavor = "woff"
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=sorted(wanted))
    subsetter.subset(font)
    buffer = io.BytesIO()
    font.flavor = "woff"
    font.save(buffer)
    return buffer.getvalue()


_FONT_FACE_URL = re.compile(r"url\(([^)]+?)\.(?:woff2|ttf)\)")


def slim_theme_files(theme_css: Path, written: set[str]) -> dict[str, bytes]:
    """The slim stylesheet and its fonts: path under _static/styles/ -> content."""
    purged = Purger(written).purge(theme_css.read_text(encoding="utf-8"))
    codepoints = drawn_codepoints(purged)
    files: dict[str, bytes] = {}
    out = []
    for prelude, body in blocks(purged):
        if prelude == "@font-face" and body and _FONT_FACE_URL.search(body):
            url = _FONT_FACE_URL.search(body).group(1).strip("'\"")  # e.g. ../vendor/fontawesome/webfonts/fa-solid-900
            data = subset_font((theme_css.parent / f"{url}.ttf").resolve(), codepoints)
            if data is None:
                continue  # no glyph of this font is drawn: no @font-face either
            name = f"{FONT_DIR}/{Path(url).name}.book.woff"
            files[name] = data
            src = f'src:url({name}?v={hashlib.sha256(data).hexdigest()[:8]}) format("woff")'
            body = re.sub(r"src:[^;}]*", src, body)
        out.append(f"{prelude}{{{body}}}" if body is not None else prelude)
    files[SLIM_CSS] = "".join(out).encode("utf-8")
    return files


# --- Sphinx ------------------------------------------------------------------------------------


def theme_stylesheet() -> Path:
    import pydata_sphinx_theme

    return Path(pydata_sphinx_theme.__file__).parent / "theme" / "pydata_sphinx_theme" / "static" / "styles" / "pydata-sphinx-theme.css"


def write_slim_theme(app: Sphinx) -> None:
    """builder-inited: write the slim stylesheet and fonts into the output.

    Cached in the build folder: each file's words (those that can decide a rule) by its size and
    mtime, so an edit re-reads one file; the outputs by the words found, so an edit that names no new
    class (nearly all of them) reuses the stylesheet and fonts as they are.
    """
    if app.builder.format != "html":
        return
    source = theme_stylesheet()
    cache_path = Path(app.doctreedir, "lean_assets.json")
    try:
        cache = json.loads(cache_path.read_text())
    except (OSError, ValueError):
        cache = {}
    css_key = f"{source}:{source.stat().st_mtime_ns}:{source.stat().st_size}"
    if cache.get("css_key") != css_key:
        cache = {"css_key": css_key, "relevant": sorted(relevant_words(selector_names(source.read_text(encoding="utf-8"))))}
    relevant = set(cache["relevant"])
    known = cache.get("files", {})
    files: dict[str, list] = {}
    written = pygments_classes() & relevant
    for path in universe_files(app):
        stat = _stat(path)
        if stat is None:
            continue
        entry = known.get(str(path))
        if not entry or entry[0] != stat.st_mtime_ns or entry[1] != stat.st_size:
            entry = [stat.st_mtime_ns, stat.st_size, sorted(written_words(path, relevant))]
        files[str(path)] = entry
        written.update(entry[2])
    key = hashlib.sha256("\n".join([Path(__file__).read_text(), *sorted(written)]).encode()).hexdigest()
    outputs = cache.get("outputs") if cache.get("outputs_key") == key else None
    if outputs is None:
        outputs = {name: data.hex() for name, data in slim_theme_files(source, written).items()}
        logger.info("lean_assets: %s, %d KB (the theme's: %d KB)", SLIM_CSS, len(outputs[SLIM_CSS]) // 2048,
                    source.stat().st_size // 1024)
    if files != known or cache.get("outputs_key") != key:
        cache.update(files=files, outputs_key=key, outputs=outputs)
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        cache_path.write_text(json.dumps(cache))
    styles = Path(app.builder.outdir, "_static", "styles")
    for name, hexdata in outputs.items():
        data = bytes.fromhex(hexdata)
        path = styles / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.exists() or path.read_bytes() != data:
            path.write_bytes(data)
    digest = hashlib.sha256(bytes.fromhex(outputs[SLIM_CSS])).hexdigest()[:8]
    app._book_theme_css = f"_static/styles/{SLIM_CSS}?v={digest}"


def rewrite_pages_for_a_new_stylesheet(app: Sphinx, env: Any) -> list[str]:
    """env-updated: when the slim stylesheet changed, every page is written again (its link carries the new ?v=)."""
    current = getattr(app, "_book_theme_css", None)
    if current is None or getattr(env, "book_theme_css", None) == current:
        return []
    changed = getattr(env, "book_theme_css", None) is not None
    env.book_theme_css = current
    return sorted(env.found_docs) if changed else []


def _stat(path: Path) -> os.stat_result | None:
    try:
        return path.stat()
    except OSError:
        return None


def drop_unused_assets(
    app: Sphinx, pagename: str, templatename: str, context: dict[str, Any], doctree: Any
) -> None:
    """html-page-context: the slim stylesheet; no sphinx-design files on pages without its classes, no togglebutton files on
    pages with nothing it folds, no Thebe files when Thebe is off."""
    if getattr(app, "_book_theme_css", None):
        context["book_theme_css"] = app._book_theme_css  # read by _templates/static/webpack-macros.html
    body = context.get("body", "")
    unused = set()
    if not re.search(r'class="(?:[^"]*\s)?sd-', body):
        unused |= {"sphinx-design.min.css", "design-tabs.js"}
    # sphinx-togglebutton folds ".toggle" elements and dropdown admonitions; the book folds with <details> (MyST-NB's
    # hidden code, the worked solutions), so a page with neither needs none of its files (13 KB) nor its inline setting.
    classes = [set(value.split()) for value in re.findall(r'class="([^"]*)"', body)]
    toggled = any("toggle" in c or {"admonition", "dropdown"} <= c for c in classes)  # its selector
    if not toggled:
        unused |= {"togglebutton.css", "togglebutton.js"}
    launch = (app.config.html_theme_options or {}).get("launch_buttons") or {}
    thebe_off = not launch.get("thebe")
    if thebe_off:
        unused |= {"sphinx-thebe.css", "sphinx-thebe.js"}

    def needed(asset: Any) -> bool:
        name = Path(str(getattr(asset, "filename", "") or "")).name
        body = str(getattr(asset, "attributes", {}).get("body", ""))
        return (name not in unused and not (thebe_off and "THEBE_JS_URL" in body)
                and not ("togglebutton.js" in unused and "togglebuttonSelector" in body))

    for key in ("css_files", "script_files"):
        if isinstance(context.get(key), list):
            context[key][:] = [asset for asset in context[key] if needed(asset)]


def setup(app: Sphinx) -> dict[str, Any]:
    # After the extensions are imported (their packages are read) and the builder exists.
    app.connect("builder-inited", write_slim_theme)
    app.connect("html-page-context", drop_unused_assets)
    app.connect("env-updated", rewrite_pages_for_a_new_stylesheet)
    return {"version": "1.0", "parallel_read_safe": True, "parallel_write_safe": True}
