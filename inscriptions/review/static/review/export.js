// The export's page follows the preparation: every two seconds it asks how far the file is,
// updates the progress bar and its text (read out politely), and shows the page again once the
// file is ready or the preparation failed. Without JavaScript, the « Actualiser » link does it.
(function () {
  "use strict";
  var box = document.getElementById("export");
  if (!box || (box.dataset.status !== "queued" && box.dataset.status !== "running")) {
    return;
  }
  var bar = document.getElementById("export-progress");
  var text = document.getElementById("export-progress-text");
  function ask() {
    fetch(box.dataset.progressUrl, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.status === "done" || state.status === "failed") {
          window.location.reload();
          return;
        }
        bar.value = state.percent;
        bar.textContent = state.percent + " %";
        if (state.rows_total) {
          text.textContent = box.dataset.rowsText
            .replace("{done}", state.rows_done)
            .replace("{total}", state.rows_total);
        }
        window.setTimeout(ask, 2000);
      })
      .catch(function () { window.setTimeout(ask, 5000); });
  }
  window.setTimeout(ask, 2000);
})();
