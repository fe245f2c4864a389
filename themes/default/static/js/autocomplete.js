/* Search suggestions while typing: the ARIA 1.2 combobox pattern with a listbox popup.
   Progressive enhancement: without this file the search box is an ordinary GET form.
   Keyboard: Down/Up move through the suggestions, Enter opens the one chosen (or searches what
   was typed), Escape closes the list. A polite live region says how many suggestions there are.
   No inline styles or handlers (the Content-Security-Policy forbids them). */
(function () {
  "use strict";
  if (!document.querySelector || !window.fetch || !window.addEventListener) { return; }

  var DELAY = 200;
  var MIN_CHARS = 2;

  function enhance(input) {
    var form = input.form;
    var url = input.getAttribute("data-suggest-url");
    var statusText = input.getAttribute("data-suggest-status") || "";
    var noneText = input.getAttribute("data-suggest-none") || "";
    var listId = input.id + "-suggestions";
    var list = document.createElement("ul");
    var status = document.createElement("div");
    var wrapper = document.createElement("div");
    var items = [];
    var active = -1;
    var timer = null;
    var lastQuery = "";
    var request = 0;

    wrapper.className = "autocomplete";
    input.parentNode.insertBefore(wrapper, input);
    wrapper.appendChild(input);
    list.id = listId;
    list.className = "autocomplete__list";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", input.getAttribute("data-suggest-label") || "");
    list.hidden = true;
    wrapper.appendChild(list);
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    wrapper.appendChild(status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function highlight(index) {
      items.forEach(function (item, i) {
        var on = i === index;
        item.element.setAttribute("aria-selected", on ? "true" : "false");
        item.element.classList.toggle("autocomplete__option--active", on);
      });
      active = index;
      if (index >= 0) {
        input.setAttribute("aria-activedescendant", items[index].element.id);
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var item = items[index];
      if (!item) { return; }
      input.value = item.title;
      close();
      window.location.assign(item.url);
    }

    function show(suggestions) {
      list.textContent = "";
      items = suggestions.map(function (suggestion, i) {
        var option = document.createElement("li");
        option.id = listId + "-" + i;
        option.className = "autocomplete__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = suggestion.title;
        option.addEventListener("mousedown", function (event) { event.preventDefault(); });
        option.addEventListener("click", function () { choose(i); });
        list.appendChild(option);
        return { element: option, title: suggestion.title, url: suggestion.url };
      });
      active = -1;
      if (items.length) {
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        status.textContent = statusText.replace("%s", String(items.length));
      } else {
        close();
        status.textContent = noneText;
      }
    }

    function fetchSuggestions() {
      var query = input.value.trim();
      if (query === lastQuery) { return; }
      lastQuery = query;
      if (query.length < MIN_CHARS) {
        items = [];
        list.textContent = "";
        close();
        status.textContent = "";
        return;
      }
      var mine = ++request;
      window.fetch(url + "?q=" + encodeURIComponent(query), { headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
        .then(function (data) { if (mine === request) { show(data.suggestions || []); } })
        .catch(function () { /* the form still searches on Enter */ });
    }

    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(fetchSuggestions, DELAY);
    });

    input.addEventListener("keydown", function (event) {
      var open = !list.hidden && items.length > 0;
      if (event.key === "ArrowDown" || event.key === "Down") {
        if (!items.length) { return; }
        event.preventDefault();
        if (list.hidden) { list.hidden = false; input.setAttribute("aria-expanded", "true"); }
        highlight(active + 1 >= items.length ? 0 : active + 1);
      } else if (event.key === "ArrowUp" || event.key === "Up") {
        if (!open) { return; }
        event.preventDefault();
        highlight(active <= 0 ? items.length - 1 : active - 1);
      } else if (event.key === "Enter") {
        if (open && active >= 0) {
          event.preventDefault();
          choose(active);
        }
      } else if (event.key === "Escape" || event.key === "Esc") {
        if (open) {
          event.preventDefault();
          close();
        }
      }
    });

    input.addEventListener("blur", function () { window.setTimeout(close, 100); });
    if (form) { form.addEventListener("submit", close); }
  }

  function init() {
    var inputs = document.querySelectorAll("input[data-suggest-url]");
    for (var i = 0; i < inputs.length; i++) { enhance(inputs[i]); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
