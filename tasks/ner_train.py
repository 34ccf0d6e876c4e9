"""Learn the entity model's weights (`data/ner_weights.tsv`) from People's Daily NER.

    python -m tasks.ner_train [BIO_FILE]

Trains on the tuning split only (sentences whose index % 5 != 0); the held-out fifth is
what `tests/enrich_eval.py` scores. A multiclass averaged perceptron over the candidates of
`tasks.entities`: a candidate's label is the gold type of exactly its span, else NONE.
Deterministic: a fixed visiting order per epoch, no randomness beyond a seeded shuffle.
"""
from __future__ import annotations

import os
import random
import sys
from itertools import accumulate
from pathlib import Path

from tasks.ner import LABELS, WEIGHTS, features

DEFAULT_BIO = Path(os.environ.get("BAOKU_CORPUS", Path(__file__).resolve().parents[2] / "shared" / "corpus")
                   ) / "ner" / "peoples-daily-ner.dev.bio"
EPOCHS = 12


def read_bio(path: Path) -> list[tuple[str, set[tuple[int, int, str]]]]:
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


def tagged(sentences):
    """(text, gold, tags, words, pos tags, offsets) of each tuning sentence."""
    from tasks.segment import get_segmenter

    seg = get_segmenter("fast")
    for k, (text, gold) in enumerate(sentences):
        if is_tuning(k):
            tags = seg.tag(text)
            words = [w for w, _ in tags]
            yield text, gold, tags, words, [p for _, p in tags], [0, *accumulate(map(len, words))]


def write_lexicon(sentences) -> int:
    """Names that the tagger keeps as one word (江泽民, 人民大会堂, 微软): candidates
    whatever their tag, so the model can learn them by name."""
    from tasks import entities

    names = set()
    for text, gold, _, _, _, offsets in tagged(sentences):
        starts = {o: k for k, o in enumerate(offsets)}
        for s, e, _ in gold:
            k = starts.get(s)
            if k is not None and offsets[k + 1] == e and e - s >= 2:
                names.add(text[s:e])
    with entities.LEXICON.open("w", encoding="utf-8") as fh:
        fh.write("# names kept whole by the tagger in the NER tuning split (`python -m tasks.ner_train`)\n")
        fh.write("\n".join(sorted(names)) + "\n")
    entities.lexicon.cache_clear()
    entities._word_info.clear()
    return len(names)


def examples(sentences) -> list[tuple[list[str], int]]:
    """(features, label index) of every candidate in the tuning sentences."""
    from tasks.entities import candidates

    out = []
    for text, gold, tags, words, poss, offsets in tagged(sentences):
        gold_type = {(s, e): t for s, e, t in gold}
        for c in candidates(tags, words, poss, offsets, text):
            label = LABELS.index(gold_type.get((c[0], c[1]), "NONE"))
            out.append((features(c, words, poss, text), label))
    return out


def train(data: list[tuple[list[str], int]], epochs: int = EPOCHS) -> dict[str, list[float]]:
    """Averaged perceptron weights (feature → one weight per label)."""
    w: dict[str, list[float]] = {}
    total: dict[str, list[float]] = {}      # running sums for the average
    stamp: dict[str, list[int]] = {}
    step = 0
    order = list(range(len(data)))
    rng = random.Random(0)
    for _ in range(epochs):
        rng.shuffle(order)
        for idx in order:
            feats, gold = data[idx]
            step += 1
            sc = [0.0] * len(LABELS)
            for f in feats:
                v = w.get(f)
                if v:
                    for j in range(len(LABELS)):
                        sc[j] += v[j]
            pred = max(range(len(LABELS)), key=lambda j: (sc[j], -j))
            if pred == gold:
                continue
            for f in feats:
                v = w.setdefault(f, [0.0] * len(LABELS))
                t = total.setdefault(f, [0.0] * len(LABELS))
                s = stamp.setdefault(f, [0] * len(LABELS))
                for j, delta in ((gold, 1.0), (pred, -1.0)):
                    t[j] += (step - s[j]) * v[j]
                    s[j] = step
                    v[j] += delta
    for f, v in w.items():
        t, s = total[f], stamp[f]
        w[f] = [(t[j] + (step - s[j]) * v[j]) / step for j in range(len(LABELS))]
    return w


def save(w: dict[str, list[float]], out: Path = WEIGHTS) -> int:
    # Features of characters that would break the TSV (tabs, line ends) are dropped.
    rows = sorted((f, v) for f, v in w.items()
                  if max(map(abs, v)) >= 5e-4 and "\t" not in f and "\n" not in f)
    with out.open("w", encoding="utf-8") as fh:
        fh.write("# feature\t" + "\t".join(LABELS) + "  (averaged perceptron, `python -m tasks.ner_train`)\n")
        for f, v in rows:
            fh.write(f + "\t" + "\t".join(f"{x:.4g}" for x in v) + "\n")
    return len(rows)


def main(argv: list[str]) -> None:
    path = Path(argv[0]) if argv else DEFAULT_BIO
    sentences = read_bio(path)
    names = write_lexicon(sentences)
    data = examples(sentences)
    n = save(train(data))
    print(f"{names} names, {len(data)} candidates, {n} weights → {WEIGHTS}")


if __name__ == "__main__":
    main(sys.argv[1:])
