"""One writer at a time: an advisory lock file in the store directory, taken with a timeout.

RocksDB (under pyoxigraph) already refuses a second writer, but at once and without saying who
holds the store. natokg takes this lock before it opens a store for writing, waits up to `wait`
seconds for it, and when it gives up says who holds it (process id, command, since when). The
kernel releases the lock when its process ends, however it ends (SIGKILL included), so a crashed
ingest never leaves a stale lock behind; the file itself stays, empty, and means nothing.

Readers take no lock: `Store.read_only` sees the store as it was when it was opened.
"""
from __future__ import annotations

import os
import sys
import time
from datetime import datetime, timezone
from pathlib import Path

from kg.errors import StoreBusyError

LOCK_FILE = "natokg-write.lock"  # not a RocksDB file name, so RocksDB leaves it alone

try:
    import fcntl
except ImportError:  # Windows: RocksDB's own lock still keeps writers apart
    fcntl = None  # type: ignore[assignment]


class WriteLock:
    """An exclusive lock on `directory/natokg-write.lock`; `release()` (or process exit) frees it.

    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     first = WriteLock(folder)
    ...     first.acquire(wait=0)
    ...     try:
    ...         WriteLock(folder).acquire(wait=0.1)
    ...     except StoreBusyError as error:
    ...         print("busy")
    ...     first.release()
    busy
    """

    def __init__(self, directory: str | os.PathLike[str]):
        self.directory = Path(directory)
        self.path = self.directory / LOCK_FILE
        self._fd: int | None = None

    @property
    def held(self) -> bool:
        return self._fd is not None

    def acquire(self, wait: float = 0.0) -> None:
        """Take the lock, polling for up to `wait` seconds; StoreBusyError names the holder."""
        if fcntl is None or self._fd is not None:
            return
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        deadline = time.monotonic() + max(0.0, wait)
        pause = 0.02
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError:  # EWOULDBLOCK: someone else holds it
                left = deadline - time.monotonic()
                if left <= 0:
                    holder = _holder(fd)
                    os.close(fd)
                    raise StoreBusyError(
                        f"the store at {self.directory} is being written by another natokg process"
                        f"{f' ({holder})' if holder else ''}; gave up after waiting {_seconds(wait)}"
                        f" (wait longer with --wait SECONDS or NATOKG_WAIT)"
                    ) from None
                time.sleep(min(pause, left))
                pause = min(pause * 2, 0.25)
        os.ftruncate(fd, 0)
        since = datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
        command = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))
        os.pwrite(fd, f"pid {os.getpid()}, since {since}, `{command[:200]}`\n".encode("utf-8", "replace"), 0)
        self._fd = fd

    def release(self) -> None:
        """Let the lock go (closing the file releases it); nothing happens when it is not held."""
        if self._fd is None:
            return
        fd, self._fd = self._fd, None
        try:
            os.ftruncate(fd, 0)
        finally:
            os.close(fd)

    def __enter__(self) -> WriteLock:
        return self

    def __exit__(self, *exc: object) -> None:
        self.release()


def _holder(fd: int) -> str:
    try:
        return " ".join(os.pread(fd, 400, 0).decode("utf-8", "replace").split())
    except OSError:
        return ""


def _seconds(wait: float) -> str:
    return f"{wait:g} s"
