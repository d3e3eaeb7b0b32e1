"""Replace a file so that readers see either the old file or the complete new one.

A naive ``open(out, "wb")`` on a full disk destroys the previous export; a write
without ``with`` under ``RLIMIT_FSIZE`` can report success and leave a truncated file
(the error surfaces only at close). So every export goes through :func:`atomic_write`:
a temporary file in the same directory, written inside ``with``, flushed and fsynced,
closed (close errors count), optionally checked, then ``os.replace``-d over the target
and the directory fsynced. On any failure the temporary file is removed and the old
file is left exactly as it was.
"""

from __future__ import annotations

import errno
import os
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

from app.domain.paths import target_problem

from .errors import ExportError

_UMASK = os.umask(0o022)
os.umask(_UMASK)


def fsync_dir(directory: Path) -> None:
    """Persist a rename; a no-op where directories cannot be opened (Windows)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def describe_os_error(exc: OSError, path: Path) -> str:
    """A one-line message an archivist can act on."""
    if exc.errno in (errno.ENOSPC, getattr(errno, "EDQUOT", -1)):
        return f"disk full: not enough space to write {path}; the previous file is unchanged"
    if exc.errno == errno.EFBIG:
        return f"file too large for this file system or size limit: {path}; the previous file is unchanged"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"no permission to write {path}"
    reason = exc.strerror or str(exc)
    return f"cannot write {path}: {reason}"


@contextmanager
def atomic_write(
    path: str | os.PathLike[str],
    mode: str = "wb",
    *,
    encoding: str | None = None,
    newline: str | None = None,
    before_replace: Callable[[Path], None] | None = None,
) -> Iterator[IO[Any]]:
    """Yield a file object whose content replaces ``path`` only if everything succeeds.

    ``before_replace(tmp_path)`` runs after the file is closed and before the rename,
    so a check that rejects the output (a re-parse, a line count) leaves the old file.
    ``OSError`` becomes :class:`ExportError` with a readable message ("disk full" …).
    """
    if "w" not in mode or "+" in mode:
        raise ValueError(f"atomic_write needs a write mode, got {mode!r}")
    target = Path(path)
    directory = target.parent if str(target.parent) else Path(".")
    # A rename would replace a device or a FIFO (/dev/null, say) with a plain file.
    problem = target_problem(target)
    if problem:
        raise ExportError(problem)
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    except OSError as exc:
        raise ExportError(describe_os_error(exc, target)) from exc
    tmp = Path(tmp_name)
    try:
        try:
            os.fchmod(fd, 0o666 & ~_UMASK)
        except (AttributeError, OSError):
            pass
        try:
            fh = os.fdopen(fd, mode, encoding=encoding, newline=newline)
        except BaseException:
            os.close(fd)
            raise
        with fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if before_replace is not None:
            before_replace(tmp)
        problem = target_problem(target)  # again: it may have appeared meanwhile
        if problem:
            raise ExportError(problem)
        os.replace(tmp, target)
        fsync_dir(directory)
    except BaseException as exc:
        try:
            tmp.unlink()
        except FileNotFoundError:
            pass
        except OSError:
            pass
        if isinstance(exc, OSError) and not isinstance(exc, ExportError):
            raise ExportError(describe_os_error(exc, target)) from exc
        raise
