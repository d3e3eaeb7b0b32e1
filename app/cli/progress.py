"""Progress on stderr for the long commands (import, export, bulk accept, replace).

Shown only when stderr is a terminal and ``--quiet`` is not given: a pipe or a log file
gets the final one-line summary and nothing else. One line, redrawn in place at most a
few times a second, with a count and an estimate of the time left; it is erased when
the work ends so the summary that follows stands alone.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from typing import TextIO

from .terminal import escape_controls, unescaped

REDRAW_EVERY = 0.2  # seconds between two redraws
ETA_AFTER = 1.0  # seconds of work before the remaining time is estimated


def format_eta(seconds: float) -> str:
    seconds = max(0, round(seconds))
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


class Progress:
    """A ``progress(done, total) -> bool`` callback drawing ``label: done/total …`` on ``stream``.

    Never cancels (returns True); Ctrl+C interrupts the command as before.
    """

    def __init__(
        self,
        label: str,
        *,
        stream: TextIO | None = None,
        enabled: bool | None = None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.label = label
        # The bar redraws itself with \r: it writes under the CLI's escaping stream and
        # escapes its own text (app.cli.terminal).
        self.stream = unescaped(stream if stream is not None else sys.stderr)
        if enabled is None:
            isatty = getattr(self.stream, "isatty", None)
            enabled = bool(isatty and isatty())
        self.enabled = enabled
        self._clock = clock
        self._start: float | None = None
        self._last_draw: float | None = None
        self._width = 0

    def line(self, done: int, total: int, now: float) -> str:
        """What is shown for ``done`` of ``total`` at ``now`` (seconds on the clock)."""
        total = max(total, done, 0)
        text = f"{self.label}: {done:,}/{total:,}"
        if total:
            text += f" ({100 * done // total}%)"
        elapsed = now - (self._start if self._start is not None else now)
        if 0 < done < total and elapsed >= ETA_AFTER:
            text += f", about {format_eta(elapsed / done * (total - done))} left"
        return text

    def __call__(self, done: int, total: int) -> bool:
        if not self.enabled:
            return True
        now = self._clock()
        if self._start is None:
            self._start = now
        final = done >= total
        if not final and self._last_draw is not None and now - self._last_draw < REDRAW_EVERY:
            return True
        self._last_draw = now
        text = self.line(done, total, now)
        pad = " " * max(0, self._width - len(text))
        self.stream.write(f"\r{escape_controls(text)}{pad}")
        self.stream.flush()
        self._width = len(text)
        return True

    def close(self) -> None:
        """Erase the line (the command's summary follows on a clean line)."""
        if self.enabled and self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def progress_for(args, label: str) -> Progress:
    """The progress line of a command, off with ``--quiet``."""
    return Progress(label, enabled=False if getattr(args, "quiet", False) else None)
