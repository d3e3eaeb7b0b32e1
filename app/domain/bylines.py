"""Bylines printed above the text, and authors printed after a title.

A journal or gazetteer article often names its authors on a line of their own between
the title and the text (``周 广 骞`` over ``(聊城大学运河学研究院，聊城 252059)`` and
``摘要：…``), a biography under its heading (``张恒传`` / ``王某``), a newspaper with a
mark (``□记者 张洪涛 文/图``), a web page after the title in brackets
(``对人物志编写研究的综述(张景孔)``). Read wrongly, such a line becomes a heading or an
entry's title, and its people are lost; read too eagerly, a subheading (``概述``) becomes
an author. So a line is a byline only when every name on it looks like a person's (a
common surname first) *and* the layout says so: an abstract or an affiliation right
under it, a biography's heading right above it, or a byline's mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .names import HAN, parse_names

# Single-character surnames common enough to vouch for a name on a line of its own
# (simplified and traditional forms), and the compound ones.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余"
    "杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付傅方白邹孟熊秦邱江尹薛闫段雷侯龙"
    "史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁"
    "岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆"
    "蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳穆农司卓古吉缪简车项连芦麦褚娄窦戚"
    "岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师仇栾隋商刁沙荣巫寇桑郎甄丛"
    "仲虞敖巩明佘池查麻苑迟邝官封谈匡鞠惠荆乐冀郁胥南班储栗燕楚鄢劳谌奚皮粟冼蔺楼盘"
    "闻厉伊仝郜阚权强帅屠豆朴盖练廉禹井祖漆巴丰支卿狄索宣晋容敬扈晁芮"
    "阙浦戈伏鹿薄邸雍辜羊乌母裘亓修邰赫杭况宿鲜印逯隆茹诸战慕危亢嵇湛宾戎勾茅"
    "於居揭尉冶斯束檀衣阴昝智幸奉植衡富尧闭"
    "劉陳楊黃趙吳孫馬鄭謝許韓馮鄧蕭葉蘇呂盧鍾譚陸賈韋鄒閆龍賀顧龔錢嚴溫聶魯歐關蘭"
    "寧紀畢駱藍遊靳鮑饒車項婁竇岑黨費衛閔苟鄔邊欒鄺談匡楚勞鄢藺閻鄺湯莊喬龐顏齊萬"
    "蔣羅鄒傅聞厲權練漢"
)
_COMPOUND_SURNAMES = frozenset(
    {"欧阳", "歐陽", "司马", "司馬", "上官", "诸葛", "諸葛", "东方", "東方", "皇甫", "尉迟"}
    | {"公孙", "公孫", "慕容", "令狐", "宇文", "长孙", "長孫", "夏侯", "端木", "司徒", "澹台"}
)


def person_like(name: str) -> bool:
    """A name that begins with a common surname and is two or three characters long, or
    four with a compound surname (欧阳明远; 安全生产 and 黄河治理 are words, not names; a
    transliterated name with · is left to the explicit attributions)."""
    if not 2 <= len(name) <= 4 or not re.fullmatch(f"[{HAN}]+", name):
        return False
    if len(name) >= 3 and name[:2] in _COMPOUND_SURNAMES:
        return True
    return len(name) <= 3 and name[0] in _SURNAMES


# The last character of a place, a natural feature, a building or a body, rare at the end
# of a person's name: 黄浦江, 黄河, 武夷山, 周庄, 孔子庙, 张家界 read as a surname first.
_PLACE_END = frozenset("江河湖山海岛庙寺镇村乡县市区州省路街桥港湾园局委厅校院队庄界厂站馆")
_NOT_A_NAME = frozenset({"高铁"})


def _place_like(name: str) -> bool:
    return name[-1] in _PLACE_END or name in _NOT_A_NAME


@dataclass(frozen=True)
class Byline:
    names: tuple[str, ...]
    open: str  # what stood before the names on their line: indentation, □, 记者
    raw: str  # the names as printed
    close: str  # after them: a note mark (*), 文/图, trailing spaces


# □记者 张洪涛 文/图 / 施德善* / 周 广 骞 / 李四海,邢喆,李艷雯,樊妙,劉志杰
_BYLINE_LINE = re.compile(
    r"^(?P<open>[ \t\u3000]*(?:[□◎■][ \t\u3000]*(?:(?:本报|本刊|本報)?(?:记者|記者)[ \t\u3000]*)?)?)"
    f"(?P<raw>[{HAN}](?:[{HAN}、，,]|[ \\t\\u3000](?=[{HAN}])){{1,60}})"
    r"(?P<close>[ \t\u3000]*(?:[*＊※①②③]|文/图|文／图|文/圖|文／圖)?[ \t\u3000]*)$"
)
# What stands under an article's byline: its abstract, or the authors' institution in
# brackets.
_ABSTRACT = re.compile(r"^[ \t\u3000]*[【\[〔]?(?:内容)?(?:摘[ \t\u3000]*要|提[ \t\u3000]*要)")
_AFFILIATION = re.compile(
    r"^[ \t\u3000]*[(（][^()（）\n]*(?:大学|學|学院|研究院|研究所|研究中心|中心|学会|學會|党校|黨校|"
    r"史志|方志|地方志|档案|檔案|图书馆|圖書館|博物馆|出版社|委员会|委員會|办公室|辦公室)[^()（）\n]*[)）][ \t\u3000]*$"
)
# A biography's heading: 张恒传, 王某小传, 李四传略.
_BIOGRAPHY = re.compile(r"(?:传|傳)(?:略)?$|小(?:传|傳)$")
_PROSE_HAN = 12


def byline_names(line: str) -> Byline | None:
    """The names of a line that holds only a byline's names (and its marks), when every
    one of them looks like a person's; else None."""
    m = _BYLINE_LINE.match(line)
    if m is None:
        return None
    raw = m.group("raw").rstrip(" \t\u3000")
    names = parse_names(raw)
    if not names or len(names) > 6 or not all(person_like(n) for n in names):
        return None
    return Byline(names, m.group("open"), raw, line[m.start("raw") + len(raw) :])


def _filled(lines: list[str], i: int, step: int) -> str | None:
    k = i + step
    while 0 <= k < len(lines) and not lines[k].strip(" \t\u3000\r\f\v"):
        k += step
    return lines[k] if 0 <= k < len(lines) else None


def _prose(line: str | None) -> bool:
    return line is not None and len(re.findall(f"[{HAN}]", line)) >= _PROSE_HAN


# 作者:冯智逵 / 文/朱菊芳 / 撰稿：张三 over the text.
_MARKED = re.compile(
    r"^(?P<open>[ \t\u3000]*(?:作者|撰文|撰稿|文)[ \t\u3000]*[:：/／][ \t\u3000]*)"
    f"(?P<raw>[{HAN}](?:[{HAN}、，,·]|[ \\t\\u3000](?=[{HAN}])){{1,40}})(?P<close>[ \\t\\u3000]*)$"
)
_SENTENCE_END = frozenset("。！？!?…”’」』")


def parse_byline(line: str) -> Byline | None:
    """The byline a line holds, marked (作者:X, 文/X) or names only, whatever stands
    around it (see :func:`byline_at` for when it is one)."""
    marked = _MARKED.match(line)
    if marked is None:
        return byline_names(line)
    raw = marked.group("raw").rstrip(" \t\u3000")
    names = parse_names(raw)
    if not names:
        return None
    return Byline(names, marked.group("open"), raw, line[marked.start("raw") + len(raw) :])


def byline_at(lines: list[str], i: int) -> Byline | None:
    """The byline of line ``i`` of a text, when the layout around it says it is one: an
    abstract or an affiliation under it; or, when no sentence ends right over it (the
    credit closing the text before would), a biography's heading over it (one or two
    names, prose under), or a byline's mark (□, a note star, 文/图, 作者:) with prose
    under it."""
    below = _filled(lines, i, 1)
    if below is None:
        return None
    byline = None if _MARKED.match(lines[i]) else byline_names(lines[i])
    if byline is not None and (_ABSTRACT.match(below) or _AFFILIATION.match(below)):
        return byline
    above = _filled(lines, i, -1)
    boxed = lines[i].lstrip(" \t\u3000")[:1] in "□◎■"  # □记者 X: a newspaper's byline
    if not boxed and above is not None and above.rstrip(" \t\u3000\r\f\v")[-1:] in _SENTENCE_END:
        return None  # the credit closing the text before it, if anything
    if _MARKED.match(lines[i]):
        marked = parse_byline(lines[i])
        return marked if marked is not None and _prose(below) else None
    if byline is None:
        return None
    if above is not None and len(byline.names) <= 2 and _prose(below):
        if _BIOGRAPHY.search(above.strip(" \t\u3000\r\f\v")):
            return byline
    if _prose(below) and (boxed or _credit_mark(byline)):
        return byline
    return None


def _credit_mark(byline: Byline) -> bool:
    """Whether a byline's close marks a credit: 文/图 does; a note mark (施德明*, 周 广 骞①)
    only on names printed spaced or several names, since a heading carries one too
    (安全生产①, 黄河①)."""
    close = byline.close.strip(" \t\u3000")
    if not close:
        return False
    if close[0] not in "*＊※①②③":
        return True  # 文/图
    spaced = re.search(r"[ \t\u3000]", byline.raw) is not None
    return (spaced or len(byline.names) > 1) and not any(_place_like(n) for n in byline.names)


# 对人物志编写研究的综述(张景孔): a title closed by its author in brackets.
_TITLE_CREDIT = re.compile(
    r"^(?P<title>[^\n()（）]*[^\n()（）。！？!?；;，,、 \t\u3000])"
    r"(?P<open>[ \t\u3000]*[(（])(?P<raw>[^()（）\n]{2,30})(?P<close>[)）])[ \t\u3000]*$"
)


# An article's title: 论…, 浅谈…, …研究, …的综述, …考略 (a heading of a yearbook, 水环境综合治理,
# reads as none; 研究所/研究院 are bodies).
_ARTICLE_TITLE = re.compile(
    r"^(?:论(?!坛)|试论|略论|再论|也论|浅论|浅谈|也谈|漫谈|浅析|浅议|刍议)"
    r"|综述|述评|述略|刍议|初探|浅析|探析|探讨|探究|浅谈|试论|考略|考述|考辨|考证|概论|管见|"
    r"札记|举隅|研究(?!所|院|中心|会|室|生)|(?:之|的)(?:思考|启示|探索|分析)"
    r"|(?:考|析|探|论)$"
)


def title_credit(line: str) -> tuple[str, Byline] | None:
    """(title, credit) of a title line closed by its authors in brackets, when the title
    reads as an article's (论…, …的综述, …研究; a yearbook's heading closed by a place in
    brackets, 水环境综合治理(黄浦江), does not), has four Han characters or more, and every
    name looks like a person's and none like a place's (黄河, 武夷山)."""
    m = _TITLE_CREDIT.match(line)
    if m is None or len(re.findall(f"[{HAN}]", m.group("title"))) < 4:
        return None
    if _ARTICLE_TITLE.search(m.group("title").strip(" \t\u3000")) is None:
        return None
    names = parse_names(m.group("raw").strip(" \t\u3000"))
    if not names or len(names) > 4 or not all(person_like(n) for n in names):
        return None
    if any(_place_like(n) for n in names):
        return None
    return m.group("title"), Byline(names, m.group("open"), m.group("raw"), m.group("close"))
