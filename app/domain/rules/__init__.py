"""OCR correction rules and the engine that runs them (pure Python: no Qt, no SQL).

Importing this package registers every rule; see :func:`catalogue`.
"""

from . import confusables, entries, numbers, punctuation, spacing, structure  # noqa: F401
from .engine import (
    RULES,
    FieldContext,
    Finding,
    Rule,
    Safety,
    apply,
    catalogue,
    context,
    resolve,
    rule,
    scan,
)

__all__ = [
    "RULES",
    "FieldContext",
    "Finding",
    "Rule",
    "Safety",
    "apply",
    "catalogue",
    "context",
    "resolve",
    "rule",
    "scan",
]
