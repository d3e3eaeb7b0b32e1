"""Damage to the block structure: a lost 【, a table pipe, a line break mid-paragraph."""

from __future__ import annotations

import re
from collections.abc import Iterator

from app.domain import columns

from .chars import HAN, char_at, char_before, is_ascii_letter, is_digit, is_han
from .engine import Finding, rule

# One pipe at the end of a line, the only pipe on it; a line starting with | is a table row.
_TRAILING_PIPE = re.compile(r"(?m)^(?!\|)[^|\n]*?(?P<pipe>[ \t\u3000]*\|[ \t\u3000]*)(?=\r?$)")
_NEWLINE = re.compile("\n")
# Characters after which a line may well end: sentence-final marks, closing brackets,
# a colon introducing a list.
_FINAL = frozenset("。！？!?；;：:…”」』）)】》.")
# Starts of a line that open a new paragraph or list item.
_ITEM_START = re.compile(
    r"[ \t\u3000\n]|[(（]?[0-9０-９]{1,3}[)）.、．]|[(（][一二三四五六七八九十]{1,3}[)）]"
    r"|[一二三四五六七八九十]{1,3}[、是]|第[一二三四五六七八九十百0-9]+[章节条部篇款项]"
    r"|[①-⑳•·\-*【]|!\[|[|#>]"
)


# Lines that are page furniture or a table cell, never prose to join: a page number, a
# running head (第一章建置·189, 189·第一章建置, 青浦年鉴·2018), one character of a side
# tab (第\n二\n章), a number alone.
_FURNITURE = re.compile(
    r"^[ \t\u3000\f]*(?:[0-9]{1,4}|.{0,12}[·•][0-9]{1,4}|[0-9]{1,4}[·•].{0,12}"
    r"|[-+]?[0-9][0-9.,%‰ ]*|P\.\s*[0-9]+)[ \t\u3000\r]*$"
)
# A bracketed year or number closing a line mid-sentence: 唐武德四年(621年), （1369年）;
# searched in the 12 characters before the break only (a 3 MB body has 50,000 breaks).
_YEAR_NOTE = re.compile(r"[^\n]{2}[(（][0-9]{1,4}年?[)）]$")
_CELL = 12  # lines this short that end no sentence, three in a row: a table's cells
# A note mark closing a sentence: …盛事。”① — the line ends the sentence all the same.
_NOTE_MARK = frozenset("①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳*＊")
_PUNCTUATION = re.compile(r"[，,。！？!?；;：:、“”‘’「」『』（）()《》【】…—·]")


def _lines_around(text: str, pos: int) -> list[str]:
    """The two lines before the newline at ``pos`` and the two after it (fewer at the ends)."""
    lines = text.split("\n")
    index = text.count("\n", 0, pos)  # the line that ends at pos
    return lines[max(0, index - 1) : index + 3], min(index, 1)


_SENTENCE_FINAL = frozenset("。！？!?；;…")


def _short(line: str) -> bool:
    stripped = line.strip(" \t\u3000\r")
    return len(stripped) <= _CELL and stripped[-1:] not in _SENTENCE_FINAL


def _not_prose(text: str, pos: int) -> bool:
    """A page number, running head or number alone beside the break, a side tab, cells,
    a heading over its text (a short line with no punctuation after a blank line)."""
    around, at = _lines_around(text, pos)
    above, below = around[at], around[at + 1] if at + 1 < len(around) else ""
    if _FURNITURE.match(above) or _FURNITURE.match(below):
        return True
    over = around[at - 1] if at > 0 else None
    if over is not None and not over.strip(" \t\u3000\r") and _short(above):
        if not _PUNCTUATION.search(above):
            return True  # 人物志的体裁\n对于人物志的体裁…: a subheading, its paragraph
    if len(above.strip()) == 1 and len(below.strip()) == 1:
        return True  # 第\n二\n章: one character a line, a side tab
    run = 0
    for line in around:
        run = run + 1 if _short(line) else 0
        if run >= 3:
            return True
    return False


@rule("STR001", "lost-opening-bracket", fields=[("entry", "title_open")], priority=30)
def title_without_opening_bracket(text: str) -> Iterator[Finding]:
    """## What it does
    Restores the 【 before an entry title that the OCR lost.

    ## Why
    Entries are recognised by ``【title】``; the parser already accepts a line
    ``title】body`` as an entry, and records the missing bracket as an empty
    ``title_open`` field so restoring it is an ordinary, reviewable edit.

    ## Example
    ``上海轻工皮革公司工会再就业工作“三主动”】皮革公司…`` →
    ``【上海轻工皮革公司工会再就业工作“三主动”】皮革公司…``.

    ## Fix safety
    Unsafe: the parser's guess that the line is a title should be confirmed once by an
    archivist.
    """
    if text == "":
        yield Finding("STR001", 0, 0, "【", "unsafe", "标题缺少开头的【 → 补上【")


@rule("STR002", "stray-table-pipe", priority=30)
def stray_table_pipe(text: str) -> Iterator[Finding]:
    """## What it does
    Removes a lone ``|`` (and the spaces around it) at the end of a line.

    ## Why
    OCR pipelines that emit Markdown leave table borders behind; a single pipe at a
    line end, with no other pipe on the line, is such a leftover, not text.

    ## Example
    ``…中式点心培训班(顾惠根摄) |``: the fragment `` |`` → ````. Left alone:
    ``| 区县 | 人数 |`` and ``区县 | 人数 |`` (table rows), ``a|b`` inside a line.

    ## Fix safety
    Unsafe: a pipe can be meaningful (a formula, a path); it happens rarely enough to
    look at each.
    """
    if "|" not in text:
        return
    for m in _TRAILING_PIPE.finditer(text):
        yield Finding(
            "STR002", m.start("pipe"), m.end("pipe"), "", "unsafe", "行末多余的表格竖线 | → 删除"
        )


@rule(
    "BRK001",
    "soft-line-break",
    fields=[("entry", "body"), ("photo", "caption")],
    priority=90,
)
def line_break_inside_paragraph(text: str) -> Iterator[Finding]:
    """## What it does
    Joins two lines when the first does not end a sentence: a line break the OCR kept
    from the printed line wrap.

    ## Why
    A printed column wraps mid-sentence; in the corpus the break splits words and
    phrases (``再就\\n业``), defeating search and sentence splitting.

    ## Example
    ``各级工会在政府支持\\n下,依靠社会力量`` → ``各级工会在政府支持下,依靠社会力量``.
    ``唐武德四年(621年)\\n析县`` → ``唐武德四年(621年)析县`` (a year in brackets ends no
    sentence). Left alone: a break after ``。`` ``？`` ``；`` ``：`` or any other closing
    bracket (and after such a mark and its note mark, ``。”①``), after a subheading (a
    short line with no punctuation after a blank line), before an indented line, a list item (``(2)`` ``二、`` ``第三条``) or a blank line, a
    break between two digits (NUM001's business), and a break beside page furniture or
    inside a table: a page number, a running head (``第二章建置·189``), one character
    of a side tab (``第\n二\n章``), a number alone, two short lines that end no
    sentence (table cells).

    ## Fix safety
    Unsafe: whether a break ends a paragraph is a reading decision. Between two Latin
    letters the break becomes a space, elsewhere nothing.
    """
    if "\n" not in text:
        return
    for m in _NEWLINE.finditer(text):
        start, end = m.start(), m.end()
        while start > 0 and text[start - 1] in " \t\r":
            start -= 1
        before, after = char_before(text, start), char_at(text, end)
        if before in ("", "\n") or after == "":
            continue
        if before in _NOTE_MARK and char_before(text, start - 1) in _FINAL:
            continue  # …之盛事。”①\n: a sentence and its note mark
        if before in _FINAL and not (
            is_han(after) and _YEAR_NOTE.search(text, max(0, start - 12), start)
        ):
            continue  # …(621年)\n析县: a year in brackets ends no sentence
        if is_digit(before) and is_digit(after):
            continue
        if _ITEM_START.match(text, end):
            continue
        if _not_prose(text, m.start()):
            continue  # a page number, running head, side tab or table cell
        joiner = " " if is_ascii_letter(before) and is_ascii_letter(after) else ""
        yield Finding("BRK001", start, end, joiner, "unsafe", "段落内的换行 → 合并两行")


@rule("COL001", "interleaved-columns", fields=[("fragment", "text")], priority=20)
def interleaved_columns(text: str) -> Iterator[Finding]:
    """## What it does
    Proposes reading two columns that were extracted line by line across the page
    (every line: the left column's line, a gap, the right column's line) column by
    column: every left part, then every right part, each on a line of its own.

    ## Why
    A flipbook's text layer or a PDF extractor that reads a two-column page across
    interleaves the columns, so no sentence and no event of a 大事记 can be read, found
    or parsed. The parser keeps such a run together (role "columns") instead of cutting
    events out of it.

    ## Example
    ``☆ 区离退休干部座谈会召开。 ☆ 区文联代表大会召开,`` over
    ``27 日 自贸区项目投入运营, 审议通过区文联章程,`` → the left column
    (``☆ 区离退休…``, ``27 日 自贸区…``) then the right one (``☆ 区文联…``,
    ``审议通过…``). Only runs of three lines or more, each with exactly one gap that can
    be a gutter (not the spaces around a number, nor the one after a date or ☆), one of
    them followed by an item (☆, ``27 日``). A page set in columns with wide gaps (a
    flipbook's text) is read the same way with three columns or more, or with rows where
    one column is empty, each piece placed in the column nearest to where it starts;
    then two blank lines part the columns, so no line break is joined across them.

    ## Fix safety
    Unsafe: where the gutter lies is a guess from the text alone; nothing but the order
    of the line parts and the gutters changes, and the original layer keeps the page.
    """
    if "\n" not in text:
        return
    raw = text.split("\n")
    lines = [x[:-1] if x.endswith("\r") else x for x in raw]
    newline = "\r\n" if raw[0].endswith("\r") else "\n"
    starts = [0]
    for piece in raw:
        starts.append(starts[-1] + len(piece) + 1)
    for run in columns.runs(lines):
        start = starts[run.first]
        end = starts[run.last] + len(lines[run.last])
        message = (
            "多栏文字逐行交错 → 按栏重排（从左到右逐栏）"
            if run.cells
            else "两栏文字逐行交错 → 按栏重排（先左栏，后右栏）"
        )
        yield Finding("COL001", start, end, columns.reading(lines, run, newline), "unsafe", message)


# A bare title standing over prose with no blank line after it: 2–12 Han characters
# (letter-spaced or not), nothing that ends or parts a sentence.
_BARE_TITLE_LINE = re.compile(f"^[ \t\u3000]*[{HAN}][{HAN}·、 \u3000]{{1,16}}[ \t\u3000]*$")
_NOT_IN_TITLE = frozenset('。，,；;：:！？!?、“”"()（）《》')


def _bare_title(line: str) -> bool:
    compact = line.replace(" ", "").replace("\u3000", "").strip()
    return (
        bool(_BARE_TITLE_LINE.match(line))
        and 2 <= len(compact) <= 12
        and not any(c in _NOT_IN_TITLE for c in compact)
    )


def _prose_line(line: str) -> bool:
    s = line.strip(" \t\u3000\r")
    if s[:1] in (">", "»", "›", "＞"):
        return False  # >区情>本区概况: a web page's path, not text under a heading
    return len(s) >= 12 or (len(s) >= 4 and s[-1] in "。！？!?；;")


@rule("STR003", "bare-heading", fields=[("fragment", "text")], priority=40)
def bare_title_line(text: str) -> Iterator[Finding]:
    """## What it does
    Points out a short line that looks like a heading (类目, 分目, a 条目's title) but that
    the parser read as text: it stands first or after a blank line, holds 2–12 Han
    characters and no punctuation, and prose or an English subtitle follows it directly.

    ## Why
    The parser takes a bare title line as a heading only when blank lines set it off;
    flipbook and PDF text layers often lose the blank line after a title (``大 事 记``
    over ``ChronicleofEvents``), so the title stays in the text and no section opens.

    ## Example
    ``大 事 记\nChronicleofEvents\n府与企业签订…`` → ``大 事 记`` may be a heading.
    Left alone: a line with punctuation (``资料来源：县统计局。``), a line of more than
    12 characters, a short line with nothing after it (a heading already), a short line
    inside prose, a web page's 首页 over its path (``>区情>…``).

    ## Fix safety
    Display only: whether a line is a heading is a reading decision; the archivist makes
    it one (or not) in the text blocks.
    """
    if "\n" not in text:
        return
    lines = text.split("\n")
    pos = 0
    for i, raw in enumerate(lines):
        line = raw.rstrip("\r")
        after = lines[i + 1].rstrip("\r") if i + 1 < len(lines) else ""
        before = lines[i - 1].strip(" \t\u3000\r") if i > 0 else ""
        if (
            not before
            and _bare_title(line)
            and after.strip()
            and (_prose_line(after) or after.strip().isascii())
        ):
            start = pos + len(line) - len(line.lstrip(" \t\u3000"))
            end = pos + len(line.rstrip(" \t\u3000"))
            yield Finding(
                "STR003", start, end, None, "display", "此行可能是标题（类目、分目或条目标题）"
            )
        pos += len(raw) + 1
