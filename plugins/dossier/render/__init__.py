"""Render the corpus into pages and data files; no MkDocs involved.

`render_site` returns every generated page as ``{src_uri: GeneratedPage}``: a Markdown skeleton
(headings, contributor Markdown) with placeholders for its HTML blocks. The plugin hands the
skeletons to MkDocs as in-memory files and fills in the blocks once MkDocs has converted them;
any other engine could do the same.
"""

from __future__ import annotations

from dossier.render.page import GeneratedPage
from dossier.render.site import Site, render_site

__all__ = ["GeneratedPage", "Site", "render_site"]
