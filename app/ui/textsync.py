"""Keeping stored text and Qt's editor text apart (pure Python, no Qt).

A Qt text document does not give back what it was given (docs/reliability.md §4.2): CRLF
and a lone CR become LF, U+2028/U+2029 become LF, NBSP becomes a space, and U+FDD0
(which Qt uses internally) becomes LF. So the window never compares or saves the
editor's text as such:

* a field is unchanged when the editor's text equals :func:`qt_normalize` of the
  stored text — a no-op edit never writes a revision;
* a real edit is merged into the stored text by :func:`merge_edit`: only the span the
  archivist changed is replaced; NBSP, CRLF, U+2028 … elsewhere are kept as stored.
  Inside the changed span the editor's characters are taken as typed (documented rule).

Qt also counts positions in UTF-16 code units while Python counts code points;
:func:`to_qt` / :func:`from_qt` convert between the two.
"""

from __future__ import annotations

from bisect import bisect_right

from app.storage import display

# A text over EDIT_LIMIT bytes of UTF-8 is not put in a text widget whole (issue 18): the
# editor and the source view show its first PREVIEW_CHARS characters, read-only, without
# highlighting, and say why; the storage layer reads only that part (app.storage.display).
EDIT_LIMIT, PREVIEW_CHARS = display.EDIT_LIMIT, display.PREVIEW_CHARS


def oversize(text: str) -> int | None:
    """The UTF-8 size of ``text`` when it is over :data:`EDIT_LIMIT`, else None (short
    texts are not encoded: a code point is at most 4 bytes)."""
    if len(text) * 4 <= EDIT_LIMIT:
        return None
    size = len(text.encode("utf-8"))
    return size if size > EDIT_LIMIT else None


def megabytes(size: int) -> str:
    """A size in bytes as a number of MB for a message: "52", "2.4"."""
    mb = size / (1024 * 1024)
    return f"{mb:.0f}" if mb >= 10 else f"{mb:.1f}"


_ONE_TO_ONE = {"\u00a0": " ", "\u2028": "\n", "\u2029": "\n", "\ufdd0": "\n", "\r": "\n"}


def qt_normalize_map(text: str) -> tuple[str, list[int]]:
    """Qt's view of ``text`` and, for each of its positions (plus the end), the position
    in ``text`` it came from."""
    out: list[str] = []
    where: list[int] = []
    i, n = 0, len(text)
    while i < n:
        ch = text[i]
        if ch == "\r" and i + 1 < n and text[i + 1] == "\n":
            out.append("\n")
            where.append(i)
            i += 2
            continue
        out.append(_ONE_TO_ONE.get(ch, ch))
        where.append(i)
        i += 1
    where.append(n)
    return "".join(out), where


def qt_normalize(text: str) -> str:
    if not any(c in text for c in _ONE_TO_ONE):
        return text
    return qt_normalize_map(text)[0]


def merge_edit(stored: str, edited: str) -> str:
    """The stored text with the archivist's edit applied and nothing else changed."""
    shown, where = qt_normalize_map(stored)
    if shown == edited:
        return stored
    prefix = 0
    limit = min(len(shown), len(edited))
    while prefix < limit and shown[prefix] == edited[prefix]:
        prefix += 1
    suffix = 0
    while (
        suffix < limit - prefix
        and shown[len(shown) - 1 - suffix] == edited[len(edited) - 1 - suffix]
    ):
        suffix += 1
    start = where[prefix]
    end = where[len(shown) - suffix]
    return stored[:start] + edited[prefix : len(edited) - suffix] + stored[end:]


def stored_to_shown(stored: str) -> list[int]:
    """For each stored position (plus the end), the position in Qt's view of it."""
    out: list[int] = []
    shown = i = 0
    n = len(stored)
    while i < n:
        out.append(shown)
        if stored[i] == "\r" and i + 1 < n and stored[i + 1] == "\n":
            out.append(shown)  # the LF of a CRLF is part of the same newline
            i += 2
        else:
            i += 1
        shown += 1
    out.append(shown)
    return out


class Utf16Index:
    """Code point ↔ UTF-16 offsets for one string (cheap when it has no astral chars)."""

    def __init__(self, text: str):
        self._astral = [i for i, c in enumerate(text) if ord(c) > 0xFFFF]

    def to_qt(self, pos: int) -> int:
        return pos + bisect_right(self._astral, pos - 1)

    def from_qt(self, pos: int) -> int:
        count = 0
        for k, a in enumerate(self._astral):
            unit = a + k  # where this astral char starts in UTF-16
            if unit + 2 <= pos:
                count += 1
            elif unit + 1 == pos:  # inside a surrogate pair: round down
                return a
            else:
                break
        return pos - count


def to_qt(text: str, pos: int) -> int:
    return Utf16Index(text).to_qt(pos)


def from_qt(text: str, pos: int) -> int:
    return Utf16Index(text).from_qt(pos)
