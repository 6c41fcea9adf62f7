"""Scenarios a reader can share: every chart's settings in the page's address (_ext/vega_charts.js).

- On every chart page, moving every control of every chart (real keyboard and mouse input) writes each
  figure's settings into the address, one part per figure, without adding history entries; the same
  address opened in a fresh page restores every one of them (read back from the Vega signals and the
  controls themselves).
- "Reset to defaults" puts a chart back to its spec's defaults and drops its part of the address;
  "Copy link" puts the current address on the clipboard, or shows it in a selected read-only field
  when the clipboard refuses; each named case (preset) sets its values and every other control's default.
- A tampered address (not a number, 1e999, NaN, markup, unknown names and figures, broken percent-
  encoding, values out of range, an option a control does not have) leaves the page working: every
  chart drawn, no error, no policy violation, the tampered control at its default, the valid parts applied.

The controls, their defaults, bounds and options, and the presets are read here from the built pages'
compiled Vega specs, independently of the script under test.
"""

from __future__ import annotations

import json
import re
from urllib.parse import unquote

import pytest

from conftest import SITE

FIGURE = re.compile(r'<figure[^>]*\bid="([^"]+)"(.*?)</figure>', re.S)
CHART_DATA = re.compile(r'<script type="application/json" class="vega-chart-data">(.*?)</script>', re.S)
KINDS = ("range", "radio", "select", "checkbox")


def page_charts(page: str) -> list[dict]:
    """The charts of a built page that have controls: figure id, controls (name, kind, default, bind), presets."""
    charts = []
    for figure, body in FIGURE.findall((SITE / page).read_text(encoding="utf-8")):
        data = CHART_DATA.search(body)
        if not data:
            continue
        spec = json.loads(data.group(1))["spec"]
        controls = [{"name": s["name"], "kind": s["bind"]["input"], "default": s["value"], "bind": s["bind"]}
                    for s in spec.get("signals", []) if s.get("bind", {}).get("input") in KINDS]
        if controls:
            charts.append({"figure": figure, "controls": controls,
                           "presets": (spec.get("usermeta") or {}).get("presets", [])})
    return charts


def scenario_pages() -> dict[str, list[dict]]:
    pages = {f"chapters/{p.name}": page_charts(f"chapters/{p.name}") for p in sorted((SITE / "chapters").glob("*.html"))}
    return {page: charts for page, charts in pages.items() if charts}


PAGES = scenario_pages() if SITE.exists() else {}
MARKETPLACE = "chapters/marketplace.html"


def fragment(url: str) -> dict[str, dict[str, str]]:
    """The address's fragment read as the documented format: {figure: {name: value}} (percent-decoded)."""
    text = url.partition("#")[2]
    parts = {}
    for part in filter(None, text.split(";")):
        figure, _, settings = part.partition(":")
        parts[unquote(figure)] = {unquote(k): unquote(v) for k, v in (p.split("=", 1) for p in settings.split("&"))}
    return parts


SIGNALS = """(figure) => {
  // The value of each bound signal of the figure's view now.
  const {view, vgSpec} = document.getElementById(figure).querySelector('.vega-chart').vegaEmbedResult;
  const out = {};
  for (const s of vgSpec.signals || []) if (s.bind) out[s.name] = view.signal(s.name);
  return out;
}"""
SHOWN = """(figure) => {
  // What each control shows: a slider's or menu's value, the checked radio button, a checkbox's state.
  const out = {};
  for (const e of document.querySelectorAll(`#${figure} .vega-bindings [name]`)) {
    if (e.type === 'radio') { if (e.checked) out[e.name] = e.value; }
    else if (e.type === 'checkbox') out[e.name] = e.checked;
    else out[e.name] = e.value;
  }
  return out;
}"""


def signals(v, figure: str) -> dict:
    return v.page.evaluate(SIGNALS, figure)


def same_value(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) <= 1e-9 * max(1, abs(a))
    return a == b


def new_value(control: dict):
    """A value other than the default that a reader reaches with the keyboard or mouse, and how to reach it."""
    bind, default = control["bind"], control["default"]
    if control["kind"] == "range":
        return (bind["min"], "Home") if same_value(default, bind["max"]) else (bind["max"], "End")
    if control["kind"] == "checkbox":
        return (not default, None)
    return (next(o for o in bind["options"] if not same_value(o, default)), None)


def move(v, figure: str, control: dict, value, key) -> None:
    """Sets a control as a reader would: keys on a slider, a choice in a menu, a click on a radio button or checkbox."""
    controls = v.page.locator(f"#{figure} .vega-bindings [name='{control['name']}']")
    if control["kind"] == "radio":
        controls = v.page.locator(f"#{figure} .vega-bindings input[name='{control['name']}'][value='{value}']")
    if control["kind"] == "range":
        controls.focus()
        controls.press(key)
    elif control["kind"] == "select":
        controls.select_option(str(value))
    else:
        controls.click()


def wait_for_address(v, predicate, timeout: float = 3.0) -> dict:
    """The address's fragment once ``predicate(fragment)`` holds (the script writes it after a short delay)."""
    waited = 0.0
    while True:
        parts = fragment(v.page.url)
        if predicate(parts) or waited >= timeout:
            return parts
        v.page.wait_for_timeout(50)
        waited += 0.05


def page_is_sound(v) -> None:
    """Every chart drawn, nothing logged as an error, no policy violation."""
    assert v.page.evaluate("() => [...document.querySelectorAll('.vega-chart')].every(e => e.querySelector('svg.marks'))")
    assert not v.errors, v.errors
    assert not [m for m in v.console if m.startswith("error")], v.console
    assert not v.violations(), v.violations()


@pytest.mark.parametrize("page", sorted(PAGES))
def test_every_control_is_written_to_the_address_and_restored_from_it(visit, page):
    charts = PAGES[page]
    v = visit(page)
    history = v.page.evaluate("() => history.length")
    expected = {}
    for chart in charts:
        expected[chart["figure"]] = {}
        for control in chart["controls"]:
            value, key = new_value(control)
            move(v, chart["figure"], control, value, key)
            expected[chart["figure"]][control["name"]] = value
    for chart in charts:  # the view took each reader's move
        read = signals(v, chart["figure"])
        for name, value in expected[chart["figure"]].items():
            assert same_value(read[name], value), (chart["figure"], name, read[name], value)
    parts = wait_for_address(v, lambda p: all(len(p.get(f, {})) == len(c) for f, c in expected.items()))
    # One part per figure, every moved control in it, in the documented format.
    assert set(parts) == set(expected), parts
    for figure, values in expected.items():
        assert set(parts[figure]) == set(values)
        for name, value in values.items():
            text = parts[figure][name]
            if isinstance(value, bool):
                assert text == str(value).lower()
            elif isinstance(value, (int, float)):
                assert float(text) == pytest.approx(value)
            else:
                assert text == value
    assert v.page.evaluate("() => history.length") == history, "moving controls added history entries"
    url = v.page.url
    page_is_sound(v)

    fresh = visit(url.split("/", 3)[3])
    for chart in charts:
        read = signals(fresh, chart["figure"])
        shown = fresh.page.evaluate(SHOWN, chart["figure"])
        for name, value in expected[chart["figure"]].items():
            assert same_value(read[name], value), (chart["figure"], name, read[name], value)
            assert str(shown[name]).lower() == str(value).lower() or float(shown[name]) == pytest.approx(value), \
                (chart["figure"], name, shown[name], value)
    assert fresh.page.url == url  # restoring does not rewrite the address
    page_is_sound(fresh)


def test_two_figures_keep_their_settings_together_and_reset_clears_only_its_own(visit):
    v = visit(MARKETPLACE + "#fig-seller-paths:seller_price=30;fig-take-rate:take_rate_price_ratio=110")
    assert signals(v, "fig-seller-paths")["seller_price"] == 30
    assert signals(v, "fig-take-rate")["take_rate_price_ratio"] == 110
    # A third figure moved: all three in the address.
    move(v, "fig-fba-claim", {"name": "claim_referral_rate", "kind": "range"}, None, "End")
    parts = wait_for_address(v, lambda p: "fig-fba-claim" in p)
    assert parts == {"fig-seller-paths": {"seller_price": "30"}, "fig-fba-claim": {"claim_referral_rate": "45"},
                     "fig-take-rate": {"take_rate_price_ratio": "110"}}
    # Reset: the seller chart back to every default of its spec, its part gone, the others kept.
    defaults = {c["name"]: c["default"] for c in next(c for c in PAGES[MARKETPLACE] if c["figure"] == "fig-seller-paths")["controls"]}
    v.page.locator("#fig-seller-paths button", has_text="Reset to defaults").click()
    parts = wait_for_address(v, lambda p: "fig-seller-paths" not in p)
    assert parts == {"fig-fba-claim": {"claim_referral_rate": "45"}, "fig-take-rate": {"take_rate_price_ratio": "110"}}
    read = signals(v, "fig-seller-paths")
    assert all(same_value(read[n], d) for n, d in defaults.items()), read
    assert v.page.evaluate(SHOWN, "fig-seller-paths")["seller_price"] == "25"
    # Every figure reset: no fragment at all.
    for figure in ("fig-fba-claim", "fig-take-rate"):
        v.page.locator(f"#{figure} button", has_text="Reset to defaults").click()
    v.page.wait_for_function("() => location.hash === ''")
    assert v.page.url.endswith("/chapters/marketplace.html")
    page_is_sound(v)


def test_copy_link_puts_the_current_address_on_the_clipboard(visit):
    v = visit(MARKETPLACE, permissions=["clipboard-read", "clipboard-write"])
    move(v, "fig-seller-paths", {"name": "seller_price", "kind": "range"}, None, "End")
    v.page.locator("#fig-seller-paths button", has_text="Copy link").click()  # at once: no wait for the delayed write
    v.page.locator("#fig-seller-paths .vega-scenario [role=status]", has_text="Link copied").wait_for()
    copied = v.page.evaluate("() => navigator.clipboard.readText()")
    assert copied == v.page.url
    assert fragment(copied) == {"fig-seller-paths": {"seller_price": "100"}}
    page_is_sound(v)


def test_copy_link_shows_the_link_to_copy_by_hand_when_the_clipboard_refuses(visit):
    v = visit(MARKETPLACE)
    v.page.evaluate("() => { navigator.clipboard.writeText = () => Promise.reject(new DOMException('denied', 'NotAllowedError')); }")
    move(v, "fig-take-rate", {"name": "take_rate_price_ratio", "kind": "range"}, None, "Home")
    v.page.locator("#fig-take-rate button", has_text="Copy link").click()
    field = v.page.locator("#fig-take-rate input.vega-scenario-link")
    field.wait_for()
    assert field.input_value() == v.page.url and fragment(v.page.url) == {"fig-take-rate": {"take_rate_price_ratio": "50"}}
    assert field.get_attribute("readonly") is not None and field.get_attribute("aria-label")
    assert v.page.evaluate("() => { const f = document.activeElement; return f.classList.contains('vega-scenario-link') "
                           "&& f.selectionStart === 0 && f.selectionEnd === f.value.length; }")
    page_is_sound(v)


PRESET_CHARTS = [(page, chart["figure"]) for page, charts in sorted(PAGES.items()) for chart in charts if chart["presets"]]


def test_the_chapters_offer_presets_on_at_least_two_charts():
    assert len(PRESET_CHARTS) >= 2, PRESET_CHARTS
    assert ("chapters/marketplace.html", "fig-seller-paths") in PRESET_CHARTS


@pytest.mark.parametrize("page, figure", PRESET_CHARTS)
def test_each_preset_sets_its_values_and_every_other_default(visit, page, figure):
    chart = next(c for c in PAGES[page] if c["figure"] == figure)
    defaults = {c["name"]: c["default"] for c in chart["controls"]}
    v = visit(page)
    for preset in chart["presets"]:
        # A control moved first (one the preset leaves alone, if any): the preset sets it back.
        other = next((c for c in chart["controls"] if c["name"] not in preset["values"]), chart["controls"][0])
        value, key = new_value(other)
        move(v, figure, other, value, key)
        v.page.locator(f"#{figure} .vega-scenario button", has_text=preset["name"]).click()
        expected = {**defaults, **preset["values"]}
        v.page.wait_for_function("([f, n, x]) => document.getElementById(f).querySelector('.vega-chart')"
                                 ".vegaEmbedResult.view.signal(n) === x", arg=[figure, other["name"], expected[other["name"]]])
        read = signals(v, figure)
        assert all(same_value(read[n], x) for n, x in expected.items()), (preset["name"], read, expected)
        parts = wait_for_address(v, lambda p: set(p.get(figure, {})) == set(preset["values"]))
        assert {n: float(x) if x[0].isdigit() or x[0] == "-" else x for n, x in parts[figure].items()} == \
            pytest.approx(preset["values"]), (preset["name"], parts)
    page_is_sound(v)


# Each tampered setting of the seller chart, beside a valid one of the same figure and one of another figure.
TAMPERED = {
    "not a number": "seller_price=cheap",
    "overflow": "seller_price=1e999",
    "negative overflow": "seller_price=-1e999",
    "NaN": "seller_price=NaN",
    "Infinity": "seller_price=Infinity",
    "markup": "seller_price=%3Cimg%20src%3Dx%20onerror%3D%22window.__tampered%3D1%22%3E",
    "raw markup": "seller_price=<img src=x onerror=window.__tampered=1>",
    "hex number": "seller_price=0x1A",
    "empty": "seller_price=",
    "above the maximum": "seller_price=100.5",
    "below the minimum": "seller_price=4.5",
    "broken percent-encoding": "seller_price=%E0%A4%A",
    "broken name": "seller_pr%ice=30",
    "unknown name": "seller_colour=30",
    "another figure's name": "take_rate_price_ratio=110",
    "radio option it does not have": "seller_storage_rate=9.99",
    "radio option as its label": "seller_storage_rate=Oct%E2%80%93Dec",
    "prototype": "__proto__=1&constructor=2",
}


@pytest.mark.parametrize("case", list(TAMPERED))
def test_a_tampered_address_is_ignored_and_the_rest_applied(visit, case):
    address = (f"{MARKETPLACE}#fig-seller-paths:{TAMPERED[case]}&seller_unit_cost=10;"
               "fig-unknown:seller_price=30;%E0%A4%A:x=1;fig-take-rate:take_rate_first_party_gmv_ratio=90")
    v = visit(address)
    defaults = {c["name"]: c["default"] for c in next(c for c in PAGES[MARKETPLACE] if c["figure"] == "fig-seller-paths")["controls"]}
    read = signals(v, "fig-seller-paths")
    assert read == {**defaults, "seller_unit_cost": 10}, read
    assert v.page.evaluate(SHOWN, "fig-seller-paths")["seller_price"] == "25"
    assert signals(v, "fig-take-rate") == {"take_rate_price_ratio": 100, "take_rate_first_party_gmv_ratio": 90}
    assert v.page.evaluate("() => window.__tampered") is None
    assert v.page.locator("img[src=x]").count() == 0
    page_is_sound(v)
    # The page still works: a move writes a clean address, dropping what was ignored.
    move(v, "fig-seller-paths", {"name": "seller_months_of_stock", "kind": "range"}, None, "End")
    parts = wait_for_address(v, lambda p: "seller_months_of_stock" in p.get("fig-seller-paths", {}))
    assert parts == {"fig-seller-paths": {"seller_unit_cost": "10", "seller_months_of_stock": "6"},
                     "fig-take-rate": {"take_rate_first_party_gmv_ratio": "90"}}


@pytest.mark.parametrize("address, figure, name, default", [
    ("chapters/first-party-retail.html#fig-retail-margins:margins_show_aws=yes", "fig-retail-margins", "margins_show_aws", True),
    ("chapters/first-party-retail.html#fig-retail-margins:margins_show_aws=1", "fig-retail-margins", "margins_show_aws", True),
    ("chapters/first-party-retail.html#fig-cash-conversion-cycle:ccc_year=2031", "fig-cash-conversion-cycle", "ccc_year", 2025),
    ("chapters/cloud.html#fig-cloud-shares:cloud_share_estimate=%22%3E%3Cscript%3E", "fig-cloud-shares",
     "cloud_share_estimate", "synergy-q3-2025"),
    ("chapters/where-the-cash-goes.html#fig-cash-picture:cashflow_deduct_sbc=TRUE", "fig-cash-picture",
     "cashflow_deduct_sbc", False),
])
def test_checkboxes_and_menus_take_only_their_own_values(visit, address, figure, name, default):
    v = visit(address)
    assert signals(v, figure)[name] == default
    page_is_sound(v)


def test_a_plain_anchor_and_a_valid_checkbox_and_menu_setting(visit):
    v = visit("chapters/first-party-retail.html#fig-retail-margins:margins_show_aws=false;"
              "fig-cash-conversion-cycle:ccc_year=2019&ccc_basis=year_end")
    assert signals(v, "fig-retail-margins")["margins_show_aws"] is False
    assert signals(v, "fig-cash-conversion-cycle")["ccc_year"] == 2019
    assert signals(v, "fig-cash-conversion-cycle")["ccc_basis"] == "year_end"
    page_is_sound(v)
    anchored = visit("chapters/first-party-retail.html#fig-retail-margins")
    assert anchored.page.url.endswith("#fig-retail-margins")
    page_is_sound(anchored)


def test_pasting_another_scenario_into_the_address_applies_it(visit):
    v = visit(MARKETPLACE)
    v.page.evaluate("() => { location.hash = 'fig-seller-paths:seller_price=40&seller_storage_rate=2.4'; }")
    v.page.wait_for_function("() => document.getElementById('fig-seller-paths').querySelector('.vega-chart')"
                             ".vegaEmbedResult.view.signal('seller_price') === 40")
    assert signals(v, "fig-seller-paths")["seller_storage_rate"] == 2.4
    assert v.page.evaluate(SHOWN, "fig-seller-paths")["seller_storage_rate"] == "2.4"
    page_is_sound(v)


def test_every_chart_with_controls_has_named_buttons(visit):
    v = visit(MARKETPLACE)
    for chart in PAGES[MARKETPLACE]:
        group = v.page.locator(f"#{chart['figure']} .vega-scenario[role=group]")
        assert group.get_attribute("aria-label")
        names = group.locator("button").all_inner_texts()
        assert names[-2:] == ["Reset to defaults", "Copy link"]
        assert names[:-2] == [p["name"] for p in chart["presets"]]
    # Charts without controls get no buttons.
    assert v.page.locator(".vega-scenario").count() == len(PAGES[MARKETPLACE])
