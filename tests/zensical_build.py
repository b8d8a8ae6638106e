"""Zensical in its own environment, for the tests that build with it.

A module of its own: the browser tests have a conftest of their own, so ``from conftest import``
finds theirs when the whole suite runs.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from sitetools import ROOT

ZENSICAL = ROOT / ".venv-zensical" / "bin" / "zensical"
"""Zensical in its own environment (``make zensical``, part of ``make test``, installs it)."""


def build_with_zensical(out: Path) -> str:
    """Build the tree `generate` wrote into `out` with Zensical, strictly, into ``out/site``; its log."""
    assert ZENSICAL.is_file(), f"{ZENSICAL} is missing: `make zensical` (part of `make test`) creates it"
    # Nothing of this environment may leak into Zensical's; its own tools first on the PATH.
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV", "PYTHONHOME")}
    env["PATH"] = f"{ZENSICAL.parent}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run([str(ZENSICAL), "build", "--strict", "--clean", "--config-file", str(out / "mkdocs.yml")],
                            cwd=out, env=env, capture_output=True, text=True, timeout=600, check=False)
    log = result.stdout + result.stderr
    assert result.returncode == 0, f"Zensical failed to build the generated site:\n{log}"
    return log
