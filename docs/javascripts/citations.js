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

// Copying a statement. Its Copy button puts on the clipboard the citation the build wrote into
// data-cite (words, speaker, date, source, permalink); a copy of the site built without its
// address gives the passage's relative address in data-href, resolved here against the page the
// reader is on. A selection within one statement is copied with its quotation marks (which <q>
// draws, and a browser does not copy) and without footnote numbers or buttons. Text only: nothing
// here writes HTML.
(function () {
  function citationOf(button) {
    const relative = button.dataset.href;
    return relative ? button.dataset.cite + " " + new URL(relative, window.location.href).href : button.dataset.cite;
  }
  let status = null;  // where a screen reader hears the outcome: the button's name stays its label
  function say(button, word, heard) {
    button.textContent = word;
    if (!status || !status.isConnected) {
      status = document.createElement("div");
      status.className = "dossier-copy-status";
      status.setAttribute("role", "status");
      document.body.appendChild(status);
    }
    status.textContent = heard;
    setTimeout(function () { button.textContent = "Copy"; status.textContent = ""; }, 2000);
  }
  function copyByCommand(text) {
    // Outside a secure context (a site served over plain http) there is no clipboard API.
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    const done = document.execCommand("copy");
    area.remove();
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  function copy(button) {
    const text = citationOf(button);
    const written = navigator.clipboard && window.isSecureContext ? navigator.clipboard.writeText(text)
      : copyByCommand(text);
    written.then(function () { say(button, "Copied", "Citation copied to the clipboard"); },
                 function () { say(button, "Copy failed", "The citation could not be copied"); });
  }
  function init() {
    document.querySelectorAll("button.dossier-copy:not([data-ready])").forEach(function (button) {
      button.dataset.ready = "";
      button.addEventListener("click", function () { copy(button); });
    });
  }
  if (typeof document$ !== "undefined") document$.subscribe(init); else document.addEventListener("DOMContentLoaded", init);

  const STATEMENT = "li, blockquote, td";
  document.addEventListener("copy", function (event) {
    const selection = window.getSelection();
    if (!selection || selection.rangeCount !== 1 || !event.clipboardData) return;
    const range = selection.getRangeAt(0);
    const start = range.commonAncestorContainer;
    const within = (start instanceof Element ? start : start.parentElement);
    const item = within ? within.closest(STATEMENT) : null;
    // Only a selection inside one statement's item: a longer one keeps the browser's own layout.
    if (!item || !item.querySelector("q.dossier-quote-text, .dossier-says-text")) return;
    const copied = range.cloneContents();
    copied.querySelectorAll("sup, button, .footnote").forEach(function (element) { element.remove(); });
    copied.querySelectorAll("q").forEach(function (quote) {
      quote.prepend(document.createTextNode("“"));
      quote.append(document.createTextNode("”"));
    });
    const ancestorQuote = within.closest("q");
    let text = copied.textContent.replace(/\s+/g, " ").trim();
    if (ancestorQuote) text = "“" + text + "”";  // the selection lies inside one quotation
    event.clipboardData.setData("text/plain", text);
    event.preventDefault();
  });
})();
