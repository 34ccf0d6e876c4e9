"""Bylines, datelines and credits of Chinese newspaper articles.

Every function here looks at one paragraph and says what credit it carries; none of them raises.
Forms covered (full-width or ASCII parentheses, any spacing):

  lead:     本报讯（记者张世光）…  本报讯(记者黄洪涛 通讯员邢钰淇 王君)…  本报电 …
            本报北京1月31日电 （记者杜一菲）…  新华社北京9月30日电 …  据新华社北京…电 …
            新华社北京二月十一日电（记者唐虹）  新华社北京二〇二六年二月十一日电  本报南昌讯 记者 张三 报道：…
            央视网消息（新闻联播）：…  新京报讯（记者 张三）…  羊城晚报讯 记者张三、通讯员李四报道：…
            经济日报·中国经济网北京3月12日讯 …  新华社北京3月1日专电 …  法新社巴黎3月1日电 …
            中新网客户端北京3月1日电 …  央广网北京3月1日消息（记者张三）…  光明网讯 …
            【本报讯】记者张三报道：…  【明报专讯】…  （中央社记者叶素萍台北9日电）…
  alone:    本报记者 裴龙翔    本报记者 张三 李四    记者张三、李四    新华社记者 王五
            光明日报记者 张三   ■本报记者 张三   本报记者 张三 本报通讯员 李四   □首席记者 张三
            文/图 本报记者 张三   新京报记者 张三 编辑 李四 校对 王五 (editor apart, proofreader dropped)
            澎湃新闻记者 张三   工人日报客户端记者 张三   中青报·中青网记者 张三
  credits:  新华社记者 徐昱摄   本报记者 罗艾桦文 陈北跑摄   张三摄影报道   制图：蔡华伟
  end:      （本报上海12月20日电）  （记者 张三）  （本版编辑：李四）   责任编辑：王五   本版责编：赵六   （完）
  source:   据新华社   据《环球人物》   据极目新闻等   综合新华社等报道   （据新华社）   来源：澎湃新闻
            (the source an evening paper names at the end of a story it took, as its own line or
            after the last sentence)
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tasks.ingest.dates import day_number, year_number

# a paper named as the agency or before a reporter's role: 光明日报, 解放日报, 南方都市报, 钱江晚报
_PAPER = r"[\u4e00-\u9fff]{2,6}?(?:日报|晚报|晨报|都市报|商报|时报)"
# news agencies that file "社 + place + date + 电": China's, Taiwan's (中央社) and those quoted
# from abroad (法新社, 路透社, …)
_WIRE = r"(?:新华|中新|中国新闻|中央|中通|法新|路透|美联|共同|塔斯|韩联|德新|埃菲|安莎|卫星)社"
# any paper, site or app before 讯, whatever its name ends in: 新京报讯, 大公报讯, 明报专讯, 光明网讯
_PAPER_XUN = r"[\u4e00-\u9fff]{1,5}?(?:报|网|新闻)(?=\s*专?讯)"
# (a paper's app files in its own name: 中新网客户端北京3月1日电, 中国青年报客户端)
_OUTLET = (rf"(?:(?:本报|{_WIRE}|人民网|新华网|中新网|央广网|央视|中央广播电视总台|{_PAPER}|{_PAPER_XUN})"
           r"(?:客户端)?|[\u4e00-\u9fff]{2,6}?报客户端)")
# outlets filing together: 经济日报·中国经济网北京3月12日讯
_AGENCY = rf"(?:据)?{_OUTLET}(?:·[\u4e00-\u9fff]{{2,8}}?(?:网|新闻|客户端))?"
_PLACE = r"[\u4e00-\u9fff·、]{1,16}?"
# wire copy writes the date in Chinese numerals: 二月十一日, 十二月二十三日
_CN_NUM = r"[一二三四五六七八九十]{1,3}"
_DATE = (r"(?:(?P<year>\d{4}|[〇○零一二三四五六七八九]{4})年)?"    # 新华社北京二〇二六年二月十一日电
         rf"(?:(?P<month>\d{{1,2}}|{_CN_NUM})月)?(?P<day>\d{{1,2}}|{_CN_NUM})日")
# 本报讯 / 本报电 / 本报北京1月31日电 / 新华社北京9月30日电 / 本报上海电 / 本报南昌讯
# Hong Kong papers bracket it: 【本报讯】, 【明报专讯】; 专电 is a dispatch of the agency's own;
# a radio's site dates its 消息 (央广网北京3月1日消息)
_DATELINE = re.compile(
    rf"^【?(?P<agency>{_AGENCY})\s*(?P<place>{_PLACE})?\s*(?:{_DATE})?\s*(?:专?电|专讯|(?<![通专])讯|(?<=日)消息)】?"
    # web and broadcast leads: 央视网消息（新闻联播）： (each item of the evening news transcript)
    r"|^(?P<web>央视网|新华网|人民网|中新网|中国新闻网|光明网)消息\s*(?:[（(][^（()）]{1,12}[）)])?\s*[：:]"
)
# Taiwan's 中央社 opens in parentheses, the reporter's name run into the place:
# （中央社记者张三台北1日电）, （中央社台北1日专电）
_CNA = re.compile(rf"^[（(]\s*(?P<agency>中央社)(?P<role>记者)?(?P<rest>[\u4e00-\u9fff、·]{{2,30}}?)\s*{_DATE}"
                  r"\s*专?电\s*[）)]")
_PAREN = r"[（(]\s*(?P<inner>[^（()）]{1,60}?)\s*[）)]"
# a parenthesised credit right after the dateline: （记者杜一菲） (记者黄洪涛 通讯员邢钰淇 王君)
_LEAD_CREDIT = re.compile(rf"^\s*{_PAREN}")
# the same credit without parentheses: 本报讯 记者张三 通讯员李四 …  (ends at the first space run
# after the last name, so it is only tried when the dateline was 讯/电 with no parenthesis)
# (a paper, site or app before the role: 新京报记者, 澎湃新闻记者, 工人日报客户端记者, 中青报·中青网记者)
_ROLE = (rf"(?:本报|{_WIRE}|{_PAPER}|(?!综合)[\u4e00-\u9fff]{{1,4}}?(?:报|新闻|网)(?:客户端)?"
         r"(?:·[\u4e00-\u9fff]{1,4}?(?:报|网|新闻))?)?"
         r"(?:首席|特约|见习|实习)?(?:摄影记者|特派记者|记者|通讯员|实习生)")
# a byline's other roles, after a reporter's: 新京报记者 张三 编辑 李四 校对 王五
_ROLE_SPLIT = re.compile(rf"({_ROLE}|(?<![\u4e00-\u9fff])(?:编辑|责编|校对)(?![\u4e00-\u9fff]))")
_ROLE_WORD = re.compile(r"(?:首席|特约|见习|实习)?(?:摄影记者|特派记者|记者|通讯员|实习生|编辑|责编|校对)$")
# a name is 1-4 Han characters (one-character tokens are halves of a padded name), optionally a
# transliterated "·" name
_NAME = r"[\u4e00-\u9fff]{1,4}(?:·[\u4e00-\u9fff]{1,8})?"
_NAMES = rf"{_NAME}(?:[\s、，,和]+{_NAME}){{0,7}}"
# the credit without parentheses after a dateline (本报北京3月1日电 记者 张三 李四 / 本报南昌讯 记者
# 张三 报道：…): names apart by spaces or 、, the last followed by a space, a colon or the end
_BARE_CREDIT = re.compile(
    rf"^\s*(?P<inner>(?:[、，,]?\s*{_ROLE}\s*{_NAME}(?:(?:\s+|\s*、\s*)(?!报道|{_ROLE}){_NAME})*\s*)+?)"
    r"(?:报道)?(?:\s*[：:]|\s+|$)")
# a bullet some papers set before a byline: ■本报记者 张三
_BULLET = re.compile(r"^[■●◆▲★□◇○◎☆]\s*")
# what the byline's names wrote or took: 文/记者 张三, 文/图 本报记者 张三
_WORK_MARK = re.compile(r"^(?:(?:文|图|撰文|文图)\s*[/／|｜:：]|文\s*[/／]\s*图|图\s*[/／]\s*文)\s*(?=\S*记者)")
# "（本报记者 张三整理）": what the reporter did, not part of the name
_WROTE = r"\s*(?:采访|采写)?(?:整理|报道)?"
_WROTE_END = re.compile(r"(?:整理|报道|采写|采访)+$")
# a paragraph that is only a byline: 本报记者 裴龙翔 / 记者张三、李四 / 新华社记者 王五
_STANDALONE = re.compile(
    rf"^(?P<body>(?:{_ROLE}\s*{_NAMES}\s*)+){_WROTE}$"
)
# photo / text / drawing credits: 新华社记者 徐昱摄, 本报记者 罗艾桦文 陈北跑摄, 张三摄影报道,
# 贺俊怡摄（影像中国）
_PHOTO_FORM = (rf"^(?P<pre>(?:{_AGENCY})?(?:{_ROLE})?)\s*<WRITER>"
               rf"(?P<names>{_NAMES})\s*(?:摄影报道|摄影|摄)(?:\s*[（(][^（()）]{{1,12}}[）)])?$")
_PHOTO = re.compile(_PHOTO_FORM.replace("<WRITER>", rf"(?:(?P<writer>{_NAMES})\s*文\s*)?"))
# the same without a writer: a 文 inside a photographer's name ("陆文明摄")
_PHOTO_NO_WRITER = re.compile(_PHOTO_FORM.replace("<WRITER>", "(?P<writer>)"))
# a photo credit glued to the end of a caption: "…送给老人们。 新华社记者 徐昱摄"
_TRAILING_PHOTO = re.compile(
    rf"(?<=[。！？”])\s*(?P<credit>(?:{_AGENCY})?(?:{_ROLE})?\s*{_NAMES}\s*(?:摄影报道|摄影|摄)"
    rf"(?:\s*[（(][^（()）]{{1,12}}[）)])?)$"
)
_EDITOR = re.compile(r"^[（(]?\s*(?:本版|责任)?(?:编辑|责编)\s*[:：]?\s*(?P<names>[^）)]{1,40}?)\s*[）)]?$")
_OTHER_CREDIT = re.compile(
    r"^(?:本版|本期|剧照)?(?:制图|版式设计|版式|图片来源|图片|数据来源|插图|题图|漫画|(?:稿件)?统筹|执笔|摄影|"
    r"(?:栏目)?投稿邮箱)\s*[:：]\s*\S.{0,40}$|"
    r"^[\u4e00-\u9fff·\s]{1,12}(?:图|绘)\s+[\u4e00-\u9fff·\s]{1,12}文$"
)
# a dateline or credit closing the article: （本报上海12月20日电） （新华社北京2月1日电） （记者 张三）
_END_DATELINE = re.compile(rf"[（(]\s*(?P<line>{_AGENCY}[^（()）]{{0,20}}?电|(?:{_ROLE})\s*{_NAMES}){_WROTE}\s*[）)]\s*$")
_SPACES = re.compile(r"\s+")
# what a photo credit ends on, and with a note after it (…摄（影像中国）)
_PHOTO_ENDS = ("摄", "摄影", "摄影报道")
_PHOTO_CREDIT_ENDS = (*_PHOTO_ENDS, "）", ")")
# (记者/张三 通讯员/李四, 记者｜张三: a slash or bar between a role and its names)
_NAME_SEP = re.compile(r"[\s、，,和及/／|｜]+")


@dataclass
class Credit:
    """What one paragraph says about who wrote the article, where and when."""

    agency: str = ""
    place: str = ""
    year: int | None = None
    month: int | None = None
    day: int | None = None
    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)
    photographers: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)


def split_names(text: str) -> list[str]:
    """Names from "张三 李四" / "张三、李四" / "于 洋" / "许 晴  方 敏".

    Print pads a two-character name to three columns ("于 洋", "陈  然"), so a run of single
    characters is padded names: one name, or two-character names when the run is 4, 6, … long."""
    names: list[str] = []
    run: list[str] = []
    for tok in _NAME_SEP.split(text.strip()) + [""]:
        if len(tok) == 1:
            run.append(tok)
            continue
        if len(run) >= 4 and len(run) % 2 == 0:
            names.extend("".join(run[k:k + 2]) for k in range(0, len(run), 2))
        elif run:
            names.append("".join(run))
        run = []
        if tok:
            names.append(tok)
    return [n for n in names if 2 <= len(n) <= 12]


def _agency(raw: str) -> str:
    return raw[1:] if raw.startswith("据") else raw


def _roles(text: str, credit: Credit) -> None:
    """Fill reporters/correspondents from "记者A B 通讯员C" (roles repeat and switch the list)."""
    parts = _ROLE_SPLIT.split(text)
    target: list[str] | None = None
    for part in parts:
        if _ROLE_SPLIT.fullmatch(part):
            target = (credit.correspondents if "通讯员" in part else None if part in ("实习生", "校对")
                      else credit.photographers if "摄影" in part
                      else credit.editors if part in ("编辑", "责编") else credit.reporters)
            agency = _ROLE_WORD.sub("", part)
            if credit.agency == "" and agency:
                credit.agency = agency
        elif target is not None:
            target.extend(n for n in split_names(part) if n not in target)


# A lead's 电, 讯 or 消息 comes within this many characters (agency, place and date before it).
_LEAD_REACH = 64


def parse_lead(par: str) -> tuple[Credit, str] | None:
    """A dateline/byline opening the paragraph: (credit, the rest of the paragraph), else None."""
    head = par[:_LEAD_REACH]
    if "电" not in head and "讯" not in head and "消息" not in head:
        return None     # skips the patterns: 31 -> 25 ms per 33k xwlb paragraphs
    m = _DATELINE.match(par)
    if not m:
        return _cna_lead(par)
    credit = Credit(agency=_agency(m["agency"] or m["web"]), place=m["place"] or "")
    if m["day"]:
        _read_date(m, credit)
    rest = par[m.end():]
    p = _LEAD_CREDIT.match(rest) or _BARE_CREDIT.match(rest)
    if p and _ROLE_SPLIT.search(p["inner"]):
        _roles(_WROTE_END.sub("", p["inner"].strip()), credit)
        rest = rest[p.end():]
    return credit, rest.strip()


def _read_date(m: re.Match, credit: Credit) -> Credit:
    """The year, month and day a match of `_DATE` names, into `credit`."""
    credit.day = day_number(m["day"])
    credit.month = day_number(m["month"]) if m["month"] else None
    credit.year = year_number(m["year"]) if m["year"] else None
    return credit


def _cna_lead(par: str) -> tuple[Credit, str] | None:
    """中央社's lead (see `_CNA`). Its reporters' names are three characters, nearly all: the
    last one's end is where the place begins, unless that would leave less than two."""
    m = _CNA.match(par)
    if not m:
        return None
    credit = _read_date(m, Credit(agency=m["agency"]))
    *names, last = m["rest"].split("、")
    if m["role"]:
        cut = 3 if len(last) >= 5 else 2
        credit.reporters = [n for n in (*names, last[:cut]) if n]
        last = last[cut:]
    credit.place = last
    return credit, par[m.end():].strip()


def is_web_lead(par: str) -> bool:
    """The paragraph opens on a web or broadcast lead ("央视网消息（新闻联播）：")."""
    m = _DATELINE.match(par)
    return bool(m and m["web"])


def parse_standalone(par: str) -> Credit | None:
    """A paragraph that is nothing but a byline ("本报记者 裴龙翔")."""
    par = _WORK_MARK.sub("", _BULLET.sub("", par))
    if len(par) > 40 or not _STANDALONE.match(par) or par.endswith(("手记", *_PHOTO_ENDS)):
        return None   # (a "记者手记" box heading reads as reporter 手记; "记者 王 锐摄" is a photo's)
    credit = Credit()
    _roles(_WROTE_END.sub("", par), credit)
    if not (credit.reporters or credit.correspondents):
        return None
    return credit


def parse_photo(par: str) -> Credit | None:
    """A photo/text credit line ("新华社记者 徐昱摄", "本报记者 张三文 李四摄")."""
    if len(par) > 40 or not par.endswith(_PHOTO_CREDIT_ENDS):
        return None     # what `_PHOTO` ends on: 17 -> 3 ms per 12k short xwlb paragraphs
    m = _PHOTO.match(par)
    if not m:
        return None
    if m["writer"] and not (split_names(m["writer"]) and split_names(m["names"])):
        # a 文 inside a name ("陆文明摄"), not a writer's credit
        m = _PHOTO_NO_WRITER.match(par) or m
    pre = m["pre"] or ""
    credit = Credit(photographers=split_names(m["names"]))
    for ag in ("本报", "新华社", "中新社", "人民日报"):
        if ag in pre:
            credit.agency = ag
    if m["writer"]:
        credit.reporters = split_names(m["writer"])
    return credit if credit.photographers else None


def split_trailing_photo(par: str) -> tuple[str, Credit | None]:
    """A caption with its photo credit on the same line: (caption, credit)."""
    if not par.endswith(_PHOTO_CREDIT_ENDS):
        return par, None    # what `_TRAILING_PHOTO` ends on: 60 -> 8 ms per 33k xwlb paragraphs
    m = _TRAILING_PHOTO.search(par)
    if not m:
        return par, None
    credit = parse_photo(_SPACES.sub(" ", m["credit"]).strip())
    if credit is None:
        return par, None
    return par[:m.start()].rstrip(), credit


# a picture's caption with its credit after a space, on one line: "…正值盛花期 记者 江玥 摄",
# "机器人正在铲爆米花 杭州具身智能展示中心供图"
_SPACED_CREDIT = re.compile(
    rf"\s(?P<credit>(?:{_AGENCY})?(?:{_ROLE})?\s*{_NAMES}\s*(?:摄影报道|摄影|摄)|[^\s，。]{{2,16}}供图)$")


def split_caption(par: str) -> Credit | None:
    """The credit of a one-line caption ("…正值盛花期 记者 江玥 摄"), else None."""
    if len(par) > 80 or not par.endswith((*_PHOTO_ENDS, "供图")):
        return None
    m = _SPACED_CREDIT.search(par)
    if not m or not par[:m.start()].strip():
        return None
    if m["credit"].endswith("供图"):
        return Credit()
    return parse_photo(_SPACES.sub(" ", m["credit"]).strip())


def parse_editor(par: str) -> list[str] | None:
    """Names from "（本版编辑：张三）" / "责任编辑：李四", else None."""
    if len(par) > 50 or "编辑" not in par and "责编" not in par:
        return None
    m = _EDITOR.match(par)
    return split_names(m["names"].replace("：", " ")) if m else None


def is_other_credit(par: str) -> bool:
    """制图：/版式设计：/图片来源： lines and "张三图 李四文": credits that are not body text."""
    return len(par) <= 50 and bool(_OTHER_CREDIT.match(par))


# the source of a picture printed under it: 人民视觉 / 影像中国 / 朱慧卿作（新华社发）
_PICTURE_SOURCE = re.compile(
    r"^(?:影像中国|人民视觉|视觉中国|新华社发|中新社发|CFP)$|^[\u4e00-\u9fff·]{2,8}作\s*[（(][^（()）]{1,10}发[）)]$")
# common surnames (a bare signature line is names that start with one)
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁"
    "任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武"
    "戴莫孔向汤常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮"
    "柯纪梅童凌毕单季裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古"
    "吉缪简车项连芦麦褚娄窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫"
    "寇桑郎甄丛仲虞敖巩明佘池查麻苑迟邝")
_SIGNATURE_NAME = re.compile(r"^[\u4e00-\u9fff](?:\s*[\u4e00-\u9fff]){1,2}$")
_PLACE_END = ("省", "市", "县", "区", "州", "旗")


def is_picture_source(par: str) -> bool:
    """The agency or artist line under a picture ("人民视觉", "朱慧卿作（新华社发）"): part of the
    text, but like a credit it ends the item above it."""
    return len(par) <= 30 and bool(_PICTURE_SOURCE.match(par))


def is_signature(par: str) -> bool:
    """A line that is only the writers' names, padded as printed and optionally after their
    place ("张  岩", "王汉超 徐 驰", "江西新余市  廖海金"): the signature of a letter or of one
    piece of a compound column. Names are 2-3 characters with a common surname; a space must
    separate something (an unspaced "张岩" is as likely a word)."""
    if len(par) > 30 or " " not in par.strip():
        return False
    parts = par.split()
    if len(parts) > 1 and parts[0].endswith(_PLACE_END) and len(parts[0]) >= 3:
        parts = parts[1:]
    # re-join the padding inside one name ("张  岩", "徐 驰")
    names: list[str] = []
    for tok in parts:
        if names and len(names[-1]) == 1:
            names[-1] += tok
        else:
            names.append(tok)
    return 1 <= len(names) <= 4 and all(
        _SIGNATURE_NAME.match(n) and 2 <= len(n) <= 3 and n[0] in _SURNAMES for n in names)


def split_end_dateline(par: str) -> tuple[str, Credit | None]:
    """A closing "（本报上海12月20日电）", "（记者 张三）" or wire copy's "（完）": (paragraph without
    it, credit)."""
    # both patterns end on a parenthesis; asked of every body paragraph, the searches alone
    # cost 5 % of splitting (docs/PERFORMANCE.md)
    if not par.rstrip().endswith(_CLOSE_PARENS):
        return par, None
    m = _END_DATELINE.search(par)
    if not m:
        w = _STORY_END.search(par)
        return (par[:w.start()].rstrip(), Credit()) if w else (par, None)
    line = m["line"]
    lead = parse_lead(line)
    if lead is not None:
        credit = lead[0]
    else:
        credit = Credit()
        # what the reporter did is no part of the name ("（本报记者 韩 鑫采访）": the name
        # pattern takes "鑫采访" whole)
        _roles(_WROTE_END.sub("", line), credit)
        if not (credit.reporters or credit.correspondents):
            return par, None
    return par[:m.start()].rstrip(), credit


_CLOSE_PARENS = ("）", ")")
# wire copy closes each story with （完）
_STORY_END = re.compile(r"[（(]\s*完\s*[）)]\s*$")
_SOURCE_NAME = r"《?[^，。！？：；“”、（()）《》\s]{2,16}?》?"
# the source an evening paper names at the end of what it took from elsewhere, alone on its line
# or after the last sentence: 据新华社 / 据《环球人物》 / 据极目新闻等 / 综合新华社等报道 / 据A、B
# (in parentheses too: （据新华社）, （综合新华社、央视新闻）; 据新华社电), and a 来源 naming an
# outlet (来源：新华社, （本文来源：澎湃新闻）: a chart's 来源：国家统计局 names no outlet and closes
# nothing)
_OUTLET_ENDS = "社|报|网|新闻|台|客户端|发布|之声|杂志|频道"     # what an outlet's name ends in
_CITED = re.compile(
    rf"(?:^|(?<=[。！？…”」]))\s*(?P<open>[（(])?\s*"
    rf"(?:(?:据|综合)(?P<src>{_SOURCE_NAME}(?:、{_SOURCE_NAME}){{0,4}})等?(?:(?P<wire>电)|报道|消息)?"
    rf"|(?:本文|文章|稿件)?来源\s*[：:]\s*(?P<outlet>《?[\u4e00-\u9fff·]{{1,12}}?(?:{_OUTLET_ENDS}|》)))"
    r"\s*(?(open)[）)])$")
# what follows 据 in a sentence, not a source ("据了解", "据介绍")
_NOT_SOURCES = frozenset({"了解", "介绍", "悉", "统计", "报道", "测算", "调查", "估计", "初步统计",
                          "不完全统计", "分析", "记者了解", "记者观察"})


_CITED_STARTS = ("据", "综合", "来源", "本文来源", "文章来源", "稿件来源")
# a source in parentheses names an outlet, not the paper's own reporters
_OUTLET_NAME = re.compile(rf"(?!.*(?:本报|记者)).{{2,16}}(?:{_OUTLET_ENDS})")


def cited_source(par: str) -> str:
    """The source(s) named at the end of `par` ("…销毁。据新华社" → "新华社", "据A、B等" → "A、B"),
    else ""."""
    if len(par) < 4 or par[-1] in "。！？，：；”":
        return ""
    m = _CITED.search(par)
    if not m:
        return ""
    names = [n.strip("《》") for n in (m["src"] or m["outlet"]).split("、")]
    if m["open"] and (m["wire"] or not all(map(_OUTLET_NAME.fullmatch, names))):
        # in parentheses People's Daily credits its own reporters so (（综合本报记者张三、李四报道）,
        # （综合范昊天、郭智报道）) and closes on a dateline (（据新华社赫尔辛基电）: split_end_dateline's)
        return ""
    return "" if any(n in _NOT_SOURCES for n in names) else "、".join(names)


def is_cited_source(par: str) -> bool:
    """The paragraph is only the source line ("据中国之声")."""
    return len(par) <= 30 and par.lstrip("（(").startswith(_CITED_STARTS) and bool(cited_source(par))


# the writer's line under a piece's title: 作者：张三 / 文/李四 / 寄思人：黄肖洁 / 讲述人：王五
_AUTHOR = re.compile(r"^(?:作者|文|撰文|口述|讲述人|寄思人|来信人|投稿人)\s*[：:/／]\s*[\u4e00-\u9fff·\s]{2,12}$")


def is_author_line(par: str) -> bool:
    return bool(_AUTHOR.match(par))


def resolve_date(month: int | None, day: int | None, pub: date | None, year: int | None = None
                 ) -> date | None:
    """The dateline date: a year it names, else the year (and a missing month) come from the
    publication date; a dateline later in the year than the issue belongs to the previous year
    (12月31日电 in a January issue)."""
    if year is not None and month is not None and day is not None:
        try:
            return date(year, month, day)
        except ValueError:
            return None
    if pub is None or day is None:
        return None
    year, mon = pub.year, month or pub.month
    if month is None and day > pub.day:
        mon -= 1
        if mon == 0:
            year, mon = year - 1, 12
    elif (mon, day) > (pub.month, pub.day):
        year -= 1
    try:
        return date(year, mon, day)
    except ValueError:
        return None
