"""Exporters: a corpus snapshot → Markdown, JSONL, CSV, XLSX, TEI P5 or plain text, optionally
as a BagIt package. Pure Python (no Qt, no SQL); the CLI and the window call
:func:`export_corpus` only.

Every file is written atomically (see :mod:`.atomic`) and checked before it replaces
anything: JSONL line count, CSV and XLSX row count, TEI re-parse. A cancelled or failed export
leaves the target as it was.
"""

from __future__ import annotations

import hashlib
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from app.domain.corpus import Corpus
from app.domain.paths import target_problem

from .atomic import atomic_write
from .bag import (
    SOURCES_DIR,
    copy_photos,
    copy_sources,
    finish_bag,
    make_staging,
    plan_photos,
    plan_sources,
    portable_name,
    write_sidecar,
)
from .common import ExportContext
from .csvfile import read_csv_cell, verify_csv, write_csv
from .errors import ExportCancelled, ExportError
from .jsonl import verify_jsonl, write_jsonl
from .markdown import write_markdown
from .tei import verify_tei, write_tei
from .txt import write_txt
from .xlsx import verify_xlsx, write_xlsx

FORMATS = ("md", "jsonl", "csv", "xlsx", "tei", "txt")
EXTENSIONS = {
    "md": "md",
    "jsonl": "jsonl",
    "csv": "csv",
    "xlsx": "xlsx",
    "tei": "xml",
    "txt": "txt",
}

__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "ExportCancelled",
    "ExportError",
    "ExportReport",
    "atomic_write",
    "export_corpus",
    "read_csv_cell",
]


@dataclass(frozen=True)
class ExportReport:
    path: Path  # the file written, or the bag folder
    format: str
    records: int  # entries written
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""  # of the export file (inside data/ for a bag)
    bag: bool = False
    photos: int = 0  # photographs copied into the bag


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _write_file(ctx: ExportContext, fmt: str, path: Path) -> tuple[int, str]:
    expected = len(ctx.entries)
    digest: list[str] = []

    def check(tmp: Path) -> None:
        if fmt == "jsonl":
            verify_jsonl(tmp, expected)
        elif fmt == "csv":
            verify_csv(tmp, expected)
        elif fmt == "tei":
            verify_tei(tmp, expected)
        elif fmt == "xlsx":
            verify_xlsx(tmp, expected)
        digest.append(_sha256(tmp))

    writers: dict[str, Callable[[ExportContext, Any], int]] = {
        "md": write_markdown,
        "jsonl": write_jsonl,
        "tei": write_tei,
        "txt": write_txt,
        "xlsx": write_xlsx,
    }
    if fmt == "csv":
        with atomic_write(path, "w", encoding="utf-8", newline="", before_replace=check) as fh:
            count = write_csv(ctx, fh)
    else:
        with atomic_write(path, "wb", before_replace=check) as fh:
            count = writers[fmt](ctx, fh)
    return count, digest[0]


def _bag_info(
    ctx: ExportContext,
    fmt: str,
    name: str,
    digest: str,
    count: int,
    photos: int,
    sources: dict[int, str],
) -> dict[str, str | list[str]]:
    """bag-info.txt: RFC 8493's reserved fields where the project says something true
    for them (Source-Organization only when the organisation is set), then ours."""
    corpus, settings = ctx.corpus, ctx.corpus.settings
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    layer = "original" if ctx.original else "corrected"
    title = settings.title or corpus.project
    info: dict[str, str | list[str]] = {}
    if settings.organisation:
        info["Source-Organization"] = settings.organisation
    info["External-Description"] = (
        f"{title}: export of the project {corpus.project} ({fmt}, {layer} layer"
        f"{', script ' + ctx.script if ctx.script else ''}), with the original source"
        " file(s) it was imported from"
    )
    info["External-Identifier"] = f"{name} sha256:{digest}"
    if settings.title:
        info["Export-Title"] = settings.title
    if settings.licence:
        info["Export-Licence"] = settings.licence
    info.update(
        {
            "Export-Format": fmt,
            "Export-Layer": layer,
            "Export-Date": now,
            "Export-Entries": str(count),
            "Export-Photos": str(photos),
            "Snapshot-Date": corpus.snapshot_at or now,
            "Source-File": [
                f"{SOURCES_DIR}/{sources[s.id]} sha256:{s.sha256} (imported as {s.file_name})"
                for s in corpus.sources
            ]
            or ["(none)"],
        }
    )
    if ctx.script:
        info["Export-Script"] = ctx.script
    return info


def export_corpus(
    corpus: Corpus,
    fmt: str,
    out: Path,
    *,
    original: bool = False,
    script: str | None = None,
    bagit: bool = False,
    progress: Callable[[int, int], bool] | None = None,
) -> ExportReport:
    """Write ``corpus`` as ``fmt`` to ``out`` (a file; a folder when ``bagit``).

    ``progress(done, total)`` is called as entries (and, for a bag, photographs) are
    written; returning False raises :class:`ExportCancelled` and leaves ``out`` as it was.
    """
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    out = Path(out)
    problem = target_problem(out, corpus.database or None, folder=bagit)
    if problem:
        raise ExportError(problem)
    ctx = ExportContext(corpus, original=original, script=script, progress=progress)
    if not bagit:
        if out.is_dir():
            raise ExportError(f"{out} is a folder; give a file name (or use a BagIt export)")
        ctx.start(len(ctx.entries))
        count, digest = _write_file(ctx, fmt, out)
        return ExportReport(out, fmt, count, ctx.warnings, digest)

    plan = plan_photos(ctx)
    sources = plan_sources(ctx)
    staging = make_staging(out)
    try:
        ctx.start(len(ctx.entries) + len(plan) + len(sources))
        copy_sources(ctx, staging, sources)
        copy_photos(ctx, staging, plan)
        if not original:
            # Links in the bag point at the copies, relative to the export file.
            for pid, (_, name) in plan.items():
                ctx.photo_links[pid] = f"images/{name}"
        name = f"{portable_name(corpus.project or 'corpus')}.{EXTENSIONS[fmt]}"
        count, digest = _write_file(ctx, fmt, staging / name)
        write_sidecar(ctx, staging, plan)
        info = _bag_info(ctx, fmt, name, digest, count, len(plan), sources)
        ctx.check_cancel()
        finish_bag(staging, out, info)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return ExportReport(out, fmt, count, ctx.warnings, digest, bag=True, photos=len(plan))
