"""The MkDocs adapter: the only package that imports MkDocs.

`plugin.DossierPlugin` is the ``dossier`` MkDocs plugin (entry point in ``pyproject.toml``);
`preview` keeps ``mkdocs serve --dirty`` fast.
"""
