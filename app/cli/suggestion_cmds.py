"""suggestions (alias: fixes), rules, replace, history, revert."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict

from app.domain.codes import catalogue
from app.domain.diff import render_compact
from app.storage import accepting, editing
from app.storage import history as hist
from app.storage import suggestions as sug

from .common import CliError, UsageError, add_db, add_quiet, print_json, project
from .progress import progress_for


def register(sub: argparse._SubParsersAction) -> None:
    fixes = sub.add_parser(
        "suggestions",
        aliases=["fixes"],
        help="list, accept or reject the suggestions of the OCR rules",
    )
    fsub = fixes.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = fsub.add_parser("list", help="list suggestions")
    add_db(p)
    p.add_argument("--rule", metavar="ID")
    p.add_argument("--status", choices=("pending", "accepted", "rejected"))
    p.add_argument("--entry", type=int, metavar="N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_list)
    for action in ("accept", "reject"):
        p = fsub.add_parser(action, help=f"{action} suggestions (all or nothing)")
        add_db(p)
        g = p.add_mutually_exclusive_group(required=True)
        g.add_argument("--safe", action="store_true", help="every pending safe suggestion")
        g.add_argument("--rule", metavar="ID", help="every pending suggestion of one rule")
        g.add_argument("--id", type=int, nargs="+", metavar="N", dest="ids")
        p.add_argument("--json", action="store_true")
        if action == "accept":
            add_quiet(p)
            p.add_argument(
                "--skip-reviewed",
                action="store_true",
                help="leave entries already marked reviewed as they are",
            )
        p.set_defaults(func=cmd_accept if action == "accept" else cmd_reject)

    p = fsub.add_parser(
        "restore", help="bring rejected suggestions back to pending (one batch, undoable)"
    )
    add_db(p)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("--id", type=int, nargs="+", metavar="N", dest="ids")
    g.add_argument("--rule", metavar="ID", help="every rejected suggestion of one rule")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_restore)

    p = sub.add_parser("rules", help="every stored code: OCR, tag, link and annotation rules")
    p.add_argument("code", nargs="?", help="show one rule's documentation")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_rules)

    p = sub.add_parser("replace", help="find and replace across the corpus (previewed)")
    add_db(p)
    p.add_argument("pattern")
    p.add_argument("replacement")
    p.add_argument("--regex", action="store_true")
    p.add_argument("--dry-run", action="store_true", help="only show what would change")
    p.add_argument(
        "--only",
        metavar="N,M",
        type=_match_numbers,
        help="replace only these matches of the preview, by the numbers it lists"
        " (e.g. 1,3,5-7); the others are left as they are",
    )
    p.add_argument("--json", action="store_true")
    add_quiet(p)
    p.set_defaults(func=cmd_replace)

    p = sub.add_parser("history", help="revisions, newest first")
    add_db(p)
    p.add_argument("entry", nargs="?", type=int, metavar="ENTRY")
    p.add_argument("--limit", type=int, default=50)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_history)

    p = sub.add_parser("revert", help="revert a revision (itself a new revision)")
    add_db(p)
    g = p.add_mutually_exclusive_group(required=True)
    g.add_argument("revision", nargs="?", type=int, metavar="REVISION")
    g.add_argument("--batch", type=int, metavar="N", help="revert a whole batch")
    p.set_defaults(func=cmd_revert)


def _short(text: str | None, width: int = 30) -> str:
    if text is None:
        return "∅"
    text = text.replace("\r", "␍").replace("\n", "⏎")
    return text if len(text) <= width else text[: width - 1] + "…"


def _change(before: str | None, after: str | None) -> str:
    """The whole change of a revision on one line: what was removed [-…-] and added {+…+}
    in full, with a little unchanged text around it (the rest cut with …)."""
    if before is None or after is None:
        return f"{_short(before, sys.maxsize)} → {_short(after, sys.maxsize)}"
    return render_compact(before, after) or "(no change)"


def cmd_list(args: argparse.Namespace) -> int:
    with project(args, readonly=True) as proj:
        items = sug.list_suggestions(proj, rule=args.rule, status=args.status, entry_id=args.entry)
    if args.json:
        print_json([asdict(s) for s in items])
        return 0
    for s in items:
        print(
            f"{s.id:>6} {s.rule} {s.safety:<7} {s.status:<8} {s.target_kind} {s.target_id}"
            f" {s.field}@{s.start}: {_short(s.before)!s} → {_short(s.after)}  {s.message}"
        )
    print(f"{len(items)} suggestion(s)")
    return 0


def _selection(args):
    if args.ids:
        return {"ids": args.ids}
    return {"safe": args.safe, "rule": args.rule}


def cmd_accept(args: argparse.Namespace) -> int:
    with project(args) as proj, progress_for(args, "accepting") as progress:
        if args.ids:
            batch, problems = accepting.accept(proj, args.ids, progress=progress)
            count = len(args.ids) - len(problems)
        else:
            batch, count, problems = editing.accept_where(
                proj,
                safe=args.safe,
                rule=args.rule,
                progress=progress,
                skip_reviewed=args.skip_reviewed,
            )
    if args.json:
        print_json({"batch": batch, "accepted": count, "problems": problems})
    else:
        for p in problems:
            print(f"not accepted: {p}")
        if batch is None:
            print("accepted no suggestion; nothing changed")
        else:
            print(
                f"accepted {count} suggestion(s) as batch {batch}"
                f" (revert with: curator revert --batch {batch})"
            )
    if args.ids and problems and count == 0:
        raise CliError("no suggestion was accepted")
    return 0


def cmd_reject(args: argparse.Namespace) -> int:
    with project(args) as proj:
        if args.ids:
            count, problems = sug.reject(proj, args.ids)
        else:
            count, problems = sug.reject_where(proj, safe=args.safe, rule=args.rule)
    if args.json:
        print_json({"rejected": count, "problems": problems})
    else:
        for p in problems:
            print(f"not rejected: {p}")
        print(f"rejected {count} suggestion(s)")
    if args.ids and problems and count == 0:
        raise CliError("no suggestion was rejected")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    with project(args) as proj:
        if args.ids:
            ids = args.ids
        else:
            ids = [s.id for s in sug.list_suggestions(proj, rule=args.rule, status="rejected")]
        batch, count, problems = sug.restore(proj, ids)
    if args.json:
        print_json({"batch": batch, "restored": count, "problems": problems})
    else:
        for p in problems:
            print(f"not restored: {p}")
        if batch is None:
            print("restored no suggestion; nothing changed")
        else:
            print(
                f"restored {count} rejected suggestion(s) to pending as batch {batch}"
                f" (undo with: curator revert --batch {batch})"
            )
    if problems and count == 0:
        raise CliError("no suggestion was restored")
    return 0


def cmd_rules(args: argparse.Namespace) -> int:
    codes = catalogue()
    if args.code:
        chosen = [c for c in codes if c.code == args.code.upper()]
        if not chosen:
            raise CliError(f"no rule {args.code}")
        c = chosen[0]
        if args.json:
            print_json(asdict(c))
        else:
            print(f"{c.code} {c.name} ({c.kind}, {c.group})\n\n{c.doc}")
        return 0
    if args.json:
        print_json([{k: v for k, v in asdict(c).items() if k != "doc"} for c in codes])
        return 0
    for c in codes:
        print(f"{c.code:<8} {c.name:<26} {c.kind:<10} {c.group:<7} {c.summary}")
    return 0


def _match_numbers(text: str) -> list[int]:
    """``1,3,5-7`` → [1, 3, 5, 6, 7] (argparse reports a ValueError as a usage error)."""
    numbers: list[int] = []
    for part in text.split(","):
        first, dash, last = part.strip().partition("-")
        if not first.isdigit() or (dash and not last.isdigit()):
            raise argparse.ArgumentTypeError(f"not a match number or range: {part.strip()!r}")
        low, high = int(first), int(last) if dash else int(first)
        if low < 1 or high < low:
            raise argparse.ArgumentTypeError(f"not a match number or range: {part.strip()!r}")
        numbers.extend(range(low, high + 1))
    return sorted(set(numbers))


def _chosen(plan: list, only: list[int] | None) -> list:
    """The previewed matches ``--only`` names (numbered from 1 as listed), all without it."""
    if only is None:
        return plan
    past = [n for n in only if n > len(plan)]
    if past:
        raise CliError(
            f"the preview lists {len(plan)} match(es); there is no match "
            + ", ".join(map(str, past))
            + " (nothing changed)"
        )
    return [plan[n - 1] for n in only]


def cmd_replace(args: argparse.Namespace) -> int:
    from app.storage.replace import apply_replace, preview_replace

    with project(args, readonly=args.dry_run) as proj:
        try:
            plan = preview_replace(proj, args.pattern, args.replacement, regex=args.regex)
        except ValueError as exc:
            raise CliError(str(exc)) from None
        chosen = _chosen(plan, args.only)
        if args.json and args.dry_run:
            print_json([asdict(p) for p in chosen])
            return 0
        picked = set(map(id, chosen))
        for n, p in enumerate(plan, 1):
            mark = "" if args.only is None else ("✓ " if id(p) in picked else "  ")
            print(
                f"{mark}{n:>4}  {p.kind} {p.target_id} {p.field}:"
                f" …{p.context_before}[{p.before}→{p.after}]{p.context_after}…"
            )
        if args.dry_run:
            print(f"{len(chosen)} replacement(s) would be made (dry run; nothing changed)")
            return 0
        if not plan:
            print("no matches; nothing changed")
            return 0
        skipped: list = []
        with progress_for(args, "replacing") as progress:
            batch, count = apply_replace(
                proj,
                args.pattern,
                args.replacement,
                regex=args.regex,
                plan=chosen,
                progress=progress,
                skipped=skipped,
            )
    for p in skipped:
        print(
            f"not replaced: {p.kind} {p.target_id} {p.field} changed since the preview",
            file=sys.stderr,
        )
    done = len(chosen) - len(skipped)
    if batch is None:
        print("the matches already read as their replacement; nothing changed")
    else:
        print(f"replaced {done} match(es) in {count} field(s) as batch {batch}")
    return 0


def cmd_history(args: argparse.Namespace) -> int:
    with project(args, readonly=True) as proj:
        items = hist.history(proj, "entry" if args.entry else None, args.entry, limit=args.limit)
        decided = {
            s.id: s
            for s in sug.list_suggestions(
                proj, ids={r.target_id for r in items if r.target_kind == "suggestion"}
            )
        }
    if args.json:
        print_json([asdict(r) for r in items])
        return 0
    for r in items:
        if r.target_kind in ("suggestion", "tag_suggestion", "link_suggestion"):
            found = decided.get(r.target_id) if r.target_kind == "suggestion" else None
            print(f"{r.id:>6} {r.at} {r.who} {_decision_words(r, found)}")
            continue
        extra = f" (reverts {r.reverts})" if r.reverts else ""
        batch = f" batch {r.batch_id} “{r.batch_label}”" if r.batch_id else ""
        if r.target_kind == "fragment_entry":
            print(f"{r.id:>6} {r.at} {r.who} [{r.cause}]{extra}{batch} {_made_words(r)}")
            continue
        print(
            f"{r.id:>6} {r.at} {r.who} [{r.cause}]{extra}{batch} {r.target_kind} {r.target_id}"
            f" {r.field}: {_change(r.before, r.after)}"
        )
    if not items:
        print("no revisions")
    return 0


def _made_words(r) -> str:
    """An entry made from a text block, or taken back, in words (not its JSON)."""
    after, before = json.loads(r.after or "null"), json.loads(r.before or "null")
    if after:
        return f"text block {r.target_id} made entry {after['entry']} “{_short(after['title'])}”"
    entry = before["entry"] if before else "?"
    return f"entry {entry} taken back: text block {r.target_id} is a text block again"


def _decision_words(r, s) -> str:
    """A rejection, a restore or their revert, as a sentence."""
    after = json.loads(r.after or "{}").get("status")
    noun = {"tag_suggestion": "suggested tag", "link_suggestion": "suggested photo link"}
    what = f"{noun.get(r.target_kind, 'suggestion')} {r.target_id}"
    if s is not None:
        where = f"{s.target_kind} {s.target_id} {s.field}"
        what += f" ({s.rule} in {where}: {_short(s.before)} → {_short(s.after)})"
    if after == "rejected":
        verb = "rejected again (undo of a restore)" if r.cause == "revert" else "rejected"
    else:
        verb = "brought back to pending" + (" (undo of a rejection)" if r.cause == "revert" else "")
    batch = f" batch {r.batch_id}" if r.batch_id else ""
    return f"{what} {verb}{batch}"


def cmd_revert(args: argparse.Namespace) -> int:
    with project(args) as proj:
        if args.batch is not None:
            done = hist.revert_batch(proj, args.batch)
            print(f"reverted batch {args.batch}: {len(done)} revision(s) restored")
            return 0
        if args.revision is None:
            raise UsageError("curator revert: give a REVISION or --batch N")
        new = hist.revert(proj, args.revision)
    print(
        f"reverted revision {args.revision}" + (f" (new revision {new})" if new else " (no change)")
    )
    return 0
