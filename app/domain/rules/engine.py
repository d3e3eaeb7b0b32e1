"""The rule engine: text in, findings out, no side effects.

A *rule* inspects one field of one block (an entry's body, a photo's caption, …) and
yields :class:`Finding` values: a span of that field, the text that should replace it,
and a safety class decided per finding from its context (after ruff's "applicability"):

- ``safe``: the edit is right whenever the rule fires; it may be accepted in bulk;
- ``unsafe``: probably right, but an archivist must look at it, one by one;
- ``display``: a hint without an edit (``replacement is None``).

Rules register themselves with :func:`rule` under a stable code that is stored in
the database and never reused. :func:`scan` runs the rules for a field and resolves
overlaps, so its result can always be applied in one go with :func:`apply`.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from operator import attrgetter
from typing import Literal

Safety = Literal["safe", "unsafe", "display"]
SAFETIES: tuple[Safety, ...] = ("safe", "unsafe", "display")

DOC_SECTIONS = ("## What it does", "## Why", "## Example", "## Fix safety")


@dataclass(frozen=True)
class Finding:
    """One suggestion: replace ``text[start:end]`` by ``replacement``.

    ``start == end`` is an insertion. ``replacement`` is ``None`` for display-only hints.
    """

    code: str
    start: int
    end: int
    replacement: str | None
    safety: Safety
    message: str


_new = object.__new__
_set = object.__setattr__


def make_finding(
    code: str, start: int, end: int, replacement: str | None, safety: Safety, message: str
) -> Finding:
    """``Finding(...)`` at half the cost, for rules that report one per comma of a volume.

    A frozen dataclass's ``__init__`` pays one ``object.__setattr__`` per field; this
    sets the instance dict once. The result is an ordinary, equal, hashable Finding.
    """
    f = _new(Finding)
    _set(
        f,
        "__dict__",
        {
            "code": code,
            "start": start,
            "end": end,
            "replacement": replacement,
            "safety": safety,
            "message": message,
        },
    )
    return f


@dataclass(frozen=True, slots=True)
class FieldContext:
    kind: str  # "entry" | "photo" | "fragment"
    field: str  # "title_open" | "title" | "body" | "caption" | "text"


RuleFunc = Callable[[str], Iterable[Finding]]


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    summary: str  # first sentence of "What it does"
    doc: str  # the whole docstring, sections as in DOC_SECTIONS
    fields: frozenset[tuple[str, str]] | None  # None: every text field
    func: RuleFunc
    priority: int  # lower wins when findings of two rules overlap at the same start

    def applies_to(self, ctx: FieldContext) -> bool:
        return self.fields is None or (ctx.kind, ctx.field) in self.fields


RULES: dict[str, Rule] = {}
_START = attrgetter("start")
_PRIORITY: dict[str, int] = {}
_BY_FIELD: dict[tuple[str, str], tuple[Rule, ...]] = {}


def _summary(doc: str) -> str:
    after = doc.split("## What it does", 1)[1].strip()
    first = after.split("\n\n", 1)[0]
    return " ".join(first.split())


def rule(
    code: str,
    name: str,
    *,
    fields: Iterable[tuple[str, str]] | None = None,
    priority: int = 100,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register ``func`` as the rule ``code``.

    The docstring is the rule's documentation and must carry the four sections of
    :data:`DOC_SECTIONS`; a missing one is a programming error caught at import.
    """

    def register(func: RuleFunc) -> RuleFunc:
        if code in RULES:
            raise ValueError(f"rule code {code} registered twice")
        doc = inspect.cleandoc(func.__doc__ or "")
        missing = [s for s in DOC_SECTIONS if s not in doc]
        if missing:
            raise ValueError(f"rule {code} docstring lacks {', '.join(missing)}")
        RULES[code] = Rule(
            code=code,
            name=name,
            summary=_summary(doc),
            doc=doc,
            fields=None if fields is None else frozenset(fields),
            func=func,
            priority=priority,
        )
        _PRIORITY[code] = priority
        _BY_FIELD.clear()
        return func

    return register


def catalogue() -> list[Rule]:
    """Every registered rule, by code."""
    return [RULES[c] for c in sorted(RULES)]


def _rules_for(ctx: FieldContext) -> tuple[Rule, ...]:
    key = (ctx.kind, ctx.field)
    rules = _BY_FIELD.get(key)
    if rules is None:
        rules = tuple(sorted((r for r in RULES.values() if r.applies_to(ctx)), key=_rule_order))
        _BY_FIELD[key] = rules
    return rules


def _rule_order(r: Rule) -> tuple[int, str]:
    return (r.priority, r.code)


def scan(text: str, ctx: FieldContext, codes: Iterable[str] | None = None) -> list[Finding]:
    """Run the rules that inspect ``ctx`` over ``text``; return non-overlapping findings.

    Overlap policy (deterministic, independent of rule registration order): findings
    are ordered by start, then by rule priority (lower first, ties by code), then in
    the order the rule reported them; walking that order, a finding is kept unless it starts before the end of the
    last kept one, or starts at the same offset (two edits at one point conflict, even
    insertions). Dropped findings reappear on a rescan once the kept one is decided.
    """
    rules = _rules_for(ctx)
    if codes is not None:
        wanted = set(codes)
        unknown = wanted - RULES.keys()
        if unknown:
            raise ValueError(f"unknown rule code(s): {', '.join(sorted(unknown))}")
        rules = tuple(r for r in rules if r.code in wanted)
    found: list[Finding] = []
    for r in rules:
        found.extend(r.func(text))
    if len(found) > 1:
        # Rules ran in priority order and sort() is stable, so this is the documented
        # order without a Python key call per finding (a volume has millions).
        found.sort(key=_START)
        return _drop_overlaps(found)
    return found


def _finding_order(f: Finding) -> tuple[int, int, int, str]:
    return (f.start, _PRIORITY.get(f.code, 100), f.end, f.code)


def resolve(findings: Iterable[Finding]) -> list[Finding]:
    """Drop overlapping findings by the policy documented on :func:`scan`.

    For findings gathered elsewhere: ties at one start with the same priority go to the
    shorter span, then by code.
    """
    return _drop_overlaps(sorted(findings, key=_finding_order))


def _drop_overlaps(ordered: list[Finding]) -> list[Finding]:
    kept: list[Finding] = []
    last_start = last_end = -1
    for f in ordered:
        if kept and (f.start < last_end or f.start == last_start):
            continue
        kept.append(f)
        last_start, last_end = f.start, f.end
    return kept


def apply(text: str, findings: Iterable[Finding]) -> str:
    """Apply findings' edits (display-only ones are skipped), right to left.

    Raises ValueError when two edits overlap or a span lies outside ``text``: the caller
    passed findings that did not come from one :func:`scan` of this very text.
    """
    edits = sorted((f for f in findings if f.replacement is not None), key=lambda f: f.start)
    parts: list[str] = []
    pos = len(text)
    prev_start = None
    for f in reversed(edits):
        if f.start < 0 or f.end > len(text) or f.start > f.end:
            raise ValueError(f"{f.code} span {f.start}–{f.end} outside a text of {len(text)}")
        if f.end > pos or f.start == prev_start:
            raise ValueError(f"{f.code} at {f.start} overlaps another finding")
        parts.append(text[f.end : pos])
        parts.append(f.replacement or "")
        pos = f.start
        prev_start = f.start
    parts.append(text[:pos])
    return "".join(reversed(parts))


def context(text: str, start: int, end: int, width: int = 12) -> tuple[str, str, str]:
    """``(before, span, after)`` with up to ``width`` characters either side of the span."""
    return text[max(0, start - width) : start], text[start:end], text[end : end + width]


def iter_findings(rules: Iterable[Rule], text: str) -> Iterator[Finding]:
    """All findings of ``rules`` on ``text`` before overlap resolution (for tests/tools)."""
    for r in rules:
        yield from r.func(text)
