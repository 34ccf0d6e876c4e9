"""Who said what: direct quotes and reported speech, with the speaker, the speaker's title and
the entity the speaker resolves to.

Forms read (full-width or ASCII punctuation; corner brackets 「…」 as quotation marks):

  direct     X说：“……”   X表示，“……”   “……”X说。   “……”，X说，“……”   X昨日表示：「……」
  reported   X介绍/表示/指出/强调/认为/说，……。
  speaker X  黑龙江省总工会权益保障部相关负责人 (unnamed: speaker NULL, all of it the title)
             铜梁区总工会党组书记、常务副主席潘国庆 (title, then the name)
             上海市医药工会 (an organisation)   她 (the person named just before, when clear)

The speaker phrase runs back from the verb to the clause boundary before it; its name is the
longest PER or ORG entity of the article it ends on (the entities the recognizer found), its
title what stands before the name.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable, Iterable, NamedTuple

from tasks.entities.lexicon import SURNAMES
from tasks.han import HAN_CLASS, HAN_RANGE

# verbs of saying, and what may stand between the speaker and the verb (高兴地说, 告诉记者)
_VERB = re.compile(r"说|表示|介绍|指出|强调|认为|坦言|透露|称|告诉记者|谈到|提到|解释|补充说|回忆说|感慨|呼吁|"
                   r"建议|提出|要求")
# and when, which news puts there as often (陈茂波昨日表示, 发言人日前在会上说)
_MANNER = re.compile(r"(?:(?:高兴|兴奋|激动|感慨|自豪|动情|坦率|认真|欣喜|无奈|骄傲|坚定|深有感触)地|笑着|"
                     r"对记者|向记者|在[^，,。“”]{1,12}?(?:会上|上|中|时)|同步|同时|随即|再次|进一步|一再|多次|"
                     r"也|还|曾|昨日|昨天|今日|今天|近日|日前|早前|当天|当日|[上下]午|晚间|\d{1,2}日)+$")
# what ends the clause a speaker phrase stands in, looking back from the verb
_CLAUSE_END = re.compile(r".*[，,。；;：:“”！？!?\s]", re.S)     # greedy: a match ends after the last one
# after the verb: a direct quote (说：“……”), reported speech (介绍，……。), or the sentence's end
# closing a quote that came before (“……”X说。)
_QUOTE_NEXT = re.compile(r"\s*[：:，,]?\s*“(?P<quote>[^“”]{2,}?)”")
_REPORTED_NEXT = re.compile(r"[，,]\s*(?P<quote>(?:[^“”。！？!?]|“[^“”]*”){6,}[。！？!?]?)")
_ENDS_SENTENCE = re.compile(r"\s*(?:[。，,：:]|$)")
_QUOTE_BEFORE = re.compile(r"“(?P<quote>[^“”]{2,}?)”(?:[^“”。！？!?]{0,60}[，,])?\s*$")
_MAX_LOOKBACK = 120
_CORNER_QUOTES = str.maketrans("「」『』", "“”‘’")
_SENTENCE_END = re.compile(r"[。！？!?]")
_PRONOUNS = frozenset("他她")
# words that end a clause's subject without being a speaker ("有关数据", "记者了解到")
_NOT_SPEAKERS = re.compile(r"^(?:记者|有人|大家|数据|研究|报告|调查|专家们|这|那|其中|此外|同时|对此|另外)$")
# a speaker phrase starting a sentence may carry a lead-in before the title ("在谈到…时，" is cut
# at the comma already); these words before the title are not part of it
_LEAD_IN = re.compile(r"^(?:据|对此|同时|此外|随后|另外|他还|她还|当天|会上|其中)")
_HAN = re.compile(HAN_CLASS)
_MAX_SPEAKER = 40
# a name the recognizer missed, after a title that ends on a role: 网约车驾驶员周叶, 副主席洪伟
# (any surname: the role says a name follows; time words are no names: 局长日前表示)
_SURNAME = "[" + "".join(sorted(SURNAMES)) + "]"
_TITLED_NAME = re.compile(
    rf"^(?P<title>.*(?:主席|书记|部长|局长|处长|科长|主任|经理|院长|校长|会长|社长|厂长|队长|班长|站长|"
    rf"代表|委员|员|师|者|长))(?!近日|日前|此前|昨天|今天|当天|随后|同时|近期|今年|去年)"
    rf"(?P<name>[{HAN_RANGE}]{{2,3}})$")
# a person opening the sentence a pronoun speaks in: 李桂兰是…环卫工人，她说
_SUBJECT = re.compile(rf"[”’」』\s]*(?P<name>{_SURNAME}[{HAN_RANGE}]{{1,2}})(?=是|在|今年|已|曾|从|每天)")


class Quote(NamedTuple):     # a tuple, so rows go to the table as they are (astuple took 2 % of a batch)
    speaker: str | None        # the name as printed (None: an unnamed speaker, 相关负责人)
    speaker_entity: str | None  # the normalized PER or ORG entity, or None
    speaker_title: str         # the title or description (黑龙江省总工会权益保障部相关负责人)
    verb: str
    quote: str
    direct: bool


@dataclass(frozen=True)
class Names:
    """The article's PER and ORG entities: text as printed → (type, normalized)."""
    by_text: dict[str, tuple[str, str]]

    @classmethod
    def of(cls, entity_rows: Iterable[tuple]) -> Names:
        return cls({text: (typ, norm) for typ, text, norm, *_ in entity_rows if typ in ("PER", "ORG")})

    def ending(self, phrase: str) -> tuple[str, str, str] | None:
        """(name, type, normalized) of the longest entity the phrase ends on."""
        for k in range(len(phrase)):
            hit = self.by_text.get(phrase[k:])
            if hit:
                return phrase[k:], hit[0], hit[1]
        return None


def _speaker(phrase: str, names: Names, last_person: Callable[[], tuple[str, str | None] | None]
             ) -> tuple[str | None, str | None, str] | None:
    """(name, entity, title) of a speaker phrase, or None when it is no speaker; a pronoun is
    the person `last_person()` names."""
    phrase = _LEAD_IN.sub("", phrase.strip())
    if not phrase or len(phrase) > _MAX_SPEAKER or not _HAN.match(phrase[0]) or _NOT_SPEAKERS.match(phrase):
        return None
    if phrase in _PRONOUNS:
        person = last_person()
        return (person[0], person[1], "") if person else None
    named = names.ending(phrase)
    if named:
        name, _, normalized = named
        title = phrase[: len(phrase) - len(name)].rstrip("的 ")
        return name, normalized, title
    titled = _TITLED_NAME.match(phrase)
    if titled:
        return titled["name"], None, titled["title"].rstrip("的 ")
    # an unnamed speaker: a title ending on a role ("相关负责人", "工作人员")
    if phrase.endswith(("负责人", "人员", "人士", "专家", "代表", "发言人", "主任", "局长", "经理", "书记")):
        return None, None, phrase
    return None


def quotes(text: str, entity_rows: Iterable[tuple]) -> list[Quote]:
    """The quotations of an article's text, in order, with speakers resolved against its
    entities (`entity_rows`: (type, text, normalized, …) as the recognizer gives them)."""
    if "「" in text or "『" in text:
        # Hong Kong and Taiwan quote in corner brackets (as printed, and in the simplified copy)
        text = text.translate(_CORNER_QUOTES)
    names = None

    def last_person_before(at: int) -> tuple[str, str | None] | None:
        """Who a pronoun at `at` is (looked up only when one speaks)."""
        ends = [m.end() for m in _SENTENCE_END.finditer(text, 0, at)]
        subject = _SUBJECT.match(text, ends[-1] if ends else 0)
        if subject and subject.end() <= at:
            name = subject["name"]
            return name, names.by_text.get(name, (None, None))[1]
        last = max(((text.rfind(t, 0, at), t) for t, (typ, _) in names.by_text.items() if typ == "PER"),
                   default=(-1, ""))
        return (last[1], names.by_text[last[1]][1]) if last[0] >= 0 else None

    found: list[Quote] = []
    done = 0        # quotes do not overlap: the next starts after the last one taken
    for v in _VERB.finditer(text):
        if v.start() < done:
            continue
        # what follows the verb first: most verbs of saying in a text quote nobody (认为 in the
        # middle of a sentence), ruled out before the phrase is looked for (quotes 35 % faster)
        direct = _QUOTE_NEXT.match(text, v.end())
        reported = None if direct else _REPORTED_NEXT.match(text, v.end())
        if not (direct or reported or _ENDS_SENTENCE.match(text, v.end())):
            continue
        # the speaker phrase: back from the verb (and a manner word before it) to the clause end
        start = max(0, v.start() - _MAX_SPEAKER - 8)
        head = text[start:v.start()]
        manner = _MANNER.search(head)
        if manner:
            head = head[:manner.start()]
        clause = _CLAUSE_END.match(head)
        phrase_at = start + (clause.end() if clause else 0)
        phrase = text[phrase_at:start + len(head)]
        if not phrase:
            continue
        before = None
        if not (direct or reported):
            if phrase_at:
                before = _QUOTE_BEFORE.search(text, max(0, phrase_at - _MAX_LOOKBACK), phrase_at)
            if not before:
                continue
        if names is None:       # built only for the articles that quote someone
            names = Names.of(entity_rows)
        who = _speaker(phrase, names, lambda: last_person_before(phrase_at))
        if who is None:
            continue
        name, entity, title = who
        m = direct or reported or before
        found.append(Quote(name, entity, title, v.group(), m["quote"].strip(), reported is None))
        done = m.end() if m is not before else v.end()
    return found
