"""Numbers whose thousands separator the OCR turned into a line break or left as a space."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .chars import (
    CJK_PUNCT,
    CLOSING_QUOTES,
    UNITS,
    char_at,
    char_before,
    is_ascii_letter,
    is_cjk,
    is_digit,
    is_han,
)
from .engine import Finding, Safety, rule

# A lead group of 1–3 digits, then one or more separator + exactly-three-digit groups,
# not followed by another digit. A lead group that is the tail of a longer number
# (2004\n100 matches as 004\n100) is discarded in _joins: a leading lookbehind would
# make the regex engine test every position of the text.
_SPLIT = re.compile(r"[0-9]{1,3}(?:\r?\n[0-9]{3})+(?![0-9])")
_SPACED = re.compile(
    r"[0-9]{1,3}(?P<sep>[ \u2009\u00a0\u202f])[0-9]{3}(?:(?P=sep)[0-9]{3})*(?![0-9])"
)
_SEPARATORS = re.compile(r"[\r\n \u2009\u00a0\u202f]")

# A Han character just before the number that makes it a label or a date, not a
# quantity (表1 200家 may be "table 1, 200 firms"; after 月 comes a day).
_LABELS = frozenset("表图第号附页卷期章节条款项幅例月")
# Words before the number that make it a code, telephone number or the like.
_CODE_WORDS = re.compile(
    r"(?:电话|传真|电传|手机|热线|邮编|邮政编码|号码|编号|代码|账号|帐号|tel|fax)[^0-9]{0,4}$",
    re.IGNORECASE,
)
# Whitespace before the number is not here: spaced-out numbers are a table or a list
# ("12 3\n456", "序号 1\n200人"), not running text.
_SAFE_PRECEDERS = frozenset(CJK_PUNCT)
_PUNCT_FOLLOWERS = frozenset(CJK_PUNCT + ",.;:!?)]")


def _classify(text: str, start: int, end: int) -> Safety | None:
    """Safety of joining the number ``text[start:end]``, or None to leave it alone."""
    follower = char_at(text, end)
    if is_han(follower) or (follower and (follower in CLOSING_QUOTES or follower in UNITS)):
        good_follower = True
    elif follower in _PUNCT_FOLLOWERS or is_ascii_letter(follower):
        good_follower = False
    else:
        return None  # a space, a line break or the end: nothing says this is one number
    before = char_before(text, start)
    if before == "":
        good_before = True
    elif is_han(before):
        good_before = before not in _LABELS
    elif before in ",;:" and is_cjk(char_before(text, start - 1)):
        good_before = True  # 应聘,2\n450名: a Chinese comma the OCR made half-width
    elif before in _SAFE_PRECEDERS:
        good_before = True
    else:
        good_before = False  # 1.7, 1~2, 1+1, A4, 10:30 …
    if good_before and _CODE_WORDS.search(text, max(0, start - 10), start):
        good_before = False
    return "safe" if good_before and good_follower else "unsafe"


def _decimal_before(text: str, start: int) -> bool:
    return char_before(text, start) == "." and is_digit(char_before(text, start - 1))


def _decimal_after(text: str, end: int) -> bool:
    return char_at(text, end) == "." and is_digit(char_at(text, end + 1))


def _decimal_beside(text: str, start: int, end: int) -> bool:
    """A decimal point right before or after the digits: 442.1\n373.3, 30\n396.7."""
    return _decimal_before(text, start) or _decimal_after(text, end)


def _joins(
    pattern: re.Pattern[str], code: str, text: str, what: str, *, decimals: bool = True
) -> Iterator[Finding]:
    for m in pattern.finditer(text):
        if is_digit(char_before(text, m.start())):
            continue
        if not decimals and _decimal_beside(text, m.start(), m.end()):
            continue  # two values of a table or a list, or a decimal split at its point
        if _decimal_before(text, m.start()) and _decimal_after(text, m.end()):
            continue  # 140.88 105.81: two decimals side by side are two cells of a table
        safety = _classify(text, m.start(), m.end())
        if safety is None:
            continue
        joined = _SEPARATORS.sub("", m.group())
        yield Finding(code, m.start(), m.end(), joined, safety, f"{what} → {joined}")


@rule("NUM001", "split-number", priority=10)
def number_split_across_lines(text: str) -> Iterator[Finding]:
    """## What it does
    Joins a number whose thousands separator became a line break: ``5\\n987人`` →
    ``5987人``, ``“4\\n050”`` → ``“4050”``.

    ## Why
    Yearbooks print large numbers with a thin space between thousands; the OCR turned
    that space into a line break, which cuts the number in two and, in a corpus, makes
    ``5987`` unsearchable.

    ## Example
    ``通过职介机构介绍就业5\\n987人`` → ``通过职介机构介绍就业5987人``. Left alone:
    ``2004\\n100`` (a four-digit lead group is a year or a whole number), ``1.7万``,
    ``1~2万元``, ``1+1群``, ``10月17日``, and a break beside a decimal point on either
    side (``442.1\n373.3``, ``30\n396.7``: two cells of a table, or a value that only
    a look at the page can settle).

    ## Fix safety
    Safe when the lead group has 1–3 digits after a Han character (not a label such as
    表, 第 or 月), CJK punctuation or the start of the field, and a Han character, unit
    or closing quote follows (余 and 多 are Han). Unsafe when a decimal point, sign,
    range, letter, space or another number comes before, when punctuation or a letter
    follows, or near words such as 电话. Not reported when a space, line break or
    the end of the field follows the last group.
    """
    if "\n" not in text:
        return
    yield from _joins(_SPLIT, "NUM001", text, "数字被换行拆开", decimals=False)


@rule("NUM002", "spaced-thousands", priority=20)
def number_with_spaced_thousands(text: str) -> Iterator[Finding]:
    """## What it does
    Removes a space used as thousands separator: ``1 800人`` → ``1800人``,
    ``28 831人次`` → ``28831人次``, also with a thin (U+2009), no-break (U+00A0) or
    narrow no-break (U+202F) space.

    ## Why
    The print's thin-space separator survives OCR as a space; Chinese text writes
    numbers without separators, and a spaced number cannot be searched or exported as
    one value.

    ## Example
    ``新增登记求职的下岗职工1 800人`` → ``新增登记求职的下岗职工1800人``. Left alone:
    ``电话 6234 5678`` (a four-digit lead group), ``151%``, ``2004 100``,
    ``140.88 105.81`` (two decimals side by side: two cells of a table).

    ## Fix safety
    Same contexts as NUM001: safe when a Han character, unit or closing quote follows
    and the number stands after Han text or CJK punctuation; unsafe near 电话, 编号 and
    the like, after a label (表, 第, 月), after a space, a decimal point or another
    number, or when punctuation or a letter follows.
    """
    if " " not in text and "\u2009" not in text and "\u00a0" not in text and "\u202f" not in text:
        return
    yield from _joins(_SPACED, "NUM002", text, "数字中的千分位空格")
