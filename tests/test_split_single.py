"""split_text(single=True): a file that is exactly one article (original text written for baoku)."""
from __future__ import annotations

from datetime import date

from tasks.split.splitter import split_text

# People's Daily file layout: kicker line (empty here), headline, subheadline (empty), indented body
RMRB_STYLE = ("\n山区小学用上了新操场\n\n"
              "\u3000\u3000本报昆明3月2日电  （记者李明）新学期开学，山里的孩子们有了塑胶跑道。\n"
              "\u3000\u3000操场变了样\n"
              "\u3000\u3000过去一下雨，操场就成了泥塘。\n"
              "\u3000\u3000本报记者 王芳\n")

# blank-line layout: kicker and headline, then a body holding a section head, a second dated item
# and a title-like line, none of which may open another article
BLANK_LINE = ("县里办起夜校——\n\n农民工学技术不用出远门\n\n"
              "日前，记者来到县职业学校的夜校课堂。\n\n"
              "课堂搬到家门口\n\n"
              "“白天上班，晚上上课，两不误。”学员张华说。\n\n"
              "又一所夜校开课\n\n"
              "本报讯（记者赵强）邻县的夜校也在本周开课。\n")


def test_positional_titles_and_one_article():
    arts = split_text(RMRB_STYLE, date(2019, 3, 3), single=True)
    assert len(arts) == 1
    a = arts[0]
    assert (a.kicker, a.headline, a.subheadline) == ("", "山区小学用上了新操场", "")
    assert (a.agency, a.dateline_place, a.reporters) == ("本报", "昆明", ["李明", "王芳"])
    assert a.body.startswith("新学期开学") and a.body.endswith("操场就成了泥塘。")


def test_blank_line_file_is_never_split():
    arts = split_text(BLANK_LINE, date(2019, 3, 3), single=True)
    assert len(arts) == 1
    a = arts[0]
    assert (a.kicker, a.headline) == ("县里办起夜校——", "农民工学技术不用出远门")
    assert "又一所夜校开课" in a.body and a.body.endswith("邻县的夜校也在本周开课。")


def test_page_mode_still_splits_the_same_text():
    assert len(split_text(BLANK_LINE, date(2019, 3, 3))) == 2
