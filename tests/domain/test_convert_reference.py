"""The fast engine against a slow, literal reading of OpenCC's algorithm.

The reference keeps every dictionary separate, walks groups the way OpenCC's DictGroup does
(``short_circuit``: first member with any match; ``union``: longest over all members),
segments with ``mmseg`` and converts segment by segment.  The engine flattens groups and
skips positions by two-character prefixes; both must give the same text everywhere, not just
on the official cases.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.convert import CONFIGS, make_converter
from app.domain.convert._data import load_config, load_dictionary
from tests.paths import SAMPLE as SEED

Matcher = Any  # a callable (text, i) -> (length, value) | None


def _text_matcher(entries: Mapping[str, str]) -> Matcher:
    longest = max(map(len, entries), default=0)

    def match(text: str, i: int) -> tuple[int, str] | None:
        for n in range(min(longest, len(text) - i), 0, -1):
            value = entries.get(text[i : i + n])
            if value is not None:
                return n, value
        return None

    return match


def _matcher(spec: Mapping[str, Any]) -> Matcher:
    if spec["type"] != "group":
        return _text_matcher(load_dictionary(spec["file"]))
    members = [_matcher(member) for member in spec["dicts"]]
    if spec.get("match_policy", "short_circuit") == "union":

        def union(text: str, i: int) -> tuple[int, str] | None:
            best = None
            for member in members:
                found = member(text, i)
                if found and (best is None or found[0] > best[0]):
                    best = found
            return best

        return union

    def short_circuit(text: str, i: int) -> tuple[int, str] | None:
        for member in members:
            found = member(text, i)
            if found:
                return found
        return None

    return short_circuit


def _mm(text: str, match: Matcher) -> list[tuple[str, str]]:
    """(source piece, converted piece) by maximum forward matching, one char when no key."""
    out = []
    i = 0
    while i < len(text):
        found = match(text, i)
        n, value = found if found else (1, text[i])
        out.append((text[i : i + n], value))
        i += n
    return out


def reference(config: str, text: str) -> str:
    spec = load_config(config)
    for step in spec.get("normalization", ()):
        text = "".join(value for _, value in _mm(text, _matcher(step["dict"])))
    if "segmentation" in spec:
        # mmseg: each match is a segment; unmatched characters gather into one segment.
        seg = _matcher(spec["segmentation"]["dict"])
        segments, run, i = [], "", 0
        while i < len(text):
            found = seg(text, i)
            if found:
                if run:
                    segments.append(run)
                    run = ""
                segments.append(text[i : i + found[0]])
                i += found[0]
            else:
                run += text[i]
                i += 1
        if run:
            segments.append(run)
    else:
        segments = [text]
    for step in spec["conversion_chain"]:
        match = _matcher(step["dict"])
        segments = ["".join(value for _, value in _mm(seg, match)) for seg in segments]
    return "".join(segments)


def _sample_lines() -> list[str]:
    if not SEED.is_file():
        return []
    return [line for line in SEED.read_text(encoding="utf-8").splitlines() if line.strip()][:60]


@pytest.mark.parametrize("config", CONFIGS)
def test_engine_matches_reference_on_the_sample(config: str) -> None:
    lines = _sample_lines()
    assert lines, f"sample volume missing: {SEED}"
    convert = make_converter(config)
    for line in lines:
        # Feed both scripts so traditional-input configs see real traditional text.
        for text in (line, make_converter("s2t")(line), make_converter("s2twp")(line)):
            assert convert(text) == reference(config, text), (config, text)


# Characters that start many keys, and pieces of keys that cross stage boundaries.
_ALPHABET = list(
    "干乾幹发髮發于於后後台臺颱里裏裡面头頭系係繫只隻着著了瞭鼠标標软軟件体體信息資訊网網络絡"
    "云雲周週历歷曆钟鐘鍾范範借藉团團冲衝表錶才纔丰豐出齣回迴划劃制製准準采採征徵松鬆 ，。\n"
)


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=st.sampled_from(_ALPHABET), max_size=40), st.sampled_from(CONFIGS))
def test_engine_matches_reference_on_ambiguous_text(text: str, config: str) -> None:
    assert make_converter(config)(text) == reference(config, text)


# --- the engine's pieces on synthetic dictionaries ------------------------------------------


def test_short_circuit_group_lets_an_earlier_shorter_key_win() -> None:
    from app.domain.convert._data import _short_circuit

    merged = _short_circuit([{"甲": "A"}, {"甲乙": "B", "丙丁": "C", "甲": "D"}])
    assert merged == {"甲": "A", "丙丁": "C"}


def test_stage_takes_the_longest_key_left_to_right() -> None:
    from app.domain.convert._engine import Stage

    stage = Stage({"甲": "1", "甲乙": "2", "甲乙丙": "3", "乙丙丁": "4", "丁": "5"})
    assert stage.convert("甲乙丙丁") == "35"
    assert stage.convert("甲乙丁甲") == "251"
    assert stage.pieces("x甲乙丙y丁") == ["x", "3", "y5"]


def test_segments_bound_later_stages() -> None:
    from app.domain.convert._engine import Pipeline, Stage

    first = Stage({"甲乙": "甲乙", "丙": "丙"})
    second = Stage({"乙丙": "X"})
    assert Pipeline({}, frozenset({"甲乙"}), [first, second])("甲乙丙") == "甲乙丙"
    assert Pipeline({}, None, [first, second])("甲乙丙") == "甲X"


def test_segmentation_matters_on_real_data() -> None:
    # 低级 is one segment, so the Taiwan phrase 級別 → 階別 must not fire across 低級 | 別.
    assert make_converter("s2twp")("低级别产品") == "低級別產品"
    assert make_converter("tw2sp")("畫素藉由") == "画素借由"
