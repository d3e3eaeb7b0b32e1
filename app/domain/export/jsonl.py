"""JSONL: one JSON object per entry, one entry per physical line.

``ensure_ascii=False`` keeps Chinese readable, so the three characters that JSON allows
raw but ``str.splitlines()`` treats as line breaks (U+2028, U+2029, U+0085) are escaped
by hand; every other control character JSON already escapes. ``allow_nan=False``
refuses NaN/Infinity instead of writing invalid JSON.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import IO, Any

from app.domain.corpus import EntryRecord

from .common import ExportContext
from .errors import ExportError

_LINE_BREAKS = str.maketrans({"\u2028": "\\u2028", "\u2029": "\\u2029", "\u0085": "\\u0085"})
_encoder = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def entry_object(ctx: ExportContext, e: EntryRecord) -> dict[str, Any]:
    source = ctx.source_of(e)
    images = []
    for p in ctx.entry_photos(e):
        images.append(
            {
                "id": p.id,
                "path": ctx.link(p),
                "caption": ctx.caption(p),
                "photographers": list(ctx.photographers(p)),
                "photographer_ids": [i for i, _ in ctx.photographer_refs(p)],
                "file_status": p.file_status,
                "link_confirmed": p.link_confirmed,
            }
        )
    return {
        "id": e.id,
        "seq": e.seq,
        "number": e.number,
        "title": ctx.title(e),
        "body": ctx.body(e),
        "authors": list(ctx.authors(e)),
        "people": [{"id": i, "name": n} for i, n in ctx.author_refs(e)],
        "tags": list(ctx.tags(e)),
        "images": images,
        "source": {
            "file": source.file_name if source else None,
            "line": e.line,
            "sha256": source.sha256 if source else None,
        },
        "status": e.status,
        "status_by": e.status_by,
        "status_at": e.status_at,
        "revision_count": e.revision_count,
        "pending_suggestions": e.pending_suggestions,
        "note": ctx.note(e.note),
        "layer": "original" if ctx.original else "corrected",
        "title_bracket_lost": ctx.title_open(e) == "",
    }


def write_jsonl(ctx: ExportContext, fh: IO[bytes]) -> int:
    count = 0
    encode = _encoder.encode
    for e in ctx.entries:
        try:
            line = encode(entry_object(ctx, e)).translate(_LINE_BREAKS)
            fh.write(line.encode("utf-8"))
        except UnicodeEncodeError as exc:
            raise ExportError(
                f"entry {e.id}: text contains a lone surrogate (damaged text); fix it before exporting"
            ) from exc
        except ValueError as exc:
            raise ExportError(f"entry {e.id}: cannot be written as JSON: {exc}") from exc
        fh.write(b"\n")
        count += 1
        ctx.tick()
    return count


def verify_jsonl(path: Path, expected: int) -> None:
    """Each physical line must decode to one object, and there must be one per entry."""
    n = 0
    with open(path, "rb") as fh:
        for raw in fh:  # iterate on b"\n" only; never splitlines()
            try:
                obj = json.loads(raw)
            except ValueError as exc:
                raise ExportError(f"JSONL check failed at line {n + 1}: {exc}") from exc
            if not isinstance(obj, dict):
                raise ExportError(f"JSONL check failed at line {n + 1}: not an object")
            n += 1
    if n != expected:
        raise ExportError(f"JSONL check failed: {n} lines for {expected} entries")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Our reader: one object per ``\\n``-terminated line (U+2028 is not a break)."""
    with open(path, "rb") as fh:
        return [json.loads(raw) for raw in fh if raw.strip()]
