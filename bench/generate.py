"""Generate large yearbook volumes from the sample's entries, deterministically.

    python -m bench.generate --entries 100000 --out /tmp/vol100k.txt [--photo-every 5] [--seed 0]

The output looks like the sample as the OCR left it, only longer: entries cycle through
the sample's 17, each varied so that no two are identical — a number suffix on the
title (…之12), its sentences shuffled after the first, the quantities in it changed —
while keeping every artifact the sample has, at roughly the sample's rates:

* a four-or-five-digit number split across lines where its thousands space became a
  line break (``就业5\\n987人``), or left spaced (``1 800人``);
* half-width ``,`` ``(`` ``)`` ``:`` ``;`` inside Chinese text (inherited from the sample);
* a lost opening 【 (one entry in 17, as in the sample, on a different title each round);
* several authors in one attribution, ``(张三、李四)`` (about one in 12), and now and
  then an attribution closing the body's own line, ``…。(王伟珍)``;
* a photograph every ``photo_every`` entries, ``![image](images/<8 digits>.jpg)``, with
  a caption ending in a ``(X摄)`` credit. The image files need not exist.

Only the sample's own text and the seed decide the output: the same arguments give the
same bytes. The sample's entry shape is read with a few regular expressions here rather
than with ``app.domain.parser``, so that the benchmark's input does not depend on the
code it measures.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

SAMPLE_NAME = "000_87c299a4ca3d8bb6.txt"
_REPO = Path(__file__).resolve().parents[1]
SAMPLE_CANDIDATES = (_REPO / "resources" / "sample" / SAMPLE_NAME,)

FIRST_PHOTO = 703786  # the sample's first photograph number

_TITLE_LINE = re.compile(r"^(?P<open>【?)(?P<title>[^【】\n]{2,200})】(?P<rest>.*)$")
_ATTRIBUTION = re.compile(r"^[(（](?P<names>[^()（）\n]{1,60})[)）]$")
_PHOTO_LINE = re.compile(r"^!\[[^\]\n]*\]\([^)\n]*\)$")
_CREDIT = re.compile(r"[(（](?P<names>[^()（）\n]{1,60}?)[摄攝][)）][ |]*$")
# A quantity: an integer not part of a decimal, followed by what it counts.
_QUANTITY = re.compile(r"(?<![\d.])(?P<num>\d{2,5})(?![\d.])(?P<unit>[人名家户个元万余多次册”])")
_SENTENCE = re.compile(r"[^。]*。|[^。]+$")


@dataclass(frozen=True)
class SampleEntry:
    opening: str  # "【", or "" where the OCR lost it
    title: str
    body: str  # one logical line: the OCR's number-splitting line breaks removed
    authors: tuple[str, ...]


@dataclass(frozen=True)
class SampleCaption:
    text: str  # without the credit
    photographers: tuple[str, ...]


def find_sample() -> Path:
    for candidate in SAMPLE_CANDIDATES:
        if candidate.is_file():
            return candidate
    bundled = sorted((_REPO / "resources" / "sample").glob("*.txt"))
    if bundled:
        return bundled[0]
    raise FileNotFoundError(
        "sample volume not found; looked for " + ", ".join(str(c) for c in SAMPLE_CANDIDATES)
    )


def read_sample(path: Path) -> tuple[list[SampleEntry], list[SampleCaption]]:
    """The sample's entries and captions, with the artifacts the generator re-adds removed."""
    text = path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    entries: list[SampleEntry] = []
    captions: list[SampleCaption] = []
    lines = text.split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        if _PHOTO_LINE.match(line.strip()):
            caption = lines[i + 1] if i + 1 < len(lines) else ""
            credit = _CREDIT.search(caption)
            if credit:
                names = tuple(n for n in re.split(r"[、 ]+", credit.group("names")) if n)
                captions.append(SampleCaption(caption[: credit.start()], names))
            i += 2
            continue
        title = _TITLE_LINE.match(line)
        if not title:
            i += 1
            continue
        body = [title.group("rest")]
        i += 1
        while i < len(lines) and not _ATTRIBUTION.match(lines[i].strip()):
            body.append(lines[i])
            i += 1
        names: tuple[str, ...] = ()
        if i < len(lines):
            found = _ATTRIBUTION.match(lines[i].strip())
            assert found is not None
            names = tuple(n for n in re.split(r"[、 ]+", found.group("names")) if n)
            i += 1
        entries.append(SampleEntry(title.group("open"), title.group("title"), "".join(body), names))
    if not entries:
        raise ValueError(f"no entries found in {path}")
    return entries, captions


class _Writer:
    """Builds one entry or photo at a time from a single seeded random stream."""

    def __init__(
        self, entries: list[SampleEntry], captions: list[SampleCaption], seed: int
    ) -> None:
        self.entries = entries
        self.captions = captions
        self.rng = random.Random(seed)
        self.authors = sorted({a for e in entries for a in e.authors})
        self.photographers = sorted({p for c in captions for p in c.photographers})
        # Sentences split once: shuffling is then a cheap list operation per entry.
        self.sentences = [_SENTENCE.findall(e.body) for e in entries]
        self.lost_at = next((i for i, e in enumerate(entries) if not e.opening), 0)

    def entry(self, n: int) -> str:
        rng = self.rng
        source = self.entries[n % len(self.entries)]
        round_ = n // len(self.entries)
        title = source.title if round_ == 0 else f"{source.title}之{round_}"
        # The sample lost one 【 in 17 entries; keep that rate but move it between titles.
        lost = (n % len(self.entries) + round_) % len(self.entries) == self.lost_at
        opening = "" if lost else "【"

        sentences = list(self.sentences[n % len(self.entries)])
        rest = sentences[1:]
        if round_:
            rng.shuffle(rest)
        body = "".join([*sentences[:1], *rest])
        if round_:
            body = _QUANTITY.sub(self._vary_quantity, body)
        body = _QUANTITY.sub(self._typeset_quantity, body)

        authors = list(source.authors) or [rng.choice(self.authors)]
        if rng.random() < 0.08:
            other = rng.choice(self.authors)
            if other not in authors:
                authors.append(other)
        credit = "(" + "、".join(authors) + ")"
        if body.endswith("。") and rng.random() < 0.03:
            return f"{opening}{title}】{body}{credit}\n"
        return f"{opening}{title}】{body}\n{credit}\n"

    def photo(self, k: int) -> str:
        rng = self.rng
        caption = self.captions[k % len(self.captions)]
        names = list(caption.photographers)
        if rng.random() < 0.05:
            other = rng.choice(self.photographers)
            if other not in names:
                names.append(other)
        return f"![image](images/{FIRST_PHOTO + k:08d}.jpg)\n{caption.text}({'、'.join(names)}摄)\n"

    def _vary_quantity(self, m: re.Match[str]) -> str:
        digits = m.group("num")
        if m.group("unit") == "”" or (m.start() > 0 and m.string[m.start() - 1] in "“第"):
            return m.group(0)  # a term such as “4050” or an ordinal keeps its value
        low = 10 ** (len(digits) - 1)
        return f"{self.rng.randrange(low, low * 10)}{m.group('unit')}"

    def _typeset_quantity(self, m: re.Match[str]) -> str:
        digits = m.group("num")
        if len(digits) < 4:
            return m.group(0)
        roll = self.rng.random()
        head, tail = digits[:-3], digits[-3:]
        if roll < 0.85:
            return f"{head}\n{tail}{m.group('unit')}"
        if roll < 0.92:
            return f"{head} {tail}{m.group('unit')}"
        return m.group(0)


def generate(
    entries: int,
    out: Path,
    photo_every: int = 5,
    seed: int = 0,
    *,
    sample: Path | None = None,
) -> Path:
    """Write a volume of ``entries`` entries to ``out`` (UTF-8, ``\\n``) and return ``out``.

    A photograph follows every ``photo_every``-th entry (none if ``photo_every`` < 1), so
    a volume holds ``entries // photo_every`` photos. Deterministic in all arguments.
    """
    if entries < 0:
        raise ValueError("entries must be >= 0")
    sample_entries, sample_captions = read_sample(sample or find_sample())
    if not sample_captions:
        photo_every = 0
    writer = _Writer(sample_entries, sample_captions, seed)
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    photos = 0
    chunk: list[str] = []
    with out.open("w", encoding="utf-8", newline="\n") as fh:
        for n in range(entries):
            chunk.append(writer.entry(n))
            if photo_every > 0 and (n + 1) % photo_every == 0:
                chunk.append(writer.photo(photos))
                photos += 1
            if len(chunk) >= 2000:
                fh.write("".join(chunk))
                chunk.clear()
        fh.write("".join(chunk))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.generate", description="Generate a large yearbook volume."
    )
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--photo-every", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--sample", type=Path, default=None, help="source of the entries")
    args = parser.parse_args(argv)
    if args.entries < 0:
        parser.error("--entries must be >= 0")
    started = time.perf_counter()
    try:
        path = generate(args.entries, args.out, args.photo_every, args.seed, sample=args.sample)
    except (OSError, ValueError) as exc:
        print(f"bench.generate: {exc}", file=sys.stderr)
        return 1
    elapsed = time.perf_counter() - started
    size = path.stat().st_size
    print(f"{path}: {args.entries} entries, {size / 1e6:.1f} MB in {elapsed:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
