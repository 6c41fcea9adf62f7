"""The PDF edition (``make pdf``, ``tools/build_pdf.py``): one file of the whole book, every chart drawn.

The PDF is built once per test session from the built site (``make test`` builds the site first), into
``_build/pdf/`` where ``make pdf`` writes it, so that what is checked is always the current book; it takes
well under a minute. It needs Chromium, as the built-site tests do: without it the tests are skipped with a
warning, and under CI (``CI`` set) they fail.

Checked: the page count is sane for the book's length; every page of the table of contents is in it,
titled and bookmarked in order; every chart is there as vector graphics on the page that carries its title,
with the line that states its controls' values; no chart is left as text or JSON; no link points at the
temporary server; and the page preparation opens collapsed reading matter but not the charts' menus.
"""

from __future__ import annotations

import importlib.util
import json
import os
import re
import subprocess
import sys
import warnings

import pypdf  # pinned in requirements.txt: a missing pypdf is an install error, not a reason to skip
import pytest

from conftest import ROOT, SITE, book_charts, chromium_path


spec = importlib.util.spec_from_file_location("build_pdf", ROOT / "tools" / "build_pdf.py")
build_pdf = importlib.util.module_from_spec(spec)
sys.modules["build_pdf"] = build_pdf  # the tool's dataclasses look their module up by name
spec.loader.exec_module(build_pdf)

OUT = ROOT / "_build" / "pdf" / "amazon-case-study.pdf"
RAW_SPEC = ('"$schema"', "vega.github.io/schema", '"mark":', '"encoding":', "<Vega-Lite chart", "could not be drawn")


def _need_chromium():
    if chromium_path() is None:
        message = "Debian's chromium is not installed (apt-get install -y chromium): the PDF cannot be built"
        if os.environ.get("CI"):
            pytest.fail(message)
        warnings.warn(message)
        pytest.skip("SKIPPED LOUDLY: " + message)


@pytest.fixture(scope="session")
def built():
    """Build the PDF once per session from the built site; yield (summary, reader, text of each page)."""
    _need_chromium()
    if not (SITE / "chapters" / "index.html").exists():
        pytest.fail(f"the book is not built: {SITE} has no chapters/index.html. Run `make book` first (`make test` does).")
    # The command `make pdf` runs, in its own process: Playwright's synchronous API cannot start inside a
    # test worker whose browser fixture already runs it.
    summary_path = OUT.with_suffix(".summary.json")
    done = subprocess.run([sys.executable, str(ROOT / "tools" / "build_pdf.py"), "--site", str(SITE), "--out", str(OUT),
                           "--summary", str(summary_path)], cwd=ROOT, capture_output=True, text=True, timeout=600)
    if done.returncode:
        pytest.fail(f"tools/build_pdf.py failed ({done.returncode}):\n{done.stdout[-2000:]}\n{done.stderr[-3000:]}")
    summary = json.loads(summary_path.read_text())
    print(f"\nPDF: {summary['pages']} pages, {summary['bytes'] / 1e6:.1f} MB, built in {summary['seconds']} s")
    reader = pypdf.PdfReader(str(OUT))
    texts = [page.extract_text() or "" for page in reader.pages]
    return summary, reader, texts


def _plain(text: str) -> str:
    """Text as extracted, with ligatures, typographic quotes, dashes and line breaks made plain."""
    table = str.maketrans({"\ufb01": "fi", "\ufb02": "fl", "\u2019": "'", "\u2018": "'", "\u201c": '"', "\u201d": '"',
                           "\u2013": "-", "\u2014": "-", "\u2212": "-", "\u00a0": " "})
    return re.sub(r"\s+", " ", text.replace("\ufb00", "ff").translate(table)).strip()


def test_page_count_is_sane_for_the_book(built):
    summary, reader, _ = built
    chapters = len(build_pdf.toc_pages())
    assert len(reader.pages) == summary["pages"]
    # At least two pages a chapter (the shortest appendix has one or two), at most thirty on average.
    assert 2 * chapters <= len(reader.pages) <= 30 * chapters, len(reader.pages)


def test_every_chapter_is_in_it_in_order_with_a_bookmark(built):
    summary, reader, texts = built
    chapters = summary["chapters"]
    assert [c["path"] for c in chapters] == [p for p, _ in build_pdf.toc_pages()]
    whole = _plain(" ".join(texts))
    for c in chapters:
        assert c["title"] and _plain(c["title"]) in whole, f"{c['path']}: title {c['title']!r} not in the PDF's text"
    # The contents page lists every chapter; each chapter starts where the bookmark says, with its title.
    contents = _plain(texts[0] + " " + texts[1])
    outline = {}

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                outline[_plain(item.title)] = reader.get_destination_page_number(item)

    walk(reader.outline)
    assert "Title and contents" in outline
    for part in {c["part"] for c in chapters if c["part"]}:
        assert part in outline, f"no bookmark for the part {part!r}"
    for c in chapters:
        title = _plain(c["title"])
        assert title in contents, f"{title!r} missing from the contents"
        assert title in outline, f"no bookmark for {title!r}"
        first_page = _plain(texts[outline[title]])
        assert title.split(":")[0] in first_page, f"{title!r}: its bookmark does not point at its first page"


def _multiply(a, b):
    """The product of two PDF matrices [a b c d e f]."""
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _text_lines(page) -> list[tuple[float, str]]:
    """Each run of text on the page with its height on the page (points from the bottom)."""
    runs = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            runs.append((_multiply(tm, cm)[5], _plain(text)))

    page.extract_text(visitor_text=visit)
    return runs


def _drawing_heights(page, reader) -> list[float]:
    """The height on the page of every path point (move, line, curve, rectangle) and every XObject drawn."""
    from pypdf.generic import ContentStream

    ctm, stack, heights = [1, 0, 0, 1, 0, 0], [], []
    for args, op in ContentStream(page.get_contents(), reader).operations:
        op = op.decode("latin-1")
        if op == "q":
            stack.append(ctm)
        elif op == "Q":
            ctm = stack.pop() if stack else ctm
        elif op == "cm":
            ctm = _multiply([float(a) for a in args], ctm)
        elif op in ("m", "l", "c", "re", "Do"):
            x, y = (0.0, 0.0) if op == "Do" else (float(args[0]), float(args[1])) if op == "re" else \
                (float(args[-2]), float(args[-1]))
            heights.append(x * ctm[1] + y * ctm[3] + ctm[5])
    return heights


def test_every_chart_is_drawn_as_vector_graphics_on_its_page(built):
    """Each chart's takeaway (its SVG title, printed as text) heads a region of the page full of vector drawing:
    between the title and the figure's caption below it (or the foot of the page), where text alone would draw nothing."""
    _, reader, texts = built
    plain = [_plain(t) for t in texts]
    for nb in sorted((ROOT / "chapters").glob("*.ipynb")):
        for spec_ in book_charts(nb):
            title = spec_["title"]["text"]
            probe = " ".join(_plain(title[0] if isinstance(title, list) else title).split()[:4])
            # The page where a line of text starts with the title (the contents may quote it within a line).
            found = [(i, lines) for i, t in enumerate(plain) if probe in t
                     for lines in [_text_lines(reader.pages[i])] if any(text.startswith(probe) for _, text in lines)]
            assert found, f"{nb.name}: chart {probe!r}... is not in the PDF"
            number, lines = found[0]
            top = max(y for y, text in lines if text.startswith(probe))
            captions = [y for y, text in lines if text.startswith("Fig.") and y < top]
            bottom = max(captions) if captions else 0
            drawn = sum(bottom < h < top for h in _drawing_heights(reader.pages[number], reader))
            assert drawn >= 25, f"{nb.name}: chart {probe!r}... has {drawn} drawing operations on page {number + 1}"


def test_charts_are_printed_at_their_defaults_with_their_controls_stated(built):
    summary, _, texts = built
    whole = _plain(" ".join(texts))
    with_controls = sum(1 for nb in (ROOT / "chapters").glob("*.ipynb") for s in book_charts(nb)
                        if any("bind" in p for p in s.get("params", [])))
    assert sum(c["controlLines"] for c in summary["chapters"]) == with_controls
    assert whole.count("Drawn at its default settings") == with_controls
    assert sum(c["charts"] for c in summary["chapters"]) == sum(
        len(book_charts(nb)) for nb in (ROOT / "chapters").glob("*.ipynb"))
    # The timeline's dropdown is stated by its option's label, not its value.
    assert "Show = All themes" in whole


def test_no_chart_is_left_as_text_or_json(built):
    _, _, texts = built
    whole = " ".join(texts)
    for raw in RAW_SPEC:
        assert raw not in whole, f"the PDF holds {raw!r}: a chart printed as text"


def test_no_screen_only_button_is_printed(built):
    """A chart's scenario buttons (presets, reset, copy link) act on the web page; paper has no use for them."""
    _, _, texts = built
    whole = " ".join(texts)
    for label in ("Reset to defaults", "Copy link"):
        assert label not in whole, f"the PDF prints the button {label!r}"


def test_no_link_points_at_the_temporary_server(built):
    _, reader, _ = built
    local = []
    for number, page in enumerate(reader.pages, start=1):
        for annot in page.get("/Annots") or []:
            action = annot.get_object().get("/A")
            uri = action.get_object().get("/URI") if action else None
            if uri and re.match(r"https?://(127\.0\.0\.1|localhost)", str(uri)):
                local.append((number, str(uri)))
    assert not local, local[:5]


PAGE = """<!doctype html><html><body><article>
<h1>Chapter</h1>
<details id="solution"><summary>Solution</summary><p>The answer.</p></details>
<details class="sd-dropdown" id="dropdown"><summary>More</summary><p>Detail.</p></details>
<div class="cell"><details class="hide above-input" id="code"><summary>Show code cell source</summary><pre>x = 1</pre></details></div>
<div class="toggle-hidden" id="toggle">Hidden by a toggle button</div>
<div class="vega-embed"><details id="menu"><summary>...</summary><a href="#">Save as SVG</a></details></div>
<a id="inside" href="/chapters/glossary.html#term-Take-rate">take rate</a>
<a id="outside" href="https://www.sec.gov/">SEC</a>
</article></body></html>"""


def test_page_preparation_opens_reading_matter_but_not_menus_or_hidden_code(browser):
    """The script run on each page before printing (no chart here; the book's charts are checked above)."""
    context = browser.new_context()
    try:
        page = context.new_page()
        page.route("http://book.test/**", lambda route: route.fulfill(body=PAGE, content_type="text/html"))
        page.goto("http://book.test/chapters/page.html")
        report = page.evaluate(build_pdf.PREPARE)
        state = page.evaluate("""() => ({
            solution: document.getElementById('solution').open, dropdown: document.getElementById('dropdown').open,
            code: document.getElementById('code').open, menu: document.getElementById('menu').open,
            toggle: document.getElementById('toggle').className,
            inside: document.getElementById('inside').getAttribute('href'),
            outside: document.getElementById('outside').getAttribute('href')})""")
    finally:
        context.close()
    assert state == {"solution": True, "dropdown": True, "code": False, "menu": False, "toggle": "",
                     "inside": None, "outside": "https://www.sec.gov/"}
    assert report == {"charts": 0, "controlLines": 0, "opened": 3, "unlinked": 2, "failed": []}


def test_toc_order_and_front_matter_numbers():
    pages = build_pdf.toc_pages()
    assert pages[0] == ("chapters/index.html", "")
    assert ("chapters/timeline.html", "Context") in pages and pages[-1][0] == "chapters/bibliography.html"
    chapters = [build_pdf.Chapter("a.html", "", "Intro", pages=3), build_pdf.Chapter("b.html", "Part", "One", pages=5)]
    front = build_pdf.front_matter_html({"title": "T", "author": "A", "commit": ""}, chapters, first_page=3)
    assert re.search(r"Intro</td><td class=\"num\">3<", front) and re.search(r"One</td><td class=\"num\">6<", front)
    numbers = build_pdf.numbers_html(4, skip=1)
    assert numbers.count('class="p"') == 4 and "<span></span>" in numbers and "<span>4</span>" in numbers
