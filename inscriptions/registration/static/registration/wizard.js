// Move the focus to the error summary when a screen comes back with errors, so a screen-reader
// or keyboard user hears them first (RGAA 11.10).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-autofocus]");
  if (summary) {
    summary.focus();
  }
});
