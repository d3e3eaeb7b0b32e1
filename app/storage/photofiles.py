"""A stored photo path is never trusted: it is re-resolved at every use.

``photo.file`` records where the link pointed at import; a project file is only data
(anyone may have written ``/etc/passwd`` there with ``file_status = 'ok'``), and the
folders themselves change (an images folder swapped for a symlink to another one).
So the window, the exports and the bags take the file from :class:`PhotoFiles`, which
resolves the link again against the folders chosen at import, with symlinks followed
and containment checked (:class:`app.domain.paths.LinkResolver`), and uses the stored
path only if the link still leads to exactly that file.
"""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

from app.domain.paths import LinkResolver


def _real(path: str) -> str | None:
    try:
        return os.path.realpath(path)
    except (OSError, ValueError):
        return None


class PhotoFiles:
    """Resolvers for every source of a project (one directory listing per folder)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._resolvers: dict[int, LinkResolver] = {}
        for source_id, dirs in conn.execute("SELECT id, images_dirs FROM source"):
            try:
                stored = [d for d in json.loads(dirs or "[]") if isinstance(d, str)]
            except (ValueError, TypeError):
                stored = []
            # The folders were recorded fully resolved at import; one that now resolves
            # elsewhere (swapped for a symlink, or reached through one) is not the
            # folder the archivist chose, and nothing in it is used.
            folders = [Path(d) for d in stored if _real(d) == d]
            self._resolvers[source_id] = LinkResolver(folders)

    def check(
        self, source_id: int, link: str, file: str | None, status: str, problem: str | None
    ) -> tuple[str | None, str, str | None]:
        """(file, status, problem) as they are now: the file only inside the folders."""
        if status != "ok" or not file:
            return None, status, problem
        resolver = self._resolvers.get(source_id)
        if resolver is None:
            return None, "refused", "the photo's source is unknown"
        resolved = resolver.resolve(link)
        if resolved.file is None:
            return None, resolved.status, resolved.problem
        if str(resolved.file) != file:
            try:
                same = Path(file).resolve() == resolved.file
            except (OSError, RuntimeError):
                same = False
            if not same:
                return None, "refused", "the stored path is not where the link leads"
        return str(resolved.file), "ok", None
