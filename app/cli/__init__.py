"""``curator``: one command, the same operations as the window.

Exit status: 0 on success, 2 on a usage error, 1 on any other failure, with one line on
stderr and no traceback.
"""

from __future__ import annotations

import argparse
import os
import sqlite3
import sys
from collections.abc import Sequence
from importlib import import_module

from app.storage.db import ProjectError

from .common import CliError, UsageError

# Each module adds its subcommands through register(subparsers).
COMMAND_MODULES = (
    "app.cli.gui_cmd",
    "app.cli.corpus_cmds",
    "app.cli.fixes_cmds",
    "app.cli.text_cmds",
    "app.cli.search_cmd",
    "app.cli.curation_cmds",
)


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="curator",
        description="Yearbook Curator: turn OCR'd Chinese yearbooks into a clean, attributed corpus.",
    )
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    for name in COMMAND_MODULES:
        try:
            module = import_module(name)
        except ModuleNotFoundError as exc:
            if exc.name == name:
                continue
            raise
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        parser = build_parser()
        args = parser.parse_args(argv)
        if not getattr(args, "func", None):
            if args.command is None:
                from .gui_cmd import run_gui

                return run_gui(argparse.Namespace(db=None, screenshot=None, source=None))
            parser.parse_args([args.command, "--help"])
        return int(args.func(args) or 0)
    except UsageError as exc:
        print(str(exc), file=sys.stderr)
        return 2
    except (CliError, ProjectError) as exc:
        print(f"curator: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("curator: interrupted; nothing half-done was kept", file=sys.stderr)
        return 1
    except BrokenPipeError:
        os._exit(1)
    except sqlite3.DatabaseError as exc:  # damage found by a read, after the file opened
        print(
            f"curator: the project file is damaged or unreadable ({exc}); nothing was changed,"
            " restore it from a backup",
            file=sys.stderr,
        )
        return 1
    except OSError as exc:
        print(
            f"curator: {exc.strerror or exc}: {getattr(exc, 'filename', '') or ''}".rstrip(": "),
            file=sys.stderr,
        )
        return 1
    except Exception as exc:  # the promise is one line, never a traceback
        if os.environ.get("CURATOR_DEBUG"):
            raise
        print(f"curator: unexpected error: {type(exc).__name__}: {exc}", file=sys.stderr)
        return 1
