"""Character-level differences between two versions of a field, for showing revisions.

Chinese has no spaces to split words on, so the unit is the character. The matcher's
"autojunk" heuristic is off: in Chinese text the most frequent characters (的, 工, 会)
are exactly the ones that must not be treated as noise.
"""

from __future__ import annotations

from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Literal

Op = Literal["equal", "insert", "delete", "replace"]


@dataclass(frozen=True)
class DiffOp:
    op: Op
    a_text: str  # the old text of this stretch ("" for an insert)
    b_text: str  # the new text ("" for a delete)
    a_start: int
    b_start: int


def diff_chars(a: str, b: str) -> list[DiffOp]:
    """The operations turning ``a`` into ``b``; joining the ``b_text`` of all gives ``b``."""
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    return [
        DiffOp(tag, a[i1:i2], b[j1:j2], i1, j1)  # type: ignore[arg-type]
        for tag, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


def _visible(s: str) -> str:
    """Make changed whitespace visible: a joined line break must be seen to be judged."""
    return s.replace("\r", "␍").replace("\n", "⏎").replace("\t", "⇥").replace("\u3000", "□")


def render_compact(a: str, b: str, context: int = 8) -> str:
    """One-line rendering in the style of ``git diff --word-diff=plain``.

    Deleted text is shown as ``[-…-]``, inserted text as ``{+…+}``; unchanged stretches
    longer than ``2 × context`` are cut to their edges with ``…``. Equal texts give "".
    """
    ops = diff_chars(a, b)
    if all(op.op == "equal" for op in ops):
        return ""
    parts: list[str] = []
    last = len(ops) - 1
    for n, op in enumerate(ops):
        if op.op == "equal":
            text = op.a_text.replace("\n", "⏎")
            if n == 0:
                text = ("…" + text[-context:]) if len(text) > context else text
            elif n == last:
                text = (text[:context] + "…") if len(text) > context else text
            elif len(text) > 2 * context:
                text = text[:context] + "…" + text[-context:]
            parts.append(text)
            continue
        if op.a_text:
            parts.append(f"[-{_visible(op.a_text)}-]")
        if op.b_text:
            parts.append(f"{{+{_visible(op.b_text)}+}}")
    return "".join(parts)
