"""What each rule's suggestions say, in the interface language.

The rules store their explanation in Chinese (``suggestion.message``), the words of the
volume's archivists; the window explains a suggestion from its rule code and its
before → after instead, so the English window speaks English and the Chinese one the
same Chinese. A code this table does not know shows the stored message.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.storage.suggestions import Suggestion


def rule_title(code: str) -> str:
    """A short name for the rule, for the suggestion groups and the overview."""
    titles = {
        "NUM001": QCoreApplication.translate("Rules", "Number split by a line break"),
        "NUM002": QCoreApplication.translate("Rules", "Space as a thousands separator"),
        "PUN001": QCoreApplication.translate("Rules", "Half-width punctuation"),
        "STR001": QCoreApplication.translate("Rules", "Title lacks its opening 【"),
        "STR002": QCoreApplication.translate("Rules", "Stray table pipe at a line end"),
        "BRK001": QCoreApplication.translate("Rules", "Line break inside a paragraph"),
        "SPC001": QCoreApplication.translate("Rules", "Space between Han characters"),
        "OCR001": QCoreApplication.translate("Rules", "Look-alike character"),
        "TAG001": QCoreApplication.translate("Rules", "Suggested tag: a district"),
        "TAG002": QCoreApplication.translate("Rules", "Suggested tag: an organisation"),
        "LINK001": QCoreApplication.translate("Rules", "Suggested photo link"),
    }
    return titles.get(code, code)


def safety_text(safety: str) -> str:
    return {
        "safe": QCoreApplication.translate("Rules", "safe"),
        "unsafe": QCoreApplication.translate("Rules", "check"),
    }.get(safety, safety)


def explain(s: Suggestion) -> str:
    """Why the suggestion was made and what it does, in the interface language."""
    before, after = s.before, s.after
    if s.rule == "PUN001" and after is not None:
        text = (
            QCoreApplication.translate("Rules", "Paired bracket %1 → %2")
            if before in "()"
            else QCoreApplication.translate("Rules", "Half-width punctuation %1 → %2")
        )
        return text.replace("%1", before).replace("%2", after)
    if s.rule == "NUM001" and after is not None:
        return QCoreApplication.translate("Rules", "Number split by a line break → %1").replace(
            "%1", after
        )
    if s.rule == "NUM002" and after is not None:
        return QCoreApplication.translate("Rules", "Space as a thousands separator → %1").replace(
            "%1", after
        )
    if s.rule == "OCR001":
        if after is None:
            return QCoreApplication.translate(
                "Rules", "%1 may be a look-alike of another character: check it"
            ).replace("%1", before)
        return (
            QCoreApplication.translate("Rules", "Look-alike character %1 → %2")
            .replace("%1", before)
            .replace("%2", after)
        )
    fixed = {
        "STR001": QCoreApplication.translate("Rules", "The title lacks its opening 【 → add 【"),
        "STR002": QCoreApplication.translate(
            "Rules", "Stray table pipe | at the end of a line → remove it"
        ),
        "BRK001": QCoreApplication.translate(
            "Rules", "Line break inside a paragraph → join the two lines"
        ),
        "SPC001": QCoreApplication.translate("Rules", "Space between Han characters → remove it"),
    }
    return fixed.get(s.rule, s.message)
