"""The words entity recognition knows by heart: lists of words and characters by what they are
in news text (organisation suffixes, surnames, one-character country and province names,
the characters of transliterated names, words that end a place), and the two files of names
beside them:

    data/world_places.txt   the world's countries, regions and places beyond the gazetteer
                            (by hand, and from iso-codes by `python -m tools.build_gazetteer world`)
    data/ner_lexicon.txt    names the tagger keeps whole in the NER tuning data
                            (written by `python -m tests.ner_train`)

Plain constants and loaders; what the lists are used for is said in `rules` and `scan`.
"""
from __future__ import annotations

from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")
WORLD_PLACES_FILE = DATA / "world_places.txt"
NAME_LEXICON_FILE = DATA / "ner_lexicon.txt"


def read_names(path: Path) -> frozenset[str]:
    """The names of a file: separated by spaces or line breaks; lines starting with # are comments."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(w for line in lines if not line.startswith("#") for w in line.split())


@cache
def world_places() -> frozenset[str]:
    """Names of the world's countries, regions and places beyond the gazetteer, as shipped."""
    return read_names(WORLD_PLACES_FILE)


@cache
def name_lexicon() -> frozenset[str]:
    """Words that were whole names in the NER tuning data, as shipped."""
    return read_names(NAME_LEXICON_FILE)


# Words that end an organisation's name (贵州省总工会, 国网南京供电公司, 青岛海牛队).
ORG_SUFFIXES = frozenset("""
工会 总工会 工会联合会 联合会 委员会 常委会 公司 有限公司 股份有限公司 有限责任公司 集团 集团公司
部 局 厅 署 委 办 院 所 处 科 学校 大学 学院 中学 小学 医院 银行 协会 学会 研究院 研究所
研究中心 中心 法院 检察院 党委 市委 省委 县委 区委 队 女队 男队 代表团 俱乐部
基金会 组织 办公室 电视台 广播电台 报社 通讯社 出版社 理事会 议会 联盟 党 军 厂 分厂 总厂
站 馆 团 商会 合作社 联社 舰队 警察局 大使馆 使馆 领事馆 管理局 监督局 供电公司 药业
""".split())
# Suffixes after which the longest run from a proper word is an organisation whatever the
# model says: the model learned from news where trade unions are rare (1998 People's Daily,
# Sina news), and the pipeline reads a trade-union paper (中航工业沈飞工会, 上海信谊天平药业有限公司).
SURE_ORG_SUFFIXES = frozenset("""
工会 总工会 工会联合会 有限公司 股份有限公司 有限责任公司 集团公司 供电公司
""".split())
# Those suffixes cut in two by the tagger (供电 / 公司, 有限 / 公司): the pair is as sure.
SURE_ORG_SPLITS = frozenset((s[:k], s[k:]) for s in SURE_ORG_SUFFIXES for k in range(1, len(s)))
# Suffixes that make an organisation only after a proper name (中国队), not alone.
WEAK_ORG_SUFFIXES = frozenset("部 局 厅 署 委 办 院 所 处 科 队 团 军 厂 站 馆 党 中心 组织".split())
# Institutions that news names by a common noun (市委, 国会, 海军) or an abbreviation.
ORG_WORDS = frozenset("""
党中央 中共中央 国务院 全国人大 全国政协 人大常委会 市委 县委 省委 区委 镇委 村委会 国会 议会 内阁
海军 陆军 空军 解放军 武警 联合国 欧盟 北约 东盟 欧佩克 世行 亚行 足协 全总 安理会 国家杜马
""".split())
# Last characters of abbreviations (tag j) that name institutions: 北大, 欧盟, 十五大, 人大.
# Other abbreviations are verbs and nouns (深化, 党建, 日电 of a dateline).
ORG_ABBR_ENDS = frozenset("大会委院部社钢厂行协联盟军局队署校所办")
# Last characters of words that end an organisation's name after a run of words
# (琉璃河 / 水泥厂, 经济 / 日报社, 天津市 / 妇联).
ORG_ENDS = frozenset("部局厅署委办院所处队团社厂会司行校组站馆军党联协")
# Titles the dictionary glues to the organisation before them (省委 / 书记, 财政部 / 长).
TITLES = ("副书记", "书记", "副主任", "主任", "副部长", "部长", "长")
# Nouns in an organisation's suffix letters that name no organisation after a place
# (印度当局, 美国军队, 俄罗斯政局, 非洲社会, 纽约总部: the place alone is the name).
NOT_ORG_TAILS = frozenset("""
当局 政局 大局 格局 时局 军队 球队 部队 社会 总部 大部 全部 内部 外部 局部 干部
""".split())

# Common surnames (the top ~200 cover most Han names) and double surnames.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕"
    "丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严"
    "覃武戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚"
    "符舒阮柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆"
    "农司卓古吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋"
    "商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝阙"
    # 习: 习近平, the most named person of the evening news, was no candidate at all. Thirty more
    # of the Hundred Family Surnames (傅 萧 洪 赖 阎 …) cost People's Daily F1 0.006
    "习"
)
DOUBLE_SURNAMES = frozenset("欧阳 司马 上官 诸葛 东方 皇甫 令狐 慕容 尉迟 夏侯 公孙 司徒 长孙 宇文".split())
# Courtesy titles after a bare surname: 李老师, 郑先生 name a person by surname alone.
SURNAME_TITLES = frozenset("老师 先生 女士 小姐 师傅 老 局长 副局长 外长 部长 主任 书记 同志 总".split())
# Characters of transliterated foreign names (克林顿, 叶利钦, 基里延科): a word tagged as a
# name made only of these is a foreign person even without a Chinese surname.
TRANSLIT = frozenset(
    "阿埃艾安昂奥巴拜班邦贝本比彼宾波伯博布查达戴丹德迪蒂丁东杜多厄恩法范菲费芬丰弗福盖冈戈格"
    "古哈海汉豪赫亨胡霍基吉加贾杰金卡凯坎康考柯科克肯库拉莱赖兰朗劳勒雷里利连林琳卢鲁伦罗洛马"
    "迈麦曼梅蒙米明莫默姆穆纳内尼涅努诺欧帕佩彭皮普齐奇恰乔切钦丘萨塞桑瑟森沙莎舍什施斯松苏索"
    "塔泰坦汤特提图托瓦万威韦维温沃乌西希谢辛休雅亚扬耶叶伊因尤约泽扎詹兹佐顿延夫尔思琼宾"
)
# Common words that jieba's dictionary tags as names (雷阵雨, 卫星, 文明).
NOT_NAMES = frozenset("""
雷阵雨 多云 卫星 文明 明白 高潮 荣幸 顾客 安全性 祝贺 王朝 师生 明星 白痴 青少年 卢比 卢布 尼古丁
东道主 育人 弘扬 友谊 腾飞 灵芝 尤伯杯 汤姆斯杯 令人 拓宽 滑雪
""".split())
# Posts a person holds: between an organisation and a name (总工会 / 主席 / 尉健行,
# 政治局 / 常委), never inside or at the end of the organisation's name.
POSITIONS = frozenset("""
主席 副主席 总理 副总理 总统 副总统 首相 大臣 外长 部长 副部长 书记 副书记 主任 副主任 院长 会长
局长 厅长 处长 省长 市长 县长 区长 镇长 委员长 副委员长 委员 常委 秘书长 总裁 董事长 总经理 经理
厂长 校长 社长 台长 团长 队长 司令 司令员 政委 大使 议长 参谋长 总参谋长 主编 总编辑 行政长官
""".split())
# Nouns after a name that belong to the name's thing, not the name (邓小平理论 → 邓小平).
AFTER_NAME = ("理论", "思想", "同志", "文选", "故居", "主席", "总理", "主义", "先生", "小姐",
              "女士", "老", "天皇", "首相")

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
# One-character province abbreviations (黑吉辽蒙 → four provinces). They are only read
# inside a run of two or more of them (黑吉辽, 京津冀, 川渝), never alone: 黑, 新, 青… are
# ordinary characters.
PROVINCE_ABBR = {
    "京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省",
    "晋": "山西省", "蒙": "内蒙古自治区", "辽": "辽宁省", "吉": "吉林省", "黑": "黑龙江省",
    "苏": "江苏省", "浙": "浙江省", "皖": "安徽省", "闽": "福建省", "赣": "江西省",
    "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省", "粤": "广东省",
    "桂": "广西壮族自治区", "琼": "海南省", "川": "四川省", "蜀": "四川省", "黔": "贵州省",
    "贵": "贵州省", "滇": "云南省", "云": "云南省", "藏": "西藏自治区", "陕": "陕西省",
    "甘": "甘肃省", "陇": "甘肃省", "青": "青海省", "宁": "宁夏回族自治区",
    "新": "新疆维吾尔自治区", "港": "香港特别行政区", "澳": "澳门特别行政区", "台": "台湾省",
}
# The characters that a run of one-character places is made of (rivers too: 黄淮, 江淮).
ABBR_PLACES = "".join(sorted(set(COUNTRY_ABBR) | set(PROVINCE_ABBR) | set("黄淮江")))
# Words after such a run that make it two countries (中美关系, 中日两国) rather than a list.
RELATION_WORDS = tuple("""两国 关系 双方 首脑 高层 之间 合作 建交 边界 和约 谈判 两党 友好 贸易 经贸 会谈
联合 战争 对抗 峰会 领导人 外长 三个 核 边境 等国 等地 地区""".split())
# Verbs of going and staying before a one-character country (访华, 赴法, 驻港).
VISIT_VERBS = "访驻来对在赴离抵援侵旅"
# 中、美 is a run; 中方 a country's side, but not 中方面 (on China's side) or 中方法.
LIST_MARK, SIDE, NOT_AFTER_SIDE = "、", "方", "面法式向针案"

# Words that end a place after its name (小河口 / 镇, 斯特拉斯堡 / 市, 濑户 / 大桥).
LOC_TAILS = frozenset("""
镇 村 乡 省 市 县 区 州 岛 街 路 山 湖 河 江 港 湾 峡 寺 宫 塔 池 桥 洲 峰 大桥 广场 半岛 海峡 大区
大道 大街 机场 公园 海 盆地 高原 平原 群岛 地区 特区 邦
""".split())
# Last characters of one-word places that the tagger calls names or leaves unplaced
# (高升镇/nr, 金水河/nr, 卢浮宫/nr).
PLACE_ENDS = frozenset("镇村乡县州岛山湖河江港湾峡寺庙宫阁塔池桥峰顶庄堡城营沟屯寨岭峪坝洲")
# Last characters of nouns that end a place after a name before them, the tail glued to
# the name's last part (古都 / 河村, 莱克 / 伍德县) or a generic place word (杭州 / 植物园,
# 休斯敦 / 航天城, 苏州 / 新区).
TAIL_ENDS = frozenset("镇村乡县州郡岛湖河港湾桥庄城园区站")
# Last characters of administrative units, whole names before any tail.
UNIT_ENDS = frozenset("省市县区镇乡村州")
