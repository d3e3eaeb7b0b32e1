"""Query parsing, the folded shadow, and highlighting (pure)."""

from __future__ import annotations

import random

import pytest

from app.domain.search_text import (
    EMPTY_REASON,
    PIECE_TOKEN,
    bigram_tokens,
    find_hits,
    index_tokens,
    match_expression,
    parse_query,
    render,
    shadow,
    shadow_with_positions,
    snippet_segments,
    unigram_tokens,
    word_token_count,
    word_tokens,
)


def test_shadow_folds_script_width_case_and_drops_whitespace():
    assert shadow("工會") == shadow("工会") == "工会"
    assert shadow("學生會") == "学生会"
    assert shadow("就业5\n987人") == "就业5987人"
    assert shadow("１ ８００") == shadow("1800") == "1800"
    assert shadow("ABC") == "abc"
    assert shadow("a\u200bb\x00c\ufeff") == "abc"
    assert shadow("，") == shadow(",")  # full-width and half-width punctuation alike


def test_shadow_keeps_every_character_a_token_character():
    text = "".join(chr(c) for c in range(32, 127)) + "（）【】“”，。"
    for ch in shadow(text):
        assert ord(ch) > 127 or ch.isalnum(), repr(ch)


def test_shadow_positions_map_back_to_the_original():
    text = "工 會\n主席"
    folded, positions = shadow_with_positions(text)
    assert folded == "工会主席"
    assert [text[i] for i in positions] == ["工", "會", "主", "席"]


def test_bigrams_and_unigrams():
    assert bigram_tokens("工會主席") == "工会 会主 主席"
    assert unigram_tokens("工會") == "工 会"
    assert bigram_tokens("会") == ""
    assert bigram_tokens(None) == unigram_tokens("") == ""


def test_pieces_never_form_bigrams_across_and_are_order_independent():
    assert bigram_tokens("张三\x1e李四") == "张三 李四"
    assert bigram_tokens("李四\x1e张三") == bigram_tokens("张三\x1e李四")


def test_the_app_indexes_characters_and_other_tools_words():
    assert index_tokens("工會主席") == "工 会 主 席"
    assert word_tokens("工會主席") == "工会 会主 主席 工 会 主 席"
    assert index_tokens("会") == word_tokens("会") == "会"
    assert index_tokens(None) == word_tokens("") == ""


def test_pieces_are_kept_apart_by_a_token_no_query_can_be():
    assert index_tokens("张三\x1e李四") == f"张 三 {PIECE_TOKEN} 李 四"
    assert index_tokens("李四\x1e张三") == index_tokens("张三\x1e李四")
    assert index_tokens("\x1e张三\x1e\x1e") == "张 三"  # empty pieces add nothing
    assert len(PIECE_TOKEN) == 2 and not PIECE_TOKEN.isascii()
    # every token of a query is one character, so none equals the token between pieces
    for raw in (PIECE_TOKEN, "\x1e", "\ue01e", "三李", f"三{PIECE_TOKEN}李"):
        for term in parse_query(raw).terms:
            phrase = match_expression(term, ("extra",)).split(" : ", 1)[1][1:-1]
            assert all(len(token) == 1 for token in phrase.split(" ")), phrase


def test_a_term_is_the_phrase_of_its_characters():
    assert match_expression("工会", ("title", "body")) == '{title body} : "工 会"'
    assert match_expression("会", ("extra",)) == '{extra} : "会"'


@pytest.mark.parametrize(
    "text, terms",
    [
        ("工会", ("工会",)),
        ("工會　主席", ("工会", "主席")),  # U+3000 separates words
        ("工会 主席\t再就业", ("工会", "主席", "再就业")),
        ("工会 工會", ("工会",)),  # same word after folding
        ("工会主 会", ("工会主",)),  # a word inside another adds nothing to an AND
        ("AND", ("and",)),
    ],
)
def test_parse_query(text, terms):
    assert parse_query(text).terms == terms


@pytest.mark.parametrize("text", ["", " ", "\u3000", "\u200b", "\x00", " \u3000\t\n"])
def test_empty_queries_have_a_reason(text):
    q = parse_query(text)
    assert q.empty and q.reason == EMPTY_REASON


@pytest.mark.parametrize(
    "raw", ['"工会', "工会 AND", "NOT 工会", "*", "xyz:工会主", "-工会主", "(", "^工会", "a\x00b"]
)
def test_match_expression_contains_no_user_syntax(raw):
    for term in parse_query(raw).terms:
        expr = match_expression(term, ("title", "body"))
        head, _, phrase = expr.partition(" : ")
        assert head == "{title body}"
        assert phrase.startswith('"') and phrase.endswith('"')
        inner = phrase[1:-1]
        assert all(ch == " " or ord(ch) > 127 or ch.isalnum() for ch in inner), inner


def test_find_hits_spans_whitespace_and_folds():
    text = "本校工\n會于1956年成立"
    assert find_hits(text, ["工会"]) == [(2, 5)]


def test_snippet_escapes_text_before_adding_markers():
    """F19: OCR text containing markup never becomes markup."""
    text = "<b>工会</b> & <script>alert(1)</script>"
    segments = snippet_segments(text, ["工会"])
    html = render(segments)
    assert "<mark>工会</mark>" in html
    assert "<b>" not in html and "<script>" not in html
    assert "&lt;b&gt;" in html and "&amp;" in html
    assert render(segments, "【", "】", escape=False).startswith("<b>【工会】</b>")


def test_snippet_window_and_ellipses():
    text = "甲" * 100 + "工会" + "乙" * 100
    segments = snippet_segments(text, ["工会"], width=30)
    assert segments[0] == ("…", False) and segments[-1] == ("…", False)
    assert ("工会", True) in segments
    assert snippet_segments("没有", ["工会"]) == ()


def test_random_queries_parse_and_build_safe_expressions():
    rng = random.Random(7)
    alphabet = [*"\"'*:^-+(){}[]ANDORNOTNEAR 工会主席學生會\u3000\t\n\x00\u200b%_\\", "\ud800"]
    for _ in range(2000):
        raw = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12)))
        q = parse_query(raw)
        assert q.empty == (q.terms == ()) and (q.reason != "") == q.empty
        for term in q.terms:
            expr = match_expression(term, ("title",))
            # One column filter and one quoted phrase; nothing of the input outside it.
            head, phrase = expr.split(" : ", 1)
            assert head == "{title}"
            assert phrase.startswith('"') and phrase.endswith('"')
            assert '"' not in phrase[1:-1]


@pytest.mark.parametrize("text", ["", "工", "工會主席", "a\x1e工会\x1e", "就业5\n987人，Ａ1"])
def test_index_token_count_is_the_number_of_index_tokens(text):
    from app.domain.search_text import index_token_count, index_tokens

    assert index_token_count(text) == len(index_tokens(text).split())


@pytest.mark.parametrize("text", ["", "工", "工會主席", "a\x1e工会\x1e", "就业5\n987人，Ａ1"])
def test_word_token_count_is_the_number_of_word_tokens(text):
    assert word_token_count(text) == len(word_tokens(text).split())
