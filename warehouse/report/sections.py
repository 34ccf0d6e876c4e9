"""What the report says, section by section: the answers of queries.sql, drawn by charts.py,
with the prose that explains them. The page (page.py, page.html) only lays these out."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from pathlib import Path

import duckdb

import warehouse.report.charts as charts
import warehouse.report.search_index as search_index

TOP_TERMS = 15        # bars in the rising / falling charts
TREND_TERMS = 8       # lines in the trend chart: more is unreadable
EARLIER_MONTHS = 6    # months listed in the "earlier months" table
EARLIER_TERMS = 10    # words per month in that table
TOP_REPORTERS = 20
TOP_SPEAKERS = 20
TOP_REPRINTS = 20
TOP_ENTITIES = 12     # rising names per type
MAX_QUOTE = 80        # characters of a speaker's latest quote shown
MAX_REJECTED = 300    # rejected files listed; the count above the table is always complete
MAX_RUNS_TABLE = 30
DAILY_DAYS = 120      # past a season, articles are counted by month


@dataclass
class Chart:
    """One plotly figure (None when the lake has nothing to draw yet) with its explanation."""
    id: str
    title: str
    note: str
    figure: dict | None
    empty: str = "Nothing to show yet."


@dataclass
class Table:
    """A table below a section's charts, its cells already text. `kinds` says how each column
    shows: "text", "code", "num" (right-aligned), "th" (the row's heading) or "chips" (a list of
    words). A table without rows shows `empty` instead, or nothing when that is blank."""
    title: str
    head: list[str]
    rows: list[list]
    kinds: list[str]
    css: str = "data"
    scroll: bool = False
    empty: str = ""


@dataclass
class Section:
    """A part of the page: its charts side by side, then its tables; `id` is its anchor."""
    id: str
    title: str
    intro: str
    charts: list[Chart] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    columns: int = 1        # charts side by side
    detail: str = ""        # after the title in the heading, not in the navigation
    search: dict | None = None  # the search box's index (search_index.build), shown above the tables


@cache
def queries() -> dict[str, str]:
    """The named queries of queries.sql (a query runs from its `-- name:` line to the next)."""
    text = Path(__file__).with_name("queries.sql").read_text(encoding="utf-8")
    parts = re.split(r"^-- name: (\w+)\n", text, flags=re.M)
    return dict(zip(parts[1::2], parts[2::2]))


def rows(con: duckdb.DuckDBPyConnection, name: str, **params) -> list[tuple]:
    """The rows of the named query."""
    try:
        return con.execute(queries()[name], params).fetchall()
    except duckdb.IOException as e:
        # A lake whose runs wrote no rows of some table yet has no Parquet file to glob: that
        # is "no data", not a failure. Any other I/O error is real and propagates.
        if "No files found" in str(e):
            return []
        raise


def volume(con, overview: dict) -> Section:
    # Daily bars over years are hairlines, and a lake with gaps (two months years apart) turns
    # them into specks: past a season, count by month.
    first, last = overview["first_date"], overview["last_date"]
    monthly = first is not None and (last - first).days > DAILY_DAYS
    unit = "month" if monthly else "day"
    fig = charts.articles_per_day(rows(con, "articles_per_day", monthly=monthly), monthly)
    return Section("volume", f"Articles per {unit}",
                   f"What the lake holds: articles by publication {'month' if monthly else 'date'}.",
                   [Chart("volume-chart", "", "", fig, "No articles yet.")])


def term_sections(con) -> tuple[Section, Section]:
    """Words rising and falling in the latest month with rising words, and their trend."""
    by_month: dict[date, list[tuple]] = {}
    for month, *ranked in rows(con, "rising_terms", top=TOP_TERMS):
        by_month.setdefault(month, []).append(tuple(ranked))
    months = sorted(by_month, reverse=True)
    latest = months[0] if months else None
    month_label = f"{latest:%Y-%m}" if latest else ""

    rising_fig = falling_fig = None
    if latest is not None:
        rising_fig = charts.ranked_terms(by_month[latest], charts.RISING)
        falling_fig = charts.ranked_terms(rows(con, "falling_terms", month=latest, top=TOP_TERMS),
                                          charts.FALLING)
    earlier = Table("Top rising words of the latest months", [],
                    [[f"{m:%Y-%m}", [t for t, *_ in by_month[m][:EARLIER_TERMS]]] for m in months[:EARLIER_MONTHS]],
                    ["th", "chips"], css="chips")
    rising = Section(
        "terms", "Words rising and falling",
        "Each word's count in the latest month against what its rate in all the earlier months "
        "predicts. The score (Dunning's log-likelihood G²) is large only when a change is both big "
        "and well supported, so a rare word cannot top the list by luck. Stop words, numbers and "
        "single characters are left out. Hover a bar for the counts.",
        [Chart("rising", "Rising", "used more than before", rising_fig,
               "No month has an earlier month to compare with yet: rising words need two months of data."),
         Chart("falling", "Falling", "used less than before (or no longer)", falling_fig,
               "No word fell clearly enough, or there is no earlier month to compare with.")],
        [earlier], columns=2, detail=month_label)

    # The trend lines follow the words the reader has just seen rise; with no rising words yet
    # (a one-month lake) they show the most frequent words instead.
    if latest is not None:
        shown = [t for t, *_ in by_month[latest][:TREND_TERMS]]
        picked = f"the {len(shown)} top rising words of {month_label}"
    else:
        shown = [t for (t,) in rows(con, "frequent_terms", top=TREND_TERMS)]
        picked = f"the {len(shown)} most frequent words"
    trend_fig = None
    if shown:
        trend_fig = charts.term_trends([m for (m,) in rows(con, "months")], shown,
                                       rows(con, "term_shares", terms=shown))
    trend = Section(
        "trend", "Word trends over time",
        f"Monthly share of {picked}: mentions per 10,000 words printed that month, so months "
        "with more or fewer pages compare fairly. Each word has its own scale; hover for the counts.",
        [Chart("trend-chart", "", "", trend_fig, "No words yet.")])
    return rising, trend


def places(con) -> Section:
    """Every province-level unit as a tile of the map, coloured by its mentions per 10,000
    words in the latest three months; the hover compares with the three months before."""
    found = rows(con, "province_map", provinces=list(charts.TILE_GRID))
    shown = charts.month_span(found[0][5] or []) if found else ""
    return Section(
        "places", "Places by province",
        "Mentions of places, and of organisations named after a place, resolved to their "
        "province-level unit: one square per unit, laid out roughly as on the map of China. The "
        "colour is mentions per 10,000 words printed in the lake's latest three months"
        f"{f' ({shown})' if shown else ''}, grey where a unit was not mentioned there; hover a "
        "square for the counts and the change against the three months before. Every count is "
        "in the `place_trends` view.",
        [Chart("places-chart", "", "", charts.province_map(found), "No places recognised yet.")],
        detail=shown)


def output(con) -> Section:
    return Section(
        "output", "Output by reporter and by page",
        "Articles per reporter named in the byline (a reporter is counted once per article; the "
        f"top {TOP_REPORTERS}), and articles per page, split by kind of item.",
        [Chart("reporters-chart", "By reporter", "", charts.reporters(rows(con, "reporters", top=TOP_REPORTERS)),
               "No bylines with reporters yet."),
         Chart("pages-chart", "By page", "", charts.pages(rows(con, "pages")), "No page numbers in the file names.")],
        columns=2)


def speakers(con) -> Section:
    found = rows(con, "speakers", top=TOP_SPEAKERS)
    table = Table("", ["speaker", "titles printed", "quotes", "articles", "latest", "latest quote"],
                  [[name, titles or "", f"{n:,}", f"{arts:,}", f"{last:%Y-%m-%d}",
                    latest if len(latest) <= MAX_QUOTE else latest[:MAX_QUOTE] + "…"]
                   for name, titles, n, arts, last, latest in found],
                  ["th", "text", "num", "num", "text", "text"], scroll=True,
                  empty="No quotations found yet.")
    return Section(
        "speakers", "Who said what",
        f"The {TOP_SPEAKERS} speakers quoted most in the latest three months: direct quotations "
        "and reported statements (…表示，…), each speaker by the person or organisation it resolves "
        "to, else by the name or the title printed (相关负责人). Every quote is in the `quotes` table.",
        tables=[table])


ENTITY_TYPES = {"PER": "people", "ORG": "organisations", "LOC": "places"}


def entities(con) -> Section:
    """People, organisations and places rising in the latest month, and the trend of the top."""
    rising = rows(con, "rising_entities", top=TOP_ENTITIES)
    month = f"{rising[0][0]:%Y-%m}" if rising else ""
    by_type = {t: [name for _, typ, name, *_ in rising if typ == t] for t in ENTITY_TYPES}
    table = Table("", ["", "rising"], [[label, by_type[t]] for t, label in ENTITY_TYPES.items()],
                  ["th", "chips"], css="chips",
                  empty="No month has an earlier month to compare with yet.")
    shown = [n for t in ("PER", "ORG") for n in by_type[t][:TREND_TERMS // 2]]
    picked = f"the top rising people and organisations of {month}"
    if not shown:
        shown = [n for (n,) in rows(con, "frequent_entities", top=TREND_TERMS)]
        picked = "the people and organisations named most"
    figure = charts.term_trends([m for (m,) in rows(con, "months")], shown,
                                rows(con, "entity_shares", names=shown)) if shown else None
    return Section(
        "entities", "People, organisations and places",
        "Names rising in the latest month against all the months before, by the statistic of the "
        "rising words, per type. Names are merged by rules (a title after a name, the country "
        "before a ministry) and by the lake's own aliases.csv (type, alias, canonical), which "
        "takes effect at the next query. Every count is in the `entity_trends` view.",
        [Chart("entities-chart", "", f"mentions per 10,000 words: {picked}", figure, "No names found yet.")],
        [table], detail=month)


def reprints(con) -> Section:
    found = rows(con, "reprints", top=TOP_REPRINTS)
    table = Table("", ["first printed as", "articles", "papers", "first in", "first", "last", "days printed"],
                  [[headline or "(no headline)", f"{size:,}", papers, first_paper, f"{first:%Y-%m-%d}",
                    f"{last:%Y-%m-%d}", f"{days:,}"]
                   for headline, size, _, papers, first_paper, first, last, days in found],
                  ["th", "num", "text", "text", "text", "text", "num"], scroll=True,
                  empty="No text printed twice in the latest three months.")
    return Section(
        "reprints", "Who reprinted what",
        f"The {TOP_REPRINTS} stories of the latest three months printed most widely: articles that "
        "share long passages (a wire story in several papers, a story on two pages, a re-run), "
        "grouped, with the paper that printed it first. Pairs are in the `reuse` table, groups in "
        "`reuse_clusters`, and who picked up whose story, how many days later and how much of it, "
        "in `wire_pickup`.",
        tables=[table])


def search(con) -> Section:
    """A search box over the latest months: their BM25 index embedded, searched in the page."""
    months = search_index.months_shown(rows(con, "articles_per_day", monthly=True))
    index = None
    if months:
        index = search_index.build(rows(con, "search_docs", first=months[0], last=months[-1]),
                                   rows(con, "search_words", first=months[0], last=months[-1]))
    shown = charts.month_span([f"{m:%Y-%m}" for m in months])
    return Section(
        "search", "Search",
        "Type words to rank the articles of the latest months that hold them (as many months as "
        f"fit {search_index.MAX_ARTICLES:,} articles), best first, as the lake's `search()` macro "
        "ranks words; a leading - leaves out the articles holding a word. This works in the file, "
        "offline. For the whole lake, phrases, and filters by paper and date: "
        "`baoku search \"…\" --lake …` or `SELECT * FROM search('…')` in SQL.",
        detail=shown, search=index)


def pipeline(con) -> Section:
    """The runs and the files the lake could not read."""
    runs = rows(con, "runs")
    more = f" (latest {MAX_RUNS_TABLE} of {len(runs)})" if len(runs) > MAX_RUNS_TABLE else ""
    run_table = Table(
        f"Runs{more}",
        ["started (UTC)", "run", "kind", "seen", "new", "skipped", "rejected", "articles", "characters", "seconds"],
        [[f"{r[2]:%Y-%m-%d %H:%M:%S}", r[0], r[1], *(f"{v:,}" for v in r[3:9]), f"{r[9]:,.1f}"]
         for r in reversed(runs[-MAX_RUNS_TABLE:])],
        ["text", "code", "text"] + ["num"] * 7, scroll=True)
    return Section(
        "runs", "The pipeline's own figures",
        "Every committed run: files found under the input folder, how many were new or changed, "
        "already in the lake, or rejected. Rejected files are listed with the reason, as the lake "
        "records them now (a file fixed by a later run drops off the list).",
        [Chart("runs-chart", "", "", charts.run_files(runs), "No runs recorded.")],
        [run_table, *rejected(con)])


def rejected(con) -> list[Table]:
    reasons = rows(con, "rejected_reasons")
    if not reasons:
        return [Table("Rejected files", [], [], [], empty="None: every file was read.")]
    total = sum(n for _, n in reasons)
    files = rows(con, "rejected_files", limit=MAX_REJECTED)
    shown = f" (first {len(files)} by path)" if total > len(files) else ""
    return [Table(f"Rejected files: {total:,}", ["reason", "files"],
                  [[err, f"{n:,}"] for err, n in reasons], ["text", "num"], css="data narrow"),
            Table(f"Files{shown}", ["file", "reason", "run"], [list(f) for f in files],
                  ["code", "text", "code"], scroll=True)]


def collect(con: duckdb.DuckDBPyConnection) -> tuple[dict, list[Section]]:
    """Everything the report shows, read from the views of `con`: the overview for the header
    and the sections in page order."""
    overview = dict(zip(("articles", "first_date", "last_date", "days", "chars", "papers", "files",
                         "rejected", "runs", "last_run"), rows(con, "overview")[0]))
    rising, trend = term_sections(con)
    return overview, [volume(con, overview), rising, trend, places(con), entities(con), output(con),
                      speakers(con), reprints(con), search(con), pipeline(con)]
