"""What an annotation is: a kind, a span of one field, the quoted text and its context.

The span is kept twice, after the W3C Web Annotation model: as a *position* (field,
start, end — a ``TextPositionSelector``) and as a *quote* (the exact text plus a few
characters before and after — a ``TextQuoteSelector``). The position is what the
window and the exports use; the quote is what proves the position still points at the
text the archivist marked. When the two disagree the annotation *needs review*: it is
never moved to other text on a guess, and never dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Literal

Kind = Literal["person", "place", "organisation", "date", "quantity", "term", "comment"]
KINDS: tuple[Kind, ...] = ("person", "place", "organisation", "date", "quantity", "term", "comment")

#: Kinds whose annotations may link to a record (person, place and organisation records).
RECORD_KINDS: frozenset[str] = frozenset({"person", "place", "organisation"})

#: One key each, for choosing a kind from the keyboard (and the CLI's short forms).
KIND_KEYS: dict[str, Kind] = {
    "p": "person",
    "l": "place",
    "o": "organisation",
    "d": "date",
    "q": "quantity",
    "t": "term",
    "c": "comment",
}

#: Search prefixes (``person:沈永明``, ``org:宝钢``) → kind.
SEARCH_PREFIXES: dict[str, Kind] = {
    "person": "person",
    "place": "place",
    "org": "organisation",
    "organisation": "organisation",
    "date": "date",
    "quantity": "quantity",
    "term": "term",
    "comment": "comment",
}

Status = Literal["ok", "needs_review"]

#: Characters of context kept on each side of the quote (TextQuoteSelector prefix/suffix).
CONTEXT = 8


class AnnotationError(ValueError):
    """An annotation that cannot be made as asked (empty span, outside the text, …)."""


@dataclass(frozen=True, slots=True)
class Selector:
    """Where an annotation is and what it quotes.

    ``start``/``end`` are offsets into the field's current text (Python ``str``
    indexes, i.e. code points, as W3C's selectors count them).
    """

    field: str
    start: int
    end: int
    exact: str
    prefix: str = ""
    suffix: str = ""

    def quotes(self, text: str) -> bool:
        """True when the position still points at exactly the quoted text."""
        return 0 <= self.start < self.end <= len(text) and text[self.start : self.end] == self.exact


def select(text: str, field: str, start: int, end: int, context: int = CONTEXT) -> Selector:
    """A selector for ``text[start:end]`` of ``field``; refuses an empty or outside span."""
    if not isinstance(start, int) or not isinstance(end, int):
        raise AnnotationError("an annotation's start and end are character offsets")
    if not 0 <= start < end <= len(text):
        raise AnnotationError(
            f"span {start}–{end} is empty or outside the {field} ({len(text)} characters)"
        )
    exact = text[start:end]
    if not exact.strip():
        raise AnnotationError("an annotation must quote more than whitespace")
    return Selector(
        field,
        start,
        end,
        exact,
        text[max(0, start - context) : start],
        text[end : end + context],
    )


@dataclass(frozen=True, slots=True)
class Value:
    """A normalised value: ``when`` for dates (ISO 8601 / XML Schema forms such as
    ``2004``, ``2004-10-17`` or ``--10-17``), ``quantity``/``unit`` for quantities
    (``1.7万余人`` → 17000, 人, approximate)."""

    when: str | None = None
    quantity: str | None = None  # decimal as text, never a float (17000, 0.5, 27.09)
    unit: str | None = None
    approximate: bool = False  # 余, 多, 近, 约: more or less than the number


NO_VALUE = Value()


@dataclass(frozen=True, slots=True)
class Annotation:
    """One marked span of one field of one entry or photo."""

    id: int | None
    kind: Kind
    target_kind: str  # "entry" | "photo"
    target_id: int
    selector: Selector
    record_id: int | None = None
    note: str = ""
    value: Value = NO_VALUE
    status: Status = "ok"
    origin: str = "hand"  # "hand" or the suggestion code that proposed it (ANN004 …)

    @property
    def field(self) -> str:
        return self.selector.field

    @property
    def start(self) -> int:
        return self.selector.start

    @property
    def end(self) -> int:
        return self.selector.end

    @property
    def quote(self) -> str:
        return self.selector.exact

    def moved(self, selector: Selector, status: Status) -> Annotation:
        return replace(self, selector=selector, status=status)


def check_kind(kind: str) -> Kind:
    if kind in KIND_KEYS:
        return KIND_KEYS[kind]
    if kind == "org":
        return "organisation"
    if kind not in KINDS:
        raise AnnotationError(f"unknown annotation kind {kind!r} (one of {', '.join(KINDS)})")
    return kind  # type: ignore[return-value]


def web_annotation(a: Annotation, source: str, record_iri: str | None = None) -> dict:
    """The annotation as a W3C Web Annotation (JSON-LD) object, for standoff exports.

    ``source`` names the annotated field (for example ``entry/17#body``); the body is
    the kind as a tag, the record link, the note and the normalised value.
    """
    body: list[dict] = [{"type": "TextualBody", "purpose": "tagging", "value": a.kind}]
    if record_iri:
        body.append({"type": "SpecificResource", "purpose": "identifying", "source": record_iri})
    if a.note:
        body.append({"type": "TextualBody", "purpose": "commenting", "value": a.note})
    value = {
        k: v
        for k, v in (
            ("when", a.value.when),
            ("quantity", a.value.quantity),
            ("unit", a.value.unit),
        )
        if v is not None
    }
    if a.value.approximate:
        value["approximate"] = True
    s = a.selector
    out: dict = {
        "type": "Annotation",
        "motivation": "commenting" if a.kind == "comment" else "identifying",
        "body": body,
        "target": {
            "source": source,
            "selector": [
                {"type": "TextPositionSelector", "start": s.start, "end": s.end},
                {
                    "type": "TextQuoteSelector",
                    "exact": s.exact,
                    "prefix": s.prefix,
                    "suffix": s.suffix,
                },
            ],
        },
        "status": a.status,
    }
    if a.id is not None:
        out["id"] = f"annotation/{a.id}"
    if value:
        out["value"] = value
    return out
