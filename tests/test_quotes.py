"""Who said what: quotations with their speakers, on the seed page and on paragraphs written in
several papers' styles."""
from __future__ import annotations

import pytest

from tasks.enrich.enricher import shared_enricher
from tasks.enrich.quotes import quotes
from tasks.split.splitter import split_text
from tests.corpus import SEED

# Every speaker of the seed page, read off the page: the name, the organisation, or the title of
# an unnamed speaker; 她 is 李桂兰.
SEED_SPEAKERS = {"阙德臣", "陈杰", "洪伟", "刘克胜", "刘星", "吴昌金", "周叶", "张尧", "王萍", "陈刚", "潘国庆",
                 "上海市医药工会", "黑龙江省总工会权益保障部相关负责人", "李桂兰"}


@pytest.fixture(scope="module")
def seed_quotes():
    enricher = shared_enricher("fast")
    out = []
    for a in split_text(SEED.read_text(encoding="utf-8")):
        out += quotes(a.body, enricher.tag(a).entities)
    return out


def test_seed_page_speakers(seed_quotes):
    """Counted over distinct speakers (name, entity or title): recall >= 0.8, precision >= 0.9."""
    found = {q.speaker or q.speaker_title for q in seed_quotes}
    right = found & SEED_SPEAKERS
    assert len(right) / len(SEED_SPEAKERS) >= 0.8, SEED_SPEAKERS - found
    assert len(right) / len(found) >= 0.9, found - SEED_SPEAKERS


def test_seed_page_titles_pronouns_and_unnamed_speakers(seed_quotes):
    by_speaker = {}
    for q in seed_quotes:
        by_speaker.setdefault(q.speaker, []).append(q)
    assert any(q.speaker_title == "铜梁区总工会党组书记、常务副主席" for q in by_speaker["潘国庆"])
    assert any(q.speaker_title == "该公司纪委书记、工会主席" for q in by_speaker["陈杰"])
    unnamed = by_speaker[None]
    assert [q.speaker_title for q in unnamed] == ["黑龙江省总工会权益保障部相关负责人"]
    assert unnamed[0].quote.startswith("4地的地理环境") and not unnamed[0].direct
    # "李桂兰是…环卫工人,她说,…": the pronoun is the person the sentence opened on
    assert by_speaker["李桂兰"][0].quote.startswith("社区工会服务站的建成投用")
    # entities the recognizer found are resolved; an organisation speaks too
    assert {q.speaker_entity for q in by_speaker["上海市医药工会"]} == {"上海市医药工会"}
    assert {q.speaker_entity for q in by_speaker["王萍"]} == {"王萍"}


PARAGRAPHS = [
    # (text, entities as the recognizer would give them, expected (speaker, title, verb, direct, quote start))
    ("国家统计局新闻发言人付凌晖表示：“当前经济运行总体平稳。”",
     [("PER", "付凌晖", "付凌晖", None, 1), ("ORG", "国家统计局", "国家统计局", None, 1)],
     [("付凌晖", "国家统计局新闻发言人", "表示", True, "当前经济运行总体平稳")]),
    ("“我们会把服务做得更细。”社区党委书记李红说。",
     [("PER", "李红", "李红", None, 1)],
     [("李红", "社区党委书记", "说", True, "我们会把服务做得更细")]),
    ("外交部发言人毛宁在例行记者会上指出，中方愿同各方一道，推动局势缓和。",
     [("PER", "毛宁", "毛宁", None, 1), ("ORG", "外交部", "外交部", None, 1)],
     [("毛宁", "外交部发言人", "指出", False, "中方愿同各方一道")]),
    ("市场监管部门相关负责人介绍，今年已抽检食品三千余批次。",
     [],
     [(None, "市场监管部门相关负责人", "介绍", False, "今年已抽检食品三千余批次")]),
    ("据了解，今年的产量比去年高。有关数据显示，价格稳中有降。",
     [], []),
    ("王大妈今年七十岁，她笑着说：“日子越过越好。”",
     [("PER", "王大妈", "王大妈", None, 1)],
     [("王大妈", "", "说", True, "日子越过越好")]),
    # when stands between speaker and verb as often as how
    ("俄罗斯国防部27日称，俄军在多个方向打击了乌军目标。",
     [("ORG", "俄罗斯国防部", "俄罗斯国防部", None, 1)],
     [("俄罗斯国防部", "", "称", False, "俄军在多个方向打击了乌军目标")]),
    ("港铁发言人日前在记者会上说，公司会继续留意乘客量变化。",
     [],
     [(None, "港铁发言人", "说", False, "公司会继续留意乘客量变化")]),
    # Hong Kong and Taiwan quote in corner brackets
    ("财政司司长陈茂波昨日表示：「计划旨在提振本地消费，『稳经济』是首要任务。」",
     [("PER", "陈茂波", "陈茂波", None, 1)],
     [("陈茂波", "财政司司长", "表示", True, "计划旨在提振本地消费，‘稳经济’是首要任务")]),
]


@pytest.mark.parametrize("text, entities, expected", PARAGRAPHS)
def test_paragraphs_in_several_styles(text, entities, expected):
    got = [(q.speaker, q.speaker_title, q.verb, q.direct, q.quote[:len(e[4])])
           for q, e in zip(quotes(text, entities), expected)]
    assert len(quotes(text, entities)) == len(expected)
    assert got == expected


def test_nothing_said_in_plain_text():
    assert quotes("说明书上写着使用方法。这种称为“绿色通道”的做法，受到欢迎。", []) == []
    assert quotes("", []) == []
