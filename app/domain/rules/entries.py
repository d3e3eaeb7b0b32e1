"""Entries the OCR ran together: structure suggestions on an entry's body."""

from __future__ import annotations

from collections.abc import Iterator

from app.domain.restructure import split_hints

from .engine import Finding, rule


@rule("STR004", "run-together-entries", fields=[("entry", "body")], priority=40)
def entries_run_together(text: str) -> Iterator[Finding]:
    """## What it does
    Points out a bracketed title (``【标题】``) inside an entry's body, after a finished
    sentence: where a second entry begins that the OCR ran into the first.

    ## Why
    The parser starts an entry at a ``【title】`` opening a line; when the OCR lost the
    line break before it (``…工作。【新标题】正文``) the second entry's title and text stay
    in the first entry's body, with the first entry's author line after both.

    ## Example
    ``第一条的正文写得很长。【条目二】第二条的正文。`` → the body may be split at
    ``【条目二】``. Left alone: a 【】 that follows no finished sentence
    (``见【附表一】所列``), a bracket of one character, a 【】 at the end of the body.

    ## Fix safety
    Display only: whether two entries were run together is a reading decision; accepting
    the suggestion (one by one, never in bulk) splits the entry there, one revision that
    undo takes back.
    """
    if "【" not in text:
        return
    for hint in split_hints(text):
        end = text.index("】", hint.at) + 1
        yield Finding(
            "STR004", hint.at, end, None, "display", "正文中另起一个条目 → 可在此拆分条目"
        )
