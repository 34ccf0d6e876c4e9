"""Split a decoded newspaper page into articles and fill every field of `Article`.

The page is read paragraph by paragraph (`tasks.split.layout`). Each paragraph gets a role from
its text alone (`tasks.split.cues.paragraph_role`: title line, lead dateline, standalone byline,
credits, closing dateline, reading-tip label, body), a few of them corrected from their
neighbours; then a state machine reads the roles in order. A run of title lines either opens a
new article (its title block, `tasks.split.titles`) or heads a section of the current one. With
indentation marking paragraphs every unindented run opens one; on a blank-line page a few hard
cues decide (a dateline below, a closed article above) and otherwise the run scorer
(`tasks.split.scorer`). Finally each article is repaired and its fields filled
(`tasks.split.repairs`).

A file known to hold one article (`single=True`) is never split: its first title block titles it
(by line position when the file keeps kicker/headline/subheadline slots, see
`tasks.split.layout.title_slots`) and everything after is its body.

Section heads stay in the body as their own paragraphs (they are part of the text a reader sees)
and are also listed in `section_heads`; so do the standalone bylines of a compound article's
sections (they also credit the reporters; the article's own byline, above its text or closing it,
is a credit only). The reading tip is a separate box and is not in the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Callable

from tasks.split import bylines, scorer
from tasks.split.article import Article
from tasks.split.bylines import Credit
from tasks.split.cues import (DATE_OR_FIGURE, DOC_DATE, DOC_DATE_PATTERN, DOC_NO_PATTERN,
                              FOLIO_REACH, MAX_INDENT_TITLE, MAX_KICKER, MAX_TITLE, MAX_TITLE_LINES,
                              PAGE_MARK, STANDING_TITLES, TIP_MARK, is_column_name, is_folio,
                              paragraph_role, tagged)
from tasks.split.draft import BodyItem, Draft
from tasks.split.layout import Para, continues, is_terminated, paragraphs, title_slots
from tasks.split.repairs import finish
from tasks.split.titles import split_block

_TIP_BULLET = re.compile(r"^[■●◆▲★·]")
# lines that never open an article in a blank-line page: notes, bullets, numbered heads
_NEVER_OPENS = re.compile(r"^(?:[（(]|——|[■●◆▲★·]|第[一二三四五六七八九十\d]+[章节部分]|[一二三四五六七八九十]+、)")
# the note on the writer closing a signed piece: "（作者为中国驻某国大使）", "（作者单位：…）"
_AUTHOR_NOTE = re.compile(r"^[（(]作者(?:为|系|是|单位)")
# a wire feature's title after its dateline: "新华社北京三月一日电　题：春天里的新希望"
_WIRE_TITLE = re.compile(r"^题\s*[：:]\s*")
# boxes set inside an article, after its text or its closing dateline: "链接", "记者手记", and heads
# tagged so ("用事实和数据说话（记者手记）")
_BOX = re.compile(r"^[■●◆]?(?:记者手记|相关链接|链\s*接|延伸阅读|背景链接)$|[（(](?:记者手记|链接|延伸阅读)[）)]$")
# columns of briefs, each item titled and dated, titled by the bare column name
_BRIEF_COLUMNS = frozenset({"速览", "数读", "新闻速览", "简讯"})
# a document's date or number under a title line: the title of a document printed whole, which
# opens an article however long the article above runs (rmrb 2019-02: 9 of 9 such runs open one)
_DOC_NOTE = re.compile(DOC_DATE_PATTERN + "|" + DOC_NO_PATTERN)
_TRANSCRIPT_LEADS = 3   # web leads ("央视网消息（…）：") on a page that is a broadcast transcript
_MAX_SPEAKER = 24       # "外交部驻港公署负责人：", "博鳌亚洲论坛全球健康论坛大会："
_MAX_LABEL = 6          # a section label: 关注, 城市新闻, 城事·民生 (a headline is longer)
_MAX_GAP_SHARE = 0.2    # indented pages: blank lines before at most this share of paragraphs
                        # part articles (rmrb: one per article, ~5 % of paragraphs)
_MAX_BLOCK_LINES = 5     # a title block: kicker, a headline over up to three lines, subheadline
_MIN_BLOCK_GAP_SHARE = 0.6  # blank-line pages where at least this share of paragraphs has a blank
                        # line before it set a title's lines together in one block (evening
                        # papers: 都市快报's titles; rmrb and the seed put a blank after every line)


@dataclass
class TitleRun:
    """A run of title lines, paras[start:end] of the page, at the moment the splitter asks
    whether it opens a new article or heads a section of `article`, the current one."""

    lines: list[str]
    start: int
    end: int
    hard_cue: bool | None     # what the hard cues decide alone; None: left to the scorer
    transcript: bool          # on a broadcast transcript (scored without the trees)
    paras: list[Para]
    roles: list[str]
    article: Draft | None

    def features(self) -> dict[str, float]:
        """The run scorer's cues (`tasks.split.scorer.run_features`); needs an `article`."""
        return scorer.run_features(self.lines, self.start, self.end, self.paras, self.roles,
                                   self.article)

    def cohesion_features(self) -> dict[str, float]:
        """The run scorer's costly cohesion cues (`tasks.split.scorer.cohesion_features`)."""
        return scorer.cohesion_features(self.end, self.paras, self.article)


def opens_by_cues(run: TitleRun) -> bool:
    """The splitter's own decision: the hard cues, else the run scorer."""
    if run.hard_cue is not None:
        return run.hard_cue
    return scorer.opens(run.features(), run.cohesion_features,
                        scorer.NO_TREES if run.transcript else scorer.TREES)


def is_continuation(p: Para, prev: str | None, indent_mode: bool) -> bool:
    """An unindented line in an indented page that carries on a cut paragraph."""
    return (indent_mode and not p.indented and prev is not None and continues(prev, p.text)
            and (is_terminated(p.text) or len(p.text) > MAX_TITLE))


class Splitter:
    """Reads one page (`text`) paragraph by paragraph into drafts of its articles (`drafts()`).

    `single`: the page is one article. `opens` decides whether a title run opens a new article
    (by default the splitter's own cues, `opens_by_cues`; the trainer answers from the truth)."""

    def __init__(self, text: str, single: bool = False,
                 opens: Callable[[TitleRun], bool] = opens_by_cues, title_blocks: bool | None = None):
        self.opens = opens
        self.paras, self.indent_mode = paragraphs(text)
        # an indented page with blank lines only here and there: they part articles, so a title
        # run broken by one is two title blocks (a picture's title-only article over the next)
        self.gap_breaks = self.indent_mode and \
            sum(p.gap for p in self.paras) <= len(self.paras) * _MAX_GAP_SHARE
        self.roles = [paragraph_role(p, self.indent_mode) for p in self.paras]
        # a running head or foot stands at the page's ends (a page marker anywhere: its role)
        for k in {*range(FOLIO_REACH), *range(len(self.paras) - FOLIO_REACH, len(self.paras))}:
            if 0 <= k < len(self.paras) and is_folio(self.paras[k].text):
                self.roles[k] = "folio"
        self.page: int | None = None      # the page a marker in the text says we are on
        # blank-line pages that set a title's lines together: a block of several title lines is
        # one title, and it opens an article
        self.block = self._blocks() if not self.indent_mode and self.paras and title_blocks is not False \
            and (title_blocks or sum(p.gap for p in self.paras) >= (len(self.paras) - 1) * _MIN_BLOCK_GAP_SHARE) \
            else None
        self._promote_title_blocks()
        self.titles_in_blocks = self.titles_in_blocks or bool(title_blocks and self.block is not None)
        # a broadcast transcript (every report opens on "央视网消息（…）："): a title with no lead
        # under it is a sub-head of the report; the trees, fit on newspaper pages where unsigned
        # articles are common, would split it off
        self.transcript = sum(1 for p, r in zip(self.paras, self.roles)
                              if r == "lead" and bylines.is_web_lead(p.text)) >= _TRANSCRIPT_LEADS
        self._promote_titles_above_leads()
        if not single:
            self._promote_page_top_kicker()
        self._drafts: list[Draft] = []
        self.cur: Draft | None = None   # the article being read
        self.single = single
        self.start = self._open_single(text) if single else 0

    def _blocks(self) -> list[int]:
        """For each paragraph, the number of lines in its block (lines with no blank between)."""
        sizes: list[int] = []
        start = 0
        for k in range(1, len(self.paras) + 1):
            if k == len(self.paras) or self.paras[k].gap:
                sizes += [k - start] * (k - start)
                start = k
        return sizes

    def _title_block(self, i: int, j: int) -> bool:
        """paras[i:j] is a whole block of two or more title lines."""
        return self.block is not None and j - i >= 2 and self.block[i] == j - i and (
            i == 0 or self.paras[i].gap)

    def _block_edge(self, i: int, j: int) -> bool:
        """A title run from paragraph i stops before j: a block of several lines starts or ends."""
        return self.block is not None and self.paras[j].gap and (self.block[i] > 1 or self.block[j] > 1)

    def _promote_title_blocks(self) -> None:
        """On a page that sets titles in blocks, a block of a few short lines with no sentence in
        it is a title, whatever its lines end on ("特朗普发出威胁：" / "“下一个是古巴”")."""
        self.titles_in_blocks = False
        if self.block is None:
            return
        # a one-line caption with its credit ("…正值盛花期 记者 江玥 摄") is text, not a title
        for k, p in enumerate(self.paras):
            if self.roles[k] in ("title", "body") and bylines.split_caption(p.text) is not None:
                self.roles[k] = "caption"
        i = 0
        while i < len(self.paras):
            n = self.block[i]
            lines = [p.text for p in self.paras[i:i + n]]
            if 2 <= n <= _MAX_BLOCK_LINES and all(
                    len(t) <= MAX_TITLE and "。" not in t and self.roles[k] in ("title", "body")
                    for k, t in enumerate(lines, i)):
                self.roles[i:i + n] = ["title"] * n
                self.titles_in_blocks = True
            i += n

    def _promote_titles_above_leads(self) -> None:
        """A long unfinished line right above a dateline lead is that article's title: broadcast
        transcripts run titles to 100+ characters ("…——习近平总书记在…上的重要讲话引发强烈反响")."""
        for i in range(len(self.paras) - 1):
            text = self.paras[i].text
            if (self.roles[i] == "body" and self.roles[i + 1] == "lead" and len(text) <= MAX_INDENT_TITLE
                    and not self.paras[i].indented
                    and not is_terminated(text) and "。" not in text):
                self.roles[i] = "title"
        # a speaker kicker ("国台办：", "国家税务总局：") over a headline and a dateline
        for i in range(len(self.paras) - 2):
            text = self.paras[i].text
            if (self.roles[i] == "body" and text.endswith(("：", ":")) and len(text) <= _MAX_SPEAKER
                    and (i == 0 or self.roles[i - 1] != "title")
                    and not any(c in text for c in "，,。；;") and self.roles[i + 1] == "title"
                    and self.roles[i + 2] in ("lead", "byline")):
                self.roles[i] = "title"

    def _promote_page_top_kicker(self) -> None:
        """A blank-line page opening on an unfinished line right above a title: that line is the
        first article's kicker, however it ends ("写春联、赏年画、进博物馆……", "…如何应对？")."""
        if self.indent_mode or len(self.paras) < 2 or self.roles[:2] != ["body", "title"]:
            return
        text = self.paras[0].text
        if len(text) <= MAX_KICKER and "。" not in text and not text.endswith(("，", ",", "：", ":")):
            self.roles[0] = "title"

    def drafts(self) -> list[Draft]:
        """The page's articles as read, before their repairs (`tasks.split.repairs`)."""
        i = self.start
        while i < len(self.paras):
            i = self._read(i)
        return self._drafts

    def _open_single(self, text: str) -> int:
        """A one-article file: its title block opens the only article; returns where the rest
        starts. Titles kept by position are taken as they are, else the leading title lines."""
        slots = title_slots(text)
        if slots is not None:
            self._open_article([]).slots = slots
            return sum(1 for s in slots if s)
        n = 0
        while n < min(len(self.paras), MAX_TITLE_LINES) and self.roles[n] == "title":
            n += 1
        run = [p.text for p in self.paras[:n]]
        dated = n < len(self.paras) and self.roles[n] == "lead"
        titles, rest = (run, []) if self.indent_mode else split_block(run, dated)
        self._open_article(titles).items.extend(BodyItem(t) for t in rest)
        return n

    def _open_article(self, titles: list[str]) -> Draft:
        self.cur = Draft(titles=titles, blank_lines=not self.indent_mode and not self.single, page=self.page)
        self._drafts.append(self.cur)
        return self.cur

    def _last_body_text(self) -> str | None:
        if self.cur and self.cur.items and not (self.cur.items[-1].is_head or self.cur.items[-1].whole):
            return self.cur.items[-1].text
        return None

    def _read(self, i: int) -> int:
        """Reads paragraph i (and any its role takes along); returns the next one to read."""
        p, role = self.paras[i], self.roles[i]
        if role == "title" and is_continuation(p, self._last_body_text(), self.indent_mode):
            role = "body"
        handler = getattr(self, "_on_" + role)
        return handler(i)

    def _on_title(self, i: int) -> int:
        """The run of title lines from paragraph i: section heads of the current article, or a
        new article's title block (lines above it may close the current one, lines below it
        may open its body)."""
        j = i
        while j < len(self.paras) and self.roles[j] == "title" and not (
                j > i and (is_continuation(self.paras[j], None, self.indent_mode)
                           or (self.gap_breaks and self.paras[j].gap) or self._block_edge(i, j))):
            j += 1
        run = [p.text for p in self.paras[i:j]]
        if self._title_block(i, j) and len(run) > MAX_TITLE_LINES:
            # a title set in four or more short lines: the lines past the headline are its subheadline
            run = run[:MAX_TITLE_LINES - 1] + ["".join(run[MAX_TITLE_LINES - 1:])]
        nxt = self.roles[j] if j < len(self.paras) else ""
        note = max((k for k in range(1, len(run)) if _AUTHOR_NOTE.match(run[k])), default=0) \
            if len(run) > 1 and self.cur is not None else 0
        if note:
            # a signature over the author's note closes the article above ("张三" / "（作者为…）")
            self.cur.items.extend(BodyItem(t, is_head=True) for t in run[:note])
            run, i = run[note:], i + note
        while self.cur is not None and run and _NEVER_OPENS.match(run[0]):
            # notes ("（作者为…）"), bullets and numbered heads belong to the article above
            self.cur.items.append(BodyItem(run.pop(0), is_head=True))
            i += 1
        if not run:
            return j
        if self.cur is not None and _BOX.search(run[0]) and not self.indent_mode:
            self.cur.items.extend(BodyItem(t, is_head=True) for t in run)
            return j
        first_tagged = next((k for k, line in enumerate(run) if tagged(line)), 0)
        if first_tagged > 1 and self.cur is not None:
            # the tagged line is the headline: at most a kicker before it, the rest is the
            # article above
            cut = first_tagged - 1
            self.cur.items.extend(BodyItem(t, is_head=True) for t in run[:cut])
            run, i = run[cut:], i + cut
        if nxt in ("", "end") and self.cur is not None and not self.cur.closed \
                and run[0] not in STANDING_TITLES:
            # nothing (or only a closing dateline) follows: text broken off, not a title (but an
            # advertisement or a photo is only its title)
            for k in range(i, j):
                self._on_body(k)
            return j
        if not self.opens(TitleRun(run, i, j, self._hard_cue(run, i, j), self.transcript,
                                   self.paras, self.roles, self.cur)):
            self.cur.items.extend(BodyItem(t, is_head=True) for t in run)
            self.cur.head_runs.append(scorer.head_run_shape(run))
            return j
        dated_doc = next((k for k in range(1, len(run)) if DOC_DATE.match(run[k])), 0) \
            if len(run) > 1 and not self.indent_mode else 0
        if dated_doc and self.cur is not None and not self.cur.closed:
            # a document's title is the line above its date note; lines above it end the article
            # above, an order's heading and number below it open the document's text ("…法" /
            # "（…会议通过）" / "…主席令" / "第十九号")
            self.cur.items.extend(BodyItem(t, is_head=True) for t in run[:dated_doc - 1])
            run = run[dated_doc - 1:]
        elif len(run) > MAX_TITLE_LINES and self.cur is not None and not self.cur.closed \
                and not (not self.indent_mode and (tagged(run[0]) or any(
                    line.startswith("——") for line in run[1:MAX_TITLE_LINES]))):
            # lines above a full title block end the article above (unless the run opens on a
            # column-tagged headline or its subheadline is marked: then the lines after that
            # block open the body, "…（人民时评）" / "——…之六" / a summary line)
            self.cur.items.extend(BodyItem(t, is_head=True) for t in run[:-MAX_TITLE_LINES])
            run = run[-MAX_TITLE_LINES:]
        if self._title_block(i, j):
            titles, rest = run, []
        elif not self.indent_mode:
            titles, rest = split_block(run, nxt == "lead")
        elif len(run) > MAX_TITLE_LINES:
            titles, rest = ["".join(run[:-2])] + run[-2:], []   # a kicker broken over lines
        else:
            titles, rest = run, []
        self._open_article(titles).items.extend(BodyItem(t) for t in rest)
        return j

    def _hard_cue(self, run: list[str], i: int, j: int) -> bool | None:
        """Does the title run paras[i:j] (its lines `run`) open a new article, by the layout and
        text cues that decide it alone? None: they do not, the scorer decides."""
        cur = self.cur
        if self.single:
            return False
        if cur is None or cur.closed or self.indent_mode:
            return True
        if i and DATE_OR_FIGURE.match(self.paras[i - 1].text):
            return False   # the caption of a highlighted figure ("239家") set in the article
        if self._title_block(i, j):
            return True
        nxt = self.roles[j] if j < len(self.paras) else ""
        if nxt == "lead" and len(cur.titles) == 1 and cur.titles[0] in _BRIEF_COLUMNS \
                and run[0] not in STANDING_TITLES:
            # an item of a column of dated briefs ("速览" / an item's title / "本报北京…电"):
            # rmrb 2019-02, 13 of 14 dated runs under one are its items
            return False
        if nxt == "author":
            return True   # a piece signed right under its title ("寄思人：黄肖洁", "作者：张三")
        if nxt == "lead" or (nxt == "byline" and cur.lead is not None):
            # a dateline follows a title (rmrb: 96 % of runs before one open an article), and an
            # article credited in its dateline takes no second byline
            return True
        if any(_DOC_NOTE.match(line) for line in run[1:MAX_TITLE_LINES]):
            return True
        if self.titles_in_blocks:
            # a paper that sets its titles in blocks sets a section head as a line of its own
            return False
        return None

    def _text_article(self) -> Draft:
        """The article text belongs to: the current one (even after its closing dateline, as
        boxes like "链接" follow it), a headless one only at the very top of the page."""
        return self.cur or self._open_article([])

    def _on_body(self, i: int) -> int:
        text = self.paras[i].text
        cur = self._text_article()
        last = self._last_body_text()
        # an indented line is a paragraph of its own (rmrb pages: the unfinished lines above
        # one are section and brief heads, not paragraphs cut by a page break)
        if last is not None and not self.paras[i].indented and continues(last, text):
            cur.items[-1].text = last + text
        else:
            cur.items.append(BodyItem(text))
        source = bylines.cited_source(cur.items[-1].text)
        if source:
            # "…予以销毁。据新华社": the story ends on the source it was taken from
            cur.credits.append(Credit(agency=source))
            cur.closed = True
        elif bylines.split_end_dateline(cur.items[-1].text)[1] is not None:
            # "…提高加装效率。（记者 孙明）", "…（完）": the story ends on its credit, which
            # `repairs` takes off the text
            cur.closed = True
        return i + 1

    def _on_caption(self, i: int) -> int:
        """A picture's caption with its credit: text of the article, the credit taken."""
        cur = self._text_article()
        cur.credits.append(bylines.split_caption(self.paras[i].text))
        cur.items.append(BodyItem(self.paras[i].text, whole=True))
        return i + 1

    def _on_author(self, i: int) -> int:
        """The writer's line under a title ("寄思人：黄肖洁"): text of the piece it opens."""
        return self._on_body(i)

    def _on_cited(self, i: int) -> int:
        """The source line closing a story ("据中国之声"): kept as text, it names the agency."""
        cur = self._text_article()
        cur.items.append(BodyItem(self.paras[i].text))
        cur.credits.append(Credit(agency=bylines.cited_source(self.paras[i].text)))
        cur.closed = True
        return i + 1

    def _on_lead(self, i: int) -> int:
        credit, rest = bylines.parse_lead(self.paras[i].text)
        cur = self._text_article()
        if cur.lead is not None or len(cur.items) > 1 or (
                cur.items and len(cur.titles) == 1 and is_column_name(cur.titles[0])):
            # a further dated item inside a compound article (rmrb "速览", a leader's meetings),
            # or the first item of a column of briefs (a bare column name over the item's title)
            return self._on_body(i)
        cur.lead = credit
        title = _WIRE_TITLE.match(rest)
        if title and "".join(rest[title.end():].split()) == "".join("".join(cur.titles).split()):
            return i + 1    # wire copy's "电　题：…" repeats the headline above it
        if rest:
            # (a title line that is not the headline stays, but no paragraph continues it)
            cur.items.append(BodyItem(rest, whole=bool(title)))
        return i + 1

    def _on_byline(self, i: int) -> int:
        credit = bylines.parse_standalone(self.paras[i].text)
        cur = self._text_article()
        if not cur.credits and not cur.lead and cur.items:
            cur.byline_at = len(cur.items)
        if cur.items:
            # a section's byline in a compound article is text a reader sees there: it stays in
            # the body (put back by `_put_back_bylines`) as well as crediting its reporters
            cur.inline_bylines.append((len(cur.items), self.paras[i].text))
        cur.bylines_met += 1
        cur.credits.append(credit)
        return i + 1

    def _on_photo(self, i: int) -> int:
        if self.cur is not None:
            self.cur.credits.append(bylines.parse_photo(self.paras[i].text))
        return i + 1

    def _on_editor(self, i: int) -> int:
        if self.cur is not None:
            self.cur.credits.append(Credit(editors=bylines.parse_editor(self.paras[i].text)))
        return i + 1

    def _on_credit(self, i: int) -> int:
        return i + 1

    def _on_folio(self, i: int) -> int:
        """A running head or foot: page furniture, no article's. A page marker inside a file of
        a whole issue starts a page: what follows is on it, and no article runs on past it."""
        mark = PAGE_MARK.match(self.paras[i].text)
        if mark:
            self.page = int(mark["page"]) if mark["page"] else None
            if self.cur is not None:
                self.cur.closed = True
        return i + 1

    def _on_source(self, i: int) -> int:
        """A picture's source line: kept as text, and like a credit it closes the item above."""
        self._text_article().items.append(BodyItem(self.paras[i].text))
        return i + 1

    def _on_signature(self, i: int) -> int:
        """A bare signature ("张  岩"): kept as text, counted like a standalone byline."""
        cur = self._text_article()
        cur.bylines_met += 1
        cur.items.append(BodyItem(self.paras[i].text))
        return i + 1

    def _on_end(self, i: int) -> int:
        if self.cur is not None:
            self.cur.credits.append(bylines.split_end_dateline(self.paras[i].text)[1])
            self.cur.closed = True
        return i + 1

    def _on_tip(self, i: int) -> int:
        cur = self._text_article()
        inline = TIP_MARK.sub("", self.paras[i].text)
        j = i + 1
        if inline:
            cur.tip.append(inline)
        elif j < len(self.paras) and self.roles[j] == "body":
            cur.tip.append(self.paras[j].text)
            j += 1
        # further tip paragraphs only when they are bullets ("■…", as rmrb's 核心阅读 has)
        while j < len(self.paras) and self.roles[j] == "body" and _TIP_BULLET.match(
                self.paras[j].text) and _TIP_BULLET.match(cur.tip[0] if cur.tip else "■"):
            cur.tip.append(self.paras[j].text)
            j += 1
        return j


def split_text(text: str, pub_date: date | None = None, single: bool = False,
               title_blocks: bool | None = None) -> list[Article]:
    """The articles of one decoded page, in order, every field filled. Never raises.

    `single`: the text is exactly one article (a file named by its article number), so nothing
    is ever split off: the first title block titles it, the rest is its body. `title_blocks`:
    the paper sets its titles as blocks of lines (True) or never (False); None: read the page."""
    if not isinstance(text, str) or not text.strip():
        return []
    splitter = Splitter(text, single, title_blocks=title_blocks)
    drafts = [d for d in splitter.drafts() if d.titles or d.items or d.slots or (single and d.tip)]
    if splitter.titles_in_blocks:
        # only there: a daily prints a short title over a picture alone (dropped, rmrb
        # headline recall fell 0.004)
        drafts = [d for d, nxt in zip(drafts, [*drafts[1:], None]) if nxt is None or not _section_label(d)]
    return [finish(d, seq, pub_date) for seq, d in enumerate(drafts, 1)]


def _section_label(d: Draft) -> bool:
    """A short line over the next article's title with nothing of its own ("关注", "城事·民生"):
    the page's section label, no article."""
    return (len(d.titles) == 1 and len(d.titles[0]) <= _MAX_LABEL and not d.items and not d.tip
            and not d.credits and d.lead is None and d.slots is None)
