"""Every export as the CLI runs it, at several corpus sizes: wall and CPU seconds and
peak memory side by side, so that memory flat in the corpus size shows (issue 16 item 6).

    python -m bench.export_bench [--sizes 10000 100000] [--only jsonl tei]
                                 [--tree DIR] [--rounds 1] [--keep DIR]

Each export runs ``curator export`` (or ``curator index``) in a fresh process, whose
peak resident memory (VmHWM) is its own; the seconds are the command's, after the CLI's
imports (printed apart: they are the same for every command). ``--tree DIR`` measures another copy of the
code (for example ``git archive main`` unpacked) beside this one, run alternately
(A B A B …), on the same projects; ``--keep DIR`` keeps the files written, named by
tree, so the two trees' exports can be compared byte for byte.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from bench.common import ROOT, median, project, row

# name → the command's arguments after --db/--out (the file's extension last)
VARIANTS: dict[str, tuple[list[str], str]] = {
    "md": (["export", "--format", "md"], "md"),
    "jsonl": (["export", "--format", "jsonl"], "jsonl"),
    "csv": (["export", "--format", "csv"], "csv"),
    "xlsx": (["export", "--format", "xlsx"], "xlsx"),
    "tei": (["export", "--format", "tei"], "xml"),
    "txt": (["export", "--format", "txt"], "txt"),
    "md --original": (["export", "--format", "md", "--original"], "md"),
    "jsonl --original": (["export", "--format", "jsonl", "--original"], "jsonl"),
    "tei --original": (["export", "--format", "tei", "--original"], "xml"),
    "jsonl --script s2t": (["export", "--format", "jsonl", "--script", "s2t"], "jsonl"),
    "index md": (["index", "--format", "md"], "md"),
    "jsonl --bagit": (["export", "--format", "jsonl", "--bagit"], ""),
}

# Runs in the child: only the measured tree's app package is imported.
CHILD = """
import json, sys, time
t0, c0 = time.perf_counter(), time.process_time()
from app.cli import build_parser, main
build_parser()  # the CLI's imports (every command's modules), timed apart
t1, c1 = time.perf_counter(), time.process_time()
rc = main(json.loads(sys.argv[1]))
wall, cpu = time.perf_counter() - t1, time.process_time() - c1
with open("/proc/self/status", encoding="ascii") as fh:
    peak = next(int(l.split()[1]) for l in fh if l.startswith("VmHWM:")) / 1024
print(json.dumps({"rc": rc, "seconds": wall, "cpu": cpu, "peak_mb": peak,
                  "startup": t1 - t0, "startup_cpu": c1 - c0}))
"""


def run(tree: Path, db: str, variant: str, out: Path) -> dict:
    args, _ext = VARIANTS[variant]
    argv = [*args, "--db", db, "--out", str(out)]
    if args[0] == "export":
        argv.append("--quiet")
    r = subprocess.run(
        [sys.executable, "-c", CHILD, json.dumps(argv)],
        cwd=tree,
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tree), "QT_QPA_PLATFORM": "offscreen"},
    )
    if r.returncode != 0 or json.loads(r.stdout.strip().splitlines()[-1])["rc"] != 0:
        raise RuntimeError(f"{variant} in {tree} failed:\n{r.stderr[-2000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])


def rows(entries: int) -> list[dict]:
    """The table rows of ``python -m bench``: JSONL and TEI against their targets."""
    db = str(project(entries))
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for variant, target in (("jsonl", "< 5 s"), ("tei", "< 10 s"), ("jsonl --script s2t", "")):
            r = run(ROOT, db, variant, Path(tmp) / f"x.{VARIANTS[variant][1]}")
            out.append(row(f"export {variant} ({r['cpu']:.1f} s CPU)", r["seconds"], None, target))
            out.append(row(f"peak memory, export {variant}", r["peak_mb"], None, "", "MB"))
    return out


_STAMP = re.compile(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)?")


def _steady(name: str, data: bytes) -> bytes:
    """A file's bytes with the times of the export left out: TEI's publication date and
    snapshot, a workbook's created/modified, a bag's Export-/Snapshot-Date (and the
    tag manifest's line for bag-info.txt, which holds them)."""
    if name.endswith(("tagmanifest-sha256.txt", "tagmanifest-sha512.txt")):
        return b"".join(
            x for x in data.splitlines(True) if not x.rstrip().endswith(b"bag-info.txt")
        )
    if name.endswith((".xml", "bag-info.txt")):
        return _STAMP.sub(b"<time>", data)
    return data


def _contents(path: Path) -> dict[str, bytes]:
    """What to compare of an export: its bytes; a workbook's parts; a bag's files."""
    if path.is_dir():
        return {
            str(p.relative_to(path)): _steady(p.name, p.read_bytes())
            for p in sorted(path.rglob("*"))
            if p.is_file()
        }
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as z:
            return {n: _steady(n, z.read(n)) for n in z.namelist()}
    return {"": _steady(path.name, path.read_bytes())}


def same_export(a: Path, b: Path) -> str:
    """'identical', or where two exports differ (times of the export left out)."""
    ca, cb = _contents(a), _contents(b)
    if ca.keys() != cb.keys():
        return f"different files: {sorted(ca.keys() ^ cb.keys())[:5]}"
    for name in ca:
        x, y = ca[name], cb[name]
        if x != y:
            at = next(
                (i for i, (p, q) in enumerate(zip(x, y, strict=False)) if p != q),
                min(len(x), len(y)),
            )
            return f"{name} differs at byte {at} ({len(x)} / {len(y)} bytes)"
    return "identical"


def _name(variant: str) -> str:
    return variant.replace(" --", "-").replace(" ", "-")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    ap.add_argument("--only", nargs="+", metavar="VARIANT", help=f"of: {', '.join(VARIANTS)}")
    ap.add_argument("--tree", type=Path, help="another copy of the code, measured alternately")
    ap.add_argument(
        "--other-projects",
        type=Path,
        metavar="DIR",
        help="the other tree reads DIR/project-N.db (a schema it knows), this one bench/out's",
    )
    ap.add_argument("--rounds", type=int, default=1, help="A B pairs per figure (median)")
    ap.add_argument("--keep", type=Path, help="keep the exports in this folder")
    a = ap.parse_args(argv)
    variants = a.only or list(VARIANTS)
    trees = {"this": ROOT} | ({"other": a.tree.resolve()} if a.tree else {})
    print(f"load: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1 / 5 / 15 min)")
    print(f"trees: {', '.join(f'{k}={v}' for k, v in trees.items())}")
    head = "".join(f"{f'{n:,} entries':>32}" for n in a.sizes)
    print(f"{'variant':<20}{'tree':<7}{head}   peak ratio")
    dbs = {n: str(project(n)) for n in a.sizes}
    other_dbs = (
        {n: str((a.other_projects / f"project-{n}.db").resolve()) for n in a.sizes}
        if a.other_projects
        else dbs
    )
    with tempfile.TemporaryDirectory() as tmp:
        folder = (a.keep or Path(tmp)).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        for variant in variants:
            ext = VARIANTS[variant][1]
            figures: dict[str, list[dict]] = {t: [] for t in trees}
            compared: dict[int, str] = {}
            for n in a.sizes:
                samples: dict[str, list[dict]] = {t: [] for t in trees}
                outs: dict[str, Path] = {}
                for _ in range(a.rounds):
                    for t, tree in trees.items():  # A B A B …
                        out = folder / f"{_name(variant)}-{n}-{t}{'.' + ext if ext else ''}"
                        if out.is_dir():
                            shutil.rmtree(out)
                        db = other_dbs[n] if t == "other" else dbs[n]
                        samples[t].append(run(tree, db, variant, out))
                        outs[t] = out
                if "other" in outs:
                    compared[n] = same_export(outs["this"], outs["other"])
                for t in trees:
                    s = samples[t]
                    figures[t].append(
                        {
                            k: median([x[k] for x in s])
                            for k in ("seconds", "cpu", "peak_mb", "startup_cpu")
                        }
                    )
            for t in trees:
                cells = "".join(
                    f"{f'{x[0]:.2f} s {x[1]:.2f} cpu {x[2]:.0f} MB':>32}"
                    for x in ((f["seconds"], f["cpu"], f["peak_mb"]) for f in figures[t])
                )
                ratio = figures[t][-1]["peak_mb"] / figures[t][0]["peak_mb"]
                startup = median([f["startup_cpu"] for f in figures[t]])
                print(
                    f"{variant:<20}{t:<7}{cells}   {ratio:.2f}×   (imports {startup:.2f} s cpu)",
                    flush=True,
                )
            for n, verdict in compared.items():
                print(f"{'':<20}{'':<7}{n:,}: this and other {verdict}")
    print(f"load: {' '.join(f'{x:.2f}' for x in os.getloadavg())} (1 / 5 / 15 min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
