"""Enrichment quality and speed in one table, for `make bench`.

    python -m tests.enrich_eval [--out FILE.json]

PKU (SIGHAN 2005) word F1 and chars/s per engine, their speed ratio, NER precision/recall/F1
per type on People's Daily NER (held-out: sentences whose index % 5 == 0; tuning: the
rest, the only part the rules were tuned on and the model trained on), on CLUENER's
held-out fifth (Sina news, by exact text per sentence) and on MSRA-style news written for the
tests (`tests/data/msra_style.jsonl`, by exact text per document), and whole-`enrich` chars/s on xwlb
2023 text beside rjieba's own tagging speed on the same text.
"""
from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from pathlib import Path
from typing import Sequence

from tasks.split.article import Article
from tasks.enrich.enricher import Enricher, article_text
from tasks.entities.recognizer import Recognizer
from tests.ner_train import Counts, is_tuning, mention_keys, prf, read_bio as ner_sentences, read_cluener, tally
from tasks.enrich.segment import get_segmenter
from tests import reference
from tests.corpus import CORPUS

TYPES = ("PER", "LOC", "ORG")


def pku(limit: int | None = None) -> tuple[list[str], list[list[str]]]:
    d = CORPUS / "sighan2005"
    raw = (d / "pku_test.utf8").read_text(encoding="utf-8").splitlines()[:limit]
    gold = [line.split() for line in (d / "pku_test_gold.utf8").read_text(encoding="utf-8").splitlines()[:limit]]
    return raw, gold


def _spans(words: list[str]) -> set[tuple[int, int]]:
    out, i = set(), 0
    for w in words:
        out.add((i, i + len(w)))
        i += len(w)
    return out


def word_f1(gold: list[list[str]], pred: list[list[str]]) -> float:
    tp = ng = npred = 0
    for g, p in zip(gold, pred):
        gs, ps = _spans(g), _spans(p)
        tp, ng, npred = tp + len(gs & ps), ng + len(gs), npred + len(ps)
    prec, rec = tp / npred, tp / ng
    return 2 * prec * rec / (prec + rec) if tp else 0.0


def segment_eval(engine: str, raw: list[str], gold: list[list[str]], userdict: bool = True,
                 rounds: int = 3) -> tuple[float, float]:
    """(F1, chars/s best of `rounds`) of an engine on PKU lines."""
    seg = get_segmenter(engine, userdict)
    best, pred = float("inf"), []
    for _ in range(rounds):
        t = time.perf_counter()
        pred = [[w for w in seg.cut(line) if not w.isspace()] for line in raw]
        best = min(best, time.perf_counter() - t)
    return word_f1(gold, pred), sum(map(len, raw)) / best


def ner_eval(sentences, held_out: bool, engine: str = "fast", by_text: bool = False
             ) -> dict[str, dict[str, float]]:
    """Per-type and overall P/R/F1 on one split: exact span match, or `by_text` exact text
    match per sentence (how CLUENER is scored)."""
    seg, recognizer = get_segmenter(engine), Recognizer.load()
    counts: Counts = (Counter(), Counter(), Counter())
    for k, (text, gold) in enumerate(sentences):
        if is_tuning(k) == held_out:
            continue
        pred = {(m.start, m.end, m.type) for m in recognizer.mentions(seg.tag(text))}
        tally(counts, mention_keys(text, gold, by_text), mention_keys(text, pred, by_text))
    return prf(*counts)


def xwlb_articles(limit_files: int = 60) -> list[Article]:
    """News items of xwlb 2023 (headline line, then body), for throughput."""
    arts = []
    for f in sorted((CORPUS / "xwlb" / "2023").glob("*.txt"))[:limit_files]:
        for block in f.read_text(encoding="utf-8").split("\n\n\n"):
            head, _, body = block.strip().partition("\n")
            if body:
                arts.append(Article(headline=head, body=body.strip()))
    return arts


def enrich_speed(arts: list[Article], warm: Sequence[Article] = (), engine: str = "fast",
                 rounds: int = 3) -> tuple[float, float]:
    """(enrich chars/s, rjieba tag chars/s) on the same articles, best of `rounds` each,
    measured in turns so that both see the same load on a shared machine.

    `warm` articles go through first: the per-word caches then hold a vocabulary as they do
    in a long pipeline run, not the vocabulary of the articles timed."""
    enricher = Enricher(engine)
    for a in [*warm, arts[0]]:            # dictionaries and caches loaded outside the clock
        reference.enrich(enricher, a)
    texts = [article_text(a) for a in arts]
    chars = sum(map(len, texts))
    tag = enricher.segmenter.tag
    best_enrich = best_tag = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        for x in texts:
            tag(x)
        best_tag = min(best_tag, time.perf_counter() - t)
        t = time.perf_counter()
        for a in arts:
            reference.enrich(enricher, a)
        best_enrich = min(best_enrich, time.perf_counter() - t)
    return chars / best_enrich, chars / best_tag


MSRA_STYLE = Path(__file__).parent / "data" / "msra_style.jsonl"


def msra_style_eval(path: Path = MSRA_STYLE) -> dict[str, dict[str, float]]:
    """P/R/F1 by exact (type, text) per document over news in the SIGHAN 2006 MSRA manner
    (1990s news, flat PER/LOC/ORG, People's Daily's conventions), each document tagged whole
    as the pipeline tags an article."""
    seg, recognizer = get_segmenter("fast"), Recognizer.load()
    counts: Counts = (Counter(), Counter(), Counter())
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        pred = {(row[0], row[1]) for row in recognizer.entities(seg.tag(doc["text"]))}
        tally(counts, set(map(tuple, doc["entities"])), pred)
    return prf(*counts)


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, help="write the numbers as JSON here")
    args = ap.parse_args(argv)
    raw, gold = pku()
    res: dict = {"pku": {}}
    for engine, userdict in (("jieba", False), ("jieba", True), ("fast", True)):
        f1, speed = segment_eval(engine, raw, gold, userdict, rounds=1 if engine == "jieba" else 3)
        res["pku"][f"{engine}{'' if userdict else ' (no userdict)'}"] = {"f1": f1, "chars_per_s": speed}
    res["speed_ratio"] = res["pku"]["fast"]["chars_per_s"] / res["pku"]["jieba"]["chars_per_s"]
    sents = ner_sentences(CORPUS / "ner" / "peoples-daily-ner.dev.bio")
    res["ner"] = {"held_out": ner_eval(sents, True), "tuning": ner_eval(sents, False),
                  "cluener held_out": ner_eval(read_cluener(CORPUS / "ner" / "cluener.train.jsonl"), True,
                                               by_text=True),
                  "msra-style (written)": msra_style_eval()}
    arts = xwlb_articles(limit_files=120)
    res["enrich_chars_per_s"], res["tag_chars_per_s"] = enrich_speed(arts[:len(arts) // 2], arts[len(arts) // 2:])

    print(f"{'PKU segmentation':<28}{'F1':>8}{'chars/s':>14}")
    for name, r in res["pku"].items():
        print(f"  {name:<26}{r['f1']:>8.4f}{r['chars_per_s']:>14,.0f}")
    print(f"  speed ratio fast/jieba {res['speed_ratio']:>17.1f}×")
    print(f"{'NER (PD dev, CLUENER, MSRA-style)':<28}{'P':>8}{'R':>8}{'F1':>8}")
    for split, r in res["ner"].items():
        for typ in (*TYPES, "ALL"):
            print(f"  {split + ' ' + typ:<26}{r[typ]['p']:>8.3f}{r[typ]['r']:>8.3f}{r[typ]['f1']:>8.3f}")
    print(f"enrich (fast) {res['enrich_chars_per_s']:>28,.0f} chars/s")
    print(f"rjieba tag alone {res['tag_chars_per_s']:>25,.0f} chars/s "
          f"(enrich at {res['enrich_chars_per_s'] / res['tag_chars_per_s']:.2f}× its speed)")
    if args.out:
        args.out.write_text(json.dumps(res, ensure_ascii=False, indent=2), encoding="utf-8")
    return res


if __name__ == "__main__":
    main()
