"""Plain text for reading: one entry per block — title, body, photo captions,
attribution last — and a blank line between entries. UTF-8, LF line breaks."""

from __future__ import annotations

from typing import IO

from .common import ExportContext, check_no_surrogates


def entry_text(ctx: ExportContext, e) -> str:
    lines = [ctx.title(e)]
    body = ctx.body(e).replace("\r\n", "\n").replace("\r", "\n")
    if body:
        lines.append(body)
    for p in ctx.entry_photos(e):
        caption = ctx.caption(p)
        names = ctx.photographers(p)
        credit = f"（{'、'.join(names)}摄）" if names else ""
        lines.append(f"[图] {caption}{credit}")
    authors = ctx.authors(e)
    if authors:
        sep = e.attribution.separator if e.attribution else "、"
        lines.append(f"（{sep.join(authors)}）")
    return "\n".join(lines) + "\n"


def write_txt(ctx: ExportContext, fh: IO[bytes]) -> int:
    count = 0
    for e in ctx.entries:
        text = entry_text(ctx, e)
        check_no_surrogates(e.id, {"text": text})
        if count:
            fh.write(b"\n")
        fh.write(text.encode("utf-8"))
        count += 1
        ctx.tick()
    return count
