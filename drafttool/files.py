"""Files written whole or not at all, read without following links, and a folder's lock.

What every write of drafttool shares, the store's and the outputs' (`-o FILE`): a write
goes to a temporary file beside its target, is flushed to disk, then renamed over it (POSIX
rename is atomic), so a crash leaves the old file or the new one, never half of one.  A
file is read only when it is a regular file: a symbolic link, a pipe or a device in its
place is refused, so that a link to /dev/urandom or a FIFO named like a proposal never
blocks a command or fills its memory.

The lock is an advisory `flock` on a `.lock` file.  The kernel releases it when its holder
dies, so a lock left by a killed process is taken over at once; a lock held by a live
process (one suspended with Ctrl-Z, say) is reported on stderr after a short wait, with
the holder's pid, and waited for.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import sys
import time
from collections.abc import Iterator
from pathlib import Path

NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
NONBLOCK = getattr(os, "O_NONBLOCK", 0)
CLOEXEC = getattr(os, "O_CLOEXEC", 0)

WAIT_BEFORE_NOTICE = 1.0
"""Seconds to wait for a busy lock before saying who holds it: commands hold it for well
under a second, so a longer wait means a process that is slow, suspended or stuck."""


class Refused(Exception):
    """A file that is there but is not a regular file (link, pipe, device, folder), or
    that is larger than the caller reads.  `str()` is the reason, to follow its path."""


def write_atomic(path: Path, text: str | bytes, *, exclusive: bool = False) -> None:
    """Write a file whole or not at all: a temporary file aside, fsync, then rename.

    With `exclusive`, fail with FileExistsError rather than replace an existing file
    (a hard link is created, which, unlike rename, refuses to overwrite).
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    # os.urandom, not `secrets`: that imports hmac and OpenSSL, 4 ms at every start.
    temporary = path.parent / f".{path.name}.{os.getpid()}.{os.urandom(4).hex()}.tmp"
    try:
        with open(temporary, "xb") as handle:
            handle.write(text.encode("utf-8") if isinstance(text, str) else text)
            handle.flush()
            os.fsync(handle.fileno())
        if exclusive:
            os.link(temporary, path)
            os.unlink(temporary)
        else:
            os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)
        raise
    fsync_folder(path.parent)


def fsync_folder(folder: Path) -> None:
    # The rename itself is durable only once the folder's entry is on disk.
    with contextlib.suppress(OSError):
        descriptor = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def kind_of(mode: int) -> str:
    """What a file that is not a regular one is, in a few words."""
    if stat.S_ISLNK(mode):
        return "a symbolic link"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISDIR(mode):
        return "a folder"
    return "not a regular file"


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of a regular file of at most `limit` bytes, never following a link.

    Raises `Refused` for anything else (counted as read, not as `stat` says: a file that
    grows while it is read is stopped at the limit), OSError when it cannot be opened.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | NOFOLLOW | NONBLOCK | CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise Refused("is a symbolic link, not a regular file") from None
        raise
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise Refused(f"is {kind_of(mode)}, not a regular file")
        chunks = []
        size = 0
        while True:
            chunk = os.read(descriptor, min(1 << 20, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            if size > limit:
                raise Refused(f"is over {limit // (1024 * 1024):,} MB; drafttool reads no file that large")
        return b"".join(chunks)
    finally:
        os.close(descriptor)


def not_regular(path: Path) -> str | None:
    """Why `path` may not be replaced by a regular file (it is a link, pipe, device…), or
    None when it is absent or a regular file."""
    try:
        mode = os.lstat(path).st_mode
    except FileNotFoundError:
        return None
    except NotADirectoryError:
        return None
    return None if stat.S_ISREG(mode) else kind_of(mode)


@contextlib.contextmanager
def exclusive_lock(lock_file: Path, what: str) -> Iterator[None]:
    """Hold an exclusive `flock` on `lock_file` (created if need be, never through a link).

    `what` names the operation, written into the file for whoever waits next."""
    import fcntl

    try:
        descriptor = os.open(lock_file, os.O_RDWR | os.O_CREAT | NOFOLLOW | NONBLOCK | CLOEXEC, 0o644)
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise Refused("is a symbolic link; a store's lock is a regular file: delete the link") from None
        raise
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise Refused(f"is {kind_of(mode)}; a store's lock is a regular file: delete it")
        if not _try_lock(descriptor, WAIT_BEFORE_NOTICE):
            holder = _holder(descriptor)
            print(f"drafttool: waiting for {holder}, which holds the lock on {lock_file.parent}", file=sys.stderr,
                  flush=True)
            fcntl.flock(descriptor, fcntl.LOCK_EX)
        # Who holds it, for the message above; a pid left by a dead holder is harmless,
        # as the kernel has released its lock.
        with contextlib.suppress(OSError):
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, f"{os.getpid()} {what}\n".encode(), 0)
        try:
            yield
        finally:
            fcntl.flock(descriptor, fcntl.LOCK_UN)
    finally:
        os.close(descriptor)


def _try_lock(descriptor: int, seconds: float) -> bool:
    import fcntl

    deadline = time.monotonic() + seconds
    while True:
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.02)


def _holder(descriptor: int) -> str:
    try:
        text = os.pread(descriptor, 200, 0).decode("utf-8", "replace").strip()
    except OSError:
        text = ""
    pid, _, what = text.partition(" ")
    if not pid.isdigit():
        return "another process"
    return f"{what or 'another process'} (pid {pid})"
