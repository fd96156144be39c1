// kansrijk care plan: the print button of the family's print version. Without JavaScript the
// button stays hidden and the browser's own print menu works just the same.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("button[data-print]").forEach((button) => {
    button.hidden = false;
    button.addEventListener("click", () => window.print());
  });
});
