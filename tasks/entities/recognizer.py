"""Entity recognition as one object: what it loads (the gazetteer, the world's places, the
lexicon of names, the model's weights) and what it learns of the words it meets (what each
word proposes, each span's part of the score), held together and passed down by its owner
(the enricher of a worker process).

The modules under it import one way: `lexicon` (word lists, files of names) → `places` (the
gazetteer, provinces) → `rules` (what a tagged word proposes) → `model` (the weights, a
span's score) → `scan` (the loops per word and candidate, and what they keep).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence

from tasks.entities import lexicon
from tasks.entities.model import Candidate, Scorer, Weights, read_weights
from tasks.entities.places import Gazetteer
from tasks.entities.rules import NameRules
from tasks.entities.scan import Scanner

EntityRow = tuple[str, str, str, "str | None", int]     # type, text, normalized, province, count


@dataclass(frozen=True)
class Mention:
    start: int
    end: int
    type: str       # PER | LOC | ORG
    text: str


class Recognizer:
    def __init__(self, gazetteer: Gazetteer, world_places: frozenset[str], name_lexicon: frozenset[str],
                 weights: Weights):
        self.gazetteer = gazetteer
        self.rules = NameRules(gazetteer, world_places, name_lexicon)
        self.scorer = Scorer(weights, self.rules.span_kind)
        self.scanner = Scanner(self.rules, self.scorer, gazetteer)

    @classmethod
    def load(cls, name_lexicon: frozenset[str] | None = None, weights: Weights | None = None) -> Recognizer:
        """The shipped gazetteer, places, lexicon and weights (read once per process), or
        training's own lexicon or weights in their place."""
        return cls(Gazetteer.load(), lexicon.world_places(),
                   name_lexicon if name_lexicon is not None else lexicon.name_lexicon(),
                   weights if weights is not None else read_weights())

    def entities(self, tags: Sequence[tuple[str, str]], known_people: Iterable[str] = ()) -> list[EntityRow]:
        """(type, text, normalized, province, count) per distinct name in the tagged text;
        names from the byline (`known_people`) are persons wherever they stand."""
        return self.scanner.entity_rows(tags, known_people)

    def mentions(self, tags: Sequence[tuple[str, str]], known_people: Iterable[str] = ()) -> list[Mention]:
        """Each mention with its character offsets into the tagged text, left to right."""
        text, spans = self.scanner.spans(tags, known_people)
        return [Mention(s, e, t, text[s:e]) for s, e, t in spans]

    def candidates(self, tags: Sequence[tuple[str, str]]) -> list[Candidate]:
        """The spans of the tagged text that may be names, before the model judges them."""
        return self.scanner.candidates(tags)
