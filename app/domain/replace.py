"""Corpus-wide find and replace, planned before anything is applied.

:func:`plan_replace` lists every match with its context so an archivist can read the
whole change before it is made; :func:`apply_replacements` then applies one field's
share, refusing a plan that no longer fits the text. Pure: the caller stores the
result as one revertible batch of revisions.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass

import regex as _regex

from .rules.engine import context

# A pattern from a user runs at most this long over the whole corpus (the `regex`
# package checks its timeout while it backtracks; `re` cannot be stopped at all).
TIME_LIMIT_S = 10.0


class PatternTooSlow(ValueError):
    """The pattern ran past its time limit (or was cancelled); nothing was planned."""


@dataclass(frozen=True)
class Replacement:
    key: Hashable  # whatever identifies the field to the caller, e.g. (entry_id, "body")
    start: int
    end: int
    before: str  # the matched text
    after: str  # its replacement
    context_before: str
    context_after: str


def compile_pattern(pattern: str, *, regex: bool) -> _regex.Pattern[str]:
    """The pattern as a compiled regex; ValueError with a one-line message if invalid.

    Compiled by the ``regex`` package in its ``re``-compatible mode (VERSION0), which
    accepts what ``re`` accepts and can be given a timeout.
    """
    if pattern == "":
        raise ValueError("the search pattern is empty")
    if not regex:
        return _regex.compile(re.escape(pattern))
    try:
        return _regex.compile(pattern, _regex.VERSION0)
    except (_regex.error, re.error, OverflowError, RecursionError) as exc:
        msg = getattr(exc, "msg", None) or str(exc)
        pos = getattr(exc, "pos", None)
        where = f" at position {pos}" if pos is not None else ""
        raise ValueError(f"invalid regular expression {pattern!r}: {msg}{where}") from None


def plan_replace(
    fields: Iterable[tuple[Hashable, str]],
    pattern: str,
    replacement: str,
    *,
    regex: bool,
    width: int = 12,
    time_limit: float = TIME_LIMIT_S,
    cancelled: Callable[[], bool] | None = None,
) -> list[Replacement]:
    """Every match of ``pattern`` in every field, with what it would become.

    The whole search runs at most ``time_limit`` seconds and stops when ``cancelled()``
    returns True (checked between fields): both raise :class:`PatternTooSlow`.

    Plain mode matches and replaces literally (a backslash is just a backslash). Regex
    mode is Python's ``re`` syntax: ``\\d``, character classes of Han characters (``[己已]``),
    groups and ``\\1`` / ``\\g<name>`` in the replacement. Empty matches (``x*`` between
    characters) are skipped: they would insert text at every position.
    """
    compiled = compile_pattern(pattern, regex=regex)
    if regex:
        _check_template(compiled, replacement)
    out: list[Replacement] = []
    deadline = time.monotonic() + time_limit
    for key, text in fields:
        if cancelled is not None and cancelled():
            raise PatternTooSlow("the search was cancelled; nothing was replaced")
        left = deadline - time.monotonic()
        if left <= 0:
            raise _too_slow(pattern, time_limit)
        try:
            # concurrent: the GIL is released while the engine backtracks, so the window
            # whose worker runs this keeps painting (asked for, not left to the default).
            matches = list(compiled.finditer(text, timeout=left, concurrent=True))
        except TimeoutError:
            raise _too_slow(pattern, time_limit) from None
        for m in matches:
            if m.start() == m.end():
                continue
            try:
                after = m.expand(replacement) if regex else replacement
            except (_regex.error, re.error, IndexError) as exc:
                raise ValueError(f"invalid replacement {replacement!r}: {exc}") from None
            if after == m.group():
                continue
            if _adds_structure(text, m.start(), m.end(), after):
                raise ValueError(
                    f"the replacement {after!r} would start a new entry title (【…】) or photo"
                    " line (![…]) and so change the volume's structure; nothing was replaced"
                )
            before_ctx, _, after_ctx = context(text, m.start(), m.end(), width)
            out.append(
                Replacement(key, m.start(), m.end(), m.group(), after, before_ctx, after_ctx)
            )
    return out


_STRUCTURE = ("【", "![")


def _structure_lines(segment: str) -> int:
    return sum(1 for line in segment.split("\n") if line.lstrip(" \t\u3000").startswith(_STRUCTURE))


def _adds_structure(text: str, start: int, end: int, after: str) -> bool:
    """Whether replacing ``text[start:end]`` by ``after`` makes a line that the parser
    reads as a new entry (a title in 【】) or a photo (a Markdown image) where there was
    none: on re-import the volume would have other entries (a 17-entry project became
    142). Only the lines the replacement touches are compared."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line_end = len(text) if line_end < 0 else line_end
    old = text[line_start:line_end]
    new = text[line_start:start] + after + text[end:line_end]
    return _structure_lines(new) > _structure_lines(old)


def _too_slow(pattern: str, limit: float) -> PatternTooSlow:
    return PatternTooSlow(
        f"the regular expression {pattern!r} took longer than {limit:g} s (a pattern such as"
        " (a|aa)+$ can backtrack without end); nothing was replaced"
    )


def _check_template(compiled: _regex.Pattern[str], replacement: str) -> None:
    """Reject a bad replacement template before a single field is looked at.

    ``re``'s ``Pattern.sub`` parses the template against the pattern's groups up front,
    even on an empty string (``regex`` only when it is used: see :func:`plan_replace`).
    """
    try:
        plain = re.compile(compiled.pattern)
    except re.error:
        return  # syntax only `regex` knows (\p{Han}): the template is checked at first use
    try:
        plain.sub(replacement, "")
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
