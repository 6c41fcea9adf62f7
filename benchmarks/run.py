"""Measure the book and print the figures, beside the same figures for a bare book.

    make benchmark                  # or: .venv/bin/python benchmarks/run.py [--record]

Measures, in one run, for this book and for the bare book that
``jupyter-book create`` makes (built the same way, so that ratios hold on a
noisy machine): clean build, rebuild with nothing changed and with one chapter
changed, each chapter's own execution time, nbval, each page's HTML size and
the bytes a first visit loads, time from navigation to every chart drawn, and
time from moving a control to the redrawn chart (median and worst of 20 moves).
It asserts nothing; it prints, and compares with the targets of the
performance issue. ``--record`` also writes the output, with a description of
the machine, to ``benchmarks/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import functools
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
# Both books are built as `make book` builds this one: jupyter-book through tools/build_book.py.
BUILD = [str(BIN / "python"), str(ROOT / "tools" / "build_book.py"), "build", ".", "--keep-going"]
PLAIN_BUILD = [str(BIN / "jupyter-book"), "build", ".", "--keep-going"]
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-quic", "--no-first-run", "--disable-gpu"]
MOVES = 20

lines: list[str] = []


def say(text: str = "") -> None:
    print(text, flush=True)
    lines.append(text)


def timed(command: list[str], cwd: Path) -> float:
    start = time.perf_counter()
    subprocess.run(command, cwd=cwd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def copy_book(dest: Path) -> Path:
    """Copy this book's tracked files (as they are in the working tree) to dest."""
    files = subprocess.run(["git", "ls-files"], cwd=ROOT, check=True, capture_output=True, text=True).stdout.split()
    for name in files:
        (dest / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, dest / name)
    return dest


def bare_book(dest: Path) -> Path:
    subprocess.run([str(BIN / "jupyter-book"), "create", str(dest)], check=True, stdout=subprocess.DEVNULL)
    return dest


def build_times(book: Path, strict: bool, changed_chapter: Path) -> dict[str, float]:
    command = BUILD + (["--warningiserror", "--nitpick"] if strict else [])
    shutil.rmtree(book / "_build", ignore_errors=True)
    clean = timed(command, book)
    unchanged = timed(command, book)
    text = changed_chapter.read_text()
    if changed_chapter.suffix == ".ipynb":  # a change to one Markdown cell's text
        changed_chapter.write_text(text.replace("## Summary", "## Summary ", 1))
    else:
        changed_chapter.write_text(text + "\nOne more sentence.\n")
    one_changed = timed(command, book)
    changed_chapter.write_text(text)
    timed(command, book)
    times = {"clean": clean, "unchanged": unchanged, "one_changed": one_changed,
             "plain_unchanged": timed(PLAIN_BUILD + command[len(BUILD):], book)}
    if (book / "Makefile").exists():  # `make book` skips Sphinx when no source is newer than the last build
        (book / ".venv").symlink_to(ROOT / ".venv")
        timed(["make", "book"], book)
        times["make_unchanged"] = timed(["make", "book"], book)
    return times


def execution_times(notebooks: list[Path]) -> dict[str, float]:
    """Each chapter's own execution time: a fresh kernel, top to bottom, one at a time (as `make notebooks` runs one)."""
    sys.path.insert(0, str(ROOT / "tools"))
    from execute_notebooks import execute

    return dict(execute(path) for path in notebooks)


def nbval_time(book: Path, notebooks: list[Path], strict: bool) -> float:
    mode = ["--nbval"] if strict else ["--nbval-lax"]
    command = [str(BIN / "python"), "-m", "pytest", "-q", "-p", "no:cacheprovider", *mode, "--nbval-current-env",
               "--numprocesses", "2", "--dist", "loadfile", "-c", os.devnull, "--rootdir", str(book),
               *[str(p) for p in notebooks]]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=book, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        say(f"  (nbval failed in {book.name}: {result.stdout.strip().splitlines()[-1] if result.stdout else ''})")
    return elapsed


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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--record", action="store_true", help="also write the output to benchmarks/RESULTS.md")
    args = parser.parse_args()
    say(f"Benchmark of the book, {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    say(f"Machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        ours = copy_book(Path(tmp) / "book")
        bare = bare_book(Path(tmp) / "bare")
        our_notebooks = sorted((ours / "chapters").glob("*.ipynb"))
        bare_notebooks = sorted(bare.glob("*.ipynb"))

        ours_exec = execution_times(our_notebooks)
        bare_exec = execution_times(bare_notebooks)
        ours_build = build_times(ours, strict=True, changed_chapter=ours / "chapters" / "hybrid-model.ipynb")
        bare_build = build_times(bare, strict=False, changed_chapter=bare / "markdown.md")
        ours_nbval = nbval_time(ours, our_notebooks, strict=True)
        startup = timed([str(BIN / "python"), "-c", "import jupyter_book.cli.main, myst_nb, sphinx_book_theme, sphinx.application"], ours)
        bare_nbval = nbval_time(bare, bare_notebooks, strict=False)

        our_pages = sorted(str(p.relative_to(ours / "_build/html")) for p in (ours / "_build/html/chapters").glob("*.html"))
        bare_pages = sorted(p.name for p in (bare / "_build/html").glob("*.html")
                            if p.name not in {"genindex.html", "search.html"} and "http-equiv" not in p.read_text())
        ours_web = browser_figures(ours / "_build/html", our_pages)
        bare_web = browser_figures(bare / "_build/html", bare_pages)

    exec_sum = sum(ours_exec.values())
    say()
    say("| figure | this book | bare book | ratio | target |")
    say("|---|---|---|---|---|")

    def row(name, a, b, unit="s", target="", ratio=True):
        ratio = f"{a / b:.2f}×" if ratio and a is not None and b else ""
        fa = "n/a" if a is None else f"{a:.2f} {unit}"
        fb = "n/a" if b is None else f"{b:.2f} {unit}"
        say(f"| {name} | {fa} | {fb} | {ratio} | {target} |")

    for name, seconds in ours_exec.items():
        row(f"execution of {name}", seconds, None)
    row("sum of the chapters' execution", exec_sum, sum(bare_exec.values()))
    verdict = "met" if ours_build["clean"] <= 0.8 * exec_sum else "MISSED"
    row("clean build", ours_build["clean"], bare_build["clean"],
        target=f"≤ 0.8 × execution sum = {0.8 * exec_sum:.2f} s: {verdict}")
    share = ours_build["unchanged"] / ours_build["clean"]
    row("rebuild, nothing changed", ours_build["unchanged"], bare_build["unchanged"],
        target=f"≤ 20% of clean: {share:.0%}, {'met' if share <= 0.2 else 'MISSED'}")
    row("  of which: importing the build toolchain (Python)", startup, None)
    row("rebuild, nothing changed, plain `jupyter-book build`", ours_build["plain_unchanged"], bare_build["plain_unchanged"])
    share = ours_build["make_unchanged"] / ours_build["clean"]
    row("`make book`, nothing changed", ours_build["make_unchanged"], None,
        target=f"≤ 20% of clean: {share:.0%}, {'met' if share <= 0.2 else 'MISSED'}")
    row("rebuild, one chapter changed", ours_build["one_changed"], bare_build["one_changed"])
    row("nbval, 2 workers (bare: --nbval-lax)", ours_nbval, bare_nbval)
    for page, f in ours_web.items():
        kb = f["html"] / 1024
        row(f"{page}: HTML", kb, None, "KB", f"≤ 300 KB: {'met' if kb <= 300 else 'MISSED'}")
        mb = f["first_visit"] / 1024 / 1024
        row(f"{page}: first visit (as served)", mb, None, "MB", f"≤ 1.5 MB: {'met' if mb <= 1.5 else 'MISSED'}")
        row(f"{page}: first visit (gzip, as GitHub Pages serves)", f["first_visit_gzip"] / 1024 / 1024, None, "MB")
        if f["drawn_ms"] is not None:
            row(f"{page}: all {f['charts']} charts drawn after navigation", f["drawn_ms"], None, "ms",
                f"≤ 1000 ms: {'met' if f['drawn_ms'] <= 1000 else 'MISSED'}")
        for i, (median, worst, frame_median, frame_worst) in enumerate(f["moves"]):
            ok = "met" if median <= 16 and worst <= 50 else "MISSED"
            row(f"{page}: chart {i + 1}, slider to redrawn SVG, median / worst of {MOVES}", median, worst, "ms",
                f"median ≤ 16 ms, worst ≤ 50 ms: {ok}", ratio=False)
            row(f"{page}: chart {i + 1}, slider to next painted frame, median / worst", frame_median, frame_worst, "ms",
                ratio=False)
    say()
    say("Largest responses of a first visit (the profile behind the first-visit figures):")
    for page, f in ours_web.items():
        say(f"- {page}: " + ", ".join(f"{name} {size / 1024:.0f} KB" for size, name in f["largest"]))
    say()
    for page, f in bare_web.items():
        row(f"bare {page}: HTML", None, f["html"] / 1024, "KB")
        row(f"bare {page}: first visit (as served)", None, f["first_visit"] / 1024 / 1024, "MB")
    say()
    say("In the slider rows the two columns are this book's median and worst (no bare equivalent: it has no charts).")
    say("Builds of this book are strict (-W -n) and render the notebooks' committed outputs (execute_notebooks: off;")
    say("nbval executes them in `make test`); the bare book executes its notebooks in every clean build, as created.")
    say("Both books are built through tools/build_book.py, as `make book` does; the plain `jupyter-book` row shows the")
    say("2.3 s import (rfc3987-syntax's grammar, via jsonschema) that the wrapper avoids.")
    if args.record:
        out = ROOT / "benchmarks" / "RESULTS.md"
        out.write_text("# Benchmark results\n\nOutput of `make benchmark` (`benchmarks/run.py --record`):\n\n"
                       + "\n".join(lines) + "\n")
        print(f"written to {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
