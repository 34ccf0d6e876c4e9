"""Date, page and paper from file paths, and the date from text when the path has none."""
from datetime import date

import pytest

from tasks.ingest.dates import from_path, from_text
from tasks.ingest.papers import paper_from_path
from tests.corpus import SEED


@pytest.mark.parametrize("path,expected", [
    ("20190201-01-03.txt", (date(2019, 2, 1), 1, 3)),
    ("rmrb-20200119-04.txt", (date(2020, 1, 19), 4, None)),
    ("xwlb/2022/xwlb-20221220.txt", (date(2022, 12, 20), None, None)),
    ("2022-12-24/grrb-20221224-05.txt", (date(2022, 12, 24), 5, None)),
    ("人民日报/2019-10-01/第3版.txt", (date(2019, 10, 1), None, None)),
    ("scans/20191301-01.txt", (None, None, None)),       # no 13th month
    ("notes/readme.txt", (None, None, None)),
    ("id123456789012-01.txt", (None, None, None)),      # digits inside a longer number
])
def test_date_page_and_order_from_the_path(path, expected):
    m = from_path(path)
    assert (m.pub_date, m.page, m.seq) == expected


def test_undated_seed_page_gets_its_date_from_the_text():
    # 工人日报 of 2022-12-21: its latest dateline is (本报上海12月20日电), the year from 2022年.
    assert from_text(SEED.read_text(encoding="utf-8"), today=date(2026, 11, 29)) == date(2022, 12, 20)


def test_text_date_never_in_the_future():
    assert from_text("2031年1月1日将建成。2020年5月3日开工。", today=date(2026, 1, 1)) == date(2020, 5, 3)
    assert from_text("没有日期的文字。") is None


@pytest.mark.parametrize("path,given,expected", [
    ("rmrb-20200119-04.txt", None, "人民日报"),
    ("工人日报/000_a.txt", None, "工人日报"),
    ("2019-02/20190201/20190201-01-01.txt", None, "unknown"),
    ("rmrb-20200119-04.txt", "光明日报", "光明日报"),
])
def test_paper(path, given, expected):
    assert paper_from_path(path, given) == expected
