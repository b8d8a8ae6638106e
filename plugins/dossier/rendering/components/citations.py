"""Pieces every generated page shares: quotations, statement summaries, source footnotes."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, ClassVar, NamedTuple

from markupsafe import Markup

from dossier.model import Actor, Annotation, Document, Entity, PartialDate
from dossier.rendering import escape
from dossier.rendering.bibliography import SiteRecord
from dossier.rendering.languages import foreign_lang, language_name
from dossier.rendering.text import shorten

if TYPE_CHECKING:
    from dossier.rendering.page import PageWriter

QUOTE_MARKS = "\"'“”‘’«»„‚‹›「」『』"


KIND_NOTES = {
    "quote": "",
    "says": "reported",
    "act": "act",
    "excerpt": "text of a law or official document",
    "narration": "the document's own words",
}
"""How each kind of statement is marked wherever it is shown: anything but a quotation says what it is."""

KIND_NAMES = {
    "quote": "quotation",
    "says": "reported position",
    "act": "reported act",
    "excerpt": "text of a law or official document",
    "narration": "the document's own words",
}
"""Each kind of statement, named in a sentence."""

def provenance_notes(annotation: Annotation, actors: dict[str, Actor], *, kind: bool = True) -> list[str]:
    """What a reader must know of where a statement's words come from, as plain text.

    Its kind (unless a quotation, or `kind` is false because the caller names it), who relayed
    it, and the language it was translated from.
    """
    notes = [KIND_NOTES[annotation.kind]] if kind and KIND_NOTES.get(annotation.kind) else []
    if notes and annotation.kind == "narration" and annotation.document is not None:
        notes[0] += f", by {annotation.document.publisher}"  # whose document: the reader should not have to look
    if annotation.via:
        notes.append("relayed by " + ", ".join(actors[a].name for a in annotation.via))
    if annotation.translated_from:
        notes.append(f"translated from {language_name(annotation.translated_from)}")
    return notes


def _folded(text: str) -> str:
    return re.sub(r"\s+", " ", text)


_CLAUSE_END = re.compile(r"[,;:)](?=\s)|\s[—–-](?=\s)")
"""Where a clause ends and the next begins: a context is cut there rather than inside a phrase."""


def _clause_before(text: str, side: int) -> str | None:
    """The end of `text` from the start of a clause, at most twice `side` long; ``None`` if no clause fits."""
    for match in _CLAUSE_END.finditer(text):
        if len(text) - match.end() <= 2 * side:
            return text[match.end():].lstrip()
    return None


def _clause_after(text: str, side: int) -> str | None:
    """The start of `text` to the end of a clause, at most twice `side` long; ``None`` if no clause fits."""
    ends = [m.start() + (1 if m.group()[0] in ",;:)" else 0) for m in _CLAUSE_END.finditer(text[: 2 * side + 1])]
    return text[: ends[-1]].rstrip() if ends and ends[-1] > 0 else None


def _words_before(text: str, side: int) -> str:
    """The end of `text` within `side` characters, from a word's start (a cut word is dropped)."""
    kept = text[-side:]
    space = kept.find(" ")
    return (kept[space + 1:] if 0 <= space < side // 2 and not text[-side - 1].isspace() else kept).lstrip()


def _words_after(text: str, side: int) -> str:
    """The start of `text` within `side` characters, up to a word's end (a cut word is dropped)."""
    kept = text[:side]
    space = kept.rfind(" ")
    return (kept[:space] if space > side // 2 and not text[side].isspace() else kept).rstrip()


WORDS_SHOWN = 2_000
"""The most characters of a statement's words shown, or copied, outside its document (a long
passage of a law runs to about this): longer words are cut at a word with ``…``, and the footnote
leads to the whole passage. So no page grows with one statement's length."""

HEADING_LIMIT = 80
"""Characters of the heading over a statement's list shown with it outside its document."""

_ENDS_SENTENCE = re.compile(r"[.!?…][\"'”’»)\]]*$")


def _leads(annotation: Annotation, side: int | None, lang: str) -> tuple[str, str]:
    """What a statement leans on, as HTML: the heading over its list, the sentence before its own.

    The heading as a label (``Under “What we want”:``); the sentence before with a space, to go
    before its sentence. With a `side`, the sentence before keeps its start, to that many characters.
    """
    heading, previous = (" ".join(part.split()) for part in annotation.lead)
    label = ""
    if heading:
        shown = escape.html(shorten(heading, HEADING_LIMIT))
        label = f'<span class="dossier-lead">Under “{f"<span{lang}>{shown}</span>" if lang else shown}”:</span> '
    if previous:
        cut = side is not None and len(previous) > side
        previous = _words_after(previous, side) if cut and side is not None else previous
        previous = escape.html(previous + ("…" if cut or not _ENDS_SENTENCE.search(previous) else "")) + " "
    return label, previous


def quotation(annotation: Annotation, actors: dict[str, Actor], limit: int | None = None, *,
              provenance: bool = True) -> Markup:
    """A statement for display, in the sentence it stands in, with what it is and where it came from.

    The statement's words are marked out (a quotation in quotation marks) within their sentence,
    so that a fragment cannot read as its opposite; a reported position, act, text of a law or
    the document's own words say so, and so do a relay and a translation. What the statement
    leans on comes first: the heading over its list, and the sentence before one that opens
    with a pronoun or a connective (`Annotation.lead`). With a `limit`, the words are shortened
    to it at a word boundary (see `shorten`), and the sentence, and the sentence before, to a
    quarter of it on each side; without, words longer than `WORDS_SHOWN` are shortened to it.
    """
    before, words, after = (_folded(part) for part in annotation.context)
    side = None
    if limit is None and len(words) > WORDS_SHOWN:
        limit = WORDS_SHOWN
    cut_before = False
    if limit is not None:
        words, side = shorten(words, limit), limit // 4
        # Cut at a clause's edge where one is near, so that no phrase is cut in two.
        if len(before) > side:
            before, cut_before = "…" + (_clause_before(before, side) or _words_before(before, side)), True
        if len(after) > side:
            after = (_clause_after(after, side) or _words_after(after, side)) + "…"
    # The document's words keep its language (the outermost element of them carries it).
    lang = foreign_lang(annotation.document.language) if annotation.document is not None else ""
    label, previous = _leads(annotation, side, lang)
    if cut_before:
        previous = ""  # the sentence's opening word (the pronoun it explains) is not shown either
    context = bool(before.strip() or after.strip() or previous)
    own = "" if context else lang
    if annotation.kind == "quote":
        # <q> adds the quotation marks: the words' own, and those just around them, are not doubled.
        before = before[:-1] if before.endswith(tuple(QUOTE_MARKS)) and words[:1] not in QUOTE_MARKS else before
        after = after[1:] if after.startswith(tuple(QUOTE_MARKS)) and words[-1:] not in QUOTE_MARKS else after
        shown = f'<q class="dossier-quote-text"{own}>{escape.html(words.strip().strip(QUOTE_MARKS))}</q>'
    else:
        shown = f'<span class="dossier-says-text"{own}>{escape.html(words.strip())}</span>'
    if context:
        shown = (f'<span class="dossier-context"{lang}>{previous}{escape.html(before.lstrip())}{shown}'
                 f'{escape.html(after.rstrip())}</span>')
    shown = label + shown
    notes = provenance_notes(annotation, actors) if provenance else []
    if notes:
        shown += f' <small class="dossier-provenance">({escape.html("; ".join(notes))})</small>'
    return escape.trusted(shown)


PART_LIMIT = 3
"""Parts of a remark shown outside its document before those that take no stance are left out (a longer
remark says how many more there are); a part whose words take a stance is always shown."""


def remark_quotation(statement: Annotation, actors: dict[str, Actor], limit: int | None = None, *,
                     marked: bool = True, after_part: Callable[[Annotation], Markup] | None = None) -> Markup:
    """Every part of `statement`'s remark in its document, in order, each in its sentence.

    Parts are joined by an ellipsis. Where the remark has several parts, `statement` (the part a
    page lists, because its words take the stance shown there) is marked out; `after_part` may
    add something after each part's words (its own stances, on the timeline). What the remark is
    and where it came from is said once, after the last part.
    """
    remark = statement.remark
    document = statement.document
    parts = remark.parts_in(document) if remark is not None and document is not None else [statement]
    if len(parts) == 1:
        shown = quotation(statement, actors, limit)
        return Markup(shown + after_part(statement)) if after_part is not None else shown
    # Past the limit, a part is still shown if its words take a stance: the remark's stances are
    # theirs, and a reader sees the words behind each (the part a page lists among them).
    kept = [part for number, part in enumerate(parts) if number < PART_LIMIT or part.stances or part is statement]
    joined = ""
    for number, part in enumerate(kept):
        # Parts of one sentence show it once: each part its words and what is between it and the next.
        after_previous = number > 0 and _one_sentence(kept[number - 1], part)
        before_next = number + 1 < len(kept) and _one_sentence(part, kept[number + 1])
        cut = part
        if after_previous or before_next:
            start, end = part.sentence
            cut = replace(part, sentence=(kept[number - 1].end if after_previous else start,
                                          part.end if before_next else end))
            if after_previous:
                cut.heading = cut.previous = (0, 0)
        elif number and part.previous != (0, 0) and part.previous[0] <= kept[number - 1].start < part.previous[1]:
            # The sentence it leans on is the one the part before was just shown in.
            cut = replace(part, previous=(0, 0))
        words = quotation(cut, actors, limit, provenance=False)
        css = "dossier-part dossier-carries" if marked and part is statement else "dossier-part"
        extra = after_part(part) if after_part is not None else Markup()
        joined += (" " if after_previous else " … " if number else "") + f'<span class="{css}">{words}</span>{extra}'
    more = len(parts) - len(kept)
    if more > 0:
        joined += f" … <small>({more} more part{'s' if more > 1 else ''} in the document)</small>"
    notes = provenance_notes(statement, actors)
    tail = f' <small class="dossier-provenance">({escape.html("; ".join(notes))})</small>' if notes else ""
    return escape.trusted(joined + tail)


def _one_sentence(first: Annotation, then: Annotation) -> bool:
    """Whether `then` follows `first` in one sentence of their document (each one's reaches the other's words)."""
    return (first.document is then.document and (0, 0) not in (first.sentence, then.sentence)
            and first.end <= then.start and then.sentence[0] <= first.start and first.sentence[1] >= then.end)


def citation(document: Document, page: PageWriter) -> Markup:
    """Publisher, title, author, date and URL or reference of `document`, as HTML for `page`.

    Every footnote cites its document: the text is made once per document and page depth.
    """
    key = (document.id, page.root)
    cited = page.urls.memo.get(key)
    if cited is None:
        cited = page.urls.memo[key] = _citation(document, page)
    return cited


def _titled(document: Document, page: PageWriter) -> str:
    """The document's title, linked: in quotation marks when printed, in square brackets when the editors wrote it."""
    link = page.link(document)
    return f"[{link}]" if document.title_from == "editors" else f"“{link}”"


def publisher(document: Document) -> Markup:
    """Who published `document`, and whose report it republishes, if it does."""
    own = escape.html_inline(document.publisher)
    if document.original_publisher:
        return Markup(f"{own} (relaying a report by {escape.html_inline(document.original_publisher)})")
    return own


def _citation(document: Document, page: PageWriter) -> Markup:
    parts = [publisher(document), _titled(document, page)]
    if document.author:
        parts.append(escape.html_inline(document.author))
    parts.append(str(document.published))
    if document.url:
        parts.append(escape.external_link(document.url))
    if document.reference:
        parts.append(f"ref. {escape.html_inline(document.reference)}")
    return Markup(", ".join(parts))


REFERENCE_LIMIT = 40
"""Characters of a `reference` a footnote prints: a registry number fits, and a longer reference is
the editors' description of the document, which stays on its page with their notes."""

SUMMARY_LIMIT = 400
"""Characters of a statement's words shown outside its document (a quarter of it of the sentence on
each side); its footnote leads to all of them, and its document page shows them in full."""

PASSAGE_WORDS = 32
"""Characters of a statement's words naming its link in a footnote shared by several statements."""


def dated(date: PartialDate) -> str:
    """A date as a citation prints it: an estimate says so twice, ``c. 2025 (estimate)``."""
    return f"{date} (estimate)" if date.estimated else str(date)


def _source(document: Document, page: PageWriter) -> Markup:
    """Publisher, title, author and date of `document`, as a footnote starts; made once per depth."""
    key = (f"footnote/{document.id}", page.root)
    made = page.urls.memo.get(key)
    if made is None:
        parts = [publisher(document), _titled(document, page)]
        if document.author:
            parts.append(escape.html_inline(document.author))
        parts.append(escape.html(dated(document.published)))
        if document.reference and len(document.reference) <= REFERENCE_LIMIT:
            parts.append(f"ref. {escape.html_inline(document.reference)}")
        made = page.urls.memo[key] = Markup(", ".join(parts))
    return made


SHORT_TITLE = 40
"""Characters of a document's title in a note's short form (shortened at a word, with ``…``)."""


def short_title(document: Document) -> str:
    """The title a note's short form gives, as plain text."""
    return shorten(document.title, SHORT_TITLE)


def _short_source(document: Document, page: PageWriter) -> Markup:
    """Publisher and short title of `document`, linked to its page: a note's short form starts so."""
    key = (f"short/{document.id}", page.root)
    made = page.urls.memo.get(key)
    if made is None:
        title = short_title(document)
        link = page.link(document, title, tooltip=document.title if title != document.title else "")
        titled = f"[{link}]" if document.title_from == "editors" else f"“{link}”"
        made = page.urls.memo[key] = Markup(f"{escape.html_inline(document.publisher)}, {titled}")
    return made


def _online(document: Document) -> str:
    """Where the original is read: its public URL and its archived copy, each when known."""
    found = []
    if document.url:
        found.append(escape.external_link(document.url))
    if document.archive_url:
        found.append("archived: " + escape.external_link(document.archive_url))
    return f" {'; '.join(found)}." if found else ""


@dataclass(slots=True)
class _Passage:
    """One footnote: a paragraph of a document, and the statements of it that the page cites."""

    document: Document
    paragraph: int
    statements: dict[str, Annotation] = field(default_factory=dict)
    uses: int = 0


class Footnotes:
    """Numbered source footnotes of one page: one per passage, a paragraph of a document.

    However many of a paragraph's statements the page cites, and however often, they share its
    footnote, which links to each of them. A document's first note cites it in full, its later
    notes in short with a link back to that one.

    Written as Python-Markdown's footnotes extension writes them (``fnref:N``, ``fn:N``, back
    references), so that the theme's footnote tooltips and styles apply unchanged.
    """

    def __init__(self, page: PageWriter) -> None:
        self.page = page
        self._numbers: dict[tuple[str, int], int] = {}
        self._passages: list[_Passage] = []

    def number(self, annotation: Annotation) -> int:
        """The number of the footnote that cites `annotation`, defining it on first use (no reference in the text)."""
        document = annotation.document
        assert document is not None
        key = (document.id, annotation.paragraph)
        number = self._numbers.get(key)
        if number is None:
            number = self._numbers[key] = len(self._passages) + 1
            self._passages.append(_Passage(document, annotation.paragraph))
        self._passages[number - 1].statements.setdefault(annotation.anchor, annotation)
        return number

    def cite(self, annotation: Annotation) -> Markup:
        """The footnote reference for `annotation`."""
        number = self.number(annotation)
        passage = self._passages[number - 1]
        passage.uses += 1
        ref = _reference_id(number, passage.uses)
        return escape.trusted(f'<sup id="{ref}"><a class="footnote-ref" href="#fn:{number}">{number}</a></sup>')

    def _text(self, passage: _Passage, full: int | None = None, *, dated_short: bool = False) -> Markup:
        """Publisher, title, author, date, the paragraph linked to each statement, the URL.

        With `full`, the number of an earlier note that cites the document in full, the short form:
        publisher, short title (and date when `dated_short`), the passage, and the way back to it.
        """
        document, page = passage.document, self.page
        statements = list(passage.statements.values())
        where = f"¶{passage.paragraph}"
        if len(statements) == 1:
            located = page.link(document, f"{where}, the passage", statements[0].anchor)
        else:
            links = [page.link(document, f"“{shorten(s.text.strip().strip(QUOTE_MARKS), PASSAGE_WORDS)}”", s.anchor)
                     for s in statements]
            located = Markup(f"{page.link(document, where, f'p-{passage.paragraph}')}, the passages "
                             f"{', '.join(links)}")
        if full is not None:
            date = f", {escape.html(dated(document.published))}" if dated_short else ""
            return Markup(f"{_short_source(document, page)}{date}, {located}. Full citation: "
                          f'<a class="dossier-full-note" href="#fn:{full}">note {full}</a>.')
        return Markup(f"{_source(document, page)}, {located}.{_online(document)}")

    def render(self, *, folded: bool = False) -> Markup:
        """The footnotes, to end the page with (``""`` if none was cited), from ``notes.html`` (`Notes`).

        `folded`, they are one tap away under a line that counts them: every reference still shows
        its note as a tooltip, and following one opens them (the theme opens a ``<details>`` that
        holds the target, and every one for printing).
        """
        if not self._passages:
            return Markup()
        notes = []
        # A document is cited in full by its first note on the page, in short by the later ones (as a
        # careful reference list does); two documents whose short forms match are told apart by date.
        first: dict[str, int] = {}
        shorts: dict[tuple[str, str], set[str]] = {}
        for number, passage in enumerate(self._passages, 1):
            document = passage.document
            first.setdefault(document.id, number)
            shorts.setdefault((document.publisher, short_title(document)), set()).add(document.id)
        for number, passage in enumerate(self._passages, 1):
            document = passage.document
            full = first[document.id] if first[document.id] < number else None
            ambiguous = len(shorts[(document.publisher, short_title(document))]) > 1
            back = escape.trusted("".join(
                f'<a class="footnote-backref" href="#{_reference_id(number, use)}" '
                f'title="Jump back to footnote {number} in the text">&#8617;</a>'
                for use in range(1, passage.uses + 1)))
            notes.append(Note(number, self._text(passage, full, dated_short=ambiguous), back))
        return self.page.urls.templates.render(Notes(notes, folded, len(self._passages),
                                                     len({passage.document.id for passage in self._passages})))


class Note(NamedTuple):
    """One footnote: a passage of a document (``notes`` of `Notes`; a tuple, for a template's loop to unpack).

    Attributes:
        number: Its number.
        text: The document, in full or in short, and the passage's statements, linked.
        back: The links back to its references in the page, as Python-Markdown writes them.
    """

    number: int
    text: Markup
    back: Markup


@dataclass(frozen=True, slots=True)
class Notes:
    """The context of ``notes.html``: a page's footnotes.

    Attributes:
        notes: The notes, in order.
        folded: One tap away, under a line that counts them.
        count: How many notes.
        documents: How many documents they cite.
    """

    TEMPLATE: ClassVar[str] = "notes.html"
    notes: list[Note]
    folded: bool
    count: int
    documents: int


class StatementLine(NamedTuple):
    """A statement outside its document (``lines`` of `StatementLines`; a tuple, for the template to unpack).

    Attributes:
        words: Its words in their sentence (shortened to `SUMMARY_LIMIT`), what it is and where it came
            from (a relay, a translation).
        reference: Its footnote's marker.
        publisher: Who published its document.
        when: When it was said.
        reports: The other documents that report its remark: a link to its words there, the
            document's date, and who relayed it (``, relayed by …``, or "").
    """

    words: Markup
    reference: Markup
    publisher: str
    when: str
    reports: list[tuple[Markup, str, str]]


LINE_END = Markup("\x1e")
"""What ``statement_lines.html`` writes after each line: a control character, which no source may hold."""


@dataclass(frozen=True, slots=True)
class StatementLines:
    """The context of ``statement_lines.html``: statements listed together, each on its line.

    Attributes:
        lines: The statements.
        end: What ends each line (`LINE_END`): the lines are rendered at once, then told apart by it.
    """

    TEMPLATE: ClassVar[str] = "statement_lines.html"
    lines: list[StatementLine]
    end: Markup = LINE_END


def summaries(statements: Sequence[Annotation], footnotes: Footnotes, actors: dict[str, Actor]) -> list[Markup]:
    """Statements listed together, each a `StatementLine` with its marker (statements of one passage share its number)."""
    lines = []
    for statement in statements:
        document = statement.document
        assert document is not None
        reference = footnotes.cite(statement)
        lines.append(StatementLine(remark_quotation(statement, actors, SUMMARY_LIMIT), reference, document.publisher,
                                   str(statement.when), other_reports(statement, actors, footnotes.page)))
    if not lines:
        return []
    *rendered, rest = footnotes.page.urls.templates.render(StatementLines(lines)).split(LINE_END)
    if len(rendered) != len(lines) or rest.strip():
        raise ValueError(f"statement_lines.html wrote {len(rendered)} lines for {len(lines)} statements: "
                         "each must end with {{ end }}")
    return [escape.trusted(line) for line in rendered]


def other_reports(statement: Annotation, actors: dict[str, Actor], page: PageWriter) -> list[tuple[Markup, str, str]]:
    """The other documents that report `statement`'s remark: a link to its words in each, its date and relay."""
    remark = statement.remark
    if remark is None or len(remark.reports) < 2:  # noqa: PLR2004 (one report: its own document)
        return []
    reports = []
    for document in remark.reports:
        if document is statement.document:
            continue
        first = remark.parts_in(document)[0]
        relay = f", relayed by {', '.join(actors[a].name for a in first.via)}" if first.via else ""
        reports.append((page.link(document, document.publisher or document.title, first.anchor,
                                  tooltip=document.title), str(document.published), relay))
    return reports


def _reference_id(number: int, use: int) -> str:
    """The id of the `use`-th reference to footnote `number`, as Python-Markdown numbers them."""
    return f"fnref{use}:{number}" if use > 1 else f"fnref:{number}"




def cite_this_page(page: PageWriter, entity: Entity, record: SiteRecord | None) -> Markup:
    """The *Cite this page* box of an actor, country or claim page.

    The page's title, the site, its address (relative to the site when the build has none) and
    the date the sources last changed, which is the page's last possible change.
    """
    urls = page.urls
    path = urls.path(entity.folder, entity.id)
    address = urls.resolve(path, within="") if urls.site_url else path
    site = record.title if record is not None else "Dossier"
    changed = f", sources as of {record.updated}" if record is not None and record.updated else ""
    kind = {"actors": "actor", "countries": "country", "claims": "claim"}[entity.folder]
    text = (f"“{escape.html_inline(entity.label)}” ({kind} page), {escape.html_inline(site)}, "
            f"{escape.html_inline(address)}{changed}.")
    return escape.trusted(f'<div class="admonition quote dossier-cite-page"><p class="admonition-title">Cite this page'
                          f"</p>\n<p>{text}</p>\n</div>")
