"""The contributor commands of ``python -m dossier``: ``new``, ``list`` and ``suggest``.

One module per command. They use only the core's public API (`dossier.load_with_problems`, the
model and `dossier.Location`), so they do not depend on how the reading layer is organised.
"""
