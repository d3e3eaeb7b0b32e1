"""convert (script conversion of text files or stdin)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from .common import CliError
from .terminal import unescaped


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("convert", help="convert simplified/traditional Chinese (stdin → stdout)")
    p.add_argument(
        "--config",
        required=True,
        metavar="CONFIG",
        help="s2t, t2s, s2tw, s2twp, s2hk, tw2s, hk2s, …",
    )
    p.add_argument("file", nargs="?", metavar="FILE", help="UTF-8 text; - or none reads stdin")
    p.add_argument(
        "--out", default="-", metavar="PATH", help="where to write; - (the default) is stdout"
    )
    p.set_defaults(func=cmd_convert)


def cmd_convert(args: argparse.Namespace) -> int:
    from app.domain.convert import CONFIGS

    if args.config not in CONFIGS:
        raise CliError(f"unknown configuration {args.config!r}; choose one of {', '.join(CONFIGS)}")
    if args.out == "-":
        _convert(args, unescaped(sys.stdout))  # the converted text, byte for byte
        return 0
    from app.domain.export import ExportError, atomic_write

    try:
        # The target is replaced only by a complete conversion.
        with atomic_write(Path(args.out), "w", encoding="utf-8", newline="") as out:
            _convert(args, out)
    except ExportError as exc:
        raise CliError(str(exc)) from None
    return 0


def _convert(args: argparse.Namespace, out: TextIO) -> None:
    from app.domain.convert import convert_stream

    name = "stdin" if args.file in (None, "-") else args.file
    try:
        if name == "stdin":
            sys.stdin.reconfigure(encoding="utf-8", newline="")
            convert_stream(sys.stdin, out, args.config)
        else:
            with open(args.file, encoding="utf-8", newline="") as src:
                convert_stream(src, out, args.config)
    except UnicodeDecodeError:
        raise CliError(f"{name}: not UTF-8 text") from None
    except FileNotFoundError:
        raise CliError(f"{name}: no such file") from None
