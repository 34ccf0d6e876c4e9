# cython: language_level=3
"""The rules of entity recognition: what one tagged word proposes as a name, and what it can be
inside a longer one.

A word proposes spans of its own from the dictionary tags (nr, ns, nt), the gazetteer, the
world places and the lexicon of names: a place glued to its tail (奥克兰港), a name glued to
what follows it (邓小平理论 → 邓小平), a county's name without its 县 (怀柔/nr), a
one-character country at the head of a noun (美军). It also carries flags for the patterns
that look at its neighbours (`scan` runs those): a suffix that ends an organisation after a
run of words, a tail that ends a place, a surname before a title (李老师), a surname and
given name cut apart (金志 / 贤), the parts of a transliterated name (松德 / 斯特伦).

The rules run once per distinct (word, tag): `scan` keeps what they say. Text keeps bringing
new words, so Cython compiles this file (its first line; see setup.py): compiled, the entity
pass over 250 xwlb files takes 1.40 instead of 1.82 s of CPU in a fresh worker, 1.15 instead
of 1.31 s after 250 other files (3–8 % of a batch). Python runs the same source where there
is no compiled module.
"""
from __future__ import annotations

import cython

from tasks.entities.lexicon import (AFTER_NAME, COUNTRY_ABBR, DOUBLE_SURNAMES, LOC_TAILS, NOT_NAMES,
                                    NOT_ORG_TAILS, ORG_ABBR_ENDS, ORG_ENDS, ORG_SUFFIXES, ORG_WORDS,
                                    PLACE_ENDS, POSITIONS, SURNAME_TITLES, SURNAMES, TAIL_ENDS, TITLES, TRANSLIT,
                                    UNIT_ENDS)
from tasks.entities.places import Gazetteer
from tasks.han import is_han

# Flags of what a word starts: patterns that look at the words after it (AHEAD) and before
# it (BEHIND).
ORG_TAIL, SURNAME, NAME2, DOT, TRANS, LOC_TAIL, ORG_TITLE, GLUED_TAIL = 1, 2, 4, 8, 16, 32, 64, 128
HYPHEN = 256
AHEAD = SURNAME | NAME2 | TRANS | DOT | HYPHEN
BEHIND = ORG_TAIL | ORG_TITLE | LOC_TAIL | GLUED_TAIL
# The middle dots of names (Taiwan prints 約翰‧甘迺迪, Japanese text ・), and the hyphen of
# names it joins only between transliterations (迪亚斯-卡内尔, 中国-东盟 is none: see scan)
_DOTS = frozenset("·‧•・")
_HYPHENS = frozenset("-－")
# What a word can be inside a run before a suffix (`NameRules.name_part`); every part has
# KNOWN, so that no answer is 0.
KNOWN, IN_ORG, ORG_HEAD, IN_LOC, NUMBER, VERB = 1, 2, 4, 8, 16, 32

NAME_TAGS = frozenset("nr nrfg nrt".split())
# Tags of words that never end a name: particles, prepositions, conjunctions, adverbs.
FUNCTION_TAGS = frozenset("uj ul uz ud ug uv p c d r m q x y e o".split())
# Tags of words that may stand inside an organisation's name (verbs too: 法国 / 雇主/v / 协会,
# 中国 / 文化 / 扶贫/v / 委员会).
_ORG_INNER = frozenset("n nz ns nt nr nrt nrfg j vn eng x an b l v".split())
# Tags of proper words: an organisation's name must start with one.
_PROPER = frozenset("ns nt nz nr nrt nrfg j eng".split())
# Common nouns that open the names of national and world bodies (国家 / 新闻出版署, 国际 / 狮子会,
# 世界 / 经济 / 论坛) as a proper word does.
_ORG_HEAD_WORDS = frozenset("国家 国际 世界 全国 中央 最高".split())
# Tags of the words a place's name is made of before a tail.
_LOC_INNER = frozenset("n nz ns nr nrt nrfg j l b".split())
# Tags of one-word places that the tagger calls names or leaves unplaced (高升镇/nr).
_NAME_OR_PLACE_TAGS = frozenset("nr nrt nrfg nz ns".split())
# Tags of nouns that may start with a one-character country name (美军, 中医, 日寇); not time
# words and localisers (日前/t, 以来/f, 中外/f), which seldom do (7 names in 3700 sentences).
_ABBR_HEAD_TAGS = frozenset("n ns nt nz j nr nrt nrfg q".split())
# Tags of nouns that can end an organisation's name (开会 / v ends in 会 but ends none).
_NOUN_TAGS = frozenset("n nt nz j ns nr nrt l".split())

_AFTER_NAME_ENDS = frozenset(t[-1] for t in AFTER_NAME)
_NOTHING: tuple = ((), 0)


def looks_like_han_name(word: str) -> bool:
    """A Han name: common surname + 1–2 characters, or double surname + 1–2."""
    n = len(word)
    if word[:2] in DOUBLE_SURNAMES:
        return 3 <= n <= 4 and is_han(word)
    return 2 <= n <= 3 and word[0] in SURNAMES and is_han(word)


def translit_only(word: str) -> bool:
    """Every character of the word is one that transliterated names are made of (true of "")."""
    for c in word:
        if c not in TRANSLIT:
            return False
    return True


def person_like(word: str) -> bool:
    if word in NOT_NAMES:
        return False
    return looks_like_han_name(word) or (len(word) >= 2 and translit_only(word))


def _person_word(w: str, p: str) -> bool:
    """A word the tagger calls a name and that reads as one: it ends no organisation, though
    its last character may (尉健行, 李建军)."""
    return p in NAME_TAGS and looks_like_han_name(w)


_NUMERALS = frozenset("〇零一二三四五六七八九十百千")


def _ordinal_or_numeral(w: str) -> bool:
    """第五, 八一: a number that can stand in a name, not a count with its measure (一家, 三所)."""
    return all(c in _NUMERALS for c in w.removeprefix("第"))


def title_stem(word: str) -> str | None:
    """The organisation suffix a title word starts with: 省委书记 → 省委, 财政部长 → 财政部."""
    for title in TITLES:
        stem = word[: -len(title)]
        if word.endswith(title) and len(stem) >= 2 and (stem in ORG_SUFFIXES or stem[-1] in ORG_ENDS):
            return stem
    return None


def _names_or_unknown(cands: list) -> bool:
    """No candidate is typed otherwise than a person or unknown."""
    for cand in cands:
        if cand[3] != "?" and cand[3] != "PER":
            return False
    return True


@cython.final
@cython.cclass
class NameRules:
    """The rules, with the names they know: the gazetteer's units, the world's places and the
    lexicon of names (training proposes the names of its own tuning data)."""
    units: dict
    world_places: frozenset
    name_lexicon: frozenset

    def __init__(self, gazetteer: Gazetteer, world_places: frozenset[str], name_lexicon: frozenset[str]):
        self.units = gazetteer.units
        self.world_places = world_places
        self.name_lexicon = name_lexicon

    # The methods loop where any() or all() would read shorter: compiled, a method callable
    # from C (ccall) can hold no generator.
    @cython.ccall
    def place_like(self, word: str, pos: str) -> cython.bint:
        """A place by name list, or a word the tagger calls a place that has a place's form.

        jieba's `ns` alone is too loose (城市, 山区, 海洋 carry it), so it needs the form too."""
        if word in self.world_places:
            return True
        places = self.units.get(word)
        if places:
            if pos == "ns":
                return True
            for place in places:
                if place.level != "county" or place.full == word:
                    return True
            return False
        if pos != "ns" or len(word) < 2:
            return False
        # Three characters or more tagged `ns` are places (巴塞罗那, 西柏坡); two-character ones
        # are often generic nouns (城市, 山区) and need a place's form.
        return len(word) >= 3 or translit_only(word)

    @cython.ccall
    def place_prefix(self, word: str) -> object:
        """A known place glued to a generic word: 东北地区, 法国人, 南京大屠杀 → the place."""
        for cut in range(len(word) - 1, 1, -1):
            head = word[:cut]
            if head in self.world_places:
                return head
            for place in self.units.get(head, ()):
                if place.level != "county":
                    return head
        return None

    @cython.ccall
    def split_name(self, word: str) -> object:
        """A name glued to the word after it by the dictionary: 邓小平理论 → 邓小平 (PER),
        中国政府 → 中国 (LOC, governments count as their country)."""
        if word[-1] not in _AFTER_NAME_ENDS and not word.endswith("政府"):
            return None
        for tail in AFTER_NAME:
            if word.endswith(tail) and person_like(word[: -len(tail)]):
                return word[: -len(tail)], "PER"
        if word.endswith("政府") and self.place_like(word[:-2], "ns"):
            return word[:-2], "LOC"
        return None

    @cython.ccall
    def unit_stem(self, w: str) -> cython.bint:
        """A county's name without its 县, 市 or 区, which the gazetteer leaves out when the
        dictionary knows the word otherwise (怀柔/nr, 寿光/nr, 和平/nz): the model judges it.
        Proposed only where the tagger calls it a person's name; the model reads it as a place."""
        units = self.units
        return 2 <= len(w) <= 3 and is_han(w) and (w + "县" in units or w + "市" in units or w + "区" in units)

    @cython.ccall
    def readings(self, w: str, p: str) -> tuple:
        """The rules' reading of one tagged word, as (start, end, type) within the word."""
        # (the tagger's organisation that is a unit of the gazetteer is the place: 香港特别行政区/nt)
        if w in ORG_WORDS or (len(w) > 1 and (p == "nt" and w not in self.units
                                              or p == "j" and w[-1] in ORG_ABBR_ENDS)
                              and not self.split_name(w)):
            return ((0, len(w), "ORG"),)
        split = self.split_name(w)
        if split:
            return ((0, len(split[0]), split[1]),)
        if w in self.world_places or w in self.units and self.place_like(w, p):
            return ((0, len(w), "LOC"),)
        head = self.place_prefix(w)
        if head:
            # 奥克兰港, 香港特区: the whole word is the place; the model sees both.
            # So for a long word the tagger calls a place (中华人民共和国 after 中华).
            if w[len(head):] in LOC_TAILS and not w.endswith("地区") or p == "ns" and len(w) >= 4:
                return ((0, len(w), "LOC"), (0, len(head), "LOC"))
            if w[len(head):] in ORG_SUFFIXES:       # 突尼斯队, 北京市委: likewise an organisation
                return ((0, len(w), "ORG"), (0, len(head), "LOC"))
            return ((0, len(head), "LOC"),)
        if self.place_like(w, p) or len(w) == 1 and w in COUNTRY_ABBR and p in ("j", "ns"):
            return ((0, len(w), "LOC"),)
        if p in ("nr", "nrfg", "nrt") and person_like(w):
            return ((0, len(w), "PER"),)
        return ()

    @cython.ccall
    def proposals(self, w: str, p: str) -> tuple:
        """What one tagged word proposes: its own candidates (start, end, source, type within
        the word), and flags for the patterns that look at its neighbours."""
        han = is_han(w)
        cands = [(a, b, "rule", t) for a, b, t in self.readings(w, p)]
        if not cands and len(w) > 1 and w in self.name_lexicon:
            cands.append((0, len(w), "lex", "?"))
        if not cands and p in NAME_TAGS and self.unit_stem(w):
            cands.append((0, len(w), "stem", "LOC"))               # 怀柔/nr of 怀柔区
        if len(w) >= 2 and w[-1] in PLACE_ENDS and p in _NAME_OR_PLACE_TAGS and _names_or_unknown(cands):
            cands.append((0, len(w), "place-end", "LOC"))          # 高升镇/nr, though it reads as a name
        stem = title_stem(w)
        if stem and not cands:
            cands.append((0, len(stem), "org-title", "ORG"))        # 外交部长, 市委书记: the body the title heads
        if len(w) >= 2 and w[0] in SURNAMES and p in NAME_TAGS and w[1:] in SURNAME_TITLES:
            cands.append((0, 1, "title", "PER"))                    # 李老师/nr, 胡老/nr: the tagger's one word
        if 2 <= len(w) <= 4 and w[0] in COUNTRY_ABBR and p in _ABBR_HEAD_TAGS and w[:2] not in self.units \
                and w[:2] not in self.world_places and w not in self.world_places:      # not 俄 of 俄罗斯
            cands.append((0, 1, "abbr-head", "LOC"))                # 美 / 军, 俄 / 总统, 华 / 侨
        flags = 0
        # Any word the tagger calls an organisation ends one too (海口市 / 中级 / 人民法院/nt).
        if (w in ORG_SUFFIXES or w in ORG_WORDS
                or len(w) >= 2 and (w[-1] in ORG_ENDS and p in _NOUN_TAGS and not _person_word(w, p) or p == "nt")
                ) and w not in NOT_ORG_TAILS and w not in POSITIONS:
            flags |= ORG_TAIL
        if w in LOC_TAILS:
            flags |= LOC_TAIL
        elif len(w) >= 2 and w[-1] in TAIL_ENDS and p in _NOUN_TAGS and w not in self.units:
            flags |= GLUED_TAIL
        if stem:
            flags |= ORG_TITLE
        if len(w) == 1 and w in SURNAMES:
            flags |= SURNAME
        if len(w) == 2 and han and w[0] in SURNAMES and p in NAME_TAGS:
            flags |= NAME2
        if w in _DOTS:
            flags |= DOT
        elif w in _HYPHENS:
            flags |= HYPHEN
        if han and translit_only(w):
            flags |= TRANS
        return (tuple(cands), flags) if cands or flags else _NOTHING

    @cython.ccall
    def name_part(self, w: str, p: str) -> cython.int:
        """What a tagged word can be inside a run of words before an organisation's suffix or
        a place's tail (KNOWN | IN_ORG | ORG_HEAD | IN_LOC | NUMBER | VERB)."""
        han = is_han(w)
        part = KNOWN
        if w in POSITIONS:
            return part
        if p in _ORG_INNER and han or p == "eng" or p == "m" and han and _ordinal_or_numeral(w):
            part |= IN_ORG             # Han numerals only (第五中学, 八一); not counts (一家) or digits
        if p in _PROPER or self.place_like(w, p) or w in _ORG_HEAD_WORDS:
            part |= ORG_HEAD | IN_ORG  # also a place the tagger mistags (大连/d 化工 集团公司)
        if p in _LOC_INNER and han and w[-1] not in UNIT_ENDS:
            part |= IN_LOC             # not a whole unit: 安义县 / 万埠镇 are two places
        if p == "m":
            part |= NUMBER
        if p == "v":
            part |= VERB
        return part

    @cython.ccall
    def span_kind(self, span: str) -> str:
        """What a span's letters look like, for the model: a known place, a Chinese name, a
        transliteration, other."""
        if span in self.units or span in self.world_places or self.unit_stem(span):
            return "place"
        if span[0] in SURNAMES and 2 <= len(span) <= 3:
            return "han-name"
        if translit_only(span):
            return "translit"
        return "other"
