"""Spreadsheet formula injection: one rule for every cell a spreadsheet may evaluate.

OWASP's CSV-injection guidance lists the characters that make a spreadsheet treat a
cell as a formula: ``=``, ``+``, ``-``, ``@``, TAB and CR at the start of the cell.
Spreadsheets are more lenient than that list: LibreOffice and Excel skip leading
spaces and line breaks before the ``=``, accept ``|`` (DDE) and ``%``, and some locales
accept the full-width forms ``＝ ＋ － ＠`` (common in Chinese OCR text). So a cell is
neutralised — a leading ``'`` makes it text — when

* its first character is a trigger, a full-width trigger or a control character (TAB,
  CR, LF, NUL, ESC, a zero-width or bidi format character …), or
* its first character after leading whitespace (spaces, line breaks, U+3000 …) is a
  trigger, a full-width trigger or a control character, or
* it already begins with ``'`` (one more is added, so the rule is reversible).

:func:`restore_cell` strips exactly one leading ``'`` from any cell that has one, so
``restore_cell(neutralise_formula(s)) == s`` for every string. CSV and XLSX writers use
this function; JSONL and TEI hold the text unchanged.
"""

from __future__ import annotations

import unicodedata

# OWASP's list, DDE's pipe and the percent sign some spreadsheets evaluate.
ASCII_TRIGGERS = frozenset("=+-@|%")
# Their full-width forms (U+FF1D ＝, U+FF0B ＋, U+FF0D －, U+FF20 ＠, U+FF5C ｜, U+FF05 ％)
# and the minus sign U+2212, which spreadsheets read as a minus.
WIDE_TRIGGERS = frozenset("\uff1d\uff0b\uff0d\uff20\uff5c\uff05\u2212")
TRIGGERS = ASCII_TRIGGERS | WIDE_TRIGGERS
QUOTE = "'"


def _is_control(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cc", "Cf")


def needs_neutralising(value: str) -> bool:
    if not value:
        return False
    if value[0] == QUOTE:
        return True
    for ch in value:
        if ch in TRIGGERS or _is_control(ch):
            return True
        if not ch.isspace():
            return False
    return False


def neutralise_formula(value: str) -> str:
    """``value`` as a cell no spreadsheet evaluates (see the module docstring)."""
    return QUOTE + value if needs_neutralising(value) else value


def restore_cell(value: str) -> str:
    """Inverse of :func:`neutralise_formula` for a text cell read back."""
    return value[1:] if value.startswith(QUOTE) else value
