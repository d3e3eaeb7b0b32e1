"""Chinese for the annotation strings of the window (Ctrl+K menu, Annotations panel,
Records view): merged into the .ts by fill_ts.py, like zh_review.py and zh_about.py."""

ZH_ANNOTATE = {
    "A&nnotate the selection…": "标注所选文字(&N)…",
    "Annotate the selected text, then a letter for the kind (Ctrl+K)": "标注所选文字，再按一个字母选择类别（Ctrl+K）",
    "&Annotations": "标注(&A)",
    "&Records: people, places, organisations": "名录：人物、地点、机构(&R)",
    "Annotations": "标注",
    "Records": "名录",
    "&Person": "人名(&P)",
    "P&lace": "地名(&L)",
    "&Organisation": "机构(&O)",
    "&Date": "日期(&D)",
    "&Quantity": "数量(&Q)",
    "&Term": "术语(&T)",
    "&Comment": "批注(&C)",
    "needs review": "需复核",
    "Select text, then Ctrl+K and a letter (P, L, O, D, Q, T, C) to annotate it.": "选中文字，按 Ctrl+K 再按一个字母（P、L、O、D、Q、T、C）即可标注。",
    "Annotations in this entry: %1": "本条目的标注：%1",
    "entry %1: ": "条目 %1：",
    "Need review in the project: %1": "项目中需复核：%1",
    "Filter names (either script)": "筛选名称（简繁皆可）",
    "Places": "地点",
    "Organisations": "机构",
    "Switch the 简|繁 view off to annotate the stored text.": "请先关闭“简|繁”视图，再标注存储的文本。",
    "Select the text to annotate first.": "请先选中要标注的文字。",
    "annotate “%1” as %2": "将“%1”标注为%2",
    "remove %1 annotation(s)": "移除 %1 个标注",
    "Annotate as": "标注为",
    "Comment": "批注",
    "The comment on the selected text:": "对所选文字的批注：",
}

# Where one English word needs another Chinese word in one context (a place has a
# 名称, not a 姓名): keyed by (context, source text), looked up before ZH.
ZH_IN_CONTEXT = {
    ("AnnotationPanel", "Remove"): "移除",
    ("RecordsPanel", "Name"): "名称",
}
