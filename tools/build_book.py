"""Run the `jupyter-book` command: nothing at all when nothing changed, and without a 2.3-second import.

    python tools/build_book.py build . --warningiserror ...   (the arguments of `jupyter-book`)

**Nothing changed, nothing to do.** Importing the build toolchain (Sphinx, myst-nb and its
jupyter-cache, SQLAlchemy, the theme, pybtex's plugins) takes about a second, and Sphinx then
finds that no page is out of date. Before importing any of it, this wrapper compares a
fingerprint of everything the book is built from with the one recorded by the last successful
build with the same arguments, and stops there if they match:

- every file of the book (sources, configuration, data, extensions, templates, static files,
  the vendored Vega runtime, the package ``amazon_case``), except the build output, caches,
  version control, the virtual environment, ``node_modules`` and the folders the build never
  reads (``tests``, ``benchmarks``, ``.github``, ``.ci``): by size and mtime, and by content
  (sha256) when those differ, so a touched but unchanged file costs a hash, not a build;
- the Python that runs the build, ``PYTHONPATH`` and the installed distributions (the
  ``*.dist-info`` names carry their versions);
- the build output itself (every file's size and mtime), so a deleted or edited output is rebuilt.

Anything else runs `jupyter-book` (Sphinx's own incremental build, with ``_ext/build_inputs.py``
for the inputs Sphinx does not track). ``--all`` or ``BOOK_BUILD_ALWAYS=1`` always run it (and
record the stamp); other builders or ``--path-output`` run it without any stamp. After a failed build (``-W`` warnings, say), the next run
with unchanged inputs rebuilds in full (``--all``), so the warnings are reported again instead of
Sphinx finding nothing out of date.

**The import.** jupyter-book imports jsonschema, and jsonschema, when the optional package
rfc3987-syntax is installed (JupyterLab's jupyter-events asks for it), imports it to validate
IRIs; rfc3987-syntax compiles a Lark grammar at import time. Profiled on a 2-core machine, that
was 2.3 s of a 2.6 s no-change rebuild and of every clean build (`make benchmark` prints the
build times). The book's configuration holds no IRI to validate, so the build runs with that
module marked as absent: jsonschema then skips the "iri" format check, as it does whenever
rfc3987-syntax is not installed.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
from pathlib import Path

#: Folders under the book that the build never reads (besides outputs and caches).
NOT_INPUTS = {"_build", ".git", ".venv", "node_modules", ".pytest_cache", "__pycache__", ".ipynb_checkpoints",
              ".jupyter_cache", "tests", "benchmarks", ".github", ".ci"}
#: Flags that do not change what is built; any other argument disables the check.
PLAIN_FLAGS = {"-W", "--warningiserror", "-n", "--nitpick", "--keep-going", "-q", "--quiet", "-v", "--verbose"}
STAMP = "book-inputs.json"  # in <book>/_build/


def _book_and_flags(args: list[str]) -> tuple[Path, list[str]] | None:
    """(book folder, flags but --all) for a plain `build <book> [flags]` of HTML; None for anything else."""
    if len(args) < 2 or args[0] != "build":
        return None
    flags = [f for f in args[2:] if f != "--all"]
    rest = [f for f in flags if f not in PLAIN_FLAGS]
    if rest not in ([], ["--builder", "html"]):
        return None
    return Path(args[1]).resolve(), sorted(flags)


def _files(root: Path, skip: set[str], skip_files: frozenset[str] = frozenset()) -> dict[str, tuple[int, int]]:
    found = {}
    for folder, dirs, names in os.walk(root):
        dirs[:] = [d for d in dirs if d not in skip]
        for name in names:
            if name in skip_files:
                continue
            path = os.path.join(folder, name)
            try:
                stat = os.stat(path)
            except OSError:
                continue
            found[os.path.relpath(path, root)] = (stat.st_mtime_ns, stat.st_size)
    return found


def _environment() -> str:
    parts = [sys.executable, sys.version, os.environ.get("PYTHONPATH", "")]
    for entry in sys.path:
        if entry.endswith("site-packages") and os.path.isdir(entry):
            parts += sorted(n for n in os.listdir(entry) if n.endswith((".dist-info", ".egg-info", ".pth")))
    return hashlib.sha256("\0".join(parts).encode()).hexdigest()


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _outputs(book: Path) -> dict[str, list[int]]:
    # `make book` touches _build/html/.built after a build: not the build's own output.
    return {k: list(v) for k, v in _files(book / "_build" / "html", set(), frozenset({".built"})).items()}


class Inputs:
    """The book's inputs as a build starts, compared with (and recorded as) the stamp of the last build."""

    def __init__(self, book: Path, flags: list[str]):
        self.book, self.flags = book, flags
        self.stamp_path = book / "_build" / STAMP
        try:
            self.stamp = json.loads(self.stamp_path.read_text())
        except (OSError, ValueError):
            self.stamp = {}
        self.environment = _environment()
        # Each file's size, mtime and content hash; hashed again only when its size or mtime changed.
        stamped = self.stamp.get("files", {}) if self.stamp.get("flags") == flags else {}
        self.files = {}
        for name, (mtime, size) in _files(book, NOT_INPUTS).items():
            old = stamped.get(name)
            same = old is not None and (old[0], old[1]) == (mtime, size)
            self.files[name] = [mtime, size, old[2] if same else _sha256(book / name)]
        self.fingerprint = hashlib.sha256("\0".join(
            [self.environment, *(f"{name}:{v[2]}" for name, v in sorted(self.files.items()))]).encode()).hexdigest()

    def unchanged(self) -> bool:
        """True when the last build had these arguments, succeeded, read the same inputs and its output is intact."""
        return (self.stamp.get("flags") == self.flags and self.stamp.get("ok") is True
                and self.stamp.get("fingerprint") == self.fingerprint and self.stamp.get("output") == _outputs(self.book))

    def failed_last_time(self) -> bool:
        """True when the last run with these arguments and these inputs failed."""
        return (self.stamp.get("flags") == self.flags and self.stamp.get("ok") is False
                and self.stamp.get("fingerprint") == self.fingerprint)

    def record(self, ok: bool) -> None:
        """Write the stamp: the inputs as they were when the build started, and its output."""
        self.stamp_path.parent.mkdir(parents=True, exist_ok=True)
        self.stamp_path.write_text(json.dumps({
            "flags": self.flags, "environment": self.environment, "ok": ok, "fingerprint": self.fingerprint,
            "files": self.files, "output": _outputs(self.book) if ok else {},
        }))


def main() -> int:
    args = sys.argv[1:]
    plain = _book_and_flags(args)
    inputs = Inputs(*plain) if plain else None
    if inputs is not None and "--all" not in args and not os.environ.get("BOOK_BUILD_ALWAYS"):
        if inputs.unchanged():
            if any(inputs.files[n][:2] != inputs.stamp["files"][n][:2] for n in inputs.files):
                inputs.record(ok=True)  # touched but unchanged files: their new mtimes, so they are not hashed again
            print(f"build_book: nothing changed since the last successful build of {inputs.book} "
                  f"(stamp {inputs.stamp_path.relative_to(inputs.book)}); nothing to do")
            return 0
        if inputs.failed_last_time():
            print("build_book: the last build with these inputs failed: building in full to report its warnings again")
            args = [*args, "--all"]

    sys.modules["rfc3987_syntax"] = None  # `import rfc3987_syntax` now raises ImportError, which jsonschema expects
    from jupyter_book.cli.main import main as jupyter_book

    sys.argv = ["jupyter-book", *args]
    try:
        jupyter_book()
        code = 0
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    except BaseException:
        if inputs is not None:
            inputs.record(ok=False)
        raise
    if inputs is not None:
        inputs.record(ok=code == 0)
    return code


if __name__ == "__main__":
    sys.exit(main())
