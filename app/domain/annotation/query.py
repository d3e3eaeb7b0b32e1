"""Search by annotation: ``person:沈永明``, ``org:宝钢``, ``place:长宁``, ``date:2004``
(also with a full-width colon, and with the Chinese names 人名, 地名, 机构 …) taken out of
a search string; the rest is searched as text, and every term must hold (AND).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.domain.search_text import shadow

from .model import SEARCH_PREFIXES, Kind

#: Chinese prefixes for the same kinds (an archivist types them without switching IME).
CHINESE_PREFIXES: dict[str, Kind] = {
    "人名": "person",
    "人物": "person",
    "地名": "place",
    "地点": "place",
    "机构": "organisation",
    "组织": "organisation",
    "日期": "date",
    "数量": "quantity",
    "术语": "term",
    "批注": "comment",
}
_TERM = re.compile(r"^(?P<prefix>[^:：\s]+)[:：](?P<value>\S+)$")


@dataclass(frozen=True, slots=True)
class AnnotationTerm:
    """Entries with an annotation of ``kind`` whose quote, record name or variant (or a
    date's ``when``) holds ``value`` (folded: either script)."""

    kind: Kind
    value: str  # folded (search shadow)
    typed: str  # the word as typed, for messages
    raw: str = ""  # the value as typed (a date's ``when`` is compared with it)


def split_query(text: str) -> tuple[str, tuple[AnnotationTerm, ...]]:
    """The text part of a search and its annotation terms."""
    words: list[str] = []
    terms: list[AnnotationTerm] = []
    for word in (text or "").split():
        m = _TERM.match(word)
        kind = None
        if m:
            prefix = m.group("prefix")
            kind = SEARCH_PREFIXES.get(prefix.lower()) or CHINESE_PREFIXES.get(prefix)
        value = shadow(m.group("value")) if kind and m else ""
        if kind and value:
            terms.append(AnnotationTerm(kind, value, word, m.group("value")))
        else:
            words.append(word)
    return " ".join(words), tuple(dict.fromkeys(terms))
