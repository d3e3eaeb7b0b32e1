"""search (find entries by any string, in either script)."""

from __future__ import annotations

import argparse
import sys

# Imported for its side effect as well: every curator command may open a project, and
# the search index's triggers need the SQL functions this module registers.
from app.storage import search as _search  # noqa: F401

from .common import UsageError, add_db, print_json, project


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "search",
        help="find entries containing every word of QUERY (simplified or traditional)",
    )
    p.add_argument(
        "query",
        metavar="QUERY",
        help="one or more words; all must occur; person:NAME, org:NAME, place:NAME, date:…"
        " find entries by their annotations",
    )
    add_db(p)
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.add_argument("--limit", type=int, default=20, metavar="N", help="hits to show (default 20)")
    p.add_argument("--offset", type=int, default=0, metavar="N", help="hits to skip")
    p.add_argument(
        "--status", choices=("unreviewed", "in_progress", "reviewed"), help="review status"
    )
    p.set_defaults(func=cmd_search)


def cmd_search(args: argparse.Namespace) -> int:
    from app.domain.search_text import render
    from app.storage.annotation_search import search

    if args.limit < 0 or args.offset < 0:
        raise UsageError("curator search: --limit and --offset must not be negative")
    with project(args, readonly=True) as proj:
        result = search(proj, args.query, limit=args.limit, offset=args.offset, status=args.status)
    if args.json:
        print_json(
            {
                "query": args.query,
                "terms": list(result.terms),
                "total": result.total,
                "ranked": result.ranked,
                "reason": result.reason,
                "hits": [
                    {
                        "entry_id": h.entry_id,
                        "title": h.title,
                        "score": round(h.score, 4),
                        "field": h.field,
                        "snippet": [{"text": t, "hit": hit} for t, hit in h.segments],
                    }
                    for h in result.hits
                ],
            }
        )
        return 0
    if result.reason:
        print(f"curator: {result.reason}", file=sys.stderr)
        return 0
    shown = len(result.hits)
    order = "best first" if result.ranked else "title matches first, then in corpus order"
    print(f"{result.total} entries match; showing {shown} ({order})")
    for h in result.hits:
        print(f"[{h.entry_id}] {_one_line(h.title)}")
        if h.segments:
            print("    " + render(h.segments, "【", "】", escape=False))
    return 0


def _one_line(text: str) -> str:
    return " ".join(text.split())
