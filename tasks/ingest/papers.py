"""Which newspaper a file belongs to, when the run is not told (`--paper`), and what a paper's
optional profile (`papers.toml`) says where the splitter's inference cannot."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

PROFILE_FILE = "papers.toml"

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


@dataclass(frozen=True)
class Profile:
    """A paper's profile: each field None leaves the question to inference.

    title_blocks          True: titles are set as blocks of lines, a title line standing alone
                          is a section head; False: never read the page so
    script                "simplified" or "traditional": the script, not told from the text
    one_article_per_file  True: every file of the paper is one article, never split
    """
    title_blocks: bool | None = None
    script: str | None = None
    one_article_per_file: bool | None = None


_TYPES = {"title_blocks": bool, "script": str, "one_article_per_file": bool}
_SCRIPTS = ("simplified", "traditional")


class ProfileError(ValueError):
    pass


def read_profiles(*folders: str | Path) -> dict[str, Profile]:
    """The profiles in `papers.toml` of each folder that has one (a paper named in an earlier
    folder's file wins): tables keyed by paper name or file-name prefix. A bad file raises
    ProfileError naming the file, the table and the reason."""
    profiles: dict[str, Profile] = {}
    for folder in folders:
        path = Path(folder) / PROFILE_FILE
        if not path.is_file():
            continue
        try:
            tables = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as e:
            raise ProfileError(f"{path}: not a TOML file: {e}") from None
        for key, table in tables.items():
            if not isinstance(table, dict):
                raise ProfileError(f"{path}: [{key}] must be a table of settings")
            for name, value in table.items():
                if name not in _TYPES:
                    raise ProfileError(f"{path}: [{key}] unknown setting {name!r} "
                                       f"(known: {', '.join(_TYPES)})")
                if not isinstance(value, _TYPES[name]) or (name == "script" and value not in _SCRIPTS):
                    raise ProfileError(f"{path}: [{key}] {name} = {value!r} is not "
                                       + (" or ".join(map(repr, _SCRIPTS)) if name == "script" else "true or false"))
            profiles.setdefault(key, Profile(**table))
    return profiles


def profile_for(profiles: dict[str, Profile] | None, paper: str, rel_path: str) -> Profile:
    """The profile of `paper`, else of the file name's prefix (`dskb-20260329-01.txt` → dskb)."""
    if not profiles:
        return _NONE
    if paper in profiles:
        return profiles[paper]
    m = _PREFIX.match(rel_path.split("/")[-1])
    return profiles.get(m.group(1), _NONE) if m else _NONE


_NONE = Profile()
