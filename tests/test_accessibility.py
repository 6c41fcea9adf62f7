"""Every page of the built site, in the theme's light and dark modes, has no serious or critical
accessibility violation, as axe-core (from the npm registry, pinned in package.json) finds them.

``make test`` installs axe-core with ``npm ci``. Without it this module is skipped with a loud
reason on a developer's machine, and fails under CI (``CI`` set), where ``.ci/run`` installs npm.
"""

from __future__ import annotations

import os
import warnings

import pytest

from conftest import ROOT, html_pages

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = ("serious", "critical")


def inject_axe(page, source: str) -> None:
    """Runs axe-core's script in the page. Not as an added <script> element: the page's
    Content-Security-Policy blocks inline scripts (tests/test_security.py); the test's own evaluation is exempt."""
    page.evaluate(source + "\n;true")

RUN_AXE = """async () => {
  const results = await axe.run(document, {resultTypes: ['violations']});
  return results.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.slice(0, 3).map(n => n.target.join(' ')),
  }));
}"""


@pytest.fixture(scope="module")
def axe_source():
    if not AXE.exists():
        message = f"axe-core is not installed ({AXE} missing; run `npm ci`): the accessibility tests cannot run"
        if os.environ.get("CI"):
            pytest.fail(message)
        warnings.warn(message)
        pytest.skip("SKIPPED LOUDLY: " + message)
    return AXE.read_text()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", html_pages())
def test_page_has_no_serious_accessibility_violation(visit, axe_source, path, scheme):
    v = visit(path, color_scheme=scheme)
    # Colours are read as painted: wait for fonts and for the theme's transitions to finish.
    v.page.wait_for_function(
        "() => document.fonts.status === 'loaded' && document.getAnimations().every(a => a.playState !== 'running')",
        timeout=10_000)
    # The theme resolves its "auto" mode to the browser's colour scheme once its script has run.
    v.page.wait_for_function("(scheme) => document.documentElement.dataset.theme === scheme", arg=scheme, timeout=10_000)
    inject_axe(v.page, axe_source)
    violations = v.page.evaluate(RUN_AXE)
    blocking = [f"{x['impact']} {x['id']} ({x['help']}): {x['nodes']}" for x in violations if x["impact"] in BLOCKING]
    assert not blocking, "\n".join(blocking)


def test_axe_finds_a_planted_violation(visit, axe_source):
    """The check can fail: an image with no alt text, added to a page, is reported as critical."""
    v = visit("chapters/index.html")
    v.page.evaluate("() => { const i = document.createElement('img'); i.src = 'x.png'; document.body.append(i); }")
    inject_axe(v.page, axe_source)
    ids = {x["id"]: x["impact"] for x in v.page.evaluate(RUN_AXE)}
    assert ids.get("image-alt") == "critical"
