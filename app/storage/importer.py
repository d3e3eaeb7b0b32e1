"""Importing a source file into a project: all or nothing, the bytes kept as they were."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from app.domain.document import Entry, Fragment, Photo
from app.domain.encoding import DecodeError, decode, encode
from app.domain.parser import parse
from app.domain.paths import LinkResolver

from .db import Project, ProjectError, current_user, now
from .people import PersonIndex
from .search import bulk_index
from .suggestions import insert_many

Progress = Callable[[int, int], bool]  # (done, total) → False to cancel


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
    photo_problems: list[tuple[str, str, str]] = field(default_factory=list)  # (link, status, why)
    roundtrip: bool = True

    def as_dict(self) -> dict:
        return asdict(self)


def _layout_json(layout) -> dict | None:
    # vars() of the frozen dataclass: dataclasses.asdict() deep-copies and is slow.
    return dict(vars(layout)) if layout is not None else None


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


def import_source(
    project: Project,
    path: Path | str,
    *,
    images: list[Path] | None = None,
    encoding: str = "auto",
    who: str | None = None,
    progress: Progress | None = None,
    scan: bool = True,
) -> ImportResult:
    """Import one source file. Raises :class:`ImportError_` with a clear message."""
    path = Path(path)
    who = who or current_user()
    if not path.exists():
        raise ImportError_(f"{path}: no such file")
    if path.is_dir():
        raise ImportError_(f"{path}: is a folder, not a source file")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ImportError_(f"{path}: cannot read ({exc.strerror})") from None
    try:
        decoded = decode(raw, encoding)
    except DecodeError as exc:
        raise ImportError_(f"{path.name}: {exc}") from None
    sha = hashlib.sha256(raw).hexdigest()
    existing = project.query(
        "SELECT id, file_name, imported_at FROM source WHERE sha256 = ?", (sha,)
    )
    if existing:
        e = existing[0]
        raise ImportError_(
            f"{path.name}: already imported as source {e['id']} ({e['file_name']}, {e['imported_at']})"
        )
    doc = parse(decoded.text)
    if not doc.entries and not doc.photos:
        raise ImportError_(
            f"{path.name}: no entries (【title】…) or photos found; nothing imported"
        )
    folders = [Path(p).resolve() for p in (images or [])] + [path.parent.resolve()]
    roundtrip = encode(decoded.text, decoded.encoding, decoded.bom) == raw

    result = ImportResult(
        source_id=0,
        file_name=path.name,
        encoding=decoded.encoding,
        bom=decoded.bom,
        newline=decoded.newline,
        sha256=sha,
        roundtrip=roundtrip,
    )
    total = len(doc.blocks)
    stamp = now()
    # The search index is built once for the new rows at the end, not row by row.
    with project.write() as conn, bulk_index(conn):
        cur = conn.execute(
            "INSERT INTO source (file_name, path, images_dirs, encoding, bom, newline, sha256, size,"
            " raw, text, imported_at, imported_by) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                path.name,
                str(path.resolve()),
                json.dumps([str(f) for f in folders], ensure_ascii=False),
                decoded.encoding,
                int(decoded.bom),
                decoded.newline,
                sha,
                len(raw),
                raw,
                decoded.text,
                stamp,
                who,
            ),
        )
        source_id = cur.lastrowid
        result.source_id = source_id
        conn.execute(
            "INSERT INTO batch (at, who, kind, label) VALUES (?,?,?,?)",
            (stamp, who, "import", f"import {path.name}"),
        )
        people = PersonIndex(conn, stamp)
        resolver = LinkResolver(folders)
        next_entry = (project.scalar("SELECT coalesce(max(id), 0) FROM entry") or 0) + 1
        next_photo = (project.scalar("SELECT coalesce(max(id), 0) FROM photo") or 0) + 1
        entry_rows, photo_rows, fragment_rows, attributions, links = [], [], [], [], []
        last_entry_id: int | None = None
        orphan_photos: list[int] = []  # photos before any entry: link to the next one
        for seq, block in enumerate(doc.blocks):
            if progress and seq % 2000 == 0 and progress(seq, total) is False:
                raise ImportCancelled("import cancelled; nothing was imported")
            s = block.span
            if isinstance(block, Entry):
                eid = next_entry
                next_entry += 1
                layout = {"attribution": _layout_json(block.attribution), "newline": block.newline}
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
                        block.title_open,
                        block.title,
                        block.body,
                        json.dumps(layout, ensure_ascii=False),
                    )
                )
                for pos, name in enumerate(block.authors):
                    attributions.append((people.get(name), "author", eid, None, pos, name))
                for pid in orphan_photos:
                    links.append((pid, eid, 0, "import"))
                orphan_photos = []
                last_entry_id = eid
            elif isinstance(block, Photo):
                pid = next_photo
                next_photo += 1
                resolved = resolver.resolve(block.path)
                status, problem = resolved.status, resolved.problem
                if resolved.file is not None:
                    status, problem = _check_photo(resolved.file)
                if status != "ok":
                    result.photo_problems.append((block.path, status, problem or ""))
                layout = {
                    "credit": _layout_json(block.credit),
                    "has_caption_line": block.has_caption_line,
                    "newline": block.newline,
                }
                if block.credit_raw is not None:
                    layout["credit_raw"] = block.credit_raw
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
                    )
                )
                for pos, name in enumerate(block.photographers):
                    attributions.append((people.get(name), "photographer", None, pid, pos, name))
                if last_entry_id is not None:
                    links.append((pid, last_entry_id, 0, "import"))
                else:
                    orphan_photos.append(pid)
            elif isinstance(block, Fragment):
                fragment_rows.append(
                    (source_id, seq, s.line, s.start, s.end, block.text, block.text)
                )
        insert_many(
            conn,
            'INSERT INTO entry (id, source_id, seq, line, start, "end", title_open, title, body,'
            " title_open_original, title_original, body_original, layout)",
            entry_rows,
        )
        insert_many(
            conn,
            'INSERT INTO photo (id, source_id, seq, line, start, "end", path, alt, caption,'
            " caption_original, layout, file, file_status, file_problem)",
            photo_rows,
        )
        insert_many(
            conn,
            'INSERT INTO fragment (source_id, seq, line, start, "end", text, text_original)',
            fragment_rows,
        )
        insert_many(
            conn,
            "INSERT INTO attribution (person_id, role, entry_id, photo_id, position, raw)",
            attributions,
        )
        insert_many(conn, "INSERT INTO photo_link (photo_id, entry_id, confirmed, origin)", links)
        result.entries = len(entry_rows)
        result.photos = len(photo_rows)
        result.fragments = len(fragment_rows)
        result.attributions = len(attributions)
        if scan:
            from .suggestions import scan_source

            result.suggestions = scan_source(project, source_id, progress=progress)
        if progress and progress(total, total) is False:
            raise ImportCancelled("import cancelled; nothing was imported")
    return result
