"""The rendering layer: corpus and relations into pages and data files; no MkDocs involved.

`site.render_outputs` yields every generated page, then every data file, one at a time, in the
order `site.page_uris` and `site.file_uris` announce; `site.render_site` collects them as
``{src_uri: GeneratedPage}``. A page is a Markdown skeleton (headings, contributor Markdown) with
placeholders for its HTML blocks (`page`). The adapter hands the skeletons to MkDocs as in-memory
files and fills in the blocks once MkDocs has converted them; any other engine could do the same.

- `pages`: one module per kind of page (documents, entities, the four listings, the stance
  matrix, the timeline, the relationship graph);
- `components`: what several pages share (stance labels, quotations and provenance footnotes,
  SVG drawing, the claim graph, the small timelines, JSON-LD);
- `exports`: the open-data files (``/data/``);
- `escape`, `urls`, `text`: escaping, page addresses, plain-text helpers.
"""
