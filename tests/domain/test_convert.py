"""Conversion API: protected names, pass-through text, errors, caching, streams, laziness."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from app.domain.convert import CONFIGS, convert, convert_stream, make_converter
from tests.paths import ROOT

# Text the sample volume is made of (simplified), with numbers, ASCII and half-width marks.
SAMPLE = (
    "【深入实施“六个一批”的责任目标】上海工会根据全国再就业工作会议精神,"
    "通过职介机构介绍就业5 987人。农工商牛奶(集团)公司工会(1)总结一批典型。\n"
    "(陈晖)\n![image](images/00703786.jpg)\n杨浦区总工会召开再就业工作会议(张鸿祥摄)\n"
)


# --- people's names (docs/reliability.md O03) -------------------------------------------------


def test_unprotected_names_do_change() -> None:
    """The hazard the protection exists for, on the current dictionaries."""
    assert convert("于先生、范老师、钟先生", "s2t") == "於先生、範老師、鍾先生"


def test_protected_names_pass_through_s2t() -> None:
    text = "于先生和范老师、钟先生都来了。"
    out = convert(text, "s2t", protect=["于先生", "范老师", "钟先生"])
    assert out == "于先生和范老师、钟先生都來了。"


def test_protected_traditional_names_pass_through_t2s() -> None:
    text = "範老師與鐘先生"
    assert convert(text, "t2s") == "范老师与钟先生"
    assert convert(text, "t2s", protect=["範老師", "鐘先生"]) == "範老師与鐘先生"


def test_protected_name_everywhere_it_occurs() -> None:
    out = convert("于先生说：于先生的发言。于先生", "s2tw", protect=["于先生"])
    assert out.count("于先生") == 3
    assert "說" in out and "發言" in out


def test_longest_protected_name_wins() -> None:
    # 于 alone would keep 于; the longer 于先生 must be kept whole, not split after 于.
    out = convert("于先生发表", "s2t", protect=["于", "于先生发"])
    assert out == "于先生发表"


def test_protected_names_with_regex_metacharacters() -> None:
    assert convert("张(三)发言", "s2t", protect=["张(三)"]) == "张(三)發言"


def test_empty_protected_name_is_ignored() -> None:
    assert convert("发展", "s2t", protect=[""]) == "發展"


@pytest.mark.parametrize("config", CONFIGS)
def test_a_protected_name_never_changes_under_any_config(config: str) -> None:
    names = ["于先生", "範老師", "鐘先生", "钟先生", "台风"]
    text = "于先生、範老師、鐘先生和钟先生谈台风。"
    out = convert(text, config, protect=names)
    for name in names:
        assert out.count(name) == text.count(name), (config, out)


# --- what must pass through -------------------------------------------------------------


@pytest.mark.parametrize("config", CONFIGS)
def test_empty_string(config: str) -> None:
    assert convert("", config) == ""


@pytest.mark.parametrize("config", CONFIGS)
def test_non_han_text_passes_through(config: str) -> None:
    text = (
        "ABC abc 0123456789 5\n987 1 800 (1) 1.7万? 😀🎉 \t\r\n\u3000 SQL PN ![image](images/x.jpg)"
    )
    expected = text.replace("万", convert("万", config))
    assert convert(text, config) == expected


@given(st.text(alphabet=st.characters(max_codepoint=0x2FF)))
def test_latin_text_is_unchanged(text: str) -> None:
    for config in ("s2t", "s2twp", "t2s", "tw2sp"):
        assert convert(text, config) == text


@given(st.text(alphabet=st.sampled_from("工会學生會发髮于於后後干乾幹台臺颱\n 5,。“”")))
def test_newlines_survive_every_config(text: str) -> None:
    for config in CONFIGS:
        assert convert(text, config).count("\n") == text.count("\n")


def test_sample_round_trips_between_scripts() -> None:
    """Simplified text of the kind we hold comes back unchanged through s2t → t2s
    (isolated ambiguous characters like 髮/乾 are not in it; names are protected)."""
    for forward, back in (("s2t", "t2s"), ("s2tw", "tw2s"), ("s2hk", "hk2s")):
        there = convert(SAMPLE, forward)
        assert there != SAMPLE
        assert convert(there, back) == SAMPLE


def test_character_level_configs_keep_length() -> None:
    for config in ("s2t", "t2s", "s2tw", "tw2s", "s2hk", "hk2s"):
        assert len(convert(SAMPLE, config)) == len(SAMPLE)


def test_protection_keeps_names_through_a_round_trip() -> None:
    names = ["于先生", "范老师"]
    text = "于先生和范老师的头发"
    there = convert(text, "s2t", protect=names)
    assert convert(there, "t2s", protect=names) == text


# --- errors and caching -----------------------------------------------------------------


@pytest.mark.parametrize("bad", ["", "S2T", "s2x", "s2t.json", "../s2t"])
def test_unknown_config_is_a_one_line_value_error(bad: str) -> None:
    with pytest.raises(ValueError) as info:
        make_converter(bad)
    message = str(info.value)
    assert "\n" not in message
    for config in ("s2t", "t2s", "s2twp", "hk2s"):
        assert config in message


def test_unknown_config_fails_in_convert_and_stream_too() -> None:
    with pytest.raises(ValueError):
        convert("发", "zh")
    with pytest.raises(ValueError):
        convert_stream(io.StringIO("发"), io.StringIO(), "zh")


def test_converters_are_cached() -> None:
    assert make_converter("s2t") is make_converter("s2t")
    a = make_converter("s2t", protect=["于先生", "范老师"])
    b = make_converter("s2t", protect=("范老师", "于先生", "于先生"))
    assert a is b
    assert a is not make_converter("s2t")


def test_protect_accepts_a_generator() -> None:
    assert convert("于先生", "s2t", protect=(n for n in ["于先生"])) == "于先生"


# --- streams ------------------------------------------------------------------------------


def test_convert_stream_line_by_line() -> None:
    src = io.StringIO("头发\n工会\r\n\n最后一行没有换行")
    dst = io.StringIO()
    convert_stream(src, dst, "s2t")
    assert dst.getvalue() == "頭髮\n工會\r\n\n最後一行沒有換行"


def test_convert_stream_with_protected_names() -> None:
    dst = io.StringIO()
    convert_stream(io.StringIO("于先生发言\n"), dst, "s2t", protect=["于先生"])
    assert dst.getvalue() == "于先生發言\n"


# --- startup ------------------------------------------------------------------------------


def test_import_reads_no_dictionary() -> None:
    """The window must open in < 2 s; dictionaries are parsed on first use only."""
    code = (
        "import app.domain.convert as c, app.domain.convert._data as d;"
        "assert d.load_dictionary.cache_info().currsize == 0;"
        "assert d.load_config.cache_info().currsize == 0;"
        "assert c.convert('头发', 's2t') == '頭髮';"
        # Our engine parses its dictionaries on that first call; the binding reads its own.
        "assert (d.load_dictionary.cache_info().currsize > 0) == c.engine().startswith('built-in')"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT)
