# cython: language_level=3
"""The loops of entity recognition that run per word and per candidate of a text, and what they
keep of the words and spans they meet.

A `Scanner` turns a text's tagged words into candidate spans (what each word proposes, runs of
words before an organisation's suffix or a place's tail, one-character countries, names cut
apart by the tagger or joined by a middle dot), scores each under the model, and keeps the
best non-overlapping ones, in one pass that builds no candidate it does not keep (`_Text`).
What the rules say of a (word, tag) and the span's part of a candidate's score are asked once
and kept in the scanner, so a text costs a look-up per word and rule work only for the one
word in ten that proposes something.

Cython compiles this file (its first line; see setup.py): the annotations are C types to it
and comments to Python, which runs the same source when there is no compiled module.
Compiled, a warm entity pass over 250 xwlb files takes 0.51 instead of 2.5 s of CPU.
`tests/test_entity_scan.py` checks that both give the same candidates, scores and names on
real text.
"""
from __future__ import annotations

import sys
from array import array
from bisect import bisect_right
from typing import Optional

import cython

from tasks.entities import rules
from tasks.entities.lexicon import (ABBR_PLACES, LIST_MARK, NOT_AFTER_SIDE, RELATION_WORDS, SIDE,
                                    SURE_ORG_SPLITS, SURE_ORG_SUFFIXES, SURNAME_TITLES, VISIT_VERBS,
                                    WEAK_ORG_SUFFIXES)
from tasks.entities.model import Candidate, Scorer
from tasks.entities.places import Gazetteer
from tasks.entities.rules import FUNCTION_TAGS, NAME_TAGS, NameRules, title_stem
from tasks.han import is_han

# The rules' flags and name parts as C integers: compiled, testing one is an instruction, not
# a Python operation (0.51 instead of 0.58 s per warm pass over 250 xwlb files).
_ORG_TAIL = cython.declare(cython.int, rules.ORG_TAIL)
_SURNAME = cython.declare(cython.int, rules.SURNAME)
_NAME2 = cython.declare(cython.int, rules.NAME2)
_DOT = cython.declare(cython.int, rules.DOT)
_HYPHEN = cython.declare(cython.int, rules.HYPHEN)
_TRANS = cython.declare(cython.int, rules.TRANS)
_LOC_TAIL = cython.declare(cython.int, rules.LOC_TAIL)
_ORG_TITLE = cython.declare(cython.int, rules.ORG_TITLE)
_GLUED_TAIL = cython.declare(cython.int, rules.GLUED_TAIL)
_AHEAD = cython.declare(cython.int, rules.AHEAD)
_BEHIND = cython.declare(cython.int, rules.BEHIND)
_IN_ORG = cython.declare(cython.int, rules.IN_ORG)
_ORG_HEAD = cython.declare(cython.int, rules.ORG_HEAD)
_IN_LOC = cython.declare(cython.int, rules.IN_LOC)
_NUMBER = cython.declare(cython.int, rules.NUMBER)
_VERB = cython.declare(cython.int, rules.VERB)


@cython.cclass
class _Known:
    """A tagged word asked what it can be inside a longer name (`NameRules.name_part`; 0
    until it is asked)."""
    word: str
    pos: str
    part: cython.int

    def __init__(self, word: str, pos: str):
        self.word = word
        self.pos = pos
        self.part = 0


@cython.final
@cython.cclass
class _Word(_Known):
    """A tagged word that proposes something: the candidates it proposes (start, end,
    source, type within the word), flags for the patterns that look at its neighbours, and
    the span's part of each candidate's score (None until scored)."""
    cands: tuple
    flags: cython.int
    hits: tuple

    def __init__(self, word: str, pos: str, cands: tuple, flags: cython.int):
        self.word = word
        self.pos = pos
        self.part = 0
        self.cands = cands
        self.flags = flags
        self.hits = None


@cython.cfunc
@cython.inline
def _tag(entry: object) -> str:
    """The tag of what a word is to the scan (see `Scanner.seen_words`)."""
    if type(entry) is str:
        return entry
    k: _Known = entry
    return k.pos


@cython.final
@cython.cclass
class Scanner:
    """The scan, with the rules and the model it asks and what it keeps of their answers."""
    rules: object
    scorer: object
    gazetteer: object
    # What a tagged word is to the patterns: its _Word if it proposes something, its _Known
    # once asked its part in a name, else its tag, interned (most words: they cost no object
    # of their own). By the word alone for the first tag it was met with (`seen_words`: a
    # look-up hashes one string, not a pair; 0.56 instead of 0.80 s per warm pass over 250
    # xwlb files), by (word, tag) for the others (`seen_pairs`).
    seen_words: dict
    seen_pairs: dict
    span_parts: dict        # a span's key (see `_score`) → `Scorer.span_part`
    normalized: dict        # (type, name) → `Gazetteer.normalized`, up to 65k names at a time

    def __init__(self, rules: NameRules, scorer: Scorer, gazetteer: Gazetteer):
        self.rules = rules
        self.scorer = scorer
        self.gazetteer = gazetteer
        self.seen_words = {}
        self.seen_pairs = {}
        self.span_parts = {}
        self.normalized = {}

    @cython.cfunc
    def _entry(self, w: str, p: str) -> object:
        """What the word is with this tag (see `seen_words`), asked of the rules on first sight."""
        v = self.seen_words.get(w)
        if v is not None and _tag(v) == p:
            return v
        v = self.seen_pairs.get((w, p))
        if v is not None:
            return v
        cands, flags = self.rules.proposals(w, p)
        p = sys.intern(p)
        v = _Word(w, p, cands, flags) if cands or flags else p
        self._keep(w, p, v, w not in self.seen_words)
        return v

    @cython.cfunc
    def _keep(self, w: str, p: str, v: object, by_word: cython.bint) -> cython.int:
        """Keep what (w, p) is: by the word alone (its first tag) or by the pair."""
        if by_word:
            self.seen_words[w] = v
        else:
            self.seen_pairs[w, p] = v
        return 0

    @cython.cfunc
    def _known(self, w: str, p: str) -> _Known:
        """The word with this tag as a _Known (or _Word), made if only its tag is kept."""
        v = self._entry(w, p)
        if type(v) is not str:
            return v
        k: _Known = _Known(w, v)
        self._keep(w, v, k, self.seen_words.get(w) is v)
        return k

    @cython.cfunc
    def _part_at(self, k: cython.Py_ssize_t, entries: list, words: list, poss: list) -> cython.int:
        """What word k can be inside a longer name (`NameRules.name_part`), asked once."""
        v = entries[k]
        if type(v) is str:
            v = entries[k] = self._known(words[k], poss[k])
        e: _Known = v
        if e.part == 0:
            e.part = self.rules.name_part(e.word, e.pos)
        return e.part

    @cython.cfunc
    def _prepare(self, tagged: list) -> tuple:
        """The words, their tags, the words' starts and the text's end (an array), what each
        word is to the patterns (see `seen_words`), and where the words are that propose something."""
        n: cython.Py_ssize_t = len(tagged)
        i: cython.Py_ssize_t
        words: list = []
        poss: list = []
        entries: list = []
        marked: list = []
        offsets = array("q", bytes(8 * (n + 1)))
        ov: cython.longlong[:] = offsets
        off: cython.Py_ssize_t = 0
        seen: dict = self.seen_words
        w: str
        p: str
        k: _Known
        for i in range(n):
            w, p = tagged[i]
            v = seen.get(w)
            if v is None or _tag(v) != p:
                v = self._entry(w, p)
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

    def candidates(self, tags) -> list[Candidate]:
        """Spans of the tagged text that may be names, in the order the scan finds them, each
        with its source and the rules' type guess (what training learns from)."""
        words, poss, offsets, entries, marked = self._prepare(list(tags))
        text = _Text(self, [], words, poss, "".join(words))
        _candidates(text, offsets, entries, marked)
        return text.out

    def candidate_scores(self, tags, cands) -> list[tuple[float, float, float, float]]:
        """(NONE, PER, LOC, ORG) score of each candidate of the tagged text."""
        words, poss, _, _, _ = self._prepare(list(tags))
        text = _Text(self, None, words, poss, "".join(words))
        return [_score(text, s, e, k0, k1, src, rtype, None) for s, e, k0, k1, src, rtype in cands]

    def spans(self, tags, known_people=()) -> tuple[str, list[tuple[int, int, str]]]:
        """The text of the tagged words and its (start, end, type) names, left to right: the
        candidates the model takes, and the byline's names (`known_people`) as persons
        wherever they stand."""
        if not tags:
            return "", []
        tagged: list = tags if type(tags) is list else list(tags)
        words: list
        poss: list
        entries: list
        marked: list
        words, poss, offsets, entries, marked = self._prepare(tagged)
        chars: str = "".join(words)
        text = _Text(self, None, words, poss, chars)
        _candidates(text, offsets, entries, marked)
        found: list = _choose(text.taken, len(chars))
        for name in set(known_people):
            start = chars.find(name) if name else -1
            while start >= 0:
                end = start + len(name)
                found = [x for x in found if x[1] <= start or end <= x[0]]
                found.append((start, end, "PER"))
                start = chars.find(name, end)
        found.sort()
        return chars, found

    def entity_rows(self, tags, known_people=()) -> list:
        """(type, text, normalized, province, count) per distinct name of the tagged text."""
        chars: str
        found: list
        chars, found = self.spans(tags, known_people)
        counts: dict = {}
        kept: dict = self.normalized
        s: cython.Py_ssize_t
        e: cython.Py_ssize_t
        for s, e, typ in found:
            key = (typ, chars[s:e])
            count = counts.get(key)
            counts[key] = 1 if count is None else count + 1
        rows: list = []
        for key, count in counts.items():
            norm = kept.get(key)
            if norm is None:
                if len(kept) >= 1 << 16:
                    kept.clear()
                norm = kept[key] = self.gazetteer.normalized(*key)
            typ, name = key
            full, province = norm
            rows.append((typ, name, full, province, count))
        return rows


@cython.final
@cython.cclass
class _Text:
    """One text under scan: its words, tags and characters, and where its candidates go:
    into a list (`out`), or straight to the model, which keeps (−length, margin, start, end,
    type) of those it takes as names (`taken`)."""
    scanner: Scanner
    out: list
    taken: list
    words: list
    poss: list
    chars: str
    n: cython.Py_ssize_t

    def __init__(self, scanner: Scanner, out: Optional[list], words: list, poss: list, chars: str):
        self.scanner = scanner
        self.out = out
        self.taken = []
        self.words = words
        self.poss = poss
        self.chars = chars
        self.n = len(words)


@cython.cfunc
def _emit(text: _Text, s: cython.Py_ssize_t, e: cython.Py_ssize_t, k0: cython.Py_ssize_t,
          k1: cython.Py_ssize_t, src: str, rtype: str, hit: object) -> cython.int:
    """One candidate: kept as it is, or scored and, if the model takes it, kept for
    `_choose` (`hit`: its span's part of the score, when its word has it)."""
    none: cython.double
    per: cython.double
    loc: cython.double
    org: cython.double
    best: cython.double
    if text.out is not None:
        text.out.append((s, e, k0, k1, src, rtype))
        return 0
    none, per, loc, org = _score(text, s, e, k0, k1, src, rtype, hit)
    if src == "org-sure":          # see lexicon.SURE_ORG_SUFFIXES
        text.taken.append((s - e, none - org, s, e, "ORG"))
        return 0
    best = per
    if loc > best:
        best = loc
    if org > best:
        best = org
    if best > none:
        typ = "PER" if best == per else "LOC" if best == loc else "ORG"
        text.taken.append((s - e, none - best, s, e, typ))
    return 0


_ZERO = (0.0, 0.0, 0.0, 0.0)


@cython.cfunc
def _span_part(scanner: Scanner, key: tuple) -> tuple:
    """The span's part of a candidate's scores and its source's context tables, asked of the
    model once per span."""
    hit = scanner.span_parts.get(key)
    if hit is None:
        hit = scanner.span_parts[key] = scanner.scorer.span_part(key)
    return hit


@cython.cfunc
def _score(text: _Text, s: cython.Py_ssize_t, e: cython.Py_ssize_t, k0: cython.Py_ssize_t,
           k1: cython.Py_ssize_t, src: str, rtype: str, hit: object
           ) -> tuple[cython.double, cython.double, cython.double, cython.double]:
    """A candidate's (NONE, PER, LOC, ORG) scores: the part of its span and the weights of its
    context (the tags around it, and the words, or for a span inside a word the characters)."""
    words: list = text.words
    poss: list = text.poss
    chars: str = text.chars
    n: cython.Py_ssize_t = text.n
    b: tuple
    p: tuple
    q: tuple
    u: tuple
    v: tuple
    pp: dict
    np_: dict
    before: dict
    after: dict
    inside: cython.bint
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
        hit = _span_part(text.scanner, (src, rtype, chars[s:e], words[k0], words[k1 - 1], poss[k0],
                                        poss[k1 - 1], k1 - k0))
    b, inside, pp, np_, before, after = hit
    p = pp.get(poss[k0 - 1] if k0 else "^", _ZERO)
    q = np_.get(poss[k1] if k1 < n else "$", _ZERO)
    if inside:
        u = before.get(chars[s - 1:s], _ZERO)
        v = after.get(chars[e:e + 1], _ZERO)
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
def _word_hits(info: _Word, text: _Text) -> tuple:
    """The span's part of the score of each candidate of a word, asked once per word."""
    if info.hits is None:
        w: str = info.word
        p: str = info.pos
        info.hits = tuple([_span_part(text.scanner, (src, typ, w[a:b], w, w, p, p, 1))
                           for a, b, src, typ in info.cands])
    return info.hits


@cython.cfunc
def _choose(taken: list, size: cython.Py_ssize_t) -> list:
    """The names taken, longest first, then surest first, none overlapping one before it.

    Overlaps go to the longer candidate, as names nest (西藏 in 西藏藏文古籍出版社) and the
    outermost one is the name; between equally long ones, to the one the model is surest of
    (its margin over NONE)."""
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


# Characters of the one-character place patterns by code point (`_abbr_matches`).
_PLACE_CHAR = cython.declare(cython.int, 1)
_VISIT_CHAR = cython.declare(cython.int, 2)
_NOT_AFTER_SIDE_CHAR = cython.declare(cython.int, 4)
_MARK = cython.declare(cython.Py_ssize_t, ord(LIST_MARK))
_SIDE = cython.declare(cython.Py_ssize_t, ord(SIDE))


def _char_kinds() -> bytearray:
    kinds = bytearray(1 + max(map(ord, ABBR_PLACES + VISIT_VERBS + NOT_AFTER_SIDE)))
    for chars, bit in ((ABBR_PLACES, _PLACE_CHAR), (VISIT_VERBS, _VISIT_CHAR), (NOT_AFTER_SIDE, _NOT_AFTER_SIDE_CHAR)):
        for c in chars:
            kinds[ord(c)] |= bit
    return kinds


_KIND = _char_kinds()


@cython.cfunc
@cython.boundscheck(False)
@cython.wraparound(False)
def _abbr_matches(chars: str) -> list:
    """The (start, end) of each run of one-character places (中美, 中、美), place before 方
    (中方, not 中方面) and visiting verb before a place (访华), left to right: what the regex
    [place](、?[place])+ | [place](?=方[^…]) | [visit](?=[place]) finds (tests/test_entity_scan.py
    checks both agree). Compiled, this loop takes 0.045 s less than the regex per 250 xwlb
    files (~8 % of the warm entity pass)."""
    kind: cython.uchar[:] = _KIND
    size: cython.Py_ssize_t = len(_KIND)
    n: cython.Py_ssize_t = len(chars)
    i: cython.Py_ssize_t = 0
    j: cython.Py_ssize_t
    c: cython.Py_ssize_t
    d: cython.Py_ssize_t
    out: list = []
    while i < n:
        c = ord(chars[i])
        if c >= size or not kind[c] & (_PLACE_CHAR | _VISIT_CHAR):
            i += 1
            continue
        if kind[c] & _PLACE_CHAR:
            j = i + 1
            while j < n:        # greedy: 中美, 中、美, 中美、俄 …
                d = ord(chars[j])
                if d < size and kind[d] & _PLACE_CHAR:
                    j += 1
                    continue
                if d == _MARK and j + 1 < n:
                    d = ord(chars[j + 1])
                    if d < size and kind[d] & _PLACE_CHAR:
                        j += 2
                        continue
                break
            if j > i + 1:
                out.append((i, j))
                i = j
                continue
            if i + 2 < n and ord(chars[i + 1]) == _SIDE:
                d = ord(chars[i + 2])
                if d >= size or not kind[d] & _NOT_AFTER_SIDE_CHAR:
                    out.append((i, i + 1))
        elif i + 1 < n:         # a visiting verb before a place
            d = ord(chars[i + 1])
            if d < size and kind[d] & _PLACE_CHAR:
                out.append((i, i + 1))
        i += 1
    return out


@cython.cfunc
def _candidates(text: _Text, offsets: object, entries: list, marked: list) -> cython.int:
    """The text's candidates, in order, into `text` (`offsets`: the words' starts and the
    text's end; `entries`: what each word is to the patterns; `marked`: where the words are
    that propose something)."""
    scanner: Scanner = text.scanner
    words: list = text.words
    poss: list = text.poss
    chars: str = text.chars
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
    scoring: cython.bint = text.out is None
    for s, e in _abbr_matches(chars):
        if chars[s] in VISIT_VERBS:
            s, e, src = e, e + 1, "abbr-verb"            # 访华, 赴法
        elif e - s == 1:
            src = "abbr-fang"                            # 中方, 美方
        else:
            src = "abbr-rel" if chars.startswith(RELATION_WORDS, e) else "abbr-run"   # 中美关系, 黄淮
        for q in range(s, e):
            if chars[q] != LIST_MARK:
                k = bisect_right(offsets, q) - 1
                _emit(text, q, q + 1, k, k + 1, src, "LOC", None)
    flagged: list = []
    for i in marked:
        info = entries[i]
        flags = info.flags
        cands = info.cands
        base = ov[i]
        if cands:
            hits = _word_hits(info, text) if scoring else None
            for j in range(len(cands)):
                a, b, src, typ = cands[j]
                _emit(text, base + a, base + b, i, i + 1, src, typ, hits[j] if scoring else None)
        if not flags:
            continue
        if flags & _AHEAD:
            flagged.append(i)
        if not i or not flags & _BEHIND:
            continue
        # Suffixes and tails: what the word before can be decides whether a run ends here
        # at all, so most of them cost no call.
        prev = scanner._part_at(i - 1, entries, words, poss)
        if flags & _ORG_TAIL and prev & _IN_ORG:
            _org_spans(text, i, ov, entries, words[i])
        if flags & _ORG_TITLE and prev & _IN_ORG:
            _org_spans(text, i, ov, entries, title_stem(words[i]) or words[i])
        # A tail glued to a word (河村, 植物园, 开发区) follows a proper name (古都, 杭州), not
        # any noun (农村, 工业 / 开发区).
        if flags & _GLUED_TAIL and prev & _ORG_HEAD:
            flags |= _LOC_TAIL
        if flags & _LOC_TAIL and prev & _IN_LOC:
            if i > 1 and scanner._part_at(i - 2, entries, words, poss) & _IN_LOC:
                _emit(text, ov[i - 2], ov[i + 1], i - 2, i + 1, "loc", "LOC", None)
            _emit(text, ov[i - 1], ov[i + 1], i - 1, i + 1, "loc", "LOC", None)
    for i in flagged:
        flags = _flags_at(i, entries)
        nxt = words[i + 1] if i + 1 < n else ""
        base = ov[i]
        if flags & _SURNAME and nxt in SURNAME_TITLES:
            _emit(text, base, base + 1, i, i + 1, "title", "PER", None)         # 李老师, 郑先生
        if flags & _SURNAME and 1 <= len(nxt) <= 2 and poss[i] not in FUNCTION_TAGS \
                and poss[i + 1] not in FUNCTION_TAGS and is_han(nxt):
            _emit(text, base, ov[i + 2], i, i + 2, "surname", "PER", None)  # 曹/nr / 火星, 邵/nr / 一夫
        if flags & _NAME2 and len(nxt) == 1 and poss[i + 1] not in FUNCTION_TAGS and is_han(nxt):
            _emit(text, base, ov[i + 2], i, i + 2, "name2", "PER", None)    # 金志 / 贤
        if flags & _TRANS and (i == 0 or not _flags_at(i - 1, entries) & _TRANS):
            _foreign_name(text, i, ov, entries)
        if flags & _DOT or flags & _HYPHEN and 0 < i < n - 1 \
                and _flags_at(i - 1, entries) & _flags_at(i + 1, entries) & _TRANS:
            _dotted_name(text, i, ov, entries)      # 科菲·安南; 迪亚斯-卡内尔 (transliterations only)
    return 0


@cython.cfunc
@cython.inline
def _flags_at(k: cython.Py_ssize_t, entries: list) -> cython.int:
    v = entries[k]
    if type(v) is not _Word:
        return 0
    e: _Word = v
    return e.flags


@cython.cfunc
def _foreign_name(text: _Text, i: cython.Py_ssize_t, offsets: cython.longlong[:], entries: list
                  ) -> cython.int:
    """A run of transliteration words, maybe joined by ·, cut apart by the tagger
    (松德 / 斯特伦, 芭芭拉 / · / 弗兰克 / 林): one candidate name."""
    poss: list = text.poss
    n: cython.Py_ssize_t = len(entries)
    j: cython.Py_ssize_t = i
    k: cython.Py_ssize_t
    while j < n and j - i < 7 and _flags_at(j, entries) & (_TRANS | _DOT):
        j += 1
    while j > i and _flags_at(j - 1, entries) & _DOT:
        j -= 1
    if j - i >= 2:
        for k in range(i, j):
            if poss[k] in NAME_TAGS:
                _emit(text, offsets[i], offsets[j], i, j, "trans", "PER", None)
                break
    return 0


@cython.cfunc
def _dotted_name(text: _Text, d: cython.Py_ssize_t, offsets: cython.longlong[:], entries: list
                 ) -> cython.int:
    """A name whose parts a middle dot joins (科菲 / · / 安南, 比尔 / · / 盖茨), whatever the
    tagger made of the parts: the words on both sides of the dot, and the same reaching over
    transliteration words next to them (尤 / 勒斯 / · / 韦登博斯) and over further dots (马丁 / · /
    路德 / · / 金). Only a dot that starts the chain proposes."""
    words: list = text.words
    n: cython.Py_ssize_t = len(words)
    left: cython.Py_ssize_t = d - 1
    right: cython.Py_ssize_t = d + 1
    if left < 0 or right >= n or not is_han(words[left]) or not is_han(words[right]):
        return 0
    if left > 0 and _flags_at(left - 1, entries) & _DOT:
        return 0
    _emit(text, offsets[left], offsets[right + 1], left, right + 1, "dot", "PER", None)
    while left > 0 and d - left < 3 and _flags_at(left - 1, entries) & _TRANS:
        left -= 1
    while right + 1 < n and right - d < 6:
        if _flags_at(right + 1, entries) & _TRANS:
            right += 1
        elif right + 2 < n and _flags_at(right + 1, entries) & _DOT and is_han(words[right + 2]):
            right += 2
        else:
            break
    if left < d - 1 or right > d + 1:
        _emit(text, offsets[left], offsets[right + 1], left, right + 1, "dot", "PER", None)
    return 0


@cython.cfunc
def _org_spans(text: _Text, i: cython.Py_ssize_t, offsets: cython.longlong[:], entries: list, suffix: str
               ) -> cython.int:
    """Organisations ending in word i, from each of the last words of the run before it
    (贵州省 / 总工会, 国务院 / 新闻 / 办公室, 联合国 / 安理会, 经济 / 日报社), ending with
    `suffix`, word i or its head (吉林 / 省委[书记], 美国 / 财政部[长])."""
    scanner: Scanner = text.scanner
    words: list = text.words
    poss: list = text.poss
    end: cython.Py_ssize_t = offsets[i] + len(suffix)
    j: cython.Py_ssize_t = i
    k: cython.Py_ssize_t
    verb: cython.Py_ssize_t = -1        # the last verb of the run
    part: cython.int
    while j > 0 and i - j < 6:
        part = scanner._part_at(j - 1, entries, words, poss)
        if not part & _IN_ORG:
            break
        j -= 1
        if part & _VERB and verb < 0:
            verb = j
    weak: cython.bint = suffix in WEAK_ORG_SUFFIXES
    sure: cython.bint = suffix in SURE_ORG_SUFFIXES or (words[i - 1], suffix) in SURE_ORG_SPLITS
    # A run with a verb in it is a name less often (法国 / 雇主 / 协会 is one, 台湾 / 加入 /
    # 联合国 is none): its own source, so the model weighs it apart.
    for k in range(j, i):
        part = scanner._part_at(k, entries, words, poss)
        if part & _NUMBER or weak and k == i - 1 and len(words[k]) == 1:
            continue
        if part & _ORG_HEAD:
            src = "org-sure" if sure else "org-v" if k <= verb else "org"
            _emit(text, offsets[k], end, k, i + 1, src, "ORG", None)
            sure = False          # only the longest run is sure
        elif k == j and k < i - 1 and poss[k] == "n":
            _emit(text, offsets[k], end, k, i + 1, "org-n", "ORG", None)
    return 0
