"""Helpers shared by the subcommands."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from app.storage.db import Project, default_db_path
from app.storage.upgrade import open_project

from .terminal import escape_json_controls


class CliError(Exception):
    """A failure to report in one line (exit 1)."""


class UsageError(Exception):
    """A usage error (exit 2)."""


def add_db(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="project database (default: $CURATOR_DB, else a file in your data folder)",
    )


def add_quiet(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-q", "--quiet", action="store_true", help="no progress line on the terminal"
    )


def db_path(args: argparse.Namespace) -> Path:
    return Path(args.db) if getattr(args, "db", None) else default_db_path()


def project(args: argparse.Namespace, *, create: bool = False, readonly: bool = False) -> Project:
    path = db_path(args)
    if not create and not path.exists():
        raise CliError(
            f"no project at {path} (import a source first: curator import FILE --db {path})"
        )
    return open_project(path, readonly=readonly, create=create)


def print_json(data) -> None:
    sys.stdout.write(escape_json_controls(json.dumps(data, ensure_ascii=False, indent=2)) + "\n")


def print_jsonl(rows) -> None:
    for row in rows:
        sys.stdout.write(escape_json_controls(json.dumps(row, ensure_ascii=False)) + "\n")
