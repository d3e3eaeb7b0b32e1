"""The window (PySide6): widgets, thin Qt models over storage, undo commands."""
