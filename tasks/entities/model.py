"""The learned half of entity recognition: a linear model (averaged perceptron; NONE, PER, LOC,
ORG) over features of a candidate span and its neighbours; `scan` keeps the best
non-overlapping candidates it takes as names.

Why a model over candidates and not a character-level CRF: on this data a CRF (CRFsuite,
character and word features) scored no better held out and ran at ~70k chars/s with its
Python feature extraction, far below the pipeline's budget. Here only candidates are scored
(about one word in ten proposes one), and the part of a score that depends on the span alone
is kept per span (names recur), so a candidate costs one look-up and four weight look-ups for
its context.

The weights (`data/ner_weights.tsv.gz`) are learned by `python -m tests.ner_train` from the
tuning parts of People's Daily NER and CLUENER; they hold feature names (words, tags,
characters) and weights, no running text. The features by name, as training sees them, are
`tests/ner_features.py`'s; `Scorer` sums the same weights without building a name.
"""
from __future__ import annotations

import gzip
from functools import cache
from operator import add
from pathlib import Path
from typing import Callable

# gzip: 16k features as text are 0.6 MB; compressed, 0.2 MB
WEIGHTS_FILE = Path(__file__).with_name("data") / "ner_weights.tsv.gz"
LABELS = ("NONE", "PER", "LOC", "ORG")
Weights = dict[str, tuple[float, ...]]          # feature → one weight per label (LABELS order)

# A candidate: character span, token span, where it came from, the rules' type guess.
Candidate = tuple[int, int, int, int, str, str]
# The rules' type guesses a candidate can carry ("?": a lexicon name of no known type).
RULE_TYPES = ("PER", "LOC", "ORG", "?")

# Each family of sources has weights of its own besides the shared ones: a word the
# dictionary tags as a place and a run before an organisation suffix need different
# evidence. Group prefixes are capitals; shared feature names start in lower case.
GROUPS = {"rule": "R", "lex": "R", "stem": "R", "abbr-rel": "A", "abbr-fang": "A", "abbr-verb": "A",
          "abbr-run": "A", "abbr-head": "A", "org": "O", "org-v": "O", "org-sure": "O", "org-title": "O",
          "org-n": "O", "name2": "P", "title": "P", "trans": "P", "dot": "P", "surname": "P", "loc": "L",
          "place-end": "L"}


def source_features(src: str, rtype: str) -> tuple[str, ...]:
    """Features of where a candidate came from and the rules' type guess."""
    return "bias", "src=" + src, "rt=" + rtype, "sr=" + src + rtype


# The families of the span's own features, in the order of `span_values`.
SPAN_FAMILIES = ("w=", "tok=", "inp=", "kind=", "p0=", "pl=", "len=", "ntok=", "c0=", "cl=", "c2=",
                 "fw=", "lw=")


def span_values(kind: str, rtype: str, span: str, first: str, last: str, p0: str, pl: str, ntok: int
                ) -> tuple[str, ...]:
    """What each of `SPAN_FAMILIES` looks at, for a span given what its letters look like
    (`kind`, see `NameRules.span_kind`) and its first and last word."""
    # A span inside one word (中 of 中美) is known by that word too; a span of several
    # words by its first and last (印度 / 当局 is no organisation, 国家 / 博物馆 is a place).
    tok = first if ntok == 1 and len(span) < len(first) else ""
    several = ntok > 1
    return (span, tok, p0 + str(bool(tok)), kind + rtype, p0, pl, str(min(len(span), 6)) + rtype,
            str(min(ntok, 4)), span[0], span[-1] + rtype, span[-2:], first if several else "",
            last if several else "")


@cache
def read_weights() -> Weights:
    """The shipped weights."""
    table = {}
    with gzip.open(WEIGHTS_FILE, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            feat, *ws = line.rstrip("\n").split("\t")
            table[feat] = tuple(map(float, ws))
    return table


class Scorer:
    """Weights folded for scoring: a group's feature and the shared one in one look-up, and
    the weights keyed by the value a feature looks at (a tag, word or character), so that no
    feature name is built per candidate. `span_part` gives a span's own part of its scores;
    `scan` keeps it per span and adds the context's part."""

    def __init__(self, weights: Weights, span_kind: Callable[[str], str]):
        self.span_kind = span_kind
        folded = {f: v for f, v in weights.items() if f[0].isupper()}
        groups = sorted(set(GROUPS.values()))
        for f, v in weights.items():
            if not f[0].isupper():
                for g in groups:
                    # most shared features have no group weight of their own: no new tuple then
                    own = weights.get(g + f)
                    folded[g + f] = v if own is None else tuple(map(add, v, own))
        # (group, family) → what the feature looks at → weights; pp= and np= end in the
        # rules' type, which goes into the key: ("A", "pp=LOC") → {"v": …}.
        table: dict[tuple[str, str], dict[str, tuple[float, ...]]] = {}
        for f, v in folded.items():
            fam, rest = f[1:4], f[4:]
            if fam in ("pp=", "np="):
                for rtype in RULE_TYPES:
                    if rest.endswith(rtype):
                        table.setdefault((f[0], fam + rtype), {})[rest[: -len(rtype)]] = v
            elif fam in ("pw=", "nw=", "pc=", "nc="):
                table.setdefault((f[0], fam), {})[rest] = v
        # Per (source, type): whether its context is characters (a span inside a word), and the
        # weights of the tag before and after, and of the word or character before and after.
        self.context = {
            (src, rtype): (g == "A", *(table.get((g, fam), {}) for fam in (
                "pp=" + rtype, "np=" + rtype, *(("pc=", "nc=") if g == "A" else ("pw=", "nw=")))))
            for src, g in GROUPS.items() for rtype in RULE_TYPES}
        # The span's features the same way: the source's features summed once per (source,
        # type), and per group and family (w=, c0=, ...) the weights keyed by the value the
        # feature looks at. Building the feature names of each new span would be over half of
        # a first-seen candidate's cost.
        self._fixed = {(src, rtype): _weight_sum(folded, [g + f for f in source_features(src, rtype)])
                       for src, g in GROUPS.items() for rtype in RULE_TYPES}
        spans: dict[str, dict[str, dict[str, tuple[float, ...]]]] = {
            g: {fam: {} for fam in SPAN_FAMILIES} for g in set(GROUPS.values())}
        for f, v in folded.items():
            fam, _, value = f[1:].partition("=")
            if fam + "=" in SPAN_FAMILIES:
                spans[f[0]][fam + "="][value] = v
        self._span_tables = {g: tuple(t[fam] for fam in SPAN_FAMILIES) for g, t in spans.items()}

    def span_part(self, key: tuple) -> tuple:
        """The span's part of the scores of a candidate, from its key (source, rules' type,
        span, first word, last word, their tags, number of words), and the context tables of
        its source (see `context`)."""
        src, rtype, span = key[0], key[1], key[2]
        t0, t1, t2, t3 = self._fixed[src, rtype]
        values = span_values(self.span_kind(span), rtype, *key[2:])
        for v in map(dict.get, self._span_tables[GROUPS[src]], values):
            if v is not None:
                t0 += v[0]
                t1 += v[1]
                t2 += v[2]
                t3 += v[3]
        return ((t0, t1, t2, t3), *self.context[src, rtype])


def _weight_sum(w: Weights, feats: list[str]) -> tuple[float, float, float, float]:
    t0 = t1 = t2 = t3 = 0.0
    for f in feats:
        v = w.get(f)
        if v is not None:
            t0 += v[0]
            t1 += v[1]
            t2 += v[2]
            t3 += v[3]
    return t0, t1, t2, t3
