# cython: language_level=3
"""Persons, places and organisations found in the tagged words of one text.

Two halves. Rules here propose candidate spans from the tag list that `enrich` already has:
the dictionary tags (nr, ns, nt), the gazetteer and world places, and patterns of news text
(a run of words before an organisation suffix, 镇/市/大桥 after a place's name, a place's
suffix glued to it (奥克兰港), to the name's last part (古都 / 河村) or to a title (吉林 /
省委书记), a county's name without its 县 (怀柔/nr), a surname split from its given name,
中美关系 naming two countries, 美军 naming one). The learned model in
`tasks.entities.model` then says which candidates are names and of what type. What a word proposes,
and what it can be inside a longer name, is cached per (word, tag), so a text costs a
look-up per word and rule work only for the one word in ten that proposes something. The
loops per word and per candidate are `tasks.entities.scan`'s, compiled with Cython when the
install could (`pip install -e .`), else run by Python from the same source.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import ModuleType
from typing import Iterable, Sequence


from tasks.entities import scan as entity_scan
from tasks.entities.model import Candidate, scorer
from tasks.entities.places import PROVINCE_ABBR, gazetteer, province_of

WORLD_PLACES = Path(__file__).with_name("data") / "world_places.txt"
LEXICON = Path(__file__).with_name("data") / "ner_lexicon.txt"

# Words that end an organisation's name (贵州省总工会, 国网南京供电公司, 青岛海牛队).
ORG_SUFFIXES = frozenset("""
工会 总工会 工会联合会 联合会 委员会 常委会 公司 有限公司 股份有限公司 有限责任公司 集团 集团公司
部 局 厅 署 委 办 院 所 处 科 学校 大学 学院 中学 小学 医院 银行 协会 学会 研究院 研究所
研究中心 中心 法院 检察院 党委 市委 省委 县委 区委 队 女队 男队 代表团 俱乐部
基金会 组织 办公室 电视台 广播电台 报社 通讯社 出版社 理事会 议会 联盟 党 军 厂 分厂 总厂
站 馆 团 商会 合作社 联社 舰队 警察局 大使馆 使馆 领事馆 管理局 监督局 供电公司 药业
""".split())
# Suffixes after which the longest run from a proper word is an organisation whatever the
# model says: the model learned from 1998 news, where trade unions and companies are rare,
# and the pipeline reads a trade-union paper (中航工业沈飞工会, 上海信谊天平药业有限公司).
SURE_ORG_SUFFIXES = frozenset("""
工会 总工会 工会联合会 有限公司 股份有限公司 有限责任公司 集团公司 供电公司
""".split())
# Those suffixes cut in two by the tagger (供电 / 公司, 有限 / 公司): the pair is as sure.
_SURE_SPLITS = frozenset((s[:k], s[k:]) for s in SURE_ORG_SUFFIXES for k in range(1, len(s)))
# Suffixes that make an organisation only after a proper name (中国队), not alone.
_WEAK_SUFFIXES = frozenset("部 局 厅 署 委 办 院 所 处 科 队 团 军 厂 站 馆 党 中心 组织".split())
# Tags of words that may stand inside an organisation's name (verbs too: 法国 / 雇主/v / 协会,
# 中国 / 文化 / 扶贫/v / 委员会).
_ORG_INNER = frozenset("n nz ns nt nr nrt nrfg j vn eng x an b l v".split())
# Tags of proper words: an organisation's name must start with one.
_PROPER = frozenset("ns nt nz nr nrt nrfg j eng".split())

# Courtesy titles after a bare surname: 李老师, 郑先生 name a person by surname alone.
_SURNAME_TITLES = frozenset("老师 先生 女士 小姐 师傅 老 局长 副局长 外长 部长 主任 书记 同志 总".split())
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

# One-character country names. Candidates where news uses them: in a run of two or more
# (中美关系, 黄淮, 港台), before 方 (中方, 美方), after a visiting verb (访华, 赴法); the
# model reads the characters around them to tell 中美关系 from 中华 or 美德.
COUNTRY_ABBR = {
    "中": "中国", "华": "中国", "美": "美国", "俄": "俄罗斯", "日": "日本", "韩": "韩国",
    "朝": "朝鲜", "英": "英国", "法": "法国", "德": "德国", "意": "意大利", "印": "印度",
    "巴": "巴基斯坦", "以": "以色列", "墨": "墨西哥", "越": "越南", "蒙": "蒙古", "澳": "澳大利亚",
    "加": "加拿大", "欧": "欧洲", "非": "非洲", "奥": "奥地利", "叙": "叙利亚", "泰": "泰国",
    "亚": "亚洲", "葡": "葡萄牙", "埃": "埃及", "京": "北京市", "沪": "上海市",
    "港": "香港特别行政区", "台": "台湾省", "藏": "西藏自治区",
}
_ABBR_CLASS = "".join(sorted(set(COUNTRY_ABBR) | set(PROVINCE_ABBR) | set("黄淮江")))
_RELATION = tuple("""两国 关系 双方 首脑 高层 之间 合作 建交 边界 和约 谈判 两党 友好 贸易 经贸 会谈
联合 战争 对抗 峰会 领导人 外长 三个 核 边境 等国 等地 地区""".split())
_VISIT = "访驻来对在赴离抵援侵旅"
_LIST_MARK, _FANG, _NOT_AFTER_FANG = "、", "方", "面法式向针案"      # 中、美; 中方, not 中方面


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    type: str       # PER | LOC | ORG
    text: str


_HAN = re.compile("[\u4e00-\u9fff]+")


def _is_han(word: str) -> bool:
    return _HAN.fullmatch(word) is not None


def _looks_like_name(word: str) -> bool:
    """A Han name: common surname + 1–2 characters, or double surname + 1–2."""
    n = len(word)
    if word[:2] in DOUBLE_SURNAMES:
        return 3 <= n <= 4 and _is_han(word)
    return 2 <= n <= 3 and word[0] in SURNAMES and _is_han(word)


# Characters of transliterated foreign names (克林顿, 叶利钦, 基里延科): a word tagged as a
# name made only of these is a foreign person even without a Chinese surname.
TRANSLIT = frozenset(
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
_AFTER_NAME = ("理论", "思想", "同志", "文选", "故居", "主席", "总理", "主义", "先生", "小姐",
               "女士", "老", "天皇", "首相")
_AFTER_NAME_ENDS = frozenset(t[-1] for t in _AFTER_NAME)
# Last characters of words that end an organisation's name after a run of words
# (琉璃河 / 水泥厂, 经济 / 日报社, 天津市 / 妇联). Any word the tagger calls an organisation
# ends one too (海口市 / 中级 / 人民法院/nt).
_ORG_END = frozenset("部局厅署委办院所处队团社厂会司行校组站馆军党联协")
# Titles the dictionary glues to the organisation before them (省委 / 书记, 财政部 / 长).
_TITLES = ("副书记", "书记", "副主任", "主任", "副部长", "部长", "长")
# Nouns in an organisation's suffix letters that name no organisation after a place
# (印度当局, 美国军队, 俄罗斯政局, 非洲社会, 纽约总部: the place alone is the name).
_NOT_ORG_TAILS = frozenset("""
当局 政局 大局 格局 时局 军队 球队 部队 社会 总部 大部 全部 内部 外部 局部 干部
""".split())
# Words that end a place after its name (小河口 / 镇, 斯特拉斯堡 / 市, 濑户 / 大桥).
_LOC_TAILS = frozenset("""
镇 村 乡 省 市 县 区 州 岛 街 路 山 湖 河 江 港 湾 峡 寺 宫 塔 池 桥 洲 峰 大桥 广场 半岛 海峡 大区
大道 大街 机场 公园 海 盆地 高原 平原 群岛 地区 特区 邦
""".split())
# Last characters of one-word places that the tagger calls names or leaves unplaced
# (高升镇/nr, 金水河/nr, 卢浮宫/nr), and the tags of such words.
_PLACE_ENDS = frozenset("镇村乡县州岛山湖河江港湾峡寺庙宫阁塔池桥峰顶庄堡城营沟屯寨岭峪坝洲")
_NAME_OR_PLACE_TAGS = frozenset("nr nrt nrfg nz ns".split())
# Last characters of nouns that end a place after a name before them, the tail glued to
# the name's last part (古都 / 河村, 莱克 / 伍德县) or a generic place word (杭州 / 植物园,
# 休斯敦 / 航天城, 苏州 / 新区).
_TAIL_ENDS = frozenset("镇村乡县州郡岛湖河港湾桥庄城园区站")
# Last characters of administrative units, whole names before any tail.
_UNIT_ENDS = frozenset("省市县区镇乡村州")
# Tags of the words a place's name is made of before such a tail.
_LOC_INNER = frozenset("n nz ns nr nrt nrfg j l b".split())


_world_places: frozenset[str] | None = None


def world_places() -> frozenset[str]:
    """Names of the world's countries and their subdivisions, read once (a module global,
    as `places.gazetteer`: the rules ask for it per new word)."""
    global _world_places
    if _world_places is None:
        lines = WORLD_PLACES.read_text(encoding="utf-8").splitlines()
        _world_places = frozenset(w for line in lines if not line.startswith("#") for w in line.split())
    return _world_places


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
    return len(word) >= 3 or all(c in TRANSLIT for c in word)


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
    return _looks_like_name(word) or (len(word) >= 2 and all(c in TRANSLIT for c in word))


def _split_name(word: str) -> tuple[str, str] | None:
    """A name glued to the word after it by the dictionary: 邓小平理论 → 邓小平 (PER),
    中国政府 → 中国 (LOC, governments count as their country)."""
    if word[-1] not in _AFTER_NAME_ENDS and not word.endswith("政府"):
        return None
    for tail in _AFTER_NAME:
        if word.endswith(tail) and _person_like(word[: -len(tail)]):
            return word[: -len(tail)], "PER"
    if word.endswith("政府") and _place_like(word[:-2], "ns"):
        return word[:-2], "LOC"
    return None


def _classify(w: str, p: str) -> tuple[tuple[int, int, str], ...]:
    """The rules' reading of one tagged word, as (start, end, type) within the word."""
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
        # 奥克兰港, 香港特区: the whole word is the place; the model sees both.
        # So for a long word the tagger calls a place (中华人民共和国 after 中华).
        if w[len(head):] in _LOC_TAILS and not w.endswith("地区") or p == "ns" and len(w) >= 4:
            return ((0, len(w), "LOC"), (0, len(head), "LOC"))
        if w[len(head):] in ORG_SUFFIXES:       # 突尼斯队, 北京市委: likewise an organisation
            return ((0, len(w), "ORG"), (0, len(head), "LOC"))
        return ((0, len(head), "LOC"),)
    if _place_like(w, p) or len(w) == 1 and w in COUNTRY_ABBR and p in ("j", "ns"):
        return ((0, len(w), "LOC"),)
    if p in ("nr", "nrfg", "nrt") and _person_like(w):
        return ((0, len(w), "PER"),)
    return ()


def unit_stem(w: str) -> bool:
    """A county's name without its 县, 市 or 区, which the gazetteer leaves out when the
    dictionary knows the word otherwise (怀柔/nr, 寿光/nr, 和平/nz): the model judges it.
    Proposed only where the tagger calls it a person's name; `tasks.entities.model` reads it as a place."""
    g = gazetteer()
    return 2 <= len(w) <= 3 and _is_han(w) and (w + "县" in g or w + "市" in g or w + "区" in g)


# What a word can start, cached per (word, tag): its own candidate spans and flags for
# the patterns that need the next words. Most words start nothing (_NOTHING), so the scan
# over a text's words costs one dictionary look-up each.
_ORG_TAIL, _SURNAME, _NAME2, _DOT, _TRANS, _LOC_TAIL, _ORG_TITLE, _GLUED_TAIL = 1, 2, 4, 8, 16, 32, 64, 128
# Flags of patterns that look at the words after (a second pass) and before (at once).
_AHEAD = _SURNAME | _NAME2 | _TRANS
_BEHIND = _ORG_TAIL | _ORG_TITLE | _LOC_TAIL | _GLUED_TAIL
_NOTHING: tuple = ((), 0)
_NAME_TAGS = frozenset("nr nrfg nrt".split())
# Tags of nouns that may start with a one-character country name (美军, 中医, 日寇); not time
# words and localisers (日前/t, 以来/f, 中外/f), which seldom do (7 names in 3700 sentences).
_ABBR_HEAD_TAGS = frozenset("n ns nt nz j nr nrt nrfg q".split())
# Tags of nouns that can end an organisation's name (开会 / v ends in 会 but ends none).
_NOUN_TAGS = frozenset("n nt nz j ns nr nrt l".split())
# Tags of words that never end a name: particles, prepositions, conjunctions, adverbs.
_FUNCTION_TAGS = frozenset("uj ul uz ud ug uv p c d r m q x y e o".split())


def _title_stem(word: str) -> str | None:
    """The organisation suffix a title word starts with: 省委书记 → 省委, 财政部长 → 财政部."""
    for title in _TITLES:
        stem = word[: -len(title)]
        if word.endswith(title) and len(stem) >= 2 and (stem in ORG_SUFFIXES or stem[-1] in _ORG_END):
            return stem
    return None


def _info(w: str, p: str) -> tuple:
    """What one tagged word proposes: its own candidates, and flags for the patterns that
    look at its neighbours."""
    han = _is_han(w)
    cands = [(a, b, "rule", t) for a, b, t in _classify(w, p)]
    if not cands and len(w) > 1 and w in lexicon():
        cands.append((0, len(w), "lex", "?"))
    if not cands and p in _NAME_TAGS and unit_stem(w):
        cands.append((0, len(w), "stem", "LOC"))               # 怀柔/nr of 怀柔区
    if len(w) >= 2 and w[-1] in _PLACE_ENDS and p in _NAME_OR_PLACE_TAGS \
            and all(t in ("?", "PER") for *_, t in cands):
        cands.append((0, len(w), "place-end", "LOC"))          # 高升镇/nr, though it reads as a name
    if 2 <= len(w) <= 4 and w[0] in COUNTRY_ABBR and p in _ABBR_HEAD_TAGS and w[:2] not in gazetteer() \
            and w[:2] not in world_places() and w not in world_places():      # not 俄 of 俄罗斯
        cands.append((0, 1, "abbr-head", "LOC"))                # 美 / 军, 俄 / 总统, 华 / 侨
    flags = 0
    if (w in ORG_SUFFIXES or w in ORG_WORDS
            or len(w) >= 2 and (w[-1] in _ORG_END and p in _NOUN_TAGS or p == "nt")) and w not in _NOT_ORG_TAILS:
        flags |= _ORG_TAIL
    if w in _LOC_TAILS:
        flags |= _LOC_TAIL
    elif len(w) >= 2 and w[-1] in _TAIL_ENDS and p in _NOUN_TAGS and w not in gazetteer():
        flags |= _GLUED_TAIL
    if _title_stem(w):
        flags |= _ORG_TITLE
    if len(w) == 1 and w in SURNAMES:
        flags |= _SURNAME
    if len(w) == 2 and han and w[0] in SURNAMES and p in _NAME_TAGS:
        flags |= _NAME2
    if w == "·":
        flags |= _DOT
    if han and all(c in TRANSLIT for c in w):
        flags |= _TRANS
    return (tuple(cands), flags) if cands or flags else _NOTHING


def candidates(tags: Sequence[tuple[str, str]], words: Sequence[str], poss: Sequence[str],
               offsets: Sequence[int], text: str) -> list[Candidate]:
    """Spans that may be names, each with its source and the rules' type guess.

    The loop over the words is `tasks.entities.scan`'s. What each word proposes (`_info`) and
    can be inside a longer name (`_role`) is cached per (word, tag) there, so a text costs
    a look-up per word and rule work only for the one word in ten that proposes something:
    its own spans, runs before an organisation's suffix, places before a tail, one-character
    countries (`_ABBR_CLASS`), surnames before a title (李老师), a surname and given name cut
    apart (金志 / 贤), transliterated names cut apart (松德 / 斯特伦)."""
    return _scan.candidates(tags, words, poss, offsets, text)


_scan = entity_scan


# What a word can be inside a run before a suffix, cached per (word, tag) like `_info`;
# every role is non-zero so that a cached 0 never reads as a miss.
_KNOWN, _IN_ORG, _ORG_HEAD, _IN_LOC, _NUMBER, _VERB = 1, 2, 4, 8, 16, 32


def _role(w: str, p: str) -> int:
    han = _is_han(w)
    role = _KNOWN
    if p in _ORG_INNER and han or p == "eng" or p == "m" and han:
        role |= _IN_ORG            # Han numerals only (第五中学); digits are dates and counts
    if p in _PROPER or _place_like(w, p):
        role |= _ORG_HEAD | _IN_ORG     # also a place the tagger mistags (大连/d 化工 集团公司)
    if p in _LOC_INNER and han and w[-1] not in _UNIT_ENDS:
        role |= _IN_LOC            # not a whole unit: 安义县 / 万埠镇 are two places
    if p == "m":
        role |= _NUMBER
    if p == "v":
        role |= _VERB
    return role


_lexicon: frozenset[str] | None = None


def lexicon() -> frozenset[str]:
    """Words that were whole names in the NER tuning data (`python -m tests.ner_train`):
    candidates whatever their tag, so the model can know them by name."""
    global _lexicon
    if _lexicon is None:
        lines = LEXICON.read_text(encoding="utf-8").splitlines()
        _lexicon = frozenset(w for line in lines if not line.startswith("#") for w in line.split())
    return _lexicon


def use_lexicon(names: frozenset[str] | None) -> None:
    """Propose these names from now on (training does); None reloads the shipped list."""
    global _lexicon
    _lexicon = names
    _scan.clear()


def _spans(tags: Sequence[tuple[str, str]], known_people: Iterable[str]
           ) -> tuple[str, list[tuple[int, int, str]]]:
    """The text and its (start, end, type) names, left to right: the candidates, what the
    model (`tasks.entities.model.decide`) takes of them, and the byline's names wherever they stand."""
    return _scan.spans(tags, known_people, scorer())


def find_mentions(tags: Sequence[tuple[str, str]], known_people: Iterable[str] = ()) -> list[Mention]:
    """Entity mentions with character offsets into the tagged text, left to right.

    Candidates come from the rules above; the learned model (`tasks.entities.model`) picks among them.
    Names from the byline (`known_people`) are persons wherever they stand."""
    text, spans = _spans(tags, known_people)
    return [Mention(s, e, t, text[s:e]) for s, e, t in spans]


def normalize(m: Mention) -> tuple[str, str | None]:
    """(canonical name, province) of a mention."""
    return _normalize(m.type, m.text)


@lru_cache(maxsize=1 << 16)
def _normalize(typ: str, name: str) -> tuple[str, str | None]:
    if typ == "LOC":
        if len(name) == 1:
            full = COUNTRY_ABBR.get(name) or PROVINCE_ABBR.get(name, name)
            return full, province_of(full)
        places = gazetteer().get(name)
        province = province_of(name)
        if places and province:
            return min(places, key=lambda p: len(p.full)).full if len(places) == 1 else places[0].full, province
        return name, province
    if typ == "ORG":
        return name, _leading_province(name)
    return name, None


def _leading_province(name: str) -> str | None:
    # An organisation named after a place (贵州省总工会, 国网南京供电公司 → 江苏省).
    g = gazetteer()
    n = len(name)
    for i in range(n):
        top = min(n, i + 9)
        # province_of(name[i:j]) is None unless a unit's name starts name[i:j]: where none
        # starts here, skip its nested look-ups (most positions of most names)
        if not any(name[i:c] in g for c in range(i + 2, top + 1)):
            continue
        for j in range(top, i + 1, -1):
            prov = province_of(name[i:j])
            if prov:
                return prov
    return None


def entities(tags: Sequence[tuple[str, str]], known_people: Iterable[str] = ()
             ) -> list[tuple[str, str, str, str | None, int]]:
    """(type, text, normalized, province, count) per distinct name in the text."""
    return _scan.entities(tags, known_people, scorer(), _normalize)   # _spans, counted
