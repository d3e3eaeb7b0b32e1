"""Chinese for the structure of real volumes (issue 15): text blocks, the structure
navigator, structure changes."""

ZH_STRUCTURE = {
    "Text blocks": "文本块",
    "Heading %1": "标题 %1",
    "Table": "表格",
    "Text": "正文",
    "Save text": "保存文本",
    "%1, line %2": "%1，第 %2 行",
    "page %1": "第 %1 页",
    "Edit text block": "编辑文本块",
    "No entries were read in this volume: its text is kept as text blocks (the Text blocks panel), where a block can be made an entry.": "此卷中没有识别出条目：其文本保存为文本块（见“文本块”面板），可在那里把文本块设为条目。",
    "Sections": "类目",
    "(under no heading)": "（无标题下）",
    "%1 (%2)": "%1（%2）",
    "All sections": "全部类目",
    "Section: %1 ✕": "类目：%1 ✕",
    "Show the entries of every section again": "重新显示所有类目的条目",
    "(no title)": "（无标题）",
}
