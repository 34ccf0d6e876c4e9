"""Reported quantities: 22.2万人 → (222000, 人), 近20% → (20, %, qualifier 近).

A figure is a number followed by a unit or measure word. Dates, times and ordinals
(2021年, 12月16日, 10点, 第一次) have no unit from the list, or are preceded by 第, and so
are left out. Its context is the phrase it counts: the words of its clause from the last
verb before it (全省成立新业态工会1388个 → 成立新业态工会).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from operator import itemgetter
from typing import Sequence

import cn2an

# Measure words and units, longest first so 万元 wins over 元 and 个月 over 个.
UNITS = sorted("""
平方公里 平方米 千瓦时 公里 千米 公斤 千克 万元 亿元 美元 欧元 港元 元 人次 个月 小时 分钟 千瓦 兆瓦
% ％ 人 个 家 份 条 项 次 名 位 户 台 辆 件 场 所 座 米 吨 亩 盒 片 粒 天 周 岁 倍 篇 本 套 批 支 颗
株 只 头 张 处 栋 间 种 类 期 届 组 对 双 包 箱 瓶 袋 斤 克 升 度 架 艘 列 趟 班 例 起 笔 单 宗 封 册
""".split(), key=len, reverse=True)
QUALIFIERS_BEFORE = ("将近", "接近", "超过", "大约", "不到", "不足", "近", "约", "超", "逾")
_CN_DIGITS = "零〇一二三四五六七八九十百千万亿两"
_MULT = {"万": 1e4, "亿": 1e8, "千": 1e3, "百": 1e2}

# The pattern starts at the number, not at an optional qualifier, so that the regex engine
# can skip ahead to digits (twice as fast on long text); the qualifier before the number is
# read off the text.
FIGURE_RE = re.compile(
    rf"(?P<num>\d+(?:\.\d+)?|[{_CN_DIGITS}]{{2,}})"
    r"(?P<mult>[万亿]{1,2}|千)?"
    r"(?P<q2>余|多)?"
    rf"(?P<unit>{'|'.join(map(re.escape, UNITS))})"
)
# A clause ends at punctuation; the context never crosses one.
_CLAUSE_END = re.compile(r"[，。；：、！？,;:!?（）()“”\"《》\s]")
# Tags that start a counted phrase: verbs (成立, 覆盖, 发展…).
_VERB_TAGS = frozenset(("v", "vn", "vd"))
# Units that are really a period of time or a date part after a bare number.
_NOT_AFTER = re.compile(r"^(?:[年月日号时点分秒])")


def _value(num: str, mult: str | None) -> float | None:
    if num[0].isdigit():
        value = float(num)
    else:
        try:
            value = float(cn2an.cn2an(num, "smart"))
        except (ValueError, KeyError, IndexError):  # cn2an raises KeyError on some malformed numerals
            return None
    for c in mult or "":
        value *= _MULT[c]
    return value


def _unit(unit: str) -> tuple[str, float]:
    """Unit as stored and the factor it carries: 万元 → (元, 1e4), ％ → (%, 1)."""
    if unit in ("万元", "亿元"):
        return "元", _MULT[unit[0]]
    return ("%" if unit == "％" else unit), 1.0


def figures(text: str, tags: Sequence[tuple[str, str]] | None = None
            ) -> list[tuple[float, str, str, str, str]]:
    """(value, unit, raw, context, qualifier) for each quantity in the text, in order.

    `tags` are the tagged words of exactly this text (from `enrich`); without them the
    context is the whole clause before the figure."""
    out = []
    words = None          # word offsets and clause ends: worked out at the first figure
    for m in FIGURE_RE.finditer(text):
        begin = m.start()
        if text[begin - 1:begin] in ("第", ".") or (begin and text[begin - 1].isdigit()):
            continue
        if _NOT_AFTER.match(text[m.end():m.end() + 1]) and m.group("unit") in ("个", "周"):
            continue   # 1个月 is a duration, 周年 an anniversary: not counted things
        value = _value(m.group("num"), m.group("mult"))
        if value is None:
            continue
        if words is None:
            words = _Words(text, tags)
        unit, factor = _unit(m.group("unit"))
        before = next((q for q in QUALIFIERS_BEFORE
                       if begin >= len(q) and text.startswith(q, begin - len(q))), "")
        start = begin - len(before)
        qualifier = before or m.group("q2") or ""
        if text.startswith("左右", m.end()):
            qualifier = qualifier or "左右"
        out.append((value * factor, unit, text[start:m.end()], words.context(start), qualifier))
    return out


class _Words:
    """Where words start and clauses end in one text, for the context of its figures."""

    def __init__(self, text: str, tags: Sequence[tuple[str, str]] | None):
        self.text = text
        self.tags = tags or ()
        self.starts = [0, *accumulate(map(len, map(itemgetter(0), self.tags)))]
        self.clause_starts = [m.end() for m in _CLAUSE_END.finditer(text)]

    def context(self, end: int) -> str:
        """The phrase a figure ending its prefix at `end` counts: from the clause's last verb
        before it, else from the clause's start."""
        clause_start = 0
        k = bisect_right(self.clause_starts, end) - 1
        if k >= 0:
            clause_start = self.clause_starts[k]
        starts, tags = self.starts, self.tags
        i = bisect_right(starts, end) - 1
        if i >= len(tags):
            i = len(tags) - 1
        while i >= 0 and starts[i] >= clause_start:
            if starts[i] < end and tags[i][1] in _VERB_TAGS:
                return self.text[starts[i]:end]
            i -= 1
        return self.text[clause_start:end]
