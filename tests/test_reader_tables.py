"""Tables for readers and code folded by default.

**What a reader-facing table may not show** (every ``<table>`` in a built page's article: its caption,
header cells and data cells):

- *snake_case labels*: a word made of lower-case letters and digits joined by underscores
  (``units_per_month``), anywhere in a cell's text. One exception, on the data appendix only: in the
  data catalogue's column tables (``table.data-columns``) a column's name in the CSV file is what a
  maintainer types, so identifiers are allowed in a body row's cells when they are set as code
  (``<code>``) and the row's description has at least two words outside code. Outside code, or
  anywhere else, code or not, a snake_case word counts.
- *raw numbers*, in a numeric cell (its whole text a number, with an optional sign and ``%``):
  three or more decimals (``330.000``); an integer part of four or more digits without thousands
  separators (``469000.0``), except a year (a whole number from 1900 to 2100); or a fraction meant as a
  percentage: a number between -1 and 1 with two or more decimals and no ``%`` in a column whose
  header speaks of a share, a margin, a rate, growth or a percentage.

**Code folded by default**: no code input is visible when a page loads (computed visibility, in
Chromium); one click (or Enter) on a "Show code cell source" button shows it. Every notebook code
cell carries one of the tags of ``tools/tag_cells.py``, so a new cell cannot slip in visible.
"""

from __future__ import annotations

import csv
import importlib.util
import json
import re
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from conftest import ROOT, SITE, html_pages

SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
NUMERIC_CELL = re.compile(r"^[-−]?\d[\d,]*(?:\.\d+)?%?$")
PERCENT_HEADER = re.compile(r"share|margin|rate\b|growth|%|percent", re.IGNORECASE)


def _load_tool(name: str):
    spec = importlib.util.spec_from_file_location(name, ROOT / "tools" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


tag_cells = _load_tool("tag_cells")


# --- the measuring rules ---------------------------------------------------------------------


def words_outside_code(cell) -> str:
    """A cell's text without what is set as code."""
    copy = BeautifulSoup(str(cell), "html.parser")
    for code in copy.find_all("code"):
        code.decompose()
    return copy.get_text(" ", strip=True)


def identifiers_allowed(cell) -> bool:
    """Whether ``cell`` may show identifiers set as code: a body cell of a data catalogue's column table
    (``table.data-columns``) whose row's description has at least two words outside code."""
    table, row = cell.find_parent("table"), cell.find_parent("tr")
    if table is None or "data-columns" not in (table.get("class") or []) or cell.find_parent("thead"):
        return False
    description = words_outside_code(row.find_all(["td", "th"], recursive=False)[-1])
    return len(re.findall(r"[A-Za-z]{2,}", description)) >= 2


def snake_case_words(cell) -> list[str]:
    """The snake_case words of a cell that count (see the module's rule)."""
    found = SNAKE.findall(words_outside_code(cell))
    if not identifiers_allowed(cell):
        found += [w for code in cell.find_all("code") for w in SNAKE.findall(code.get_text(strip=True))]
    return found


def raw_number(text: str, header: str) -> bool:
    """Whether a numeric cell's text is a raw number (see the module's rule); ``header`` is its column's header."""
    number = text.replace("−", "-").rstrip("%")
    whole, _, decimals = number.lstrip("-").partition(".")
    if len(decimals) >= 3:
        return True
    if "," not in whole and len(whole) >= 4 and not (not decimals and 1900 <= int(whole) <= 2100):
        return True
    fraction = len(decimals) >= 2 and abs(float(number.replace(",", ""))) < 1 and not text.endswith("%")
    return fraction and bool(PERCENT_HEADER.search(header))


def column_headers(table) -> dict[int, str]:
    """Each column's header text (all header rows joined), by position; a rowspan/colspan-free reading."""
    headers: dict[int, str] = {}
    for row in table.select("thead tr"):
        position = 0
        for cell in row.find_all(["th", "td"], recursive=False):
            span = int(cell.get("colspan", 1))
            for k in range(span):
                headers[position + k] = (headers.get(position + k, "") + " " + cell.get_text(" ", strip=True)).strip()
            position += span
    return headers


def table_problems(html: str) -> dict[str, list[str]]:
    """The snake_case labels and raw numbers of the reader-facing tables of one built page."""
    soup = BeautifulSoup(html, "html.parser")
    article = soup.select_one("article") or soup
    snake, raw = [], []
    for table in article.find_all("table"):
        headers = column_headers(table)
        for cell in table.find_all(["caption", "th", "td"]):
            text = cell.get_text(" ", strip=True)
            if SNAKE.search(text):
                snake += snake_case_words(cell)
            if cell.name == "caption" or not NUMERIC_CELL.match(text):
                continue
            row = cell.find_parent("tr")
            position = row.find_all(["th", "td"], recursive=False).index(cell)
            if raw_number(text, headers.get(position, "")):
                raw.append(text)
    return {"snake_case labels": snake, "raw numbers": raw}


def test_the_rules_catch_what_they_describe():
    page = """<article><table class="reader-table"><thead><tr><th></th><th>Share</th><th>Net sales (USD bn)</th></tr></thead>
    <tbody><tr><th>fiscal_year</th><td>0.615</td><td>469000.0</td></tr>
    <tr><th>2025</th><td>0.62</td><td>3.750</td></tr>
    <tr><th>FY2025</th><td>61.5%</td><td>469,822.0</td></tr></tbody></table>
    <table class="data-columns"><thead><tr><th>Column (name in the file)</th><th>What it holds</th></tr></thead>
    <tbody><tr><td><p><code>line_label</code></p></td><td><p>The line's label as printed in the filing</p></td></tr>
    <tr><td><p><code>units_sold</code></p></td><td><p>see units_sold</p></td></tr>
    <tr><td><p><code>row_id</code></p></td><td><p><code>a_b</code> only</p></td></tr>
    <tr><td><p>metric_name</p></td><td><p>The metric's name in words here</p></td></tr></tbody></table></article>"""
    found = table_problems(page)
    assert sorted(found["snake_case labels"]) == ["a_b", "fiscal_year", "metric_name", "row_id", "units_sold"]
    assert found["raw numbers"] == ["0.615", "469000.0", "0.62", "3.750"]
    assert not raw_number("2014", "Fiscal year") and raw_number("12345", "Units") and not raw_number("0.23", "Ads per USD 1")


# --- every built page ------------------------------------------------------------------------


@pytest.mark.parametrize("path", html_pages())
def test_tables_have_worded_labels_and_formatted_numbers(path):
    found = table_problems((SITE / path).read_text(encoding="utf-8"))
    assert found == {"snake_case labels": [], "raw numbers": []}, found


def test_the_data_catalogue_shows_column_names_as_code_beside_words():
    html = (SITE / "chapters" / "data-and-sources.html").read_text(encoding="utf-8")
    soup = BeautifulSoup(html, "html.parser")
    tables = soup.select("table.data-columns")
    manifests = sorted((ROOT / "data").glob("*.resource.json"))
    assert len(tables) == len(manifests)
    names = {f["name"] for m in manifests for f in json.loads(m.read_text())["schema"]["fields"]}
    shown = {code.get_text(strip=True) for t in tables for code in t.select("tbody tr > td:first-child code")}
    assert shown == names
    assert all(identifiers_allowed(td) and not snake_case_words(td) for t in tables for td in t.select("tbody td"))
    kinds = {td.get_text(strip=True) for t in tables for td in t.select("tbody tr > td:nth-of-type(2)")}
    assert "whole number" in kinds and "integer" not in kinds and "string" not in kinds


VISIBLE_INPUTS = """() => [...document.querySelectorAll('article .cell_input')]
  .filter(e => e.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})).length"""


def chapter_pages_with_code() -> list[str]:
    return [f"chapters/{nb.stem}.html" for nb in sorted((ROOT / "chapters").glob("*.ipynb"))]


@pytest.mark.parametrize("path", chapter_pages_with_code())
def test_no_code_is_visible_at_load_and_one_click_shows_it(visit, path):
    v = visit(path)
    assert v.page.evaluate(VISIBLE_INPUTS) == 0
    toggles = v.page.locator("article details.hide.above-input > summary")
    folded = toggles.count()
    if folded == 0:  # a chapter whose every code cell is setup or a check: nothing to show
        assert v.page.locator("article .cell_input").count() == 0
        return
    toggles.first.click()
    shown = f"(n) => ({VISIBLE_INPUTS})() === n"  # the theme fades a folded cell in
    v.page.wait_for_function(shown, arg=1, timeout=5_000)
    # The button is a <summary>: it takes the keyboard's focus and Enter opens it.
    if folded > 1:
        toggles.nth(1).focus()
        v.page.keyboard.press("Enter")
        v.page.wait_for_function(shown, arg=2, timeout=5_000)


# --- the notebooks ---------------------------------------------------------------------------


@pytest.mark.parametrize("notebook", sorted((ROOT / "chapters").glob("*.ipynb")), ids=lambda p: p.name)
def test_every_code_cell_says_how_the_book_shows_it(notebook):
    cells = json.loads(notebook.read_text(encoding="utf-8"))["cells"]
    untagged = [i for i, c in enumerate(cells) if c["cell_type"] == "code"
                and len(set(c.get("metadata", {}).get("tags", [])) & set(tag_cells.SOURCE_TAGS)) != 1]
    assert not untagged, f"code cells {untagged} lack one of {tag_cells.SOURCE_TAGS}: run python tools/tag_cells.py"
    assert tag_cells.untagged_cells({"cells": cells}) == []


def test_tag_cells_folds_new_cells_and_removes_setup(tmp_path):
    notebook = {"cells": [{"cell_type": "code", "metadata": {}, "source": "x = 1"},
                          {"cell_type": "code", "metadata": {"tags": ["hide-cell"]}, "source": "import pandas"},
                          {"cell_type": "code", "metadata": {"tags": ["remove-output", "nbval-ignore-output"]}, "source": "w"},
                          {"cell_type": "code", "metadata": {"tags": ["remove-cell"]}, "source": "assert True"},
                          {"cell_type": "markdown", "metadata": {}, "source": "Text"}], "metadata": {}, "nbformat": 4,
                "nbformat_minor": 5}
    path = tmp_path / "new.ipynb"
    path.write_text(json.dumps(notebook))
    assert tag_cells.main(["--check", str(path)]) == 1
    assert tag_cells.tag(path) == [0, 1, 2]
    tags = [c["metadata"].get("tags") for c in json.loads(path.read_text())["cells"]]
    assert tags == [["hide-input"], ["remove-cell"], ["hide-input", "remove-output", "nbval-ignore-output"], ["remove-cell"], None]
    assert tag_cells.main(["--check", str(path)]) == 0


def test_no_chapter_shows_a_raw_dataframe():
    """Every table a chapter shows is a reader table, or a table of text the chapter module lays out with a class
    of its own (the context tables, the claims table): pandas' own HTML, unstyled, has exactly ``class="dataframe"``."""
    shown = []
    for notebook in sorted((ROOT / "chapters").glob("*.ipynb")):
        for i, cell in enumerate(json.loads(notebook.read_text(encoding="utf-8"))["cells"]):
            for output in cell.get("outputs", []):
                html = "".join(output.get("data", {}).get("text/html", ""))
                if re.search(r'<table[^>]*class="dataframe"', html):
                    shown.append(f"{notebook.name} cell {i}")
    assert not shown, shown


# --- the table functions, against the data files and hand arithmetic ----------------------------


def csv_rows(name: str) -> list[dict]:
    with (ROOT / "data" / name).open(newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def cells_of(table) -> pd.DataFrame:
    """A reader table's cells as shown (text), parsed from its HTML."""
    soup = BeautifulSoup(table._repr_html_(), "html.parser")
    rows = soup.select("tbody tr")
    data = [[c.get_text(strip=True) for c in r.find_all("td")] for r in rows]
    columns = [c.get_text(strip=True) for c in soup.select("thead tr")[0].find_all("th")][-len(data[0]):]
    return pd.DataFrame(data, columns=columns, index=[r.find_all("th")[-1].get_text(strip=True) for r in rows])


def test_reader_table_decimals_missing_and_dates():
    from amazon_case.kit.tables import reader_table

    frame = pd.DataFrame({"Fee (USD)": [3.6789, float("nan")], "Share": [0.3034, 0.5], "Since": [pd.Timestamp("2025-01-15"), None]},
                         index=["Light", "Units"])
    table = reader_table(frame, "c", percent_columns=["Share"], column_decimals={"Fee (USD)": 2}, integer_rows=["Units"],
                         missing="not read")
    shown = cells_of(table)
    assert shown.loc["Light"].tolist() == ["3.68", "30.3%", "2025-01-15"]
    assert shown.loc["Units"].tolist() == ["not read", "50%", "not read"]  # a percentage column stays one
    with pytest.raises(KeyError, match="Nope"):
        reader_table(frame, "c", row_decimals={"Nope": 1})
    with pytest.raises(ValueError, match="whole number"):
        reader_table(frame, "c", column_decimals={"Share": -1})


def test_seller_table_at_the_defaults():
    from amazon_case import marketplace

    fees = {r["fee"]: float(r["value"]) for r in csv_rows("amazon_seller_fees.csv")}
    shown = cells_of(marketplace.seller_table(marketplace.seller_economics()))
    price = 25.0  # the seller model's default price (the marketplace chapter's text)
    referral = fees["referral_fee_rate_most_categories"] / 100 * price
    assert shown.loc["Referral fee (USD a unit)"].tolist() == [f"{referral:.2f}"] * 2 == ["3.75", "3.75"]
    assert shown.loc["FBA fulfilment fee (USD a unit)"].tolist() == ["0.00", f"{fees['fba_fulfilment_fee_large_standard_4oz']:.2f}"]
    assert shown.loc["Units sold a month"].tolist() == ["300", "330"]  # FBA's Prime uplift: 10% more units
    assert shown.loc["Margin (USD a unit)", "FBM"] == f"{price - 8 - referral - 5:.2f}"  # product 8, own fulfilment 5
    assert shown.loc["Amazon keeps (% of price)", "FBM"] == f"{referral / price:.1%}"
    assert not any(SNAKE.search(label) for label in shown.index)


def test_fees_table_lists_every_fee_of_the_file():
    from amazon_case import marketplace

    rows = csv_rows("amazon_seller_fees.csv")
    shown = cells_of(marketplace.fees_table(marketplace.load_fees()))
    assert len(shown) == len(rows)
    assert shown.iloc[:, 0].tolist() == [f"{float(r['value']):,.2f}" for r in rows]
    assert shown.iloc[:, 2].tolist() == [r["effective_date"] or "not stated" for r in rows]
    assert "FBA fulfilment fee, large standard, 4 oz" in shown.index
    assert not any(SNAKE.search(label) or "_" in label for label in shown.index)


def test_growth_table_against_the_annual_file(wide):
    from amazon_case import filings, marketplace

    annual = {(r["fiscal_year"], r["metric"]): float(r["value"]) for r in csv_rows("amazon_annual.csv")}
    growth = marketplace.marketplace_growth(wide)
    ttm_row, _ = marketplace.growth_ttm(growth, filings.load_quarterly())
    shown = cells_of(marketplace.growth_table(growth, ttm_row))
    stores, sellers = annual[("2025", "net_sales_online_stores")], annual[("2025", "net_sales_third_party_seller_services")]
    assert shown.loc["FY2025"].tolist() == [f"{stores / 1000:,.1f}", f"{sellers / 1000:,.1f}", f"{sellers / stores:.2f}"]
    assert list(shown.index)[-1].startswith("TTM")


def test_claim_fees_table_marks_the_fee_not_read():
    from amazon_case import marketplace

    fees = {r["fee"]: float(r["value"]) for r in csv_rows("amazon_seller_fees.csv")}
    loaded = marketplace.load_fees()
    shown = cells_of(marketplace.claim_fees_table(marketplace.claim_table(loaded, prices=(8, 25))))
    assert shown.iloc[0].tolist()[0] == f"{fees['fba_fulfilment_fee_large_standard_4oz_under_10']:.2f}"
    assert shown.iloc[0].tolist()[2:] == ["not read", "not read"]  # no 3 lb fee read for the under-USD-10 band
    assert shown.iloc[1].tolist()[2] == f"{fees['fba_fulfilment_fee_large_standard_3lb']:.2f}"
    assert all(v.endswith("%") for v in shown.iloc[1].tolist()[1::2])


def test_flywheel_and_scenario_tables():
    from amazon_case import two_souls

    defaults = two_souls.FLYWHEEL_INPUTS.defaults()
    shown = cells_of(two_souls.flywheel_table(two_souls.flywheel(**defaults)))
    assert list(shown.index) == ["Price", "Customers", "Selection", "Scale (units sold)", "Unit cost"]
    assert shown.loc["Price"].tolist()[:2] == ["100.0", f"{100 * (1 - defaults['price_cut']):.1f}"]  # the first cut, by hand
    scenarios = cells_of(two_souls.scenarios_table(two_souls.compare_scenarios({"No response": {"customer_elasticity": 0.0}})))
    # Customers that ignore price: the loop never turns, the price stays at the first cut, the rest at 100.
    assert scenarios.loc["No response"].tolist() == ["0.00", f"{100 * (1 - defaults['price_cut']):.1f}", "100.0", "100.0", "100.0"]


def test_ad_seller_table_at_the_defaults():
    from amazon_case import advertising, marketplace

    fees = marketplace.load_fees()
    result = advertising.ad_seller_economics(fees, advertising.ad_share_input(0.08, "a test default"))
    shown = cells_of(advertising.ad_seller_table(result))
    assert shown.loc["Advertising (USD a unit)"].tolist() == ["2.00", "2.00"]  # 8% of the USD 25 price
    assert shown.loc["Margin after ads (USD a unit)", "FBM"] == f"{25 - 8 - 3.75 - 5 - 2:.2f}"
    assert shown.loc["Units a month"].tolist() == ["300", "330"]
    assert shown.loc["Amazon keeps (% of price)", "FBM"].endswith("%")


def test_prime_member_labels_word_every_field():
    import dataclasses

    from amazon_case import first_party_retail

    fields = [f.name for f in dataclasses.fields(first_party_retail.PrimeMember)]
    assert list(first_party_retail.PRIME_MEMBER_LABELS) == fields
    assert not any(SNAKE.search(label) for label in first_party_retail.PRIME_MEMBER_LABELS.values())
