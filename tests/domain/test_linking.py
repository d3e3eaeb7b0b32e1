"""Caption ↔ entry similarity: the sample's six photos, each reasoned out.

The sample's entries, in order (index = position in the volume, 0-based):
 0 市总工会下发《关于…通知》             9 奉贤区总工会构筑女职工再就业绿色通道
 1 深入实施“六个一批”…援助体系          10 奉贤区供销社工会积极协助党政推进再就业工程
 2 推进再就业工作取得阶段性成果的七项措施 11 上海轻工皮革公司工会再就业工作“三主动”
 3 长宁区总工会为再就业带头人办实事      12 纺织工会举办再就业带头人创业成果展示活动
 4 长宁区商业工会深入开展帮困再就业工作  13 医药工会参与建立上药集团再就业基地
 5 普陀区总工会建立“一三九”就业联动机制 14 宝钢集团公司促进再就业基金发挥积极作用
 6 巨鹿劳务公司工会以行业劳务公司为载体… 15 外经贸工会推进再就业工作的“五个一”
 7 青浦区总工会探索具有青浦特色的再就业工作 16 农工商牛奶公司工会整合优势生产自救
 8 南汇区总工会帮助近千名下岗职工再就业
"""

from __future__ import annotations

import pytest

from app.domain.linking import (
    EntryText,
    LinkIndex,
    caption_subject,
    ngrams,
    rank_entries,
    strip_credit,
    subject_core,
)
from app.domain.parser import parse
from tests.paths import SAMPLE


@pytest.fixture(scope="module")
def volume():
    doc = parse(SAMPLE.read_text(encoding="utf-8"))
    index = LinkIndex(EntryText(i, e.title, e.body) for i, e in enumerate(doc.entries))
    return doc, index


def suggestion_for(volume, photo_number: int):
    doc, index = volume
    return index.rank(doc.photos[photo_number].caption)


def test_xigong_market_goes_with_the_putuo_entry_several_entries_before(volume):
    """普陀区总工会举办上海“西宫”人才市场 — printed after 青浦 (7), before 南汇 (8).

    The 普陀区总工会 entry (5) is about the same union and says 区总投资20万元建立西宫
    固定劳务市场: the photo shows that market. Plain similarity alone would prefer the
    short 南汇 entry (区总工会, 市场, 推进 …); the subject rule picks 普陀.
    """
    s = suggestion_for(volume, 2)
    assert s.subject == "普陀区总工会"
    assert s.best is not None and s.best.entry_id == 5
    assert "西宫" in s.best.shared
    others = [c for c in s.candidates if c.entry_id != 5]
    assert others and not any(c.subject_match for c in others)


def test_yangpu_meeting_has_no_entry_and_stays_where_printed(volume):
    """杨浦区总工会召开再就业工作会议,表彰十佳创业带头人 — printed after entry 2.

    No entry is about 杨浦区 or its union: 杨浦 appears once, in 巨鹿's list of the
    districts its customers are in. The nearest texts in words — 长宁区总工会 and its
    创业带头人 (3), 纺织工会's 带头人 exhibition (12) — are other unions' work, and a
    careful reader would not caption a 杨浦 meeting with them. Decision: propose nothing;
    the photo stays after entry 2 (the volume-wide overview of measures, which it sits
    beside in print), unconfirmed, for the archivist.
    """
    s = suggestion_for(volume, 0)
    assert s.subject == "杨浦区总工会"
    assert s.best is None
    assert "杨浦区总工会" in s.reason
    assert s.candidates[0].entry_id == 3  # the closest in words, shown but not proposed


def test_agriculture_committee_photo_has_no_entry(volume):
    """市农委工会的领导鼓励下岗职工自强不息,走创业之路 — printed after 巨鹿 (6).

    No entry names 市农委 or 农委; the words it shares with entries (创业, 下岗职工,
    之路) are the whole section's. Decision: propose nothing; it stays after entry 6.
    """
    s = suggestion_for(volume, 1)
    assert s.subject == "市农委工会"
    assert subject_core(s.subject) == "农委"
    assert s.best is None


def test_cashier_training_goes_with_the_nonggongshang_entry_not_fengxian(volume):
    """农工商集团为下岗女工举办收银员岗位培训 — printed after 奉贤区供销社工会 (10).

    奉贤区供销社 also trains 电子收银员, and 奉贤区总工会 (9) trains 下岗女职工 — but
    both are 奉贤 organisations, and the photo is of 农工商集团's training. The entry by
    the 农工商 group is 16 (农工商牛奶(集团)公司 opening 牛奶棚 chain stores that take on
    laid-off workers — the shops a cashier course staffs). The organisation decides.
    """
    s = suggestion_for(volume, 3)
    assert s.subject == "农工商集团"
    assert s.best is not None and s.best.entry_id == 16
    fengxian = {c.entry_id: c for c in s.candidates}
    assert 10 in fengxian and not fengxian[10].subject_match
    assert "收银" in fengxian[10].shared


def test_baosteel_loan_goes_with_the_baosteel_fund_entry(volume):
    """宝钢集团公司工会主席…与一钢公司“协解”职工签订再就业无息贷款合同 — printed after
    外经贸 (15). Entry 14 is 宝钢集团公司's fund giving 协解 workers 无息借款: same
    company, same scheme."""
    s = suggestion_for(volume, 4)
    assert s.best is not None and s.best.entry_id == 14
    assert {"宝钢", "协解", "无息"} <= set(s.best.shared)


def test_shipping_union_pastry_class_has_no_entry(volume):
    """海运工会为“4050”人员的再就业举办中式点心培训班 — the last block, after 16.

    No entry is about 海运 (shipping); “4050” and 培训 are shared with 奉贤区供销社 (10)
    and 普陀 (5), other organisations. Decision: propose nothing; it stays after 16.
    """
    s = suggestion_for(volume, 5)
    assert s.subject == "海运工会"
    assert s.best is None
    assert all(not c.subject_match for c in s.candidates)


def test_exactly_three_of_six_photos_get_a_proposal(volume):
    doc, index = volume
    best = [index.rank(p.caption).best for p in doc.photos]
    assert [b.entry_id if b else None for b in best] == [None, None, 5, 16, 14, None]


def test_strip_credit_and_pipe():
    assert strip_credit("海运工会举办培训班(顾惠根摄) |") == "海运工会举办培训班"
    assert strip_credit("工会（张三摄）") == "工会"
    assert strip_credit("农工商牛奶(集团)公司") == "农工商牛奶(集团)公司"


def test_ngrams_do_not_cross_punctuation():
    grams = ngrams("西宫”人才")
    assert "西宫" in grams and "人才" in grams and "宫人" not in grams


def test_subject_extraction():
    assert caption_subject("宝钢集团公司工会主席卞恩君与…") == "宝钢集团公司"
    assert caption_subject("下岗职工在培训班上学习") is None
    assert subject_core("普陀区总工会") == "普陀"
    assert subject_core("农工商集团") == "农工商"


def test_without_a_subject_the_best_scoring_entry_is_still_only_a_candidate():
    entries = [EntryText(1, "甲", "西宫劳务市场开张"), EntryText(2, "乙", "无关的内容")]
    s = rank_entries("西宫劳务市场开张", entries)
    assert s.subject is None and s.best is None
    assert s.candidates[0].entry_id == 1 and s.candidates[0].score > 0.5
