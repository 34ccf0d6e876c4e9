"""The trend report: one self-contained HTML file that opens offline.

The report is data and a layout: queries.sql asks the lake's views (warehouse/views, where
the statistics such as emerging_terms and falling_terms live) its questions; sections.py puts
the answers in sections with the prose that explains them; charts.py turns rows into plotly
figures; page.html and page.css lay the page out (page.py fills it).

Charts are drawn by plotly.js, taken from the `plotly` wheel (`plotly.offline.get_plotlyjs()`)
and inlined once, so the file needs no network and no CDN. Why plotly: it ships its whole
JavaScript bundle inside the Python wheel (nothing fetched at build or view time), it draws
SVG (text is real text, so Chinese labels use the page's CJK font stack and stay sharp when
zoomed or printed), and it gives hover, zoom and PNG export for free. The price is ~4.8 MB
of JavaScript per report, acceptable for a file that is mailed around or opened from a share.

Values from the data go into SQL only as bound parameters, into HTML only through the
template's autoescape, into chart labels only through `charts.label` (plotly.js reads a small
HTML subset in labels) and into the inline <script> only through `page.script_json`.
"""
from __future__ import annotations

import os
from pathlib import Path

from warehouse.build import connect
from warehouse.report.page import render
from warehouse.report.sections import collect


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
