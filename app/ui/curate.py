"""Curation in the main window: tags, attributions, photo links and notes.

Every change goes through :meth:`Session.run` (an undo step whose redo/undo only call
storage functions); the controller drives the editor's tag row and author line, the
photo panel and the navigator's drops, and never touches the window.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMessageBox, QWidget

from app.storage import attributions as attr
from app.storage import links, people, status, tag_suggestions, tags
from app.storage.db import ProjectError, current_user
from app.storage.display import entry_choices, find_entries
from app.storage.revisions import Batch, ConflictError, get_field

from .commands import Change
from .editor import EntryEditorWidget
from .navigator import NavigatorWidget
from .photos import PhotoPanelWidget
from .session import (
    ANNOTATIONS,
    AUTHORS,
    NOTE,
    PHOTOS,
    REJECTED,
    SUGGESTIONS,
    TAGS,
    VOCABULARY,
    Changed,
    Session,
)
from .text import message
from .unlinked import link_reason


class CurationController(QObject):
    def __init__(
        self,
        session: Session,
        editor: EntryEditorWidget,
        photos: PhotoPanelWidget,
        navigator: NavigatorWidget,
        parent: QWidget,
    ):
        super().__init__(parent)
        self.session, self.editor, self.photos, self.navigator = session, editor, photos, navigator
        self.parent = parent  # for dialogs
        row = editor.tags
        row.complete = lambda text: (
            tags.complete_tags(session.project, text) if session.project else []
        )
        row.addRequested.connect(self.add_tags)
        row.removeRequested.connect(self.remove_tag)
        row.acceptRequested.connect(self.accept_tag_suggestion)
        row.rejectRequested.connect(self.reject_tag_suggestion)
        editor.editAuthorsRequested.connect(self.edit_authors)
        editor.note.noteEdited.connect(self.save_entry_note)
        photos.editPhotographersRequested.connect(self.edit_photographers)
        photos.confirmRequested.connect(self.confirm_link)
        photos.relinkRequested.connect(self.choose_relink)
        photos.unlinkRequested.connect(self.unlink)
        photos.noteEdited.connect(self.save_photo_note)
        photos.suggested_link = self.suggested_link
        photos.acceptLinkRequested.connect(self.accept_link_suggestion)
        photos.dismissLinkRequested.connect(self.dismiss_link_suggestion)
        navigator.photoDropped.connect(self.relink)

    @property
    def project(self):
        return self.session.project

    def selected_entry_ids(self) -> list[int]:
        return self.navigator.selected_entry_ids(self.session.entry_id)

    def _several(self, ids: list[int], title: str, question: str) -> bool:
        """An action on more than the entry shown says how many and asks first."""
        if len(ids) <= 1:
            return True
        return self.session.confirm(self.parent, title, question.replace("%1", str(len(ids))))

    def _say(self, text: str) -> None:
        self.session.message.emit(text, 5000)

    # -- tags --------------------------------------------------------------------------
    def add_tags(self, paths: list[str]) -> None:
        ids = self.selected_entry_ids()
        if not ids or self.project is None:
            return
        project = self.project
        shown = ", ".join(paths)
        if not self._several(
            ids, self.tr("Tag"), self.tr("Tag %1 selected entries?") + "\n" + shown
        ):
            return
        label = self.tr("Tag %1 entries: %2").replace("%1", str(len(ids))).replace("%2", shown)
        self.session.run(
            label,
            lambda: Change.batch(tags.add_tags(project, ids, paths)),
            Changed.of(ids, TAGS, VOCABULARY),
        )
        self._say(label)

    def remove_tag(self, path: str) -> None:
        ids = self.selected_entry_ids()
        if not ids or self.project is None:
            return
        project = self.project
        if not self._several(
            ids,
            self.tr("Remove tag"),
            self.tr("Remove the tag from %1 selected entries?") + "\n" + path,
        ):
            return
        self.session.run(
            self.tr("Remove tag %1").replace("%1", path),
            lambda: Change.batch(tags.remove_tags(project, ids, path)),
            Changed.of(ids, TAGS, VOCABULARY),
        )

    def accept_tag_suggestion(self, ids: list[int]) -> None:
        project = self.project
        self.session.run(
            self.tr("Accept suggested tag"),
            lambda: Change.batch(tag_suggestions.accept_tag_suggestions(project, ids)),
            Changed.of(self.session.entry_id, TAGS, VOCABULARY),
        )

    def reject_tag_suggestion(self, ids: list[int]) -> None:
        """A rejection is remembered (not proposed again) and is an undo step."""
        project = self.project
        self.session.run(
            self.tr("Reject suggested tag"),
            lambda: Change.batch(tag_suggestions.reject_suggested_tags(project, ids)[0]),
            Changed.of(self.session.entry_id, TAGS, REJECTED),
        )

    # -- attributions ------------------------------------------------------------------
    def edit_authors(self) -> None:
        if self.project is None or self.session.entry_id is None:
            return
        self._edit_attributions(self.tr("Authors"), entry_id=self.session.entry_id)

    def edit_photographers(self, photo_id: int) -> None:
        if self.project is not None:
            self._edit_attributions(self.tr("Photographers"), photo_id=photo_id)

    def _edit_attributions(self, title: str, **target) -> None:
        from .curation_dialogs import AttributionDialog

        current = [(a.id, a.name) for a in attr.attributions_of(self.project, **target)]
        dialog = AttributionDialog(title, current, self.parent)
        try:
            if self.session.run_dialog(dialog):
                edit = dialog.result_edit
                self.apply_attributions(edit.splits, edit.names, **target)
        finally:
            dialog.deleteLater()

    def apply_attributions(self, splits, names: list[str], **target) -> None:
        """Split attributions, then make the list exactly ``names``: one undo step."""
        project = self.project
        changed = Changed.of(self.session.entry_id, AUTHORS, PHOTOS)
        credited = {a.person_id for a in attr.attributions_of(project, **target)}
        with self.session.macro(self.tr("Edit attributions")):
            for aid, parts in splits:

                def split(aid=aid, parts=parts) -> Change | None:
                    batch = Batch(
                        project, "attribution", f"split attribution {aid}", current_user()
                    )
                    attr.split_attribution(project, aid, parts, batch=batch)
                    return Change.batch(batch.result)

                self.session.run(self.tr("Split a name"), split, changed)
            self.session.run(
                self.tr("Set the names"),
                lambda: Change.revision(attr.set_attributions(project, names, **target)),
                changed,
            )
            self._offer_clean_up(credited, changed)

    def _offer_clean_up(self, person_ids: set[int], changed: Changed) -> None:
        """People the correction left credited with nothing are offered for removal
        (part of the same undo step); never removed without asking."""
        project = self.project
        unused = people.unused_people(project, person_ids)
        if not unused:
            return
        names = "、".join(name for _pid, name in unused)
        question = self.tr(
            "%1 is now credited with nothing and annotated nowhere. Remove the person "
            "record? Ctrl+Z brings it back; Cancel keeps it in the People list."
        )
        if not self.session.confirm(
            self.parent, self.tr("Person records"), question.replace("%1", names)
        ):
            return
        ids = [pid for pid, _name in unused]
        self.session.run(
            self.tr("Remove unused person records"),
            lambda: Change.batch(people.remove_people(project, ids)),
            replace(changed, what=changed.what | {ANNOTATIONS}),
        )
        self._say(self.tr("Removed the person record: %1").replace("%1", names))

    # -- photo links -------------------------------------------------------------------
    def confirm_link(self, photo_id: int) -> None:
        project, entry_id = self.project, self.session.entry_id
        self.session.run(
            self.tr("Confirm photo link"),
            lambda: Change.revision(links.confirm_link(project, photo_id, entry_id)),
            Changed.of(entry_id, PHOTOS),
        )

    def unlink(self, photo_id: int) -> None:
        """Unlink the photo from the entry shown, once the archivist says so."""
        project, entry_id = self.project, self.session.entry_id
        if project is None or entry_id is None:
            return
        others = [e for e in links.photo_links(project, photo_id) if e.entry_id != entry_id]
        entry = self.navigator.entry(entry_id)
        number = entry.number if entry is not None else entry_id
        if others:
            text = self.tr(
                "Unlink this photograph from entry %1? It stays linked to its other entries."
            )
        else:
            text = self.tr(
                "Unlink this photograph from entry %1? It will be linked to no entry; "
                "View → Unlinked photos lists it, to link it elsewhere. Ctrl+Z undoes it."
            )
        box = message(
            self.parent,
            QMessageBox.Icon.Question,
            self.tr("Unlink photo"),
            text.replace("%1", str(number)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
        )
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("Unlink"))
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.session.run_dialog(box)
        if box.clickedButton() is not box.button(QMessageBox.StandardButton.Yes):
            return
        self.session.run(
            self.tr("Unlink photo"),
            lambda: Change.revision(links.unlink(project, photo_id, entry_id)),
            Changed.of(entry_id, PHOTOS, SUGGESTIONS),
        )

    def relink(self, photo_id: int, entry_id: int) -> None:
        """The photo illustrates ``entry_id`` (and no other), confirmed."""
        if self.project is None:
            return
        project = self.project
        self.session.run(
            self.tr("Relink photo"),
            lambda: Change.revision(links.relink(project, photo_id, entry_id)),
            Changed.of({entry_id, self.session.entry_id}, PHOTOS, SUGGESTIONS),
        )
        entry = self.navigator.entry(entry_id)
        number = entry.number if entry is not None else entry_id
        self._say(self.tr("Photo linked to entry %1").replace("%1", str(number)))

    def suggested_link(self, photo) -> tuple[int, str] | None:
        """The pending suggested link of the photo shown, in words: (its id, text)."""
        if self.project is None:
            return None
        pending = links.list_link_suggestions(self.project, photo_id=photo.id)
        if not pending:
            return None
        best = pending[0]
        entry = self.navigator.entry(best.entry_id)
        if entry is not None:
            number, title = entry.number, entry.title or entry.preview
        else:  # filtered out of the list
            number, title = (
                best.entry_id,
                get_field(self.project, "entry", best.entry_id, "title")[0],
            )
        text = self.tr("Suggested: entry %1 · %2").replace("%1", str(number)).replace("%2", title)
        return best.id, text

    def accept_link_suggestion(self, suggestion_id: int) -> None:
        """The photo goes to the suggested entry, confirmed (Ctrl+Z brings it back)."""
        project = self.project
        target = links.link_suggestion(project, suggestion_id).entry_id
        self.session.run(
            self.tr("Accept suggested photo link"),
            lambda: Change.revision(links.accept_link_suggestion(project, suggestion_id)),
            Changed.of({target, self.session.entry_id}, PHOTOS, SUGGESTIONS),
        )

    def dismiss_link_suggestion(self, suggestion_id: int) -> None:
        """Not that entry: remembered, and an undo step."""
        project = self.project
        self.session.run(
            self.tr("Dismiss suggested photo link"),
            lambda: Change.revision(links.reject_link_suggestion(project, suggestion_id)),
            Changed.of(self.session.entry_id, PHOTOS, SUGGESTIONS),
        )

    def relink_current_photo(self) -> None:
        photo = self.photos.current()
        if photo is not None:
            self.choose_relink(photo.id)

    def choose_relink(self, photo_id: int) -> None:
        from .curation_dialogs import RelinkDialog

        if self.project is None:
            return
        project = self.project
        ranked = links.rank_photo(project, photo_id)
        best = ranked.best
        choices = entry_choices(project)
        numbers = {eid: n for eid, n, _t in choices}
        reason = link_reason(ranked, lambda eid: numbers.get(eid, eid))
        caption = next((p.caption for p in self.photos.photos if p.id == photo_id), None)
        if caption is None:  # not a photo of the entry shown (an unlinked one)
            caption = get_field(project, "photo", photo_id, "caption")[0]
        dialog = RelinkDialog(
            caption,
            choices,
            best.entry_id if best is not None else self.session.entry_id,
            reason,
            lambda text: find_entries(project, text),
            self.parent,
        )
        try:
            if self.session.run_dialog(dialog) and dialog.chosen() is not None:
                self.relink(photo_id, dialog.chosen())
        finally:
            dialog.deleteLater()

    # -- notes -------------------------------------------------------------------------
    def _refused(self, exc: ProjectError) -> None:
        self.session.failed.emit(exc)

    def save_entry_note(self, text: str, expected: str) -> None:
        if self.project is None or self.session.entry_id is None:
            return
        note = self.editor.note
        note.loaded = text  # saved (or refused below): don't send it twice
        try:
            rid = status.set_entry_note(
                self.project, self.session.entry_id, text, expected=expected
            )
        except ConflictError as exc:
            note.load(exc.current or "")
            theirs = self.tr("The note was changed in another window; theirs is shown now.")
            yours = self.tr("Your text:")
            self._refused(ProjectError(f"{theirs}\n\n{yours}\n{text}"))
            return
        except ProjectError as exc:  # busy, disk full: not saved, so the next focus-out retries
            note.loaded = expected
            self._refused(exc)
            return
        if rid is not None:
            self._say(self.tr("Note saved"))
            self.session.changed.emit(Changed.of(self.session.entry_id, NOTE))

    def save_photo_note(self, photo_id: int, text: str, expected: str) -> None:
        if self.project is None:
            return
        panel = self.photos
        panel.note.loaded = text
        # The panel's record of the photo carries the note too (shown again on switching back).
        kept = panel.photos
        panel.photos = [replace(p, note=text) if p.id == photo_id else p for p in panel.photos]
        try:
            rid = status.set_photo_note(self.project, photo_id, text, expected=expected)
        except ConflictError as exc:
            panel.note.load(exc.current or "")
            panel.photos = [
                replace(p, note=exc.current or "") if p.id == photo_id else p for p in panel.photos
            ]
            self._refused(
                ProjectError(
                    self.tr("The note was changed in another window; theirs is shown now.")
                )
            )
            return
        except ProjectError as exc:  # busy, disk full: not saved, so the next focus-out retries
            panel.note.loaded = expected
            panel.photos = kept
            self._refused(exc)
            return
        if rid is not None:
            self._say(self.tr("Note saved"))
