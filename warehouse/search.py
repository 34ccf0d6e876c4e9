"""Ranked search for `baoku search`: free text segmented as the pipeline segments it, asked of
the lake's `search` macro (warehouse/views/search.sql), so the command and SQL rank alike; the
command adds a snippet of each article with the hits marked."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date

import duckdb
import pyarrow as pa

from tasks.enrich.segment import get_segmenter
from tasks.enrich.terms import term_flags
from tasks.lake.store import Lake
from tasks.han import to_simplified
from warehouse.build import connect

MAX_QUERY = 1000            # characters; the macro refuses longer queries too
SNIPPET = 36                # characters each side of the first hit
_CHUNK = re.compile(r'-?"[^"]*"?|[^\s"]+')


class QueryError(ValueError):
    """A query that cannot be searched, with the reason in words."""


@dataclass(frozen=True)
class Hit:
    article_id: str
    score: float
    pub_date: date | None
    paper: str | None
    page: int | None
    headline: str | None
    snippet: str


def normalise(text: str) -> str:
    """Chinese quotation marks as ", Chinese commas and full-width spaces as spaces (the
    macro reads the same)."""
    return text.translate(str.maketrans("“”「」，、\u3000", '""""   '))


def macro_query(text: str, engine: str = "fast") -> str:
    """Free text as the macro's query: each chunk between spaces segmented into the words the
    lake holds (traditional script read as simplified, like the pipeline), stop words and
    numbers left out; a chunk of several words also goes in as a "phrase", so an article
    printing it as typed ranks above one holding its words apart. An excluded chunk of several
    words excludes the phrase, not each word. Quoted phrases pass as typed."""
    if not text or not text.strip():
        raise QueryError("the query is empty: give words, \"phrases\" or -exclusions")
    if len(text) > MAX_QUERY:
        raise QueryError(f"the query has {len(text):,} characters; at most {MAX_QUERY:,}")
    segmenter = get_segmenter(engine)
    parts: list[str] = []
    for chunk in _CHUNK.findall(normalise(text)):
        negated, body = chunk.startswith("-"), chunk.lstrip("-")
        if '"' in body:
            phrase = body.replace('"', "")
            if phrase:
                parts.append(('-"' if negated else '"') + phrase + '"')
            continue
        words = _terms(segmenter.cut(to_simplified(body)))
        if negated:
            parts.append(f"-{words[0]}" if len(words) == 1 else f'-"{body}"' if words else "")
        else:
            parts.extend(words)
            if len(words) > 1:
                parts.append(f'"{to_simplified(body)}"')
    query = " ".join(p for p in parts if p)
    if not any(not p.startswith("-") for p in query.split()):
        raise QueryError(f"nothing to look for in {text[:80]!r}: only stop words, numbers or exclusions")
    return query


def _terms(words: list[str]) -> list[str]:
    """The words `terms` holds and search weighs: terms by the pipeline's rule, stop words out."""
    flags = term_flags(pa.array(words, pa.string())) if words else []
    return [w for w, f in zip(words, flags) if f == 0]


def month_or_day(value: str | None, name: str) -> str | None:
    """A --from/--to value checked: YYYY-MM or YYYY-MM-DD."""
    if value is None:
        return None
    if not re.fullmatch(r"\d{4}-\d{2}(-\d{2})?", value):
        raise QueryError(f"{name} {value!r}: give a month (2023-01) or a day (2023-01-31)")
    try:
        date.fromisoformat(value if len(value) == 10 else value + "-01")
    except ValueError:
        raise QueryError(f"{name} {value!r} is no date") from None
    return value


def snippet(text: str, tokens: list[str], mark: tuple[str, str] = ("【", "】"), width: int = SNIPPET) -> str:
    """The text around its first hit, every hit in the window marked; the text's opening when
    no token occurs."""
    flat = re.sub(r"\s+", " ", text or "").strip()
    found = [(m.start(), m.end()) for t in sorted(set(tokens), key=len, reverse=True) if t
             for m in re.finditer(re.escape(t), flat, flags=re.I)]
    if not found:
        return flat[: 2 * width] + ("…" if len(flat) > 2 * width else "")
    first = min(s for s, _ in found)
    lo, hi = max(0, first - width), min(len(flat), first + width)
    taken: list[tuple[int, int]] = []
    for s, e in found:                  # longest tokens first, so a phrase wins over its words
        if lo <= s and e <= hi and all(e <= a or s >= b for a, b in taken):
            taken.append((s, e))
    out, at = [], lo
    for s, e in sorted(taken):
        out += [flat[at:s], mark[0], flat[s:e], mark[1]]
        at = e
    out.append(flat[at:hi])
    return ("…" if lo else "") + "".join(out) + ("…" if hi < len(flat) else "")


def tokens_of(query: str) -> list[str]:
    """The words and phrases a macro query looks for (not those it excludes)."""
    return [c.replace('"', "") for c in _CHUNK.findall(query) if not c.startswith("-")]


def search(lake: str | os.PathLike, text: str, *, date_from: str | None = None, date_to: str | None = None,
           paper: str | None = None, limit: int = 20, engine: str = "fast",
           mark: tuple[str, str] = ("【", "】")) -> tuple[str, list[Hit]]:
    """The macro query made of `text`, and the ranked articles with their snippets."""
    if limit < 1:
        raise QueryError(f"--limit {limit}: give 1 or more")
    query = macro_query(text, engine)
    date_from, date_to = month_or_day(date_from, "--from"), month_or_day(date_to, "--to")
    con = connect(lake, ("live_snapshot", "search"))
    try:
        rows = con.execute("SELECT * FROM search($q, date_from := $f, date_to := $t, paper := $p, top := $n)",
                           {"q": query, "f": date_from, "t": date_to, "p": paper, "n": limit}).fetchall()
        bodies = dict(con.execute(
            "SELECT article_id, body FROM read_parquet($glob, hive_partitioning = true, union_by_name = true) "
            "WHERE article_id IN (SELECT unnest($ids))",
            {"glob": f"{Lake(lake).root}/articles/*/*.parquet", "ids": [r[0] for r in rows]}).fetchall()) if rows else {}
    except duckdb.IOException as e:
        if "No files found" in str(e):      # a lake with no run yet
            return query, []
        raise
    finally:
        con.close()
    words = tokens_of(query)
    return query, [Hit(*r, snippet=snippet(bodies.get(r[0], ""), words, mark)) for r in rows]

