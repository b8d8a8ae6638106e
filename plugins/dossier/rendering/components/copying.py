"""A statement's *Copy* button: its citation as plain text, ready for the clipboard.

The text is written here, at build time, and escaped into the button's ``data-cite`` attribute;
the page's script (``docs/javascripts/citations.js``) only puts it on the clipboard. A copy built
without the site's address cannot know its permalinks: the button then carries the passage's
relative address in ``data-href``, which the script resolves against the page the reader is on.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from markupsafe import Markup

from dossier.model import Actor, Annotation
from dossier.rendering import escape
from dossier.rendering.components.citations import (
    HEADING_LIMIT,
    KIND_NAMES,
    QUOTE_MARKS,
    WORDS_SHOWN,
    provenance_notes,
)
from dossier.rendering.text import shorten

if TYPE_CHECKING:
    from dossier.rendering.page import PageWriter


def _one_line(text: str) -> str:
    return " ".join(text.split())


def plain_citation(statement: Annotation, actors: dict[str, Actor], permalink: str = "") -> str:
    """`statement` as a citation in one line of plain text.

    The words, in quotation marks only if they are a quotation (any other kind says what it is),
    with the heading over their list if they stand in one (``Under “What we want”: …``);
    the speakers, with who relayed the words and the language they were translated from; the
    statement's date (an estimate marked ``c.``); the source: publisher, author, title, paragraph;
    then `permalink`, the address of the passage, when given.
    """
    document = statement.document
    assert document is not None
    words = shorten(statement.text, WORDS_SHOWN)
    heading = _one_line(statement.lead[0])
    under = f"under “{shorten(heading, HEADING_LIMIT)}”" if heading else ""
    if statement.kind == "quote":
        said = f"“{words.strip(QUOTE_MARKS)}”"
        said = f"U{under[1:]}: {said}" if under else said
    else:
        kind = KIND_NAMES[statement.kind]
        said = f"{kind[0].upper()}{kind[1:]} (not a quotation){', ' + under if under else ''}: {words}"
    speakers = ", ".join(actors[s].name for s in statement.speakers)
    notes = provenance_notes(statement, actors, kind=False)
    relayed = f" ({'; '.join(notes)})" if notes else ""
    source = [_one_line(document.publisher)]
    if document.author:
        source.append(_one_line(document.author))
    title = _one_line(document.title)
    source += [f"[{title}]" if document.title_from == "editors" else f"“{title}”", f"¶{statement.paragraph}"]
    cited = f"{said} — {speakers}{relayed}, {statement.when}. {', '.join(source)}."
    return f"{cited} {permalink}" if permalink else cited


def copy_button(statement: Annotation, actors: dict[str, Actor], page: PageWriter) -> Markup:
    """The button that copies `statement`'s citation, shown once the page's script has set it up.

    Until then (and without the script) it keeps its place unseen: showing it moves nothing.
    Kept out of the search index (its word would follow every statement in the results). Made
    once per statement and build when the site's address is known (the text is then the same
    on every page), else once per statement and page depth.
    """
    document = statement.document
    assert document is not None
    urls = page.urls
    key = (f"copy:{document.id}#{statement.anchor}", "" if urls.site_url else page.root)
    made = urls.memo.get(key)
    if made is None:
        if urls.site_url:
            text, relative = plain_citation(statement, actors, urls.page(document, statement.anchor, within="")), ""
        else:
            text = plain_citation(statement, actors)
            relative = f' data-href="{escape.attribute(page.href(document, statement.anchor))}"'
        speakers = ", ".join(actors[s].name for s in statement.speakers)
        label = escape.attribute(f"Copy the citation of this {KIND_NAMES[statement.kind]} by {speakers}")
        made = urls.memo[key] = escape.trusted(
            f'<button type="button" class="dossier-copy" data-cite="{escape.attribute(text)}"{relative} '
            f'aria-label="{label}" data-search-exclude>Copy</button>')
    return made
