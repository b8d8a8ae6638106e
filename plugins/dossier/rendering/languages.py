"""Language names for BCP 47 tags, from the Unicode CLDR data that Babel ships.

Front matter records languages as tags (``en``, ``zh``, ``zh-Hans``); readers see names. Babel
knows every tag CLDR does, so no table is kept by hand here.
"""

from __future__ import annotations

from functools import cache

from babel import Locale, UnknownLocaleError

from dossier.rendering import escape

_ENGLISH = Locale("en")

SITE_LANGUAGE = "en"
"""The language of the site's own words, as ``theme.language`` in mkdocs.yml sets it on ``<html>``:
text of a document in another language is marked with its own ``lang``."""


@cache
def language_name(tag: str) -> str:
    """The English name of the language `tag` (``zh-Hans`` → ``Chinese (Simplified)``).

    A tag CLDR does not know as a whole is named by its language subtag; one it does not know at
    all is shown as written, so that nothing a contributor recorded is lost.
    """
    try:
        name = Locale.parse(tag, sep="-").get_display_name(_ENGLISH)
    except (UnknownLocaleError, ValueError, TypeError):
        name = None
    if not name:
        name = _ENGLISH.languages.get(tag.split("-", maxsplit=1)[0].lower())
    return name or tag


def primary(tag: str) -> str:
    """The language subtag of `tag`, lower case: what decides whether two texts share a language."""
    return tag.split("-", maxsplit=1)[0].lower()


def foreign_lang(tag: str) -> str:
    """`` lang="…"`` for text in language `tag` on a page of the site's language; ``""`` if the same.

    Only a different language counts: ``en-GB`` text on an ``en`` page is not marked.
    """
    if not tag or primary(tag) == primary(SITE_LANGUAGE):
        return ""
    return f' lang="{escape.attribute(tag)}"'
