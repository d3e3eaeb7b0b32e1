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


def layout_runs(lines: list[str]) -> list[tuple[int, int]]:
    """(first, last) of every run of three lines or more with a wide gap inside each
    (blank lines between them allowed): a page laid out in columns side by side."""
    out: list[tuple[int, int]] = []
    i = 0
    while i < len(lines):
        if not wide_gaps(lines[i]):
            i += 1
            continue
        last, count, j = i, 1, i + 1
        while j < len(lines):
            if wide_gaps(lines[j]):
                last, count = j, count + 1
            elif not _blank(lines[j]):
                break
            j += 1
        if count >= MIN_LINES:
            out.append((i, last))
        i = last + 1
    return out


@dataclass(frozen=True)
class Run:
    first: int  # index of its first line
    last: int  # index of its last line (inclusive)
    gutters: tuple[tuple[int, int] | None, ...]  # the gap of each line (None: a blank line)


def runs(lines: list[str]) -> list[Run]:
    """Two columns read across: runs of at least three consecutive lines that each have
    a gutter, one of them with an item (☆…, 27 日 …) starting right after it; or runs
    of a page laid out in two columns, every line's gutter a wide gap."""
    out = _item_runs(lines)
    for first, last in layout_runs(lines):
        rows = lines[first : last + 1]
        gutters = [None if _blank(x) else gutter(x) for x in rows]
        filled = [g for x, g in zip(rows, gutters, strict=True) if not _blank(x)]
        if all(g is not None for g in filled) and not any(
            r.first <= last and first <= r.last for r in out
        ):
            out.append(Run(first, last, tuple(gutters)))
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
    filled = [row for row in rows if not _blank(row)]
    margin = min(len(row) - len(row.lstrip(" \u3000")) for row in filled) if filled else 0
    margin = margin if margin >= 3 else 0  # a wide margin is layout; an indent is text
    left = [(row[: g[0]] if g else row)[margin:] for row, g in zip(rows, run.gutters, strict=True)]
    # a blank row parts the paragraphs of both columns
    right = [row[g[1] :] if g else "" for row, g in zip(rows, run.gutters, strict=True)]
    return newline.join(left + right)
