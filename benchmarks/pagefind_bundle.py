"""Pagefind's bundle decoded, so that two builds can be compared by what their search holds.

Two builds of one commit give the same site byte for byte except three of Pagefind's files:
``pagefind-entry.json``, ``pagefind.<hash>.pf_meta`` and ``filter/<hash>.pf_filter``. The plugin
feeds Pagefind the same pages in the same order (the page numbers and every word index and
fragment are the same); Pagefind 1.5 itself keeps the filters in a hash map with a random seed
per process (``filter_map`` in ``pagefind/src/index/mod.rs``, a ``hashbrown::HashMap``) and
writes the filters, and each filter's values, in that map's order. The files' names are hashes of
their bytes, so the names differ too. `decoded` reads those files as data, each map sorted.

A Pagefind file is gzip of ``pagefind_dcd`` followed by one CBOR value; `cbor` reads the subset
Pagefind writes (integers, strings, arrays, maps, simple values).
"""

from __future__ import annotations

import gzip
import json
import struct
from pathlib import Path
from typing import Any

BUNDLE = "pagefind"
MAGIC = b"pagefind_dcd"

VARYING = ("pagefind-entry.json", ".pf_meta", ".pf_filter")
"""Pagefind's files whose bytes vary between two builds of the same pages (the module's docstring)."""


def varies(uri: str) -> bool:
    """Whether the site file `uri` is one of Pagefind's files compared by `decoded`."""
    return uri.startswith(BUNDLE + "/") and uri.endswith(VARYING)


def cbor(data: bytes, at: int = 0) -> tuple[Any, int]:
    """The CBOR value at `at` in `data` (a map as a list of pairs, in its order), and where the next one starts."""
    head = data[at]
    major, info = head >> 5, head & 31
    at += 1
    if info < 24:
        argument: int | None = info
    elif info <= 27:
        size = 1 << (info - 24)
        argument = int.from_bytes(data[at:at + size], "big")
        at += size
    elif info == 31:
        argument = None  # indefinite length
    else:
        raise ValueError(f"CBOR: reserved additional information {info}")
    if major == 7:
        if info == 27 and argument is not None:
            return struct.unpack(">d", argument.to_bytes(8, "big"))[0], at
        return {20: False, 21: True, 22: None}.get(info, argument), at
    if major == 0:
        return argument, at
    if argument is None:
        items: list[Any] = []
        while data[at] != 0xFF:
            item, at = cbor(data, at)
            items.append(item)
        return items if major == 4 else list(zip(items[::2], items[1::2], strict=True)), at + 1
    if major == 1:
        return -1 - argument, at
    if major in (2, 3):
        raw = data[at:at + argument]
        return (raw if major == 2 else raw.decode("utf-8")), at + argument
    if major in (4, 5):
        items = []
        for _ in range(argument * (2 if major == 5 else 1)):
            item, at = cbor(data, at)
            items.append(item)
        return items if major == 4 else list(zip(items[::2], items[1::2], strict=True)), at
    raise ValueError(f"CBOR: major type {major} is not one Pagefind writes")


def read(path: Path) -> Any:
    """The value one Pagefind file holds."""
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise ValueError(f"{path}: not a Pagefind file")
    value, end = cbor(data, len(MAGIC))
    if end != len(data):
        raise ValueError(f"{path}: {len(data) - end} bytes after the value")
    return value


def decoded(site: Path) -> dict[str, Any]:
    """What the varying files of `site`'s bundle hold, in an order that does not vary.

    The entry file without the meta file's hash; the meta file without its list of filters; and
    each filter by name, its values sorted, each with its page numbers.
    """
    bundle = site / BUNDLE
    entry = json.loads((bundle / "pagefind-entry.json").read_text(encoding="utf-8"))
    languages = {}
    for language, about in entry["languages"].items():
        meta = read(bundle / f"pagefind.{about['hash']}.pf_meta")
        # version, pages, word index chunks, filters (name, file hash), sorts, meta fields
        filters = {}
        for name, file_hash in meta[3]:
            filter_name, values = read(bundle / "filter" / f"{file_hash}.pf_filter")
            filters[name] = (filter_name, sorted((value, pages) for value, pages in values))
        languages[language] = {"about": {k: v for k, v in about.items() if k != "hash"},
                               "meta": [*meta[:3], *meta[4:]], "filters": dict(sorted(filters.items()))}
    return {**{k: v for k, v in entry.items() if k != "languages"}, "languages": languages}
