// Renders every Vega-Lite chart and map on the page, lazily. Each element with data-vega-spec names the id of a
// <script type="application/json"> block that holds its specification, so the page needs no inline script.
// Nothing of Vega is loaded until a chart comes near the screen: then the three vendored Vega scripts (named by
// data-vega-scripts on this script's element, see web/_vega.html) are added in order, and each chart is drawn
// when it scrolls within RENDER_MARGIN of the screen. A map's boundaries are a static file the spec names
// (places/boundaries.py), fetched by Vega (connect-src 'self'). The table beside each chart holds its numbers,
// so a page without JavaScript, or before a chart is drawn, loses nothing.
(function () {
  "use strict";
  var me = document.currentScript;
  // Norwegian number formatting (1 234 567,8) on Norwegian pages; Vega's default elsewhere.
  var NORWEGIAN = { decimal: ",", thousands: "\u00a0", grouping: [3], currency: ["", "\u00a0kr"] };
  var language = document.documentElement.lang;
  // Content-Security-Policy without 'unsafe-eval' or inline styles: Vega evaluates its expressions with the
  // interpreter bundled in vega-embed (ast), and neither vega-embed nor its tooltips inject a <style> element;
  // their CSS is the vendored vendor/vega/vega-embed.css (see web/_vega.html).
  var options = {
    actions: false, renderer: "svg", ast: true, defaultStyle: false,
    tooltip: { disableDefaultStyle: true }
  };
  if (language === "nb" || language === "nn") { options.formatLocale = NORWEGIAN; }

  // How far below the screen a chart starts to be drawn, so it is ready when the reader gets there.
  var RENDER_MARGIN = "200px 0px";
  // Room for the axis labels beside the first column of small multiples, and the gap between columns (pixels).
  var FACET_LABELS = 230;
  var FACET_GAP = 30;

  // Charts size to their container: single views have width "container". Small multiples (a facet with
  // "columns") cannot, so they get as many columns as fit in the container, and narrower panels when one
  // column is still too wide.
  function fitFacets(spec, element) {
    var panel = spec.spec;
    if (!spec.facet || !spec.columns || !panel || typeof panel.width !== "number") { return spec; }
    var available = element.clientWidth - FACET_LABELS;
    var columns = Math.max(1, Math.min(spec.columns, Math.floor((available + FACET_GAP) / (panel.width + FACET_GAP))));
    if (columns === 1) { panel.width = Math.max(100, Math.min(panel.width, available)); }
    spec.columns = columns;
    return spec;
  }

  // The Vega scripts, loaded once and in order (vega-lite needs vega, vega-embed both).
  var loading = null;
  function loadVega() {
    if (loading) { return loading; }
    var sources = ((me && me.dataset.vegaScripts) || "").split(" ").filter(Boolean);
    loading = sources.reduce(function (previous, source) {
      return previous.then(function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = source;
          script.onload = resolve;
          script.onerror = function () { reject(new Error("Could not load " + source)); };
          document.head.appendChild(script);
        });
      });
    }, Promise.resolve());
    return loading;
  }

  function failed(element, error) {
    element.dataset.rendered = "error";
    element.removeAttribute("aria-busy");
    element.textContent = element.getAttribute("aria-label");
    if (window.console) { window.console.error(error); }
  }

  function render(element) {
    var source = document.getElementById(element.dataset.vegaSpec);
    if (!source || element.dataset.rendered) { return; }
    element.dataset.rendered = "pending";
    element.setAttribute("aria-busy", "true");
    loadVega().then(function () {
      var spec = fitFacets(JSON.parse(source.textContent), element);
      return vegaEmbed(element, spec, options);
    }).then(function (result) {
      var svg = element.querySelector("svg");
      if (svg) {
        // The figure carries the text alternative; the drawing itself is presentation.
        svg.setAttribute("aria-hidden", "true");
        svg.setAttribute("focusable", "false");
      }
      element.removeAttribute("aria-busy");
      element.dataset.rendered = "true";
      return result;
    }).catch(function (error) { failed(element, error); });
  }

  var charts = document.querySelectorAll("[data-vega-spec]");
  if (!("IntersectionObserver" in window)) {
    charts.forEach(render);
    return;
  }
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting) {
        observer.unobserve(entry.target);
        render(entry.target);
      }
    });
  }, { rootMargin: RENDER_MARGIN });
  charts.forEach(function (element) { observer.observe(element); });
})();
