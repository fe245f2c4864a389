/* Progressive enhancement only: every page works without this file. No inline handlers (CSP). */
(function () {
  "use strict";
  if (!document.querySelector || !window.addEventListener) { return; }

  function init() {
    var summary = document.querySelector(".error-summary");
    if (summary) {
      if (document.activeElement !== summary) { summary.focus(); }
      // A link to a field focuses it and scrolls its label or legend into view (GOV.UK pattern).
      summary.addEventListener("click", function (event) {
        var link = event.target.closest ? event.target.closest("a[href^='#']") : null;
        if (!link) { return; }
        var input = document.getElementById(link.getAttribute("href").slice(1));
        if (!input) { return; }
        event.preventDefault();
        var legend = input.closest("fieldset") ? input.closest("fieldset").querySelector("legend") : null;
        var label = legend || document.querySelector("label[for='" + input.id + "']") || input;
        label.scrollIntoView();
        input.focus({ preventScroll: true });
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
