"""SQLite storage: the only layer that writes SQL.

The search module registers the SQL functions its index triggers call on every new
connection; importing it here means no caller can open a project without them.
"""

from . import search  # noqa: F401  (registers CONNECTION_HOOKS)
