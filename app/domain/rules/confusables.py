"""OCR confusions between look-alike characters, recognised only in known word contexts."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .engine import Finding, rule


@dataclass(frozen=True)
class _Context:
    pattern: str  # must contain the group (?P<bad>…)
    right: str | None  # the replacement for the group; None: a display-only hint
    message: str


# Each pattern names the confused character ``bad``; lookarounds keep correct words
# that contain the same letters (自己经常, 各自已经, 本末, 年末能, 辛巳) out.
_CONTEXTS: tuple[_Context, ...] = (
    _Context(r"(?<![自知异利克舍为一])(?P<bad>己)经", "已", "己经 → 已经"),
    _Context(r"(?P<bad>巳)经", "已", "巳经 → 已经"),
    _Context(r"(?<![各独亲擅暗私来出])自(?P<bad>已)(?![经])", "己", "自已 → 自己"),
    _Context(r"(?<![本逐])(?P<bad>末)来", "未", "末来 → 未来"),
    _Context(r"(?P<bad>未)尾", "末", "未尾 → 末尾"),
    _Context(r"(?P<bad>未)端(?!正)", "末", "未端 → 末端"),
    _Context(r"(?P<bad>未)梢", "末", "未梢 → 末梢"),
    _Context(
        r"(?<![本周岁年月季期世篇句卷文始末])(?P<bad>末)(?=必|能|曾|经|免|知|婚|成年)",
        "未",
        "末 → 未(未必、未能、未曾…)",
    ),
    _Context(
        r"(?<![辛乙丁己癸])(?P<bad>巳)(?![时年月日蛇经])",
        None,
        "巳 多为 已 或 己 的误识,请核对",
    ),
)
_COMBINED = re.compile(
    "|".join(
        f"(?P<c{i}>{c.pattern.replace('(?P<bad>', f'(?P<b{i}>')})" for i, c in enumerate(_CONTEXTS)
    )
)
_TRIGGERS = "己巳已末未"

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
    if any(c in text for c in _TRIGGERS):
        for m in _COMBINED.finditer(text):
            i = int(m.lastgroup[1:]) if m.lastgroup else 0
            ctx = _CONTEXTS[i]
            s, e = m.span(f"b{i}")
            safety = "unsafe" if ctx.right is not None else "display"
            yield Finding("OCR001", s, e, ctx.right, safety, ctx.message)
    if "年" in text:
        for m in _YEAR.finditer(text):
            run = m.group()
            if any(c in _ZERO_LIKE for c in run) and any(c in _HAN_DIGITS for c in run):
                fixed = run.translate(_TO_LING)
                yield Finding("OCR001", m.start(), m.end(), fixed, "unsafe", f"{run} → {fixed}")
