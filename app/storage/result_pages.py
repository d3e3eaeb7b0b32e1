"""The window's search results a page at a time, and their total counted with a cap.

The entry list shows the first :data:`PAGE` hits of a search as soon as they are found and
asks for the next page as it is scrolled (:func:`hit_page`); the total is counted apart,
up to a cap, off the window's thread (:func:`count_hits`). Neither reads every match: a
page costs the same work whatever the size of the corpus (tests/scale/test_result_pages.py
meters SQLite's virtual machine), and so does the count, up to its cap.

The order is :mod:`app.storage.search`'s: bm25 when every word matches at most
``RANK_LIMIT`` index rows, otherwise *browse order* — entries whose title holds the rarest
word first, then the others, each in corpus order — streamed from the index and continued
from the last entry shown (a keyset, never an offset into a long scan). A word also matches
the entries carrying a tag whose path holds it, as in the list's search until now.

Filters (tag, status, pending, review, section: :func:`app.storage.display.entry_filter`)
are conditions on each candidate entry in the same statement, so any combination costs one
check per candidate; nothing is collected first and intersected after.
"""

from __future__ import annotations

import heapq
import json
import sqlite3
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass

from app.domain.search_text import parse_query, shadow

from . import search as _search
from .db import IN_LIST, Project, json_list
from .search import MAIN_TABLE, _ensure_current, _probe, _ranked_sql, _row_sources, _sources
from .sections import section_totals

PAGE = 50  # hits a page holds
COUNT_CAP = 10_000  # the total is exact up to this; beyond it, "more than 10,000"


@dataclass(frozen=True)
class HitQuery:
    """A search of the entry list: its folded words, per word the tags whose path holds
    it (a JSON list of ids), and the filters' condition on the entry ``e``; ``ids``: the
    same filters as a condition on ``e.id`` alone and ``sets`` as sets of ids read once
    (:func:`app.storage.display.id_filter` makes both), each with its parameters, which
    let the count read no entry row (None: counted under ``where``)."""

    terms: tuple[str, ...]
    tags: tuple[str, ...]
    where: str = "1"
    params: tuple = ()
    ids: tuple[str, tuple] | None = None
    sets: tuple[str, tuple] | None = None


@dataclass(frozen=True)
class PageKey:
    """Where the next page starts (callers pass it back, never build it)."""

    ranked: bool
    lead: int = 0  # browse: the word that drives the scan (fewest matches)
    offset: int = 0  # ranked: hits given so far
    order: tuple[int, ...] = ()  # ranked: every hit, best first (read with the first page)
    phase: int = 0  # browse: 0 the lead word's title hits, 1 every other hit
    after: int = 0  # browse: the last entry id given in this phase


@dataclass(frozen=True)
class Page:
    ids: list[int]
    next: PageKey | None  # None: this was the last page


def hit_query(
    project: Project,
    text: str,
    where: str = "1",
    params: Sequence = (),
    ids: tuple[str, Sequence] | None = ("1", ()),
    sets: tuple[str, Sequence] | None = None,
) -> HitQuery:
    """The query for ``text`` (no words: no terms, which finds nothing) under the filters'
    condition ``where`` (SQL on the entry ``e``) and its parameters; ``ids`` and
    ``sets``, the same condition on ``e.id`` alone, checked id by id and as sets (the
    default: ``ids``; None: there is none; the default goes with no filter)."""
    terms = parse_query(text).terms
    tagged: list[list[int]] = [[] for _ in terms]
    if terms:
        for tag_id, path in project.conn.execute("SELECT id, path FROM tag"):
            folded = shadow(path)
            for i, term in enumerate(terms):
                if term in folded:
                    tagged[i].append(tag_id)
    if ids is not None and ids[0] == "1" and where != "1":
        ids = None  # filters given only as a condition on the entry
    if ids is not None:
        ids = (ids[0], tuple(ids[1]))
        sets = ids if sets is None else (sets[0], tuple(sets[1]))
    else:
        sets = None
    return HitQuery(terms, tuple(json.dumps(t) for t in tagged), where, tuple(params), ids, sets)


def _tag_probe(conn: sqlite3.Connection, tags: str) -> int:
    if tags == "[]":
        return 0
    return conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM entry_tag WHERE tag_id IN"
        " (SELECT value FROM json_each(?)) LIMIT ?)",
        (tags, _search.RANK_LIMIT + 1),
    ).fetchone()[0]


def _term_check(term: str, tags: str) -> tuple[str, list]:
    """SQL true when the entry ``e`` holds ``term`` (in the index or a tag), checked for
    that one entry (FTS5 seeks the row id), never by collecting every match first."""
    arms, params = [], []
    for table, expr in _sources(term):
        arms.append(f"EXISTS (SELECT 1 FROM {table} WHERE {table} MATCH ? AND rowid = e.id)")
        params.append(expr)
    if tags != "[]":
        arms.append(
            "EXISTS (SELECT 1 FROM entry_tag et WHERE et.entry_id = e.id"
            " AND et.tag_id IN (SELECT value FROM json_each(?)))"
        )
        params.append(tags)
    return "(" + " OR ".join(arms) + ")", params


def _stream(
    conn: sqlite3.Connection,
    query: HitQuery,
    lead: int,
    after: int,
    *,
    title_only: bool | None = False,
) -> Iterator[int]:
    """Entries holding every word and passing the filters, in id order from ``after``:
    the lead word's rows drive (its title hits only, every hit but those, or with
    ``title_only=None`` every hit), the other words and the filters are checked entry by
    entry."""
    term, tags = query.terms[lead], query.tags[lead]
    checks, params = [query.where], list(query.params)
    for i, (other, other_tags) in enumerate(zip(query.terms, query.tags, strict=True)):
        if i != lead:
            sql, more = _term_check(other, other_tags)
            checks.append(sql)
            params.extend(more)
    title = _sources(term, ("title",))[0][1]
    if title_only is False:
        checks.append(
            f"NOT EXISTS (SELECT 1 FROM {MAIN_TABLE} WHERE {MAIN_TABLE} MATCH ? AND rowid = e.id)"
        )
        params.append(title)
    condition = " AND ".join(checks)
    heads: list[tuple[str, list]] = []
    sources = [(MAIN_TABLE, title)] if title_only else _sources(term)
    for table, expr in sources:
        heads.append(
            (
                f"SELECT f.rowid FROM {table} f JOIN entry e ON e.id = f.rowid"
                f" WHERE {table} MATCH ? AND f.rowid > ? AND {condition} ORDER BY f.rowid",
                [expr, after],
            )
        )
    if not title_only and tags != "[]":
        heads.append(
            (
                "SELECT DISTINCT et.entry_id FROM entry_tag et JOIN entry e ON e.id = et.entry_id"
                " WHERE et.tag_id IN (SELECT value FROM json_each(?)) AND et.entry_id > ?"
                f" AND {condition} ORDER BY et.entry_id",
                [tags, after],
            )
        )
    cursors = [conn.execute(sql, (*head, *params)) for sql, head in heads]
    last = None
    try:
        for (eid,) in heapq.merge(*cursors):
            if eid != last:
                last = eid
                yield eid
    finally:
        for cur in cursors:
            cur.close()


def _take(stream: Iterator[int], n: int) -> list[int]:
    out = []
    for eid in stream:
        out.append(eid)
        if len(out) >= n:
            break
    return out


def _first_key(conn: sqlite3.Connection, query: HitQuery) -> PageKey | None:
    probes = [
        min(_search.RANK_LIMIT + 1, _probe(conn, term) + _tag_probe(conn, tags))
        for term, tags in zip(query.terms, query.tags, strict=True)
    ]
    if min(probes) == 0:
        return None
    if max(probes) <= _search.RANK_LIMIT:
        return PageKey(ranked=True)
    lead = min(range(len(probes)), key=lambda i: (probes[i], -len(query.terms[i])))
    return PageKey(ranked=False, lead=lead)


def hit_page(
    project: Project, query: HitQuery, key: PageKey | None = None, limit: int = PAGE
) -> Page:
    """The next ``limit`` hits of ``query`` from ``key`` (None: the first page)."""
    if not query.terms:
        return Page([], None)
    _ensure_current(project)
    conn = project.conn
    with project.read():
        key = key or _first_key(conn, query)
        if key is None:
            return Page([], None)
        if key.ranked:
            # bm25 needs every match (at most RANK_LIMIT rows a word) to rank the first
            # page; the order is kept in the key, so the next pages read nothing.
            order = key.order
            if key.offset == 0:
                base, params = _ranked_sql(query.terms, query.where, query.tags)
                order = tuple(
                    r[0]
                    for r in conn.execute(
                        base + " ORDER BY g.score DESC, g.id", (*params, *query.params)
                    )
                )
            end = key.offset + limit
            more = PageKey(True, offset=end, order=order) if end < len(order) else None
            return Page(list(order[key.offset : end]), more)
        ids: list[int] = []
        phase, after = key.phase, key.after
        while phase < 2:
            stream = _stream(conn, query, key.lead, after, title_only=phase == 0)
            got = _take(stream, limit + 1 - len(ids))
            stream.close()
            ids.extend(got)
            if len(ids) > limit:
                ids.pop()
                return Page(
                    ids, PageKey(False, key.lead, phase=phase, after=ids[-1] if got[:-1] else after)
                )
            phase, after = phase + 1, 0
        return Page(ids, None)


def _term_ids(term: str, tags: str, after: bool) -> tuple[list[str], list[list]]:
    """SELECTs of the entry ids holding ``term`` (each index, the tags whose path holds
    it), each in id order, and each one's parameters (``after``: ids past one more
    parameter, which the caller appends)."""
    arms, params = [], []
    past = " AND rowid > ?" if after else ""
    for table, expr in _row_sources(term):  # a word of 1-2 characters: one token
        arms.append(f"SELECT rowid AS id FROM {table} WHERE {table} MATCH ?{past}")
        params.append([expr])
    if tags != "[]":
        arms.append(
            "SELECT entry_id AS id FROM entry_tag WHERE tag_id IN (SELECT value FROM json_each(?))"
            + (" AND entry_id > ?" if after else "")
        )
        params.append([tags])
    return arms, params


def _id_scan(
    query: HitQuery,
    lead: int,
    condition: tuple[str, tuple],
    after: int | None,
    *,
    per_arm: bool = False,
) -> tuple[str, list]:
    """SQL (and parameters) of the ids of every hit of ``query`` in id order (past
    ``after`` when given), reading no entry row: the lead word's index rows merged
    (SQLite's MERGE of ordered arms, so a LIMIT stops the scan), then ``condition`` on
    ``e.id`` (the filters) and the other words' hits as sets read once. ``per_arm``:
    the checks on each arm's rows before their union (in no order), so that the union
    holds only what passes (a selective filter: a tenth of the work of merging every
    hit first)."""
    arms, arm_params = _term_ids(query.terms[lead], query.tags[lead], after is not None)
    tail = () if after is None else (after,)
    params = [p for ps in arm_params for p in (*ps, *tail)]
    checks, check_params = [condition[0]], list(condition[1])
    for i, (other, other_tags) in enumerate(zip(query.terms, query.tags, strict=True)):
        if i != lead:
            other_arms, more = _term_ids(other, other_tags, False)
            checks.append(f"+e.id IN ({' UNION '.join(other_arms)})")
            check_params.extend(p for ps in more for p in ps)
    where = " AND ".join(checks)
    if per_arm:
        sql = " UNION ".join(f"SELECT e.id FROM ({arm}) e WHERE {where}" for arm in arms)
        per = [(*ps, *tail, *check_params) for ps in arm_params]
        return sql, [p for ps in per for p in ps]
    sql = f"SELECT e.id FROM ({' UNION '.join(arms)} ORDER BY 1) e WHERE {where}"
    return sql, params + check_params


def _index_current(conn: sqlite3.Connection) -> bool:
    """No entry is marked for indexing: every index row is an entry's as it is (then
    hits can be counted from the index's rowids without the entry table)."""
    return conn.execute("SELECT 1 FROM search_dirty LIMIT 1").fetchone() is None


def _hit_ids(
    conn: sqlite3.Connection, query: HitQuery, lead: int, cap: int, *, count: bool = False
) -> list[int] | int:
    """The first ``cap + 1`` hits of ``query`` (all of them when fewer), in id order, or
    with ``count`` how many of them there are.

    Two passes when a filter is set, so that the work is bounded either way: the first
    checks the filters id by id on ``cap + 1`` hits of the lead word, and ``cap + 1``
    more while at least half of them pass (a filter most entries pass ends there, at
    the cap); past them the filters are read
    once as sets and probed hit by hit in each index before the union, which is cheaper
    when few pass (the count of a word of one or two characters in every entry of
    100,000, under a tag of 10,000: 0.9-1.0x a LIKE scan of the corpus, where checking
    each hit's entry row cost 2.6-3.6x; a longer word also reads its characters'
    positions, about a LIKE scan by itself)."""
    assert query.ids is not None and query.sets is not None
    found: list[int] = []
    n_found, after = 0, None
    if query.ids[0] == "1":  # no filter: the merged hits, stopped at the cap
        sql, params = _id_scan(query, lead, ("1", ()), None)
        if count:
            return conn.execute(
                f"SELECT count(*) FROM ({sql} LIMIT ?)", (*params, cap + 1)
            ).fetchone()[0]
        return [r[0] for r in conn.execute(f"{sql} LIMIT ?", (*params, cap + 1))]
    budget = cap + 1
    for _round in range(2):  # a second round while at least half the hits pass
        sql, params = _id_scan(query, lead, ("1", ()), after)
        head = f"SELECT e.id FROM ({sql} LIMIT ?) e"  # the next hits of the lead word
        passing = f"SELECT e.id FROM ({head}) e WHERE {query.ids[0]} LIMIT ?"
        first_params = (*params, budget, *query.ids[1], cap + 1 - n_found)
        if count:
            got = conn.execute(f"SELECT count(*) FROM ({passing})", first_params).fetchone()[0]
        else:
            more = [r[0] for r in conn.execute(passing, first_params)]
            found += more
            got = len(more)
        n_found += got
        if n_found > cap:
            return n_found if count else found
        seen, last = conn.execute(
            f"SELECT count(*), max(id) FROM ({head})", (*params, budget)
        ).fetchone()
        if seen < budget:
            return n_found if count else found
        after = last
        if 2 * got < seen:
            break
    sql, params = _id_scan(query, lead, query.sets, after, per_arm=True)
    rest = (*params, cap + 1 - n_found)
    if count:
        return n_found + conn.execute(f"SELECT count(*) FROM ({sql} LIMIT ?)", rest).fetchone()[0]
    return found + [r[0] for r in conn.execute(f"{sql} LIMIT ?", rest)]


def count_hits(project: Project, query: HitQuery | FilterQuery, cap: int = COUNT_CAP) -> int:
    """How many entries ``query`` finds: exact up to ``cap``, ``cap + 1`` for more (the
    scan stops there). Reads only: meant for a connection of its own off the window's
    thread, which may interrupt it. A :class:`FilterQuery` is counted by
    :func:`count_filtered`."""
    if isinstance(query, FilterQuery):
        return count_filtered(project, query, cap)
    if not query.terms:
        return 0
    conn = project.conn
    with project.read():
        key = _first_key(conn, query)
        if key is None:
            return 0
        if key.ranked:
            base, params = _ranked_sql(query.terms, query.where, query.tags)
            sql = f"SELECT count(*) FROM ({base} LIMIT ?)"
            return conn.execute(sql, (*params, *query.params, cap + 1)).fetchone()[0]
        if query.ids is not None and _index_current(conn):
            return _hit_ids(conn, query, key.lead, cap, count=True)
        stream = _stream(conn, query, key.lead, 0, title_only=None)  # no order needed
        try:
            return len(_take(stream, cap + 1))
        finally:
            stream.close()


def hit_section_totals(
    project: Project, query: HitQuery, cap: int = COUNT_CAP
) -> tuple[dict[tuple[str, ...], int], bool]:
    """How many of ``query``'s hits stand directly under each section path, and whether
    there were more than ``cap`` hits (then the counts are of the first ``cap`` found,
    each a lower bound). Like :func:`count_hits`, for a connection off the window's
    thread: the hits collected once, then one grouped query over them."""
    if not query.terms:
        return {}, False
    conn = project.conn
    with project.read():
        key = _first_key(conn, query)
        if key is None:
            return {}, False
        if key.ranked:
            base, params = _ranked_sql(query.terms, query.where, query.tags)
            ids = [r[0] for r in conn.execute(f"{base} LIMIT ?", (*params, *query.params, cap + 1))]
        elif query.ids is not None and _index_current(conn):
            ids = _hit_ids(conn, query, key.lead, cap)
        else:
            stream = _stream(conn, query, key.lead, 0, title_only=None)
            try:
                ids = _take(stream, cap + 1)
            finally:
                stream.close()
        totals = section_totals(project, (f"e.id IN {IN_LIST}", [json_list(ids[:cap])]))
    return totals, len(ids) > cap


# -- the entry list under filters, without a search ----------------------------------------

SCOUT = 1_000  # entries read in reading order to tell a filter most pass from a rare one


@dataclass(frozen=True)
class FilterQuery:
    """The entry list under filters (no search words): ``where`` checks each entry ``e``
    (:func:`app.storage.display.entry_filter`); ``listed()`` gives the same condition
    able to start from the few entries a rare filter selects
    (``entry_filter(listed=True)``, which reads the review queue's list: only when
    needed)."""

    where: str
    params: tuple
    listed: Callable[[], tuple[str, Sequence]]


@dataclass(frozen=True)
class FilterKey:
    """Where the next page of a filtered list starts: after this entry in reading order."""

    source_id: int
    seq: int


def filter_page(
    project: Project, query: FilterQuery, key: FilterKey | None = None, limit: int = PAGE
) -> Page:
    """The entries passing ``query`` in reading order, a page at a time (``key``: None
    for the first page). The first page reads the first :data:`SCOUT` entries: when they
    hold more than a page of matches (a filter most entries pass) the list is paged from
    there, each page reading on from the last entry shown; when they are the whole corpus,
    or hold fewer matches (a rare filter), every match comes at once, read from the
    filter's own index where it has one (as before pages), so nothing is left to count."""
    conn = project.conn
    with project.read():
        if key is None:
            rows = conn.execute(
                f"SELECT e.id, e.source_id, e.seq, ({query.where}) FROM entry e"
                " INDEXED BY entry_source_seq ORDER BY e.source_id, e.seq LIMIT ?",
                (*query.params, SCOUT),
            ).fetchall()
            passing = [r for r in rows if r[3]]
            if len(passing) > limit:
                last = passing[limit - 1]
                return Page([r[0] for r in passing[:limit]], FilterKey(last[1], last[2]))
            if len(rows) < SCOUT:
                return Page([r[0] for r in passing], None)
            listed, listed_params = query.listed()
            sql = f"SELECT e.id FROM entry e WHERE {listed} ORDER BY e.source_id, e.seq"
            return Page([r[0] for r in conn.execute(sql, listed_params)], None)
        rows = conn.execute(
            "SELECT e.id, e.source_id, e.seq FROM entry e INDEXED BY entry_source_seq"
            f" WHERE (e.source_id, e.seq) > (?, ?) AND ({query.where})"
            " ORDER BY e.source_id, e.seq LIMIT ?",
            (key.source_id, key.seq, *query.params, limit + 1),
        ).fetchall()
    if len(rows) > limit:
        last = rows[limit - 1]
        return Page([r[0] for r in rows[:limit]], FilterKey(last[1], last[2]))
    return Page([r[0] for r in rows], None)


def count_filtered(project: Project, query: FilterQuery, cap: int = COUNT_CAP) -> int:
    """How many entries pass ``query``: exact up to ``cap``, ``cap + 1`` for more (the
    scan stops there); for a connection off the window's thread, as :func:`count_hits`."""
    with project.read() as conn:
        return conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM entry e WHERE {query.where} LIMIT ?)",
            (*query.params, cap + 1),
        ).fetchone()[0]
