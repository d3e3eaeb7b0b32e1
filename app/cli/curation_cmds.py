"""tag, people, attribute, link, status, note, overview: curation from the command line."""

from __future__ import annotations

import argparse
from dataclasses import asdict

from app.storage import attributions as attr
from app.storage import links, tags
from app.storage import people as ppl
from app.storage import status as st
from app.storage import tag_suggestions as tsug

from .common import CliError, UsageError, add_db, print_json, project


def _decision(word: str) -> str:
    """A suggestion's status; 'dismissed', the old word for a rejection, still reads."""
    return "rejected" if word == "dismissed" else word


def _cmd(sub, name: str, help: str, func, aliases: tuple[str, ...] = ()) -> argparse.ArgumentParser:
    p = sub.add_parser(name, help=help, aliases=list(aliases))
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=func)
    return p


def register(sub: argparse._SubParsersAction) -> None:
    tag = sub.add_parser("tag", help="tag entries; the vocabulary; suggested tags")
    tsub = tag.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = _cmd(tsub, "add", "add a tag to entries (a no-op where they have it)", cmd_tag_add)
    p.add_argument("tag", metavar="TAG", help="e.g. 地区/普陀区")
    p.add_argument("entries", type=int, nargs="+", metavar="ENTRY")
    p = _cmd(tsub, "remove", "remove a tag from entries", cmd_tag_remove)
    p.add_argument("tag", metavar="TAG")
    p.add_argument("entries", type=int, nargs="+", metavar="ENTRY")
    _cmd(tsub, "list", "every tag with its counts", cmd_tag_list)
    p = _cmd(tsub, "rename", "rename a tag (and those below it) everywhere", cmd_tag_rename)
    p.add_argument("old", metavar="OLD")
    p.add_argument("new", metavar="NEW")
    p = _cmd(tsub, "merge", "merge a tag into another everywhere", cmd_tag_merge)
    p.add_argument("source", metavar="SOURCE")
    p.add_argument("target", metavar="TARGET")
    p = _cmd(tsub, "set", "add a tag to the vocabulary or change its colour", cmd_tag_set)
    p.add_argument("tag", metavar="TAG")
    p.add_argument("--color", metavar="#RRGGBB")
    g = p.add_mutually_exclusive_group()
    g.add_argument("--controlled", action="store_true", default=None)
    g.add_argument("--free", dest="controlled", action="store_false")
    p = _cmd(tsub, "entries", "entries with a tag (or below it), or without it", cmd_tag_entries)
    p.add_argument("tag", metavar="TAG", nargs="?")
    p.add_argument("--without", action="store_true", help="entries that lack the tag")
    p = _cmd(tsub, "suggestions", "suggested tags (districts, organisations)", cmd_tag_suggestions)
    p.add_argument("--scan", action="store_true", help="look for new suggestions first")
    p.add_argument("--entry", type=int, metavar="N")
    p.add_argument(
        "--status", type=_decision, choices=("pending", "accepted", "rejected"), default="pending"
    )
    for action, aliases in (("accept", ()), ("reject", ("dismiss",))):
        p = _cmd(tsub, action, f"{action} suggested tags", cmd_tag_decide, aliases)
        p.add_argument("ids", type=int, nargs="+", metavar="ID")
        p.set_defaults(decision=action)
    p = _cmd(
        tsub, "restore", "bring rejected suggested tags back (one batch, undoable)", cmd_tag_restore
    )
    p.add_argument("ids", type=int, nargs="+", metavar="ID")

    people = sub.add_parser("people", help="authors and photographers as person records")
    psub = people.add_subparsers(dest="action", metavar="ACTION", required=True)
    p = _cmd(psub, "list", "people with their entries and photos", cmd_people_list)
    p.add_argument("query", nargs="?", help="part of a name, in either script")
    p = _cmd(psub, "merge", "merge MERGED into KEEP (all attributions follow)", cmd_people_merge)
    p.add_argument("keep", metavar="KEEP", help="person id or name")
    p.add_argument("merged", metavar="MERGED", help="person id or name")
    p = _cmd(psub, "rename", "give a person a new preferred name", cmd_people_rename)
    p.add_argument("person", metavar="PERSON", help="person id or name")
    p.add_argument("name", metavar="NAME")
    p.add_argument("--homonym", action="store_true", help="allow a name another person has")
    p = _cmd(psub, "split", "split a run-together name (张三李四) into people", cmd_people_split)
    p.add_argument("person", metavar="PERSON", help="person id or name")
    p.add_argument("names", nargs="+", metavar="NAME")

    p = _cmd(sub, "attribute", "show or set the authors of an entry / photographers", cmd_attribute)
    p.add_argument("entry", type=int, nargs="?", metavar="ENTRY")
    p.add_argument("--photo", type=int, metavar="N")
    p.add_argument("--author", action="append", metavar="NAME", default=[])
    p.add_argument("--photographer", action="append", metavar="NAME", default=[])
    p.add_argument("--add", action="store_true", help="add the names instead of replacing")
    p.add_argument("--remove", action="append", metavar="NAME", default=[])

    p = _cmd(sub, "link", "show, set, confirm or suggest a photo's entries", cmd_link)
    p.add_argument("photo", type=int, nargs="?", metavar="PHOTO")
    p.add_argument("entry", type=int, nargs="?", metavar="ENTRY")
    p.add_argument("--confirm", action="store_true", help="confirm the link(s)")
    p.add_argument("--unlink", action="store_true", help="remove the link (or all links)")
    p.add_argument("--also", action="store_true", help="link to ENTRY as well as the others")
    p.add_argument("--suggest", action="store_true", help="rank entries by caption similarity")
    p.add_argument("--accept", type=int, metavar="ID", help="accept a link suggestion")
    p.add_argument(
        "--reject",
        "--dismiss",
        type=int,
        metavar="ID",
        dest="reject",
        help="reject a link suggestion",
    )
    p.add_argument(
        "--restore", type=int, metavar="ID", help="bring a rejected link suggestion back"
    )

    p = _cmd(sub, "status", "show or set an entry's review status", cmd_status)
    p.add_argument("args", nargs="+", metavar="ENTRY… [STATUS]")

    p = _cmd(sub, "note", "show or set the note of an entry (or --photo)", cmd_note)
    p.add_argument("words", nargs="*", metavar="[ENTRY] [TEXT]")
    p.add_argument("--photo", type=int, metavar="N")

    _cmd(sub, "overview", "progress of the volume", cmd_overview)


def _done(args, data: dict, message: str) -> int:
    if args.json:
        print_json(data)
    else:
        print(message)
    return 0


# -- tag ------------------------------------------------------------------------------


def cmd_tag_add(args) -> int:
    with project(args) as proj:
        batch = tags.add_tags(proj, args.entries, args.tag)
    msg = f"tagged as batch {batch}" if batch else "nothing to do: the entries have the tag"
    return _done(args, {"batch": batch}, msg)


def cmd_tag_remove(args) -> int:
    with project(args) as proj:
        batch = tags.remove_tags(proj, args.entries, args.tag)
    msg = f"untagged as batch {batch}" if batch else "nothing to do: no entry had the tag"
    return _done(args, {"batch": batch}, msg)


def cmd_tag_list(args) -> int:
    with project(args, readonly=True) as proj:
        items = tags.list_tags(proj)
    if args.json:
        print_json([asdict(t) for t in items])
        return 0
    for t in items:
        flags = ("controlled " if t.controlled else "") + (t.color or "")
        print(f"{t.entries:>5} {t.entries_below:>5}  {t.path}  {flags}".rstrip())
    print(f"{len(items)} tag(s)")
    return 0


def cmd_tag_rename(args) -> int:
    with project(args) as proj:
        batch = tags.rename_tag(proj, args.old, args.new)
    return _done(args, {"batch": batch}, f"renamed as batch {batch}")


def cmd_tag_merge(args) -> int:
    with project(args) as proj:
        batch = tags.merge_tags(proj, args.source, args.target)
    return _done(args, {"batch": batch}, f"merged as batch {batch}")


def cmd_tag_set(args) -> int:
    with project(args) as proj:
        tag_id = tags.set_tag(proj, args.tag, color=args.color, controlled=args.controlled)
    return _done(args, {"id": tag_id}, f"tag {tag_id}: {args.tag}")


def cmd_tag_entries(args) -> int:
    with project(args, readonly=True) as proj:
        if args.without:
            ids = tags.entries_without_tag(proj, args.tag)
        elif args.tag is None:
            raise UsageError("curator tag entries: give a TAG (or --without)")
        else:
            ids = tags.entries_with_tag(proj, args.tag)
    return _done(args, {"entries": ids}, " ".join(map(str, ids)) or "no entries")


def cmd_tag_suggestions(args) -> int:
    with project(args, readonly=not args.scan) as proj:
        if args.scan:
            tsug.scan_tag_suggestions(proj)
        items = tsug.list_tag_suggestions(proj, entry_id=args.entry, status=args.status)
    if args.json:
        print_json([asdict(s) for s in items])
        return 0
    for s in items:
        print(f"{s.id:>5} entry {s.entry_id:<4} {s.rule} {s.path}  ← “{s.evidence}” ({s.field})")
    print(f"{len(items)} suggestion(s)")
    return 0


def cmd_tag_decide(args) -> int:
    with project(args) as proj:
        if args.decision == "accept":
            batch = tsug.accept_tag_suggestions(proj, args.ids)
            return _done(args, {"batch": batch}, f"accepted as batch {batch}")
        n = tsug.reject_tag_suggestions(proj, args.ids)
    return _done(args, {"rejected": n}, f"rejected {n} suggestion(s)")


def _restored(args, what: str, batch, count: int, problems: list[str]) -> int:
    if args.json:
        print_json({"batch": batch, "restored": count, "problems": problems})
    else:
        for p in problems:
            print(f"not restored: {p}")
        if batch is None:
            print(f"restored no {what}; nothing changed")
        else:
            print(
                f"restored {count} rejected {what}(s) to pending as batch {batch}"
                f" (undo with: curator revert --batch {batch})"
            )
    if problems and count == 0:
        raise CliError(f"no {what} was restored")
    return 0


def cmd_tag_restore(args) -> int:
    with project(args) as proj:
        batch, count, problems = tsug.restore_tag_suggestions(proj, args.ids)
    return _restored(args, "suggested tag", batch, count, problems)


# -- people ---------------------------------------------------------------------------


def cmd_people_list(args) -> int:
    with project(args, readonly=True) as proj:
        items = ppl.list_people(proj, args.query)
    if args.json:
        print_json(
            [
                asdict(p) | {"entry_count": p.entry_count, "photo_count": p.photo_count}
                for p in items
            ]
        )
        return 0
    for p in items:
        variants = "、".join(p.variants)
        print(
            f"{p.id:>5} {p.name}  entries {p.entry_count} {list(p.entries)}"
            f"  photos {p.photo_count} {list(p.photos)}" + (f"  ({variants})" if variants else "")
        )
    print(f"{len(items)} people")
    return 0


def cmd_people_merge(args) -> int:
    with project(args) as proj:
        keep = ppl.resolve_person(proj, args.keep)
        merged = ppl.resolve_person(proj, args.merged)
        batch = ppl.merge_people(proj, keep, merged)
    return _done(
        args,
        {"batch": batch, "keep": keep, "merged": merged},
        f"merged person {merged} into {keep} as batch {batch}"
        f" (undo with: curator revert --batch {batch})",
    )


def cmd_people_rename(args) -> int:
    with project(args) as proj:
        pid = ppl.resolve_person(proj, args.person)
        rev = ppl.rename_person(proj, pid, args.name, allow_homonym=args.homonym)
    return _done(args, {"person": pid, "revision": rev}, f"person {pid} is now {args.name}")


def cmd_people_split(args) -> int:
    with project(args) as proj:
        pid = ppl.resolve_person(proj, args.person)
        batch = attr.split_person(proj, pid, args.names)
    return _done(args, {"batch": batch}, f"split person {pid} as batch {batch}")


# -- attribute ------------------------------------------------------------------------


def cmd_attribute(args) -> int:
    if (args.entry is None) == (args.photo is None):
        raise UsageError("curator attribute: give an ENTRY or --photo N")
    if args.entry is not None and args.photographer:
        raise UsageError("curator attribute: --photographer goes with --photo")
    if args.photo is not None and args.author:
        raise UsageError("curator attribute: --author goes with an ENTRY")
    target = {"entry_id": args.entry} if args.entry is not None else {"photo_id": args.photo}
    names = args.author or args.photographer
    with project(args, readonly=not (names or args.remove)) as proj:
        if args.add:
            if not names:
                raise UsageError("curator attribute --add: give --author or --photographer")
            for name in names:
                attr.add_attribution(proj, name=name, **target)
        elif names:
            attr.set_attributions(proj, names, **target)
        for name in args.remove:
            found = [a for a in attr.attributions_of(proj, **target) if a.name == name]
            if not found:
                raise CliError(f"{name} is not attributed there")
            attr.remove_attribution(proj, found[0].id)
        current = attr.attributions_of(proj, **target)
    if args.json:
        print_json([asdict(a) for a in current])
        return 0
    where = f"entry {args.entry}" if args.entry is not None else f"photo {args.photo}"
    print(f"{where}: " + ("、".join(a.name for a in current) or "no attribution"))
    return 0


# -- link -----------------------------------------------------------------------------


def cmd_link(args) -> int:
    if args.restore is not None:
        with project(args) as proj:
            batch, count, problems = links.restore_link_suggestions(proj, [args.restore])
        return _restored(args, "link suggestion", batch, count, problems)
    if args.accept is not None or args.reject is not None:
        with project(args) as proj:
            if args.accept is not None:
                rev = links.accept_link_suggestion(proj, args.accept)
                return _done(args, {"revision": rev}, f"accepted link suggestion {args.accept}")
            rev = links.reject_link_suggestion(proj, args.reject)
            return _done(
                args,
                {"revision": rev},
                f"rejected link suggestion {args.reject} (revision {rev}: `curator revert {rev}`"
                " brings it back)",
            )
    if args.suggest:
        return _link_suggest(args)
    if args.photo is None:
        raise UsageError("curator link: give a PHOTO (or --suggest)")
    if sum([args.confirm, args.unlink, args.also]) > 1:
        raise UsageError("curator link: choose one of --confirm, --unlink, --also")
    changing = args.entry is not None or args.confirm or args.unlink
    with project(args, readonly=not changing) as proj:
        if args.confirm:
            links.confirm_link(proj, args.photo, args.entry)
        elif args.unlink:
            links.unlink(proj, args.photo, args.entry)
        elif args.also:
            if args.entry is None:
                raise UsageError("curator link --also: give the ENTRY")
            links.add_link(proj, args.photo, args.entry)
        elif args.entry is not None:
            links.relink(proj, args.photo, args.entry)
        current = links.photo_links(proj, args.photo)
    if args.json:
        print_json([asdict(link) for link in current])
        return 0
    shown = ", ".join(
        f"entry {link.entry_id}" + (" ✓" if link.confirmed else " (unconfirmed)")
        for link in current
    )
    print(f"photo {args.photo}: {shown or 'not linked'}")
    return 0


def _link_suggest(args) -> int:
    with project(args) as proj:
        if args.photo is not None:
            ranking = links.rank_photo(proj, args.photo)
            links.scan_link_suggestions(proj, [args.photo])
            pending = links.list_link_suggestions(proj, photo_id=args.photo)
            if args.json:
                print_json(
                    {
                        "photo": args.photo,
                        "subject": ranking.subject,
                        "best": ranking.best.entry_id if ranking.best else None,
                        "reason": ranking.reason,
                        "candidates": [asdict(c) for c in ranking.candidates],
                        "pending": [asdict(s) for s in pending],
                    }
                )
                return 0
            print(f"photo {args.photo}: {ranking.reason}")
            for c in ranking.candidates:
                print(f"  entry {c.entry_id:<4} {c.explanation}")
            for s in pending:
                print(f"  suggestion {s.id}: entry {s.entry_id} (curator link --accept {s.id})")
            return 0
        links.scan_link_suggestions(proj)
        pending = links.list_link_suggestions(proj)
    if args.json:
        print_json([asdict(s) for s in pending])
        return 0
    for s in pending:
        print(f"{s.id:>5} photo {s.photo_id} → entry {s.entry_id}  {s.reason}")
    print(f"{len(pending)} link suggestion(s)")
    return 0


# -- status, note, overview -----------------------------------------------------------


def cmd_status(args) -> int:
    words = list(args.args)
    status = words.pop() if words[-1] in st.STATUSES else None
    try:
        entries = [int(w) for w in words]
    except ValueError:
        raise UsageError(
            f"curator status: ENTRY… [{'|'.join(st.STATUSES)}], not {' '.join(args.args)}"
        ) from None
    if not entries:
        raise UsageError("curator status: give at least one ENTRY")
    with project(args, readonly=status is None) as proj:
        if status is not None:
            st.set_status(proj, entries, status)
        shown = {e: asdict(st.get_status(proj, e)) for e in entries}
    if args.json:
        print_json(shown)
        return 0
    for e, s in shown.items():
        by = f" by {s['by']} at {s['at']}" if s["by"] else ""
        print(f"entry {e}: {s['status']}{by}")
    return 0


def cmd_note(args) -> int:
    words = list(args.words)
    if args.photo is not None:
        kind, target = "photo", args.photo
    else:
        if not words or not words[0].isdigit():
            raise UsageError("curator note: give an ENTRY (or --photo N), then the TEXT to set")
        kind, target = "entry", int(words.pop(0))
    if len(words) > 1:
        raise UsageError("curator note: quote the TEXT as one argument")
    text = words[0] if words else None
    with project(args, readonly=text is None) as proj:
        if text is not None:
            setter = st.set_photo_note if kind == "photo" else st.set_entry_note
            setter(proj, target, text)
        note = st.get_note(proj, kind, target)
    return _done(args, {kind: target, "note": note}, note or f"{kind} {target} has no note")


def cmd_overview(args) -> int:
    with project(args, readonly=True) as proj:
        info = st.overview(proj)
    if args.json:
        print_json(info)
        return 0
    s = info["status"]
    print(
        f"entries:   {info['entries']}  reviewed {s['reviewed']}, in progress {s['in_progress']},"
        f" unreviewed {s['unreviewed']}"
    )
    print(f"pending:   {info['pending_total']} suggestion(s)")
    for rule, n in info["pending_suggestions"].items():
        print(f"  {rule}: {n}")
    print(
        f"photos:    {info['photos']}  unconfirmed {info['photos_unconfirmed']},"
        f" unlinked {info['photos_unlinked']}, without photographer"
        f" {info['photos_without_photographer']}"
    )
    print(f"without attribution: {info['entries_without_attribution']} entries")
    print(f"untagged:  {info['entries_untagged']} entries")
    print(f"people:    {info['people']}")
    return 0
