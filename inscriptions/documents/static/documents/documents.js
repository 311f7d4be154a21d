// Move the focus to the error summary when an upload comes back refused, so a screen-reader or
// keyboard user hears why first (RGAA 11.10).
document.addEventListener("DOMContentLoaded", function () {
  var summary = document.querySelector("[data-autofocus]");
  if (summary) {
    summary.focus();
  }
});
