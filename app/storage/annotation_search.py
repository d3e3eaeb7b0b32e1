"""Search by annotation (``person:沈永明``, ``org:宝钢``, ``place:长宁``, ``date:2004``):
the entries each term names, as a prefilter of the text search and of the window's
search box; combinable with every other filter (status, tag, person, pending).

A term holds for an entry when one of its annotations of that kind (on its title, its
body or a caption of its photos) quotes the value, or links to a record whose name or a
variant holds it — in either script. ``person:`` also finds the entries a matching
person wrote or photographed: the person record is the same one.
"""

from __future__ import annotations

import json
from collections.abc import Iterable

from app.domain.annotation.query import AnnotationTerm, split_query
from app.domain.search_text import shadow

from . import search as text_search
from .db import Project
from .search_places import matching_entries

__all__ = ["find_entries", "matching_ids", "search", "split_query"]


def _records(conn, kind: str, value: str) -> list[int]:
    if kind == "person":
        rows = conn.execute(
            "SELECT id, name FROM person WHERE merged_into IS NULL"
            " UNION ALL SELECT person_id, variant FROM person_variant"
        )
    else:
        rows = conn.execute(
            "SELECT id, name FROM record WHERE kind = ? AND merged_into IS NULL"
            " UNION ALL SELECT v.record_id, v.variant FROM record_variant v"
            " JOIN record r ON r.id = v.record_id WHERE r.kind = ?",
            (kind, kind),
        )
    return sorted({rid for rid, name in rows if value in shadow(name or "")})


def _term_entries(conn, term: AnnotationTerm) -> set[int]:
    records = _records(conn, term.kind, term.value) if term.kind in (
        "person", "place", "organisation"
    ) else []  # fmt: skip
    quotes = [
        exact
        for (exact,) in conn.execute(
            "SELECT DISTINCT exact FROM annotation WHERE kind = ?", (term.kind,)
        )
        if term.value in shadow(exact)
    ]
    column = "person_id" if term.kind == "person" else "record_id"
    sql = (
        "SELECT DISTINCT target_kind, target_id FROM annotation WHERE kind = ? AND"
        f" (exact IN (SELECT value FROM json_each(?)) OR {column} IN"
        " (SELECT value FROM json_each(?))"
    )
    params: list = [term.kind, json.dumps(quotes), json.dumps(records)]
    if term.kind == "date":
        sql += ' OR instr("when", ?) > 0'  # date:2004, date:10-17, date:2004-10
        params.append(term.raw)
    sql += ")"
    entries: set[int] = set()
    photos: set[int] = set()
    for tkind, tid in conn.execute(sql, params):
        (entries if tkind == "entry" else photos).add(tid)
    if term.kind == "person" and records:
        for eid, pid in conn.execute(
            "SELECT entry_id, photo_id FROM attribution"
            " WHERE person_id IN (SELECT value FROM json_each(?))",
            (json.dumps(records),),
        ):
            if eid is not None:
                entries.add(eid)
            else:
                photos.add(pid)
    if photos:
        entries.update(
            eid
            for (eid,) in conn.execute(
                "SELECT entry_id FROM photo_link WHERE photo_id IN (SELECT value FROM json_each(?))",
                (json.dumps(sorted(photos)),),
            )
        )
    return entries


def matching_ids(project: Project, terms: Iterable[AnnotationTerm]) -> set[int]:
    """Entries every term holds for."""
    out: set[int] | None = None
    with project.read() as conn:
        for term in terms:
            ids = _term_entries(conn, term)
            out = ids if out is None else out & ids
            if not out:
                return set()
    return out or set()


def find_entries(project: Project, text: str) -> list[int]:
    """The window's search box: entries matching the text part (index and tags, as
    :func:`~app.storage.search_places.matching_entries`) and every annotation term, in
    reading order."""
    rest, terms = split_query(text)
    if not terms:
        return matching_entries(project, text)
    wanted = matching_ids(project, terms)
    if not wanted:
        return []
    if rest.strip():
        return [eid for eid in matching_entries(project, rest) if eid in wanted]
    order = project.conn.execute("SELECT id FROM entry ORDER BY source_id, seq")
    return [eid for (eid,) in order if eid in wanted]


def _annotation_hits(project: Project, terms, ids: list[int]) -> list[text_search.Hit]:
    """Result lines for an annotation-only search: the title, and the first annotation
    the first term found, in its context."""
    term = terms[0]
    # One JSON parameter however many ids (one placeholder each overran SQLite's limit).
    marks = "SELECT value FROM json_each(?)"
    wanted = json.dumps(ids)
    hits: dict[int, text_search.Hit] = {}
    named_ids: set[int] = set()  # a hit quoting the value wins over a record's other name
    with project.read() as conn:
        titles = dict(conn.execute(f"SELECT id, title FROM entry WHERE id IN ({marks})", (wanted,)))
        for tid, field, exact, prefix, suffix in conn.execute(
            "SELECT target_id, field, exact, prefix, suffix FROM annotation"
            f" WHERE target_kind = 'entry' AND kind = ? AND target_id IN ({marks})"
            " ORDER BY target_id, field = 'body', start",
            (term.kind, wanted),
        ):
            named = term.value in shadow(exact)
            if tid not in hits or (named and tid not in named_ids):
                segments = ((prefix, False), (exact, True), (suffix, False))
                hits[tid] = text_search.Hit(
                    tid, titles.get(tid, ""), "", 1.0, tuple(s for s in segments if s[0]), field
                )
                if named:
                    named_ids.add(tid)
    return [hits.get(eid) or text_search.Hit(eid, titles.get(eid, ""), "", 1.0) for eid in ids]


def search(
    project: Project,
    query: str,
    *,
    limit: int = 50,
    offset: int = 0,
    **filters,
) -> text_search.SearchResult:
    """:func:`app.storage.search.search` with annotation terms: the text part is searched
    among the entries the terms name; with no text, those entries in reading order."""
    rest, terms = split_query(query)
    if not terms:
        return text_search.search(project, query, limit=limit, offset=offset, **filters)
    wanted = matching_ids(project, terms)
    if rest.strip():
        if not wanted:
            return text_search.SearchResult([], 0)
        return text_search.search(
            project, rest, limit=limit, offset=offset, within=sorted(wanted), **filters
        )
    # Only annotation terms: the other filters apply through the same SQL as a search.
    ids = text_search.filtered_ids(project, sorted(wanted), **filters)
    page = ids[max(0, offset) : max(0, offset) + max(0, limit)]
    return text_search.SearchResult(
        _annotation_hits(project, terms, page) if page else [], len(ids), ranked=False
    )
