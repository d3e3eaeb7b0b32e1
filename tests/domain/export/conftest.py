"""Fixtures: the sample volume turned into a Corpus snapshot without a database."""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from app.domain.corpus import (
    Corpus,
    EntryRecord,
    FragmentRecord,
    PersonRef,
    PhotoRecord,
    Record,
    SourceRecord,
)
from app.domain.document import Document, Entry, Photo
from app.domain.parser import parse
from app.domain.paths import resolve_link
from tests.paths import SAMPLE

SAMPLE_PHOTOS = (
    "00703786.jpg",
    "00703787.jpg",
    "00703788.jpg",
    "00703789.jpg",
    "00703791.jpg",
    "00703792.jpg",
)


def corpus_from_document(
    doc: Document,
    source_bytes: bytes,
    encoding: str,
    bom: bool,
    *,
    file_name: str = "000_87c299a4ca3d8bb6.txt",
    images_dir: Path | None = None,
    project: str = "sample",
    source_id: int = 1,
    id_offset: int = 0,
    people: dict[str, int] | None = None,
) -> Corpus:
    """What storage would hand the exporters after an untouched import.

    Photos illustrate the entry before them; people get ids in order of appearance.
    """
    people = {} if people is None else people

    def refs(names: tuple[str, ...]) -> tuple[PersonRef, ...]:
        return tuple(PersonRef(people.setdefault(n, len(people) + 1), n) for n in names)

    source = SourceRecord(
        id=source_id,
        file_name=file_name,
        encoding=encoding,
        bom=bom,
        sha256=hashlib.sha256(source_bytes).hexdigest(),
        size=len(source_bytes),
        imported_at="2024-01-01T00:00:00+00:00",
        text=doc.text,
        images_dir=str(images_dir) if images_dir else None,
    )
    blocks: list[Record] = []
    entry_photos: dict[int, list[int]] = {}
    last_entry: int | None = None
    number = 0
    for seq, b in enumerate(doc.blocks, start=1):
        rid = id_offset + seq
        common = dict(
            id=rid,
            source_id=source_id,
            seq=seq,
            line=b.span.line,
            start=b.span.start,
            end=b.span.end,
        )
        if isinstance(b, Entry):
            number += 1
            last_entry = rid
            entry_photos[rid] = []
            blocks.append(
                EntryRecord(
                    **common,
                    number=number,
                    title_open=b.title_open,
                    title=b.title,
                    body=b.body,
                    title_open_original=b.title_open,
                    title_original=b.title,
                    body_original=b.body,
                    authors=refs(b.authors),
                    authors_original=b.authors,
                    attribution=b.attribution,
                    newline=b.newline,
                    lead=b.lead,
                    authors_raw=b.authors_raw,
                    section=b.section,
                    page=b.page,
                    form=b.form,
                    title_sep=b.title_sep,
                    date=b.date,
                )
            )
        elif isinstance(b, Photo):
            if images_dir is not None:
                resolved = resolve_link(b.path, [images_dir])
                file = str(resolved.file) if resolved.file else None
                status, problem = resolved.status, resolved.problem
            else:
                file, status, problem = None, "missing", "no image folder"
            if last_entry is not None:
                entry_photos[last_entry].append(rid)
            blocks.append(
                PhotoRecord(
                    **common,
                    path=b.path,
                    alt=b.alt,
                    caption=b.caption,
                    caption_original=b.caption,
                    photographers=refs(b.photographers),
                    photographers_original=b.photographers,
                    credit=b.credit,
                    credit_raw=b.credit_raw,
                    has_caption_line=b.has_caption_line,
                    newline=b.newline,
                    file=file,
                    file_status=status,
                    file_problem=problem,
                    entry_ids=(last_entry,) if last_entry is not None else (),
                    link_confirmed=False,
                )
            )
        else:
            blocks.append(
                FragmentRecord(
                    **common,
                    text=b.text,
                    text_original=b.text,
                    role=b.role,
                    level=b.level,
                    page=b.page,
                    date=b.date,
                )
            )
    blocks = [
        replace(b, photo_ids=tuple(entry_photos[b.id])) if isinstance(b, EntryRecord) else b
        for b in blocks
    ]
    return Corpus(
        project=project,
        database=f"{project}.sqlite",
        sources=(source,),
        blocks=tuple(blocks),
        people=tuple(PersonRef(i, n) for n, i in people.items()),
        snapshot_at="2024-01-02T00:00:00+00:00",
        read_source=lambda sid: _chunks(source_bytes, sid, source_id),
    )


def _chunks(data: bytes, wanted: int, source_id: int):
    """The source's bytes in chunks, as storage hands them out of the BLOB."""
    if wanted != source_id:
        raise KeyError(f"no source {wanted}")
    for i in range(0, len(data), 4096):
        yield data[i : i + 4096]


def corpus_from_bytes(data: bytes, encoding: str = "utf-8", **kw) -> Corpus:
    bom = False
    if encoding == "utf-8" and data.startswith(b"\xef\xbb\xbf"):
        bom = True
        text = data[3:].decode("utf-8")
    else:
        text = data.decode(encoding)
        if text.startswith("\ufeff"):
            bom, text = True, text[1:]
    return corpus_from_document(parse(text), data, encoding, bom, **kw)


def with_entries(corpus: Corpus, change: Callable[[EntryRecord], EntryRecord]) -> Corpus:
    return replace(
        corpus,
        blocks=tuple(change(b) if isinstance(b, EntryRecord) else b for b in corpus.blocks),
    )


def with_photos(corpus: Corpus, change: Callable[[PhotoRecord], PhotoRecord]) -> Corpus:
    return replace(
        corpus,
        blocks=tuple(change(b) if isinstance(b, PhotoRecord) else b for b in corpus.blocks),
    )


@pytest.fixture
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()


@pytest.fixture
def image_dir(tmp_path: Path) -> Path:
    """Stand-in photographs with the sample's file names (distinct bytes each)."""
    folder = tmp_path / "src" / "images"
    folder.mkdir(parents=True)
    for i, name in enumerate(SAMPLE_PHOTOS):
        (folder / name).write_bytes(b"\xff\xd8\xff\xe0 stand-in " + bytes([i]) * 64)
    return folder


@pytest.fixture
def sample_corpus(sample_bytes: bytes) -> Corpus:
    return corpus_from_bytes(sample_bytes)


@pytest.fixture
def sample_with_images(sample_bytes: bytes, image_dir: Path) -> Corpus:
    return corpus_from_bytes(sample_bytes, images_dir=image_dir.parent)


@pytest.fixture
def builders():
    """The helpers above, for tests (conftest modules are not imported directly)."""

    class B:
        from_document = staticmethod(corpus_from_document)
        from_bytes = staticmethod(corpus_from_bytes)
        entries = staticmethod(with_entries)
        photos = staticmethod(with_photos)

    return B
