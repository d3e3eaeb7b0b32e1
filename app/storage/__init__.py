"""SQLite storage: the only layer that writes SQL.

The search module registers the SQL functions its index triggers call on every new
connection; importing it here means no caller can open a project without them. The
suggestions module likewise registers what takes a field's suggestion packs apart
before its text changes (revisions.BEFORE_TEXT_CHANGE).
"""

from . import search, suggestions  # noqa: F401  (register CONNECTION_HOOKS, BEFORE_TEXT_CHANGE)
