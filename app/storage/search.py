"""Searching entries: any string of one character or more, in either script.

The index (migrations 0003, 0012, 0021) holds a folded shadow of every entry's text, one
token a character (see :mod:`app.domain.search_text`); entry's full-text index for other
tools (``search_fts``) holds its bigrams and characters without positions. Plain-SQL triggers
mark what changed, whoever changed it; this module brings the index up to date for the
marked entries (before every commit of the app, at open, before every search) and
answers queries.

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
import heapq
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
    index_token_count,
    index_tokens,
    match_expression,
    parse_query,
    render,
    shadow_table,
    snippet_segments,
    unigram_tokens,
    word_token_count,
    word_tokens,
)

from .db import (
    BEFORE_COMMIT_HOOKS,
    CONNECTION_HOOKS,
    IN_LIST,
    OPEN_HOOKS,
    Project,
    ProjectError,
    json_list,
)
from .revisions import next_entry_id

RANK_LIMIT = 4000
ALL_COLUMNS = ("title", "body", "extra")
MAIN_COLUMNS = ("title", "body")  # MAIN_TABLE's; "extra" is search_extra_fts's one column
MAIN_TABLE = "search_char_fts"  # what the app searches (search_fts is for other tools)
# bm25 weights, in each table's column order: title above body (MAIN_TABLE's columns are
# body, title: see migration 0021), captions and names between (extra)
_WEIGHTS = {MAIN_TABLE: "1.0, 10.0", "search_extra_fts": "2.0"}


def _text(value) -> str | None:
    if value is None:
        return None
    return value if isinstance(value, str) else str(value)


def _search_bi(value) -> str:
    return bigram_tokens(_text(value))


def _search_uni(value) -> str:
    return unigram_tokens(_text(value))


def register_functions(conn: sqlite3.Connection) -> None:
    """SQL functions migration 0003 calls (its views and its first indexing); since 0012
    no view or trigger calls them, so they are needed only while migrating a project
    older than that (or a new one) and by the in-memory schema the open compares."""
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
#
# Migrations 0012, 0021: search_char_fts (body, title; rowid = entry id; contentless) and
# search_extra_fts (the note, captions, names; rowid = entry id) hold the tokens of
# index_tokens(); search_fts (title, body; external content "entry", detail=none) those
# of word_tokens(), for other tools. The triggers only mark entries in search_dirty (plain SQL, so any tool
# can write the file); refresh_index() brings the marked entries up to date. It runs
# before every commit of Project.write (a before-commit hook), at open and before every
# search, so the index is right whoever wrote the rows.


@cache
def index_version() -> str:
    """Changes whenever the shadow would index the same text differently."""
    table = shadow_table()
    digest = hashlib.sha256(repr(sorted(table.items())).encode("utf-8")).hexdigest()[:16]
    return f"{SHADOW_VERSION}:{digest}"


_WORDS_INSERT = "INSERT INTO search_fts (rowid, title, body)"
_CHARS_INSERT = f"INSERT INTO {MAIN_TABLE} (rowid, title, body)"
MAIN_ROW_WIDTH = 5  # values in a row of main_index_row
_WORDS_DELETE = "INSERT INTO search_fts (search_fts, rowid, title, body) VALUES ('delete', ?, ?, ?)"
_CHARS_DELETE = (
    f"INSERT INTO {MAIN_TABLE} ({MAIN_TABLE}, rowid, title, body) VALUES ('delete', ?, ?, ?)"
)
_EXTRA_INSERT = "INSERT INTO search_extra_fts (rowid, extra)"
_REBUILD_CHUNK = 2000
_ID_RANGE = "SELECT id FROM entry WHERE id > ? AND id <= ?"


def _tokens(value) -> str:
    return index_tokens(_text(value))


def _words(value) -> str:
    return word_tokens(_text(value))


def _insert_flat(conn: sqlite3.Connection, head: str, ncols: int, rows: list[tuple]) -> None:
    from .suggestions import flatten, insert_flat, rows_per_statement

    if rows:
        insert_flat(conn, head, ncols, flatten(rows, rows_per_statement(conn, ncols)))


def _insert_main(conn: sqlite3.Connection, params: list[tuple]) -> None:
    """Insert rows of :func:`main_index_row`, flattened (``suggestions.flatten``), into
    both title/body indexes: (id, title words, body words) into search_fts, (id, title
    characters, body characters) into MAIN_TABLE."""
    from .suggestions import insert_flat

    w = MAIN_ROW_WIDTH
    words = [
        tuple(v for i in range(0, len(p), w) for v in (p[i], p[i + 1], p[i + 2])) for p in params
    ]
    chars = [
        tuple(v for i in range(0, len(p), w) for v in (p[i], p[i + 3], p[i + 4])) for p in params
    ]
    insert_flat(conn, _WORDS_INSERT, 3, words)
    insert_flat(conn, _CHARS_INSERT, 3, chars)


def _index_main(conn: sqlite3.Connection, ids_sql: str, params: tuple) -> None:
    """Index the title/body of the entries ``ids_sql`` selects (not in the index yet)."""
    from .suggestions import flatten, rows_per_statement

    rows = conn.execute(
        f"SELECT id, title, body FROM entry WHERE id IN ({ids_sql}) ORDER BY id", params
    )
    made = [main_index_row(*row) for row in rows]
    _insert_main(conn, flatten(made, rows_per_statement(conn, MAIN_ROW_WIDTH)))


def _index_extra(conn: sqlite3.Connection, ids_sql: str, params: tuple) -> None:
    extra = []
    for eid, text in conn.execute(
        f"SELECT entry_id, text FROM search_extra_text WHERE entry_id IN ({ids_sql})"
        " ORDER BY entry_id",
        params,
    ):
        tokens = _tokens(text)
        if tokens:
            extra.append((eid, tokens))
    _insert_flat(conn, _EXTRA_INSERT, 2, extra)


def _rebuild(conn: sqlite3.Connection) -> None:
    """Recompute the whole index from the text, inside the caller's transaction."""
    conn.execute("INSERT INTO search_fts (search_fts) VALUES ('delete-all')")
    conn.execute(f"INSERT INTO {MAIN_TABLE} ({MAIN_TABLE}) VALUES ('delete-all')")
    conn.execute("DELETE FROM search_extra_fts")
    conn.execute("DELETE FROM search_dirty")
    last = conn.execute("SELECT coalesce(max(id), 0) FROM entry").fetchone()[0]
    for start in range(0, last, _REBUILD_CHUNK):
        chunk = (start, start + _REBUILD_CHUNK)
        _index_main(conn, _ID_RANGE, chunk)
        _index_extra(conn, _ID_RANGE, chunk)
    # the DELETE above left a deletion record of every old row; merging drops them
    conn.execute("INSERT INTO search_extra_fts (search_extra_fts) VALUES ('optimize')")
    conn.execute(
        "INSERT OR REPLACE INTO search_state (key, value) VALUES ('version', ?)",
        (index_version(),),
    )


def _current(conn: sqlite3.Connection) -> bool:
    """Whether the index was built with this shadow (:func:`index_version`)."""
    row = conn.execute("SELECT value FROM search_state WHERE key = 'version'").fetchone()
    return row is not None and row[0] == index_version()


def index_current(project: Project) -> bool:
    """Whether the project's index was built with this app's shadow; when not, the next
    writable open rebuilds it (a read-only open searches it as it is)."""
    try:
        return _current(project.conn)
    except sqlite3.OperationalError:  # no index yet (a schema older than migration 0003)
        return False


def rebuild_index(project: Project) -> None:
    """Recompute the whole index from the text (after a change of the folding data, or
    when it cannot be brought up to date entry by entry)."""
    with project.write() as conn:
        _rebuild(conn)


def _sizes(blob: bytes | None) -> list[int]:
    """The token counts per column FTS5 keeps in ``search_fts_docsize`` (SQLite
    varints: seven bits a byte, most significant first)."""
    out, value = [], 0
    for byte in blob or b"":
        value = (value << 7) | (byte & 0x7F)
        if not byte & 0x80:
            out.append(value)
            value = 0
    return out


def _token_count(tokens: str) -> int:
    return len(tokens.split())


def refresh_index(conn: sqlite3.Connection) -> int:
    """Bring the index up to date for the entries the triggers marked, inside the
    caller's write transaction; returns how many there were. When the index does not
    hold what a mark says it holds (FTS5 'rebuild' run by another tool, a row written
    behind the triggers' back), the whole index is rebuilt instead: taking out tokens
    that are not there would damage it."""
    total = conn.execute("SELECT count(*) FROM search_dirty").fetchone()[0]
    if not total or not _has_char_index(conn):
        return 0  # (a schema older than 0021: its migration indexes everything again)
    stored = conn.execute("SELECT value FROM search_state WHERE key = 'version'").fetchone()
    if stored is not None and stored[0] != index_version():
        # tokens of another shadow, so the marks' old tokens cannot be recomputed (a
        # migration's commit runs this before the open's own version check)
        _rebuild(conn)
        return total
    after = -1
    while True:
        marks = conn.execute(
            "SELECT entry_id, main, title, body FROM search_dirty WHERE entry_id > ?"
            " ORDER BY entry_id LIMIT ?",
            (after, _REBUILD_CHUNK),
        ).fetchall()
        if not marks:
            break
        after = marks[-1][0]
        if not _refresh_marks(conn, marks):
            _rebuild(conn)
            return total
    conn.execute("DELETE FROM search_dirty")
    return total


def _refresh_marks(conn: sqlite3.Connection, marks: list[tuple]) -> bool:
    """Index again the entries of these marks; False (nothing done) when the index
    does not hold what they say."""
    ids = json_list(m[0] for m in marks)
    sizes, word_sizes = (
        dict(conn.execute(f"SELECT id, sz FROM {table}_docsize WHERE id IN {IN_LIST}", (ids,)))
        for table in (MAIN_TABLE, "search_fts")
    )
    deletes, word_deletes = [], []
    for eid, main, title, body in marks:
        held, words_held = sizes.get(eid), word_sizes.get(eid)
        if main == "new" and (held is not None or words_held is not None):
            return False
        if main != "old" or (held is None and words_held is None):
            continue  # 'old' without a row: made and changed before any refresh
        old = (_tokens(title), _tokens(body))
        old_words = (_words(title), _words(body))
        # MAIN_TABLE's columns are body, title (migration 0021); search_fts's title, body
        if _sizes(held) != [_token_count(t) for t in reversed(old)] or _sizes(words_held) != [
            _token_count(t) for t in old_words
        ]:
            return False
        deletes.append((eid, *old))
        word_deletes.append((eid, *old_words))
    if deletes:
        conn.executemany(_CHARS_DELETE, deletes)
        conn.executemany(_WORDS_DELETE, word_deletes)
    conn.execute(f"DELETE FROM search_extra_fts WHERE rowid IN {IN_LIST}", (ids,))
    main_ids = json_list(m[0] for m in marks if m[1] != "same")
    _index_main(conn, "SELECT value FROM json_each(?)", (main_ids,))
    _index_extra(conn, "SELECT value FROM json_each(?)", (ids,))
    return True


def _has_index(conn: sqlite3.Connection) -> bool:
    """Whether the file has this index (migration 0012); an open runs the hooks while
    older migrations are being applied too."""
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'search_dirty'"
        ).fetchone()
        is not None
    )


def _has_char_index(conn: sqlite3.Connection) -> bool:
    """Whether the file has the index of characters (migration 0021). Before it, the app
    leaves the index alone (the marks wait): 0021 has every entry indexed again."""
    return (
        conn.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (MAIN_TABLE,)
        ).fetchone()
        is not None
    )


def _before_commit(conn: sqlite3.Connection) -> None:
    try:
        refresh_index(conn)  # one statement when nothing was marked
    except sqlite3.OperationalError as exc:
        if "no such table: search_dirty" not in str(exc):
            raise
        # a migration older than 0012 is being applied


def _at_open(project: Project) -> None:
    """Marks left by another program are noted (``Project.changed_outside``) and, on a
    writable open, the index is brought up to date for them."""
    conn = project.conn
    if not _has_index(conn):
        return
    project.changed_outside = [
        r[0] for r in conn.execute("SELECT entry_id FROM search_dirty ORDER BY entry_id")
    ]
    if not project.readonly and _has_char_index(conn):
        _ensure_current(project)


if _before_commit not in BEFORE_COMMIT_HOOKS:
    BEFORE_COMMIT_HOOKS.append(_before_commit)
if _at_open not in OPEN_HOOKS:
    OPEN_HOOKS.append(_at_open)


def _ensure_current(project: Project) -> None:
    """Before a search: the index is for this shadow, and every marked entry is
    indexed again (a read-only open searches the index as it is)."""
    try:
        stored = project.scalar("SELECT value FROM search_state WHERE key = 'version'")
        dirty = project.scalar("SELECT 1 FROM search_dirty LIMIT 1")
    except sqlite3.OperationalError as exc:
        raise ProjectError(f"this project has no search index ({exc})") from None
    if not _has_char_index(project.conn):
        raise ProjectError(
            "this project's search index is older than this version of the app; open it"
            " once for writing (in the window, or with a curator command that changes it)"
            " and it is brought up to date"
        )
    if project.readonly or (stored == index_version() and not dirty):
        return
    with project.write() as conn:
        if stored != index_version():
            _rebuild(conn)
        # otherwise the before-commit hook refreshes the marked entries


def main_index_row(entry_id: int, title: str, body: str) -> tuple[int, str, str, str, str]:
    """The title/body index row of an entry: its id, the title's and the body's words
    (search_fts) and their characters (MAIN_TABLE).

    Pure Python (no connection), so an import can compute rows off the thread that
    holds the database and hand them to :meth:`BulkIndex.add_main`.
    """
    return (entry_id, _words(title), _words(body), _tokens(title), _tokens(body))


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
        if first != self.main_through + 1 or sum(map(len, params)) != MAIN_ROW_WIDTH * (
            last - first + 1
        ):
            raise ProjectError(f"index rows for entries {first}–{last} out of order")
        _insert_main(self.conn, params)
        self.main_through = last


@contextlib.contextmanager
def bulk_index(conn: sqlite3.Connection) -> Iterator[BulkIndex | None]:
    """Index the entries an import creates once, at the end, instead of row by row.

    Use inside the import's write transaction, around the inserts::

        with project.write() as conn, bulk_index(conn) as index:
            ...insert entries, photos, attributions, links...
            index.add_main(first, last, params)  # optional, see add_main

    Only rows that concern entries and photos created inside the block are deferred
    (the triggers do not mark them); anything touching older rows is marked as usual.
    At the end, the title/body rows not given to :meth:`BulkIndex.add_main` and every
    new entry's extra row are indexed. If the block raises, nothing is indexed and the
    caller's rollback undoes the inserts. Yields ``None`` when nested (the outer block
    indexes everything).
    """
    if not conn.in_transaction:
        raise ProjectError("bulk_index needs an open write transaction")
    if not _has_char_index(conn):
        yield None  # a schema older than 0021 (a test's): rows are marked, 0021 indexes all
        return
    if conn.execute("SELECT 1 FROM search_state WHERE key = 'bulk_entry'").fetchone():
        yield None  # nested: the outer block indexes everything at its end
        return
    entry_max = next_entry_id(conn) - 1  # the new entries' ids are above it (importer)
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
    last = conn.execute("SELECT coalesce(max(id), 0) FROM entry").fetchone()[0]
    for start in range(index.main_through, last, _REBUILD_CHUNK):
        _index_main(conn, _ID_RANGE, (start, min(last, start + _REBUILD_CHUNK)))
    # the extra rows of entries marked meanwhile are made by the refresh at commit
    for start in range(entry_max, last, _REBUILD_CHUNK):
        _index_extra(
            conn,
            _ID_RANGE + " AND id NOT IN (SELECT entry_id FROM search_dirty)",
            (start, start + _REBUILD_CHUNK),
        )


def index_problems(project: Project) -> list[str]:
    """Where the index does not hold what the text says now (for ``curator check``;
    FTS5's own consistency check is :meth:`Project.integrity`'s): every entry's token
    counts, title, body and extra, compared with what the index keeps for it. Entries
    marked by the triggers are left out: the next writable open indexes them again."""
    conn = project.conn
    if not _current(conn):
        return []  # built for another shadow: its counts say nothing (cmd_check says so)
    problems = []
    held = dict(conn.execute(f"SELECT id, sz FROM {MAIN_TABLE}_docsize"))
    words_held = dict(conn.execute("SELECT id, sz FROM search_fts_docsize"))
    extra_held = dict(conn.execute("SELECT id, sz FROM search_extra_fts_docsize"))
    marked = {r[0] for r in conn.execute("SELECT entry_id FROM search_dirty")}
    extra = dict(conn.execute("SELECT entry_id, text FROM search_extra_text"))
    stale = []
    for eid, title, body in conn.execute("SELECT id, title, body FROM entry"):
        title, body = _text(title), _text(body)
        want = [index_token_count(body), index_token_count(title)]  # MAIN_TABLE's order
        words_want = [word_token_count(title), word_token_count(body)]
        extra_want = index_token_count(_text(extra.get(eid)))
        have = (
            _sizes(held.pop(eid, None)),
            _sizes(words_held.pop(eid, None)),
            _sizes(extra_held.pop(eid, None)),
        )
        if eid not in marked and have != (want, words_want, [extra_want] if extra_want else []):
            stale.append(eid)
    # rows of entries that do not exist
    stale += sorted((set(held) | set(words_held) | set(extra_held)) - marked)
    if stale:
        shown = ", ".join(map(str, sorted(stale)[:5]))
        problems.append(f"the search index is not up to date for {len(stale)} entries ({shown}…)")
    return problems


def optimize_index(project: Project) -> None:
    """Merge the index into one segment (after a large import; optional)."""
    with project.write() as conn:
        for table in ("search_fts", MAIN_TABLE, "search_extra_fts"):
            conn.execute(f"INSERT INTO {table} ({table}) VALUES ('optimize')")


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
        pending = (  # the counts of migration 0013: a row only where some are pending
            "EXISTS (SELECT 1 FROM pending_target s WHERE"
            " (s.target_kind = 'entry' AND s.target_id = e.id) OR (s.target_kind = 'photo'"
            " AND s.target_id IN (SELECT photo_id FROM photo_link WHERE entry_id = e.id)))"
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


def _expr(term: str, columns=MAIN_COLUMNS) -> str:
    return match_expression(term, columns)


def _sources(term: str, columns=ALL_COLUMNS) -> list[tuple[str, str]]:
    """(index table, MATCH expression) for *term* over *columns*."""
    out = []
    main = tuple(c for c in columns if c in MAIN_COLUMNS)
    if main:
        out.append((MAIN_TABLE, _expr(term, main)))
    if "extra" in columns:
        out.append(("search_extra_fts", _expr(term, ("extra",))))
    return out


def _probe(conn: sqlite3.Connection, term: str) -> int:
    """Index rows matching *term*, counted up to RANK_LIMIT + 1 (the same rows in
    either title/body index: a word of one or two characters is read from search_fts,
    rowids without positions)."""
    found = 0
    for table, expr in _row_sources(term):
        found += conn.execute(
            f"SELECT count(*) FROM (SELECT 1 FROM {table} WHERE {table} MATCH ? LIMIT ?)",
            (expr, RANK_LIMIT + 1),
        ).fetchone()[0]
    return min(found, RANK_LIMIT + 1)


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
    cap: int | None = None,
) -> int:
    """How many entries a search would find (0 for an empty query); with *cap*, exact
    up to *cap* and ``cap + 1`` for "more than *cap*" (the work stops there)."""
    parsed = parse_query(query)
    if parsed.empty:
        return 0
    _ensure_current(project)
    where, fparams = _filters(status, has_pending, tag, person_id, within)
    with project.read():
        return _count(project.conn, parsed.terms, where, fparams, cap)


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


def _row_sources(term: str) -> list[tuple[str, str]]:
    """(index table, MATCH expression) whose rowids are the entries holding *term*
    anywhere, for membership and counts (no ranking, no column): a term of one or two
    characters is one token of search_fts (its words: rowids only, no positions to
    read), a longer one the phrase of its characters."""
    if len(term) > 2:
        return _sources(term)
    return [("search_fts", f'"{term}"'), ("search_extra_fts", _expr(term, ("extra",)))]


def _matching_entries_sql(terms: tuple[str, ...]) -> tuple[str, list]:
    """``e.id IN (…)`` for every term: an entry matches when one of its rows does."""
    parts, params = [], []
    for term in terms:
        sources = _row_sources(term)
        parts.append(
            "e.id IN ("
            + " UNION ALL ".join(f"SELECT rowid FROM {t} WHERE {t} MATCH ?" for t, _ in sources)
            + ")"
        )
        params.extend(expr for _, expr in sources)
    return " AND ".join(parts), params


def _count(
    conn: sqlite3.Connection,
    terms: tuple[str, ...],
    where: str,
    fparams: list,
    cap: int | None = None,
) -> int:
    limit = () if cap is None else (max(0, int(cap)) + 1,)
    if where == "1" and not conn.execute("SELECT 1 FROM search_dirty LIMIT 1").fetchone():
        # No filter and nothing marked: every index row is an entry's (index_problems),
        # so the index's rowids are counted without reading the entry table.
        sets, params = [], []
        for term in terms:
            sources = _row_sources(term)
            union = " UNION ".join(f"SELECT rowid FROM {t} WHERE {t} MATCH ?" for t, _ in sources)
            sets.append(f"SELECT * FROM ({union})")
            params.extend(expr for _, expr in sources)
        rows = " INTERSECT ".join(sets) + (" LIMIT ?" if limit else "")
        return conn.execute(f"SELECT count(*) FROM ({rows})", (*params, *limit)).fetchone()[0]
    match, mparams = _matching_entries_sql(terms)
    if cap is None:
        sql, limit = f"SELECT count(*) FROM entry e WHERE {match} AND {where}", ()
    else:
        sql = f"SELECT count(*) FROM (SELECT 1 FROM entry e WHERE {match} AND {where} LIMIT ?)"
    return conn.execute(sql, (*mparams, *fparams, *limit)).fetchone()[0]


def _ranked_sql(terms: Sequence[str], where: str, tags: Sequence[str] = ()) -> tuple[str, list]:
    """(id, score) of the entries holding every term and passing *where*, unordered:
    bm25 over every matching index row; ``tags[i]``, a JSON list of tag ids, adds the
    entries carrying one of them as matches of term *i* (score 0)."""
    arms, params = [], []
    for i, term in enumerate(terms):
        for table, expr in _sources(term):
            arms.append(
                f"SELECT {i} AS t, rowid AS e, bm25({table}, {_WEIGHTS[table]}) AS s"
                f" FROM {table} WHERE {table} MATCH ?"
            )
            params.append(expr)
        if i < len(tags) and tags[i] != "[]":
            arms.append(
                f"SELECT {i} AS t, entry_id AS e, 0.0 AS s FROM entry_tag"
                " WHERE tag_id IN (SELECT value FROM json_each(?))"
            )
            params.append(tags[i])
    base = (
        f"WITH h AS MATERIALIZED ({' UNION ALL '.join(arms)}),"
        f" g AS (SELECT e AS id, -sum(s) AS score FROM h GROUP BY e"
        f" HAVING count(DISTINCT t) = {len(terms)})"
        f" SELECT g.id, g.score FROM g JOIN entry e ON e.id = g.id WHERE {where}"
    )
    return base, params


def _ranked(conn, parsed: Query, where, fparams, limit, offset, count_total):
    """bm25 over every matching row: each term matches at most RANK_LIMIT rows."""
    base, params = _ranked_sql(parsed.terms, where)
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
        cursors = [
            conn.execute(
                f"SELECT f.rowid FROM {table} f JOIN entry e ON e.id = f.rowid"
                f" WHERE {table} MATCH ? AND {other_sql} AND {where} ORDER BY f.rowid",
                (expr, *other_params, *fparams),
            )
            for table, expr in _sources(lead, columns)
        ]
        last = None
        try:
            for (eid,) in heapq.merge(*cursors):
                if eid == last or eid in exclude:
                    continue
                last = eid
                out.append(eid)
                if len(out) >= wanted:
                    return False
        finally:
            for cur in cursors:
                cur.close()
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
