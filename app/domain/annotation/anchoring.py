"""Keeping annotations on their text through every change of a field.

A change of a field (an accepted suggestion, a hand edit, a find/replace, a conversion,
a revert) is a list of :class:`Edit` values on the text before it. Through that list
every annotation either

* lies in untouched text: its offsets move by what was inserted or removed before it,
  and it still quotes exactly its text; or
* had its own text changed (a character inside it removed, replaced, or something
  inserted strictly inside it): it is marked ``needs_review``, keeps the quote the
  archivist made, and its offsets cover what became of that text — it is never moved
  to other text and never dropped.

An insertion exactly at an annotation's edge leaves the annotation's own text alone
(typing before or after a name does not change the name).

When the caller knows the edits (suggestions, replacements, the editor's own change
signal) it passes them; otherwise :func:`edits_between` derives them from the two texts:
common prefix and suffix first, then a character diff of the middle. A derived diff
cannot know *which* of two equal stretches the archivist deleted, so it may keep an
annotation on a repeated word that a real edit removed; the quote still matches
exactly, and callers that know the edit should say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher

from .model import CONTEXT, Annotation, Selector


@dataclass(frozen=True, slots=True)
class Edit:
    """Replace ``before[start:end]`` by ``text`` (``start == end`` is an insertion)."""

    start: int
    end: int
    text: str

    @property
    def delta(self) -> int:
        return len(self.text) - (self.end - self.start)


def check_edits(before: str, after: str, edits: Sequence[Edit]) -> bool:
    """True when ``edits`` are ordered, do not overlap and turn ``before`` into ``after``."""
    pos = 0
    parts: list[str] = []
    last_insert_at = -1
    for e in edits:
        if e.start < pos or e.end < e.start or e.end > len(before):
            return False
        if e.start == e.end:
            if e.start == last_insert_at:
                return False  # two insertions at one point: their order is ambiguous
            last_insert_at = e.start
        parts.append(before[pos : e.start])
        parts.append(e.text)
        pos = e.end
    parts.append(before[pos:])
    return "".join(parts) == after


def edits_between(before: str, after: str) -> list[Edit]:
    """Edits that turn ``before`` into ``after``, smallest first-guess (see module doc)."""
    if before == after:
        return []
    n = min(len(before), len(after))
    p = 0
    while p < n and before[p] == after[p]:
        p += 1
    s = 0
    while s < n - p and before[-1 - s] == after[-1 - s]:
        s += 1
    a_mid = before[p : len(before) - s]
    b_mid = after[p : len(after) - s]
    if not a_mid or not b_mid:
        return [Edit(p, p + len(a_mid), b_mid)]
    out: list[Edit] = []
    matcher = SequenceMatcher(None, a_mid, b_mid, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag != "equal":
            out.append(Edit(p + i1, p + i2, b_mid[j1:j2]))
    return out


def _map(pos: int, edits: Sequence[Edit], *, after_insert: bool, inside: str) -> int:
    """Where ``pos`` (a gap between characters of the old text) lies in the new text.

    ``after_insert``: an insertion exactly at ``pos`` counts as before it.
    ``inside``: for a ``pos`` strictly inside a replaced stretch, "start" or "end" of
    the replacement.
    """
    delta = 0
    for e in edits:
        if e.start == e.end == pos:
            if after_insert:
                delta += len(e.text)
            continue
        if e.end <= pos:
            delta += e.delta
            continue
        if e.start < pos:  # strictly inside the replaced stretch
            return e.start + delta + (len(e.text) if inside == "end" else 0)
        break
    return pos + delta


def touched(start: int, end: int, edits: Iterable[Edit]) -> bool:
    """True when an edit changes a character of ``[start, end)`` or inserts inside it."""
    for e in edits:
        if e.start >= end:
            break
        if e.start == e.end:
            if start < e.start < end:
                return True
        elif e.end > start:
            return True
    return False


def reanchor(
    before: str,
    after: str,
    annotations: Sequence[Annotation],
    edits: Sequence[Edit] | None = None,
) -> list[Annotation]:
    """Every annotation of one field carried from ``before`` to ``after``, in order.

    ``edits`` are used when given and consistent with the two texts; otherwise they are
    derived with :func:`edits_between`. Annotations that already need review keep
    following their text; one returns to ``ok`` only when its offsets, carried through
    the edits, once more hold exactly its quote.
    """
    if not annotations:
        return []
    if edits is None or not check_edits(before, after, edits):
        edits = edits_between(before, after)
    if not edits:
        return list(annotations)
    return [_carry(a, after, edits) for a in annotations]


def _carry(a: Annotation, after: str, edits: Sequence[Edit]) -> Annotation:
    s = a.selector
    start = _map(s.start, edits, after_insert=True, inside="start")
    end = max(start, _map(s.end, edits, after_insert=False, inside="end"))
    quotes = after[start:end] == s.exact
    if a.status == "ok":
        status = "ok" if quotes and not touched(s.start, s.end, edits) else "needs_review"
    else:  # a mark that needs review comes back only where the carried span quotes it again
        status = "ok" if quotes else "needs_review"
    if status == "ok":
        prefix = after[max(0, start - CONTEXT) : start]
        moved = Selector(s.field, start, end, s.exact, prefix, after[end : end + CONTEXT])
    else:
        moved = Selector(s.field, start, end, s.exact, s.prefix, s.suffix)
    if moved == s and status == a.status:
        return a
    return a.moved(moved, status)


def edits_of_replacements(items: Iterable[tuple[int, int, str]]) -> list[Edit]:
    """Edits from ``(start, end, replacement)`` triples (findings, search hits), ordered."""
    return sorted((Edit(s, e, t) for s, e, t in items), key=lambda e: (e.start, e.end))
