"""A function run in a forked child process, for work that can use a second core.

A site generator works on one core. A forked child starts with everything the parent has in
memory (the corpus, the index), so nothing has to be sent to it; only its result comes back,
pickled into an anonymous in-memory file (``memfd``) that the parent reads once the child has
exited. A pipe would keep a finished child waiting, with its memory, until the parent reads, and
pass a large result in small pieces. Forking is used only on Linux, where it is the safe
default; elsewhere `Forked.start` returns ``None`` and the caller does the work itself.

A child that fails, dies, leaves a truncated result or outlives its time limit raises
`ChildFailed` in the parent, with a message that says which; the child is then gone.
"""

from __future__ import annotations

import contextlib
import gc
import os
import pickle
import select
import signal
import sys
import traceback
from collections.abc import Callable, Iterator
from typing import Generic, TypeVar

T = TypeVar("T")

TIME_LIMIT = 600.0
"""Seconds a child may take, by default, before it is stopped and the build fails: far above
the few seconds its work takes at 1,000 documents, so that only a hung child reaches it."""


class ChildFailed(RuntimeError):
    """A forked child process gave no usable result: it raised, died, was cut short or hung."""


def can_fork() -> bool:
    """Whether this platform forks safely (Linux)."""
    return (sys.platform.startswith("linux") and hasattr(os, "fork") and hasattr(os, "memfd_create")
            and hasattr(os, "pidfd_open"))


class Forked(Generic[T]):
    """`function()` running in a forked child; `result` waits for it and returns its value.

    Args:
        pid: The child's process id.
        output: The memfd the child writes its pickled result to.
        task: What the child does, for messages (``render the data files``).
    """

    def __init__(self, pid: int, output: int, task: str) -> None:
        self._pid, self._output, self.task = pid, output, task
        self._done = False

    @classmethod
    def start(cls, function: Callable[[], T], task: str = "its work") -> Forked[T] | None:
        """Run `function` in a child process; ``None`` where forking is not safe."""
        if not can_fork():
            return None
        output = os.memfd_create("dossier-forked", os.MFD_CLOEXEC)
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:  # the child: never returns
            _run_child(function, output)
        return cls(pid, output, task)

    def result(self, time_limit: float = TIME_LIMIT) -> T:
        """Wait for the child, at most `time_limit` seconds, and return what `function` returned.

        Raises:
            ChildFailed: The function raised in the child (its traceback is in the message), the
                child ended without a complete result, or it was still running at the time limit
                (it is then stopped).
        """
        if self._done:
            raise ChildFailed("the result of a forked call can be taken once")
        self._done = True
        status = self._wait(time_limit)
        with os.fdopen(self._output, "rb") as output:
            output.seek(0)
            data = output.read()
        ended = _how_it_ended(status)
        if not data:
            raise ChildFailed(f"a forked child process that was to {self.task} {ended} without a result")
        try:
            ok, value = pickle.loads(data)  # noqa: S301 - written by our own child, in a memfd
        except (pickle.UnpicklingError, EOFError, ValueError) as error:
            raise ChildFailed(f"a forked child process that was to {self.task} {ended} with a truncated "
                              f"result ({len(data)} bytes: {error})") from None
        if not ok:
            raise ChildFailed(f"a forked child process failed to {self.task}:\n{value}")
        return value  # type: ignore[no-any-return]

    def _wait(self, time_limit: float) -> int:
        """The child's wait status, once it has ended; stop it at the time limit."""
        pidfd = os.pidfd_open(self._pid)
        try:
            ready, _, _ = select.select([pidfd], [], [], time_limit)
        finally:
            os.close(pidfd)
        if not ready:
            self._stop()
            os.close(self._output)
            raise ChildFailed(f"a forked child process that was to {self.task} was still running after "
                              f"{time_limit:g} s and was stopped")
        _, status = os.waitpid(self._pid, 0)
        return status

    def cancel(self) -> None:
        """Stop the child if its result was not taken."""
        if self._done:
            return
        self._done = True
        os.close(self._output)
        self._stop()

    def _stop(self) -> None:
        with contextlib.suppress(ProcessLookupError, ChildProcessError):
            os.kill(self._pid, signal.SIGKILL)
            os.waitpid(self._pid, 0)


def _how_it_ended(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"was killed by {signal.Signals(os.WTERMSIG(status)).name}"
    return f"ended (exit status {os.waitstatus_to_exitcode(status)})"


@contextlib.contextmanager
def forked(function: Callable[[], T], *, task: str = "its work", enabled: bool = True
           ) -> Iterator[Forked[T] | None]:
    """`Forked.start` as a context: ``None`` if not `enabled` or where forking is not safe.

    If this process fails inside the context, the child is stopped. Otherwise the caller either
    has taken the result or keeps the child, to take its result later.
    """
    helper = Forked.start(function, task) if enabled else None
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
