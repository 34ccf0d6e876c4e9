"""Publication date, page and order from a file's path, or the date from its text.

Contract: `YYYYMMDD` or `YYYY-MM-DD` anywhere in the path, then `-PP` for the page and `-SS`
for the article's order (`20190201-01-03.txt`, `rmrb-20200119-04.txt`, `xwlb-20221220.txt`).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

import cn2an

_PATH_DATE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>-?)(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)(?!\d)"
    r"(?:[-_](?P<page>\d{1,3})(?!\d)(?:[-_](?P<seq>\d{1,3})(?!\d))?)?"
)
_FULL_DATE = re.compile(r"((?:19|20)\d\d)年(\d{1,2})月(\d{1,2})日")
_MONTH_DAY = re.compile(r"(?<![\d年])(\d{1,2})月(\d{1,2})日")
_YEAR = re.compile(r"((?:19|20)\d\d)年")
# Taiwan dates by the Republic's years (民国114年 = 2025); a bare 1xx年 only in a full date
# (建党100年 is no year)
_ROC = r"(?:中[华華])?民[国國]\s*(\d{1,3})"
_ROC_YEAR = re.compile(_ROC + "年")
_ROC_FULL_DATE = re.compile(rf"(?:{_ROC}|(?<!\d)(1[01]\d))年(\d{{1,2}})月(\d{{1,2}})日")
_ROC_EPOCH = 1911
# wire copy writes dates in Chinese numerals: 二〇二四年, 二月十一日, 十二月二十三日
_CN_YEAR = re.compile(r"([一二][〇○零一二三四五六七八九]{3})年")
_CN_MONTH_DAY = re.compile(r"(?<![〇○零一二三四五六七八九十])([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日")
_CN_DIGIT = str.maketrans("〇○零一二三四五六七八九", "00012345678" + "9")


@dataclass(frozen=True)
class PathMeta:
    pub_date: date | None = None
    page: int | None = None
    seq: int | None = None


def _valid(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def from_path(rel_path: str) -> PathMeta:
    """Date, page and order from the last date-bearing component of the path."""
    for part in reversed(re.split(r"[\\/]", rel_path)):
        for m in reversed(list(_PATH_DATE.finditer(part))):
            day = _valid(int(m["y"]), int(m["m"]), int(m["d"]))
            if day:
                page = int(m["page"]) if m["page"] else None
                seq = int(m["seq"]) if m["seq"] else None
                return PathMeta(day, page, seq)
    return PathMeta()


def day_number(digits: str) -> int | None:
    """A month's or day's number, in Arabic or Chinese numerals (12, 十二), or None."""
    if digits.isdigit():
        return int(digits)
    try:
        return int(cn2an.cn2an(digits, "normal"))
    except (ValueError, KeyError, IndexError):   # cn2an raises KeyError on some malformed numerals
        return None


def year_number(digits: str) -> int | None:
    """A year in Arabic or Chinese numerals (2026, 二〇二六, 二零二六), or None."""
    year = digits.translate(_CN_DIGIT)
    return int(year) if len(year) == 4 and year.isdigit() else None


def _month_days(text: str) -> list[tuple[int, int]]:
    """Every month-day the text mentions, in Arabic or Chinese numerals."""
    return ([(int(m), int(d)) for m, d in _MONTH_DAY.findall(text)]
            + [(day_number(m) or 0, day_number(d) or 0) for m, d in _CN_MONTH_DAY.findall(text)])


def from_text(text: str, today: date | None = None) -> date | None:
    """Best guess of an undated file's publication date: the latest full date it mentions,
    or the latest month-day under the latest year it mentions; never a date after `today`."""
    today = today or date.today()
    full = _FULL_DATE.findall(text) + [(int(roc or bare) + _ROC_EPOCH, m, d)
                                       for roc, bare, m, d in _ROC_FULL_DATE.findall(text)]
    candidates = [d for d in (_valid(int(y), int(m), int(dd)) for y, m, dd in full) if d and d <= today]
    years = sorted({y for y in [int(y) for y in _YEAR.findall(text)]
                    + [year_number(y) for y in _CN_YEAR.findall(text)]
                    + [int(y) + _ROC_EPOCH for y in _ROC_YEAR.findall(text)] if y <= today.year})
    if years:
        year = years[-1]
        candidates += [d for d in (_valid(year, m, dd) for m, dd in _month_days(text)) if d and d <= today]
    return max(candidates) if candidates else None


def from_text_and_time(text: str, received: date) -> date | None:
    """A file that names no year anywhere (wire copy: "新华社北京二月十一日电"): the latest date
    it mentions within the year before `received`, the day the file was written."""
    candidates = []
    for m, d in _month_days(text):
        for year in (received.year, received.year - 1):
            day = _valid(year, m, d)
            if day and day <= received:
                candidates.append(day)
                break
    return max(candidates) if candidates else None
