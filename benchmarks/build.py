"""Build one project as ``mkdocs build --strict`` does, timing the ``dossier`` plugin's hooks.

Run by ``bench.py`` in a child process of its own, so that each build starts cold and its peak
memory is its own (`peak_megabytes`, and `TreeMemory` for it and its children together). Every ``on_*`` method of the ``dossier`` plugin is wrapped
before MkDocs loads the configuration: the time spent inside them is the plugin's own work (reading,
validating, rendering the corpus to Markdown, handing files to MkDocs); everything else
(Markdown to HTML, the theme, search, writing files) is MkDocs' and Material's.

Usage: ``python benchmarks/build.py CONFIG SITE_DIR RESULT_JSON [--profile OUT]``.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import resource
import threading
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from typing import Any, Self

HOOK_SECONDS: dict[str, float] = defaultdict(float)


def _timed(name: str, method: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(method)  # keeps MkDocs' event priority attributes
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return method(*args, **kwargs)
        finally:
            HOOK_SECONDS[name] += time.perf_counter() - start

    return wrapper


def instrument_plugin() -> None:
    """Wrap every event handler of the ``dossier`` plugin class with a timer."""
    from dossier.adapter.plugin import DossierPlugin

    for name in dir(DossierPlugin):
        if name.startswith("on_") and callable(getattr(DossierPlugin, name)):
            setattr(DossierPlugin, name, _timed(name, getattr(DossierPlugin, name)))


def peak_megabytes() -> float | None:
    """The peak resident memory of this process and of the child processes it waited for.

    Not the kernel's ``ru_maxrss`` of this process, which Linux carries over from the parent
    across fork and exec: it would include the memory of the benchmark that started this build.
    ``VmHWM`` belongs to this process's own memory map since exec. ``None`` without ``/proc``.
    """
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            own = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    except (OSError, StopIteration):
        return None
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # forked children: own maps
    return max(own, children) / 1024  # kilobytes


class TreeMemory:
    """The memory of this process and its descendants together, sampled each second: two sums.

    The build forks a child that renders the pages and starts Pagefind: `peak_megabytes` gives
    the largest of them alone, this their sum at one time, twice over:

    - ``peak_pss_mb``, the proportional sum (``Pss`` of ``/proc/PID/smaps_rollup``): a page shared
      by several processes (the fork's copy-on-write pages) is divided among them, so the sum is
      the memory they hold together. The target is on this figure.
    - ``peak_mb``, the resident sum (``VmRSS``): a shared page counts in each process, so the sum
      is an upper bound.

    ``peaks`` gives each process's own peaks (resident and proportional), by its part in the build:
    ``mkdocs`` (this process), ``rendering`` (the forked child), ``pagefind``, ``other``.
    """

    def __init__(self, interval: float = 1.0) -> None:
        self.peak_mb = 0.0
        self.peak_pss_mb = 0.0
        self.peaks: dict[str, dict[str, float]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(interval,), daemon=True)

    def __enter__(self) -> Self:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self, interval: float) -> None:
        while True:
            self.sample()
            if self._stop.wait(interval):
                return

    def sample(self) -> None:
        """Read the tree's memory once; keep the peaks."""
        processes = _tree_memory(os.getpid())
        self.peak_mb = max(self.peak_mb, sum(rss for _, rss, _ in processes) / 1024)
        self.peak_pss_mb = max(self.peak_pss_mb, sum(pss for _, _, pss in processes) / 1024)
        for role, rss, pss in processes:
            peak = self.peaks.setdefault(role, {"rss_mb": 0.0, "pss_mb": 0.0})
            peak["rss_mb"] = max(peak["rss_mb"], rss / 1024)
            peak["pss_mb"] = max(peak["pss_mb"], pss / 1024)


def _tree_memory(root: int) -> list[tuple[str, int, int]]:
    """Each process of `root`'s tree: its part in the build, resident and proportional kilobytes.

    From /proc (empty without it). A process without ``smaps_rollup`` (before Linux 4.14) counts its
    resident memory as its proportional one.
    """
    parents: dict[int, int] = {}
    names: dict[int, str] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            status = (entry / "status").read_text(encoding="ascii", errors="replace")
        except OSError:
            continue
        fields = dict(line.split(":", 1) for line in status.splitlines() if ":" in line)
        pid = int(entry.name)
        parents[pid] = int(fields.get("PPid", "0").strip() or 0)
        names[pid] = fields.get("Name", "").strip()
        rss[pid] = int(fields.get("VmRSS", "0 kB").split()[0])
    tree, added = {root}, True
    while added:
        more = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= more
        added = bool(more)
    processes = []
    for pid in sorted(tree):
        if pid == root:
            role = "mkdocs"
        elif "pagefind" in names.get(pid, ""):
            role = "pagefind"
        elif parents.get(pid) == root and names.get(pid) == names.get(root):
            role = "rendering"  # a fork of the build's process
        else:
            role = "other"
        processes.append((role, rss.get(pid, 0), _pss(pid, rss.get(pid, 0))))
    return processes


def _pss(pid: int, rss: int) -> int:
    """The proportional set size of `pid` in kilobytes (`rss` where the kernel does not give it)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as rollup:
            return next(int(line.split()[1]) for line in rollup if line.startswith("Pss:"))
    except (OSError, StopIteration, ValueError):
        return rss


def _cpu(who: int) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    """Command line: build, then write the timings as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("config", type=Path)
    parser.add_argument("site_dir", type=Path)
    parser.add_argument("result", type=Path)
    parser.add_argument("--profile", type=Path, help="write a pyinstrument profile (text and HTML) here")
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    started = time.perf_counter()
    instrument_plugin()
    from mkdocs.__main__ import cli

    profiler = None
    if args.profile:
        from pyinstrument import Profiler

        profiler = Profiler(interval=0.002)
        profiler.start()
    build_started = time.perf_counter()
    error = ""
    with TreeMemory() as tree:
        try:
            cli.main(["build", "--strict", "-f", str(args.config), "-d", str(args.site_dir)],
                     standalone_mode=False)
        except SystemExit as exc:  # click's Abort on a strict warning
            error = f"mkdocs exited with {exc.code}"
        except Exception as exc:  # noqa: BLE001 - reported to the parent, which fails the run
            error = f"{type(exc).__name__}: {exc}"
    finished = time.perf_counter()
    if profiler is not None:
        profiler.stop()
        args.profile.parent.mkdir(parents=True, exist_ok=True)
        args.profile.with_suffix(".txt").write_text(
            profiler.output_text(unicode=True, color=False, show_all=False), encoding="utf-8")
        args.profile.with_suffix(".html").write_text(profiler.output_html(), encoding="utf-8")
        if profiler.last_session is not None:  # for other views: pyinstrument --load=FILE -r text ...
            profiler.last_session.save(str(args.profile.with_suffix(".pyisession")))
    pages = sum(1 for p in args.site_dir.rglob("*.html") if p.name != "404.html") if not error else 0
    args.result.write_text(json.dumps({
        "build_seconds": finished - build_started,
        "process_seconds": finished - started,
        "plugin_seconds": sum(HOOK_SECONDS.values()),
        "hooks": dict(HOOK_SECONDS),
        "pages": pages,
        # The larger of the two views: the largest process alone, the tree's sum at one time.
        "peak_mb": max(peak_megabytes() or 0.0, tree.peak_mb) or None,
        "peak_process_mb": peak_megabytes(),
        "peak_tree_mb": tree.peak_mb,
        # Shared pages divided among the processes that share them: what they hold together.
        "peak_tree_pss_mb": tree.peak_pss_mb or None,
        "peak_by_process": tree.peaks,
        # CPU seconds of MkDocs' process, and of the children it waited for (the rendering, Pagefind).
        "cpu_self_seconds": _cpu(resource.RUSAGE_SELF),
        "cpu_children_seconds": _cpu(resource.RUSAGE_CHILDREN),
        "error": error,
    }, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()
