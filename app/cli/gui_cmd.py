"""gui: open the window (or render it to a PNG with --screenshot)."""

from __future__ import annotations

import argparse

from .common import CliError, add_db


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("gui", help="open the window")
    add_db(p)
    p.add_argument("--screenshot", metavar="PNG", help="render the window to a PNG and exit")
    p.set_defaults(func=run_gui)


def run_gui(args: argparse.Namespace) -> int:
    try:
        from app.ui.app import run
    except ImportError as exc:
        raise CliError(f"the window cannot start: {exc}") from None
    return run(db=args.db, screenshot=args.screenshot)
