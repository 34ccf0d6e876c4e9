"""Title blocks read the right way round (tasks.split.titles.assign_titles, split_block) and the
layout-a cues added with the two-line block model's dateline and comma cues: document titles
over a date note or a number, columns of dated briefs, item kickers in a column, long
exclamations, photo credits with a 文 in the name, a column's e-mail address."""
from __future__ import annotations

from tasks.split import bylines
from tasks.split.cues import paragraph_role, title_like
from tasks.split.layout import Para, paragraphs
from tasks.split.splitter import split_text
from tasks.split.titles import assign_titles, pair_features, pair_score, split_block

BODY = "乡村振兴战略实施以来，各地因地制宜推进产业发展，农民收入持续增长，乡村面貌焕然一新。"
LEAD = "本报北京3月2日电  （记者王明）" + BODY


def _page(*paras: str) -> str:
    return "\n\n".join(paras) + "\n"


def _titles(a) -> tuple[str, str, str]:
    return a.kicker, a.headline, a.subheadline


def test_notes_and_numbers_are_subheadlines():
    for second in ("（2020年5月1日）", "（二〇二〇年五月一日第九次会议通过）", "［十四届］第三号", "第801号",
                   "（第二号）"):
        assert assign_titles(["某某条例", second]) == ("", "某某条例", second), second


def test_framing_preposition_opens_a_kicker():
    for first in ("从试点到推广", "针对群众反映的难题", "随着气温回升，春耕渐次展开"):
        assert assign_titles([first, "农机下田忙"]) == (first, "农机下田忙", ""), first


def test_pair_features_carry_dateline_and_commas():
    f = pair_features("某地推出新举措，方便群众", "办事少跑腿", dated=True)
    assert f["dated"] == 1.0 and f["comma1"] == 1.0 and "comma2" not in f
    assert "dated" not in pair_features("甲", "乙")
    # a dateline tips a block toward headline + subheadline, never the other way
    assert pair_score("甲地举行某会议", "乙部门负责人出席", True) > \
        pair_score("甲地举行某会议", "乙部门负责人出席", False)


def test_document_title_opens_however_long_the_article_above():
    text = _page("长文标题", BODY, "第一部分", BODY, BODY, "第二部分", BODY, BODY,
                 "某某条例", "（2020年5月1日第九次会议通过）", "某某令", "第八号", BODY, BODY)
    arts = split_text(text)
    assert [_titles(a) for a in arts][-1] == ("", "某某条例", "（2020年5月1日第九次会议通过）")
    assert arts[-1].body.startswith("某某令\n第八号")


def test_order_heading_opens_the_document_text():
    titles, rest = split_block(["某某决定", "某某令", "第九号"], False)
    assert titles == ["某某决定"] and rest == ["某某令", "第九号"]


def test_dated_briefs_stay_in_their_column():
    text = _page("速览", "甲地新建一座公园", "公园占地三百亩", BODY,
                 "乙地开通一条公交线", LEAD, "丙地举办一场展览", LEAD.replace("3月2日", "3月3日"))
    arts = split_text(text)
    assert len(arts) == 1 and arts[0].headline == "速览"
    assert "乙地开通一条公交线" in arts[0].body and "丙地举办一场展览" in arts[0].body


def test_short_middle_line_is_an_item_kicker():
    titles, rest = split_block(["春运一线故事", "新服务", "旅客出行更便利"], False)
    assert titles == ["春运一线故事"] and rest == ["新服务", "旅客出行更便利"]


def test_tagged_headline_keeps_its_lines_below_as_body():
    text = _page("上一篇评论（评论员观察）", BODY, BODY,
                 "守住底线，筑牢屏障（人民时评）", "——系列评论之六",
                 "要把好总闸门，又要提供充分、必要的流动性，宏观上要逆周期调节",
                 BODY, BODY)
    arts = split_text(text)
    assert [_titles(a) for a in arts] == [("", "上一篇评论（评论员观察）", ""),
                                          ("", "守住底线，筑牢屏障（人民时评）", "——系列评论之六")]


def test_long_exclamation_is_text():
    assert not title_like(Para("最后，祝愿大家新春快乐，万事如意！"), False)
    assert title_like(Para("招聘会，火爆！"), False)


def test_photo_credit_with_wen_in_the_name():
    assert bylines.parse_photo("陆文明摄").photographers == ["陆文明"]
    credit = bylines.parse_photo("本报记者 张三文 李四摄")
    assert credit.reporters == ["张三"] and credit.photographers == ["李四"]


def test_email_line_is_no_title():
    paras, _ = paragraphs("abc123@163.com\n")
    assert paragraph_role(paras[0], False) == "source"
