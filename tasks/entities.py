"""Persons, places and organisations found in the tagged words of one text.

No model beyond the tagger: the dictionary tags (nr, ns, nt), the gazetteer, and a few
patterns that news text follows (a place or name before an organisation suffix makes one
organisation; a surname before a title is a person; 中美关系 names two countries). It runs
on the tag list that `enrich` already has, so it costs one pass over the words.
"""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass
from typing import Iterable, Sequence

from functools import lru_cache
from itertools import accumulate
from pathlib import Path

from tasks.places import PROVINCE_ABBR, gazetteer, province_of

WORLD_PLACES = Path(__file__).with_name("data") / "world_places.txt"

# Words that end an organisation's name (贵州省总工会, 国网南京供电公司, 青岛海牛队).
ORG_SUFFIXES = frozenset("""
工会 总工会 工会联合会 联合会 委员会 常委会 公司 有限公司 股份有限公司 有限责任公司 集团 集团公司
部 局 厅 署 委 办 院 所 处 科 学校 大学 学院 中学 小学 医院 银行 协会 学会 研究院 研究所
研究中心 中心 法院 检察院 党委 市委 省委 县委 区委 队 女队 男队 代表团 俱乐部
基金会 组织 办公室 电视台 广播电台 报社 通讯社 出版社 理事会 议会 联盟 党 军 厂 分厂 总厂
站 馆 团 商会 合作社 联社 舰队 部队 警察局 大使馆 使馆 领事馆 管理局 监督局 供电公司 药业
""".split())
# Suffixes that make an organisation only after a proper name (中国队), not alone.
_WEAK_SUFFIXES = frozenset("部 局 厅 署 委 办 院 所 处 科 队 团 军 厂 站 馆 党 中心 组织".split())
# Tags of words that may stand inside an organisation's name.
_ORG_INNER = frozenset("n nz ns nt nr nrt nrfg j vn eng x an b l".split())
# Tags of proper words: an organisation's name must start with one.
_PROPER = frozenset("ns nt nz nr nrt nrfg j eng".split())

# Titles and roles printed next to a name (主席阙德臣, 记者李丰, 李老师, 郑先生).
TITLES = frozenset("""
记者 通讯员 主席 副主席 书记 副书记 主任 副主任 总经理 经理 董事长 总裁 局长 副局长 部长 副部长
厅长 处长 科长 校长 院长 所长 会长 秘书长 总统 总理 副总理 首相 外长 大使 委员 代表 市长 县长
省长 区长 镇长 村长 班长 队长 组长 教练 主教练 队员 选手 教授 博士 老师 医生 师傅 先生 女士
小姐 同志 老人 工人 职工 司机 厂长 主管 负责人 工程师 技师 劳模 工匠 摄影 编辑 总编辑
""".split())
# Courtesy titles after a bare surname: 李老师, 郑先生 name a person by surname alone.
_SURNAME_TITLES = frozenset("老师 先生 女士 小姐 师傅 老 局长 副局长 外长 部长 主任 书记 同志 总".split())
# Verbs of saying after a name (袁峰说, 陈杰介绍).
_SAY = frozenset("说 表示 介绍 指出 认为 告诉 强调 透露 坦言 笑着说 回忆 谈到 称".split())

# Common surnames (the top ~200 cover most Han names) and double surnames.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严"
    "覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚"
    "符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆"
    "农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋"
    "商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝阙"
)
DOUBLE_SURNAMES = frozenset("欧阳 司马 上官 诸葛 东方 皇甫 令狐 慕容 尉迟 夏侯 公孙 司徒 长孙 宇文".split())

# One-character country names, read only where news uses them: before 方 (中方, 美方),
# after a visiting verb (访华, 驻华, 在京), or in a run of them before a relation noun
# (中美关系, 日俄首脑, 印巴两国).
COUNTRY_ABBR = {
    "中": "中国", "华": "中国", "美": "美国", "俄": "俄罗斯", "日": "日本", "韩": "韩国",
    "朝": "朝鲜", "英": "英国", "法": "法国", "德": "德国", "意": "意大利", "印": "印度",
    "巴": "巴基斯坦", "以": "以色列", "墨": "墨西哥", "越": "越南", "蒙": "蒙古", "澳": "澳大利亚",
    "加": "加拿大", "欧": "欧洲", "非": "非洲", "奥": "奥地利", "叙": "叙利亚", "泰": "泰国",
    "京": "北京市", "沪": "上海市", "港": "香港特别行政区", "台": "台湾省", "藏": "西藏自治区",
}
# Two abbreviations that make an ordinary word (美德 virtue, 加法 addition).
_NOT_PAIRS = frozenset("美德 加法 中意 新台 台中".split())
_ABBR_CLASS = "".join(COUNTRY_ABBR)
_RELATION = ("两国|关系|双方|首脑|高层|之间|合作|建交|边界|和约|谈判|两党|友好|贸易|经贸|会谈|"
             "联合|战争|对抗|峰会|领导人|外长|三个|核|边境")
_ABBR_RE = re.compile(
    rf"(?<![\u4e00-\u9fff])?([{_ABBR_CLASS}](?:、?[{_ABBR_CLASS}])+)(?={_RELATION})"
    rf"|([{_ABBR_CLASS}])(?=方[^面法式向针案])"
    rf"|(?<=[访驻来对在赴离抵援侵旅])([华京])"
)


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    type: str       # PER | LOC | ORG
    text: str


def _is_han(word: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in word)


def _looks_like_name(word: str) -> bool:
    """A Han name: common surname + 1–2 characters, or double surname + 1–2."""
    n = len(word)
    if word[:2] in DOUBLE_SURNAMES:
        return 3 <= n <= 4 and _is_han(word)
    return 2 <= n <= 3 and word[0] in SURNAMES and _is_han(word)


# Characters of transliterated foreign names (克林顿, 叶利钦, 基里延科): a word tagged as a
# name made only of these is a foreign person even without a Chinese surname.
_TRANSLIT = frozenset(
    "阿埃艾安昂奥巴拜班邦贝本比彼宾波伯博布查达戴丹德迪蒂丁东杜多厄恩法范菲费芬丰弗福盖冈戈格"
    "古哈海汉豪赫亨胡霍基吉加贾杰金卡凯坎康考柯科克肯库拉莱赖兰朗劳勒雷里利连林琳卢鲁伦罗洛马"
    "迈麦曼梅蒙米明莫默姆穆纳内尼涅努诺欧帕佩彭皮普齐奇恰乔切钦丘萨塞桑瑟森沙莎舍什施斯松苏索"
    "塔泰坦汤特提图托瓦万威韦维温沃乌西希谢辛休雅亚扬耶叶伊因尤约泽扎詹兹佐顿延夫尔思琼宾"
)
# Common words that jieba's dictionary tags as names (雷阵雨, 卫星, 文明).
_NOT_NAMES = frozenset("""
雷阵雨 多云 卫星 文明 明白 高潮 荣幸 顾客 安全性 祝贺 王朝 师生 明星 白痴 青少年 卢比 卢布 尼古丁
东道主 育人 弘扬 友谊 腾飞 灵芝 尤伯杯 汤姆斯杯 令人 拓宽 滑雪
""".split())
# Institutions that news names by a common noun (市委, 国会, 海军) or an abbreviation.
ORG_WORDS = frozenset("""
党中央 中共中央 国务院 全国人大 全国政协 人大常委会 市委 县委 省委 区委 镇委 村委会 国会 议会 内阁
海军 陆军 空军 解放军 武警 联合国 欧盟 北约 东盟 欧佩克 世行 亚行 足协 全总 安理会 国家杜马
""".split())
# Last characters of abbreviations (tag j) that name institutions: 北大, 欧盟, 十五大, 人大.
# Other abbreviations are verbs and nouns (深化, 党建, 日电 of a dateline).
_ORG_ABBR_ENDS = frozenset("大会委院部社钢厂行协联盟军局队署校所办")
# Nouns after a name that belong to the name's thing, not the name (邓小平理论 → 邓小平).
_AFTER_NAME = ("理论", "思想", "同志", "文选", "故居", "主席", "总理")


@lru_cache(maxsize=1)
def world_places() -> frozenset[str]:
    lines = WORLD_PLACES.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


def _place_like(word: str, pos: str) -> bool:
    """A place by name list, or a word the tagger calls a place that has a place's form.

    jieba's `ns` alone is too loose (城市, 山区, 海洋 carry it), so it needs the form too."""
    if word in world_places():
        return True
    places = gazetteer().get(word)
    if places:
        return pos == "ns" or any(p.level != "county" or p.full == word for p in places)
    if pos != "ns" or len(word) < 2:
        return False
    # Three characters or more tagged `ns` are places (巴塞罗那, 西柏坡); two-character ones
    # are often generic nouns (城市, 山区) and need a place's form.
    return len(word) >= 3 or all(c in _TRANSLIT for c in word)


def _place_prefix(word: str) -> str | None:
    """A known place glued to a generic word: 东北地区, 法国人, 南京大屠杀 → the place."""
    for cut in range(len(word) - 1, 1, -1):
        head = word[:cut]
        if head in world_places() or any(p.level != "county" for p in gazetteer().get(head, ())):
            return head
    return None


def _person_like(word: str) -> bool:
    if word in _NOT_NAMES:
        return False
    return _looks_like_name(word) or (len(word) >= 2 and all(c in _TRANSLIT for c in word))


def _split_name(word: str) -> tuple[str, str] | None:
    """A name glued to the word after it by the dictionary: 邓小平理论 → 邓小平 (PER),
    中国政府 → 中国 (LOC, governments count as their country)."""
    for tail in _AFTER_NAME:
        if word.endswith(tail) and _person_like(word[: -len(tail)]):
            return word[: -len(tail)], "PER"
    if word.endswith("政府") and _place_like(word[:-2], "ns"):
        return word[:-2], "LOC"
    return None


@lru_cache(maxsize=1 << 17)
def _classify(w: str, p: str) -> tuple[tuple[int, int, str], ...]:
    """Mentions inside one tagged word, as (start, end, type) within the word.

    Cached: a text's vocabulary repeats, and so does the lake's."""
    if w in ORG_WORDS or (len(w) > 1 and (p == "nt" or p == "j" and w[-1] in _ORG_ABBR_ENDS)
                          and not _split_name(w)):
        return ((0, len(w), "ORG"),)
    split = _split_name(w)
    if split:
        return ((0, len(split[0]), split[1]),)
    if w in world_places() or w in gazetteer() and _place_like(w, p):
        return ((0, len(w), "LOC"),)
    head = _place_prefix(w)
    if head:
        return ((0, len(head), "LOC"),)
    if _place_like(w, p) or len(w) == 1 and w in COUNTRY_ABBR and p in ("j", "ns"):
        return ((0, len(w), "LOC"),)
    if len(w) == 2 and p in ("ns", "j", "n", "nr") and w not in _NOT_PAIRS \
            and all(c in COUNTRY_ABBR or c in PROVINCE_ABBR or c == "淮" for c in w):
        return ((0, 1, "LOC"), (1, 2, "LOC"))      # 中美, 江淮: two places
    if p in ("nr", "nrfg", "nrt") and _person_like(w):
        return ((0, len(w), "PER"),)
    return ()


def find_mentions(tags: Sequence[tuple[str, str]], known_people: Iterable[str] = ()) -> list[Mention]:
    """Entity mentions with character offsets into the tagged text, left to right."""
    words = [w for w, _ in tags]
    poss = [p for _, p in tags]
    offsets = [0, *accumulate(map(len, words))]
    text = "".join(words)
    n = len(words)
    out: list[Mention] = []
    taken = [False] * n

    # One-character country names first: 中美关系 is a dictionary word tagged as an
    # organisation, but names two countries.
    for m in _ABBR_RE.finditer(text):
        groups = [1] if m.group(1) else [2 if m.group(2) else 3]
        for g in groups:
            for k, c in enumerate(m.group(g)):
                if c != "、":
                    out.append(Mention(m.start(g) + k, m.start(g) + k + 1, "LOC", c))
        for k in range(bisect_right(offsets, m.start()) - 1, bisect_left(offsets, m.end())):
            taken[k] = True

    # Organisations next: they contain places (贵州省总工会) that must not count twice.
    for i in [i for i, w in enumerate(words) if w in ORG_SUFFIXES]:
        j = i
        while j > 0 and i - j < 5 and not taken[j - 1] and (
                poss[j - 1] in _ORG_INNER and _is_han(words[j - 1]) or poss[j - 1] == "eng"):
            j -= 1
        start = next((k for k in range(j, i) if poss[k] in _PROPER or _place_like(words[k], poss[k])), None)
        if start is None or (words[i] in _WEAK_SUFFIXES and start == i - 1 and len(words[start]) == 1):
            continue
        out.append(Mention(offsets[start], offsets[i + 1], "ORG", text[offsets[start]:offsets[i + 1]]))
        for k in range(start, i + 1):
            taken[k] = True

    for i, (w, p) in enumerate(tags):
        if taken[i]:
            continue
        found = _classify(w, p)
        if found:
            base = offsets[i]
            out.extend(Mention(base + a, base + b, t, w[a:b]) for a, b, t in found)
        elif len(w) == 1 and i + 1 < n and w in SURNAMES and words[i + 1] in _SURNAME_TITLES:
            out.append(Mention(offsets[i], offsets[i + 1], "PER", w))   # 李老师, 郑先生

    for name in set(known_people):
        start = text.find(name)
        while start >= 0 and name:
            if not any(m.start < start + len(name) and start < m.end for m in out):
                out.append(Mention(start, start + len(name), "PER", name))
            start = text.find(name, start + len(name))

    out.sort(key=lambda m: (m.start, -m.end))
    # Overlaps: the earlier, longer mention wins.
    kept: list[Mention] = []
    for m in out:
        if kept and m.start < kept[-1].end:
            continue
        kept.append(m)
    return kept


def normalize(m: Mention) -> tuple[str, str | None]:
    """(canonical name, province) of a mention."""
    if m.type == "LOC":
        if len(m.text) == 1:
            full = COUNTRY_ABBR.get(m.text) or PROVINCE_ABBR.get(m.text, m.text)
            return full, province_of(full)
        places = gazetteer().get(m.text)
        province = province_of(m.text)
        if places and province:
            return min(places, key=lambda p: len(p.full)).full if len(places) == 1 else places[0].full, province
        return m.text, province
    if m.type == "ORG":
        return m.text, _leading_province(m.text)
    return m.text, None


def _leading_province(name: str) -> str | None:
    # An organisation named after a place (贵州省总工会, 国网南京供电公司 → 江苏省).
    for i in range(len(name)):
        for j in range(min(len(name), i + 9), i + 1, -1):
            prov = province_of(name[i:j])
            if prov:
                return prov
    return None


def entities(tags: Sequence[tuple[str, str]], known_people: Iterable[str] = ()
             ) -> list[tuple[str, str, str, str | None, int]]:
    """(type, text, normalized, province, count) per distinct name in the text."""
    counts = Counter((m.type, m.text) for m in find_mentions(tags, known_people))
    rows = []
    for (typ, text), count in counts.items():
        norm, prov = normalize(Mention(0, 0, typ, text))
        rows.append((typ, text, norm, prov, count))
    return rows
