"""What app/storage says when it refuses a change, in the interface language.

The storage raises plain English messages (the CLI prints them as they are); the window
shows them through :func:`error_words`, which knows their patterns. A message it does not
know is shown as it was raised.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from .rule_texts import in_words


def _kind(value: str) -> str:
    return {
        "entry": QCoreApplication.translate("Errors", "entry"),
        "photo": QCoreApplication.translate("Errors", "photo"),
        "fragment": QCoreApplication.translate("Errors", "text block"),
        "person": QCoreApplication.translate("Errors", "person"),
        "place": QCoreApplication.translate("Errors", "place"),
        "organisation": QCoreApplication.translate("Errors", "organisation"),
    }.get(value, value)


def _errors() -> list[tuple[str, str]]:
    return [
        (
            r"(\w+) (\d+) was changed elsewhere \(now version (\d+), you edited version (\d+)\)",
            QCoreApplication.translate(
                "Errors",
                "This %1 (%2) was changed elsewhere since you started (now version %3, "
                "you edited version %4)",
            ),
        ),
        (
            r"revision (\d+) cannot be reverted: .+ was changed again later"
            r" \(revert the newer revisions first\)",
            QCoreApplication.translate(
                "Errors",
                "Change %1 cannot be undone: the same text was changed again later "
                "(undo the newer changes first)",
            ),
        ),
        (
            r"revision (\d+) cannot be reverted: the text suggestion (\d+) corrected has changed since",
            QCoreApplication.translate(
                "Errors",
                "Change %1 cannot be undone: the text that suggestion %2 corrected "
                "has changed since",
            ),
        ),
        (
            r"the note of (\w+) (\d+) was changed elsewhere",
            QCoreApplication.translate("Errors", "The note of %1 %2 was changed elsewhere"),
        ),
        (
            r"the project is open read-only; the change was not saved",
            QCoreApplication.translate(
                "Errors", "The project is open read-only; the change was not saved"
            ),
        ),
        (
            r"the project is busy in another window; the change was not saved, retry",
            QCoreApplication.translate(
                "Errors", "The project is busy in another window; the change was not saved. Retry."
            ),
        ),
        (
            r"disk full(?: or write error)?: the change was not saved \(free some space and retry\)",
            QCoreApplication.translate(
                "Errors",
                "Disk full (or a write error): the change was not saved. Free some space and retry.",
            ),
        ),
        (r"database error: (.+)", QCoreApplication.translate("Errors", "Database error: %1")),
        (r"no (\w+) (\d+)", QCoreApplication.translate("Errors", "There is no %1 %2 (any more)")),
        (
            r"(\w+)(?: record)? (\d+) was merged into (\d+)(?:; .*)?",
            QCoreApplication.translate("Errors", "%1 %2 was merged into %3: use that one"),
        ),
        (
            r"person (\d+) \((.+)\) is still credited or annotated",
            QCoreApplication.translate(
                "Errors", "%2 is still credited or annotated: the record is kept"
            ),
        ),
        (
            r"not a tag: '(.+)' \(use 地区/普陀区 for a hierarchy\)",
            QCoreApplication.translate(
                "Errors", "“%1” is not a tag (write 地区/普陀区 for a hierarchy)"
            ),
        ),
        (
            r"not a colour: '(.+)' \(use #rrggbb\)",
            QCoreApplication.translate("Errors", "“%1” is not a colour (write #rrggbb)"),
        ),
        (
            r"the tag is already called (.+)",
            QCoreApplication.translate("Errors", "The tag is already called %1"),
        ),
        (
            r"cannot merge (.+) into itself",
            QCoreApplication.translate("Errors", "%1 cannot be merged into itself"),
        ),
        (
            r"cannot move (.+) below itself",
            QCoreApplication.translate("Errors", "%1 cannot be moved below itself"),
        ),
        (
            r"photo (\d+) is not linked to entry (\d+)",
            QCoreApplication.translate("Errors", "Photo %1 is not linked to entry %2"),
        ),
        (
            r"photo (\d+) is not linked to any entry",
            QCoreApplication.translate("Errors", "Photo %1 is not linked to any entry"),
        ),
        (
            r"a split of (.+) cannot keep the whole name as one part",
            QCoreApplication.translate(
                "Errors", "A split of %1 cannot keep the whole name as one part"
            ),
        ),
        (
            r"(.+) has no attributions to split",
            QCoreApplication.translate("Errors", "%1 has no attributions to split"),
        ),
        (
            r"tag suggestion (\d+) is already (\w+)",
            QCoreApplication.translate("Errors", "Tag suggestion %1 was already decided (%2)"),
        ),
        (
            r"suggested tag (.+) is not restored: entry (\d+) carries the tag",
            QCoreApplication.translate(
                "Errors", "The suggested tag %1 is not brought back: entry %2 has the tag"
            ),
        ),
        (
            r"suggested tag (.+) is not restored: entry (\d+) no longer names it",
            QCoreApplication.translate(
                "Errors",
                "The suggested tag %1 is not brought back: the text of entry %2 no longer names it",
            ),
        ),
        (
            r"suggested photo link (\d+) is not restored: photo (\d+) is linked to entry"
            r" (\d+) already",
            QCoreApplication.translate(
                "Errors",
                "The suggested photo link is not brought back: photo %2 is linked to entry"
                " %3 already",
            ),
        ),
    ]


def error_words(exc: BaseException | str) -> str:
    """A storage error's message in the interface language."""
    return in_words(str(exc), _errors(), _kind)
