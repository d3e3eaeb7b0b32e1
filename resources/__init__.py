"""Installed as ``app.resources``: translations, icons and the bundled sample volume.

A data package: nothing to import. Read its files through :mod:`app.domain.bundled`.
"""
