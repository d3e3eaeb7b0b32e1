"""The parsed shape of a source volume.

A source is cut into an ordered list of blocks whose spans tile the decoded text
exactly: concatenating ``text[b.start:b.end]`` over all blocks gives the source back,
which is what makes the original layer byte-for-byte reproducible.

Blocks keep their *fields* (the editable strings: title, body, caption, …) apart from
their *layout* (how the source typeset them: the bracket style of an attribution, whether
it stood on the body's own line). Corrections change fields; layout lets the corrected
layer be written back in the source's own format.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

BlockKind = Literal["entry", "photo", "fragment"]

# Field names, by block kind, that corrections may change. ``title_open`` holds the
# opening 【 as the source had it ("" where OCR lost it), so restoring it is an ordinary,
# reviewable field edit.
ENTRY_FIELDS = ("title_open", "title", "body")
PHOTO_FIELDS = ("caption",)
FRAGMENT_FIELDS = ("text",)
FIELDS: dict[str, tuple[str, ...]] = {
    "entry": ENTRY_FIELDS,
    "photo": PHOTO_FIELDS,
    "fragment": FRAGMENT_FIELDS,
}


@dataclass(frozen=True)
class Span:
    start: int  # character offset into the decoded source text
    end: int
    line: int  # 1-based line number of ``start``


@dataclass(frozen=True)
class AttributionLayout:
    """How a credit was typeset, so the corrected layer can be written the same way."""

    open: str = "("
    close: str = ")"
    separator: str = "、"
    inline: bool = False  # True: the credit closed the body's own line
    suffix: str = ""  # "摄" / "攝" / " 摄" for photographers; "" for authors
    prefix: str = ""  # a role before the names, kept as printed: "本报记者 ", "文/"
    # Where an entry's credit stood: "" after the body; "above": a byline between the
    # title and the body (``close`` then holds the line break and blank lines under it);
    # "title": closing the title's line, 对人物志编写研究的综述(张景孔).
    place: str = ""


@dataclass(frozen=True)
class Entry:
    span: Span
    title_open: str  # "【" or "" where the OCR lost it
    title: str
    body: str
    authors: tuple[str, ...] = ()
    authors_raw: str | None = None  # the text inside the brackets, as printed
    attribution: AttributionLayout | None = None
    newline: str = "\n"
    lead: str = ""  # what stood before the title on its line: indentation, a form feed
    section: tuple[str, ...] = ()  # the headings it stands under: (类目, 分目)
    page: str | None = None  # the printed page it starts on, when the source says
    # "dated": an event of a chronology (大事记), ``17日 美国代表团…``: its date as printed
    # is the title (no 【】); "headed": a gazetteer's 条目, a heading line over its prose
    # (no 【】); "untitled": prose a person reads as one piece under no heading (the tail
    # of an entry begun on an earlier page), title "". ``title_sep`` is what stood between
    # the title and the text.
    form: str = "titled"
    title_sep: str = ""
    date: str | None = None  # the date without spaces: 17日, 21日—22日
    # A heading printed one character per line (概\n述): what stood between every two of
    # its characters; the title is the characters joined (概述). "" for a title on one line.
    title_break: str = ""
    kind: Literal["entry"] = "entry"


def printed_with_brackets(form: str) -> bool:
    """Whether an entry of this form prints its title in 【】: only "titled" does, so only
    there can the OCR have lost a 【 (STR001, the lost-bracket flag)."""
    return form == "titled"


@dataclass(frozen=True)
class Photo:
    span: Span
    path: str  # the link target exactly as written in the source
    alt: str  # the text inside ![…]
    caption: str  # caption text without the photographer credit
    photographers: tuple[str, ...] = ()
    credit_raw: str | None = None
    credit: AttributionLayout | None = None
    has_caption_line: bool = True
    newline: str = "\n"
    # A credit that names no photographer: an agency (新华社供稿, 新华社发) or a file
    # photo (资料图片); (kind, text as printed). The text stays in the caption.
    source_credit: tuple[str, str] | None = None
    page: str | None = None
    kind: Literal["photo"] = "photo"


@dataclass(frozen=True)
class Fragment:
    """Anything that is neither an entry nor a photo, kept exactly as it was."""

    span: Span
    text: str
    # What the text is: "text" (prose the parser does not read as an entry), "heading"
    # (with its level), "furniture" (page anchor, page number, running head, side tab:
    # kept in the original layer, not reading text), "table" (cells one per line or
    # pipe rows), "event" (a dated paragraph of a chronology, with its date), "columns"
    # (two columns read across the page, line by line: see app.domain.columns).
    role: str = "text"
    level: int = 0
    page: str | None = None
    date: str | None = None
    kind: Literal["fragment"] = "fragment"


Block = Entry | Photo | Fragment


@dataclass(frozen=True)
class Document:
    text: str
    blocks: tuple[Block, ...] = field(default_factory=tuple)

    @property
    def entries(self) -> list[Entry]:
        return [b for b in self.blocks if isinstance(b, Entry)]

    @property
    def photos(self) -> list[Photo]:
        return [b for b in self.blocks if isinstance(b, Photo)]

    def reassemble(self) -> str:
        """The source text rebuilt from the block spans (must equal ``text``)."""
        return "".join(self.text[b.span.start : b.span.end] for b in self.blocks)
