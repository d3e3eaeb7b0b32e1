"""CSV for spreadsheets: one row per entry, UTF-8 with BOM, RFC 4180 quoting,
formula-looking cells neutralised.

Policy (OWASP CSV injection, ASVS 1.2.10, X01–X06):

* a text cell a spreadsheet could evaluate gets a leading ``'`` so it shows as text:
  every trigger OWASP lists, also after leading whitespace or line breaks, ``|``,
  ``%`` and the full-width forms (the rule and its reasons: :mod:`.formula`);
* a text cell already beginning with ``'`` gets one more, so the rule is reversible:
  :func:`read_csv_cell` strips exactly one leading ``'`` from any cell that has one;
* the typed numeric columns ``id``, ``seq`` and ``source_line`` are written as plain
  integers and are never prefixed (they can only hold non-negative integers);
* list-valued columns join their items with a line feed (one author / tag / photo per
  line inside the cell); ``photographers`` has one line per photo, names joined by 、.

Only this file carries the prefixes; JSONL and TEI hold the text unchanged.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import IO

from .common import ExportContext, check_no_surrogates
from .errors import ExportError
from .formula import neutralise_formula, restore_cell

COLUMNS = (
    "id",
    "seq",
    "title",
    "body",
    "authors",
    "tags",
    "photos",
    "captions",
    "photographers",
    "status",
    "source_file",
    "source_line",
)
NUMERIC_COLUMNS = frozenset({"id", "seq", "source_line"})
LIST_SEPARATOR = "\n"
# The csv module refuses fields over 128 KiB by default; an entry may be far longer (a
# 10 MB entry is a real, if odd, input). The read-back allows any field a Python
# string can hold, for the duration of the read only.
_FIELD_LIMIT = 2**31 - 1

neutralise_cell = neutralise_formula
read_csv_cell = restore_cell


def entry_row(ctx: ExportContext, e) -> list[str | int]:
    """The row's values before neutralisation (what a read-back must reproduce)."""
    source = ctx.source_of(e)
    photos = ctx.entry_photos(e)
    return [
        e.id,
        e.seq,
        ctx.title(e),
        ctx.body(e),
        LIST_SEPARATOR.join(ctx.authors(e)),
        LIST_SEPARATOR.join(ctx.tags(e)),
        LIST_SEPARATOR.join(ctx.link(p) for p in photos),
        LIST_SEPARATOR.join(ctx.caption(p) for p in photos),
        LIST_SEPARATOR.join("、".join(ctx.photographers(p)) for p in photos),
        e.status,
        source.file_name if source else "",
        e.line,
    ]


def write_csv(ctx: ExportContext, fh: IO[str]) -> int:
    fh.write("\ufeff")
    writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for e in ctx.entries:
        row = entry_row(ctx, e)
        check_no_surrogates(
            e.id, {c: v for c, v in zip(COLUMNS, row, strict=True) if isinstance(v, str)}
        )
        for p in ctx.entry_photos(e):
            if "\n" in ctx.caption(p):
                ctx.warn(
                    f"entry {e.id}: caption of photo {p.id} contains a line break; "
                    "in CSV the captions cell lists one caption per line"
                )
        writer.writerow(v if isinstance(v, int) else neutralise_cell(v) for v in row)
        count += 1
        ctx.tick()
    return count


def read_csv(path: Path) -> list[dict[str, str | int]]:
    """Read an export back: prefixes removed, numeric columns as int."""
    previous = csv.field_size_limit(_FIELD_LIMIT)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = list(csv.reader(fh))
    finally:
        csv.field_size_limit(previous)
    if not rows or tuple(rows[0]) != COLUMNS:
        raise ExportError(f"CSV check failed: unexpected header in {path}")
    out: list[dict[str, str | int]] = []
    for row in rows[1:]:
        out.append(
            {
                c: int(v) if c in NUMERIC_COLUMNS else read_csv_cell(v)
                for c, v in zip(COLUMNS, row, strict=True)
            }
        )
    return out


def count_csv_rows(path: Path) -> int:
    """The data rows of an export, read one at a time (the header checked)."""
    previous = csv.field_size_limit(_FIELD_LIMIT)
    try:
        with open(path, encoding="utf-8-sig", newline="") as fh:
            rows = csv.reader(fh)
            if tuple(next(rows, ())) != COLUMNS:
                raise ExportError(f"CSV check failed: unexpected header in {path}")
            n = 0
            for row in rows:
                if len(row) != len(COLUMNS):
                    raise ExportError(f"CSV check failed: row {n + 1} has {len(row)} cells")
                n += 1
            return n
    finally:
        csv.field_size_limit(previous)


def verify_csv(path: Path, expected: int) -> None:
    try:
        n = count_csv_rows(path)
    except (ValueError, csv.Error) as exc:
        raise ExportError(f"CSV check failed: {exc}") from exc
    if n != expected:
        raise ExportError(f"CSV check failed: {n} rows for {expected} entries")
