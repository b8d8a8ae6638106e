"""A function run in a forked child process, for work that can use a second core.

A site generator works on one core. A forked child starts with everything the parent has in
memory (the corpus, the index), so nothing has to be sent to it; only its result comes back,
pickled into an anonymous in-memory file (``memfd``) that the parent reads once the child has
exited. A pipe would keep a finished child waiting, with its memory, until the parent reads, and
pass a large result in small pieces. Forking is used only on Linux, where it is the safe
default; elsewhere `Forked.start` returns ``None`` and the caller does the work itself.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether this platform forks safely (Linux)."""
    return sys.platform.startswith("linux") and hasattr(os, "fork") and hasattr(os, "memfd_create")


class Forked(Generic[T]):
    """`function()` running in a forked child; `result` waits for it and returns its value."""

    def __init__(self, pid: int, output: int) -> None:
        self._pid, self._output = pid, output
        self._done = False

    @classmethod
    def start(cls, function: Callable[[], T]) -> Forked[T] | None:
        """Run `function` in a child process; ``None`` where forking is not safe."""
        if not can_fork():
            return None
        output = os.memfd_create("dossier-forked", os.MFD_CLOEXEC)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _run_child(function, output)
        return cls(pid, output)

    def result(self) -> T:
        """Wait for the child and return what `function` returned.

        Raises:
            RuntimeError: The function raised in the child (its traceback is in the message).
        """
        if self._done:
            raise RuntimeError("the result of a forked call can be taken once")
        self._done = True
        _, status = os.waitpid(self._pid, 0)
        with os.fdopen(self._output, "rb") as output:
            output.seek(0)
            data = output.read()
        if not data:
            raise RuntimeError(f"a forked child process ended without a result (exit status "
                               f"{os.waitstatus_to_exitcode(status)})")
        ok, value = pickle.loads(data)
        if not ok:
            raise RuntimeError(f"a forked child process failed:\n{value}")
        return value  # type: ignore[no-any-return]

    def cancel(self) -> None:
        """Stop the child if its result was not taken."""
        if self._done:
            return
        self._done = True
        os.close(self._output)
        try:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


@contextlib.contextmanager
def forked(function: Callable[[], T], *, enabled: bool = True) -> Iterator[Forked[T] | None]:
    """`Forked.start` as a context: ``None`` if not `enabled` or where forking is not safe.

    If this process fails inside the context, the child is stopped. Otherwise the caller either
    has taken the result or keeps the child, to take its result later.
    """
    helper = Forked.start(function) if enabled else None
    try:
        yield helper
    except BaseException:
        if helper is not None:
            helper.cancel()
        raise


def _run_child(function: Callable[[], object], output: int) -> None:
    # Collections would only copy the parent's memory pages (copy-on-write) and free nothing:
    # the child exits as soon as it has answered.
    gc.disable()
    status = 0
    try:
        try:
            payload = pickle.dumps((True, function()), protocol=pickle.HIGHEST_PROTOCOL)
        except BaseException:  # noqa: BLE001 - reported to the parent, which raises
            payload = pickle.dumps((False, traceback.format_exc()))
            status = 1
        with os.fdopen(output, "wb") as out:
            out.write(payload)
    finally:
        os._exit(status)
