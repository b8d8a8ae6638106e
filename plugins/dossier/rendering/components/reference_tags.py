"""What a document page tells reference managers in its ``<head>``: Highwire ``citation_*`` tags.

Zotero's connector, Mendeley and Google Scholar read these tags to save the page as a reference
to the original document (not to this annotated copy). The tags cannot mark a date as an
estimate, so a date the editors estimated is left out of them: the citation files linked from the
page (`dossier.rendering.bibliography`) carry it, flagged.
"""

from __future__ import annotations

from markupsafe import Markup

from dossier.model import Document, PartialDate
from dossier.rendering import escape
from dossier.rendering.bibliography import NUMBERED_KINDS


def _tag(name: str, content: str) -> str:
    return f'<meta name="{name}" content="{escape.attribute(content)}">'


def highwire_date(date: PartialDate) -> str:
    """A date as Highwire tags write it, to the precision known: ``2019``, ``2019/03``, ``2019/03/04``."""
    return "/".join(f"{part:02d}" for part in (date.year, date.month, date.day) if part)


def citation_tags(document: Document) -> Markup:
    """The ``citation_*`` meta tags of `document`, each value escaped for its attribute.

    The byline is one ``citation_author``, as printed: splitting it into several would guess.
    """
    tags = [_tag("citation_title", document.title)]
    if document.author:
        tags.append(_tag("citation_author", document.author))
    if not document.published.estimated:
        tags.append(_tag("citation_publication_date", highwire_date(document.published)))
    tags.append(_tag("citation_publisher", document.publisher))
    public = document.url or document.archive_url
    if escape.is_http(public):
        tags.append(_tag("citation_public_url", public))
        if public.lower().split("?", 1)[0].split("#", 1)[0].endswith(".pdf"):
            tags.append(_tag("citation_pdf_url", public))
    if document.reference and document.kind in NUMBERED_KINDS:
        tags.append(_tag("citation_technical_report_number", document.reference))
    tags.append(_tag("citation_language", document.language))
    return escape.trusted("\n".join(tags))
