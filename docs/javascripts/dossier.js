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

// Tooltips for titled elements, written as text. Material's own (the content.tooltips feature)
// inserts a title as HTML, and our titles carry contributor text: that would be a stored script
// injection, so the feature stays off and the plugin refuses it. These show on hover and on
// keyboard focus, which the browser's native title tooltip does not.
(function () {
  let tip = null;
  let host = null;
  function hide() {
    if (tip) tip.remove();
    if (host) {
      host.removeAttribute("aria-describedby");
      if (host.dataset.dossierTitle !== undefined) {
        host.setAttribute("title", host.dataset.dossierTitle);
        delete host.dataset.dossierTitle;
      }
    }
    tip = host = null;
  }
  function place(element) {
    const box = element.getBoundingClientRect();
    const width = tip.offsetWidth, height = tip.offsetHeight, gap = 6, margin = 8;
    const left = Math.max(margin, Math.min(box.left + box.width / 2 - width / 2,
                                           document.documentElement.clientWidth - width - margin));
    let top = box.bottom + gap;
    if (top + height > window.innerHeight - margin && box.top - height - gap > margin) top = box.top - height - gap;
    tip.style.left = (left + window.scrollX) + "px";
    tip.style.top = (top + window.scrollY) + "px";
  }
  function show(element) {
    if (element === host) return;
    hide();
    const text = element.getAttribute("title");
    if (!text) return;
    host = element;
    // The title steps aside while ours shows, or the browser would show a second tooltip.
    element.dataset.dossierTitle = text;
    element.removeAttribute("title");
    tip = document.createElement("div");
    tip.id = "dossier-tooltip";
    tip.className = "dossier-tooltip";
    tip.setAttribute("role", "tooltip");
    tip.textContent = text;
    document.body.appendChild(tip);
    element.setAttribute("aria-describedby", tip.id);
    place(element);
  }
  function titled(event) {
    const element = event.target instanceof Element ? event.target.closest("[title]") : null;
    // Pagefind's search interface titles its own controls; its results are not ours to describe.
    return element && !element.closest(".dossier-search") ? element : null;
  }
  document.addEventListener("focusin", function (event) { const element = titled(event); if (element) show(element); });
  document.addEventListener("focusout", hide);
  document.addEventListener("mouseover", function (event) { const element = titled(event); if (element) show(element); });
  document.addEventListener("mouseout", function (event) {
    if (host && !(event.relatedTarget instanceof Node && host.contains(event.relatedTarget))) hide();
  });
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") hide(); });
  if (typeof document$ !== "undefined") document$.subscribe(hide);  // instant navigation replaced the page
})();

// The timeline filter: narrows the statements of a timeline page to a claim, an actor, a country
// and a stance. The page lists every statement without it (no script: unfiltered); the form comes
// hidden and only this script shows it. State lives in the address (?claim=…&stance=…), so a
// filtered view can be linked to, as claim and actor pages do. No request, no library.
(function () {
  const FIELDS = ["claim", "actor", "country", "stance"];
  function has(list, value) { return (" " + (list || "") + " ").indexOf(" " + value + " ") !== -1; }
  function matches(entry, wanted) {
    const positions = entry.dataset.positions || "";
    if (wanted.claim && wanted.stance) {
      if (!has(positions, wanted.stance + ":" + wanted.claim)) return false;
    } else if (wanted.claim) {
      if (!positions.split(" ").some(function (p) { return p.split(":")[1] === wanted.claim; })) return false;
    } else if (wanted.stance) {
      if (!positions.split(" ").some(function (p) { return p.split(":")[0] === wanted.stance; })) return false;
    }
    if (wanted.actor && !has(entry.dataset.actors, wanted.actor)) return false;
    if (wanted.country && !has(entry.dataset.countries, wanted.country)) return false;
    return true;
  }
  function apply(form, entries, lists) {
    const wanted = {};
    FIELDS.forEach(function (name) { wanted[name] = form.elements[name] ? form.elements[name].value : ""; });
    let shown = 0;
    entries.forEach(function (entry) {
      const keep = matches(entry, wanted);
      entry.classList.toggle("dossier-filtered-out", !keep);
      if (keep) shown += 1;
    });
    // A month (or year) heading stays only above statements still shown.
    lists.forEach(function (list) {
      const empty = !list.querySelector(".dossier-entry:not(.dossier-filtered-out)");
      list.classList.toggle("dossier-filtered-out", empty);
      const heading = list.previousElementSibling;
      if (heading && /^H[34]$/.test(heading.tagName)) heading.classList.toggle("dossier-filtered-out", empty);
    });
    document.querySelectorAll(".md-content h2[id^='y']").forEach(function (year) {
      let next = year.nextElementSibling, any = false;
      while (next && next.tagName !== "H2") {
        if (next.matches(".dossier-entries") && !next.classList.contains("dossier-filtered-out")) any = true;
        next = next.nextElementSibling;
      }
      year.classList.toggle("dossier-filtered-out", !any);
    });
    // The footnotes of statements filtered out go too, or the page would end in a wall of them.
    const cited = new Set();
    entries.forEach(function (entry) {
      if (entry.classList.contains("dossier-filtered-out")) return;
      entry.querySelectorAll("a.footnote-ref").forEach(function (ref) {
        // Material may have made the href absolute: the id is the fragment either way.
        cited.add(decodeURIComponent(new URL(ref.getAttribute("href"), location.href).hash.slice(1)));
      });
    });
    // A note that cites its document in short keeps the earlier note that cites it in full.
    const notes = document.querySelectorAll(".md-content .footnote li[id]");
    notes.forEach(function (note) {
      if (!cited.has(note.id)) return;
      note.querySelectorAll("a.dossier-full-note").forEach(function (full) {
        cited.add(decodeURIComponent(new URL(full.getAttribute("href"), location.href).hash.slice(1)));
      });
    });
    notes.forEach(function (note) {
      note.classList.toggle("dossier-filtered-out", shown !== entries.length && !cited.has(note.id));
    });
    const output = form.querySelector("output");
    if (output) {
      output.textContent = shown === entries.length
        ? "All " + entries.length + " statements shown."
        : shown + " of " + entries.length + " statements shown.";
    }
    const params = new URLSearchParams(location.search);
    FIELDS.forEach(function (name) { if (wanted[name]) params.set(name, wanted[name]); else params.delete(name); });
    const query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }
  function init() {
    const form = document.querySelector("form.dossier-filter");
    if (!form || form.dataset.dossierReady) return;
    form.dataset.dossierReady = "1";
    const entries = Array.from(document.querySelectorAll(".dossier-entry"));
    const lists = Array.from(document.querySelectorAll(".dossier-entries"));
    const params = new URLSearchParams(location.search);
    FIELDS.forEach(function (name) {
      const select = form.elements[name];
      const value = params.get(name);
      if (select && value && Array.from(select.options).some(function (o) { return o.value === value; })) {
        select.value = value;
      }
    });
    form.addEventListener("change", function () { apply(form, entries, lists); });
    form.addEventListener("submit", function (event) { event.preventDefault(); apply(form, entries, lists); });
    form.addEventListener("reset", function () { setTimeout(function () { apply(form, entries, lists); }, 0); });
    form.hidden = false;
    apply(form, entries, lists);
  }
  if (typeof document$ !== "undefined") { document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();

// The graph: tapping (or pressing Enter or Space on) the dot after an actor's name brings out its
// lines until another dot is chosen or it is chosen again; without script, focusing it does.
(function () {
  function pick(dot) {
    const node = dot.closest(".dossier-node");
    const svg = dot.closest("svg");
    if (!node || !svg) return;
    const picked = !node.classList.contains("dossier-picked");
    svg.querySelectorAll(".dossier-node.dossier-picked").forEach(function (other) {
      other.classList.remove("dossier-picked");
      const otherDot = other.querySelector(".dossier-node-dot");
      if (otherDot) otherDot.setAttribute("aria-pressed", "false");
    });
    node.classList.toggle("dossier-picked", picked);
    dot.setAttribute("aria-pressed", picked ? "true" : "false");
  }
  document.addEventListener("click", function (event) {
    const dot = event.target instanceof Element ? event.target.closest(".dossier-node-dot") : null;
    if (dot) pick(dot);
  });
  document.addEventListener("keydown", function (event) {
    const dot = event.target instanceof Element ? event.target.closest(".dossier-node-dot") : null;
    if (dot && (event.key === "Enter" || event.key === " ")) { event.preventDefault(); pick(dot); }
  });
})();

// Document pages: the label after a statement opens on tap (a button: a phone neither hovers nor
// always focuses it), closes on a second tap, on Escape or on a tap elsewhere.
(function () {
  function close(except) {
    document.querySelectorAll(".dossier-chip.dossier-open").forEach(function (chip) {
      if (chip === except) return;
      chip.classList.remove("dossier-open");
      const button = chip.querySelector(".dossier-chip-label");
      if (button) button.setAttribute("aria-expanded", "false");
    });
  }
  document.addEventListener("click", function (event) {
    const target = event.target instanceof Element ? event.target : null;
    const button = target ? target.closest(".dossier-chip-label") : null;
    if (!button) { if (!target || !target.closest(".dossier-chip-body")) close(null); return; }
    const chip = button.closest(".dossier-chip");
    const open = !chip.classList.contains("dossier-open");
    close(chip);
    chip.classList.toggle("dossier-open", open);
    // Closed by a second tap, it stays closed while its button keeps the focus.
    chip.classList.toggle("dossier-dismissed", !open);
    button.setAttribute("aria-expanded", open ? "true" : "false");
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    close(null);
    // Focus keeps a label open for the keyboard: Escape closes it until focus leaves it.
    const chip = document.activeElement instanceof Element ? document.activeElement.closest(".dossier-chip") : null;
    if (chip) {
      chip.classList.add("dossier-dismissed");
      const button = chip.querySelector(".dossier-chip-label");
      if (button) button.focus();
    }
  });
  document.addEventListener("focusout", function (event) {
    const chip = event.target instanceof Element ? event.target.closest(".dossier-chip") : null;
    if (chip && !(event.relatedTarget instanceof Node && chip.contains(event.relatedTarget))) {
      chip.classList.remove("dossier-dismissed");
    }
  });
})();
