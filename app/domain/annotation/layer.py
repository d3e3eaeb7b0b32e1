"""What an export needs of the annotations: the marks on each field, the records they
link to, and — for an apparatus — the OCR corrections still standing in the text.

The corrections are worked out from the revision log (:func:`corrections_of_field`):
the field's text revisions are replayed in order; an accepted suggestion adds a
correction (what was printed, what it became, who accepted it, the rule); every later
change carries the corrections along, and one that changes a corrected stretch again
(a revert, a hand edit over it) takes that correction out, since the text no longer
says what the correction made it say.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace

from .anchoring import Edit, check_edits, edits_between
from .model import Annotation


@dataclass(frozen=True, slots=True)
class RecordInfo:
    """A person, place or organisation record as the export's header lists it."""

    kind: str  # person | place | organisation
    id: int
    name: str
    variants: tuple[str, ...] = ()
    identifiers: tuple[tuple[str, str], ...] = ()  # (wikidata, Q4115189), (cbdb_id, 3767) …


@dataclass(frozen=True, slots=True)
class Correction:
    """One accepted OCR correction as it stands in the current text:
    ``text[start:end] == corr`` replaced ``sic``."""

    target_kind: str
    target_id: int
    field: str
    start: int
    end: int
    sic: str
    corr: str
    rule: str
    who: str
    at: str
    revision_id: int


@dataclass(frozen=True, slots=True)
class TextRevision:
    """One revision of a field's text, as the replay needs it."""

    id: int
    before: str
    after: str
    who: str
    at: str
    reverts: int | None = None
    # the accepted suggestions it applied: (start, end, replacement, rule), on ``before``
    accepted: tuple[tuple[int, int, str, str], ...] = ()


def _carry(c: Correction, edits: Sequence[Edit]) -> Correction | None:
    """``c`` moved through ``edits``; None when an edit changes the corrected text (or,
    for a deletion, puts something back at its point)."""
    delta = 0
    point = c.start == c.end
    for e in edits:
        insertion = e.start == e.end
        if e.end < c.start or (e.end == c.start and not (point and insertion)):
            delta += e.delta
            continue
        if e.start > c.end or (e.start == c.end and not (point and insertion)):
            break
        return None
    if not delta:
        return c
    return replace(c, start=c.start + delta, end=c.end + delta)


def corrections_of_field(
    target_kind: str,
    target_id: int,
    field_name: str,
    revisions: Iterable[TextRevision],
    current: str,
) -> list[Correction]:
    """The accepted corrections of one field still standing in ``current``, in order."""
    standing: list[Correction] = []
    for rev in revisions:
        given = [Edit(s, e, t) for s, e, t, _ in sorted(rev.accepted)]
        edits = given if given and check_edits(rev.before, rev.after, given) else None
        if edits is None:
            edits = edits_between(rev.before, rev.after)
        if rev.reverts is not None:
            standing = [c for c in standing if c.revision_id != rev.reverts]
        standing = [m for c in standing if (m := _carry(c, edits)) is not None]
        if given and edits is given:
            shift = 0
            for s, e, t, rule in sorted(rev.accepted):
                start = s + shift
                standing.append(
                    Correction(
                        target_kind,
                        target_id,
                        field_name,
                        start,
                        start + len(t),
                        rev.before[s:e],
                        t,
                        rule,
                        rev.who,
                        rev.at,
                        rev.id,
                    )
                )
                shift += len(t) - (e - s)
    standing.sort(key=lambda c: (c.start, c.end))
    return [c for c in standing if current[c.start : c.end] == c.corr]


@dataclass(frozen=True)
class AnnotationLayer:
    """The annotations of the exported blocks, their records, and (for an apparatus) the
    standing corrections; looked up per field."""

    annotations: tuple[Annotation, ...] = ()
    records: tuple[RecordInfo, ...] = ()
    corrections: tuple[Correction, ...] = ()
    apparatus: bool = False
    rules: tuple[tuple[str, str], ...] = ()  # (code, what it does) of the rules cited
    _by_field: dict = field(default_factory=dict, compare=False, repr=False)
    # A layer read page by page (a streamed export): ``annotations`` stays empty, ``on``
    # asks ``lookup`` and ``count`` says how many annotations the exported blocks hold.
    lookup: Callable[[str, int, str], list[Annotation]] | None = field(
        default=None, compare=False, repr=False
    )
    count: int = 0

    @property
    def size(self) -> int:
        """How many annotations the exported blocks hold."""
        return self.count if self.lookup is not None else len(self.annotations)

    def __post_init__(self) -> None:
        by: dict[tuple[str, int, str], tuple[list, list]] = {}
        for a in self.annotations:
            by.setdefault((a.target_kind, a.target_id, a.field), ([], []))[0].append(a)
        for c in self.corrections:
            by.setdefault((c.target_kind, c.target_id, c.field), ([], []))[1].append(c)
        self._by_field.update(by)

    def on(self, target_kind: str, target_id: int, field_name: str) -> list[Annotation]:
        if self.lookup is not None:
            return self.lookup(target_kind, target_id, field_name)
        return self._by_field.get((target_kind, target_id, field_name), ([], []))[0]

    def corrections_on(self, target_kind: str, target_id: int, field_name: str) -> list[Correction]:
        return self._by_field.get((target_kind, target_id, field_name), ([], []))[1]

    def record(self, kind: str, record_id: int | None) -> RecordInfo | None:
        if record_id is None:
            return None
        return self._records().get((kind, record_id))

    def _records(self) -> dict[tuple[str, int], RecordInfo]:
        cache = self._by_field.get("records")
        if cache is None:
            cache = {(r.kind, r.id): r for r in self.records}
            self._by_field["records"] = cache
        return cache
