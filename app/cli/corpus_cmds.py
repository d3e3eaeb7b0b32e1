"""import, info, export, backup, check."""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

from app.domain.encoding import ENCODINGS
from app.domain.export import FORMATS as EXPORT_FORMATS
from app.storage.db import ProjectError, discard_new_project
from app.storage.importer import import_source
from app.storage.info import project_info
from app.storage.snapshot import streaming_snapshot

from .common import CliError, UsageError, add_db, add_quiet, db_path, print_json, project
from .progress import progress_for

# Photo problems listed by name without --verbose; a large volume can have thousands.
FIRST_PROBLEMS = 5


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import one or more source files into the project")
    p.add_argument(
        "sources", nargs="*", metavar="SOURCE", help="a source file; - reads standard input"
    )
    p.add_argument(
        "--sample",
        action="store_true",
        help="import the sample volume shipped with the app, with its photographs",
    )
    add_db(p)
    p.add_argument(
        "--images", metavar="DIR", action="append", help="folder the photo links point into"
    )
    p.add_argument("--encoding", default="auto", choices=ENCODINGS)
    p.add_argument(
        "--force",
        action="store_true",
        help="import with the --encoding given even when its text looks like mojibake",
    )
    p.add_argument("--json", action="store_true")
    add_quiet(p)
    p.add_argument(
        "-v", "--verbose", action="store_true", help="list every photo that could not be used"
    )
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("info", help="counts, missing photos, where the database is")
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.add_argument("-v", "--verbose", action="store_true", help="list every missing photo")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("export", help=f"export the corpus ({', '.join(EXPORT_FORMATS)})")
    add_db(p)
    p.add_argument("--format", required=True, choices=EXPORT_FORMATS)
    p.add_argument("--out", required=True, metavar="PATH", help="the file to write; - for stdout")
    p.add_argument("--original", action="store_true", help="the text as OCR'd (diplomatic layer)")
    p.add_argument("--script", metavar="CONFIG", help="convert script, e.g. s2t, t2s, s2tw")
    p.add_argument(
        "--bagit", action="store_true", help="write a BagIt package (a folder) with photos"
    )
    p.add_argument("--entries", metavar="ID", type=int, nargs="+", help="only these entries")
    p.add_argument("--tag", metavar="TAG", help="only entries with this tag (or below it)")
    p.add_argument("--reviewed", action="store_true", help="only reviewed entries")
    p.add_argument(
        "--apparatus",
        action="store_true",
        help="TEI: every accepted OCR correction as choice/sic/corr (a 校勘记 from the log)",
    )
    add_quiet(p)
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("backup", help="a consistent copy of the project (SQLite backup API)")
    add_db(p)
    p.add_argument("out", metavar="PATH")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser(
        "check",
        help="integrity check: damage, schema, sources, and the revision log replayed; changes"
        " nothing but the search index, after rows were written by another program",
    )
    add_db(p)
    p.add_argument("--json", action="store_true", help="the report as JSON (exit 1 on problems)")
    p.set_defaults(func=cmd_check)


def cmd_import(args: argparse.Namespace) -> int:
    from app.domain.bundled import sample_images, sample_source

    if not args.sources and not args.sample:
        raise UsageError("curator import: give a SOURCE file (- for stdin) or --sample")
    if args.sources.count("-") > 1:
        raise UsageError("curator import: standard input (-) can be read only once")
    images = [Path(d) for d in args.images or []]
    for d in images:
        if not d.is_dir():
            raise CliError(f"--images {d}: not a folder")
    sources: list[tuple[Path, list[Path], bytes | None]] = []
    if args.sample:
        sources.append((sample_source(), [*images, sample_images()], None))
    for src in args.sources:
        if src == "-":
            sources.append((Path("stdin"), images, sys.stdin.buffer.read()))
        else:
            sources.append((Path(src), images, None))
    results: list = []
    created = not db_path(args).exists()
    try:
        _import_all(args, sources, results)
    except BaseException:
        if created and not results:
            # A refused import into a new path leaves no empty project behind.
            discard_new_project(db_path(args))
        raise
    if args.json:
        print_json([r.as_dict() for r in results])
    else:
        print(f"project: {db_path(args)}")
    return 0


def _import_all(args: argparse.Namespace, sources, results: list) -> None:
    with project(args, create=True) as proj:
        for path, folders, raw in sources:
            with progress_for(args, f"importing {path.name}") as progress:
                r = import_source(
                    proj,
                    path,
                    images=folders,
                    encoding=args.encoding,
                    raw=raw,
                    progress=progress,
                    force=args.force,
                )
            results.append(r)
            if not args.json:
                print(
                    f"imported {r.file_name} ({r.encoding}{', BOM' if r.bom else ''}): "
                    f"{r.entries} entries, {r.photos} photos, {r.suggestions} suggestions"
                    + (f", {r.fragments} text blocks" if not r.entries and not r.photos else "")
                )
            warn_photo_problems(r.file_name, r.photo_problems, verbose=args.verbose)


def cmd_info(args: argparse.Namespace) -> int:
    with project(args, readonly=True) as proj:
        info = project_info(proj)
    if args.json:
        print_json(info)
        return 0
    print(f"project:     {info['database']}")
    print(f"sources:     {len(info['sources'])}")
    for s in info["sources"]:
        print(
            f"  {s['id']}: {s['file_name']} ({s['encoding']}, {s['size']} bytes, sha256 {s['sha256'][:12]}…)"
        )
    print(f"entries:     {info['entries']}  (reviewed {info['reviewed']})")
    print(
        f"photos:      {info['photos']}  (missing {len(info['missing_photos'])}, unconfirmed links {info['unconfirmed_links']})"
    )
    print(f"people:      {info['people']}")
    print(f"suggestions: {info['pending']} pending")
    for rule, n in info["pending_by_rule"].items():
        print(f"  {rule}: {n}")
    print(f"revisions:   {info['revisions']}")
    missing = info["missing_photos"]
    shown = missing if args.verbose else missing[:FIRST_PROBLEMS]
    for p in shown:
        print(f"  photo {p['id']} {p['path']}: {p['file_status']} ({p['file_problem'] or ''})")
    if len(shown) < len(missing):
        print(f"  … and {len(missing) - len(shown):,} more (--verbose lists them all)")
    return 0


def warn_photo_problems(
    name: str, problems: list[tuple[str, str, str]], *, verbose: bool = False
) -> None:
    """One summary on stderr: counts by kind, the first few links, all with ``verbose``."""
    if not problems:
        return
    counts = Counter(status for _link, status, _why in problems)
    kinds = ", ".join(f"{n:,} {status}" for status, n in counts.most_common())
    print(f"warning: {name}: {len(problems):,} photo link(s) not usable ({kinds})", file=sys.stderr)
    shown = problems if verbose else problems[:FIRST_PROBLEMS]
    for link, status, why in shown:
        print(f"  photo {link}: {status} ({why})", file=sys.stderr)
    if len(shown) < len(problems):
        print(
            f"  … and {len(problems) - len(shown):,} more (--verbose lists them all)",
            file=sys.stderr,
        )


def cmd_export(args: argparse.Namespace) -> int:
    # The project stays open while the export is written: a bag copies the original
    # source files out of it, and the corpus is streamed from it (one read transaction).
    if args.apparatus and args.format != "tei":
        raise UsageError("curator export: --apparatus is for --format tei")
    with (
        project(args, readonly=True) as proj,
        streaming_snapshot(
            proj,
            entry_ids=args.entries,
            tag=args.tag,
            status="reviewed" if args.reviewed else None,
            apparatus=args.apparatus,
        ) as corpus,
    ):
        return _export(args, corpus)


def _export(args: argparse.Namespace, corpus) -> int:
    from app.domain.export import ExportError, export_corpus

    to_stdout = args.out == "-"
    if to_stdout and args.bagit:
        raise UsageError("curator export: a BagIt package is a folder; --out - cannot hold one")
    if not corpus.blocks:
        # A volume of photographs and captions only has no entries and still exports.
        scoped = args.entries is not None or args.tag is not None or args.reviewed
        raise CliError(
            "nothing to export: no entries match"
            if scoped
            else "nothing to export: the project is empty"
        )
    # Written and checked like any export, then copied to stdout: a failed check never
    # leaves half an export in the pipe.
    staging = Path(tempfile.mkdtemp(prefix="curator-export-")) if to_stdout else None
    out = staging / f"export.{args.format}" if staging else Path(args.out)
    try:
        with progress_for(args, "exporting") as progress:
            report = export_corpus(
                corpus,
                args.format,
                out,
                original=args.original,
                script=args.script,
                bagit=args.bagit,
                progress=progress,
            )
        if staging:
            with open(out, "rb") as fh:
                shutil.copyfileobj(fh, sys.stdout.buffer)
            sys.stdout.flush()
    except ExportError as exc:
        raise CliError(str(exc)) from None
    except ValueError as exc:
        raise CliError(str(exc)) from None
    finally:
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
    for w in report.warnings:
        print(f"warning: {w}", file=sys.stderr)
    if not corpus.entries and args.format in ("jsonl", "csv", "txt") and not args.bagit:
        print(
            f"warning: the project has {len(corpus.photos)} photograph(s) and no entries;"
            f" {args.format} holds entries only (md, tei or --bagit keep the photographs)",
            file=sys.stderr,
        )
    where = "stdout" if to_stdout else report.path
    what = (
        f"{report.records} entries"
        if corpus.entries
        else f"0 entries, {len(corpus.photos)} photographs"
    )
    print(f"exported {what} to {where}", file=sys.stderr if to_stdout else None)
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    out = Path(args.out)
    with project(args, readonly=True) as proj:
        proj.backup(out)
    print(f"backup written to {out}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    """SQLite's checks, the schema, the sources and the replayed revision log."""
    from app.storage.check import (
        Problem,
        changed_outside_notice,
        check_project,
        refresh_changed_index,
    )
    from app.storage.search import index_current

    notices: list[str] = []
    try:
        with project(args, readonly=True) as proj:
            problems = check_project(proj)
            changed = list(proj.changed_outside)
            stale_index = not index_current(proj)
    except ProjectError as exc:
        if "does not have this app's schema" not in str(exc):
            raise
        # A file whose schema is not the app's is never opened; the refusal names why,
        # and each difference is a problem of its own.
        problems = [Problem("schema", str(db_path(args)), str(exc))] + [
            Problem("schema", "schema", p) for p in getattr(exc, "schema_problems", ())
        ]
        changed, stale_index = [], False
    if changed:
        notices.append(changed_outside_notice(changed))
    if stale_index:  # its per-entry check is skipped (app.storage.search.index_problems)
        notices.append("the search index was made by another version of the app")
    if changed or stale_index:
        notices.append(refresh_changed_index(db_path(args)))
    if args.json:
        report = {"ok": not problems, "problems": [p.as_dict() for p in problems]}
        if notices:
            report["notices"] = notices
        print_json(report)
        return 1 if problems else 0
    for notice in notices:
        print(f"notice: {notice}")
    if problems:
        for p in problems:
            print(p)
        untouched = "nothing else was changed" if changed or stale_index else "nothing was changed"
        raise CliError(f"{len(problems)} problem(s) found; {untouched}")
    print("ok")
    return 0
