"""The scale benchmark: Dossier against a plain Material site of the same size, page for page.

For each N (default 1,000 and 2,000) it writes a synthetic corpus of N documents
(`corpus.py`), builds the Dossier site from it, writes a plain Material site with the same
pages, each sized to give as much HTML as the Dossier page it stands for (`plain.py`), and builds
that too; each build runs strictly in its own child process (`build.py`), which times the
plugin's hooks and reads its own peak memory. With ``--repeat K`` every site is built K times, in
K rounds of one build per site (so that a drift in the machine's speed touches every size
alike), and its fastest build counts. Then it checks every link, fragment and footnote of the
largest Dossier site, times a build of the real five-document site and of its plain twin (the
same pages as plain Markdown, the same API reference), and measures how long ``mkdocs serve``
takes to show a saved edit. It prints a table and the targets of issue 4, met or not.

Both sites use the repository's ``mkdocs.yml`` (theme, features, extensions, validation,
strict), with the ``mkdocstrings`` plugin and the API reference page it renders left out of
both: that page costs the same fixed second or so in each and says nothing about scale. The
real five-document site is built with everything, as ``make site`` builds it.

Usage: ``python benchmarks/bench.py [--sizes 1000 2000] [--quick] [--no-links] [--no-serve]
[--profile N] [--repeat K] [--real-only]``. Work files go to ``benchmarks/out/`` (ignored by git).
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import projects  # a sibling module: the script's folder is on the path
from sitetools import interruptible_children

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

PYTHON = sys.executable
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}

TARGETS = {
    "ratio": 1.2,  # seconds per page, Dossier / plain, at 1,000 documents
    "plugin_share": 0.10,  # the plugin's own work, as a share of the build, at 1,000 documents
    "growth": 2.2,  # build time at 2,000 documents / at 1,000
    "memory_mb": 2048,
    "real_site_seconds": 2.0,
    "serve_seconds": 1.5,
}


# Builds ----------------------------------------------------------------------------------


@dataclass
class Build:
    """One build's figures."""

    site: str
    documents: int
    pages: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    build_seconds: float = 0.0
    plugin_seconds: float = 0.0
    peak_mb: float = 0.0
    markdown_mb: float = 0.0
    html_mb: float = 0.0
    hooks: dict[str, float] = field(default_factory=dict)
    runs: list[float] = field(default_factory=list)

    def keep_faster(self, other: Build) -> None:
        """Add `other`'s runs (the same site, built again); keep its figures if it was faster."""
        runs = self.runs + other.runs
        if not self.runs or other.seconds < self.seconds:
            markdown_mb = self.markdown_mb
            self.__dict__.update(other.__dict__)
            self.markdown_mb = markdown_mb
        self.runs = runs

    @property
    def per_page(self) -> float:
        return self.seconds / self.pages if self.pages else 0.0


def run_build(project: Path, label: str, documents: int, *, profile: Path | None = None) -> Build:
    """Build `project` once, in a child process, and return its figures."""
    site = project / "site"
    if site.exists():
        shutil.rmtree(site)
    result_file = project / "build.json"
    command = [PYTHON, str(HERE / "build.py"), str(project / "mkdocs.yml"), str(site), str(result_file)]
    if profile is not None:
        command += ["--profile", str(profile)]
    log = (project / "build.log").open("w", encoding="utf-8")
    started = time.perf_counter()
    child = subprocess.Popen(command, cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    elapsed = time.perf_counter() - started
    log.close()
    data = json.loads(result_file.read_text(encoding="utf-8")) if result_file.exists() else {}
    if child.returncode or data.get("error") or not data:
        tail = (project / "build.log").read_text(encoding="utf-8").splitlines()[-30:]
        raise SystemExit(f"{label}: build failed ({data.get('error') or child.returncode}):\n" + "\n".join(tail))
    peak = data.get("peak_mb")
    if peak is None:  # no /proc: the kernel's figure, which may include ours
        peak = usage.ru_maxrss / 1024  # kilobytes on Linux
    return Build(label, documents, pages=data["pages"], seconds=elapsed, cpu_seconds=usage.ru_utime + usage.ru_stime,
                 build_seconds=data["build_seconds"], plugin_seconds=data["plugin_seconds"], peak_mb=peak,
                 html_mb=sum(p.stat().st_size for p in site.rglob("*.html")) / 1e6, hooks=data["hooks"],
                 runs=[elapsed])


def fastest_build(project: Path, label: str, documents: int, repeat: int) -> Build:
    """Build `project` `repeat` times in a row and keep the fastest build's figures."""
    build = Build(label, documents)
    for _ in range(repeat):
        build.keep_faster(run_build(project, label, documents))
    return build


def markdown_megabytes(sizes: dict[str, int]) -> float:
    """Total Markdown handed to MkDocs, in MB (characters / 1e6)."""
    return sum(sizes.values()) / 1e6


# Link check and serve ------------------------------------------------------------------


def link_check(site: Path) -> tuple[int, int, list[str], float]:
    """``(pages, links, problems, seconds)`` of the independent checker of the test suite."""
    from sitetools import check_links

    started = time.perf_counter()
    report = check_links(site)
    return report.pages, report.links, report.problems, time.perf_counter() - started


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 - our localhost server
            return response.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def serve_latency(project: Path, edits: int = 3) -> list[float]:
    """Seconds from saving an edit to a document until ``mkdocs serve`` serves the changed page.

    Starts ``mkdocs serve --no-strict --dirty`` (as ``make serve`` does) on a free localhost port, changes the title
    of one document `edits` times, polls its page every 20 ms until the new title is there, and
    stops the server.
    """
    document = sorted((project / "sources" / "documents").glob("*.md"))[0]
    original = document.read_text(encoding="utf-8")
    if not re.search(r"^title:.*$", original, re.MULTILINE):
        raise SystemExit(f"{document}: no title line to edit")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/documents/{document.stem}/"
    log = (project / "serve.log").open("w", encoding="utf-8")
    with interruptible_children():  # so that SIGINT stops it as Ctrl-C does, also under nohup
        server = subprocess.Popen([MKDOCS, "serve", "--no-strict", "--dirty", "-f", str(project / "mkdocs.yml"),
                                   "-a", f"127.0.0.1:{port}"],
                                  cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    latencies = []
    try:
        deadline = time.monotonic() + 120
        while _get(url) is None:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"mkdocs serve did not come up; see {project / 'serve.log'}")
            time.sleep(0.1)
        for attempt in range(1, edits + 1):
            time.sleep(1.0)  # let the watcher settle after the previous build
            token = f"Benchedit{os.getpid()}x{attempt}"
            edited = re.sub(r"^title:.*$", f'title: "{token}"', original, count=1, flags=re.MULTILINE)
            started = time.perf_counter()
            document.write_text(edited, encoding="utf-8")
            deadline = time.monotonic() + 30
            while True:
                page = _get(url)
                if page is not None and token in page:
                    latencies.append(time.perf_counter() - started)
                    break
                if time.monotonic() > deadline:
                    raise SystemExit(f"the edit did not show within 30 s; see {project / 'serve.log'}")
                time.sleep(0.02)
    finally:
        document.write_text(original, encoding="utf-8")
        server.send_signal(signal.SIGINT)  # as Ctrl-C: it removes its temporary folders
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    return latencies


# Report --------------------------------------------------------------------------------


def table(builds: list[Build]) -> str:
    """The figures as a Markdown table; CPU seconds include the build's child processes (Dossier's helpers)."""
    plain = {b.documents: b for b in builds if b.site == "plain"}
    lines = [("| Site | Documents | Pages | HTML MB | Seconds | CPU s | ms/page | vs plain | Plugin s | Plugin share "
              "| Peak MB |"),
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for b in builds:
        base = plain.get(b.documents)
        ratio = f"{b.per_page / base.per_page:.2f}×" if base and b.site != "plain" and base.per_page else "—"
        plugin = f"{b.plugin_seconds:.2f}" if b.site == "dossier" else "—"
        share = f"{b.plugin_seconds / b.seconds:.1%}" if b.site == "dossier" and b.seconds else "—"
        lines.append(f"| {b.site} | {b.documents:,} | {b.pages:,} | {b.html_mb:.1f} | {b.seconds:.1f} | "
                     f"{b.cpu_seconds:.1f} | "
                     f"{b.per_page * 1000:.1f} | {ratio} | {plugin} | {share} | {b.peak_mb:.0f} |")
    return "\n".join(lines)


def verdicts(builds: list[Build], extra: dict[str, Any], sizes: list[int]) -> list[str]:
    """Each target of issue 4 with the measured figure, met or not."""
    out = []
    dossier = {b.documents: b for b in builds if b.site == "dossier"}
    plain = {b.documents: b for b in builds if b.site == "plain"}

    line = functools.partial(_verdict, out)
    if not sizes:
        return _real_and_serve(out, extra)
    small, large = sizes[0], sizes[-1]
    d, p = dossier[small], plain[small]
    ratio = d.per_page / p.per_page
    line(ratio <= TARGETS["ratio"], f"seconds per page at {small:,} documents: {ratio:.2f}× the plain site's "
                                     f"(target ≤ {TARGETS['ratio']}×)")
    share = d.plugin_seconds / d.seconds
    line(share < TARGETS["plugin_share"], f"plugin's own work at {small:,} documents: {share:.1%} of the build "
                                          f"(target < {TARGETS['plugin_share']:.0%})")
    if large != small:
        growth = dossier[large].seconds / d.seconds
        wanted = TARGETS["growth"] * large / (2 * small)
        line(growth <= wanted, f"{large:,} documents take {growth:.2f}× the time of {small:,} "
                               f"(target ≤ {wanted:.1f}×)")
    peak = max(b.peak_mb for b in dossier.values())
    line(peak < TARGETS["memory_mb"], f"peak memory {peak:.0f} MB (target < {TARGETS['memory_mb']} MB)")
    if "links" in extra:
        links = extra["links"]
        line(not links["problems"], f"link check at {large:,} documents: {links['pages']:,} pages, "
                                    f"{links['links']:,} links, {len(links['problems'])} problem(s) "
                                    f"({links['seconds']:.0f} s)")
    return _real_and_serve(out, extra)


def _verdict(out: list[str], ok: bool, text: str) -> None:  # noqa: FBT001 - met or not, as printed
    out.append(f"- [{'x' if ok else ' '}] {text}")


def _real_and_serve(out: list[str], extra: dict[str, Any]) -> list[str]:
    """The verdicts on the real site's build and on ``mkdocs serve``."""
    line = functools.partial(_verdict, out)
    if "real" in extra:
        real = extra["real"]
        line(real["seconds"] < TARGETS["real_site_seconds"],
             f"the real {real['documents']}-document site builds in {real['seconds']:.2f} s, "
             f"`mkdocs build` process included; {real['build_seconds']:.2f} s in MkDocs' build; "
             f"a plain Material site with the same pages and API reference: {real['plain_seconds']:.2f} s "
             f"(target < {TARGETS['real_site_seconds']} s)")
    if "serve" in extra:
        serve = extra["serve"]
        line(max(serve) < TARGETS["serve_seconds"],
             "`mkdocs serve` shows a saved edit in " + ", ".join(f"{s:.2f}" for s in serve)
             + f" s (target < {TARGETS['serve_seconds']} s)")
    return out


def main() -> None:
    """Command line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 2000], help="corpus sizes (documents)")
    parser.add_argument("--quick", action="store_true", help="sizes 200 and 400, one serve edit")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--repeat", type=int, default=1,
                        help="builds per site, in rounds of one build per site; the fastest counts")
    parser.add_argument("--no-links", action="store_true", help="skip the link check of the largest site")
    parser.add_argument("--no-serve", action="store_true", help="skip the real site and serve measurements")
    parser.add_argument("--real-only", action="store_true",
                        help="only the real site, its plain twin and serve (no synthetic corpus, no link check)")
    parser.add_argument("--profile", type=int, metavar="N", help="profile the Dossier build at N documents")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--config", type=Path, default=projects.CONFIG, help="the mkdocs.yml both sites start from")
    args = parser.parse_args()
    projects.CONFIG = args.config.resolve()
    sizes = [] if args.real_only else [200, 400] if args.quick else sorted(args.sizes)
    args.out.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    print(f"Dossier scale benchmark: sizes {sizes}, seed {args.seed}, {os.cpu_count()} CPUs, "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)

    builds: list[Build] = []
    extra: dict[str, Any] = {}
    runs: list[tuple[Build, Path, Path | None]] = []
    for n in sizes:
        started = time.perf_counter()
        dossier_project, sizes_of, drop = projects.make_dossier_project(args.out, n, args.seed)
        plain_project = projects.make_plain_project(args.out, n, sizes_of, drop, args.seed)
        print(f"N={n:,}: projects written in {time.perf_counter() - started:.1f} s "
              f"({len(sizes_of):,} pages each; the plain site {markdown_megabytes(sizes_of):.1f} MB of Markdown)",
              flush=True)
        profile = args.out / f"profile-{n}" if args.profile == n else None
        for label, project in (("plain", plain_project), ("dossier", dossier_project)):
            build = Build(label, n, markdown_mb=markdown_megabytes(sizes_of))
            builds.append(build)
            runs.append((build, project, profile if label == "dossier" else None))
    # Round by round, every site once per round: this machine's speed drifts by 10% or more
    # within minutes, and the sizes are compared with each other, so their runs are interleaved.
    for round_ in range(1, args.repeat + 1):
        for build, project, profile in runs:
            latest = run_build(project, build.site, build.documents, profile=profile)
            build.keep_faster(latest)
            print(f"  round {round_}  N={build.documents:,} {build.site:8} {latest.seconds:6.1f} s "
                  f"({latest.cpu_seconds:.1f} s CPU)  {latest.pages:,} pages  {latest.html_mb:.1f} MB of HTML  "
                  f"plugin {latest.plugin_seconds:.2f} s  peak {latest.peak_mb:.0f} MB  "
                  f"(fastest {build.seconds:.1f} s)", flush=True)
    if not args.no_links and sizes:
        pages, links, problems, seconds = link_check(args.out / f"dossier-{sizes[-1]}" / "site")
        extra["links"] = {"pages": pages, "links": links, "problems": problems, "seconds": seconds}
        print(f"link check: {pages:,} pages, {links:,} links, {len(problems)} problem(s) in {seconds:.0f} s",
              flush=True)
        for problem in problems[:20]:
            print(f"  {problem}")
    if not args.no_serve:
        real = projects.make_real_project(args.out)
        documents = len(list((real / "sources" / "documents").glob("*.md")))
        build = fastest_build(real, "real", documents, repeat=3)
        twin = fastest_build(projects.make_real_twin(args.out, real, args.seed), "real-plain", documents, repeat=3)
        extra["real"] = {"documents": documents, "seconds": build.seconds, "build_seconds": build.build_seconds,
                         "pages": build.pages, "plugin_seconds": build.plugin_seconds, "runs": build.runs,
                         "plain_seconds": twin.seconds, "plain_pages": twin.pages, "plain_runs": twin.runs}
        print(f"real site: {build.seconds:.2f} s ({build.build_seconds:.2f} s in MkDocs' build, plugin "
              f"{build.plugin_seconds:.2f} s), {build.pages} pages; its plain Material twin (same pages, same "
              f"API reference): {twin.seconds:.2f} s, {twin.pages} pages", flush=True)
        extra["serve"] = serve_latency(real, edits=1 if args.quick else 3)
        print("serve: " + ", ".join(f"{s:.2f} s" for s in extra["serve"]), flush=True)

    print()
    if builds:
        print(table(builds))
        print()
    print("\n".join(verdicts(builds, extra, sizes)))
    (args.out / "results.json").write_text(json.dumps({
        "command": " ".join(sys.argv), "load_average": load, "builds": [asdict(b) for b in builds],
        **extra}, indent=2), encoding="utf-8")
    if args.no_links is False and extra.get("links", {}).get("problems"):
        sys.exit(1)


if __name__ == "__main__":
    main()
