"""The pipeline counts terms and ranks keywords for a whole batch at once (tasks.enrich.terms);
the one-article definitions (tests/reference.py) say what it must give. Both are run on real
text and must agree row for row, weights to the last bit."""
from __future__ import annotations

from collections import defaultdict
from datetime import date

import pyarrow.parquet as pq
import pytest

from tasks.enrich.enricher import Enricher, shared_enricher
from tasks.ingest.discover import FileEntry
from tasks.ingest.plan import MAX_FILE_BYTES, make_batches
from tasks.pipeline import Batch, Settings
from tasks.split.splitter import split_text
from tests import reference
from tests.corpus import SEED, corpus_path


def _texts() -> list[tuple[str, date]]:
    texts = [(SEED.read_text(encoding="utf-8"), date(2022, 12, 21))]
    try:
        files = sorted(corpus_path("xwlb").rglob("xwlb-*.txt"))[::40]
    except pytest.skip.Exception:
        return texts       # the seed page alone still exercises every path
    return texts + [(f.read_text(encoding="utf-8"), date.fromisoformat(f.stem[5:9] + "-" + f.stem[9:11] + "-"
                                                                          + f.stem[11:13])) for f in files]


def _through_the_batch(enricher: Enricher, tmp_path, texts, idf=None) -> tuple[dict, dict, dict, dict]:
    """Reference rows and batch rows, each keyed by article id."""
    batch = Batch(Settings(lake=str(tmp_path / "lake"), run_id="r", idf=idf), enricher)
    ref_terms, ref_keywords, ref_words = {}, {}, {}
    for i, (text, day) in enumerate(texts):
        month = day.strftime("%Y-%m")
        for a in split_text(text, day):
            aid = f"{i}-{a.seq}"
            ref = reference.enrich(enricher, a, idf)
            ref_terms[aid] = sorted(ref.terms)
            ref_keywords[aid] = ref.keywords
            ref_words[aid] = sum(n for _, _, n, _ in ref.terms)
            row = {"article_id": aid, "pub_date": day, "source_id": "s", "run_id": "r", "seq": a.seq}
            batch.words.add(month, batch.rows.add("articles", month, row), enricher.tag(a).tags)
    batch.write(0)
    got_terms, got_keywords = defaultdict(list), defaultdict(list)
    for row in pq.read_table(tmp_path / "lake" / "terms").to_pylist():
        got_terms[row["article_id"]].append((row["term"], row["pos"], row["count"], row["is_stop"]))
    for row in sorted(pq.read_table(tmp_path / "lake" / "keywords").to_pylist(), key=lambda r: r["rank"]):
        got_keywords[row["article_id"]].append((row["keyword"], row["weight"], row["rank"]))
    words = {r["article_id"]: r["n_words"] for r in pq.read_table(tmp_path / "lake" / "articles").to_pylist()}
    assert words == ref_words
    return ref_terms, {k: sorted(v) for k, v in got_terms.items()}, ref_keywords, dict(got_keywords)


@pytest.mark.parametrize("idf", ["jieba", "lake"])
def test_batch_counts_agree_with_the_one_article_functions(tmp_path, idf):
    texts = _texts()
    # A lake's IDF: a mapping that lacks some words (they get its median), as after a few runs.
    lake_idf = {w: 1.0 + (len(w) * 7 + ord(w[0])) % 11 / 3 for text, _ in texts[:3] for w in text.split("，")
                if w} if idf == "lake" else None
    ref_terms, got_terms, ref_kw, got_kw = _through_the_batch(shared_enricher(), tmp_path, texts, lake_idf)
    assert len(ref_terms) > (50 if len(texts) > 1 else 5)
    assert got_terms == {k: v for k, v in ref_terms.items() if v}
    assert got_kw == {k: v for k, v in ref_kw.items() if v}


def test_terms_parts_are_sorted_by_term_then_date(tmp_path):
    _through_the_batch(shared_enricher(), tmp_path, _texts()[:4])
    for f in (tmp_path / "lake" / "terms").rglob("*.parquet"):
        rows = pq.read_table(f, columns=["term", "pub_date"]).to_pylist()
        keys = [(r["term"], r["pub_date"]) for r in rows]
        assert keys == sorted(keys)


def test_batches_are_a_multiple_of_the_workers_and_even():
    entries = [FileEntry(path=f"/x/{i}", rel=f"{i}", size=1000 + (i * 7919) % 5000, mtime_ns=0) for i in range(500)]
    for workers in (1, 2, 3, 4):
        batches = make_batches(entries, workers, target_bytes=200_000)
        assert len(batches) % workers == 0 and len(batches) >= 2 * workers
        assert [e for b in batches for e in b] == entries            # contiguous, in order, complete
        sizes = [sum(e.size for e in b) for b in batches]
        assert max(sizes) - min(sizes) <= 2 * 6000, sizes             # each cut within half a file
    assert len(make_batches(entries[:3], 2, target_bytes=200_000)) == 1   # small work: one batch
    # A file too large to ingest is rejected unread: it weighs nothing.
    huge = FileEntry(path="/x/huge", rel="huge", size=MAX_FILE_BYTES + 1, mtime_ns=0)
    assert len(make_batches([*entries[:10], huge, *entries[10:20]], 1, target_bytes=200_000)) == 1
    # After a big file the next batch still gets its share, not one small file each.
    big = FileEntry(path="/x/big", rel="big", size=2_000_000, mtime_ns=0)
    batches = make_batches([big, *entries], 2, target_bytes=200_000)
    assert len(batches[1]) > 10 and len(batches) % 2 == 0


def test_less_than_a_batch_of_work_is_shared_while_each_worker_gets_enough():
    # A day's delivery (3.2 MB) under the 4 MiB batch: one batch ran it on one core.
    day = [FileEntry(path=f"/x/{i}", rel=f"{i}", size=32_000, mtime_ns=0) for i in range(100)]
    assert [len(b) for b in make_batches(day, 2)] == [50, 50]
    assert len(make_batches(day, 4)) == 3                     # 1 MiB each at least
    assert len(make_batches(day, 1)) == 1
    assert len(make_batches(day[:40], 2)) == 1                # 1.3 MB: not worth a second process


def test_word_ids_compiled_and_from_source_agree():
    import numpy as np

    from tests import compiled

    from tasks.enrich import word_ids
    from tasks.enrich.segment import get_segmenter
    tags = get_segmenter().tag(SEED.read_text(encoding="utf-8"))
    results = []
    for module in (word_ids, compiled.source(word_ids)):
        words, seen = {"工会": 0}, {}
        w, t = np.empty(len(tags), np.int32), np.empty(len(tags), np.int32)
        module.tag_ids(tags, words, seen, w, t)
        assert [list(words)[i] for i in w] == [x for x, _ in tags] and [list(seen)[i] for i in t] == [p for _, p in tags]
        results.append((w.tolist(), t.tolist(), words, seen))
    assert results[0] == results[1]
