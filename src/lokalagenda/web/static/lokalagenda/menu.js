// The site navigation's menu button on narrow screens: a disclosure (a <button> with aria-expanded and
// aria-controls) that shows and hides the navigation. Loaded in <head> so the "js-menu" class is set before
// the page is drawn: without it (no JavaScript) the button stays hidden and the navigation is simply shown.
(function () {
  "use strict";
  document.documentElement.classList.add("js-menu");

  function setUp() {
    var button = document.querySelector("[data-menu-button]");
    var menu = button && document.getElementById(button.getAttribute("aria-controls"));
    if (!menu) { return; }
    function toggle(open) { button.setAttribute("aria-expanded", open ? "true" : "false"); }
    button.addEventListener("click", function () {
      toggle(button.getAttribute("aria-expanded") !== "true");
    });
    // Escape closes the open menu from the button or from a link inside it, and gives the focus back to the button.
    function closeOnEscape(event) {
      if (event.key === "Escape" && button.getAttribute("aria-expanded") === "true" && button.offsetParent) {
        toggle(false);
        button.focus();
      }
    }
    button.addEventListener("keydown", closeOnEscape);
    menu.addEventListener("keydown", closeOnEscape);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
