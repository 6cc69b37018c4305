// Renders every Vega-Lite chart and map on the page. Each element with data-vega-spec names the id of a
// <script type="application/json"> block that holds its specification, so the page needs no inline script.
(function () {
  "use strict";
  function render(element) {
    var source = document.getElementById(element.dataset.vegaSpec);
    if (!source || typeof vegaEmbed !== "function") { return; }
    var spec = JSON.parse(source.textContent);
    vegaEmbed(element, spec, { actions: false, renderer: "svg" }).then(function (result) {
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
