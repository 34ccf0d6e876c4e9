"""The report's search box: a small BM25 index of the latest months, embedded in the page and
read by search.js, so the file searches offline with no server.

Rows in (the articles of the months and their words, from queries.sql), one JSON-ready dict
out. The box ranks as the lake's search() macro does for words (BM25, k1 1.2, b 0.75, over the
articles of the months shown), so a word's top articles are the same in both; it has no text
for phrases, which only `baoku search` and SQL find.
"""
from __future__ import annotations

from datetime import date

MAX_ARTICLES = 3000     # months are added, newest first, while they fit (the newest always does)


def months_shown(per_month: list[tuple[date, int]]) -> list[date]:
    """The latest months whose articles together fit MAX_ARTICLES (at least the latest),
    from (month, articles) rows."""
    shown, total = [], 0
    for month, n in sorted(per_month, reverse=True):
        if shown and total + n > MAX_ARTICLES:
            break
        shown.append(month)
        total += n
    return sorted(shown)


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if not n:
            return out


def encode(postings: list[tuple[int, int]]) -> str:
    """(article index, count) pairs as text: the gaps between sorted indexes in base 36, a
    count above 1 after '*', comma-separated (search.js decodes it). A fifth of plain JSON's size."""
    out, last = [], 0
    for doc, tf in sorted(postings):
        out.append(_b36(doc - last) + (f"*{_b36(tf)}" if tf > 1 else ""))
        last = doc
    return ",".join(out)


def build(docs: list[tuple], words: list[tuple[str, str, int]]) -> dict | None:
    """The index: `docs` are (article_id, pub_date, paper, page, headline, n_words) rows,
    `words` (article_id, term, count) rows of the same articles; None without articles."""
    if not docs:
        return None
    docs = sorted(docs, key=lambda d: d[0])         # index order = the macro's tie order (article_id)
    at = {d[0]: i for i, d in enumerate(docs)}
    postings: dict[str, list[tuple[int, int]]] = {}
    for article, term, count in words:
        if article in at:
            postings.setdefault(term, []).append((at[article], int(count)))
    return {
        "docs": [[a, f"{day:%Y-%m-%d}" if day else "", paper or "", page, headline or "", int(n or 0)]
                 for a, day, paper, page, headline, n in docs],
        "avgdl": sum(int(d[5] or 0) for d in docs) / len(docs),
        "terms": {t: encode(p) for t, p in sorted(postings.items())},
    }
