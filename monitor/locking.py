"""Process locks next to the database: one scheduler per database, one digest sender at a time.

The locks are ``fcntl.flock`` locks on small files beside the database (``<db>.lock`` for
``monitor run``, ``<db>.poll.lock`` during a poll cycle, ``<db>.digest.lock`` while a digest
is being sent, ``<db>.migrate.lock`` while the schema is brought up to date). The kernel releases a
flock when the process holding it exits, however it exits, so a crashed or killed process
never leaves a lock stuck; the file itself may stay behind and means nothing on its own.
The holder writes its process id into the file so that the refusal message can name it.
"""
from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path
from types import TracebackType

from .errors import MonitorError


class LockHeld(MonitorError):
    """Another live process holds the lock."""


class ProcessLock:
    """An exclusive lock on ``path``: ``with ProcessLock(path, what): ...``.

    ``what`` names the activity for the refusal message ("`monitor run`", "sending a digest").
    With ``wait`` > 0 a held lock is retried for that many seconds before ``LockHeld``.
    """

    def __init__(self, path: Path | str, what: str, *, wait: float = 0.0):
        self.path = Path(path)
        self.what = what
        self.wait = wait
        self._fd: int | None = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + self.wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() < deadline:
                    time.sleep(0.1)
                    continue
                holder = _read_pid(fd)
                os.close(fd)
                who = f"process {holder}" if holder else "another process"
                raise LockHeld(f"{self.what} is already running for this database ({who} holds {self.path}); "
                               "stop that one first, or point this one at another database") from None
        os.ftruncate(fd, 0)
        os.write(fd, f"{os.getpid()}\n".encode())
        self._fd = fd

    def release(self) -> None:
        if self._fd is not None:
            # Closing the descriptor drops the flock; the file stays, harmlessly.
            os.close(self._fd)
            self._fd = None

    def __enter__(self) -> "ProcessLock":
        self.acquire()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.release()


def _read_pid(fd: int) -> str:
    try:
        return os.pread(fd, 32, 0).decode("ascii", "replace").strip()
    except OSError:
        return ""


def run_lock_path(database_path: Path) -> Path:
    """The lock ``monitor run`` holds for as long as it runs."""
    return database_path.with_name(database_path.name + ".lock")


def digest_lock_path(database_path: Path) -> Path:
    """The lock held while a digest is composed, recorded and sent."""
    return database_path.with_name(database_path.name + ".digest.lock")


def migration_lock_path(database_path: Path) -> Path:
    """The lock held while a process brings the database's schema up to date."""
    return database_path.with_name(database_path.name + ".migrate.lock")
