"""Corrections of the structure the parser read, as pure computation: which lines of a
text block a heading or a table takes, the level a new heading stands at, where an
entry's body is cut, and where the text itself suggests a cut (precision over recall).

Storage (:mod:`app.storage.restructure`) writes the results as revisions.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from .structure import _MARKDOWN_HEADING, _MONTH, _NUMBERED_HEADING, _UNIT_LEVEL

_BLANK = " \t\u3000\r\n\f\v"

#: The roles a reading block can be given.
BLOCK_ROLES = ("text", "heading", "table")


def lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every line of ``text``, its line break included."""
    out: list[tuple[int, int]] = []
    pos = 0
    while pos < len(text):
        nl = text.find("\n", pos)
        end = len(text) if nl < 0 else nl + 1
        out.append((pos, end))
        pos = end
    return out


def content_lines(text: str) -> list[int]:
    """Indices of the lines that hold more than blanks."""
    return [i for i, (a, b) in enumerate(lines(text)) if text[a:b].strip(_BLANK)]


def line_at(text: str, offset: int) -> int:
    """The index of the line holding ``offset``."""
    return text.count("\n", 0, max(0, min(offset, len(text))))


@dataclass(frozen=True)
class Piece:
    """One part of a block cut at line boundaries: ``text[start:end]``, its first line's
    index, and whether it is the stretch the archivist chose."""

    start: int
    end: int
    first_line: int
    chosen: bool


def cut_at_lines(text: str, first: int, last: int) -> list[Piece]:
    """The block ``text`` cut so lines ``first``…``last`` (0-based, inclusive) stand
    alone: up to three pieces, the blank lines after the chosen stretch going with
    what follows. ValueError when the lines are not in the text."""
    spans = lines(text)
    if not 0 <= first <= last < len(spans):
        raise ValueError(f"the block has lines 1–{len(spans)}")
    a, b = spans[first][0], spans[last][1]
    out = []
    if a > 0:
        out.append(Piece(0, a, 0, False))
    out.append(Piece(a, b, first, True))
    if b < len(text):
        out.append(Piece(b, len(text), last + 1, False))
    return out


def map_offset(offset: int, text: str, original: str) -> int:
    """Where an offset at a line start of ``text`` falls in ``original`` (the same block
    before its edits): the same line's start when both have as many lines, else in
    proportion (monotonic either way)."""
    if text == original:
        return offset
    now, then = lines(text), lines(original)
    if len(now) == len(then):
        index = line_at(text, offset)
        return then[index][0] if offset < len(text) else len(original)
    return offset * len(original) // max(1, len(text))


def heading_title(text: str) -> str:
    """A heading's first line without the spaces around it."""
    return next((x.strip(_BLANK) for x in text.splitlines() if x.strip(_BLANK)), "")


def heading_level(text: str, previous: Sequence[int] = ()) -> int:
    """The level a line made a heading stands at: what it says (``## 沿革``: 2,
    ``第二章``: 1, ``第一节``: 2, ``10月``: 3), else that of the heading before it in
    the volume (a heading among its siblings), else 1 (类目)."""
    line = heading_title(text)
    m = _MARKDOWN_HEADING.match(line)
    if m:
        return len(m.group("marks"))
    m = _NUMBERED_HEADING.match(line)
    if m:
        return _UNIT_LEVEL[m.group("unit")]
    if _MONTH.match(line):
        return 3
    return previous[-1] if previous else 1


# -- cutting an entry -------------------------------------------------------------------


@dataclass(frozen=True)
class BodyCut:
    """An entry's body cut at ``at``: the first entry keeps ``head``, a new one takes
    ``tail``; ``between`` is what stood between them (the line break), kept as the new
    entry's lead so the corrected text reads as before."""

    head: str
    between: str
    tail: str


def cut_body(body: str, at: int) -> BodyCut:
    """``body`` cut at offset ``at``; the blanks (a line break) around the cut are kept
    between the two parts. ValueError when either part would hold no text."""
    if not 0 < at < len(body):
        raise ValueError("the cut must fall inside the body")
    a = at
    while a > 0 and body[a - 1] in _BLANK:
        a -= 1
    b = at
    while b < len(body) and body[b] in _BLANK:
        b += 1
    head, between, tail = body[:a], body[a:b], body[b:]
    if not head.strip(_BLANK) or not tail.strip(_BLANK):
        raise ValueError("both parts of a split entry need text")
    return BodyCut(head, between, tail)


# A dated line of a chronology (10月17日 …, 17日 …) or a bracketed title (【…】) at the
# start of a line of a body, after a line that ends a sentence: another entry the parser
# did not see.
_DATED_LINE = re.compile(r"(?m)^[ \t\u3000]*(?:[0-9]{1,2}月)?[0-9]{1,2}日[ \t\u3000]+\S")
# 【title】 opening a line, or right after a finished sentence on the line (two entries
# the OCR ran together: …工作。【新标题】正文).
_TITLE_LINE = re.compile(r"(?m)(?:^|(?<=[。！？!?；;…”」』]))[ \t\u3000]*【[^】\n]{2,30}】(?=\S)")
_SENTENCE_END = frozenset("。！？!?；;…”」』）)")


@dataclass(frozen=True)
class SplitHint:
    at: int  # offset in the body where the new entry would start
    why: str  # "dated" | "title"


def split_hints(body: str, *, dated: bool = False) -> Iterator[SplitHint]:
    """Where an entry's body holds the start of another entry: a line opening with a
    date (in an entry of a chronology, ``dated``), or a bracketed title opening a line or
    following a finished sentence; always after text that ends a sentence."""
    found: list[SplitHint] = []
    if dated:
        found += [SplitHint(m.start(), "dated") for m in _DATED_LINE.finditer(body)]
    found += [SplitHint(m.start(), "title") for m in _TITLE_LINE.finditer(body)]
    for hint in sorted(found, key=lambda h: h.at):
        at = hint.at
        while at < len(body) and body[at] in " \t\u3000":
            at += 1
        before = body[: hint.at].rstrip(_BLANK)
        if not before or before[-1] not in _SENTENCE_END:
            continue  # nothing before it, or no finished sentence
        if hint.why == "dated" and "\n" not in body[len(before) : hint.at + 1]:
            continue  # a date inside a line is part of the sentence
        yield SplitHint(at, hint.why)


def looks_cut(body: str, next_title: str) -> bool:
    """An entry that seems to stop mid-sentence, the next having no title: the two may
    be one entry the OCR cut."""
    end = body.rstrip(_BLANK)
    return bool(end) and not next_title.strip(_BLANK) and end[-1] not in _SENTENCE_END


_MID_SENTENCE = re.compile(r"[\u3400-\u9fff，,、]$")


_HAN = re.compile(r"[\u3400-\u9fff]")
_PROSE = 20  # Han characters a body holds at least to be prose that can be cut short


def ends_mid_sentence(body: str) -> int | None:
    """Where the last character of a body stands when it is prose (20 Han characters or
    more) that ends mid-sentence — a Han character or a comma, no closing mark
    (``…在校学``) — else None."""
    end = body.rstrip(_BLANK)
    if not end or not _MID_SENTENCE.search(end) or len(_HAN.findall(end)) < _PROSE:
        return None
    return len(end) - 1
