"""The review queue's numbers and the entries behind each of them.

One source of truth: :func:`pending_counts` is what the Overview, the status bar and
the filter lists show as "pending", and :func:`entries_for` gives, for every count the
Overview shows, the entries the archivist gets when clicking it — so a count and its
list cannot disagree.

Three kinds of proposals wait for a decision and are counted apart, never summed under
one word: text suggestions (the OCR rules, in ``suggestion``), suggested tags and
suggested photo links.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field

from app.domain.linking import LINK_RULE
from app.domain.tagging import DISTRICT_RULE, ORGANISATION_RULE

from .db import Project, ProjectError

TAG_RULES = (DISTRICT_RULE, ORGANISATION_RULE)

_ENTRY_KINDS = ("entry", "entry_tags", "entry_status", "entry_note", "entry_authors")
_PHOTO_KINDS = ("photo", "photo_note", "photo_link", "photo_photographers")


@dataclass(frozen=True)
class PendingCounts:
    text: int  # pending text suggestions, everywhere (what the status bar says)
    by_rule: dict[str, int] = field(default_factory=dict)  # text suggestions; sums to text
    by_safety: dict[str, int] = field(default_factory=dict)  # sums to text
    outside_entries: int = 0  # in blocks no entry shows (a fragment, an unlinked photo)
    tags: dict[str, int] = field(default_factory=dict)  # suggested tags, by rule
    links: int = 0  # suggested photo links


def pending_text(project: Project) -> int:
    """Pending text suggestions, everywhere: ``pending_counts(project).text``, cheaply
    (the status bar reads it after every change): the sum of ``pending_total``, a row
    per rule and safety that the triggers of migration 0013 keep up to date."""
    return project.scalar("SELECT coalesce(sum(n), 0) FROM pending_total")


def pending_counts(project: Project) -> PendingCounts:
    """Every pending proposal, counted once (one read transaction)."""
    with project.read() as conn:
        by_rule = dict(
            conn.execute(
                "SELECT rule, sum(n) FROM pending_total GROUP BY rule ORDER BY rule"
            ).fetchall()
        )
        by_safety = dict(
            conn.execute(
                "SELECT safety, sum(n) FROM pending_total GROUP BY safety ORDER BY safety"
            ).fetchall()
        )
        outside = conn.execute(
            "SELECT coalesce(sum(n), 0) FROM pending_target WHERE NOT ("
            " target_kind = 'entry' OR (target_kind = 'photo'"
            " AND target_id IN (SELECT photo_id FROM photo_link)))"
        ).fetchone()[0]
        tags = dict(
            conn.execute(
                "SELECT rule, count(*) FROM tag_suggestion WHERE status = 'pending'"
                " GROUP BY rule ORDER BY rule"
            ).fetchall()
        )
        links = conn.execute(
            "SELECT count(*) FROM link_suggestion WHERE status = 'pending'"
        ).fetchone()[0]
    return PendingCounts(sum(by_rule.values()), by_rule, by_safety, outside, tags, links)


# -- the entries behind a count ----------------------------------------------------------

#: Pending text suggestions at the level of their targets: rows, and packs (migration
#: 0015; a pack holds pending ones of one target, field, rule and safety).
PENDING_TARGETS = (
    "SELECT target_kind, target_id, rule, safety FROM suggestion_row WHERE status = 'pending'"
    " UNION ALL SELECT target_kind, target_id, rule, safety FROM suggestion_pack"
)

_PENDING_IN = (
    "SELECT target_id FROM suggestion_row WHERE status = 'pending' AND target_kind = 'entry'"
    " {and_} UNION SELECT target_id FROM suggestion_pack WHERE target_kind = 'entry' {and_}"
    " UNION SELECT l.entry_id FROM (" + PENDING_TARGETS + ") s JOIN photo_link l"
    " ON l.photo_id = s.target_id WHERE s.target_kind = 'photo' {and_s}"
)

#: The entries with a pending text suggestion in them or in a linked photo's caption
#: (read from the counts of migration 0013, not from the suggestions).
PENDING_ENTRIES = (
    "SELECT target_id FROM pending_target WHERE target_kind = 'entry'"
    " UNION SELECT l.entry_id FROM pending_target p JOIN photo_link l ON l.photo_id ="
    " p.target_id WHERE p.target_kind = 'photo'"
)

#: Every filter :func:`entries_for` knows, with whether it takes a value.
FILTERS = {
    "rule": True,  # pending suggestions of this rule (text, tag or link rule)
    "safety": True,  # pending text suggestions of this safety (safe, unsafe)
    "unconfirmed_photos": False,  # a linked photo whose link is not confirmed
    "with_photos": False,
    "no_author": False,
    "photo_without_photographer": False,  # a linked photo without a photographer
    "changed_since": True,  # a revision of the entry or its photos at or after a date
}


def entries_for(project: Project, kind: str, value: str | None = None) -> set[int]:
    """The entries one filter of the review queue selects (see :data:`FILTERS`)."""
    if kind not in FILTERS:
        raise ProjectError(f"no such filter: {kind}")
    if FILTERS[kind] and not value:
        raise ProjectError(f"the filter {kind} needs a value")
    conn = project.conn
    if kind == "rule":
        if value in TAG_RULES:
            sql = "SELECT entry_id FROM tag_suggestion WHERE status = 'pending' AND rule = ?"
            return {r[0] for r in conn.execute(sql, (value,))}
        if value == LINK_RULE:
            sql = "SELECT entry_id FROM link_suggestion WHERE status = 'pending'"
            return {r[0] for r in conn.execute(sql)}
        sql = _PENDING_IN.format(and_="AND rule = ?", and_s="AND s.rule = ?")
        return {r[0] for r in conn.execute(sql, (value, value, value))}
    if kind == "safety":
        sql = _PENDING_IN.format(and_="AND safety = ?", and_s="AND s.safety = ?")
        return {r[0] for r in conn.execute(sql, (value, value, value))}
    if kind == "unconfirmed_photos":
        return {r[0] for r in conn.execute("SELECT entry_id FROM photo_link WHERE confirmed = 0")}
    if kind == "with_photos":
        return {r[0] for r in conn.execute("SELECT entry_id FROM photo_link")}
    if kind == "no_author":
        return {
            r[0]
            for r in conn.execute(
                "SELECT id FROM entry WHERE id NOT IN"
                " (SELECT entry_id FROM attribution WHERE entry_id IS NOT NULL)"
            )
        }
    if kind == "photo_without_photographer":
        return {
            r[0]
            for r in conn.execute(
                "SELECT entry_id FROM photo_link WHERE photo_id NOT IN"
                " (SELECT photo_id FROM attribution WHERE photo_id IS NOT NULL)"
            )
        }
    # changed_since: a date (2026-12-01) or a moment (2026-12-01T10:00:00Z), in UTC
    entry_kinds = ", ".join("?" * len(_ENTRY_KINDS))
    photo_kinds = ", ".join("?" * len(_PHOTO_KINDS))
    return {
        r[0]
        for r in conn.execute(
            f"SELECT target_id FROM revision WHERE at >= ? AND target_kind IN ({entry_kinds})"
            " UNION SELECT l.entry_id FROM revision r JOIN photo_link l ON l.photo_id ="
            f" r.target_id WHERE r.at >= ? AND r.target_kind IN ({photo_kinds})",
            (value, *_ENTRY_KINDS, value, *_PHOTO_KINDS),
        )
    }


def review_condition(kind: str, value: str | None = None) -> tuple[str, list]:
    """:func:`entries_for` as an SQL condition on the entry ``e`` (and its parameters),
    checked for that one entry by index seeks (no list of every entry it selects is
    read first), so that the entry list can show its first page of a filter most
    entries pass at once. Agrees with :func:`entries_for` on every kind
    (tests/storage/test_review_condition.py)."""
    if kind not in FILTERS:
        raise ProjectError(f"no such filter: {kind}")
    if FILTERS[kind] and not value:
        raise ProjectError(f"the filter {kind} needs a value")
    if kind == "rule" and value in TAG_RULES:
        return (
            "EXISTS (SELECT 1 FROM tag_suggestion ts WHERE ts.entry_id = e.id"
            " AND ts.status = 'pending' AND ts.rule = ?)",
            [value],
        )
    if kind == "rule" and value == LINK_RULE:  # no index by entry: a set, read once
        return "+e.id IN (SELECT entry_id FROM link_suggestion WHERE status = 'pending')", []
    if kind in ("rule", "safety"):
        col = kind
        here = (
            "EXISTS (SELECT 1 FROM suggestion_row s WHERE s.target_kind = 'entry'"
            f" AND s.target_id = e.id AND s.status = 'pending' AND s.{col} = ?)"
            " OR EXISTS (SELECT 1 FROM suggestion_pack s WHERE s.target_kind = 'entry'"
            f" AND s.target_id = e.id AND s.{col} = ?)"
        )
        photos = (
            "EXISTS (SELECT 1 FROM photo_link l CROSS JOIN suggestion_row s"
            " ON s.target_kind = 'photo' AND s.target_id = l.photo_id"
            f" WHERE l.entry_id = e.id AND s.status = 'pending' AND s.{col} = ?)"
            " OR EXISTS (SELECT 1 FROM photo_link l CROSS JOIN suggestion_pack s"
            " ON s.target_kind = 'photo' AND s.target_id = l.photo_id"
            f" WHERE l.entry_id = e.id AND s.{col} = ?)"
        )
        return f"({here} OR {photos})", [value] * 4
    if kind == "unconfirmed_photos":
        return (
            "EXISTS (SELECT 1 FROM photo_link l WHERE l.entry_id = e.id AND l.confirmed = 0)",
            [],
        )
    if kind == "with_photos":
        return "EXISTS (SELECT 1 FROM photo_link l WHERE l.entry_id = e.id)", []
    if kind == "no_author":
        return "NOT EXISTS (SELECT 1 FROM attribution a WHERE a.entry_id = e.id)", []
    if kind == "photo_without_photographer":
        return (
            "EXISTS (SELECT 1 FROM photo_link l WHERE l.entry_id = e.id AND NOT EXISTS"
            " (SELECT 1 FROM attribution a WHERE a.photo_id = l.photo_id))",
            [],
        )
    entry_kinds = ", ".join("?" * len(_ENTRY_KINDS))
    photo_kinds = ", ".join("?" * len(_PHOTO_KINDS))
    return (
        f"(EXISTS (SELECT 1 FROM revision r WHERE r.target_kind IN ({entry_kinds})"
        " AND r.target_id = e.id AND r.at >= ?) OR EXISTS (SELECT 1 FROM photo_link l"
        f" CROSS JOIN revision r ON r.target_kind IN ({photo_kinds})"
        " AND r.target_id = l.photo_id WHERE l.entry_id = e.id AND r.at >= ?))",
        [*_ENTRY_KINDS, value, *_PHOTO_KINDS, value],
    )


# -- the counts kept by the triggers of migration 0013 -----------------------------------

_RECOUNT = {
    "pending_target": (
        ("target_kind", "target_id"),
        "SELECT target_kind, target_id, count(*) FROM suggestion WHERE status = 'pending'"
        " GROUP BY target_kind, target_id",
    ),
    "pending_total": (
        ("rule", "safety"),
        "SELECT rule, safety, count(*) FROM suggestion WHERE status = 'pending'"
        " GROUP BY rule, safety",
    ),
}


def recount_pending(conn: sqlite3.Connection, *, repair: bool = False) -> list[str]:
    """Compare the kept pending counts with a count of the suggestions themselves; each
    difference as a sentence (empty when they agree). ``repair`` (inside a write
    transaction) writes the recounted figures in place of the kept ones."""
    problems: list[str] = []
    for table, (key, recount) in _RECOUNT.items():
        kept = {
            (r[0], r[1]): r[2] for r in conn.execute(f"SELECT {', '.join(key)}, n FROM {table}")
        }
        actual = {(r[0], r[1]): r[2] for r in conn.execute(recount)}
        wrong = [
            f"{table} {k[0]} {k[1]}: kept {kept.get(k, 0)}, counted {actual.get(k, 0)}"
            for k in sorted(kept.keys() | actual.keys())
            if kept.get(k, 0) != actual.get(k, 0)
        ]
        if repair and wrong:
            conn.execute(f"DELETE FROM {table}")
            conn.executemany(
                f"INSERT INTO {table} VALUES (?, ?, ?)", [(*k, n) for k, n in actual.items()]
            )
        problems += wrong
    return problems
