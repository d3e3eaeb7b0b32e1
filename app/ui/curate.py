"""Curation in the main window: tags, attributions, photo links, notes, stored-text
conversion and the Tools dialogs. Every change is an undo command whose redo/undo only
call storage functions (undo reverts the revision or batch the change wrote)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QTimer

from app.storage import attributions as attr
from app.storage import links, status, tag_suggestions, tags
from app.storage.db import ProjectError
from app.storage.revisions import Batch, ConflictError
from app.storage.views import entry_choices, entry_photos, find_entries

from .commands import Change, ChangeCommand
from .text import error

if TYPE_CHECKING:
    from .mainwindow import MainWindow


# -- plumbing ---------------------------------------------------------------------------


def connect(w: MainWindow) -> None:
    """Wire the editor's tag row and author line, the photo panel and the navigator."""
    row = w.editor.tags
    row.complete = lambda text: tags.complete_tags(w.project, text) if w.project else []
    row.addRequested.connect(lambda paths: add_tags(w, paths))
    row.removeRequested.connect(lambda path: remove_tag(w, path))
    row.acceptRequested.connect(lambda ids: accept_tag_suggestion(w, ids))
    row.dismissRequested.connect(lambda ids: dismiss_tag_suggestion(w, ids))
    w.editor.editAuthorsRequested.connect(lambda: edit_authors(w))
    w.editor.note.noteEdited.connect(lambda text, was: save_entry_note(w, text, was))
    p = w.photos
    p.editPhotographersRequested.connect(lambda pid: edit_photographers(w, pid))
    p.confirmRequested.connect(lambda pid: confirm_link(w, pid))
    p.relinkRequested.connect(lambda pid: choose_relink(w, pid))
    p.unlinkRequested.connect(lambda pid: unlink(w, pid))
    p.noteEdited.connect(lambda pid, text, was: save_photo_note(w, pid, text, was))
    w.list_view.photoDropped.connect(lambda pid, eid: relink(w, pid, eid))


def failed(w: MainWindow, exc: ProjectError) -> None:
    QTimer.singleShot(
        0, lambda: error(w, QCoreApplication.translate("Curation", "Not changed"), str(exc))
    )


def push(
    w: MainWindow,
    label: str,
    action: Callable[[], Change | None],
    entry_id: int | None = None,
    after: Callable[[int | None], None] | None = None,
) -> None:
    """Run ``action`` as an undo step; the window is refreshed after it (and after undo)."""
    if w.project is None:
        return
    w.save_now()
    refresh = after or (lambda eid: after_change(w, eid))
    outcome: list[Change | None] = []

    def run() -> Change | None:
        outcome.append(action())
        return outcome[-1]

    w.undo_stack.push(
        ChangeCommand(w.project, label, entry_id, run, refresh, lambda e: failed(w, e))
    )
    if not outcome or outcome[-1] is None:  # nothing recorded: the command did not refresh
        refresh(entry_id)


def after_change(w: MainWindow, entry_id: int | None) -> None:
    """Show what a curation change did: the entry, its photos, tags, the tag filter."""
    if w.project is None or w.closed:
        return
    fill_tag_filter(w)
    if entry_id is not None and entry_id != w.entry_id:
        entry = w.model.entry(entry_id)
        if entry is not None:
            from app.storage.views import entry_row

            w.model.update_row(entry_row(w.project, entry_id, entry.number))
    current = w.entry_id
    if current is None:
        return
    w.reload_entry(current)
    entry = w.model.entry(current)
    if entry is not None:
        from app.storage.views import entry_detail, entry_row

        w.model.update_row(entry_row(w.project, current, entry.number))
        detail = entry_detail(w.project, current)
        w.editor.detail = detail
        w.editor.authors.setText(
            w.editor.tr("Author: %1").replace("%1", "、".join(detail.authors))
            if detail.authors
            else w.editor.tr("No author")
        )
        w.editor.note.load(detail.note)
    index = w.photos.index
    w.photos.set_photos(entry_photos(w.project, current))
    if 0 <= index < len(w.photos.photos):
        w.photos.show_photo(index)
    show_tags(w)


def project_changed(w: MainWindow) -> None:
    if w.project is not None:
        fill_tag_filter(w)
    elif hasattr(w, "tag_filter"):
        from .navigator import fill_tag_filter as fill

        fill(w, [])


def fill_tag_filter(w: MainWindow) -> None:
    from .navigator import fill_tag_filter as fill

    if w.project is not None:
        fill(w, [(t.path, t.entries_below) for t in tags.list_tags(w.project)])


def selected_entry_ids(w: MainWindow) -> list[int]:
    """The entries selected in the navigator (the current one when it is outside them)."""
    rows = sorted({i.row() for i in w.list_view.selectionModel().selectedRows()})
    ids = [eid for eid in (w.model.entry_id(r) for r in rows) if eid is not None]
    if w.entry_id is not None and w.entry_id not in ids:
        return [w.entry_id]
    return ids


# -- tags -------------------------------------------------------------------------------


def show_tags(w: MainWindow) -> None:
    if w.project is None or w.entry_id is None:
        w.editor.tags.set_tags([])
        return
    colours = {t.path: t.color for t in tags.list_tags(w.project)}
    have = tags.entry_tags(w.project, w.entry_id)
    pending = tag_suggestions.list_tag_suggestions(w.project, entry_id=w.entry_id)
    grouped: dict[str, tuple[list[int], list[str]]] = {}
    for s in pending:
        ids, why = grouped.setdefault(s.path, ([], []))
        ids.append(s.id)
        if s.evidence not in why:
            why.append(s.evidence)
    w.editor.tags.set_tags(
        [(p, colours.get(p)) for p in have],
        [
            (
                ids,
                path,
                QCoreApplication.translate("Curation", "Suggested from the text: %1").replace(
                    "%1", "、".join(why)
                ),
            )
            for path, (ids, why) in grouped.items()
        ],
    )


def add_tags(w: MainWindow, paths: list[str]) -> None:
    ids = selected_entry_ids(w)
    if not ids or w.project is None:
        return
    project = w.project

    def action() -> Change | None:
        batch = tags.add_tags(project, ids, paths)
        return Change("batch", batch) if batch is not None else None

    label = (
        QCoreApplication.translate("Curation", "Tag %1 entries: %2")
        .replace("%1", str(len(ids)))
        .replace("%2", ", ".join(paths))
    )
    push(w, label, action, w.entry_id)
    _status(w, label)


def remove_tag(w: MainWindow, path: str) -> None:
    ids = selected_entry_ids(w)
    if not ids or w.project is None:
        return
    project = w.project

    def action() -> Change | None:
        batch = tags.remove_tags(project, ids, path)
        return Change("batch", batch) if batch is not None else None

    push(
        w,
        QCoreApplication.translate("Curation", "Remove tag %1").replace("%1", path),
        action,
        w.entry_id,
    )


def accept_tag_suggestion(w: MainWindow, ids: list[int]) -> None:
    project = w.project

    def action() -> Change | None:
        batch = tag_suggestions.accept_tag_suggestions(project, ids)
        return Change("batch", batch) if batch is not None else None

    push(w, QCoreApplication.translate("Curation", "Accept suggested tag"), action, w.entry_id)


def dismiss_tag_suggestion(w: MainWindow, ids: list[int]) -> None:
    """Dismissals are decisions, not revisions: remembered, not on the undo stack."""
    if w.project is None:
        return
    try:
        tag_suggestions.reject_tag_suggestions(w.project, ids)
    except ProjectError as exc:
        failed(w, exc)
    show_tags(w)


# -- attributions -----------------------------------------------------------------------


def edit_authors(w: MainWindow) -> None:
    if w.project is None or w.entry_id is None:
        return
    _edit_attributions(w, QCoreApplication.translate("Curation", "Authors"), entry_id=w.entry_id)


def edit_photographers(w: MainWindow, photo_id: int) -> None:
    if w.project is None:
        return
    _edit_attributions(
        w, QCoreApplication.translate("Curation", "Photographers"), photo_id=photo_id
    )


def _edit_attributions(w: MainWindow, title: str, **target) -> None:
    from .curation_dialogs import AttributionDialog

    current = [(a.id, a.name) for a in attr.attributions_of(w.project, **target)]
    dialog = AttributionDialog(title, current, w)
    try:
        if (w.run_dialog or _exec)(dialog):
            apply_attributions(w, dialog.result_edit.splits, dialog.result_edit.names, **target)
    finally:
        dialog.deleteLater()


def _exec(dialog) -> bool:
    return bool(dialog.exec())


def apply_attributions(w: MainWindow, splits, names: list[str], **target) -> None:
    """Split attributions, then make the list exactly ``names``: one undo step."""
    project = w.project
    w.undo_stack.beginMacro(QCoreApplication.translate("Curation", "Edit attributions"))
    try:
        for aid, parts in splits:

            def split(aid=aid, parts=parts) -> Change | None:
                batch = Batch(project, "attribution", f"split attribution {aid}", _who())
                attr.split_attribution(project, aid, parts, batch=batch)
                return Change("batch", batch.result) if batch.result is not None else None

            push(w, QCoreApplication.translate("Curation", "Split a name"), split, w.entry_id)

        def assign() -> Change | None:
            rid = attr.set_attributions(project, names, **target)
            return Change("revision", rid) if rid is not None else None

        push(w, QCoreApplication.translate("Curation", "Set the names"), assign, w.entry_id)
    finally:
        w.undo_stack.endMacro()


def _who() -> str:
    from app.storage.db import current_user

    return current_user()


# -- photo links ------------------------------------------------------------------------


def _revision(rid: int | None) -> Change | None:
    return Change("revision", rid) if rid is not None else None


def confirm_link(w: MainWindow, photo_id: int) -> None:
    project, entry_id = w.project, w.entry_id
    push(
        w,
        QCoreApplication.translate("Curation", "Confirm photo link"),
        lambda: _revision(links.confirm_link(project, photo_id, entry_id)),
        entry_id,
    )


def unlink(w: MainWindow, photo_id: int) -> None:
    project, entry_id = w.project, w.entry_id
    push(
        w,
        QCoreApplication.translate("Curation", "Unlink photo"),
        lambda: _revision(links.unlink(project, photo_id, entry_id)),
        entry_id,
    )


def relink(w: MainWindow, photo_id: int, entry_id: int) -> None:
    """The photo illustrates ``entry_id`` (and no other), confirmed."""
    if w.project is None:
        return
    project = w.project
    push(
        w,
        QCoreApplication.translate("Curation", "Relink photo"),
        lambda: _revision(links.relink(project, photo_id, entry_id)),
        entry_id,
    )
    _status(
        w,
        QCoreApplication.translate("Curation", "Photo linked to entry %1").replace(
            "%1", str(_number(w, entry_id))
        ),
    )


def _number(w: MainWindow, entry_id: int) -> int | str:
    entry = w.model.entry(entry_id)
    return entry.number if entry is not None else entry_id


def choose_relink(w: MainWindow, photo_id: int) -> None:
    from .curation_dialogs import RelinkDialog

    if w.project is None:
        return
    project = w.project
    ranked = links.rank_photo(project, photo_id)
    best = ranked.best
    choices = entry_choices(project)
    numbers = {eid: n for eid, n, _t in choices}
    if best is not None:
        reason = QCoreApplication.translate("Curation", "Suggested: entry %1 — %2").replace(
            "%1", str(numbers.get(best.entry_id))
        )
        reason = reason.replace("%2", best.explanation)
    else:
        reason = ranked.reason
    caption = project.scalar("SELECT caption FROM photo WHERE id = ?", (photo_id,)) or ""
    dialog = RelinkDialog(
        caption,
        choices,
        best.entry_id if best is not None else w.entry_id,
        reason,
        lambda text: find_entries(project, text),
        w,
    )
    try:
        if (w.run_dialog or _exec)(dialog) and dialog.chosen() is not None:
            relink(w, photo_id, dialog.chosen())
    finally:
        dialog.deleteLater()


# -- notes ------------------------------------------------------------------------------


def save_entry_note(w: MainWindow, text: str, expected: str) -> None:
    if w.project is None or w.entry_id is None:
        return
    project, entry_id = w.project, w.entry_id
    w.editor.note.loaded = text  # saved (or refused below): don't send it twice
    try:
        rid = status.set_entry_note(project, entry_id, text, expected=expected)
    except ConflictError as exc:
        w.editor.note.load(exc.current or "")
        failed(
            w,
            ProjectError(
                QCoreApplication.translate(
                    "Curation", "The note was changed in another window; theirs is shown now."
                )
                + "\n\n"
                + QCoreApplication.translate("Curation", "Your text:")
                + "\n"
                + text
            ),
        )
        return
    except ProjectError as exc:  # busy, disk full: not saved, so the next focus-out retries
        w.editor.note.loaded = expected
        failed(w, exc)
        return
    if rid is not None:
        _status(w, QCoreApplication.translate("Curation", "Note saved"))


def save_photo_note(w: MainWindow, photo_id: int, text: str, expected: str) -> None:
    if w.project is None:
        return
    from dataclasses import replace

    w.photos.note.loaded = text
    # The panel's record of the photo carries the note too (shown again on switching back).
    kept = w.photos.photos
    w.photos.photos = [replace(p, note=text) if p.id == photo_id else p for p in w.photos.photos]
    try:
        rid = status.set_photo_note(w.project, photo_id, text, expected=expected)
    except ConflictError as exc:
        w.photos.note.load(exc.current or "")
        w.photos.photos = [
            replace(p, note=exc.current or "") if p.id == photo_id else p for p in w.photos.photos
        ]
        failed(
            w,
            ProjectError(
                QCoreApplication.translate(
                    "Curation", "The note was changed in another window; theirs is shown now."
                )
            ),
        )
        return
    except ProjectError as exc:  # busy, disk full: not saved, so the next focus-out retries
        w.photos.note.loaded = expected
        w.photos.photos = kept
        failed(w, exc)
        return
    if rid is not None:
        _status(w, QCoreApplication.translate("Curation", "Note saved"))


def _status(w: MainWindow, text: str) -> None:
    w.statusBar().showMessage(text, 5000)
