// Suggestions as people type, for every <input data-suggest> (the value, if any, is the
// endpoint; default /api/search/suggest/). The ARIA 1.2 combobox pattern: the list is a
// listbox, arrows move through it, Enter opens the chosen row, Escape closes it. Without
// this script the input is a plain search box; nothing here is needed to search.
(function () {
  "use strict";
  var DELAY_MS = 150;
  var counter = 0;

  function attach(input) {
    var endpoint = input.getAttribute("data-suggest") || "/api/search/suggest/";
    var list = document.createElement("ul");
    var id = "search-suggest-" + (++counter);
    var timer = null;
    var pending = null;
    var active = -1;
    list.id = id;
    list.className = "search-suggest";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", "Gợi ý tìm kiếm");
    list.hidden = true;
    input.insertAdjacentElement("afterend", list);
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-controls", id);
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("autocomplete", "off");

    function options() {
      return list.querySelectorAll("[role=option]");
    }

    function close() {
      list.hidden = true;
      list.textContent = "";
      active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function choose(index) {
      var items = options();
      if (!items.length) return;
      active = (index + items.length) % items.length;
      items.forEach(function (item, position) {
        item.setAttribute("aria-selected", position === active ? "true" : "false");
      });
      input.setAttribute("aria-activedescendant", items[active].id);
      items[active].scrollIntoView({ block: "nearest" });
    }

    function show(suggestions) {
      close();
      if (!suggestions.length) return;
      suggestions.forEach(function (suggestion, index) {
        // The option itself is what a pointer or Enter follows: a link inside an option
        // would be interactive content nested in another (axe: nested-interactive).
        var item = document.createElement("li");
        item.id = id + "-" + index;
        item.setAttribute("role", "option");
        item.setAttribute("aria-selected", "false");
        item.setAttribute("data-url", suggestion.url);
        if (suggestion.doc_number) {
          var number = document.createElement("span");
          number.className = "search-suggest-number";
          number.textContent = suggestion.doc_number;
          item.appendChild(number);
          item.appendChild(document.createTextNode(" "));
        }
        item.appendChild(document.createTextNode(suggestion.title));
        item.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep the focus in the input
          window.location.assign(suggestion.url);
        });
        list.appendChild(item);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    function ask() {
      var text = input.value.trim();
      if (pending) pending.abort();
      if (text.length < 2) {
        close();
        return;
      }
      pending = new AbortController();
      fetch(endpoint + "?q=" + encodeURIComponent(text), {
        signal: pending.signal,
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.ok ? response.json() : { suggestions: [] };
        })
        .then(function (data) {
          if (input.value.trim() === text) show(data.suggestions || []);
        })
        .catch(function () {});
    }

    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(ask, DELAY_MS);
    });
    input.addEventListener("keydown", function (event) {
      if (list.hidden) return;
      if (event.key === "ArrowDown") {
        event.preventDefault();
        choose(active + 1);
      } else if (event.key === "ArrowUp") {
        event.preventDefault();
        choose(active - 1);
      } else if (event.key === "Escape") {
        close();
      } else if (event.key === "Enter" && active >= 0) {
        event.preventDefault();
        window.location.assign(options()[active].getAttribute("data-url"));
      }
    });
    input.addEventListener("blur", close);
  }

  document.querySelectorAll("input[data-suggest]").forEach(attach);
})();
