"""Recognising and splitting personal names in attributions and photo credits."""

from __future__ import annotations

import re

# A Han character (BMP and the common extensions), plus the interpunct used in
# transliterated and minority names (阿不都·热合曼).
HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f"
_HAN_RE = re.compile(f"[{HAN}]")
_NAME_CHARS = f"{HAN}·•‧"
# What may stand between the brackets of an attribution: names, separators, spaces.
_ATTRIBUTION_BODY = re.compile(f"^[{_NAME_CHARS}、，,；; \t\u3000]+$")
_SEPARATORS = re.compile(r"[、，,；;]")
_SPACES = re.compile(r"[ \t\u3000\u00a0]+")

# Bracketed words that close a paragraph but are not people.
NOT_NAMES = frozenset(
    {"待续", "未完", "续完", "完", "续", "上接", "下转", "图", "附图", "图片", "见图", "同上", "略"}
)

MAX_NAME_CHARS = 6  # Han characters in one name, interpuncts not counted
MIN_NAME_CHARS = 2


def is_han(ch: str) -> bool:
    return bool(_HAN_RE.match(ch))


def split_names(raw: str) -> tuple[str, ...]:
    """Split the inside of an attribution into names.

    ``张三、李四`` and ``张三 李四`` are two people; ``熊 毅`` is one person whose
    name the typesetter spaced out, so runs of single characters are joined.
    """
    names: list[str] = []
    for part in _SEPARATORS.split(raw):
        tokens = [t for t in _SPACES.split(part.strip()) if t]
        pending = ""
        for token in tokens:
            if len(token) == 1:
                pending += token
                continue
            if pending:
                names.append(pending)
                pending = ""
            names.append(token)
        if pending:
            names.append(pending)
    return tuple(names)


_ALL_HAN = re.compile(f"[{HAN}]+")
_COMMON_HAN = re.compile("[\u4e00-\u9fff]+")  # one range: much faster to test first


def _plausible_name(name: str) -> bool:
    core = name.replace("·", "").replace("•", "").replace("‧", "")
    return (
        MIN_NAME_CHARS <= len(core) <= MAX_NAME_CHARS
        and (_COMMON_HAN.fullmatch(core) is not None or _ALL_HAN.fullmatch(core) is not None)
        and name not in NOT_NAMES
    )


def parse_names(raw: str) -> tuple[str, ...] | None:
    """Names in an attribution's brackets, or None when the text is not a list of names."""
    if not raw or not _ATTRIBUTION_BODY.match(raw):
        return None
    names = split_names(raw)
    if not names or not all(_plausible_name(n) for n in names):
        return None
    return names


def separator_of(raw: str) -> str:
    """The separator the source used between several names (for writing them back)."""
    m = _SEPARATORS.search(raw)
    if m:
        return m.group(0)
    return " " if len(split_names(raw)) > 1 else "、"
