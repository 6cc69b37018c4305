// Renders every Vega-Lite chart and map on the page. Each element with data-vega-spec names the id of a
// <script type="application/json"> block that holds its specification, so the page needs no inline script.
(function () {
  "use strict";
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

  function render(element) {
    var source = document.getElementById(element.dataset.vegaSpec);
    if (!source || typeof vegaEmbed !== "function") { return; }
    var spec = fitFacets(JSON.parse(source.textContent), element);
    vegaEmbed(element, spec, options).then(function (result) {
      var svg = element.querySelector("svg");
      if (svg) {
        // The figure carries the text alternative; the drawing itself is presentation.
        svg.setAttribute("aria-hidden", "true");
        svg.setAttribute("focusable", "false");
      }
      element.dataset.rendered = "true";
      return result;
    }).catch(function (error) {
      element.dataset.rendered = "error";
      element.textContent = element.getAttribute("aria-label");
      if (window.console) { window.console.error(error); }
    });
  }
  document.querySelectorAll("[data-vega-spec]").forEach(render);
})();
