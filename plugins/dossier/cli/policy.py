"""``python -m dossier policy SITE_DIR``: every page of a site built without the plugin gets its Content-Security-Policy.

The plugin gives each page it writes the policy of `dossier.rendering.policy` (nothing loaded
from another host, no inline script but the page's own, by hash). An engine without the plugin
writes pages without it; this adds it to every ``.html`` file of the built folder, as the plugin
would. A page that has one already is left as it is.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dossier.cli.sources import shown
from dossier.rendering.policy import with_policy

_ALREADY = 'http-equiv="Content-Security-Policy"'


def apply(site: Path) -> int:
    """Give every page of `site` its policy; the number of pages changed."""
    changed = 0
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        if _ALREADY in html:
            continue
        finished = with_policy(html)
        if finished != html:
            path.write_text(finished, encoding="utf-8")
            changed += 1
    return changed


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """The ``policy`` command's arguments."""
    parser = commands.add_parser("policy", help="give every page of a site built without the plugin its "
                                 "Content-Security-Policy", description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("site", help="the built site's folder")


def run(args: argparse.Namespace) -> int:
    """Apply the policy; 0 when done, 1 when the folder does not exist."""
    site = Path(args.site)
    if not site.is_dir():
        print(f"policy: {shown(site)}: the site's folder does not exist", file=sys.stderr)
        return 1
    print(f"{apply(site)} pages of {shown(site)} given their Content-Security-Policy", file=sys.stderr)
    return 0
