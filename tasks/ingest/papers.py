"""Which newspaper a file belongs to, when the run is not told (`--paper`)."""
from __future__ import annotations

import re

# File-name prefixes in common use for the papers baoku sees most.
KNOWN_PREFIXES = {
    "rmrb": "人民日报",
    "grrb": "工人日报",
    "xwlb": "新闻联播",
    "gmrb": "光明日报",
    "jjrb": "经济日报",
    "zgqnb": "中国青年报",
}
_PREFIX = re.compile(r"^([a-z]+)[-_]?\d", re.I)
_DATEISH = re.compile(r"^[\d_\-]+$")


def paper_from_path(rel_path: str, default: str | None = None) -> str:
    """`--paper` when given; else a known file-name prefix (`rmrb-20200119-04.txt`); else the
    first folder of the path unless it is a date (`工人日报/…`); else 'unknown'."""
    if default:
        return default
    parts = rel_path.split("/")
    m = _PREFIX.match(parts[-1])
    if m and m.group(1).lower() in KNOWN_PREFIXES:
        return KNOWN_PREFIXES[m.group(1).lower()]
    for folder in parts[:-1]:
        if folder in KNOWN_PREFIXES:
            return KNOWN_PREFIXES[folder]
        if not _DATEISH.match(folder):
            return folder
    return "unknown"
