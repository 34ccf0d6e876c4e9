"""Learn the entity model (`data/ner_weights.tsv.gz`, `data/ner_lexicon.txt`) from People's Daily NER.

    python -m tests.ner_train [BIO_FILE]       # train, write the shipped files
    python -m tests.ner_train cv [BIO_FILE]    # cross-validate inside the tuning split

Trains on the tuning split only (sentences whose index % 5 != 0); the held-out fifth is what
`tests/enrich_eval.py` scores. A multiclass averaged perceptron over the candidates that the
entity recognizer proposes (its features: `tests/ner_features.py`): a candidate's label is the
gold type of exactly its span, else NONE. Training builds recognizers of its own, with the
names of the data it learns from as their lexicon; the process's shipped one is left as it
is. The run is deterministic (seeded shuffles), so the shipped files are reproducible, which
`tests/test_ner.py` checks. Takes about ten seconds.

Choose changes to rules, features or training by `cv` (4 folds of the tuning split, a
minute); the held-out fifth is for confirming them once, not for choosing.
"""
from __future__ import annotations

import gzip

import os
import random
import sys
from collections import Counter
from itertools import accumulate
from pathlib import Path

from tasks.enrich.segment import get_segmenter
from tasks.entities.lexicon import NAME_LEXICON_FILE
from tasks.entities.model import LABELS, WEIGHTS_FILE
from tasks.entities.recognizer import Recognizer
from tests.ner_features import features

DEFAULT_BIO = Path(os.environ.get("BAOKU_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus")
                   ) / "ner" / "peoples-daily-ner.dev.bio"
EPOCHS = 12
# Perceptrons trained on differently shuffled passes, their weights averaged: one run's
# weights depend on the order it met the examples, the mean of five much less. Still one
# linear table, so scoring costs nothing more.
RUNS = 5

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
        for s, e, _ in gold:
            k = word_at.get(s)
            if k is not None and offsets[k + 1] == e and e - s >= 2:
                names.add(text[s:e])
    return frozenset(names)


def examples(sentences: list[Sentence], recognizer: Recognizer) -> list[tuple[list[str], int]]:
    """(features, label index) of every candidate the recognizer proposes in the sentences."""
    out = []
    for text, gold, tags, words, poss, offsets in _tagged(sentences):
        gold_type = {(s, e): t for s, e, t in gold}
        cands = recognizer.candidates(tags)
        spans = {(c[0], c[1]) for c in cands}
        outer = [(s, e) for s, e, _ in gold if (s, e) in spans]
        for c in cands:
            label = gold_type.get((c[0], c[1]))
            # Inside a name that is itself a candidate (北京 in 北京大学) a candidate's label
            # does not matter, as the longer one wins; NONE would teach that 北京 is no name.
            if label is None and any(s <= c[0] and c[1] <= e for s, e in outer):
                continue
            out.append((features(recognizer.rules.span_kind, c, words, poss, text), LABELS.index(label or "NONE")))
    return out


def train(data: list[tuple[list[str], int]], epochs: int = EPOCHS, runs: int = RUNS
          ) -> dict[str, list[float]]:
    """Weights (feature → one weight per label): the mean of `runs` averaged perceptrons."""
    mean: dict[str, list[float]] = {}
    for seed in range(runs):
        for f, v in _perceptron(data, epochs, seed).items():
            m = mean.setdefault(f, [0.0] * len(LABELS))
            for j, x in enumerate(v):
                m[j] += x / runs
    return mean


def _perceptron(data: list[tuple[list[str], int]], epochs: int, seed: int) -> dict[str, list[float]]:
    """Averaged perceptron weights from one seeded sequence of shuffles."""
    n = len(LABELS)
    w: dict[str, list[float]] = {}
    total: dict[str, list[float]] = {}      # running sums for the average, updated lazily
    stamp: dict[str, list[int]] = {}
    step = 0
    order = list(range(len(data)))
    rng = random.Random(seed)
    for _ in range(epochs):
        rng.shuffle(order)
        for idx in order:
            feats, gold = data[idx]
            step += 1
            sc = [0.0] * n
            for f in feats:
                v = w.get(f)
                if v:
                    for j in range(n):
                        sc[j] += v[j]
            pred = max(range(n), key=lambda j: (sc[j], -j))
            if pred == gold:
                continue
            for f in feats:
                v = w.setdefault(f, [0.0] * n)
                t = total.setdefault(f, [0.0] * n)
                s = stamp.setdefault(f, [0] * n)
                for j, delta in ((gold, 1.0), (pred, -1.0)):
                    t[j] += (step - s[j]) * v[j]
                    s[j] = step
                    v[j] += delta
    return {f: [(total[f][j] + (step - stamp[f][j]) * v[j]) / step for j in range(n)] for f, v in w.items()}


def fit(sentences: list[Sentence]) -> tuple[frozenset[str], dict[str, list[float]]]:
    """The lexicon and weights learned from the tuning sentences."""
    tuning = [s for k, s in enumerate(sentences) if is_tuning(k)]
    names = names_kept_whole(tuning)
    return names, train(examples(tuning, Recognizer.load(name_lexicon=names)))


def cross_validate(sentences: list[Sentence], folds: int = 4) -> dict[str, dict[str, float]]:
    """Per-type and overall P/R/F1 (exact spans) of models that learned from all folds of the
    tuning split but one (lexicon included), each scored on the fold it did not see."""
    tuning = [s for k, s in enumerate(sentences) if is_tuning(k)]
    tp: Counter[str] = Counter()
    npred: Counter[str] = Counter()
    ngold: Counter[str] = Counter()
    for fold in range(folds):
        learn = [s for k, s in enumerate(tuning) if k % folds != fold]
        names = names_kept_whole(learn)
        weights = train(examples(learn, Recognizer.load(name_lexicon=names)))
        recognizer = Recognizer.load(name_lexicon=names, weights=weights)
        for text, gold, tags, words, poss, offsets in _tagged(tuning[fold::folds]):
            pred = {(m.start, m.end, m.type) for m in recognizer.mentions(tags)}
            ngold.update(t for *_, t in gold)
            npred.update(t for *_, t in pred)
            tp.update(t for *_, t in gold & pred)
    return prf(tp, npred, ngold)


def prf(tp: Counter[str], npred: Counter[str], ngold: Counter[str]) -> dict[str, dict[str, float]]:
    """{type or ALL: {p, r, f1, gold}} from counts per type."""
    out = {}
    for typ in ("PER", "LOC", "ORG", "ALL"):
        a, b, c = ((sum(x.values()) for x in (tp, npred, ngold)) if typ == "ALL"
                   else (tp[typ], npred[typ], ngold[typ]))
        p, r = (a / b if b else 0.0), (a / c if c else 0.0)
        out[typ] = {"p": p, "r": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "gold": c}
    return out


def lexicon_text(names: frozenset[str]) -> str:
    return ("# names the tagger keeps whole in the NER tuning split (`python -m tests.ner_train`)\n"
            + "".join(n + "\n" for n in sorted(names)))


def weights_text(w: dict[str, list[float]]) -> str:
    # Near-zero weights go; so do features of characters that would break the TSV.
    rows = sorted((f, v) for f, v in w.items()
                  if max(map(abs, v)) >= 5e-4 and "\t" not in f and "\n" not in f)
    head = ("# feature\t" + "\t".join(LABELS)
            + f"  (mean of {RUNS} averaged perceptrons, `python -m tests.ner_train`)\n")
    return head + "".join(f + "\t" + "\t".join(f"{x:.4g}" for x in v) + "\n" for f, v in rows)


def main(argv: list[str]) -> None:
    if argv[:1] == ["cv"]:
        result = cross_validate(read_bio(Path(argv[1]) if argv[1:] else DEFAULT_BIO))
        for typ, r in result.items():
            print(f"{typ:<4} P {r['p']:.3f}  R {r['r']:.3f}  F1 {r['f1']:.3f}  ({r['gold']} gold)")
        return
    path = Path(argv[0]) if argv else DEFAULT_BIO
    names, w = fit(read_bio(path))
    NAME_LEXICON_FILE.write_text(lexicon_text(names), encoding="utf-8")
    WEIGHTS_FILE.write_bytes(gzip.compress(weights_text(w).encode("utf-8"), mtime=0))  # mtime 0: same bytes every time
    print(f"{len(names)} names → {NAME_LEXICON_FILE}\n{len(w)} features → {WEIGHTS_FILE}")


if __name__ == "__main__":
    main(sys.argv[1:])
