/* Citations (dashboard/components.py: citation): when a "Cite" panel opens, write this view's address,
   pinned to the card's published version (?v=<stamp>), where the citation says <URL>. */
(function () {
  "use strict";
  var PLACEHOLDER = "<URL>";
  function pinnedAddress(stamp) {
    var url = new URL(window.location.href);
    url.searchParams.set("v", stamp);
    url.hash = "";
    return url.toString();
  }
  document.addEventListener("toggle", function (event) {
    var panel = event.target;
    if (!panel.matches || !panel.matches("details.cite") || !panel.open) { return; }
    var address = pinnedAddress(panel.getAttribute("data-version"));
    panel.querySelectorAll("pre.cite-text").forEach(function (pre) {
      pre.textContent = pre.getAttribute("data-template").split(PLACEHOLDER).join(address);
    });
  }, true);
})();
