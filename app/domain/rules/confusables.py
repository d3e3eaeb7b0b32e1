"""OCR confusions between look-alike characters, recognised only in known word contexts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .engine import Finding, rule


@dataclass(frozen=True)
class _Context:
    needles: tuple[str, ...]  # the rule only looks further when one of these occurs
    pattern: re.Pattern[str]  # must contain the group (?P<bad>…)
    right: str | None  # the replacement for the group; None: a display-only hint
    message: str


def _ctx(needles: str, pattern: str, right: str | None, message: str) -> _Context:
    return _Context(tuple(needles.split()), re.compile(pattern), right, message)


# Each pattern names the confused character ``bad``; lookarounds keep correct words
# that contain the same letters (自己经常, 各自已经, 本末, 年末能, 辛巳) out. The
# needles keep the cost near zero on the vast majority of fields, which hold none.
_CONTEXTS: tuple[_Context, ...] = (
    _ctx("己经", r"(?<![自知异利克舍为一])(?P<bad>己)经", "已", "己经 → 已经"),
    _ctx("巳经", r"(?P<bad>巳)经", "已", "巳经 → 已经"),
    _ctx("自已", r"(?<![各独亲擅暗私来出])自(?P<bad>已)(?![经])", "己", "自已 → 自己"),
    _ctx("末来", r"(?<![本逐])(?P<bad>末)来", "未", "末来 → 未来"),
    _ctx("未尾", r"(?P<bad>未)尾", "末", "未尾 → 末尾"),
    _ctx("未端", r"(?P<bad>未)端(?!正)", "末", "未端 → 末端"),
    _ctx("未梢", r"(?P<bad>未)梢", "末", "未梢 → 末梢"),
    _ctx(
        "末必 末能 末曾 末经 末免 末知 末婚 末成年",
        r"(?<![本周岁年月季期世篇句卷文始末])(?P<bad>末)(?=必|能|曾|经|免|知|婚|成年)",
        "未",
        "末 → 未(未必、未能、未曾…)",
    ),
    _ctx(
        "巳",
        r"(?<![辛乙丁己癸])(?P<bad>巳)(?![时年月日蛇经])",
        None,
        "巳 多为 已 或 己 的误识,请核对",
    ),
)
_ANY_NEEDLE = re.compile("|".join(re.escape(n) for c in _CONTEXTS for n in c.needles))

# Four-digit years written in Chinese numerals with a Latin O or a zero for 〇.
_YEAR = re.compile(r"[一二三四五六七八九〇零OoＯｏ0０]{4}(?=年)")
_ZERO_LIKE = "OoＯｏ0０"
_HAN_DIGITS = "一二三四五六七八九"
_TO_LING = str.maketrans(dict.fromkeys(_ZERO_LIKE, "〇"))


@rule("OCR001", "confusable-character", priority=60)
def confusable_character_in_context(text: str) -> Iterator[Finding]:
    """## What it does
    Points out characters the OCR confuses with a look-alike, in a curated list of word
    contexts: 己经/巳经 → 已经, 自已 → 自己, 末来 → 未来, 未尾 → 末尾, 未端 → 末端,
    末必/末能/末曾/末经 → 未…, and O or 0 for 〇 in a year in Chinese numerals
    (二O一O年 → 二〇一〇年). A 巳 outside 辛巳, 巳时 and the like is flagged without
    an edit.

    ## Why
    己/已/巳 and 末/未 differ by a stroke and are confused constantly; 〇 is read as
    the letter O or a zero. A blind substitution would damage correct text (自己,
    知己, 末日, 未必), so only contexts where one reading is wrong are listed.

    ## Example
    ``已经`` is right, ``己经`` is suggested as ``已经``; ``自己经常`` and ``各自已经``
    are left alone; ``二OO四年`` → ``二〇〇四年``.

    ## Fix safety
    Unsafe for the listed word contexts (a proper name can still hold the rare
    reading); display-only for a lone 巳.
    """
    if _ANY_NEEDLE.search(text) is not None:
        yield from _in_word_contexts(text)
    if "年" in text:
        for m in _YEAR.finditer(text):
            run = m.group()
            if any(c in _ZERO_LIKE for c in run) and any(c in _HAN_DIGITS for c in run):
                fixed = run.translate(_TO_LING)
                yield Finding("OCR001", m.start(), m.end(), fixed, "unsafe", f"{run} → {fixed}")


def _in_word_contexts(text: str) -> Iterator[Finding]:
    for ctx in _CONTEXTS:
        if any(n in text for n in ctx.needles):
            safety = "unsafe" if ctx.right is not None else "display"
            for m in ctx.pattern.finditer(text):
                s, e = m.span("bad")
                yield Finding("OCR001", s, e, ctx.right, safety, ctx.message)
