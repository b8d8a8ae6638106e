// Dossier: sortable index tables, without any external library or network request.
(function () {
  function cellValue(row, column) {
    const text = row.cells[column] ? row.cells[column].textContent.trim() : "";
    const number = Number(text.replace(/[^0-9.\-]/g, ""));
    return text !== "" && /^[\d.\-]+$/.test(text) && !isNaN(number) ? number : text.toLowerCase();
  }
  function makeSortable(table) {
    if (!table || table.dataset.dossierSortable) return;
    table.dataset.dossierSortable = "1";
    const headers = table.tHead ? table.tHead.rows[0].cells : [];
    Array.from(headers).forEach(function (th, column) {
      th.setAttribute("aria-sort", "none");
      th.tabIndex = 0;
      // A heading with its own tooltip (a matrix column names its claim) keeps it; two would overlap.
      if (!th.title && !th.querySelector("[title]")) th.title = "Sort by this column";
      function sort() {
        const ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.from(headers).forEach(function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        const body = table.tBodies[0];
        const rows = Array.from(body.rows);
        rows.sort(function (a, b) {
          const x = cellValue(a, column), y = cellValue(b, column);
          return (x < y ? -1 : x > y ? 1 : 0) * (ascending ? 1 : -1);
        });
        rows.forEach(function (row) { body.appendChild(row); });
      }
      th.addEventListener("click", sort);
      th.addEventListener("keydown", function (event) {
        if (event.key === "Enter" || event.key === " ") { event.preventDefault(); sort(); }
      });
    });
  }
  function init() {
    document.querySelectorAll(".dossier-sortable").forEach(function (marker) {
      let next = marker.nextElementSibling;
      if (next) makeSortable(next.tagName === "TABLE" ? next : next.querySelector("table"));
    });
  }
  if (typeof document$ !== "undefined") { document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();

// Material's search overlay is a role="dialog" without a name (axe: aria-dialog-name); the header
// survives instant navigation, so naming it once is enough.
(function () {
  document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
    dialog.setAttribute("aria-label", "Search");
  });
})();
