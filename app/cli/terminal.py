"""What the CLI prints is text, never terminal commands.

Notes, tags, captions and file names come from OCR'd volumes and from project files
anyone may have edited; printed raw, an ESC or CSI byte in them would move the cursor,
rewrite earlier lines, set the window title (OSC) or hide text. :func:`main` wraps
stdout and stderr in :class:`EscapingStream`, which prints every C0/C1 control
character except TAB and line feed as ``\\xNN`` and every bidirectional override as
``\\uNNNN`` — one visible escape, the line still one line. JSON output escapes the same
characters as ``\\uNNNN`` (valid JSON). Data written to stdout on purpose (``export
--out -``, ``convert``) goes through :func:`unescaped` and is never altered.
"""

from __future__ import annotations

import re
from typing import Any, TextIO

_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# Inside a JSON string: C0 is already escaped by json; C1 and the bidi controls are not.
_JSON_CONTROLS = re.compile("[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def escape_controls(text: str) -> str:
    return _CONTROLS.sub(_visible, text)


def escape_json_controls(text: str) -> str:
    """``text`` (JSON) with the controls json leaves raw written as ``\\uNNNN``."""
    return _JSON_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


class EscapingStream:
    """A text stream that writes :func:`escape_controls` of everything it is given."""

    def __init__(self, stream: TextIO) -> None:
        self.unescaped = stream

    def write(self, text: str) -> int:
        self.unescaped.write(escape_controls(text))
        return len(text)

    def writelines(self, lines) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        self.unescaped.flush()

    def __getattr__(self, name: str) -> Any:  # buffer, fileno, isatty, encoding …
        return getattr(self.unescaped, name)


def unescaped(stream: TextIO) -> TextIO:
    """The stream under an :class:`EscapingStream` (for data written on purpose)."""
    return stream.unescaped if isinstance(stream, EscapingStream) else stream
