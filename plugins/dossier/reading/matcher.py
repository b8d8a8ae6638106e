"""One compiled matcher for every registered name and alias.

The names are folded into a trie and the trie into a single regular expression, so finding
every mention in a text costs one scan whatever the size of the registry, and at each place
the longest name wins.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

_END = ""  # trie key marking the end of a name; no name contains an empty character


def trie_pattern(names: list[str]) -> str:
    """One regular expression for all of `names`, as a trie: at each place the longest wins."""
    trie: dict[str, Any] = {}
    for name in names:
        node = trie
        for char in name:
            node = node.setdefault(char, {})
        node[_END] = True
    return _node_pattern(trie)


def _node_pattern(root: dict[str, Any]) -> str:
    """The pattern of a trie node, built without recursion: a name as long as the stack allows is no limit."""
    done: dict[int, str] = {}
    stack = [root]
    while stack:
        node = stack[-1]
        pending = [child for char, child in node.items() if char != _END and id(child) not in done]
        if pending:
            stack.extend(pending)
            continue
        stack.pop()
        ends_here = _END in node
        branches = [re.escape(char) + done.pop(id(child)) for char, child in sorted(node.items()) if char != _END]
        if not branches:
            done[id(node)] = ""
            continue
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends_here:
            # Greedy optional group: the longer name is tried first.
            body = "(?:" + body + ")?" if len(branches) > 1 or len(body) > 1 else body + "?"
        done[id(node)] = body
    return done[id(root)]


class NameMatcher:
    """Finds registered names in text: whole words, case-sensitive, longest first."""

    def __init__(self, names: Mapping[str, tuple[str, str]]) -> None:
        """Build the matcher.

        Args:
            names: Each name or alias mapped to the ``(kind, id)`` of the entity it names.
        """
        self._targets = dict(names)
        ordered = sorted(n for n in self._targets if n)
        if ordered:
            pattern = r"(?<!\w)(?:" + trie_pattern(ordered) + r")(?!\w)"
            self._regex: re.Pattern[str] | None = re.compile(pattern)
        else:
            self._regex = None

    def finditer(self, text: str) -> Iterator[tuple[int, int, str, str]]:
        """Yield ``(start, end, kind, id)`` for every name found in `text`."""
        if self._regex is None:
            return
        targets = self._targets
        for match in self._regex.finditer(text):
            found = targets.get(match.group())
            if found is not None:
                yield match.start(), match.end(), found[0], found[1]
