"""Installed as ``app.images``: the stand-in photographs of the bundled sample volume.

A data package: nothing to import. Read its files through :mod:`app.domain.bundled`.
"""
