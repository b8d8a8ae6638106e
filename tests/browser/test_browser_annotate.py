"""The preview's select-to-annotate helper in Chromium, under a real ``mkdocs serve`` (as ``make
serve`` runs it): words selected on a document page are offered as an annotation at their
``path:line:col``, with the speaker ``suggest`` ranks first; one click copies it, and the copied
annotation, pasted there, checks clean.
"""

from __future__ import annotations

from pathlib import Path

from bad import make_project, replace
from dossier import load_with_problems
from playwright.sync_api import Browser, expect
from test_serve import Server, wait_for

DOC = "documents/brussels-meeting.md"
ORIGINAL = "originals/brussels-meeting.txt"
SAID = " “We are open to scrutiny,” Ken Hu said."
"""A quotation added to the good document's first line (line 7), annotated by nobody yet."""

SELECT = """(words) => {
  const article = document.querySelector("article");
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
  let node;
  while ((node = walker.nextNode())) {
    const at = node.data.indexOf(words);
    if (at >= 0) {
      const range = document.createRange();
      range.setStart(node, at);
      range.setEnd(node, at + words.length);
      const selection = window.getSelection();
      selection.removeAllRanges();
      selection.addRange(range);
      node.parentElement.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
      return true;
    }
  }
  return false;
}"""


def test_selected_words_become_an_annotation_that_checks_clean(tmp_path: Path, browser: Browser) -> None:
    edits = [replace(DOC, "on Monday.", "on Monday." + SAID), replace(ORIGINAL, "on Monday.", "on Monday." + SAID)]
    project = make_project(tmp_path / "project", edits)
    scratch = tmp_path / "scratch"
    scratch.mkdir()
    server = Server(project, scratch)
    try:
        page_path = "/documents/brussels-meeting/"
        wait_for(lambda: server.get(page_path)[0] == 200, "the first build", server)
        context = browser.new_context()
        context.grant_permissions(["clipboard-read", "clipboard-write"], origin=f"http://127.0.0.1:{server.port}")
        tab = context.new_page()
        tab.goto(f"http://127.0.0.1:{server.port}{page_path}")
        words = "“We are open to scrutiny,”"
        assert tab.evaluate(SELECT, words)
        box = tab.locator(".dossier-annotate")
        expect(box).to_be_visible()
        expect(box.locator("code")).to_have_text("sources/documents/brussels-meeting.md:7:70")
        expect(box.get_by_label("Speaker")).to_have_value("ken-hu")
        box.get_by_label("Stance").select_option("supports")
        box.get_by_label("Claim").select_option("huawei-equipment-is-safe")
        box.get_by_role("button", name="Copy").click()
        expect(box.get_by_role("button", name="Copied")).to_be_visible()
        copied = tab.evaluate("navigator.clipboard.readText()")
        context.close()
    finally:
        server.stop()
    assert copied == f"[{words}]{{quote by=ken-hu supports=huawei-equipment-is-safe}}"
    # Pasted over the words at line 7, column 70, the annotation checks clean.
    source = project / "sources" / DOC
    lines = source.read_text(encoding="utf-8").split("\n")
    line = lines[6]
    assert line[69:69 + len(words)] == words
    lines[6] = line[:69] + copied + line[69 + len(words):]
    source.write_text("\n".join(lines), encoding="utf-8")
    assert [str(p) for p in load_with_problems(project / "sources")[1]] == []
