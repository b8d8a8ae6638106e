"""Render the corpus into Markdown pages and data files; no MkDocs involved.

`render_site` returns every generated page as ``{src_uri: markdown}``: the plugin hands them
to MkDocs as in-memory files, and any other engine could do the same.
"""

from __future__ import annotations

from dossier.render.site import Site, render_site

__all__ = ["Site", "render_site"]
