"""The window (PySide6). Importing this package first shields the process from a
reference-counting defect of the installed Qt binding (see :mod:`app.ui._refcount`)."""

from app.ui._refcount import shield_singletons

shield_singletons()
