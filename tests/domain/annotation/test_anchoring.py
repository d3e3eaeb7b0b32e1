"""Annotations through edits: untouched text moves, changed text is marked, nothing is lost."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.annotation.anchoring import Edit, check_edits, edits_between, reanchor
from app.domain.annotation.model import Annotation, AnnotationError, select

BODY = "其中,通过职介机构介绍就业5\n987人。长宁区总工会帮助沈永明。"


def ann(text: str, start: int, end: int, i: int = 1, field: str = "body") -> Annotation:
    return Annotation(i, "quantity", "entry", 1, select(text, field, start, end))


def span_of(text: str, word: str) -> tuple[int, int]:
    i = text.index(word)
    return i, i + len(word)


def test_untouched_annotation_moves_with_an_edit_before_it():
    a = ann(BODY, *span_of(BODY, "沈永明"))
    after = BODY.replace("5\n987", "5987")
    (moved,) = reanchor(BODY, after, [a])
    assert moved.status == "ok"
    assert after[moved.start : moved.end] == "沈永明"
    assert moved.start == a.start - 1


def test_annotation_on_the_joined_number_is_marked_when_the_join_is_reverted():
    joined = BODY.replace("5\n987", "5987")
    a = ann(joined, *span_of(joined, "5987人"))
    (marked,) = reanchor(joined, BODY, [a])
    assert marked.status == "needs_review"
    assert marked.quote == "5987人"  # the archivist's quote is kept for the review
    assert BODY[marked.start : marked.end] == "5\n987人"  # covering what became of it
    # doing the join again brings it back where it was, quoting its text
    (healed,) = reanchor(BODY, joined, [marked])
    assert healed.status == "ok" and (healed.start, healed.end) == (a.start, a.end)


def test_typing_at_either_edge_leaves_the_annotation_alone():
    a = ann(BODY, *span_of(BODY, "沈永明"))
    before_name = [Edit(a.start, a.start, "职工")]
    after_name = [Edit(a.end, a.end, "同志")]
    inside = [Edit(a.start + 1, a.start + 1, "X")]
    for edits, status in ((before_name, "ok"), (after_name, "ok"), (inside, "needs_review")):
        text = BODY[: edits[0].start] + edits[0].text + BODY[edits[0].start :]
        (b,) = reanchor(BODY, text, [a], edits)
        assert b.status == status
        if status == "ok":
            assert text[b.start : b.end] == "沈永明"


def test_deleted_annotation_is_kept_and_marked_not_dropped():
    a = ann(BODY, *span_of(BODY, "长宁区总工会"))
    after = BODY.replace("长宁区总工会", "")
    (b,) = reanchor(BODY, after, [a])
    assert b.status == "needs_review" and b.start == b.end and b.quote == "长宁区总工会"


def test_explicit_edits_decide_which_of_two_equal_words_was_deleted():
    text = "沈永明和沈永明"
    first, second = ann(text, 0, 3, 1), ann(text, 4, 7, 2)
    after = "和沈永明"
    a1, a2 = reanchor(text, after, [first, second], [Edit(0, 3, "")])
    assert a1.status == "needs_review" and a2.status == "ok" and (a2.start, a2.end) == (1, 4)


def test_inconsistent_edits_are_not_trusted():
    a = ann(BODY, *span_of(BODY, "沈永明"))
    after = BODY.replace("沈永明", "沈勇明")
    (b,) = reanchor(BODY, after, [a], [Edit(0, 1, "")])  # says something else happened
    assert b.status == "needs_review"


def test_selector_refuses_empty_outside_or_blank_spans():
    for start, end in ((3, 3), (-1, 2), (0, len(BODY) + 1)):
        with pytest.raises(AnnotationError):
            select(BODY, "body", start, end)
    with pytest.raises(AnnotationError):
        select("a  b", "body", 1, 3)


def test_check_edits():
    assert check_edits("abc", "aXc", [Edit(1, 2, "X")])
    assert not check_edits("abc", "aXc", [Edit(1, 2, "Y")])
    assert not check_edits("abc", "abc", [Edit(1, 1, "X"), Edit(1, 1, "")])
    assert not check_edits("abc", "c", [Edit(1, 2, ""), Edit(0, 2, "")])


# -- properties -----------------------------------------------------------------------

ALPHABET = "工会沈永明区5 987\n,，人"
texts = st.text(alphabet=ALPHABET, min_size=1, max_size=40)


@st.composite
def annotated_edits(draw, explicit: bool):
    """A text with annotations, then a sequence of random edits (each a list of
    non-overlapping replacements), tracked with an identity per character."""
    text = draw(texts)
    uid = itertools.count()
    chars = [(c, next(uid)) for c in text]
    n = draw(st.integers(0, 6))
    anns = []
    for i in range(n):
        s = draw(st.integers(0, len(text) - 1))
        e = draw(st.integers(s + 1, len(text)))
        if not text[s:e].strip():
            continue
        anns.append((Annotation(i, "term", "entry", 1, select(text, "body", s, e)), chars[s:e]))
    steps = []
    for _ in range(draw(st.integers(1, 5))):
        cur = "".join(c for c, _ in chars)
        cuts = sorted(draw(st.lists(st.integers(0, len(cur)), min_size=2, max_size=6)))
        edits = []
        for s, e in zip(cuts[::2], cuts[1::2], strict=False):
            new = draw(st.text(alphabet=ALPHABET, max_size=3))
            if s == e and not new:
                continue
            if edits and edits[-1].start == edits[-1].end == s == e:
                continue
            edits.append(Edit(s, e, new))
        new_chars = []
        pos = 0
        for ed in edits:
            new_chars.extend(chars[pos : ed.start])
            new_chars.extend((c, next(uid)) for c in ed.text)
            pos = ed.end
        new_chars.extend(chars[pos:])
        steps.append((cur, "".join(c for c, _ in new_chars), edits if explicit else None))
        chars = new_chars
    return anns, steps, chars


def _truth(original_ids: list[int], chars: list[tuple[str, int]]) -> int | None:
    """Where the annotated characters stand now, if they survived together, unchanged."""
    ids = [u for _, u in chars]
    try:
        i = ids.index(original_ids[0])
    except ValueError:
        return None
    return i if ids[i : i + len(original_ids)] == original_ids else None


@settings(max_examples=300, deadline=None)
@given(annotated_edits(explicit=True))
def test_known_edits_keep_every_annotation_on_exactly_its_text_or_mark_it(case):
    anns, steps, chars = case
    current = [a for a, _ in anns]
    ever_marked: set[int] = set()
    for before, after, edits in steps:
        assert check_edits(before, after, edits)
        current = reanchor(before, after, current, edits)
        ever_marked.update(a.id for a in current if a.status != "ok")
    final = "".join(c for c, _ in chars)
    assert [a.id for a in current] == [a.id for a, _ in anns]  # none dropped, order kept
    for a, (orig, orig_chars) in zip(current, anns, strict=True):
        if a.status == "ok":
            assert final[a.start : a.end] == a.quote == orig.quote
            if a.id not in ever_marked:
                # never moved to other text: exactly where the marked characters went
                assert _truth([u for _, u in orig_chars], chars) == a.start
        assert 0 <= a.start <= a.end <= len(final)


@settings(max_examples=300, deadline=None)
@given(annotated_edits(explicit=True))
def test_an_annotation_whose_characters_survived_untouched_stays_ok(case):
    """No false alarms when the edits are known: one at a time, untouched means ok."""
    anns, steps, _chars = case
    if len(steps) != 1:
        return
    before, after, edits = steps[0]
    for a, b in zip(
        (a for a, _ in anns), reanchor(before, after, [a for a, _ in anns], edits), strict=True
    ):
        inside = any(
            (e.start < a.end and e.end > a.start and e.end > e.start)
            or (e.start == e.end and a.start < e.start < a.end)
            for e in edits
        )
        assert (b.status == "ok") == (not inside)


@settings(max_examples=300, deadline=None)
@given(annotated_edits(explicit=False))
def test_derived_edits_keep_every_annotation_quoting_its_text_or_mark_it(case):
    anns, steps, chars = case
    current = [a for a, _ in anns]
    for before, after, _ in steps:
        assert check_edits(before, after, edits_between(before, after))
        current = reanchor(before, after, current)
    final = "".join(c for c, _ in chars)
    assert len(current) == len(anns)
    for a in current:
        assert a.status == "needs_review" or final[a.start : a.end] == a.quote
        assert 0 <= a.start <= a.end <= len(final)


@given(texts, texts)
def test_edits_between_turns_one_text_into_the_other(a, b):
    assert check_edits(a, b, edits_between(a, b))
