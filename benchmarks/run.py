"""Measure the book and print the figures, beside the same figures before a change and for a bare book.

    make benchmark                                   # or: .venv/bin/python benchmarks/run.py [options]
    make benchmark ARGS="--baseline ../main --record"

Measures, in one run, for this working tree, for a baseline checkout of the book (``--baseline``,
e.g. a clone of the ``main`` branch: the figures before a change) and for the bare book that
``jupyter-book create`` makes (built the same way, so that ratios hold on a noisy machine). Builds and
browser figures are taken in rounds (``--rounds``, 3 by default), the baseline and this tree side by
side in each round, and each figure is the median of its rounds:
clean build; rebuild with nothing changed (as ``make book`` runs it, through
``tools/build_book.py``, and as Sphinx alone finds it); rebuild with one chapter changed;
``make book`` with nothing changed, after every source was touched (content unchanged) and after
a stylesheet was edited (and whether the edit reached the site); each chapter's own execution
time; nbval; each page's HTML size and the bytes a first visit loads (as served, and gzipped as
GitHub Pages serves them); time from navigation to every chart drawn; time from moving a control
to the redrawn chart (median and worst of 20 moves). It asserts nothing; it prints, and compares
with the targets of the issues it serves. ``--record`` also writes the output, with a description
of the machine, to ``benchmarks/RESULTS.md``.

Each book is copied to a temporary folder (its tracked files, as they are in its working tree) and
built and executed there with ``PYTHONPATH`` set to that copy. If the environment registers the
chart renderer (a myst-nb entry point) under a module that the baseline does not have (the
baseline predates a move of the module), the baseline's copy gets a one-line alias module so that
it builds with its own renderer.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
VENV = BIN.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic", "--no-first-run", "--disable-gpu"]
MOVES = 20
FIRST_VISIT_TARGET_MB = 1.2  # the issue "A lighter site...": 1.2 MB (the earlier goal was 1.5 MB)

lines: list[str] = []


def say(text: str = "") -> None:
    print(text, flush=True)
    lines.append(text)


@contextlib.contextmanager
def pythonpath(book: Path):
    """Run what follows (subprocesses, kernels) with the book's own package first on the path."""
    before = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = str(book)
    try:
        yield
    finally:
        if before is None:
            os.environ.pop("PYTHONPATH", None)
        else:
            os.environ["PYTHONPATH"] = before


def timed(command: list[str], cwd: Path, env: dict | None = None, *, replace_env: dict | None = None) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                   env=replace_env if replace_env is not None else {**os.environ, **(env or {})})
    return time.perf_counter() - start


def copy_book(source: Path, dest: Path) -> Path:
    """Copy a book's tracked files (as they are in its working tree) to dest."""
    files = subprocess.run(["git", "ls-files"], cwd=source, check=True, capture_output=True, text=True).stdout.split()
    for name in files:
        if (source / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source / name, dest / name)
    return dest


def align_entry_points(book: Path) -> str:
    """Alias the environment's chart-renderer module to the book's own, if the book declares another one."""
    from importlib.metadata import entry_points

    declared = tomllib.loads((book / "pyproject.toml").read_text()).get("project", {}).get("entry-points", {}).get(
        "myst_nb.mime_renderers", {})
    notes = []
    for entry in entry_points(group="myst_nb.mime_renderers"):
        own = declared.get(entry.name)
        if not own or own == entry.value:
            continue
        module, attr = entry.value.split(":")
        own_module, own_attr = own.split(":")
        path = book / Path(*module.split("."))
        if path.with_suffix(".py").exists():
            continue
        for parent in list(path.parents)[: len(module.split(".")) - 1]:
            if parent != book and not (parent / "__init__.py").exists():
                parent.mkdir(parents=True, exist_ok=True)
                (parent / "__init__.py").write_text("")
        path.with_suffix(".py").write_text(f"from {own_module} import {own_attr} as {attr}  # benchmark alias\n")
        notes.append(f"{module} -> {own_module}")
    return ", ".join(notes)


def bare_book(dest: Path) -> Path:
    subprocess.run([str(BIN / "jupyter-book"), "create", str(dest)], check=True, stdout=subprocess.DEVNULL)
    return dest


def build_times(book: Path, strict: bool, changed_chapter: Path) -> dict[str, float | str]:
    build = [str(BIN / "python"), str(book / "tools" / "build_book.py"), "build", ".", "--keep-going"]
    if not (book / "tools" / "build_book.py").exists():  # the bare book: the same wrapper, from this tree
        build[1] = str(ROOT / "tools" / "build_book.py")
    command = build + (["--warningiserror", "--nitpick"] if strict else [])
    shutil.rmtree(book / "_build", ignore_errors=True)
    times: dict[str, float | str] = {"clean": timed(command, book)}
    times["unchanged"] = timed(command, book)
    times["unchanged_sphinx"] = timed(command, book, {"BOOK_BUILD_ALWAYS": "1"})  # Sphinx's own check, every time
    text = changed_chapter.read_text()
    if changed_chapter.suffix == ".ipynb":  # a change to one Markdown cell's text
        changed_chapter.write_text(text.replace("## Summary", "## Summary ", 1))
    else:
        changed_chapter.write_text(text + "\nOne more sentence.\n")
    times["one_changed"] = timed(command, book)
    changed_chapter.write_text(text)
    timed(command, book)
    times["plain_unchanged"] = timed([str(BIN / "jupyter-book"), "build", ".", "--keep-going"] + command[len(build):], book)
    if (book / "Makefile").exists():  # `make book` skips the build when no source is newer than the last build
        if not (book / ".venv").is_symlink():
            (book / ".venv").symlink_to(VENV)
        # The copy's .venv is the environment running this script: make must never (re)install into it. So
        # no variable or flag of an enclosing make (MAKEFLAGS would pass on, say, VENV=...), the venv rule
        # marked old (-o), and a dry run first: if make would still create or install anything, no make rows.
        make = ["make", "-o", ".venv/.installed", "VENV=.venv", "book"]
        clean_env = {k: v for k, v in os.environ.items() if k not in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "MAKEOVERRIDES")}
        plan = subprocess.run(["make", "-n", *make[1:]], cwd=book, env=clean_env, capture_output=True, text=True).stdout
        if re.search(r"-m venv|pip install", plan):
            say(f"  ({book.name}: `make book` would reinstall the environment; the make rows are skipped)")
            return times

        def run_make() -> float:
            return timed(make, book, replace_env=clean_env)

        run_make()
        times["make_unchanged"] = run_make()
        # A stylesheet edited: the build must copy it to the site (and rewrite the pages that link it).
        stylesheet = book / "_static" / "charts.css"
        css = stylesheet.read_text()
        marker = f"/* benchmark {time.time_ns()} */"
        stylesheet.write_text(css + marker + "\n")
        times["make_stylesheet"] = run_make()
        served = book / "_build" / "html" / "_static" / "charts.css"
        times["stylesheet_reached_site"] = "yes" if served.exists() and marker in served.read_text() else "NO"
        stylesheet.write_text(css)
        run_make()
        # Every source touched, nothing changed in it (a checkout, say). Last: Sphinx's own check is by mtime,
        # so the next real change after a touch re-reads every touched page once.
        sources = [p for p in (book / "chapters").glob("*") if p.is_file()] + [book / "_config.yml"]
        for path in sources + list((book / "_static").glob("*")):
            os.utime(path)
        times["make_touched"] = run_make()
    return times


def execution_times(notebooks: list[Path]) -> dict[str, float | None]:
    """Each chapter's own execution time: a fresh kernel, top to bottom, one at a time (None if it fails)."""
    sys.path.insert(0, str(ROOT / "tools"))
    from execute_notebooks import execute

    times: dict[str, float | None] = {}
    for path in notebooks:
        try:
            times[path.name] = execute(path)[1]
        except Exception:  # noqa: BLE001 - a chapter whose module is missing, say: reported, not fatal
            times[path.name] = None
    return times


def nbval_time(book: Path, notebooks: list[Path], strict: bool) -> tuple[float, str]:
    mode = ["--nbval"] if strict else ["--nbval-lax"]
    command = [str(BIN / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", *mode, "--nbval-current-env",
               "--numprocesses", "2", "--dist", "loadfile", "-c", os.devnull, "--rootdir", str(book),
               *[str(p) for p in notebooks]]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=book, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""
    return elapsed, ("" if result.returncode == 0 else f"failed: {summary}")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class Server:
    def __init__(self, directory: Path):
        handler = functools.partial(_QuietHandler, directory=str(directory))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


DRAWN = """() => new Promise(resolve => {
  const check = () => {
    const charts = [...document.querySelectorAll('.vega-chart')];
    if (charts.every(c => c.vegaEmbedResult && c.querySelector('svg.marks'))) resolve([charts.length, performance.now()]);
    else requestAnimationFrame(check);
  };
  check();
})"""

MOVE_LATENCY = """async ([index, moves]) => {
  const chart = document.querySelectorAll('.vega-chart')[index];
  const input = chart.querySelector('.vega-bindings input[type=range]');
  if (!input) return null;
  const view = chart.vegaEmbedResult.view, lo = +input.min, hi = +input.max, step = +input.step || 1;
  const times = [];
  for (let k = 0; k < moves; k++) {
    const value = lo + (((k + 1) * 7 * step) % (hi - lo + step));
    const t0 = performance.now();
    input.value = String(Math.min(hi, value));
    input.dispatchEvent(new Event('input', {bubbles: true}));
    await view.runAsync();  // the SVG in the page now shows the new value
    const redrawn = performance.now() - t0;
    await new Promise(r => requestAnimationFrame(() => r()));  // the next frame the browser paints
    times.push([redrawn, performance.now() - t0]);
  }
  return times;
}"""


def browser_figures(site: Path, pages: list[str]) -> dict[str, dict]:
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not executable:
        say("  (no Chromium: browser figures skipped)")
        return {}
    server = Server(site)
    figures = {}
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
            for page_path in pages:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                bodies = []
                page.on("response", lambda r: bodies.append(r))
                page.goto(f"{server.url}/{page_path}", wait_until="load")
                count, drawn_ms = page.evaluate(DRAWN)
                page.wait_for_load_state("networkidle")
                raw = gz = 0
                largest = []
                for response in bodies:
                    try:
                        body = response.body()
                    except Exception:
                        continue
                    raw += len(body)
                    gz += len(gzip.compress(body, 6))
                    largest.append((len(body), response.url.rsplit("/", 1)[-1].split("?")[0]))
                moves = []
                for i in range(count):
                    times = page.evaluate(MOVE_LATENCY, [i, MOVES])
                    if times:
                        redraw = [t[0] for t in times]
                        frame = [t[1] for t in times]
                        moves.append((statistics.median(redraw), max(redraw), statistics.median(frame), max(frame)))
                figures[page_path] = {
                    "html": (site / page_path).stat().st_size, "first_visit": raw, "first_visit_gzip": gz,
                    "charts": count, "drawn_ms": drawn_ms if count else None, "moves": moves,
                    "largest": sorted(largest, reverse=True)[:6],
                }
                context.close()
            browser.close()
    finally:
        server.close()
    return figures


def machine() -> str:
    cpu = "unknown CPU"
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    memory = ""
    try:
        kb = int(next(line.split()[1] for line in open("/proc/meminfo") if line.startswith("MemTotal")))
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, StopIteration):
        pass
    return f"{os.cpu_count()} cores ({cpu}){memory}; {platform.platform()}; Python {platform.python_version()}"


def describe(source: Path) -> str:
    def git(*args):
        return subprocess.run(["git", *args], cwd=source, capture_output=True, text=True).stdout.strip()

    dirty = " (with uncommitted changes)" if git("status", "--porcelain", "--untracked-files=no") else ""
    return f"{git('rev-parse', '--abbrev-ref', 'HEAD')} at {git('rev-parse', '--short', 'HEAD')}{dirty}"


def median_figures(samples: list[dict]) -> dict:
    """Each figure's median over rounds (strings, such as "yes", from the last round)."""
    out = {}
    for key in samples[-1]:
        values = [s[key] for s in samples if key in s]
        out[key] = statistics.median(values) if all(isinstance(v, float) for v in values) else values[-1]
    return out


def merge_web(rounds: list[dict[str, dict]]) -> dict[str, dict]:
    """Browser figures over rounds: bytes from the last, drawn time's median, moves' median of medians, worst of all."""
    merged = {}
    for page, last in rounds[-1].items():
        pages = [r[page] for r in rounds if page in r]
        drawn = [p["drawn_ms"] for p in pages if p["drawn_ms"] is not None]
        moves = []
        for i in range(len(last["moves"])):
            per = [p["moves"][i] for p in pages if i < len(p["moves"])]
            moves.append((statistics.median(m[0] for m in per), max(m[1] for m in per),
                          statistics.median(m[2] for m in per), max(m[3] for m in per)))
        merged[page] = {**last, "drawn_ms": statistics.median(drawn) if drawn else None, "moves": moves}
    return merged


def prepare(source: Path, dest: Path, label: str) -> dict:
    """Copy one book, execute its chapters and run nbval once; builds and browser figures come later, interleaved."""
    book = copy_book(source, dest)
    alias = align_entry_points(book)
    notebooks = sorted((book / "chapters").glob("*.ipynb"))
    with pythonpath(book):
        say(f"  {label}: executing the chapters ...")
        execution = execution_times(notebooks)
        say(f"  {label}: nbval ...")
        nbval = nbval_time(book, notebooks, strict=True)
    return {"book": book, "execution": execution, "nbval": nbval, "alias": alias, "version": describe(source),
            "builds": [], "web": []}


def measure_interleaved(books: dict[str, dict], rounds: int) -> None:
    """Builds and browser figures of every book, round after round (before, after, before, after ...): on a shared
    machine whose load changes by the minute, each figure is the median of rounds taken side by side."""
    for r in range(rounds):
        for label, entry in books.items():
            book = entry["book"]
            say(f"  round {r + 1} of {rounds}, {label}: building (load average {os.getloadavg()[0]:.1f}) ...")
            with pythonpath(book):
                entry["builds"].append(build_times(book, strict=True,
                                                   changed_chapter=book / "chapters" / "hybrid-model.ipynb"))
        for label, entry in books.items():
            book = entry["book"]
            pages = sorted(str(p.relative_to(book / "_build/html")) for p in (book / "_build/html/chapters").glob("*.html"))
            say(f"  round {r + 1} of {rounds}, {label}: in the browser (load average {os.getloadavg()[0]:.1f}) ...")
            entry["web"].append(browser_figures(book / "_build/html", pages))
    for entry in books.values():
        entry["builds"] = median_figures(entry["builds"])
        entry["web"] = merge_web(entry["web"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="also write the output to benchmarks/RESULTS.md")
    parser.add_argument("--baseline", type=Path, help="a checkout of the book to measure as 'before' (e.g. main)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of builds and browser figures (medians)")
    args = parser.parse_args()
    say(f"Benchmark of the book, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    say(f"Machine: {machine()}; load average at the start: {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory() as tmp:
        before = prepare(args.baseline.resolve(), Path(tmp) / "before", "before") if args.baseline else None
        after = prepare(ROOT, Path(tmp) / "after", "after")
        measure_interleaved({"before": before, "after": after} if before else {"after": after}, args.rounds)
        bare = bare_book(Path(tmp) / "bare")
        bare_notebooks = sorted(bare.glob("*.ipynb"))
        say("  bare book ...")
        bare_exec = execution_times(bare_notebooks)
        bare_build = build_times(bare, strict=False, changed_chapter=bare / "markdown.md")
        bare_nbval = nbval_time(bare, bare_notebooks, strict=False)
        startup = timed([str(BIN / "python"), "-c",
                         "import jupyter_book.cli.main, myst_nb, sphinx_book_theme, sphinx.application"], ROOT)
        bare_pages = sorted(p.name for p in (bare / "_build/html").glob("*.html")
                            if p.name not in {"genindex.html", "search.html"} and "http-equiv" not in p.read_text())
        bare_web = browser_figures(bare / "_build/html", bare_pages)
    say(f"  load average at the end: {os.getloadavg()[0]:.1f}")

    say()
    if before:
        say(f"Before: {args.baseline} ({before['version']}){'; alias: ' + before['alias'] if before['alias'] else ''}")
    say(f"After: this working tree ({after['version']})")
    say()
    say("| figure | before | after | bare book | target |")
    say("|---|---|---|---|---|")

    def fmt(value, unit):
        if value is None:
            return "n/a"
        return value if isinstance(value, str) else f"{value:.2f} {unit}"

    def row(name, b, a, bare_value=None, unit="s", target=""):
        say(f"| {name} | {fmt(b, unit) if before else ''} | {fmt(a, unit)} | "
            f"{'' if bare_value is None else fmt(bare_value, unit)} | {target} |")

    def met(ok):
        return "met" if ok else "MISSED"

    pick = (lambda key, sub=None: (before[key] if sub is None else before[key].get(sub)) if before else None)
    for name in sorted(set(after["execution"]) | set(before["execution"] if before else [])):
        row(f"execution of {name}", pick("execution", name), after["execution"].get(name))
    sums = [sum(v for v in book["execution"].values() if v) if book else None for book in (before, after)]
    row("sum of the chapters' execution (chapters that ran)", sums[0], sums[1], sum(bare_exec.values()))
    b, a = pick("builds") or {}, after["builds"]
    row("clean build", b.get("clean"), a["clean"], bare_build["clean"])
    share = a["unchanged"] / a["clean"]
    share_before = f" (before: {b['unchanged'] / b['clean']:.0%})" if b else ""
    row("rebuild, nothing changed (`tools/build_book.py`, as `make book` runs it)", b.get("unchanged"), a["unchanged"],
        bare_build["unchanged"], target=f"≤ 20% of clean: {share:.0%}{share_before}, {met(share <= 0.2)}")
    row("rebuild, nothing changed, Sphinx's own check (`BOOK_BUILD_ALWAYS=1`)", b.get("unchanged_sphinx"),
        a["unchanged_sphinx"], bare_build["unchanged_sphinx"],
        target=f"{a['unchanged_sphinx'] / a['clean']:.0%} of clean")
    row("  of which: importing the build toolchain (Python)", None, startup)
    row("rebuild, nothing changed, plain `jupyter-book build`", b.get("plain_unchanged"), a["plain_unchanged"],
        bare_build["plain_unchanged"])
    row("rebuild, one chapter changed", b.get("one_changed"), a["one_changed"], bare_build["one_changed"],
        target=f"{a['one_changed'] / a['clean']:.0%} of clean")
    def share_of_clean(key):
        return f"{a[key] / a['clean']:.0%} of clean" if isinstance(a.get(key), float) else ""

    row("`make book`, nothing changed", b.get("make_unchanged"), a.get("make_unchanged"))
    row("`make book` after touching every source (content unchanged)", b.get("make_touched"), a.get("make_touched"),
        target=share_of_clean("make_touched"))
    row("`make book` after editing `_static/charts.css`", b.get("make_stylesheet"), a.get("make_stylesheet"),
        target=share_of_clean("make_stylesheet"))
    row("  the edited stylesheet reached the site", b.get("stylesheet_reached_site"), a.get("stylesheet_reached_site"),
        target="yes")
    nb = pick("nbval")
    row("nbval, 2 workers (bare: --nbval-lax)", nb[0] if nb else None, after["nbval"][0], bare_nbval[0],
        target="; ".join(x for x in [f"before {nb[1]}" if nb and nb[1] else "", f"after {after['nbval'][1]}"
                                     if after["nbval"][1] else ""] if x))
    for page in sorted(set(after["web"]) | set(before["web"] if before else [])):
        fb, fa = (before["web"].get(page) if before else None), after["web"].get(page)
        if fa is None:
            continue
        g = (lambda f, k: f[k] if f else None)
        row(f"{page}: HTML", g(fb, "html") and fb["html"] / 1024, fa["html"] / 1024, unit="KB")
        mb = fa["first_visit"] / 1024 / 1024
        row(f"{page}: first visit (as served)", g(fb, "first_visit") and fb["first_visit"] / 1024 / 1024, mb,
            unit="MB", target=f"≤ {FIRST_VISIT_TARGET_MB} MB: {met(mb <= FIRST_VISIT_TARGET_MB)}")
        row(f"{page}: first visit (gzip, as GitHub Pages serves)",
            g(fb, "first_visit_gzip") and fb["first_visit_gzip"] / 1024 / 1024, fa["first_visit_gzip"] / 1024 / 1024,
            unit="MB")
        if fa["drawn_ms"] is not None:
            row(f"{page}: all {fa['charts']} charts drawn after navigation", g(fb, "drawn_ms"), fa["drawn_ms"],
                unit="ms", target=f"≤ 1000 ms: {met(fa['drawn_ms'] <= 1000)}")
        for i, (median, worst, frame_median, frame_worst) in enumerate(fa["moves"]):
            old = fb["moves"][i] if fb and i < len(fb["moves"]) else None
            row(f"{page}: chart {i + 1}, slider to redrawn SVG, median / worst of {args.rounds} × {MOVES}",
                old and f"{old[0]:.2f} / {old[1]:.2f} ms", f"{median:.2f} / {worst:.2f} ms",
                target=f"median ≤ 16 ms, worst ≤ 50 ms: {met(median <= 16 and worst <= 50)}")
            row(f"{page}: chart {i + 1}, slider to next painted frame, median / worst",
                old and f"{old[2]:.2f} / {old[3]:.2f} ms", f"{frame_median:.2f} / {frame_worst:.2f} ms")
    say()
    say("Largest responses of a first visit (the profile behind the first-visit figures):")
    for label, book in (("before", before), ("after", after)):
        if not book:
            continue
        for page, f in book["web"].items():
            say(f"- {label}, {page}: " + ", ".join(f"{name} {size / 1024:.0f} KB" for size, name in f["largest"]))
    say()
    for page, f in bare_web.items():
        row(f"bare {page}: HTML", None, None, f["html"] / 1024, unit="KB")
        row(f"bare {page}: first visit (as served)", None, None, f["first_visit"] / 1024 / 1024, unit="MB")
    say()
    say(f"Every figure of a row comes from the same run, on the same machine. Build and browser figures are medians of")
    say(f"{args.rounds} rounds taken side by side (before, then after, in each round; a slider's worst is the worst of")
    say("all its moves); the machine is shared, so its load (printed above) moves single figures by a factor of two or")
    say("more: compare figures within a column (the no-change rebuild against the clean build) rather than across.")
    say("Builds of the book are strict (-W -n) and render the notebooks' committed outputs (execute_notebooks: off; nbval executes them in `make test`);")
    say("the bare book executes its notebooks in every clean build, as created. All books are built through")
    say("tools/build_book.py, as `make book` does (the bare book through this tree's); the plain `jupyter-book` row")
    say("shows the 2.3 s import (rfc3987-syntax's grammar, via jsonschema) that the wrapper avoids. A chapter whose")
    say("execution is n/a failed to run in that tree (for example a chapter module being rewritten elsewhere).")
    if args.record:
        out = ROOT / "benchmarks" / "RESULTS.md"
        out.write_text("# Benchmark results\n\nOutput of `make benchmark` (`benchmarks/run.py --record`):\n\n"
                       + "\n".join(lines) + "\n")
        print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
