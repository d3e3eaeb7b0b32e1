"""blocks (text blocks: what the parser did not read as an entry or a photo) — list them,
make one an entry (the same storage call as the window's "Make entry…")."""

from __future__ import annotations

import argparse
import json

from .common import add_db, print_json, project


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("blocks", help="text blocks the parser did not read as entries or photos")
    blocks = p.add_subparsers(dest="blocks_command", metavar="ACTION", required=True)

    q = blocks.add_parser("list", help="the prose, headings and tables, in reading order")
    add_db(q)
    q.add_argument("--json", action="store_true")
    q.set_defaults(func=cmd_list)

    q = blocks.add_parser(
        "make-entry",
        help="make a prose block an entry (one revision: curator revert takes it back)",
    )
    add_db(q)
    q.add_argument("block", type=int, metavar="ID", help="the block's id (curator blocks list)")
    q.add_argument(
        "--title", metavar="T", help="the entry's title (default: the block's first line)"
    )
    q.set_defaults(func=cmd_make_entry)


def _first(text: str, width: int = 40) -> str:
    from app.storage.blocks import first_line

    line = first_line(text)
    return line if len(line) <= width else line[: width - 1] + "…"


def cmd_list(args: argparse.Namespace) -> int:
    from app.storage.blocks import text_blocks

    with project(args, readonly=True) as proj:
        items = text_blocks(proj)
    if args.json:
        print_json(
            [
                {
                    "id": b.id,
                    "file": b.file_name,
                    "line": b.line,
                    "role": b.role,
                    "level": b.level,
                    "page": b.page,
                    "text": b.text,
                    "changed": b.changed,
                }
                for b in items
            ]
        )
        return 0
    for b in items:
        role = f"heading {b.level}" if b.role == "heading" else b.role
        print(f"{b.id:>6} {b.file_name}:{b.line} {role}: {_first(b.text)}")
    if not items:
        print("no text blocks")
    return 0


def cmd_make_entry(args: argparse.Namespace) -> int:
    from app.storage.blocks import make_entry
    from app.storage.history import get_revision

    with project(args) as proj:
        rid = make_entry(proj, args.block, args.title)
        made = json.loads(get_revision(proj, rid).after or "{}")
    print(
        f"text block {args.block} is entry {made['entry']} “{made['title']}”"
        f" (revision {rid}; curator revert {rid} takes it back)"
    )
    return 0
