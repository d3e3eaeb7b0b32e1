"""gui: open the window (or render it to a PNG with --screenshot)."""

from __future__ import annotations

import argparse

from .common import CliError, UsageError, add_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the window")
    p.add_argument(
        "project", nargs="?", metavar="PROJECT", help="the project file to open (same as --db)"
    )
    add_db(p)
    p.add_argument("--screenshot", metavar="PNG", help="render the window to a PNG and exit")
    p.set_defaults(func=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    try:
        from app.ui.app import run
    except ImportError as exc:
        raise CliError(f"the window cannot start: {exc}") from None
    project = getattr(args, "project", None)
    if project and args.db and project != args.db:
        raise UsageError("curator gui: give the project once, as PROJECT or as --db")
    return run(db=project or args.db, screenshot=args.screenshot)
