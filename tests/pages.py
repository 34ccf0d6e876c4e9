"""Whole pages and issues assembled from the People's Daily corpus, with their ground truth.

The corpus (`../shared/corpus/rmrb/YYYY-MM/YYYYMMDD/YYYYMMDD-PP-SS.txt`) holds one article per file:
line 1 kicker (may be empty), line 2 headline, line 3 subheadline (may be empty), then body
paragraphs indented with U+3000 U+3000, CRLF. Pages are rebuilt from it in the layouts a splitter
meets in real feeds:

  a  blank line between all paragraphs and between articles, no indentation
  b  full-width indentation, blank lines only between articles
  c  like b with no blank line between articles at all
  mixed  each page in layout a, b or c and delivered as bytes in one of ENCODINGS with LF or CRLF
         line ends, drawn per page from a seeded generator (`mixed_variant`), then read back
         through `tasks.ingest.decode.decode_bytes` as the pipeline does: what an acceptance run on
         unseen months "in mixed layouts and encodings" meets

Nothing here is stored in the repository; everything is read from the corpus at test time.
"""
from __future__ import annotations

import random
import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from tests.corpus import CORPUS as CORPUS_DEFAULT

LAYOUTS = ("a", "b", "c")
ENCODINGS = ("utf-8", "utf-8-sig", "gb18030")
MIXED = "mixed"
_FILE = re.compile(r"^(\d{8})-(\d{2})-(\d{2})\.txt$")
_SPACE = re.compile(r"[\s\u00a0\u3000]+")
_INDENT = "\u3000\u3000"


@dataclass
class Truth:
    """One corpus article as the splitter should see it."""

    kicker: str
    headline: str
    subheadline: str
    paragraphs: list[str]    # body paragraphs, edges stripped, NBSP turned into spaces
    raw_body: list[str]      # the same lines as stored (for rebuilding pages)
    path: Path


@dataclass
class Page:
    key: str                 # YYYYMMDD-PP
    pub_date: date
    articles: list[Truth]


def clean(line: str) -> str:
    """A line the way the splitter normalises it: odd spaces to one space, edges stripped."""
    return line.replace("\u00a0", " ").strip(" \u3000\t\r")


def read_truth(path: Path) -> Truth:
    lines = path.read_text(encoding="utf-8").replace("\r\n", "\n").split("\n")
    lines += [""] * (3 - len(lines))
    raw = [ln for ln in lines[3:] if clean(ln)]
    return Truth(clean(lines[0]), clean(lines[1]), clean(lines[2]),
                 [clean(ln) for ln in raw], raw, path)


def load_pages(month_dir: Path) -> list[Page]:
    """All pages of one month directory, articles in seq order, pages in date/page order."""
    by_page: dict[str, list[Path]] = defaultdict(list)
    for f in month_dir.glob("*/*.txt"):
        m = _FILE.match(f.name)
        if m:
            by_page[f"{m[1]}-{m[2]}"].append(f)
    pages = []
    for key in sorted(by_page):
        d = key[:8]
        arts = [read_truth(f) for f in sorted(by_page[key])]
        pages.append(Page(key, date(int(d[:4]), int(d[4:6]), int(d[6:])),
                          [a for a in arts if a.headline]))
    return [p for p in pages if p.articles]


# The held-out pages: rmrb 2019-10 from the 16th on. Every rule and model of the splitter is fit
# and chosen on the tuning pages (2019-02, and 2019-10 up to the 15th); the held-out ones only
# report (both months had been looked at while tuning before this split was drawn).
HELD_OUT_FROM_DAY = 16
SETS = ("tuning", "held-out")


def pages_of(name: str, corpus: Path = CORPUS_DEFAULT) -> list[Page]:
    """The pages of a month ("2019-02") or of a set: "tuning" or "held-out" (see above)."""
    if name not in SETS:
        return load_pages(corpus / "rmrb" / name)
    october = load_pages(corpus / "rmrb" / "2019-10")
    if name == "held-out":
        return [p for p in october if p.pub_date.day >= HELD_OUT_FROM_DAY]
    return load_pages(corpus / "rmrb" / "2019-02") + [p for p in october
                                                      if p.pub_date.day < HELD_OUT_FROM_DAY]


def _article_lines(a: Truth, layout: str) -> list[str]:
    titles = [t for t in (a.kicker, a.headline, a.subheadline) if t]
    if layout == "a":
        body = [clean(ln) for ln in a.raw_body]
        return [x for line in titles + body for x in (line, "")]
    return titles + [_INDENT + ln.lstrip("\u3000 ") for ln in a.raw_body]


def page_text(articles: list[Truth], layout: str) -> str:
    """The text of a page made of `articles` in `layout` (see module doc)."""
    lines: list[str] = []
    for a in articles:
        lines += _article_lines(a, layout)
        if layout == "b":
            lines.append("")
    return "\n".join(lines).strip("\n") + "\n"


def mixed_variant(key: str, seed: int = 0) -> tuple[str, str, bool]:
    """(layout, encoding, CRLF?) of the page `key` in the mixed layout: drawn from a generator
    seeded by `seed` and the page key, so a page keeps its variant whatever sample it is in."""
    rng = random.Random(f"{seed}:{key}")
    return rng.choice(LAYOUTS), rng.choice(ENCODINGS), rng.random() < 0.5


def mixed_text(page: Page, seed: int = 0) -> str:
    """The page in its mixed variant, encoded and decoded back as the pipeline reads a file."""
    from tasks.ingest.decode import decode_bytes
    layout, encoding, crlf = mixed_variant(page.key, seed)
    return decode_bytes(encode(page_text(page.articles, layout), encoding, crlf))[0]


def issues(pages: list[Page]) -> list[Page]:
    """Whole issues: every page of one date concatenated, in page order."""
    by_date: dict[date, list[Truth]] = defaultdict(list)
    for p in pages:
        by_date[p.pub_date] += p.articles
    return [Page(d.strftime("%Y%m%d"), d, arts) for d, arts in sorted(by_date.items())]


def encode(text: str, encoding: str, crlf: bool = False) -> bytes:
    """Bytes of a page as a feed would deliver them."""
    if crlf:
        text = text.replace("\n", "\r\n")
    return text.encode(encoding, errors="replace")


def same_text(a: str, b: str) -> bool:
    """Equal up to spacing (titles are padded with spaces in print)."""
    return _SPACE.sub("", a) == _SPACE.sub("", b)
