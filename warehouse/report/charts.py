"""Rows in, plotly figure dicts out: what each chart of the report draws.

No SQL and no HTML here. A function takes the rows of one query of queries.sql and returns the
figure (`{"data": [...], "layout": {...}}`) that plotly.js draws, or None when there is nothing
to draw. Text from the data reaches a figure only through `label` (plotly.js reads a small HTML
subset in labels and hover text).
"""
from __future__ import annotations

import re
from datetime import date

# Chinese text must render wherever the file is opened: Linux (Noto / Source Han / WenQuanYi),
# macOS (PingFang), Windows (Microsoft YaHei); the page uses the same stack (page.css).
FONT_STACK = ('"Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", '
              '"WenQuanYi Micro Hei", "WenQuanYi Zen Hei", sans-serif')

RISING, FALLING, ACCENT = "#c92a2a", "#1971c2", "#495057"
REPORTERS, NEW_FILES, OLD_FILES = "#5f3dc4", "#2f9e44", "#adb5bd"
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


# Province-level units as tiles, roughly where they lie on the map of China (row 0 north,
# column 0 west): every unit gets one equal square, so 澳门 is as easy to see and to hover as
# 新疆, and no boundary data is needed. Keys are the gazetteer's full names.
TILE_GRID = {
    "黑龙江省": (0, 8),
    "内蒙古自治区": (1, 5), "吉林省": (1, 8),
    "新疆维吾尔自治区": (2, 1), "甘肃省": (2, 3), "宁夏回族自治区": (2, 4), "山西省": (2, 5),
    "北京市": (2, 6), "天津市": (2, 7), "辽宁省": (2, 8),
    "青海省": (3, 2), "陕西省": (3, 4), "河南省": (3, 5), "河北省": (3, 6), "山东省": (3, 7),
    "西藏自治区": (4, 2), "四川省": (4, 3), "重庆市": (4, 4), "湖北省": (4, 5), "安徽省": (4, 6),
    "江苏省": (4, 7),
    "云南省": (5, 3), "贵州省": (5, 4), "湖南省": (5, 5), "江西省": (5, 6), "浙江省": (5, 7),
    "上海市": (5, 8),
    "广西壮族自治区": (6, 4), "广东省": (6, 5), "福建省": (6, 6), "台湾省": (6, 8),
    "海南省": (7, 4), "澳门特别行政区": (7, 5), "香港特别行政区": (7, 6),
}
# Tiles: mentioned ones on a green scale from 0 to the highest rate, the others grey.
MAP_SCALE = [[0, "#d3f9d8"], [0.5, "#40c057"], [1, "#1b4d2b"]]
MAP_EMPTY = "#e9ecef"


def short_province(full: str) -> str:
    """The name on a tile: 贵州省 → 贵州, 内蒙古自治区 → 内蒙古, 香港特别行政区 → 香港."""
    return re.sub(r"(?:壮族|回族|维吾尔)?自治区$|特别行政区$|[省市]$", "", full)


def month_span(months: list[str]) -> str:
    """'2022-10 – 2022-12' for the months shown (first to last), '2022-12' for one."""
    if not months:
        return ""
    return months[0] if len(months) == 1 else f"{months[0]} – {months[-1]}"


def change(now: float | None, before: float | None) -> str:
    """The rate of the months shown against the months before: "+35 %", "new" (not mentioned
    before), or "n/a" (no articles before to compare with, or mentioned in neither)."""
    if now is None or before is None or (now == 0 and before == 0):
        return "n/a"
    if before == 0:
        return "new"
    pct = round((now / before - 1) * 100)
    return f"{pct:+d} %" if pct else "±0 %"


def _rate(rate: float | None) -> str:
    return "n/a" if rate is None else f"{rate:,.2f}"


def province_map(rows: list[tuple]) -> dict | None:
    """(province, mentions_now, rate_now, mentions_before, rate_before, months) rows, rates
    per 10,000 words (None for months without articles), as a tile map: every unit of
    TILE_GRID is drawn and labelled, coloured by its rate in `months` when mentioned there."""
    if not rows or not rows[0][5] or not any(now or before for _, now, _, before, *_ in rows):
        return None
    shown = label(month_span(rows[0][5]))
    found = {r[0]: r[1:5] for r in rows}
    n_rows = 1 + max(r for r, _ in TILE_GRID.values())
    n_cols = 1 + max(c for _, c in TILE_GRID.values())
    top = max((r[2] or 0) for r in rows) or 1.0
    # One heatmap per kind of tile, each with gaps where the other draws: the grey tiles stay
    # out of the colour scale, and a tile has exactly one trace to hover.
    z_on, z_off, custom = ([[None] * n_cols for _ in range(n_rows)] for _ in range(3))
    xs, ys, names, colors = [], [], [], []
    for full, (r, c) in TILE_GRID.items():
        now, rate_now, before, rate_before = found.get(full, (0, None, 0, None))
        if now:
            z_on[r][c] = rate_now
        else:
            z_off[r][c] = 0
        earlier = ("n/a (no articles)" if rate_before is None
                   else f"{_rate(rate_before)} per 10,000 words ({before:,} mentions)")
        custom[r][c] = [label(full), f"{now:,}", _rate(rate_now), earlier, change(rate_now, rate_before)]
        xs.append(c)
        ys.append(r)
        names.append(label(short_province(full)))
        # white on the darker half of the scale, where dark text would sink
        colors.append("#fff" if now and (rate_now or 0) / top > 0.55 else "#212529")
    hover = (f"<b>%{{customdata[0]}}</b><br>{shown}: %{{customdata[1]}} mentions, "
             "%{customdata[2]} per 10,000 words<br>3 months before: %{customdata[3]}<br>"
             "change: %{customdata[4]}<extra></extra>")
    cells = {"type": "heatmap", "x": list(range(n_cols)), "y": list(range(n_rows)), "customdata": custom,
             "hovertemplate": hover, "hoverongaps": False, "xgap": 4, "ygap": 4}
    data = []
    if any(v is not None for row in z_off for v in row):
        data.append({**cells, "name": "not mentioned", "z": z_off, "zmin": 0, "zmax": 1, "showscale": False,
                     "colorscale": [[0, MAP_EMPTY], [1, MAP_EMPTY]]})
    if any(v is not None for row in z_on for v in row):
        data.append({**cells, "name": "mentioned", "z": z_on, "zmin": 0, "zmax": top, "colorscale": MAP_SCALE,
                     "colorbar": {"title": {"text": "per 10,000 words", "side": "top"},
                                  "orientation": "h", "x": 0.5, "xanchor": "center", "y": -0.02,
                                  "yanchor": "top", "len": 0.45, "thickness": 12}})
    # the names as text on top, so every tile is labelled whichever layer draws it
    data.append({"type": "scatter", "mode": "text", "x": xs, "y": ys, "text": names,
                 "textfont": {"color": colors, "size": 13}, "hoverinfo": "skip"})
    return {"data": data, "layout": layout(
        height=560, showlegend=False, dragmode=False, hovermode="closest",
        margin={"l": 10, "r": 10, "t": 30, "b": 70},
        xaxis={"visible": False, "fixedrange": True},
        # square tiles, north up
        yaxis={"visible": False, "fixedrange": True, "autorange": "reversed", "scaleanchor": "x",
               "scaleratio": 1})}


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
