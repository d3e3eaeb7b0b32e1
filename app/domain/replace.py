"""Corpus-wide find and replace, planned before anything is applied.

:func:`plan_replace` lists every match with its context so an archivist can read the
whole change before it is made; :func:`apply_replacements` then applies one field's
share, refusing a plan that no longer fits the text. Pure: the caller stores the
result as one revertible batch of revisions.
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Iterable
from dataclasses import dataclass

from .rules.engine import context


@dataclass(frozen=True)
class Replacement:
    key: Hashable  # whatever identifies the field to the caller, e.g. (entry_id, "body")
    start: int
    end: int
    before: str  # the matched text
    after: str  # its replacement
    context_before: str
    context_after: str


def compile_pattern(pattern: str, *, regex: bool) -> re.Pattern[str]:
    """The pattern as a compiled regex; ValueError with a one-line message if invalid."""
    if pattern == "":
        raise ValueError("the search pattern is empty")
    if not regex:
        return re.compile(re.escape(pattern))
    try:
        return re.compile(pattern)
    except re.error as exc:
        raise ValueError(
            f"invalid regular expression {pattern!r}: {exc.msg} at position {exc.pos}"
        ) from None


def plan_replace(
    fields: Iterable[tuple[Hashable, str]],
    pattern: str,
    replacement: str,
    *,
    regex: bool,
    width: int = 12,
) -> list[Replacement]:
    """Every match of ``pattern`` in every field, with what it would become.

    Plain mode matches and replaces literally (a backslash is just a backslash). Regex
    mode is Python's ``re``: ``\\d``, character classes of Han characters (``[己已]``),
    groups and ``\\1`` / ``\\g<name>`` in the replacement. Empty matches (``x*`` between
    characters) are skipped: they would insert text at every position.
    """
    compiled = compile_pattern(pattern, regex=regex)
    if regex:
        _check_template(compiled, replacement)
    out: list[Replacement] = []
    for key, text in fields:
        for m in compiled.finditer(text):
            if m.start() == m.end():
                continue
            after = m.expand(replacement) if regex else replacement
            if after == m.group():
                continue
            before_ctx, _, after_ctx = context(text, m.start(), m.end(), width)
            out.append(
                Replacement(key, m.start(), m.end(), m.group(), after, before_ctx, after_ctx)
            )
    return out


def _check_template(compiled: re.Pattern[str], replacement: str) -> None:
    """Reject a bad replacement template before a single field is looked at.

    ``Pattern.sub`` parses the template against the pattern's groups up front, even
    on an empty string.
    """
    try:
        compiled.sub(replacement, "")
    except (re.error, IndexError) as exc:
        raise ValueError(f"invalid replacement {replacement!r}: {exc}") from None


def apply_replacements(text: str, replacements: Iterable[Replacement]) -> str:
    """Apply the planned replacements that belong to ``text`` (one field), right to left.

    Raises ValueError when a replacement no longer matches the text (the field changed
    since planning) or two of them overlap.
    """
    ordered = sorted(replacements, key=lambda r: r.start, reverse=True)
    bound = len(text)
    for r in ordered:
        if r.end > bound:
            raise ValueError(f"replacements overlap at {r.start}")
        if text[r.start : r.end] != r.before:
            raise ValueError(f"the text changed since the replacement was planned (at {r.start})")
        text = text[: r.start] + r.after + text[r.end :]
        bound = r.start
    return text
