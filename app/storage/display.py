"""Read queries shaped for the window: what it displays, read without writing.

The navigator of a 100,000-entry project must open in well under a second, so its rows
are light tuples fetched by a handful of set-wide queries (never one query per row);
everything heavier — the entry's text, its photos, the source around it — is read for
one entry when it is selected.
"""

from __future__ import annotations

import json
from array import array
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as dataclass_field
from itertools import pairwise
from typing import NamedTuple

from .annotation_search import find_entries as _find_entries
from .db import IN_LIST, Project, ProjectError, json_list
from .photofiles import PhotoFiles
from .result_pages import FilterQuery, HitQuery, hit_query
from .review_counts import entries_for, pending_text, review_condition
from .revisions import get_field
from .sections import section_condition
from .sources import source_slice, span_utf8_size
from .suggestions import Suggestion, list_suggestions, pending_of_entry
from .tag_suggestions import PendingTag
from .tags import tag_condition


class EntryRow(NamedTuple):
    """One navigator line. ``number`` is the entry's 1-based place in reading order."""

    id: int
    number: int
    title: str
    author: str
    pending: int
    status: str
    section: str = ""  # the headings it stands under, 类目 › 分目 ("" when none)
    preview: str = ""  # an untitled entry's first words, shown instead of its empty title


TITLE_PREVIEW_CHARS = 16
# An entry with no title (prose under no heading): the start of its body, to show.
_PREVIEW = f"CASE WHEN title = '' THEN substr(body, 1, {TITLE_PREVIEW_CHARS + 8}) ELSE '' END"


def preview(title: str, body: str) -> str:
    """The first words of an untitled entry's text (its first line, whitespace folded)."""
    if title:
        return ""
    return " ".join(body[: TITLE_PREVIEW_CHARS + 8].split())[:TITLE_PREVIEW_CHARS]


def section_label(stored: str | None) -> str:
    """``["第二章 建置", "第一节 沿革"]`` (as stored) → ``第二章 建置 › 第一节 沿革``."""
    if not stored or stored == "[]":
        return ""
    return " › ".join(json.loads(stored))


# A text longer than this (UTF-8 bytes) is not handed to the window whole (issue 18): a
# 50 MB body takes minutes and gigabytes to lay out, and every highlight pass walks it in
# Python. The window reads such a field's first PREVIEW_CHARS characters only (cut out
# by SQLite, with the whole field's size), shows them read-only and says why; Replace
# and the command line change it.
EDIT_LIMIT = 2 * 1024 * 1024
PREVIEW_CHARS = 100_000


def _sizes(project: Project, table: str, columns: tuple[str, ...], row_id: int) -> dict:
    """The columns of one row over :data:`EDIT_LIMIT` bytes, with their sizes. A
    statement of its own: SQLite loads a value whole to measure or cut it, and one value
    at a time is what it then holds."""
    found = {}
    for column in columns:
        size = project.scalar(
            f"SELECT length(CAST({column} AS BLOB)) FROM {table} WHERE id = ?", (row_id,)
        )
        if size is not None and size > EDIT_LIMIT:
            found[column] = size
    return found


@dataclass(frozen=True)
class EntryDetail:
    id: int
    source_id: int
    line: int
    start: int
    end: int
    title_open: str
    title: str
    body: str
    status: str
    status_by: str | None
    status_at: str | None
    version: int
    authors: tuple[str, ...]
    note: str = ""
    #: The fields read only in part (bounded reads): field → its whole size in bytes;
    #: their text here is their first PREVIEW_CHARS characters.
    parts: dict[str, int] = dataclass_field(default_factory=dict)


@dataclass(frozen=True)
class PhotoView:
    id: int
    path: str  # the link as written in the source
    file: str | None  # resolved file inside an allowed folder (None when refused/missing)
    file_status: str  # ok, missing, refused, damaged (as recorded at import)
    file_problem: str | None
    caption: str
    photographers: tuple[str, ...]
    confirmed: bool
    version: int
    note: str = ""
    entries: tuple[int, ...] = ()  # every entry the photo illustrates


@dataclass(frozen=True)
class SourceExcerpt:
    """Part of a source's original text around one entry; offsets are into ``text``."""

    source_id: int
    file_name: str
    text: str
    first_line: int  # line number of text[0] in the source
    span_start: int
    span_end: int
    #: The span's size in bytes when it is over EDIT_LIMIT: then ``text`` holds only the
    #: context before it and its first PREVIEW_CHARS characters (``span_end`` is cut too).
    span_size: int | None = None


def entry_rows(project: Project) -> list[EntryRow]:
    """Every entry in reading order, as navigator rows (the window reads them a chunk at
    a time, :func:`rows_for`; this is for small projects and tests)."""
    order = reading_order(project)
    rows = {r.id: r for r in rows_for(project, order.ids, order)}
    return [rows[i] for i in order.ids]


def ascending(ids: Sequence[int]) -> bool:
    """Each id greater than the one before it (then a position is a bisection)."""
    return all(a < b for a, b in pairwise(ids))


class ReadingOrder:
    """Every entry id in reading order, and an entry's 1-based number in it.

    The navigator's whole list is this array (8 bytes an entry); its rows are read a
    chunk at a time as they are shown (:func:`rows_for`). Entry ids normally ascend in
    reading order (an import numbers them so): a number is then a bisection, else a
    dictionary built the first time one is asked.
    """

    def __init__(self, ids: Iterable[int]):
        self.ids = array("q", ids)
        self._ascending = ascending(self.ids)
        self._numbers: dict[int, int] | None = None

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def ascends(self) -> bool:
        """Whether the ids ascend (known from when the order was read)."""
        return self._ascending

    def number(self, entry_id: int) -> int:
        """The entry's place in reading order, from 1 (0: not in the project)."""
        if self._ascending:
            i = bisect_left(self.ids, entry_id)
            return i + 1 if i < len(self.ids) and self.ids[i] == entry_id else 0
        if self._numbers is None:
            self._numbers = {eid: n for n, eid in enumerate(self.ids, start=1)}
        return self._numbers.get(entry_id, 0)


def reading_order(project: Project) -> ReadingOrder:
    """Every entry id in reading order (one pass over the (source, seq) index)."""
    return ReadingOrder(
        r[0] for r in project.conn.execute("SELECT id FROM entry ORDER BY source_id, seq")
    )


def pending_for(project: Project, entry_ids: Iterable[int]) -> dict[int, int]:
    """Pending suggestions of these entries and of their linked photos' captions, read
    from the kept counts (``pending_target``, migration 0013): a lookup per entry and
    per linked photo, whatever the corpus holds."""
    ids = json_list(int(i) for i in entry_ids)
    counts: dict[int, int] = defaultdict(int)
    for entry_id, n in project.conn.execute(
        f"SELECT target_id, n FROM pending_target WHERE target_kind = 'entry' AND target_id"
        f" IN {IN_LIST}"
        " UNION ALL SELECT l.entry_id, p.n FROM photo_link l CROSS JOIN pending_target p"
        " ON p.target_kind = 'photo' AND p.target_id = l.photo_id"
        f" WHERE l.entry_id IN {IN_LIST}",
        (ids, ids),
    ):
        counts[entry_id] += n
    return counts


def rows_for(project: Project, entry_ids: Iterable[int], order: ReadingOrder) -> list[EntryRow]:
    """Navigator rows of these entries only (any order; unknown ids are left out)."""
    wanted = [int(i) for i in entry_ids]
    if not wanted:
        return []
    ids = json_list(wanted)
    with project.read() as conn:
        entries = conn.execute(
            f"SELECT id, title, status, section, {_PREVIEW} FROM entry WHERE id IN {IN_LIST}",
            (ids,),
        ).fetchall()
        authors: dict[int, str] = {}
        for entry_id, name in conn.execute(
            "SELECT a.entry_id, coalesce(m.name, p.name) FROM attribution a"
            " JOIN person p ON p.id = a.person_id LEFT JOIN person m ON m.id = p.merged_into"
            f" WHERE a.role = 'author' AND a.entry_id IN {IN_LIST}"
            " ORDER BY a.entry_id, a.position, a.id",
            (ids,),
        ):
            authors.setdefault(entry_id, name)
        pending = pending_for(project, wanted)
    return [
        EntryRow(
            eid,
            order.number(eid),
            title,
            authors.get(eid, ""),
            pending.get(eid, 0),
            status,
            section_label(sec),
            preview(title, start),
        )
        for eid, title, status, sec, start in entries
    ]


def entry_row(project: Project, entry_id: int, number: int) -> EntryRow:
    """One navigator row again, after that entry changed."""
    row = project.conn.execute(
        f"SELECT title, status, section, {_PREVIEW} FROM entry WHERE id = ?", (entry_id,)
    ).fetchone()
    if row is None:
        raise ProjectError(f"no entry {entry_id}")
    author = project.conn.execute(
        "SELECT coalesce(m.name, p.name) FROM attribution a JOIN person p ON p.id = a.person_id"
        " LEFT JOIN person m ON m.id = p.merged_into WHERE a.role = 'author' AND a.entry_id = ?"
        " ORDER BY a.position, a.id LIMIT 1",
        (entry_id,),
    ).fetchone()
    return EntryRow(
        entry_id,
        number,
        row[0],
        author[0] if author else "",
        pending_count(project, entry_id),
        row[1],
        section_label(row[2]),
        preview(row[0], row[3]),
    )


def entry_suggestions(project: Project, entry_id: int) -> list[Suggestion]:
    """Pending suggestions of an entry and of its linked photos' captions, in reading
    order — by target, so each lookup uses the suggestion_target index."""
    found = list_suggestions(project, kind="entry", target_id=entry_id, status="pending")
    for (photo_id,) in project.conn.execute(
        "SELECT l.photo_id FROM photo_link l JOIN photo ph ON ph.id = l.photo_id"
        " WHERE l.entry_id = ? ORDER BY ph.id",
        (entry_id,),
    ):
        found += list_suggestions(project, kind="photo", target_id=photo_id, status="pending")
    return found


def suggestion_contexts(
    project: Project, items: list[Suggestion], width: int = 6
) -> dict[int, tuple[str, str]]:
    """A few characters either side of each suggestion, so ``,`` → ``，`` is readable
    where the two look alike: one read per target field."""
    texts: dict[tuple[str, int, str], str] = {}
    out: dict[int, tuple[str, str]] = {}
    for s in items:
        key = (s.target_kind, s.target_id, s.field)
        if key not in texts:
            texts[key] = get_field(project, *key)[0]
        text = texts[key]
        out[s.id] = (text[max(0, s.start - width) : s.start], text[s.end : s.end + width])
    return out


def pending_count(project: Project, entry_id: int) -> int:
    """Pending suggestions of one entry and of the captions of its linked photos."""
    return pending_for(project, [entry_id]).get(entry_id, 0)


def totals(project: Project) -> tuple[int, int]:
    """(entries, pending text suggestions) for the status bar: the Overview's count
    (review_counts.pending_counts)."""
    return project.scalar("SELECT count(*) FROM entry"), pending_text(project)


def entry_detail(project: Project, entry_id: int, *, bounded: bool = False) -> EntryDetail:
    """One entry's fields; ``bounded``: a title or body over :data:`EDIT_LIMIT` only in
    part (see :attr:`EntryDetail.parts`), so a 50 MB body is never read into Python."""
    parts = _sizes(project, "entry", ("title", "body"), entry_id) if bounded else {}
    title, body = (
        f"substr({f}, 1, {PREVIEW_CHARS})" if f in parts else f for f in ("title", "body")
    )
    row = project.conn.execute(
        f'SELECT id, source_id, line, start, "end", title_open, {title}, {body}, status,'
        " status_by, status_at, version, note FROM entry WHERE id = ?",
        (entry_id,),
    ).fetchone()
    if row is None:
        raise ProjectError(f"no entry {entry_id}")
    authors = tuple(
        r[0]
        for r in project.conn.execute(
            "SELECT coalesce(m.name, p.name) FROM attribution a JOIN person p ON p.id = a.person_id"
            " LEFT JOIN person m ON m.id = p.merged_into WHERE a.role = 'author'"
            " AND a.entry_id = ? ORDER BY a.position, a.id",
            (entry_id,),
        )
    )
    return EntryDetail(*row[:12], authors=authors, note=row[12] or "", parts=parts)


def entry_photos(project: Project, entry_id: int) -> list[PhotoView]:
    """The photos linked to an entry, in source order, with their photographers and every
    entry each illustrates (three queries whatever the number of photos)."""
    rows = project.conn.execute(
        "SELECT ph.id, ph.path, ph.file, ph.file_status, ph.file_problem, ph.caption,"
        " l.confirmed, ph.version, ph.note, ph.source_id"
        " FROM photo_link l JOIN photo ph ON ph.id = l.photo_id"
        " WHERE l.entry_id = ? ORDER BY ph.source_id, ph.seq",
        (entry_id,),
    ).fetchall()
    if not rows:
        return []
    files = PhotoFiles(project.conn)  # stored paths are re-resolved and re-contained
    rows = [
        (pid, path, *files.check(source_id, path, file, status, problem), *rest)
        for pid, path, file, status, problem, *rest, source_id in rows
    ]
    names: dict[int, list[str]] = defaultdict(list)
    for photo_id, name in project.conn.execute(
        "SELECT a.photo_id, coalesce(m.name, p.name) FROM attribution a"
        " JOIN person p ON p.id = a.person_id LEFT JOIN person m ON m.id = p.merged_into"
        " WHERE a.role = 'photographer' AND a.photo_id IN"
        " (SELECT photo_id FROM photo_link WHERE entry_id = ?) ORDER BY a.position, a.id",
        (entry_id,),
    ):
        names[photo_id].append(name)
    linked: dict[int, list[int]] = defaultdict(list)
    for photo_id, other in project.conn.execute(
        "SELECT photo_id, entry_id FROM photo_link WHERE photo_id IN"
        " (SELECT photo_id FROM photo_link WHERE entry_id = ?) ORDER BY entry_id",
        (entry_id,),
    ):
        linked[photo_id].append(other)
    return [
        PhotoView(
            pid,
            path,
            file,
            status,
            problem,
            caption,
            tuple(names[pid]),
            bool(confirmed),
            version,
            note or "",
            tuple(linked[pid]),
        )
        for pid, path, file, status, problem, caption, confirmed, version, note in rows
    ]


@dataclass(frozen=True)
class TagChips:
    """The tag row under an entry: its tags with their colours, and the suggested ones."""

    tags: tuple[tuple[str, str | None], ...]  # (path, colour)
    suggested: tuple[PendingTag, ...]


@dataclass(frozen=True)
class EntryView:
    """Everything the window shows for one entry, from one read transaction."""

    detail: EntryDetail
    photos: tuple[PhotoView, ...]
    suggestions: tuple[Suggestion, ...]  # pending, the entry's and its photos' captions
    contexts: dict[int, tuple[str, str]]  # suggestion id → characters either side
    chips: TagChips

    @property
    def pending(self) -> int:
        return len(self.suggestions)


def tag_chips(project: Project, entry_id: int) -> TagChips:
    """The entry's tags (with colours) and its pending suggested tags, in one query."""
    tags, suggested = [], []
    for what, sid, path, colour, rule, field, start, end, evidence in project.conn.execute(
        "SELECT 0, NULL, t.path, t.color, NULL, NULL, NULL, NULL, NULL FROM entry_tag et"
        " JOIN tag t ON t.id = et.tag_id WHERE et.entry_id = :e"
        ' UNION ALL SELECT 1, id, path, NULL, rule, field, start, "end", evidence'
        " FROM tag_suggestion WHERE entry_id = :e AND status = 'pending'",
        {"e": entry_id},
    ):
        if what == 0:
            tags.append((path, colour))
        else:
            suggested.append(
                PendingTag(sid, entry_id, path, rule, field, start, end, evidence, "pending")
            )
    suggested.sort(key=lambda s: (s.rule, s.start))
    return TagChips(tuple(sorted(tags)), tuple(suggested))


_FIELD_ORDER = {"title_open": 0, "title": 1}


def _reading_order(s: Suggestion) -> tuple:
    """The entry's own suggestions first, then each photo's; title before body."""
    return (s.target_kind != "entry", s.target_id, _FIELD_ORDER.get(s.field, 2), s.start, s.id)


def entry_view(project: Project, entry_id: int, width: int = 6) -> EntryView:
    """The entry, its photos, its pending suggestions with their context and its tag
    row: one read transaction, a handful of queries whatever the entry holds."""
    with project.read():
        detail = entry_detail(project, entry_id, bounded=True)
        photos = tuple(entry_photos(project, entry_id))
        found = pending_of_entry(project, entry_id)
        suggestions = tuple(sorted(found, key=_reading_order))
        chips = tag_chips(project, entry_id)
    texts = {
        ("entry", "title_open"): detail.title_open,
        ("entry", "title"): detail.title,
        ("entry", "body"): detail.body,
    }
    captions = {p.id: p.caption for p in photos}
    contexts = {}
    for s in suggestions:
        text = texts.get((s.target_kind, s.field)) if s.target_kind == "entry" else None
        if s.target_kind == "photo":
            text = captions.get(s.target_id)
        # Beyond the part read of a huge field there is no context to show (the window
        # shows that field read-only; the suggestion is still listed).
        part = s.target_kind == "entry" and s.field in detail.parts
        if text is not None and not (part and s.end + width > len(text)):
            contexts[s.id] = (text[max(0, s.start - width) : s.start], text[s.end : s.end + width])
    return EntryView(detail, photos, suggestions, contexts, chips)


def find_entries(project: Project, text: str) -> list[int]:
    """Entry ids matching a search string, in reading order, for the navigator filter:
    the search index, in either script (工會 finds 工会), and the entries' tags; words
    separated by spaces must all occur; ``person:沈永明``, ``org:宝钢``… find entries by
    their annotations (:mod:`app.storage.annotation_search`)."""
    return _find_entries(project, text)


#: The entry ``e`` has a pending text suggestion, in it or in a linked photo's caption
#: (the counts of migration 0013, read for this one entry: CROSS JOIN keeps SQLite
#: from reading every photo's count first when ``e`` is not the entry table).
PENDING_HERE = (
    "(EXISTS (SELECT 1 FROM pending_target p WHERE p.target_kind = 'entry'"
    " AND p.target_id = e.id) OR EXISTS (SELECT 1 FROM photo_link l CROSS JOIN pending_target p"
    " ON p.target_kind = 'photo' AND p.target_id = l.photo_id WHERE l.entry_id = e.id))"
)


def entry_filter(
    project: Project,
    *,
    tag: str | None = None,
    untagged: bool = False,
    review: tuple[str, str | None] | None = None,
    status: str | None = None,
    pending: bool | None = None,
    section: tuple[str, ...] | None = None,
    listed: bool = False,
) -> tuple[str, list] | None:
    """The navigator's filters as one SQL condition on the entry ``e`` (and its
    parameters); None when no filter is set. Each part is checked for the entry at hand
    (no part collects the entries it selects first), so a page combined with any
    filters costs one check per candidate: ``tag`` (or a tag below it) or
    ``untagged``, a review-queue filter (``review``:
    :func:`~app.storage.review_counts.entries_for`'s kind and value, as
    :func:`~app.storage.review_counts.review_condition`; with ``listed``, the list of
    its entries, which lets SQLite start from them when they are few), a status, with
    (or without) pending suggestions, under a ``section`` (类目 › 分目: that section and
    the ones below it, :func:`~app.storage.sections.section_condition`)."""
    where: list[str] = []
    params: list = []
    if untagged:
        where.append("NOT EXISTS (SELECT 1 FROM entry_tag et WHERE et.entry_id = e.id)")
    elif tag:
        condition, tag_params = tag_condition(tag)
        where.append(
            "EXISTS (SELECT 1 FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
            f" WHERE et.entry_id = e.id AND {condition})"
        )
        params.extend(tag_params)
    if review is not None and listed:
        where.append(f"e.id IN {IN_LIST}")
        params.append(json_list(entries_for(project, *review)))
    elif review is not None:
        condition, review_params = review_condition(*review)
        where.append(condition)
        params.extend(review_params)
    if status is not None:
        where.append("e.status = ?")
        params.append(status)
    if pending is not None:
        where.append(f"{'' if pending else 'NOT '}{PENDING_HERE}")
    if section is not None:
        condition, section_params = section_condition(section)
        where.append(condition)
        params.extend(section_params)
    return (" AND ".join(where), params) if where else None


def id_filter(
    project: Project,
    *,
    tag: str | None = None,
    untagged: bool = False,
    review: tuple[str, str | None] | None = None,
    status: str | None = None,
    pending: bool | None = None,
    section: tuple[str, ...] | None = None,
    sets: bool = False,
) -> tuple[str, list]:
    """The filters of :func:`entry_filter` as a condition on ``e.id`` alone ("1" when
    none is set), for a scan over entry ids that reads no entry row (a search's count,
    :mod:`app.storage.result_pages`). Each part is a seek in an index for that one id
    (the entry's tags, the status index, the kept pending counts: a count that stops at
    its cap reads no more than it needs) or, with ``sets``, a set of ids read once from
    its index (``+e.id IN (SELECT …)``; the ``+`` keeps SQLite from looking each member
    up), a probe per id after that: cheaper over many ids when few pass (the
    review-queue filter: the list of its entries). A section (a range of keys) is a
    set either way, "pending" seeks either way (the set of entries with pending
    suggestions is most of them)."""
    where: list[str] = []
    params: list = []
    if untagged:
        where.append(
            "+e.id NOT IN (SELECT entry_id FROM entry_tag)"
            if sets
            else "NOT EXISTS (SELECT 1 FROM entry_tag et WHERE et.entry_id = e.id)"
        )
    elif tag:
        condition, tag_params = tag_condition(tag)
        tags = f"(SELECT t.id FROM tag t WHERE {condition})"
        where.append(
            f"+e.id IN (SELECT entry_id FROM entry_tag WHERE tag_id IN {tags})"
            if sets
            else f"EXISTS (SELECT 1 FROM entry_tag et WHERE et.entry_id = e.id AND et.tag_id IN {tags})"
        )
        params.extend(tag_params)
    if review is not None and sets:
        where.append(f"+e.id IN {IN_LIST}")
        params.append(json_list(entries_for(project, *review)))
    elif review is not None:
        condition, review_params = review_condition(*review)
        where.append(condition)
        params.extend(review_params)
    if status is not None:
        where.append(
            "+e.id IN (SELECT id FROM entry WHERE status = ?)"
            if sets
            else "EXISTS (SELECT 1 FROM entry s INDEXED BY entry_status"
            " WHERE s.status = ? AND s.id = e.id)"
        )
        params.append(status)
    if pending is not None:
        negation = "" if pending else "NOT "
        where.append(f"{negation}{PENDING_HERE}")  # its set is of most entries: id by id
    if section is not None:
        condition, section_params = section_condition(section, column="section_key")
        where.append(f"+e.id IN (SELECT id FROM entry WHERE {condition})")
        params.extend(section_params)
    return (" AND ".join(where), params) if where else ("1", [])


def search_query(project: Project, text: str, **filters) -> HitQuery:
    """The entry list's word search for ``text`` under the navigator's filters (those of
    :func:`entry_filter`), paged and counted by :mod:`app.storage.result_pages`."""
    where = entry_filter(project, **filters) or ("1", [])
    return hit_query(
        project,
        text,
        *where,
        ids=id_filter(project, **filters),
        sets=id_filter(project, **filters, sets=True),
    )


def filter_query(project: Project, **filters) -> FilterQuery | None:
    """The entry list under the navigator's filters (those of :func:`entry_filter`)
    without a search, paged by :func:`app.storage.result_pages.filter_page`; None when
    no filter is set."""
    where = entry_filter(project, **filters)
    if where is None:
        return None
    return FilterQuery(
        where[0], tuple(where[1]), lambda: entry_filter(project, **filters, listed=True) or where
    )


def filtered_ids(
    project: Project,
    *,
    text: str = "",
    **filters,
) -> list[int] | None:
    """The entries the navigator's filters leave, in reading order; None when no filter
    is set (every entry). One statement combines them all, so any combination costs
    one pass over the entries: ``text`` matched as :func:`find_entries`, with the
    filters of :func:`entry_filter`."""
    where: list[str] = []
    params: list = []
    if text:
        found = find_entries(project, text)
        if not found:
            return []
        where.append(f"e.id IN {IN_LIST}")
        params.append(json_list(found))
    condition = entry_filter(project, **filters, listed=True)
    if condition is not None:
        where.append(condition[0])
        params.extend(condition[1])
    if not where:
        return None
    sql = f"SELECT e.id FROM entry e WHERE {' AND '.join(where)} ORDER BY e.source_id, e.seq"
    return [r[0] for r in project.conn.execute(sql, params)]


def entry_choices(project: Project) -> list[tuple[int, int, str]]:
    """(entry id, number in reading order, title) of every entry, for choosers."""
    rows = project.conn.execute("SELECT id, title FROM entry ORDER BY source_id, seq").fetchall()
    return [(eid, n, title) for n, (eid, title) in enumerate(rows, start=1)]


# A whole source of a 100,000-entry volume is over 100 MB; the window only ever needs the
# neighbourhood of one entry, cut out by SQLite.
EXCERPT_CONTEXT = 3000


def source_excerpt(
    project: Project, entry_id: int, context: int = EXCERPT_CONTEXT
) -> SourceExcerpt:
    """The original source text around an entry (read-only), with the entry's span."""
    row = project.conn.execute(
        'SELECT e.source_id, e.start, e."end", e.line, s.file_name FROM entry e'
        " JOIN source s ON s.id = e.source_id WHERE e.id = ?",
        (entry_id,),
    ).fetchone()
    if row is None:
        raise ProjectError(f"no entry {entry_id}")
    source_id, start, end, line, file_name = row
    lo = max(0, start - context)
    hi = end + context
    span_size = None
    if (end - start) * 4 > EDIT_LIMIT:  # perhaps over the limit: measured by SQLite
        size = span_utf8_size(project.conn, source_id, start, end)
        if size > EDIT_LIMIT:  # only the beginning of the span, never the whole
            span_size, hi = size, start + PREVIEW_CHARS
    text = source_slice(project.conn, source_id, lo, hi) or ""
    at_end = len(text) < hi - lo or span_size is not None
    # Begin and end on whole lines so the excerpt reads like the file.
    cut = 0
    if lo > 0:
        newline = text.find("\n", 0, start - lo)
        cut = newline + 1 if newline >= 0 else 0
    if not at_end:
        newline = text.rfind("\n", end - lo)
        if newline >= 0:
            text = text[: newline + 1]
    rel_start, rel_end = start - lo - cut, min(end, hi) - lo - cut
    text = text[cut:]
    first_line = line - text.count("\n", 0, rel_start)
    return SourceExcerpt(source_id, file_name, text, first_line, rel_start, rel_end, span_size)


def project_summary(project: Project) -> dict:
    """Cheap facts for the window title and the empty state."""
    return {
        "entries": project.scalar("SELECT count(*) FROM entry"),
        "sources": [r[0] for r in project.conn.execute("SELECT file_name FROM source ORDER BY id")],
        "images_dirs": [
            d
            for (dirs,) in project.conn.execute("SELECT images_dirs FROM source ORDER BY id")
            for d in json.loads(dirs or "[]")
        ],
    }


def unlinked_photos(project: Project) -> list[PhotoView]:
    """Photographs linked to no entry (after an Unlink, or never placed), in source order,
    with their photographers: the window lists them so none is lost."""
    with project.read() as conn:
        rows = conn.execute(
            "SELECT id, path, file, file_status, file_problem, caption, version, note FROM photo"
            " WHERE id NOT IN (SELECT photo_id FROM photo_link) ORDER BY source_id, seq"
        ).fetchall()
        names: dict[int, list[str]] = defaultdict(list)
        for photo_id, name in conn.execute(
            "SELECT a.photo_id, coalesce(m.name, p.name) FROM attribution a"
            " JOIN person p ON p.id = a.person_id LEFT JOIN person m ON m.id = p.merged_into"
            " WHERE a.role = 'photographer' AND a.photo_id IN"
            " (SELECT id FROM photo WHERE id NOT IN (SELECT photo_id FROM photo_link))"
            " ORDER BY a.position, a.id"
        ):
            names[photo_id].append(name)
    return [
        PhotoView(
            pid,
            path,
            file,
            status,
            problem,
            caption,
            tuple(names[pid]),
            False,
            version,
            note or "",
            (),
        )
        for pid, path, file, status, problem, caption, version, note in rows
    ]
