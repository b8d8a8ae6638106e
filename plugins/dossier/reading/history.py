"""When the sources last changed: the site's "last updated" date, reproducible from the sources.

Not the build time, so that two builds of one commit are the same byte for byte. In order:

1. ``SOURCE_DATE_EPOCH``, the reproducible-builds convention, when the builder sets it;
2. the commit date of the newest commit that touched the sources folder (``git log``). A fresh
   clone has it; a shallow clone (``--depth 1``) has only its newest commit, whose date is then
   used: still the same for every build of that commit;
3. otherwise nothing: the site says the date is not recorded rather than guessing one.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
from pathlib import Path

from dossier.model import PartialDate


def last_source_change(sources: str | Path) -> PartialDate | None:
    """The date (UTC) of the newest change to `sources`, or ``None`` if it is not recorded."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return _day(dt.datetime.fromtimestamp(int(epoch), dt.UTC).date())
    folder = Path(sources)
    if not folder.is_dir():
        return None
    git = shutil.which("git")
    if git is None:
        return None
    try:
        # A fixed command on the sources folder: no input from the sources reaches it.
        result = subprocess.run([git, "log", "-1", "--format=%ct", "--", "."],  # noqa: S603
                                cwd=folder, capture_output=True, text=True, timeout=60, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    stamp = result.stdout.strip()
    if result.returncode != 0 or not stamp.isdigit():
        return None
    return _day(dt.datetime.fromtimestamp(int(stamp), dt.UTC).date())


def _day(date: dt.date) -> PartialDate:
    return PartialDate(date.year, date.month, date.day)
