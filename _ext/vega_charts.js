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

  function draw(el) {
    var holder = el.querySelector("script.vega-chart-data");
    if (!holder) return;
    var data = JSON.parse(holder.textContent);
    // ast: true is what keeps Vega from compiling expressions with Function (blocked by the policy).
    var options = Object.assign({}, data.options, {ast: true, logger: bookLogger()});
    return window.vegaEmbed(el, data.spec, options).then(function (result) {
      var menu = el.querySelector("details > summary");  // vega-embed leaves its menu button unnamed
      if (menu) menu.setAttribute("aria-label", "Chart menu: save as SVG or PNG");
      el.vegaEmbedResult = result;
      el.dispatchEvent(new CustomEvent("vega-embed", {bubbles: true, detail: result}));
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
