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

from app.domain.about import app_version
from app.domain.bundled import MissingResourceError
from app.storage.db import ProjectError

from .common import CliError, UsageError
from .terminal import EscapingStream

# Each module adds its subcommands through register(subparsers).
COMMAND_MODULES = (
    "app.cli.gui_cmd",
    "app.cli.corpus_cmds",
    "app.cli.suggestion_cmds",
    "app.cli.text_cmds",
    "app.cli.blocks_cmd",
    "app.cli.entries_cmd",
    "app.cli.search_cmd",
    "app.cli.curation_cmds",
    "app.cli.annotate_cmds",
    "app.cli.settings_cmd",
    "app.cli.about_cmd",
)


class BrokenInstallError(RuntimeError):
    """A part of the app is missing from this installation."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line, exit 2
        raise UsageError(f"{self.prog}: {message}")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="curator",
        description="Yearbook Curator: turn OCR'd Chinese yearbooks into a clean, attributed corpus.",
    )
    parser.add_argument("--version", action="version", version=f"curator {app_version()}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")
    for name in COMMAND_MODULES:
        # A module that fails to import is a broken installation (a bundle missing a
        # file, say): say so, instead of a --help that silently lacks its commands.
        try:
            module = import_module(name)
        except ImportError as exc:
            raise BrokenInstallError(
                f"this installation is incomplete: the commands of {name} cannot be loaded ({exc})"
            ) from exc
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Stored text (notes, tags, file names) may hold terminal escape sequences: every
    # line printed shows them as \x1b …, never runs them (see app.cli.terminal).
    out, err = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = EscapingStream(out), EscapingStream(err)
    try:
        return _main(argv)
    finally:
        sys.stdout, sys.stderr = out, err


def _main(argv: Sequence[str] | None) -> int:
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
    except (CliError, ProjectError, BrokenInstallError, MissingResourceError) as exc:
        print(f"curator: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("curator: interrupted; nothing half-done was kept", file=sys.stderr)
        return 1
    except BrokenPipeError:
        os._exit(1)
    except OverflowError:  # an id past SQLite's 64-bit integers: revert 9223372036854775808
        print("curator: a number given is out of range (ids are below 2^63)", file=sys.stderr)
        return 1
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
