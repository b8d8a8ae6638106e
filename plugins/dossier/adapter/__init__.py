"""The MkDocs adapter: the only package that imports MkDocs, and the only one that forks.

`plugin.DossierPlugin` is the ``dossier`` MkDocs plugin (entry point in ``pyproject.toml``);
`preview` keeps ``mkdocs serve --dirty`` fast; `parallel` and `background` run part of a
build in a forked child process.
"""
