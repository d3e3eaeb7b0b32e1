"""A read-only snapshot of a project, as exporters and reports see it.

Storage builds it in one read transaction; exporters turn it into files. Keeping the
snapshot in plain frozen dataclasses means every export format is pure Python and is
tested without a database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from .annotation.layer import AnnotationLayer
from .document import AttributionLayout
from .settings import Settings


@dataclass(frozen=True)
class PersonRef:
    id: int
    name: str  # preferred name


@dataclass(frozen=True)
class SourceRecord:
    id: int
    file_name: str
    encoding: str  # Python codec name used to decode it
    bom: bool
    sha256: str
    size: int
    imported_at: str
    # decoded source text (BOM removed), line endings as in the file; '' in a streamed
    # corpus, whose Corpus.source_text reads it when needed
    text: str
    images_dir: str | None = None  # folder photo links resolve against


@dataclass(frozen=True)
class PhotoRecord:
    id: int
    source_id: int
    seq: int  # position among the source's blocks
    line: int
    start: int
    end: int
    path: str  # link target as written in the source
    alt: str
    caption: str  # current caption, credit excluded
    caption_original: str
    photographers: tuple[PersonRef, ...]
    photographers_original: tuple[str, ...]
    credit: AttributionLayout | None
    has_caption_line: bool
    newline: str
    file: str | None  # absolute path of the image inside an allowed folder, or None
    file_status: str  # ok | missing | refused | damaged
    file_problem: str | None  # why, for missing / refused / damaged
    entry_ids: tuple[int, ...] = ()  # entries it illustrates
    link_confirmed: bool = False
    note: str = ""
    credit_raw: str | None = None  # the photographers' names as printed
    page: str | None = None


@dataclass(frozen=True)
class EntryRecord:
    id: int
    source_id: int
    seq: int  # position among the source's blocks
    number: int  # 1-based ordinal of the entry in the project
    line: int
    start: int
    end: int
    title_open: str
    title: str
    body: str
    title_open_original: str
    title_original: str
    body_original: str
    authors: tuple[PersonRef, ...]
    authors_original: tuple[str, ...]
    attribution: AttributionLayout | None
    newline: str
    status: str = "unreviewed"  # unreviewed | in_progress | reviewed
    status_by: str | None = None
    status_at: str | None = None
    tags: tuple[str, ...] = ()
    photo_ids: tuple[int, ...] = ()
    revision_count: int = 0
    pending_suggestions: int = 0
    note: str = ""
    lead: str = ""  # indentation or a form feed before the title, as in the source
    authors_raw: str | None = None  # the names as printed: (熊 毅) stays spaced
    section: tuple[str, ...] = ()  # the headings it stands under, 类目 first
    page: str | None = None  # the printed page it starts on, when the source says
    form: str = "titled"  # or "dated" (an event), "headed" (a 条目), "untitled": no 【】
    title_sep: str = ""
    title_break: str = ""  # 概\n述, a heading printed one character a line: the break
    date: str | None = None
    # Made by the archivist from a text block (that fragment's id), not read by the import:
    # it belongs to the corrected layer only, where it stands instead of its block, and
    # ends with what followed the block's text (``tail``: its line break, blank lines).
    from_fragment: int | None = None
    tail: str | None = None
    # Split off another entry by the archivist (that entry's id): corrected layer only.
    split_from: int | None = None
    # Merged into another entry by the archivist (that entry's id): original layer only.
    merged_into: int | None = None

    @property
    def changed_structure(self) -> bool:
        """Made by the archivist (from a text block or by a split): no original text."""
        return self.from_fragment is not None or self.split_from is not None


@dataclass(frozen=True)
class FragmentRecord:
    id: int
    source_id: int
    seq: int
    line: int
    start: int
    end: int
    text: str
    text_original: str
    role: str = "text"  # text | heading | furniture | table | event (see document.Fragment)
    level: int = 0
    page: str | None = None
    date: str | None = None
    made_into: int | None = None  # the entry the archivist made of it (corrected layer)
    cut_from: int | None = None  # a part cut off that block (corrected layer only)
    cut: bool = False  # cut in parts: the parts stand for it in the corrected layer


Record = EntryRecord | PhotoRecord | FragmentRecord


@dataclass(frozen=True)
class ChangeRecord:
    """One line of the revision log's summary: a batch (an import, a bulk accept, one
    edit in the window) or a revision made outside any batch."""

    at: str  # ISO 8601 UTC
    who: str
    kind: str  # the batch's kind ('import', 'accept', …) or the revision's cause
    label: str  # what was done, in the app's words
    revisions: int  # how many revisions it holds


class Stream(Sequence):
    """Records read lazily: each iteration reads them again (storage hands exports a
    stream so memory stays flat in the corpus size); ``len`` is known up front.
    Indexing walks the stream: it is for tests, not for exporters."""

    def __init__(self, make: Callable[[], Iterator], count: int) -> None:
        self._make = make
        self._count = count

    def __iter__(self) -> Iterator:
        return self._make()

    def __len__(self) -> int:
        return self._count

    def __getitem__(self, index):  # Sequence's contract; a walk, not a lookup
        return list(self)[index]


@dataclass(frozen=True)
class Corpus:
    """Everything an export needs, in source order."""

    project: str  # project name (the database file's stem)
    database: str
    sources: tuple[SourceRecord, ...]
    # ordered by (source, seq): a tuple, or a Stream read while the export runs
    blocks: Sequence[Record]
    people: tuple[PersonRef, ...] = ()
    tags: tuple[tuple[str, str | None], ...] = ()  # (path, colour) of every tag in use
    snapshot_at: str = ""
    settings: Settings = field(default_factory=Settings)
    # the revision log summarised, newest first (a Stream in a streamed corpus)
    changes: Sequence[ChangeRecord] = ()
    # source id → its bytes as imported, in chunks (a BagIt export copies the sources)
    read_source: Callable[[int], Iterator[bytes]] | None = field(default=None, compare=False)
    extra: dict[str, str] = field(default_factory=dict)
    # annotations, their records and (for an apparatus) corrections; None: not read
    annotations: AnnotationLayer | None = None
    # A streamed corpus (storage): its entries and photos as streams, photos looked up
    # by id, and people/tags known to list everything the blocks refer to (people also
    # in other_people: ids attributions point at that are no person of the list).
    entry_stream: Stream | None = field(default=None, compare=False)
    photo_stream: Stream | None = field(default=None, compare=False)
    photo_lookup: Callable[[Sequence[int]], list[PhotoRecord]] | None = field(
        default=None, compare=False
    )
    complete: bool = False
    other_people: tuple[PersonRef, ...] = ()
    # A streamed corpus leaves SourceRecord.text empty and reads it here when a format
    # needs it (Markdown writes untouched blocks as their source text).
    load_text: Callable[[int], str] | None = field(default=None, compare=False)
    # …or only the characters start … end - 1 of it (source id, start, end), read forward
    # a piece at a time, so the whole text is never held (see source_span).
    load_span: Callable[[int, int, int], str] | None = field(default=None, compare=False)
    # How many entries of entry_stream were made from text blocks or split off others.
    made_entries: int = 0
    # How many entries merged into others the blocks hold (original layer only).
    merged_entries: int = 0

    @property
    def entries(self) -> Sequence[EntryRecord]:
        if self.entry_stream is not None:
            return self.entry_stream
        # an entry merged into another stands in the blocks for the original text only
        return [b for b in self.blocks if isinstance(b, EntryRecord) and b.merged_into is None]

    @property
    def photos(self) -> Sequence[PhotoRecord]:
        if self.photo_stream is not None:
            return self.photo_stream
        return [b for b in self.blocks if isinstance(b, PhotoRecord)]

    def layer_entries(self, original: bool) -> Sequence[EntryRecord]:
        """The entries of a layer. The original holds what the import read: an entry the
        archivist made from a text block or split off is a change (corrected layer only);
        an entry merged into another stands where it was read, and with merges the
        entries are numbered as the import numbered them."""
        entries = self.entries
        if not original:
            return entries
        if self.merged_entries:
            count = len(entries) - self.made_entries + self.merged_entries
            return Stream(lambda: _as_read(self.blocks), count)
        if self.entry_stream is None:
            return [e for e in entries if not e.changed_structure]
        if not self.made_entries:
            return entries
        stream = self.entry_stream
        return Stream(
            lambda: (e for e in stream if not e.changed_structure),
            len(stream) - self.made_entries,
        )

    def layer_blocks(self, original: bool) -> Iterator[Record]:
        """The blocks of a layer in order: in the original a text block made an entry
        is the block (the entry is left out), in the corrected layer it is the entry."""
        for b in self.blocks:
            if original and isinstance(b, EntryRecord) and b.changed_structure:
                continue
            if original and isinstance(b, FragmentRecord) and b.cut_from is not None:
                continue
            if (
                not original
                and isinstance(b, FragmentRecord)
                and (b.made_into is not None or b.cut)
            ):
                continue
            if not original and isinstance(b, EntryRecord) and b.merged_into is not None:
                continue
            yield b

    def photos_by_id(self) -> dict[int, PhotoRecord]:
        return {p.id: p for p in self.photos}

    def source_text(self, source: SourceRecord) -> str:
        """The decoded text of ``source`` (read once, when the corpus was streamed)."""
        if self.load_text is None:
            return source.text
        cache = self._texts
        if source.id not in cache:
            cache[source.id] = self.load_text(source.id)
        return cache[source.id]

    @cached_property
    def _texts(self) -> dict[int, str]:
        return {}

    def source_span(self, source: SourceRecord, start: int, end: int) -> str:
        """``source_text(source)[start:end]``; a streamed corpus reads just that part."""
        if self.load_span is not None and self.load_text is not None:
            return self.load_span(source.id, start, end)
        return self.source_text(source)[start:end]

    def photos_for(self, ids: Sequence[int]) -> list[PhotoRecord]:
        """The photos with these ids that the corpus holds, in that order."""
        if not ids:
            return []
        if self.photo_lookup is not None:
            return self.photo_lookup(ids)
        by_id = self._photo_index
        return [by_id[i] for i in ids if i in by_id]

    @cached_property
    def _photo_index(self) -> dict[int, PhotoRecord]:
        return self.photos_by_id()


def _as_read(blocks: Sequence[Record]) -> Iterator[EntryRecord]:
    """The entries the import read, merged-away ones in their place, numbered 1, 2, …"""
    number = 0
    for b in blocks:
        if isinstance(b, EntryRecord) and not b.changed_structure:
            number += 1
            yield b if b.number == number else replace(b, number=number)
