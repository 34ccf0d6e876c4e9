"""The trend report: one self-contained HTML file that opens offline.

Charts are drawn by plotly.js, taken from the `plotly` wheel (`plotly.offline.get_plotlyjs()`)
and inlined once, so the file needs no network and no CDN. Why plotly: it ships its whole
JavaScript bundle inside the Python wheel (nothing fetched at build or view time), it draws
SVG (text is real text, so Chinese labels use the page's CJK font stack and stay sharp when
zoomed or printed), and it gives hover, zoom and PNG export for free. The price is ~4.8 MB
of JavaScript per report, acceptable for a file that is mailed around or opened from a share.

Every figure is read from the lake's views (warehouse/views) through `warehouse.build.connect`;
the one statistic no view has, falling terms, is the emerging-terms statistic reversed
(FALLING_SQL below). Values from the data go into SQL only as bound parameters, into HTML
only through `html.escape`, into chart labels only through `_label` (plotly.js reads a small
HTML subset in labels) and into the inline <script> only through `_script_json`.
"""
from __future__ import annotations

import html
import json
import os
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path

import duckdb

from warehouse.build import connect

# Chinese text must render wherever the file is opened: Linux (Noto / Source Han / WenQuanYi),
# macOS (PingFang), Windows (Microsoft YaHei); the same stack goes to the charts.
FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
              '"WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif')

TOP_TERMS = 15        # bars in the rising / falling charts
TREND_TERMS = 8       # lines in the trend chart: more is unreadable
EARLIER_MONTHS = 6    # months listed in the "earlier months" table
TOP_REPORTERS = 20
MAX_REJECTED = 300    # rejected files listed; the count above the table is always complete
MAX_RUNS_TABLE = 30

RISING, FALLING, ACCENT = "#c92a2a", "#1971c2", "#495057"
# Enough distinct, colour-blind-tolerable hues for TREND_TERMS lines (Tableau 10).
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac"]

# Words whose rate in month $month fell most against all earlier months: the G2 statistic of
# emerging_terms.sql with the direction reversed. Unlike rising words, a falling word may be
# absent from the month altogether, so the candidates are the words of the earlier months
# (not of the month), and the support threshold is on the count expected at the old rate
# (>= 5, mirroring "mentions >= 5" of the rising side) and on earlier articles (>= 2).
FALLING_SQL = """
WITH bounds AS (
    SELECT $month::DATE AS lo, ($month::DATE + INTERVAL 1 MONTH)::DATE AS hi
), totals AS (
    SELECT sum(count) FILTER (WHERE pub_date >= lo)::DOUBLE AS words,
           sum(count) FILTER (WHERE pub_date < lo)::DOUBLE AS words_before
    FROM terms, bounds
    WHERE pub_date < hi
), per_term AS (
    SELECT term,
           coalesce(sum(count) FILTER (WHERE pub_date >= lo), 0)::DOUBLE AS mentions,
           coalesce(sum(count) FILTER (WHERE pub_date < lo), 0)::DOUBLE AS before,
           count(DISTINCT article_id) FILTER (WHERE pub_date < lo) AS articles_before
    FROM terms, bounds
    WHERE pub_date < hi AND NOT is_stop AND length(term) >= 2
      AND NOT regexp_matches(term, '^[0-9０-９.%％]+$')
    GROUP BY term
), scored AS (
    SELECT p.*, t.words, t.words_before,
           t.words * (mentions + before) / (t.words + t.words_before) AS e1,
           t.words_before * (mentions + before) / (t.words + t.words_before) AS e2
    FROM per_term AS p, totals AS t
    WHERE t.words > 0 AND t.words_before > 0 AND articles_before >= 2
      AND before * t.words / t.words_before >= 5
      AND mentions / t.words < before / t.words_before
)
SELECT term,
       2 * (CASE WHEN mentions > 0 THEN mentions * ln(mentions / e1) ELSE 0 END
            + before * ln(before / e2)) AS score,
       mentions::BIGINT AS mentions, before * words / words_before AS baseline
FROM scored
ORDER BY score DESC, term
LIMIT $top
"""

OVERVIEW_SQL = """
SELECT (SELECT count(*) FROM articles) AS articles,
       (SELECT min(pub_date) FROM articles) AS first_date,
       (SELECT max(pub_date) FROM articles) AS last_date,
       (SELECT count(DISTINCT pub_date) FROM articles) AS days,
       (SELECT coalesce(sum(n_chars), 0) FROM articles) AS chars,
       (SELECT list(DISTINCT paper ORDER BY paper) FROM articles WHERE paper IS NOT NULL) AS papers,
       (SELECT count(*) FROM sources) AS files,
       (SELECT count(*) FROM sources WHERE status = 'rejected') AS rejected,
       (SELECT count(*) FROM runs) AS runs,
       (SELECT max(finished_at) FROM runs) AS last_run
"""

TREND_SQL = """
SELECT month, term, share, mentions
FROM term_trends
WHERE term IN (SELECT unnest($terms::VARCHAR[]))
ORDER BY month, term
"""

# Fallback terms for the trend chart when no month has a baseline yet (a one-month lake).
FREQUENT_SQL = """
SELECT term FROM term_trends
WHERE length(term) >= 2 AND NOT regexp_matches(term, '^[0-9０-９.%％]+$')
GROUP BY term ORDER BY sum(mentions) DESC, term LIMIT $top
"""


# ---------------------------------------------------------------- data

@dataclass
class Chart:
    """One plotly figure (None when the lake has nothing to draw yet) with its explanation."""
    id: str
    title: str
    note: str
    figure: dict | None
    empty: str = "Nothing to show yet."


@dataclass
class Section:
    id: str
    title: str
    intro: str
    charts: list[Chart] = field(default_factory=list)
    html: str = ""          # extra pre-escaped HTML (tables) after the charts
    columns: int = 1        # charts side by side


def _rows(con: duckdb.DuckDBPyConnection, sql: str, params: dict | None = None) -> list[tuple]:
    try:
        return con.execute(sql, params or {}).fetchall()
    except duckdb.IOException as e:
        # A lake whose runs wrote no rows of some table yet has no Parquet file to glob: that
        # is "no data", not a failure. Any other I/O error is real and propagates.
        if "No files found" in str(e):
            return []
        raise


def _months(con) -> list[date]:
    return [r[0] for r in _rows(con, "SELECT DISTINCT date_trunc('month', pub_date)::DATE AS m "
                                     "FROM articles WHERE pub_date IS NOT NULL ORDER BY m")]


# ---------------------------------------------------------------- escaping

def _e(value) -> str:
    """Text for HTML element content and attribute values."""
    return html.escape("" if value is None else str(value), quote=True)


def _label(value) -> str:
    """Text for a chart label: plotly.js renders a small HTML subset (<b>, <br>, <a href>) in
    labels and hover text and decodes &amp; &lt; &gt;, so escaping these three keeps a word
    like '<b>' literal."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _script_json(value) -> str:
    """JSON that is safe inside an inline <script>: no '</script>', no '<!--', no line
    separators that end a JS string. The escapes only ever occur inside JSON strings."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


# ---------------------------------------------------------------- figures

def _layout(**extra) -> dict:
    base = {
        "font": {"family": FONT_STACK, "size": 13, "color": "#212529"},
        # t=30 keeps plotly's tool bar (shown on hover, always on touch screens) off the data
        "margin": {"l": 10, "r": 20, "t": 30, "b": 40},
        "paper_bgcolor": "rgba(0,0,0,0)", "plot_bgcolor": "rgba(0,0,0,0)",
        "hoverlabel": {"font": {"family": FONT_STACK}},
        "xaxis": {"gridcolor": "#e9ecef", "zerolinecolor": "#ced4da", "automargin": True},
        "yaxis": {"gridcolor": "#e9ecef", "zerolinecolor": "#ced4da", "automargin": True},
        "legend": {"orientation": "h", "y": -0.15},
    }
    for key, value in extra.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    return base


def _hbar(labels: list[str], values: list[float], color: str, hover: list[str], x_title: str) -> dict:
    """Horizontal bars, largest on top (plotly draws categories bottom-up)."""
    return {
        "data": [{"type": "bar", "orientation": "h", "x": values[::-1],
                  "y": [_label(v) for v in labels[::-1]], "marker": {"color": color},
                  "hovertext": [_label(h) for h in hover[::-1]], "hoverinfo": "text"}],
        "layout": _layout(height=max(260, 24 * len(labels) + 90), xaxis={"title": {"text": x_title}},
                          yaxis={"type": "category", "gridcolor": "rgba(0,0,0,0)"}, showlegend=False),
    }


def _ratio(mentions: float, baseline: float) -> str:
    if not baseline:
        return "new"
    return f"×{mentions / baseline:.1f}"


def _term_sections(con) -> tuple[Section, Section]:
    emerging = _rows(con, "SELECT month, term, score, mentions, baseline FROM emerging_terms "
                          "WHERE rank <= $top ORDER BY month DESC, rank", {"top": TOP_TERMS})
    by_month: dict[date, list[tuple]] = {}
    for month, term, score, mentions, baseline in emerging:
        by_month.setdefault(month, []).append((term, score, mentions, baseline))
    months = sorted(by_month, reverse=True)
    latest = months[0] if months else None

    rising_fig = falling_fig = None
    if latest is not None:
        r = by_month[latest]
        rising_fig = _hbar([t for t, *_ in r], [round(s, 1) for _, s, _, _ in r], RISING,
                           [f"{t}: {m:,} mentions, {b:,.0f} expected at the earlier rate "
                            f"({_ratio(m, b)}), score {s:,.0f}" for t, s, m, b in r], "score (G²)")
        f = _rows(con, FALLING_SQL, {"month": latest, "top": TOP_TERMS})
        if f:
            falling_fig = _hbar([t for t, *_ in f], [round(s, 1) for _, s, _, _ in f], FALLING,
                                [f"{t}: {m:,} mentions, {b:,.0f} expected at the earlier rate "
                                 f"({_ratio(m, b)}), score {s:,.0f}" for t, s, m, b in f], "score (G²)")
    month_label = latest.strftime("%Y-%m") if latest else ""
    earlier = "".join(
        f"<tr><th>{_e(m.strftime('%Y-%m'))}</th><td>"
        + " ".join(f'<span class="chip">{_e(t)}</span>' for t, *_ in by_month[m][:10])
        + "</td></tr>" for m in months[:EARLIER_MONTHS])
    rising = Section(
        "terms", f"Words rising and falling{' · ' + month_label if latest else ''}",
        "Each word's count in the latest month against what its rate in all the earlier months "
        "predicts. The score (Dunning's log-likelihood G²) is large only when a change is both big "
        "and well supported, so a rare word cannot top the list by luck. Stop words, numbers and "
        "single characters are left out. Hover a bar for the counts.",
        [Chart("rising", "Rising", "used more than before", rising_fig,
               "No month has an earlier month to compare with yet: rising words need two months of data."),
         Chart("falling", "Falling", "used less than before (or no longer)", falling_fig,
               "No word fell clearly enough, or there is no earlier month to compare with.")],
        columns=2,
        html=(f'<h3>Top rising words of the latest months</h3><table class="chips">{earlier}</table>'
              if earlier else ""))

    # The trend lines follow the words the reader has just seen rise; with no rising words yet
    # (a one-month lake) they show the most frequent words instead.
    if latest is not None:
        terms = [t for t, *_ in by_month[latest][:TREND_TERMS]]
        picked = f"the {len(terms)} top rising words of {month_label}"
    else:
        terms = [r[0] for r in _rows(con, FREQUENT_SQL, {"top": TREND_TERMS})]
        picked = f"the {len(terms)} most frequent words"
    trend_fig = _trend_figure(con, terms) if terms else None
    trend = Section(
        "trend", "Word trends over time",
        f"Monthly share of {picked}: mentions per 10,000 words printed that month, so months "
        "with more or fewer pages compare fairly. Each word has its own scale; hover for the counts.",
        [Chart("trend-chart", "", "", trend_fig, "No words yet.")])
    return rising, trend


def _trend_figure(con, terms: list[str]) -> dict | None:
    """Small multiples, one panel per word with its own y scale: on a shared axis the most
    frequent word flattens all the others into the floor."""
    months = _months(con)
    rows = _rows(con, TREND_SQL, {"terms": terms})
    if not rows or not months:
        return None
    share = {(m, t): (s, n) for m, t, s, n in rows}
    x = [m.strftime("%Y-%m") for m in months]
    cols = min(4, len(terms))
    n_rows = -(-len(terms) // cols)
    data, axes, titles = [], {}, []
    for i, term in enumerate(terms):
        k = "" if i == 0 else str(i + 1)
        # A word absent from a month of the lake was used 0 times then (not "unknown").
        ys = [round(share.get((m, term), (0.0, 0))[0] * 10_000, 3) for m in months]
        ns = [share.get((m, term), (0.0, 0))[1] for m in months]
        color = PALETTE[i % len(PALETTE)]
        data.append({"type": "scatter", "mode": "lines+markers", "name": _label(term), "x": x, "y": ys,
                     "xaxis": f"x{k}", "yaxis": f"y{k}", "fill": "tozeroy",
                     "line": {"color": color, "width": 2.5}, "marker": {"size": 6},
                     "hovertext": [_label(f"{term} {mo}: {y:g} per 10,000 words ({n:,} mentions)")
                                   for mo, y, n in zip(x, ys, ns)],
                     "hoverinfo": "text"})
        # the lake's months as categories: a gap of years between two months would otherwise
        # be drawn as a long straight line, a trend nobody measured
        axes[f"xaxis{k}"] = {"type": "category", "gridcolor": "#f1f3f5", "tickfont": {"size": 11},
                             "automargin": True, "range": [-0.3, len(x) - 0.7]}  # inset the end labels
        axes[f"yaxis{k}"] = {"rangemode": "tozero", "gridcolor": "#f1f3f5", "tickfont": {"size": 11},
                             "automargin": True}
        titles.append({"text": f"<b>{_label(term)}</b>", "showarrow": False, "font": {"size": 14, "color": color},
                       "xref": f"x{k} domain", "yref": f"y{k} domain", "x": 0, "y": 1.0,
                       "xanchor": "left", "yanchor": "bottom"})
    layout = _layout(height=230 * n_rows + 40, showlegend=False, annotations=titles,
                     grid={"rows": n_rows, "columns": cols, "pattern": "independent",
                           "xgap": 0.16, "ygap": 0.35},
                     margin={"t": 56, "b": 30})
    layout.update(axes)
    return {"data": data, "layout": layout}


def _places_section(con) -> Section:
    rows = _rows(con, "SELECT province, sum(mentions) AS mentions, sum(articles) AS articles "
                      "FROM place_trends GROUP BY province ORDER BY mentions DESC, province")
    fig = None
    if rows:
        fig = _hbar([p for p, _, _ in rows], [int(m) for _, m, _ in rows], "#2b8a3e",
                    [f"{p}: {m:,} mentions in {a:,} article-months" for p, m, a in rows], "mentions")
    return Section(
        "places", "Places by province",
        "Mentions of places, and of organisations named after a place, resolved to their "
        "province-level unit, over the whole lake.",
        [Chart("places-chart", "", "", fig, "No places recognised yet.")])


def _output_section(con) -> Section:
    reporters = _rows(con, "SELECT reporter, paper, sum(articles) AS n FROM reporter_output "
                           "GROUP BY ALL ORDER BY n DESC, reporter LIMIT $top", {"top": TOP_REPORTERS})
    several = len({p for _, p, _ in reporters}) > 1
    rep_fig = None
    if reporters:
        labels = [f"{r}（{p}）" if several else r for r, p, _ in reporters]
        rep_fig = _hbar(labels, [int(n) for *_, n in reporters], "#5f3dc4",
                        [f"{r}, {p}: {n:,} articles" for r, p, n in reporters], "articles")

    pages = _rows(con, "SELECT paper, page, kind, count(*) AS n FROM articles WHERE page IS NOT NULL "
                       "GROUP BY ALL ORDER BY paper, page, kind")
    page_fig = None
    if pages:
        papers = sorted({p for p, *_ in pages})
        cats = sorted({(p, pg) for p, pg, _, _ in pages})
        # one paper: bare page numbers, short enough to stay horizontal under 20+ bars
        name = (lambda p, pg: f"{p} {pg}版") if len(papers) > 1 else (lambda p, pg: str(pg))
        counts = {(p, pg, k): n for p, pg, k, n in pages}
        kinds = sorted({k for *_, k, _ in pages}, key=lambda k: (k != "article", k))
        data = [{"type": "bar", "name": _label(k), "x": [_label(name(p, pg)) for p, pg in cats],
                 "y": [counts.get((p, pg, k), 0) for p, pg in cats],
                 "marker": {"color": PALETTE[i % len(PALETTE)]}} for i, k in enumerate(kinds)]
        page_fig = {"data": data, "layout": _layout(
            height=380, barmode="stack", xaxis={"type": "category", "title": {"text": "page (版)"}},
            yaxis={"title": {"text": "articles"}}, legend={"orientation": "h", "y": -0.2, "traceorder": "normal"})}
    return Section(
        "output", "Output by reporter and by page",
        "Articles per reporter named in the byline (a reporter is counted once per article; the "
        f"top {TOP_REPORTERS}), and articles per page, split by kind of item.",
        [Chart("reporters-chart", "By reporter", "", rep_fig, "No bylines with reporters yet."),
         Chart("pages-chart", "By page", "", page_fig, "No page numbers in the file names.")],
        columns=2)


def _volume_section(con) -> Section:
    span = _rows(con, "SELECT date_diff('day', min(pub_date), max(pub_date)) FROM articles")
    # Daily bars over years are hairlines, and a lake with gaps (two months years apart) turns
    # them into specks: past a season, count by month.
    monthly = bool(span and span[0][0] is not None and span[0][0] > 120)
    day = "date_trunc('month', pub_date)::DATE" if monthly else "pub_date"  # fixed SQL, no data
    rows = _rows(con, f"SELECT {day} AS d, count(*) FROM articles WHERE pub_date IS NOT NULL "
                      "GROUP BY d ORDER BY d")
    fig = None
    if rows:
        x = [d.strftime("%Y-%m") if monthly else d.isoformat() for d, _ in rows]
        fig = {"data": [{"type": "bar", "x": x, "y": [n for _, n in rows], "marker": {"color": ACCENT},
                         "hovertemplate": "%{x}: %{y} articles<extra></extra>"}],
               # months as categories: a lake of a few scattered months shows them side by side
               "layout": _layout(height=260, xaxis={"type": "category" if monthly else "date"},
                                 yaxis={"title": {"text": "articles"}}, bargap=0.15)}
    return Section("volume", f"Articles per {'month' if monthly else 'day'}",
                   "What the lake holds: articles by publication "
                   f"{'month' if monthly else 'date'}.",
                   [Chart("volume-chart", "", "", fig, "No articles yet.")])


def _runs_section(con) -> Section:
    runs = _rows(con, "SELECT run_id, kind, started_at, files_seen, files_new, files_skipped, "
                      "files_rejected, articles_written, chars, seconds FROM runs ORDER BY started_at")
    fig = None
    if runs:
        x = [f"{r[2]:%Y-%m-%d %H:%M:%S}" for r in runs]
        series = [("new", 4, "#2f9e44"), ("skipped (unchanged)", 5, "#adb5bd"), ("rejected", 6, RISING)]
        fig = {"data": [{"type": "bar", "name": name, "x": x, "y": [r[i] for r in runs],
                         "marker": {"color": color},
                         "customdata": [_label(r[0]) for r in runs],
                         "hovertemplate": f"run %{{customdata}}<br>%{{y}} files {name}<extra></extra>"}
                        for name, i, color in series],
                # a handful of runs would otherwise be drawn as slabs across the whole width
                "layout": _layout(height=320, barmode="stack", bargap=0.2 if len(runs) > 6 else 0.6,
                                  xaxis={"type": "category", "title": {"text": "run started (UTC)"}},
                                  yaxis={"title": {"text": "files"}})}
    table = "".join(
        f"<tr><td>{_e(f'{r[2]:%Y-%m-%d %H:%M:%S}')}</td><td><code>{_e(r[0])}</code></td><td>{_e(r[1])}</td>"
        + "".join(f'<td class="num">{v:,}</td>' for v in r[3:9])
        + f'<td class="num">{r[9]:,.1f}</td></tr>'
        for r in reversed(runs[-MAX_RUNS_TABLE:]))
    head = ("<tr><th>started (UTC)</th><th>run</th><th>kind</th><th>seen</th><th>new</th><th>skipped</th>"
            "<th>rejected</th><th>articles</th><th>characters</th><th>seconds</th></tr>")
    parts = []
    if runs:
        more = f" (latest {MAX_RUNS_TABLE} of {len(runs)})" if len(runs) > MAX_RUNS_TABLE else ""
        parts.append(f'<h3>Runs{more}</h3><div class="scroll"><table class="data">{head}{table}</table></div>')
    parts.append(_rejected_html(con))
    return Section(
        "runs", "The pipeline's own figures",
        "Every committed run: files found under the input folder, how many were new or changed, "
        "already in the lake, or rejected. Rejected files are listed with the reason, as the lake "
        "records them now (a file fixed by a later run drops off the list).",
        [Chart("runs-chart", "", "", fig, "No runs recorded.")], html="".join(parts))


def _rejected_html(con) -> str:
    reasons = _rows(con, "SELECT error, count(*) AS n FROM sources WHERE status = 'rejected' "
                         "GROUP BY error ORDER BY n DESC, error")
    if not reasons:
        return '<h3>Rejected files</h3><p class="ok">None: every file was read.</p>'
    total = sum(n for _, n in reasons)
    files = _rows(con, "SELECT s.source_path, s.error, s.run_id FROM sources AS s WHERE s.status = 'rejected' "
                       "ORDER BY s.source_path LIMIT $limit", {"limit": MAX_REJECTED})
    summary = "".join(f'<tr><td>{_e(err)}</td><td class="num">{n:,}</td></tr>' for err, n in reasons)
    rows = "".join(f"<tr><td><code>{_e(p)}</code></td><td>{_e(err)}</td><td><code>{_e(run)}</code></td></tr>"
                   for p, err, run in files)
    shown = f" (first {len(files)} by path)" if total > len(files) else ""
    return (f'<h3>Rejected files: {total:,}</h3>'
            f'<table class="data narrow"><tr><th>reason</th><th>files</th></tr>{summary}</table>'
            f'<h3>Files{shown}</h3><div class="scroll"><table class="data"><tr><th>file</th><th>reason</th>'
            f'<th>run</th></tr>{rows}</table></div>')


def collect(con: duckdb.DuckDBPyConnection) -> tuple[dict, list[Section]]:
    """Everything the report shows, read from the views of `con`."""
    row = _rows(con, OVERVIEW_SQL)[0]
    overview = dict(zip(("articles", "first_date", "last_date", "days", "chars", "papers", "files",
                         "rejected", "runs", "last_run"), row))
    rising, trend = _term_sections(con)
    return overview, [_volume_section(con), rising, trend, _places_section(con), _output_section(con),
                      _runs_section(con)]


# ---------------------------------------------------------------- HTML

CSS = """
:root { --ink:#212529; --muted:#6c757d; --line:#dee2e6; --bg:#f4f5f7; --card:#fff; --accent:#c92a2a; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--ink); font-family:FONTS; line-height:1.55; }
header { background:linear-gradient(120deg,#8b1a1a,#c92a2a 60%,#e8590c); color:#fff; padding:28px 0 22px; }
.wrap { max-width:1180px; margin:0 auto; padding:0 24px; }
h1 { margin:0; font-size:30px; font-weight:700; letter-spacing:.02em; }
h1 small { font-size:16px; font-weight:400; opacity:.85; margin-left:10px; }
.range { margin:6px 0 18px; font-size:17px; opacity:.95; }
.stats { display:flex; flex-wrap:wrap; gap:12px; }
.stat { background:rgba(255,255,255,.14); border-radius:8px; padding:8px 16px; min-width:120px; }
.stat b { display:block; font-size:22px; font-variant-numeric:tabular-nums; }
.stat span { font-size:13px; opacity:.9; }
nav { background:#fff; border-bottom:1px solid var(--line); position:sticky; top:0; z-index:5; }
nav a { display:inline-block; padding:10px 12px; color:var(--ink); text-decoration:none; font-size:14px; }
nav a:hover { color:var(--accent); }
section { background:var(--card); border:1px solid var(--line); border-radius:10px; margin:22px 0;
          padding:20px 24px; }
h2 { margin:0 0 4px; font-size:21px; }
h3 { margin:18px 0 8px; font-size:16px; }
.intro { margin:0 0 12px; color:var(--muted); max-width:880px; font-size:14px; }
.grid { display:grid; grid-template-columns:repeat(var(--cols),minmax(0,1fr)); gap:20px; }
@media (max-width:900px) { .grid { grid-template-columns:1fr; } }
.chart h4 { margin:6px 0 0; font-size:15px; } .chart h4 small { color:var(--muted); font-weight:400; }
.empty { color:var(--muted); background:#f8f9fa; border:1px dashed var(--line); border-radius:8px;
         padding:28px; text-align:center; }
table { border-collapse:collapse; font-size:13px; }
table.data { width:100%; } table.narrow { width:auto; min-width:360px; }
table.data th, table.data td { border-bottom:1px solid var(--line); padding:5px 8px; text-align:left; }
table.data th { background:#f8f9fa; position:sticky; top:0; }
td.num { text-align:right; font-variant-numeric:tabular-nums; }
.scroll { max-height:360px; overflow:auto; border:1px solid var(--line); border-radius:6px; }
table.chips th { text-align:left; padding:4px 12px 4px 0; vertical-align:top; white-space:nowrap; color:var(--muted); }
.chip { display:inline-block; background:#fff5f5; color:#a61e1e; border:1px solid #ffc9c9; border-radius:12px;
        padding:0 9px; margin:2px 3px; font-size:13px; }
.ok { color:#2b8a3e; }
code { font-size:12px; }
footer { color:var(--muted); font-size:12px; padding:10px 0 30px; }
""".replace("FONTS", FONT_STACK)

PLOT_CONFIG = {"displaylogo": False, "responsive": True,
               "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
               "toImageButtonOptions": {"format": "png", "scale": 2}}


def _fmt_int(n) -> str:
    return f"{int(n or 0):,}"


def _header(ov: dict, lake: Path) -> str:
    if ov["first_date"]:
        span = (ov["last_date"] - ov["first_date"]).days + 1
        rng = f"{ov['first_date']:%Y-%m-%d} – {ov['last_date']:%Y-%m-%d} · {span:,} days, {ov['days']:,} with articles"
    else:
        rng = "The lake holds no articles yet."
    papers = "、".join(ov["papers"] or []) or "—"
    stats = [(_fmt_int(ov["articles"]), "articles"), (f"{(ov['chars'] or 0) / 10_000:,.0f} 万", "characters"),
             (_fmt_int(ov["files"]), "files"), (_fmt_int(ov["rejected"]), "rejected files"),
             (_fmt_int(ov["runs"]), "runs"), (papers, "papers" if len(ov["papers"] or []) != 1 else "paper")]
    cards = "".join(f'<div class="stat"><b>{_e(v)}</b><span>{_e(k)}</span></div>' for v, k in stats)
    return (f'<header><div class="wrap"><h1>报库 baoku <small>trend report</small></h1>'
            f'<p class="range">{_e(rng)}</p><div class="stats">{cards}</div></div></header>')


def _section_html(s: Section) -> str:
    charts = []
    for c in s.charts:
        title = (f"<h4>{_e(c.title)} <small>{_e(c.note)}</small></h4>" if c.title else "")
        body = (f'<div id="{_e(c.id)}" class="plot"></div>' if c.figure
                else f'<div class="empty">{_e(c.empty)}</div>')
        charts.append(f'<div class="chart">{title}{body}</div>')
    return (f'<section id="{_e(s.id)}"><h2>{_e(s.title)}</h2><p class="intro">{_e(s.intro)}</p>'
            f'<div class="grid" style="--cols:{s.columns}">{"".join(charts)}</div>{s.html}</section>')


def render(overview: dict, sections: list[Section], lake: Path, plotly_js: str) -> str:
    """The whole page. `plotly_js` is inlined as is (it contains no '</script')."""
    figures = {c.id: c.figure for s in sections for c in s.charts if c.figure}
    safe_js = plotly_js.replace("</script", "<\\/script")  # a no-op today; cheap insurance
    nav = "".join(f'<a href="#{_e(s.id)}">{_e(s.title.split(" · ")[0])}</a>' for s in sections)
    generated = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    last_run = f"{overview['last_run']:%Y-%m-%d %H:%M UTC}" if overview.get("last_run") else "never"
    return "\n".join([
        "<!DOCTYPE html>",
        '<html lang="zh-CN"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>报库 baoku · trend report</title>",
        f"<style>{CSS}</style>",
        f"<script>{safe_js}</script>",
        "</head><body>",
        _header(overview, lake),
        f'<nav><div class="wrap">{nav}</div></nav>',
        '<main class="wrap">',
        *(_section_html(s) for s in sections),
        "</main>",
        f'<footer class="wrap">Generated {_e(generated)} from the lake <code>{_e(lake)}</code> '
        f"(last run committed {_e(last_run)}) by <code>baoku report</code>. "
        "Charts: plotly.js, embedded; this file needs no network.</footer>",
        "<script>",
        f"const FIGURES = {_script_json(figures)};",
        f"const CONFIG = {_script_json(PLOT_CONFIG)};",
        "for (const [id, fig] of Object.entries(FIGURES)) {",
        "  Plotly.newPlot(id, fig.data, fig.layout, CONFIG);",
        "}",
        "</script>",
        "</body></html>",
    ])


def write_report(lake: str | os.PathLike, out: str | os.PathLike) -> Path:
    """Write the report for `lake` to `out` (atomically: a reader never sees half a file)."""
    from plotly.offline import get_plotlyjs  # ~5 MB string: load only when writing a report

    lake, out = Path(lake).absolute(), Path(out)
    con = connect(lake)
    try:
        overview, sections = collect(con)
    finally:
        con.close()
    page = render(overview, sections, lake, get_plotlyjs())
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(f".{out.name}.{os.getpid()}.tmp")
    tmp.write_text(page, encoding="utf-8")
    os.replace(tmp, out)
    return out
