"""Search text: the folded shadow that is indexed, query parsing, and highlighting.

Pure Python, no SQL. The index (``app.storage.search``) stores, for every field, the
*shadow* of its text, built here:

* folded traditional → simplified character by character (:func:`app.domain.convert.fold`),
  so 工會 and 工会 index alike;
* full-width ASCII forms (``，`` ``１`` ``Ａ``) as their ASCII counterparts, ASCII letters
  lower-cased;
* whitespace and invisible characters (zero-width space, BOM, NUL) removed, so the OCR's
  soft line breaks and stray spaces do not hide a word (``就业5\\n987人`` is found by
  ``5987``);
* every remaining ASCII character that is not a letter or digit moved into the Private
  Use Area, so that FTS5's ``ascii`` tokenizer (which treats every non-ASCII character as
  part of a token and splits only on ASCII punctuation and spaces) sees one unbroken run.

The shadow run is then indexed twice (migration 0021):

* ``search_char_fts``, the app's index, holds its characters (``工会主席`` →
  ``工 会 主 席``), each a token, separated by spaces; the pieces of one field
  (captions, names, notes) are joined by :data:`PIECE_TOKEN`, a two-character token.
  A query term becomes the FTS5 *phrase* of its characters (a one-character term is
  the single token). Because every character of the run is a token and a phrase needs
  consecutive positions, the phrase matches exactly when the folded term is a
  substring of the folded field; no phrase spans two pieces, because every query token
  is one character and the token between pieces is two. The 3-character limit of the
  trigram tokenizer does not exist here, and no user character ever reaches FTS5
  syntax: the only characters in a MATCH expression we build are token characters,
  spaces, braces, a colon and the double quotes around phrases. ``search_extra_fts``
  (notes, captions, names) holds the same tokens.
* ``search_fts``, entry's full-text index as other tools see it (sqlite-utils, Datasette),
  holds its *words*: the character bigrams, then the characters (``工会主席`` →
  ``工会 会主 主席 工 会 主 席``, :func:`word_tokens`), without positions (FTS5
  ``detail=none``). A search box there that sends 工会 as one token finds every entry
  holding it, and a single character too; no position list is stored, so it costs a
  fraction of the app's index.

Until shadow version 2 the app's index held the words with their positions, and a term
of two or more characters was the phrase of its bigrams: the same matches from an index
2.5 times as large as the characters alone (:func:`bigram_tokens` and
:func:`unigram_tokens` also serve migration 0003, which still calls them).
"""

from __future__ import annotations

import html
import operator
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from app.domain.convert import fold_table

#: Bumped whenever the shadow changes in a way that makes an existing index stale.
SHADOW_VERSION = 2  # 2: characters only (1: bigrams, then characters)

#: Separates the pieces of one indexed field (captions, names, notes): no phrase spans it.
PIECE_SEPARATOR = "\x1e"

#: The index token between two pieces of a field: two characters, so that no query token
#: (always one character) is ever equal to it and no phrase matches across it. U+E01E is
#: where the shadow would put the ASCII separator, which it drops as whitespace instead.
PIECE_TOKEN = "\ue01e\ue01e"

_PUA = 0xE000  # ASCII punctuation c → chr(_PUA + c) inside the shadow
_INVISIBLE = "\u200b\u200c\u200d\u2060\ufeff\x00"


def _ascii_shadow(ch: str) -> str | None:
    """Shadow of one character that fold() already handled."""
    code = ord(ch)
    if 0xFF01 <= code <= 0xFF5E:  # full-width ASCII form
        ch = chr(code - 0xFEE0)
        code = ord(ch)
    if ch.isspace() or ch in _INVISIBLE:
        return None
    if code < 128:
        if ch.isalnum():
            return ch.lower()
        return chr(_PUA + code)
    return ch


@cache
def shadow_table() -> dict[int, str | None]:
    """One translate() table doing the whole shadow mapping in a single pass."""
    table: dict[int, str | None] = {}
    for code, value in fold_table().items():
        table[code] = _ascii_shadow(value) if len(value) == 1 else value
    for code in list(range(128)) + list(range(0xFF01, 0xFF5F)):
        ch = chr(code)
        if code not in table:
            mapped = _ascii_shadow(ch)
            if mapped != ch:
                table[code] = mapped
    # every whitespace character is at or below U+3000; the invisible ones are listed
    for code in [*range(0x3001), *map(ord, _INVISIBLE)]:
        if code in table:
            continue
        ch = chr(code)
        if ch.isspace() or ch in _INVISIBLE:
            table[code] = None
    for code in range(0xD800, 0xE000):  # lone surrogates can come from a caller, never match
        table[code] = None
    return table


@cache
def _translate_list() -> list[str | None]:
    """:func:`shadow_table` as a list indexed by code point, for ``str.translate``.

    Same mapping; about twice as fast on CJK text, because a dict lookup that misses
    (most characters map to themselves) costs translate() a raised KeyError each time,
    while a list always answers. Code points past the end raise IndexError, which
    translate() also takes as "unchanged" (no mapping is defined above the last key).
    """
    table = shadow_table()
    out: list[str | None] = [chr(code) for code in range(max(table) + 1)]
    for code, value in table.items():
        out[code] = value
    return out


def shadow(text: str) -> str:
    """The folded, whitespace-free form of *text* that the index and queries compare."""
    return text.translate(_translate_list())


def shadow_with_positions(text: str) -> tuple[str, list[int]]:
    """The shadow and, for each of its characters, the index of its source character.

    The mapping is one character to at most one, so a hit in the shadow maps back to
    a span of the original text (which may include the whitespace it skipped).
    """
    table = shadow_table()
    chars: list[str] = []
    positions: list[int] = []
    for i, ch in enumerate(text):
        mapped = table.get(ord(ch), ch)
        if mapped:
            chars.append(mapped)
            positions.append(i)
    return "".join(chars), positions


@lru_cache(maxsize=16)
def _pieces(text: str) -> tuple[str, ...]:
    """Shadows of the pieces of a field, sorted: the index must not depend on the order
    in which SQL happened to concatenate captions or names. Cached because a field's
    tokens and their count are often computed from the same text one after the other."""
    if PIECE_SEPARATOR not in text:
        return (shadow(text),)
    return tuple(sorted(shadow(p) for p in text.split(PIECE_SEPARATOR)))


_SPACE = array("I", [32])
_FAST = _SPACE.itemsize == 4  # array of code points, so the joins below run in C


def _bigrams(s: str) -> str:
    if len(s) < 2:
        return ""
    if not _FAST or len(s) < 12:  # short (names, captions): the join is cheaper
        return " ".join(map(operator.add, s, s[1:]))
    codes = array("I", s.encode("utf-32-le"))
    out = _SPACE * (3 * (len(s) - 1))
    out[0::3] = codes[:-1]
    out[1::3] = codes[1:]
    return out[:-1].tobytes().decode("utf-32-le")


def _unigrams(s: str) -> str:
    if not s:
        return ""
    if not _FAST or len(s) < 40:
        return " ".join(s)
    out = _SPACE * (2 * len(s))
    out[0::2] = array("I", s.encode("utf-32-le"))
    return out[:-1].tobytes().decode("utf-32-le")


def bigram_tokens(text: str | None) -> str:
    """Space-separated character bigrams of the shadow (the ``*_b`` index columns)."""
    if not text:
        return ""
    return " ".join(b for b in map(_bigrams, _pieces(text)) if b)


def unigram_tokens(text: str | None) -> str:
    """Space-separated characters of the shadow (the ``*_u`` index columns)."""
    if not text:
        return ""
    return " ".join(u for u in map(_unigrams, _pieces(text)) if u)


def index_tokens(text: str | None) -> str:
    """What the app's index holds for a field (one column of ``search_char_fts`` /
    ``search_extra_fts``): the characters of its shadow, each a token, with
    :data:`PIECE_TOKEN` between pieces."""
    if not text:
        return ""
    return f" {PIECE_TOKEN} ".join(u for u in map(_unigrams, _pieces(text)) if u)


def index_token_count(text: str | None) -> int:
    """How many tokens :func:`index_tokens` makes of *text* (without making them): a
    piece of n characters has n, and there is one more between two pieces."""
    if not text:
        return 0
    sizes = [len(p) for p in _pieces(text) if p]
    return sum(sizes) + max(0, len(sizes) - 1)


def word_tokens(text: str | None) -> str:
    """What ``search_fts`` (other tools' index) holds for a field: its bigrams, then
    its characters (a phrase of bigrams cannot match across into the characters)."""
    if not text:
        return ""
    pieces = _pieces(text)
    bigrams = " ".join(b for b in map(_bigrams, pieces) if b)
    unigrams = " ".join(u for u in map(_unigrams, pieces) if u)
    return f"{bigrams} {unigrams}" if bigrams else unigrams


def word_token_count(text: str | None) -> int:
    """How many tokens :func:`word_tokens` makes of *text*: a piece of n characters has
    n - 1 bigrams and n characters."""
    if not text:
        return 0
    return sum(2 * len(p) - 1 for p in _pieces(text) if p)


# -- queries ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Query:
    """A parsed search: every term must occur (AND). ``terms`` are shadows."""

    text: str
    terms: tuple[str, ...]
    reason: str = ""  # why there is nothing to search, when terms is empty

    @property
    def empty(self) -> bool:
        return not self.terms


EMPTY_REASON = "please type a search term (the query is empty or only spaces)"


def parse_query(text: str) -> Query:
    """Split on whitespace (ASCII or U+3000); each word is literal text.

    Words that fold to nothing (zero-width space, NUL) are dropped; a word contained in
    another word adds nothing to an AND and is dropped too.
    """
    if not isinstance(text, str):
        text = str(text)
    words = []
    for word in text.split():
        s = shadow(word)
        if s and s not in words:
            words.append(s)
    terms = tuple(w for w in words if not any(w != o and w in o for o in words))
    if not terms:
        return Query(text, (), EMPTY_REASON)
    return Query(text, terms)


def match_expression(term: str, columns: Sequence[str]) -> str:
    """The FTS5 MATCH expression for one shadow term over the given index columns.

    The term is the phrase of its characters (see :func:`index_tokens`). Only token
    characters end up inside the quotes (the shadow has no ASCII punctuation), so no
    input can change the syntax.
    """
    if not term:
        raise ValueError("empty term")
    phrase = _unigrams(term)
    phrase = phrase.replace('"', '""')  # cannot occur; kept so the invariant is local
    return "{" + " ".join(columns) + '} : "' + phrase + '"'


# -- highlighting ----------------------------------------------------------------------

Segment = tuple[str, bool]  # (text, is_hit)


def find_hits(text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans of *text* where a term occurs after folding."""
    folded, positions = shadow_with_positions(text)
    spans: list[tuple[int, int]] = []
    for term in terms:
        if not term:
            continue
        start = folded.find(term)
        while start != -1:
            end = start + len(term)
            spans.append((positions[start], positions[end - 1] + 1))
            start = folded.find(term, start + 1)
    spans.sort()
    merged: list[tuple[int, int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1]:
            if e > merged[-1][1]:
                merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    return merged


def snippet_segments(text: str, terms: Iterable[str], width: int = 60) -> tuple[Segment, ...]:
    """A window of about *width* characters around the first hit, split into segments.

    Returns ``()`` when no term occurs. The window begins ``width // 3`` characters
    before the first hit; an ellipsis marks cut ends.
    """
    spans = find_hits(text, terms)
    if not spans:
        return ()
    first = spans[0][0]
    start = max(0, first - width // 3)
    end = min(len(text), max(start + width, spans[0][1]))
    segments: list[Segment] = []
    if start > 0:
        segments.append(("…", False))
    pos = start
    for s, e in spans:
        if e <= start or s >= end:
            continue
        s, e = max(s, start), min(e, end)
        if s > pos:
            segments.append((text[pos:s], False))
        segments.append((text[s:e], True))
        pos = e
    if pos < end:
        segments.append((text[pos:end], False))
    if end < len(text):
        segments.append(("…", False))
    return tuple(_one_line(segments))


def _one_line(segments: list[Segment]) -> list[Segment]:
    return [(t.replace("\r\n", " ").replace("\n", " ").replace("\r", " "), h) for t, h in segments]


def render(
    segments: Iterable[Segment], open_: str = "<mark>", close: str = "</mark>", *, escape=True
) -> str:
    """Segments as one string: each piece escaped first, then markers around hits."""
    out = []
    for text, hit in segments:
        piece = html.escape(text, quote=False) if escape else text
        out.append(open_ + piece + close if hit else piece)
    return "".join(out)
