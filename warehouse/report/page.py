"""The report's page: page.html filled with the sections, page.css and plotly.js inlined."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from functools import cache
from pathlib import Path

import jinja2

from warehouse.report.charts import FONT_STACK
from warehouse.report.sections import Section

HERE = Path(__file__).parent
PLOT_CONFIG = {"displaylogo": False, "responsive": True,
               "modeBarButtonsToRemove": ["select2d", "lasso2d", "autoScale2d"],
               "toImageButtonOptions": {"format": "png", "scale": 2}}


def script_json(value) -> str:
    """JSON that is safe inside an inline <script>: no '</script>', no '<!--', no line
    separators that end a JS string. The escapes only ever occur inside JSON strings."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), default=str)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


@cache
def template() -> jinja2.Template:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(HERE), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    env.filters["script_json"] = script_json
    return env.get_template("page.html")


def _count(n) -> str:
    return f"{int(n or 0):,}"


def header(ov: dict) -> tuple[str, list[tuple[str, str]]]:
    """The dates the lake covers, and the figures shown as cards under them."""
    if ov["first_date"]:
        days = (ov["last_date"] - ov["first_date"]).days + 1
        span = (f"{ov['first_date']:%Y-%m-%d} – {ov['last_date']:%Y-%m-%d} · {days:,} days, "
                f"{ov['days']:,} with articles")
    else:
        span = "The lake holds no articles yet."
    papers = ov["papers"] or []
    stats = [(_count(ov["articles"]), "articles"), (f"{(ov['chars'] or 0) / 10_000:,.0f} 万", "characters"),
             (_count(ov["files"]), "files"), (_count(ov["rejected"]), "rejected files"),
             (_count(ov["runs"]), "runs"), ("、".join(papers) or "—", "papers" if len(papers) != 1 else "paper")]
    return span, stats


def render(overview: dict, sections: list[Section], lake: Path, plotly_js: str) -> str:
    """The whole page. `plotly_js` is inlined as is (it contains no '</script')."""
    span, stats = header(overview)
    last_run = overview.get("last_run")
    return template().render(
        font_stack=FONT_STACK, css=(HERE / "page.css").read_text(encoding="utf-8"),
        plotly_js=plotly_js.replace("</script", "<\\/script"),  # a no-op today; cheap insurance
        span=span, stats=stats, sections=sections, lake=lake,
        generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        last_run=f"{last_run:%Y-%m-%d %H:%M UTC}" if last_run else "never",
        figures={c.id: c.figure for s in sections for c in s.charts if c.figure},
        search=next((s.search for s in sections if s.search), None),
        search_js=(HERE / "search.js").read_text(encoding="utf-8"),
        config=PLOT_CONFIG)
