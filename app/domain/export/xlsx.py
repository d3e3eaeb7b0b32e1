"""XLSX for spreadsheets opened by double-click: one row per entry, the CSV's columns,
written with openpyxl's write-only workbook (rows stream to disk; memory stays flat).

Why XLSX beside CSV: a workbook carries its own encoding, so Chinese text opens intact
in Excel and LibreOffice without an import dialog. (LibreOffice 7.4 reads a CSV in the
system's character set unless told otherwise, BOM or not; Excel honours the BOM.)

Policies:

* Every text cell is a string cell (never a formula, whatever it begins with). A cell
  that a spreadsheet would evaluate if the archivist edited it (the rule of
  :mod:`.formula`) is marked *quote prefix*, the workbook's own "this is text" flag:
  the text is shown and stored exactly, with no apostrophe added.
* Characters XML 1.0 cannot hold (U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE,
  U+FFFF) are written as OOXML's ``_xHHHH_`` escapes, and a literal ``_xHHHH_`` in the
  text has its underscore escaped (``_x005F_``), so Excel and LibreOffice read back the
  very text of the corpus. A lone surrogate (a damaged import) stops the export.
* ``id``, ``seq`` and ``source_line`` are numbers; lists are joined by line feeds as in
  the CSV (:data:`.csvfile.LIST_SEPARATOR`).
* An XLSX cell holds at most 32,767 characters and a sheet 1,048,576 rows: a longer
  text is cut, ends with a visible note saying so, and is reported in the warnings; a
  corpus with more entries is refused (export CSV or JSONL instead) rather than written
  as a file Excel cannot open. Empty text is no cell at all.
"""

from __future__ import annotations

import re
import zipfile
from pathlib import Path
from typing import IO

from lxml import etree

from .common import ExportContext, check_no_surrogates
from .csvfile import COLUMNS, entry_row
from .errors import ExportError
from .formula import needs_neutralising

SHEET = "entries"
SHEET_PART = "xl/worksheets/sheet1.xml"
MAX_ROWS = 1_048_576
MAX_CELL = 32_767
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_ESCAPE = re.compile("_(?=x[0-9A-Fa-f]{4}_)|[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
WIDTHS = {"title": 40, "body": 80, "authors": 14, "tags": 18, "captions": 30}


def _escape(match: re.Match) -> str:
    return f"_x{ord(match.group(0)):04X}_"


def ooxml_text(value: str) -> str:
    """``value`` as an OOXML string: what Excel and LibreOffice read back as ``value``."""
    return _ESCAPE.sub(_escape, value) if value else value


def utf16_units(text: str) -> int:
    """The length Excel counts against :data:`MAX_CELL`: UTF-16 code units, so a
    character outside the BMP (𠀀, an emoji) counts twice."""
    return len(text.encode("utf-16-le", "surrogatepass")) // 2


def over_cell_limit(text: str) -> bool:
    return len(text) > MAX_CELL or utf16_units(text) > MAX_CELL


def _truncated(text: str, length: int) -> str:
    """A cell cut to the limit (in UTF-16 units), ending with a visible note of the cut."""
    note = f" […cut: the text has {length:,} characters; see the CSV or JSONL export]"
    budget = MAX_CELL - utf16_units(note)
    cut = text[:budget]
    while (over := utf16_units(cut) - budget) > 0:
        cut = cut[: len(cut) - (over + 1) // 2]  # a character is one or two units
    # Never leave half an _xHHHH_ escape at the cut.
    tail = cut.rfind("_x", max(0, len(cut) - 6))
    if tail != -1 and not _COMPLETE_ESCAPE.match(cut, tail):
        cut = cut[:tail]
    return cut + note


_COMPLETE_ESCAPE = re.compile("_x[0-9A-Fa-f]{4}_")
_UNESCAPE = re.compile("_x([0-9A-Fa-f]{4})_")


def plain_text(value: str) -> str:
    """The inverse of :func:`ooxml_text` (openpyxl hands the escapes back as written)."""
    return _UNESCAPE.sub(lambda m: chr(int(m.group(1), 16)), value) if value else value


def write_xlsx(ctx: ExportContext, fh: IO[bytes]) -> int:
    # Imported when used: the CLI and the window start without openpyxl.
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    if len(ctx.entries) > MAX_ROWS - 1:
        raise ExportError(
            f"XLSX holds at most {MAX_ROWS - 1:,} entries (one row each) and the corpus has"
            f" {len(ctx.entries):,}; export CSV or JSONL instead"
        )
    wb = Workbook(write_only=True)
    settings = ctx.corpus.settings
    wb.properties.title = settings.title or ctx.corpus.project
    if settings.editor:
        wb.properties.creator = settings.editor
    if settings.language:
        wb.properties.language = settings.language
    ws = wb.create_sheet(SHEET)
    ws.freeze_panes = "A2"
    for i, column in enumerate(COLUMNS):
        if column in WIDTHS:
            ws.column_dimensions[chr(ord("A") + i)].width = WIDTHS[column]
    ws.append(list(COLUMNS))

    def cell(entry_id: int, column: str, value: str | int):
        if isinstance(value, int):
            return value
        if not value:
            return None  # no cell: an empty one reads back the same
        text = ooxml_text(value)
        if over_cell_limit(text):
            text = _truncated(text, len(value))
            ctx.warn(
                f"entry {entry_id}: {column} has {len(value):,} characters, more than an XLSX"
                f" cell holds ({MAX_CELL:,}); the cell is cut and says so (CSV, JSONL and TEI"
                " hold it whole)"
            )
        c = WriteOnlyCell(ws, value=text)
        c.data_type = "s"  # openpyxl makes "=…" a formula; this is text
        if needs_neutralising(value):
            c.quotePrefix = True
        return c

    count = 0
    try:
        for e in ctx.entries:
            row = entry_row(ctx, e)
            check_no_surrogates(
                e.id, {c: v for c, v in zip(COLUMNS, row, strict=True) if isinstance(v, str)}
            )
            ws.append([cell(e.id, c, v) for c, v in zip(COLUMNS, row, strict=True)])
            count += 1
            ctx.tick()
        wb.save(fh)
    except BaseException:
        _discard(ws)
        raise
    return count


def _discard(ws) -> None:
    """After a failed or cancelled export: close the sheet's stream and remove the
    temporary file openpyxl writes the rows to (else it stays until the app exits)."""
    writer = getattr(ws, "_writer", None)
    if writer is None:
        return
    try:
        if not ws.closed:
            ws.close()
    except Exception:  # the stream is being abandoned; only the file matters now
        pass
    try:
        writer.cleanup()
    except (OSError, ValueError):
        pass


def verify_xlsx(path: Path, expected: int) -> None:
    """The written workbook is a readable zip whose sheet holds a header and one row per
    entry (the sheet is streamed, not loaded)."""
    try:
        with zipfile.ZipFile(path) as z, z.open(SHEET_PART) as sheet:
            rows = 0
            for _, el in etree.iterparse(sheet, events=("end",), tag=f"{{{_MAIN_NS}}}row"):
                rows += 1
                el.clear()
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError, OSError) as exc:
        raise ExportError(f"XLSX check failed: {exc}") from exc
    if rows != expected + 1:
        raise ExportError(f"XLSX check failed: {rows - 1} rows for {expected} entries")


def _read_value(value):
    if value is None:  # an empty text cell
        return ""
    return plain_text(value) if isinstance(value, str) else value


def read_xlsx(path: Path) -> list[dict[str, str | int | None]]:
    """Read an export back with openpyxl (tests and checks): one dict per entry."""
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True)
    try:
        rows = wb[SHEET].iter_rows(values_only=True)
        header = next(rows)
        if tuple(header) != COLUMNS:
            raise ExportError(f"XLSX check failed: unexpected header in {path}")
        return [{c: _read_value(v) for c, v in zip(COLUMNS, r, strict=True)} for r in rows]
    finally:
        wb.close()
