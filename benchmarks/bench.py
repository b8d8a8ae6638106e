"""The scale benchmark of issue 16: the Dossier site against a plain Material site, in one run.

For each N (default 1,000 and 2,000) it writes a synthetic corpus of N documents (`corpus.py`: 8
paragraphs a document, N/5 actors, N/10 claims) as dense as the real corpus (statements a document,
measured in ``sources/`` and printed) and builds, each strictly in a child process of its own
(`build.py`, which times the plugin's hooks and reads peak memory):

- **dossier**: the Dossier site, its Pagefind search included;
- **dossier-light** (unless ``--no-light``): the same at issue 16's lighter density (7 statements a
  document), reported beside the headline;
- **baseline**: the baseline issue 16 names, a plain Material site with Material's own search and
  1.5 pages of ordinary Markdown per document (8 paragraphs, 8 footnotes each);
- **twin** (unless ``--no-twin``): a plain Material site with its search and the same pages as
  Dossier's, each sized to give as much HTML (`plain.py`): time per byte, reported beside the target.

With ``--repeat K`` every site is built K times, in K rounds of one build per site (so a drift in the
machine's speed touches every site alike), and its fastest build counts. Then, on the largest
Dossier site: the largest page, the bytes Chromium transfers for the home page plus one search
query (`transfer.py`), and (unless ``--no-links``) a check of every link. Unless ``--no-serve`` it
also times the real five-document site and ``mkdocs serve`` showing a saved edit, and unless
``--no-preview`` the incremental preview at each size of 2,000 documents or more: a saved stance
until its claim page shows it (issue 28). It prints a table and the targets, met or not, and
writes ``results.json``.

Usage: ``python benchmarks/bench.py [--sizes 1000 2000] [--repeat K] [--statements K] [--no-light]
[--no-twin] [--no-links] [--no-serve] [--no-preview] [--no-transfer] [--profile N] [--quick] [--real-only]``. ``make bench`` runs the
default sizes; ``make bench-large`` runs N = 10,000 (not in CI). Work files go to ``benchmarks/out/``.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import corpus  # sibling modules: the script's folder is on the path
import projects
from sitetools import interruptible_children

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent

PYTHON = sys.executable
MKDOCS = str(Path(sys.executable).with_name("mkdocs"))
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONHASHSEED": "0"}

TARGETS = {
    "ratio": 1.5,  # build seconds, Dossier / the baseline, at 1,000 documents (issue 16), at the real density (28)
    "cpu_ratio": 2.0,  # CPU seconds, Dossier / the baseline, at 1,000 documents (issue 28)
    "growth": 2.1,  # build seconds at 2,000 documents / at 1,000 (issue 16)
    "transfer_mb": 1.0,  # home page + one search query, at 2,000 documents (issue 16)
    "largest_page_kb": 500,  # the largest HTML page, at 2,000 documents (issue 16)
    "memory_mb": 4096,  # peak memory of the build's processes together, at 10,000 documents (issue 28)
    "real_site_seconds": 2.0,  # issue 4, reported
    "serve_seconds": 1.5,  # issue 4, reported
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
    cpu_children_seconds: float = 0.0  # of the CPU seconds, those of the build's children (rendering, Pagefind)
    build_seconds: float = 0.0
    plugin_seconds: float = 0.0
    peak_mb: float = 0.0  # resident memory of the build's processes together: an upper bound
    peak_pss_mb: float = 0.0  # proportional: shared pages divided among the processes (the target's figure)
    peaks: dict[str, dict[str, float]] = field(default_factory=dict)  # each process's own (build.py TreeMemory)
    html_mb: float = 0.0
    output_mb: float = 0.0
    largest_page: str = ""
    largest_page_kb: float = 0.0
    hooks: dict[str, float] = field(default_factory=dict)
    runs: list[float] = field(default_factory=list)

    def keep_faster(self, other: Build) -> None:
        """Add `other`'s runs (the same site, built again); keep its figures if it was faster."""
        runs = self.runs + other.runs
        if not self.runs or other.seconds < self.seconds:
            self.__dict__.update(other.__dict__)
        self.runs = runs

    @property
    def per_page(self) -> float:
        return self.seconds / self.pages if self.pages else 0.0


def run_build(project: Path, label: str, documents: int, *, profile: Path | None = None) -> Build:
    """Build `project` once, in a child process, and return its figures."""
    site = project / "site"
    projects.set_aside(site, project.parent)  # not deleted: the build would pay for it (`set_aside`)
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
    pages = [(p.stat().st_size, p) for p in site.rglob("*.html")]
    largest_size, largest = max(pages)
    peak = data.get("peak_mb")
    if peak is None:  # no /proc: the kernel's figure, which may include ours
        peak = usage.ru_maxrss / 1024  # kilobytes on Linux
    pss = data.get("peak_tree_pss_mb") or peak
    return Build(label, documents, pages=data["pages"], seconds=elapsed, cpu_seconds=usage.ru_utime + usage.ru_stime,
                 cpu_children_seconds=data.get("cpu_children_seconds", 0.0), build_seconds=data["build_seconds"], plugin_seconds=data["plugin_seconds"], peak_mb=peak,
                 peak_pss_mb=pss, peaks=data.get("peak_by_process") or {},
                 html_mb=sum(size for size, _ in pages) / 1e6, hooks=data["hooks"], runs=[elapsed],
                 output_mb=sum(p.stat().st_size for p in site.rglob("*") if p.is_file()) / 1e6,
                 largest_page=largest.relative_to(site).as_posix(), largest_page_kb=largest_size / 1e3)


def fastest_build(project: Path, label: str, documents: int, repeat: int) -> Build:
    """Build `project` `repeat` times in a row and keep the fastest build's figures."""
    build = Build(label, documents)
    for _ in range(repeat):
        build.keep_faster(run_build(project, label, documents))
    return build


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
    latencies = []
    with _served(project, port, url, project / "serve.log", restore=(document, original),
                 start_seconds=120, poll=0.1, stop_seconds=10):
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
    return latencies


@contextlib.contextmanager
def _served(project: Path, port: int, url: str, log_path: Path, *, restore: tuple[Path, str], start_seconds: float,
            poll: float, stop_seconds: float) -> Iterator[None]:
    """``mkdocs serve --no-strict --dirty`` (as ``make serve`` runs it) on `port`, once `url` answers.

    On leaving, the file of `restore` (path, text) gets its text back, and the server is stopped as
    Ctrl-C stops it (it removes its temporary folders).
    """
    log = log_path.open("w", encoding="utf-8")
    with interruptible_children():  # so that SIGINT stops it as Ctrl-C does, also under nohup
        server = subprocess.Popen([MKDOCS, "serve", "--no-strict", "--dirty", "-f", str(project / "mkdocs.yml"),
                                   "-a", f"127.0.0.1:{port}"],
                                  cwd=project, env=ENV, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + start_seconds
        while _get(url) is None:
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit(f"mkdocs serve did not come up; see {log_path}")
            time.sleep(poll)
        yield
    finally:
        restore[0].write_text(restore[1], encoding="utf-8")
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=stop_seconds)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


# Incremental preview (issue 28) ---------------------------------------------------------

PREVIEW_TARGETS = {2000: 2.0, 10000: 5.0}
"""Seconds from a saved stance to its claim page served by ``make serve``, by corpus size (issue 28)."""

_LIVERELOAD = re.compile(r"<script>[^<]*livereload\([^<]*</script>")


def _page_without_reload(url: str) -> str | None:
    """The page at `url` without the live-reload script, which changes with every request."""
    page = _get(url)
    return None if page is None else _LIVERELOAD.sub("", page)


def preview_latency(project: Path, edits: int = 3) -> list[float]:
    """Seconds from saving a changed stance in one document until ``make serve`` serves its claim page changed.

    Starts ``mkdocs serve --no-strict --dirty`` as `serve_latency` does; each edit turns the first
    ``supports=`` or ``disputes=`` of a statement of one document into the other (and back on the
    next edit), and the claim page is polled every 20 ms until it differs from before the save.
    Between edits it waits for the preview's data files and search index (they follow the page).
    """
    document = sorted((project / "sources" / "documents").glob("*.md"))[0]
    original = document.read_text(encoding="utf-8")
    stance = re.search(r"\{(?:quote|says) by=[a-z0-9-]+ (supports|disputes)=([a-z0-9-]+)", original)
    if stance is None:
        raise SystemExit(f"{document}: no stance to change")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/claims/{stance.group(2)}/"
    log_path = project / "preview.log"
    latencies = []
    with _served(project, port, url, log_path, restore=(document, original),
                 start_seconds=1200, poll=0.5, stop_seconds=30):
        for attempt in range(edits):
            before = _page_without_reload(url)
            flipped = {"supports": "disputes", "disputes": "supports"}[stance.group(1)] if attempt % 2 == 0 \
                else stance.group(1)
            edited = original[:stance.start(1)] + flipped + original[stance.end(1):]
            settled = log_path.read_text(encoding="utf-8").count("data files and search index")
            started = time.perf_counter()
            document.write_text(edited, encoding="utf-8")
            deadline = time.monotonic() + 120
            while True:
                page = _page_without_reload(url)
                if page is not None and page != before:
                    latencies.append(time.perf_counter() - started)
                    break
                if time.monotonic() > deadline:
                    raise SystemExit(f"the edit did not show within 120 s; see {log_path}")
                time.sleep(0.02)
            deadline = time.monotonic() + 900
            while log_path.read_text(encoding="utf-8").count("data files and search index") <= settled:
                if time.monotonic() > deadline:
                    raise SystemExit(f"the data files and search did not follow within 900 s; see {log_path}")
                time.sleep(0.2)
    return latencies


def preview_verdicts(extra: dict[str, Any]) -> list[str]:
    """Issue 28's preview targets, met or not, at each size measured."""
    out: list[str] = []
    for documents, latencies in sorted(extra.get("preview", {}).items()):
        target = PREVIEW_TARGETS.get(int(documents), PREVIEW_TARGETS[10000])
        _verdict(out, max(latencies) <= target,
                 f"the preview at {int(documents):,} documents shows a saved stance on its claim page in "
                 + ", ".join(f"{s:.2f}" for s in latencies) + f" s (target ≤ {target:g} s)")
    return out


# Report --------------------------------------------------------------------------------


def table(builds: list[Build]) -> str:
    """The figures as a Markdown table: time against the baseline, and per byte against the twin."""
    by = {(b.site, b.documents): b for b in builds}
    lines = [("| Site | Documents | Pages | HTML MB | All files MB | Largest page KB | Seconds | CPU s "
              "| vs baseline | s per HTML MB vs twin | Plugin s | Peak MB (PSS) | Peak MB (RSS) |"),
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"]
    for b in builds:
        base, twin = by.get(("baseline", b.documents)), by.get(("twin", b.documents))
        ratio = f"{b.seconds / base.seconds:.2f}×" if base and b.site != "baseline" and base.seconds else "—"
        per_byte = (f"{(b.seconds / b.html_mb) / (twin.seconds / twin.html_mb):.2f}×"
                    if twin and b.site == "dossier" and twin.seconds and b.html_mb else "—")
        plugin = f"{b.plugin_seconds:.2f}" if b.site.startswith("dossier") else "—"
        lines.append(f"| {b.site} | {b.documents:,} | {b.pages:,} | {b.html_mb:.1f} | {b.output_mb:.1f} | "
                     f"{b.largest_page_kb:.0f} | {b.seconds:.1f} | {b.cpu_seconds:.1f} | {ratio} | {per_byte} | "
                     f"{plugin} | {b.peak_pss_mb:.0f} | {b.peak_mb:.0f} |")
    return "\n".join(lines)


def _split(build: Build) -> str:
    """Each process's own peak, proportional and resident: ``; mkdocs 900/1,200 MB, …``."""
    parts = [f"{role} {peak['pss_mb']:.0f}/{peak['rss_mb']:.0f}" for role, peak in build.peaks.items()
             if peak["rss_mb"] >= 1]
    return f"; each alone, PSS/RSS MB: {', '.join(parts)}" if parts else ""


def verdicts(builds: list[Build], extra: dict[str, Any], sizes: list[int]) -> list[str]:
    """Each target of issue 16 with the measured figure, met or not."""
    out: list[str] = []
    line = functools.partial(_verdict, out)
    dossier = {b.documents: b for b in builds if b.site == "dossier"}
    baseline = {b.documents: b for b in builds if b.site == "baseline"}
    if not sizes:
        return _real_and_serve(out, extra)
    small, large = sizes[0], sizes[-1]
    density = extra.get("density", {})
    if small in baseline:
        ratio = dossier[small].seconds / baseline[small].seconds
        line(ratio <= TARGETS["ratio"], f"{small:,} documents build in {dossier[small].seconds:.1f} s, "
                                        f"{ratio:.2f}× the baseline's {baseline[small].seconds:.1f} s "
                                        f"(target ≤ {TARGETS['ratio']}×), at "
                                        f"{density.get('statements', '?')} statements a document")
        cpu = dossier[small].cpu_seconds / baseline[small].cpu_seconds
        line(cpu <= TARGETS["cpu_ratio"], f"{small:,} documents take {dossier[small].cpu_seconds:.1f} CPU seconds, "
                                          f"{cpu:.2f}× the baseline's {baseline[small].cpu_seconds:.1f} "
                                          f"(target ≤ {TARGETS['cpu_ratio']}×)")
    for n in sizes:
        if n != small and n in baseline and n in dossier:
            out.append(f"- {n:,} documents: {dossier[n].seconds / baseline[n].seconds:.2f}× the baseline, "
                       f"{dossier[n].cpu_seconds / baseline[n].cpu_seconds:.2f}× in CPU seconds (reported)")
    light = {b.documents: b for b in builds if b.site == "dossier-light"}
    for n in sizes:
        if n in light and n in baseline:
            out.append(f"- at the lighter density ({density.get('light', '?')} statements a document), {n:,} "
                       f"documents: {light[n].seconds / baseline[n].seconds:.2f}× the baseline, "
                       f"{light[n].cpu_seconds / baseline[n].cpu_seconds:.2f}× in CPU seconds (reported)")
    if large != small:
        growth = dossier[large].seconds / dossier[small].seconds
        wanted = TARGETS["growth"] * large / (2 * small)
        line(growth <= wanted, f"{large:,} documents take {growth:.2f}× the time of {small:,} (target ≤ {wanted:.1f}×)")
    biggest = dossier[large]
    line(biggest.largest_page_kb <= TARGETS["largest_page_kb"],
         f"largest HTML page at {large:,} documents: {biggest.largest_page} {biggest.largest_page_kb:.0f} KB "
         f"(target ≤ {TARGETS['largest_page_kb']} KB)")
    if "transfer" in extra:
        transfer = extra["transfer"]
        line(transfer["total_mb"] <= TARGETS["transfer_mb"],
             f"home page plus the search query {transfer['query']!r} at {large:,} documents: "
             f"{transfer['total_mb']:.2f} MB transferred in Chromium ({transfer['home_mb']:.2f} MB the home page, "
             f"{transfer['requests']} requests, {transfer['results']} results shown) (target ≤ {TARGETS['transfer_mb']} MB)")
    most = dossier[max(dossier)]
    line(most.peak_pss_mb < TARGETS["memory_mb"],
         f"peak memory {most.peak_pss_mb:.0f} MB at {max(dossier):,} documents, the build's processes together, "
         f"shared pages divided among them (PSS; {most.peak_mb:.0f} MB resident, counted in each: an upper bound)"
         f"{_split(most)} (target < {TARGETS['memory_mb']} MB at 10,000)")
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
    parser.add_argument("--no-twin", action="store_true", help="skip the twin sized to Dossier's HTML")
    parser.add_argument("--statements", type=int,
                        help="statements a document of the headline corpus (default: the real corpus's density)")
    parser.add_argument("--no-light", action="store_true",
                        help=f"skip the Dossier site at the lighter density ({corpus.STATEMENTS} statements a document)")
    parser.add_argument("--no-transfer", action="store_true", help="skip the transfer measured in Chromium")
    parser.add_argument("--query", default="security risk", help="the search query of the transfer measurement")
    parser.add_argument("--no-serve", action="store_true", help="skip the real site and serve measurements")
    parser.add_argument("--no-preview", action="store_true",
                        help="skip the incremental preview's save-to-page time (sizes of 2,000 and more)")
    parser.add_argument("--real-only", action="store_true",
                        help="only the real site, its plain twin and serve (no synthetic corpus, no link check)")
    parser.add_argument("--profile", type=int, metavar="N", help="profile the Dossier build at N documents")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--config", type=Path, default=projects.CONFIG, help="the mkdocs.yml both sites start from")
    args = parser.parse_args()
    projects.CONFIG = args.config.resolve()
    args.out = args.out.resolve()  # the builds run in their project's folder
    sizes = [] if args.real_only else [200, 400] if args.quick else sorted(args.sizes)
    args.out.mkdir(parents=True, exist_ok=True)
    load = os.getloadavg()
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True,
                            check=False).stdout.strip()
    print(f"Dossier scale benchmark: sizes {sizes}, seed {args.seed}, commit {commit}, {os.cpu_count()} CPUs, "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}", flush=True)

    builds: list[Build] = []
    extra: dict[str, Any] = {}
    real_density = corpus.real_density(ROOT / "sources")
    statements = args.statements or max(1, round(real_density))
    extra["density"] = {"real": real_density, "statements": statements, "light": corpus.STATEMENTS}
    if sizes:
        print(f"density: the real corpus has {real_density:.1f} statements a document; the synthetic corpus "
              f"{statements}" + ("" if args.no_light else f", and {corpus.STATEMENTS} for the lighter one beside it"),
              flush=True)
    runs: list[tuple[Build, Path, Path | None]] = []
    for n in sizes:
        started = time.perf_counter()
        dossier_project, sizes_of, drop = projects.make_dossier_project(args.out, n, args.seed, statements=statements)
        projects_of = [("baseline", projects.make_baseline_project(args.out, n, drop, args.seed)),
                       ("dossier", dossier_project)]
        if not args.no_light:
            light, _, _ = projects.make_dossier_project(args.out, n, args.seed, name="dossier-light")
            projects_of.append(("dossier-light", light))
        if not args.no_twin:
            projects_of.append(("twin", projects.make_plain_project(args.out, n, sizes_of, drop, args.seed)))
        print(f"N={n:,}: projects written in {time.perf_counter() - started:.1f} s", flush=True)
        profile = args.out / f"profile-{n}" if args.profile == n else None
        for label, project in projects_of:
            build = Build(label, n)
            builds.append(build)
            runs.append((build, project, profile if label == "dossier" else None))
    # Round by round, every site once per round: this machine's speed drifts by 10% or more
    # within minutes, and the sites are compared with each other, so their runs are interleaved.
    for round_ in range(1, args.repeat + 1):
        for build, project, profile in runs:
            latest = run_build(project, build.site, build.documents, profile=profile)
            build.keep_faster(latest)
            print(f"  round {round_}  N={build.documents:,} {build.site:8} {latest.seconds:6.1f} s "
                  f"({latest.cpu_seconds:.1f} s CPU, {latest.cpu_children_seconds:.1f} of it in children)  {latest.pages:,} pages  {latest.html_mb:.1f} MB of HTML  "
                  f"largest {latest.largest_page_kb:.0f} KB  peak {latest.peak_pss_mb:.0f} MB PSS, {latest.peak_mb:.0f} RSS  "
                  f"(fastest {build.seconds:.1f} s)", flush=True)
    largest_site = args.out / f"dossier-{sizes[-1]}" / "site" if sizes else None
    if largest_site is not None and not args.no_transfer:
        from transfer import measure_transfer

        extra["transfer"] = measure_transfer(largest_site, args.query)
        print(f"transfer: {extra['transfer']}", flush=True)
    if largest_site is not None and not args.no_links:
        pages, links, problems, seconds = link_check(largest_site)
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

    if not args.no_preview:
        for n in (n for n in sizes if n >= min(PREVIEW_TARGETS)):
            extra.setdefault("preview", {})[n] = preview_latency(args.out / f"dossier-{n}")
            print(f"preview N={n:,}: " + ", ".join(f"{s:.2f} s" for s in extra["preview"][n]), flush=True)

    print()
    if builds:
        print(table(builds))
        print()
    print("\n".join(verdicts(builds, extra, sizes) + preview_verdicts(extra)))
    projects.clear_set_aside(args.out)  # everything is measured: deleting costs nothing any more
    (args.out / "results.json").write_text(json.dumps({
        "command": " ".join(sys.argv), "commit": commit, "load_average": load, "load_average_end": os.getloadavg(), "builds": [asdict(b) for b in builds],
        **extra}, indent=2), encoding="utf-8")
    if args.no_links is False and extra.get("links", {}).get("problems"):
        sys.exit(1)


if __name__ == "__main__":
    main()
