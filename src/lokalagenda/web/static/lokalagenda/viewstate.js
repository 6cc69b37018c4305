// Keeps a page's view in its address, so a link to it opens the same view. The server renders the view from the
// GET parameters, so the page works without this script; the script only follows the reader's toggles: opening
// or closing a <details data-view-param="visning" data-view-value="tabell"> sets or removes that parameter with
// history.replaceState (no new history entry), and every [data-permalink] link ("Link to this view") takes the
// new address.
(function () {
  "use strict";
  function update(param, value) {
    var all = document.querySelectorAll("details[data-view-param='" + param + "']");
    var open = Array.prototype.some.call(all, function (details) { return details.open; });
    var url = new URL(window.location.href);
    if (open) { url.searchParams.set(param, value); } else { url.searchParams.delete(param); }
    var address = url.pathname + url.search;
    window.history.replaceState(window.history.state, "", address + url.hash);
    document.querySelectorAll("[data-permalink]").forEach(function (link) { link.setAttribute("href", address); });
  }
  document.querySelectorAll("details[data-view-param]").forEach(function (details) {
    details.addEventListener("toggle", function () {
      update(details.dataset.viewParam, details.dataset.viewValue);
    });
  });
})();
