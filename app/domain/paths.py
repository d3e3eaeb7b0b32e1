"""Resolving photo links without ever reaching outside the folders the user chose."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True)
class Resolved:
    file: Path | None  # the file, inside one of the allowed folders
    status: str  # ok | missing | refused
    problem: str | None = None


class LinkResolver:
    """Resolves many links against the same folders, listing each directory once.

    Containment is checked on fully resolved paths (symlinks followed) with
    ``Path.is_relative_to``: a string-prefix test would accept ``images_evil`` beside
    ``images``. Only candidates that exist are resolved, so a volume whose photographs
    are missing costs a directory listing, not a ``realpath`` per link.
    """

    def __init__(self, folders: list[Path]):
        self.bases = [Path(f).resolve() for f in folders]
        self._listing: dict[str, set[str] | None] = {}

    def _listed(self, parent: str, name: str) -> bool:
        if parent not in self._listing:
            try:
                self._listing[parent] = set(os.listdir(parent))
            except OSError:
                self._listing[parent] = None
        names = self._listing[parent]
        return names is not None and name in names

    def resolve(self, link: str) -> Resolved:
        if not link or not link.strip():
            return Resolved(None, "refused", "empty link")
        if "\x00" in link:
            return Resolved(None, "refused", "link contains NUL")
        if link.startswith(("\\\\", "//")):
            return Resolved(None, "refused", "network path")
        if _DRIVE.match(link):
            return Resolved(None, "refused", "drive-letter path")
        if _SCHEME.match(link):
            return Resolved(None, "refused", "URL scheme")
        normalised = link.replace("\\", "/")
        if normalised.startswith("/"):
            return Resolved(None, "refused", "absolute path")
        parts = [p for p in normalised.split("/") if p not in ("", ".")]
        if not parts:
            return Resolved(None, "refused", "not a file name")
        escapes = False
        for base in self.bases:
            candidates = [parts]
            # A link "images/x.jpg" against a chosen images folder means "x.jpg" in it.
            if len(parts) > 1 and parts[0] != "..":
                candidates.append(parts[1:])
            for cand in candidates:
                joined = os.path.join(base, *cand)
                # Only what exists is resolved (a symlink, dangling or not, is listed
                # in its folder too), so missing photographs cost a listing, not a stat.
                if ".." in cand or self._listed(os.path.dirname(joined), cand[-1]):
                    try:
                        target = Path(joined).resolve()
                        if not target.is_relative_to(base):
                            escapes = True
                            continue
                        if target.is_file():
                            return Resolved(target, "ok")
                        if target.exists():
                            return Resolved(None, "refused", "not a regular file")
                    except (RuntimeError, OSError) as exc:
                        # A symlink loop (RuntimeError before Python 3.13, ELOOP after):
                        # this photo is refused, the import goes on.
                        why = (
                            "symlink loop"
                            if isinstance(exc, RuntimeError)
                            else (exc.strerror or str(exc))
                        )
                        return Resolved(None, "refused", why)
        if escapes:
            return Resolved(None, "refused", "escapes the image folders")
        return Resolved(None, "missing", "file not found")


def resolve_link(link: str, folders: list[Path]) -> Resolved:
    """Resolve one Markdown image link against the allowed folders, in order."""
    return LinkResolver(folders).resolve(link)


# -- where an export or a backup may write ---------------------------------------------

# SQLite keeps a project in up to four files; writing over any of them loses the project.
PROJECT_SIDE_FILES = ("", "-wal", "-shm", "-journal")


def project_files(database: str | os.PathLike[str]) -> list[Path]:
    db = Path(database)
    return [db.with_name(db.name + suffix) for suffix in PROJECT_SIDE_FILES]


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:
        return a.resolve() == b.resolve()


def target_problem(
    target: str | os.PathLike[str],
    database: str | os.PathLike[str] | None = None,
    *,
    folder: bool = False,
) -> str | None:
    """Why ``target`` must not be written (None when it may), as one line.

    Refused: the project file ``database`` itself, its ``-wal``/``-shm``/``-journal``
    files (by any name: a symlink, a hard link, ``./`` or ``..`` in the path); for a
    ``folder`` target (a bag, which replaces the whole folder), any folder that holds
    one of them; and anything that exists and is not a regular file (a device such as
    ``/dev/null``, a FIFO, a socket), which a rename would replace with a plain file.
    """
    out = Path(target)
    if database is not None and str(database) not in ("", ":memory:"):
        files = project_files(database)
        for f in files:
            if _same_file(out, f):
                return f"refusing to write over the project file {f}"
        if folder:
            base = out.resolve()
            for f in files:
                if f.exists() and f.resolve().is_relative_to(base):
                    return f"refusing to replace {out}: the folder holds the project file {f}"
    try:
        st = os.stat(out)
    except OSError:
        return None
    if folder:
        return (
            None
            if stat.S_ISDIR(st.st_mode) or stat.S_ISREG(st.st_mode)
            else (f"refusing to replace {out}: it is not a regular file or folder")
        )
    if stat.S_ISDIR(st.st_mode):
        return None  # the caller says "is a folder" in its own words
    if not stat.S_ISREG(st.st_mode):
        return f"refusing to replace {out}: it is not a regular file (a device, pipe or socket)"
    return None
