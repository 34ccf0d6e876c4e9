"""Entity recognition as one object: what it loads (the gazetteer, the word lists, the lexicon
of names, the model's weights) and what it learns of the words it meets (what each word
proposes, each span's part of the score), held together and passed down by its owner (the
enricher of a worker process)."""
from __future__ import annotations

from typing import Iterable, Sequence

from tasks.entities import rules

EntityRow = tuple[str, str, str, "str | None", int]     # type, text, normalized, province, count


class Recognizer:
    @classmethod
    def load(cls) -> "Recognizer":
        return cls()

    def entities(self, tags: Sequence[tuple[str, str]], known_people: Iterable[str] = ()) -> list[EntityRow]:
        """(type, text, normalized, province, count) per distinct name in the tagged text;
        names from the byline (`known_people`) are persons wherever they stand."""
        return rules.entities(tags, known_people)

    def mentions(self, tags: Sequence[tuple[str, str]], known_people: Iterable[str] = ()) -> list[rules.Mention]:
        """Each mention with its character offsets into the tagged text, left to right."""
        return rules.find_mentions(tags, known_people)
