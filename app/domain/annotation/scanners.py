"""Suggested annotations: scanners that find people, places, organisations, dates and
quantities in running text (text in, findings out, no side effects).

Scanners are registered like the OCR rules (:mod:`app.domain.rules.engine`): a stable
code stored in the database and never reused, a name, a docstring in the four fixed
sections, and a safety class decided per finding from its context — *safe* ones may be
accepted in bulk, *unsafe* ones are looked at one by one.

Two habits keep suggestions from fighting the OCR corrections: a scanner never marks
text that a pending correction would change (a number still split by the OCR,
``5⏎987人``, or spaced, ``1 800人``, is left until it is joined), and never marks across
a line break or a space.
"""

from __future__ import annotations

import calendar
import inspect
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import Decimal

from app.domain.names import HAN
from app.domain.rules.chars import CJK_PUNCT
from app.domain.rules.engine import DOC_SECTIONS, Safety
from app.domain.tagging import GAZETTEER, ORGANISATION_ALIASES, district_mentions

from .model import NO_VALUE, Kind, Value


@dataclass(frozen=True, slots=True)
class AnnotationFinding:
    """Propose marking ``text[start:end]`` as ``kind``.

    ``record`` names the record the annotation would link to (its kind and name, or a
    known record's id), ``value`` the normalised date or quantity.
    """

    code: str
    kind: Kind
    start: int
    end: int
    safety: Safety
    message: str
    value: Value = NO_VALUE
    record_name: str | None = None
    record_id: int | None = None


@dataclass(frozen=True, slots=True)
class KnownName:
    """A name or variant of a person, place or organisation record."""

    kind: Kind
    record_id: int
    record_name: str


#: Known names from the project's records: name or variant → record.
Lexicon = Mapping[str, KnownName]
ScanFunc = Callable[[str, "ScanContext"], Iterable[AnnotationFinding]]


@dataclass(frozen=True)
class Scanner:
    code: str
    name: str
    kind: Kind
    summary: str
    doc: str
    func: ScanFunc
    priority: int


SCANNERS: dict[str, Scanner] = {}


def scanner(code: str, name: str, kind: Kind, *, priority: int = 100):
    """Register ``func`` as the annotation scanner ``code`` (docstring as for OCR rules)."""

    def register(func: ScanFunc) -> ScanFunc:
        if code in SCANNERS:
            raise ValueError(f"scanner code {code} registered twice")
        doc = inspect.cleandoc(func.__doc__ or "")
        missing = [s for s in DOC_SECTIONS if s not in doc]
        if missing:
            raise ValueError(f"scanner {code} docstring lacks {', '.join(missing)}")
        first = doc.split("## What it does", 1)[1].strip().split("\n\n", 1)[0]
        SCANNERS[code] = Scanner(code, name, kind, " ".join(first.split()), doc, func, priority)
        return func

    return register


def catalogue() -> list[Scanner]:
    return [SCANNERS[c] for c in sorted(SCANNERS)]


class ScanContext:
    """What a scan knows beyond the text: the field, and the project's known names.

    The names are compiled once into one regular expression shaped like a trie (a
    branch per first character), which the regex engine skips through quickly.
    """

    def __init__(self, field: str = "body", lexicon: Lexicon | None = None) -> None:
        self.field = field
        self.lexicon: Lexicon = lexicon or {}
        self.names_re = _trie_regex(self.lexicon) if self.lexicon else None

    def for_field(self, field: str) -> ScanContext:
        if field == self.field:
            return self
        other = object.__new__(ScanContext)
        other.field, other.lexicon, other.names_re = field, self.lexicon, self.names_re
        return other


def _trie_regex(words: Iterable[str]) -> re.Pattern[str]:
    trie: dict = {}
    for w in words:
        if not w:
            continue
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def pattern(node: dict) -> str:
        ends = "" in node
        branches = [re.escape(ch) + pattern(sub) for ch, sub in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        if ends:  # a longer name is tried first, the shorter one is kept when it fails
            body = "(?:" + body + ")?"
        return body

    return re.compile(pattern(trie))


# -- shared context tests --------------------------------------------------------------

_HAN1 = re.compile(f"[{HAN}]")
_DIGIT = "0123456789"
_SEPARATORS = " \n\r\t\u3000\u00a0\u2009\u202f"
_RANGE = "~～-－—到至"
_BOUNDARY = frozenset(CJK_PUNCT + ",.;:!?()[]\"' \n\r\t\u3000")


def _is_han(ch: str) -> bool:
    return bool(ch) and _HAN1.match(ch) is not None


def _part_of_number(text: str, start: int) -> bool:
    """True when the digits at ``start`` continue a number before them: another digit,
    a decimal point, or a separator with a digit before it (``5⏎987``, ``1 800``)."""
    if start == 0:
        return False
    before = text[start - 1]
    if before in _DIGIT or before in ".．":
        return True
    return before in _SEPARATORS and start >= 2 and text[start - 2] in _DIGIT


def _continues_as_number(text: str, end: int) -> bool:
    """True when the number ending at ``end`` goes on after a separator (``1⏎500``)."""
    return end + 1 < len(text) and text[end] in _SEPARATORS and text[end + 1] in _DIGIT


# -- known records ------------------------------------------------------------------------


@scanner("ANN001", "known-name", "person", priority=10)
def known_record_names(text: str, ctx: ScanContext) -> Iterator[AnnotationFinding]:
    """## What it does
    Finds the names and variants of the project's person, place and organisation records
    in the text: ``沈永明`` in a body where 沈永明 is an author's record.

    ## Why
    An author mentioned in another entry's text is the same person; linking the mention
    to the record gives the index and the TEI ``ref`` one identity per person.

    ## Example
    ``由沈永明负责`` with a record 沈永明 → person 沈永明. Left alone: a name inside a
    longer run of the same characters that is another record's name (the longer wins).

    ## Fix safety
    Safe for names of three or more characters; unsafe for two-character names, which
    are often ordinary words (``金今``, ``华山``) as well.
    """
    if ctx.names_re is None:
        return
    lexicon = ctx.lexicon
    for m in ctx.names_re.finditer(text):
        name = m.group()
        if not name:
            continue
        known = lexicon[name]
        safety: Safety = "safe" if len(name) >= 3 else "unsafe"
        yield AnnotationFinding(
            "ANN001",
            known.kind,
            m.start(),
            m.end(),
            safety,
            f"已知{_KIND_ZH[known.kind]} {known.record_name}",
            record_name=known.record_name,
            record_id=known.record_id,
        )


_KIND_ZH = {
    "person": "人物",
    "place": "地名",
    "organisation": "机构",
    "date": "日期",
    "quantity": "数量",
    "term": "术语",
    "comment": "批注",
}


# -- places and organisations from the gazetteer ------------------------------------------

_DISTRICTS = "|".join(sorted((d.short for d in GAZETTEER), key=len, reverse=True))
_TAGS = {d.short: d.tag for d in GAZETTEER}


@scanner("ANN002", "district", "place", priority=30)
def districts(text: str, ctx: ScanContext) -> Iterator[AnnotationFinding]:
    """## What it does
    Marks the districts of the gazetteer shipped for tag suggestions: ``长宁区``,
    ``南汇县``, ``浦东新区``, and the short forms (``卢湾``) where they stand alone.

    ## Why
    Places are what a reader of a district yearbook looks up; the gazetteer already
    knows which names are safe to recognise and which need 区 after them (南市, 吴淞).

    ## Example
    ``长宁区总工会`` → place 长宁区 (inside the organisation). ``卢湾巨鹿劳务公司`` →
    place 卢湾 (unsafe). Left alone: ``济南市``, ``黄浦江``, ``普陀山``.

    ## Fix safety
    Safe with its suffix 区, 县 or 新区; unsafe as a bare short name, which may be part
    of an organisation's or a street's name.
    """
    for m in district_mentions(text):
        suffix = len(m.text) > len(m.district.short)
        yield AnnotationFinding(
            "ANN002",
            "place",
            m.start,
            m.end,
            "safe" if suffix else "unsafe",
            f"地名 {m.district.tag}",
            record_name=m.district.tag,
        )


# An organisation leading a title: a short run of Han characters ending in 工会 or
# 集团公司 (``宝钢集团公司促进…``, ``农工商牛奶公司工会整合…``).
_LEADING_ORG = re.compile(f"^[{HAN}]{{1,14}}?(?:工会|集团公司)")
_DISTRICT_UNION = re.compile(f"(?:{_DISTRICTS})(?:新区|区|县)总工会")
_CITY_UNION = re.compile("(?:上海)?市总工会")
# In running text: a company's or group's union after a boundary.
_COMPANY_UNION = re.compile(f"[{HAN}]{{2,10}}?(?:集团公司|公司|集团)工会")
_GENERIC = frozenset(
    {
        "",
        "区",
        "县",
        "市",
        "该",
        "本",
        "各",
        "各级",
        "基层",
        "公司",
        "集团",
        "集团公司",
        "该社",
        "区总",
        "县总",
        "市总",
        "分",
        "子",
        "总",
    }
)
_BEFORE_CITY_UNION = frozenset("由在向与和及靠经被将对为是从同给请报到了的即")
_GENERIC_TAILS = ("各级", "基层", "该", "本", "集团", "公司", "子", "分")


def _owner(name: str) -> str:
    for tail in ("总工会", "工会", "集团公司"):
        if name.endswith(tail):
            return name[: -len(tail)]
    return name


@scanner("ANN003", "organisation", "organisation", priority=20)
def organisations(text: str, ctx: ScanContext) -> Iterator[AnnotationFinding]:
    """## What it does
    Marks organisations: the union or group a title starts with (``纺织工会``,
    ``宝钢集团公司``), district unions anywhere (``普陀区总工会``), the municipal union
    (``市总工会`` → 上海市总工会), and company unions in running text (``X公司工会``).

    ## Why
    A yearbook of trade-union work is organised by who did it; the subject of an entry
    is named at the start of its title, and district unions follow one fixed pattern.

    ## Example
    ``【长宁区总工会为再就业带头人办实事】`` → organisation 长宁区总工会 (safe);
    ``宝钢集团公司工会主席卞恩君…`` in a caption → 宝钢集团公司工会 (unsafe). Left
    alone: ``区总工会``, ``各级工会``, ``基层工会`` (they name nobody by themselves).

    ## Fix safety
    Safe for a title's leading organisation, a district union and the municipal union
    (市总工会 after a Han character other than a particle such as 由, 向, 靠 is
    unsafe: it may end another city's name);
    unsafe for a caption's leading organisation and a company union found in running
    text, where the start of its name is a guess.
    """
    seen: set[tuple[int, int]] = set()

    def found(start: int, end: int, safety: Safety, record: str) -> AnnotationFinding | None:
        if (start, end) in seen:
            return None
        seen.add((start, end))
        return AnnotationFinding(
            "ANN003", "organisation", start, end, safety, f"机构 {record}", record_name=record
        )

    # Each pattern ends in a fixed word: a text without it cannot match (and most
    # fields lack it), so the regex is not run over them at all.
    has_union = "总工会" in text
    for m in _DISTRICT_UNION.finditer(text) if has_union else ():
        f = found(m.start(), m.end(), "safe", m.group())
        if f:
            yield f
    for m in _CITY_UNION.finditer(text) if "市总工会" in text else ():
        start = m.start()
        safety = "safe"
        if m.group() == "市总工会" and start and _is_han(text[start - 1]):
            # after a word such as 由 or 挂靠 it is the city's; otherwise 某市总工会 may
            # be another city's
            safety = "safe" if text[start - 1] in _BEFORE_CITY_UNION else "unsafe"
        f = found(start, m.end(), safety, ORGANISATION_ALIASES[m.group()])
        if f:
            yield f
    if ctx.field in ("title", "caption"):
        m = _LEADING_ORG.match(text)
        if m and _owner(m.group()) not in _GENERIC:
            name = m.group()
            safety: Safety = "safe" if ctx.field == "title" else "unsafe"
            f = found(0, m.end(), safety, ORGANISATION_ALIASES.get(name, name))
            if f:
                yield f
    company = "公司工会" in text or "集团工会" in text
    for m in _COMPANY_UNION.finditer(text) if company else ():
        start = m.start()
        # the name must start at a boundary: after punctuation or at the field's start
        if start and text[start - 1] not in _BOUNDARY:
            continue
        owner = _owner(m.group())
        if owner in _GENERIC or owner.startswith(_GENERIC_TAILS):
            continue
        f = found(start, m.end(), "unsafe", m.group())
        if f:
            yield f


# -- dates --------------------------------------------------------------------------------

_DATE = re.compile(
    r"(?=[0-9])(?:(?:(?P<y>[0-9]{4})年)?(?P<m>[0-9]{1,2})月(?:(?P<d>[0-9]{1,2})日|(?P<q>上旬|中旬|下旬|初|底|末))?"
    r"|(?P<year>[0-9]{4})年)"
)
_FESTIVALS = {
    "元旦": "--01-01",
    "国庆节": "--10-01",
    "国庆": "--10-01",
    "劳动节": "--05-01",
    "妇女节": "--03-08",
    "儿童节": "--06-01",
    "春节": None,
    "元宵节": None,
    "元宵": None,
    "清明节": None,
    "端午节": None,
    "端午": None,
    "中秋节": None,
    "中秋": None,
    "重阳节": None,
}
_FESTIVAL_RE = re.compile("|".join(sorted(_FESTIVALS, key=len, reverse=True)))
_YEAR_WORDS = ("代", "间", "期", "龄")  # 1990年代, 三年间 … are not a year


def _when(y: str | None, m: str | None, d: str | None) -> str | None:
    """The XML Schema form of a date (``2004``, ``2004-10``, ``2004-10-17``,
    ``--10-17``, ``--10``), or None when it is not a real date."""
    year = int(y) if y else None
    month = int(m) if m else None
    day = int(d) if d else None
    if year is not None and not 1000 <= year <= 2999:
        return None
    if month is not None and not 1 <= month <= 12:
        return None
    if day is not None:
        last = calendar.monthrange(year or 2000, month)[1]  # 2000: a leap year for --02-29
        if not 1 <= day <= last:
            return None
    if year is not None:
        out = f"{year:04d}"
        if month is not None:
            out += f"-{month:02d}"
            if day is not None:
                out += f"-{day:02d}"
        return out
    if month is None:
        return None
    return f"--{month:02d}-{day:02d}" if day is not None else f"--{month:02d}"


@scanner("ANN004", "date", "date", priority=40)
def dates(text: str, ctx: ScanContext) -> Iterator[AnnotationFinding]:
    """## What it does
    Marks dates written with digits — ``2004年10月17日``, ``10月17日``, ``2004年``,
    ``9月``, ``10月底`` — and the fixed holidays (``元旦``, ``国庆``), with the
    normalised ``when`` (``2004-10-17``, ``--10-17``, ``2004``) where the date is
    complete.

    ## Why
    A chronology is searched and exported by date; TEI's ``date/@when`` takes the
    XML Schema forms, which can say "17 October" without inventing a year.

    ## Example
    ``10月17日,纺织工会组织了…`` → date, when ``--10-17``. ``截至10月底`` → date
    without ``when`` (unsafe). Left alone: ``1到3年期``, ``3个月``, ``13月5日``, a
    number the OCR split (``10⏎月``).

    ## Fix safety
    Safe when the date is complete (year, year and month, month and day) and the
    festival is on a fixed day; unsafe for parts of a month (上旬, 底, 初) and for lunar
    festivals (春节, 中秋), which are dates without a ``when``.
    """
    for m in _DATE.finditer(text):
        start, end = m.span()
        if _part_of_number(text, start):
            continue
        y, mo, d, q = m.group("y") or m.group("year"), m.group("m"), m.group("d"), m.group("q")
        if not mo and text[end : end + 1] in _YEAR_WORDS:
            continue
        if mo and not d and not q and text[end : end + 1] == "份":
            end += 1  # 9月份
        when = _when(y, mo, d)
        if when is None:
            continue  # 13月, 2月30日, the year 0123: not a date
        if q:
            yield AnnotationFinding(
                "ANN004", "date", start, end, "unsafe", f"日期(不完整) {text[start:end]}"
            )
            continue
        yield AnnotationFinding(
            "ANN004", "date", start, end, "safe", f"日期 {when}", Value(when=when)
        )
    for m in _FESTIVAL_RE.finditer(text):
        when = _FESTIVALS[m.group()]
        if when is None:
            yield AnnotationFinding(
                "ANN004", "date", m.start(), m.end(), "unsafe", f"节日(农历) {m.group()}"
            )
        else:
            yield AnnotationFinding(
                "ANN004", "date", m.start(), m.end(), "safe", f"节日 {when}", Value(when=when)
            )


# -- quantities ---------------------------------------------------------------------------

_UNITS = (
    "平方公里",
    "平方米",
    "公顷",
    "公里",
    "人次",
    "户次",
    "元",
    "人",
    "名",
    "户",
    "家",
    "个",
    "项",
    "位",
    "册",
    "次",
    "所",
    "台",
    "辆",
    "吨",
    "间",
    "张",
    "套",
    "期",
    "场",
    "批",
    "届",
    "米",
    "%",
    "％",
    "‰",
)
_MULTIPLIERS = {"万": Decimal(10_000), "亿": Decimal(100_000_000), "千": Decimal(1000)}
_QUANTITY = re.compile(
    r"(?P<n>[0-9]+(?:\.[0-9]+)?)(?P<x>万|亿|千)?(?P<a>余|多)?(?P<u>"
    + "|".join(re.escape(u) for u in _UNITS)
    + ")"
)
_APPROX_BEFORE = frozenset("近约")
_NOT_A_COUNT_AFTER = {"期": "间限", "次": "序", "个": "人体性别案"}


def _normalise(n: str, x: str | None) -> str:
    value = Decimal(n) * _MULTIPLIERS[x] if x else Decimal(n)
    text = format(value.normalize(), "f")
    return text


@scanner("ANN005", "quantity", "quantity", priority=50)
def quantities(text: str, ctx: ScanContext) -> Iterator[AnnotationFinding]:
    """## What it does
    Marks quantities with a unit — ``1.7万余人``, ``200万元``, ``6342人次``,
    ``151%`` — with the normalised quantity (17000, 2000000, 6342, 151), the unit
    (人, 元, 人次, %) and whether the number is approximate (余, 多, 近, 约).

    ## Why
    Yearbooks report their work in figures; TEI's ``measure`` keeps the figure as
    printed and its value for counting across a volume.

    ## Example
    ``帮助吸纳下岗职工1.7万余人`` → quantity 17000 人, approximate. ``6⏎342人次`` is
    left until NUM001 joins it, then ``6342人次`` is marked. Left alone: ``1+1群``,
    ``(1)``, a year or a date (ANN004).

    ## Fix safety
    Safe when the number stands after Han text, CJK punctuation or the start of the
    field; unsafe after a range sign or word (``1~2万元``, ``1到3``), a letter or
    another symbol.
    """
    for m in _QUANTITY.finditer(text):
        start, end = m.span()
        if _part_of_number(text, start):
            continue
        unit = m.group("u")
        follow = _NOT_A_COUNT_AFTER.get(unit)
        if follow and text[end : end + 1] in follow:
            continue
        before = text[start - 1] if start else ""
        if before == "第":
            continue  # 第3期: an ordinal, not a count
        approximate = bool(m.group("a")) or before in _APPROX_BEFORE
        if before == "" or _is_han(before) or before in CJK_PUNCT or before in ",;:(":
            safety: Safety = "safe"
        else:
            safety = "unsafe"
        if before in _RANGE and start >= 2 and text[start - 2] in _DIGIT:
            safety = "unsafe"
        quantity = _normalise(m.group("n"), m.group("x"))
        if unit in "％":
            unit = "%"
        yield AnnotationFinding(
            "ANN005",
            "quantity",
            start,
            end,
            safety,
            f"数量 {quantity} {unit}{'(约)' if approximate else ''}",
            Value(quantity=quantity, unit=unit, approximate=approximate),
        )


# -- running the scanners -----------------------------------------------------------------


def scan_annotations(
    text: str, ctx: ScanContext, codes: Iterable[str] | None = None
) -> list[AnnotationFinding]:
    """Every scanner's findings on one field, resolved so that they nest or stand apart.

    Findings of one kind on one span are reported once (the known record wins over a
    pattern: it carries the record's id). Two findings that cross (overlap without one
    containing the other) cannot both be inline TEI: the one with the lower priority
    number, else the earlier, is kept.
    """
    scanners = catalogue()
    if codes is not None:
        wanted = set(codes)
        unknown = wanted - SCANNERS.keys()
        if unknown:
            raise ValueError(f"unknown scanner code(s): {', '.join(sorted(unknown))}")
        scanners = [s for s in scanners if s.code in wanted]
    found: list[tuple[int, AnnotationFinding]] = []
    for s in scanners:
        found.extend((s.priority, f) for f in s.func(text, ctx))
    if len(found) < 2:
        return [f for _, f in found]
    found.sort(key=lambda pf: (pf[1].start, -pf[1].end, pf[0]))
    kept: list[AnnotationFinding] = []
    cluster: list[tuple[int, AnnotationFinding]] = []
    reach = -1
    for pf in found:
        if cluster and pf[1].start >= reach:
            kept.extend(_resolve(cluster))
            cluster = []
        cluster.append(pf)
        reach = max(reach, pf[1].end) if len(cluster) > 1 else pf[1].end
    kept.extend(_resolve(cluster))
    return kept


def _resolve(cluster: list[tuple[int, AnnotationFinding]]) -> list[AnnotationFinding]:
    """Overlapping findings: by priority, drop duplicates of one kind and span and any
    that cross one already kept; the rest in text order."""
    if len(cluster) == 1:
        return [cluster[0][1]]
    kept: list[AnnotationFinding] = []
    spans: set[tuple[str, int, int]] = set()
    for _, f in sorted(cluster, key=lambda pf: (pf[0], pf[1].start, -pf[1].end)):
        key = (f.kind, f.start, f.end)
        if key in spans or any(_crosses(f, k) for k in kept):
            continue
        spans.add(key)
        kept.append(f)
    kept.sort(key=lambda f: (f.start, -f.end, f.code))
    return kept


def _crosses(a: AnnotationFinding, b: AnnotationFinding) -> bool:
    return (a.start < b.start < a.end < b.end) or (b.start < a.start < b.end < a.end)
