# cython: language_level=3
"""The loops of entity recognition that run per word and per candidate of a text.

`tasks.entities.rules` says what a tagged word proposes and what it can be inside a longer name
(the rules), `tasks.entities.model` what the model makes of a span (the weights). Both run once per
distinct word or span and are cached. What runs per word and per candidate is here: the scan
that turns a text's words into candidate spans, their scores, and the choice among them, in
one pass that builds no candidate it does not keep (`_Sink`).

Cython compiles this file as it is (its first line; see setup.py): the annotations are C
types to it and comments to Python, which runs the same source, one algorithm per step, when
there is no compiled module. `tests/test_entity_scan.py` checks that both give the same
candidates, scores and names on real text.
"""
from __future__ import annotations

import sys
from array import array
from bisect import bisect_right
from itertools import accumulate, compress, repeat
from operator import is_, itemgetter
from typing import Optional

import cython

# What the rules and the model are, bound from `tasks.entities.rules` on first use (it imports
# this module, so not at import time).
_bound = cython.declare(cython.bint, False)
_info = cython.declare(object, None)
_role = cython.declare(object, None)
_title_stem = cython.declare(object, None)
_is_han = cython.declare(object, None)
_VISIT = cython.declare(str, "")
_RELATION = cython.declare(tuple, ())
_SURNAME_TITLES = cython.declare(frozenset, frozenset())
_FUNCTION_TAGS = cython.declare(frozenset, frozenset())
_NAME_TAGS = cython.declare(frozenset, frozenset())
_WEAK_SUFFIXES = cython.declare(frozenset, frozenset())
_SURE_ORG_SUFFIXES = cython.declare(frozenset, frozenset())
_SURE_SPLITS = cython.declare(frozenset, frozenset())
# Flags of `entities._info` and roles of `entities._role`.
_ORG_TAIL = cython.declare(cython.int, 0)
_SURNAME = cython.declare(cython.int, 0)
_NAME2 = cython.declare(cython.int, 0)
_DOT = cython.declare(cython.int, 0)
_TRANS = cython.declare(cython.int, 0)
_LOC_TAIL = cython.declare(cython.int, 0)
_ORG_TITLE = cython.declare(cython.int, 0)
_GLUED_TAIL = cython.declare(cython.int, 0)
_AHEAD = cython.declare(cython.int, 0)
_BEHIND = cython.declare(cython.int, 0)
_IN_ORG = cython.declare(cython.int, 0)
_ORG_HEAD = cython.declare(cython.int, 0)
_IN_LOC = cython.declare(cython.int, 0)
_NUMBER = cython.declare(cython.int, 0)
_VERB = cython.declare(cython.int, 0)
# Characters of `entities._ABBR_RE` by code point: one-character places, visiting verbs, and
# what may not follow 方 (中方面 is no 中方); the list mark and 方 themselves.
_KIND = bytearray(0x10000)
_PLACE_CHAR = cython.declare(cython.int, 1)
_VISIT_CHAR = cython.declare(cython.int, 2)
_NOT_AFTER_FANG_CHAR = cython.declare(cython.int, 4)
_MARK = cython.declare(cython.Py_ssize_t, 0)
_FANG = cython.declare(cython.Py_ssize_t, 0)


def _bind() -> None:
    global _bound, _info, _role, _title_stem, _is_han, _VISIT, _RELATION
    global _SURNAME_TITLES, _FUNCTION_TAGS, _NAME_TAGS, _WEAK_SUFFIXES, _SURE_ORG_SUFFIXES, _SURE_SPLITS
    global _ORG_TAIL, _SURNAME, _NAME2, _DOT, _TRANS, _LOC_TAIL, _ORG_TITLE, _GLUED_TAIL, _AHEAD, _BEHIND
    global _IN_ORG, _ORG_HEAD, _IN_LOC, _NUMBER, _VERB
    from tasks.entities import rules as E

    _info, _role, _title_stem, _is_han = E._info, E._role, E._title_stem, E._is_han
    _VISIT, _RELATION = E._VISIT, E._RELATION
    _SURNAME_TITLES, _FUNCTION_TAGS, _NAME_TAGS = E._SURNAME_TITLES, E._FUNCTION_TAGS, E._NAME_TAGS
    _WEAK_SUFFIXES, _SURE_ORG_SUFFIXES, _SURE_SPLITS = E._WEAK_SUFFIXES, E.SURE_ORG_SUFFIXES, E._SURE_SPLITS
    _ORG_TAIL, _SURNAME, _NAME2, _DOT = E._ORG_TAIL, E._SURNAME, E._NAME2, E._DOT
    _TRANS, _LOC_TAIL, _ORG_TITLE, _GLUED_TAIL = E._TRANS, E._LOC_TAIL, E._ORG_TITLE, E._GLUED_TAIL
    _AHEAD, _BEHIND = E._AHEAD, E._BEHIND
    _IN_ORG, _ORG_HEAD, _IN_LOC, _NUMBER, _VERB = E._IN_ORG, E._ORG_HEAD, E._IN_LOC, E._NUMBER, E._VERB
    global _MARK, _FANG
    for chars, bit in ((E._ABBR_CLASS, _PLACE_CHAR), (E._VISIT, _VISIT_CHAR), (E._NOT_AFTER_FANG, _NOT_AFTER_FANG_CHAR)):
        for c in chars:
            _KIND[ord(c)] |= bit
    _MARK, _FANG = ord(E._LIST_MARK), ord(E._FANG)
    _bound = True


@cython.cclass
class _Known:
    """A tagged word asked what it can be inside a longer name (`entities._role`; 0 until
    it is asked)."""
    word: str
    pos: str
    role: cython.int

    def __init__(self, word: str, pos: str):
        self.word = word
        self.pos = pos
        self.role = 0


@cython.final
@cython.cclass
class _Word(_Known):
    """A tagged word that proposes something: the candidates it proposes (start, end,
    source, type within the word), flags for the patterns that look at its neighbours, and
    the model's cached part of each candidate's score (for `model`)."""
    cands: tuple
    flags: cython.int
    hits: tuple
    model: object

    def __init__(self, word: str, pos: str, cands: tuple, flags: cython.int):
        self.word = word
        self.pos = pos
        self.role = 0
        self.cands = cands
        self.flags = flags
        self.hits = ()
        self.model = None


# What a tagged word is to the patterns: its _Word if it proposes something, its _Known once
# asked its role, else its tag, interned (most words: they cost no object of their own). By
# the word alone for its first tag (`_words`: a look-up hashes one string, not a pair; 0.56
# instead of 0.80 s per warm pass over 250 xwlb files), by (word, tag) for its others (`_pairs`).
_words = cython.declare(dict, {})
_pairs = cython.declare(dict, {})


def clear() -> None:
    """Forget what words propose (the lexicon changed)."""
    _words.clear()
    _pairs.clear()


@cython.cfunc
@cython.inline
def _tag(v: object) -> str:
    """The tag of a cache value (see `_words`)."""
    if type(v) is str:
        return v
    k: _Known = v
    return k.pos


@cython.cfunc
def _lookup(w: str, p: str) -> object:
    """What the word is with this tag (see `_words`), made on first sight."""
    v = _words.get(w)
    if v is not None and _tag(v) == p:
        return v
    v = _pairs.get((w, p))
    if v is not None:
        return v
    cands, flags = _info(w, p)
    p = sys.intern(p)
    v = _Word(w, p, cands, flags) if cands or flags else p
    _remember(w, p, v, w not in _words)
    return v


@cython.cfunc
def _remember(w: str, p: str, v, by_word: cython.bint) -> None:
    if by_word:
        _words[w] = v
    else:
        _pairs[w, p] = v


@cython.cfunc
def _known(w: str, p: str) -> _Known:
    """The word with this tag as a _Known (or _Word), made if the cache has only its tag."""
    v = _lookup(w, p)
    if type(v) is not str:
        return v
    k: _Known = _Known(w, v)
    _remember(w, v, k, _words.get(w) is v)
    return k


@cython.cfunc
def _role_at(k: cython.Py_ssize_t, entries: list, words: list, poss: list) -> cython.int:
    """What word k can be inside a longer name (`entities._role`), cached."""
    v = entries[k]
    if type(v) is str:
        v = entries[k] = _known(words[k], poss[k])
    e: _Known = v
    if e.role == 0:
        e.role = _role(e.word, e.pos)
    return e.role


@cython.cfunc
@cython.inline
def _flags_at(k: cython.Py_ssize_t, entries: list) -> cython.int:
    v = entries[k]
    if type(v) is not _Word:
        return 0
    e: _Word = v
    return e.flags


@cython.final
@cython.cclass
class _Sink:
    """Where a text's candidates go: into a list (`out`), or straight to the model, which
    keeps (−length, margin, start, end, type) of those it takes as names (`taken`)."""
    out: list
    taken: list
    model: object
    static: dict
    words: list
    poss: list
    text: str
    n: cython.Py_ssize_t

    def __init__(self, out: Optional[list], model: object, words: list, poss: list, text: str):
        self.out = out
        self.taken = []
        self.model = model
        self.static = model.static if model is not None else None
        self.words = words
        self.poss = poss
        self.text = text
        self.n = len(words)


@cython.cfunc
def _emit(sink: _Sink, s: cython.Py_ssize_t, e: cython.Py_ssize_t, k0: cython.Py_ssize_t,
          k1: cython.Py_ssize_t, src: str, rtype: str, hit: object) -> cython.int:
    """One candidate: kept as it is, or scored and, if the model takes it, kept for
    `_choose` (`hit`: its span's cached part of the score, when its word has it)."""
    none: cython.double
    per: cython.double
    loc: cython.double
    org: cython.double
    best: cython.double
    if sink.out is not None:
        sink.out.append((s, e, k0, k1, src, rtype))
        return 0
    none, per, loc, org = _score(sink, s, e, k0, k1, src, rtype, hit)
    if src == "org-sure":          # see entities.SURE_ORG_SUFFIXES
        sink.taken.append((s - e, none - org, s, e, "ORG"))
        return 0
    best = per
    if loc > best:
        best = loc
    if org > best:
        best = org
    if best > none:
        typ = "PER" if best == per else "LOC" if best == loc else "ORG"
        sink.taken.append((s - e, none - best, s, e, typ))
    return 0


_ZERO = (0.0, 0.0, 0.0, 0.0)


@cython.cfunc
def _score(sink: _Sink, s: cython.Py_ssize_t, e: cython.Py_ssize_t, k0: cython.Py_ssize_t,
           k1: cython.Py_ssize_t, src: str, rtype: str, hit: object
           ) -> tuple[cython.double, cython.double, cython.double, cython.double]:
    """A candidate's (NONE, PER, LOC, ORG) scores: the part of its span, cached by the
    model under `tasks.entities.model._static_key`, and the weights of its context."""
    words: list = sink.words
    poss: list = sink.poss
    text: str = sink.text
    n: cython.Py_ssize_t = sink.n
    b: tuple
    p: tuple
    q: tuple
    u: tuple
    v: tuple
    pp: dict
    np_: dict
    before: dict
    after: dict
    chars: cython.bint
    b0: cython.double
    b1: cython.double
    b2: cython.double
    b3: cython.double
    p0: cython.double
    p1: cython.double
    p2: cython.double
    p3: cython.double
    q0: cython.double
    q1: cython.double
    q2: cython.double
    q3: cython.double
    u0: cython.double
    u1: cython.double
    u2: cython.double
    u3: cython.double
    v0: cython.double
    v1: cython.double
    v2: cython.double
    v3: cython.double
    if hit is None:
        key = (src, rtype, text[s:e], words[k0], words[k1 - 1], poss[k0], poss[k1 - 1], k1 - k0)
        hit = sink.static.get(key)
        if hit is None:     # the span's part of the score, and the context tables of its source
            hit = sink.model.static_part(key)
    b, chars, pp, np_, before, after = hit
    p = pp.get(poss[k0 - 1] if k0 else "^", _ZERO)
    q = np_.get(poss[k1] if k1 < n else "$", _ZERO)
    if chars:       # a span inside a word: the characters around it
        u = before.get(text[s - 1:s], _ZERO)
        v = after.get(text[e:e + 1], _ZERO)
    else:
        u = before.get(words[k0 - 1] if k0 else "^", _ZERO)
        v = after.get(words[k1] if k1 < n else "$", _ZERO)
    b0, b1, b2, b3 = b
    p0, p1, p2, p3 = p
    q0, q1, q2, q3 = q
    u0, u1, u2, u3 = u
    v0, v1, v2, v3 = v
    return (b0 + p0 + q0 + u0 + v0, b1 + p1 + q1 + u1 + v1,
            b2 + p2 + q2 + u2 + v2, b3 + p3 + q3 + u3 + v3)


@cython.cfunc
def _word_hits(info: _Word, sink: _Sink) -> tuple:
    """The model's cached part of the score of each candidate of a word."""
    if info.model is not sink.model:
        w: str = info.word
        p: str = info.pos
        hits: list = []
        for a, b, src, typ in info.cands:
            key = (src, typ, w[a:b], w, w, p, p, 1)        # tasks.entities.model._static_key
            hit = sink.static.get(key)
            hits.append(hit if hit is not None else sink.model.static_part(key))
        info.hits = tuple(hits)
        info.model = sink.model
    return info.hits


def candidates(tags, words, poss, offsets, text: str) -> list:
    """Spans that may be names, each with its source and the rules' type guess (see
    `tasks.entities.rules.candidates`)."""
    if not _bound:
        _bind()
    tagged: list = tags if type(tags) is list else list(tags)
    entries: list
    marked: list
    _, _, _, entries, marked = _prepare(tagged)
    sink = _Sink([], None, list(words), list(poss), text)
    _candidates(sink, array("q", offsets), entries, marked)
    return sink.out


def scores(model, cands: list, words, poss, text: str) -> list:
    """(NONE, PER, LOC, ORG) score of each candidate under a `tasks.entities.model._Scorer`."""
    sink = _Sink(None, model, list(words), list(poss), text)
    return [_score(sink, s, e, k0, k1, src, rtype, None) for s, e, k0, k1, src, rtype in cands]


def decide(cands: list, words, poss, text: str, model) -> list:
    """(start, end, type) of the candidates the model takes, non-overlapping (see
    `tasks.entities.model.decide`)."""
    sink = _Sink(None, model, list(words), list(poss), text)
    for s, e, k0, k1, src, rtype in cands:
        _emit(sink, s, e, k0, k1, src, rtype, None)
    return _choose(sink.taken, len(text))


@cython.cfunc
def _choose(taken: list, size: cython.Py_ssize_t) -> list:
    """The names taken, longest first, then surest first, none overlapping one before it."""
    s: cython.Py_ssize_t
    e: cython.Py_ssize_t
    x: cython.Py_ssize_t
    taken.sort()
    kept: list = []
    used = bytearray(size)
    marks: cython.uchar[:] = used
    for _, _, s, e, typ in taken:
        for x in range(s, e):
            if marks[x]:
                break
        else:
            kept.append((s, e, typ))
            for x in range(s, e):
                marks[x] = 1
    return kept


@cython.cfunc
def _prepare(tagged: list) -> tuple:
    """The words, their tags, the words' starts and the text's end (an array), what each
    word is to the patterns (`_pairs`), and where the words are that propose something."""
    n: cython.Py_ssize_t = len(tagged)
    i: cython.Py_ssize_t
    words: list = []
    poss: list = []
    entries: list = []
    marked: list = []
    offsets = array("q", bytes(8 * (n + 1)))
    ov: cython.longlong[:] = offsets
    off: cython.Py_ssize_t = 0
    w: str
    k: _Known
    p: str
    pair: tuple
    for i in range(n):
        pair = tagged[i]
        w = pair[0]
        p = pair[1]
        v = _words.get(w)
        if v is None or _tag(v) != p:
            v = _lookup(w, p)
        words.append(w)
        entries.append(v)
        if type(v) is str:
            poss.append(v)      # the tag, interned: its hash is known
        else:
            k = v
            poss.append(k.pos)
            if type(v) is _Word:
                marked.append(i)
        off += len(w)
        ov[i + 1] = off
    return words, poss, offsets, entries, marked


def spans(tags, known_people, model) -> tuple:
    """The text of the tagged words and its (start, end, type) names, left to right (see
    `tasks.entities.rules.find_mentions`)."""
    if not _bound:
        _bind()
    if not tags:
        return "", []
    tagged: list = tags if type(tags) is list else list(tags)
    words: list
    poss: list
    entries: list
    marked: list
    words, poss, offsets, entries, marked = _prepare(tagged)
    text: str = "".join(words)
    sink = _Sink(None, model, words, poss, text)
    _candidates(sink, offsets, entries, marked)
    found: list = _choose(sink.taken, len(text))
    for name in set(known_people):
        start = text.find(name) if name else -1
        while start >= 0:
            end = start + len(name)
            found = [x for x in found if x[1] <= start or end <= x[0]]
            found.append((start, end, "PER"))
            start = text.find(name, end)
    found.sort()
    return text, found


def entities(tags, known_people, model, normalize) -> list:
    """(type, text, normalized, province, count) per distinct name (see
    `tasks.entities.rules.entities`)."""
    global _normalized_by
    text: str
    found: list
    text, found = spans(tags, known_people, model)
    counts: dict = {}
    known: dict = _normalized
    s: cython.Py_ssize_t
    e: cython.Py_ssize_t
    for s, e, typ in found:
        key = (typ, text[s:e])
        count = counts.get(key)
        counts[key] = 1 if count is None else count + 1
    rows: list = []
    if normalize is not _normalized_by:
        known.clear()
        _normalized_by = normalize
    for key, count in counts.items():
        norm = known.get(key)
        if norm is None:
            if len(known) >= 1 << 16:
                known.clear()
            norm = known[key] = normalize(*key)
        typ, name = key
        full, province = norm
        rows.append((typ, name, full, province, count))
    return rows


# (type, name) → its (normalized, province): `normalize`'s answers, without its call.
_normalized = cython.declare(dict, {})
_normalized_by = cython.declare(object, None)


@cython.cfunc
@cython.boundscheck(False)
@cython.wraparound(False)
def _abbr_matches(text: str) -> list:
    """The (start, end) of each run of one-character places (中美, 中、美), place before 方
    (中方, not 中方面) and visiting verb before a place (访华), left to right: what the regex
    [place](、?[place])+ | [place](?=方[^…]) | [visit](?=[place]) finds (tests/test_entity_scan.py
    checks both agree). Compiled, this loop takes 0.045 s less than the regex per 250 xwlb
    files (~8 % of the warm entity pass)."""
    kind: cython.uchar[:] = _KIND
    size: cython.Py_ssize_t = len(_KIND)
    n: cython.Py_ssize_t = len(text)
    i: cython.Py_ssize_t = 0
    j: cython.Py_ssize_t
    c: cython.Py_ssize_t
    d: cython.Py_ssize_t
    out: list = []
    while i < n:
        c = ord(text[i])
        if c >= size or not kind[c] & (_PLACE_CHAR | _VISIT_CHAR):
            i += 1
            continue
        if kind[c] & _PLACE_CHAR:
            j = i + 1
            while j < n:        # greedy: 中美, 中、美, 中美、俄 …
                d = ord(text[j])
                if d < size and kind[d] & _PLACE_CHAR:
                    j += 1
                    continue
                if d == _MARK and j + 1 < n:
                    d = ord(text[j + 1])
                    if d < size and kind[d] & _PLACE_CHAR:
                        j += 2
                        continue
                break
            if j > i + 1:
                out.append((i, j))
                i = j
                continue
            if i + 2 < n and ord(text[i + 1]) == _FANG:
                d = ord(text[i + 2])
                if d >= size or not kind[d] & _NOT_AFTER_FANG_CHAR:
                    out.append((i, i + 1))
        elif i + 1 < n:         # a visiting verb before a place
            d = ord(text[i + 1])
            if d < size and kind[d] & _PLACE_CHAR:
                out.append((i, i + 1))
        i += 1
    return out


@cython.cfunc
def _candidates(sink: _Sink, offsets: object, entries: list, marked: list) -> cython.int:
    """The text's candidates, in order, into the sink (`offsets`: the words' starts and the
    text's end; `entries`: what each word is to the patterns; `marked`: where the words are
    that propose something)."""
    words: list = sink.words
    poss: list = sink.poss
    text: str = sink.text
    ov: cython.longlong[:] = offsets
    n: cython.Py_ssize_t = len(words)
    i: cython.Py_ssize_t
    j: cython.Py_ssize_t
    k: cython.Py_ssize_t
    q: cython.Py_ssize_t
    s: cython.Py_ssize_t
    e: cython.Py_ssize_t
    base: cython.Py_ssize_t
    a: cython.Py_ssize_t
    b: cython.Py_ssize_t
    flags: cython.int
    prev: cython.int
    info: _Word
    cands: tuple
    hits: tuple
    scoring: cython.bint = sink.out is None
    for s, e in _abbr_matches(text):
        if text[s] in _VISIT:
            s, e, src = e, e + 1, "abbr-verb"            # 访华, 赴法
        elif e - s == 1:
            src = "abbr-fang"                            # 中方, 美方
        else:
            src = "abbr-rel" if text.startswith(_RELATION, e) else "abbr-run"   # 中美关系, 黄淮
        for q in range(s, e):
            if text[q] != "、":
                k = bisect_right(offsets, q) - 1
                _emit(sink, q, q + 1, k, k + 1, src, "LOC", None)
    flagged: list = []
    for i in marked:
        info = entries[i]
        flags = info.flags
        cands = info.cands
        base = ov[i]
        if cands:
            hits = _word_hits(info, sink) if scoring else None
            for j in range(len(cands)):
                a, b, src, typ = cands[j]
                _emit(sink, base + a, base + b, i, i + 1, src, typ, hits[j] if scoring else None)
        if not flags:
            continue
        if flags & _AHEAD:
            flagged.append(i)
        if not i or not flags & _BEHIND:
            continue
        # Suffixes and tails: what the word before can be decides whether a run ends here
        # at all, so most of them cost no call.
        prev = _role_at(i - 1, entries, words, poss)
        if flags & _ORG_TAIL and prev & _IN_ORG:
            _org_spans(sink, i, ov, entries, words[i])
        if flags & _ORG_TITLE and prev & _IN_ORG:
            _org_spans(sink, i, ov, entries, _title_stem(words[i]) or words[i])
        # A tail glued to a word (河村, 植物园, 开发区) follows a proper name (古都, 杭州), not
        # any noun (农村, 工业 / 开发区).
        if flags & _GLUED_TAIL and prev & _ORG_HEAD:
            flags |= _LOC_TAIL
        if flags & _LOC_TAIL and prev & _IN_LOC:
            if i > 1 and _role_at(i - 2, entries, words, poss) & _IN_LOC:
                _emit(sink, ov[i - 2], ov[i + 1], i - 2, i + 1, "loc", "LOC", None)
            _emit(sink, ov[i - 1], ov[i + 1], i - 1, i + 1, "loc", "LOC", None)
    for i in flagged:
        flags = _flags_at(i, entries)
        nxt = words[i + 1] if i + 1 < n else ""
        base = ov[i]
        if flags & _SURNAME and nxt in _SURNAME_TITLES:
            _emit(sink, base, base + 1, i, i + 1, "title", "PER", None)         # 李老师, 郑先生
        if flags & _NAME2 and len(nxt) == 1 and poss[i + 1] not in _FUNCTION_TAGS and _is_han(nxt):
            _emit(sink, base, ov[i + 2], i, i + 2, "name2", "PER", None)    # 金志 / 贤
        if flags & _TRANS and (i == 0 or not _flags_at(i - 1, entries) & _TRANS):
            _foreign_name(sink, i, ov, entries)
    return 0


@cython.cfunc
def _foreign_name(sink: _Sink, i: cython.Py_ssize_t, offsets: cython.longlong[:], entries: list
                  ) -> cython.int:
    """A run of transliteration words, maybe joined by ·, cut apart by the tagger
    (松德 / 斯特伦, 芭芭拉 / · / 弗兰克 / 林): one candidate name."""
    poss: list = sink.poss
    n: cython.Py_ssize_t = len(entries)
    j: cython.Py_ssize_t = i
    k: cython.Py_ssize_t
    while j < n and j - i < 7 and _flags_at(j, entries) & (_TRANS | _DOT):
        j += 1
    while j > i and _flags_at(j - 1, entries) & _DOT:
        j -= 1
    if j - i >= 2:
        for k in range(i, j):
            if poss[k] in _NAME_TAGS:
                _emit(sink, offsets[i], offsets[j], i, j, "trans", "PER", None)
                break
    return 0


@cython.cfunc
def _org_spans(sink: _Sink, i: cython.Py_ssize_t, offsets: cython.longlong[:], entries: list, suffix: str
               ) -> cython.int:
    """Organisations ending in word i, from each of the last words of the run before it
    (贵州省 / 总工会, 国务院 / 新闻 / 办公室, 联合国 / 安理会, 经济 / 日报社), ending with
    `suffix`, word i or its head (吉林 / 省委[书记], 美国 / 财政部[长])."""
    words: list = sink.words
    poss: list = sink.poss
    end: cython.Py_ssize_t = offsets[i] + len(suffix)
    j: cython.Py_ssize_t = i
    k: cython.Py_ssize_t
    verb: cython.Py_ssize_t = -1        # the last verb of the run
    role: cython.int
    while j > 0 and i - j < 6:
        role = _role_at(j - 1, entries, words, poss)
        if not role & _IN_ORG:
            break
        j -= 1
        if role & _VERB and verb < 0:
            verb = j
    weak: cython.bint = suffix in _WEAK_SUFFIXES
    sure: cython.bint = suffix in _SURE_ORG_SUFFIXES or (words[i - 1], suffix) in _SURE_SPLITS
    # A run with a verb in it is a name less often (法国 / 雇主 / 协会 is one, 台湾 / 加入 /
    # 联合国 is none): its own source, so the model weighs it apart.
    for k in range(j, i):
        role = _role_at(k, entries, words, poss)
        if role & _NUMBER or weak and k == i - 1 and len(words[k]) == 1:
            continue
        if role & _ORG_HEAD:
            src = "org-sure" if sure else "org-v" if k <= verb else "org"
            _emit(sink, offsets[k], end, k, i + 1, src, "ORG", None)
            sure = False          # only the longest run is sure
    return 0
