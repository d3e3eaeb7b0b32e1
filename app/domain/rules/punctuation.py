"""Half-width punctuation the OCR put into Chinese text."""

from __future__ import annotations

import re

from .chars import HAN, char_at, char_before, is_ascii_letter, is_cjk, is_digit, is_han
from .engine import Finding, Safety, make_finding, rule

FULL = {",": "，", ":": "：", ";": "；", "?": "？", "!": "！", "(": "（", ")": "）"}
_MESSAGE = {half: f"半角标点 {half} → {full}" for half, full in FULL.items()}

_ANY_MARK = re.compile(r"[,:;?!()]")
# The common case, recognised by the regex engine alone: between two Han characters.
_BETWEEN_HAN = re.compile(f"[,:;?!](?<=[{HAN}][,:;?!])(?=[{HAN}])")  # mark first: fast
_NOT_BETWEEN_HAN = re.compile(f"[,:;?!](?:(?![{HAN}])|(?<![{HAN}][,:;?!]))")
# A bracket pair without other brackets inside, on one line or wrapped once by a hard
# line break ((465\n年)); at least one half is ASCII.
_PAIR = re.compile(r"[(（](?P<inner>[^()（）\n]{1,60}(?:\n[^()（）\n]{1,60})?)[)）]")
_NUMERIC = frozenset("0123456789%％‰")
_PERCENT = frozenset("%％‰")
_QUOTES = frozenset("「」『』“”‘’")
_QUOTE_PAIRS = (("「", "」"), ("『", "』"), ("“", "”"))
_ROUND = re.compile(r"[()]")
# Characters the OCR reads where the print had a corner bracket or quote: ! and |
# anywhere, 1 only next to a quote (the regex looks at the 1s alone).
_QUOTE_CLASS = "[" + "".join(sorted(_QUOTES)) + "]"
_BRACKET_LOOKALIKES = re.compile(f"[!|]|1(?:(?={_QUOTE_CLASS})|(?<={_QUOTE_CLASS}1))")


def _pair_safety(text: str, start: int, end: int, inner: str) -> Safety | None:
    before, after = char_before(text, start), char_at(text, end)
    chinese_before = before in ("", "\n") or is_cjk(before)
    chinese_after = after in ("", "\n", "\r") or is_cjk(after) or after in ",;:?!"
    if not (is_cjk(before) or is_cjk(after)):
        return None  # Latin text or a formula: (a+b), (see p. 3)
    han_inside = any(is_han(c) for c in inner)
    if not han_inside and any(c in "+-=*/<>^" for c in inner):
        return None  # a formula: 公式(a+b)
    latin_inside = any(is_ascii_letter(c) for c in inner)
    if "\n" in inner:
        return "unsafe"  # wrapped by a hard line break: the break may be the typesetter's
    if han_inside and not latin_inside and chinese_before and chinese_after and before != "":
        return "safe"
    return "unsafe"  # (1) enumerators, (GDP), a pair at the edge of a field


def _single_safety(text: str, i: int, opened: set[int], closed: set[int]) -> Safety | None:
    left, right = char_before(text, i), char_at(text, i + 1)
    if is_ascii_letter(left) or is_ascii_letter(right):
        return None
    left_cjk = is_cjk(left) or (i - 1) in closed
    right_cjk = is_cjk(right) or (i + 1) in opened
    half = text[i]
    if left_cjk and right_cjk:
        return "safe"
    if half in ",;:":
        if (left_cjk and right in _NUMERIC) or (left in _NUMERIC and right_cjk):
            # 大调查,500户 / 5%,特种: almost surely full-width in print, but a bulk
            # accept promises to touch only marks between Han text; one look each.
            return "unsafe"
    if half in ",;" and is_digit(right) and (left in _PERCENT or _number_then_han(text, i + 1)):
        # 7.37%,10年 / 2005年为3,10月: a list of quantities, not 1,000 (three digits after).
        return "unsafe" if (is_digit(left) or left in _PERCENT) else None
    if left_cjk and right in ("", "\n", "\r"):
        return "unsafe"  # at a line end the sentence may continue in Latin
    return None


@rule("PUN001", "half-width-punctuation", priority=50)
def half_width_punctuation_in_chinese(text: str) -> list[Finding]:
    """## What it does
    Turns half-width ``,`` ``:`` ``;`` ``?`` ``!`` ``(`` ``)`` in Chinese text into
    ``，`` ``：`` ``；`` ``？`` ``！`` ``（`` ``）``.

    ## Why
    The print set full-width punctuation; the OCR mapped it to ASCII. Chinese
    typesetting (GB/T 15834) uses full-width marks in running text, and search,
    sentence splitting and export expect them.

    ## Example
    ``精神,市总工会`` → ``精神，市总工会``; ``农工商牛奶(集团)公司`` →
    ``农工商牛奶（集团）公司``; ``(每张500元),为`` → ``（每张500元），为``. Left alone:
    ``1,000``, ``3.4``, ``10:30``, ``Beijing, China``, ``(a+b)``.

    ## Fix safety
    A mark between two Han characters or full-width CJK marks is safe; a comma, colon
    or semicolon between Han text and a number (``大调查,500户``) is unsafe. A
    bracket pair is converted as a pair (two findings with the same safety): safe when
    it holds Han text and no Latin letters and stands between Han text or CJK marks;
    unsafe for enumerators ``(1)``, Latin contents ``(GDP)`` and pairs at the very
    start of a field. A mark at a line end after Han text is unsafe. Never reported
    next to a Latin letter or between two digits.
    """
    if _ANY_MARK.search(text) is None and "|" not in text:
        return []
    found, misread = _misread_brackets(text)
    opened: set[int] = set()
    closed: set[int] = set()
    if "(" in text or ")" in text:
        pairs: list[tuple[int, int, Safety]] = []
        for m in _PAIR.finditer(text):
            s, e = m.start(), m.end() - 1
            if text[s] != "(" and text[e] != ")":
                continue
            safety = _pair_safety(text, s, e + 1, m.group("inner"))
            if safety is None:
                continue
            pairs.append((s, e, safety))
            opened.add(s)
            closed.add(e)
        # Converted together or not at all: when one ASCII bracket of the field stays
        # (a formula, an unmatched half) or one pair needs a look, every pair does, so
        # a bulk accept never leaves （549年） beside (1948年).
        covered = opened | closed
        stray = any(m.start() not in covered for m in _ROUND.finditer(text))
        if stray or any(safety != "safe" for _s, _e, safety in pairs):
            pairs = [(s, e, "unsafe") for s, e, _safety in pairs]
        for s, e, safety in pairs:
            for pos in (s, e):
                half = text[pos]
                if half in "()":
                    message = f"成对括号 {half} → {FULL[half]}"
                    found.append(Finding("PUN001", pos, pos + 1, FULL[half], safety, message))
    # The common case in one comprehension: a mark between two Han characters.
    safe = [
        make_finding("PUN001", m.start(), m.end(), FULL[m[0]], "safe", _MESSAGE[m[0]])
        for m in _BETWEEN_HAN.finditer(text)
        if m.start() not in misread
    ]
    found.extend(safe)
    if len(safe) < _count_singles(text):
        for m in _NOT_BETWEEN_HAN.finditer(text):
            i = m.start()
            if i in misread:
                continue
            safety = _single_safety(text, i, opened, closed)
            if safety is not None:
                half = text[i]
                found.append(Finding("PUN001", i, i + 1, FULL[half], safety, _MESSAGE[half]))
    return found


def _number_then_han(text: str, start: int) -> bool:
    """Digits from ``start`` that are not a three-digit thousands group, then Han text."""
    end = start
    while end < len(text) and (is_digit(text[end]) or text[end] == "."):
        end += 1
    digits = text[start:end]
    return is_han(char_at(text, end)) and not (len(digits) == 3 and digits.isdigit())


def _unbalanced_quotes(line: str) -> bool:
    return any(line.count(a) != line.count(b) for a, b in _QUOTE_PAIRS)


def _misread_brackets(text: str) -> tuple[list[Finding], set[int]]:
    """A lone ``!``, ``|`` or ``1`` where a quote is missing: display-only hints."""
    found: list[Finding] = []
    where: set[int] = set()
    if not any(q in text for q in _QUOTES):
        return found, where
    for m in _BRACKET_LOOKALIKES.finditer(text):
        i = m.start()
        mark = m[0]
        left, right = char_before(text, i), char_at(text, i + 1)
        next_to_quote = left in _QUOTES or right in _QUOTES
        if mark == "1":
            suspect = (
                next_to_quote
                and (is_han(left) or is_han(right))
                and not (is_digit(left) or is_digit(right))
            )
        else:
            line_start = text.rfind("\n", 0, i) + 1
            line_end = text.find("\n", i)
            line = text[line_start : line_end if line_end >= 0 else len(text)]
            suspect = (next_to_quote or _unbalanced_quotes(line)) and (
                is_cjk(left) or is_cjk(right)
            )
        if suspect:
            where.add(i)
            found.append(
                Finding(
                    "PUN001", i, i + 1, None, "display", f"{mark} 疑为误识的引号或括号 → 请对照原书"
                )
            )
    return found, where


def _count_singles(text: str) -> int:
    return text.count(",") + text.count(":") + text.count(";") + text.count("?") + text.count("!")
