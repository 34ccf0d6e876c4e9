"""Learn the entity model (`data/ner_weights.tsv.gz`, `data/ner_lexicon.txt`) from People's Daily
NER (1998 news) and CLUENER (Sina news, labelled by other conventions).

    python -m tests.ner_train [BIO_FILE [CLUENER_FILE]]       # train, write the shipped files
    python -m tests.ner_train cv [BIO_FILE [CLUENER_FILE]]    # cross-validate inside the tuning split

Trains on the tuning split of each only (sentences whose index % 5 != 0), the two lists
concatenated (see `Corpus`); the held-out fifths are what `tests/enrich_eval.py` scores. A
multiclass averaged perceptron over the candidates that the entity recognizer proposes (its
features: `tests/ner_features.py`): a candidate's label is the gold type of exactly its
span, else NONE. Training builds recognizers of its own, with the names of the data it
learns from as their lexicon; the process's shipped one is left as it is. The run is
deterministic (seeded shuffles), so the shipped files are reproducible, which
`tests/test_ner.py` checks. Takes about 25 seconds.

People's Daily is scored by exact span, CLUENER by exact text: per sentence, the set of
(type, text) found against the gold one. CLUENER's types map to ours (`CLUENER_TYPES`); a
candidate on a span of its other types (game, book, movie, position, scene) is no example
at all, as what it is in our conventions is unknown; nor is any that the rules call a place
(`Corpus.places`).

Choose changes to rules, features or training by `cv` (4 folds of each tuning split, a
minute); the held-out fifths are for confirming them once, not for choosing.
"""
from __future__ import annotations

import gzip
import json
import os
import random
import sys
import time
from collections import Counter
from dataclasses import dataclass
from itertools import accumulate
from pathlib import Path

import numpy as np

from tasks.enrich.segment import get_segmenter
from tasks.entities.lexicon import NAME_LEXICON_FILE
from tasks.entities.model import LABELS, WEIGHTS_FILE
from tasks.entities.recognizer import Recognizer
from tests.ner_features import features

NER_DIR = Path(os.environ.get("BAOKU_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus")) / "ner"
DEFAULT_BIO = NER_DIR / "peoples-daily-ner.dev.bio"
DEFAULT_CLUENER = NER_DIR / "cluener.train.jsonl"
TYPES = ("PER", "LOC", "ORG")
CLUENER_TYPES = {"name": "PER", "address": "LOC", "organization": "ORG", "government": "ORG", "company": "ORG"}
# The type of a gold span of a kind that is not counted (CLUENER's game, book, position…).
UNCOUNTED = "-"
# Passes over the examples: with both corpora cv scores 8 as 12 or 16, in a third less time.
# A feature met once or twice is mostly a name learned by heart: without them the shipped
# weights are 215 KB instead of 660 (50k -> 16k features); held-out F1 0.777 -> 0.769 on People's
# Daily, 0.546 -> 0.543 on CLUENER (chosen for size, not by the held-out figures). Meetings are
# counted with the repeats (`Corpus.repeat`): met four times per pass, a People's Daily feature
# of one example stays (26k features, 357 KB, loaded in 0.2 s; counting examples instead, cv
# 0.803 / 0.534 against 0.809 / 0.535).
MIN_SEEN = 3
EPOCHS = 8
# Perceptrons trained on differently shuffled passes, their weights averaged: one run's
# weights depend on the order it met the examples, the mean of five much less. Still one
# linear table, so scoring costs nothing more.
RUNS = 5

# The perceptron takes a name where a label outscores NONE; F1 is higher where it takes one
# already when a label comes within this margin of NONE (recall 0.75 against precision 0.87
# before). cv People's Daily / CLUENER by margin: 0: 0.808 / 0.536, 2: 0.810 / 0.536,
# 4: 0.813 / 0.537, 6: 0.812 / 0.537, 9: 0.811 / 0.539, 12: 0.810 / 0.540.
NONE_MARGIN = 4.0

Sentence = tuple[str, set[tuple[int, int, str]]]


def read_bio(path: Path) -> list[Sentence]:
    """(text, gold spans) per sentence of a char-per-line BIO file."""
    out, chars, tags = [], [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.strip():
            c, t = line.split(" ")
            chars.append(c)
            tags.append(t)
            continue
        if chars:
            spans, i = set(), 0
            while i < len(tags):
                if tags[i].startswith("B-"):
                    typ, j = tags[i][2:], i + 1
                    while j < len(tags) and tags[j] == "I-" + typ:
                        j += 1
                    spans.add((i, j, typ))
                    i = j
                else:
                    i += 1
            out.append(("".join(chars), spans))
            chars, tags = [], []
    return out


def read_cluener(path: Path) -> list[Sentence]:
    """(text, gold spans) per line of CLUENER's JSON lines (its ends are inclusive); spans of
    the types not counted are typed UNCOUNTED."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        out.append((row["text"], {(s, e + 1, CLUENER_TYPES.get(typ, UNCOUNTED))
                                  for typ, names in row["label"].items() for spans in names.values()
                                  for s, e in spans}))
    return out


@dataclass(frozen=True)
class Corpus:
    """Sentences to learn from and score, and how they were labelled."""
    sentences: list[Sentence]
    # Scored by the set of (type, text) per sentence, not by span.
    by_text: bool = False
    # Whether the candidates that the rules call places are examples. CLUENER labels places
    # otherwise than People's Daily and the papers the pipeline reads: countries and cities
    # mostly not at all (中国 13 times in 650), a team by its country's or city's name as an
    # organisation, a chain of places as one address. 4-fold cv, F1 People's Daily / CLUENER:
    # 0.799 / 0.349 learning from People's Daily alone, 0.721 / 0.615 from both, 0.801 / 0.530
    # from both without CLUENER's places.
    places: bool = True
    # Times each example is met per pass: where the two differ, People's Daily's conventions
    # are the ones wanted (cv: twice 0.806 / 0.530, thrice 0.802 / 0.529; with the dotted,
    # surname and common-noun organisation candidates: once 0.799 / 0.537, twice 0.804 /
    # 0.538, four times 0.809 / 0.535, six 0.810 / 0.536).
    repeat: int = 1


def read_corpora(bio: Path = DEFAULT_BIO, cluener: Path = DEFAULT_CLUENER) -> list[Corpus]:
    """People's Daily and CLUENER, the corpora the model learns from."""
    return [Corpus(read_bio(bio), repeat=4), Corpus(read_cluener(cluener), by_text=True, places=False)]


def is_tuning(index: int) -> bool:
    return index % 5 != 0


def _tagged(sentences: list[Sentence]):
    """(text, gold, tags, words, pos tags, offsets) of each sentence."""
    seg = get_segmenter("fast")
    for text, gold in sentences:
        tags = seg.tag(text)
        words = [w for w, _ in tags]
        yield text, gold, tags, words, [p for _, p in tags], [0, *accumulate(map(len, words))]


def names_kept_whole(sentences: list[Sentence]) -> frozenset[str]:
    """Gold names that the tagger keeps as one word (江泽民, 人民大会堂, 微软)."""
    names = set()
    for text, gold, _, _, _, offsets in _tagged(sentences):
        word_at = {o: k for k, o in enumerate(offsets)}
        for s, e, typ in gold:
            k = word_at.get(s)
            if k is not None and typ != UNCOUNTED and offsets[k + 1] == e and e - s >= 2:
                names.add(text[s:e])
    return frozenset(names)


def examples(sentences: list[Sentence], recognizer: Recognizer, places: bool = True
             ) -> list[tuple[list[str], int]]:
    """(features, label index) of every candidate the recognizer proposes in the sentences
    (`places`: see `Corpus`)."""
    out = []
    for text, gold, tags, words, poss, offsets in _tagged(sentences):
        gold_type = {(s, e): t for s, e, t in gold}
        cands = recognizer.candidates(tags)
        spans = {(c[0], c[1]) for c in cands}
        outer = [(s, e) for s, e, _ in gold if (s, e) in spans]
        for c in cands:
            label = gold_type.get((c[0], c[1]))
            if label == UNCOUNTED or not places and c[5] == "LOC":
                continue
            # Inside a name that is itself a candidate (北京 in 北京大学) a candidate's label
            # does not matter, as the longer one wins; NONE would teach that 北京 is no name.
            if label is None and any(s <= c[0] and c[1] <= e for s, e in outer):
                continue
            out.append((features(recognizer.rules.span_kind, c, words, poss, text), LABELS.index(label or "NONE")))
    return out


def train(data: list[tuple[list[str], int]], epochs: int = EPOCHS, runs: int = RUNS
          ) -> dict[str, tuple[float, ...]]:
    """Weights (feature → one weight per label, a tuple as the recognizer reads them): the
    mean of `runs` averaged perceptrons, over the features seen at least MIN_SEEN times."""
    seen = Counter(f for feats, _ in data for f in set(feats))
    index: dict[str, int] = {}
    rows = [(np.array([index.setdefault(f, len(index)) for f in feats if seen[f] >= MIN_SEEN],
                      dtype=np.intp), gold) for feats, gold in data]
    mean = np.zeros((len(index), len(LABELS)))
    for seed in range(runs):
        mean += _perceptron(rows, len(index), epochs, seed) / runs
    return {f: tuple(mean[k].tolist()) for f, k in index.items() if mean[k].any()}


def _perceptron(rows: list[tuple[np.ndarray, int]], size: int, epochs: int, seed: int) -> np.ndarray:
    """Averaged perceptron weights (one row per feature index) from one seeded sequence of
    shuffles. An update at step c counts in the average for the T − c steps after it, so the
    mean of the weights over all T steps is the final weights less Σ update·c / T."""
    w = np.zeros((size, len(LABELS)))
    late = np.zeros((size, len(LABELS)))       # Σ update·c
    step = 0
    order = list(range(len(rows)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for idx in order:
            feats, gold = rows[idx]
            step += 1
            pred = int(w[feats].sum(axis=0).argmax())      # ties: the first label
            if pred == gold:
                continue
            for label, delta in ((gold, 1.0), (pred, -1.0)):
                np.add.at(w[:, label], feats, delta)        # add.at: a feature twice counts twice
                np.add.at(late[:, label], feats, delta * step)
    return w - late / step


def fit(corpora: list[Corpus]) -> tuple[frozenset[str], dict[str, tuple[float, ...]]]:
    """The lexicon and weights learned from the tuning sentences of the corpora."""
    return _learn([[s for k, s in enumerate(c.sentences) if is_tuning(k)] for c in corpora], corpora)


def _learn(parts: list[list[Sentence]], corpora: list[Corpus]) -> tuple[frozenset[str], dict[str, tuple[float, ...]]]:
    """The lexicon and weights learned from a part of each corpus."""
    names = names_kept_whole([s for part in parts for s in part])
    recognizer = Recognizer.load(name_lexicon=names)
    weights = train([x for part, c in zip(parts, corpora)
                     for x in examples(part, recognizer, c.places) * c.repeat])
    none, *labels = weights["bias"]
    weights["bias"] = (none - NONE_MARGIN, *labels)
    return names, weights


def mention_keys(text: str, spans: set[tuple[int, int, str]], by_text: bool) -> set[tuple]:
    """What a sentence's counted mentions are scored by: (type, start, end), or (type, text)."""
    return {(t, text[s:e]) if by_text else (t, s, e) for s, e, t in spans if t in TYPES}


Counts = tuple[Counter, Counter, Counter]      # true positives, predicted, gold, per type


def tally(counts: Counts, gold: set[tuple], pred: set[tuple]) -> None:
    """Add one sentence's gold and predicted mention keys (type first) to the counts."""
    tp, npred, ngold = counts
    ngold.update(k[0] for k in gold)
    npred.update(k[0] for k in pred)
    tp.update(k[0] for k in gold & pred)


def cross_validate(corpora: list[Corpus], folds: int = 4) -> list[dict[str, dict[str, float]]]:
    """Per corpus, per-type and overall P/R/F1 of models that learned from all folds of the
    tuning splits but one (lexicon included), each scored on the fold it did not see."""
    tuning = [[s for k, s in enumerate(c.sentences) if is_tuning(k)] for c in corpora]
    counts: list[Counts] = [(Counter(), Counter(), Counter()) for _ in corpora]
    for fold in range(folds):
        names, weights = _learn([[s for k, s in enumerate(part) if k % folds != fold] for part in tuning], corpora)
        recognizer = Recognizer.load(name_lexicon=names, weights=weights)
        for corpus, part, count in zip(corpora, tuning, counts):
            for text, gold, tags, *_ in _tagged(part[fold::folds]):
                pred = {(m.start, m.end, m.type) for m in recognizer.mentions(tags)}
                tally(count, mention_keys(text, gold, corpus.by_text), mention_keys(text, pred, corpus.by_text))
    return [prf(*c) for c in counts]


def prf(tp: Counter[str], npred: Counter[str], ngold: Counter[str]) -> dict[str, dict[str, float]]:
    """{type or ALL: {p, r, f1, gold}} from counts per type."""
    out = {}
    for typ in (*TYPES, "ALL"):
        a, b, c = ((sum(x[t] for t in TYPES) for x in (tp, npred, ngold)) if typ == "ALL"
                   else (tp[typ], npred[typ], ngold[typ]))
        p, r = (a / b if b else 0.0), (a / c if c else 0.0)
        out[typ] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": c}
    return out


def lexicon_text(names: frozenset[str]) -> str:
    return ("# names the tagger keeps whole in the NER tuning split (`python -m tests.ner_train`)\n"
            + "".join(n + "\n" for n in sorted(names)))


def weights_text(w: dict[str, tuple[float, ...]]) -> str:
    # Near-zero weights go; so do features of characters that would break the TSV.
    rows = sorted((f, v) for f, v in w.items()
                  if max(map(abs, v)) >= 5e-4 and "\t" not in f and "\n" not in f)
    head = ("# feature\t" + "\t".join(LABELS)
            + f"  (mean of {RUNS} averaged perceptrons, `python -m tests.ner_train`)\n")
    return head + "".join(f + "\t" + "\t".join(f"{x:.4g}" for x in v) + "\n" for f, v in rows)


def main(argv: list[str]) -> None:
    cv = argv[:1] == ["cv"]
    corpora = read_corpora(*map(Path, argv[cv:]))
    start = time.perf_counter()
    if cv:
        for name, result in zip(("People's Daily (spans)", "CLUENER (texts)"), cross_validate(corpora)):
            print(name)
            for typ, r in result.items():
                print(f"  {typ:<4} P {r['p']:.3f}  R {r['r']:.3f}  F1 {r['f1']:.3f}  ({r['gold']} gold)")
        print(f"{time.perf_counter() - start:.0f} s")
        return
    names, w = fit(corpora)
    NAME_LEXICON_FILE.write_text(lexicon_text(names), encoding="utf-8")
    WEIGHTS_FILE.write_bytes(gzip.compress(weights_text(w).encode("utf-8"), mtime=0))  # mtime 0: same bytes every time
    print(f"{len(names)} names → {NAME_LEXICON_FILE}\n{len(w)} features → {WEIGHTS_FILE}\n"
          f"{time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main(sys.argv[1:])
