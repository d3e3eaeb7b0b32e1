"""Suggested tags: Shanghai districts and organisations named in an entry.

Text in, proposals out; the archivist confirms or dismisses each one. A proposal is
only as good as its evidence, so each carries the words it was found on and the rule
that found it. Two habits of yearbook prose shape the rules:

* an entry's subject is named at the start of its title (``普陀区总工会建立…``);
* lists of places (``分布在卢湾、黄浦、徐汇、闵行、杨浦、浦东6个区``) name where
  customers or branches are, not what the entry is about, so districts that occur
  only inside such a list are not proposed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import HAN

DISTRICT_RULE = "TAG001"
ORGANISATION_RULE = "TAG002"
RULE_NAMES = {DISTRICT_RULE: "district", ORGANISATION_RULE: "organisation"}
DISTRICT_PREFIX = "地区/"
ORGANISATION_PREFIX = "组织/"


@dataclass(frozen=True)
class District:
    """A district of Shanghai, past or present.

    ``bare`` says whether the short name alone is safe to recognise: 南市 is also the
    end of 济南市, 吴淞 of 吴淞江, so those need 区 (or 县) after them.
    """

    short: str
    tag: str
    former: str = ""  # what became of it, for districts that no longer exist
    bare: bool = True
    not_before: str = ""  # characters that, just before the name, make it another word
    not_after: str = ""  # same, just after


GAZETTEER: tuple[District, ...] = (
    District("黄浦", "黄浦区", not_after="江"),
    District("卢湾", "卢湾区", former="2011年并入黄浦区"),
    District("南市", "南市区", former="2000年并入黄浦区", bare=False),
    District("徐汇", "徐汇区"),
    District("长宁", "长宁区"),
    District("静安", "静安区"),
    District("普陀", "普陀区", not_after="山"),
    District("闸北", "闸北区", former="2015年并入静安区"),
    District("虹口", "虹口区"),
    District("杨浦", "杨浦区"),
    District("吴淞", "吴淞区", former="1988年与宝山县合并为宝山区", bare=False),
    District("宝山", "宝山区"),
    District("闵行", "闵行区"),
    District("嘉定", "嘉定区"),
    District("浦东", "浦东新区"),
    District("南汇", "南汇区", former="2009年并入浦东新区"),
    District("金山", "金山区", not_before="旧", not_after="寺"),
    District("松江", "松江区"),
    District("青浦", "青浦区"),
    District("奉贤", "奉贤区"),
    District("崇明", "崇明区", not_after="岛"),
)
_BY_SHORT = {d.short: d for d in GAZETTEER}

# Names an entry uses for the municipal union; the yearbook is Shanghai's.
ORGANISATION_ALIASES = {"市总工会": "上海市总工会", "上海市总工会": "上海市总工会"}

_DISTRICT_RE = re.compile(
    "(" + "|".join(sorted(_BY_SHORT, key=len, reverse=True)) + ")(新区|区|县)?"
)
# An organisation leading a title: a short run of Han characters ending in 工会.
_LEADING_UNION = re.compile(f"^[{HAN}]{{1,14}}?工会")
# A district's union anywhere: 普陀区总工会, 南汇县总工会, 长宁区商业工会 is caught by the title.
_DISTRICT_UNION = re.compile(
    "(" + "|".join(sorted(_BY_SHORT, key=len, reverse=True)) + ")(?:新区|区|县)总工会"
)
_LIST_GLUE = frozenset("、和及与,，")
# Words before 工会 that do not name anyone by themselves.
_GENERIC_OWNERS = frozenset(
    {"", "区", "县", "市", "该", "本", "各", "各级", "基层", "公司", "集团", "集团公司", "该社"}
)


@dataclass(frozen=True)
class Mention:
    district: District
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TagSuggestion:
    path: str
    rule: str
    field: str  # title or body
    start: int
    end: int
    evidence: str

    @property
    def explanation(self) -> str:
        what = "district" if self.rule == DISTRICT_RULE else "organisation"
        return f"{self.rule} {what}: “{self.evidence}” in the {self.field}"


def district_mentions(text: str) -> list[Mention]:
    """Every district named in the text, list members included."""
    found = []
    for m in _DISTRICT_RE.finditer(text):
        d = _BY_SHORT[m.group(1)]
        suffix = m.group(2) or ""
        if not suffix and not d.bare:
            continue
        before = text[m.start() - 1] if m.start() else ""
        after = text[m.end(1)] if m.end(1) < len(text) else ""
        if not suffix and ((before and before in d.not_before) or (after and after in d.not_after)):
            continue
        found.append(Mention(d, m.start(), m.end(), m.group(0)))
    return found


def _in_enumeration(mentions: list[Mention], text: str) -> set[int]:
    """Indexes of mentions that belong to a list of three or more districts."""
    listed: set[int] = set()
    run = [0] if mentions else []
    for i in range(1, len(mentions) + 1):
        joined = i < len(mentions) and all(
            c in _LIST_GLUE for c in text[mentions[i - 1].end : mentions[i].start]
        )
        joined = joined and mentions[i].start - mentions[i - 1].end <= 1
        if joined:
            run.append(i)
            continue
        if len(run) >= 3:
            listed.update(run)
        run = [i]
    return listed


def subject_districts(text: str) -> list[Mention]:
    """Districts the text is about: every mention except members of a list."""
    mentions = district_mentions(text)
    listed = _in_enumeration(mentions, text)
    return [m for i, m in enumerate(mentions) if i not in listed]


def leading_organisation(title: str) -> str | None:
    """The union a title starts with (``纺织工会举办…`` → 纺织工会), if any."""
    m = _LEADING_UNION.match(title)
    if not m:
        return None
    name = m.group(0)
    if name in ORGANISATION_ALIASES:
        return ORGANISATION_ALIASES[name]
    if name.removesuffix("工会").removesuffix("总") in _GENERIC_OWNERS:
        return None  # 区总工会 alone means “this district's”: the name is elsewhere
    return name


def suggest_tags(title: str, body: str) -> list[TagSuggestion]:
    """Proposed tags for one entry, first evidence per tag, title before body."""
    out: dict[str, TagSuggestion] = {}

    def add(path: str, rule: str, field: str, start: int, end: int, evidence: str) -> None:
        out.setdefault(path, TagSuggestion(path, rule, field, start, end, evidence))

    for field, text in (("title", title), ("body", body)):
        if field == "title":
            org = leading_organisation(text)
            if org:
                raw = _LEADING_UNION.match(text).group(0)
                add(ORGANISATION_PREFIX + org, ORGANISATION_RULE, field, 0, len(raw), raw)
        for m in _DISTRICT_UNION.finditer(text):
            add(ORGANISATION_PREFIX + m.group(0), ORGANISATION_RULE, field, *m.span(), m.group(0))
        for mention in subject_districts(text):
            add(
                DISTRICT_PREFIX + mention.district.tag,
                DISTRICT_RULE,
                field,
                mention.start,
                mention.end,
                mention.text,
            )
    # Districts first, then organisations: the order the archivist reads them in.
    return sorted(out.values(), key=lambda s: (s.rule, s.field != "title", s.start))


def district_of(text: str) -> str | None:
    """The first district the text is about (its tag name), for comparing subjects."""
    mentions = subject_districts(text)
    return mentions[0].district.tag if mentions else None
