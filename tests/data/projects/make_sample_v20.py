"""How ``sample_v20.db.gz`` was made: the sample volume and its photographs imported by
the code of commit 047a5f9 (main on 2026-12-04, schema 20, search shadow version 1:
search_fts held character bigrams and characters with positions). Kept for the record;
run with a checkout of that commit (installed, so that ``app.db`` is its migrations):

    python tests/data/projects/make_sample_v20.py OUT.db

then ``PRAGMA journal_mode = DELETE; VACUUM; PRAGMA journal_mode = WAL`` and gzip -9.

``tests/storage/test_search.py`` opens a copy, which migrates it (0021) and indexes every
entry again.
"""

from __future__ import annotations

import sys
from pathlib import Path

from app.storage.db import open_project
from app.storage.importer import import_source

ROOT = Path(__file__).resolve().parents[3]


def make(out: Path) -> None:
    with open_project(out) as p:
        import_source(
            p, ROOT / "resources" / "sample" / "000_87c299a4ca3d8bb6.txt", images=[ROOT / "images"]
        )
        p.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")


if __name__ == "__main__":
    make(Path(sys.argv[1]))
