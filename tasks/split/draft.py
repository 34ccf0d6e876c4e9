"""An article while the splitter reads it: what it has met so far, which the opening decisions
read and the repairs (`tasks.split.repairs`) turn into an `Article`."""
from __future__ import annotations

from dataclasses import dataclass, field

from tasks.split.bylines import Credit


@dataclass
class BodyItem:
    """A paragraph of the article's body, or a section head."""

    text: str
    is_head: bool = False
    whole: bool = False     # complete as it stands (a caption): never continued by the next line


@dataclass
class Draft:
    titles: list[str] = field(default_factory=list)   # the lines of its title block
    items: list[BodyItem] = field(default_factory=list)
    tip: list[str] = field(default_factory=list)      # reading-tip paragraphs
    lead: Credit | None = None                        # the dateline it opens on
    credits: list[Credit] = field(default_factory=list)
    byline_at: int = 0      # body position of a standalone byline met after the body began
    inline_bylines: list[tuple[int, str]] = field(default_factory=list)   # (body position, line)
    closed: bool = False    # a closing dateline or credit was met: the article is over
    head_runs: list[tuple[int, bool, int]] = field(default_factory=list)   # shapes of its head runs
    bylines_met: int = 0    # standalone bylines and signatures (compound articles: one a section)
    slots: tuple[str, str, str] | None = None   # kicker, headline, subheadline known by position
    blank_lines: bool = False   # titled on a blank-line page (no layout cue ends its title block)
    page: int | None = None     # the page a marker in the text put it on (a file of a whole issue)
