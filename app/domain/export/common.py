"""What every format shares: the layer being written, lookups built once, script
conversion, progress and warnings.

Exporters see the corpus only through :class:`ExportContext`, which answers "the
title/body/authors/caption of this record in the chosen layer, in the chosen script"
so the layer and script rules live in one place.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from app.domain.corpus import Corpus, EntryRecord, FragmentRecord, PhotoRecord, SourceRecord

from .errors import ExportCancelled, ExportError

Converter = Callable[[str], str]
Progress = Callable[[int, int], bool]

_SURROGATE = re.compile("[\ud800-\udfff]")


def _make_converter(config: str, protect: Iterable[str]) -> Converter:
    """Indirection so tests can substitute a fake; the real engine loads lazily."""
    try:
        from app.domain.convert import make_converter
    except ImportError as exc:  # pragma: no cover - depends on the tree
        raise ExportError(f"script conversion is not available: {exc}") from exc
    try:
        return make_converter(config, protect=protect)
    except (ValueError, KeyError, LookupError, FileNotFoundError) as exc:
        raise ExportError(f"unknown script conversion {config!r}: {exc}") from exc


def _identity(text: str) -> str:
    return text


@dataclass
class ExportContext:
    corpus: Corpus
    original: bool = False
    script: str | None = None
    progress: Progress | None = None
    warnings: list[str] = field(default_factory=list)
    # photo id → link to write instead of the source's (set when photos are copied into a bag)
    photo_links: dict[int, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if self.original and self.script:
            raise ExportError(
                "script conversion applies to the corrected layer only, not to --original"
            )
        corpus = self.corpus
        self.sources: dict[int, SourceRecord] = {s.id: s for s in corpus.sources}
        # Sequences: lists for a corpus in memory, streams (read as the export runs, so
        # memory stays flat) for one from storage. Iterate them; never index them.
        self.entries: Sequence[EntryRecord] = corpus.layer_entries(self.original)
        self.photos: Sequence[PhotoRecord] = corpus.photos
        self.person_ids: dict[str, int] = {p.name: p.id for p in corpus.people}
        # The names conversion must leave alone: only a converted export needs them (one
        # more pass over the corpus, holding the distinct names only).
        names: set[str] = set()
        if self.script:
            names.update(self.person_ids)
            for e in self.entries:
                names.update(p.name for p in e.authors)
                names.update(e.authors_original)
            for p in self.photos:
                names.update(x.name for x in p.photographers)
                names.update(p.photographers_original)
        self.names = frozenset(n for n in names if n)
        self.convert: Converter = (
            _make_converter(self.script, sorted(self.names)) if self.script else _identity
        )
        self._done = 0
        self._total = 0
        self._step = 1

    # -- progress ----------------------------------------------------------------

    def start(self, total: int) -> None:
        self._done, self._total = 0, total
        self._step = max(1, total // 200)
        self.check_cancel()

    def tick(self, n: int = 1) -> None:
        self._done += n
        if self._done % self._step == 0 or self._done >= self._total:
            self.check_cancel()

    def check_cancel(self) -> None:
        if self.progress is not None and self.progress(self._done, self._total) is False:
            raise ExportCancelled("export cancelled")

    # -- fields in the chosen layer and script ------------------------------------

    def title_open(self, e: EntryRecord) -> str:
        return e.title_open_original if self.original else e.title_open

    def title(self, e: EntryRecord) -> str:
        return e.title_original if self.original else self.convert(e.title)

    def body(self, e: EntryRecord) -> str:
        return e.body_original if self.original else self.convert(e.body)

    def authors(self, e: EntryRecord) -> tuple[str, ...]:
        return e.authors_original if self.original else tuple(p.name for p in e.authors)

    def author_refs(self, e: EntryRecord) -> list[tuple[int | None, str]]:
        """(person id, name) pairs; original names are matched to people by name."""
        if self.original:
            return [(self.person_ids.get(n), n) for n in e.authors_original]
        return [(p.id, p.name) for p in e.authors]

    def caption(self, p: PhotoRecord) -> str:
        return p.caption_original if self.original else self.convert(p.caption)

    def photographers(self, p: PhotoRecord) -> tuple[str, ...]:
        return p.photographers_original if self.original else tuple(x.name for x in p.photographers)

    def photographer_refs(self, p: PhotoRecord) -> list[tuple[int | None, str]]:
        if self.original:
            return [(self.person_ids.get(n), n) for n in p.photographers_original]
        return [(x.id, x.name) for x in p.photographers]

    def fragment(self, f: FragmentRecord) -> str:
        return f.text_original if self.original else self.convert(f.text)

    def tags(self, e: EntryRecord) -> tuple[str, ...]:
        return tuple(self.convert(t) for t in e.tags) if self.script else e.tags

    def note(self, text: str) -> str:
        return self.convert(text) if text else text

    def link(self, p: PhotoRecord) -> str:
        if self.original:
            return p.path
        return self.photo_links.get(p.id, p.path)

    def entry_photos(self, e: EntryRecord) -> list[PhotoRecord]:
        return self.corpus.photos_for(e.photo_ids)

    def source_of(self, record: EntryRecord | PhotoRecord | FragmentRecord) -> SourceRecord | None:
        return self.sources.get(record.source_id)

    def warn(self, message: str) -> None:
        self.warnings.append(message)


def check_no_surrogates(entry_id: int | str, fields: dict[str, str]) -> None:
    """A lone surrogate (a damaged import) cannot be encoded; name the entry instead."""
    for name, value in fields.items():
        if value and _SURROGATE.search(value):
            raise ExportError(
                f"entry {entry_id}: {name} contains a lone surrogate (damaged text); "
                "fix it before exporting"
            )
