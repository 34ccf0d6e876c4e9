from tasks.figures import figures
from tasks.segment import get_segmenter
from tests.corpus import SEED


def fig(text):
    return {raw: (value, unit, context, q) for value, unit, raw, context, q in
            figures(text, get_segmenter().tag(text))}


def test_seed_page_figures():
    text = SEED.read_text(encoding="utf-8")
    got = fig(text)
    assert got["1388个"] == (1388, "个", "成立新业态工会", "")
    assert got["3653家"] == (3653, "家", "覆盖企业", "")
    assert got["22.2万人"] == (222000, "人", "发展新就业形态劳动者会员", "")
    assert got["120万元"][:2] == (1200000, "元")
    assert got["2万余份"][:2] == (20000, "份") and got["2万余份"][3] == "余"
    assert got["3031人"][:2] == (3031, "人")


def test_qualifiers_and_chinese_numerals():
    got = fig("同比增长近20%，全年三万五千人参加，发放11.3万人次，种子99万粒，覆盖率100%。")
    assert got["近20%"] == (20, "%", "增长", "近")
    assert got["三万五千人"][:2] == (35000, "人")
    assert got["99万粒"][:2] == (990000, "粒")
    assert got["100%"][:2] == (100, "%")


def test_dates_times_ordinals_are_not_figures():
    got = fig("自2021年11月启动以来，12月16日上午10点，这是第一次会议，第3名。")
    assert got == {}


def test_numeral_cn2an_cannot_read_is_skipped_not_raised():
    # "一百零二十一天" style numerals make cn2an raise KeyError (People's Daily 2019-02-18, p. 20);
    # the rest of the sentence's figures still come out.
    from tasks.figures import figures
    found = figures("他坚持了零二十一天，带动了300名职工。", None)
    assert [(v, u) for v, u, *_ in found] == [(300.0, "名")]
