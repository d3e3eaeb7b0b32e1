"""Source text → ordered blocks (entries, photos, fragments) with exact spans.

The parser never alters text: every character of the input belongs to exactly one
block's span, so the original can always be written back byte for byte. It is a
single pass over lines with a handful of anchored regular expressions, which keeps
it linear on 100,000-entry volumes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .document import AttributionLayout, Block, Document, Entry, Fragment, Photo, Span
from .names import HAN, parse_names, separator_of, source_credit, split_role
from .structure import annotate

# Space before a block's first character: indentation, and the form feed pdftotext
# writes at every page break (\f【title】…).
_LEAD = "[ \\t\\u3000\\f\\v]*"
# 【title】rest — or title】rest where OCR lost the opening bracket.
_TITLE = re.compile(f"^(?P<lead>{_LEAD})(?P<open>【)(?P<title>[^【】\\n]{{1,200}})】(?P<rest>.*)$")
_TITLE_LOST_OPEN = re.compile(
    f"^(?P<lead>{_LEAD})(?P<title>[^【】。！？；!?;\\n\\f]{{2,80}})】(?P<rest>.*)$"
)
_PHOTO = re.compile(
    f"^{_LEAD}"
    r"!\[(?P<alt>[^\]\n]*)\]\((?:<(?P<apath>[^>\n]*)>|(?P<path>[^)\n]*))\)[ \t\u3000]*$"
)
# A whole line that is an attribution: (陈晖), （张三、李四）, (熊 毅), (张三供稿).
_ATTRIBUTION_LINE = re.compile(
    f"^{_LEAD}"
    r"(?P<open>[(（])(?P<names>[^()（）\n]{1,60}?)(?P<suffix>[ \t\u3000]*(?:供稿|撰稿|供图)?)"
    r"(?P<close>[)）])[ \t\u3000]*$"
)
# A byline on a line of its own: 文/朱菊芳, 文 • 朱菊芳, 撰文／张三.
_BYLINE = re.compile(
    f"^(?P<open>{_LEAD}"
    r"(?:文|撰文|图文|作者)[ \t\u3000]*[/／•·‧:：][ \t\u3000]*)"
    f"(?P<names>[{HAN}·、 \\t\\u3000]{{2,40}}?)"
    # …and the date it was written: 作者:耀国 2011/8/20
    r"(?P<close>[ \t\u3000]*(?:[0-9]{4}(?:[/.\-年][0-9]{1,2}(?:[/.\-月][0-9]{1,2}日?)?)?)?[ \t\u3000]*)$"
)
# What a body line ends with before an attribution line: the end of a sentence. A
# bracketed word after anything else is a table cell or a heading's unit: （平方公里）.
_SENTENCE_END = frozenset("。！？!?”’」』…）)》】.；;—")
# An attribution closing the body's last line: …重要作用。(程友谨)
_ATTRIBUTION_INLINE = re.compile(
    r"(?P<before>[。！？!?”』」…])(?P<sp>[ \t\u3000]*)(?P<open>[(（])(?P<names>[^()（）\n]{1,60})(?P<close>[)）])[ \t\u3000]*$"
)
# Photographer credit at the end of a caption: (张鸿祥摄), （張鴻祥 攝）, (张三、李四摄).
_CREDIT_BRACKETED = re.compile(
    r"(?P<open>[(（])(?P<names>[^()（）\n]{1,60}?)(?P<suffix>[ \t\u3000]*[摄攝])(?P<close>[)）])(?P<tail>[ \t\u3000]*\|?[ \t\u3000]*)$"
)
# Unbracketed credit: …表彰十佳创业带头人 张鸿祥  摄
_CREDIT_BARE = re.compile(
    f"(?P<open>[ \\t\\u3000]+)(?P<names>[{HAN}·][{HAN}· \\t\\u3000、]{{0,40}}?)(?P<suffix>[ \\t\\u3000]*[摄攝])(?P<close>)(?P<tail>[ \\t\\u3000]*\\|?[ \\t\\u3000]*)$"
)
# Bare (X) at the end of a caption line: the photographer without 摄.
_CREDIT_PLAIN = re.compile(
    r"(?P<open>[(（])(?P<names>[^()（）\n]{1,60})(?P<suffix>)(?P<close>[)）])(?P<tail>[ \t\u3000]*\|?[ \t\u3000]*)$"
)


@dataclass
class _Line:
    start: int  # offset of the first character
    content_end: int  # offset after the content, before the terminator
    end: int  # offset after the terminator
    number: int
    text: str  # content without terminator

    @property
    def terminator_len(self) -> int:
        return self.end - self.content_end

    @property
    def blank(self) -> bool:
        return not self.text.strip(" \t\u3000\r\f\v")


def _lines(text: str) -> Iterator[_Line]:
    # str.splitlines() also breaks at U+2028, U+0085, \x1c…: only \n (and \r\n) count
    # here — and a lone \r in a file that has no \n at all (classic Mac line ends).
    if "\n" not in text and "\r" in text:
        yield from _cr_lines(text)
        return
    pos = 0
    number = 1
    size = len(text)
    while pos < size:
        nl = text.find("\n", pos)
        end = size if nl < 0 else nl + 1
        content_end = nl - 1 if nl > pos and text[nl - 1] == "\r" else (size if nl < 0 else nl)
        yield _Line(pos, content_end, end, number, text[pos:content_end])
        pos = end
        number += 1


def _cr_lines(text: str) -> list[_Line]:
    out: list[_Line] = []
    pos = 0
    for number, piece in enumerate(text.split("\r"), start=1):
        end = min(pos + len(piece) + 1, len(text))
        if not piece and pos >= len(text):
            break
        out.append(_Line(pos, pos + len(piece), end, number, piece))
        pos = end
    return out


class _Window:
    """The text's lines as the parser reads them: made when first asked for, and
    forgotten once the parser has moved past them (:meth:`forget_before`), so that a
    parse holds the lines of the block it reads, not the whole volume's."""

    def __init__(self, lines: Iterator[_Line]):
        self._next = lines
        self._held: list[_Line] = []
        self._first = 0  # the index of _held[0]

    def has(self, i: int) -> bool:
        """Whether the text has a line *i* (counting from 0)."""
        held = self._held
        while i >= self._first + len(held):
            line = next(self._next, None)
            if line is None:
                return False
            held.append(line)
        return True

    def __getitem__(self, i: int) -> _Line:
        if i < self._first or not self.has(i):
            raise IndexError(i)
        return self._held[i - self._first]

    def forget_before(self, i: int) -> None:
        drop = i - self._first
        if drop > 256 and drop * 2 > len(self._held):  # a few moves of the list per block
            del self._held[:drop]
            self._first = i


def _newline_of(text: str, line: _Line) -> str:
    return text[line.content_end : line.end]


def _title_match(line: str) -> tuple[re.Match[str], bool] | None:
    m = _TITLE.match(line)
    if m:
        return m, True
    m = _TITLE_LOST_OPEN.match(line)
    if m and "【" not in line[: m.end("title")] and _plausible_lost_title(m.group("title")):
        return m, False
    return None


def _plausible_lost_title(title: str) -> bool:
    stripped = title.strip()
    # A heading has some Han text and does not start with punctuation or a digit run.
    return (
        len(stripped) >= 4
        and sum(1 for c in stripped if "\u4e00" <= c <= "\u9fff") >= 4
        and stripped[0] not in "，,、：:）)》”"
    )


def _attribution_line(line: str) -> tuple[re.Match[str], tuple[str, ...]] | None:
    m = _ATTRIBUTION_LINE.match(line) or _BYLINE.match(line)
    if not m:
        return None
    names = parse_names(m.group("names").strip(" \t\u3000"))
    return (m, names) if names else None


def credit_of(
    attribution: tuple[re.Match[str], tuple[str, ...]],
) -> tuple[tuple[str, ...], str, AttributionLayout]:
    """(authors, names as printed, layout) of an attribution line's match."""
    am, authors = attribution
    raw = am.group("names")
    suffix = am.groupdict().get("suffix") or ""
    layout = AttributionLayout(
        open=am.group("open"), close=suffix + am.group("close"), separator=separator_of(raw)
    )
    return authors, raw, layout


def author_line(line: str) -> tuple[tuple[str, ...], str, AttributionLayout] | None:
    """The authors of a line that is an attribution or a byline of its own, or None."""
    attribution = _attribution_line(line)
    return credit_of(attribution) if attribution else None


def _ends_sentence(line: str) -> bool:
    stripped = line.rstrip(" \t\u3000\r\f\v")
    return bool(stripped) and stripped[-1] in _SENTENCE_END


# A bare agency credit closing a caption: …在京举行。新华社发
_AGENCY_BARE = re.compile(r"(?:新华社|中新社|中国新闻社)(?:记者[^。！？\n]{0,20}?)?发[ \t\u3000]*$")


@dataclass(frozen=True)
class _Credit:
    match: re.Match[str]
    names: tuple[str, ...]
    prefix: str  # a role before the names: 本报记者
    raw: str  # the names as printed, without the role


def _credit(caption: str) -> _Credit | tuple[str, str] | None:
    """The photographers' credit, or (kind, text) of a credit naming no photographer."""
    other: tuple[str, str] | None = None
    for pattern in (_CREDIT_BRACKETED, _CREDIT_BARE, _CREDIT_PLAIN):
        m = pattern.search(caption)
        if m:
            prefix, raw = split_role(m.group("names"))
            names = parse_names(raw.strip(" \t\u3000"))
            if names:
                return _Credit(m, names, prefix, raw)
            if other is None and pattern is not _CREDIT_BARE:
                other = source_credit(m.group("names"))
    if other is None:
        bare = _AGENCY_BARE.search(caption)
        if bare:
            other = ("agency", bare.group().strip(" \t\u3000"))
    return other


def parse(text: str) -> Document:
    """Parse decoded source text (BOM removed) into a :class:`Document`."""
    return Document(text=text, blocks=tuple(parse_blocks(text)))


def parse_blocks(text: str) -> Iterator[Block]:
    """The blocks of :func:`parse`, one at a time, in order: the import stores them in
    chunks as they come instead of holding the whole document."""
    return annotate(_blocks(text), text, author_line)


def _blocks(text: str) -> Iterator[Block]:
    lines = _Window(_lines(text))
    i = 0
    loose_start: int | None = None  # index of the first line of a pending fragment

    def flush_fragment(upto: int) -> Iterator[Block]:
        nonlocal loose_start
        if loose_start is not None and loose_start < upto:
            first, last = lines[loose_start], lines[upto - 1]
            yield Fragment(Span(first.start, last.end, first.number), text[first.start : last.end])
        loose_start = None

    while lines.has(i):
        lines.forget_before(i if loose_start is None else loose_start)
        line = lines[i]
        photo = _PHOTO.match(line.text)
        title = None if photo else _title_match(line.text)
        if photo:
            yield from flush_fragment(i)
            block, i = _photo(text, lines, i, photo)
            yield from block
            continue
        if title:
            yield from flush_fragment(i)
            block, i = _entry(text, lines, i, *title)
            yield from block
            continue
        if loose_start is None:
            loose_start = i
        i += 1
    yield from flush_fragment(i)


def _is_structural(line: _Line) -> bool:
    text = line.text
    if "】" in text:
        return bool(_title_match(text) or _PHOTO.match(text))
    return "![" in text and bool(_PHOTO.match(text))


def _entry(
    text: str, lines: _Window, i: int, m: re.Match[str], has_open: bool
) -> tuple[list[Block], int]:
    first = lines[i]
    body_lines: list[str] = [m.group("rest")]
    j = i + 1
    authors: tuple[str, ...] = ()
    authors_raw: str | None = None
    layout: AttributionLayout | None = None
    last = first
    while lines.has(j):
        line = lines[j]
        if _is_structural(line):
            break
        if _caption_after_author(body_lines[-1], line.text):
            break  # …。(程友谨) then a photo's caption: the entry ends with its author
        attribution = _attribution_line(line.text)
        if attribution and _among_cells(body_lines):
            attribution = None  # a table cell or a unit under a heading, not a person
        if attribution:
            authors, authors_raw, layout = credit_of(attribution)
            last = line
            j += 1
            break
        body_lines.append(line.text)
        last = line
        j += 1
    # Trailing blank lines after an unattributed body belong between blocks, not to it.
    trailing_blank: list[_Line] = []
    if layout is None:
        k = j - 1
        while k > i and lines[k].blank:
            trailing_blank.insert(0, lines[k])
            k -= 1
        if trailing_blank:
            body_lines = body_lines[: len(body_lines) - len(trailing_blank)]
            last = lines[k]
        inline = _ATTRIBUTION_INLINE.search(body_lines[-1])
        if inline:
            names = parse_names(inline.group("names").strip(" \t\u3000"))
            if names:
                authors, authors_raw = names, inline.group("names")
                layout = AttributionLayout(
                    open=inline.group("sp") + inline.group("open"),
                    close=inline.group("close"),
                    separator=separator_of(authors_raw),
                    inline=True,
                )
                body_lines[-1] = body_lines[-1][: inline.start("sp")]
    entry = Entry(
        span=Span(first.start, last.end, first.number),
        title_open="【" if has_open else "",
        title=m.group("title"),
        body="\n".join(body_lines),
        authors=authors,
        authors_raw=authors_raw,
        attribution=layout,
        newline=_newline_of(text, first) or "\n",
        lead=m.group("lead"),
    )
    blocks: list[Block] = [entry]
    if trailing_blank:
        a, b = trailing_blank[0], trailing_blank[-1]
        blocks.append(Fragment(Span(a.start, b.end, a.number), text[a.start : b.end]))
    return blocks, j


_CELL_CHARS = 12


def _caption_after_author(last: str, line: str) -> bool:
    """A line closing with an inline author, then a caption with a photographer's credit."""
    inline = _ATTRIBUTION_INLINE.search(last)
    if inline is None or not parse_names(inline.group("names").strip(" \t\u3000")):
        return False
    credit = _credit(line)
    return isinstance(credit, _Credit) and bool(credit.match.group("suffix").strip())


_NUMERIC_CELL = re.compile(r"^[ \t\u3000|]*[-+]?[0-9][0-9.,%‰ \t\u3000|]*$")


def _among_cells(body_lines: list[str]) -> bool:
    """Whether the body ends in short lines that end no sentence: a flattened table."""
    filled = [line for line in body_lines if line.strip(" \t\u3000\r\f\v")]
    if len(filled) < 2:
        return False
    last = filled[-4:]
    short = all(len(line.strip()) <= _CELL_CHARS and not _ends_sentence(line) for line in last[-2:])
    return short and any(_NUMERIC_CELL.match(line) for line in last)


def _photo(text: str, lines: _Window, i: int, m: re.Match[str]) -> tuple[list[Block], int]:
    first = lines[i]
    path = m.group("apath") if m.group("apath") is not None else m.group("path")
    newline = _newline_of(text, first) or "\n"
    nxt = lines[i + 1] if lines.has(i + 1) else None
    if nxt is None or nxt.blank or _is_structural(nxt) or _attribution_line(nxt.text):
        photo = Photo(
            span=Span(first.start, first.end, first.number),
            path=path.strip(),
            alt=m.group("alt"),
            caption="",
            has_caption_line=False,
            newline=newline,
        )
        return [photo], i + 1
    caption = nxt.text
    credit = _credit(caption)
    blocks: list[Block] = []
    end = nxt.end
    photographers: tuple[str, ...] = ()
    credit_raw = None
    layout = None
    other: tuple[str, str] | None = None
    if isinstance(credit, tuple):
        other, credit = credit, None
    if credit:
        cm, photographers = credit.match, credit.names
        credit_raw = credit.raw
        layout = AttributionLayout(
            open=cm.group("open"),
            close=cm.group("close"),
            separator=separator_of(credit_raw),
            suffix=cm.group("suffix"),
            prefix=credit.prefix,
        )
        tail = cm.group("tail")
        caption = caption[: cm.start()]
        if tail:
            # Junk after the credit (a table pipe the OCR left) stays a fragment of its
            # own, so a suggestion can remove it without touching the caption.
            tail_start = nxt.start + cm.start("tail")
            end = tail_start
            blocks.append(
                Fragment(Span(tail_start, nxt.end, nxt.number), text[tail_start : nxt.end])
            )
    photo = Photo(
        span=Span(first.start, end, first.number),
        path=path.strip(),
        alt=m.group("alt"),
        caption=caption,
        photographers=photographers,
        credit_raw=credit_raw,
        credit=layout,
        newline=newline,
        source_credit=other,
    )
    return [photo, *blocks], i + 2
