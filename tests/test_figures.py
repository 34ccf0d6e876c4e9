from tasks.enrich.figures import figures
from tasks.enrich.segment import get_segmenter
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


def test_currencies_are_kept_apart():
    """Amounts in other currencies are not summed as yuan: the currency is the unit, also when
    it is named before the amount (Hong Kong and Taiwan papers write 港币5000元, 新台币一千亿元)."""
    got = fig("投入新台币一千亿元，另有港币5000元、5000港币，日本拨款100亿日元，英国投入3000万英镑，"
              "人民币3000亿元，总额五千元。")
    assert got["一千亿元"][:2] == (1e11, "新台币")
    assert got["5000元"][:2] == (5000, "港元") and got["5000港币"][:2] == (5000, "港元")
    assert got["100亿日元"][:2] == (1e10, "日元") and got["3000万英镑"][:2] == (3e7, "英镑")
    assert got["3000亿元"][:2] == (3e11, "元") and got["五千元"][:2] == (5000, "元")


def test_dates_times_ordinals_are_not_figures():
    got = fig("自2021年11月启动以来，12月16日上午10点，这是第一次会议，第3名。")
    assert got == {}


def test_numeral_cn2an_cannot_read_is_skipped_not_raised():
    # "一百零二十一天" style numerals make cn2an raise KeyError (People's Daily 2019-02-18, p. 20);
    # the rest of the sentence's figures still come out.
    from tasks.enrich.figures import figures
    found = figures("他坚持了零二十一天，带动了300名职工。", None)
    assert [(v, u) for v, u, *_ in found] == [(300.0, "名")]


def test_where_a_figure_can_start():
    # The scan starts figures only at a digit or numeral and takes digit runs whole; these
    # are the cases where backing off or starting inside a run could have mattered.
    assert fig("装机三十千瓦") == {"三十千瓦": (30, "千瓦", "装机", "")}   # 千 is a numeral and starts 千瓦
    assert fig("接近1000万吨")["接近1000万吨"] == (10000000, "吨", "", "接近")
    assert fig("１２３个")["１２３个"][:2] == (123, "个")                    # full-width digits
    assert fig("两千多人")["两千多人"] == (2000, "人", "", "多")
    assert fig("约12.5万元左右")["约12.5万元"] == (125000, "元", "", "约")
    assert fig("1个月") == {"1个月": (1, "个月", "", "")}
    for text in ("第一百二十个", "版本1.2.3个", "第3三十个", "50周年", "2023年12月16日", "三四五六七"):
        assert fig(text) == {}, text
