// Renders every Vega-Lite chart and map on the page, lazily. Each element with data-vega-spec names the id of a
// <script type="application/json"> block that holds its specification, so the page needs no inline script.
// Nothing of Vega is loaded until a chart comes near the screen: then the three vendored Vega scripts (named by
// data-vega-scripts on this script's element, see ui/_vega.html) are added in order, and each chart is drawn
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
  // their CSS is the vendored vendor/vega/vega-embed.css (see ui/_vega.html).
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

  // PNG and SVG downloads of a drawn chart, made in the browser from its Vega view (view.toImageURL). The
  // buttons need JavaScript, so only this script adds them: their words come from the figure's
  // data-image-label (translated on the server), the file name from its data-chart-file. The chart's data as
  // CSV and Excel are plain links in the page (ui/_figure.html), which work without JavaScript.
  function imageButton(figure, view, type) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "ds-button";
    button.setAttribute("data-variant", "tertiary");
    button.setAttribute("data-size", "sm");
    button.dataset.chartImage = type;
    button.textContent = type.toUpperCase();
    button.addEventListener("click", function () {
      view.toImageURL(type, type === "png" ? 2 : 1).then(function (url) {
        var link = document.createElement("a");
        link.href = url;
        link.download = (figure.dataset.chartFile || "chart") + "." + type;
        document.body.appendChild(link);
        link.click();
        link.remove();
      }).catch(function (error) { if (window.console) { window.console.error(error); } });
    });
    return button;
  }

  function addImageDownloads(element, view) {
    var figure = element.closest("figure");
    var caption = figure && figure.querySelector("figcaption");
    if (!caption || !view || figure.querySelector("[data-chart-images]")) { return; }
    var line = document.createElement("p");
    line.className = "ds-paragraph chart__downloads";
    line.setAttribute("data-size", "sm");
    line.setAttribute("data-chart-images", "");
    line.appendChild(document.createTextNode((figure.dataset.imageLabel || "") + " "));
    line.appendChild(imageButton(figure, view, "png"));
    line.appendChild(document.createTextNode(" "));
    line.appendChild(imageButton(figure, view, "svg"));
    caption.parentNode.insertBefore(line, caption.nextSibling);
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
      addImageDownloads(element, result.view);
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
