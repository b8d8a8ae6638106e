"""The preview's select-to-annotate helper: words selected on a document page, offered as an annotation.

Only ``mkdocs serve`` adds it to document pages (the adapter decides); a built site never has it.
Selecting words in the document's text opens a small box with the annotation to paste: the exact
words at their ``path:line:col`` in the annotated file, the kind (``quote`` inside quotation
marks, else ``says``), the speaker ``suggest`` ranks first and the registry's other actors, a
stance on a claim; one button copies it. The browser writes no file.
"""

from __future__ import annotations

import json
import re

from markupsafe import Markup

from dossier.model import Corpus, Document
from dossier.reading.attribution import Attribution, lowercase_words
from dossier.reading.prose import Span, SpanSet, quotations, sentences
from dossier.rendering.escape import json_for_script

DATA_ID = "dossier-annotate-data"
"""The id of the JSON block that holds the helper's data."""


def ranked_speakers(corpus: Corpus, document: Document) -> list[dict[str, object]]:
    """Each quotation of `document`, with the speakers `suggest` ranks for it, likeliest first."""
    attribution = Attribution(corpus)
    text = document.text
    attribution.lowercase_words = lowercase_words(text)
    every_quotation: list[Span] = []
    all_sentences: list[Span] = []
    quoted: list[tuple[Span, int]] = []
    for first, last in document.paragraphs:
        paragraph = Span(first, last)
        spans = quotations(text, paragraph)
        every_quotation += spans
        for sentence in sentences(text, paragraph, spans):
            all_sentences.append(sentence)
            quoted += [(q, len(all_sentences) - 1) for q in spans if sentence.start <= q.start < sentence.end]
    found: list[dict[str, object]] = []
    quotation_set = SpanSet(every_quotation)
    for quote, index in quoted:
        candidates = attribution.candidates(text, quote, index, all_sentences, quotation_set)
        speakers = [c.actor for c in candidates if c.actor in corpus.actors]
        found.append({"words": " ".join(text[quote.start:quote.end].split()), "speakers": list(dict.fromkeys(speakers))})
        if candidates:
            attribution.last_speaker = candidates[0]
    return found


def helper(corpus: Corpus, document: Document, file_text: str) -> Markup:
    """The helper for `document`, whose annotated file reads `file_text`: a JSON block and its script."""
    data = {
        "path": document.path,
        "source": file_text,
        "quotations": ranked_speakers(corpus, document),
        "actors": sorted([a.id, a.name] for a in corpus.actors.values()),
        "claims": sorted([c.id, c.statement] for c in corpus.claims.values()),
    }
    block = json_for_script(json.dumps(data, ensure_ascii=False))
    return (Markup('<script type="application/json" id="' + DATA_ID + '">') + block + Markup("</script>")
            + Markup("<script>") + Markup(_SCRIPT) + Markup("</script>"))


_SCRIPT = re.sub(r"\n\s*", "\n", """
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("%s").textContent);
  var body = data.source.indexOf("\\n---", 3);
  body = body < 0 ? 0 : data.source.indexOf("\\n", body + 1) + 1;
  var MARKS = "\\"'“”‘’„«»「」『』 ,.;:!?";
  function strip(s) {
    var a = 0, b = s.length;
    while (a < b && MARKS.indexOf(s[a]) >= 0) { a++; }
    while (b > a && MARKS.indexOf(s[b - 1]) >= 0) { b--; }
    return s.slice(a, b);
  }
  function locate(words) {
    var pattern = words.trim().split(/\\s+/).map(function (w) {
      return w.replace(/[.*+?^${}()|[\\]\\\\]/g, "\\\\$&");
    }).join("\\\\s+");
    var found = new RegExp(pattern, "g"), match;
    found.lastIndex = body;
    while ((match = found.exec(data.source)) !== null) {
      var before = data.source.slice(0, match.index);
      if (before.lastIndexOf("{") <= before.lastIndexOf("}")) { break; }
    }
    if (match === null) { return null; }
    var lines = data.source.slice(0, match.index).split("\\n");
    return {text: match[0], line: lines.length, col: lines[lines.length - 1].length + 1};
  }
  function option(select, value, label) {
    var o = document.createElement("option");
    o.value = value;
    o.textContent = label;
    select.appendChild(o);
  }
  var box = document.createElement("div");
  box.className = "dossier-annotate";
  box.hidden = true;
  box.setAttribute("role", "dialog");
  box.setAttribute("aria-label", "Annotation to paste");
  box.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:10;max-width:40rem;padding:.6rem;" +
    "background:var(--md-default-bg-color);border:1px solid var(--md-default-fg-color--light);font-size:.7rem";
  var where = document.createElement("code");
  var speaker = document.createElement("select");
  speaker.setAttribute("aria-label", "Speaker");
  var stance = document.createElement("select");
  stance.setAttribute("aria-label", "Stance");
  ["", "supports", "disputes", "about"].forEach(function (s) { option(stance, s, s || "no stance"); });
  var claim = document.createElement("select");
  claim.setAttribute("aria-label", "Claim");
  data.claims.forEach(function (c) { option(claim, c[0], c[0]); });
  var result = document.createElement("pre");
  var copy = document.createElement("button");
  copy.type = "button";
  copy.textContent = "Copy";
  [where, speaker, stance, claim, result, copy].forEach(function (e) { box.appendChild(e); });
  document.body.appendChild(box);
  var current = null;
  function render() {
    if (current === null) { return; }
    var keys = current.kind + " by=" + speaker.value + (stance.value ? " " + stance.value + "=" + claim.value : "");
    result.textContent = "[" + current.text + "]{" + keys + "}";
  }
  [speaker, stance, claim].forEach(function (e) { e.addEventListener("change", render); });
  copy.addEventListener("click", function () {
    navigator.clipboard.writeText(result.textContent).then(function () { copy.textContent = "Copied"; });
  });
  document.addEventListener("mouseup", function (event) {
    if (box.contains(event.target)) { return; }
    var selection = window.getSelection();
    var words = selection ? selection.toString().trim() : "";
    var article = document.querySelector("article");
    if (!words || !article || !article.contains(selection.anchorNode)) { box.hidden = true; return; }
    var found = locate(words);
    if (found === null) { box.hidden = true; return; }
    var inner = strip(words);
    var quotation = data.quotations.filter(function (q) { return inner && q.words.indexOf(inner) >= 0; })[0];
    var ranked = quotation ? quotation.speakers : [];
    current = {text: found.text, kind: quotation ? "quote" : "says"};
    where.textContent = data.path + ":" + found.line + ":" + found.col;
    speaker.textContent = "";
    ranked.forEach(function (id) { option(speaker, id, id + " (suggested)"); });
    data.actors.forEach(function (a) { if (ranked.indexOf(a[0]) < 0) { option(speaker, a[0], a[0] + ": " + a[1]); } });
    copy.textContent = "Copy";
    box.hidden = false;
    render();
  });
})();
""".strip() % DATA_ID)
"""The helper's behaviour, inline: the preview has no Content-Security-Policy, and nothing of it is a file."""
