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

  function render(element) {
    var source = document.getElementById(element.dataset.vegaSpec);
    if (!source || typeof vegaEmbed !== "function") { return; }
    var spec = JSON.parse(source.textContent);
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
