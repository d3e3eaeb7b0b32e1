"""Maximum forward matching over flattened OpenCC dictionaries, tuned for CPython.

OpenCC converts by taking, at each position, the longest dictionary key that matches and
jumping past it.  Two facts make that fast in pure Python:

- Most positions start no multi-character key.  Keys are indexed by their first *two*
  characters, so one dict lookup rejects such a position, and every run of rejected
  positions is converted in one ``str.translate`` call (C speed) at the end.
- Where a two-character prefix is known, only the key lengths that actually occur under
  that prefix are tried, longest first.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Mapping
from typing import Final

# A stage whose multi-character keys start with fewer distinct characters than this is
# "sparse": we let a regex find the next candidate instead of stepping through every
# character in Python.
_SPARSE_STARTERS: Final = 3000


class Stage:
    """One step of a conversion chain: a flat key → value mapping applied by longest match."""

    __slots__ = ("_finder", "_lens", "_phrases", "_table")

    def __init__(self, mapping: Mapping[str, str]) -> None:
        phrases = {key: value for key, value in mapping.items() if len(key) > 1}
        lengths: defaultdict[str, set[int]] = defaultdict(set)
        for key in phrases:
            lengths[key[:2]].add(len(key))
        self._phrases = phrases
        self._lens = {prefix: tuple(sorted(ns, reverse=True)) for prefix, ns in lengths.items()}
        self._table = {
            ord(key): value for key, value in mapping.items() if len(key) == 1 and key != value
        }
        starters = {key[0] for key in phrases}
        self._finder = (
            re.compile("[" + "".join(re.escape(c) for c in sorted(starters)) + "]").search
            if starters and len(starters) < _SPARSE_STARTERS
            else None
        )

    @property
    def has_phrases(self) -> bool:
        return bool(self._phrases)

    def phrase_keys(self) -> frozenset[str]:
        return frozenset(self._phrases)

    @property
    def table(self) -> dict[int, str]:
        return self._table

    def convert(self, text: str) -> str:
        if not self._phrases:
            return text.translate(self._table)
        return "".join(self.pieces(text))

    def pieces(self, text: str) -> list[str]:
        """Converted text as a list: each dictionary match is its own piece, and each run of
        characters between matches is one piece (converted character by character).

        The split is exactly OpenCC's ``mmseg`` segmentation when the stage's keys are the
        segmentation dictionary's keys, which lets a chain skip a separate segmentation pass.
        """
        table = self._table
        lens_get = self._lens.get
        phrase_get = self._phrases.get
        finder = self._finder
        length = len(text)
        last = length - 1
        out: list[str] = []
        append = out.append
        start = 0
        i = 0
        while i < last:
            if finder is not None:
                found = finder(text, i)
                if found is None:
                    break
                i = found.start()
                if i >= last:
                    break
            lens = lens_get(text[i : i + 2])
            if lens is None:
                i += 1
                continue
            for n in lens:
                if i + n <= length:
                    value = phrase_get(text[i : i + n])
                    if value is not None:
                        if start < i:
                            append(text[start:i].translate(table))
                        append(value)
                        i += n
                        start = i
                        break
            else:
                i += 1
        if start < length:
            append(text[start:].translate(table))
        return out


class Pipeline:
    """A whole OpenCC configuration: normalisation, optional segmentation, conversion chain.

    As in OpenCC, segmentation fixes boundaries that no later stage may match across
    (``鼠标`` is converted, then looked up in the Taiwan phrases, as one segment).
    """

    __slots__ = ("_after", "_first", "_normalize", "_per_segment", "_segmenter")

    def __init__(
        self,
        normalize: Mapping[int, str],
        segmentation: frozenset[str] | None,
        stages: list[Stage],
    ) -> None:
        self._normalize = dict(normalize)
        self._segmenter: Stage | None = None
        self._first: Stage | None = None
        rest = list(stages)
        if segmentation is not None:
            if any(len(key) < 2 for key in segmentation):
                raise ValueError("single-character segmentation keys are not supported")
            if rest and rest[0].phrase_keys() == segmentation:
                # The first stage's own matches are the segments: one pass instead of two.
                self._first = rest.pop(0)
            else:
                self._segmenter = Stage({key: key for key in segmentation})
        last_phrasal = max((i for i, st in enumerate(rest) if st.has_phrases), default=-1)
        self._per_segment = rest[: last_phrasal + 1]
        self._after = rest[last_phrasal + 1 :]

    def __call__(self, text: str) -> str:
        if self._normalize:
            text = text.translate(self._normalize)
        if self._segmenter is not None:
            segments = self._segmenter.pieces(text)
        elif self._first is not None:
            segments = self._first.pieces(text)
        else:
            segments = [text]
        for stage in self._per_segment:
            convert = stage.convert
            segments = [convert(segment) for segment in segments]
        text = "".join(segments)
        for stage in self._after:
            text = text.translate(stage.table)
        return text
