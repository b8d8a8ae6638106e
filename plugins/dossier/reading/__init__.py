"""The reading layer: ``sources/`` into a `dossier.model.Corpus`, with every problem found.

`loader` runs the pass; `frontmatter` splits a file's YAML header from its body, `fields`
checks the values against each folder's field schema, `markup` parses a document body's
annotation brackets, `matcher` finds the automatic mentions of names. Nothing here knows how
the corpus is rendered.
"""
