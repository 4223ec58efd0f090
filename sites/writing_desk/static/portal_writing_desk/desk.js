// "Kiểm tra trước khi gửi duyệt": posts the page editor's form to the desk's check
// endpoint (debounced) and shows the report the server renders. No inline script (CSP).
(function () {
  "use strict";
  var script = document.currentScript;
  var form = document.getElementById("page-edit-form");
  if (!script || !form) {
    return;
  }
  var path = window.location.pathname;
  var edit = path.match(/^(.*\/)pages\/(\d+)\/edit\/$/);
  var add = path.match(/^(.*\/)pages\/add\/(\w+)\/(\w+)\/(\d+)\/$/);
  var url;
  if (edit) {
    url = edit[1] + "ban-viet/kiem-tra/" + edit[2] + "/";
  } else if (add) {
    url = add[1] + "ban-viet/kiem-tra/moi/" + add[2] + "/" + add[3] + "/" + add[4] + "/";
  } else {
    return;
  }

  var panel = document.createElement("section");
  panel.className = "desk-panel";
  panel.setAttribute("aria-labelledby", "desk-heading");
  var heading = document.createElement("h2");
  heading.id = "desk-heading";
  heading.className = "desk-panel__heading";
  heading.textContent = script.dataset.deskHeading;
  var body = document.createElement("div");
  body.className = "desk-panel__body";
  body.setAttribute("aria-live", "polite");
  body.textContent = script.dataset.deskWaiting;
  panel.appendChild(heading);
  panel.appendChild(body);

  var firstTab = form.querySelector(".tab-content > section");
  (firstTab || form).insertBefore(panel, (firstTab || form).firstChild);

  var timer = null;
  var running = null;

  function check() {
    if (running) {
      running.abort();
    }
    running = new AbortController();
    panel.setAttribute("aria-busy", "true");
    fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest" },
      signal: running.signal,
    })
      .then(function (response) {
        if (response.status === 404) {
          panel.remove(); // a page type the desk does not check
          return null;
        }
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.text();
      })
      .then(function (html) {
        if (html !== null) {
          body.innerHTML = html;
        }
        panel.removeAttribute("aria-busy");
      })
      .catch(function (error) {
        if (error.name !== "AbortError") {
          body.textContent = script.dataset.deskFailed;
          panel.removeAttribute("aria-busy");
        }
      });
  }

  function later() {
    window.clearTimeout(timer);
    timer = window.setTimeout(check, 1200);
  }

  ["input", "change", "w-unsaved:add"].forEach(function (name) {
    form.addEventListener(name, function (event) {
      if (!panel.contains(event.target)) {
        later();
      }
    });
  });
  // Wagtail builds the StreamField's inputs in the browser: ask once the page has loaded.
  if (document.readyState === "complete") {
    later();
  } else {
    window.addEventListener("load", later);
  }
})();
