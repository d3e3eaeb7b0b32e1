"""Chinese for the review window's strings (search hits, the suggestion dock, the
overview and its filters, unlinked photos, export): merged into fill_ts.ZH."""

ZH_REVIEW = {
    "title": "标题",
    "text": "正文",
    "photo caption": "照片说明",
    "author": "作者",
    "photographer": "摄影者",
    "tag": "标签",
    "note": "备注",
    "Hit %1 of %2 in this entry — %3 next, %4 previous": "本条目第 %1 处，共 %2 处 — %3 下一处，%4 上一处",
    "%1 hits in this entry — %2 next, %3 previous": "本条目中有 %1 处 — %2 下一处，%3 上一处",
    "1 hit in this entry — %1 next, %2 previous": "本条目中有 1 处 — %1 下一处，%2 上一处",
    "Not in the title or the text.": "标题和正文中没有。",
    "Also found in: %1": "另见于：%1",
    "Found only in: %1": "仅见于：%1",
    "Next search &hit": "下一个搜索结果(&H)",
    "Previous search hit": "上一个搜索结果",
    "No more search hits in this direction.": "这个方向上没有更多搜索结果了。",
}
