"""annotate, records, index: annotations inside the text from the command line."""

from __future__ import annotations

import argparse
import sys
from dataclasses import asdict

from app.domain.annotation.model import KINDS, Annotation
from app.storage import annotation_suggestions as asug
from app.storage import annotations as ann
from app.storage import records as rec

from .common import CliError, UsageError, add_db, print_json, project

_KIND_HELP = f"one of {', '.join(KINDS)} (or p/l/o/d/q/t/c, org)"


def _cmd(sub, name: str, help: str, func) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help)
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=func)
    return p


def register(sub: argparse._SubParsersAction) -> None:
    a = sub.add_parser("annotate", help="annotations inside titles, bodies and captions")
    asub = a.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = _cmd(asub, "list", "annotations (of an entry), in reading order", cmd_list)
    p.add_argument("--entry", type=int, metavar="N")
    p.add_argument("--kind", metavar="KIND", help=_KIND_HELP)
    p.add_argument("--status", choices=("ok", "needs_review"))
    p = _cmd(asub, "add", "mark a span of an entry's title or body, or a caption", cmd_add)
    p.add_argument("entry", type=int, metavar="ENTRY", help="entry id (photo id with --photo)")
    p.add_argument("kind", metavar="KIND", help=_KIND_HELP)
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--text", metavar="TEXT", help="the text to mark (its first occurrence)")
    where.add_argument("--span", type=int, nargs=2, metavar=("START", "END"))
    p.add_argument("--nth", type=int, default=1, metavar="N", help="with --text: the Nth one")
    p.add_argument("--field", choices=("title", "body", "caption"), default=None)
    p.add_argument("--photo", action="store_true", help="ENTRY is a photo; mark its caption")
    p.add_argument("--record", metavar="NAME|ID", help="link to this record (made if new)")
    p.add_argument("--note", default="")
    p = _cmd(asub, "edit", "change an annotation's kind, record, note; confirm it", cmd_edit)
    p.add_argument("id", type=int, metavar="ID")
    p.add_argument("--kind", metavar="KIND", help=_KIND_HELP)
    p.add_argument("--record", metavar="NAME|ID")
    p.add_argument("--note")
    p.add_argument(
        "--confirm", action="store_true", help="needs review: it marks the text where it is now"
    )
    p = _cmd(asub, "remove", "remove annotations (one batch)", cmd_remove)
    p.add_argument("ids", type=int, nargs="+", metavar="ID")
    p = _cmd(asub, "suggest", "scan for suggested annotations, then list them", cmd_suggest)
    p.add_argument("--entry", type=int, metavar="N")
    p.add_argument("--kind", metavar="KIND")
    p.add_argument("--no-scan", action="store_true", help="list what was found before")
    p.add_argument("--status", choices=("pending", "accepted", "rejected"), default="pending")
    for action, func in (("accept", cmd_accept), ("reject", cmd_reject)):
        p = _cmd(asub, action, f"{action} suggested annotations (one batch)", func)
        g = p.add_mutually_exclusive_group(required=True)
        if action == "accept":
            g.add_argument("--safe", action="store_true", help="every pending safe suggestion")
        g.add_argument("--rule", metavar="CODE", help="every pending one of a scanner (ANN004)")
        g.add_argument("--id", type=int, nargs="+", metavar="N", dest="ids")
    p = _cmd(asub, "mark", "mark every occurrence of a text (preview with --preview)", cmd_mark)
    p.add_argument("text", metavar="TEXT")
    p.add_argument("kind", metavar="KIND", help=_KIND_HELP)
    p.add_argument("--record", metavar="NAME|ID")
    p.add_argument("--preview", action="store_true", help="list the occurrences, change nothing")
    p = _cmd(
        asub, "export", "every annotation, one row each with its record (CSV/XLSX)", cmd_export
    )
    p.add_argument("--out", required=True, metavar="PATH", help="a .csv or .xlsx file")
    p.add_argument("--entries", metavar="ID", type=int, nargs="+", help="only these entries")

    r = sub.add_parser("records", help="people, places and organisations that annotations name")
    rsub = r.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = _cmd(rsub, "list", "records with their occurrences", cmd_records_list)
    p.add_argument("kind", nargs="?", choices=("person", "place", "organisation", "org"))
    p.add_argument("query", nargs="?", help="part of a name or variant, in either script")
    p = _cmd(rsub, "add", "a new record (also when one of that name exists)", cmd_records_add)
    p.add_argument("kind", choices=("person", "place", "organisation", "org"))
    p.add_argument("name")
    p = _cmd(rsub, "edit", "name, variants, reading, identifiers of a record", cmd_records_edit)
    p.add_argument("kind", choices=("person", "place", "organisation", "org"))
    p.add_argument("record", metavar="NAME|ID")
    p.add_argument("--name")
    p.add_argument("--variant", action="append", metavar="NAME", help="the variants (repeat)")
    p.add_argument("--reading", help="pinyin for the index, e.g. 'zēng huá' or 'zeng1 hua2'")
    p.add_argument("--default-reading", action="store_true", help="pypinyin's reading again")
    for ident in ("wikidata", "cbdb_id", "chgis_id"):
        p.add_argument(f"--{ident.replace('_', '-')}", dest=ident, metavar="ID")
    p = _cmd(rsub, "merge", "merge MERGED into KEEP (annotations follow)", cmd_records_merge)
    p.add_argument("kind", choices=("person", "place", "organisation", "org"))
    p.add_argument("keep", metavar="KEEP")
    p.add_argument("merged", metavar="MERGED")
    p = _cmd(rsub, "split", "a new record takes some annotations of one", cmd_records_split)
    p.add_argument("kind", choices=("person", "place", "organisation", "org"))
    p.add_argument("record", metavar="NAME|ID")
    p.add_argument("name", metavar="NEW_NAME")
    p.add_argument("annotations", type=int, nargs="+", metavar="ANNOTATION")
    p = _cmd(rsub, "show", "a record and every occurrence", cmd_records_show)
    p.add_argument("kind", choices=("person", "place", "organisation", "org"))
    p.add_argument("record", metavar="NAME|ID")

    p = sub.add_parser("index", help="the volume's index (索引) by pinyin")
    add_db(p)
    p.add_argument("--format", choices=("md", "csv", "tei"), default="md")
    p.add_argument("--out", default="-", metavar="PATH", help="the file to write; - for stdout")
    p.add_argument(
        "--kind", action="append", choices=("person", "place", "organisation", "tag"),
        help="only these kinds (repeat); default all",
    )  # fmt: skip
    p.set_defaults(func=cmd_index)


# -- annotations ------------------------------------------------------------------------


def _row(a: Annotation) -> dict:
    return {
        "id": a.id,
        "kind": a.kind,
        "target": f"{a.target_kind}/{a.target_id}",
        "field": a.field,
        "start": a.start,
        "end": a.end,
        "quote": a.quote,
        "record_id": a.record_id,
        "note": a.note,
        "value": {k: v for k, v in asdict(a.value).items() if v},
        "status": a.status,
        "origin": a.origin,
    }


def _line(a: Annotation) -> str:
    value = a.value.when or (
        f"{a.value.quantity} {a.value.unit or ''}".strip() if a.value.quantity else ""
    )
    extra = "  ".join(
        x
        for x in (
            f"→{a.record_id}" if a.record_id else "",
            value,
            f"note: {a.note}" if a.note else "",
            "NEEDS REVIEW" if a.status != "ok" else "",
        )
        if x
    )
    quote = a.quote.replace("\n", "⏎")
    return f"{a.id:>6} {a.target_kind} {a.target_id:>5} {a.field:<7} {a.start:>5}–{a.end:<5} {a.kind:<12} {quote}  {extra}".rstrip()


def cmd_list(args) -> int:
    with project(args, readonly=True) as proj:
        items = ann.list_annotations(proj, entry_id=args.entry, kind=args.kind, status=args.status)
    if args.json:
        print_json([_row(a) for a in items])
        return 0
    for a in items:
        print(_line(a))
    review = sum(a.status != "ok" for a in items)
    print(f"{len(items)} annotation(s)" + (f", {review} need review" if review else ""))
    return 0


def _record_ref(proj, kind: str, ref: str | None, batch=None) -> int | None:
    """A record id from an id or a name; a new name makes a record."""
    if ref is None:
        return None
    if kind not in ("person", "place", "organisation"):
        raise UsageError(f"curator annotate: a {kind} annotation links to no record")
    if ref.isdigit():
        return rec.resolve_record(proj, kind, ref)
    with proj.write() as conn:
        rid = rec.find_record(conn, kind, ref)
        if rid is None:
            from app.storage.db import current_user
            from app.storage.revisions import Batch

            who = current_user()
            rid = rec.record_for_name(
                conn,
                kind,
                ref,
                who=who,
                batch=batch or Batch(proj, "records", f"new {kind} {ref}", who),
            )
    return rid


def cmd_add(args) -> int:
    kind = ann.kind_of(args.kind)
    target_kind = "photo" if args.photo else "entry"
    field = args.field or ("caption" if args.photo else "body")
    with project(args) as proj:
        with proj.write() as conn:
            text = ann.field_text(conn, target_kind, args.entry, field)
            if args.span:
                start, end = args.span
            else:
                start = -1
                for _ in range(max(1, args.nth)):
                    start = text.find(args.text, start + 1)
                    if start < 0:
                        raise CliError(
                            f"“{args.text}” is not in {target_kind} {args.entry} {field}"
                            + (f" {args.nth} times" if args.nth > 1 else "")
                        )
                end = start + len(args.text)
            record_id = _record_ref(proj, kind, args.record)
            aid = ann.add_annotation(
                proj, target_kind, args.entry, field, start, end, kind,
                record_id=record_id, note=args.note,
            )  # fmt: skip
        a = ann.get_annotation(proj.conn, aid)
    if args.json:
        print_json(_row(a))
    else:
        print(_line(a))
    return 0


def cmd_edit(args) -> int:
    with project(args) as proj:
        with proj.write() as conn:
            a = ann.get_annotation(conn, args.id)
            kind = ann.kind_of(args.kind) if args.kind else a.kind
            kw = {}
            if args.record is not None:
                kw["record_id"] = _record_ref(proj, kind, args.record)
            span = (a.start, a.end) if args.confirm else None
            rev = ann.edit_annotation(
                proj, args.id, kind=args.kind, note=args.note, span=span, **kw
            )
        a = ann.get_annotation(proj.conn, args.id)
    if args.json:
        print_json(_row(a) | {"revision": rev})
    else:
        print(_line(a) + ("" if rev else "  (unchanged)"))
    return 0


def cmd_remove(args) -> int:
    with project(args) as proj:
        batch = ann.remove_annotations(proj, args.ids)
    print(f"removed {len(set(args.ids))} annotation(s) in batch {batch}")
    return 0


def cmd_suggest(args) -> int:
    with project(args) as proj:
        if not args.no_scan:
            asug.suggest(proj, entry_id=args.entry)
        items = asug.list_annotation_suggestions(
            proj, status=args.status, kind=ann.kind_of(args.kind) if args.kind else None,
            entry_id=args.entry,
        )  # fmt: skip
    if args.json:
        print_json([asdict(s) for s in items])
        return 0
    for s in items:
        quote = s.exact.replace("\n", "⏎")
        print(
            f"{s.id:>6} {s.rule} {s.safety:<6} {s.target_kind} {s.target_id:>5} {s.field:<7}"
            f" {s.kind:<12} {quote}  {s.message}"
        )
    safe = sum(s.safety == "safe" for s in items)
    print(f"{len(items)} {args.status} annotation suggestion(s), {safe} safe")
    return 0


def _report(what: str, batch, n: int, problems: list[str]) -> int:
    for p in problems:
        print(f"curator: {p}", file=sys.stderr)
    print(f"{what} {n} annotation suggestion(s)" + (f" in batch {batch}" if batch else ""))
    return 1 if problems and not n else 0


def cmd_accept(args) -> int:
    with project(args) as proj:
        batch, n, problems = asug.accept_annotations(proj, args.ids, safe=args.safe, rule=args.rule)
    return _report("accepted", batch, n, problems)


def cmd_reject(args) -> int:
    with project(args) as proj:
        batch, n, problems = asug.reject_annotations(proj, args.ids, rule=args.rule)
    return _report("rejected", batch, n, problems)


def cmd_mark(args) -> int:
    kind = ann.kind_of(args.kind)
    with project(args, readonly=args.preview) as proj:
        if args.preview:
            found = asug.occurrences(proj, args.text, kind)
            for o in found:
                print(f"{o.target_kind} {o.target_id:>5} {o.field:<7} {o.start:>5}  …{o.context}…")
            print(f"{len(found)} occurrence(s) would be marked as {kind}")
            return 0
        record_id = None
        if args.record and args.record.isdigit():
            record_id = rec.resolve_record(proj, kind, args.record)
        batch, n = asug.mark_every_occurrence(
            proj, args.text, kind, record_id=record_id,
            record_name=None if record_id else args.record,
        )  # fmt: skip
    print(f"marked {n} occurrence(s) as {kind}" + (f" in batch {batch}" if batch else ""))
    return 0


# -- records ----------------------------------------------------------------------------


def _kind(k: str | None) -> str | None:
    return {"org": "organisation"}.get(k, k) if k else None


def cmd_records_list(args) -> int:
    with project(args, readonly=True) as proj:
        items = rec.list_records(proj, _kind(args.kind), args.query)
    if args.json:
        print_json([asdict(r) for r in items])
        return 0
    for r in items:
        ids = " ".join(f"{k}={v}" for k, v in r.identifiers.items())
        variants = "、".join(r.variants)
        print(
            f"{r.kind:<12} {r.id:>5} {r.name}  entries {list(r.entries)}  annotations {r.annotations}"
            + (f"  ({variants})" if variants else "")
            + (f"  [{r.reading}]" if r.reading else "")
            + (f"  {ids}" if ids else "")
        )
    print(f"{len(items)} record(s)")
    return 0


def cmd_records_add(args) -> int:
    with project(args) as proj:
        rid = rec.create_record(proj, _kind(args.kind), args.name)
    print(f"{_kind(args.kind)} {rid} {args.name}")
    return 0


def cmd_records_edit(args) -> int:
    kind = _kind(args.kind)
    kw: dict = {}
    if args.reading and args.default_reading:
        raise UsageError("curator records edit: --reading or --default-reading, not both")
    if args.reading:
        kw["reading"] = args.reading
    elif args.default_reading:
        kw["reading"] = None
    ids = {k: getattr(args, k) for k in ("wikidata", "cbdb_id", "chgis_id") if getattr(args, k)}
    with project(args) as proj:
        rid = rec.resolve_record(proj, kind, args.record)
        changed = rec.update_record(
            proj, kind, rid, name=args.name, variants=args.variant, identifiers=ids, **kw
        )
    print(f"{kind} {rid}: " + ("changed" if changed else "unchanged"))
    return 0


def cmd_records_merge(args) -> int:
    kind = _kind(args.kind)
    with project(args) as proj:
        keep = rec.resolve_record(proj, kind, args.keep)
        merged = rec.resolve_record(proj, kind, args.merged)
        batch = rec.merge_records(proj, kind, keep, merged)
    print(f"merged {kind} {merged} into {keep} in batch {batch}")
    return 0


def cmd_records_split(args) -> int:
    kind = _kind(args.kind)
    with project(args) as proj:
        rid = rec.resolve_record(proj, kind, args.record)
        new, batch = rec.split_record(proj, kind, rid, args.name, args.annotations)
    print(
        f"new {kind} {new} {args.name} took {len(set(args.annotations))} annotation(s) in batch {batch}"
    )
    return 0


def cmd_records_show(args) -> int:
    kind = _kind(args.kind)
    with project(args, readonly=True) as proj:
        rid = rec.resolve_record(proj, kind, args.record)
        summary = next(r for r in rec.list_records(proj, kind) if r.id == rid)
        items = ann.list_annotations(proj, record=(kind, rid))
    if args.json:
        print_json(asdict(summary) | {"occurrences": [_row(a) for a in items]})
        return 0
    print(f"{kind} {rid} {summary.name}  entries {list(summary.entries)}")
    for a in items:
        print(_line(a))
    return 0


# -- index ------------------------------------------------------------------------------


def cmd_index(args) -> int:
    from lxml import etree

    from app.domain.annotation.index import tei_index, to_csv, to_markdown
    from app.domain.export.atomic import atomic_write
    from app.domain.export.csvfile import neutralise_cell
    from app.storage.annotation_index import project_index

    with project(args, readonly=True) as proj:
        entries = project_index(proj, tuple(args.kind) if args.kind else None)
    if args.format == "md":
        out = to_markdown(entries).encode("utf-8")
    elif args.format == "csv":
        out = to_csv(entries, neutralise_cell).encode("utf-8")
    else:
        prefix = {"person": "p", "place": "pl", "organisation": "o"}
        div = tei_index(
            entries,
            lambda e: f"#{prefix[e.kind]}{e.key}" if e.kind in prefix else None,
            lambda eid: f"#e{eid}",
        )
        out = etree.tostring(div, encoding="utf-8", xml_declaration=True, pretty_print=True)
    if args.out == "-":
        sys.stdout.buffer.write(out)
        sys.stdout.flush()
    else:
        with atomic_write(args.out, "wb") as fh:
            fh.write(out)
        print(
            f"wrote the index of {len(entries)} name(s) and tag(s) to {args.out}", file=sys.stderr
        )
    return 0


def cmd_export(args) -> int:
    from app.domain.export import ExportError
    from app.domain.export.common import ExportContext
    from app.domain.export.standoff import export_annotations
    from app.storage.snapshot import snapshot

    with project(args, readonly=True) as proj:
        corpus = snapshot(proj, entry_ids=args.entries)
    try:
        n = export_annotations(ExportContext(corpus), args.out)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    print(f"wrote {n} annotation(s) to {args.out}")
    return 0
