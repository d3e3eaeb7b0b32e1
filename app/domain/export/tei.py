"""TEI P5 XML, streamed with lxml's incremental writer.

Policies:

* XML 1.0 cannot hold U+0000–U+0008, U+000B, U+000C, U+000E–U+001F, U+FFFE, U+FFFF or
  lone surrogates, escaped or not. Each is replaced with U+FFFD and every replacement is
  reported in the export's warnings (entry, field, code points) — never written raw,
  never dropped silently.
* Line breaks: a blank line separates paragraphs (``<p>``); a single line break inside
  a paragraph is kept as ``<lb/>``. This keeps the diplomatic layer's OCR line breaks
  (``就业5⏎987人``) without inventing paragraphs that were not printed.
* ``xml:id`` values are ``e{id}`` (entries), ``p{id}`` (people), ``f{id}`` (photos),
  ``t{n}`` (tags), ``s{id}`` (sources): always NCNames.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import IO

from lxml import etree

from app.domain.settings import text_language

from .common import ExportContext
from .errors import ExportError
from .tei_marks import TeiMarks

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t\u3000]*\n[\s\u3000]*")


def T(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


class _Cleaner:
    """Replaces XML-illegal characters, remembering what it did for the warnings."""

    def __init__(self, ctx: ExportContext) -> None:
        self.ctx = ctx

    def __call__(self, text: str, where: str) -> str:
        if not text or not _ILLEGAL.search(text):
            return text
        found = _ILLEGAL.findall(text)
        points = ", ".join(sorted({f"U+{ord(c):04X}" for c in found}))
        self.ctx.warn(
            f"{where}: replaced {len(found)} XML-illegal character(s) ({points}) with U+FFFD"
        )
        return _ILLEGAL.sub("\ufffd", text)


def paragraphs(text: str) -> list[list[str]]:
    """Body → paragraphs → lines (normalised to ``\\n``; CR alone counts as a break)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if not text:
        return []
    return [p.split("\n") for p in _PARAGRAPH_BREAK.split(text)]


def _lines_into(p: etree._Element, lines: list[str]) -> None:
    p.text = lines[0] or None
    for line in lines[1:]:
        lb = etree.SubElement(p, T("lb"))
        lb.tail = line or None


def _tag_ids(ctx: ExportContext) -> dict[str, str]:
    paths: list[str] = [t for t, _ in ctx.corpus.tags]
    seen = set(paths)
    # A corpus from storage lists every tag in use; one built by hand may not.
    for e in () if ctx.corpus.complete else ctx.entries:
        for t in e.tags:
            if t not in seen:
                seen.add(t)
                paths.append(t)
    return {t: f"t{i}" for i, t in enumerate(paths, start=1)}


def _element(tag: str, text: str | None = None, **attrib: str) -> etree._Element:
    # Top-level pieces carry the default namespace so lxml does not invent ns0 prefixes.
    el = etree.Element(T(tag), attrib, nsmap={None: TEI_NS})
    if text:
        el.text = text
    return el


def _header(
    ctx: ExportContext, clean: _Cleaner, tag_ids: dict[str, str], marks: TeiMarks
) -> etree._Element:
    corpus = ctx.corpus
    settings = corpus.settings
    now = datetime.now(UTC).replace(microsecond=0).isoformat()
    header = _element("teiHeader")
    file_desc = etree.SubElement(header, T("fileDesc"))
    title_stmt = etree.SubElement(file_desc, T("titleStmt"))
    title = settings.title or corpus.project or "Yearbook Curator corpus"
    title_stmt.append(_element("title", clean(title, "the title setting")))
    if settings.editor:
        title_stmt.append(_element("editor", clean(settings.editor, "the editor setting")))
    curators = _curators(corpus.changes)
    for who, cid in curators.items():
        resp = etree.SubElement(title_stmt, T("respStmt"), {XML_ID: cid})
        resp.append(_element("resp", "curation", **{XML_LANG: "en"}))
        resp.append(_element("name", clean(who, "a curator's name")))
    resp = etree.SubElement(title_stmt, T("respStmt"))
    resp.append(_element("resp", "exported by", **{XML_LANG: "en"}))
    resp.append(_element("name", "Yearbook Curator"))
    pub = etree.SubElement(file_desc, T("publicationStmt"))
    if settings.organisation:
        pub.append(_element("publisher", clean(settings.organisation, "the organisation setting")))
    else:
        pub.append(_element("distributor", "Yearbook Curator"))
    pub.append(_availability(settings, clean))
    pub.append(_element("date", now, when=now))
    source_desc = etree.SubElement(file_desc, T("sourceDesc"))
    list_bibl = etree.SubElement(source_desc, T("listBibl"))
    for s in corpus.sources:
        bibl = etree.SubElement(list_bibl, T("bibl"), {XML_ID: f"s{s.id}"})
        bibl.append(_element("title", clean(s.file_name, f"source {s.id} file name")))
        bibl.append(_element("idno", s.sha256, type="sha256"))
        bibl.append(_element("extent", f"{s.size} bytes", **{XML_LANG: "en"}))
        bibl.append(
            _element(
                "note", f"encoding {s.encoding}{' with BOM' if s.bom else ''}", **{XML_LANG: "en"}
            )
        )
    if not corpus.sources:
        source_desc.remove(list_bibl)
        source_desc.append(_element("p", "No source files.", **{XML_LANG: "en"}))
    encoding_desc = etree.SubElement(header, T("encodingDesc"))
    layer = "original (diplomatic)" if ctx.original else "corrected"
    if ctx.script:
        layer += f", script {ctx.script}"
    editorial = etree.SubElement(encoding_desc, T("editorialDecl"))
    editorial.append(
        _element(
            "p",
            f"Layer: {layer}. Snapshot: {corpus.snapshot_at or 'unknown'}.",
            **{XML_LANG: "en"},
        )
    )
    if tag_ids:
        class_decl = etree.SubElement(encoding_desc, T("classDecl"))
        taxonomy = etree.SubElement(class_decl, T("taxonomy"), {XML_ID: "tags"})
        for path, tid in tag_ids.items():
            cat = etree.SubElement(taxonomy, T("category"), {XML_ID: tid})
            label = ctx.convert(path) if ctx.script else path
            etree.SubElement(cat, T("catDesc")).text = clean(label, f"tag {tid}")
    profile = etree.SubElement(header, T("profileDesc"))
    lang_usage = etree.SubElement(profile, T("langUsage"))
    lang = text_language(settings.language, ctx.script)
    lang_usage.append(_element("language", lang, ident=lang))
    partic = etree.SubElement(profile, T("particDesc"))
    list_person = etree.SubElement(partic, T("listPerson"))
    people = {p.id: p.name for p in (*corpus.people, *corpus.other_people)}
    if not corpus.complete:  # a corpus from storage already lists everyone referred to
        for e in ctx.entries:
            for p in e.authors:
                people.setdefault(p.id, p.name)
        for ph in ctx.photos:
            for p in ph.photographers:
                people.setdefault(p.id, p.name)
    for pid, name in people.items():
        person = etree.SubElement(list_person, T("person"), {XML_ID: f"p{pid}"})
        person.append(_element("persName", clean(name, f"person {pid}")))
    if not people:
        # listPerson must not be empty in TEI; an anonymous placeholder keeps it valid.
        list_person.append(_element("person", **{XML_ID: "p0"}))
    marks.header(header, title_stmt, curators, list_person)
    if corpus.changes:
        revision_desc = etree.SubElement(header, T("revisionDesc"))
        list_change = etree.SubElement(revision_desc, T("listChange"), ordered="true")
        for c in corpus.changes:
            text = c.label or c.kind
            if c.revisions:
                text += f"; {c.revisions} revision{'' if c.revisions == 1 else 's'}"
            change = etree.SubElement(
                list_change,
                T("change"),
                {"when": c.at, "who": f"#{curators[c.who]}", "type": c.kind, XML_LANG: "en"},
            )
            change.text = clean(text, "the revision log")
    return header


def _curators(changes) -> dict[str, str]:
    """Everyone named in the revision log → the xml:id of their respStmt, in order of
    their first appearance."""
    ids: dict[str, str] = {}
    for c in changes:
        if c.who not in ids:
            ids[c.who] = f"c{len(ids) + 1}"
    return ids


def _availability(settings, clean: _Cleaner) -> etree._Element:
    """The licence statement, or availability unknown when no licence is set."""
    if not settings.licence:
        availability = _element("availability", status="unknown")
        availability.append(
            _element("p", "No licence has been stated for this corpus.", **{XML_LANG: "en"})
        )
        return availability
    availability = _element("availability")
    url = settings.licence_url
    attrib = {"target": url} if url else {}
    availability.append(
        _element("licence", clean(settings.licence, "the licence setting"), **attrib)
    )
    return availability


def _names(
    parent: etree._Element,
    refs: Iterable[tuple[int | None, str]],
    sep: str,
    clean: _Cleaner,
    where: str,
) -> None:
    prev: etree._Element | None = None
    for pid, name in refs:
        if prev is not None and sep:
            prev.tail = sep
        attrib = {"ref": f"#p{pid}"} if pid is not None else {}
        prev = etree.SubElement(parent, T("persName"), attrib)
        prev.text = clean(name, where)


def _figure(
    parent: etree._Element, ctx: ExportContext, p, clean: _Cleaner, marks: TeiMarks
) -> None:
    where = f"photo {p.id}"
    figure = etree.SubElement(parent, T("figure"), {XML_ID: f"f{p.id}"})
    etree.SubElement(figure, T("graphic"), url=clean(ctx.link(p), f"{where} link"))
    caption = clean(ctx.caption(p), f"{where} caption")
    if caption:
        head = etree.SubElement(figure, T("head"))
        if not marks.fill(head, "photo", p.id, "caption", p.caption):
            head.text = caption
    refs = ctx.photographer_refs(p)
    if refs:
        # The photographers: a note typed "photographer" (TEI allows no respStmt in a figure).
        credit = etree.SubElement(figure, T("note"), type="photographer")
        sep = p.credit.separator if p.credit else "、"
        _names(credit, refs, sep, clean, f"{where} photographer")


def _entry_div(
    ctx: ExportContext,
    e,
    clean: _Cleaner,
    tag_ids: dict[str, str],
    figured: set[int],
    marks: TeiMarks,
) -> etree._Element:
    where = f"entry {e.id}"
    attrib = {XML_ID: f"e{e.id}", "type": "entry", "n": str(e.number)}
    if e.tags:
        attrib["ana"] = " ".join(f"#{tag_ids[t]}" for t in e.tags)
    div = etree.Element(T("div"), attrib, nsmap={None: TEI_NS})
    if e.title or ctx.title(e):  # prose printed under no heading has no <head>
        head = etree.SubElement(div, T("head"))
        if not marks.fill(head, "entry", e.id, "title", e.title):
            head.text = clean(ctx.title(e), f"{where} title") or None
    if not marks.paragraphs(div, "entry", e.id, "body", e.body):
        for para in paragraphs(clean(ctx.body(e), f"{where} body")):
            _lines_into(etree.SubElement(div, T("p")), para)
    refs = ctx.author_refs(e)
    if refs:
        sep = e.attribution.separator if e.attribution else "、"
        _names(etree.SubElement(div, T("byline")), refs, sep, clean, f"{where} author")
    for p in ctx.entry_photos(e):
        figured.add(p.id)
        _figure(div, ctx, p, clean, marks)
    return div


class _Sections:
    """Nested ``<div type="section">`` with a ``<head>``, opened and closed as the
    entries' sections (类目 › 分目) change."""

    def __init__(self, xf, ctx: ExportContext, clean: _Cleaner) -> None:
        self.xf, self.ctx, self.clean = xf, ctx, clean
        self.open: list[tuple[str, object]] = []  # (heading, the element's context manager)

    def enter(self, path: tuple[str, ...]) -> None:
        keep = 0
        while keep < min(len(path), len(self.open)) and self.open[keep][0] == path[keep]:
            keep += 1
        while len(self.open) > keep:
            _title, cm = self.open.pop()
            cm.__exit__(None, None, None)  # type: ignore[attr-defined]
        for title in path[keep:]:
            cm = self.xf.element(T("div"), {"type": "section"})
            cm.__enter__()
            head = _element("head", self.clean(self.ctx.convert(title), "section heading"))
            self.xf.write(head)
            self.open.append((title, cm))


def write_tei(ctx: ExportContext, fh: IO[bytes]) -> int:
    clean = _Cleaner(ctx)
    marks = TeiMarks(ctx, clean)
    tag_ids = _tag_ids(ctx)
    count = 0
    figured: set[int] = set()
    with etree.xmlfile(fh, encoding="utf-8") as xf:
        xf.write_declaration()
        lang = text_language(ctx.corpus.settings.language, ctx.script)
        # xmlfile maps {XML}lang to an ns0 prefix; the literal xml: name is written as is.
        with xf.element(T("TEI"), {"xml:lang": lang}, nsmap={None: TEI_NS}):
            xf.write(_header(ctx, clean, tag_ids, marks))
            with xf.element(T("text")), xf.element(T("body")):
                sections = _Sections(xf, ctx, clean)
                for e in ctx.entries:
                    sections.enter(e.section)
                    xf.write(_entry_div(ctx, e, clean, tag_ids, figured, marks))
                    count += 1
                    ctx.tick()
                sections.enter(())
                loose = [p for p in ctx.photos if p.id not in figured]
                if loose:
                    div = etree.Element(T("div"), {"type": "unlinked-photos"}, nsmap={None: TEI_NS})
                    for p in loose:
                        _figure(div, ctx, p, clean, marks)
                    xf.write(div)
                if not len(ctx.entries) and not loose:
                    xf.write(_element("p"))
    return count


def verify_tei(path: Path, expected: int) -> None:
    """Re-parse the written file: it must be well-formed and hold one div per entry."""
    try:
        n = 0
        for _, _el in etree.iterparse(
            str(path), events=("end",), tag=T("div"), resolve_entities=False, huge_tree=True
        ):
            if _el.get("type") == "entry":
                n += 1
            _el.clear()
            # Drop what was read so far, so the check holds one div at a time.
            parent = _el.getparent()
            while parent is not None and _el.getprevious() is not None:
                del parent[0]
    except etree.XMLSyntaxError as exc:
        raise ExportError(f"TEI check failed: the file is not well-formed XML: {exc}") from exc
    if n != expected:
        raise ExportError(f"TEI check failed: {n} entry divs for {expected} entries")
