"""Spaces the OCR inserted between Han characters."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .chars import HAN
from .engine import Finding, rule

_GAP = re.compile("[ \u3000\u00a0\u2009\u202f]+")
# Up to five Han characters on either side of a gap: enough to tell a word from a name.
_HAN_BEFORE = re.compile(f"[{HAN}]{{1,5}}$")
_HAN_AFTER = re.compile(f"[{HAN}]{{1,5}}")
# 第一章 总则: a heading number is set off by a space on purpose.
_HEADING = re.compile(r"第[一二三四五六七八九十百千零〇0-9]+[章节编篇部卷条款项]$")
# 17日 美国代表团…, 3月 全区…, 2019年 全区…: a date or a counted number before its event.
_DATED = re.compile(r"[0-9０-９〇一二三四五六七八九十]+[年月日号时]$|[0-9０-９]+[^\s]?$")
# …会议 佘山镇供稿 / …合影 张三 摄: a credit after a space.
_CREDIT_AFTER = re.compile(f"[{HAN}]{{1,20}}?(?:供稿|供图|提供|摄|攝|撰稿)(?:$|[\\s。）)])")


# A line of key words or subject terms, parted by spaces.
_TERMS_LINE = re.compile(r"[ \t\u3000]*(?:关键词|关键字|主题词|关键词语|關鍵詞|關鍵字)")


def _is_gap(ch: str) -> bool:
    return ch in " \u3000\u00a0\u2009\u202f" and ch != ""


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
    alone: ``第一章 总则``, ``17日 美国代表团来访`` (a date before its event),
    ``会议 佘山镇供稿`` (a credit), lists of names ``张三 李四 王五`` (a gap between two tokens
    of 2–4 characters in a run of three or more), spaces next to Latin letters or digits, a gap of
    two spaces or more (a column gutter, padding), the terms of a ``关键词`` line. Names in an
    attribution (``熊 毅``) are not fields and never reach this rule.

    ## Fix safety
    Unsafe: a space between words can be deliberate (a list, a heading).
    """
    if " " not in text and "\u3000" not in text and "\u00a0" not in text:
        return
    line_start, seen = 0, 0  # the start of the line of the last gap (gaps come in order)
    for gap in _GAP.finditer(text):
        gs, ge = gap.span()
        if ge - gs > 1:
            continue  # two spaces or more: a column gutter or padding of the layout
        line_start = text.rfind("\n", seen, gs) + 1 or line_start
        seen = gs
        if _TERMS_LINE.match(text, line_start):
            continue  # 关键词:“点”的认知 把握“点”: spaces part the terms
        left = _HAN_BEFORE.search(text, max(0, gs - 5), gs)
        right = _HAN_AFTER.match(text, ge)
        if left is None or right is None:
            continue
        left_len, right_len = len(left.group()), len(right.group())
        in_list = _is_gap(text[left.start() - 1 : left.start()]) or _is_gap(
            text[right.end() : right.end() + 1]
        )
        if in_list and 2 <= left_len <= 4 and 2 <= right_len <= 4:
            continue  # 张三 李四 王五: spaced names or terms in a list
        if _HEADING.search(text, max(0, gs - 8), gs):
            continue
        if _DATED.search(text, max(0, left.start() - 4), gs) and left_len <= 2:
            continue  # 17日 美国…: the space after a date sets off the event
        if _CREDIT_AFTER.match(text, ge):
            continue
        yield Finding("SPC001", gs, ge, "", "unsafe", "汉字之间的空格 → 删除")
