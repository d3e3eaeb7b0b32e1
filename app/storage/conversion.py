"""Converting the stored text between scripts (简 ↔ 繁) as a recorded, revertible change.

The 简/繁 view converts what is shown; this module is for when the archivist asks for the
stored text itself to change. Every changed field is one revision (cause
``convert:<config>``), all in one batch and one transaction, so the whole conversion is
reverted with :func:`app.storage.history.revert_batch` and a cancelled one leaves
nothing behind. People's names (every preferred name and variant) pass through unchanged.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from app.domain.convert import CONFIGS, make_converter

from .db import Project, ProjectError, current_user
from .editing import edit_field
from .revisions import Batch
from .suggestions import Cancelled

Progress = Callable[[int, int], bool]


def protected_names(project: Project) -> list[str]:
    """Every name a person is known by; a conversion never changes them."""
    return [
        r[0]
        for r in project.conn.execute(
            "SELECT name FROM person UNION SELECT variant FROM person_variant"
        )
        if r[0]
    ]


def _targets(project: Project, entry_ids: list[int] | None) -> list[tuple[str, int, str]]:
    """(kind, id, field) to convert: titles and bodies, then the captions of the photos."""
    conn = project.conn
    if entry_ids is None:
        entries = [r[0] for r in conn.execute("SELECT id FROM entry ORDER BY source_id, seq")]
        photos = [r[0] for r in conn.execute("SELECT id FROM photo ORDER BY source_id, seq")]
    else:
        entries = list(dict.fromkeys(entry_ids))
        for eid in entries:
            if conn.execute("SELECT 1 FROM entry WHERE id = ?", (eid,)).fetchone() is None:
                raise ProjectError(f"no entry {eid}")
        photos = []
        for eid in entries:
            for (pid,) in conn.execute(
                "SELECT l.photo_id FROM photo_link l JOIN photo p ON p.id = l.photo_id"
                " WHERE l.entry_id = ? ORDER BY p.source_id, p.seq",
                (eid,),
            ):
                if pid not in photos:
                    photos.append(pid)
    out = [("entry", e, f) for e in entries for f in ("title", "body")]
    out += [("photo", p, "caption") for p in photos]
    return out


def convert_entries(
    project: Project,
    config: str,
    entry_ids: Iterable[int] | None = None,
    who: str | None = None,
    progress: Progress | None = None,
) -> int | None:
    """Convert the stored title and body of entries (all when ``entry_ids`` is None) and
    the captions of their photos with OpenCC ``config``; the batch id, or None when no
    text changed.

    ``progress(done, total)`` is called as fields are converted; returning False cancels
    and raises :class:`~app.storage.suggestions.Cancelled` with nothing changed.
    """
    if config not in CONFIGS:
        raise ProjectError(
            f"unknown conversion config {config!r}; choose one of {', '.join(CONFIGS)}"
        )
    who = who or current_user()
    ids = None if entry_ids is None else list(entry_ids)
    cause = f"convert:{config}"
    with project.write() as conn:
        converter = make_converter(config, protect=protected_names(project))
        targets = _targets(project, ids)
        total = len(targets)
        scope = "the corpus" if ids is None else f"{len(ids)} entries"
        batch = Batch(project, "convert", f"convert {scope} ({config})", who)
        if progress is not None and progress(0, total) is False:
            raise Cancelled("conversion cancelled")
        for done, (kind, target_id, field) in enumerate(targets, start=1):
            (text,) = conn.execute(
                f"SELECT {field} FROM {kind} WHERE id = ?", (target_id,)
            ).fetchone()
            new = converter(text or "")
            if new != (text or ""):
                edit_field(
                    project, kind, target_id, field, new, cause=cause, who=who, batch_id=batch.id
                )
            if progress is not None and (done % 20 == 0 or done == total):
                if progress(done, total) is False:
                    raise Cancelled("conversion cancelled")
        return batch.result
