"""blocks (text blocks: what the parser did not read as an entry or a photo) — list them,
make one an entry (the same storage call as the window's "Make entry…"), make one (or
some of its lines) a heading, a table or prose again (app.storage.restructure, as the
window's text blocks menu)."""

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

    for role, what in (
        ("heading", "make a block (or some of its lines) a heading: a section opens there"),
        ("table", "make a block (or some of its lines) a table: never prose, never authors"),
        ("text", "make a heading or table block (or some of its lines) prose again"),
    ):
        q = blocks.add_parser(role, help=f"{what} (one revision: curator revert takes it back)")
        add_db(q)
        q.add_argument("block", type=int, metavar="ID", help="the block's id (curator blocks list)")
        q.add_argument(
            "--lines",
            metavar="A[-B]",
            help="only these lines of the block (1 = its first line); they are cut off as a"
            " block of their own",
        )
        if role == "heading":
            q.add_argument(
                "--level",
                type=int,
                choices=range(1, 7),
                metavar="N",
                help="1 类目, 2 分目, 3 …  (default: what the line says, else the level of"
                " the heading before it)",
            )
        q.set_defaults(func=cmd_restructure, role=role)


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


def _line_range(text: str | None) -> tuple[int, int] | None:
    from .common import UsageError

    if text is None:
        return None
    first, _, last = text.partition("-")
    try:
        a, b = int(first), int(last or first)
    except ValueError:
        raise UsageError(f"--lines takes A or A-B (line numbers), not {text!r}") from None
    if not 1 <= a <= b:
        raise UsageError(f"--lines {text}: lines count from 1, the first before the last")
    return a - 1, b - 1


def cmd_restructure(args: argparse.Namespace) -> int:
    from app.storage.restructure import parts_of, restructure_block

    lines = _line_range(args.lines)
    with project(args) as proj:
        rid = restructure_block(
            proj, args.block, args.role, level=getattr(args, "level", None), lines=lines
        )
        parts = parts_of(proj, args.block)
    if rid is None:
        print(f"text block {args.block} already reads so; nothing changed")
        return 0
    what = f"a {args.role}" if args.role != "text" else "prose"
    where = (
        f"lines {args.lines} of text block {args.block}" if lines else f"text block {args.block}"
    )
    cut = f"; it is now blocks {', '.join(map(str, parts))}" if parts else ""
    print(f"{where} made {what}{cut} (revision {rid}; curator revert {rid} takes it back)")
    return 0
