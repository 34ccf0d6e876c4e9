"""The NER features of a candidate by name, as training sees them (`tests/ner_train.py`), and
their weights summed: the reference that the scan's scores are checked against
(`tests/test_ner.py`). `tasks.entities.model.Scorer` and `tasks.entities.scan` sum the same
weights without building a name."""
from __future__ import annotations

from typing import Callable, Sequence

from tasks.entities.model import GROUPS, SPAN_FAMILIES, Candidate, Weights, source_features, span_values


def span_key(c: Candidate, words: Sequence[str], poss: Sequence[str], text: str) -> tuple:
    """What a candidate's own features depend on: source, rules' type, span, first and last
    word, their tags, number of words."""
    s, e, k0, k1, src, rtype = c
    return src, rtype, text[s:e], words[k0], words[k1 - 1], poss[k0], poss[k1 - 1], k1 - k0


def _span_features(span_kind: Callable[[str], str], key: tuple) -> list[str]:
    src, rtype, span = key[:3]
    values = span_values(span_kind(span), rtype, *key[2:])
    return [*source_features(src, rtype), *map(str.__add__, SPAN_FAMILIES, values)]


def _context_features(c: Candidate, words: Sequence[str], poss: Sequence[str], text: str) -> list[str]:
    """Features of the words and characters around the span."""
    s, e, k0, k1, _, rtype = c
    prev_w, prev_p = (words[k0 - 1], poss[k0 - 1]) if k0 else ("^", "^")
    next_w, next_p = (words[k1], poss[k1]) if k1 < len(words) else ("$", "$")
    if GROUPS[c[4]] == "A":     # inside a word: the characters around it, not the words
        return ["pp=" + prev_p + rtype, "np=" + next_p + rtype, "pc=" + text[s - 1:s], "nc=" + text[e:e + 1]]
    return ["pp=" + prev_p + rtype, "np=" + next_p + rtype, "pw=" + prev_w, "nw=" + next_w]


def features(span_kind: Callable[[str], str], c: Candidate, words: Sequence[str], poss: Sequence[str],
             text: str) -> list[str]:
    """All feature names of one candidate, shared and of its source's group (`span_kind`: what
    a span's letters look like, `NameRules.span_kind`)."""
    feats = _span_features(span_kind, span_key(c, words, poss, text)) + _context_features(c, words, poss, text)
    group = GROUPS[c[4]]
    return feats + [group + f for f in feats]


def weight_sum(weights: Weights, feats: list[str]) -> tuple[float, float, float, float]:
    """(NONE, PER, LOC, ORG) score of a candidate from its feature names."""
    t = [0.0] * 4
    for f in feats:
        v = weights.get(f)
        if v is not None:
            for j in range(4):
                t[j] += v[j]
    return t[0], t[1], t[2], t[3]
