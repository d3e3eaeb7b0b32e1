"""Annotations as inline TEI: ``persName``, ``placeName``, ``orgName``, ``date``,
``measure``/``num``, ``term``, and ``seg`` + ``note`` for comments, nested into the
paragraphs and line breaks of a field.

XML elements must nest; annotations need not (a span may cross a paragraph break, or,
after an edit that needs review, another annotation). A mark that cannot nest is split
into parts that do, chained with ``@prev``/``@next`` (TEI's way of saying "one element
in several pieces"): nothing is dropped, and every part holds exactly its characters.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from itertools import pairwise

from lxml import etree

from .model import Annotation

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
_PARAGRAPH_BREAK = re.compile(r"(?:\r\n|\r|\n)[ \t\u3000]*(?:\r\n|\r|\n)[\s\u3000]*")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")

#: Nesting order of marks on one span: the first is outermost.
_RANK = {
    "comment": 0,
    "organisation": 1,
    "place": 2,
    "person": 3,
    "term": 4,
    "date": 5,
    "quantity": 6,
}
ELEMENT = {
    "person": "persName",
    "place": "placeName",
    "organisation": "orgName",
    "date": "date",
    "quantity": "measure",
    "term": "term",
    "comment": "seg",
}


def T(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


@dataclass(frozen=True)
class Mark:
    """One element to wrap ``text[start:end]`` in; ``note`` follows it as a ``note``."""

    start: int
    end: int
    tag: str
    attrib: dict[str, str]
    ident: str  # NCName, unique in the document
    rank: int = 9
    note: str | None = None
    sic: str | None = None  # a correction: choice(sic, corr); may be empty (a deletion)

    @property
    def is_choice(self) -> bool:
        return self.sic is not None


def correction_mark(
    start: int, end: int, sic: str, ident: str, attrib: dict[str, str] | None = None
) -> Mark:
    """A ``choice`` of ``sic`` (the text as printed) and ``corr`` (``text[start:end]``,
    the text now; empty when the correction deleted ``sic``); ``attrib`` goes on ``corr``."""
    return Mark(start, end, "choice", dict(attrib or {}), ident, rank=10, sic=sic)


def _around_choices(marks: Sequence[Mark]) -> list[Mark]:
    """Marks cut where they cross a correction, so a ``choice`` is never split: the
    pieces keep the mark's ident and are chained like any split mark."""
    choices = [m for m in marks if m.is_choice]
    if not choices:
        return list(marks)
    out: list[Mark] = []
    for m in marks:
        if m.is_choice:
            out.append(m)
            continue
        cuts = sorted(
            {
                p
                for c in choices
                if c.start < c.end
                for p in (c.start, c.end)
                if m.start < p < m.end and not (m.start <= c.start and c.end <= m.end)
            }
        )
        if not cuts:
            out.append(m)
            continue
        bounds = [m.start, *cuts, m.end]
        out += [replace(m, start=a, end=b) for a, b in pairwise(bounds)]
    return out


def mark_for(a: Annotation, record_ref: str | None, *, ident: str | None = None) -> Mark:
    """The TEI element of one annotation (``record_ref`` is ``#id`` of its record)."""
    tag = ELEMENT[a.kind]
    attrib: dict[str, str] = {}
    if a.kind in ("person", "place", "organisation") and record_ref:
        attrib["ref"] = record_ref
    elif a.kind == "date" and a.value.when:
        attrib["when"] = a.value.when
    elif a.kind == "quantity":
        if a.value.unit:
            if a.value.quantity is not None:
                attrib["quantity"] = a.value.quantity
            attrib["unit"] = a.value.unit
        else:
            tag = "num"
            if a.value.quantity is not None:
                attrib["value"] = a.value.quantity
        if a.value.approximate and tag == "measure":
            attrib["type"] = "approximate"
    elif a.kind == "comment":
        attrib["type"] = "comment"
    ident = ident or (f"a{a.id}" if a.id is not None else f"a{a.start}_{a.end}")
    note = a.note or None
    return Mark(a.start, a.end, tag, attrib, ident, _RANK.get(a.kind, 9), note)


@dataclass
class _Node:
    mark: Mark | None
    start: int
    end: int
    children: list[_Node] = field(default_factory=list)
    part: int = 0  # 1-based when the mark was split, else 0


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Offsets of the paragraphs the TEI export makes of ``text`` (blank-line breaks,
    leading and trailing line breaks dropped), in the text's own offsets."""
    lo, hi = 0, len(text)
    while lo < hi and text[lo] in "\r\n":
        lo += 1
    while hi > lo and text[hi - 1] in "\r\n":
        hi -= 1
    if lo >= hi:
        return []
    out = []
    pos = lo
    for m in _PARAGRAPH_BREAK.finditer(text, lo, hi):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, hi))
    return [(s, e) for s, e in out if s < e]


def _tree(lo: int, hi: int, marks: Sequence[Mark]) -> list[_Node]:
    """Marks clipped to ``[lo, hi)`` nested into a forest; crossing marks are split."""
    pending = sorted(
        (
            (max(m.start, lo), min(m.end, hi), m)
            for m in _around_choices(marks)
            if (m.start < hi and m.end > lo) or (m.start == m.end and lo <= m.start <= hi)
        ),
        key=lambda t: (t[0], -t[1], t[2].rank),
    )
    pending = [p for p in pending if p[0] < p[1] or p[2].start == p[2].end]
    roots: list[_Node] = []
    stack: list[_Node] = []
    while pending:
        s, e, m = pending.pop(0)
        while stack and stack[-1].end <= s:
            stack.pop()
        if stack and e > stack[-1].end:
            # crosses the open element: the part inside it now, the rest after it
            cut = stack[-1].end
            rest = (cut, e, m)
            e = cut
            i = 0
            while i < len(pending) and (pending[i][0], -pending[i][1]) <= (cut, -rest[1]):
                i += 1
            pending.insert(i, rest)
        node = _Node(m, s, e)
        (stack[-1].children if stack else roots).append(node)
        stack.append(node)
    return roots


def _number_parts(forests: Sequence[Sequence[_Node]]) -> dict[str, list[_Node]]:
    parts: dict[str, list[_Node]] = {}

    def walk(nodes: Sequence[_Node]) -> None:
        for n in nodes:
            parts.setdefault(n.mark.ident, []).append(n)
            walk(n.children)

    for f in forests:
        walk(f)
    for nodes in parts.values():
        if len(nodes) > 1:
            nodes.sort(key=lambda n: n.start)
            for i, n in enumerate(nodes, start=1):
                n.part = i
    return parts


def _add_text(
    parent: etree._Element, last: etree._Element | None, text: str
) -> etree._Element | None:
    """Append text with ``lb`` for its line breaks; returns the new last child."""
    pieces = _LINE_BREAK.split(text)
    for i, piece in enumerate(pieces):
        if i:
            last = etree.SubElement(parent, T("lb"))
        if piece:
            if last is None:
                parent.text = (parent.text or "") + piece
            else:
                last.tail = (last.tail or "") + piece
    return last


def _emit(
    parent: etree._Element,
    text: str,
    lo: int,
    hi: int,
    nodes: Sequence[_Node],
    parts: dict[str, list[_Node]],
    convert: Callable[[str], str],
) -> None:
    last: etree._Element | None = None
    pos = lo
    for n in nodes:
        last = _add_text(parent, last, convert(text[pos : n.start]))
        m = n.mark
        attrib = dict(m.attrib)
        chain = parts[m.ident]
        if n.part:
            attrib[XML_ID] = f"{m.ident}.{n.part}"
            if n.part > 1:
                attrib["prev"] = f"#{m.ident}.{n.part - 1}"
            if n.part < len(chain):
                attrib["next"] = f"#{m.ident}.{n.part + 1}"
        else:
            attrib[XML_ID] = m.ident
        if m.is_choice:
            choice = etree.SubElement(parent, T("choice"), {XML_ID: attrib.pop(XML_ID)})
            _add_text(etree.SubElement(choice, T("sic")), None, convert(m.sic or ""))
            el = etree.SubElement(choice, T("corr"), attrib)
            _emit(el, text, n.start, n.end, n.children, parts, convert)
            el = choice
        else:
            el = etree.SubElement(parent, T(m.tag), attrib)
            _emit(el, text, n.start, n.end, n.children, parts, convert)
        last = el
        if m.note and (not n.part or n.part == len(chain)):
            note = etree.SubElement(parent, T("note"), {"target": f"#{attrib[XML_ID]}"})
            note.text = m.note
            last = note
        pos = n.end
    _add_text(parent, last, convert(text[pos:hi]))


def paragraphs_with_marks(
    text: str,
    marks: Sequence[Mark],
    make_paragraph: Callable[[], etree._Element],
    convert: Callable[[str], str] = lambda s: s,
) -> None:
    """Fill one paragraph element per paragraph of ``text`` with its marks.

    ``make_paragraph`` creates (and attaches) each ``p``; ``convert`` is applied to the
    text between marks and inside them (script conversion of an export), never to
    attribute values.
    """
    spans = paragraph_spans(text)
    forests = [_tree(s, e, marks) for s, e in spans]
    parts = _number_parts(forests)
    for (s, e), forest in zip(spans, forests, strict=True):
        _emit(make_paragraph(), text, s, e, forest, parts, convert)


def fill_with_marks(
    parent: etree._Element,
    text: str,
    marks: Sequence[Mark],
    convert: Callable[[str], str] = lambda s: s,
) -> None:
    """Fill one element (a ``head``, a caption) with the whole of ``text`` and its marks;
    line breaks become ``lb``."""
    forest = _tree(0, len(text), marks)
    _emit(parent, text, 0, len(text), forest, _number_parts([forest]), convert)
