"""entries — correct how the parser cut the text into entries: split one in two (the
same storage call as the window's "Split the entry here")."""

from __future__ import annotations

import argparse

from .common import CliError, add_db, project


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("entries", help="split an entry in two (or merge two) where the OCR erred")
    entries = p.add_subparsers(dest="entries_command", metavar="ACTION", required=True)

    q = entries.add_parser(
        "split",
        help="split an entry: a new entry takes the body from there on (one batch:"
        " curator revert --batch takes it back)",
    )
    add_db(q)
    q.add_argument("entry", type=int, metavar="ID", help="the entry's id")
    where = q.add_mutually_exclusive_group(required=True)
    where.add_argument("--at", type=int, metavar="N", help="the offset in the body (0 = its start)")
    where.add_argument(
        "--before", metavar="TEXT", help="before the first place in the body where TEXT stands"
    )
    q.set_defaults(func=cmd_split)

    q = entries.add_parser(
        "merge",
        help="merge the entry right after ID into it: its text, tags, photos and authors"
        " (one batch: curator revert --batch takes it back)",
    )
    add_db(q)
    q.add_argument("entry", type=int, metavar="ID", help="the first entry's id")
    q.set_defaults(func=cmd_merge)


def cmd_split(args: argparse.Namespace) -> int:
    from app.storage.splitting import split_entry

    with project(args) as proj:
        at = args.at
        if args.before is not None:
            body = proj.scalar("SELECT body FROM entry WHERE id = ?", (args.entry,))
            if body is None:
                raise CliError(f"no entry {args.entry}")
            at = body.find(args.before)
            if at < 0:
                raise CliError(f"entry {args.entry}: {args.before!r} is not in its body")
        batch = split_entry(proj, args.entry, at)
        new = proj.scalar("SELECT max(id) FROM entry WHERE split_from = ?", (args.entry,))
    print(
        f"entry {args.entry} split: entry {new} takes the rest of its body"
        f" (batch {batch}; curator revert --batch {batch} takes it back)"
    )
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from app.storage.merging import merge_with_next, next_entry

    with project(args) as proj:
        second = (
            next_entry(proj.conn, args.entry)
            if proj.scalar("SELECT 1 FROM entry WHERE id = ?", (args.entry,))
            else None
        )
        batch = merge_with_next(proj, args.entry)
    print(
        f"entry {second} merged into entry {args.entry}"
        f" (batch {batch}; curator revert --batch {batch} takes it back)"
    )
    return 0
