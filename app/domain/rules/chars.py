"""Character classes the rules share (regex fragments and one-character tests)."""

from __future__ import annotations

import re

from app.domain.names import HAN

# Full-width punctuation that may stand next to Han text in running Chinese.
CJK_OPEN = "“‘「『《〈（【〔［"
CJK_CLOSE = "”’」』》〉）】〕］"
CJK_PUNCT = "，。、；：？！…—·～" + CJK_OPEN + CJK_CLOSE
CLOSING_QUOTES = "”’」』\"'"
UNITS = "%％‰℃°㎡㎞㎏"

_HAN1 = re.compile(f"[{HAN}]")
_CJK1 = re.compile(f"[{HAN}{re.escape(CJK_PUNCT)}]")


def is_han(ch: str) -> bool:
    """True for one Han character; False for "" (start or end of text)."""
    return bool(ch) and _HAN1.match(ch) is not None


def is_cjk(ch: str) -> bool:
    """Han or full-width CJK punctuation."""
    return bool(ch) and _CJK1.match(ch) is not None


def is_ascii_letter(ch: str) -> bool:
    return ("a" <= ch <= "z" or "A" <= ch <= "Z") and len(ch) == 1


def is_digit(ch: str) -> bool:
    return "0" <= ch <= "9" and len(ch) == 1


def char_before(text: str, i: int) -> str:
    return text[i - 1] if i > 0 else ""


def char_at(text: str, i: int) -> str:
    return text[i] if i < len(text) else ""
