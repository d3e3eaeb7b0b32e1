"""Annotations as standoff: W3C Web Annotations (TextPositionSelector +
TextQuoteSelector) in each JSONL entry, and one CSV row per annotation.

Offsets count code points of the corrected text as stored (not of a script-converted
copy): a converted export keeps the quotes as marked, so a reader can re-anchor them on
the stored text. The original layer has no annotations (they are on the corrected text).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from app.domain.annotation.model import Annotation, web_annotation
from app.domain.corpus import EntryRecord

from .atomic import atomic_write
from .common import ExportContext, check_no_surrogates
from .errors import ExportError
from .formula import neutralise_formula, restore_cell

_RECORD_PATH = {"person": "person", "place": "place", "organisation": "organisation"}

COLUMNS = (
    "id",
    "entry_id",
    "entry_number",
    "target",
    "target_id",
    "field",
    "start",
    "end",
    "kind",
    "quote",
    "prefix",
    "suffix",
    "record_kind",
    "record_id",
    "record_name",
    "identifiers",
    "when",
    "quantity",
    "unit",
    "approximate",
    "note",
    "status",
    "origin",
)
NUMERIC_COLUMNS = frozenset({"id", "entry_id", "entry_number", "target_id", "start", "end"})


def _source(a: Annotation) -> str:
    return f"{a.target_kind}/{a.target_id}#{a.field}"


def _record_iri(ctx: ExportContext, a: Annotation) -> str | None:
    layer = ctx.corpus.annotations
    if a.kind not in _RECORD_PATH or a.record_id is None or layer is None:
        return None
    if layer.record(a.kind, a.record_id) is None:
        return None
    return f"{_RECORD_PATH[a.kind]}/{a.record_id}"


def entry_annotations(ctx: ExportContext, e: EntryRecord) -> list[Annotation]:
    """The annotations of an entry's title and body, then of its photos' captions."""
    layer = ctx.corpus.annotations
    if layer is None or ctx.original:
        return []
    out = [*layer.on("entry", e.id, "title"), *layer.on("entry", e.id, "body")]
    for p in ctx.entry_photos(e):
        out += layer.on("photo", p.id, "caption")
    return out


def has_annotations(ctx: ExportContext) -> bool:
    layer = ctx.corpus.annotations
    return layer is not None and not ctx.original and bool(layer.size)


def web_annotations(ctx: ExportContext, e: EntryRecord) -> list[dict[str, Any]]:
    """The entry's annotations as W3C Web Annotation objects (for the JSONL export)."""
    return [web_annotation(a, _source(a), _record_iri(ctx, a)) for a in entry_annotations(ctx, e)]


def _rows(ctx: ExportContext) -> Iterator[list[str | int]]:
    layer = ctx.corpus.annotations
    for e in ctx.entries:
        for a in entry_annotations(ctx, e):
            record = layer.record(a.kind, a.record_id) if layer else None
            yield [
                a.id if a.id is not None else 0,
                e.id,
                e.number,
                a.target_kind,
                a.target_id,
                a.field,
                a.start,
                a.end,
                a.kind,
                a.quote,
                a.selector.prefix,
                a.selector.suffix,
                record.kind if record else "",
                str(record.id) if record else "",
                record.name if record else "",
                "\n".join(f"{k}:{v}" for k, v in record.identifiers) if record else "",
                a.value.when or "",
                a.value.quantity or "",
                a.value.unit or "",
                "yes" if a.value.approximate else "",
                a.note,
                a.status,
                a.origin,
            ]


def write_annotations_csv(ctx: ExportContext, fh: IO[str]) -> int:
    """One row per annotation, in reading order (UTF-8 with BOM, RFC 4180, cells a
    spreadsheet could evaluate neutralised as in the entries' CSV)."""
    fh.write("\ufeff")
    writer = csv.writer(fh, quoting=csv.QUOTE_MINIMAL, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    count = 0
    for row in _rows(ctx):
        check_no_surrogates(
            row[1], {c: v for c, v in zip(COLUMNS, row, strict=True) if isinstance(v, str)}
        )
        writer.writerow(v if isinstance(v, int) else neutralise_formula(v) for v in row)
        count += 1
    return count


def read_annotations_csv(path: Path) -> list[dict[str, str | int]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or tuple(rows[0]) != COLUMNS:
        raise ExportError(f"annotations CSV check failed: unexpected header in {path}")
    return [
        {
            c: int(v) if c in NUMERIC_COLUMNS else restore_cell(v)
            for c, v in zip(COLUMNS, row, strict=True)
        }
        for row in rows[1:]
    ]


SHEET = "annotations"


def write_annotations_xlsx(ctx: ExportContext, fh: IO[bytes]) -> int:
    """The same rows as a workbook (text cells as the entries' XLSX writes them: string
    cells, quote prefix where a spreadsheet would evaluate them, OOXML escapes)."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    from .formula import needs_neutralising
    from .xlsx import MAX_ROWS, _truncated, ooxml_text, over_cell_limit

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(SHEET)
    ws.freeze_panes = "A2"
    ws.append(list(COLUMNS))
    count = 0
    for row in _rows(ctx):
        count += 1
        if count >= MAX_ROWS:
            raise ExportError(
                f"XLSX holds at most {MAX_ROWS - 1:,} annotations (one row each); write CSV"
            )
        check_no_surrogates(
            row[1], {c: v for c, v in zip(COLUMNS, row, strict=True) if isinstance(v, str)}
        )
        cells: list = []
        for value in row:
            if isinstance(value, int) or not value:
                cells.append(value if isinstance(value, int) else None)
                continue
            text = ooxml_text(value)
            if over_cell_limit(text):
                text = _truncated(text, len(value))
                ctx.warn(f"annotation {row[0]}: a cell is longer than XLSX holds; it is cut")
            c = WriteOnlyCell(ws, value=text)
            c.data_type = "s"
            if needs_neutralising(value):
                c.quotePrefix = True
            cells.append(c)
        ws.append(cells)
    wb.save(fh)
    return count


def read_annotations_xlsx(path: Path) -> list[dict[str, str | int]]:
    from openpyxl import load_workbook

    from .xlsx import plain_text

    with open(path, "rb") as fh:  # a file object: openpyxl judges a path by its suffix
        wb = load_workbook(fh, read_only=True)
        try:
            rows = wb[SHEET].iter_rows(values_only=True)
            if tuple(next(rows)) != COLUMNS:
                raise ExportError(f"annotations XLSX check failed: unexpected header in {path}")
            return [
                {
                    c: ("" if v is None else plain_text(v) if isinstance(v, str) else v)
                    for c, v in zip(COLUMNS, r, strict=True)
                }
                for r in rows
            ]
        finally:
            wb.close()


def export_annotations(ctx: ExportContext, out: Path) -> int:
    """Write the annotations as CSV, or as XLSX when ``out`` ends in ``.xlsx``;
    atomically, checked by reading the file back."""
    out = Path(out)
    if out.suffix.lower() not in (".csv", ".xlsx"):
        # A name ending .xls (or nothing) used to get CSV in it without a word.
        raise ExportError(f"cannot tell the format from {out.name!r}: name the file .csv or .xlsx")
    xlsx = out.suffix.lower() == ".xlsx"
    written: list[int] = []

    def check(tmp: Path) -> None:
        n = len(read_annotations_xlsx(tmp) if xlsx else read_annotations_csv(tmp))
        if n != written[0]:
            raise ExportError(f"annotations check failed: {n} rows for {written[0]}")

    if xlsx:
        with atomic_write(out, "wb", before_replace=check) as fh:
            written.append(write_annotations_xlsx(ctx, fh))
    else:
        with atomic_write(out, "w", encoding="utf-8", newline="", before_replace=check) as fh:
            written.append(write_annotations_csv(ctx, fh))
    return written[0]


export_annotations_csv = export_annotations
