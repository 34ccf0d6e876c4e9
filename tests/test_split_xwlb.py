"""The evening news transcript: one file a day, one item per report, each opening with
央视网消息（新闻联播）：. Every item must come out as its own article, under its own title."""
from __future__ import annotations

import re

from tasks.ingest.decode import decode_bytes
from tasks.split.splitter import split_text
from tests.corpus import corpus_path

LEAD = re.compile(r"^央视网消息（新闻联播）：", re.M)


def test_every_report_of_a_day_is_an_article_with_its_title():
    checked = 0
    for f in sorted(corpus_path("xwlb", "2023").glob("xwlb-202303*.txt"))[:10]:
        text, _ = decode_bytes(f.read_bytes())
        lines = [line.strip() for line in text.splitlines()]
        # truth, read off the transcript's own structure: the title is the line before each lead
        titles = [next(t for t in reversed(lines[:i]) if t) for i, line in enumerate(lines) if LEAD.match(line)]
        articles = split_text(text)
        heads = [a.headline for a in articles]
        assert all(a.agency == "央视网" for a in articles if a.headline in titles)
        found = sum(1 for t in titles if t in heads)
        assert found >= 0.95 * len(titles), (f.name, set(titles) - set(heads))
        checked += len(titles)
    assert checked > 100
