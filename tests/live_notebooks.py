"""End-to-end: the chapters in a real JupyterLab and Jupyter Notebook 7, offline, in headless Chromium.

(The tests live in test_live_jupyterlab.py and test_live_notebook7.py, one file per
frontend so that the two run on different pytest-xdist workers.)

A Jupyter server is started on 127.0.0.1 over a copy of the chapters. Each
chapter is opened, its outputs cleared, and every cell run top to bottom; then
the test checks that no cell wrote an error, that every chart was drawn by the
frontend's own Vega renderer (nothing is fetched from a CDN), that a chart's
bound slider moves it, and that the financials workbench recomputes the model
when one of its ipywidgets sliders moves.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from amazon_case import filings, financials
from amazon_case.kit.display import MIME_TYPE
from conftest import ROOT, code_cells, outputs_of_type

TOKEN = "live-notebook-test"
NOTEBOOKS = sorted((ROOT / "chapters").glob("*.ipynb"))
FRONTENDS = {"jupyterlab": "lab/tree/{}?reset&", "notebook7": "notebooks/{}?"}  # reset: no tabs from earlier runs


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def jupyter_server(tmp_path_factory):
    root = tmp_path_factory.mktemp("notebooks")
    home = tmp_path_factory.mktemp("jupyter-home")
    for nb in NOTEBOOKS:
        shutil.copy(nb, root / nb.name)
    port = _free_port()
    log = open(home / "server.log", "w")
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", "--allow-root", "--ip=127.0.0.1", f"--port={port}",
        f"--IdentityProvider.token={TOKEN}", f"--ServerApp.root_dir={root}",
        "--LabApp.expose_app_in_browser=True", "--JupyterNotebookApp.expose_app_in_browser=True",
        "--LabApp.news_url=", "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    env = {**os.environ, "JUPYTER_CONFIG_DIR": str(home / "config"), "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
           "JUPYTERLAB_WORKSPACES_DIR": str(home / "workspaces")}
    server = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=root, env=env)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/status?token={TOKEN}", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                server.kill()
                pytest.fail(f"the Jupyter server did not start: {(home / 'server.log').read_text()[-2000:]}")
            time.sleep(0.5)
    yield url
    server.terminate()
    try:
        server.wait(10)
    except subprocess.TimeoutExpired:
        server.kill()
    log.close()


ALL_RUN = """(n) => {
  const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputArea-prompt')].map(e => e.textContent.trim());
  return prompts.length === n && prompts.every(t => /^\\[\\d+\\]:$/.test(t));
}"""
KERNEL_IDLE = """() => { const w = window.jupyterapp.shell.currentWidget;
  const k = w && w.sessionContext && w.sessionContext.session && w.sessionContext.session.kernel;
  return k && k.status === 'idle'; }"""
# The frontend may ask which kernel to start at any moment while a notebook opens (late, on a
# loaded machine): the dialog's "Select" button takes the kernel it proposes, the notebook's python3.
ACCEPT_KERNEL_DIALOG = """() => {
  const select = document.querySelector(".jp-Dialog button.jp-mod-accept:has([aria-label='Select Kernel'])");
  if (select) select.click();
}"""


def _wait_for(page, notebook: str, what: str, condition: str, arg=None, *, timeout: int):
    """Wait until the JavaScript ``condition(arg)`` holds, accepting the kernel-selection dialog whenever it shows.

    The dialog is looked for in the same polling loop as the condition, so it is accepted
    whether it appears before, during or long after the wait begins. On timeout the test
    fails naming the notebook, what it waited for and any dialog left open.
    """
    accepting = f"(arg) => {{ ({ACCEPT_KERNEL_DIALOG})(); return ({condition})(arg); }}"
    try:
        page.wait_for_function(accepting, arg=arg, timeout=timeout)
        return
    except PlaywrightTimeoutError:
        pass
    dialogs = page.locator(".jp-Dialog .jp-Dialog-header").all_inner_texts()
    pytest.fail(f"{notebook}: timed out after {timeout // 1000} s waiting for {what}"
                + (f" (a dialog is open: {dialogs})" if dialogs else ""))


def _run_all(page, url, notebook: str):
    page.goto(url)
    _wait_for(page, notebook, "the frontend to show the notebook",
              "() => window.jupyterapp && document.querySelector('.jp-Notebook .jp-Cell')", timeout=60_000)
    # Run only once the kernel is up: on a loaded machine a run issued while it starts can be lost.
    _wait_for(page, notebook, "an idle kernel", KERNEL_IDLE, timeout=120_000)
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:clear-all-cell-outputs'); return true; }")
    _wait_for(page, notebook, "the outputs to be cleared",
              "() => !document.querySelector('.jp-OutputArea-output')", timeout=20_000)
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); return true; }")


def _chart_count(path: Path) -> int:
    return sum(len(outputs_of_type(cell, MIME_TYPE)) for cell in code_cells(path))


def run_chapter_and_check(browser, jupyter_server, frontend, path):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    page = context.new_page()
    foreign = []
    page.on("request", lambda r: r.url.startswith("http") and not r.url.startswith("http://127.0.0.1")
            and foreign.append(r.url))
    try:
        notebook = f"{path.name} in {frontend}"
        _run_all(page, f"{jupyter_server}/{FRONTENDS[frontend].format(path.name)}token={TOKEN}", notebook)
        cells = len(code_cells(path))
        _wait_for(page, notebook, f"all {cells} code cells to have run", ALL_RUN, arg=cells, timeout=300_000)
        errors = page.locator('.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')
        assert errors.count() == 0, f"error output: {errors.first.inner_text()[:500]}"
        # Every chart the notebook stores is drawn, plus one inside each workbench that draws one.
        expected = _chart_count(path)
        page.wait_for_function(
            f"() => document.querySelectorAll('.jp-RenderedVegaLite svg.marks').length >= {expected}", timeout=30_000)
        assert page.locator(".jp-RenderedVegaLite svg.marks").count() - page.locator(
            ".model-workbench .jp-RenderedVegaLite svg.marks").count() == expected, "a chart is missing or drawn twice"
        drawn = page.locator(".jp-RenderedVegaLite svg.marks")
        for i in range(drawn.count()):
            assert drawn.nth(i).locator("path, text").count() > 5, f"chart {i} is empty"
        assert not page.locator(".jp-RenderedVegaLite .error, .jp-RenderedVegaLite:has-text('Error')").count()
        if expected:  # a chapter with charts: one of its bound sliders redraws its chart in the frontend too
            chart = page.locator(".jp-RenderedVegaLite:has(.vega-bindings input[type=range])").first
            chart.evaluate("(el) => { el.dataset.before = el.querySelector('svg.marks').innerHTML; }")
            chart.locator(".vega-bindings input[type=range]").first.evaluate(
                "(el) => { el.value = el.min; el.dispatchEvent(new Event('input', {bubbles: true})); }")
            # Fails (times out) if the slider does not change the drawn chart.
            chart.evaluate("""(el) => new Promise((resolve, reject) => {
                const start = performance.now();
                const check = () => el.querySelector('svg.marks').innerHTML !== el.dataset.before ? resolve(true)
                    : performance.now() - start > 5000 ? reject(new Error('a bound slider did not move its chart'))
                    : requestAnimationFrame(check);
                check();
            })""")
        for index in range(page.locator(".model-workbench").count()):
            _check_workbench_reacts(page, index)
        if path.name == "financials.ipynb":
            _move_workbench_slider(page)
        assert not [u for u in foreign if "cdn" in u or "jsdelivr" in u], f"CDN requests: {foreign}"
    finally:
        page.screenshot(path=str(ROOT / "_build" / f"live-{frontend}-{path.stem}.png"), full_page=False)
        context.close()


def _move_workbench_slider(page):
    """Set the workbench's AWS growth to 5% through its slider readout; check the sentence the model gives."""
    history = filings.segment_history(filings.annual_wide(filings.load_annual()))
    assumptions = financials.default_projection_assumptions(history, base_year=2025)
    inputs = financials.projection_model(assumptions).inputs.defaults() | {"aws_growth": 0.05}
    expected = financials.projection_summary(
        financials.project_segments(history, 2025, 5, **inputs)).at[2030, "net_sales_musd"] / 1000
    slider = page.locator(".widget-slider", has_text=financials.PROJECTION.inputs["aws_growth"].label_text)
    slider.scroll_into_view_if_needed()
    readout = slider.locator(".widget-readout")
    readout.click()
    page.keyboard.press("Control+A")
    page.keyboard.type("5")
    page.keyboard.press("Enter")
    sentence = page.locator(".widget-html", has_text="By FY2030")
    page.wait_for_function(
        "(text) => [...document.querySelectorAll('.widget-html')].some(e => e.textContent.includes(text))",
        arg=f"${expected:,.0f} billion", timeout=20_000)
    assert f"${expected:,.0f} billion" in sentence.inner_text()
    # The workbench's chart was replaced, not duplicated.
    workbench_charts = page.locator(".widget-output .jp-RenderedVegaLite")
    assert workbench_charts.count() == 1


def _check_workbench_reacts(page, index):
    """Type a slider's minimum into the first slider's readout of a workbench; its sentence must change."""
    bench = page.locator(".model-workbench").nth(index)
    bench.scroll_into_view_if_needed()
    sentence = bench.locator(".workbench-sentence")
    # textContent, not innerText: JupyterLab skips drawing cells out of view (content-visibility),
    # and innerText of a skipped element is empty although the element holds its text.
    before = sentence.text_content()
    slider = bench.locator(".widget-slider").first
    low = slider.locator(".noUi-handle, [role=slider]").first.get_attribute("aria-valuemin")
    readout = slider.locator(".widget-readout")
    original = readout.text_content().strip()
    assert original, f"workbench {index}: its first slider's readout is empty"
    changed = ("(args) => (document.querySelectorAll('.model-workbench')[args[0]]"
               ".querySelector('.workbench-sentence').textContent === args[1]) === args[2]")
    for value, same in ((str(float(low)), False), (original, True)):  # move it, then put it back
        for attempt in (1, 2):  # a click that lands while the cell is still rendering can miss the readout
            readout.click()
            page.keyboard.press("Control+A")
            page.keyboard.type(value)
            page.keyboard.press("Enter")
            try:
                page.wait_for_function(changed, arg=[index, before, same], timeout=30_000)
                break
            except PlaywrightTimeoutError:
                if attempt == 2:
                    pytest.fail(f"workbench {index}: typing {value} into its first slider did not "
                                f"{'restore' if same else 'change'} its sentence (it reads {sentence.text_content()!r})")
    charts = bench.locator(".jp-RenderedVegaLite svg.marks")
    assert charts.count() <= 1, f"workbench {index} drew {charts.count()} charts: the chart should be replaced"
