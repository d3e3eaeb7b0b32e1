"""Spaces the OCR inserted between Han characters."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .chars import HAN
from .engine import Finding, rule

_SPACES = "[ \u3000\u00a0\u2009\u202f]+"
# A run of Han tokens separated by spaces.
_RUN = re.compile(f"[{HAN}]+(?:{_SPACES}[{HAN}]+)+")
_GAP = re.compile(_SPACES)
# 第一章 总则: a heading number is set off by a space on purpose.
_HEADING = re.compile(r"第[一二三四五六七八九十百千零〇0-9]+[章节编篇部卷条款项]$")


@rule(
    "SPC001",
    "space-between-han",
    fields=[("entry", "title"), ("entry", "body"), ("photo", "caption")],
    priority=70,
)
def space_between_han(text: str) -> Iterator[Finding]:
    """## What it does
    Removes a space between two Han characters: ``工 会`` → ``工会``.

    ## Why
    Chinese is written without spaces between words; a space inside a word is an OCR
    artifact (a wide glyph or justified line read as two words) that breaks search.

    ## Example
    ``杨浦区总工 会召开再就业工作会议`` → ``杨浦区总工会召开再就业工作会议``. Left
    alone: ``第一章 总则``, lists of names ``张三 李四 王五`` (a gap between two tokens
    of 2–4 characters in a run of three or more), spaces next to Latin letters or digits. Names in an
    attribution (``熊 毅``) are not fields and never reach this rule.

    ## Fix safety
    Unsafe: a space between words can be deliberate (a list, a heading).
    """
    if " " not in text and "\u3000" not in text and "\u00a0" not in text:
        return
    for run in _RUN.finditer(text):
        tokens = _GAP.split(run.group())
        listing = len(tokens) >= 3
        for k, gap in enumerate(_GAP.finditer(text, run.start(), run.end())):
            if listing and 2 <= len(tokens[k]) <= 4 and 2 <= len(tokens[k + 1]) <= 4:
                continue  # 张三 李四 王五: spaced names or terms in a list
            if _HEADING.search(text, max(0, gap.start() - 8), gap.start()):
                continue
            yield Finding("SPC001", gap.start(), gap.end(), "", "unsafe", "汉字之间的空格 → 删除")
