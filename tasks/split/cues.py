"""What one paragraph looks like to the splitter: its role read from its text alone, and the line
shapes (column tags, document notes, column names) that several steps of the splitter read.

A paragraph's role is one of: "title" (a kicker, headline, subheadline or section head: which one
is decided later, by context), "lead" (opens on a dateline), "byline" (a standalone byline),
"signature" (a bare name signing a piece), "photo" (a photo credit), "editor", "credit" (another
credit line), "source" (a picture's source or a column's e-mail address), "cited" (the source
an evening paper names at the end of a story it took: "据新华社"), "author" (the writer's line
under a title: "作者：张三"), "end" (a closing dateline), "tip" (a reading-tip label), "folio" (a
page marker, 第02版：综合; a running head or foot is told by where it stands, see the splitter)
or "body".
"""
from __future__ import annotations

import re

from tasks.split import bylines
from tasks.split.layout import Para, is_terminated

MAX_TITLE = 60          # headlines/subheadlines in rmrb 2019-02: 99 % are at most 60 characters
MAX_KICKER = 120        # kickers ending in "——" run longer (a whole sentence leading to the headline)
MAX_INDENT_TITLE = 150  # titles of indented pages and titles above a lead run this long
MAX_TITLE_LINES = 3     # kicker, headline, subheadline
_MAX_CREDIT = 40        # credit lines and closing datelines are short
_MAX_TIP_MARK = 8       # a reading-tip label alone on its line
_MAX_EXCLAIMED_TITLE = 24  # a title ending on ！/？ is short…
_MAX_EXCLAMATION = 10   # …and shorter still with a comma ("新春招聘会，火爆！")

TIP_MARK = re.compile(r"^[【\[]?(?:阅读提示|核心阅读|编者按|内容提要)[】\]]?\s*[:：]?\s*")
# paragraphs that open with a date are news text, never titles ("12月12日，上海…")
_DATE_START = re.compile(r"^(?:\d{1,2}月)?\d{1,2}日[，,]")
# a front page's pointer to the page a story runs on: "告别新闻 A07", "详见第5版"
_JUMP = re.compile(r"(?:\s|见|转)(?:第?[A-H]?\d{1,2}版|[A-H]\d{1,2})$")
# a letter's date line or a highlighted figure ("2019年1月21日", "296户", "10.5%"): body text
# (a year run into words is a title: "2019春运一线")
DATE_OR_FIGURE = re.compile(r"^(?:\d{4}年\d{1,2}月\d{1,2}日|(?!(?:19|20)\d\d[^\d年.,%])[\d.,%]+\S{0,4})$")
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(?:\.[\w-]+)+$", re.ASCII)
# a headline carrying a column tag: "基层情怀，问计于民听心声（评论员观察）"
COLUMN_TAG = re.compile(r"[（(][^（()）]{1,50}(?:[（(][^（()）]{1,6}[）)])?[^（()）]{0,4}[）)]$")
# a kicker ends on a reporting verb leading to the headline ("…时强调")
KICKER_END = re.compile(r"(?:强调|指出|要求|印发|表示|宣布|提出|时说|发布|发表)$")
# a document's number ("［十三届］第五号", "第703号") and its date or adoption note ("（2019年1月31日）",
# "（二〇一八年…会议通过）")
DOC_NO_PATTERN = r"^[［\[（(]?[^，。]{0,8}第[一二三四五六七八九十百零〇\d]+号[］\]）)]?$"
DOC_DATE_PATTERN = r"^[（(][^（()）]*(?:\d{4}|[〇一二][〇一二三四五六七八九]{3})年[^（()）]*[）)]$"
DOC_NO = re.compile(DOC_NO_PATTERN)
DOC_DATE = re.compile(DOC_DATE_PATTERN)
# titles of standing photo/brief columns that never carry a byline
STANDING_TITLES = frozenset({"图片报道", "图片新闻", "新闻速览", "速览", "简讯", "本版责编", "广告",
                             "启事"})


# a page's running head or foot (folio): date with weekday or page, or the page alone
# ("江西日报　2025年6月18日　星期三　第3版", "A05", "A06 城市新闻"); page furniture, not an article's text
_FOLIO = re.compile(
    r"^(?=[^，。！？；“”]{3,60}$)(?:"
    r"(?=.*(?:(?:\d{4}|民国\s*\d{1,3})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|\d{4}[-./]\d{1,2}[-./]\d{1,2}))"
    r"(?=.*(?:星期[一二三四五六日天]|周[一二三四五六日]|第\s*[A-H]?\d{1,3}\s*版"
    r"|(?<![A-Za-z])[A-H]\d{1,2}(?!\d)))"
    r"|[A-H]\d{1,2}\s*版?(?:\s+[\u4e00-\u9fff·]{2,6})?$)")
# lines from either end of a page where a folio stands
FOLIO_REACH = 2
# a page and its name, a marker that stands anywhere in a file of a whole issue ("第02版：综合",
# "第3版", "第A05版"): the page number of what follows, when it has no letter
PAGE_MARK = re.compile(r"^第\s*(?:(?P<page>\d{1,3})|[A-H]\d{1,3})\s*版(?:\s*[：:]?\s*[\u4e00-\u9fff·]{1,8})?$")


def is_folio(text: str) -> bool:
    return bool(_FOLIO.match(text) or PAGE_MARK.match(text))


def paragraph_role(p: Para, indent_mode: bool) -> str:
    """The role of paragraph `p` read from its text alone (see the module doc); `indent_mode`:
    the page marks paragraphs by indentation."""
    text = p.text
    if TIP_MARK.match(text) and len(text) <= _MAX_TIP_MARK:
        return "tip"
    if len(text) <= _MAX_CREDIT:
        if PAGE_MARK.match(text):
            return "folio"
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
        if bylines.is_picture_source(text) or _EMAIL.match(text):
            return "source"   # (a column's e-mail address under its last piece, too)
        if bylines.is_cited_source(text):
            return "cited"
        if bylines.is_author_line(text):
            return "author"
        if not indent_mode and bylines.is_signature(text):
            return "signature"
    if bylines.parse_lead(text) is not None:
        return "lead"
    if title_like(p, indent_mode):
        return "title"
    return "body"


def title_like(p: Para, indent_mode: bool) -> bool:
    """Could be a kicker, headline, subheadline or section head (decided later by context)."""
    text = p.text
    if text.endswith(("：", ":", "，", ",")):
        return False   # a salutation ("女士们，先生们，") or a lead-in ("这正是："), never a title
    if indent_mode:
        return not p.indented and len(text) <= MAX_INDENT_TITLE
    if _DATE_START.match(text) or DATE_OR_FIGURE.match(text) or (
            (text[-1].isdigit() or text[-1] == "版") and _JUMP.search(text)):
        return False
    if text.endswith("——"):
        # a kicker leading to the headline, whole sentences included ("…湿地——")
        return len(text) <= MAX_KICKER
    if "。" in text.rstrip("。”"):
        return False
    if len(text) > MAX_TITLE:
        return False
    if text.endswith(("，", ",", "、", "：", ":", "；", ";", "。", "……")):
        return False
    # "新春招聘会，火爆！" and quoted headlines end on ！/？/” without being sentences; a longer
    # exclamation or question with a comma is one ("最后，祝大家新春快乐，万事如意！"): rmrb 2019-02
    # has 68 such paragraphs of 11-24 characters and no such title line
    if not is_terminated(text):
        return True
    return len(text) <= _MAX_EXCLAIMED_TITLE and not (
        len(text) > _MAX_EXCLAMATION and ("，" in text or "," in text))


def tagged(line: str) -> bool:
    """Ends on a column tag ("…（评论员观察）"); a line that is all parenthesis is a note."""
    return bool(COLUMN_TAG.search(line)) and not line.startswith(("（", "("))


def is_column_name(line: str) -> bool:
    """A bare column name standing as headline ("速览", "数读", "来论"): rmrb has 372 headlines of
    at most five characters with neither kicker nor subheadline, and 44 kickers that short."""
    return len(line) <= 5 and " " not in line and not line.endswith(("——", "：", ":")) \
        and not KICKER_END.search(line)
