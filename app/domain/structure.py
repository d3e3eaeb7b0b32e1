"""The structure of a volume beyond entries and photos: headings and sections, page
furniture, tables and the dated paragraphs of a chronology.

A pass over the parser's blocks: each fragment (text the parser did not read as an entry
or a photo) is cut, at line boundaries only, into fragments of one *role* each, so the
spans still tile the source; then every block learns its page, and every entry the
headings it stands under (its section, 类目 › 分目).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace

from . import bylines, columns
from .document import AttributionLayout, Block, Entry, Fragment, Photo, Span
from .names import HAN, separator_of

_NUM = "一二三四五六七八九十百千零〇0-9"
_MARKDOWN_HEADING = re.compile(r"^(?P<marks>#{1,6})[ \t]+(?P<title>\S.*?)[ \t#]*$")
# 第二章 建置 / 第一节 沿革 / 第三编 经济: a numbered heading of a gazetteer.
_NUMBERED_HEADING = re.compile(
    f"^[ \\t\\u3000]*(?P<title>第[{_NUM}]{{1,4}}(?P<unit>[编篇章节卷部])(?:[ \\t\\u3000]*[{HAN}、·]{{1,20}})?)[ \\t\\u3000]*$"
)
_UNIT_LEVEL = {"编": 1, "篇": 1, "卷": 1, "部": 1, "章": 1, "节": 2}
_MONTH = re.compile(
    r"^[ \t\u3000]*(?P<title>[0-9]{1,2}月|[一二三四五六七八九十]{1,3}月)[ \t\u3000]*$"
)
# 17日 美国…, 10月17日 …, 21日—22日 …, 2 — 4 日 …: an event of a chronology.
_EVENT = re.compile(
    r"^(?P<lead>[ \t\u3000\f]*)(?P<date>(?:[0-9]{1,2}[ ]?月[ ]?)?[0-9]{1,2}"
    r"(?:[ ]?[—\-~～][ ]?[0-9]{1,2})?[ ]?日"
    r"(?:[ ]?[—\-~～至][ ]?(?:[0-9]{1,2}[ ]?月[ ]?)?[0-9]{1,2}[ ]?日)?)(?P<sep>[ \t\u3000]+)\S"
)
# ☆ 区离退休干部座谈会召开。/ 是日 …: another event of the day before it, marked instead
# of dated.
_MARKED_EVENT = re.compile(
    f"^(?P<lead>[ \\t\\u3000\\f]*)(?P<date>[{columns.ITEM_MARK}]|(?:是|同|当|當)[日月](?=[ \\t\\u3000]))"
    f"(?P<sep>[ \\t\\u3000]*)\\S"
)
# 4 2日 …, 月 5日 …: a month printed down the page's margin (4 / 月) beside the day of an
# event; read so only among dated events (the margin's month is the lead).
_SIDE_MONTH = re.compile(
    r"^(?P<lead>[ \t\u3000\f]*(?:1[0-2]|[1-9]|月)[ ]+)(?P<date>[0-9]{1,2}日)(?P<sep>[ \t\u3000]+)\S"
)
# 同日 …, 是日 …, 是月 …: an event of the day (month) before it, written out.
_SAME_DAY = re.compile(r"^[ \t\u3000\f]*(?:是|同|当|當)[日月][ \t\u3000]+\S")
_DATE = (
    r"(?:[0-9]{1,2}[ ]?月[ ]?)?[0-9]{1,2}(?:[ ]?[—\-~～][ ]?[0-9]{1,2})?[ ]?日"
    r"(?:[ ]?[—\-~～至][ ]?(?:[0-9]{1,2}[ ]?月[ ]?)?[0-9]{1,2}[ ]?日)?"
)
# 1日 (or 1月1日, 13日—14日) on a line of its own, the event in the paragraph below it.
_DATE_ALONE = re.compile(f"^[ \\t\\u3000\\f]*{_DATE}[ \\t\\u3000]*$")
_EVENT_BELOW = re.compile(
    f"^(?P<lead>[ \\t\\u3000\\f]*)(?P<date>{_DATE})"
    r"(?P<sep>[ \t\u3000]*\r?\n(?:[ \t\u3000\f]*\r?\n)*[ \t\u3000]*)\S"
)
# 1月2日，市委全会召开。: a chronology whose dates are followed by a comma — read so only
# where at least _COMMA_EVENTS lines of the text begin like this (a news story's
# paragraph may begin with its date too).
_EVENT_COMMA = re.compile(
    r"^(?P<lead>[ \t\u3000\f]*)(?P<date>[0-9]{1,2}[ ]?月[ ]?[0-9]{1,2}"
    r"(?:[ ]?[—\-~～][ ]?[0-9]{1,2})?[ ]?日"
    r"(?:[—\-~～至](?:[0-9]{1,2}月)?[0-9]{1,2}日)?)(?P<sep>[ ]?[,，][ \t\u3000]*)\S"
)
_COMMA_EVENTS = 3
_ANCHOR = re.compile(
    r"^[ \t\u3000\f]*<!--[ \t]*page[-_ ]?(?:anchor|break|number)?[ \t:：=]*(?P<page>[^>]*?)[ \t]*-->[ \t]*$",
    re.IGNORECASE,
)
_PAGE_NUMBER = re.compile(r"^[ \t\u3000\f]*(?:P\.[ ]?|第)?(?P<page>[0-9]{1,4})(?:页)?[ \t\u3000]*$")
# 第二章建置·189, 189·第二章建置, 青浦年鉴·2018: a running head (with its page).
_RUNNING_HEAD = re.compile(
    f"^[ \\t\\u3000\\f]*(?:(?P<a>[{HAN}0-9（）()]{{2,16}})[ ]?[·•][ ]?(?P<pa>[0-9]{{1,4}})"
    f"|(?P<pb>[0-9]{{1,4}})[ ]?[·•][ ]?(?P<b>[{HAN}（）()]{{2,16}}))[ \\t\\u3000]*$"
)
_ONE_HAN = re.compile(f"^[ \\t\\u3000\\f]*[{HAN}][ \\t\\u3000]*$")
_PIPE_ROW = re.compile(r"\|.*\|")
_NUMERIC = re.compile(r"^[ \t\u3000|]*[-+]?[0-9][0-9.,%‰ \t\u3000|]*$")
_SENTENCE_END = frozenset("。！？!?；;…：:")
_CELL = 12


def _page_of(m: re.Match[str]) -> str | None:
    page = m.groupdict().get("page") or m.groupdict().get("pa") or m.groupdict().get("pb")
    digits = re.search(r"[0-9]+", page or "")
    if digits and len(digits.group()) == 4 and digits.group()[:2] in ("19", "20"):
        return None  # 青浦年鉴·2018: the volume's year, not a page
    return digits.group() if digits else ((page or "").strip() or None)


class _Lines:
    """The lines of a fragment with their exact offsets (terminators kept)."""

    def __init__(self, text: str, start: int) -> None:
        self.items: list[tuple[int, int, str]] = []  # (start, end, content)
        pattern = r"[^\r\n]*(?:\r\n|\n|\r|$)" if "\n" not in text else r"[^\n]*(?:\n|$)"
        pos = 0
        for m in re.finditer(pattern, text):
            if m.start() == m.end() and m.start() == len(text):
                break
            piece = m.group()
            self.items.append((start + pos, start + pos + len(piece), piece.rstrip("\r\n")))
            pos += len(piece)


_HAN_NUMERAL = re.compile(r"^[ \t\u3000\f]*[一二三四五六七八九十百零〇]{1,4}[ \t\u3000]*$")
_BARE_TITLE = re.compile(f"^[ \t\u3000]*[{HAN}·、 \u3000]{{2,12}}[ \t\u3000]*$")


def _role(
    lines: list[str], i: int, repeated: frozenset[str], comma_dated: bool = False
) -> tuple[str, int, str | None]:
    """(role, level or 0, page or date) of line ``i``; ``comma_dated``: the text is a
    chronology whose dates are followed by a comma (1月2日，…)."""
    line = lines[i]
    stripped = line.strip(" \t\u3000\f\v")
    if not stripped:
        return "blank", 0, None
    m = _ANCHOR.match(line)
    if m:
        return "furniture", 0, _page_of(m)
    if stripped == "|":
        return "furniture", 0, None  # a table border a web page's text left on its own line
    if _table_cell(lines, i):
        return "table", 0, None
    if bylines.byline_at(lines, i) is not None:
        return "byline", 0, None  # 周 广 骞 over 摘要…: not a heading, not a title
    if _credited_title(lines, i):
        return "heading", 1, None
    if _DATE_ALONE.match(line) and _event_below(lines, i):  # before running heads: 1月1日
        return "event", 0, stripped.replace(" ", "")  # may be printed twice
    if stripped in repeated or _HAN_NUMERAL.match(line):
        return "furniture", 0, None  # a running head printed on every page, a page number
    m = _PAGE_NUMBER.match(line)
    if m:
        return "furniture", 0, _page_of(m)
    m = _RUNNING_HEAD.match(line)
    if m:
        return "furniture", 0, _page_of(m)
    m = _MARKDOWN_HEADING.match(stripped)
    if m:
        return "heading", len(m.group("marks")), None
    m = _NUMBERED_HEADING.match(line)
    if m:
        return "heading", _UNIT_LEVEL[m.group("unit")], None
    if _MONTH.match(line):
        return "heading", 3, None
    m = _EVENT.match(line) or (_EVENT_COMMA.match(line) if comma_dated else None)
    if m:
        return "event", 0, m.group("date").replace(" ", "")
    if _PIPE_ROW.search(line) or _number_row(lines, i):
        return "table", 0, None
    before = lines[i - 1].strip(" \t\u3000\f\v") if i > 0 else ""
    after = lines[i + 1].strip(" \t\u3000\f\v") if i + 1 < len(lines) else ""
    if _BARE_TITLE.match(line) and not before and not after and i + 1 < len(lines):
        return "heading", 1, None  # 大事记, 重修縣志序: a title line standing alone
    return "text", 0, None


def _credited_title(lines: list[str], i: int) -> bool:
    """对人物志编写研究的综述(张景孔) standing alone at the head of a text."""
    blank_above = i == 0 or not lines[i - 1].strip(" \t\u3000\f\v")
    blank_below = i + 1 < len(lines) and not lines[i + 1].strip(" \t\u3000\f\v")
    return blank_above and blank_below and bylines.title_credit(lines[i].strip()) is not None


def _event_below(lines: list[str], i: int) -> bool:
    """Whether the first line after blank ones under line ``i`` is the text of an event:
    prose, not another date, a month or the end of the text."""
    k = i + 1
    while k < len(lines) and not lines[k].strip(" \t\u3000\f\v"):
        k += 1
    if k >= len(lines):
        return False
    below = lines[k]
    return not (_DATE_ALONE.match(below) or _MONTH.match(below) or _EVENT.match(below)) and (
        len(_HAN_CHAR.findall(below)) >= 4
    )


_NUMBER_TOKENS = re.compile(r"[-+]?[0-9][0-9.,%‰]*")


def _numbers_only(line: str) -> bool:
    return bool(_NUMERIC.match(line)) and len(_NUMBER_TOKENS.findall(line)) >= 3


def _number_row(lines: list[str], i: int) -> bool:
    """A row of three numbers or more parted by spaces (1950 48.98 26.32 3.56), beside
    another such row (blank lines between allowed): a table set in spaces."""
    if not _numbers_only(lines[i]):
        return False
    for step in (-1, 1):
        k = i + step
        while 0 <= k < len(lines) and not lines[k].strip(" \t\u3000\f\v"):
            k += step
        if 0 <= k < len(lines) and _numbers_only(lines[k]):
            return True
    return False


def _short(line: str) -> bool:
    s = line.strip(" \t\u3000\f\v")
    return 0 < len(s) <= _CELL and s[-1] not in _SENTENCE_END


def _table_cell(lines: list[str], i: int) -> bool:
    """Inside a run of at least four short lines, one of them a number: a flattened table."""
    if not _short(lines[i]):
        return False
    lo = i
    while lo > 0 and _short(lines[lo - 1]):
        lo -= 1
    hi = i
    while hi + 1 < len(lines) and _short(lines[hi + 1]):
        hi += 1
    run = lines[lo : hi + 1]
    return len(run) >= 4 and any(_NUMERIC.match(x) for x in run)


def _one_char_runs(lines: list[str]) -> dict[int, int]:
    """Start index → length of every run of two or more one-character lines."""
    runs: dict[int, int] = {}
    i = 0
    while i < len(lines):
        if _ONE_HAN.match(lines[i]):
            j = i
            while j + 1 < len(lines) and _ONE_HAN.match(lines[j + 1]):
                j += 1
            if j > i:
                runs[i] = j - i + 1
            i = j + 1
        else:
            i += 1
    return runs


def _side_tab(word: str, headings_seen: set[str]) -> bool:
    return word in headings_seen or bool(re.match(r"^(?:第.+[章编篇卷]|卷.+)$", word))


def _split(
    fragment: Fragment, headings_seen: set[str], repeated: frozenset[str]
) -> Iterator[Fragment]:
    lines = _Lines(fragment.text, fragment.span.start).items
    if not lines:
        yield fragment
        return
    contents = [c for _s, _e, c in lines]
    comma_dated = sum(1 for c in contents if _EVENT_COMMA.match(c)) >= _COMMA_EVENTS
    roles = [_role(contents, i, repeated, comma_dated) for i in range(len(lines))]
    _mark_events_and_columns(contents, roles)
    for start, length in _one_char_runs(contents).items():
        word = "".join(c.strip(" \t\u3000\f") for c in contents[start : start + length])
        # 第\n二\n章 beside a chapter already headed is the side tab; 概\n述 is a heading.
        side_tab = _side_tab(word, headings_seen) or (
            # 八 / 卷 / 首: a page number in numerals above the side tab
            bool(_HAN_NUMERAL.match(word[0])) and _side_tab(word[1:], headings_seen)
        )
        for k in range(start, start + length):
            roles[k] = ("furniture", 0, None) if side_tab else ("heading", 2, None)
        if not side_tab:
            roles[start] = ("heading", 2, "run")
            for k in range(start + 1, start + length):
                roles[k] = ("heading-cont", 2, None)
    group: list[int] = []
    group_role: tuple[str, int, str | None] | None = None

    def emit(idx: list[int], role: tuple[str, int, str | None]) -> Fragment:
        a, b = lines[idx[0]][0], lines[idx[-1]][1]
        base = fragment.span.start
        name, level, extra = role
        if name == "furniture":  # the last page marker of the run
            marks = [(k, roles[k][2]) for k in idx if roles[k][0] == "furniture" and roles[k][2]]
            extra = marks[-1][1] if marks else None
            if marks and extra and extra.isdigit() and _PAGE_NUMBER.match(contents[marks[-1][0]]):
                later = contents[marks[-1][0] + 1 : idx[-1] + 1]
                if any(x.startswith("\f") for x in later):
                    extra = str(int(extra) + 1)  # a folio, then the page break: the next page
        text = fragment.text[a - base : b - base]
        if name == "heading":
            headings_seen.add(_heading_title(text))
        return Fragment(
            Span(a, b, fragment.span.line + idx[0]),
            text,
            role=name,
            level=level,
            page=extra if name == "furniture" else None,
            date=extra if name == "event" else None,
        )

    for i, role in enumerate(roles):
        name = role[0]
        if name == "blank" and group:
            group.append(i)  # a blank line ends nothing: it belongs to what it follows
            continue
        if name == "blank":
            name, role = "text", ("text", 0, None)
        joins = group_role is not None and (
            (name == group_role[0] and name in ("text", "table", "furniture", "columns"))
            or name == "heading-cont"
            or (
                name == "text"
                and group_role[0] == "event"
                # two blank lines end an event: the parting of columns read one by one
                and not (i >= 2 and roles[i - 1][0] == roles[i - 2][0] == "blank")
            )
        )
        if joins:
            group.append(i)
            continue
        if group and group_role is not None:
            yield emit(group, group_role)
        group, group_role = [i], role
    if group and group_role is not None:
        yield emit(group, group_role)


def _mark_events_and_columns(contents: list[str], roles: list) -> None:
    """A ☆ line after a dated event is an event of the same day; two columns read across
    (see :mod:`app.domain.columns`) are one run of role "columns", whatever each line
    looked like: its lines are not the events or prose they seem."""
    date = None
    for i, (name, _level, extra) in enumerate(roles):
        if name == "event":
            date = extra
        elif name == "heading":
            date = None
        elif name == "text" and date and _MARKED_EVENT.match(contents[i]):
            roles[i] = ("event", 0, date)
        elif name == "text" and date and _SIDE_MONTH.match(contents[i]):
            m = _SIDE_MONTH.match(contents[i])
            date = m.group("date") if m else date
            roles[i] = ("event", 0, date)
        elif name == "text" and _SAME_DAY.match(contents[i]):
            roles[i] = ("event", 0, None)  # 同日 …: of a day the page before named
    spans = [(r.first, r.last) for r in columns.runs(contents)]
    for first, last in spans + columns.layout_runs(contents):
        for k in range(first, last + 1):
            roles[k] = ("columns", 0, None)


def _heading_title(text: str) -> str:
    lines = [x.strip(" \t\u3000\f\v\r") for x in text.split("\n") if x.strip(" \t\u3000\f\v\r")]
    if len(lines) > 1 and all(len(x) == 1 for x in lines):
        return "".join(lines)
    title = lines[0] if lines else ""
    m = _MARKDOWN_HEADING.match(title)
    return m.group("title").strip() if m else title


def _repeated_short_lines(text: str) -> frozenset[str]:
    """Short lines printed again and again (running heads: 上高縣志 / 卷首 / 舊序)."""
    counts: dict[str, int] = {}
    start = 0
    while start <= len(text):  # the pieces of text.split("\n"), without the list of them
        end = text.find("\n", start)
        if end < 0:
            end = len(text)
        s = text[start:end].strip(" \t\u3000\f\v\r")
        start = end + 1
        if (
            2 <= len(s) <= _CELL
            and not any(c in _SENTENCE_END for c in s)
            and not _NUMERIC.match(s)
        ):
            counts[s] = counts.get(s, 0) + 1
    return frozenset(s for s, n in counts.items() if n >= 2)


def _dated_entry(piece: Fragment, section: tuple[str, ...], page: str | None) -> Iterator[Block]:
    """An event of a chronology as an entry whose title is its date; trailing blank
    lines stay a fragment of their own, as after any entry."""
    text = piece.text
    m = (
        _EVENT.match(text)
        or _MARKED_EVENT.match(text)
        or _EVENT_COMMA.match(text)
        or _EVENT_BELOW.match(text)
        or _SIDE_MONTH.match(text)
    )
    if m is None:  # pragma: no cover - the role says it matches
        yield piece
        return
    body_start = m.end("sep")
    content_end = len(text.rstrip(" \t\u3000\r\n\f\v"))
    line_end = text.find("\n", content_end)
    end = len(text) if line_end < 0 else line_end + 1
    first_nl = text.find("\n")
    newline = "\r\n" if first_nl > 0 and text[first_nl - 1] == "\r" else "\n"
    body = text[body_start:content_end].replace("\r\n", "\n")
    start = piece.span.start
    yield Entry(
        span=Span(start, start + end, piece.span.line),
        title_open="",
        title=m.group("date"),
        body=body,
        newline=newline,
        lead=m.group("lead"),
        section=section,
        page=page,
        form="dated",
        title_sep=m.group("sep"),
        date=piece.date,
    )
    if end < len(text):
        yield Fragment(
            Span(start + end, piece.span.end, piece.span.line + text.count("\n", 0, end)),
            text[end:],
            page=page,
        )


def _headed(piece: Fragment) -> bool:
    """A heading on one line of its own, or split one character per line (概\\n述) with
    the same break between every two of its characters."""
    if piece.role != "heading":
        return False
    lines = piece.text.strip(" \t\u3000\r\n\f\v").splitlines()
    return len(lines) == 1 or _title_break(piece.text) is not None


_WS = " \t\u3000\r\n\f\v"


def _title_break(head: str) -> str | None:
    """What stands between the characters of a heading printed one per line, when it is
    the same every time: ``概\\n述`` → ``\\n``."""
    core = head.strip(_WS)
    if "\n" not in core:
        return None
    chars = [c for c in core if c not in _WS]
    seps = set(re.split(f"[^{_WS}]", core)[1:-1])
    if len(seps) != 1 or "\n" not in next(iter(seps)) or len(chars) < 2:
        return None
    return seps.pop()


def _headed_entry(
    heading: Fragment,
    prose: Fragment,
    section: tuple[str, ...],
    page: str | None,
    author_line: AuthorLine | None = None,
) -> Iterator[Block]:
    """A 条目 of a gazetteer: a heading on its own line (or one character a line) and the
    prose right under it, an entry whose title is the heading as printed (its characters
    joined, with the break between them kept as layout); trailing blank lines stay a
    fragment."""
    head = heading.text
    title = _heading_title(head)
    title_break = _title_break(head) or ""
    printed = title_break.join(title) if title_break else title
    at = head.index(printed)
    credit = None if title_break else bylines.title_credit(title)
    above = None
    if credit is not None:  # 对人物志编写研究的综述(张景孔): the author closes the title
        title, by = credit
        above = _credit_of(by, "", "title")
    yield from _entry_over(
        heading.span,
        prose,
        title=title,
        lead=head[:at],
        title_sep=head[at + len(printed) :],
        newline=_newline(head),
        section=section,
        page=page,
        form="headed",
        title_break=title_break,
        author_line=author_line,
        credit=above,
    )


def _credit_of(by: bylines.Byline, after: str, place: str):
    """(authors, names as printed, layout) of a byline; ``after``: the line break and
    blank lines under a byline above the text."""
    layout = AttributionLayout(
        open=by.open, close=by.close + after, separator=separator_of(by.raw), place=place
    )
    return by.names, by.raw, layout


def _byline_entry(
    head: Fragment | None,
    byline: Fragment,
    prose: Fragment,
    section: tuple[str, ...],
    page: str | None,
) -> Iterator[Block]:
    """An article whose byline stands between its title (``head``, one line; or none)
    and its text: the byline's people are its authors, the text its body."""
    line = byline.text.split("\n", 1)[0].rstrip("\r")
    by = bylines.parse_byline(line)
    assert by is not None  # the role says it is one
    credit = _credit_of(by, byline.text[len(line) :], "above")
    if head is None:
        first, title, lead, title_sep = byline.span, "", "", ""
    else:
        first, text = head.span, head.text
        title = text.strip(" \t\u3000\r\n\f\v")
        at = text.index(title)
        lead, title_sep = text[:at], text[at + len(title) :]
    yield from _entry_over(
        first,
        prose,
        title=title,
        lead=lead,
        title_sep=title_sep,
        newline=_newline(byline.text),
        section=section,
        page=page,
        form="headed" if head is not None else "untitled",
        credit=credit,
    )


def _over_byline(piece: Fragment, by: Fragment | None, prose: Fragment | None) -> bool:
    """Whether ``piece`` is the one-line title of an article whose byline and text follow."""
    if by is None or prose is None or by.role != "byline" or prose.role != "text":
        return False
    one_line = "\n" not in piece.text.strip(" \t\u3000\r\n\f\v")
    return (piece.role == "heading" and one_line and _headed(piece)) or _title_line(piece)


_HEAD_LINE = 30  # a headline's or a caption's length at most


def _head_matter(pieces: list[Fragment]) -> set[int]:
    """The pieces over a byline that belong to its article's head, not to an entry of
    their own: headings and text that end no sentence (a page title, a subtitle, a
    site's notes), or, over a newspaper's □ byline, short lines (a headline, the
    captions of its photos). The one title line right over the byline heads its entry."""
    out: set[int] = set()
    for b, by in enumerate(pieces):
        if by.role != "byline" or b + 1 >= len(pieces) or pieces[b + 1].role != "text":
            continue
        boxed = by.text.lstrip(" \t\u3000")[:1] in "□◎■"
        j = b - 1
        if j >= 0 and _over_byline(pieces[j], by, pieces[b + 1]):
            j -= 1
        while j >= 0 and pieces[j].role in ("heading", "text") and j not in out:
            lines = [x.strip() for x in pieces[j].text.split("\n") if x.strip()]
            short = all(len(x) <= _HEAD_LINE for x in lines)
            if not (_no_sentence(pieces[j]) or (boxed and short)):
                break
            out.add(j)
            j -= 1
    return out


def _no_sentence(piece: Fragment) -> bool:
    ends = [x.rstrip(" \t\u3000\r\f\v")[-1:] for x in piece.text.split("\n")]
    return not any(e and e in "。！？!?" for e in ends)


def _title_line(piece: Fragment) -> bool:
    """A text piece of one line that ends no sentence: an article's title over its byline."""
    filled = [x for x in piece.text.split("\n") if x.strip(" \t\u3000\r\f\v")]
    return (
        piece.role == "text"
        and len(filled) == 1
        and len(filled[0].strip()) <= 60
        and filled[0].rstrip(" \t\u3000\r\f\v")[-1] not in _SENTENCE_END | set("。，,")
    )


def _newline(text: str) -> str:
    first_nl = text.find("\n")
    return "\r\n" if first_nl > 0 and text[first_nl - 1] == "\r" else "\n"


def _entry_over(
    first: Span,
    prose: Fragment,
    *,
    title: str,
    lead: str,
    title_sep: str,
    newline: str,
    section: tuple[str, ...],
    page: str | None,
    form: str,
    title_break: str = "",
    author_line: AuthorLine | None = None,
    credit: tuple[tuple[str, ...], str, AttributionLayout] | None = None,
) -> Iterator[Block]:
    """An entry from ``first.start`` to the end of the prose's last non-blank line, its
    body that prose; the blank lines after it stay a fragment of their own. ``credit``:
    the authors printed above the body or after the title (then none is read under it)."""
    text = prose.text
    content_end = len(text.rstrip(" \t\u3000\r\n\f\v"))
    line_end = text.find("\n", content_end)
    end = len(text) if line_end < 0 else line_end + 1
    body_start = len(lead) if first == prose.span else 0
    if credit is None:
        body_end, credit = _closing_credit(text, body_start, content_end, author_line)
    else:
        body_end = content_end
    authors, authors_raw, attribution = credit or ((), None, None)
    yield Entry(
        span=Span(first.start, prose.span.start + end, first.line),
        title_open="",
        title=title,
        body=text[body_start:body_end].replace("\r\n", "\n"),
        authors=authors,
        authors_raw=authors_raw,
        attribution=attribution,
        newline=newline,
        lead=lead,
        section=section,
        page=page,
        form=form,
        title_sep=title_sep,
        title_break=title_break,
    )
    if end < len(text):
        yield Fragment(
            Span(
                prose.span.start + end, prose.span.end, prose.span.line + text.count("\n", 0, end)
            ),
            text[end:],
            page=page,
        )


AuthorLine = Callable[[str], "tuple[tuple[str, ...], str, AttributionLayout] | None"]


def _closing_credit(text: str, start: int, content_end: int, author_line: AuthorLine | None):
    """(end of the body, the credit) when the prose's last line is an attribution or a
    byline (``(张三)``, ``作者:耀国 2011/8/20``) under at least one line of text."""
    nl = text.rfind("\n", start, content_end)
    if author_line is None or nl < 0 or not text[start:nl].strip(" \t\u3000\r\n\f\v"):
        return content_end, None
    credit = author_line(text[nl + 1 : content_end])
    if credit is None:
        return content_end, None
    body_end = nl - 1 if nl > 0 and text[nl - 1] == "\r" else nl
    return body_end, credit


# Prose a person reads as one piece though no heading stands over it: the tail of an entry
# begun on an earlier page, a preface's last lines. Two lines or more, most of them long,
# and Han text enough (a masthead, a source note or a credit line is none of these).
_PROSE_LINE = 12
_PROSE_HAN = 30


def _headless_prose(piece: Fragment) -> bool:
    if piece.role != "text":
        return False
    lines = [x.strip(" \t\u3000\r\f\v") for x in piece.text.split("\n")]
    filled = [x for x in lines if x]
    if len(filled) < 2 or len(_HAN_CHAR.findall(piece.text)) < _PROSE_HAN:
        return False
    long = sum(1 for x in filled if len(_HAN_CHAR.findall(x)) >= _PROSE_LINE)
    return long >= 2 and 2 * long >= len(filled)


_HAN_CHAR = re.compile(f"[{HAN}]")


def _untitled_entry(
    prose: Fragment, section: tuple[str, ...], page: str | None, author_line: AuthorLine | None
):
    """Headless prose as an entry with no title (form "untitled"): what stood before its
    first character (indentation, blank lines) is its lead."""
    text = prose.text
    lead = text[: len(text) - len(text.lstrip(" \t\u3000\r\n\f\v"))]
    return _entry_over(
        prose.span,
        prose,
        title="",
        lead=lead,
        title_sep="",
        newline=_newline(text),
        section=section,
        page=page,
        form="untitled",
        author_line=author_line,
    )


def annotate(
    blocks: Iterable[Block], text: str = "", author_line: AuthorLine | None = None
) -> Iterator[Block]:
    """The blocks with fragments cut by role, pages and sections filled in. ``author_line``
    (the parser's) reads an attribution or a byline closing a headed or untitled entry."""
    repeated = _repeated_short_lines(text)
    headings_seen: set[str] = set()
    stack: list[tuple[int, str]] = []  # (level, title) of the open headings
    page: str | None = None
    for block in blocks:
        if isinstance(block, Fragment):
            pieces = list(_split(block, headings_seen, repeated))
            consumed: set[int] = set()  # the byline and text of an entry yielded before
            head_matter = _head_matter(pieces)
            for k, piece in enumerate(pieces):
                if k in consumed:
                    continue
                if piece.role == "furniture" and piece.page:
                    page = piece.page
                if piece.role == "heading":
                    title = _heading_title(piece.text)
                    while stack and stack[-1][0] >= piece.level:
                        stack.pop()
                    stack.append((piece.level, title))
                if piece.role == "event":
                    yield from _dated_entry(piece, tuple(t for _l, t in stack), page)
                    continue
                if k in head_matter:  # a headline, a subtitle, a site's notes over a byline
                    yield replace(piece, page=piece.page or page)
                    continue
                by, prose = [*pieces[k + 1 : k + 3], None, None][:2]
                if _over_byline(piece, by, prose):  # a title, its byline, its text
                    assert by is not None and prose is not None
                    section = tuple(
                        t for _l, t in (stack[:-1] if piece.role == "heading" else stack)
                    )
                    yield from _byline_entry(piece, by, prose, section, page)
                    consumed.update((k + 1, k + 2))
                    continue
                if piece.role == "byline":  # no title over it (or more than one line)
                    if by is not None and by.role == "text":
                        yield from _byline_entry(None, piece, by, tuple(t for _l, t in stack), page)
                        consumed.add(k + 1)
                    else:
                        yield replace(piece, role="text", page=piece.page or page)
                    continue
                if _headed(piece) and k + 1 < len(pieces) and pieces[k + 1].role == "text":
                    parents = tuple(t for _l, t in stack[:-1])
                    yield from _headed_entry(piece, pieces[k + 1], parents, page, author_line)
                    consumed.add(k + 1)  # the body of the entry yielded with its heading
                    continue
                if _headless_prose(piece) and not (k > 0 and pieces[k - 1].role == "heading"):
                    section = tuple(t for _l, t in stack)
                    yield from _untitled_entry(piece, section, page, author_line)
                    continue
                yield replace(piece, page=piece.page or page)
        elif isinstance(block, Entry):
            yield replace(block, section=tuple(t for _l, t in stack), page=page)
            continue
        elif isinstance(block, Photo):
            yield replace(block, page=page)
        else:
            yield block
