"""``python -m dossier links [--sources FOLDER]``: does every document's ``url`` still answer?

Checks each document's ``url`` and ``archive_url``: a HEAD request, then a GET when HEAD is
refused (405, 403, 501); redirects are followed one by one, at most one request per host every
``--per-host`` seconds, different hosts a few at a time. Each dead or moved link is printed as
``path:line:col: message`` at its value in the front matter. Results are kept in a cache file
(default ``.cache/dossier-links.json`` beside ``sources/``) and not asked again for
``--max-age`` hours. The exit status is 1 when a link is dead (with ``--strict``, also when one
has moved or did not answer), else 0.

Only the standard library: a HEAD or GET and its status are all it needs. It asks the network
(unlike ``check``), so it is not part of ``make test``; a scheduled job can run ``make links``.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import sys
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from dossier import Location, Problems
from dossier.cli.sources import existing_sources, shown
from dossier.reading import fields as schemas
from dossier.reading.files import SourceTree

USER_AGENT = "Dossier-link-checker/1.0 (python -m dossier links; checks that cited sources still answer)"
"""How the checker names itself to the sites it asks."""

LINK_FIELDS = ("url", "archive_url")
REFUSED_HEAD = {403, 405, 501}
"""Answers to HEAD after which the same address is asked with GET."""
PERMANENT = {301, 308}
TEMPORARY = {302, 303, 307}
DEAD = {404, 410}
SUCCESS = range(200, 300)
WEB = ("http", "https")
MAX_REDIRECTS = 10
CACHE_FORMAT = 1


@dataclass(frozen=True, slots=True)
class Link:
    """One link of a document's front matter."""

    field: str
    url: str
    location: Location
    archive_url: str = ""
    """The document's archived copy, when this is its ``url`` and it has one."""


@dataclass(slots=True)
class Outcome:
    """What a URL answered.

    `status` is ``live``, ``moved`` (a permanent redirect: `moved_to` is the new address),
    ``dead`` (404 or 410, a dead end of redirects, or a host that does not exist) or ``failing``
    (a timeout, a refused connection, a server error, or an answer that refuses the checker).
    """

    status: str
    detail: str = ""
    moved_to: str = ""
    checked: float = 0.0
    code: int = 0
    """The last HTTP status answered; 0 when no server answered at all."""


def links_of(sources: Path) -> tuple[list[Link], int]:
    """Every valid ``url`` and ``archive_url`` of the documents, at its value; and how many files have errors."""
    problems = Problems()
    reads = SourceTree(sources, sources.parent, problems).read()["documents"]
    found = []
    for read in reads:
        source = read.split(problems)
        if not source.readable:
            continue
        values = schemas.check(source.fields, schemas.DOCUMENT, source.end, problems)
        archive = str(values.get("archive_url", ""))
        for name in LINK_FIELDS:
            if name in values:
                found.append(Link(name, str(values[name]), source.fields[name].value_location,
                                  archive if name == "url" else ""))
    broken = len({p.location.path for p in problems.errors})
    return found, broken


class HostPace:
    """At most one request per host every `interval` seconds, across threads.

    `clock` and `sleep` are those of `time` but in tests.
    """

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, url: str) -> None:
        """Return when a request to the host of `url` may be sent; book the slot it takes."""
        host = urlsplit(url).netloc.lower()
        with self._lock:
            now = self._clock()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + self.interval
        if start > now:
            self._sleep(start - now)


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """Redirects come back as answers, so that each is seen, paced and classed."""

    def redirect_request(self, *_: object, **__: object) -> None:
        return None


class Checker:
    """Asks each URL, following its redirects by hand."""

    def __init__(self, timeout: float, pace: HostPace) -> None:
        self.timeout = timeout
        self.pace = pace
        self._opener = urllib.request.build_opener(_NoRedirects())

    def _ask(self, url: str, method: str) -> tuple[int, str, str]:
        """The status, reason and ``Location`` header of one request."""
        self.pace.wait(url)
        # Only http(s): the sources' values are checked so, and so is every redirect's target.
        request = urllib.request.Request(url, method=method,  # noqa: S310
                                         headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.status, response.reason, response.headers.get("Location", "")
        except urllib.error.HTTPError as answer:
            answer.close()
            return answer.code, str(answer.reason), answer.headers.get("Location", "") if answer.headers else ""

    def check(self, url: str) -> Outcome:
        """What `url` answers, after its redirects."""
        try:
            return self._follow(url)
        except TimeoutError:
            return Outcome("failing", f"did not answer within {self.timeout:g} s")
        except urllib.error.URLError as error:
            reason = error.reason
            if isinstance(reason, TimeoutError):
                return Outcome("failing", f"did not answer within {self.timeout:g} s")
            if isinstance(reason, socket.gaierror):
                return Outcome("dead", f"names a host that does not exist ({urlsplit(url).hostname})")
            return Outcome("failing", f"could not be reached ({reason})")
        except (OSError, ValueError) as error:  # a reset connection, a malformed answer
            return Outcome("failing", f"could not be reached ({error})")

    def _follow(self, url: str) -> Outcome:
        address, moved_to, moved_code, permanent = url, "", 0, True
        for _ in range(MAX_REDIRECTS + 1):
            code, reason, location = self._ask(address, "HEAD")
            if code in REFUSED_HEAD:
                code, reason, location = self._ask(address, "GET")
            if code in PERMANENT | TEMPORARY and location:
                address = urljoin(address, location)
                if urlsplit(address).scheme not in WEB:
                    return Outcome("dead", f"redirects to {address}, which is not a web address", code=code)
                permanent = permanent and code in PERMANENT
                if permanent:
                    moved_to, moved_code = address, moved_code or code
                continue
            answer = f"{code} {reason}".strip()
            via = f" (redirected to {address})" if address != url else ""
            if code in SUCCESS:
                return Outcome("moved", f"({moved_code})", moved_to, code=code) if moved_to else Outcome("live", code=code)
            if code in DEAD:
                return Outcome("dead", f"answers {answer}{via}", code=code)
            return Outcome("failing", f"answers {answer}{via}", code=code)
        return Outcome("dead", f"redirects more than {MAX_REDIRECTS} times", code=code)


def check_all(urls: Iterable[str], checker: Checker, workers: int) -> dict[str, Outcome]:
    """Each URL's outcome: one thread per host at a time, up to `workers` hosts at once."""
    by_host: dict[str, list[str]] = {}
    for url in dict.fromkeys(urls):
        by_host.setdefault(urlsplit(url).netloc.lower(), []).append(url)
    results: dict[str, Outcome] = {}

    def host_run(urls: list[str]) -> None:
        for url in urls:
            outcome = checker.check(url)
            outcome.checked = time.time()
            results[url] = outcome

    if by_host:
        with ThreadPoolExecutor(max_workers=max(1, min(workers, len(by_host)))) as pool:
            for done in [pool.submit(host_run, urls) for urls in by_host.values()]:
                done.result()
    return results


def read_cache(path: Path, max_age: float, now: float) -> dict[str, Outcome]:
    """The cached outcomes younger than `max_age` seconds; nothing when the file is missing or unreadable."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if data.get("format") != CACHE_FORMAT:
            return {}
        entries = {url: Outcome(**entry) for url, entry in data["links"].items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}
    return {url: o for url, o in entries.items() if 0 <= now - o.checked <= max_age}


def write_cache(path: Path, outcomes: dict[str, Outcome]) -> None:
    """Keep `outcomes` in `path`, replaced whole so that a run cut short leaves the old file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    data = {"format": CACHE_FORMAT, "links": {url: asdict(o) for url, o in sorted(outcomes.items())}}
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    os.replace(temporary, path)


def report(links: list[Link], outcomes: dict[str, Outcome]) -> Problems:
    """A problem at each link that is dead (an error), moved or failing (warnings)."""
    problems = Problems()
    for link in links:
        outcome = outcomes[link.url]
        if outcome.status == "dead":
            if link.archive_url:
                advice = "; readers are offered its archive_url"
            elif link.field == "url":
                advice = (f"; add an archived copy as archive_url (https://web.archive.org/web/*/{link.url} "
                          "lists those of the Wayback Machine)")
            else:
                advice = "; find another archived copy"
            problems.error(link.location, f"'{link.field}' is dead: {link.url} {outcome.detail}{advice}")
        elif outcome.status == "moved":
            problems.warning(link.location, f"'{link.field}' has moved: {link.url} redirects permanently "
                                            f"{outcome.detail} to {outcome.moved_to}; if it is the same document, "
                                            "write the new address")
        elif outcome.status == "failing":
            problems.warning(link.location, f"'{link.field}' {link.url} {outcome.detail}")
    return problems


def add_parser(commands: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``links`` to the command line."""
    parser = commands.add_parser("links", help="check that every document's url and archive_url still answer",
                                 description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sources", nargs="?", default="sources",
                        help="the sources folder, or a project folder holding one (default: sources)")
    parser.add_argument("--timeout", type=float, default=15.0, help="seconds to wait for an answer (default: 15)")
    parser.add_argument("--per-host", type=float, default=2.0,
                        help="at least this many seconds between two requests to one host (default: 2)")
    parser.add_argument("--workers", type=int, default=4, help="hosts asked at once (default: 4)")
    parser.add_argument("--max-age", type=float, default=24.0,
                        help="hours a cached result is used instead of asking again (default: 24; 0 asks again)")
    parser.add_argument("--cache", help="the cache file (default: .cache/dossier-links.json beside the sources folder)")
    parser.add_argument("--strict", action="store_true", help="fail on moved and unanswered links too")


def run(args: argparse.Namespace) -> int:
    """Check the links; print each problem; return 1 when one is dead (or, with --strict, any problem)."""
    sources = existing_sources(args.sources)
    if sources is None:
        return 1
    started = time.perf_counter()
    links, broken = links_of(sources)
    cache = Path(args.cache) if args.cache else sources.resolve().parent / ".cache" / "dossier-links.json"
    now = time.time()
    cached = read_cache(cache, args.max_age * 3600, now)
    wanted = {link.url for link in links}
    asked = check_all(sorted(wanted - set(cached)), Checker(args.timeout, HostPace(args.per_host)), args.workers)
    outcomes = {url: o for url, o in cached.items() if url in wanted} | asked
    offline = bool(asked) and not any(o.code for o in asked.values())
    write_cache(cache, {url: o for url, o in outcomes.items() if not (offline and url in asked)})
    problems = report(links, outcomes)
    for problem in problems.sorted():
        print(problem)
    elapsed = time.perf_counter() - started
    dead = len(problems.errors)
    documents = len({link.location.path for link in links})
    print(f"{len(wanted)} link(s) in {documents} document(s), "
          f"{len(asked)} asked, {len(wanted) - len(asked)} from {shown(cache)}: {dead} dead, "
          f"{len(problems.warnings)} moved or not answering, in {elapsed:.1f} s", file=sys.stderr)
    if offline:
        print("No server answered at all: if this machine is offline, these results mean nothing (they are not "
              "cached)", file=sys.stderr)
    if broken:
        print(f"{broken} document(s) with errors in their front matter may be missing: make check shows them",
              file=sys.stderr)
    return 1 if dead or (args.strict and problems.warnings) else 0
