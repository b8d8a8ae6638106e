// Dossier: citing what you read. A printed sheet says when it was printed; the copy buttons of
// statements put a ready-made citation on the clipboard. Text only: nothing here writes HTML.
(function () {
  function stampPrintDate() {
    const today = new Date().toISOString().slice(0, 10);
    document.querySelectorAll(".dossier-print-date").forEach(function (span) {
      span.textContent = "on " + today;
    });
  }
  window.addEventListener("beforeprint", stampPrintDate);
  if (window.matchMedia) {
    const print = window.matchMedia("print");
    if (print.addEventListener) print.addEventListener("change", function (event) { if (event.matches) stampPrintDate(); });
  }
})();
