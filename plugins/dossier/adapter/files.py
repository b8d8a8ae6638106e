"""Where the adapter writes a generated file in a folder of its own."""

from __future__ import annotations

import os


def file_at(folder: str, uri: str) -> str:
    """The file for `uri` (``data/corpus.json``, ``actors/huawei.md``) under `folder`."""
    return os.path.join(folder, *uri.split("/"))
