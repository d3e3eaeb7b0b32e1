"""Every code the database stores for a suggestion, in one catalogue.

A suggestion row carries the code of what proposed it: an OCR rule (``NUM001``, in
``suggestion.rule``), a tag rule (``TAG001``, ``tag_suggestion.rule``), the photo-link
rule (``LINK001``, ``link_suggestion``), an annotation scanner (``ANN001``). A code is
never reused: a rule that is withdrawn moves to :data:`RETIRED`, so an old project's rows
still say what proposed them. ``curator rules`` lists this catalogue.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from .annotation.scanners import catalogue as annotation_scanners
from .linking import LINK_RULE
from .rules import catalogue as ocr_rules
from .tagging import DISTRICT_RULE, ORGANISATION_RULE

Kind = Literal["ocr", "tag", "link", "annotation"]
Group = Literal["stable", "retired"]


@dataclass(frozen=True)
class StoredCode:
    code: str
    name: str
    kind: Kind
    group: Group
    summary: str  # what it proposes, in one sentence
    doc: str  # the documentation, in the sections of the OCR rules


def _doc(what: str, why: str, example: str, safety: str) -> str:
    return (
        f"## What it does\n{what}\n\n## Why\n{why}\n\n## Example\n{example}\n\n"
        f"## Fix safety\n{safety}"
    )


_SUGGESTED_TAGS = (
    StoredCode(
        DISTRICT_RULE,
        "district",
        "tag",
        "stable",
        "Proposes the tag 地区/… for a Shanghai district the entry is about.",
        _doc(
            "Proposes the tag 地区/… for a Shanghai district the entry is about.",
            "Districts are the commonest way archivists slice a municipal yearbook.",
            "普陀区总工会建立… → 地区/普陀区. A district only listed among three or more"
            " (分布在卢湾、黄浦、徐汇…) is not proposed.",
            "Never applied by itself: the archivist accepts or rejects each proposal.",
        ),
    ),
    StoredCode(
        ORGANISATION_RULE,
        "organisation",
        "tag",
        "stable",
        "Proposes the tag 组织/… for the union an entry's title starts with, or a district's union.",
        _doc(
            "Proposes the tag 组织/… for the union an entry's title starts with, or a"
            " district's union named in it.",
            "An entry's subject is named at the start of its title.",
            "纺织工会举办… → 组织/纺织工会; 市总工会 → 组织/上海市总工会.",
            "Never applied by itself: the archivist accepts or rejects each proposal.",
        ),
    ),
)

_SUGGESTED_LINKS = (
    StoredCode(
        LINK_RULE,
        "photo-link",
        "link",
        "stable",
        "Proposes the entry a photograph illustrates, from caption ↔ entry similarity.",
        _doc(
            "Proposes the entry a photograph illustrates, from caption ↔ entry similarity.",
            "OCR puts a photo next to whatever text surrounds it; the caption names its subject.",
            "杨浦区总工会召开再就业工作会议 → the entry that names 杨浦区总工会.",
            "Only for unconfirmed links, and only when the best entry names the caption's"
            " subject; the archivist accepts or rejects.",
        ),
    ),
)

#: Codes once stored and no longer produced (none yet). Keep them here for good.
RETIRED: tuple[StoredCode, ...] = ()


def catalogue() -> list[StoredCode]:
    """Every stored code, by code: the OCR rules, the tag and link rules, the annotation
    scanners, and the retired codes."""
    codes = [StoredCode(r.code, r.name, "ocr", "stable", r.summary, r.doc) for r in ocr_rules()]
    codes += _SUGGESTED_TAGS + _SUGGESTED_LINKS
    codes += [
        StoredCode(s.code, s.name, "annotation", "stable", s.summary, s.doc)
        for s in annotation_scanners()
    ]
    codes += RETIRED
    seen = [c.code for c in codes]
    if len(set(seen)) != len(seen):
        raise ValueError(f"a stored code is listed twice: {sorted(seen)}")
    return sorted(codes, key=lambda c: c.code)


def lookup(code: str) -> StoredCode | None:
    return next((c for c in catalogue() if c.code == code.upper()), None)
