"""Installed as ``app.db``: the schema migrations (``migrations/NNNN_name.sql``).

A data package: nothing to import. :mod:`app.storage.db` reads the migrations through
:mod:`app.domain.bundled`.
"""
