"""JSONL: one JSON object per entry, one entry per physical line.

Every field is documented in ``jsonl.schema.json`` beside this module (JSON Schema
2020-12, shipped in the package: :func:`schema`); each record carries the
``schema_version`` it follows (:data:`SCHEMA_VERSION`).

``ensure_ascii=False`` keeps Chinese readable, so the three characters that JSON allows
raw but ``str.splitlines()`` treats as line breaks (U+2028, U+2029, U+0085) are escaped
by hand; every other control character JSON already escapes. ``allow_nan=False``
refuses NaN/Infinity instead of writing invalid JSON.
"""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import IO, Any

from app.domain.corpus import EntryRecord
from app.domain.document import printed_with_brackets

from .common import ExportContext
from .errors import ExportError
from .standoff import has_annotations, web_annotations

SCHEMA_VERSION = "1.0"
SCHEMA_FILE = "jsonl.schema.json"

_LINE_BREAKS = (("\u2028", "\\u2028"), ("\u2029", "\\u2029"), ("\u0085", "\\u0085"))
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
    obj = {
        "schema_version": SCHEMA_VERSION,
        "id": e.id,
        "seq": e.seq,
        "number": e.number,
        "title": ctx.title(e),
        "body": ctx.body(e),
        "authors": list(ctx.authors(e)),
        "people": [{"id": i, "name": n} for i, n in ctx.author_refs(e)],
        "tags": list(ctx.tags(e)),
        "images": images,
        "section": [ctx.convert(t) for t in e.section] if not ctx.original else list(e.section),
        "source": {
            "file": source.file_name if source else None,
            "line": e.line,
            "page": e.page,
            "sha256": source.sha256 if source else None,
        },
        "status": e.status,
        "status_by": e.status_by,
        "status_at": e.status_at,
        "revision_count": e.revision_count,
        "pending_suggestions": e.pending_suggestions,
        "note": ctx.note(e.note),
        "layer": "original" if ctx.original else "corrected",
        "title_bracket_lost": ctx.title_open(e) == "" and printed_with_brackets(e.form),
        **({"date": e.date} if e.date else {}),
    }
    if has_annotations(ctx):
        obj["annotations"] = web_annotations(ctx, e)  # standoff, on the stored text
    return obj


def schema() -> dict[str, Any]:
    """The JSON Schema of one JSONL record, as shipped in the package."""
    text = resources.files(__package__).joinpath(SCHEMA_FILE).read_text(encoding="utf-8")
    return json.loads(text)


def write_jsonl(ctx: ExportContext, fh: IO[bytes]) -> int:
    count = 0
    encode = _encoder.encode
    write = fh.write
    tick = ctx.tick
    for e in ctx.entries:
        try:
            line = encode(entry_object(ctx, e))
            for raw, escaped in _LINE_BREAKS:  # str.translate is slow on CJK text
                if raw in line:
                    line = line.replace(raw, escaped)
            data = (line + "\n").encode("utf-8")
        except UnicodeEncodeError as exc:
            raise ExportError(
                f"entry {e.id}: text contains a lone surrogate (damaged text); fix it before exporting"
            ) from exc
        except ValueError as exc:
            raise ExportError(f"entry {e.id}: cannot be written as JSON: {exc}") from exc
        write(data)
        count += 1
        tick()
    return count


def verify_jsonl(path: Path, expected: int) -> None:
    """One record per physical line: count the ``\n`` bytes, make sure no raw U+2028,
    U+2029 or U+0085 slipped through, check the file ends with a line break and the
    first line decodes to an object.

    Every line comes from ``json.JSONEncoder``; decoding all of them again would double
    the export time on large projects without checking anything the encoder does not.
    """
    lines = 0
    prev = b""  # the start of the file until the first line break
    boundary = b""  # the previous chunk's last two bytes
    first: bytes | None = None
    last_byte = b""
    with open(path, "rb") as fh:
        while chunk := fh.read(1 << 22):
            data = boundary + chunk
            boundary = chunk[-2:]
            if b"\xe2\x80\xa8" in data or b"\xe2\x80\xa9" in data or b"\xc2\x85" in data:
                raise ExportError("JSONL check failed: a raw line separator was written")
            lines += chunk.count(b"\n")
            if first is None:
                head = prev + chunk
                if b"\n" in head:
                    first = head.split(b"\n", 1)[0]
                else:
                    prev = head
            last_byte = chunk[-1:]
    if lines != expected:
        raise ExportError(f"JSONL check failed: {lines} lines for {expected} entries")
    if expected and last_byte != b"\n":
        raise ExportError("JSONL check failed: the last line is not terminated")
    if first is not None:
        try:
            obj = json.loads(first)
        except ValueError as exc:
            raise ExportError(f"JSONL check failed: {exc}") from exc
        if not isinstance(obj, dict):
            raise ExportError("JSONL check failed: the first line is not an object")


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """Our reader: one object per ``\\n``-terminated line (U+2028 is not a break)."""
    with open(path, "rb") as fh:
        return [json.loads(raw) for raw in fh if raw.strip()]
