"""The parser and the rules measured on a folder of real texts.

    python -m bench.real_set tests/data/real          # the project's own real set
    python -m bench.real_set DIR                      # any folder of texts (held out)

For every file: its encoding, whether the blocks tile it, the entries, authors, photos
and photographers found (against what a person reads there, when ``expected.json`` in
the folder says so), and every finding of every rule, judged against the proofread
text (the file with the ``fixes`` of ``expected.json`` applied). A finding is *right*
when applying it brings the text nearer to the proofread text, *wrong* otherwise; a
file without fixes is taken as needing none, so any safe change on it is wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from pathlib import Path

from app.domain.document import FIELDS, Entry, Fragment
from app.domain.encoding import DecodeError, decode
from app.domain.parser import parse
from app.domain.rules import FieldContext, scan

WINDOW = 24
_NOT_TEXTS = frozenset({"SOURCES.md", "README.md"})


@dataclass
class Judged:
    code: str
    context: str
    safety: str
    start: int  # offset in the LF text
    end: int
    before: str
    after: str | None
    right: bool


@dataclass
class FileReport:
    name: str
    encoding: str = ""
    error: str = ""
    tiles: bool = False
    entries: int = 0
    authors: list[str] = field(default_factory=list)
    photos: int = 0
    photographers: list[str] = field(default_factory=list)
    fragments: int = 0
    roles: Counter = field(default_factory=Counter)  # heading / furniture / table / event / text
    findings: list[Judged] = field(default_factory=list)
    fixes: list[tuple[str, str, tuple[str, ...]]] = field(default_factory=list)
    caught: Counter = field(default_factory=Counter)  # rule → fixes it reached
    missed: list[tuple[str, tuple[str, ...]]] = field(default_factory=list)
    expected: dict = field(default_factory=dict)
    text: str = ""  # the LF text the findings' offsets refer to
    after: FileReport | None = None  # the parse once its structure suggestions are accepted

    @property
    def safe_wrong(self) -> list[Judged]:
        return [f for f in self.findings if f.safety == "safe" and not f.right]


def _lf(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def proofread(text: str, fixes: list, after_structure: bool = False) -> str:
    """The text with the fixes applied. A fix marked ``"after"`` (its 4th item) is one of
    the text a structure suggestion rearranged: applied only to that text
    (``after_structure``), where the fixes of the source that no longer occur once are
    left out."""
    for fix in fixes:
        if len(fix) > 3 and fix[3] == "after" and not after_structure:
            continue
        if after_structure and len(fix) <= 3 and text.count(fix[0]) != 1:
            continue
        wrong, right = fix[0], fix[1]
        if text.count(wrong) != 1:
            raise ValueError(f"fix {wrong!r} must occur exactly once (found {text.count(wrong)})")
        text = text.replace(wrong, right)
    return text


def _field_offsets(text: str, block) -> list[tuple[str, int, str]]:
    """(field, offset in text, value) of every field of a block."""
    out = []
    pos = block.span.start
    if isinstance(block, Entry):
        pos += len(block.lead)
        out.append(("title_open", pos, block.title_open))
        pos += len(block.title_open)
        out.append(("title", pos, block.title))
        printed = block.title_break.join(block.title) if block.title_break else block.title
        pos += len(printed) + (len(block.title_sep) if block.form != "titled" else 1)
        credit = block.attribution
        if credit is not None and credit.place:  # a byline above the body, after the title
            pos += len(credit.open + credit.prefix + (block.authors_raw or "") + credit.close)
        out.append(("body", pos, block.body))
        return out
    for name in FIELDS[block.kind]:
        value = getattr(block, name)
        at = text.find(value, pos) if value else pos
        out.append((name, max(at, pos), value))
    return out


class _Aligner:
    def __init__(self, source: str, truth: str) -> None:
        self.source, self.truth = source, truth
        self.ops = SequenceMatcher(None, source, truth, autojunk=False).get_opcodes()

    def to_truth(self, i: int) -> int:
        for _tag, i1, i2, j1, j2 in self.ops:
            if i1 <= i < i2 or (i == i2 == len(self.source)):
                return j1 + min(i - i1, j2 - j1)
        return len(self.truth)

    def right(self, start: int, end: int, replacement: str) -> bool:
        a, b = max(0, start - WINDOW), min(len(self.source), end + WINDOW)
        ta, tb = self.to_truth(a), self.to_truth(b)
        target = self.truth[ta:tb]
        before = self.source[a:b]
        after = self.source[a:start] + replacement + self.source[end:b]
        return _distance(after, target) < _distance(before, target)


def _distance(x: str, y: str) -> int:
    m = SequenceMatcher(None, x, y, autojunk=False)
    return len(x) + len(y) - 2 * sum(b.size for b in m.get_matching_blocks())


# Structure suggestions: judged by what a person reads once they are accepted (the
# entries and dated events of ``expected.json``), not by the proofread text.
STRUCTURE_CODES = frozenset({"COL001"})


def evaluate_file(path: Path, expected: dict) -> FileReport:
    report = FileReport(path.name, expected=expected)
    try:
        decoded = decode(path.read_bytes())
    except DecodeError as exc:
        report.error = str(exc)
        return report
    report.encoding = decoded.encoding
    doc = parse(decoded.text)
    report.tiles = doc.reassemble() == decoded.text
    _count(report, doc)
    text = report.text = _lf(decoded.text)
    fixes = expected.get("fixes", [])
    report.fixes = [(f[0], f[1], tuple(f[2].split()) if len(f) > 2 else ()) for f in fixes]
    _judge(report, text, fixes)
    structural = [f for f in report.findings if f.code in STRUCTURE_CODES]
    if structural:
        _after_structure(report, text, fixes, structural)
    for wrong, _right, codes in report.fixes:
        for code in codes:
            if any(_reaches(r, wrong, code) for r in (report, report.after) if r is not None):
                report.caught[code] += 1
            else:
                report.missed.append((wrong, (code,)))
    return report


def _count(report: FileReport, doc) -> None:
    report.entries = len(doc.entries)
    report.authors = [a for e in doc.entries for a in e.authors]
    report.photos = len(doc.photos)
    report.photographers = [p for ph in doc.photos for p in ph.photographers]
    report.fragments = len(doc.blocks) - report.entries - report.photos
    report.roles = Counter(b.role for b in doc.blocks if isinstance(b, Fragment))
    report.roles["event"] += sum(1 for e in doc.entries if e.form == "dated")
    report.roles["heading"] += sum(1 for e in doc.entries if e.form == "headed")


def _judge(report: FileReport, text: str, fixes: list, within=None) -> None:
    """Every finding of every rule on the parse of ``text`` (only those inside one of the
    spans ``within``, the text structure suggestions rearranged, when given), judged
    against the proofread text."""
    aligner = _Aligner(text, proofread(text, fixes, after_structure=within is not None))
    for block in parse(text).blocks:
        for name, offset, value in _field_offsets(text, block):
            if name == "title_open" and getattr(block, "form", "titled") != "titled":
                continue  # an event's date or a heading's title never had a 【 (the importer skips it too)
            if text[offset : offset + len(value)] != value:
                continue  # a field not written as one piece (an inline attribution's line)
            for f in scan(value, FieldContext(block.kind, name)):
                start, end = offset + f.start, offset + f.end
                if within is not None and not any(a <= start and end <= b for a, b in within):
                    continue
                right = f.replacement is not None and aligner.right(start, end, f.replacement)
                around = text[max(0, start - 8) : end + 8]
                report.findings.append(
                    Judged(
                        f.code, around, f.safety, start, end, text[start:end], f.replacement, right
                    )
                )


def _after_structure(report: FileReport, text: str, fixes: list, structural: list) -> None:
    """Accept the structure suggestions, parse again: the entries a person reads, and the
    findings the rules then make on the text they rearranged."""
    pieces, spans, pos, shift = [], [], 0, 0
    for f in sorted(structural, key=lambda j: j.start):
        pieces += [text[pos : f.start], f.after or ""]
        spans.append((f.start + shift, f.start + shift + len(f.after or "")))
        shift += len(f.after or "") - (f.end - f.start)
        pos = f.end
    read = "".join([*pieces, text[pos:]])
    after = FileReport(report.name, report.encoding, expected=report.expected, text=read)
    doc = parse(read)
    after.tiles = doc.reassemble() == read
    _count(after, doc)
    _judge(after, read, fixes, within=spans)
    person = report.expected.get("person", {})
    right = all(
        person.get(key) in (None, found)
        for key, found in (("entries", after.entries), ("events", after.roles["event"]))
    )
    for f in structural:
        f.right = right
    report.after = after


def _reaches(report: FileReport, wrong: str, code: str) -> bool:
    """Whether a right finding of ``code`` touches the fix of the text ``wrong``."""
    text_findings = [j for j in report.findings if j.code == code and j.right]
    if not text_findings or report.text.count(wrong) != 1:
        return False
    at = report.text.index(wrong)
    span = (at, at + len(wrong))
    return any(
        (j.start < span[1] and j.end > span[0])
        or (j.start == j.end and span[0] <= j.start <= span[1])
        for j in text_findings
    )


def evaluate(folder: Path) -> list[FileReport]:
    expected_all: dict = {}
    spec = folder / "expected.json"
    if spec.exists():
        expected_all = json.loads(spec.read_text(encoding="utf-8"))
    files = sorted(
        p
        for p in folder.iterdir()
        if p.is_file() and p.suffix in (".txt", ".md", ".text") and p.name not in _NOT_TEXTS
    )
    return [evaluate_file(p, expected_all.get(p.name, {})) for p in files]


def summary(reports: list[FileReport]) -> dict:
    per_rule: dict[str, Counter] = {}
    for r in reports:
        for f in r.findings + (r.after.findings if r.after else []):
            c = per_rule.setdefault(f.code, Counter())
            c[f"{f.safety}_{'right' if f.right else 'wrong'}"] += 1
        for _w, _r, codes in r.fixes:
            for code in codes:
                per_rule.setdefault(code, Counter())["fixes"] += 1
        for code, n in r.caught.items():
            per_rule.setdefault(code, Counter())["caught"] += n
    safe = sum(c["safe_right"] + c["safe_wrong"] for c in per_rule.values())
    safe_right = sum(c["safe_right"] for c in per_rule.values())
    return {
        "files": len(reports),
        "imported": sum(1 for r in reports if not r.error),
        "tiling": sum(1 for r in reports if r.tiles),
        "safe": safe,
        "safe_right": safe_right,
        "per_rule": {k: dict(v) for k, v in sorted(per_rule.items())},
    }


def _print(reports: list[FileReport], verbose: bool = False) -> None:
    print(
        f"{'file':38} {'enc':10} {'entries':>9} {'authors':>9} {'photos':>8} {'phot.':>7}"
        f" {'head.':>6} {'tables':>6} {'events':>6} {'furn.':>5} safe(wrong)"
    )
    for r in reports:
        if r.error:
            print(f"{r.name:38} refused: {r.error}")
            continue
        person = r.expected.get("person", {})

        def vs(found, key, person=person):
            want = person.get(key)
            return f"{found}/{want}" if want is not None else str(found)

        safe = [f for f in r.findings if f.safety == "safe"]
        print(
            f"{r.name:38} {r.encoding:10} {vs(r.entries, 'entries'):>9} "
            f"{vs(len(r.authors), 'authors'):>9} {vs(r.photos, 'photos'):>8} "
            f"{vs(len(r.photographers), 'photographers'):>7} {vs(r.roles['heading'], 'headings'):>6}"
            f" {vs(r.roles['table'], 'tables'):>6} {vs(r.roles['event'], 'events'):>6}"
            f" {r.roles['furniture']:>5} {len(safe)}({len(r.safe_wrong)})"
        )
        if r.after:
            a = r.after
            print(
                f"    after its structure suggestions: entries {vs(a.entries, 'entries')},"
                f" events {vs(a.roles['event'], 'events')},"
                f" {sum(1 for f in a.findings if f.safety == 'safe')} safe"
                f" ({len(a.safe_wrong)} wrong) in the text they rearranged"
            )
        for f in r.safe_wrong + (r.after.safe_wrong if r.after else []):
            print(f"    wrong safe {f.code}: {f.before!r} → {f.after!r} in {f.context!r}")
        if verbose:
            for f in r.findings + (r.after.findings if r.after else []):
                if f.safety == "unsafe" and not f.right:
                    print(f"    wrong unsafe {f.code}: {f.before!r} → {f.after!r} in {f.context!r}")
            for wrong, codes in r.missed:
                print(f"    missed {' '.join(codes)}: {wrong!r}")
    s = summary(reports)
    print(f"\nimported {s['imported']}/{s['files']}, tiling {s['tiling']}/{s['files']}")
    precision = s["safe_right"] / s["safe"] if s["safe"] else 1.0
    print(f"safe changes: {s['safe']}, right {s['safe_right']} (precision {precision:.3f})")
    print(f"{'rule':8} {'safe ok/wrong':>14} {'unsafe ok/wrong':>16} {'display':>8} {'recall':>10}")
    for code, c in s["per_rule"].items():
        recall = f"{c['caught']}/{c['fixes']}" if c.get("fixes") else "-"
        print(
            f"{code:8} {c.get('safe_right', 0):>6}/{c.get('safe_wrong', 0):<7} "
            f"{c.get('unsafe_right', 0):>7}/{c.get('unsafe_wrong', 0):<8} "
            f"{c.get('display_wrong', 0) + c.get('display_right', 0):>8} {recall:>10}"
        )


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("folder", type=Path)
    p.add_argument("-v", "--verbose", action="store_true", help="list the fixes no rule reached")
    a = p.parse_args(argv)
    if not a.folder.is_dir():
        print(f"{a.folder}: not a folder", file=sys.stderr)
        return 2
    _print(evaluate(a.folder), a.verbose)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
