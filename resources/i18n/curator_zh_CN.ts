<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="zh_CN">
  <context>
    <name>AboutDialog</name>
    <message>
      <location filename="../../app/ui/about.py" line="33" />
      <source>About Yearbook Curator</source>
      <translation>关于年鉴整理</translation>
    </message>
    <message>
      <location filename="../../app/ui/about.py" line="41" />
      <source>Yearbook Curator</source>
      <translation>年鉴整理</translation>
    </message>
    <message>
      <location filename="../../app/ui/about.py" line="46" />
      <source>Version %1</source>
      <translation>版本 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/about.py" line="50" />
      <source>Yearbook Curator turns OCR'd Chinese yearbooks into a clean, attributed corpus without losing the original text. Every change is a revision you can revert.</source>
      <translation>年鉴整理把 OCR 识别的中文年鉴整理成干净、署名清楚的语料，原文永不丢失。每一处修改都是一条可以撤回的修订。</translation>
    </message>
    <message>
      <location filename="../../app/ui/about.py" line="55" />
      <source>Licence: %1</source>
      <translation>许可证：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/about.py" line="58" />
      <source>Runs on Python %1 (%2), Qt %3 and SQLite %4 (public domain).</source>
      <translation>运行于 Python %1（%2）、Qt %3 和 SQLite %4（公有领域）。</translation>
    </message>
    <message>
      <location filename="../../app/ui/about.py" line="66" />
      <source>Libraries shipped with it, and their licences:</source>
      <translation>随附的程序库及其许可证：</translation>
    </message>
    <message>
      <location filename="../../app/ui/about.py" line="70" />
      <source>Library</source>
      <translation>程序库</translation>
    </message>
    <message>
      <location filename="../../app/ui/about.py" line="70" />
      <source>Version</source>
      <translation>版本</translation>
    </message>
    <message>
      <location filename="../../app/ui/about.py" line="70" />
      <source>Licence</source>
      <translation>许可证</translation>
    </message>
    <message>
      <location filename="../../app/ui/about.py" line="73" />
      <source>not stated</source>
      <translation>未注明</translation>
    </message>
    <message>
      <location filename="../../app/ui/about.py" line="90" />
      <source>About Qt</source>
      <translation>关于 Qt</translation>
    </message>
  </context>
  <context>
    <name>AnnotationController</name>
    <message>
      <location filename="../../app/ui/annotate.py" line="227" />
      <source>Switch the 简|繁 view off to annotate the stored text.</source>
      <extracomment>How many annotations needing review the dock lists (the CLI lists them all).</extracomment>
      <translation>请先关闭“简|繁”视图，再标注存储的文本。</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotate.py" line="232" />
      <source>This entry is too long to annotate here; use the command line.</source>
      <translation>此条目太长，无法在此标注；请使用命令行。</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotate.py" line="241" />
      <source>Select the text to annotate first.</source>
      <translation>请先选中要标注的文字。</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotate.py" line="259" />
      <source>annotate “%1” as %2</source>
      <translation>将“%1”标注为%2</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotate.py" line="289" />
      <source>remove %1 annotation(s)</source>
      <translation>移除 %1 个标注</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotate.py" line="306" />
      <source>edit the annotation “%1”</source>
      <translation>编辑标注“%1”</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotate.py" line="321" />
      <source>Reading of %1</source>
      <translation>%1 的读音</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotate.py" line="324" />
      <source>The pinyin the index sorts %1 by, in tone marks or numbers (zēng huá or zeng1 hua2); empty: %2</source>
      <translation>索引排列 %1 所依的拼音，可用声调符号或数字（zēng huá 或 zeng1 hua2）；留空则为 %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotate.py" line="341" />
      <source>reading of %1</source>
      <translation>%1 的读音</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotate.py" line="348" />
      <source>confirm %1 annotation(s)</source>
      <translation>确认 %1 个标注</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotate.py" line="351" />
      <source>Annotate as</source>
      <translation>标注为</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotate.py" line="370" />
      <source>Comment</source>
      <translation>批注</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotate.py" line="371" />
      <source>The comment on the selected text:</source>
      <translation>对所选文字的批注：</translation>
    </message>
  </context>
  <context>
    <name>AnnotationEditDialog</name>
    <message>
      <location filename="../../app/ui/annotation_edit.py" line="33" />
      <source>Edit annotation</source>
      <extracomment>The record choice meaning "no link".</extracomment>
      <translation>编辑标注</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_edit.py" line="47" />
      <source>A note on the marked text (optional)</source>
      <translation>对所标文字的附注（可选）</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_edit.py" line="49" />
      <source>Text</source>
      <translation>文字</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_edit.py" line="50" />
      <source>Kind</source>
      <translation>类别</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_edit.py" line="51" />
      <source>Record</source>
      <translation>名录条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_edit.py" line="52" />
      <source>Note</source>
      <translation>附注</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_edit.py" line="70" />
      <source>(no record)</source>
      <translation>（不链接名录）</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_edit.py" line="75" />
      <source>New record “%1”</source>
      <translation>新建名录条目“%1”</translation>
    </message>
  </context>
  <context>
    <name>AnnotationPanel</name>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="180" />
      <location filename="../../app/ui/annotation_panel.py" line="202" />
      <source>Remove</source>
      <translation>移除</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="183" />
      <source>Edit…</source>
      <translation>编辑…</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="185" />
      <source>Change the kind, the note or the linked record</source>
      <translation>修改类别、附注或所链接的名录条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="196" />
      <source>Confirm</source>
      <translation>确认</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="199" />
      <source>The annotation is right as it is now: it quotes the text it marks now</source>
      <translation>标注现状无误：改为引用它现在所标的文字</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="208" />
      <source>Select text, then Ctrl+K and a letter (P, L, O, D, Q, T, C) to annotate it.</source>
      <translation>选中文字，按 Ctrl+K 再按一个字母（P、L、O、D、Q、T、C）即可标注。</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="278" />
      <source>Annotations in this entry: %1</source>
      <translation>本条目的标注：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="284" />
      <source>entry %1: </source>
      <translation>条目 %1：</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="289" />
      <source>Need review in the project: %1</source>
      <translation>项目中需复核：%1</translation>
    </message>
  </context>
  <context>
    <name>Annotations</name>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="56" />
      <source>&amp;Person</source>
      <extracomment>One colour per kind (legend, highlight, list).</extracomment>
      <translation>人名(&amp;P)</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="57" />
      <source>P&amp;lace</source>
      <translation>地名(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="58" />
      <source>&amp;Organisation</source>
      <translation>机构(&amp;O)</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="59" />
      <source>&amp;Date</source>
      <translation>日期(&amp;D)</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="60" />
      <source>&amp;Quantity</source>
      <translation>数量(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="61" />
      <source>&amp;Term</source>
      <translation>术语(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="62" />
      <source>&amp;Comment</source>
      <translation>批注(&amp;C)</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="148" />
      <location filename="../../app/ui/caption_marks.py" line="65" />
      <source>needs review</source>
      <translation>需复核</translation>
    </message>
  </context>
  <context>
    <name>AttributionDialog</name>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="67" />
      <source>Name, e.g. 陈晖 (several: 陈晖 王平)</source>
      <translation>姓名，如 陈晖（多人：陈晖 王平）</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="69" />
      <source>Add</source>
      <translation>添加</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="71" />
      <source>Remove</source>
      <translation>删除</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="73" />
      <source>Split…</source>
      <translation>拆分…</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="75" />
      <source>Split a run-together name (张三李四) into several people</source>
      <translation>把连在一起的姓名（张三李四）拆分为几个人</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="93" />
      <source>Each name is a person record: a name that exists is linked to that person.</source>
      <translation>每个姓名对应一条人物记录：已有的姓名会关联到该人物。</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="141" />
      <source>Split a name</source>
      <translation>拆分姓名</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="142" />
      <source>The people's names, separated by spaces or 、:</source>
      <translation>各人的姓名，用空格或、分隔：</translation>
    </message>
  </context>
  <context>
    <name>ConflictDialog</name>
    <message>
      <location filename="../../app/ui/dialogs.py" line="44" />
      <source>Changed elsewhere</source>
      <translation>已在别处修改</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="45" />
      <source>This entry was changed in another window since you started editing (%1).

Reload shows their text and drops your unsaved change. Keep mine saves your text as a new revision after theirs; theirs stays in the history.</source>
      <translation>开始编辑后，此条目已在另一个窗口中被修改（%1）。

“重新载入”显示对方的文本并放弃你未保存的修改。“保留我的”把你的文本保存为对方修订之后的新修订；对方的文本仍保留在修订历史中。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="54" />
      <source>Reload</source>
      <translation>重新载入</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="57" />
      <source>Keep mine</source>
      <translation>保留我的</translation>
    </message>
  </context>
  <context>
    <name>ConvertDialog</name>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="237" />
      <source>Simplified → Traditional</source>
      <translation>简体 → 繁体</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="238" />
      <source>Traditional → Simplified</source>
      <translation>繁体 → 简体</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="239" />
      <source>Simplified → Taiwan standard</source>
      <translation>简体 → 台湾正体</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="240" />
      <source>Taiwan standard → Simplified</source>
      <translation>台湾正体 → 简体</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="241" />
      <source>Simplified → Taiwan standard (with phrases)</source>
      <translation>简体 → 台湾正体（含词汇）</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="244" />
      <source>Taiwan standard → Simplified (with phrases)</source>
      <translation>台湾正体 → 简体（含词汇）</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="247" />
      <source>Simplified → Hong Kong traditional</source>
      <translation>简体 → 香港繁体</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="248" />
      <source>Hong Kong traditional → Simplified</source>
      <translation>香港繁体 → 简体</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="257" />
      <source>Convert the stored text</source>
      <translation>转换存储的文本</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="264" />
      <source>This entry</source>
      <translation>当前条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="266" />
      <source>The %1 selected entries</source>
      <translation>选中的 %1 个条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="269" />
      <source>Every entry in the project</source>
      <translation>项目中的全部条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="275" />
      <source>Conversion:</source>
      <translation>转换方式：</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="276" />
      <source>Entries:</source>
      <translation>条目：</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="279" />
      <source>Titles, bodies and the captions of their photos are converted; people's names are kept. Every change is a revision, and the whole conversion is one batch you can undo (Ctrl+Z) or revert from the history.</source>
      <translation>转换标题、正文及其照片的图注；人名保持不变。每处修改都记为一条修订，整个转换是一个批次，可以撤销（Ctrl+Z）或在修订历史中还原。</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="288" />
      <source>Convert</source>
      <translation>转换</translation>
    </message>
  </context>
  <context>
    <name>Curation</name>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="783" />
      <source>Not changed</source>
      <translation>未修改</translation>
    </message>
  </context>
  <context>
    <name>CurationController</name>
    <message>
      <location filename="../../app/ui/curate.py" line="97" />
      <source>Tag</source>
      <translation>标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="97" />
      <source>Tag %1 selected entries?</source>
      <translation>给选中的 %1 个条目加标签？</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="100" />
      <source>Tag %1 entries: %2</source>
      <translation>为 %1 个条目加标签：%2</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="115" />
      <source>Remove tag</source>
      <translation>移除标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="116" />
      <source>Remove the tag from %1 selected entries?</source>
      <translation>从选中的 %1 个条目移除此标签？</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="120" />
      <source>Remove tag %1</source>
      <translation>移除标签 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="128" />
      <source>Accept suggested tag</source>
      <translation>采纳建议标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="137" />
      <source>Reject suggested tag</source>
      <translation>拒绝建议的标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="146" />
      <source>Authors</source>
      <translation>作者</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="150" />
      <source>Photographers</source>
      <translation>摄影者</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="169" />
      <source>Edit attributions</source>
      <translation>编辑署名</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="179" />
      <source>Split a name</source>
      <translation>拆分姓名</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="181" />
      <source>Set the names</source>
      <translation>设置姓名</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="196" />
      <source>%1 is now credited with nothing and annotated nowhere. Remove the person record? Ctrl+Z brings it back; Cancel keeps it in the People list.</source>
      <translation>%1 现在没有任何署名，也没有被任何标注引用。删除此人物记录吗？按 Ctrl+Z 可恢复；选“取消”则保留在人物列表中。</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="200" />
      <source>Person records</source>
      <translation>人物记录</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="205" />
      <source>Remove unused person records</source>
      <translation>删除无用的人物记录</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="209" />
      <source>Removed the person record: %1</source>
      <translation>已删除人物记录：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="215" />
      <source>Confirm photo link</source>
      <translation>确认照片归属</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="230" />
      <source>Unlink this photograph from entry %1? It stays linked to its other entries.</source>
      <translation>取消这张照片与条目 %1 的关联吗？它仍关联着其他条目。</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="234" />
      <source>Unlink this photograph from entry %1? It will be linked to no entry; View → Unlinked photos lists it, to link it elsewhere. Ctrl+Z undoes it.</source>
      <translation>取消这张照片与条目 %1 的关联吗？之后它不关联任何条目；“视图 → 未关联的照片”会列出它，可再关联到别处。Ctrl+Z 可撤销。</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="240" />
      <location filename="../../app/ui/curate.py" line="250" />
      <source>Unlink photo</source>
      <translation>取消照片关联</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="244" />
      <source>Unlink</source>
      <translation>取消关联</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="261" />
      <source>Relink photo</source>
      <translation>重新关联照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="267" />
      <source>Photo linked to entry %1</source>
      <translation>照片已关联到第 %1 条</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="285" />
      <source>Suggested: entry %1 · %2</source>
      <translation>建议配到：条目 %1 · %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="293" />
      <source>Accept suggested photo link</source>
      <translation>接受建议的照片关联</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="302" />
      <source>Dismiss suggested photo link</source>
      <translation>忽略建议的照片关联</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="355" />
      <location filename="../../app/ui/curate.py" line="384" />
      <source>The note was changed in another window; theirs is shown now.</source>
      <translation>备注已在另一个窗口中被修改；现在显示的是对方的备注。</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="356" />
      <source>Your text:</source>
      <translation>你的文本：</translation>
    </message>
    <message>
      <location filename="../../app/ui/curate.py" line="364" />
      <location filename="../../app/ui/curate.py" line="394" />
      <source>Note saved</source>
      <translation>备注已保存</translation>
    </message>
  </context>
  <context>
    <name>EntryEditorWidget</name>
    <message>
      <location filename="../../app/ui/editor.py" line="260" />
      <source>Title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../../app/ui/editor.py" line="294" />
      <source>Edit the authors: set, add, remove, split</source>
      <translation>编辑作者：设置、添加、删除、拆分</translation>
    </message>
    <message>
      <location filename="../../app/ui/editor.py" line="304" />
      <source>Note for this entry (saved when you leave the field)</source>
      <translation>本条目的备注（离开输入框时保存）</translation>
    </message>
    <message>
      <location filename="../../app/ui/editor.py" line="370" />
      <source>The opening 【 of this title is missing in the source.</source>
      <translation>原文中此标题缺少开头的【。</translation>
    </message>
    <message>
      <location filename="../../app/ui/editor.py" line="409" />
      <source>Author: %1</source>
      <translation>作者：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/editor.py" line="409" />
      <source>No author</source>
      <translation>无作者</translation>
    </message>
    <message>
      <location filename="../../app/ui/editor.py" line="441" />
      <source>This entry is too long to edit here (%1 MB): only its beginning is shown, read-only, without suggestions or highlighting. Use Replace or the command line to change it.</source>
      <translation>此条目太长，无法在此编辑（%1 MB）：只显示开头部分，只读，不显示修正建议和高亮。请用“替换”或命令行修改。</translation>
    </message>
    <message>
      <location filename="../../app/ui/editor.py" line="512" />
      <source>Hit %1 of %2 in this entry — %3 next, %4 previous</source>
      <translation>本条目第 %1 处，共 %2 处 — %3 下一处，%4 上一处</translation>
    </message>
    <message>
      <location filename="../../app/ui/editor.py" line="516" />
      <source>1 hit in this entry — %1 next, %2 previous</source>
      <translation>本条目中有 1 处 — %1 下一处，%2 上一处</translation>
    </message>
    <message>
      <location filename="../../app/ui/editor.py" line="519" />
      <source>%1 hits in this entry — %2 next, %3 previous</source>
      <translation>本条目中有 %1 处 — %2 下一处，%3 上一处</translation>
    </message>
    <message>
      <location filename="../../app/ui/editor.py" line="522" />
      <source>Not in the title or the text.</source>
      <translation>标题和正文中没有。</translation>
    </message>
    <message>
      <location filename="../../app/ui/editor.py" line="525" />
      <source>Also found in: %1</source>
      <translation>另见于：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/editor.py" line="525" />
      <source>Found only in: %1</source>
      <translation>仅见于：%1</translation>
    </message>
  </context>
  <context>
    <name>EntryListModel</name>
    <message>
      <location filename="../../app/ui/models.py" line="77" />
      <location filename="../../app/ui/models.py" line="84" />
      <source>Title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../../app/ui/models.py" line="78" />
      <source>Author</source>
      <translation>作者</translation>
    </message>
    <message>
      <location filename="../../app/ui/models.py" line="79" />
      <source>Pending</source>
      <translation>待修正</translation>
    </message>
    <message>
      <location filename="../../app/ui/models.py" line="82" />
      <source>Review status: ○ unreviewed, ◐ in progress, ● reviewed</source>
      <translation>审核状态：○ 未审核，◐ 审核中，● 已审核</translation>
    </message>
    <message>
      <location filename="../../app/ui/models.py" line="83" />
      <source>Entry number in reading order</source>
      <translation>条目在原文中的序号</translation>
    </message>
    <message>
      <location filename="../../app/ui/models.py" line="85" />
      <source>First author</source>
      <translation>第一作者</translation>
    </message>
    <message>
      <location filename="../../app/ui/models.py" line="86" />
      <source>Pending suggestions</source>
      <translation>待处理的修正建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/models.py" line="155" />
      <source>(no title)</source>
      <translation>（无标题）</translation>
    </message>
    <message>
      <location filename="../../app/ui/text.py" line="67" />
      <source>Unreviewed</source>
      <translation>未审核</translation>
    </message>
    <message>
      <location filename="../../app/ui/text.py" line="68" />
      <source>In progress</source>
      <translation>审核中</translation>
    </message>
    <message>
      <location filename="../../app/ui/text.py" line="69" />
      <source>Reviewed</source>
      <translation>已审核</translation>
    </message>
  </context>
  <context>
    <name>Errors</name>
    <message>
      <location filename="../../app/ui/error_texts.py" line="17" />
      <source>entry</source>
      <translation>条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="18" />
      <source>photo</source>
      <translation>照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="19" />
      <source>text block</source>
      <translation>文本块</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="20" />
      <source>person</source>
      <translation>人物</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="21" />
      <source>place</source>
      <translation>地点</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="22" />
      <source>organisation</source>
      <translation>机构</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="30" />
      <source>This %1 (%2) was changed elsewhere since you started (now version %3, you edited version %4)</source>
      <translation>开始编辑后，此%1（%2）已在别处被修改（现为第 %3 版，你编辑的是第 %4 版）</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="39" />
      <source>Change %1 cannot be undone: the same text was changed again later (undo the newer changes first)</source>
      <translation>修改 %1 无法撤销：同一文本之后又被修改过（请先撤销较新的修改）</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="47" />
      <source>Change %1 cannot be undone: the text that suggestion %2 corrected has changed since</source>
      <translation>修改 %1 无法撤销：修正建议 %2 所修正的文本此后已被修改</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="55" />
      <source>The note of %1 %2 was changed elsewhere</source>
      <translation>%1 %2 的备注已在别处被修改</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="59" />
      <source>The project is open read-only; the change was not saved</source>
      <translation>项目以只读方式打开；修改未保存</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="65" />
      <source>The project is busy in another window; the change was not saved. Retry.</source>
      <translation>项目正在另一个窗口中使用；修改未保存，请重试。</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="71" />
      <source>Disk full (or a write error): the change was not saved. Free some space and retry.</source>
      <translation>磁盘已满（或无法写入）：修改未保存。请释放空间后重试。</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="76" />
      <source>Database error: %1</source>
      <translation>数据库错误：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="77" />
      <source>There is no %1 %2 (any more)</source>
      <translation>%1 %2 不存在（或已被删除）</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="80" />
      <source>%1 %2 was merged into %3: use that one</source>
      <translation>%1 %2 已合并到 %3：请使用后者</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="84" />
      <source>%2 is still credited or annotated: the record is kept</source>
      <translation>%2 仍有署名或标注：记录已保留</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="90" />
      <source>“%1” is not a tag (write 地区/普陀区 for a hierarchy)</source>
      <translation>“%1”不是有效的标签（层级请写作 地区/普陀区）</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="96" />
      <source>“%1” is not a colour (write #rrggbb)</source>
      <translation>“%1”不是有效的颜色（请写作 #rrggbb）</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="100" />
      <source>The tag is already called %1</source>
      <translation>标签已经叫 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="104" />
      <source>%1 cannot be merged into itself</source>
      <translation>%1 不能合并到自身</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="108" />
      <source>%1 cannot be moved below itself</source>
      <translation>%1 不能移到自身之下</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="112" />
      <source>Photo %1 is not linked to entry %2</source>
      <translation>照片 %1 未关联到条目 %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="116" />
      <source>Photo %1 is not linked to any entry</source>
      <translation>照片 %1 未关联到任何条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="120" />
      <source>A split of %1 cannot keep the whole name as one part</source>
      <translation>拆分 %1 时不能把整个名字作为其中一部分</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="126" />
      <source>%1 has no attributions to split</source>
      <translation>%1 没有可拆分的署名</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="130" />
      <source>Tag suggestion %1 was already decided (%2)</source>
      <translation>标签建议 %1 已处理过（%2）</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="134" />
      <source>The suggested tag %1 is not brought back: entry %2 has the tag</source>
      <translation>建议的标签 %1 未恢复：条目 %2 已有此标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="140" />
      <source>The suggested tag %1 is not brought back: the text of entry %2 no longer names it</source>
      <translation>建议的标签 %1 未恢复：条目 %2 的文本中已不再提到它</translation>
    </message>
    <message>
      <location filename="../../app/ui/error_texts.py" line="148" />
      <source>The suggested photo link is not brought back: photo %2 is linked to entry %3 already</source>
      <translation>建议的照片关联未恢复：照片 %2 已配到条目 %3</translation>
    </message>
  </context>
  <context>
    <name>ExportDialog</name>
    <message>
      <location filename="../../app/ui/dialogs.py" line="316" />
      <source>Markdown (re-importable text)</source>
      <translation>Markdown（可重新导入的文本）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="317" />
      <source>JSON Lines (one entry per line)</source>
      <translation>JSON Lines（每行一个条目）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="318" />
      <source>CSV table (UTF-8)</source>
      <translation>CSV 表格（UTF-8）</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="319" />
      <source>Excel workbook</source>
      <translation>Excel 工作簿</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="320" />
      <source>TEI P5 XML</source>
      <translation>TEI P5 XML</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="321" />
      <source>Plain text</source>
      <translation>纯文本</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="340" />
      <source>Export the corpus</source>
      <translation>导出语料</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="350" />
      <source>Corrected text</source>
      <translation>修正后的文本</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="351" />
      <source>Original OCR text</source>
      <translation>OCR 原文</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="353" />
      <source>As stored</source>
      <translation>保持原样</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="358" />
      <source>All entries</source>
      <translation>全部条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="359" />
      <source>Reviewed entries only</source>
      <translation>仅已审核条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="360" />
      <source>BagIt package with the photographs</source>
      <translation>含照片的 BagIt 包</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="363" />
      <source>Choose where to save the export</source>
      <translation>选择导出文件的保存位置</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="365" />
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="375" />
      <source>Format:</source>
      <translation>格式：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="376" />
      <source>Text:</source>
      <translation>文本：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="377" />
      <source>Script:</source>
      <translation>字形：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="378" />
      <source>Entries:</source>
      <translation>条目：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="380" />
      <source>Save to:</source>
      <translation>保存到：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="385" />
      <source>Export</source>
      <translation>导出</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="412" />
      <source>Folder for the package</source>
      <translation>存放数据包的文件夹</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="418" />
      <source>Export to</source>
      <translation>导出到</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="427" />
      <source>Choose where to save the export (Save to is empty).</source>
      <translation>请选择导出文件的保存位置（“保存到”为空）。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="431" />
      <source>%1 is a file; a BagIt package needs a folder.</source>
      <translation>%1 是文件；BagIt 包需要一个文件夹。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="435" />
      <source>%1 is a folder; give a file name.</source>
      <translation>%1 是文件夹；请给出文件名。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="438" />
      <source>The folder %1 does not exist.</source>
      <translation>文件夹 %1 不存在。</translation>
    </message>
  </context>
  <context>
    <name>FileOps</name>
    <message>
      <location filename="../../app/ui/fileops.py" line="72" />
      <source>The project was changed outside the app</source>
      <extracomment>The change kind a problem of ``curator check`` is about (its target names the row).</extracomment>
      <translation>项目曾在本程序之外被修改</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="73" />
      <source>These do not match the revision log (changed outside the app?): %1. Run curator check for the full report; nothing was changed.</source>
      <translation>以下内容与修订记录不符（是否在本程序之外被修改？）：%1。运行 curator check 查看完整报告；未做任何修改。</translation>
    </message>
    <message>
      <location filename="../../app/ui/worker.py" line="350" />
      <source>Cancel</source>
      <extracomment>``work(project, progress)``: a storage call on the worker's own connection. ``phase(done, total)``: the words for where the work is (None: before any report). While a job runs the garbage collector makes no full pass: a full pass walks every object of the process holding the GIL — an import of 30,000 entries holds millions, and the window's thread waited 1.4 s for one (bench/import_stall_bench.py). Young objects are still collected; full passes resume when the last job has ended, over what the job left (its rows and blocks are freed as it returns). Cancel was pressed after the work had committed (a child's work): it is kept. Seconds a child has to end once asked to stop, before it is terminated (and as long again after that before it is killed). Read-only jobs cancelled while still running: kept referenced until they end (a QThread destroyed while it runs aborts the process), and waited for at exit.</extracomment>
      <translation>取消</translation>
    </message>
    <message>
      <location filename="../../app/ui/app.py" line="112" />
      <location filename="../../app/ui/fileops.py" line="121" />
      <source>Cannot open the project</source>
      <translation>无法打开项目</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="153" />
      <source>Importing %1…</source>
      <translation>正在导入 %1…</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="194" />
      <source>Import cancelled: nothing was imported.</source>
      <translation>已取消导入：没有导入任何内容。</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="201" />
      <location filename="../../app/ui/fileops.py" line="212" />
      <source>Import failed</source>
      <translation>导入失败</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="202" />
      <source>The import stopped unexpectedly (its process ended with code %1); nothing was imported.</source>
      <translation>导入意外中止（其进程以代码 %1 结束）；没有导入任何内容。</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="225" />
      <source>Imported %1: %2 entries, %3 photos, %4 suggestions.</source>
      <translation>已导入 %1：%2 个条目，%3 张照片，%4 条修正建议。</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="237" />
      <source>Photos that cannot be shown:</source>
      <translation>无法显示的照片：</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="245" />
      <source>Import finished</source>
      <translation>导入完成</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="252" />
      <source>Cancel came after the import had been saved: the import was kept.</source>
      <translation>点击取消时导入已经保存：导入的内容已保留。</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="259" />
      <location filename="../../app/ui/fileops.py" line="268" />
      <source>New project</source>
      <translation>新建项目</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="261" />
      <source>Yearbook Curator projects (*.db)</source>
      <translation>年鉴整理项目 (*.db)</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="269" />
      <source>%1 already exists; open it instead.</source>
      <translation>%1 已存在，请直接打开它。</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="279" />
      <source>Open project</source>
      <translation>打开项目</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="281" />
      <source>Yearbook Curator projects (*.db);;All files (*)</source>
      <translation>年鉴整理项目 (*.db);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="292" />
      <source>(none yet)</source>
      <translation>（暂无）</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="343" />
      <source>Exporting…</source>
      <translation>正在导出…</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="350" />
      <source>Export cancelled: nothing was written.</source>
      <translation>已取消导出：没有写入任何文件。</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="357" />
      <source>Export failed</source>
      <translation>导出失败</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="365" />
      <source>Exported %1 entries to %2.</source>
      <translation>已导出 %1 个条目到 %2。</translation>
    </message>
    <message>
      <location filename="../../app/ui/fileops.py" line="375" />
      <source>Export finished</source>
      <translation>导出完成</translation>
    </message>
  </context>
  <context>
    <name>History</name>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="112" />
      <source>title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="113" />
      <source>opening 【 of the title</source>
      <translation>标题开头的【</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="114" />
      <source>body</source>
      <translation>正文</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="115" />
      <source>caption</source>
      <translation>说明</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="116" />
      <location filename="../../app/ui/rule_texts.py" line="180" />
      <source>text</source>
      <translation>正文</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="120" />
      <source>review status</source>
      <translation>审核状态</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="121" />
      <location filename="../../app/ui/rule_texts.py" line="122" />
      <source>note</source>
      <translation>备注</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="123" />
      <source>tags</source>
      <translation>标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="124" />
      <source>authors</source>
      <translation>作者</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="125" />
      <source>photographers</source>
      <translation>摄影者</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="126" />
      <source>entries it illustrates</source>
      <translation>所配条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="127" />
      <source>annotation</source>
      <translation>标注</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="128" />
      <source>suggested annotation</source>
      <translation>建议的标注</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="129" />
      <source>suggested correction</source>
      <translation>修正建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="130" />
      <source>suggested tag</source>
      <translation>建议的标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="131" />
      <source>suggested photo link</source>
      <translation>建议的照片关联</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="132" />
      <source>tag</source>
      <translation>标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="140" />
      <location filename="../../app/ui/rule_texts.py" line="141" />
      <location filename="../../app/ui/rule_texts.py" line="142" />
      <location filename="../../app/ui/rule_texts.py" line="143" />
      <location filename="../../app/ui/rule_texts.py" line="144" />
      <source>%1 of entry %2</source>
      <translation>条目 %2 的%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="145" />
      <location filename="../../app/ui/rule_texts.py" line="146" />
      <location filename="../../app/ui/rule_texts.py" line="147" />
      <location filename="../../app/ui/rule_texts.py" line="148" />
      <source>%1 of photo %2</source>
      <translation>照片 %2 的%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="149" />
      <source>%1 of text block %2</source>
      <translation>文本块 %2 的%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="150" />
      <location filename="../../app/ui/rule_texts.py" line="151" />
      <location filename="../../app/ui/rule_texts.py" line="152" />
      <location filename="../../app/ui/rule_texts.py" line="153" />
      <location filename="../../app/ui/rule_texts.py" line="158" />
      <source>%1 %2</source>
      <translation>%1 %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="154" />
      <source>text block %2 as an entry</source>
      <translation>文本块 %2（设为条目）</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="155" />
      <source>structure of text block %2</source>
      <translation>文本块 %2 的结构</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="156" />
      <source>entry %2 split in two</source>
      <translation>条目 %2 拆分为两条</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="157" />
      <source>entries merged into entry %2</source>
      <translation>并入条目 %2 的条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="164" />
      <source>no entry</source>
      <translation>无条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="167" />
      <source>entry %1 ✓</source>
      <translation>条目 %1 ✓</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="169" />
      <source>entry %1 (unconfirmed)</source>
      <translation>条目 %1（未确认）</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="177" />
      <source>heading %1</source>
      <translation>%1 级标题</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="179" />
      <source>table</source>
      <translation>表格</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="193" />
      <source>entry %1 split: entry %2 takes the text from %3 on</source>
      <translation>条目 %1 已拆分：条目 %2 承接自 %3 起的文字</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="195" />
      <source>entry %2 taken back into entry %1</source>
      <translation>条目 %2 已并回条目 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="211" />
      <source>text block %1: %2 → %3</source>
      <translation>文本块 %1：%2 → %3</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="220" />
      <source>entry %2 merged into entry %1</source>
      <translation>条目 %2 已并入条目 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="222" />
      <source>entry %2 taken out of entry %1 again</source>
      <translation>条目 %2 已从条目 %1 中重新分出</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="228" />
      <source>photo %1: %2 → %3</source>
      <translation>照片 %1：%2 → %3</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="242" />
      <source>Entry %1, made from text block %2</source>
      <translation>条目 %1（由文本块 %2 设为条目）</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="246" />
      <source>Title: %1</source>
      <translation>标题：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="248" />
      <source>Text: %1</source>
      <translation>正文：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="268" />
      <source>edited</source>
      <translation>编辑</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="269" />
      <source>reverted</source>
      <translation>还原</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="270" />
      <source>find and replace</source>
      <translation>查找替换</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="271" />
      <source>name split</source>
      <translation>拆分姓名</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="272" />
      <source>annotated</source>
      <translation>标注</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="273" />
      <source>imported</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="274" />
      <source>suggestion rejected</source>
      <translation>拒绝建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="275" />
      <source>rejected suggestion restored</source>
      <translation>恢复已拒绝的建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="277" />
      <source>photo link confirmed</source>
      <translation>确认照片所配条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="278" />
      <source>photo unlinked</source>
      <translation>取消照片关联</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="279" />
      <source>photo linked to another entry</source>
      <translation>照片改配到另一条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="280" />
      <source>photo also linked to an entry</source>
      <translation>照片另配一个条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="281" />
      <source>made an entry</source>
      <translation>设为条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="282" />
      <source>structure changed</source>
      <translation>结构已修改</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="283" />
      <source>entry split</source>
      <translation>条目已拆分</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="284" />
      <source>entries merged</source>
      <translation>条目已合并</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="289" />
      <source>converted (%1)</source>
      <translation>简繁转换（%1）</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="295" />
      <source>suggestion %1 accepted (%2)</source>
      <translation>接受修正建议 %1（%2）</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="307" />
      <source>Accepted %1 safe suggestions</source>
      <translation>已接受 %1 条安全的修正建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="311" />
      <source>Accepted %2 suggestions (%1)</source>
      <translation>已接受 %2 条修正建议（%1）</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="315" />
      <source>Accepted %2 safe suggestions (%1)</source>
      <translation>已接受 %2 条安全的修正建议（%1）</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="319" />
      <source>Accepted %1 suggestions</source>
      <translation>已接受 %1 条修正建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="323" />
      <source>Accepted suggestion %2 (%1)</source>
      <translation>已接受修正建议 %2（%1）</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="327" />
      <source>Rejected %1 suggestions</source>
      <translation>已拒绝 %1 条修正建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="331" />
      <source>Brought back %1 rejected suggestions</source>
      <translation>已恢复 %1 条被拒绝的修正建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="333" />
      <source>Replaced “%1” with “%2”</source>
      <translation>已将“%1”替换为“%2”</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="336" />
      <source>Converted the corpus (%1)</source>
      <translation>已转换整个语料（%1）</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="340" />
      <source>Converted %1 entries (%2)</source>
      <translation>已转换 %1 个条目（%2）</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="342" />
      <source>Marked reviewed</source>
      <translation>已标记为已审核</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="343" />
      <source>Reopened the review</source>
      <translation>已重新打开审核</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="344" />
      <source>Review status set to %1</source>
      <translation>审核状态设为 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="345" />
      <source>Renamed the tag %1 to %2</source>
      <translation>已将标签 %1 重命名为 %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="346" />
      <source>Merged the tag %1 into %2</source>
      <translation>已将标签 %1 合并到 %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="349" />
      <source>Accepted suggested tags</source>
      <translation>已接受建议的标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="353" />
      <source>Rejected suggested tags</source>
      <translation>已拒绝建议的标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="357" />
      <source>Brought back suggested tags</source>
      <translation>已恢复被拒绝的建议标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="361" />
      <source>Brought back suggested photo links</source>
      <translation>已恢复被拒绝的建议照片关联</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="363" />
      <source>Annotated “%1” as %2</source>
      <translation>已将“%1”标注为 %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="364" />
      <source>Annotated “%1”</source>
      <translation>已标注“%1”</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="365" />
      <source>Edited annotation %1</source>
      <translation>已编辑标注 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="368" />
      <source>Confirmed %1 annotations</source>
      <translation>已确认 %1 条标注</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="372" />
      <source>Removed %1 annotations</source>
      <translation>已删除 %1 条标注</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="376" />
      <source>Accepted %1 safe suggested annotations</source>
      <translation>已接受 %1 条安全的建议标注</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="380" />
      <source>Accepted %1 suggested annotations</source>
      <translation>已接受 %1 条建议标注</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="384" />
      <source>Dismissed %1 suggested annotations</source>
      <translation>已忽略 %1 条建议标注</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="388" />
      <source>Marked every “%1” as %2 (%3)</source>
      <translation>已将所有“%1”标注为 %2（%3 处）</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="390" />
      <source>Linked the photos again</source>
      <translation>已重新关联照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="391" />
      <source>Reverted batch %1</source>
      <translation>已撤销批次 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="392" />
      <source>Reverted</source>
      <translation>已撤销</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="393" />
      <source>Split %1 into %2</source>
      <translation>已将 %1 拆分为 %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="394" />
      <source>Merged %1 into %2</source>
      <translation>已将 %1 合并到 %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="397" />
      <source>Removed %1 unused person records</source>
      <translation>已删除 %1 条无用的人物记录</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="400" />
      <source>Tagged %1</source>
      <translation>已加标签 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="401" />
      <source>Added the tags %1</source>
      <translation>已添加标签 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="402" />
      <source>Removed the tags %1</source>
      <translation>已移除标签 %1</translation>
    </message>
  </context>
  <context>
    <name>HistoryModel</name>
    <message>
      <location filename="../../app/ui/models.py" line="461" />
      <source>When</source>
      <translation>时间</translation>
    </message>
    <message>
      <location filename="../../app/ui/models.py" line="462" />
      <source>Who</source>
      <translation>修改人</translation>
    </message>
    <message>
      <location filename="../../app/ui/models.py" line="463" />
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../app/ui/models.py" line="464" />
      <source>What</source>
      <translation>内容</translation>
    </message>
    <message>
      <location filename="../../app/ui/models.py" line="465" />
      <source>Batch</source>
      <translation>批次</translation>
    </message>
  </context>
  <context>
    <name>HistoryPanel</name>
    <message>
      <location filename="../../app/ui/panels.py" line="63" />
      <source>Revert this revision</source>
      <translation>撤回此修订</translation>
    </message>
    <message>
      <location filename="../../app/ui/panels.py" line="66" />
      <source>Revert the whole batch</source>
      <translation>还原整个批次</translation>
    </message>
    <message>
      <location filename="../../app/ui/panels.py" line="70" />
      <source>Revert every revision made together with this one (a conversion, a bulk accept…)</source>
      <translation>还原与此修订一起进行的全部修订（一次转换、一次批量采纳…）</translation>
    </message>
    <message>
      <location filename="../../app/ui/panels.py" line="126" />
      <source>Too long to compare here (%1 MB): see it with the command line.</source>
      <translation>太长，无法在此比较（%1 MB）：请用命令行查看。</translation>
    </message>
  </context>
  <context>
    <name>ImportDialog</name>
    <message>
      <location filename="../../app/ui/dialogs.py" line="253" />
      <source>Import a volume</source>
      <translation>导入卷册</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="259" />
      <location filename="../../app/ui/dialogs.py" line="261" />
      <source>Choose…</source>
      <translation>选择…</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="268" />
      <source>OCR text file:</source>
      <translation>OCR 文本文件：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="272" />
      <source>Photographs folder:</source>
      <translation>照片文件夹：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="273" />
      <source>Encoding:</source>
      <translation>编码：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="276" />
      <source>Photo links are resolved in this folder and next to the text file; links pointing anywhere else are refused.</source>
      <translation>照片链接只在此文件夹和文本文件所在文件夹中查找；指向其他位置的链接会被拒绝。</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="284" />
      <source>Import</source>
      <translation>导入</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="296" />
      <source>Choose the OCR text</source>
      <translation>选择 OCR 文本</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="298" />
      <source>Text files (*.txt *.md);;All files (*)</source>
      <translation>文本文件 (*.txt *.md);;所有文件 (*)</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="307" />
      <source>Choose the photographs folder</source>
      <translation>选择照片文件夹</translation>
    </message>
  </context>
  <context>
    <name>KeysDialog</name>
    <message>
      <location filename="../../app/ui/dialogs.py" line="489" />
      <source>Keyboard shortcuts</source>
      <translation>快捷键</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="493" />
      <source>Keys</source>
      <translation>按键</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="493" />
      <source>What they do</source>
      <translation>作用</translation>
    </message>
  </context>
  <context>
    <name>MainWindow</name>
    <message>
      <location filename="../../app/ui/centre.py" line="25" />
      <source>Import a volume…</source>
      <translation>导入卷册…</translation>
    </message>
    <message>
      <location filename="../../app/ui/saving.py" line="70" />
      <source>Edit %1</source>
      <translation>编辑 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="99" />
      <location filename="../../app/ui/mainwindow.py" line="352" />
      <source>Yearbook Curator</source>
      <translation>年鉴整理</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="209" />
      <location filename="../../app/ui/mainwindow.py" line="848" />
      <source>Entries</source>
      <translation>条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="210" />
      <source>Photographs</source>
      <translation>照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="212" />
      <location filename="../../app/ui/mainwindow.py" line="336" />
      <source>Suggestions</source>
      <translation>修正建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="215" />
      <source>History</source>
      <translation>修订历史</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="217" />
      <source>Source</source>
      <translation>原文位置</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="224" />
      <source>Unlinked photos</source>
      <translation>未关联的照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="233" />
      <source>Text blocks</source>
      <translation>文本块</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="241" />
      <source>Sections</source>
      <translation>类目</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="312" />
      <source>Undo %1</source>
      <translation>撤销 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="317" />
      <source>Redo %1</source>
      <translation>重做 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="380" />
      <source>No project is open.</source>
      <translation>没有打开的项目。</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="384" />
      <source>No entries were read in this volume: its text is kept as text blocks (the Text blocks panel), where a block can be made an entry.</source>
      <translation>此卷中没有识别出条目：其文本保存为文本块（见“文本块”面板），可在那里把文本块设为条目。</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="390" />
      <source>This project is empty. Import an OCR'd volume to begin.</source>
      <translation>此项目还是空的。导入一册 OCR 识别的卷册即可开始。</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="531" />
      <source>No more search hits in this direction.</source>
      <translation>这个方向上没有更多搜索结果了。</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="592" />
      <source>Cannot show the entry</source>
      <translation>无法显示条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="741" />
      <source>Suggestions (%1)</source>
      <translation>修正建议 (%1)</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="821" />
      <source>Traditional-script view (s2t): for reading only; the stored text is unchanged.</source>
      <translation>繁体视图 (s2t)：仅供阅读，存储的文本不变。</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="847" />
      <source>No project</source>
      <translation>无项目</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="854" />
      <location filename="../../app/ui/saving.py" line="85" />
      <source>Not saved</source>
      <translation>未保存</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="856" />
      <source>Editing…</source>
      <translation>编辑中…</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="858" />
      <source>Saved</source>
      <translation>已保存</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="861" />
      <source>%1 entries</source>
      <translation>%1 条</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="863" />
      <source>%1 of %2 entries</source>
      <translation>%1 / %2 条</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="866" />
      <source>%1 suggestions pending</source>
      <translation>待处理的修正建议 %1 条</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="868" />
      <source>Entries (%1)</source>
      <translation>条目 (%1)</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="877" />
      <source>counting…</source>
      <translation>正在计数…</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="879" />
      <source>more than %1</source>
      <translation>超过 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/saving.py" line="116" />
      <source>Unsaved changes</source>
      <translation>有未保存的修改</translation>
    </message>
    <message>
      <location filename="../../app/ui/saving.py" line="117" />
      <source>Some changes to this entry could not be saved (see the last message). Close anyway and lose them? Cancel keeps them in the editor so you can retry.</source>
      <translation>此条目的部分修改未能保存（见上一条消息）。仍要关闭并丢弃这些修改吗？选“取消”则修改保留在编辑器中，可以重试。</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="346" />
      <source>Changed since %1</source>
      <translation>%1 以来修改过</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="356" />
      <source>Any suggestion or photo</source>
      <translation>不限建议与照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="359" />
      <source>Safe suggestions pending</source>
      <translation>有待处理的安全建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="360" />
      <source>Suggestions to check</source>
      <translation>有需核对的建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="373" />
      <source>Unconfirmed photo links</source>
      <translation>照片关联未确认</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="377" />
      <source>Photos without a photographer</source>
      <translation>无摄影者的照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="379" />
      <source>With photographs</source>
      <translation>有照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="380" />
      <source>Without an author</source>
      <translation>无作者</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="383" />
      <source>Changed since…</source>
      <translation>某日以来修改过…</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="432" />
      <source>Filters</source>
      <translation>筛选</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="440" />
      <source>Search, e.g. 工会</source>
      <translation>搜索，如 工会</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="455" />
      <source>Show entries with this tag (or a tag below it), or with none</source>
      <translation>显示带有此标签（或其下级标签）的条目，或无标签的条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="462" />
      <source>All statuses</source>
      <translation>全部状态</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="463" />
      <source>○ Unreviewed</source>
      <translation>○ 未审核</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="464" />
      <source>◐ In progress</source>
      <translation>◐ 审核中</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="465" />
      <source>● Reviewed</source>
      <translation>● 已审核</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="471" />
      <source>All entries</source>
      <translation>全部条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="472" />
      <source>With pending suggestions</source>
      <translation>有待修正</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="473" />
      <source>Without pending suggestions</source>
      <translation>无待修正</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="489" />
      <source>Show entries with suggestions of a rule or a safety, photo links to confirm, no author, or changes since a date</source>
      <translation>显示有某条规则或某种安全性的建议、照片关联待确认、无作者或某日以来修改过的条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="501" />
      <source>Show the entries of every section again</source>
      <translation>重新显示所有类目的条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="563" />
      <source>Section: %1 ✕</source>
      <translation>类目：%1 ✕</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="297" />
      <source>All tags</source>
      <translation>全部标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/navigator.py" line="298" />
      <source>No tag</source>
      <translation>无标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="48" />
      <source>&amp;File</source>
      <translation>文件(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="49" />
      <source>&amp;Edit</source>
      <translation>编辑(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="50" />
      <source>&amp;Suggestions</source>
      <translation>修正建议(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="51" />
      <source>&amp;View</source>
      <translation>视图(&amp;V)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="52" />
      <source>&amp;Tools</source>
      <translation>工具(&amp;T)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="53" />
      <source>&amp;Help</source>
      <translation>帮助(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="57" />
      <source>&amp;Import volume…</source>
      <translation>导入卷册(&amp;I)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="58" />
      <source>&amp;New project…</source>
      <translation>新建项目(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="59" />
      <source>&amp;Open project…</source>
      <translation>打开项目(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="60" />
      <source>Recent projects</source>
      <translation>最近的项目</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="61" />
      <source>&amp;Export…</source>
      <translation>导出(&amp;E)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="62" />
      <source>&amp;Quit</source>
      <translation>退出(&amp;Q)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="63" />
      <location filename="../../app/ui/mainwindow.py" line="312" />
      <source>Undo</source>
      <translation>撤销</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="64" />
      <location filename="../../app/ui/mainwindow.py" line="317" />
      <source>Redo</source>
      <translation>重做</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="65" />
      <source>&amp;Find</source>
      <translation>查找(&amp;F)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="66" />
      <source>Next search &amp;hit</source>
      <translation>下一个搜索结果(&amp;H)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="68" />
      <source>Previous search hit</source>
      <translation>上一个搜索结果</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="71" />
      <source>&amp;Replace in all entries…</source>
      <translation>在全部条目中替换(&amp;R)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="75" />
      <source>✓ Reviewed</source>
      <translation>✓ 审核完成</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="76" />
      <source>Mark the entry reviewed (Ctrl+Shift+M)</source>
      <translation>将条目标记为已审核（Ctrl+Shift+M）</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="79" />
      <source>&amp;Tag the selected entries…</source>
      <translation>为选中条目加标签(&amp;T)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="88" />
      <source>S&amp;plit the entry here</source>
      <translation>在此拆分条目(&amp;P)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="89" />
      <source>A new entry takes the body from the caret on (undo takes it back)</source>
      <translation>从光标处起的正文成为一个新条目（撤销即可复原）</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="93" />
      <source>&amp;Merge with the next entry</source>
      <translation>与下一条目合并(&amp;M)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="95" />
      <source>The entry after this one becomes part of it: its text, tags, photos and authors</source>
      <translation>把下一条目并入本条目：其文字、标签、照片和作者</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="99" />
      <source>Edit &amp;authors…</source>
      <translation>编辑作者(&amp;A)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="100" />
      <source>Re&amp;link the photo to…</source>
      <translation>把照片重新关联到(&amp;L)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="102" />
      <source>Convert this entry to traditional (s2t)</source>
      <translation>把本条目转换为繁体 (s2t)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="106" />
      <source>Convert this entry to simplified (t2s)</source>
      <translation>把本条目转换为简体 (t2s)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="109" />
      <source>&amp;Next suggestion</source>
      <translation>下一条建议(&amp;N)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="111" />
      <source>&amp;Previous suggestion</source>
      <translation>上一条建议(&amp;P)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="115" />
      <source>&amp;Accept suggestion</source>
      <translation>接受建议(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="118" />
      <source>&amp;Reject suggestion</source>
      <translation>拒绝建议(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="120" />
      <source>Accept all safe in &amp;entry</source>
      <translation>接受本条目全部安全建议(&amp;E)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="124" />
      <source>Accept all safe in &amp;project…</source>
      <translation>接受整个项目的安全建议(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="128" />
      <source>Next entry ▶</source>
      <translation>下一条 ▶</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="129" />
      <source>Next entry (Ctrl+Down)</source>
      <translation>下一条 (Ctrl+↓)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="132" />
      <source>◀ Previous entry</source>
      <translation>◀ 上一条</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="133" />
      <source>Previous entry (Ctrl+Up)</source>
      <translation>上一条 (Ctrl+↑)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="135" />
      <source>Go to the entry &amp;list</source>
      <translation>转到条目列表(&amp;L)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="137" />
      <source>简 | 繁</source>
      <translation>简 | 繁</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="138" />
      <source>Show the text in traditional script, for reading only (Ctrl+T)</source>
      <translation>以繁体显示文本，仅供阅读 (Ctrl+T)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="141" />
      <source>Show in &amp;source</source>
      <translation>在原文中显示(&amp;S)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="144" />
      <source>Unlinked &amp;photos</source>
      <translation>未关联的照片(&amp;P)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="145" />
      <source>Zoom photo in</source>
      <translation>放大照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="146" />
      <source>Zoom photo out</source>
      <translation>缩小照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="147" />
      <source>Fit photo</source>
      <translation>照片适应窗口</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="148" />
      <source>Panels</source>
      <translation>面板</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="149" />
      <source>&amp;Tags…</source>
      <translation>标签(&amp;T)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="150" />
      <source>&amp;People…</source>
      <translation>人物(&amp;P)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="151" />
      <source>Progress &amp;overview…</source>
      <translation>进度(&amp;O)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="152" />
      <source>&amp;Convert the stored text…</source>
      <translation>转换存储的文本(&amp;C)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="153" />
      <source>&amp;Settings…</source>
      <translation>设置(&amp;S)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="154" />
      <source>&amp;Keyboard shortcuts</source>
      <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="155" />
      <source>&amp;About Yearbook Curator</source>
      <translation>关于年鉴整理(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="160" />
      <source>accept / reject, in the suggestion list</source>
      <extracomment>Keys that work inside one panel rather than in the whole window.</extracomment>
      <translation>接受 / 拒绝（在修正建议列表中）</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="163" />
      <source>zoom the photo in / out / to fit, in the photo panel</source>
      <translation>放大 / 缩小 / 适应照片（在照片面板中）</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="83" />
      <source>A&amp;nnotate the selection…</source>
      <translation>标注所选文字(&amp;N)…</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="84" />
      <source>Annotate the selected text, then a letter for the kind (Ctrl+K)</source>
      <translation>标注所选文字，再按一个字母选择类别（Ctrl+K）</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="142" />
      <source>&amp;Annotations</source>
      <translation>标注(&amp;A)</translation>
    </message>
    <message>
      <location filename="../../app/ui/actions.py" line="143" />
      <source>&amp;Records: people, places, organisations</source>
      <translation>名录：人物、地点、机构(&amp;R)</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="227" />
      <source>Annotations</source>
      <translation>标注</translation>
    </message>
    <message>
      <location filename="../../app/ui/mainwindow.py" line="239" />
      <source>Records</source>
      <translation>名录</translation>
    </message>
  </context>
  <context>
    <name>MakeEntryDialog</name>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="244" />
      <source>Make an entry of this text block</source>
      <translation>把此文本块设为条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="253" />
      <source>The first line as the title keeps the text as it is; another title is printed in 【】 before the whole text.</source>
      <translation>以首行为标题时，文本保持原样；若用其他标题，则以【】印在全文之前。</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="259" />
      <source>Make entry</source>
      <translation>设为条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="262" />
      <source>Title of the entry:</source>
      <translation>条目标题：</translation>
    </message>
  </context>
  <context>
    <name>NavigatorWidget</name>
    <message>
      <location filename="../../app/ui/navigator.py" line="214" />
      <source>%1 selected</source>
      <translation>已选 %1 条</translation>
    </message>
  </context>
  <context>
    <name>OverviewDialog</name>
    <message>
      <location filename="../../app/ui/overview.py" line="52" />
      <source>Progress overview</source>
      <translation>进度概览</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="61" />
      <source>Entries</source>
      <translation>条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="62" />
      <source>Reviewed</source>
      <translation>已审核</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="63" />
      <source>In progress</source>
      <translation>审核中</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="64" />
      <source>Unreviewed</source>
      <translation>未审核</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="65" />
      <source>Suggestions pending</source>
      <translation>待处理的修正建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="66" />
      <source>… of them safe</source>
      <translation>… 其中安全的</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="67" />
      <source>… of them to check</source>
      <translation>… 其中需核对的</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="68" />
      <source>Suggested tags to decide</source>
      <translation>待决定的建议标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="69" />
      <source>Suggested photo links to decide</source>
      <translation>待决定的照片关联建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="70" />
      <source>Photographs</source>
      <translation>照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="71" />
      <source>Photos with unconfirmed links</source>
      <translation>关联未确认的照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="72" />
      <source>Photos linked to no entry</source>
      <translation>未关联任何条目的照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="73" />
      <source>Entries without an author</source>
      <translation>无作者的条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="74" />
      <source>Photos without a photographer</source>
      <translation>无摄影者的照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="75" />
      <source>Entries without a tag</source>
      <translation>无标签的条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="76" />
      <source>People</source>
      <translation>人物</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="94" />
      <source>Show these entries in the list</source>
      <translation>在列表中显示这些条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="106" />
      <source>Show the entries with these suggestions</source>
      <translation>显示有这些修正建议的条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="113" />
      <source>Pending by rule (click to list the entries)</source>
      <translation>按规则统计的待处理建议（点击列出条目）</translation>
    </message>
  </context>
  <context>
    <name>PeopleDialog</name>
    <message>
      <location filename="../../app/ui/managers.py" line="166" />
      <source>People</source>
      <translation>人物</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="173" />
      <source>Find a person (either script)…</source>
      <translation>查找人物（简繁均可）…</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="175" />
      <source>Rename…</source>
      <translation>改名…</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="177" />
      <source>Merge the two selected</source>
      <translation>合并选中的两人</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="179" />
      <source>The first selected person keeps their name; the other's become variants</source>
      <translation>先选中的人物保留其姓名；另一人的姓名成为异名</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="207" />
      <location filename="../../app/ui/managers.py" line="225" />
      <source>Rename person</source>
      <translation>人物改名</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="214" />
      <source>Merge people</source>
      <translation>合并人物</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="226" />
      <source>New name (the old one stays as a variant):</source>
      <translation>新姓名（旧姓名保留为异名）：</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="236" />
      <source>Select exactly two people to merge</source>
      <translation>请恰好选中两人进行合并</translation>
    </message>
  </context>
  <context>
    <name>PeopleModel</name>
    <message>
      <location filename="../../app/ui/curation_models.py" line="54" />
      <source>Name</source>
      <translation>姓名</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_models.py" line="55" />
      <source>Other names</source>
      <translation>异名</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_models.py" line="56" />
      <source>Entries</source>
      <translation>条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_models.py" line="57" />
      <source>Photos</source>
      <translation>照片</translation>
    </message>
  </context>
  <context>
    <name>PhotoLinks</name>
    <message>
      <location filename="../../app/ui/unlinked.py" line="30" />
      <source>Suggested: entry %1, which names the caption's subject and shares the words %2</source>
      <translation>建议：条目 %1，它提到说明中的主体，并有共同的词语 %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/unlinked.py" line="35" />
      <source>Suggested: entry %1, which names the caption's subject</source>
      <translation>建议：条目 %1，它提到说明中的主体</translation>
    </message>
    <message>
      <location filename="../../app/ui/unlinked.py" line="41" />
      <source>No entry names %1: none is proposed; choose one or leave the photo unlinked.</source>
      <translation>没有条目提到 %1：不作建议；请自选条目，或让照片保持未关联。</translation>
    </message>
    <message>
      <location filename="../../app/ui/unlinked.py" line="45" />
      <source>No entry is close enough to the caption to propose one.</source>
      <translation>没有与说明足够接近的条目，不作建议。</translation>
    </message>
  </context>
  <context>
    <name>PhotoPanelWidget</name>
    <message>
      <location filename="../../app/ui/photos.py" line="234" />
      <source>Zoom out (−)</source>
      <translation>缩小 (−)</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="235" />
      <source>Zoom in (+)</source>
      <translation>放大 (+)</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="236" />
      <source>Fit</source>
      <translation>适应</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="236" />
      <source>Fit the photo in the panel (0)</source>
      <translation>照片适应面板 (0)</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="237" />
      <source>Actual size</source>
      <translation>实际大小</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="249" />
      <source>Zoom: the photo's size on screen</source>
      <translation>缩放：照片在屏幕上的大小</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="289" />
      <source>Fit · %1</source>
      <translation>适应窗口 · %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="303" />
      <source>Edit the photographers</source>
      <translation>编辑摄影者</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="311" />
      <source>✓ Confirm</source>
      <translation>✓ 确认</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="311" />
      <source>Confirm that the photo belongs to this entry</source>
      <translation>确认照片属于本条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="313" />
      <source>Relink to…</source>
      <translation>改关联到…</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="313" />
      <source>Link the photo to another entry instead</source>
      <translation>把照片改为关联到另一个条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="315" />
      <source>Unlink</source>
      <translation>取消关联</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="315" />
      <source>The photo does not illustrate this entry</source>
      <translation>照片与本条目无关</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="327" />
      <source>Drag onto an entry in the list to re-link the photo</source>
      <translation>拖到条目列表中的某个条目上，即可重新关联照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="343" />
      <source>Link there</source>
      <translation>配到该条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="343" />
      <source>Link the photo to the suggested entry instead</source>
      <translation>改把照片配到建议的条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="345" />
      <source>Dismiss</source>
      <translation>忽略</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="345" />
      <source>Not that entry: the suggestion is not made again (Ctrl+Z brings it back)</source>
      <translation>不是这个条目：不再提出此建议（按 Ctrl+Z 可恢复）</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="359" />
      <source>Note for this photo</source>
      <translation>本照片的备注</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="383" />
      <source>✓ Confirmed</source>
      <translation>✓ 已确认</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="383" />
      <source>Unconfirmed</source>
      <translation>未确认</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="390" />
      <source>The photo also illustrates %1 other entries</source>
      <translation>照片还关联了另外 %1 个条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="418" />
      <source>No photograph is linked to this entry.</source>
      <translation>此条目没有关联的照片。</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="448" />
      <source>Photo: %1</source>
      <translation>摄影：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="448" />
      <source>Photographer unknown</source>
      <translation>摄影者不详</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="457" />
      <source>Loading photo…</source>
      <translation>正在载入照片…</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="500" />
      <source>The photo file is missing.</source>
      <translation>照片文件不存在。</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="501" />
      <source>The photo link points outside the folders you chose.</source>
      <translation>照片链接指向所选文件夹之外。</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="502" />
      <source>The photo file is damaged (truncated or corrupt).</source>
      <translation>照片文件已损坏（不完整或数据错误）。</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="503" />
      <source>The photo is too large to open safely.</source>
      <translation>照片过大，无法安全打开。</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="504" />
      <source>The photo takes too long to decode (stopped).</source>
      <translation>照片解码耗时过长（已停止）。</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="505" />
      <source>The file is not a picture.</source>
      <translation>该文件不是图片。</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="506" />
      <source>The photo file is empty.</source>
      <translation>照片文件是空的。</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="507" />
      <source>The photo link is not a regular file.</source>
      <translation>照片链接不是普通文件。</translation>
    </message>
    <message>
      <location filename="../../app/ui/photos.py" line="509" />
      <source>The photo cannot be shown.</source>
      <translation>无法显示照片。</translation>
    </message>
  </context>
  <context>
    <name>RecordsPanel</name>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="343" />
      <source>Filter names (either script)</source>
      <translation>筛选名称（简繁皆可）</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="348" />
      <source>Name</source>
      <translation>名称</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="348" />
      <source>Entries</source>
      <translation>条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="348" />
      <source>Reading</source>
      <translation>读音</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="352" />
      <source>Reading…</source>
      <translation>读音…</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="356" />
      <source>The pinyin the index sorts this name by (曾 zēng, 单 shàn, 解 xiè as surnames)</source>
      <translation>索引按此拼音排列这个名称（曾 zēng、单 shàn、解 xiè 作姓氏时）</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="379" />
      <source>People</source>
      <translation>人物</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="380" />
      <source>Places</source>
      <translation>地点</translation>
    </message>
    <message>
      <location filename="../../app/ui/annotation_panel.py" line="381" />
      <source>Organisations</source>
      <translation>机构</translation>
    </message>
  </context>
  <context>
    <name>RelinkDialog</name>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="178" />
      <source>Relink the photo</source>
      <translation>重新关联照片</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="190" />
      <source>Search entries…</source>
      <translation>搜索条目…</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_dialogs.py" line="207" />
      <source>Relink</source>
      <translation>重新关联</translation>
    </message>
  </context>
  <context>
    <name>ReplaceDialog</name>
    <message>
      <location filename="../../app/ui/dialogs.py" line="142" />
      <source>Replace in all entries</source>
      <translation>在全部条目中替换</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="149" />
      <source>Regular expression</source>
      <translation>正则表达式</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="150" />
      <source>Preview</source>
      <translation>预览</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="155" />
      <source>Where</source>
      <translation>位置</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="155" />
      <source>Before</source>
      <translation>替换前</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="155" />
      <source>After</source>
      <translation>替换后</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="166" />
      <source>Replace the checked matches</source>
      <translation>替换已勾选的匹配</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="242" />
      <source>%1 of %2 matches checked, in %3 fields</source>
      <translation>已勾选 %2 处匹配中的 %1 处，涉及 %3 个字段</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="172" />
      <source>Find:</source>
      <translation>查找：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="173" />
      <source>Replace with:</source>
      <translation>替换为：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="207" />
      <source>Search cancelled: nothing was replaced.</source>
      <translation>已取消查找：没有替换任何内容。</translation>
    </message>
  </context>
  <context>
    <name>ReviewController</name>
    <message>
      <location filename="../../app/ui/review.py" line="105" />
      <source>No more pending suggestions in this direction.</source>
      <translation>这个方向上没有更多待处理的建议了。</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="123" />
      <source>Accept %1</source>
      <translation>接受 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="141" />
      <source>Reject %1</source>
      <translation>拒绝 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="158" />
      <source>Restore rejected suggestion</source>
      <translation>恢复已拒绝的建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="245" />
      <source>Accept all safe suggestions in the entry</source>
      <translation>接受本条目全部安全建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="264" />
      <source>%1 of them are in %2 entries already marked reviewed: those entries are left as they are (reopen an entry's review to accept them there).</source>
      <translation>其中 %1 条位于 %2 个已标记为已审核的条目中：这些条目保持不变（如需在其中接受，请先重新打开该条目的审核）。</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="267" />
      <location filename="../../app/ui/review.py" line="283" />
      <source>Accept all safe suggestions</source>
      <translation>接受全部安全建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="257" />
      <source>Accept every pending safe suggestion in the whole project as one batch?
It can be undone (Ctrl+Z) or reverted from the history.</source>
      <translation>将整个项目中所有待处理的安全建议作为一批接受？
之后可以撤销 (Ctrl+Z)，或在修订历史中撤回。</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="273" />
      <source>Accepting safe suggestions…</source>
      <translation>正在接受安全建议…</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="294" />
      <source>Cancelled: nothing was changed.</source>
      <translation>已取消：没有任何修改。</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="401" />
      <source>%1 matches were not replaced: their text changed since the preview.</source>
      <translation>%1 处匹配未替换：预览之后其文本已改动。</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="284" />
      <source>Accepted %1 safe suggestions.</source>
      <translation>已接受 %1 条安全建议。</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="165" />
      <source>Restore rejected suggested tag</source>
      <translation>恢复已拒绝的建议标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="176" />
      <source>Restore rejected suggested photo link</source>
      <translation>恢复已拒绝的建议照片关联</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="207" />
      <source>Suggested tag %1 (“%2” in the %3)</source>
      <translation>建议的标签 %1（%3中的“%2”）</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="222" />
      <source>Suggested photo link: photo %1 to this entry</source>
      <translation>建议的照片关联：照片 %1 配到本条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="229" />
      <source>Suggested photo link: photo %1 to entry %2 · %3</source>
      <translation>建议的照片关联：照片 %1 配到条目 %2 · %3</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="286" />
      <source>Entries already reviewed were left as they are: %1.</source>
      <translation>已审核的条目保持不变：%1 个。</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="313" />
      <source>Revert revision %1</source>
      <translation>撤回修订 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="342" />
      <source>Mark reviewed</source>
      <translation>标记为已审核</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="342" />
      <source>Reopen review</source>
      <translation>重新审核</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="363" />
      <source>Searching for “%1”…</source>
      <translation>正在查找“%1”…</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="387" />
      <source>Replacing “%1”…</source>
      <translation>正在替换“%1”…</translation>
    </message>
    <message>
      <location filename="../../app/ui/review.py" line="397" />
      <source>Replace “%1”</source>
      <translation>替换“%1”</translation>
    </message>
  </context>
  <context>
    <name>Rules</name>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="23" />
      <source>Number split by a line break</source>
      <translation>数字被换行拆开</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="24" />
      <source>Space as a thousands separator</source>
      <translation>数字中的千分位空格</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="25" />
      <source>Half-width punctuation</source>
      <translation>半角标点</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="26" />
      <source>Title lacks its opening 【</source>
      <translation>标题缺少开头的【</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="27" />
      <source>Stray table pipe at a line end</source>
      <translation>行末多余的表格竖线</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="28" />
      <source>Line break inside a paragraph</source>
      <translation>段落内的换行</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="29" />
      <source>Space between Han characters</source>
      <translation>汉字之间的空格</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="30" />
      <source>Two columns read across the page</source>
      <translation>两栏文字被逐行横读</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="31" />
      <source>A line that may be a heading</source>
      <translation>可能是标题的一行</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="32" />
      <source>Two entries run together</source>
      <translation>两个条目连在一起</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="33" />
      <source>An entry cut short</source>
      <translation>条目在句中中断</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="34" />
      <source>Look-alike character</source>
      <translation>形近字</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="35" />
      <source>Suggested tag: a district</source>
      <translation>建议标签：区县</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="36" />
      <source>Suggested tag: an organisation</source>
      <translation>建议标签：组织</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="37" />
      <source>Suggested photo link</source>
      <translation>建议的照片关联</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="44" />
      <source>safe</source>
      <translation>安全</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="45" />
      <source>check</source>
      <translation>需核对</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="54" />
      <source>Paired bracket %1 → %2</source>
      <translation>成对括号 %1 → %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="56" />
      <source>Half-width punctuation %1 → %2</source>
      <translation>半角标点 %1 → %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="60" />
      <source>Number split by a line break → %1</source>
      <translation>数字被换行拆开 → %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="64" />
      <source>Space as a thousands separator → %1</source>
      <translation>数字中的千分位空格 → %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="69" />
      <source>%1 may be a look-alike of another character: check it</source>
      <translation>%1 可能是形近字：请核对</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="73" />
      <source>Look-alike character %1 → %2</source>
      <translation>形近字 %1 → %2</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="78" />
      <source>The title lacks its opening 【 → add 【</source>
      <translation>标题缺少开头的【 → 补上【</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="79" />
      <source>Stray table pipe | at the end of a line → remove it</source>
      <translation>行末多余的表格竖线 | → 删除</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="82" />
      <source>Line break inside a paragraph → join the two lines</source>
      <translation>段落内的换行 → 合并两行</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="85" />
      <source>Space between Han characters → remove it</source>
      <translation>汉字之间的空格 → 删除</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="86" />
      <source>Two columns interleaved line by line → read them column by column (the left column, then the right one)</source>
      <translation>两栏文字逐行交错 → 按栏重排（先左栏，后右栏）</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="91" />
      <source>This short line may be a heading (a section or an entry's title): accept to make it one</source>
      <translation>这一短行可能是标题（类目、分目或条目标题）：接受即设为标题</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="96" />
      <source>Another entry seems to begin here, run into this one: accept to split the entry here</source>
      <translation>这里似乎另起一个条目，与本条目连在了一起：接受即在此拆分条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/rule_texts.py" line="100" />
      <source>The text stops mid-sentence and the next entry has no title: accept to merge the next entry into this one</source>
      <translation>正文在句中中断，下一条目没有标题：接受即把下一条目并入本条目</translation>
    </message>
  </context>
  <context>
    <name>SearchPlace</name>
    <message>
      <location filename="../../app/ui/text.py" line="88" />
      <source>title</source>
      <translation>标题</translation>
    </message>
    <message>
      <location filename="../../app/ui/text.py" line="89" />
      <source>text</source>
      <translation>正文</translation>
    </message>
    <message>
      <location filename="../../app/ui/text.py" line="90" />
      <source>photo caption</source>
      <translation>照片说明</translation>
    </message>
    <message>
      <location filename="../../app/ui/text.py" line="91" />
      <source>author</source>
      <translation>作者</translation>
    </message>
    <message>
      <location filename="../../app/ui/text.py" line="92" />
      <source>photographer</source>
      <translation>摄影者</translation>
    </message>
    <message>
      <location filename="../../app/ui/text.py" line="93" />
      <source>tag</source>
      <translation>标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/text.py" line="94" />
      <source>note</source>
      <translation>备注</translation>
    </message>
  </context>
  <context>
    <name>SettingsDialog</name>
    <message>
      <location filename="../../app/ui/dialogs.py" line="454" />
      <source>Settings</source>
      <translation>设置</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="457" />
      <source>Follow the system</source>
      <translation>跟随系统</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="466" />
      <source>Language:</source>
      <translation>界面语言：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="467" />
      <source>Your name in revisions:</source>
      <translation>修订记录中的署名：</translation>
    </message>
    <message>
      <location filename="../../app/ui/dialogs.py" line="468" />
      <source>A new language takes effect when the app restarts.</source>
      <translation>新的界面语言在重新启动程序后生效。</translation>
    </message>
  </context>
  <context>
    <name>SinceDialog</name>
    <message>
      <location filename="../../app/ui/overview.py" line="140" />
      <source>Entries changed since</source>
      <translation>某日以来修改过的条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/overview.py" line="152" />
      <source>Show the entries changed on or after this day:</source>
      <translation>显示这一天及以后修改过的条目：</translation>
    </message>
  </context>
  <context>
    <name>SourcePanel</name>
    <message>
      <location filename="../../app/ui/panels.py" line="203" />
      <source>%1, from line %2 (original OCR text, read-only)</source>
      <translation>%1，第 %2 行起（OCR 原文，只读）</translation>
    </message>
    <message>
      <location filename="../../app/ui/panels.py" line="210" />
      <source>Too long to show whole (%1 MB): only its beginning.</source>
      <translation>太长，无法完整显示（%1 MB）：只显示开头部分。</translation>
    </message>
  </context>
  <context>
    <name>Structure</name>
    <message>
      <location filename="../../app/ui/navigator.py" line="561" />
      <location filename="../../app/ui/structure_tree.py" line="142" />
      <source>(under no heading)</source>
      <translation>（无标题下）</translation>
    </message>
    <message>
      <location filename="../../app/ui/structure_tree.py" line="27" />
      <source>%1 (%2)</source>
      <translation>%1（%2）</translation>
    </message>
    <message>
      <location filename="../../app/ui/structure_tree.py" line="127" />
      <source>All sections</source>
      <translation>全部类目</translation>
    </message>
    <message>
      <location filename="../../app/ui/restructure.py" line="41" />
      <source>Put the caret in the body where the new entry begins</source>
      <translation>请把光标放在正文中新条目开始的位置</translation>
    </message>
    <message>
      <location filename="../../app/ui/restructure.py" line="57" />
      <source>Split the entry</source>
      <translation>拆分条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/restructure.py" line="65" />
      <source>Merge with the next entry</source>
      <translation>与下一条目合并</translation>
    </message>
  </context>
  <context>
    <name>SuggestedChip</name>
    <message>
      <location filename="../../app/ui/chips.py" line="155" />
      <source>Apply this suggested tag</source>
      <translation>采用此建议标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/chips.py" line="163" />
      <source>Reject this suggestion</source>
      <translation>拒绝此建议</translation>
    </message>
  </context>
  <context>
    <name>SuggestionListModel</name>
    <message>
      <location filename="../../app/ui/models.py" line="397" />
      <source>Rule</source>
      <translation>规则</translation>
    </message>
    <message>
      <location filename="../../app/ui/models.py" line="397" />
      <source>Change</source>
      <translation>修改</translation>
    </message>
    <message>
      <location filename="../../app/ui/models.py" line="397" />
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../app/ui/models.py" line="416" />
      <source>(hint)</source>
      <translation>（提示）</translation>
    </message>
  </context>
  <context>
    <name>SuggestionsPanel</name>
    <message>
      <location filename="../../app/ui/suggestion_dock.py" line="88" />
      <source>Accept</source>
      <translation>接受</translation>
    </message>
    <message>
      <location filename="../../app/ui/suggestion_dock.py" line="71" />
      <source>Change</source>
      <translation>修改</translation>
    </message>
    <message>
      <location filename="../../app/ui/suggestion_dock.py" line="71" />
      <source>Where</source>
      <translation>位置</translation>
    </message>
    <message>
      <location filename="../../app/ui/suggestion_dock.py" line="71" />
      <source>Safety</source>
      <translation>安全性</translation>
    </message>
    <message>
      <location filename="../../app/ui/suggestion_dock.py" line="71" />
      <source>Why</source>
      <translation>原因</translation>
    </message>
    <message>
      <location filename="../../app/ui/suggestion_dock.py" line="90" />
      <source>Accept the suggestion under the cursor or selected here (Ctrl+Return, A)</source>
      <translation>接受光标所在或此处选中的修正建议（Ctrl+Return，A）</translation>
    </message>
    <message>
      <location filename="../../app/ui/suggestion_dock.py" line="92" />
      <source>Reject</source>
      <translation>拒绝</translation>
    </message>
    <message>
      <location filename="../../app/ui/suggestion_dock.py" line="93" />
      <source>Reject the selected suggestion (Ctrl+Backspace, R)</source>
      <translation>拒绝选中的建议 (Ctrl+Backspace, R)</translation>
    </message>
    <message>
      <location filename="../../app/ui/suggestion_dock.py" line="94" />
      <source>Accept all safe in entry</source>
      <translation>接受本条目全部安全建议</translation>
    </message>
    <message>
      <location filename="../../app/ui/suggestion_dock.py" line="116" />
      <source>Show the suggestions rejected in this entry (corrections, tags, photo links), to bring one back</source>
      <translation>显示本条目中已拒绝的建议（修正、标签、照片关联），可恢复其中之一</translation>
    </message>
    <message>
      <location filename="../../app/ui/suggestion_dock.py" line="122" />
      <source>Restore</source>
      <translation>恢复</translation>
    </message>
    <message>
      <location filename="../../app/ui/suggestion_dock.py" line="125" />
      <source>Make the selected rejected suggestion pending again (Ctrl+Z undoes it)</source>
      <translation>将选中的已拒绝建议恢复为待处理（Ctrl+Z 可撤销）</translation>
    </message>
    <message>
      <location filename="../../app/ui/suggestion_dock.py" line="163" />
      <source>Rejected (%1)</source>
      <translation>已拒绝（%1）</translation>
    </message>
    <message>
      <location filename="../../app/ui/suggestion_dock.py" line="202" />
      <source>%1 pending, %2 safe</source>
      <translation>待处理 %1 条，其中安全 %2 条</translation>
    </message>
  </context>
  <context>
    <name>TagChip</name>
    <message>
      <location filename="../../app/ui/chips.py" line="127" />
      <source>Remove this tag</source>
      <translation>移除此标签</translation>
    </message>
  </context>
  <context>
    <name>TagListModel</name>
    <message>
      <location filename="../../app/ui/curation_models.py" line="26" />
      <source>Tag</source>
      <translation>标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_models.py" line="26" />
      <source>Entries</source>
      <translation>条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/curation_models.py" line="26" />
      <source>With subtags</source>
      <translation>含下级标签</translation>
    </message>
  </context>
  <context>
    <name>TagManagerDialog</name>
    <message>
      <location filename="../../app/ui/managers.py" line="67" />
      <source>Tags</source>
      <translation>标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="74" />
      <source>Rename…</source>
      <translation>改名…</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="75" />
      <source>Merge into…</source>
      <translation>合并到…</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="76" />
      <source>Colour…</source>
      <translation>颜色…</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="87" />
      <source>Renames and merges are one change each: Ctrl+Z in the window undoes them.</source>
      <translation>每次改名或合并都是一次修改：在主窗口中按 Ctrl+Z 即可撤销。</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="107" />
      <location filename="../../app/ui/managers.py" line="133" />
      <source>Rename tag</source>
      <translation>标签改名</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="112" />
      <location filename="../../app/ui/managers.py" line="146" />
      <source>Merge tags</source>
      <translation>合并标签</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="125" />
      <location filename="../../app/ui/managers.py" line="155" />
      <source>Tag colour</source>
      <translation>标签颜色</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="133" />
      <source>New name:</source>
      <translation>新名称：</translation>
    </message>
    <message>
      <location filename="../../app/ui/managers.py" line="146" />
      <source>Merge into:</source>
      <translation>合并到：</translation>
    </message>
  </context>
  <context>
    <name>TagRowWidget</name>
    <message>
      <location filename="../../app/ui/chips.py" line="191" />
      <source>Tags:</source>
      <translation>标签：</translation>
    </message>
    <message>
      <location filename="../../app/ui/chips.py" line="200" />
      <source>Add a tag to the selected entries (Ctrl+Shift+T); 地区/普陀区 makes a hierarchy</source>
      <translation>为选中条目加标签（Ctrl+Shift+T）；地区/普陀区 表示层级</translation>
    </message>
    <message>
      <location filename="../../app/ui/chips.py" line="206" />
      <source>Tag, e.g. 地区/普陀区</source>
      <translation>标签，如 地区/普陀区</translation>
    </message>
    <message>
      <location filename="../../app/ui/chips.py" line="255" />
      <source>Suggested from the text: %1</source>
      <translation>根据正文建议：%1</translation>
    </message>
  </context>
  <context>
    <name>TextBlocks</name>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="49" />
      <source>Heading %1</source>
      <translation>标题 %1</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="53" />
      <source>Table</source>
      <translation>表格</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="54" />
      <source>Text</source>
      <translation>正文</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="309" />
      <source>Edit text block</source>
      <translation>编辑文本块</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="331" />
      <source>Make entry from text block</source>
      <translation>把文本块设为条目</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="346" />
      <source>Make a heading</source>
      <translation>设为标题</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="347" />
      <source>Make a table</source>
      <translation>设为表格</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="348" />
      <source>Make prose</source>
      <translation>设为正文</translation>
    </message>
  </context>
  <context>
    <name>TextBlocksPanel</name>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="83" />
      <source>Save text</source>
      <translation>保存文本</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="87" />
      <source>Make entry…</source>
      <translation>设为条目…</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="90" />
      <source>Make this block an entry, with a title you choose (undo takes it back)</source>
      <translation>把此文本块设为条目，标题由您选定（撤销即可还原）</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="98" />
      <source>Make it a heading</source>
      <translation>设为标题</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="100" />
      <source>The block (or the lines selected in its text) is a heading: the entries after it stand under it</source>
      <translation>此文本块（或其中选中的行）是标题：其后的条目归入该标题之下</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="106" />
      <source>This is a table</source>
      <translation>这是表格</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="107" />
      <source>The block (or the lines selected) is a table: never prose, never authors</source>
      <translation>此文本块（或选中的行）是表格：不当作正文，也不从中识别作者</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="111" />
      <source>Make it prose</source>
      <translation>设为正文</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="112" />
      <source>The block (or the lines selected) is prose</source>
      <translation>此文本块（或选中的行）是正文</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="122" />
      <source>Structure</source>
      <translation>结构</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="181" />
      <source>%1, line %2</source>
      <translation>%1，第 %2 行</translation>
    </message>
    <message>
      <location filename="../../app/ui/text_blocks.py" line="183" />
      <source>page %1</source>
      <translation>第 %1 页</translation>
    </message>
  </context>
  <context>
    <name>Tools</name>
    <message>
      <location filename="../../app/ui/review.py" line="329" />
      <source>Revert batch %1</source>
      <translation>还原批次 %1</translation>
    </message>
  </context>
  <context>
    <name>ToolsController</name>
    <message>
      <location filename="../../app/ui/tools.py" line="121" />
      <source>Converting (%1)…</source>
      <translation>正在转换（%1）…</translation>
    </message>
    <message>
      <location filename="../../app/ui/tools.py" line="133" />
      <source>Convert the corpus (%1)</source>
      <translation>转换全部语料（%1）</translation>
    </message>
    <message>
      <location filename="../../app/ui/tools.py" line="135" />
      <source>Convert the entry (%1)</source>
      <translation>转换条目（%1）</translation>
    </message>
    <message>
      <location filename="../../app/ui/tools.py" line="137" />
      <source>Convert %1 entries (%2)</source>
      <translation>转换 %1 个条目（%2）</translation>
    </message>
    <message>
      <location filename="../../app/ui/tools.py" line="142" />
      <source>Cancelled: nothing was converted.</source>
      <translation>已取消：没有转换任何内容。</translation>
    </message>
    <message>
      <location filename="../../app/ui/tools.py" line="144" />
      <source>Nothing to convert: the text is already in that script.</source>
      <translation>无需转换：文本已是该字形。</translation>
    </message>
    <message>
      <location filename="../../app/ui/tools.py" line="146" />
      <source>Converted. Undo (Ctrl+Z) reverts the whole conversion.</source>
      <translation>已转换。撤销（Ctrl+Z）可还原整个转换。</translation>
    </message>
  </context>
  <context>
    <name>UnlinkedPhotosPanel</name>
    <message>
      <location filename="../../app/ui/unlinked.py" line="82" />
      <source>Link to entry…</source>
      <translation>关联到条目…</translation>
    </message>
    <message>
      <location filename="../../app/ui/unlinked.py" line="85" />
      <source>Or drag a photo onto an entry in the entry list.</source>
      <translation>也可以把照片拖到条目列表中的某个条目上。</translation>
    </message>
    <message>
      <location filename="../../app/ui/unlinked.py" line="103" />
      <source>(no caption)</source>
      <translation>（无说明）</translation>
    </message>
    <message>
      <location filename="../../app/ui/unlinked.py" line="105" />
      <source>Photo: %1</source>
      <translation>摄影：%1</translation>
    </message>
    <message>
      <location filename="../../app/ui/unlinked.py" line="114" />
      <source>%1 photographs are linked to no entry.</source>
      <translation>有 %1 张照片未关联任何条目。</translation>
    </message>
    <message>
      <location filename="../../app/ui/unlinked.py" line="116" />
      <source>Every photograph is linked to an entry.</source>
      <translation>每张照片都已关联到条目。</translation>
    </message>
  </context>
  <context>
    <name>Worker</name>
    <message>
      <location filename="../../app/ui/worker.py" line="387" />
      <source>Too late to cancel: the work was already saved. Finishing…</source>
      <translation>来不及取消：工作已经保存。正在收尾…</translation>
    </message>
    <message>
      <location filename="../../app/ui/worker.py" line="391" />
      <source>Cancelling: undoing what was written…</source>
      <translation>正在取消：撤回已写入的内容…</translation>
    </message>
    <message>
      <location filename="../../app/ui/worker.py" line="457" />
      <source>Reading and dividing the text into entries…</source>
      <translation>正在读取文本并划分条目…</translation>
    </message>
    <message>
      <location filename="../../app/ui/worker.py" line="459" />
      <source>Storing entries and photos, finding suggestions and indexing for search: %1 %</source>
      <translation>正在保存条目和照片、查找修正建议并建立检索索引：%1%</translation>
    </message>
    <message>
      <location filename="../../app/ui/worker.py" line="463" />
      <source>Finishing the search index and saving…</source>
      <translation>正在完成检索索引并保存…</translation>
    </message>
    <message>
      <location filename="../../app/ui/worker.py" line="469" />
      <location filename="../../app/ui/worker.py" line="479" />
      <source>Starting…</source>
      <translation>正在开始…</translation>
    </message>
    <message>
      <location filename="../../app/ui/worker.py" line="470" />
      <source>Searching: %1 fields read</source>
      <translation>正在查找：已读 %1 个字段</translation>
    </message>
    <message>
      <location filename="../../app/ui/worker.py" line="481" />
      <source>%1 of %2 done</source>
      <translation>已完成 %1 / %2</translation>
    </message>
  </context>
</TS>