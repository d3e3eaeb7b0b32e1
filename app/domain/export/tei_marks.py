"""The annotation layer in the TEI export: inline ``persName``/``placeName``/``orgName``,
``date``, ``measure``/``num``, ``term``, comments as ``seg`` + ``note``, and with an
apparatus every standing OCR correction as ``choice``/``sic``/``corr``.

The header gains what the marks point at: ``listPerson`` (with variants and external
identifiers as ``idno``), ``listOrg`` and ``listPlace``, and for an apparatus a
``taxonomy`` of the rules cited. TEI P5 has no ``@cause`` on ``corr`` (only on
``add``/``del``/… and on readings), so a correction names its rule with ``@ana``
pointing at that taxonomy, and its curator with ``@resp``.

Annotations are anchored on the corrected text; the original (diplomatic) layer is
written without them.
"""

from __future__ import annotations

from collections.abc import Callable

from lxml import etree

from app.domain.annotation.inline import (
    Mark,
    correction_mark,
    fill_with_marks,
    mark_for,
    paragraph_spans,
    paragraphs_with_marks,
)
from app.domain.annotation.layer import AnnotationLayer, RecordInfo

from .common import ExportContext
from .errors import ExportError

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"

#: xml:id of a record in the header, by kind.
_PREFIX = {"person": "p", "place": "pl", "organisation": "o"}


def T(name: str) -> str:
    return f"{{{TEI_NS}}}{name}"


def record_ref(kind: str, record_id: int) -> str:
    return f"#{_PREFIX[kind]}{record_id}"


class TeiMarks:
    """The marks of each field for one TEI export; inactive when there is nothing to mark
    (no annotations, no apparatus) or the export is of the original layer."""

    def __init__(self, ctx: ExportContext, clean: Callable[[str, str], str]) -> None:
        layer = ctx.corpus.annotations
        self.ctx = ctx
        self.clean = clean
        self.layer: AnnotationLayer = layer or AnnotationLayer()
        self.curators: dict[str, str] = {}
        if ctx.original and layer is not None:
            if layer.apparatus:
                raise ExportError(
                    "--apparatus shows the corrections in the corrected layer, not in --original"
                )
            if layer.size:
                ctx.warn(
                    f"{layer.size} annotation(s) are on the corrected text;"
                    " the original layer is written without them"
                )
        self.active = not ctx.original and bool(
            self.layer.size or self.layer.apparatus or self.layer.records
        )
        # whether a field can have marks at all (records alone mark nothing in the text)
        self.marking = not ctx.original and bool(self.layer.size or self.layer.apparatus)

    # -- header -----------------------------------------------------------------------

    def header(
        self,
        header: etree._Element,
        title_stmt: etree._Element,
        curators: dict[str, str],
        list_person: etree._Element,
    ) -> None:
        """Add the records, the rules cited and every curator of a correction."""
        self.curators = curators
        if not self.active:
            return
        layer = self.layer
        people = {r.id: r for r in layer.records if r.kind == "person"}
        for person in list_person:
            pid = person.get(XML_ID, "")[1:]
            if pid.isdigit() and int(pid) in people:
                self._describe(person, people.pop(int(pid)), "persName")
        for r in people.values():
            if len(list_person) and list_person[0].get(XML_ID) == "p0":
                list_person.remove(list_person[0])  # the placeholder of an empty list
            person = etree.SubElement(list_person, T("person"), {XML_ID: f"p{r.id}"})
            self._describe(person, r, "persName", name=True)
        orgs = [r for r in layer.records if r.kind == "organisation"]
        places = [r for r in layer.records if r.kind == "place"]
        profile = header.find(T("profileDesc"))
        if orgs:
            partic = profile.find(T("particDesc"))
            list_org = etree.SubElement(partic, T("listOrg"))
            for r in orgs:
                org = etree.SubElement(list_org, T("org"), {XML_ID: f"o{r.id}"})
                self._describe(org, r, "orgName", name=True)
        if places:
            setting = etree.SubElement(profile, T("settingDesc"))
            list_place = etree.SubElement(setting, T("listPlace"))
            for r in places:
                place = etree.SubElement(list_place, T("place"), {XML_ID: f"pl{r.id}"})
                self._describe(place, r, "placeName", name=True)
        if layer.apparatus:
            for c in layer.corrections:
                if c.who not in curators:
                    cid = f"c{len(curators) + 1}"
                    curators[c.who] = cid
                    resp = etree.Element(T("respStmt"), {XML_ID: cid})
                    etree.SubElement(resp, T("resp"), {XML_LANG: "en"}).text = "curation"
                    etree.SubElement(resp, T("name")).text = self.clean(c.who, "a curator's name")
                    title_stmt.append(resp)
            if layer.rules:
                encoding = header.find(T("encodingDesc"))
                class_decl = encoding.find(T("classDecl"))
                if class_decl is None:
                    class_decl = etree.SubElement(encoding, T("classDecl"))
                taxonomy = etree.SubElement(class_decl, T("taxonomy"), {XML_ID: "rules"})
                for code, what in layer.rules:
                    cat = etree.SubElement(taxonomy, T("category"), {XML_ID: f"rule-{code}"})
                    desc = etree.SubElement(cat, T("catDesc"), {XML_LANG: "en"})
                    desc.text = self.clean(f"{code} {what}", f"rule {code}")
            editorial = header.find(T("encodingDesc")).find(T("editorialDecl"))
            etree.SubElement(editorial, T("p"), {XML_LANG: "en"}).text = (
                f"{len(layer.corrections)} OCR correction(s) accepted by the curators are"
                " marked as choice/sic/corr; @resp names the curator, @ana the rule."
            )

    def _describe(
        self, el: etree._Element, r: RecordInfo, name_tag: str, *, name: bool = False
    ) -> None:
        """Names first (the preferred one when ``name``, then the variants), then the
        external identifiers."""
        where = f"{r.kind} record {r.id}"
        if name:
            etree.SubElement(el, T(name_tag)).text = self.clean(self.ctx.note(r.name), where)
        for v in r.variants:
            variant = etree.SubElement(el, T(name_tag), type="variant")
            variant.text = self.clean(self.ctx.note(v), where)
        for scheme, value in r.identifiers:
            etree.SubElement(el, T("idno"), type=scheme).text = self.clean(value, where)

    # -- fields -----------------------------------------------------------------------

    def _marks(self, kind: str, tid: int, field: str, text: str, *, split: bool) -> list[Mark]:
        layer = self.layer
        marks: list[Mark] = []
        for a in layer.on(kind, tid, field):
            if not 0 <= a.start <= a.end <= len(text) or a.start == a.end:
                self.ctx.warn(f"{kind} {tid} {field}: annotation {a.id} lies outside the text")
                continue
            ref = None
            if a.kind in _PREFIX and a.record_id is not None and layer.record(a.kind, a.record_id):
                ref = record_ref(a.kind, a.record_id)
            mark = mark_for(a, ref)
            if mark.note:
                mark = Mark(
                    mark.start,
                    mark.end,
                    mark.tag,
                    mark.attrib,
                    mark.ident,
                    mark.rank,
                    self.clean(self.ctx.note(mark.note), f"annotation {a.id} note"),
                )
            marks.append(mark)
        if layer.apparatus:
            spans = paragraph_spans(text) if split else [(0, len(text))]
            for n, c in enumerate(layer.corrections_on(kind, tid, field), start=1):
                if not any(s <= c.start and c.end <= e for s, e in spans):
                    self.ctx.warn(
                        f"{kind} {tid} {field}: the {c.rule} correction at {c.start}"
                        " spans a paragraph break; it is not in the apparatus"
                    )
                    continue
                attrib = {"ana": f"#rule-{c.rule}"}
                if c.who in self.curators:
                    attrib["resp"] = f"#{self.curators[c.who]}"
                ident = f"k{kind[0]}{tid}{field[0]}{n}"
                sic = self.clean(c.sic, f"{kind} {tid} {field} correction")
                marks.append(correction_mark(c.start, c.end, sic, ident, attrib))
        return marks

    def fill(self, el: etree._Element, kind: str, tid: int, field: str, text: str) -> bool:
        """Fill a ``head`` (a title, a caption) with ``text`` and its marks; False (and
        nothing written) when the field has none."""
        if not self.marking:
            return False
        marks = self._marks(kind, tid, field, text, split=False)
        if not marks:
            return False
        fill_with_marks(el, self.clean(text, f"{kind} {tid} {field}"), marks, self.ctx.convert)
        return True

    def paragraphs(self, div: etree._Element, kind: str, tid: int, field: str, text: str) -> bool:
        """Append the paragraphs of ``text`` with its marks to ``div``; False (and nothing
        written) when the field has none."""
        if not self.marking:
            return False
        marks = self._marks(kind, tid, field, text, split=True)
        if not marks:
            return False
        paragraphs_with_marks(
            self.clean(text, f"{kind} {tid} {field}"),
            marks,
            lambda: etree.SubElement(div, T("p")),
            self.ctx.convert,
        )
        return True
