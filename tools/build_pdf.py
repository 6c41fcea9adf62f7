"""Print the built HTML book to one PDF, in the order of the table of contents (``make pdf``).

    python tools/build_pdf.py [--site _build/html] [--out _build/pdf/amazon-case-study.pdf] [--paper A4|Letter]

The book is printed by the browser that already draws its charts: the system's Chromium (or
``$BROWSER_PATH``), driven by Playwright, prints each page of ``_toc.yml`` with the print stylesheet
(``_static/print.css``), and pypdf (pure Python) merges the pages into one file with a title page and
contents, page numbers, and a bookmark per part and chapter. Nothing is downloaded and nothing but the
site itself is served (on 127.0.0.1).

Before a page is printed, the tool

- waits until every chart is drawn (each ``.vega-chart`` holds its ``vegaEmbedResult``) and fails if one
  was not, so no chart is ever printed as text or JSON;
- writes under each chart with controls one line that states the values it is drawn at (its defaults: the
  page has just been opened), since the print stylesheet hides the controls themselves;
- opens every collapsed block that holds reading matter (a ``<details>`` solution, a dropdown, a hidden
  output), but leaves closed, and unprinted, the chart's export menu and myst-nb's hidden code cells;
- turns links within the site into plain text: they would point at the temporary local server.

Page numbers run through the whole file (the title page has none); they are stamped on after merging,
from a page of numbers that Chromium prints at the same paper size.
"""

from __future__ import annotations

import argparse
import functools
import html
import http.server
import io
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SITE = ROOT / "_build" / "html"
DEFAULT_OUT = ROOT / "_build" / "pdf" / "amazon-case-study.pdf"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
MARGIN = {"top": "16mm", "bottom": "18mm", "left": "15mm", "right": "15mm"}
CHART_TIMEOUT_MS = 60_000

#: Run in the page before printing; returns what it did, for the report and the tests.
PREPARE = r"""() => {
  const report = {charts: 0, controlLines: 0, opened: 0, unlinked: 0, failed: []};
  // 1. Every chart drawn; one line per chart with controls, stating the values it is drawn at.
  for (const el of document.querySelectorAll('.vega-chart')) {
    report.charts += 1;
    const result = el.vegaEmbedResult;
    if (!result || !el.querySelector('svg')) { report.failed.push(el.id || '(chart)'); continue; }
    // The page holds Vega (compiled from Vega-Lite when the book was built): its controls are bound signals.
    const bound = (result.spec.signals || result.spec.params || []).filter(p => p.bind && p.bind.input);
    if (!bound.length) continue;
    const shown = bound.map(p => {
      const name = (p.bind.name || p.name).trim();
      let value = result.view.signal(p.name);
      if (p.bind.options && p.bind.labels) {
        const i = p.bind.options.indexOf(value);
        if (i >= 0) value = p.bind.labels[i];
      }
      if (typeof value === 'boolean') value = value ? 'on' : 'off';
      return `${name} = ${value}`;
    });
    const line = document.createElement('p');
    line.className = 'print-controls';
    line.textContent = 'Drawn at its default settings (the web edition lets you change them): ' + shown.join('; ') + '.';
    el.insertAdjacentElement('afterend', line);
    report.controlLines += 1;
  }
  // 2. Collapsed reading matter printed open; the chart menus and hidden code cells stay closed.
  for (const d of document.querySelectorAll('details')) {
    if (d.closest('.vega-embed') || d.matches('.hide.above-input')) continue;
    if (!d.open) { d.open = true; report.opened += 1; }
  }
  for (const t of document.querySelectorAll('.toggle-hidden')) { t.classList.remove('toggle-hidden'); report.opened += 1; }
  // 3. Links within the site point at the temporary server: keep their text, drop the link.
  for (const a of document.querySelectorAll('a[href]')) {
    const url = new URL(a.href, document.baseURI);
    if (url.origin === location.origin) { a.removeAttribute('href'); a.classList.add('print-unlinked'); report.unlinked += 1; }
  }
  return report;
}"""

READY = "() => [...document.querySelectorAll('.vega-chart')].every(e => e.vegaEmbedResult || e.textContent.includes('could not be drawn'))"


@dataclass
class Chapter:
    """One page of the book: its path in the site, the part it belongs to, its title as printed, and its PDF."""

    path: str
    part: str
    title: str = ""
    pdf: bytes = b""
    pages: int = 0
    report: dict = field(default_factory=dict)


def toc_pages(root: Path = ROOT) -> list[tuple[str, str]]:
    """(site path, part caption) of every page of ``_toc.yml``, in reading order; the root page first."""
    toc = yaml.safe_load((root / "_toc.yml").read_text(encoding="utf-8"))
    pages = [(toc["root"] + ".html", "")]
    for part in toc.get("parts", []):
        pages += [(c["file"] + ".html", part.get("caption", "")) for c in part["chapters"]]
    return pages


def book_metadata(root: Path = ROOT) -> dict:
    config = yaml.safe_load((root / "_config.yml").read_text(encoding="utf-8"))
    commit = ""
    if shutil.which("git"):
        result = subprocess.run(["git", "-C", str(root), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
        commit = result.stdout.strip() if result.returncode == 0 else ""
    return {"title": config.get("title", "Book"), "author": config.get("author", ""), "commit": commit}


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def serve(site: Path):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def browser_path() -> str:
    path = os.environ.get("BROWSER_PATH") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        sys.exit("no Chromium: install Debian's chromium (apt-get install chromium) or set BROWSER_PATH")
    return path


def footer(title: str) -> str:
    """Chromium's footer for a chapter: its title on the left (the page number is stamped on later)."""
    return ('<div style="font-size:9px;width:100%;padding:0 15mm;color:#555;font-family:sans-serif;">'
            f'{html.escape(title)}</div>')


def print_page(page, url: str, paper: str, title_hint: str = "") -> tuple[bytes, str, dict]:
    """Open ``url``, wait for its charts, prepare it for print and return (PDF bytes, its h1, the preparation report)."""
    page.goto(url, wait_until="load")
    page.wait_for_function(READY, timeout=CHART_TIMEOUT_MS)
    page.evaluate("() => document.fonts.ready")
    page.emulate_media(media="print")
    report = page.evaluate(PREPARE)
    if report["failed"]:
        raise RuntimeError(f"{url}: charts not drawn: {report['failed']}")
    title = page.evaluate("() => (document.querySelector('article h1') || document.querySelector('h1'))"
                          "?.textContent.replace(/[#¶]/g, '').trim() || document.title")
    pdf = page.pdf(format=paper, print_background=True, margin=MARGIN, display_header_footer=True,
                   header_template="<span></span>", footer_template=footer(title or title_hint),
                   prefer_css_page_size=False)
    return pdf, title, report


def count_pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def front_matter_html(meta: dict, chapters: list[Chapter], first_page: int) -> str:
    """The title page and the contents, with each chapter's first page (counting from ``first_page``)."""
    rows, page, part = [], first_page, None
    for c in chapters:
        if c.part != part and c.part:
            rows.append(f'<tr class="part"><td colspan="2">{html.escape(c.part)}</td></tr>')
        part = c.part
        rows.append(f'<tr><td>{html.escape(c.title)}</td><td class="num">{page}</td></tr>')
        page += c.pages
    built = date.today().isoformat() + (f", commit {meta['commit']}" if meta["commit"] else "")
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{html.escape(meta['title'])}</title>
<style>
  body {{ font-family: "DejaVu Sans", "Liberation Sans", sans-serif; color: #222; margin: 0; }}
  .cover {{ height: 240mm; display: flex; flex-direction: column; justify-content: center; break-after: page; }}
  h1 {{ font-size: 30pt; line-height: 1.15; margin: 0 0 10mm; }}
  .sub {{ font-size: 13pt; color: #444; margin: 2mm 0; }}
  .note {{ font-size: 10pt; color: #444; margin-top: 14mm; max-width: 150mm; line-height: 1.5; }}
  h2 {{ font-size: 18pt; margin: 0 0 6mm; }}
  table {{ width: 100%; border-collapse: collapse; font-size: 11pt; }}
  td {{ padding: 1.4mm 0; border-bottom: 0.2mm dotted #bbb; vertical-align: bottom; }}
  td.num {{ text-align: right; width: 15mm; }}
  tr.part td {{ font-weight: bold; padding-top: 5mm; border-bottom: none; }}
</style></head><body>
<section class="cover">
  <h1>{html.escape(meta['title'])}</h1>
  <p class="sub">{html.escape(meta['author'])}</p>
  <p class="sub">PDF edition of the web book, printed {html.escape(built)}</p>
  <p class="note">This edition is printed from the web book. Every interactive chart is drawn at its default
  settings, and a line under it states the values of its controls; the web edition and the notebooks let you
  change them. Collapsed blocks (solutions, dropdowns) are printed open; code cells hidden in the web book are
  left out. Links to the book's own pages are printed as plain text.</p>
</section>
<section><h2>Contents</h2><table>{''.join(rows)}</table></section>
</body></html>"""


def numbers_html(total: int, skip: int) -> str:
    """``total`` pages at the paper size, each blank but for its number at the foot (none on the first ``skip``)."""
    pages = "".join(
        f'<div class="p"><span>{i + 1 if i >= skip else ""}</span></div>' for i in range(total))
    return ("<!doctype html><html><head><meta charset='utf-8'><style>@page { margin: 0 }"
            "body { margin: 0 } .p { height: 100vh; position: relative; break-after: page; }"
            ".p span { position: absolute; right: 15mm; bottom: 7.5mm; font: 10px sans-serif; color: #555; }"
            "</style></head><body>" + pages + "</body></html>")


def merge(front: bytes, chapters: list[Chapter], numbers: bytes, meta: dict) -> bytes:
    """One PDF: front matter, then the chapters; page numbers stamped on; a bookmark per part and chapter."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    writer.append(PdfReader(io.BytesIO(front)))
    starts = []
    for c in chapters:
        starts.append(len(writer.pages))
        writer.append(PdfReader(io.BytesIO(c.pdf)))
    stamps = PdfReader(io.BytesIO(numbers))
    for page, stamp in zip(writer.pages, stamps.pages):
        page.merge_page(stamp)
    writer.add_outline_item(title="Title and contents", page_number=0)
    parents, part = {}, None
    for c, start in zip(chapters, starts):
        if c.part and c.part not in parents:
            parents[c.part] = writer.add_outline_item(title=c.part, page_number=start)
        writer.add_outline_item(title=c.title, page_number=start, parent=parents.get(c.part))
    writer.add_metadata({"/Title": meta["title"], "/Author": meta["author"], "/Subject": "PDF edition of the web book"})
    writer.page_mode = "/UseOutlines"
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def build(site: Path = DEFAULT_SITE, out: Path = DEFAULT_OUT, paper: str = "A4", log=print) -> dict:
    """Print every page of the book and write one PDF to ``out``; return a summary (pages, seconds, per chapter)."""
    from playwright.sync_api import sync_playwright

    if not (site / "chapters" / "index.html").exists():
        raise SystemExit(f"the book is not built: {site} has no chapters/index.html (run `make book` first)")
    started = time.monotonic()
    meta = book_metadata()
    chapters = [Chapter(path, part) for path, part in toc_pages()]
    server, base = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=browser_path(), args=CHROMIUM_ARGS)
            context = browser.new_context(viewport={"width": 1280, "height": 1000})
            page = context.new_page()
            for c in chapters:
                c.pdf, c.title, c.report = print_page(page, f"{base}/{c.path}", paper)
                c.pages = count_pages(c.pdf)
                log(f"  {c.path}: {c.pages} pages, {c.report['charts']} charts")
            front_pages, front = 2, b""
            for _ in range(3):  # the contents' page numbers depend on how long the front matter is
                page.set_content(front_matter_html(meta, chapters, front_pages + 1))
                front = page.pdf(format=paper, print_background=True, margin=MARGIN)
                if count_pages(front) == front_pages:
                    break
                front_pages = count_pages(front)
            total = front_pages + sum(c.pages for c in chapters)
            page.set_content(numbers_html(total, skip=1))
            numbers = page.pdf(format=paper, margin={"top": "0", "bottom": "0", "left": "0", "right": "0"})
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    pdf = merge(front, chapters, numbers, meta)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(pdf)
    seconds = time.monotonic() - started
    summary = {"pages": total, "seconds": round(seconds, 1), "bytes": len(pdf), "path": str(out),
               "chapters": [{"path": c.path, "title": c.title, "part": c.part, "pages": c.pages, **c.report}
                            for c in chapters]}
    log(f"{out}: {total} pages, {len(pdf) / 1e6:.1f} MB, in {seconds:.0f} s")
    return summary


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=DEFAULT_SITE, help="the built HTML book (default: _build/html)")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="the PDF to write")
    parser.add_argument("--paper", default="A4", choices=["A4", "Letter"], help="paper size (default: A4)")
    parser.add_argument("--summary", type=Path, help="also write the build's summary (pages, chapters) as JSON here")
    args = parser.parse_args()
    summary = build(args.site, args.out, args.paper)
    if args.summary:
        args.summary.write_text(json.dumps(summary, indent=1))


if __name__ == "__main__":
    main()
