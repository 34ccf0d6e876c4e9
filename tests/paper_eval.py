"""Measure the splitter on papers other than People's Daily: an evening paper's pages with their
gold (`../shared/corpus/dskb`) and wire copy written for the tests (`tests/data/wire`).

    python -m tests.paper_eval

Evening paper (gold.json: per page, each article's kicker, headline, subheadline, the source(s)
named at its end, and the first and last snippets of its body):
  title P/R/F1   an article counts when kicker + headline + subheadline, spaces dropped, equal
                 the gold's
  body_kept      share of the matched articles' first and last snippets found in the body.
                 `body_kept_literal` looks for the snippet as it is; `body_kept` sets credits
                 aside, as the People's Daily figure does: a snippet that is a byline, or opens on
                 a dateline, counts when what follows the credit is in the body (baoku keeps
                 bylines and datelines in their fields, not in `body`)
  agency         share of the matched articles naming a source at their end whose `agency` is
                 one of the sources, or all of them joined by 、
The rules were written reading these pages (there is no held-out evening paper here): the
figures are a check against regressions, not a measure of unseen pages.
"""
from __future__ import annotations

import json
import re
import sys
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from tasks.split import bylines
from tasks.split.script import split_as_printed
from tests.corpus import CORPUS

DSKB = CORPUS / "dskb"
WIRE = Path(__file__).parent / "data" / "wire"
_SPACE = re.compile(r"\s+")


def _norm(s: str | None) -> str:
    return _SPACE.sub("", s or "")


@dataclass
class Score:
    predicted: int = 0
    gold: int = 0
    matched: int = 0
    kept: list[bool] = field(default_factory=list)
    kept_literal: list[bool] = field(default_factory=list)
    agency: list[bool] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)

    def figures(self) -> dict[str, float]:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        share = (lambda xs: sum(xs) / len(xs) if xs else 1.0)
        return {"title_p": p, "title_r": r, "title_f1": 2 * p * r / (p + r) if p + r else 0.0,
                "body_kept": share(self.kept), "body_kept_literal": share(self.kept_literal),
                "agency": share(self.agency), "articles": self.gold, "with_source": len(self.agency)}


def _credit_aside(snippet: str) -> str:
    """The snippet without a byline or dateline it opens on ("" when it is only a credit)."""
    if bylines.parse_standalone(snippet) is not None or bylines.parse_photo(snippet) is not None:
        return ""
    lead = bylines.parse_lead(snippet)
    return lead[1] if lead is not None else snippet


def evening_paper(pages_dir: Path = DSKB) -> Score:
    """Split every page of the evening paper and score it against gold.json."""
    gold = json.loads((pages_dir / "gold.json").read_text(encoding="utf-8"))
    score = Score()
    for name, page in sorted(gold.items()):
        path = next(pages_dir.glob(f"*/{name}"))
        _, arts = split_as_printed(path.read_text(encoding="utf-8"))
        by_title = {_norm(a.kicker + a.headline + a.subheadline): a for a, _ in arts}
        score.predicted += len(arts)
        for g in page["articles"]:
            score.gold += 1
            a = by_title.get(_norm(g["kicker"] + g["headline"] + g["subheadline"]))
            if a is None:
                score.misses.append(f"{name}: {g['kicker']}|{g['headline']}|{g['subheadline']}")
                continue
            score.matched += 1
            body = _norm(a.body)
            for end in ("first", "last"):
                snippet = _norm(g[end])
                score.kept_literal.append(snippet in body)
                score.kept.append(snippet in body or _norm(_credit_aside(g[end])) in body)
            if g["source_at_end"]:
                sources = g["source_at_end"]
                score.agency.append(a.agency == sources or a.agency in sources.split("、"))
    return score


def wire_copy(folder: Path = WIRE, pub: date = date(2026, 1, 2)) -> dict[str, float]:
    """Headline F1 and the share of stories whose agency, dateline place, month and day, and
    reporters are right, over the wire files written for the tests (truth.json)."""
    truth = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    predicted = matched = total = 0
    right = {"agency": 0, "place": 0, "month_day": 0, "reporters": 0, "body": 0}
    for name, stories in truth.items():
        _, arts = split_as_printed((folder / name).read_text(encoding="utf-8"), pub)
        by_title = {_norm(a.kicker + a.headline + a.subheadline): a for a, _ in arts}
        predicted += len(arts)
        for t in stories:
            total += 1
            a = by_title.get(_norm(t["headline"]))
            if a is None:
                continue
            matched += 1
            right["agency"] += a.agency == t["agency"]
            right["place"] += a.dateline_place == t["place"]
            d = a.dateline_date
            right["month_day"] += d is not None and (d.month, d.day) == (t["month"], t["day"])
            right["reporters"] += a.reporters == t["reporters"]
            right["body"] += a.body.startswith(t["first"]) and a.body.endswith(t["last"])
    p, r = matched / predicted, matched / total
    return {"headline_f1": 2 * p * r / (p + r) if p + r else 0.0, "stories": total,
            **{k: v / total for k, v in right.items()}}


def main() -> int:
    if DSKB.exists():
        s = evening_paper()
        print("evening paper (都市快报, pages the rules were written on):",
              {k: round(v, 3) for k, v in s.figures().items()})
        for miss in s.misses:
            print("  missed", miss)
    print("wire copy (tests/data/wire):", {k: round(v, 3) for k, v in wire_copy().items()})
    return 0


if __name__ == "__main__":
    sys.exit(main())
