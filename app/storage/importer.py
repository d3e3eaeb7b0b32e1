"""Importing a source file into a project: all or nothing, the bytes kept as they were."""

from __future__ import annotations

import codecs
import hashlib
import json
import os
import stat
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app.domain.document import Entry, Fragment, Photo, printed_with_brackets
from app.domain.encoding import (
    HEAD_BYTES,
    Decoded,
    DecodeError,
    decode,
    encode,
    newline_of,
    utf8_streamable,
)
from app.domain.parser import parse_blocks
from app.domain.paths import LinkResolver

from . import originals
from .db import Project, ProjectError, current_user, now
from .people import PersonIndex
from .revisions import next_entry_id, next_fragment_id
from .search import MAIN_ROW_WIDTH, bulk_index, main_index_row
from .sections import section_key
from .sources import text_to_store
from .suggestions import (
    PACK_COLUMNS,
    PACK_HEAD,
    flatten,
    insert_flat,
    insert_many,
    next_id,
    number_packs,
    prune_cut_hints,
    rows_per_statement,
    target_packs,
)
from .tag_suggestions import rescan_entry_tags

Progress = Callable[[int, int], bool]  # (done, total) → False to cancel

#: Targets per chunk of the scan/index pipeline (see :func:`_scan_and_index`).
PIPELINE_CHUNK = 1000


class ImportError_(ProjectError):
    """The file was not imported; nothing changed."""


class ImportCancelled(ProjectError):
    pass


@dataclass
class ImportResult:
    source_id: int
    file_name: str
    encoding: str
    bom: bool
    newline: str
    sha256: str
    entries: int = 0
    photos: int = 0
    fragments: int = 0
    attributions: int = 0
    suggestions: int = 0
    tag_suggestions: int = 0
    photo_problems: list[tuple[str, str, str]] = field(default_factory=list)  # (link, status, why)
    roundtrip: bool = True

    def as_dict(self) -> dict:
        return asdict(self)


def _layout_json(layout) -> dict | None:
    # vars() of the frozen dataclass: dataclasses.asdict() deep-copies and is slow.
    return dict(vars(layout)) if layout is not None else None


_CHUNK = 1 << 20


def _round_trips(decoded, raw: bytes) -> bool:
    """Whether writing the text back in its encoding gives the bytes imported.

    UTF-8 is compared chunk by chunk (a stateless encoding, so chunks of the text encode
    to consecutive slices of the bytes), without a second 120 MB copy of the file.
    """
    if decoded.encoding != "utf-8":
        return encode(decoded.text, decoded.encoding, decoded.bom) == raw
    text, view = decoded.text, memoryview(raw)
    pos = len(codecs.BOM_UTF8) if decoded.bom else 0
    if decoded.bom and raw[:pos] != codecs.BOM_UTF8:
        return False
    for i in range(0, len(text), _CHUNK):
        piece = text[i : i + _CHUNK].encode("utf-8")
        if view[pos : pos + len(piece)] != piece:
            return False
        pos += len(piece)
    return pos == len(raw)


def _check_photo(resolved_file: Path) -> tuple[str, str | None]:
    """'ok' or 'damaged' for a file inside the allowed folders."""
    try:
        from app.domain.images import ImageProblem, inspect
    except ImportError:  # pragma: no cover - the images module is part of the app
        return "ok", None
    try:
        inspect(resolved_file)
    except ImageProblem as exc:
        return "damaged", str(exc)
    return "ok", None


class _ScanPipeline:
    """Stores the rules' suggestions for the targets of each chunk and indexes its
    entries, one chunk behind the chunk being parsed and stored.

    A worker thread runs the rules and computes the search shadow of a chunk (pure
    Python) while this thread parses and stores the next one — SQLite releases the GIL
    while it inserts and builds the FTS5 index, so the two overlap on two cores. The
    suggestions are stored as packs (one per field, rule and safety, see
    :func:`~app.storage.suggestions.target_packs`), numbered in the order the chunks
    come (each chunk's entries, photos, fragments, by id). Only two chunks are held at a
    time: memory is bounded by a chunk, not by the volume.
    """

    def __init__(self, conn, index, *, scan: bool):
        self.conn, self.index, self.scan = conn, index, scan
        self.stamp = now()
        self.per_pack = rows_per_statement(conn, PACK_COLUMNS)
        self.per_index = rows_per_statement(conn, MAIN_ROW_WIDTH)
        self.following_id = next_id(conn)  # the worker numbers the chunks' packs in order
        self.suggestions = 0
        self.tag_suggestions = 0
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-scan")
        self._ahead: tuple[Future, list[int]] | None = None

    def _prepare(
        self, jobs: list[tuple], unbracketed: set[int]
    ) -> tuple[int, list[tuple], tuple[int, int, list[tuple]]]:
        packs: list[tuple] = []
        main: list[tuple] = []
        for kind, target_id, texts in jobs:
            if self.scan:
                # a dated or headed entry never had a 【 to lose: no STR001 on its title_open
                skip = "title_open" if kind == "entry" and target_id in unbracketed else None
                packs.extend(target_packs(kind, target_id, texts, self.stamp, skip=skip))
            if self.index is not None and kind == "entry":
                main.append(main_index_row(target_id, texts[1], texts[2]))
        span = (main[0][0], main[-1][0]) if main else (0, 0)
        first = self.following_id
        numbered, self.following_id = number_packs(packs, first)
        return (
            self.following_id - first,
            flatten(numbered, self.per_pack),
            (*span, flatten(main, self.per_index)),
        )

    def push(self, jobs: list[tuple], unbracketed: set[int], entry_ids: list[int]) -> None:
        """Hand the worker a stored chunk's targets; store the chunk before it."""
        ahead = self._pool.submit(self._prepare, jobs, unbracketed) if jobs else None
        self._finish()
        if ahead is not None:
            self._ahead = (ahead, entry_ids)

    def _finish(self) -> None:
        if self._ahead is None:
            return
        future, entry_ids = self._ahead
        self._ahead = None
        n, rows, (first, last, main) = future.result()
        insert_flat(self.conn, PACK_HEAD, PACK_COLUMNS, rows)
        self.suggestions += n
        if main:
            self.index.add_main(first, last, main)
        if self.scan and entry_ids:
            self.tag_suggestions += rescan_entry_tags(self.conn, entry_ids)

    def close(self) -> None:
        """Store the last chunk (call once every chunk is pushed)."""
        self._finish()

    def __enter__(self) -> _ScanPipeline:
        self._interval = sys.getswitchinterval()
        # The thread inserting waits for the GIL after every statement; the default 5 ms
        # switch interval left SQLite idle a third of the time.
        sys.setswitchinterval(min(self._interval, 0.0002))
        return self

    def __exit__(self, *exc) -> None:
        self._ahead = None
        self._pool.shutdown(wait=True, cancel_futures=True)
        sys.setswitchinterval(self._interval)


class _Rows:
    """Turns the parser's blocks into the rows of the tables, chunk by chunk: ids,
    people, photo links (a photo before any entry links to the next one, which may
    come in a later chunk) and the targets the rules scan."""

    def __init__(self, project: Project, conn, source_id: int, stamp: str, resolver, result):
        self.conn, self.source_id, self.resolver, self.result = conn, source_id, resolver, result
        self.people = PersonIndex(conn, stamp)
        self.next_entry = next_entry_id(conn)  # never an id an entry made from a block had
        self.next_photo = (project.scalar("SELECT coalesce(max(id), 0) FROM photo") or 0) + 1
        self.next_fragment = next_fragment_id(conn)  # never an id a part of a cut block had
        self.seq = 0
        self.last_entry_id: int | None = None
        self.orphan_photos: list[int] = []  # photos before any entry: link to the next one
        self.slicer = originals.Slicer(conn, source_id)  # originals as runs of the bytes (0022)

    def store(self, blocks: list) -> tuple[list[tuple], set[int], list[int]]:
        """Insert the rows of *blocks*; (jobs, unbracketed entry ids, entry ids) of the
        chunk for :meth:`_ScanPipeline.push`."""
        # (kind, id, texts of FIELDS[kind]) of every new target, for the rules and index
        entry_jobs: list[tuple] = []
        photo_jobs: list[tuple] = []
        fragment_jobs: list[tuple] = []
        entry_rows, photo_rows, fragment_rows, attributions, links = [], [], [], [], []
        unbracketed: set[int] = set()  # dated and headed entries: no 【 to lose
        people, resolver, source_id = self.people, self.resolver, self.source_id
        for block in blocks:
            seq = self.seq
            self.seq += 1
            s = block.span
            if isinstance(block, Entry):
                eid = self.next_entry
                self.next_entry += 1
                layout = {"attribution": _layout_json(block.attribution), "newline": block.newline}
                if block.lead:
                    layout["lead"] = block.lead
                if not printed_with_brackets(block.form):
                    layout.update(form=block.form, title_sep=block.title_sep, date=block.date)
                    if block.title_break:
                        layout["title_break"] = block.title_break
                    unbracketed.add(eid)
                if block.authors_raw is not None:
                    layout["authors_raw"] = block.authors_raw
                entry_rows.append(
                    (
                        eid,
                        source_id,
                        seq,
                        s.line,
                        s.start,
                        s.end,
                        block.title_open,
                        block.title,
                        block.body,
                        *self.slicer.columns(
                            s.start, s.end, (block.title_open, block.title, block.body)
                        ),
                        json.dumps(layout, ensure_ascii=False),
                        json.dumps(list(block.section), ensure_ascii=False),
                        section_key(block.section),
                        block.page,
                    )
                )
                entry_jobs.append(("entry", eid, (block.title_open, block.title, block.body)))
                for pos, name in enumerate(block.authors):
                    attributions.append((people.get(name), "author", eid, None, pos, name))
                for pid in self.orphan_photos:
                    links.append((pid, eid, 0, "import"))
                self.orphan_photos = []
                self.last_entry_id = eid
            elif isinstance(block, Photo):
                pid = self.next_photo
                self.next_photo += 1
                resolved = resolver.resolve(block.path)
                status, problem = resolved.status, resolved.problem
                if resolved.file is not None:
                    status, problem = _check_photo(resolved.file)
                if status != "ok":
                    self.result.photo_problems.append((block.path, status, problem or ""))
                layout = {
                    "credit": _layout_json(block.credit),
                    "has_caption_line": block.has_caption_line,
                    "newline": block.newline,
                }
                if block.credit_raw is not None:
                    layout["credit_raw"] = block.credit_raw
                if block.source_credit is not None:
                    layout["source_credit"] = list(block.source_credit)
                photo_rows.append(
                    (
                        pid,
                        source_id,
                        seq,
                        s.line,
                        s.start,
                        s.end,
                        block.path,
                        block.alt,
                        block.caption,
                        block.caption,
                        json.dumps(layout, ensure_ascii=False),
                        str(resolved.file) if resolved.file else None,
                        status,
                        problem,
                        block.page,
                    )
                )
                photo_jobs.append(("photo", pid, (block.caption,)))
                for pos, name in enumerate(block.photographers):
                    attributions.append((people.get(name), "photographer", None, pid, pos, name))
                if self.last_entry_id is not None:
                    links.append((pid, self.last_entry_id, 0, "import"))
                else:
                    self.orphan_photos.append(pid)
            elif isinstance(block, Fragment):
                fid = self.next_fragment
                self.next_fragment += 1
                fragment_jobs.append(("fragment", fid, (block.text,)))
                fragment_rows.append(
                    (
                        fid,
                        source_id,
                        seq,
                        s.line,
                        s.start,
                        s.end,
                        block.text,
                        block.text,
                        block.role,
                        block.level,
                        block.page,
                        block.date,
                    )
                )
        conn = self.conn
        insert_many(
            conn,
            'INSERT INTO entry (id, source_id, seq, line, start, "end", title_open, title, body,'
            f" {originals.COLUMNS_SQL}, layout, section, section_key, page)",
            entry_rows,
        )
        insert_many(
            conn,
            'INSERT INTO photo (id, source_id, seq, line, start, "end", path, alt, caption,'
            " caption_original, layout, file, file_status, file_problem, page)",
            photo_rows,
        )
        insert_many(
            conn,
            'INSERT INTO fragment (id, source_id, seq, line, start, "end", text, text_original,'
            " role, level, page, date)",
            fragment_rows,
        )
        insert_many(
            conn,
            "INSERT INTO attribution (person_id, role, entry_id, photo_id, position, raw)",
            attributions,
        )
        insert_many(conn, "INSERT INTO photo_link (photo_id, entry_id, confirmed, origin)", links)
        result = self.result
        result.entries += len(entry_rows)
        result.photos += len(photo_rows)
        result.fragments += len(fragment_rows)
        result.attributions += len(attributions)
        return entry_jobs + photo_jobs + fragment_jobs, unbracketed, [r[0] for r in entry_rows]


# The largest source: SQLite keeps no value over 1,000,000,000 bytes (SQLITE_MAX_LENGTH),
# and the bytes are one value. A UTF-8 file is read in pieces (its bytes are never held
# whole, see _Source); a file in another encoding is decoded whole, and over the quarter
# gigabyte it was always bounded by that would cost several times its size in memory.
MAX_SOURCE_BYTES = 900 * 1024 * 1024
MAX_WHOLE_BYTES = 256 * 1024 * 1024


def _too_big(limit: int) -> str:
    return f"larger than {limit // (1024 * 1024)} MiB; not a source file"


def display_name(path: Path) -> str:
    """The file name as text that can be stored and shown: bytes that are not UTF-8 in a
    name (a volume copied from an old CD) become U+FFFD instead of failing the insert."""
    return os.fsencode(path.name).decode("utf-8", "replace")


def _text(value: str) -> str:
    return value.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _json_paths(folders: list[Path]) -> str:
    """The folders as JSON; a name with bytes that are not UTF-8 is kept exactly, as
    the JSON escapes of its surrogates (json.loads gives the same path back)."""
    text = json.dumps([str(f) for f in folders], ensure_ascii=False)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return json.dumps([str(f) for f in folders], ensure_ascii=True)
    return text


def _open_source(path: Path) -> tuple[int, int]:
    """(descriptor, size) of a source file: a regular file of bounded size, never a
    device or a FIFO (opened without blocking, so a pipe with no writer cannot hang the
    import)."""
    name = display_name(path)
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise ImportError_(f"{name}: no such file") from None
    except IsADirectoryError:
        raise ImportError_(f"{name}: is a folder, not a source file") from None
    except OSError as exc:
        raise ImportError_(f"{name}: cannot read ({exc.strerror})") from None
    try:
        st = os.fstat(fd)
        if stat.S_ISDIR(st.st_mode):
            raise ImportError_(f"{name}: is a folder, not a source file")
        if not stat.S_ISREG(st.st_mode):
            raise ImportError_(f"{name}: not a regular file (a device, pipe or socket)")
        if st.st_size > MAX_SOURCE_BYTES:
            raise ImportError_(f"{name}: {_too_big(MAX_SOURCE_BYTES)}")
    except BaseException:
        os.close(fd)
        raise
    return fd, st.st_size


def _pieces(fd: int, name: str, limit: int) -> Iterator[bytes]:
    """The bytes of an open source from its start, a mebibyte at a time."""
    os.lseek(fd, 0, os.SEEK_SET)
    total = 0
    try:
        while piece := os.read(fd, _CHUNK):
            total += len(piece)
            if total > limit:  # grew while being read
                raise ImportError_(f"{name}: {_too_big(limit)}")
            yield piece
    except OSError as exc:
        raise ImportError_(f"{name}: cannot read ({exc.strerror})") from None


class _Source:
    """A source read for the import: its decoding, its SHA-256 and its bytes.

    A UTF-8 file (detected, or named with ``--encoding utf-8``) is read a mebibyte at a
    time, hashed and decoded piece by piece, and copied into the project the same way
    (:meth:`store`): its bytes are never one object, and SQLite never holds a copy of
    them either (incremental blob I/O). Anything else — another encoding, bytes given
    by the caller, a file that is not valid UTF-8 — is read whole and decoded by
    :func:`app.domain.encoding.decode`, which gives the same decoding and the same
    messages for every file.
    """

    def __init__(self, path: Path, raw: bytes | None, encoding: str, force: bool):
        self.name = display_name(path)
        self.raw = raw
        self.fd: int | None = None
        if raw is not None:
            if len(raw) > MAX_SOURCE_BYTES:
                raise ImportError_(f"{self.name}: {_too_big(MAX_SOURCE_BYTES)}")
        else:
            self.fd, self.size = _open_source(path)
        try:
            streamed = self._streamed(encoding) if raw is None else None
            if streamed is None:
                self._whole(encoding, force)
            else:
                self.decoded, self.sha = streamed
                self.roundtrip = True  # strict UTF-8 is one to one: the text gives the bytes
        except BaseException:
            self.close()
            raise

    def _whole(self, encoding: str, force: bool) -> None:
        if self.raw is None:
            assert self.fd is not None
            if self.size > MAX_WHOLE_BYTES:
                raise ImportError_(f"{self.name}: {_too_big(MAX_WHOLE_BYTES)}")
            self.raw = b"".join(_pieces(self.fd, self.name, MAX_WHOLE_BYTES))
        self.size = len(self.raw)
        try:
            self.decoded = decode(self.raw, encoding, force=force)
        except DecodeError as exc:
            raise ImportError_(f"{self.name}: {exc}") from None
        self.sha = hashlib.sha256(self.raw).hexdigest()
        self.roundtrip = _round_trips(self.decoded, self.raw)

    def _streamed(self, encoding: str) -> tuple[Decoded, str] | None:
        """The UTF-8 decoding and hash of the file read in pieces, or None where
        decode() has to see the whole bytes (or says why they are refused)."""
        assert self.fd is not None
        pieces = _pieces(self.fd, self.name, MAX_SOURCE_BYTES)
        head = b""
        for piece in pieces:  # decode()'s checks look at the file's start only
            head += piece
            if len(head) >= HEAD_BYTES:
                break
        bom = utf8_streamable(head, encoding)
        if bom is None:
            return None
        sha = hashlib.sha256(head)
        utf8 = codecs.getincrementaldecoder("utf-8")("strict")
        try:
            texts = [utf8.decode(head[len(codecs.BOM_UTF8) :] if bom else head)]
            del head
            for piece in pieces:
                sha.update(piece)
                texts.append(utf8.decode(piece))
            texts.append(utf8.decode(b"", final=True))
        except UnicodeDecodeError:
            return None  # another encoding, or not text: decode() says which
        text = "".join(texts)
        del texts
        return Decoded(text, "utf-8", bom, newline_of(text)), sha.hexdigest()

    def store(self, conn, source_id: int) -> None:
        """Write the bytes into the source row made with ``zeroblob(size)``."""
        with conn.blobopen("source", "raw", source_id) as blob:
            if self.raw is not None:
                view = memoryview(self.raw)
                for i in range(0, len(view), _CHUNK):
                    blob.write(view[i : i + _CHUNK])
                return
            assert self.fd is not None
            sha = hashlib.sha256()
            written = 0
            for piece in _pieces(self.fd, self.name, MAX_SOURCE_BYTES):
                sha.update(piece)
                written += len(piece)
                if written > self.size:
                    break
                blob.write(piece)
            if written != self.size or sha.hexdigest() != self.sha:
                raise ImportError_(f"{self.name}: changed while it was being imported")

    def close(self) -> None:
        if self.fd is not None:
            os.close(self.fd)
            self.fd = None


def import_source(
    project: Project,
    path: Path | str,
    *,
    images: list[Path] | None = None,
    encoding: str = "auto",
    who: str | None = None,
    progress: Progress | None = None,
    scan: bool = True,
    raw: bytes | None = None,
    force: bool = False,
) -> ImportResult:
    """Import one source file. Raises :class:`ImportError_` with a clear message.

    ``raw`` gives the source's bytes when they come from no file (``curator import -``):
    ``path`` then only names the source, and photo links resolve against ``images`` and
    the working folder. ``force`` imports a forced encoding even when its text looks
    like mojibake. ``progress(done, total)`` says how far into the text (in characters)
    the blocks are stored, scanned and indexed; ``done == total`` at the end, before the
    search index is finished and the transaction commits.
    """
    path = Path(path)
    who = who or current_user()
    from_file = raw is None
    source = _Source(path, raw, encoding, force)
    del raw  # held by the source (given bytes, or a file that is not UTF-8) or never read
    try:
        return _import(project, path, source, images, who, progress, scan, from_file)
    finally:
        source.close()


def _import(
    project: Project,
    path: Path,
    source: _Source,
    images: list[Path] | None,
    who: str,
    progress: Progress | None,
    scan: bool,
    from_file: bool,
) -> ImportResult:
    name, decoded, sha, roundtrip = source.name, source.decoded, source.sha, source.roundtrip
    existing = project.query(
        "SELECT id, file_name, imported_at FROM source WHERE sha256 = ?", (sha,)
    )
    if existing:
        e = existing[0]
        raise ImportError_(
            f"{name}: already imported as source {e['id']} ({e['file_name']}, {e['imported_at']})"
        )
    beside = path.parent if from_file else Path.cwd()
    # --images means what it says: only the folders named; the source's own folder is
    # used only when none is named.
    folders = [Path(p).resolve() for p in images] if images else [beside.resolve()]

    result = ImportResult(
        source_id=0,
        file_name=name,
        encoding=decoded.encoding,
        bom=decoded.bom,
        newline=decoded.newline,
        sha256=sha,
        roundtrip=roundtrip,
    )
    stamp = now()
    # The search index is built once for the new rows at the end, not row by row; the
    # transaction has a rollback journal when no one else has the project open, so the
    # import needs about the disk it adds, not twice that (Project.rollback_journal).
    with (
        project.rollback_journal(),
        project.write() as conn,
        bulk_index(conn) as index,
    ):
        # NULL (nearly always): the text is the decoding of the bytes (app.storage.sources).
        # A source read in pieces is UTF-8, which text_to_store decides without its bytes.
        text_value = text_to_store(decoded, source.raw or b"", roundtrip)
        # The bytes are written into the row piece by piece (Source.store), not bound as
        # one value that SQLite would copy twice; raw is the row's last column (0026), so
        # its zeroblob goes to the pages as zeros without being made in memory first.
        cur = conn.execute(
            "INSERT INTO source (file_name, path, images_dirs, encoding, bom, newline, sha256, size,"
            " text, imported_at, imported_by, raw) VALUES (?,?,?,?,?,?,?,?,?,?,?,zeroblob(?))",
            (
                name,
                _text(str(path.resolve())) if from_file else "-",
                _json_paths(folders),
                decoded.encoding,
                int(decoded.bom),
                decoded.newline,
                sha,
                source.size,
                text_value,
                stamp,
                who,
                source.size,
            ),
        )
        source_id = cur.lastrowid
        source.store(conn, source_id)
        result.source_id = source_id
        conn.execute(
            "INSERT INTO batch (at, who, kind, label) VALUES (?,?,?,?)",
            (stamp, who, "import", f"import {name}"),
        )
        source.raw = text_value = None  # stored; the text lives on while it is parsed
        # Parsed inside the transaction, after the source row, and stored in chunks as the
        # blocks come: the document is never held whole (the import's memory is the text
        # and a chunk). A text with no entry or photo the parser knows still imports: its
        # text is kept as fragments, which the archivist sees and can turn into entries.
        text = decoded.text
        source.decoded = decoded = None  # type: ignore[assignment]
        size = max(len(text), 1)
        rows = _Rows(project, conn, source_id, stamp, LinkResolver(folders), result)

        def report(done: int) -> None:
            if progress and progress(done, size) is False:
                raise ImportCancelled("import cancelled; nothing was imported")

        report(0)
        with _ScanPipeline(conn, index, scan=scan) as pipeline:
            chunk: list = []
            for block in parse_blocks(text):
                chunk.append(block)
                if len(chunk) == PIPELINE_CHUNK:
                    pipeline.push(*rows.store(chunk))
                    report(min(block.span.end, size - 1))
                    chunk = []
            pipeline.push(*rows.store(chunk))
            rows.slicer.close()
            del chunk, text
            pipeline.close()
        result.suggestions = pipeline.suggestions
        result.tag_suggestions = pipeline.tag_suggestions
        if scan:
            result.suggestions -= prune_cut_hints(conn, source_id)  # STR005 needs the next entry
        report(size)
    return result
