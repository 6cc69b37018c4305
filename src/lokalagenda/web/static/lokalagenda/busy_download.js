// A download link that takes a while (the report PDF, about 4 s) says that the file is being made. The link
// works without JavaScript; with it, a click fetches the file, the link's status region (aria-live) says
// data-busy-text while it is made and data-done-text once the browser saves it, or data-failed-text.
(function () {
  "use strict";

  function filename(response, fallback) {
    var header = response.headers.get("Content-Disposition") || "";
    var match = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(header);
    return match ? decodeURIComponent(match[1]) : fallback;
  }

  function save(blob, name) {
    var url = URL.createObjectURL(blob);
    var anchor = document.createElement("a");
    anchor.href = url;
    anchor.download = name;
    anchor.hidden = true;
    document.body.appendChild(anchor);
    anchor.click();
    anchor.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
  }

  function enhance(link) {
    var status = document.getElementById(link.dataset.busyStatus);
    if (!status || !window.fetch || !window.URL || !URL.createObjectURL) { return; }
    link.addEventListener("click", function (event) {
      event.preventDefault();
      if (link.getAttribute("aria-busy") === "true") { return; }
      link.setAttribute("aria-busy", "true");
      link.classList.add("is-busy");
      status.textContent = link.dataset.busyText;
      fetch(link.href, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) { throw new Error("HTTP " + response.status); }
        return response.blob().then(function (blob) {
          save(blob, filename(response, link.getAttribute("download") || "report.pdf"));
          status.textContent = link.dataset.doneText;
        });
      }).catch(function (error) {
        status.textContent = link.dataset.failedText;
        if (window.console) { window.console.error(error); }
      }).then(function () {
        link.removeAttribute("aria-busy");
        link.classList.remove("is-busy");
      });
    });
  }

  document.querySelectorAll("a[data-busy-status]").forEach(enhance);
})();
