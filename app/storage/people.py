"""Person records: one row per person, found again by any of their names."""

from __future__ import annotations

import sqlite3


class PersonIndex:
    """Name → person id within one write transaction, creating people as needed.

    The same printed name is the same person by default (沈永明 who wrote two entries
    is one person); homonyms are separated later by the archivist.
    """

    def __init__(self, conn: sqlite3.Connection, stamp: str):
        self.conn = conn
        self.stamp = stamp
        self.ids: dict[str, int] = {}
        for pid, name in conn.execute(
            "SELECT id, name FROM person WHERE merged_into IS NULL ORDER BY id DESC"
        ):
            self.ids[name] = pid
        for pid, variant in conn.execute(
            "SELECT v.person_id, v.variant FROM person_variant v JOIN person p ON p.id = v.person_id"
            " WHERE p.merged_into IS NULL"
        ):
            self.ids.setdefault(variant, pid)

    def get(self, name: str) -> int:
        pid = self.ids.get(name)
        if pid is None:
            cur = self.conn.execute(
                "INSERT INTO person (name, created_at) VALUES (?, ?)", (name, self.stamp)
            )
            pid = cur.lastrowid
            self.ids[name] = pid
        return pid
