"""Two columns interleaved line by line: the text layer of a flipbook or a PDF whose
extractor read a two-column page across, so every line is the left column's line, a
gap, and the right column's line (``☆ 区离退休干部座谈会召开。 ☆ 区文联代表大会召开,``).

A person reads the left column down, then the right one. Where the gutter lies is a
guess from the text alone (the page's geometry is lost), so the structure pass only
keeps such a run together, never mined for entries, and the rule COL001 proposes the
column-by-column reading for an archivist to confirm.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from .names import HAN

_GAP = re.compile("[ \u3000]+")
# What opens an item of a chronology: ☆ 区…, 26 日 区…, 10月17日 …
ITEM_MARK = "☆★●◆■▲"
_ITEM_START = re.compile(
    f"[{ITEM_MARK}]|(?:[0-9]{{1,2}}[ ]?月[ ]?)?[0-9]{{1,2}}[ ]?日(?:[ \u3000]|$)"
)
# At a line's start, the gap after these sets off an item's text, not a column.
_LINE_ITEM = re.compile(
    f"^[ \u3000]*(?:[{ITEM_MARK}]|(?:[0-9]{{1,2}}[ ]?月[ ]?)?[0-9]{{1,2}}[ ]?日)"
)
_HAN1 = re.compile(f"[{HAN}]")
# Three spaces or more inside a line: the gutter of a page laid out in columns (a
# flipbook's or pdftotext -layout's text), never a space of the text itself.
_WIDE = re.compile("[ \u3000]{3,}")
_CLAUSE_END = frozenset("。，,；;：:！？!?、）)”」』")
MIN_LINES = 3


def _kind(ch: str) -> str:
    if ch.isdigit() and ch.isascii():
        return "digit"
    if ch.isascii() and ch.isalpha():
        return "latin"
    if ch in _CLAUSE_END:
        return "mark"
    if _HAN1.match(ch) or ch in ITEM_MARK:
        return "han"
    return "other"


def gutter(line: str) -> tuple[int, int] | None:
    """The one gap of ``line`` that can be the gutter between two columns, or None.

    Not a gutter: the gap after a line-start date or item mark (``26 日 区…``, ``☆ 区…``),
    the gap after an item mark anywhere, the spaces a PDF sets around a number inside Han
    text (``选拔的 18 名``), a gap next to a Latin letter. A line with none, or with more than one left, has no gutter."""
    body_start = len(line) - len(line.lstrip(" \u3000"))
    wide = wide_gaps(line)
    if wide:
        return wide[0] if len(wide) == 1 else None  # more than two columns: no one gutter
    item = _LINE_ITEM.match(line)
    found: list[tuple[int, int]] = []
    for m in _GAP.finditer(line, body_start, len(line.rstrip(" \u3000\r"))):
        if item and m.start() <= item.end():
            continue
        if line[m.start() - 1] in ITEM_MARK:
            continue  # ☆ 区文联…: an item's mark and its text
        left, right = _kind(line[m.start() - 1]), _kind(line[m.end()])
        if "latin" in (left, right) or "other" in (left, right):
            continue
        if "digit" in (left, right) and "mark" not in (left, right):
            continue  # 选拔的 18 名, 26 日: a number set off by spaces
        if left == "digit" and right == "mark":
            continue
        found.append(m.span())
    return found[0] if len(found) == 1 else None


def wide_gaps(line: str) -> list[tuple[int, int]]:
    """The gaps of three spaces or more between a line's first and last characters."""
    body_start = len(line) - len(line.lstrip(" \u3000"))
    body_end = len(line.rstrip(" \u3000\r"))
    return [m.span() for m in _WIDE.finditer(line, body_start, body_end)]


def _blank(line: str) -> bool:
    return not line.strip(" \u3000\t\r\f")


_DEEP = 20  # a line this far indented, with no gap inside: a column further right alone


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" \u3000"))


def _column_line(line: str) -> bool:
    """A line of a column standing alone in its row: deep in the page, Han text."""
    return _indent(line) >= _DEEP and bool(_HAN1.search(line))


def layout_runs(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) of every run of three lines or more with a wide gap inside each
    (blank lines between them allowed): a page laid out in columns side by side. A line
    with no gap inside, set in the page's margin, belongs to the run when lines with a
    gap follow it (a row where one column is empty) or when it closes the text with the
    run's margin (the first column's last line); so does a line alone deep in the page
    (a column further right) before the first row with a gap."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not wide_gaps(lines[i]):
            i += 1
            continue
        first = i
        while first > 0:  # a right column's lines above the first full row
            k = first - 1
            while k >= 0 and _blank(lines[k]):
                k -= 1
            if k < 0 or not _column_line(lines[k]):
                break
            first = k
        indents = [_indent(lines[i])]
        last, count, j = i, 1, i + 1
        pending: list[int] = []
        while j < len(lines):
            if wide_gaps(lines[j]):
                last, count, pending = j, count + 1, []
                indents.append(_indent(lines[j]))
            elif not _blank(lines[j]):
                if _indent(lines[j]) < 3:
                    break
                pending.append(j)
            j += 1
        margin = sorted(indents)[len(indents) // 2]
        if pending and all(_blank(x) for x in lines[pending[-1] + 1 :]):
            if len(pending) == 1 and abs(_indent(lines[pending[0]]) - margin) <= 2:
                last = pending[0]  # the first column's last line, closing the text
        if count >= MIN_LINES:
            out.append((first, last))
        i = last + 1
    return out


@dataclass(frozen=True)
class Run:
    first: int  # index of its first line
    last: int  # index of its last line (inclusive)
    gutters: tuple[tuple[int, int] | None, ...]  # the gap of each line (None: a blank line)
    # Three columns or more, or two where some rows hold one column only: for each line
    # the span of its text in every column (None: that column is empty in the row), or
    # None for a blank line. Empty for two columns parted by one gutter on every line.
    cells: tuple[tuple[tuple[int, int] | None, ...] | None, ...] = ()


def _width(text: str) -> int:
    """Display width: a Han character or a full-width mark takes two places."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def _segments(line: str) -> list[tuple[int, int]]:
    """The spans of a line's text between its wide gaps."""
    start, end = _indent(line), len(line.rstrip(" \u3000\r"))
    out, pos = [], start
    for a, b in wide_gaps(line):
        out.append((pos, a))
        pos = b
    if pos < end:
        out.append((pos, end))
    return out


_MAX_COLUMNS = 6
_FAR = 16  # display places a column's text may start from where the column's does


def _cells(lines: list[str], first: int, last: int) -> Run | None:
    """The run read as columns placed by where their text starts on the page: the rows
    with the most pieces give each column's place, every other piece goes to the
    nearest; None when that cannot be done one piece to a column, left to right."""
    rows = lines[first : last + 1]
    segs = [None if _blank(x) else _segments(x) for x in rows]
    filled = [g for g in segs if g is not None]
    k = max((len(g) for g in filled), default=0)
    full = [(x, g) for x, g in zip(rows, segs, strict=True) if g is not None and len(g) == k]
    if not 2 <= k <= _MAX_COLUMNS or len(full) < MIN_LINES:
        return None
    places = [sorted(_width(x[: g[j][0]]) for x, g in full)[len(full) // 2] for j in range(k)]
    cells: list[tuple[tuple[int, int] | None, ...] | None] = []
    for row, g in zip(rows, segs, strict=True):
        if g is None:
            cells.append(None)
            continue
        slots = _place(row, g, places) if _HAN1.search(row) or cells else None
        if slots is None and not any(c is not None for c in cells):
            cells = []  # a running head over the columns (鹿城年鉴      2015): not a row
            first += len(cells) + 1
            continue
        if slots is None:
            return None
        cells.append(slots)
    while cells and cells[0] is None:
        cells.pop(0)
        first += 1
    if sum(1 for c in cells if c is not None) < MIN_LINES:
        return None
    return Run(first, last, tuple(None for _ in cells), tuple(cells))


def _place(row: str, segs: list[tuple[int, int]], places: list[int]):
    """The pieces of a row in their columns: one a column when the row has them all;
    else each in the column whose place is nearest (a piece alone on its row is placed
    by its indentation, which the page keeps; after text, places drift, so a piece far
    from every column, two in one, or out of order give None)."""
    if len(segs) == len(places):
        return tuple(segs)
    slots: list[tuple[int, int] | None] = [None] * len(places)
    previous = -1
    for a, b in segs:
        at = _width(row[:a])
        j = min(range(len(places)), key=lambda c: abs(places[c] - at))
        far = len(segs) > 1 and abs(places[j] - at) > _FAR
        if j <= previous or slots[j] is not None or far:
            return None
        slots[j], previous = (a, b), j
    return tuple(slots)


def runs(lines: list[str]) -> list[Run]:
    """Two columns read across: runs of at least three consecutive lines that each have
    a gutter, one of them with an item (☆…, 27 日 …) starting right after it; or runs
    of a page laid out in two columns, every line's gutter a wide gap."""
    out = _item_runs(lines)
    for first, last in layout_runs(lines):
        inside = [r for r in out if r.first <= last and first <= r.last]
        if inside:
            # a page's columns, more of them than the rows a narrow gutter parts
            wider = all(first <= r.first and r.last <= last for r in inside) and any(
                (r.first, r.last) != (first, last) for r in inside
            )
            placed = _cells(lines, first, last) if wider else None
            if placed is not None:
                out = [r for r in out if r not in inside] + [placed]
            continue
        rows = lines[first : last + 1]
        gutters = [None if _blank(x) else gutter(x) for x in rows]
        filled = [g for x, g in zip(rows, gutters, strict=True) if not _blank(x)]
        if all(g is not None for g in filled):
            out.append(Run(first, last, tuple(gutters)))
            continue
        placed = _cells(lines, first, last)  # three columns or more, rows of one column
        if placed is not None:
            out.append(placed)
    return sorted(out, key=lambda r: r.first)


def _item_runs(lines: list[str]) -> list[Run]:
    out: list[Run] = []
    i = 0
    while i < len(lines):
        gaps: list[tuple[int, int]] = []
        j = i
        while j < len(lines):
            g = gutter(lines[j])
            if g is None:
                break
            gaps.append(g)
            j += 1
        if len(gaps) >= MIN_LINES and any(
            _ITEM_START.match(lines[i + k], g[1]) for k, g in enumerate(gaps)
        ):
            out.append(Run(i, j - 1, tuple(gaps)))
        i = max(j, i + 1)
    return out


def reading(lines: list[str], run: Run, newline: str = "\n") -> str:
    """The run's lines read column by column: every left part, then every right part,
    each on a line of its own; nothing but the order, the gutters and the page's margin
    (the indentation every line of the left column shares) changes."""
    rows = lines[run.first : run.last + 1]
    if run.cells:
        return newline.join(_read_cells(rows, run.cells))
    filled = [row for row in rows if not _blank(row)]
    margin = min(len(row) - len(row.lstrip(" \u3000")) for row in filled) if filled else 0
    margin = margin if margin >= 3 else 0  # a wide margin is layout; an indent is text
    left = [(row[: g[0]] if g else row)[margin:] for row, g in zip(rows, run.gutters, strict=True)]
    # a blank row parts the paragraphs of both columns
    right = [row[g[1] :] if g else "" for row, g in zip(rows, run.gutters, strict=True)]
    return newline.join(left + right)


def _read_cells(rows: list[str], cells) -> list[str]:
    """Every column top to bottom, left to right: the first column keeps what its lines
    are indented beyond the page's margin (a paragraph's indent), the others start at
    their text; a blank row parts the paragraphs of every column; a row where a column
    is empty gives it no line. Two blank lines part the columns: whether a column's last
    line runs on at the next one's top is the reader's call (the text may jump to
    another page), so no rule joins them unasked."""
    k = len(next(c for c in cells if c is not None))
    starts = [c[0][0] for c in cells if c is not None and c[0] is not None]
    margin = min((_indent(r) for r, c in zip(rows, cells, strict=True) if c and c[0]), default=0)
    margin = margin if starts and margin >= 3 else 0
    out: list[str] = []
    for j in range(k):
        if j:
            out += ["", ""]
        for row, c in zip(rows, cells, strict=True):
            if c is None:
                out.append("")
            elif c[j] is not None:
                a, b = c[j]
                out.append(row[margin:b] if j == 0 else row[a:b])
    return out
