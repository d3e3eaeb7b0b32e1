"""Resolving photo links without ever reaching outside the folders the user chose."""

from __future__ import annotations

import os
import re
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
                    target = Path(joined).resolve()
                    if not target.is_relative_to(base):
                        escapes = True
                        continue
                    if target.is_file():
                        return Resolved(target, "ok")
                    if target.exists():
                        return Resolved(None, "refused", "not a regular file")
        if escapes:
            return Resolved(None, "refused", "escapes the image folders")
        return Resolved(None, "missing", "file not found")


def resolve_link(link: str, folders: list[Path]) -> Resolved:
    """Resolve one Markdown image link against the allowed folders, in order."""
    return LinkResolver(folders).resolve(link)
