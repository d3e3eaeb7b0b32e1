"""The volume's index (索引): people, places, organisations and tags with the entries
they occur in, ordered by pinyin, as Markdown, CSV and TEI.

Readings come from pypinyin, which reads a character as the word it is in (with a few
Shanghai place names it reads wrong added as phrases) — and so
reads 曾, 单 and 解 as the words 曾经, 单独, 解决 (céng, dān, jiě) where a surname is
zēng, shàn, xiè. A person's first character is read as a surname from a short table of
surnames with a reading of their own; every record may carry the archivist's own
reading, which always wins.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from lxml import etree
from pypinyin import Style, lazy_pinyin, load_phrases_dict
from pypinyin.contrib.tone_convert import to_tone, to_tone3

IndexKind = str  # "person" | "place" | "organisation" | "tag"
INDEX_KINDS: tuple[IndexKind, ...] = ("person", "place", "organisation", "tag")
HEADINGS = {"person": "人名", "place": "地名", "organisation": "机构名", "tag": "主题"}

# Surnames whose reading differs from the character's most common one (two-character
# surnames first). Only the first characters of a *person's* name are read this way.
SURNAME_READINGS: dict[str, str] = {
    "万俟": "mo4 qi2",
    "尉迟": "yu4 chi2",
    "单于": "chan2 yu2",
    "长孙": "zhang3 sun1",
    "令狐": "ling2 hu2",
    "曾": "zeng1",
    "单": "shan4",
    "解": "xie4",
    "仇": "qiu2",
    "区": "ou1",
    "查": "zha1",
    "朴": "piao2",
    "盖": "ge3",
    "覃": "qin2",
    "乐": "yue4",
    "华": "hua4",
    "种": "chong2",
    "秘": "bi4",
    "缪": "miao4",
    "翟": "zhai2",
    "折": "she2",
    "召": "shao4",
    "冼": "xian3",
    "洗": "xian3",
    "宁": "ning4",
    "柏": "bai3",
    "重": "chong2",
    "过": "guo1",
    "员": "yun4",
    "黑": "he4",
    "能": "nai4",
    "繁": "po2",
    "句": "gou1",
    "隗": "wei3",
    "阚": "kan4",
    "贲": "ben1",
    "薄": "bo2",
    "都": "du1",
    "藏": "zang1",
}
# Place names pypinyin's phrase dictionary reads wrong (长宁 is not zhǎng níng, 闵行 not
# mǐn xíng); given to pypinyin as phrases, so they are right inside longer names too.
PLACE_PHRASES: dict[str, str] = {
    "长宁": "cháng níng",
    "闵行": "mǐn háng",
}
load_phrases_dict({k: [[s] for s in v.split()] for k, v in PLACE_PHRASES.items()})

_SYLLABLE = re.compile(r"^([a-zü]+?)([1-5]?)$")


@dataclass(frozen=True)
class IndexRecord:
    """Something the index lists: a person, place or organisation record, or a tag."""

    kind: IndexKind
    key: int | str  # record id, or the tag's path
    name: str
    reading: str | None = None  # the archivist's reading (tone marks or numbers)
    variants: tuple[str, ...] = ()


@dataclass(frozen=True)
class Occurrence:
    """A record occurs in an entry: as its author or photographer, or mentioned."""

    kind: IndexKind
    key: int | str
    entry_id: int
    entry_number: int
    role: str = "mention"  # author | photographer | mention | tag


@dataclass(frozen=True)
class EntryRef:
    entry_id: int
    number: int
    roles: tuple[str, ...]


@dataclass(frozen=True)
class IndexEntry:
    kind: IndexKind
    key: int | str
    name: str
    reading: str  # tone numbers, space-separated syllables: "shen3 yong3 ming2"
    entries: tuple[EntryRef, ...]
    variants: tuple[str, ...] = ()
    sort_key: tuple = field(default=(), compare=False, repr=False)

    @property
    def reading_marks(self) -> str:
        """The reading with tone marks: ``shěn yǒng míng``."""
        return reading_marks(self.reading)


def reading_marks(reading: str) -> str:
    """Tone numbers to tone marks: ``shen3 yong3 ming2`` → ``shěn yǒng míng``."""
    return " ".join(to_tone(s) if s[-1:].isdigit() else s for s in reading.split())


def normalise_reading(reading: str) -> str:
    """An archivist's reading in one form: syllables with tone numbers, space-separated.

    Accepts tone marks (``zēng qìng``), tone numbers (``zeng1 qing4``) or none, any
    case, with ``v`` or ``ü``; refuses anything that is not pinyin syllables.
    """
    out = []
    for raw in reading.replace("'", " ").replace("’", " ").split():
        s = to_tone3(raw.lower().replace("v", "ü"), neutral_tone_with_five=False)
        s = s.replace("v", "ü")
        if not _SYLLABLE.match(s):
            raise ValueError(f"{raw!r} is not a pinyin syllable")
        out.append(s)
    if not out:
        raise ValueError("a reading needs at least one syllable")
    return " ".join(out)


def default_reading(name: str, kind: IndexKind) -> str:
    """pypinyin's reading, with a person's surname read as a surname."""
    head: list[str] = []
    rest = name
    if kind == "person":
        for surname in sorted(SURNAME_READINGS, key=len, reverse=True):
            if name.startswith(surname):
                head = SURNAME_READINGS[surname].split()
                rest = name[len(surname) :]
                break
    syllables = lazy_pinyin(rest, style=Style.TONE3, neutral_tone_with_five=True, errors="default")
    words = head + [s.replace("v", "ü") for s in syllables if s.strip()]
    return " ".join(words)


def _sort_key(reading: str, name: str) -> tuple:
    """Dictionary order: syllable by syllable, letters first (ü after u), then tone."""
    parts = []
    for s in reading.split():
        m = _SYLLABLE.match(s)
        if m:
            parts.append((m.group(1).replace("ü", "u~"), int(m.group(2) or 5)))
        else:  # not pinyin (Latin names, digits): by its own letters
            parts.append((s.lower(), 0))
    return (tuple(parts), name)


def build_index(
    records: Iterable[IndexRecord], occurrences: Iterable[Occurrence]
) -> list[IndexEntry]:
    """Index entries for every record that occurs somewhere, by kind then by pinyin."""
    by_key: dict[tuple[str, int | str], dict[int, tuple[int, set[str]]]] = {}
    for o in occurrences:
        entries = by_key.setdefault((o.kind, o.key), {})
        _number, roles = entries.setdefault(o.entry_id, (o.entry_number, set()))
        roles.add(o.role)
    out: list[IndexEntry] = []
    for r in records:
        entries = by_key.get((r.kind, r.key))
        if not entries:
            continue
        reading = normalise_reading(r.reading) if r.reading else default_reading(_label(r), r.kind)
        refs = tuple(
            EntryRef(eid, number, tuple(sorted(roles)))
            for eid, (number, roles) in sorted(entries.items(), key=lambda kv: kv[1][0])
        )
        out.append(
            IndexEntry(r.kind, r.key, r.name, reading, refs, r.variants, _sort_key(reading, r.name))
        )
    rank = {k: i for i, k in enumerate(INDEX_KINDS)}
    out.sort(key=lambda e: (rank.get(e.kind, 99), e.sort_key))
    return out


def _label(r: IndexRecord) -> str:
    """What a tag is listed under: its last path component (地区/普陀区 → 普陀区)."""
    return r.name.rsplit("/", 1)[-1] if r.kind == "tag" else r.name


def _initial(e: IndexEntry) -> str:
    first = e.reading[:1].upper()
    return first if "A" <= first <= "Z" else "#"


# -- rendering ----------------------------------------------------------------------------


def to_markdown(entries: Sequence[IndexEntry], title: str = "索引") -> str:
    """A printed-index layout: one section per kind, a letter heading per initial."""
    lines = [f"# {title}", ""]
    for kind in INDEX_KINDS:
        of_kind = [e for e in entries if e.kind == kind]
        if not of_kind:
            continue
        lines += [f"## {HEADINGS[kind]}", ""]
        letter = None
        for e in of_kind:
            if _initial(e) != letter:
                if letter is not None:
                    lines.append("")
                letter = _initial(e)
                lines += [f"### {letter}", ""]
            numbers = ", ".join(str(ref.number) for ref in e.entries)
            name = _md_escape(e.name)
            lines.append(f"- {name} ({e.reading_marks}) {numbers}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|!])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text.replace("\n", " "))


CSV_COLUMNS = ("kind", "name", "reading", "entries", "entry_ids", "roles", "variants")


def to_csv(entries: Sequence[IndexEntry], neutralise) -> str:
    """CSV, one row per index entry; ``neutralise`` is the export's cell neutraliser
    (formula-looking names are made text, as in every CSV this app writes)."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    w.writerow(CSV_COLUMNS)
    for e in entries:
        w.writerow(
            [
                e.kind,
                neutralise(e.name),
                e.reading,
                " ".join(str(r.number) for r in e.entries),
                " ".join(str(r.entry_id) for r in e.entries),
                neutralise(" ".join(",".join(r.roles) for r in e.entries)),
                neutralise("\n".join(e.variants)),
            ]
        )
    return "\ufeff" + buf.getvalue()


TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_NAME_ELEMENT = {
    "person": "persName",
    "place": "placeName",
    "organisation": "orgName",
    "tag": "term",
}


def _T(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def tei_index(
    entries: Sequence[IndexEntry],
    record_ref,
    entry_ref,
    clean=lambda text, where: text,
) -> etree._Element:
    """The index as a TEI ``div type="index"``: a ``list`` per kind, an ``item`` per
    entry with the name (``ref`` to its record) and a ``ref`` per entry it occurs in.

    ``record_ref(entry)`` gives a record's ``#id`` (or None), ``entry_ref(id)`` an
    entry's; ``clean`` replaces XML-illegal characters as the TEI export does.
    """
    div = etree.Element(_T("div"), {"type": "index"}, nsmap={None: TEI_NS})
    etree.SubElement(div, _T("head")).text = "索引"
    for kind in INDEX_KINDS:
        of_kind = [e for e in entries if e.kind == kind]
        if not of_kind:
            continue
        lst = etree.SubElement(div, _T("list"), {"type": kind})
        etree.SubElement(lst, _T("head")).text = HEADINGS[kind]
        for e in of_kind:
            item = etree.SubElement(lst, _T("item"), {"n": e.reading})
            attrib = {}
            ref = record_ref(e)
            if ref:
                attrib["ref"] = ref
            name = etree.SubElement(item, _T(_NAME_ELEMENT[kind]), attrib)
            name.text = clean(e.name, f"index {kind} {e.key}")
            name.tail = " "
            prev = None
            for r in e.entries:
                if prev is not None:
                    prev.tail = ", "
                prev = etree.SubElement(item, _T("ref"), {"target": entry_ref(r.entry_id)})
                prev.text = str(r.number)
    if len(div) == 1:
        etree.SubElement(div, _T("p")).text = "The index is empty."
    return div
