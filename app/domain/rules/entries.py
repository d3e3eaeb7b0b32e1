"""Entries the OCR ran together: structure suggestions on an entry's body."""

from __future__ import annotations

from collections.abc import Iterator

from app.domain.restructure import ends_mid_sentence, split_hints

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


@rule("STR005", "cut-short-entry", fields=[("entry", "body")], priority=40)
def entry_cut_short(text: str) -> Iterator[Finding]:
    """## What it does
    Points out an entry whose body stops mid-sentence (its last character a Han character
    or a comma): the rest of it may be the next entry, which the OCR or a page break cut
    off. Kept only where the next entry has no title of its own (storage decides that).

    ## Why
    A page break or a column break in the print makes the OCR start a new paragraph, and
    the parser an entry with no title, in the middle of a sentence.

    ## Example
    ``…全县共有中小学86所，在校学`` followed by an untitled ``生四万余人。`` → the two may
    be merged. Left alone: a body ending with ``。`` ``！`` ``？`` ``；`` ``…`` or a closing
    mark, a number, a table row.

    ## Fix safety
    Display only: accepting it (one by one, never in bulk) merges the next entry into this
    one, one batch that undo takes back.
    """
    at = ends_mid_sentence(text)
    if at is not None:
        yield Finding("STR005", at, at + 1, None, "display", "正文在句中中断 → 可与下一条目合并")
