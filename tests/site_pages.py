"""Opening built pages in Chromium, and JavaScript helpers that read and drive their Vega views.

Used by every built-site test module: ``visit`` (a fixture, in ``conftest.py``) opens a page
in a fresh browser context and records what it logged and requested; the helpers are
evaluated with ``visit(path).page.evaluate(HELPER, args)``.

- ``ALL_ROWS`` [chart index, keys]: every distinct row with all ``keys`` that the chart's datasets
  hold now (``view.data`` of each dataset of its compiled Vega spec): after ``SET_SIGNALS`` or
  ``SET_INPUT``, only the recomputed rows, never a stale copy of an earlier one.
- ``SET_SIGNALS`` [chart index, {parameter: value}]: set parameters and re-run the view.
- ``INPUTS`` chart index: the chart's bound inputs (kind, min, max, step, value, options).
- ``SET_INPUT`` [chart index, input index, value]: set one input as a reader would.
- ``NON_FINITE`` chart index: up to five places where the view holds NaN or Infinity.
- ``SVG`` chart index: the chart's SVG markup.
- ``chart_index(page, parameter)``: the index of the chart that has the named parameter.

Every visit also records the page's Content-Security-Policy violations (``securitypolicyviolation``
events, listened for before any page script runs): ``Visit.violations()``.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin

READY = "() => [...document.querySelectorAll('.vega-chart')].every(e => e.vegaEmbedResult)"

# JavaScript helpers evaluated in the page.
ALL_ROWS = """(args) => {
  // The rows each dataset of the compiled Vega spec holds now (``view.data``). Walking
  // ``view.getState()`` instead reaches the whole dataflow, including the tuples the last
  // update removed (the rows a filter dropped, a fold's or formula's previous ones): stale numbers.
  const [index, keys] = args;
  const {view, vgSpec} = document.querySelectorAll('.vega-chart')[index].vegaEmbedResult;
  const rows = [], seen = new Set();
  for (const {name} of vgSpec.data || []) {
    for (const r of view.data(name)) {
      if (!keys.every(k => k in r)) continue;
      const s = JSON.stringify(r);
      if (!seen.has(s)) { seen.add(s); rows.push(r); }
    }
  }
  return rows;
}"""
NON_FINITE = """(index) => {
  // Every number in every row of every dataset of the chart's view, and the SVG drawn.
  const el = document.querySelectorAll('.vega-chart')[index];
  const state = el.vegaEmbedResult.view.getState({data: vega.truthy, signals: vega.falsy, recurse: true});
  const bad = [];
  const walk = (node, path, depth) => {
    if (depth > 4 || !node || typeof node !== 'object') return;
    for (const [k, v] of Object.entries(node)) {
      if (typeof v === 'number' && !Number.isFinite(v)) bad.push(`${path}.${k} = ${v}`);
      else walk(v, path + '.' + k, depth + 1);
    }
  };
  // Datasets only: "*_marks", "*pathgroup" and "root" hold scene-graph items, not data.
  for (const [name, rows] of Object.entries(state.data))
    if (!/marks$|pathgroup$|^root$/.test(name)) walk(rows, name, 0);
  const svg = el.querySelector('svg').outerHTML;
  if (/NaN|Infinity/.test(svg)) bad.push('the SVG contains NaN or Infinity');
  return bad.slice(0, 5);
}"""
SET_SIGNALS = """async (args) => {
  const [index, values] = args;
  const view = document.querySelectorAll('.vega-chart')[index].vegaEmbedResult.view;
  for (const [k, v] of Object.entries(values)) view.signal(k, v);
  await view.runAsync();
  return true;
}"""
SET_INPUT = """async (args) => {
  const [index, inputIndex, value] = args;
  const el = document.querySelectorAll('.vega-chart')[index];
  const input = el.querySelectorAll('.vega-bindings input:not([type=radio]), .vega-bindings select, .vega-bindings .vega-bind-radio')[inputIndex];
  if (input.type === 'checkbox') {
    input.click();
  } else if (input.classList && input.classList.contains('vega-bind-radio')) {
    const options = [...input.querySelectorAll('input[type=radio]')];
    const next = options.find(o => !o.checked);
    next.click();
  } else {
    input.value = String(value);
    input.dispatchEvent(new Event('input', {bubbles: true}));
    input.dispatchEvent(new Event('change', {bubbles: true}));
  }
  await el.vegaEmbedResult.view.runAsync();
  return true;
}"""
INPUTS = """(index) => {
  const el = document.querySelectorAll('.vega-chart')[index];
  return [...el.querySelectorAll('.vega-bindings input:not([type=radio]), .vega-bindings select, .vega-bindings .vega-bind-radio')].map(i => {
    if (i.classList.contains('vega-bind-radio')) return {kind: 'radio', name: i.closest('.vega-bind').querySelector('.vega-bind-name').textContent};
    if (i.tagName === 'SELECT') return {kind: 'select', options: [...i.options].map(o => o.value), value: i.value};
    return {kind: i.type, min: +i.min, max: +i.max, step: +i.step, value: +i.value};
  });
}"""
# Installed in every document of a visit before its own scripts: records each violation of the page's policy.
RECORD_VIOLATIONS = """(() => {
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', e => window.__cspViolations.push({
    directive: e.effectiveDirective || e.violatedDirective, blocked: e.blockedURI,
    source: e.sourceFile ? `${e.sourceFile}:${e.lineNumber}` : '', sample: e.sample || ''}));
})();"""
SVG = "(index) => document.querySelectorAll('.vega-chart')[index].querySelector('svg').outerHTML"


class Visit:
    """A page opened in a fresh browser context, with what it logged and requested."""

    def __init__(self, browser, url, color_scheme: str = "light", **context_options):
        self.context = browser.new_context(color_scheme=color_scheme,
                                           **{"viewport": {"width": 1280, "height": 900}, **context_options})
        self.context.add_init_script(RECORD_VIOLATIONS)
        self.page = self.context.new_page()
        self.console, self.errors, self.requests, self.failed = [], [], [], []
        self.page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("requestfailed", lambda r: self.failed.append(f"{r.url} ({r.failure})"))
        self.page.on("response", lambda r: r.status >= 400 and self.failed.append(f"{r.url} (HTTP {r.status})"))
        # The site root is a meta-refresh redirect: wait until the page it leads to has loaded,
        # or a check could run on a page that is still being replaced.
        redirect = re.search(rb'http-equiv="Refresh" content="0; url=([^"]+)"', self.context.request.get(url).body())
        self.page.goto(url, wait_until="load")
        if redirect:
            self.page.wait_for_url(urljoin(url, redirect.group(1).decode()), wait_until="load")
        self.page.wait_for_function(READY, timeout=30_000)

    def violations(self) -> list[dict]:
        """The Content-Security-Policy violations the current document has reported so far."""
        return self.page.evaluate("() => window.__cspViolations || []")

    def charts(self) -> int:
        return self.page.locator(".vega-chart").count()

    def close(self):
        self.context.close()


def chart_index(page, parameter: str) -> int:
    """The index (among the page's ``.vega-chart`` elements) of the chart whose view has ``parameter``."""
    index = page.evaluate(
        """(name) => [...document.querySelectorAll('.vega-chart')].findIndex(
            el => { try { el.vegaEmbedResult.view.signal(name); return true; } catch (e) { return false; } })""",
        parameter)
    assert index >= 0, f"no chart on the page has a parameter named {parameter!r}"
    return index
