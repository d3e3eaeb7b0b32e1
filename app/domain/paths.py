"""Resolving photo links without ever reaching outside the folders the user chose."""

from __future__ import annotations

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


def resolve_link(link: str, folders: list[Path]) -> Resolved:
    """Resolve a Markdown image link against the allowed folders, in order.

    Containment is checked on fully resolved paths (symlinks followed) with
    ``Path.is_relative_to``: a string-prefix test would accept ``images_evil`` beside
    ``images``.
    """
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
    relative = Path(normalised)
    outside = False
    for folder in folders:
        base = folder.resolve()
        candidates = [relative]
        # A link "images/x.jpg" against a chosen images folder means "x.jpg" in it.
        if len(relative.parts) > 1:
            candidates.append(Path(*relative.parts[1:]))
        for cand in candidates:
            target = (base / cand).resolve()
            if not target.is_relative_to(base):
                outside = True
                continue
            if target.is_file():
                return Resolved(target, "ok")
            if target.exists():
                return Resolved(None, "refused", "not a regular file")
    if outside and not any(
        (folder.resolve() / relative).resolve().is_relative_to(folder.resolve())
        for folder in folders
    ):
        return Resolved(None, "refused", "escapes the image folders")
    return Resolved(None, "missing", "file not found")
