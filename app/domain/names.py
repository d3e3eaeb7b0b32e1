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

# Table headings and units in brackets on a line of their own: （平方公里）, （万元）.
_UNIT_WORDS = re.compile(
    "(?:平方米|平方公里|公里|千米|公顷|万元|亿元|千元|美元|万人|人次|人数|户数|万户|千克|公斤|"
    "立方米|千瓦|万千瓦|吨|亩|辆|比重|比例|百分比|增长|合计|总计|小计|单位|其中|备注|说明|"
    "续表|面积|人口|数量|金额)$"
)
# What an organisation's name ends with, where a person's name practically never does
# (checked only for names of three characters or more, and for credits).
_ORGANISATION_END = re.compile(
    "(?:镇|乡|区|县|市|省|局|委|办|站|所|院|会|室|部|处|厅|署|司|公司|中心|馆|社|厂|队|"
    "街道|村|校|学校|组|团|协会|集团|银行|医院|报|台|网|网站|编辑部|供稿)$"
)
# Words that stand before the names in a credit and are a role, not a name.
ROLE_PREFIX = re.compile(
    "^(?P<role>(?:本报|本刊|新华社|中新社|人民网|新华网|特约|见习)?"
    "(?:记者|通讯员|摄影记者|摄影师|摄影|编辑|撰稿|通讯员)[ \t\u3000]*|文[ \t\u3000]*[/／•·‧][ \t\u3000]*"
    "|图[ \t\u3000]*[/／•·‧][ \t\u3000]*)"
)
# Credits that name no photographer: a news agency, a file photo, a supplying office.
_AGENCIES = "新华社|中新社|中国新闻社|人民网|新华网|央视网|本报|本刊"
_AGENCY = re.compile(f"^(?:(?:{_AGENCIES})(?:发|供稿|供图|记者)?|.{{1,30}}?(?:供稿|供图|提供))$")
_FILE_PHOTO = frozenset(
    {"资料图片", "资料图", "资料照片", "资料图片供图", "资料片", "网络图片", "图片来源网络"}
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
        and name not in _FILE_PHOTO
        and _UNIT_WORDS.search(core) is None
        and not (len(core) >= 3 and _ORGANISATION_END.search(core))
        and _AGENCY.match(core) is None
    )


def source_credit(raw: str) -> tuple[str, str] | None:
    """("file", …) for 资料图片, ("agency", …) for 新华社供稿 / 新华社发 / X供稿; else None."""
    text = raw.strip(" \t\u3000")
    if text in _FILE_PHOTO:
        return ("file", text)
    if text and _AGENCY.match(text) and "\n" not in text:
        return ("agency", text)
    return None


def split_role(raw: str) -> tuple[str, str]:
    """("本报记者 ", "于文国 张宪") — a role before the names, and the names."""
    m = ROLE_PREFIX.match(raw)
    if m and m.end() < len(raw):
        return raw[: m.end()], raw[m.end() :]
    return "", raw


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
