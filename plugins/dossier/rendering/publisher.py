"""Who stands behind a site: the publisher block the About and corrections pages show.

A site owner says it once, in the site's configuration (``publisher:`` under the plugin in
``mkdocs.yml``); hand-written pages place it with a marker line. A site that says nothing is told
so plainly, without a dead end: its sources can still be checked passage by passage.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from markupsafe import Markup

from dossier.rendering import escape

PUBLISHER_MARKER = "<!-- dossier:publisher -->"
"""Hand-written pages may hold this line; it is replaced by the publisher block."""


@dataclass(frozen=True, slots=True)
class Publisher:
    """Who publishes the site.

    Attributes:
        organisation: The organisation that publishes it.
        editors: The editors responsible for it, by name.
        contact: How to reach them: an e-mail address or a web address.
        corrections: Where to report an error: an e-mail address or a web address (a form).
    """

    organisation: str = ""
    editors: tuple[str, ...] = field(default_factory=tuple)
    contact: str = ""
    corrections: str = ""

    @property
    def named(self) -> bool:
        """Whether the site says who publishes it."""
        return bool(self.organisation or self.editors)


def _reach(address: str) -> Markup:
    """An e-mail address or a web address as a link; anything else as text."""
    address = address.strip()
    if escape.is_http(address):
        return escape.external_link(address)
    if "@" in address and " " not in address and ":" not in address:
        return Markup(f'<a href="mailto:{escape.attribute(address)}">{escape.html_inline(address)}</a>')
    return escape.html_inline(address)


def publisher_block(publisher: Publisher) -> Markup:
    """The block that says who publishes the site, whom to write to, where to report an error."""
    if not publisher.named:
        return Markup('<div class="admonition warning dossier-publisher"><p class="admonition-title">Publisher not '
                      "named</p><p>This copy of the site does not say who publishes it or who its editors are. Every "
                      "statement still links to the passage of the document it comes from, so what it says can be "
                      "checked against the sources themselves.</p></div>")
    rows = []
    if publisher.organisation:
        rows.append(("Published by", escape.html_inline(publisher.organisation)))
    if publisher.editors:
        rows.append(("Editors", escape.html_inline(", ".join(publisher.editors))))
    if publisher.contact:
        rows.append(("Contact", _reach(publisher.contact)))
    rows.append(("Report an error", _reach(publisher.corrections) if publisher.corrections
                 else Markup("write to the contact above") if publisher.contact
                 else Markup("no address is given for corrections")))
    items = "".join(f"<dt>{name}</dt><dd>{value}</dd>" for name, value in rows)
    return Markup(f'<dl class="dossier-meta dossier-publisher">{items}</dl>')
