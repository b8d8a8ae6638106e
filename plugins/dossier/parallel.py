"""A function run in a forked child process, for work that can use a second core.

A site generator works on one core. A forked child starts with everything the parent has in
memory (the corpus, the index), so nothing has to be sent to it; only its result comes back,
pickled through a pipe. Forking is used only on Linux, where it is the safe default; elsewhere
`Forked.start` returns ``None`` and the caller does the work itself.
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
    return sys.platform.startswith("linux") and hasattr(os, "fork")


class Forked(Generic[T]):
    """`function()` running in a forked child; `result` waits for it and returns its value."""

    def __init__(self, pid: int, pipe: int) -> None:
        self._pid, self._pipe = pid, pipe
        self._done = False

    @classmethod
    def start(cls, function: Callable[[], T]) -> Forked[T] | None:
        """Run `function` in a child process; ``None`` where forking is not safe."""
        if not can_fork():
            return None
        read, write = os.pipe()
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            os.close(read)
            _run_child(function, write)
        os.close(write)
        return cls(pid, read)

    def result(self) -> T:
        """Wait for the child and return what `function` returned.

        Raises:
            RuntimeError: The function raised in the child (its traceback is in the message).
        """
        if self._done:
            raise RuntimeError("the result of a forked call can be taken once")
        self._done = True
        chunks = []
        with os.fdopen(self._pipe, "rb") as pipe:
            while chunk := pipe.read(1 << 20):
                chunks.append(chunk)
        _, status = os.waitpid(self._pid, 0)
        data = b"".join(chunks)
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
        os.close(self._pipe)
        try:
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass


@contextlib.contextmanager
def forked(function: Callable[[], T], *, enabled: bool = True) -> Iterator[Forked[T] | None]:
    """`Forked.start` as a context: ``None`` if not `enabled` or where forking is not safe; on
    leaving, the child is stopped if its result was not taken (this process failed meanwhile)."""
    helper = Forked.start(function) if enabled else None
    try:
        yield helper
    finally:
        if helper is not None:
            helper.cancel()


def _run_child(function: Callable[[], object], write: int) -> None:
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
        with os.fdopen(write, "wb") as pipe:
            pipe.write(payload)
    finally:
        os._exit(status)
