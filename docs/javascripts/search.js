// The site's search: a box in every page's header that opens the search page, where Pagefind's
// interface shows results with their filters. Pagefind's index is chunked, so a query downloads
// only the parts it needs. Everything is loaded from the site itself: it works offline.
(function () {
  "use strict";
  var root = new URL("../", document.currentScript.src);  // this file is <root>/javascripts/
  var searchPage = new URL("search/", root);
  var bundle = new URL("pagefind/", root);

  function headerBox() {
    var header = document.querySelector(".md-header__inner") || document.querySelector("header");
    if (!header || document.getElementById("dossier-search-box")) return;
    var form = document.createElement("form");
    form.id = "dossier-search-box";
    form.className = "dossier-search-box";
    form.setAttribute("role", "search");
    form.action = searchPage.href;
    form.method = "get";
    var input = document.createElement("input");
    input.type = "search";
    input.name = "q";
    input.placeholder = "Search";
    input.setAttribute("aria-label", "Search documents, actors, countries and claims");
    input.autocomplete = "off";
    var current = new URLSearchParams(location.search).get("q");
    if (current && location.pathname.replace(/\/$/, "") === searchPage.pathname.replace(/\/$/, "")) input.value = current;
    form.appendChild(input);
    var before = header.querySelector(".md-header__source");
    header.insertBefore(form, before);
    document.addEventListener("keydown", function (event) {
      var typing = /^(INPUT|TEXTAREA|SELECT)$/.test(document.activeElement.tagName);
      if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
        event.preventDefault();
        input.focus();
      }
    });
  }

  function load(tag, attributes) {
    return new Promise(function (resolve, reject) {
      var element = document.createElement(tag);
      Object.keys(attributes).forEach(function (name) { element.setAttribute(name, attributes[name]); });
      element.onload = resolve;
      element.onerror = function () { reject(new Error("could not load " + (attributes.src || attributes.href))); };
      document.head.appendChild(element);
    });
  }

  function searchPageUi() {
    var element = document.getElementById("dossier-search");
    if (!element || element.dataset.mounted) return;
    element.dataset.mounted = "yes";
    load("link", { rel: "stylesheet", href: new URL("pagefind-ui.css", bundle).href });
    var ready = window.PagefindUI ? Promise.resolve() : load("script", { src: new URL("pagefind-ui.js", bundle).href });
    ready.then(function () {
      var ui = new window.PagefindUI({
        element: "#dossier-search",
        bundlePath: bundle.pathname,
        showSubResults: true,
        showImages: false,
        autofocus: true,
        excerptLength: 30,
        translations: { placeholder: "Search quotations, names, claims…" },
        processResult: keepNames
      });
      namedFirst(element);
      // Pagefind names its box by a title only; the page's heading ("Search") is its visible label.
      var box = element.querySelector("input");
      var heading = document.querySelector(".md-content h1");
      if (box && heading) {
        heading.id = heading.id || "dossier-search-heading";
        box.setAttribute("aria-labelledby", heading.id);
      }
      var query = new URLSearchParams(location.search).get("q");
      if (query) ui.triggerSearch(query);
    }).catch(function (error) {
      var message = document.createElement("p");
      message.className = "dossier-search-error";
      message.textContent = "The search could not start: " + error.message + ".";
      element.appendChild(message);
    });
  }

  // An entity's own page first for its name or alias: Pagefind ranks "Senior Huawei representative"
  // above "Huawei", since nearly every page holds the word. Each entity's result carries its names
  // (metadata "names", never shown); the result whose name is the query moves to the top of the list.
  var names = {};
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/\s+/g, " ").trim().toLowerCase();
  }
  function keepNames(result) {
    if (result.meta && result.meta.names) {
      names[result.url] = result.meta.names.split(" | ").map(fold);
      delete result.meta.names;
    }
    return result;
  }
  function namedFirst(element) {
    new MutationObserver(function () {
      var box = element.querySelector("input");
      var list = element.querySelector(".pagefind-ui__results");
      if (!box || !list) return;
      var query = fold(box.value);
      var named = Array.prototype.find.call(list.children, function (item) {
        var link = item.querySelector(".pagefind-ui__result-link");
        var own = link && names[link.getAttribute("href")];
        return own && own.indexOf(query) >= 0;
      });
      if (named && named !== list.firstElementChild) list.insertBefore(named, list.firstElementChild);
    }).observe(element, { childList: true, subtree: true });
  }

  function init() { headerBox(); searchPageUi(); }
  if (typeof document$ !== "undefined") { document$.subscribe(init); } else { document.addEventListener("DOMContentLoaded", init); }
})();
