"""The repairs made to an article once the splitter has read all of it, and its `Article`.

A page break or a column read out of order leaves marks a whole article shows: a block placed
before its text's broken-off end (rotated back), a byline glued to the last paragraph (taken off
as a credit), a section's byline met mid-body (kept in the body where it stood), a note mark read
as a title line (put back as the body's first section head). Then its titles are assigned and
its credits resolved into the article's fields.
"""
from __future__ import annotations

import re
from datetime import date

from tasks.split import bylines
from tasks.split.article import Article
from tasks.split.draft import BodyItem, Draft
from tasks.split.layout import continues, is_terminated
from tasks.split.titles import assign_titles

# lines that head the body's first section, never a title line: an editor's note, a section number
_BODY_MARKS = frozenset({"编者的话", "编者按", "开栏的话", "写在前面"})
_NUMERAL = re.compile(r"^[一二三四五六七八九十]{1,3}$")
_MAX_PHOTO_PARAS = 3    # an article this short with a photo credit is a captioned photo


def _rotate_out_of_order(d: Draft) -> None:
    """Text broken off at the end while a standalone byline sits mid-article: the block before the
    byline was placed out of column order and belongs after the broken-off end (and the byline,
    the article's own, opens it: it is no section byline to keep in the body)."""
    items = d.items
    if not 0 < d.byline_at < len(items) or items[-1].is_head or is_terminated(items[-1].text):
        return
    head, tail = items[:d.byline_at], items[d.byline_at:]
    if head[0].is_head:
        return
    joined = continues(tail[-1].text, head[0].text)
    if joined:
        tail[-1] = BodyItem(tail[-1].text + head[0].text)
        head = head[1:]
    d.items = tail + head
    d.inline_bylines = [(k - d.byline_at if k > d.byline_at else k + len(tail) - joined, line)
                        for k, line in d.inline_bylines if k != d.byline_at]


def _put_back_bylines(d: Draft) -> None:
    """Standalone bylines met after the body began and followed by more of it (a section's, not
    the article's closing one) go back into it where they stood."""
    n = len(d.items)
    for k, line in reversed(d.inline_bylines):
        if k < n:
            d.items.insert(k, BodyItem(line))


def _close_tail(d: Draft) -> None:
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


def _note_mark_to_body(d: Draft) -> None:
    """Blank-line pages: a two-line title block whose second line is an editor's note mark
    ("咱们村，年味浓" / "编者的话") or a section number ("犀牛寨的炊烟" / "一") is a headline over
    its first section head; the line goes back to the body."""
    if not d.blank_lines or len(d.titles) != 2:
        return
    second = d.titles[1]
    if second in _BODY_MARKS or _NUMERAL.match(second):
        d.titles = d.titles[:1]
        d.items.insert(0, BodyItem(second, is_head=True))


def finish(d: Draft, seq: int, pub: date | None) -> Article:
    """The article `d` read, repaired and numbered `seq`; `pub`, the publication date, gives the
    year and month a dateline leaves out."""
    _rotate_out_of_order(d)
    _close_tail(d)
    _put_back_bylines(d)
    _note_mark_to_body(d)
    kicker, headline, sub = d.slots or (assign_titles(d.titles, d.lead is not None) if d.titles
                                         else ("", "", ""))
    a = Article(seq=seq, kicker=kicker, headline=headline, subheadline=sub,
                reading_tip="\n".join(d.tip), page=d.page)
    for c in ([d.lead] if d.lead else []) + d.credits:
        a.agency = a.agency or c.agency
        if c.place and not a.dateline_place:
            a.dateline_place = c.place
        if c.day and a.dateline_date is None:
            a.dateline_date = bylines.resolve_date(c.month, c.day, pub, c.year)
        for mine, theirs in ((a.reporters, c.reporters), (a.correspondents, c.correspondents),
                             (a.photographers, c.photographers), (a.editors, c.editors)):
            mine.extend(n for n in theirs if n not in mine)
    a.section_heads = [it.text for it in d.items if it.is_head]
    a.body = "\n".join(it.text for it in d.items)
    if a.photographers and not d.lead and len(d.items) <= _MAX_PHOTO_PARAS and not d.tip:
        a.kind = "photo"
    return a
