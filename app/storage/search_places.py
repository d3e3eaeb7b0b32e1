"""Where a search matched: for each entry found, which of its fields hold the words
(title, body, a photo caption, an author or photographer, a tag, a note) and a snippet
of the first one — for the navigator's result lines and the editor's hit marks.

The index (:mod:`app.storage.search`) says *which* entries match; this module reads the
few entries on screen again and finds the words in each field with the same folding
(either script), so what it shows is what the index matched. Tags are not in the index;
:func:`matching_entries` adds entries whose tags hold a word.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from app.domain.search_text import Segment, parse_query, shadow, snippet_segments

from .db import Project
from .search import search_entry_ids

# The order fields are named in; the snippet comes from the first of SNIPPET_ORDER that
# matched (the title is on the result line already, so it comes last).
FIELDS = ("title", "body", "caption", "author", "photographer", "tag", "note")
SNIPPET_ORDER = ("body", "caption", "author", "photographer", "tag", "note", "title")


@dataclass(frozen=True)
class Place:
    """Where one entry matched: ``fields`` in :data:`FIELDS` order; ``snippet_field``
    is the one the snippet comes from (``photo_id`` set when that is a photo's)."""

    entry_id: int
    fields: tuple[str, ...]
    segments: tuple[Segment, ...]
    snippet_field: str = ""
    photo_id: int | None = None

    @property
    def only_photo(self) -> bool:
        """Matched through a photo (caption, photographer, photo note), not the text."""
        return bool(self.fields) and not {"title", "body"} & set(self.fields)


def search_terms(text: str) -> tuple[str, ...]:
    """The folded words of a search (what :func:`app.domain.search_text.find_hits` takes)."""
    return parse_query(text).terms


def _tag_entries(project: Project, terms: tuple[str, ...]) -> dict[str, set[int]]:
    """Per term: entries with a tag whose path holds it (folded, so either script)."""
    out: dict[str, set[int]] = {t: set() for t in terms}
    if not terms:
        return out
    for path, entry_id in project.conn.execute(
        "SELECT t.path, et.entry_id FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
    ):
        folded = shadow(path)
        for t in terms:
            if t in folded:
                out[t].add(entry_id)
    return out


def matching_entries(project: Project, text: str) -> list[int]:
    """Entries holding every word of ``text`` in their indexed text or their tags, in
    reading order (the navigator's search filter)."""
    words = text.split()
    terms = search_terms(text)
    if not terms:
        return []
    tagged = _tag_entries(project, tuple(shadow(w) for w in words if shadow(w)))
    if not any(tagged.values()):
        return search_entry_ids(project, text)
    wanted: set[int] | None = None
    for word in words:
        folded = shadow(word)
        if not folded:
            continue
        ids = set(search_entry_ids(project, word)) | tagged.get(folded, set())
        wanted = ids if wanted is None else wanted & ids
    if not wanted:
        return []
    order = project.conn.execute("SELECT id FROM entry ORDER BY source_id, seq")
    return [eid for (eid,) in order if eid in wanted]


def places(project: Project, text: str, entry_ids: list[int], width: int = 40) -> dict[int, Place]:
    """Where each of ``entry_ids`` matched ``text`` (a few queries for the lot: call it
    for the rows on screen, not for every hit of a large corpus)."""
    terms = search_terms(text)
    ids = [int(e) for e in entry_ids]
    if not terms or not ids:
        return {}
    marks = ", ".join("?" * len(ids))
    pieces: dict[int, list[tuple[str, str, int | None]]] = defaultdict(list)
    with project.read() as conn:
        entries = {
            eid: (title, body, note)
            for eid, title, body, note in conn.execute(
                f"SELECT id, title, body, note FROM entry WHERE id IN ({marks})", ids
            )
        }
        for eid, (title, body, note) in entries.items():
            pieces[eid] += [("title", title or "", None), ("body", body or "", None)]
            if note:
                pieces[eid].append(("note", note, None))
        for eid, pid, caption, note in conn.execute(
            "SELECT l.entry_id, p.id, p.caption, p.note FROM photo_link l"
            f" JOIN photo p ON p.id = l.photo_id WHERE l.entry_id IN ({marks})"
            " ORDER BY p.source_id, p.seq",
            ids,
        ):
            pieces[eid].append(("caption", caption or "", pid))
            if note:
                pieces[eid].append(("note", note, pid))
        # the entries' authors, then their linked photos' photographers (two index
        # reads: one statement with an OR between them scanned every attribution)
        people = conn.execute(
            "SELECT a.entry_id, a.photo_id, pe.name, a.position, a.id FROM attribution a"
            f" JOIN person pe ON pe.id = a.person_id WHERE a.entry_id IN ({marks})",
            ids,
        ).fetchall()
        people += conn.execute(
            "SELECT l.entry_id, a.photo_id, pe.name, a.position, a.id FROM photo_link l"
            " JOIN attribution a ON a.photo_id = l.photo_id"
            f" JOIN person pe ON pe.id = a.person_id WHERE l.entry_id IN ({marks})",
            ids,
        ).fetchall()
        people.sort(key=lambda r: (r[3], r[4]))
        for eid, pid, name, _position, _id in people:
            pieces[eid].append(("photographer" if pid else "author", name, pid))
        for eid, path in conn.execute(
            "SELECT et.entry_id, t.path FROM entry_tag et JOIN tag t ON t.id = et.tag_id"
            f" WHERE et.entry_id IN ({marks}) ORDER BY t.path",
            ids,
        ):
            pieces[eid].append(("tag", path, None))
    out: dict[int, Place] = {}
    rank = {f: i for i, f in enumerate(SNIPPET_ORDER)}
    for eid in ids:
        # a field holds a word when its shadow (str.translate) does, as find_hits says;
        # only the snippet's field is mapped back character by character
        found = [
            (f, t, p) for f, t, p in pieces.get(eid, []) if any(w in shadow(t) for w in terms if w)
        ]
        if not found:
            continue
        named = {f for f, _t, _p in found}
        fields = tuple(f for f in FIELDS if f in named)
        found.sort(key=lambda x: rank[x[0]])  # stable: the first caption stays first
        field, text, photo = found[0]
        out[eid] = Place(eid, fields, snippet_segments(text, terms, width), field, photo)
    return out
