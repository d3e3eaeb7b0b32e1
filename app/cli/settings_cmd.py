"""settings: the project's title, editor, organisation, licence and language, which the
exports (TEI header, BagIt bag-info) state."""

from __future__ import annotations

import argparse

from app.storage import settings as st

from .common import add_db, print_json, project


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "settings",
        help="the project's title, editor, organisation, licence and language (for exports)",
        description="Without an action: every setting. Keys: " + ", ".join(st.KEYS) + ".",
    )
    add_db(p)
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_settings_show)
    ssub = p.add_subparsers(dest="action", metavar="ACTION")
    g = ssub.add_parser("get", help="print one setting (nothing when unset)")
    add_db(g)
    g.add_argument("key", choices=st.KEYS, metavar="KEY", help=", ".join(st.KEYS))
    g.set_defaults(func=cmd_settings_get)
    s = ssub.add_parser("set", help="set a setting; an empty VALUE unsets it")
    add_db(s)
    s.add_argument("key", choices=st.KEYS, metavar="KEY", help=", ".join(st.KEYS))
    s.add_argument("value", metavar="VALUE")
    s.set_defaults(func=cmd_settings_set)


def cmd_settings_show(args: argparse.Namespace) -> int:
    with project(args, readonly=True) as p:
        values = st.get_settings(p).as_dict()
    if args.json:
        print_json(values)
        return 0
    width = max(len(k) for k in values)
    for key, value in values.items():
        print(f"{key:<{width}}  {value if value is not None else '(not set)'}")
    return 0


def cmd_settings_get(args: argparse.Namespace) -> int:
    with project(args, readonly=True) as p:
        value = st.get_setting(p, args.key)
    if value is not None:
        print(value)
    return 0


def cmd_settings_set(args: argparse.Namespace) -> int:
    with project(args) as p:
        rid = st.set_setting(p, args.key, args.value)
        value = st.get_setting(p, args.key)
    shown = value if value is not None else "(not set)"
    print(f"{args.key}: {shown}" + ("" if rid else " (unchanged)"))
    return 0
