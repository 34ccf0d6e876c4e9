# cython: language_level=3
"""The learned half of entity recognition: which candidate spans are names, and of what type.

`tasks.entities.rules` proposes candidate spans from the tagger's words (dictionary tags, the
gazetteer, organisation suffixes, surnames, one-character country names); this module
scores each candidate with a linear model (averaged perceptron, PER / LOC / ORG / NONE)
over features of the span and its neighbours, and keeps the best non-overlapping ones.

Why a model over candidates and not a character-level CRF: on this data a CRF (CRFsuite,
character and word features) scored no better held out and ran at ~70k chars/s with its
Python feature extraction, far below the pipeline's budget. Here only candidates are scored
(about one word in ten proposes one), and the part of a score that depends on the span alone
is cached (names recur), so a candidate costs one cache look-up and four weight look-ups for
its context.

The weights (`data/ner_weights.tsv.gz`) and the lexicon of names (`data/ner_lexicon.txt`) are
learned by `python -m tests.ner_train` from the tuning part of People's Daily NER; they hold
feature names (words, tags, characters) and weights, no running text.
"""
from __future__ import annotations

import gzip
from functools import lru_cache
from pathlib import Path
from typing import Sequence

# gzip: 16k features as text are over half a megabyte; compressed they are a fifth of that
WEIGHTS = Path(__file__).with_name("data") / "ner_weights.tsv.gz"
LABELS = ("NONE", "PER", "LOC", "ORG")

# A candidate: character span, token span, where it came from, the rules' type guess.
Candidate = tuple[int, int, int, int, str, str]

# Each family of sources has weights of its own besides the shared ones: a word the
# dictionary tags as a place and a run before an organisation suffix need different
# evidence. Group prefixes are capitals; shared feature names start in lower case.
GROUPS = {"rule": "R", "lex": "R", "stem": "R", "abbr-rel": "A", "abbr-fang": "A", "abbr-verb": "A",
          "abbr-run": "A", "abbr-head": "A", "org": "O", "org-v": "O", "org-sure": "O", "name2": "P",
          "title": "P", "trans": "P", "loc": "L", "place-end": "L"}


_kind_of: tuple | None = None


def _kind(span: str) -> str:
    """What the span's letters look like: a known place, a Chinese name, a transliteration."""
    global _kind_of
    if _kind_of is None:
        # Bound on first use, not imported at the top: tasks.entities.rules imports this module.
        from tasks.entities.rules import SURNAMES, TRANSLIT, unit_stem, world_places
        from tasks.entities.places import gazetteer
        _kind_of = (gazetteer(), world_places(), unit_stem, SURNAMES, TRANSLIT)
    places, world, unit_stem, surnames, translit = _kind_of
    if span in places or span in world or unit_stem(span):
        return "place"
    if span[0] in surnames and 2 <= len(span) <= 3:
        return "han-name"
    if all(c in translit for c in span):
        return "translit"
    return "other"


def _source_features(src: str, rtype: str) -> tuple[str, ...]:
    """Features of where a candidate came from and the rules' type guess."""
    return "bias", "src=" + src, "rt=" + rtype, "sr=" + src + rtype


# The families of the span's own features, in the order of `_span_values`.
_SPAN_FAMILIES = ("w=", "tok=", "inp=", "kind=", "p0=", "pl=", "len=", "ntok=", "c0=", "cl=", "c2=",
                  "fw=", "lw=")


def _span_values(rtype: str, span: str, first: str, last: str, p0: str, pl: str, ntok: int
                 ) -> tuple[str, ...]:
    """What each of `_SPAN_FAMILIES` looks at, for a span given its first and last word."""
    # A span inside one word (中 of 中美) is known by that word too; a span of several
    # words by its first and last (印度 / 当局 is no organisation, 国家 / 博物馆 is a place).
    tok = first if ntok == 1 and len(span) < len(first) else ""
    several = ntok > 1
    return (span, tok, p0 + str(bool(tok)), _kind(span) + rtype, p0, pl, str(min(len(span), 6)) + rtype,
            str(min(ntok, 4)), span[0], span[-1] + rtype, span[-2:], first if several else "",
            last if several else "")


def _static(src: str, rtype: str, span: str, first: str, last: str, p0: str, pl: str, ntok: int
            ) -> list[str]:
    """Features of the span itself, given its first and last word."""
    values = _span_values(rtype, span, first, last, p0, pl, ntok)
    return [*_source_features(src, rtype), *map(str.__add__, _SPAN_FAMILIES, values)]


def _context(c: Candidate, words: Sequence[str], poss: Sequence[str], text: str) -> list[str]:
    """Features of the words and characters around the span."""
    s, e, k0, k1, _, rtype = c
    prev_w, prev_p = (words[k0 - 1], poss[k0 - 1]) if k0 else ("^", "^")
    next_w, next_p = (words[k1], poss[k1]) if k1 < len(words) else ("$", "$")
    if GROUPS[c[4]] == "A":     # inside a word: the characters around it, not the words
        return ["pp=" + prev_p + rtype, "np=" + next_p + rtype, "pc=" + text[s - 1:s], "nc=" + text[e:e + 1]]
    return ["pp=" + prev_p + rtype, "np=" + next_p + rtype, "pw=" + prev_w, "nw=" + next_w]


def _static_key(c: Candidate, words: Sequence[str], poss: Sequence[str], text: str) -> tuple:
    s, e, k0, k1, src, rtype = c
    return src, rtype, text[s:e], words[k0], words[k1 - 1], poss[k0], poss[k1 - 1], k1 - k0


def features(c: Candidate, words: Sequence[str], poss: Sequence[str], text: str) -> list[str]:
    """All feature names of one candidate, shared and of its source's group (for training)."""
    feats = _static(*_static_key(c, words, poss, text)) + _context(c, words, poss, text)
    group = GROUPS[c[4]]
    return feats + [group + f for f in feats]


@lru_cache(maxsize=1)
def weights() -> dict[str, tuple[float, ...]]:
    """feature → one weight per label (LABELS order), as trained."""
    table = {}
    with gzip.open(WEIGHTS, "rt", encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            feat, *ws = line.rstrip("\n").split("\t")
            table[feat] = tuple(map(float, ws))
    return table


class _Scorer:
    """Weights folded for scoring: a group's feature and the shared one in one look-up, the
    span's own part of each score cached, and the context weights keyed by the tag, word or
    character they look at, so that no feature name is built per candidate. The sums per
    candidate are `tasks.entities.scan`'s (compiled when it can be); they inline `features`
    (the training view of the same sums; tests check that both agree)."""

    def __init__(self, w: dict[str, tuple[float, ...]]):
        zero = (0.0,) * len(LABELS)
        folded = {f: v for f, v in w.items() if f[0].isupper()}
        for f, v in w.items():
            if not f[0].isupper():
                for g in set(GROUPS.values()):
                    own = w.get(g + f, zero)
                    folded[g + f] = tuple(a + b for a, b in zip(v, own))
        self.w = folded
        self.static: dict[tuple, tuple] = {}     # span key → (its scores, its context tables)
        # (group, family) → what the feature looks at → weights; pp= and np= end in the
        # rules' type, which goes into the key: ("A", "pp=LOC") → {"v": …}.
        table: dict[tuple[str, str], dict[str, tuple[float, ...]]] = {}
        for f, v in folded.items():
            fam, rest = f[1:4], f[4:]
            if fam in ("pp=", "np="):
                for rtype in _RTYPES:
                    if rest.endswith(rtype):
                        table.setdefault((f[0], fam + rtype), {})[rest[: -len(rtype)]] = v
            elif fam in ("pw=", "nw=", "pc=", "nc="):
                table.setdefault((f[0], fam), {})[rest] = v
        self.context = {
            (src, rtype): (g == "A", *(table.get((g, fam), {}) for fam in (
                "pp=" + rtype, "np=" + rtype, *(("pc=", "nc=") if g == "A" else ("pw=", "nw=")))))
            for src, g in GROUPS.items() for rtype in _RTYPES}
        # The span's features the same way, for `static_part`: the source's features summed
        # once per (source, type), and per group and family (w=, c0=, ...) the weights keyed by
        # the value the feature looks at. Building the feature names of each new span was over
        # half of a first-seen candidate's cost.
        self._fixed = {(src, rtype): _sum(folded, [g + f for f in _source_features(src, rtype)])
                       for src, g in GROUPS.items() for rtype in _RTYPES}
        spans: dict[str, dict[str, dict[str, tuple[float, ...]]]] = {
            g: {fam: {} for fam in _SPAN_FAMILIES} for g in set(GROUPS.values())}
        for f, v in folded.items():
            fam, _, value = f[1:].partition("=")
            if fam + "=" in _SPAN_FAMILIES:
                spans[f[0]][fam + "="][value] = v
        self._span_tables = {g: tuple(t[fam] for fam in _SPAN_FAMILIES) for g, t in spans.items()}

    def static_part(self, key: tuple) -> tuple:
        """The span's part of the score (`_static_key` → the weights of `_static`'s features,
        looked up by value, see `__init__`), and the context tables of its source, cached."""
        src, rtype = key[0], key[1]
        t0, t1, t2, t3 = self._fixed[src, rtype]
        for v in map(dict.get, self._span_tables[GROUPS[src]], _span_values(rtype, *key[2:])):
            if v is not None:
                t0 += v[0]
                t1 += v[1]
                t2 += v[2]
                t3 += v[3]
        hit = self.static[key] = ((t0, t1, t2, t3), *self.context[src, rtype])
        return hit

    def scores(self, cands: Sequence[Candidate], words: Sequence[str], poss: Sequence[str], text: str
               ) -> list[tuple[float, float, float, float]]:
        """(NONE, PER, LOC, ORG) score of each candidate: the cached part of its span
        (`static_part`) plus the weights of its context (`tasks.entities.scan.scores`)."""
        from tasks.entities.rules import _scan
        return _scan.scores(self, list(cands), words, poss, text)


# The rules' type guesses a candidate can carry ("?": a lexicon name of no known type).
_RTYPES = ("PER", "LOC", "ORG", "?")


def _sum(w: dict[str, tuple[float, ...]], feats: list[str]) -> tuple[float, float, float, float]:
    t0 = t1 = t2 = t3 = 0.0
    for f in feats:
        v = w.get(f)
        if v is not None:
            t0 += v[0]
            t1 += v[1]
            t2 += v[2]
            t3 += v[3]
    return t0, t1, t2, t3


@lru_cache(maxsize=1)
def scorer() -> _Scorer:
    return _Scorer(weights())


def decide(cands: list[Candidate], words: Sequence[str], poss: Sequence[str], text: str,
           model: _Scorer | None = None) -> list[tuple[int, int, str]]:
    """(start, end, type) of the candidates the model (the shipped one unless given) takes,
    non-overlapping.

    Overlaps go to the longer candidate, as names nest (西藏 in 西藏藏文古籍出版社) and
    the outermost one is the name; between equally long ones, to the one the model is
    surest of (its margin over NONE)."""
    from tasks.entities.rules import _scan      # the loop, compiled when it can be
    return _scan.decide(list(cands), words, poss, text, model or scorer())
