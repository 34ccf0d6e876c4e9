"""Rows in, plotly figure dicts out: what each chart of the report draws.

No SQL and no HTML here. A function takes the rows of one query of queries.sql and returns the
figure (`{"data": [...], "layout": {...}}`) that plotly.js draws, or None when there is nothing
to draw. Text from the data reaches a figure only through `label` (plotly.js reads a small HTML
subset in labels and hover text).
"""
from __future__ import annotations

from datetime import date

# Chinese text must render wherever the file is opened: Linux (Noto / Source Han / WenQuanYi),
# macOS (PingFang), Windows (Microsoft YaHei); the page uses the same stack (page.css).
FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
              '"WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif')

RISING, FALLING, ACCENT = "#c92a2a", "#1971c2", "#495057"
PLACES, REPORTERS, NEW_FILES, OLD_FILES = "#2b8a3e", "#5f3dc4", "#2f9e44", "#adb5bd"
# Enough distinct, colour-blind-tolerable hues for the trend chart's lines (Tableau 10).
PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1",
           "#ff9da7", "#9c755f", "#bab0ac"]


def label(value) -> str:
    """Text for a chart label: plotly.js renders a small HTML subset (<b>, <br>, <a href>) in
    labels and hover text and decodes &amp; &lt; &gt;, so escaping these three keeps a word
    like '<b>' literal."""
    return str(value).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def layout(**extra) -> dict:
    """The house layout, with `extra` merged in (one level deep for dicts such as xaxis)."""
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


def hbar(labels: list[str], values: list[float], color: str, hover: list[str], x_title: str) -> dict:
    """Horizontal bars, largest on top (plotly draws categories bottom-up)."""
    return {
        "data": [{"type": "bar", "orientation": "h", "x": values[::-1],
                  "y": [label(v) for v in labels[::-1]], "marker": {"color": color},
                  "hovertext": [label(h) for h in hover[::-1]], "hoverinfo": "text"}],
        "layout": layout(height=max(260, 24 * len(labels) + 90), xaxis={"title": {"text": x_title}},
                         yaxis={"type": "category", "gridcolor": "rgba(0,0,0,0)"}, showlegend=False),
    }


def _ratio(mentions: float, baseline: float) -> str:
    if not baseline:
        return "new"
    return f"×{mentions / baseline:.1f}"


def ranked_terms(rows: list[tuple], color: str) -> dict | None:
    """Rising or falling words, (term, score, mentions, baseline) best first, as bars of their score."""
    if not rows:
        return None
    return hbar([t for t, *_ in rows], [round(s, 1) for _, s, _, _ in rows], color,
                [f"{t}: {m:,} mentions, {b:,.0f} expected at the earlier rate "
                 f"({_ratio(m, b)}), score {s:,.0f}" for t, s, m, b in rows], "score (G²)")


def term_trends(months: list[date], terms: list[str], rows: list[tuple]) -> dict | None:
    """Each of `terms` over the lake's `months` from (month, term, share, mentions) rows, as
    small multiples, one panel per word with its own y scale: on a shared axis the most
    frequent word flattens all the others into the floor."""
    if not rows or not months or not terms:
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
        data.append({"type": "scatter", "mode": "lines+markers", "name": label(term), "x": x, "y": ys,
                     "xaxis": f"x{k}", "yaxis": f"y{k}", "fill": "tozeroy",
                     "line": {"color": color, "width": 2.5}, "marker": {"size": 6},
                     "hovertext": [label(f"{term} {mo}: {y:g} per 10,000 words ({n:,} mentions)")
                                   for mo, y, n in zip(x, ys, ns)],
                     "hoverinfo": "text"})
        # the lake's months as categories: a gap of years between two months would otherwise
        # be drawn as a long straight line, a trend nobody measured
        axes[f"xaxis{k}"] = {"type": "category", "gridcolor": "#f1f3f5", "tickfont": {"size": 11},
                             "automargin": True, "range": [-0.3, len(x) - 0.7]}  # inset the end labels
        axes[f"yaxis{k}"] = {"rangemode": "tozero", "gridcolor": "#f1f3f5", "tickfont": {"size": 11},
                             "automargin": True}
        titles.append({"text": f"<b>{label(term)}</b>", "showarrow": False, "font": {"size": 14, "color": color},
                       "xref": f"x{k} domain", "yref": f"y{k} domain", "x": 0, "y": 1.0,
                       "xanchor": "left", "yanchor": "bottom"})
    fig_layout = layout(height=230 * n_rows + 40, showlegend=False, annotations=titles,
                        grid={"rows": n_rows, "columns": cols, "pattern": "independent",
                              "xgap": 0.16, "ygap": 0.35},
                        margin={"t": 56, "b": 30})
    fig_layout.update(axes)
    return {"data": data, "layout": fig_layout}


def provinces(rows: list[tuple]) -> dict | None:
    """(province, mentions, articles) rows, most mentioned first."""
    if not rows:
        return None
    return hbar([p for p, _, _ in rows], [int(m) for _, m, _ in rows], PLACES,
                [f"{p}: {m:,} mentions in {a:,} article-months" for p, m, a in rows], "mentions")


def reporters(rows: list[tuple]) -> dict | None:
    """(reporter, paper, articles) rows, most articles first; the paper is named only when
    there are several."""
    if not rows:
        return None
    several = len({p for _, p, _ in rows}) > 1
    labels = [f"{r}（{p}）" if several else r for r, p, _ in rows]
    return hbar(labels, [int(n) for *_, n in rows], REPORTERS,
                [f"{r}, {p}: {n:,} articles" for r, p, n in rows], "articles")


def pages(rows: list[tuple]) -> dict | None:
    """(paper, page, kind, articles) rows as bars per page, stacked by kind of item."""
    if not rows:
        return None
    papers = sorted({p for p, *_ in rows})
    cats = sorted({(p, pg) for p, pg, _, _ in rows})
    # one paper: bare page numbers, short enough to stay horizontal under 20+ bars
    name = (lambda p, pg: f"{p} {pg}版") if len(papers) > 1 else (lambda p, pg: str(pg))
    counts = {(p, pg, k): n for p, pg, k, n in rows}
    kinds = sorted({k for *_, k, _ in rows}, key=lambda k: (k != "article", k))
    data = [{"type": "bar", "name": label(k), "x": [label(name(p, pg)) for p, pg in cats],
             "y": [counts.get((p, pg, k), 0) for p, pg in cats],
             "marker": {"color": PALETTE[i % len(PALETTE)]}} for i, k in enumerate(kinds)]
    return {"data": data, "layout": layout(
        height=380, barmode="stack", xaxis={"type": "category", "title": {"text": "page (版)"}},
        yaxis={"title": {"text": "articles"}}, legend={"orientation": "h", "y": -0.2, "traceorder": "normal"})}


def articles_per_day(rows: list[tuple], monthly: bool) -> dict | None:
    """(day, articles) rows as bars; `monthly` when each day is the first of its month."""
    if not rows:
        return None
    x = [d.strftime("%Y-%m") if monthly else d.isoformat() for d, _ in rows]
    return {"data": [{"type": "bar", "x": x, "y": [n for _, n in rows], "marker": {"color": ACCENT},
                      "hovertemplate": "%{x}: %{y} articles<extra></extra>"}],
            # months as categories: a lake of a few scattered months shows them side by side
            "layout": layout(height=260, xaxis={"type": "category" if monthly else "date"},
                             yaxis={"title": {"text": "articles"}}, bargap=0.15)}


def run_files(runs: list[tuple]) -> dict | None:
    """The files of each run (rows of the `runs` query), stacked: new, skipped, rejected."""
    if not runs:
        return None
    x = [f"{r[2]:%Y-%m-%d %H:%M:%S}" for r in runs]
    series = [("new", 4, NEW_FILES), ("skipped (unchanged)", 5, OLD_FILES), ("rejected", 6, RISING)]
    return {"data": [{"type": "bar", "name": name, "x": x, "y": [r[i] for r in runs],
                      "marker": {"color": color},
                      "customdata": [label(r[0]) for r in runs],
                      "hovertemplate": f"run %{{customdata}}<br>%{{y}} files {name}<extra></extra>"}
                     for name, i, color in series],
            # a handful of runs would otherwise be drawn as slabs across the whole width
            "layout": layout(height=320, barmode="stack", bargap=0.2 if len(runs) > 6 else 0.6,
                             xaxis={"type": "category", "title": {"text": "run started (UTC)"}},
                             yaxis={"title": {"text": "files"}})}
