"""Chinese for the window's smaller corners (issue 17 item 11, storage errors, history):
guarding reviewed work and person records, photos, the history panel."""

ZH_POLISH = {
    # person records a correction leaves behind
    "%1 is now credited with nothing and annotated nowhere. Remove the person record? Ctrl+Z brings it back; Cancel keeps it in the People list.": "%1 现在没有任何署名，也没有被任何标注引用。删除此人物记录吗？按 Ctrl+Z 可恢复；选“取消”则保留在人物列表中。",
    "Person records": "人物记录",
    "Remove unused person records": "删除无用的人物记录",
    "Removed the person record: %1": "已删除人物记录：%1",
    # a bulk accept over reviewed entries
    "%1 of them are in %2 entries already marked reviewed: those entries are left as they are (reopen an entry's review to accept them there).": "其中 %1 条位于 %2 个已标记为已审核的条目中：这些条目保持不变（如需在其中接受，请先重新打开该条目的审核）。",
    "Entries already reviewed were left as they are: %1.": "已审核的条目保持不变：%1 个。",
    # photos
    "Fit · %1": "适应窗口 · %1",
    "Zoom: the photo's size on screen": "缩放：照片在屏幕上的大小",
    # find/replace: a checklist of matches
    "Replace the checked matches": "替换已勾选的匹配",
    "%1 of %2 matches checked, in %3 fields": "已勾选 %2 处匹配中的 %1 处，涉及 %3 个字段",
}
