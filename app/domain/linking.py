"""Which entry does a photograph illustrate? Caption ↔ entry text similarity.

A caption names who did what (``普陀区总工会举办上海“西宫”人才市场``). Two measures,
used together:

* **similarity**: cosine of character bigram and trigram vectors, weighted by how rare
  each n-gram is among the volume's entries (words every entry shares — 再就业, 下岗职工,
  工会 — count for little; 西宫, 宝钢, 协解 for a lot), the title counted twice;
* **subject**: the organisation the caption starts with (普陀区总工会, 农工商集团). An
  entry about another organisation is not the one the photo illustrates, however many
  words they share: 收银员 training by 农工商集团 is not 奉贤区供销社's 电子收银员 course.
  A candidate is *confident* only when the entry names the caption's subject.

When no entry names the subject, the suggestion says so and proposes nothing: the
photo stays where the print put it, for the archivist to decide.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from .names import HAN
from .tagging import GAZETTEER, subject_districts

LINK_RULE = "LINK001"  # the stored code of a suggested photo link
NGRAM_SIZES = (2, 3)
TITLE_WEIGHT = 2
MIN_SCORE = 0.02  # below this a candidate shares nothing worth showing
_TOKEN = re.compile(f"[{HAN}A-Za-z0-9]+")
_CREDIT = re.compile(r"[(（][^()（）]*摄[)）]\s*\|?\s*$")

# What a caption's subject may end with, longest first so 总工会 wins over 工会.
_SUBJECT_SUFFIXES = ("总工会", "工会", "集团公司", "集团", "公司", "委员会")
_SUBJECT = re.compile(f"^[{HAN}]{{1,12}}?(?:{'|'.join(_SUBJECT_SUFFIXES)})")
_DISTRICT_SHORT = {d.short for d in GAZETTEER}


@dataclass(frozen=True)
class EntryText:
    id: int
    title: str
    body: str


@dataclass(frozen=True)
class LinkCandidate:
    entry_id: int
    score: float
    subject_match: bool
    shared: tuple[str, ...]  # the rarest n-grams both share, for the explanation

    @property
    def explanation(self) -> str:
        words = "、".join(self.shared) or "—"
        subject = "names the caption's subject" if self.subject_match else "other subject"
        return f"score {self.score:.3f}, {subject}; shared: {words}"


@dataclass(frozen=True)
class LinkSuggestion:
    caption: str
    subject: str | None
    candidates: tuple[LinkCandidate, ...]  # confident first, then by score

    @property
    def best(self) -> LinkCandidate | None:
        """The entry to propose, or None when no entry names the caption's subject."""
        if self.candidates and self.candidates[0].subject_match:
            return self.candidates[0]
        return None

    @property
    def reason(self) -> str:
        best = self.best
        if best is not None:
            return f"entry {best.entry_id}: {best.explanation}"
        if self.subject:
            return f"no entry names {self.subject}; keep the photo where it is"
        return "no entry is close enough to the caption"


def strip_credit(caption: str) -> str:
    """The caption without a trailing ``(张三摄)`` credit or table pipe."""
    return _CREDIT.sub("", caption).strip()


def ngrams(text: str, sizes: Iterable[int] = NGRAM_SIZES) -> Counter[str]:
    """Character n-grams within runs of letters (never across punctuation)."""
    grams: Counter[str] = Counter()
    for token in _TOKEN.findall(text):
        for n in sizes:
            for i in range(len(token) - n + 1):
                grams[token[i : i + n]] += 1
    return grams


def caption_subject(caption: str) -> str | None:
    """The organisation a caption starts with: 普陀区总工会, 农工商集团, 宝钢集团."""
    m = _SUBJECT.match(strip_credit(caption))
    return m.group(0) if m else None


def subject_core(subject: str) -> str:
    """The distinctive part of a subject: 普陀区总工会 → 普陀, 市农委工会 → 农委."""
    core = subject
    for suffix in _SUBJECT_SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix):
            core = core[: -len(suffix)]
            break
    for district in _DISTRICT_SHORT:
        if core.startswith(district):
            return district
    if core.startswith(("市", "上海")) and len(core) > 2:
        core = core.removeprefix("上海").removeprefix("市")
    return core


def _mentions_subject(core: str, entry: EntryText) -> bool:
    """Whether the entry is about the subject, not merely naming it in a list."""
    if core in _DISTRICT_SHORT:
        return any(
            m.district.short == core
            for text in (entry.title, entry.body)
            for m in subject_districts(text)
        )
    return len(core) >= 2 and (core in entry.title or core in entry.body)


class LinkIndex:
    """The volume's entries, ready to be compared with captions."""

    def __init__(self, entries: Iterable[EntryText]):
        self.entries = list(entries)
        self.vectors: dict[int, Counter[str]] = {}
        df: Counter[str] = Counter()
        for e in self.entries:
            grams = ngrams(e.body)
            for g, c in ngrams(e.title).items():
                grams[g] += c * TITLE_WEIGHT
            self.vectors[e.id] = grams
            df.update(grams.keys())
        n = len(self.entries)
        self.idf = {g: math.log((1 + n) / (1 + f)) + 1 for g, f in df.items()}
        self._unseen_idf = math.log(1 + n) + 1
        self.norms = {
            eid: math.sqrt(sum((c * self.idf[g]) ** 2 for g, c in v.items()))
            for eid, v in self.vectors.items()
        }

    def rank(self, caption: str, limit: int = 5) -> LinkSuggestion:
        text = strip_credit(caption)
        subject = caption_subject(text)
        core = subject_core(subject) if subject else None
        query = ngrams(text)
        weights = {g: c * self.idf.get(g, self._unseen_idf) for g, c in query.items()}
        qnorm = math.sqrt(sum(w * w for w in weights.values())) or 1.0
        candidates = []
        for e in self.entries:
            vec = self.vectors[e.id]
            common = [g for g in weights if g in vec]
            if not common:
                continue
            dot = sum(weights[g] * vec[g] * self.idf[g] for g in common)
            score = dot / (qnorm * (self.norms[e.id] or 1.0))
            if score < MIN_SCORE:
                continue
            rare = sorted((g for g in common if len(g) == 2), key=lambda g: (-self.idf[g], g))[:4]
            match = bool(core) and _mentions_subject(core, e)
            candidates.append(LinkCandidate(e.id, round(score, 4), match, tuple(rare)))
        candidates.sort(key=lambda c: (not c.subject_match, -c.score, c.entry_id))
        return LinkSuggestion(caption=text, subject=subject, candidates=tuple(candidates[:limit]))


def rank_entries(caption: str, entries: Iterable[EntryText], limit: int = 5) -> LinkSuggestion:
    """One-off ranking; build a :class:`LinkIndex` once to rank many captions."""
    return LinkIndex(entries).rank(caption, limit)
