"""Sections recomputed from stored headings: which headings (类目 › 分目) each entry
stands under, given the headings and entries of one source in reading order.

The same nesting the parser applies at import (:func:`app.domain.structure.annotate`):
a heading closes every open heading of its level or deeper, an entry stands under the
headings still open. Used when a heading's text changes after import.
"""

from __future__ import annotations

from collections.abc import Iterable

from .structure import _heading_title as heading_title

#: One item of a source in reading order: ("heading", level, text) or ("entry", id, "").
Item = tuple[str, int, str]


def entry_sections(items: Iterable[Item]) -> dict[int, tuple[str, ...]]:
    """Each entry id's section path (类目 first), from the headings before it."""
    stack: list[tuple[int, str]] = []
    sections: dict[int, tuple[str, ...]] = {}
    for kind, number, text in items:
        if kind == "heading":
            while stack and stack[-1][0] >= number:
                stack.pop()
            stack.append((number, heading_title(text)))
        else:
            sections[number] = tuple(t for _l, t in stack)
    return sections
