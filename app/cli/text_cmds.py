"""convert (script conversion of text files or stdin)."""

from __future__ import annotations

import argparse
import sys

from .common import CliError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("convert", help="convert simplified/traditional Chinese (stdin → stdout)")
    p.add_argument(
        "--config",
        required=True,
        metavar="CONFIG",
        help="s2t, t2s, s2tw, s2twp, s2hk, tw2s, hk2s, …",
    )
    p.add_argument("file", nargs="?", metavar="FILE")
    p.set_defaults(func=cmd_convert)


def cmd_convert(args: argparse.Namespace) -> int:
    from app.domain.convert import CONFIGS, convert_stream

    if args.config not in CONFIGS:
        raise CliError(f"unknown configuration {args.config!r}; choose one of {', '.join(CONFIGS)}")
    if args.file:
        try:
            with open(args.file, encoding="utf-8", newline="") as src:
                convert_stream(src, sys.stdout, args.config)
        except UnicodeDecodeError:
            raise CliError(f"{args.file}: not UTF-8 text") from None
        except FileNotFoundError:
            raise CliError(f"{args.file}: no such file") from None
    else:
        sys.stdin.reconfigure(encoding="utf-8", newline="")
        convert_stream(sys.stdin, sys.stdout, args.config)
    return 0
