"""Searching entries: any string of one character or more, in either script.

The index (migration 0003) holds a folded shadow of every entry's text as character
bigrams and unigrams (see :mod:`app.domain.search_text`), kept right by triggers. This
module registers the SQL functions those triggers call, and answers queries.

Ranking: when every term matches at most :data:`RANK_LIMIT` index rows, hits are
ordered by FTS5's bm25 (title weighted above body, body above captions and names).
A term that matches more rows than that (``会`` in a corpus of 100,000 entries) would
cost a bm25 over every row; such queries are answered in *browse order* instead —
entries whose title contains the first term, then the others, each in corpus order —
which streams the first page straight from the index. ``SearchResult.ranked`` says
which order was used.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache

from app.domain.search_text import (
    PIECE_SEPARATOR,
    SHADOW_VERSION,
    Query,
    bigram_tokens,
    match_expression,
    parse_query,
    render,
    shadow_table,
    snippet_segments,
    unigram_tokens,
)

from .db import CONNECTION_HOOKS, IN_LIST, Project, ProjectError, json_list

RANK_LIMIT = 4000
ALL_COLUMNS = ("title", "body", "extra")
# bm25 weights in index column order: title_b, title_u, body_b, body_u, extra_b, extra_u
_WEIGHTS = "10.0, 10.0, 1.0, 1.0, 2.0, 2.0"


def _text(value) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _search_bi(value) -> str:
    return bigram_tokens(_text(value))


def _search_uni(value) -> str:
    return unigram_tokens(_text(value))


def register_functions(conn: sqlite3.Connection) -> None:
    """SQL functions the index triggers and views call; needed on every connection
    that writes entries, photos, links, attributions or names."""
    conn.create_function("search_bi", 1, _search_bi, deterministic=True)
    conn.create_function("search_uni", 1, _search_uni, deterministic=True)
    conn.create_function("search_index_version", 0, index_version)


if register_functions not in CONNECTION_HOOKS:
    CONNECTION_HOOKS.append(register_functions)


# -- results ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Hit:
    entry_id: int
    title: str  # as stored: plain text, never markup
    snippet: str  # escaped text with <mark>…</mark> around hits: safe as rich text
    score: float  # higher is better
    segments: tuple[tuple[str, bool], ...] = ()  # raw (text, is_hit) pieces of the snippet
    field: str = ""  # where the snippet comes from: title, body, note, caption, name


@dataclass(frozen=True)
class SearchResult:
    hits: list[Hit]
    total: int | None  # None when the caller asked not to count
    ranked: bool = True  # False: browse order (see the module docstring)
    reason: str = ""  # why nothing was searched (empty query)
    terms: tuple[str, ...] = field(default=())


# -- state -----------------------------------------------------------------------------


@cache
def index_version() -> str:
    """Changes whenever the shadow would index the same text differently."""
    table = shadow_table()
    digest = hashlib.sha256(repr(sorted(table.items())).encode("utf-8")).hexdigest()[:16]
    return f"{SHADOW_VERSION}:{digest}"


def rebuild_index(project: Project) -> None:
    """Recompute the whole index from the text (after a change of the folding data)."""
    with project.write() as conn:
        conn.execute("INSERT INTO search_fts (search_fts) VALUES ('rebuild')")
        conn.execute(
            "INSERT OR REPLACE INTO search_state (key, value) VALUES ('version', ?)",
            (index_version(),),
        )


def _ensure_current(project: Project) -> None:
    try:
        stored = project.scalar("SELECT value FROM search_state WHERE key = 'version'")
    except sqlite3.OperationalError as exc:
        raise ProjectError(f"this project has no search index ({exc})") from None
    if stored == index_version():
        return
    if project.readonly:
        return  # searching still works; a writable open will refresh it
    rebuild_index(project)


def main_index_row(entry_id: int, title: str, body: str) -> tuple[int, str, str, str, str]:
    """The title/body index row of an entry, as ``search_main_source`` computes it.

    Pure Python (no connection), so an import can compute rows off the thread that
    holds the database and hand them to :meth:`BulkIndex.add_main`.
    """
    return (
        entry_id * 2,
        bigram_tokens(title),
        unigram_tokens(title),
        bigram_tokens(body),
        unigram_tokens(body),
    )


_MAIN_INSERT = "INSERT INTO search_fts (rowid, title_b, title_u, body_b, body_u)"


class BulkIndex:
    """What :func:`bulk_index` yields: lets the importer index new entries' title/body
    rows itself, in entry id order, from rows made by :func:`main_index_row`."""

    def __init__(self, conn: sqlite3.Connection, entry_max: int):
        self.conn = conn
        self.entry_max = entry_max
        self.main_through = entry_max  # title/body rows indexed for ids up to here

    def add_main(self, first: int, last: int, params: list[tuple]) -> None:
        """Index the title/body rows of the next new entries, ids *first*…*last*.

        *params* are the rows of :func:`main_index_row` for exactly those ids, in
        order, grouped by ``suggestions.flatten``.
        """
        from .suggestions import insert_flat

        if first != self.main_through + 1 or sum(map(len, params)) != 5 * (last - first + 1):
            raise ProjectError(f"index rows for entries {first}–{last} out of order")
        insert_flat(self.conn, _MAIN_INSERT, 5, params)
        self.main_through = last


@contextlib.contextmanager
def bulk_index(conn: sqlite3.Connection) -> Iterator[BulkIndex | None]:
    """Index the entries an import creates once, at the end, instead of row by row.

    Use inside the import's write transaction, around the inserts::

        with project.write() as conn, bulk_index(conn) as index:
            ...insert entries, photos, attributions, links...
            index.add_main(first, last, params)  # optional, see add_main

    Only rows that concern entries and photos created inside the block are deferred;
    anything touching older rows is indexed by the triggers as usual. At the end, the
    title/body rows not given to :meth:`BulkIndex.add_main` and every new entry's extra
    row are indexed from the views in one statement each. If the block raises, nothing
    is indexed and the caller's rollback undoes the inserts. Yields ``None`` when nested
    (the outer block indexes everything).
    """
    if not conn.in_transaction:
        raise ProjectError("bulk_index needs an open write transaction")
    if conn.execute("SELECT 1 FROM search_state WHERE key = 'bulk_entry'").fetchone():
        yield None  # nested: the outer block indexes everything at its end
        return
    entry_max = conn.execute("SELECT coalesce(max(id), 0) FROM entry").fetchone()[0]
    photo_max = conn.execute("SELECT coalesce(max(id), 0) FROM photo").fetchone()[0]
    conn.execute(
        "INSERT OR REPLACE INTO search_state (key, value) VALUES ('bulk_entry', ?), ('bulk_photo', ?)",
        (str(entry_max), str(photo_max)),
    )
    index = BulkIndex(conn, entry_max)
    try:
        yield index
    finally:
        conn.execute("DELETE FROM search_state WHERE key IN ('bulk_entry', 'bulk_photo')")
    conn.execute(
        _MAIN_INSERT + " SELECT entry_id * 2, title_b, title_u, body_b, body_u"
        " FROM search_main_source WHERE entry_id > ?",
        (index.main_through,),
    )
    conn.execute(
        "INSERT INTO search_fts (rowid, extra_b, extra_u)"
        " SELECT entry_id * 2 + 1, extra_b, extra_u FROM search_extra_source WHERE entry_id > ?",
        (entry_max,),
    )


def optimize_index(project: Project) -> None:
    """Merge the index into one segment (after a large import; optional)."""
    with project.write() as conn:
        conn.execute("INSERT INTO search_fts (search_fts) VALUES ('optimize')")


# -- filters ---------------------------------------------------------------------------


def _filters(
    status: str | list[str] | tuple[str, ...] | None,
    has_pending: bool | None,
    tag: int | list[int] | tuple[int, ...] | None,
    person_id: int | None,
    within: Sequence[int] | None = None,
) -> tuple[str, list]:
    """SQL conditions on ``e`` (an entry row) and their parameters; ``within``: only
    these entries (a prefilter, e.g. search by annotation)."""
    where: list[str] = []
    params: list = []
    if within is not None:
        where.append("e.id IN (SELECT value FROM json_each(?))")
        params.append(json.dumps([int(i) for i in within]))
    if status is not None:
        statuses = [status] if isinstance(status, str) else list(status)
        where.append(f"e.status IN ({', '.join('?' * len(statuses))})" if statuses else "0")
        params.extend(statuses)
    if has_pending is not None:
        pending = (
            "EXISTS (SELECT 1 FROM suggestion s WHERE s.status = 'pending' AND ("
            "(s.target_kind = 'entry' AND s.target_id = e.id) OR (s.target_kind = 'photo'"
            " AND s.target_id IN (SELECT photo_id FROM photo_link WHERE entry_id = e.id))))"
        )
        where.append(pending if has_pending else f"NOT {pending}")
    if tag is not None:
        tags = [tag] if isinstance(tag, int) else list(tag)
        for tag_id in tags:
            where.append(
                "EXISTS (SELECT 1 FROM entry_tag t WHERE t.entry_id = e.id AND t.tag_id = ?)"
            )
            params.append(int(tag_id))
    if person_id is not None:
        where.append(
            "EXISTS (SELECT 1 FROM attribution a WHERE a.person_id IN"
            " (SELECT id FROM person WHERE id = ? OR merged_into = ?) AND (a.entry_id = e.id"
            " OR a.photo_id IN (SELECT photo_id FROM photo_link WHERE entry_id = e.id)))"
        )
        params.extend([int(person_id), int(person_id)])
    return (" AND ".join(where) or "1"), params


# -- searching -------------------------------------------------------------------------


def _expr(term: str, columns=ALL_COLUMNS) -> str:
    return match_expression(term, columns)


def _probe(conn: sqlite3.Connection, term: str) -> int:
    """Index rows matching *term*, counted up to RANK_LIMIT + 1."""
    return conn.execute(
        "SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH ? LIMIT ?)",
        (_expr(term), RANK_LIMIT + 1),
    ).fetchone()[0]


def search(
    project: Project,
    query: str,
    *,
    limit: int = 50,
    offset: int = 0,
    status: str | list[str] | None = None,
    has_pending: bool | None = None,
    tag: int | list[int] | None = None,
    person_id: int | None = None,
    count_total: bool = True,
    within: Sequence[int] | None = None,
) -> SearchResult:
    """Entries containing every word of *query* (folded), best first, with snippets."""
    parsed = parse_query(query)
    if parsed.empty:
        return SearchResult([], 0, reason=parsed.reason)
    limit = max(0, int(limit))
    offset = max(0, int(offset))
    _ensure_current(project)
    where, fparams = _filters(status, has_pending, tag, person_id, within)
    conn = project.conn
    with project.read():
        probes = {t: _probe(conn, t) for t in parsed.terms}
        if min(probes.values()) == 0:
            return SearchResult([], 0, terms=parsed.terms)
        ranked = max(probes.values()) <= RANK_LIMIT
        if ranked:
            rows, total = _ranked(conn, parsed, where, fparams, limit, offset, count_total)
        else:
            rows, total = _browse(conn, parsed, probes, where, fparams, limit, offset, count_total)
        hits = _hits(conn, parsed, rows)
    return SearchResult(hits, total, ranked=ranked, terms=parsed.terms)


def count(
    project: Project,
    query: str,
    *,
    status: str | list[str] | None = None,
    has_pending: bool | None = None,
    tag: int | list[int] | None = None,
    person_id: int | None = None,
    within: Sequence[int] | None = None,
) -> int:
    """How many entries a search would find (0 for an empty query)."""
    parsed = parse_query(query)
    if parsed.empty:
        return 0
    _ensure_current(project)
    where, fparams = _filters(status, has_pending, tag, person_id, within)
    with project.read():
        return _count(project.conn, parsed.terms, where, fparams)


def filtered_ids(
    project: Project,
    within: Sequence[int],
    *,
    status: str | list[str] | None = None,
    has_pending: bool | None = None,
    tag: int | list[int] | None = None,
    person_id: int | None = None,
) -> list[int]:
    """Those of ``within`` that pass the filters, in reading order (a search with no
    text, only a prefilter)."""
    where, fparams = _filters(status, has_pending, tag, person_id, within)
    with project.read() as conn:
        return [
            r[0]
            for r in conn.execute(
                f"SELECT e.id FROM entry e WHERE {where} ORDER BY e.source_id, e.seq", fparams
            )
        ]


def search_entry_ids(project: Project, text: str) -> list[int]:
    """Every entry matching ``text``, in reading order (no ranking, no snippets).

    For the navigator's filter, which needs all matching ids rather than a page of
    ranked hits; same matching as :func:`search` (either script; all words).
    """
    parsed = parse_query(text)
    if parsed.empty:
        return []
    _ensure_current(project)
    match, params = _matching_entries_sql(parsed.terms)
    return [
        r[0]
        for r in project.conn.execute(
            f"SELECT e.id FROM entry e WHERE {match} ORDER BY e.source_id, e.seq", params
        )
    ]


def _matching_entries_sql(terms: tuple[str, ...]) -> tuple[str, list]:
    """``e.id IN (…)`` for every term: an entry matches when one of its rows does."""
    parts, params = [], []
    for term in terms:
        parts.append("e.id IN (SELECT rowid >> 1 FROM search_fts WHERE search_fts MATCH ?)")
        params.append(_expr(term))
    return " AND ".join(parts), params


def _count(conn: sqlite3.Connection, terms: tuple[str, ...], where: str, fparams: list) -> int:
    match, mparams = _matching_entries_sql(terms)
    return conn.execute(
        f"SELECT count(*) FROM entry e WHERE {match} AND {where}", (*mparams, *fparams)
    ).fetchone()[0]


def _ranked(conn, parsed: Query, where, fparams, limit, offset, count_total):
    """bm25 over every matching row: each term matches at most RANK_LIMIT rows."""
    arms, params = [], []
    for i, term in enumerate(parsed.terms):
        arms.append(
            f"SELECT {i} AS t, rowid >> 1 AS e, bm25(search_fts, {_WEIGHTS}) AS s"
            " FROM search_fts WHERE search_fts MATCH ?"
        )
        params.append(_expr(term))
    n = len(parsed.terms)
    base = (
        f"WITH h AS MATERIALIZED ({' UNION ALL '.join(arms)}),"
        f" g AS (SELECT e AS id, -sum(s) AS score FROM h GROUP BY e"
        f" HAVING count(DISTINCT t) = {n})"
        f" SELECT g.id, g.score FROM g JOIN entry e ON e.id = g.id WHERE {where}"
    )
    rows = conn.execute(
        base + " ORDER BY g.score DESC, g.id LIMIT ? OFFSET ?",
        (*params, *fparams, limit, offset),
    ).fetchall()
    total = None
    if count_total:
        if len(rows) < limit and (rows or offset == 0):
            total = offset + len(rows)
        else:
            total = conn.execute(f"SELECT count(*) FROM ({base})", (*params, *fparams)).fetchone()[
                0
            ]
    return rows, total


def _browse(conn, parsed: Query, probes, where, fparams, limit, offset, count_total):
    """Title hits first, then the rest, each in corpus order, streamed from the index.

    The term matching fewest rows drives the scan; the others are membership tests.
    """
    lead = min(parsed.terms, key=lambda t: (probes[t], -len(t)))
    others = tuple(t for t in parsed.terms if t != lead)
    other_sql, other_params = _matching_entries_sql(others) if others else ("1", [])
    wanted = offset + limit
    title_ids: list[int] = []
    seen: set[int] = set()

    def stream(columns, exclude: set[int], out: list[int]) -> bool:
        """Append matching entry ids to *out* until it holds *wanted*; True if exhausted."""
        cur = conn.execute(
            "SELECT f.rowid >> 1 FROM search_fts f JOIN entry e ON e.id = f.rowid >> 1"
            f" WHERE search_fts MATCH ? AND {other_sql} AND {where} ORDER BY f.rowid",
            (_expr(lead, columns), *other_params, *fparams),
        )
        last = None
        for (eid,) in cur:
            if eid == last or eid in exclude:
                continue
            last = eid
            out.append(eid)
            if len(out) >= wanted:
                cur.close()
                return False
        return True

    title_done = stream(("title",), set(), title_ids)
    ids = list(title_ids)
    if title_done and len(ids) < wanted:
        seen = set(title_ids)
        stream(ALL_COLUMNS, seen, ids)
    page = ids[offset:wanted]
    title_set = set(title_ids)
    rows = [(eid, 2.0 if eid in title_set else 1.0) for eid in page]
    total = _count(conn, parsed.terms, where, fparams) if count_total else None
    return rows, total


# -- snippets --------------------------------------------------------------------------


def _hits(conn, parsed: Query, rows) -> list[Hit]:
    if not rows:
        return []
    ids = [r[0] for r in rows]
    texts = {
        r[0]: r[1:]
        for r in conn.execute(
            f"SELECT e.id, e.title, e.body, x.text FROM entry e"
            f" JOIN search_extra_text x ON x.entry_id = e.id WHERE e.id IN {IN_LIST}",
            (json_list(ids),),
        )
    }
    hits = []
    for eid, score in rows:
        title, body, extra = texts.get(eid, ("", "", ""))
        segments: tuple = ()
        where = ""
        pieces = [("body", body), ("title", title)] + [
            ("extra", p) for p in (extra or "").split(PIECE_SEPARATOR) if p
        ]
        for name, text in pieces:
            segments = snippet_segments(text or "", parsed.terms)
            if segments:
                where = name
                break
        hits.append(
            Hit(
                entry_id=eid,
                title=title,
                snippet=render(segments),
                score=float(score),
                segments=segments,
                field=where,
            )
        )
    return hits
