"""Chinese for the structure corrections (issue 15 item 3): headings, tables, parts of a
text block, entries split and merged."""

ZH_RESTRUCTURE = {
    # rules
    "Two entries run together": "两个条目连在一起",
    "This short line may be a heading (a section or an entry's title): accept to make it one": "这一短行可能是标题（类目、分目或条目标题）：接受即设为标题",
    "Another entry seems to begin here, run into this one: accept to split the entry here": "这里似乎另起一个条目，与本条目连在了一起：接受即在此拆分条目",
    # history
    "structure of text block %2": "文本块 %2 的结构",
    "entry %2 split in two": "条目 %2 拆分为两条",
    "structure changed": "结构已修改",
    "entry split": "条目已拆分",
    "heading %1": "%1 级标题",
    "table": "表格",
    "text": "正文",
    "entry %1 split: entry %2 takes the text from %3 on": "条目 %1 已拆分：条目 %2 承接自 %3 起的文字",
    "entry %2 taken back into entry %1": "条目 %2 已并回条目 %1",
    "text block %1: %2 → %3": "文本块 %1：%2 → %3",
    # the Text blocks dock's Structure menu
    "Make it a heading": "设为标题",
    "The block (or the lines selected in its text) is a heading: the entries after it stand under it": "此文本块（或其中选中的行）是标题：其后的条目归入该标题之下",
    "This is a table": "这是表格",
    "The block (or the lines selected) is a table: never prose, never authors": "此文本块（或选中的行）是表格：不当作正文，也不从中识别作者",
    "Make it prose": "设为正文",
    "The block (or the lines selected) is prose": "此文本块（或选中的行）是正文",
    "Structure": "结构",
    "Make a heading": "设为标题",
    "Make a table": "设为表格",
    "Make prose": "设为正文",
    # splitting an entry
    "S&plit the entry here": "在此拆分条目(&P)",
    "A new entry takes the body from the caret on (undo takes it back)": "从光标处起的正文成为一个新条目（撤销即可复原）",
    "Put the caret in the body where the new entry begins": "请把光标放在正文中新条目开始的位置",
    "Split the entry": "拆分条目",
    # merging entries
    "&Merge with the next entry": "与下一条目合并(&M)",
    "The entry after this one becomes part of it: its text, tags, photos and authors": "把下一条目并入本条目：其文字、标签、照片和作者",
    "Merge with the next entry": "与下一条目合并",
    "entries merged into entry %2": "并入条目 %2 的条目",
    "entries merged": "条目已合并",
    "entry %2 merged into entry %1": "条目 %2 已并入条目 %1",
    "entry %2 taken out of entry %1 again": "条目 %2 已从条目 %1 中重新分出",
    "An entry cut short": "条目在句中中断",
    "The text stops mid-sentence and the next entry has no title: accept to merge the next entry into this one": "正文在句中中断，下一条目没有标题：接受即把下一条目并入本条目",
}
