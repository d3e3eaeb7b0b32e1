"""A read-only snapshot of a project, as exporters and reports see it.

Storage builds it in one read transaction; exporters turn it into files. Keeping the
snapshot in plain frozen dataclasses means every export format is pure Python and is
tested without a database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

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
    text: str  # decoded source text (BOM removed), line endings as in the file
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
    form: str = "titled"  # "dated": a chronology's event, its date the title (no 【】)
    title_sep: str = ""
    date: str | None = None


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


@dataclass(frozen=True)
class Corpus:
    """Everything an export needs, in source order."""

    project: str  # project name (the database file's stem)
    database: str
    sources: tuple[SourceRecord, ...]
    blocks: tuple[Record, ...]  # ordered by (source, seq)
    people: tuple[PersonRef, ...] = ()
    tags: tuple[tuple[str, str | None], ...] = ()  # (path, colour) of every tag in use
    snapshot_at: str = ""
    settings: Settings = field(default_factory=Settings)
    changes: tuple[ChangeRecord, ...] = ()  # the revision log summarised, newest first
    # source id → its bytes as imported, in chunks (a BagIt export copies the sources)
    read_source: Callable[[int], Iterator[bytes]] | None = field(default=None, compare=False)
    extra: dict[str, str] = field(default_factory=dict)
    # annotations, their records and (for an apparatus) corrections; None: not read
    annotations: AnnotationLayer | None = None

    @property
    def entries(self) -> list[EntryRecord]:
        return [b for b in self.blocks if isinstance(b, EntryRecord)]

    @property
    def photos(self) -> list[PhotoRecord]:
        return [b for b in self.blocks if isinstance(b, PhotoRecord)]

    def photos_by_id(self) -> dict[int, PhotoRecord]:
        return {p.id: p for p in self.photos}
