"""One batch of files, start to finish inside one process: read → decode → split → enrich →
Parquet parts. Text never crosses a process boundary; only small summaries return.

Nothing here knows about Prefect (`flows.steps` wraps a batch as a task), so it is tested and
benchmarked directly.
"""
from __future__ import annotations

import hashlib
import logging
import os
import time
from datetime import date, datetime, timezone

import numpy as np
import pyarrow as pa

from tasks.enrich import reuse
from tasks.enrich.enricher import Enricher, shared_enricher
from tasks.enrich.terms import BatchWords
from tasks.ingest import dates
from tasks.ingest.decode import DecodeError, decode_bytes
from tasks.ingest.discover import FileEntry
from tasks.ingest.papers import paper_from_path, profile_for
from tasks.ingest.plan import BatchResult, FileOutcome, Known, Settings
from tasks.ingest.read import content_id, read_file
from tasks.lake.buffer import TableBuffers
from tasks.lake.schemas import SORT_KEYS, TABLES
from tasks.lake.store import Lake, month_of
from tasks.split.article import Article
from tasks.split.script import split_as_printed

log = logging.getLogger("baoku.ingest")



def article_id(source_path: str, source_id: str, seq: int) -> str:
    """Stable across re-runs: the same file with the same content gives the same ids. The path
    is part of it: the same text delivered under two names was printed twice."""
    return hashlib.sha256(f"{source_path}\0{source_id}\0{seq}".encode()).hexdigest()[:16]


def warm_up(engine: str = "fast", sample: str | os.PathLike | None = None) -> Enricher:
    """The process's enricher, loaded, and every step run once over `sample`, a page of text:
    a worker started while the flow prepares the lake then begins its first batch ready
    (about 1 s of loading otherwise spent inside the first batch)."""
    from tasks.enrich.keywords import jieba_idf

    enricher = shared_enricher(engine)
    jieba_idf()
    if sample is not None:
        with open(sample, "rb") as f:
            text, _ = decode_bytes(f.read())
        for _, analysed in split_as_printed(text)[1]:
            enricher.tag(analysed)
    return enricher


class Batch:
    """What a batch's files are read into: the rows of every table, and the words and bodies of
    its articles, counted into terms and keywords and fingerprinted for text reuse at the end."""

    def __init__(self, settings: Settings, enricher: Enricher):
        self.settings, self.enricher = settings, enricher
        self.rows = TableBuffers()
        self.words = BatchWords(enricher.keyword_idf(settings.idf))
        self.bodies: list[tuple[dict, str, str]] = []     # (lineage, month, body as analysed)

    def add_body(self, fixed: dict, month: str, body: str) -> None:
        self.bodies.append((fixed, month, body))

    def write(self, part: int) -> list[str]:
        counted = self.words.tables(lambda month: self.rows.columns("articles", month))
        counted |= self._fingerprints()
        return self.rows.flush(Lake(self.settings.lake), self.settings.run_id, part, counted)

    def _fingerprints(self) -> dict[tuple[str, str], pa.Table]:
        """(reuse_index, month) → the rows of the month's fingerprinted articles, the lists
        built from the arrays (as Python lists, the 96 numbers of each article took 0.3 s per
        10k articles)."""
        chosen, signatures, bands = reuse.fingerprints([body for _, _, body in self.bodies])
        by_month: dict[str, list[int]] = {}         # month → rows of `chosen`
        for row, i in enumerate(chosen.tolist()):
            by_month.setdefault(self.bodies[i][1], []).append(row)
        schema, out = TABLES["reuse_index"], {}
        for month, rows in by_month.items():
            fixed = [self.bodies[i][0] for i in chosen[rows].tolist()]
            columns = {name: pa.array([f[name] for f in fixed], schema.field(name).type)
                       for name in ("article_id", "pub_date", "source_id", "run_id")}
            columns["signature"] = _lists(signatures[rows])
            columns["bands"] = _lists(bands[rows])
            out[("reuse_index", month)] = pa.table(columns).select(schema.names).cast(schema).sort_by(
                SORT_KEYS["reuse_index"])
        return out


def _lists(matrix: np.ndarray) -> pa.ListArray:
    """A list per row of `matrix`."""
    offsets = np.arange(0, matrix.size + 1, matrix.shape[1], dtype=np.int32)
    return pa.ListArray.from_arrays(pa.array(offsets), pa.array(matrix.ravel()))


def _article_row(a: Article, aid: str, source_id: str, rel: str, paper: str, meta: dates.PathMeta,
                 pub_date, date_source: str, script: str, run_id: str) -> dict:
    return {
        "article_id": aid, "source_id": source_id, "source_path": rel, "paper": paper,
        "pub_date": pub_date, "date_source": date_source,
        "page": a.page if meta.page is None else meta.page, "seq": a.seq,
        "kind": a.kind, "kicker": a.kicker, "headline": a.headline, "subheadline": a.subheadline,
        "section_heads": a.section_heads, "reading_tip": a.reading_tip, "agency": a.agency,
        "dateline_place": a.dateline_place, "dateline_date": a.dateline_date,
        "reporters": a.reporters, "correspondents": a.correspondents,
        "photographers": a.photographers, "editors": a.editors, "body": a.body,
        "n_chars": a.n_chars, "script": script, "run_id": run_id,
    }


def _source_row(entry: FileEntry, settings: Settings, meta: dates.PathMeta) -> dict:
    """The `sources` columns known before the file is read."""
    mtime = (datetime.fromtimestamp(entry.mtime_ns // 1000 / 1e6, timezone.utc)
             if entry.mtime_ns else None)
    return {"source_path": entry.rel, "paper": paper_from_path(entry.rel, settings.paper),
            "pub_date": meta.pub_date, "page": meta.page, "bytes": max(entry.size, 0),
            "run_id": settings.run_id, "mtime": mtime}


def ingest_file(entry: FileEntry, known: Known | None, batch: Batch) -> FileOutcome:
    """Read one file into `batch`; every outcome, rejection included, is returned."""
    settings, buffers = batch.settings, batch.rows
    meta = dates.from_path(entry.rel)
    source = _source_row(entry, settings, meta)
    paper = source["paper"]
    try:
        data = read_file(entry, settings.max_bytes)
        source_id = content_id(data)
    except DecodeError as e:
        source_id = "path:" + content_id(entry.rel.encode())
        return _reject(entry, source, source_id, str(e), known, buffers)
    if known and known.source_id == source_id and known.status == "ok":
        return FileOutcome(entry.rel, "skipped")
    try:
        text, encoding = decode_bytes(data)
    except DecodeError as e:
        return _reject(entry, source, source_id, str(e), known, buffers)
    source["encoding"] = encoding

    pub_date, date_source = meta.pub_date, "path"
    if pub_date is None:
        pub_date = dates.from_text(text)
        date_source = "text" if pub_date else "none"
        if pub_date is None and entry.mtime_ns:
            pub_date = dates.from_text_and_time(text, date.fromtimestamp(entry.mtime_ns / 1e9))
            date_source = "text_file_year" if pub_date else "none"
        source["pub_date"] = pub_date
    month = month_of(pub_date)

    # A name with an article number (20190201-01-03.txt) says: one article per file.
    # Traditional script is split and analysed as its simplified conversion, stored as printed.
    profile = profile_for(settings.profiles, paper, entry.rel)
    single = meta.seq is not None or bool(profile.one_article_per_file)
    script, articles = split_as_printed(text, pub_date, single, profile.script, profile.title_blocks)
    if not articles:
        return _reject(entry, source, source_id, "no article found in the text", known, buffers)
    chars = 0
    for a, analysed in articles:
        aid = article_id(entry.rel, source_id, a.seq)
        e = batch.enricher.tag(analysed, settings.analyses)
        row = _article_row(a, aid, source_id, entry.rel, paper, meta, pub_date, date_source, script,
                           settings.run_id)
        batch.words.add(month, buffers.add("articles", month, row), e.tags)   # terms, n_words, keywords: at the end
        chars += a.n_chars
        fixed = {"article_id": aid, "pub_date": pub_date, "source_id": source_id, "run_id": settings.run_id}
        if settings.analyses:
            batch.add_body(fixed, month, analysed.body)
        buffers.add_many("entities", month, fixed, ("type", "text", "normalized", "province", "count"), e.entities)
        buffers.add_many("figures", month, fixed, ("value", "unit", "raw", "context", "qualifier"), e.figures)
        buffers.add_many("quotes", month, fixed, ("speaker", "speaker_entity", "speaker_title", "verb", "quote",
                                                  "direct"), e.quotes)
    buffers.add("sources", month, {**source, "source_id": source_id, "status": "ok", "error": None,
                                   "n_articles": len(articles)})
    log.debug("ingested %s: %d articles", entry.rel, len(articles))
    return FileOutcome(entry.rel, "new", articles=len(articles), chars=chars)


def _reject(entry: FileEntry, source: dict, source_id: str, reason: str, known: Known | None,
            buffers: TableBuffers) -> FileOutcome:
    """Record a rejection, unless the lake already records this very rejection."""
    if not (known and known.status == "rejected" and known.source_id == source_id and known.error == reason):
        buffers.add("sources", month_of(source["pub_date"]),
                    {**source, "source_id": source_id, "status": "rejected", "error": reason, "n_articles": 0})
    log.debug("rejected %s: %s", entry.rel, reason)
    return FileOutcome(entry.rel, "rejected", error=reason)


def ingest_batch(entries: list[FileEntry], known: dict[str, Known], settings: Settings, part: int,
                 enricher: Enricher | None = None) -> BatchResult:
    """Ingest `entries` and write their rows as part `part` of the run, with `enricher` (by
    default the process's own, loaded on first use)."""
    t0 = time.perf_counter()
    batch = Batch(settings, enricher or shared_enricher(settings.engine))
    result = BatchResult()
    for entry in entries:
        try:
            outcome = ingest_file(entry, known.get(entry.rel), batch)
        except Exception as e:  # a parser bug must not cost the rest of the run: record it
            log.warning("failed %s: %s: %s", entry.rel, type(e).__name__, e)
            outcome = _reject(entry, _source_row(entry, settings, dates.from_path(entry.rel)),
                              "error:" + content_id(entry.rel.encode()),
                              f"internal error: {type(e).__name__}: {e}", None, batch.rows)
        result.outcomes.append(outcome)
    result.files_written = batch.write(part)
    result.seconds = time.perf_counter() - t0
    result.pid = os.getpid()
    return result
