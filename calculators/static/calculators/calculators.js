/* Calculators, progressive enhancement: without JavaScript the GET form reloads the page with the
   result; with it the result is fetched from the same URL, swapped in place, the address bar gets
   the shareable URL and a status region announces the new total (or focus moves to the errors). */
(function () {
  "use strict";
  var root = document.querySelector("[data-calculator]");
  if (!root || !window.fetch || !window.DOMParser || !window.URLSearchParams) { return; }
  var status = root.querySelector("[data-calculator-status]");

  function addPrintButton(scope) {
    var result = scope.querySelector(".calculator__answer");
    var label = root.getAttribute("data-print-label");
    if (!result || !label || !window.print) { return; }
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button--secondary calculator__print";
    button.textContent = label;
    button.addEventListener("click", function () { window.print(); });
    result.appendChild(button);
  }

  function swap(selector, fresh) {
    var old = root.querySelector(selector);
    var replacement = fresh.querySelector(selector);
    if (old && replacement) { old.innerHTML = replacement.innerHTML; }
  }

  function show(html, url) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.querySelector("[data-calculator]");
    if (!fresh) { window.location.assign(url); return; }
    var oldSummary = root.querySelector(".error-summary");
    if (oldSummary) { oldSummary.parentNode.removeChild(oldSummary); }
    var summary = fresh.querySelector(".error-summary");
    if (summary) { root.insertBefore(document.importNode(summary, true), root.firstChild); }
    swap("form.calculator__form", fresh);
    swap("#calculator-result", fresh);
    document.title = doc.title;
    if (window.history && window.history.pushState) { window.history.pushState({}, "", url); }
    summary = root.querySelector(".error-summary");
    if (summary) {
      status.textContent = "";
      summary.focus();
      return;
    }
    addPrintButton(root);
    var total = root.querySelector("#calculator-result [data-total]");
    status.textContent = "";
    window.setTimeout(function () { status.textContent = total ? total.textContent.replace(/\s+/g, " ").trim() : ""; }, 100);
  }

  root.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.classList || !form.classList.contains("calculator__form")) { return; }
    event.preventDefault();
    var url = form.getAttribute("action") + "?" + new URLSearchParams(new FormData(form)).toString();
    fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) { show(html, url); })
      .catch(function () { window.location.assign(url); });
  });

  window.addEventListener("popstate", function () { window.location.reload(); });
  addPrintButton(root);
}());
