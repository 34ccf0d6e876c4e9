"""Split a decoded newspaper page into articles and fill every field of `Article`.

The page is read paragraph by paragraph (see `tasks.layout`). Each paragraph gets one role
(title line, lead dateline, standalone byline, photo credit, editor, other credit, closing dateline,
reading-tip marker, body); then runs of title lines are either a new article's title block or
section heads of the current article, decided from layout and byline cues. Finally each article is
repaired (page-break splits joined, an out-of-column-order block rotated back) and its credits
resolved.

Section heads stay in the body as their own paragraphs (they are part of the text a reader sees)
and are also listed in `section_heads`; the reading tip is a separate box and is not in the body.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from tasks import bylines
from tasks.article import Article
from tasks.bylines import Credit
from tasks.layout import Para, continues, is_terminated, paragraphs

_TIP_MARK = re.compile(r"^[【\[]?(?:阅读提示|核心阅读|编者按|内容提要)[】\]]?\s*[:：]?\s*")
_TIP_BULLET = re.compile(r"^[■●◆▲★·]")
# a headline carrying a column tag: "基层情怀，问计于民听心声（评论员观察）"
_COLUMN_TAG = re.compile(r"[（(][^（()）]{1,16}(?:[（(][^（()）]{1,6}[）)])?[^（()）]{0,4}[）)]$")
# paragraphs that open with a date are news text, never titles ("12月12日，上海…")
_DATE_START = re.compile(r"^(?:\d{1,2}月)?\d{1,2}日[，,]")
# a letter's date line or a highlighted figure ("2019年1月21日", "296户", "10.5%"): body text
_DATE_OR_FIGURE = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|[\d.,%]+\S{0,4})$")
# lines that never open an article in a blank-line page: notes, bullets, numbered heads
_NEVER_OPENS = re.compile(r"^(?:[（(]|[■●◆▲★·]|第[一二三四五六七八九十\d]+[章节部分]|[一二三四五六七八九十]+、)")
# titles of standing photo/brief columns that never carry a byline
_STANDING_TITLES = frozenset({"图片报道", "图片新闻", "新闻速览", "速览", "简讯", "本版责编"})
_KICKER_END = re.compile(r"(?:强调|指出|要求|印发|表示|宣布|提出|时说|发布|发表)$")
_SUB_END = re.compile(r"(?:主持|出席|参加)[\u4e00-\u9fff]{0,5}$|(?:会见|讲话|致辞)$")
_MAX_TITLE = 60        # headlines/subheadlines in rmrb 2019-02: 99 % are at most 60 characters
_MAX_KICKER = 120      # kickers ending in "——" run longer (a whole sentence leading to the headline)
_MAX_INDENT_TITLE = 150
_CAPTION_LOOKAHEAD = 3  # a photo item: at most this many caption paragraphs before the credit
_MAX_PHOTO_PARAS = 3    # …and an article that short with a photo credit is a captioned photo
_MAX_TITLE_LINES = 3    # kicker, headline, subheadline


@dataclass
class _Item:
    text: str
    is_head: bool = False   # a section head


@dataclass
class _Draft:
    titles: list[str] = field(default_factory=list)
    items: list[_Item] = field(default_factory=list)
    tip: list[str] = field(default_factory=list)
    lead: Credit | None = None
    credits: list[Credit] = field(default_factory=list)
    byline_at: int = 0      # body position of a standalone byline met after the body began
    closed: bool = False    # a closing dateline or credit was met: the article is over


def _role(p: Para, indent_mode: bool) -> str:
    text = p.text
    if _TIP_MARK.match(text) and len(text) <= 8:
        return "tip"
    if len(text) <= 40:
        if bylines.split_end_dateline(text)[0] == "":
            return "end"
        if bylines.parse_editor(text) is not None:
            return "editor"
        if bylines.parse_photo(text) is not None:
            return "photo"
        if bylines.is_other_credit(text):
            return "credit"
        if bylines.parse_standalone(text) is not None:
            return "byline"
    if bylines.parse_lead(text) is not None:
        return "lead"
    if _title_like(p, indent_mode):
        return "title"
    return "body"


def _title_like(p: Para, indent_mode: bool) -> bool:
    """Could be a kicker, headline, subheadline or section head (decided later by context)."""
    text = p.text
    if text.endswith(("：", ":", "，", ",")):
        return False   # a salutation ("女士们，先生们，") or a lead-in ("这正是："), never a title
    if indent_mode:
        return not p.indented and len(text) <= _MAX_INDENT_TITLE
    if _DATE_START.match(text) or _DATE_OR_FIGURE.match(text) or "。" in text.rstrip("。”"):
        return False
    if text.endswith("——"):
        return len(text) <= _MAX_KICKER
    if len(text) > _MAX_TITLE:
        return False
    if text.endswith(("，", ",", "、", "：", ":", "；", ";", "。", "……")):
        return False
    # "新春招聘会，火爆！" and quoted headlines end on ！/？/” without being sentences
    return not is_terminated(text) or len(text) <= 24


def _is_continuation(p: Para, prev: str | None, indent_mode: bool) -> bool:
    """An unindented line in an indented page that carries on a cut paragraph."""
    return (indent_mode and not p.indented and prev is not None and continues(prev, p.text)
            and (is_terminated(p.text) or len(p.text) > _MAX_TITLE))


def _starts_article(run: list[str], nxt: str, prev: str, cur: _Draft | None,
                    indent_mode: bool, caption_ahead: bool) -> bool:
    """Does this run of title lines open a new article (else: section heads of `cur`)?"""
    if cur is None or cur.closed or indent_mode or len(run) >= 3:
        return True
    if nxt in ("lead", "byline") or prev in ("end", "editor", "photo", "credit") or caption_ahead:
        return True
    if any(_COLUMN_TAG.search(line) and not line.startswith(("（", "(")) for line in run):
        return True
    if len(run) == 2:
        # a two-line section head ("改革迎来新机遇" + a line spelling it out) looks the same as
        # kicker + headline; only a dash, a reporting-verb kicker or a body still empty say title
        first, second = run
        return (first.endswith("——") or second.startswith("——") or bool(_KICKER_END.search(first))
                or not any(not it.is_head for it in cur.items))
    return run[0] in _STANDING_TITLES


def _caption_ahead(roles: list[str], paras: list[Para], i: int) -> bool:
    """The paragraphs after position i are a photo caption: a few body paragraphs, then a credit."""
    for j in range(i + 1, min(len(paras), i + 1 + _CAPTION_LOOKAHEAD + 1)):
        if roles[j] == "photo" or (roles[j] == "body"
                                  and bylines.split_trailing_photo(paras[j].text)[1]):
            return j > i + 1 or roles[j] == "body"
        if roles[j] != "body":
            return False
    return False


def _subheadline_votes(first: str, second: str) -> int:
    """> 0 when a two-line block reads as headline + subheadline, else kicker + headline.

    Cues read off the 2019-02 two-line blocks: the column tag sits on the headline; kickers end
    in a reporting verb ("…时强调", "中办国办印发"); subheadlines are parenthesised notes
    ("（…会议通过）") or a person's role ("栗战书主持"), and are longer than the headline while
    kickers are longer than theirs."""
    votes = 0
    if (_COLUMN_TAG.search(second) and not second.startswith(("（", "("))) or _KICKER_END.search(first):
        votes -= 3
    if _COLUMN_TAG.search(first) or second.startswith(("（", "(")) or _SUB_END.search(second):
        votes += 3
    if len(second) >= 1.3 * len(first) and len(second) >= 16 and " " not in first:
        votes += 1   # (a two-phrase slogan "经验共享 问题共研" is a kicker however short)
    if len(first) >= 1.3 * len(second) or len(first) <= 8:
        votes -= 1
    return votes


def _assign_titles(lines: list[str]) -> tuple[str, str, str]:
    """(kicker, headline, subheadline) of a title block of 1-3 lines.

    Two lines without a dash cue default to kicker + headline: in rmrb 2019-02, 323 of the 421
    two-line blocks without a "——" cue were kicker + headline."""
    if len(lines) == 1:
        return "", lines[0], ""
    if len(lines) == 2:
        first, second = lines
        if first.endswith("——"):
            return first, second, ""
        if second.startswith("——") or _subheadline_votes(first, second) > 0:
            return "", first, second
        return first, second, ""
    return lines[0], lines[1], lines[2]


class _Splitter:
    def __init__(self, text: str):
        self.paras, self.indent_mode = paragraphs(text)
        self.roles = [_role(p, self.indent_mode) for p in self.paras]
        self.drafts: list[_Draft] = []
        self.cur: _Draft | None = None

    def run(self) -> list[_Draft]:
        i = 0
        while i < len(self.paras):
            i = self._step(i)
        return self.drafts

    def _new(self, titles: list[str]) -> _Draft:
        self.cur = _Draft(titles=titles)
        self.drafts.append(self.cur)
        return self.cur

    def _last_body(self) -> str | None:
        if self.cur and self.cur.items and not self.cur.items[-1].is_head:
            return self.cur.items[-1].text
        return None

    def _step(self, i: int) -> int:
        p, role = self.paras[i], self.roles[i]
        if role == "title" and _is_continuation(p, self._last_body(), self.indent_mode):
            role = "body"
        handler = getattr(self, "_on_" + role)
        return handler(i)

    def _on_title(self, i: int) -> int:
        j = i
        while j < len(self.paras) and self.roles[j] == "title" and not (
                j > i and _is_continuation(self.paras[j], None, self.indent_mode)):
            j += 1
        run = [p.text for p in self.paras[i:j]]
        nxt = self.roles[j] if j < len(self.paras) else ""
        while self.cur is not None and run and _NEVER_OPENS.match(run[0]):
            # notes ("（作者为…）"), bullets and numbered heads belong to the article above
            self.cur.items.append(_Item(run.pop(0), is_head=True))
            i += 1
        if not run:
            return j
        tagged = [k for k, line in enumerate(run) if _COLUMN_TAG.search(line)
                  and not line.startswith(("（", "("))]
        if tagged and tagged[0] > 1 and self.cur is not None:
            # the tagged line is the headline: at most a kicker before it, the rest is the
            # article above
            cut = tagged[0] - 1
            self.cur.items.extend(_Item(t, is_head=True) for t in run[:cut])
            run, i = run[cut:], i + cut
        if nxt in ("", "end") and self.cur is not None and not self.cur.closed:
            # nothing (or only a closing dateline) follows: text broken off, not a title
            for k in range(i, j):
                self._on_body(k)
            return j
        prev = self.roles[i - 1] if i else ""
        if not _starts_article(run, nxt, prev, self.cur, self.indent_mode,
                               _caption_ahead(self.roles, self.paras, j - 1)):
            self.cur.items.extend(_Item(t, is_head=True) for t in run)
            return j
        extra, block = run[:-_MAX_TITLE_LINES], run[-_MAX_TITLE_LINES:]
        if extra and self.cur is not None and not self.cur.closed:
            self.cur.items.extend(_Item(t, is_head=True) for t in extra)
        elif extra:
            block = ["".join(extra + block[:1])] + block[1:]
        self._new(block)
        return j

    def _open(self) -> _Draft:
        """The article text belongs to: the current one (even after its closing dateline, as
        boxes like "链接" follow it), a headless one only at the very top of the page."""
        return self.cur or self._new([])

    def _on_body(self, i: int) -> int:
        text = self.paras[i].text
        cur = self._open()
        last = self._last_body()
        if last is not None and continues(last, text):
            cur.items[-1].text = last + text
        else:
            cur.items.append(_Item(text))
        return i + 1

    def _on_lead(self, i: int) -> int:
        credit, rest = bylines.parse_lead(self.paras[i].text)
        cur = self._open()
        if cur.lead is not None or len(cur.items) > 1:
            # a further dated item inside a compound article (rmrb "速览", a leader's meetings)
            return self._on_body(i)
        cur.lead = credit
        if rest:
            cur.items.append(_Item(rest))
        return i + 1

    def _on_byline(self, i: int) -> int:
        credit = bylines.parse_standalone(self.paras[i].text)
        cur = self._open()
        if not cur.credits and not cur.lead and cur.items:
            cur.byline_at = len(cur.items)
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

    def _on_end(self, i: int) -> int:
        if self.cur is not None:
            self.cur.credits.append(bylines.split_end_dateline(self.paras[i].text)[1])
            self.cur.closed = True
        return i + 1

    def _on_tip(self, i: int) -> int:
        cur = self._open()
        inline = _TIP_MARK.sub("", self.paras[i].text)
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


def _rotate_out_of_order(d: _Draft) -> None:
    """Text broken off at the end while a standalone byline sits mid-article: the block before the
    byline was placed out of column order and belongs after the broken-off end."""
    items = d.items
    if not 0 < d.byline_at < len(items) or items[-1].is_head or is_terminated(items[-1].text):
        return
    head, tail = items[:d.byline_at], items[d.byline_at:]
    if head[0].is_head:
        return
    if continues(tail[-1].text, head[0].text):
        tail[-1] = _Item(tail[-1].text + head[0].text)
        head = head[1:]
    d.items = tail + head


def _close_tail(d: _Draft) -> None:
    """Credits glued to the last paragraph: "…。（本报上海12月20日电）", "…。 新华社记者 徐昱摄"."""
    if not d.items or d.items[-1].is_head:
        return
    text, credit = bylines.split_end_dateline(d.items[-1].text)
    if credit is None:
        text, credit = bylines.split_trailing_photo(text)
    if credit is not None:
        d.items[-1].text = text
        d.credits.append(credit)
        if not text:
            d.items.pop()


def _finish(d: _Draft, seq: int, pub: date | None) -> Article:
    _rotate_out_of_order(d)
    _close_tail(d)
    kicker, headline, sub = _assign_titles(d.titles) if d.titles else ("", "", "")
    a = Article(seq=seq, kicker=kicker, headline=headline, subheadline=sub,
                reading_tip="\n".join(d.tip))
    for c in ([d.lead] if d.lead else []) + d.credits:
        a.agency = a.agency or c.agency
        if c.place and not a.dateline_place:
            a.dateline_place = c.place
        if c.day and a.dateline_date is None:
            a.dateline_date = bylines.resolve_date(c.month, c.day, pub)
        for mine, theirs in ((a.reporters, c.reporters), (a.correspondents, c.correspondents),
                             (a.photographers, c.photographers), (a.editors, c.editors)):
            mine.extend(n for n in theirs if n not in mine)
    a.section_heads = [it.text for it in d.items if it.is_head]
    a.body = "\n".join(it.text for it in d.items)
    if a.photographers and not d.lead and len(d.items) <= _MAX_PHOTO_PARAS and not d.tip:
        a.kind = "photo"
    return a


def split_text(text: str, pub_date: date | None = None) -> list[Article]:
    """The articles of one decoded page, in order, every field filled. Never raises."""
    if not isinstance(text, str) or not text.strip():
        return []
    drafts = [d for d in _Splitter(text).run() if d.titles or d.items]
    return [_finish(d, seq, pub_date) for seq, d in enumerate(drafts, 1)]
