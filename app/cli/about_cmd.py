"""about: the version, the licence and the libraries shipped with their licences (what
the window's About box shows), read from the installed metadata."""

from __future__ import annotations

import argparse
import sqlite3

from app.domain import about

from .common import print_json


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "about", help="version, licence, and the libraries shipped with their licences"
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_about)


def cmd_about(args: argparse.Namespace) -> int:
    python, python_licence = about.python_runtime()
    libraries = about.shipped_libraries()
    if args.json:
        print_json(
            {
                "name": "Yearbook Curator",
                "version": about.app_version(),
                "licence": about.app_licence(),
                "python": {"version": python, "licence": python_licence},
                "sqlite": sqlite3.sqlite_version,
                "libraries": [
                    {"name": lib.name, "version": lib.version, "licence": lib.licence}
                    for lib in libraries
                ],
            }
        )
        return 0
    print(f"Yearbook Curator {about.app_version()} — licence {about.app_licence()}")
    print(f"Python {python} ({python_licence}), SQLite {sqlite3.sqlite_version} (public domain)")
    print("Libraries shipped:")
    name_w = max((len(lib.name) for lib in libraries), default=0)
    version_w = max((len(lib.version) for lib in libraries), default=0)
    for lib in libraries:
        print(f"  {lib.name:<{name_w}}  {lib.version:<{version_w}}  {lib.licence}")
    return 0
