"""Accepting suggestions of every kind by id, as one batch: OCR fixes are edits
(:func:`app.storage.editing.accept`), structure suggestions the structure change they
propose — STR003 a heading (:mod:`app.storage.restructure`), STR004 a split entry
(:mod:`app.storage.splitting`), STR005 a merge with the next entry
(:mod:`app.storage.merging`). A structure suggestion is display-only, so a bulk accept
(``--safe``, a rule) never takes one: it is accepted by id, one by one.
"""

from __future__ import annotations

from collections.abc import Iterable

from .db import Project, ProjectError, current_user
from .editing import accept as accept_fixes
from .merging import accept_merge_suggestion
from .restructure import STRUCTURE_RULES, accept_structure_suggestion
from .revisions import Batch
from .splitting import accept_split_suggestion
from .suggestions import Progress, list_suggestions


def accept(
    project: Project,
    ids: Iterable[int],
    *,
    who: str | None = None,
    progress: Progress | None = None,
    label: str = "",
) -> tuple[int | None, list[str]]:
    """Accept suggestions (all or nothing for the OCR fixes; a structure change that is
    refused is reported and changes nothing). Returns (batch id or None, problems)."""
    who = who or current_user()
    id_list = sorted({int(i) for i in ids})
    with project.write():
        found = list_suggestions(project, ids=id_list) if id_list else []
        structural = [s.id for s in found if s.rule in STRUCTURE_RULES and s.status == "pending"]
        rest = [i for i in id_list if i not in set(structural)]
        batch_id, problems = accept_fixes(project, rest, who=who, progress=progress, label=label)
        if not structural:
            return batch_id, problems
        batch = Batch(project, "accept", label or f"accept {len(id_list)} suggestion(s)", who,
                      batch_id)  # fmt: skip
        if batch_id is not None:
            batch.used = True
        for sid in structural:
            rule = next(s.rule for s in found if s.id == sid)
            fresh = not batch.used
            try:
                with project.write():  # a savepoint: a refused change leaves nothing
                    if rule == "STR004":
                        accept_split_suggestion(project, sid, who=who, batch_id=batch.id)
                    elif rule == "STR005":
                        accept_merge_suggestion(project, sid, who=who, batch_id=batch.id)
                    else:
                        accept_structure_suggestion(project, sid, who=who, batch_id=batch.id)
            except ProjectError as exc:  # reported; the savepoint rolled it back
                problems.append(f"suggestion {sid}: {exc}")
                if fresh:  # the batch made for it went with the savepoint
                    batch = Batch(project, "accept", batch.label, who)
        return batch.result, problems
