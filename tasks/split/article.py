"""The record the splitter produces for one article: the fields of the `articles` table
that come from the text itself (the flow adds ids, paths, dates and run metadata)."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass
class Article:
    seq: int = 0                      # 1-based order in its file
    kind: str = "article"             # article | photo | brief
    kicker: str = ""                  # 引题
    headline: str = ""                # 主题
    subheadline: str = ""             # 副题
    section_heads: list[str] = field(default_factory=list)   # 小标题 inside the article
    reading_tip: str = ""             # 阅读提示 / 核心阅读 text
    agency: str = ""                  # 本报, 新华社, …
    dateline_place: str = ""
    dateline_date: date | None = None
    reporters: list[str] = field(default_factory=list)
    correspondents: list[str] = field(default_factory=list)  # 通讯员
    photographers: list[str] = field(default_factory=list)
    editors: list[str] = field(default_factory=list)         # 责任编辑 / 本版编辑
    body: str = ""                    # paragraphs joined by "\n", page-break splits repaired
    page: int | None = None           # from a page marker in the text ("第2版"), if any

    @property
    def n_chars(self) -> int:
        return len(self.body)
