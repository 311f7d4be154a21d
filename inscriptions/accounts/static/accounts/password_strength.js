// Under a new password's field, what the rules say of it as it is typed: the same validators as
// on submit, asked a moment after the last key (never stored, never logged), read out politely.
(function () {
  "use strict";
  function csrfToken(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }
  document.querySelectorAll("input[data-strength-url]").forEach(function (input) {
    var form = input.form;
    var output = document.getElementById(input.dataset.strengthTarget);
    var timer = null;
    var asked = 0;
    function show(state) {
      output.textContent = "";
      var lines = state.ok ? [input.dataset.strengthOk] : state.messages;
      lines.forEach(function (line) {
        var p = document.createElement("p");
        p.className = "fr-message " + (state.ok ? "fr-message--valid" : "fr-message--info");
        p.textContent = line;
        output.appendChild(p);
      });
    }
    function ask() {
      var number = ++asked;
      var data = new FormData();
      data.append("password", input.value);
      ["email", "first_name", "last_name"].forEach(function (name) {
        var field = form.querySelector("[name=" + name + "]");
        if (field) { data.append(name, field.value); }
      });
      if (input.dataset.strengthStaff) { data.append("staff", input.dataset.strengthStaff); }
      fetch(input.dataset.strengthUrl, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(form) }
      })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (state) {
          if (state && number === asked) { show(state); }
        })
        .catch(function () {});
    }
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      if (!input.value) { output.textContent = ""; return; }
      timer = window.setTimeout(ask, 400);
    });
  });
})();
