"""Errors an export reports to the CLI and the window as one clear line."""

from __future__ import annotations


class ExportError(Exception):
    """The export failed; the message is meant for the archivist. Nothing was replaced."""


class ExportCancelled(ExportError):
    """The progress callback asked to stop; nothing was left at the target."""
