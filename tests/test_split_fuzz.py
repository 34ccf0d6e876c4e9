"""split_text never raises, whatever the text, and stays fast on a whole page."""
from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings, strategies as st

from tasks.split.splitter import split_text

# characters that drive the splitter's decisions, mixed with anything at all
_PIECES = st.sampled_from([
    "\n", "\n\n", "\u3000\u3000", "\u00a0", " ", "。", "，", ",", "——", "（", "）", "(", ")", "“", "”",
    "本报讯", "本报", "新华社", "记者", "通讯员", "摄", "电", "12月20日", "北京", "阅读提示", "核心阅读",
    "本报记者 张三", "（本报上海12月20日电）", "责任编辑：", "制图：", "■", "第一节", "图片报道", "技",
])
_TEXT = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=60).map("".join)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=_TEXT, pub=st.one_of(st.none(), st.dates(date(1950, 1, 1), date(2100, 12, 31))),
       single=st.booleans())
def test_never_raises_and_numbers_articles(text, pub, single):
    arts = split_text(text, pub, single=single)
    assert [a.seq for a in arts] == list(range(1, len(arts) + 1))
    assert not single or len(arts) <= 1
    for a in arts:
        assert isinstance(a.body, str) and a.kind in ("article", "photo")


def test_degenerate_inputs():
    for text in ("", "\n\n", "\u3000", "。", "——", "（", "本报讯", "本报记者", "\ufeff", "x" * 5000,
                 "\n\n\n", "\u3000\u3000正文", "\n标题\n"):
        split_text(text)
        split_text(text, single=True)
