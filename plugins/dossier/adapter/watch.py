"""``mkdocs serve`` told of a change in ``sources/`` by the operating system, not by polling.

MkDocs polls what it watches every half second (watchdog's polling observer): a poll reads the
whole folder, 40 ms for the 4,667 files of 2,000 documents, in a thread that holds the
interpreter while the rebuild runs. Half a second of waiting on average a quarter, and the
polls, were a fifth of the time a saved edit took to show at 2,000 documents. The platform's own
observer (inotify on Linux, FSEvents on macOS, ReadDirectoryChangesW on Windows) reports a
saved file at once and costs nothing between saves; only changes to files ask for a rebuild
(`CHANGES`). Where it cannot watch the folder (too few inotify watches, a file system without
notifications), the folder is polled as before.
"""

from __future__ import annotations

from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import get_plugin_logger
from watchdog.events import (
    FileClosedEvent,
    FileCreatedEvent,
    FileDeletedEvent,
    FileModifiedEvent,
    FileMovedEvent,
    FileSystemEvent,
    FileSystemEventHandler,
)
from watchdog.observers import Observer
from watchdog.observers.api import BaseObserver, ObservedWatch
from watchdog.observers.polling import PollingObserver, PollingObserverVFS

log = get_plugin_logger(__name__)


CHANGES: list[type[FileSystemEvent]] = [FileCreatedEvent, FileDeletedEvent, FileModifiedEvent, FileMovedEvent,
                                        FileClosedEvent]
"""What a save, a new file, a deletion or a rename of a file gives: a rebuild is asked for these only.

Not a file opened, read or closed unwritten: the preview reads the sources it rebuilds from, and
each of those reads would ask for another rebuild (a poll never saw them).
"""


class _OnlyChanges:
    """The observer as `LiveReloadServer.watch` and ``unwatch`` use it, each watch told of `CHANGES` only."""

    def __init__(self, observer: BaseObserver) -> None:
        self._observer = observer

    def schedule(self, handler: FileSystemEventHandler, path: str, *, recursive: bool = False) -> ObservedWatch:
        """Schedule `handler`'s watch of `path` for the events of `CHANGES`."""
        return self._observer.schedule(handler, path, recursive=recursive, event_filter=CHANGES)

    def unschedule(self, watch: ObservedWatch) -> None:
        """Stop the watch."""
        self._observer.unschedule(watch)


def watch_natively(server: LiveReloadServer, path: str) -> BaseObserver | None:
    """Have `server` rebuild on a change under `path`, told by the platform's observer, started here.

    The watch is the server's own (`LiveReloadServer.watch`: what a change does is MkDocs'),
    scheduled on an observer of the platform's kind rather than on the server's polling one.
    Returns that observer, to be stopped when the server stops; ``None`` when the platform has
    none or it cannot watch `path` (nothing is watched then: the caller watches it as usual).
    """
    native = Observer()
    if isinstance(native, (PollingObserver, PollingObserverVFS)):  # watchdog's fallback polls too
        return None
    polling = server.observer
    server.observer = _OnlyChanges(native)  # type: ignore[assignment]  # typed as polling; it only schedules
    try:
        server.watch(path)
        try:
            native.start()  # the watches are set up here, in this thread: a failure is raised here
        except OSError as error:  # e.g. inotify's limit of watches reached
            server.unwatch(path)
            log.info(f"{path} is polled for changes: the system's notifications failed ({error})")
            return None
    finally:
        server.observer = polling
    return native
