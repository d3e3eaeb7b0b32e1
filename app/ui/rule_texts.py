"""What each rule's suggestions say, in the interface language.

The rules store their explanation in Chinese (``suggestion.message``), the words of the
volume's archivists; the window explains a suggestion from its rule code and its
before → after instead, so the English window speaks English and the Chinese one the
same Chinese. A code this table does not know shows the stored message.
"""

from __future__ import annotations

import ast
import re

from PySide6.QtCore import QCoreApplication

from app.storage.revisions import Revision, loads
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
        "COL001": QCoreApplication.translate("Rules", "Two columns read across the page"),
        "STR003": QCoreApplication.translate("Rules", "A line that may be a heading"),
        "STR004": QCoreApplication.translate("Rules", "Two entries run together"),
        "STR005": QCoreApplication.translate("Rules", "An entry cut short"),
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
        "COL001": QCoreApplication.translate(
            "Rules",
            "Two columns interleaved line by line → read them column by column"
            " (the left column, then the right one)",
        ),
        "STR003": QCoreApplication.translate(
            "Rules",
            "This short line may be a heading (a section or an entry's title): accept to make"
            " it one",
        ),
        "STR004": QCoreApplication.translate(
            "Rules",
            "Another entry seems to begin here, run into this one: accept to split the entry here",
        ),
        "STR005": QCoreApplication.translate(
            "Rules",
            "The text stops mid-sentence and the next entry has no title: accept to merge the"
            " next entry into this one",
        ),
    }
    return fixed.get(s.rule, s.message)


def _what(kind: str, field: str | None) -> str:
    if kind in ("entry", "fragment", "photo") and field:
        fields = {
            "title": QCoreApplication.translate("History", "title"),
            "title_open": QCoreApplication.translate("History", "opening 【 of the title"),
            "body": QCoreApplication.translate("History", "body"),
            "caption": QCoreApplication.translate("History", "caption"),
            "text": QCoreApplication.translate("History", "text"),
        }
        return fields.get(field, field)
    kinds = {
        "entry_status": QCoreApplication.translate("History", "review status"),
        "entry_note": QCoreApplication.translate("History", "note"),
        "photo_note": QCoreApplication.translate("History", "note"),
        "entry_tags": QCoreApplication.translate("History", "tags"),
        "entry_authors": QCoreApplication.translate("History", "authors"),
        "photo_photographers": QCoreApplication.translate("History", "photographers"),
        "photo_link": QCoreApplication.translate("History", "entries it illustrates"),
        "annotation": QCoreApplication.translate("History", "annotation"),
        "annotation_suggestion": QCoreApplication.translate("History", "suggested annotation"),
        "suggestion": QCoreApplication.translate("History", "suggested correction"),
        "tag_suggestion": QCoreApplication.translate("History", "suggested tag"),
        "link_suggestion": QCoreApplication.translate("History", "suggested photo link"),
        "tag": QCoreApplication.translate("History", "tag"),
    }
    return kinds.get(kind, field or kind)


def revision_target(kind: str, target_id: int, field: str | None) -> str:
    """What a revision changed, in words: "body of entry 12", "caption of photo 3"."""
    owner = {
        "entry": QCoreApplication.translate("History", "%1 of entry %2"),
        "entry_status": QCoreApplication.translate("History", "%1 of entry %2"),
        "entry_note": QCoreApplication.translate("History", "%1 of entry %2"),
        "entry_tags": QCoreApplication.translate("History", "%1 of entry %2"),
        "entry_authors": QCoreApplication.translate("History", "%1 of entry %2"),
        "photo": QCoreApplication.translate("History", "%1 of photo %2"),
        "photo_note": QCoreApplication.translate("History", "%1 of photo %2"),
        "photo_photographers": QCoreApplication.translate("History", "%1 of photo %2"),
        "photo_link": QCoreApplication.translate("History", "%1 of photo %2"),
        "fragment": QCoreApplication.translate("History", "%1 of text block %2"),
        "annotation": QCoreApplication.translate("History", "%1 %2"),
        "annotation_suggestion": QCoreApplication.translate("History", "%1 %2"),
        "suggestion": QCoreApplication.translate("History", "%1 %2"),
        "tag_suggestion": QCoreApplication.translate("History", "%1 %2"),
        "fragment_entry": QCoreApplication.translate("History", "text block %2 as an entry"),
        "block_structure": QCoreApplication.translate("History", "structure of text block %2"),
        "entry_split": QCoreApplication.translate("History", "entry %2 split in two"),
        "entry_merge": QCoreApplication.translate("History", "entries merged into entry %2"),
    }.get(kind, QCoreApplication.translate("History", "%1 %2"))
    return owner.replace("%1", _what(kind, field)).replace("%2", str(target_id))


def _links_words(links: list[dict] | None) -> str:
    if not links:
        return QCoreApplication.translate("History", "no entry")
    return ", ".join(
        (
            QCoreApplication.translate("History", "entry %1 ✓")
            if link["confirmed"]
            else QCoreApplication.translate("History", "entry %1 (unconfirmed)")
        ).replace("%1", str(link["entry_id"]))
        for link in links
    )


def _role_words(role: str, level: int) -> str:
    if role == "heading":
        return QCoreApplication.translate("History", "heading %1").replace("%1", str(level))
    if role == "table":
        return QCoreApplication.translate("History", "table")
    return QCoreApplication.translate("History", "text")


def _structure_words(state: dict) -> str:
    """A block's structure in words: "heading 1", or its parts: "text + heading 1 + text"."""
    if not state["parts"]:
        return _role_words(state["role"], state["level"])
    return " + ".join(_role_words(p["role"], p["level"]) for p in state["parts"])


def _split_words(rev: Revision) -> str:
    state = loads(rev.after) or loads(rev.before)
    words = (
        QCoreApplication.translate("History", "entry %1 split: entry %2 takes the text from %3 on")
        if rev.after is not None
        else QCoreApplication.translate("History", "entry %2 taken back into entry %1")
    )
    start = state["new_body"][:12] if state["title"] == "" else state["title"]
    return (
        words.replace("%1", str(rev.target_id))
        .replace("%2", str(state["entry"]))
        .replace("%3", f"“{start}”")
    )


def revision_what(rev: Revision) -> str:
    """What a revision changed, in words; for a photo's links, from what to what:
    "photo 3: entry 3 (unconfirmed) → entry 16 ✓"; for a text block's structure
    "text block 4: text → text + heading 1 + text"."""
    if rev.target_kind == "block_structure":
        return (
            QCoreApplication.translate("History", "text block %1: %2 → %3")
            .replace("%1", str(rev.target_id))
            .replace("%2", _structure_words(loads(rev.before)))
            .replace("%3", _structure_words(loads(rev.after)))
        )
    if rev.target_kind == "entry_split":
        return _split_words(rev)
    if rev.target_kind == "entry_merge":
        words = (
            QCoreApplication.translate("History", "entry %2 merged into entry %1")
            if rev.after is not None
            else QCoreApplication.translate("History", "entry %2 taken out of entry %1 again")
        )
        state = loads(rev.after) or loads(rev.before)
        return words.replace("%1", str(rev.target_id)).replace("%2", str(state["entry"]))
    if rev.target_kind == "photo_link":
        return (
            QCoreApplication.translate("History", "photo %1: %2 → %3")
            .replace("%1", str(rev.target_id))
            .replace("%2", _links_words(loads(rev.before)))
            .replace("%3", _links_words(loads(rev.after)))
        )
    return revision_target(rev.target_kind, rev.target_id, rev.field)


def _entry_made_words(block_id: int, state: dict | None) -> str:
    """An entry made from a text block (migration 0016's JSON), as the archivist reads
    it; "" for none (the block is a text block)."""
    if not state:
        return ""
    return (
        QCoreApplication.translate("History", "Entry %1, made from text block %2")
        .replace("%1", str(state.get("entry")))
        .replace("%2", str(block_id))
        + "\n"
        + QCoreApplication.translate("History", "Title: %1").replace("%1", state.get("title", ""))
        + "\n"
        + QCoreApplication.translate("History", "Text: %1").replace(
            "%1", state.get("body", "").strip("\n")
        )
    )


def revision_texts(rev: Revision) -> tuple[str, str]:
    """The before and after the History's diff compares: in words where the revision
    holds JSON nobody should have to read (an entry made from a text block)."""
    if rev.target_kind == "fragment_entry":
        return (
            _entry_made_words(rev.target_id, loads(rev.before)),
            _entry_made_words(rev.target_id, loads(rev.after)),
        )
    return rev.before or "", rev.after or ""


def revision_cause(cause: str) -> str:
    """Why a revision was made, in words: an edit, a revert, a rule, a conversion."""
    causes = {
        "edit": QCoreApplication.translate("History", "edited"),
        "revert": QCoreApplication.translate("History", "reverted"),
        "replace": QCoreApplication.translate("History", "find and replace"),
        "split": QCoreApplication.translate("History", "name split"),
        "annotate": QCoreApplication.translate("History", "annotated"),
        "import": QCoreApplication.translate("History", "imported"),
        "reject": QCoreApplication.translate("History", "suggestion rejected"),
        "restore": QCoreApplication.translate("History", "rejected suggestion restored"),
        # the photo link decisions (app/storage/links.py)
        "confirm": QCoreApplication.translate("History", "photo link confirmed"),
        "unlink": QCoreApplication.translate("History", "photo unlinked"),
        "relink": QCoreApplication.translate("History", "photo linked to another entry"),
        "link": QCoreApplication.translate("History", "photo also linked to an entry"),
        "make_entry": QCoreApplication.translate("History", "made an entry"),
        "restructure": QCoreApplication.translate("History", "structure changed"),
        "split_entry": QCoreApplication.translate("History", "entry split"),
        "merge_entries": QCoreApplication.translate("History", "entries merged"),
    }
    if cause in causes:
        return causes[cause]
    if cause.startswith("convert:"):
        return QCoreApplication.translate("History", "converted (%1)").replace(
            "%1", cause.split(":", 1)[1]
        )
    title = rule_title(cause)
    if title != cause:
        return (
            QCoreApplication.translate("History", "suggestion %1 accepted (%2)")
            .replace("%1", cause)
            .replace("%2", title)
        )
    return cause


def _batch_labels() -> list[tuple[str, str]]:
    """How app/storage labels its batches (a pattern each) → the words the History shows."""
    return [
        (
            r"accept safe \((\d+)\)",
            QCoreApplication.translate("History", "Accepted %1 safe suggestions"),
        ),
        (
            r"accept ([A-Z]+\d+) \((\d+)\)",
            QCoreApplication.translate("History", "Accepted %2 suggestions (%1)"),
        ),
        (
            r"accept safe ([A-Z]+\d+) \((\d+)\)",
            QCoreApplication.translate("History", "Accepted %2 safe suggestions (%1)"),
        ),
        (
            r"accept (\d+) suggestion\(s\)",
            QCoreApplication.translate("History", "Accepted %1 suggestions"),
        ),
        (
            r"accept ([A-Z]+\d+) #(\d+)",
            QCoreApplication.translate("History", "Accepted suggestion %2 (%1)"),
        ),
        (
            r"reject (\d+) suggestion\(s\)",
            QCoreApplication.translate("History", "Rejected %1 suggestions"),
        ),
        (
            r"restore (\d+) rejected suggestion\(s\)",
            QCoreApplication.translate("History", "Brought back %1 rejected suggestions"),
        ),
        (r"replace (.+) → (.+)", QCoreApplication.translate("History", "Replaced “%1” with “%2”")),
        (
            r"convert the corpus \((.+)\)",
            QCoreApplication.translate("History", "Converted the corpus (%1)"),
        ),
        (
            r"convert (\d+) entries \((.+)\)",
            QCoreApplication.translate("History", "Converted %1 entries (%2)"),
        ),
        (r"status reviewed", QCoreApplication.translate("History", "Marked reviewed")),
        (r"status in_progress", QCoreApplication.translate("History", "Reopened the review")),
        (r"status (.+)", QCoreApplication.translate("History", "Review status set to %1")),
        (r"rename (.+) → (.+)", QCoreApplication.translate("History", "Renamed the tag %1 to %2")),
        (r"merge (.+) → (.+)", QCoreApplication.translate("History", "Merged the tag %1 into %2")),
        (
            r"accept suggested tags",
            QCoreApplication.translate("History", "Accepted suggested tags"),
        ),
        (
            r"reject suggested tags",
            QCoreApplication.translate("History", "Rejected suggested tags"),
        ),
        (
            r"restore suggested tags",
            QCoreApplication.translate("History", "Brought back suggested tags"),
        ),
        (
            r"restore suggested photo links",
            QCoreApplication.translate("History", "Brought back suggested photo links"),
        ),
        (r"annotate “(.+)” as (.+)", QCoreApplication.translate("History", "Annotated “%1” as %2")),
        (r"annotate “(.+)”", QCoreApplication.translate("History", "Annotated “%1”")),
        (r"edit annotation (\d+)", QCoreApplication.translate("History", "Edited annotation %1")),
        (
            r"confirm (\d+) annotation\(s\)",
            QCoreApplication.translate("History", "Confirmed %1 annotations"),
        ),
        (
            r"remove (\d+) annotation\(s\)",
            QCoreApplication.translate("History", "Removed %1 annotations"),
        ),
        (
            r"accept safe annotations \((\d+)\)",
            QCoreApplication.translate("History", "Accepted %1 safe suggested annotations"),
        ),
        (
            r"accept annotations \((\d+)\)",
            QCoreApplication.translate("History", "Accepted %1 suggested annotations"),
        ),
        (
            r"reject annotation suggestions \((\d+)\)",
            QCoreApplication.translate("History", "Dismissed %1 suggested annotations"),
        ),
        (
            r"mark every “(.+)” as (.+) \((\d+)\)",
            QCoreApplication.translate("History", "Marked every “%1” as %2 (%3)"),
        ),
        (r"re-link photos", QCoreApplication.translate("History", "Linked the photos again")),
        (r"revert batch (\d+)", QCoreApplication.translate("History", "Reverted batch %1")),
        (r"revert", QCoreApplication.translate("History", "Reverted")),
        (r"split (.+) into (.+)", QCoreApplication.translate("History", "Split %1 into %2")),
        (r"merge (.+) into (.+)", QCoreApplication.translate("History", "Merged %1 into %2")),
        (
            r"remove (\d+) unused people",
            QCoreApplication.translate("History", "Removed %1 unused person records"),
        ),
        # last: the tag labels are the least specific
        (r"tag (.+)", QCoreApplication.translate("History", "Tagged %1")),
        (r"add (.+)", QCoreApplication.translate("History", "Added the tags %1")),
        (r"remove (.+)", QCoreApplication.translate("History", "Removed the tags %1")),
    ]


def _batch_value(value: str) -> str:
    if re.fullmatch(r"[A-Z]{3}\d{3}", value):
        return rule_title(value)
    if value[:1] in "'\"":  # a find/replace pattern, as the storage quoted it
        try:
            return str(ast.literal_eval(value))
        except (ValueError, SyntaxError):
            return value
    return value


def batch_words(label: str) -> str:
    """A batch's label in the archivist's words and language: "accept PUN001 (12)" →
    "Accepted 12 suggestions (Half-width punctuation)". A label this table does not
    know is shown as it was stored."""
    return in_words(label, _batch_labels(), _batch_value)


def in_words(text: str, table: list[tuple[str, str]], value=lambda v: v) -> str:
    """``text`` (as app/storage wrote it) through the first pattern of ``table`` it
    matches: its groups fill %1, %2… of the words (each through ``value``). A text no
    pattern matches is returned as it is."""
    for pattern, words in table:
        found = re.fullmatch(pattern, text, re.DOTALL)
        if found:
            for n, group in enumerate(found.groups(), 1):
                words = words.replace(f"%{n}", value(group or ""))
            return words
    return text
