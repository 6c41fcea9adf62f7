/* Draws the book's charts (served by _ext/vega_offline.py, after vega.min.js and vega-embed.min.js).
 *
 * Each chart is a <div class="vega-chart"> holding <script type="application/json"> with
 * {spec, options}: a Vega spec compiled from Vega-Lite at build time and its vega-embed options
 * (amazon_case/kit/display.py, chart_html). No inline script and no eval: the pages' Content-
 * Security-Policy allows neither, so Vega interprets its expressions from their AST (ast: true,
 * with the vega-interpreter that vega-embed bundles).
 *
 * Each chart element then gets .vegaEmbedResult ({view, spec, vgSpec, embedOptions, finalize})
 * and fires a bubbling "vega-embed" event with the result as detail:
 *
 *     document.querySelector('.vega-chart').vegaEmbedResult.view.signal('p')
 *
 * .vegaEmbedResult is set, and the event fired, once the settings in the page's address (below) are applied.
 *
 * Scenarios a reader can share. The settings of every chart's controls (Vega signals bound to a slider,
 * radio buttons, a menu or a checkbox) live in the fragment of the page's address, one part per figure:
 *
 *     #fig-seller-paths:seller_price=30&seller_storage_rate=2.4;fig-take-rate:take_rate_price_ratio=110
 *
 * - a part is <figure>:<settings>, parts separated by ";"; <figure> is the id of the chart's <figure>
 *   element (the figure's label in the notebook, the same on every build; the chart's download name if it
 *   has no figure); <settings> are <signal>=<value> pairs separated by "&"; every name and value is
 *   percent-encoded (encodeURIComponent), so none can hold a separator;
 * - a value is a number (sliders), one of the options as text (radio buttons, menus: "2.4", "usd"), or
 *   true / false (checkboxes). Only settings that differ from the chart's default are written; a chart at
 *   its defaults has no part, and a page whose charts are all at their defaults has no fragment.
 * - Moving a control rewrites the address with history.replaceState (no reload, no new history entry),
 *   at most every 150 ms. Opening the address, or pasting another fragment into it, restores the listed
 *   figures: each control listed takes its value, every other control of that figure its default.
 * - The address is untrusted input. A value is taken only for a control the figure has, and only if
 *   valid for that control as compiled into the chart (the signal's bind in the Vega spec: a slider's
 *   min and max, the options of radio buttons and menus, true/false for a checkbox): a finite number
 *   written as a plain decimal within [min, max]; exactly one of the options; exactly "true" or "false".
 *   Anything else (unknown figures or names, markup, NaN, 1e999, values out of range, broken percent-
 *   encoding) is ignored: that control keeps its default, the rest of the address still applies, and
 *   nothing from the address is written into the page except as the value of a form control or text.
 *
 * Under each chart with controls the script adds buttons: one per named case of the chapter (presets,
 * declared in Python with the model's inputs, amazon_case/kit/inputs.py Preset, and carried in the Vega
 * spec's usermeta.presets as [{name, values: {signal: value}}]: each sets the defaults, then its values),
 * "Reset to defaults" (and drops the figure from the address) and "Copy link" (the page's address with
 * the current settings, to the clipboard; where the clipboard is refused, a read-only field shows the link,
 * selected, to copy by hand).
 */
(function () {
  "use strict";

  var EMPTY_LAYER = "Infinite extent for field";

  // A layer that the reader's settings leave empty (the labels of losses when nothing loses money, a
  // measure switched off, a category with no event) has no extent: Vega warns "Infinite extent for
  // field ..." and then leaves that layer out of its scale, which is right. Those warnings alone go to
  // console.debug (still visible in the browser's verbose console); every other warning and error goes
  // to the console as Vega sends it.
  function bookLogger() {
    var vegaLogger = window.vega.logger(window.vega.Warn);
    var logger = Object.create(vegaLogger);
    logger.warn = function () {
      var args = Array.prototype.slice.call(arguments);
      if (typeof args[0] === "string" && args[0].indexOf(EMPTY_LAYER) === 0) {
        if (vegaLogger.level() >= window.vega.Warn) console.debug.apply(console, ["WARN (an empty layer)"].concat(args));
      } else {
        vegaLogger.warn.apply(vegaLogger, args);
      }
      return logger;
    };
    return logger;
  }

  // -- Scenarios: the charts' settings in the page's address (see the header) ---------------------------

  var KINDS = {range: true, radio: true, select: true, checkbox: true};
  var PLAIN_NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;
  var WRITE_DELAY = 150;
  var scenarioCharts = [];  // {el, key, view, controls} of every drawn chart with controls, in page order
  var writeTimer = null;

  function decode(text) {
    try { return decodeURIComponent(text); } catch (e) { return null; }
  }

  // The fragment as {figure: {name: raw text}} (in order), keeping only parts and pairs that decode.
  function parseFragment(hash) {
    var figures = {};
    String(hash || "").replace(/^#/, "").split(";").forEach(function (part) {
      var colon = part.indexOf(":");
      if (colon < 1) return;
      var key = decode(part.slice(0, colon));
      if (key === null || !key) return;
      var pairs = Object.create(null);
      part.slice(colon + 1).split("&").forEach(function (pair) {
        var equals = pair.indexOf("=");
        if (equals < 1) return;
        var name = decode(pair.slice(0, equals)), value = decode(pair.slice(equals + 1));
        if (name !== null && value !== null) pairs[name] = value;
      });
      figures[key] = {pairs: pairs, raw: part.slice(colon + 1)};
    });
    return figures;
  }

  // The controls a chart's compiled spec binds (top-level signals with a bind of a known kind).
  function chartControls(vgSpec) {
    return ((vgSpec && vgSpec.signals) || []).filter(function (s) {
      return s && typeof s.name === "string" && s.bind && KINDS[s.bind.input];
    }).map(function (s) {
      return {name: s.name, bind: s.bind, initial: s.value};
    });
  }

  // The value a text stands for, if the control accepts it; undefined otherwise.
  function accepted(control, text) {
    var bind = control.bind;
    if (typeof text !== "string") return undefined;
    if (bind.input === "range") {
      if (!PLAIN_NUMBER.test(text)) return undefined;
      var number = Number(text), min = Number(bind.min), max = Number(bind.max);
      if (!isFinite(number) || !isFinite(min) || !isFinite(max) || number < min || number > max) return undefined;
      return number;
    }
    if (bind.input === "checkbox") return text === "true" ? true : text === "false" ? false : undefined;
    var options = Array.isArray(bind.options) ? bind.options : [];
    for (var i = 0; i < options.length; i++) if (String(options[i]) === text) return options[i];
    return undefined;
  }

  function same(a, b) {
    return a === b || (typeof a === "number" && typeof b === "number" && Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a)));
  }

  function figureKey(el, options) {
    var figure = el.closest("figure[id]");
    if (figure) return figure.id;
    return (options && typeof options.downloadFileName === "string" && options.downloadFileName) || el.id || "";
  }

  // Sets every control of a chart: the given value where it is accepted, else its default.
  function applySettings(chart, texts) {
    chart.controls.forEach(function (control) {
      var value = Object.prototype.hasOwnProperty.call(texts, control.name) ? accepted(control, texts[control.name]) : undefined;
      chart.view.signal(control.name, value === undefined ? control.initial : value);
    });
    return chart.view.runAsync();
  }

  function settingsText(chart) {
    return chart.controls.filter(function (control) {
      return !same(chart.view.signal(control.name), control.initial);
    }).map(function (control) {
      return encodeURIComponent(control.name) + "=" + encodeURIComponent(String(chart.view.signal(control.name)));
    }).join("&");
  }

  // The fragment for the charts' current settings; a listed figure whose chart is not drawn yet keeps its part.
  function currentFragment() {
    var listed = parseFragment(window.location.hash);
    var parts = [];
    document.querySelectorAll(".vega-chart").forEach(function (el) {
      var chart = el.scenarioChart;
      if (chart) {
        var text = settingsText(chart);
        if (text) parts.push(encodeURIComponent(chart.key) + ":" + text);
      } else {
        var key = figureKey(el, null);
        if (key && listed[key] && !el.vegaEmbedResult) parts.push(encodeURIComponent(key) + ":" + listed[key].raw);
      }
    });
    return parts.join(";");
  }

  function currentAddress() {
    var fragment = currentFragment();
    return window.location.href.split("#")[0] + (fragment ? "#" + fragment : "");
  }

  function writeAddress() {
    writeTimer = null;
    var address = currentAddress();
    if (address !== window.location.href) {
      try { window.history.replaceState(window.history.state, "", address); } catch (e) { /* a sandboxed page */ }
    }
  }

  function scheduleWrite() {
    if (writeTimer === null) writeTimer = window.setTimeout(writeAddress, WRITE_DELAY);
  }

  function makeButton(text, className, onClick) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = className;
    button.textContent = text;
    button.addEventListener("click", onClick);
    return button;
  }

  function presetsOf(vgSpec) {
    var meta = vgSpec && vgSpec.usermeta;
    var presets = meta && Array.isArray(meta.presets) ? meta.presets : [];
    return presets.filter(function (p) { return p && typeof p.name === "string" && p.values && typeof p.values === "object"; });
  }

  function applyPreset(chart, preset) {
    var texts = {};
    Object.keys(preset.values).forEach(function (name) { texts[name] = String(preset.values[name]); });
    return applySettings(chart, texts);
  }

  function copyLink(chart, status) {
    writeAddress();
    var address = window.location.href;
    var shown = chart.box.querySelector("input.vega-scenario-link");
    if (shown) shown.remove();
    function fallback() {
      var field = document.createElement("input");
      field.type = "text";
      field.readOnly = true;
      field.className = "vega-scenario-link";
      field.value = address;
      field.setAttribute("aria-label", "Link to the chart with these settings");
      chart.box.appendChild(field);
      field.focus();
      field.select();
      status.textContent = "Copy the link from the field.";
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(address).then(function () {
        status.textContent = "Link copied.";
      }, fallback);
    } else {
      fallback();
    }
  }

  function addButtons(chart, vgSpec) {
    var box = document.createElement("div");
    box.className = "vega-scenario";
    box.setAttribute("role", "group");
    box.setAttribute("aria-label", "This chart's settings");
    chart.box = box;
    var status = document.createElement("span");
    status.className = "vega-scenario-status";
    status.setAttribute("role", "status");
    var presets = presetsOf(vgSpec);
    if (presets.length) {
      var cases = document.createElement("span");
      cases.className = "vega-scenario-cases";
      var label = document.createElement("span");
      label.className = "vega-scenario-label";
      label.textContent = "Cases from the text:";
      cases.appendChild(label);
      presets.forEach(function (preset) {
        cases.appendChild(makeButton(preset.name, "vega-scenario-preset", function () {
          status.textContent = "";
          applyPreset(chart, preset);
        }));
      });
      box.appendChild(cases);
    }
    box.appendChild(makeButton("Reset to defaults", "vega-scenario-reset", function () {
      status.textContent = "";
      applySettings(chart, {}).then(writeAddress);
    }));
    box.appendChild(makeButton("Copy link", "vega-scenario-copy", function () { copyLink(chart, status); }));
    box.appendChild(status);
    chart.el.appendChild(box);
  }

  var startFragment = parseFragment(window.location.hash);
  var scrolled = false;

  // A drawn chart: its settings from the address applied, its buttons added, its controls listened to.
  function attachScenarios(el, result) {
    var controls = chartControls(result.vgSpec);
    if (!controls.length) return Promise.resolve();
    var chart = {el: el, key: figureKey(el, result.embedOptions), view: result.view, controls: controls};
    if (!chart.key) return Promise.resolve();
    addButtons(chart, result.vgSpec);
    var listed = startFragment[chart.key];
    var ready = listed ? applySettings(chart, listed.pairs) : Promise.resolve();
    return ready.then(function () {
      el.scenarioChart = chart;
      scenarioCharts.push(chart);
      controls.forEach(function (control) { chart.view.addSignalListener(control.name, scheduleWrite); });
      if (listed && !scrolled && settingsText(chart)) {
        scrolled = true;
        (el.closest("figure") || el).scrollIntoView({block: "start"});
      }
    });
  }

  window.addEventListener("hashchange", function () {
    var listed = parseFragment(window.location.hash);
    scenarioCharts.forEach(function (chart) {
      if (listed[chart.key]) applySettings(chart, listed[chart.key].pairs);
    });
  });

  function draw(el) {
    var holder = el.querySelector("script.vega-chart-data");
    if (!holder) return;
    var data = JSON.parse(holder.textContent);
    // ast: true is what keeps Vega from compiling expressions with Function (blocked by the policy).
    var options = Object.assign({}, data.options, {ast: true, logger: bookLogger()});
    return window.vegaEmbed(el, data.spec, options).then(function (result) {
      var menu = el.querySelector("details > summary");  // vega-embed leaves its menu button unnamed
      if (menu) menu.setAttribute("aria-label", "Chart menu: save as SVG or PNG");
      var scenarios;
      try { scenarios = attachScenarios(el, result); } catch (err) { scenarios = Promise.reject(err); }
      return scenarios.catch(function (err) {
        console.warn("This chart's settings could not be restored from the address:", err);
      }).then(function () {
        el.vegaEmbedResult = result;
        el.dispatchEvent(new CustomEvent("vega-embed", {bubbles: true, detail: result}));
      });
    }).catch(function (err) {
      el.textContent = "This chart could not be drawn: " + err.message;
      console.error(err);
    });
  }

  function drawAll() {
    document.querySelectorAll(".vega-chart").forEach(draw);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
  else drawAll();
})();
