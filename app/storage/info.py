"""Project overview figures and source verification."""

from __future__ import annotations

import hashlib

from .db import Project


def pending_by_rule(project: Project) -> dict[str, int]:
    """Pending suggestions by stored code: OCR rules, suggested tags and photo links."""
    pending: dict[str, int] = {}
    for rule, n in project.conn.execute(
        "SELECT rule, sum(n) FROM pending_total GROUP BY rule"
        " UNION ALL SELECT rule, count(*) FROM tag_suggestion WHERE status = 'pending'"
        " GROUP BY rule"
        " UNION ALL SELECT 'LINK001', count(*) FROM link_suggestion WHERE status = 'pending'"
        " HAVING count(*) > 0"
    ):
        pending[rule] = pending.get(rule, 0) + n
    return dict(sorted(pending.items()))


def project_info(project: Project) -> dict:
    q = project.scalar
    sources = project.query(
        "SELECT id, file_name, encoding, bom, size, sha256, imported_at FROM source ORDER BY id"
    )
    missing = project.query(
        "SELECT id, path, file_status, file_problem FROM photo WHERE file_status != 'ok' ORDER BY id"
    )
    by_rule = pending_by_rule(project)
    return {
        "database": str(project.path.resolve()),
        "sources": sources,
        "entries": q("SELECT count(*) FROM entry"),
        "reviewed": q("SELECT count(*) FROM entry WHERE status = 'reviewed'"),
        "photos": q("SELECT count(*) FROM photo"),
        "missing_photos": missing,
        "unconfirmed_links": q(
            "SELECT count(DISTINCT photo_id) FROM photo_link WHERE confirmed = 0"
        ),
        "people": q("SELECT count(*) FROM person WHERE merged_into IS NULL"),
        "pending": sum(by_rule.values()),
        "pending_by_rule": by_rule,
        "revisions": q("SELECT count(*) FROM revision"),
        "entries_without_attribution": q(
            "SELECT count(*) FROM entry WHERE id NOT IN (SELECT entry_id FROM attribution"
            " WHERE entry_id IS NOT NULL)"
        ),
    }


def verify_sources(project: Project) -> list[str]:
    """Each stored source still hashes to the SHA-256 recorded at import."""
    problems = []
    for sid, raw, sha in project.conn.execute("SELECT id, raw, sha256 FROM source"):
        if hashlib.sha256(raw).hexdigest() != sha:
            problems.append(f"source {sid}: stored bytes no longer match their SHA-256")
    return problems
