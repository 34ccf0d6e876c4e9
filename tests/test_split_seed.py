"""The seed page (工人日报 2022-12-21) split by hand: every article, every field.

Expected values were written from reading the page, as an editor would file them. Section heads
stay in the body as paragraphs (and are listed); the reading tip is not in the body."""
from __future__ import annotations

from datetime import date

import pytest

from tasks.split.splitter import split_text
from tests.corpus import SEED

PUB = date(2022, 12, 21)


@pytest.fixture(scope="module")
def arts():
    return split_text(SEED.read_text(encoding="utf-8"), PUB)


def paras(a):
    return a.body.split("\n")


EXPECTED = [
    # kicker, headline, agency, reporters, correspondents, n body paragraphs, first body words
    ("经验共享 问题共研", "黑吉辽蒙聚焦共同提升职工生活品质", "本报", ["张世光"], [], 7, "日前,黑龙江"),
    ("贵州工会党建引领、摸清底数、分类指导、拓展服务促建会", "“四步走”把新就业形态劳动者引进“家”",
     "本报", ["李丰"], [], 5, "记者日前从贵州省总工会获悉"),
    ("", "内蒙古工会发放福利消费券助力复工复产", "本报", ["李玉波"], [], 3, "12月16日,为助力复工复产"),
    ("国网南京供电公司畅通职工诉求表达渠道", "总经理联络员搭建职企“连心桥”", "本报", ["黄洪涛"],
     ["邢钰淇", "王君"], 4, "走进国网南京供电公司"),
    ("上海市医药工会开展阶段性劳动竞赛,力促防疫相关药品生产再提速——", "“工力量”守护百姓“药箱子”",
     "本报", ["裴龙翔"], [], 14, "布洛芬胶囊24小时"),
    ("", "爱心志愿团送健康", "新华社", [], [], 1, "12月20日,在浙江诸暨东白湖镇"),
    ("日照市总联手电视台打造《工会法律在线》节目", "直播普法 在线维权", "本报", ["田国全"], ["刘普亮"], 5,
     "前不久,山东省日照市律师"),
    ("安庆工会开启职工技能培训与职业教育联合办学模式", "优势互补 共建技能人才培养基地", "本报", ["陈华"],
     ["江琳"], 5, "近日,安徽省安庆市职工学校"),
    ("重庆市总工会打出建组织、强阵地、重服务的建会入会“组合拳”,让18万余名劳动者找到“娘家”——",
     "建会“快车道”是这样铺成的", "本报", ["黄仕强"], [], 18, "近日,记者从重庆市总工会"),
]


def test_nine_articles_in_order(arts):
    assert [a.seq for a in arts] == list(range(1, 10))
    assert [a.headline for a in arts] == [e[1] for e in EXPECTED]


@pytest.mark.parametrize("k", range(9))
def test_titles_credits_body(arts, k):
    kicker, headline, agency, reporters, correspondents, n, start = EXPECTED[k]
    a = arts[k]
    assert (a.kicker, a.headline, a.subheadline) == (kicker, headline, "")
    assert a.agency == agency
    assert a.reporters == reporters
    assert a.correspondents == correspondents
    assert a.editors == []
    assert len(paras(a)) == n
    assert a.body.startswith(start)
    assert "本报讯" not in a.body and "本报记者" not in a.body and "摄" not in a.body[-5:]


def test_only_shanghai_has_a_dateline(arts):
    assert [(a.dateline_place, a.dateline_date) for a in arts] == [("", None)] * 4 + [
        ("上海", date(2022, 12, 20))] + [("", None)] * 4


def test_kinds_and_photo(arts):
    assert [a.kind for a in arts] == ["article"] * 5 + ["photo"] + ["article"] * 3
    photo = arts[5]
    assert photo.photographers == ["徐昱"]
    assert photo.body.endswith("筹集退烧药等防疫物资送给老人们。")
    assert all(a.photographers == [] for a in arts if a is not photo)


def test_shanghai_section_heads_page_break_and_broken_end(arts):
    a = arts[4]
    assert a.section_heads == ["关键时刻主动应战", "瞄准“极限产能”发力", "干部职工“闻令而动”"]
    assert "既要注意为职工配备防疫用品、药品,更要积极承担起社会责任" in a.body
    assert paras(a)[-1] == "12月12日,上海药品重点企业上药新亚"
    assert "本报上海" not in a.body


def test_anqing_word_cut_by_page_break(arts):
    body = arts[7].body
    assert "职工培训、技能培训、技能大赛等人员选调工作" in body
    assert "\n能大赛" not in body


def test_chongqing_tip_fragment_and_sections(arts):
    a = arts[8]
    assert a.reading_tip == ("党建带工建、“点线面”发力、以服务促入会……重庆各级工会一体化推进建会入会和维权"
                             "服务工作,吸引新就业形态劳动者、农民工等群体主动入会进“家”。")
    assert a.reading_tip not in a.body
    assert a.section_heads == ["“点线面”发力扩大组织覆盖面", "党工共建助劳动者轻松进“家”",
                               "从“要我入会”到“我要入会”"]
    p = paras(a)
    # the out-of-column-order block is back after "…推动美团等龙", making 龙头平台企业
    assert p[4].startswith("铜梁区总工会党组书记") and "推动美团等龙头平台企业单独建会39家" in p[4]
    assert p[4].endswith("覆盖175家企业。")
    assert p[5].startswith("重庆市总工会基层组织部部长刘星介绍")
    assert "截至目前,该县已吸纳农民工、新就业形态劳动者会员13105人。" in a.body
    assert p[-1].startswith("渝中区总工会党组书记")
    assert a.dateline_place == "" and a.dateline_date is None


# -- the three sample pages written for baoku (original text, so the truth is known) -------------
INBOX = SEED.parent


def _read(name: str) -> str:
    """Decode as the pipeline's reader would: BOM / UTF-8 / GB18030, CRLF to LF."""
    data = (INBOX / name).read_bytes()
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc).replace("\r\n", "\n")
        except UnicodeDecodeError:
            continue
    raise AssertionError(name)


def test_sample_20221222_blank_lines_photo_and_dateline():
    arts = split_text(_read("grrb-20221222-04.txt"), date(2022, 12, 22))
    assert [(a.kind, a.kicker, a.headline) for a in arts] == [
        ("article", "温州鞋企工会推行“技能积分”，一线职工凭本事拿奖金——", "小积分撬动大技能"),
        ("article", "", "暖心驿站里的“冬日套餐”"),
        ("photo", "", "技能比武迎新春"),
    ]
    a, b, c = arts
    assert (a.agency, a.reporters, a.correspondents) == ("本报", ["林晓岚"], ["周启明"])
    assert a.body.startswith("“上个月攒了86分") and len(a.body.split("\n")) == 4
    assert (b.reporters, b.section_heads) == (["韩雪松"], ["驿站有了新功能"])
    assert (b.agency, b.dateline_place, b.dateline_date) == ("本报", "长沙", date(2022, 12, 21))
    assert (c.agency, c.photographers, c.reporters) == ("本报", ["王一鸣"], [])


def test_sample_20221223_gb18030_indented_subheadline():
    arts = split_text(_read("grrb-20221223-02.txt"), date(2022, 12, 23))
    assert [(a.kicker, a.headline, a.subheadline) for a in arts] == [
        ("四川广元开展“送法进工地”活动", "农民工讨薪有了“直通车”", ""),
        ("", "江苏徐州：产改让青年技工“挑大梁”", "——一家机械企业的产业工人队伍建设改革见闻"),
    ]
    a, b = arts
    assert (a.reporters, a.correspondents, a.dateline_place) == (["罗明远"], ["杜佳"], "")
    assert len(a.body.split("\n")) == 3
    assert (b.reporters, b.dateline_place, b.dateline_date) == (["许文静"], "徐州", date(2022, 12, 22))
    assert b.body.startswith("走进江苏徐州") and b.body.endswith("为企业节约成本300多万元。")


def test_sample_20221224_bom_padded_names():
    arts = split_text(_read("2022-12-24/grrb-20221224-05.txt"), date(2022, 12, 24))
    assert [(a.kicker, a.headline) for a in arts] == [
        ("“师带徒”结对迎来第十个年头", "老师傅的绝活有了“传人”"),
        ("", "职工书屋开进了集装箱"),
    ]
    a, b = arts
    assert (a.agency, a.reporters) == ("本报", ["孟庆丰"])
    assert (b.reporters, b.dateline_place, b.dateline_date) == (["钱宇航", "柴雯"], "天津",
                                                                 date(2022, 12, 23))
