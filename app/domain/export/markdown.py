"""Markdown in the source's own format, in two layers.

*Original layer*: the source text of every block, unchanged. With one source the file
is encoded like the source (same codec, BOM if it had one), so an untouched import
comes back byte for byte. With several sources the file is UTF-8 and each source is
introduced by a comment line ``<!-- source i/n: name · sha256 … -->``.

*Corrected layer*: the current fields written the way the source typeset them
(``【title】body``, the attribution line, ``![alt](path)`` + caption with ``(X摄)``), with
each block's own line breaks, so :func:`app.domain.parser.parse` reads back the same
entries, titles, authors and photos. Fragments are written as their current text; a
fragment the archivist made an entry is written as that entry (in the original layer
it is the fragment, and the entry is left out).

Markdown escaping policy (X18), corrected layer only, titles / bodies / captions only:

* a line that a CommonMark renderer would read as block syntax (``#`` heading, ``>``
  quote, ``-``/``+``/``*`` or ``1.``/``1)`` list item, thematic break, setext underline,
  code fence) or that already starts with a backslash gets one ``\\`` inserted before its
  first non-blank character;
* ``<`` that would open raw HTML (``<script>``, ``</b>``, ``<!--``, ``<?``) becomes ``\\<``,
  any backslashes right before it doubled.

Both are exactly reversed by :func:`unescape_markdown`. The parser keeps the backslashes
as text, so an escaped body re-imports with them; the sample volume contains nothing
that triggers an escape. Lines inside a field that our own parser would read as
structure (a new title, a photo link, an attribution line) cannot be escaped without
changing the text and are reported in the warnings instead. Fragments are never
escaped: they are the source's own markup, kept as it was.
"""

from __future__ import annotations

import codecs
import re
from typing import IO

from app.domain.corpus import EntryRecord, FragmentRecord, PhotoRecord, SourceRecord
from app.domain.document import AttributionLayout, Fragment, printed_with_brackets
from app.domain.parser import parse

from .common import ExportContext
from .errors import ExportError

_LEAD = re.compile(r"^[ \t\u3000]*")
_BLOCK_SYNTAX = re.compile(
    r"""(?:
        \#{1,6}(?:[ \t]|$)          # ATX heading
      | >                           # block quote
      | [-+*](?:[ \t]|$)            # bullet list item
      | \d{1,9}[.)](?:[ \t]|$)      # ordered list item
      | ([-*_])[ \t]*(?:\1[ \t]*){2,}$   # thematic break
      | =+[ \t]*$                   # setext underline
      | `{3,} | ~{3,}               # code fence
      | \\                          # already starts with a backslash
    )""",
    re.VERBOSE,
)
_HTML_OPEN = re.compile(r"(\\*)<(?=[A-Za-z/!?])")
_RAW_TAG = re.compile(r"<(?=[A-Za-z/?])")  # raw HTML a renderer would run; not <!-- -->
_HTML_OPEN_ESCAPED = re.compile(r"(\\+)<(?=[A-Za-z/!?])")
_DEFAULT_AUTHOR = AttributionLayout()
_DEFAULT_CREDIT = AttributionLayout(suffix="摄")


def escape_markdown(text: str, *, line_start: bool) -> str:
    """Escape one physical line; ``line_start`` says whether it begins a line in the file."""
    if line_start:
        lead = _LEAD.match(text).end()  # type: ignore[union-attr]
        if _BLOCK_SYNTAX.match(text, lead):
            text = text[:lead] + "\\" + text[lead:]
    if "<" in text:
        text = _HTML_OPEN.sub(lambda m: m.group(1) * 2 + "\\<", text)
    return text


def unescape_markdown(text: str, *, line_start: bool) -> str:
    """Exact inverse of :func:`escape_markdown`."""
    if "<" in text:
        text = _HTML_OPEN_ESCAPED.sub(lambda m: "\\" * (len(m.group(1)) // 2) + "<", text)
    if line_start:
        lead = _LEAD.match(text).end()  # type: ignore[union-attr]
        if text.startswith("\\", lead):
            rest = text[lead + 1 :]
            if _BLOCK_SYNTAX.match(rest):
                text = text[:lead] + rest
    return text


def _escape_field(text: str, first_at_line_start: bool) -> list[str]:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return [
        escape_markdown(line, line_start=first_at_line_start or i > 0)
        for i, line in enumerate(lines)
    ]


def _looks_structural(line: str) -> str | None:
    """What our parser would read this field line as, if not plain text."""
    stripped = line.lstrip(" \t\u3000")
    if not ("】" in line or stripped.startswith(("!", "(", "（"))):
        return None
    blocks = parse(line + "\n").blocks
    if not blocks or isinstance(blocks[0], Fragment):
        # A lone "(name)" line is only an attribution after an entry.
        probe = parse("【x】y\n" + line + "\n").blocks
        if probe and getattr(probe[0], "authors", ()):
            return "an attribution"
        return None
    return "a title" if blocks[0].kind == "entry" else "a photo"


def _dest(link: str) -> str:
    if any(c in link for c in "() \t<>") or not link:
        return "<" + link.replace("<", "%3C").replace(">", "%3E") + ">"
    return link


def _ends_with_newline(ctx: ExportContext, r: EntryRecord | PhotoRecord) -> bool:
    src = ctx.source_of(r)
    if src is None or r.end <= r.start:
        return True
    return ctx.corpus.source_span(src, r.end - 1, r.end) == "\n"


def corrected_entry(ctx: ExportContext, e: EntryRecord) -> str:
    nl = e.newline or "\n"
    title_open = ctx.title_open(e)
    title = ctx.title(e)
    where = f"entry {e.id}"
    if e.title_break and not printed_with_brackets(e.form):
        # 概\n述: a heading printed one character a line is written so again
        title = e.title_break.join(escape_markdown(c, line_start=True) for c in title)
    else:
        if "\n" in title or "\r" in title or "】" in title:
            ctx.warn(
                f"{where}: the title contains a line break or 】 and will not re-import as one title"
            )
        title = escape_markdown(
            title.replace("\r", " ").replace("\n", " "), line_start=not title_open
        )
    lines = _escape_field(ctx.body(e), False)
    for i, line in enumerate(lines[1:], start=2):
        kind = _looks_structural(line)
        if kind:
            ctx.warn(f"{where}: body line {i} would re-import as {kind}")
    authors = ctx.authors(e)
    layout = e.attribution or _DEFAULT_AUTHOR
    credit = ""
    if authors:
        names = layout.separator.join(authors)
        if e.authors_raw is not None and not ctx.script and authors == e.authors_original:
            names = e.authors_raw  # unchanged names are written as printed
        credit = f"{layout.open}{layout.prefix}{names}{layout.close}"
    # a byline above the body (郑民德 李永乐 over 摘要…) or closing the title's line
    above = credit if layout.place == "above" else ""
    after_title = credit if layout.place == "title" else ""
    if not printed_with_brackets(e.form):  # 17日 美国代表团… or 第一节 地貌 + its prose: no 【】
        # an untitled entry (prose under no heading) has nothing between title and text,
        # nor has a title alone (a one-line block made an entry) after it
        sep = e.title_sep or (" " if title and lines != [""] and not above else "")
        text = f"{e.lead}{title}{after_title}{sep}{above}" + nl.join(lines)
    else:
        text = f"{e.lead}{title_open}{title}】{above}" + nl.join(lines)
    if credit and not layout.place:
        text += credit if layout.inline else nl + credit
    if e.tail is not None:  # made from a text block: what followed the block's text
        text += e.tail
    elif _ends_with_newline(ctx, e):
        text += nl
    return text


def corrected_photo(ctx: ExportContext, p: PhotoRecord) -> str:
    nl = p.newline or "\n"
    text = f"![{ctx.convert(p.alt)}]({_dest(ctx.link(p))})"
    caption = ctx.caption(p)
    names = ctx.photographers(p)
    if p.has_caption_line or caption or names:
        if "\n" in caption or "\r" in caption:
            ctx.warn(
                f"photo {p.id}: the caption contains a line break and will not re-import as one caption"
            )
        lines = _escape_field(caption, True)
        kind = _looks_structural(lines[0]) if lines[0] else None
        if kind:
            ctx.warn(f"photo {p.id}: the caption would re-import as {kind}")
        caption_text = nl.join(lines)
        if names:
            layout = p.credit or _DEFAULT_CREDIT
            printed = layout.separator.join(names)
            if p.credit_raw is not None and not ctx.script and names == p.photographers_original:
                printed = p.credit_raw
            caption_text += f"{layout.open}{layout.prefix}{printed}{layout.suffix}{layout.close}"
        text += nl + caption_text
    if _ends_with_newline(ctx, p):
        text += nl
    return text


def untouched(ctx: ExportContext, block: EntryRecord | PhotoRecord | FragmentRecord) -> bool:
    """Whether the corrected layer of ``block`` is its original: nobody changed anything.

    Such a block is written as the source's own text, so a corrected export differs
    from the source only where a revision changed something (``(熊 毅)`` stays spaced,
    a ``<!--`` line keeps no backslash) — except a block holding what a renderer would
    run as raw HTML (``<script>``, ``</b>``), which is written escaped (X18).
    """
    if ctx.script or ctx.source_of(block) is None:
        return False
    if isinstance(block, EntryRecord):
        if block.changed_structure:  # its source text is a block's or another entry's
            return False
        if _RAW_TAG.search(block.title) or _RAW_TAG.search(block.body):
            return False
        return (
            block.title_open == block.title_open_original
            and block.title == block.title_original
            and block.body == block.body_original
            and tuple(p.name for p in block.authors) == block.authors_original
        )
    if isinstance(block, PhotoRecord):
        if _RAW_TAG.search(block.caption) or _RAW_TAG.search(block.alt):
            return False
        return (
            block.caption == block.caption_original
            and tuple(p.name for p in block.photographers) == block.photographers_original
            and block.id not in ctx.photo_links
        )
    if block.cut_from is not None:  # its text is a part of the block's source text
        return False
    return block.text == block.text_original


def _source_banner(s: SourceRecord, i: int, n: int) -> str:
    name = s.file_name.replace("--", "‐‐").replace("\n", " ").replace("\r", " ")
    return f"<!-- source {i}/{n}: {name} · sha256 {s.sha256} -->\n"


def _encoder_for(s: SourceRecord):
    try:
        codec = codecs.lookup(s.encoding)
    except LookupError as exc:
        raise ExportError(f"source {s.file_name}: unknown encoding {s.encoding!r}") from exc
    encoder = codec.incrementalencoder("strict")
    prefix = b""
    if s.bom and codec.name not in ("utf-16", "utf-32", "utf-8-sig"):
        prefix = encoder.encode("\ufeff")
    return encoder, prefix


def write_markdown(ctx: ExportContext, fh: IO[bytes]) -> int:
    sources = ctx.corpus.sources
    single = len(sources) == 1 and ctx.original
    if single:
        encoder, prefix = _encoder_for(sources[0])
        fh.write(prefix)
    else:
        encoder = codecs.getincrementalencoder("utf-8")("strict")
    count = 0
    current: int | None = None
    order = {s.id: i for i, s in enumerate(sources, start=1)}
    last_char = "\n"
    for block in ctx.corpus.layer_blocks(ctx.original):
        if len(sources) > 1 and block.source_id != current:
            current = block.source_id
            src = ctx.sources.get(current)
            if src is not None:
                banner = ("" if last_char == "\n" else "\n") + _source_banner(
                    src, order[current], len(sources)
                )
                fh.write(encoder.encode(banner))
        if ctx.original or untouched(ctx, block):
            src = ctx.source_of(block)
            text = ctx.corpus.source_span(src, block.start, block.end) if src is not None else ""
        elif isinstance(block, EntryRecord):
            text = corrected_entry(ctx, block)
        elif isinstance(block, PhotoRecord):
            text = corrected_photo(ctx, block)
        elif isinstance(block, FragmentRecord):
            text = ctx.fragment(block)
        else:  # pragma: no cover - the snapshot has three kinds
            continue
        try:
            fh.write(encoder.encode(text))
        except UnicodeEncodeError as exc:
            what = f"entry {block.id}" if isinstance(block, EntryRecord) else f"block {block.id}"
            src = ctx.source_of(block)
            codec_name = src.encoding if single and src else "utf-8"
            raise ExportError(
                f"{what}: text cannot be encoded as {codec_name}: {exc.reason}"
            ) from exc
        if text:
            last_char = text[-1]
        if isinstance(block, EntryRecord):
            count += 1
            ctx.tick()
    fh.write(encoder.encode("", final=True))
    return count
