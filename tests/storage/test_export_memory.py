"""Exports stream: the peak memory of an export hardly grows with the corpus (issue 16
item 6). Measured in a fresh child process per export (VmHWM), never timed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.storage.db import open_project
from app.storage.importer import import_source
from bench.generate import generate
from tests.paths import ROOT

pytestmark = pytest.mark.slow

SMALL, LARGE = 1_000, 20_000
# Holding the corpus in memory cost about 5 KB per entry (509 MB for 100k entries in
# JSONL), so 19,000 more entries were about 95 MB more; streamed, they may cost at
# most this (generous: allocator noise, the TEI header's people list, the bag plan).
MARGIN_MB = 40

CHILD = """
import json, sys
from pathlib import Path
from app.domain.export import export_corpus
from app.storage.db import open_project
from app.storage.snapshot import streaming_snapshot
db, fmt, out = sys.argv[1:4]
with open_project(db, readonly=True) as p, streaming_snapshot(p) as corpus:
    report = export_corpus(corpus, fmt, Path(out))
with open("/proc/self/status", encoding="ascii") as fh:
    peak = next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:")) / 1024
print(json.dumps({"records": report.records, "peak_mb": peak}))
"""


@pytest.fixture(scope="module")
def projects(tmp_path_factory) -> dict[int, Path]:
    folder = tmp_path_factory.mktemp("memory")
    out = {}
    for n in (SMALL, LARGE):
        src = generate(n, folder / f"vol-{n}.txt")
        db = folder / f"p-{n}.db"
        with open_project(db) as p:
            import_source(p, src, scan=False)
        out[n] = db
    return out


def _peak(db: Path, fmt: str, out: Path) -> dict:
    r = subprocess.run(
        [sys.executable, "-c", CHILD, str(db), fmt, str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert r.returncode == 0, r.stderr[-2000:]
    return json.loads(r.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not Path("/proc/self/status").exists(), reason="needs /proc (Linux)")
@pytest.mark.parametrize("fmt", ["jsonl", "csv", "xlsx", "tei", "txt"])
def test_peak_memory_is_flat_in_the_corpus_size(projects, tmp_path, fmt):
    small = _peak(projects[SMALL], fmt, tmp_path / f"s.{fmt}")
    large = _peak(projects[LARGE], fmt, tmp_path / f"l.{fmt}")
    assert (small["records"], large["records"]) == (SMALL, LARGE)
    grew = large["peak_mb"] - small["peak_mb"]
    assert grew < MARGIN_MB, f"{fmt}: {small['peak_mb']:.0f} MB → {large['peak_mb']:.0f} MB"
