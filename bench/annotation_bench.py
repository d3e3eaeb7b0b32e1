"""Annotations at scale: the annotation suggestion scan against the OCR rule scan, and
the window moving to the next entry when each entry carries 50 annotations.

    python -m bench.annotation_bench [--entries 100000] [--pairs 3]

The two scans run over the same fields (titles, bodies, captions) of the generated
volume, in the same process, alternating A B A B …; the figure is the median of the
per-pair ratios (target ≤ 2×), so a busy machine slows both sides alike. Both are the
pure scans (text in, findings out), without the database writes that follow them.

"Next entry" steps down the navigator through 200 entries with 50 annotations each
(median), and through 200 entries without any in the same window (the floor).
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time

from bench.common import in_child, median, print_table, project, row, volume


def _fields(src: str) -> list[tuple[str, str, str]]:
    from app.domain.document import Entry, Photo
    from app.domain.parser import parse

    with open(src, encoding="utf-8") as fh:
        doc = parse(fh.read())
    out: list[tuple[str, str, str]] = []
    for b in doc.blocks:
        if isinstance(b, Entry):
            out += [("entry", "title", b.title), ("entry", "body", b.body)]
        elif isinstance(b, Photo):
            out.append(("photo", "caption", b.caption))
    return out


def _scans(src: str, pairs: int) -> dict:
    from app.domain.annotation.scanners import KnownName, ScanContext, scan_annotations
    from app.domain.document import Entry
    from app.domain.parser import parse
    from app.domain.rules.engine import FieldContext, scan

    fields = _fields(src)
    with open(src, encoding="utf-8") as fh:
        names = sorted(
            {n for b in parse(fh.read()).blocks if isinstance(b, Entry) for n in b.authors}
        )
    lexicon = {n: KnownName("person", i, n) for i, n in enumerate(names, start=1) if len(n) >= 2}
    contexts = {f: ScanContext(f, lexicon) for f in ("title", "body", "caption")}
    rule_contexts = {(k, f): FieldContext(k, f) for k, f, _ in fields}

    def annotation_scan() -> int:
        return sum(len(scan_annotations(t, contexts[f])) for _k, f, t in fields)

    def ocr_scan() -> int:
        return sum(len(scan(t, rule_contexts[(k, f)])) for k, f, t in fields)

    a_times, b_times, ratios = [], [], []
    found = (0, 0)
    for _ in range(pairs):
        t0 = time.perf_counter()
        n_a = annotation_scan()
        t1 = time.perf_counter()
        n_b = ocr_scan()
        t2 = time.perf_counter()
        a_times.append(t1 - t0)
        b_times.append(t2 - t1)
        ratios.append((t1 - t0) / (t2 - t1))
        found = (n_a, n_b)
    return {
        "fields": len(fields),
        "annotation": median(a_times),
        "ocr": median(b_times),
        "ratio": median(ratios),
        "ratios": ratios,
        "annotation_findings": found[0],
        "ocr_findings": found[1],
    }


def _window(db: str, per_entry: int = 50, steps: int = 200) -> dict:
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from app.domain.annotation.model import KINDS
    from app.storage.annotations import add_annotation
    from app.storage.db import open_project
    from app.storage.display import entry_choices
    from app.storage.revisions import Batch
    from app.ui.mainwindow import MainWindow

    qapp = QApplication.instance() or QApplication([])
    proj = open_project(db)
    order = [eid for eid, _n, _t in entry_choices(proj)]
    annotated = order[1 : steps + 1]  # the window opens on the first; steps go down from it
    made = 0
    with proj.write():
        batch = Batch(proj, "annotate", "bench", "bench")
        for eid in annotated:
            body = proj.conn.execute("SELECT body FROM entry WHERE id = ?", (eid,)).fetchone()[0]
            spans = [(i, i + 2) for i in range(0, len(body) - 2, 3) if body[i : i + 2].strip()]
            for n, (start, end) in enumerate(spans[:per_entry]):
                kind = KINDS[n % len(KINDS)]
                if kind in ("date", "quantity"):
                    kind = "term"  # no value to infer on arbitrary text
                add_annotation(proj, "entry", eid, "body", start, end, kind, batch=batch)
                made += 1
    window = MainWindow(proj, remember=False)
    window.show()
    qapp.processEvents()

    def walk(n: int) -> list[float]:
        times = []
        for _ in range(n):
            s = time.perf_counter()
            window.step(1)
            qapp.processEvents()
            times.append(time.perf_counter() - s)
        return times

    with_marks = walk(steps)
    shown = len(window.annotation_panel.lines())
    without = walk(steps)
    window.loader.shutdown()
    return {
        "annotations": made,
        "shown_last": shown,
        "next": median(with_marks),
        "next_max": max(with_marks),
        "floor": median(without),
    }


TASKS = {"scans": _scans, "window": _window}


def rows(entries: int, pairs: int = 3) -> list[dict]:
    scans = in_child("bench.annotation_bench", "scans", src=str(volume(entries)), pairs=pairs)
    src = project(entries)
    with tempfile.TemporaryDirectory() as tmp:
        db = f"{tmp}/annotated.db"
        shutil.copy(src, db)
        win = in_child("bench.annotation_bench", "window", db=db)
    print(
        f"scans over {scans['fields']} fields: annotation {scans['annotation_findings']}"
        f" findings, OCR {scans['ocr_findings']}; per-pair ratios A/B "
        + ", ".join(f"{r:.2f}" for r in scans["ratios"])
        + f"; median ratio {scans['ratio']:.2f} (target ≤ 2)"
    )
    print(f"window: {win['annotations']} annotations added; next entry max {win['next_max']:.3f} s")
    return [
        row("annotation suggestion scan (median)", scans["annotation"], None, "—"),
        row("  vs OCR rule scan, same run (median ratio)", scans["annotation"], scans["ocr"],
            "≤ 2×"),
        row("next entry, 50 annotations (median of 200)", win["next"], win["floor"], "< 0.05 s"),
    ]  # fmt: skip


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--entries", type=int, default=100_000)
    p.add_argument("--pairs", type=int, default=3)
    a = p.parse_args(argv)
    rows_ = rows(a.entries, a.pairs)
    print_table(rows_)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
