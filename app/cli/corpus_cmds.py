"""import, info, export, backup, check."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from app.domain.encoding import ENCODINGS
from app.storage.importer import import_source
from app.storage.info import project_info
from app.storage.snapshot import snapshot

from .common import CliError, add_db, db_path, print_json, project


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import one or more source files into the project")
    p.add_argument("sources", nargs="+", metavar="SOURCE")
    add_db(p)
    p.add_argument(
        "--images", metavar="DIR", action="append", help="folder the photo links point into"
    )
    p.add_argument("--encoding", default="auto", choices=ENCODINGS)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("info", help="counts, missing photos, where the database is")
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_info)

    p = sub.add_parser("export", help="export the corpus (md, jsonl, csv, tei, txt)")
    add_db(p)
    p.add_argument("--format", required=True, choices=("md", "jsonl", "csv", "tei", "txt"))
    p.add_argument("--out", required=True, metavar="PATH")
    p.add_argument("--original", action="store_true", help="the text as OCR'd (diplomatic layer)")
    p.add_argument("--script", metavar="CONFIG", help="convert script, e.g. s2t, t2s, s2tw")
    p.add_argument(
        "--bagit", action="store_true", help="write a BagIt package (a folder) with photos"
    )
    p.add_argument("--entries", metavar="ID", type=int, nargs="+", help="only these entries")
    p.add_argument("--tag", metavar="TAG", help="only entries with this tag (or below it)")
    p.add_argument("--reviewed", action="store_true", help="only reviewed entries")
    p.set_defaults(func=cmd_export)

    p = sub.add_parser("backup", help="a consistent copy of the project (SQLite backup API)")
    add_db(p)
    p.add_argument("out", metavar="PATH")
    p.set_defaults(func=cmd_backup)

    p = sub.add_parser("check", help="integrity check of the project; changes nothing")
    add_db(p)
    p.set_defaults(func=cmd_check)


def cmd_import(args: argparse.Namespace) -> int:
    images = [Path(d) for d in args.images or []]
    for d in images:
        if not d.is_dir():
            raise CliError(f"--images {d}: not a folder")
    results = []
    with project(args, create=True) as proj:
        for src in args.sources:
            r = import_source(proj, src, images=images, encoding=args.encoding)
            results.append(r)
            if not args.json:
                print(
                    f"imported {r.file_name} ({r.encoding}{', BOM' if r.bom else ''}): "
                    f"{r.entries} entries, {r.photos} photos, {r.suggestions} suggestions"
                )
                for link, status, why in r.photo_problems:
                    print(f"  photo {link}: {status} ({why})")
    if args.json:
        print_json([r.as_dict() for r in results])
    else:
        print(f"project: {db_path(args)}")
    return 0


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
    for p in info["missing_photos"]:
        print(f"  photo {p['id']} {p['path']}: {p['file_status']} ({p['file_problem'] or ''})")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from app.domain.export import ExportError, export_corpus

    with project(args, readonly=True) as proj:
        corpus = snapshot(
            proj,
            entry_ids=args.entries,
            tag=args.tag,
            status="reviewed" if args.reviewed else None,
        )
    if not corpus.entries:
        raise CliError("nothing to export: no entries match")
    try:
        report = export_corpus(
            corpus,
            args.format,
            Path(args.out),
            original=args.original,
            script=args.script,
            bagit=args.bagit,
        )
    except ExportError as exc:
        raise CliError(str(exc)) from None
    except ValueError as exc:
        raise CliError(str(exc)) from None
    for w in report.warnings:
        print(f"warning: {w}", file=sys.stderr)
    print(f"exported {report.records} entries to {report.path}")
    return 0


def cmd_backup(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if out.exists() and out.resolve() == db_path(args).resolve():
        raise CliError("the backup cannot overwrite the project itself")
    with project(args, readonly=True) as proj:
        proj.backup(out)
    print(f"backup written to {out}")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from app.storage.info import verify_sources

    with project(args, readonly=True) as proj:
        problems = proj.integrity() + verify_sources(proj)
    if problems:
        for p in problems:
            print(p)
        raise CliError(f"{len(problems)} problem(s) found; nothing was changed")
    print("ok")
    return 0
