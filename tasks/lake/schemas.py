"""Every table of the lake, declared once.

The writer casts to these schemas, the tests check the lake against them and
`warehouse.dictionary` renders the data dictionary from them, so a column is described here
and nowhere else. Each field carries its description as Arrow metadata.
"""
from __future__ import annotations

import pyarrow as pa


def _f(name: str, type_: pa.DataType, doc: str) -> pa.Field:
    return pa.field(name, type_, metadata={"description": doc})


_STR = pa.string()
_STRS = pa.list_(pa.string())

# Columns every derived table carries so a view can keep only the rows of committed runs
# and of the current version of each file (see warehouse/views).
_LINEAGE = [
    _f("source_id", _STR, "content hash of the file the row came from"),
    _f("run_id", _STR, "the run that wrote the row"),
]

ARTICLES = pa.schema([
    _f("article_id", _STR, "stable id: hash of the file's path, its content and the article's seq"),
    _f("source_id", _STR, "content hash (sha256, 16 hex) of the file"),
    _f("source_path", _STR, "path of the file relative to --input"),
    _f("paper", _STR, "newspaper name (--paper, or inferred from the path)"),
    _f("pub_date", pa.date32(), "publication date"),
    _f("date_source", _STR, "where pub_date came from: path (the file name), text (dates in it), "
       "text_file_year (month and day in the text, which names no year: the year is the file's "
       "modification time's, so a date after it falls in the year before), none"),
    _f("page", pa.int32(), "page number from the file name, else from a page marker in the text "
       "(第2版), NULL if none"),
    _f("seq", pa.int32(), "1-based order of the article in its file"),
    _f("kind", _STR, "article, or photo (a captioned photo)"),
    _f("kicker", _STR, "引题: the line above the headline"),
    _f("headline", _STR, "主题: the headline"),
    _f("subheadline", _STR, "副题: the line below the headline"),
    _f("section_heads", _STRS, "小标题: section heads inside the article, in order"),
    _f("reading_tip", _STR, "阅读提示 / 核心阅读: the reading tip, if any"),
    _f("agency", _STR, "news agency of the byline: 本报, 新华社, 中新社, …"),
    _f("dateline_place", _STR, "place of the dateline (本报上海12月20日电 → 上海)"),
    _f("dateline_date", pa.date32(), "date of the dateline, its year the one it names, else taken from pub_date"),
    _f("reporters", _STRS, "记者: reporters named in the byline or dateline"),
    _f("correspondents", _STRS, "通讯员: correspondents named in the byline"),
    _f("photographers", _STRS, "photographers credited (… 摄)"),
    _f("editors", _STRS, "editors credited (责任编辑, 本版编辑)"),
    _f("body", _STR, "the text: paragraphs joined by newline, page-break splits repaired"),
    _f("n_chars", pa.int32(), "characters in body"),
    _f("script", _STR, "the script the text is printed in: simplified or traditional (terms, "
       "entities, figures and keywords read traditional text converted to simplified by OpenCC)"),
    _f("run_id", _STR, "the run that wrote the row"),
    _f("n_words", pa.int32(), "words counted in the terms table for this article (stop words included)"),
])

TERMS = pa.schema([
    _f("article_id", _STR, "the article"),
    _f("pub_date", pa.date32(), "publication date of the article"),
    _f("term", _STR, "a word as segmented (punctuation, whitespace and numbers left out)"),
    _f("pos", _STR, "part-of-speech tag (jieba tag set)"),
    _f("count", pa.int32(), "occurrences of the word in the article (headline and body)"),
    _f("is_stop", pa.bool_(), "true for stop words (的, 了, 我们, …): kept, but filterable"),
    *_LINEAGE,
])

ENTITIES = pa.schema([
    _f("article_id", _STR, "the article"),
    _f("pub_date", pa.date32(), "publication date of the article"),
    _f("type", _STR, "PER, LOC or ORG"),
    _f("text", _STR, "the name as printed"),
    _f("normalized", _STR, "canonical name (full administrative name for places)"),
    _f("province", _STR, "for places and organisations named after one: province-level unit, full name (贵州省)"),
    _f("count", pa.int32(), "mentions in the article"),
    *_LINEAGE,
])

FIGURES = pa.schema([
    _f("article_id", _STR, "the article"),
    _f("pub_date", pa.date32(), "publication date of the article"),
    _f("value", pa.float64(), "the number, 万/亿 and Chinese numerals resolved (22.2万 → 222000)"),
    _f("unit", _STR, "unit or measure word as printed (人, 个, 元, %, 万元 → 元); a currency named "
       "before the amount is its unit (港币5000元 → 港元, 新台币一千亿元 → 新台币)"),
    _f("raw", _STR, "the figure as printed"),
    _f("context", _STR, "the phrase it counts (发展新就业形态劳动者会员)"),
    _f("qualifier", _STR, "approximation printed with it: 近, 约, 余, 多, 超 …"),
    *_LINEAGE,
])

QUOTES = pa.schema([
    _f("article_id", _STR, "the article"),
    _f("pub_date", pa.date32(), "publication date of the article"),
    _f("speaker", _STR, "the speaker's name as printed; NULL for an unnamed speaker (相关负责人); a "
       "pronoun (她说) gives the person named just before"),
    _f("speaker_entity", _STR, "the normalized PER or ORG entity the speaker is, NULL when the "
       "recognizer did not find one"),
    _f("speaker_title", _STR, "the speaker's title or description as printed before the name "
       "(铜梁区总工会党组书记、常务副主席), or the whole description of an unnamed speaker"),
    _f("verb", _STR, "the verb of saying: 说, 表示, 介绍, 指出, 强调, 认为, …"),
    _f("quote", _STR, "what was said: the words inside the quotation marks, or the reported clause "
       "(traditional-script articles: in its simplified conversion)"),
    _f("direct", pa.bool_(), "true for a direct quotation (“……”), false for reported speech"),
    *_LINEAGE,
])

# Text reuse (warehouse/reuse.py): the MinHash index of the articles, and the pairs it found.
REUSE_INDEX = pa.schema([
    _f("article_id", _STR, "the article (only articles of 100 Han characters or more, at least half "
       "of their letters Han: shorter texts and tables of figures get no fingerprint)"),
    _f("pub_date", pa.date32(), "publication date of the article"),
    _f("signature", pa.list_(pa.uint32()), "MinHash signature (64 values) of the set of the body's "
       "8-letter shingles (letters: Han characters, a–z, 0–9); the share of equal values estimates "
       "the Jaccard similarity of two bodies"),
    _f("bands", pa.list_(pa.int64()), "the signature cut into 32 bands of 2 values, each hashed: two "
       "articles that share a band hash are compared"),
    *_LINEAGE,
])

REUSE = pa.schema([
    _f("article_a", _STR, "one article of the pair (the lower id)"),
    _f("article_b", _STR, "the other article (the higher id)"),
    _f("similarity", pa.float64(), "Jaccard similarity of the two bodies' sets of 8-letter shingles "
       "(letters: Han characters, a–z, 0–9, full-width folded; punctuation and spaces left out)"),
    _f("shared_chars", pa.int32(), "letters inside passages of 20 letters or more that both bodies "
       "print (the smaller count of the two sides)"),
    _f("share_a", pa.float64(), "share of article_a's letters inside passages it shares with article_b"),
    _f("share_b", pa.float64(), "share of article_b's letters inside passages it shares with article_a"),
    _f("earlier", _STR, "the article published first; on the same day, the lower id"),
    _f("same_paper", pa.bool_(), "both in one paper: the same story on two pages, a corrected re-run"),
    _f("run_id", _STR, "the run that found the pair (the run of the later-ingested article)"),
])

KEYWORDS = pa.schema([
    _f("article_id", _STR, "the article"),
    _f("pub_date", pa.date32(), "publication date of the article"),
    _f("keyword", _STR, "keyword"),
    _f("weight", pa.float64(), "TF-IDF (or TextRank) weight"),
    _f("rank", pa.int32(), "1 = strongest keyword of the article"),
    *_LINEAGE,
])

SOURCES = pa.schema([
    _f("source_id", _STR, "content hash (sha256, 16 hex) of the file; for unreadable files, of its path"),
    _f("source_path", _STR, "path relative to --input"),
    _f("paper", _STR, "newspaper name"),
    _f("pub_date", pa.date32(), "publication date (from the path, else the text)"),
    _f("page", pa.int32(), "page from the file name"),
    _f("bytes", pa.int64(), "file size in bytes"),
    _f("encoding", _STR, "detected encoding: utf-8, utf-8-sig, gb18030, big5hkscs, cp950, …"),
    _f("status", _STR, "ok or rejected"),
    _f("error", _STR, "why the file was rejected"),
    _f("n_articles", pa.int32(), "articles split from the file"),
    _f("run_id", _STR, "the run that read the file"),
    _f("mtime", pa.timestamp("us", tz="UTC"), "modification time of the file when read"),
])

RUNS = pa.schema([
    _f("run_id", _STR, "the run"),
    _f("started_at", pa.timestamp("us", tz="UTC"), "start time"),
    _f("finished_at", pa.timestamp("us", tz="UTC"), "commit time"),
    _f("files_seen", pa.int32(), "files found under --input"),
    _f("files_new", pa.int32(), "files ingested (new or changed)"),
    _f("files_skipped", pa.int32(), "files already in the lake unchanged (same size and time, or same content)"),
    _f("files_rejected", pa.int32(), "files that could not be ingested (see sources.error)"),
    _f("articles_written", pa.int32(), "articles written by the run"),
    _f("kind", _STR, "ingest or compact"),
    _f("input", _STR, "the --input folder"),
    _f("chars", pa.int64(), "characters of body text written"),
    _f("seconds", pa.float64(), "wall time of the run"),
])

# What is current, worked out once per commit (`Lake.snapshot`): the `sources` row of the
# current version of every file, with the articles of it that are in view. Views read the
# newest snapshot instead of working this out from every table at every query.
LIVE = pa.schema([
    *SOURCES,
    _f("articles", pa.list_(pa.struct([pa.field("article_id", _STR), pa.field("n_words", pa.int32())])),
       "the file's articles in view: article_id and n_words, in file order"),
    _f("taken_at", pa.timestamp("us", tz="UTC"),
       "when the snapshot was taken (the views read the newest one visible at their query's start, "
       "by the moment its file name carries)"),
])

# Partitioned by publication month (Hive style: LAKE/<table>/month=YYYY-MM/…).
TABLES: dict[str, pa.Schema] = {
    "articles": ARTICLES,
    "terms": TERMS,
    "entities": ENTITIES,
    "figures": FIGURES,
    "keywords": KEYWORDS,
    "quotes": QUOTES,
    "reuse_index": REUSE_INDEX,
    "reuse": REUSE,
    "sources": SOURCES,
    "runs": RUNS,
    "live": LIVE,
}

PARTITIONED = ("articles", "terms", "entities", "figures", "keywords", "quotes", "reuse_index", "reuse",
               "sources")

# The order of each table's rows in its files: terms, entities and keywords by their word, so
# that a one-term query reads few row groups; the rest by date and article, as analysts read.
SORT_KEYS = {
    "articles": [("pub_date", "ascending"), ("article_id", "ascending")],
    "terms": [("term", "ascending"), ("pub_date", "ascending")],
    "entities": [("normalized", "ascending"), ("pub_date", "ascending")],
    "figures": [("pub_date", "ascending"), ("article_id", "ascending")],
    "keywords": [("keyword", "ascending"), ("pub_date", "ascending")],
    "quotes": [("pub_date", "ascending"), ("article_id", "ascending")],
    "reuse_index": [("pub_date", "ascending"), ("article_id", "ascending")],
    "reuse": [("article_a", "ascending"), ("article_b", "ascending")],
    "sources": [("source_path", "ascending")],
}


def description(table: str, column: str) -> str:
    meta = TABLES[table].field(column).metadata or {}
    return meta.get(b"description", b"").decode()


def conform(data: pa.Table, table: str) -> pa.Table:
    """`data` with exactly the declared columns of `table`, in order and type; columns an older
    file lacks come back as NULL (tables only ever gain columns)."""
    schema = TABLES[table]
    columns = [data.column(f.name) if f.name in data.column_names else pa.nulls(data.num_rows, f.type)
               for f in schema]
    return pa.Table.from_arrays(columns, schema=schema) if data.num_rows else schema.empty_table()
