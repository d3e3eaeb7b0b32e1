"""Small projects for storage, CLI and window tests: a short text written to a file and
imported into a new project, and an export of a project read back as bytes."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.domain.export import export_corpus
from app.storage.db import Project, open_project
from app.storage.importer import import_source
from app.storage.snapshot import snapshot


def text_file(folder: Path, text: str, name: str = "v") -> Path:
    """``text`` written to ``folder/<name>.txt`` in UTF-8, the volume to import."""
    path = folder / f"{name}.txt"
    path.write_text(text, encoding="utf-8")
    return path


@contextmanager
def imported(db: Path, source: Path, images: list[Path] | None = None) -> Iterator[Project]:
    """A new project at ``db`` with ``source`` imported (and the photos in ``images``),
    open while the block runs."""
    with open_project(db) as project:
        import_source(project, source, images=images)
        yield project


@contextmanager
def project_from_text(folder: Path, text: str, name: str = "v") -> Iterator[Project]:
    """A new project at ``folder/<name>.db`` with ``text`` imported from
    ``folder/<name>.txt``, open while the block runs."""
    with imported(folder / f"{name}.db", text_file(folder, text, name)) as project:
        yield project


def exported(project: Project, path: Path, **kw) -> bytes:
    """The project exported to ``path`` in the format its suffix names; the file's bytes."""
    export_corpus(snapshot(project), path.suffix[1:], path, **kw)
    return path.read_bytes()


def unaccepted_suggestions(project: Project) -> list[tuple]:
    """Every suggestion not accepted, in a fixed order, to compare before and after."""
    return project.conn.execute(
        'SELECT rule, target_kind, target_id, field, start, "end", before, after, status'
        " FROM suggestion WHERE status <> 'accepted'"
        " ORDER BY target_kind, target_id, field, start, rule"
    ).fetchall()


def annotation_rows(project: Project) -> list[tuple]:
    """Every annotation's place and state, by id."""
    return project.conn.execute(
        'SELECT id, target_kind, target_id, field, start, "end", exact, status'
        " FROM annotation ORDER BY id"
    ).fetchall()


class _OriginalsAsText:
    """app.storage.originals as the import used it before migration 0022: every
    original stored as text, in the three columns the schema then had."""

    COLUMNS_SQL = "title_open_original, title_original, body_original"

    class Slicer:
        def __init__(self, conn, source_id) -> None:
            pass

        def columns(self, start: int, end: int, values) -> tuple:
            return tuple(values)

        def close(self) -> None:
            pass


def originals_as_text(monkeypatch) -> None:
    """Let the import write a project made with the migrations before 0022 (for tests
    that build one to upgrade): its originals as text, as every import then stored them."""
    import app.storage.importer as importer

    monkeypatch.setattr(importer, "originals", _OriginalsAsText)
